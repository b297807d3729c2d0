"""Meta-tests of the written API style, over every public module and function.

* every module declares ``__all__`` and every name in it exists;
* options with defaults are keyword-only;
* every public function, class and method has a numpydoc docstring with an example;
* ``gametheory/__init__.py`` re-exports names explicitly and only from inside the package.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import gametheory

# Optional-dependency modules are still checked, but only when their dependency is installed.
OPTIONAL = {"gametheory.plot": "matplotlib"}


def all_modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(gametheory.__path__, prefix="gametheory."):
        for prefix, dependency in OPTIONAL.items():
            if info.name.startswith(prefix):
                pytest.importorskip(dependency)
        if info.name == "gametheory.__main__":
            continue
        yield importlib.import_module(info.name)


MODULES = sorted(m.__name__ for m in all_modules())


def public_callables() -> Iterator[tuple[str, Any]]:
    seen: set[int] = set()
    for name in MODULES:
        module = importlib.import_module(name)
        if any(part.startswith("_") for part in name.split(".")):
            continue  # private modules, and everything in the private package gametheory._internal
        for attr in module.__all__:
            obj = getattr(module, attr)
            if id(obj) in seen or not callable(obj) or getattr(obj, "__module__", "") != name:
                continue
            seen.add(id(obj))
            yield f"{name}.{attr}", obj
            if inspect.isclass(obj) and not issubclass(obj, BaseException):
                for method_name, method in vars(obj).items():
                    if method_name.startswith("_"):
                        continue
                    function = method.__func__ if isinstance(method, classmethod | staticmethod) else method
                    if inspect.isfunction(function):
                        yield f"{name}.{attr}.{method_name}", function


CALLABLES = sorted(public_callables(), key=lambda item: item[0])


@pytest.mark.parametrize("name", MODULES)
def test_module_declares_all(name: str) -> None:
    module = importlib.import_module(name)
    assert isinstance(getattr(module, "__all__", None), list | tuple), f"{name} has no __all__"
    for attr in module.__all__:
        assert hasattr(module, attr), f"{name}.__all__ names missing {attr}"


@pytest.mark.parametrize(("name", "obj"), CALLABLES, ids=[n for n, _ in CALLABLES])
def test_options_with_defaults_are_keyword_only(name: str, obj: Any) -> None:
    if inspect.isclass(obj) and getattr(obj, "__dataclass_fields__", None):
        return  # Result records are built by the library, field by field.
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return
    positional = [
        p.name
        for p in signature.parameters.values()
        if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is not p.empty and p.name not in {"self", "cls"}
    ]
    assert not positional, f"{name}: options with defaults must be keyword-only: {positional}"


@pytest.mark.parametrize(("name", "obj"), CALLABLES, ids=[n for n, _ in CALLABLES])
def test_docstring_has_an_example(name: str, obj: Any) -> None:
    doc = inspect.getdoc(obj) or ""
    assert doc, f"{name} has no docstring"
    if inspect.isclass(obj) and getattr(obj, "__dataclass_fields__", None):
        return  # Records document their attributes; examples live on the functions returning them.
    if isinstance(obj, type) and issubclass(obj, BaseException):
        return
    assert "Examples\n--------" in doc, f"{name} has no Examples section"
    assert ">>>" in doc, f"{name} has no runnable example"


def test_top_level_reexports_are_explicit() -> None:
    for attr in gametheory.__all__:
        obj = getattr(gametheory, attr)
        if not (inspect.isclass(obj) or inspect.isroutine(obj) or inspect.ismodule(obj)):
            continue  # Type aliases and constants.
        module = getattr(obj, "__module__", None) or getattr(obj, "__name__", "")
        assert attr == "__version__" or str(module).startswith("gametheory"), attr


def test_no_star_imports() -> None:
    for name in MODULES:
        source = inspect.getsource(importlib.import_module(name))
        assert "import *" not in source, name


# ---------------------------------------------------------------------- shared options: tol and rng
def _parameter_users(*names: str) -> list[str]:
    """Public callables with a parameter named one of ``names`` (or ending in ``_tol``), found by introspection."""
    found = []
    for name, obj in CALLABLES:
        try:
            parameters = inspect.signature(obj).parameters
        except (TypeError, ValueError):
            continue
        if any(p in names or (p.endswith("_tol") and "tol" in names) for p in parameters):
            found.append(name)
    return found


def _option_calls() -> dict[str, Any]:
    """How to call each public function taking ``tol`` or ``rng``, given a bad value ``v`` for that option."""
    import numpy as np

    from gametheory import NormalFormGame, find_equilibrium, fit_qre, parametric_equilibria
    from gametheory.dynamics import fictitious_play
    from gametheory.repeated import play_match, tournament
    from gametheory.repeated.strategies import TitForTat
    from gametheory.scenarios import militia_control, stay_or_withdraw
    from gametheory.sensitivity import QREModel, as_model, monte_carlo, regime_map, sweep, tornado
    from gametheory.solvers import is_nash, pure_equilibria
    from gametheory.testing import assert_equilibrium, assert_in_every_equilibrium, assert_same_equilibria, plays

    game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    parametric = NormalFormGame.from_bimatrix([["a", "b"], [0, 1]], [[1, 0], [0, 1]])
    profile = [[1, 0], [1, 0]]
    draw = {"a": lambda rng, n: rng.normal(size=n)}
    return {
        "gametheory.dynamics.fictitious_play.fictitious_play": lambda v: fictitious_play(game, iterations=2, rng=v),
        "gametheory.games.normal_form.NormalFormGame.best_responses": lambda v: game.best_responses(profile, tol=v),
        "gametheory.estimation.qre_fit.fit_qre": lambda v: fit_qre(game, ([3, 1], [1, 3]), rng=v),
        "gametheory.parametric.results.NumericBranch.condition": lambda v: (
            parametric_equilibria(parametric)[0].numeric().condition({"a": 1.0, "b": 0.0}, tol=v)
        ),
        "gametheory.repeated.match.play_match": lambda v: play_match(
            dilemma, TitForTat(), TitForTat(), rounds=2, rng=v
        ),
        "gametheory.repeated.tournament.tournament": lambda v: tournament(dilemma, [TitForTat()], rounds=2, rng=v),
        "gametheory.sensitivity.monte_carlo.monte_carlo": {
            "tol": lambda v: monte_carlo(parametric, draw, n=2, fixed={"b": 0}, tol=v),
            "rng": lambda v: monte_carlo(parametric, draw, n=2, fixed={"b": 0}, rng=v),
        },
        **dict.fromkeys(
            [
                "gametheory.sensitivity.models.normal_form.NormalFormModel.evaluate",
                "gametheory.sensitivity.models.protocol.AnalysisModel.evaluate",
            ],
            lambda v: as_model(parametric).fix({"b": 0}).evaluate({"a": np.array([1.0])}, (1,), tol=v),
        ),
        "gametheory.sensitivity.models.qre.QREModel.evaluate": lambda v: QREModel(parametric, lam=1).evaluate(
            {"a": np.array([1.0]), "b": np.array([0.0])}, (1,), tol=v
        ),
        "gametheory.sensitivity.models.functions.PointModel.evaluate": lambda v: as_model(lambda p: game).evaluate(
            {"a": np.array([1.0])}, (1,), tol=v
        ),
        "gametheory.sensitivity.models.trees.TreeModel.evaluate": lambda v: as_model(stay_or_withdraw()).evaluate(
            {}, (), tol=v
        ),
        "gametheory.sensitivity.models.perfect_bayesian.PerfectBayesianModel.evaluate": lambda v: as_model(
            militia_control(
                escalation_cost=1,
                misattribution_cost=1,
                attack_gain=1,
                restraint_cost=3,
                iran_loss=1,
                militia_loss=2,
                reputation_cost=3,
            )
        ).evaluate({"p": np.array([0.5])}, (1,), tol=v),
        "gametheory.sensitivity.regime_map.regime_map": lambda v: regime_map(
            parametric, ("a", [0, 1]), ("b", [0, 1]), tol=v
        ),
        "gametheory.sensitivity.sweep.sweep": lambda v: sweep(parametric, {"a": [-1, 2]}, fixed={"b": 0}, tol=v),
        "gametheory.sensitivity.tornado.tornado": lambda v: tornado(
            parametric, lambda eq: 0.0, base={"a": 1, "b": 0}, ranges={"a": (0, 2)}, tol=v
        ),
        "gametheory.solvers.path_following.find_equilibrium": lambda v: find_equilibrium(game, rng=v),
        "gametheory.solvers.pure.pure_equilibria": lambda v: pure_equilibria(game, tol=v),
        "gametheory.solvers.verify.is_nash": lambda v: is_nash(game, profile, tol=v),
        "gametheory.testing.Claim.holds": lambda v: plays(0, 0).holds(game, pure_equilibria(game)[0], tol=v),
        "gametheory.testing.assert_equilibrium": lambda v: assert_equilibrium(game, profile, tol=v),
        "gametheory.testing.assert_in_every_equilibrium": lambda v: assert_in_every_equilibrium(
            game, plays(0, 0), rng=v
        ),
        "gametheory.testing.assert_same_equilibria": lambda v: assert_same_equilibria([profile], [profile], tol=v),
    }


@pytest.mark.parametrize(("option", "names"), [("tol", ("tol", "atol", "rtol")), ("rng", ("rng", "seed"))])
def test_every_tol_and_rng_option_rejects_bad_values(option: str, names: tuple[str, ...]) -> None:
    """Every public function with a ``tol`` (or ``rng``) option rejects nan, -1, "x", 1j (or "seed", 1.5, -1)."""
    from gametheory.exceptions import InvalidArgumentError

    calls = _option_calls()
    users = _parameter_users(*names)
    assert users, f"no public function takes {option}"
    missing = sorted(set(users) - set(calls))
    assert not missing, f"add a call to _option_calls for: {missing}"
    bad_values = [float("nan"), -1, "x", 1j, float("inf")] if option == "tol" else ["seed", 1.5, -1, [1.5], object()]
    for name in users:
        call = calls[name]
        if isinstance(call, dict):
            call = call[option]
        for value in bad_values:
            with pytest.raises(InvalidArgumentError, match=option):
                call(value)
