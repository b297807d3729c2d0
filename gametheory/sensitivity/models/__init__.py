"""Analysis models: one way in for every sensitivity analysis.

``sweep``, ``thresholds``, ``regime_map``, ``tornado`` and ``monte_carlo``
analyse an :class:`AnalysisModel`. :func:`as_model` turns what a user passes
into one, once, at the door: a parametric normal-form game becomes a
:class:`NormalFormModel` (its equilibrium branches as formulas), a parametric
perfect-information tree a :class:`TreeModel` (its subgame-perfect regimes),
a parametric tree with imperfect information a :class:`PerfectBayesianModel`
(its perfect Bayesian regimes),
a function ``params -> game`` a :class:`FunctionModel` (solved point by
point), and a model passes through. A new solution concept plugs in by
writing one adapter: a class with the protocol's members (for a model solved
point by point, a :class:`PointModel` subclass with a ``solve`` method), or a
registration ``as_model.register(MyGame, MyModel)``.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

from gametheory.exceptions import UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity.models.functions import FunctionModel, PointModel, solve_game
from gametheory.sensitivity.models.normal_form import NormalFormModel
from gametheory.sensitivity.models.perfect_bayesian import PerfectBayesianModel
from gametheory.sensitivity.models.protocol import AnalysisModel, Evaluation, PointSolution, Regime
from gametheory.sensitivity.models.qre import LogitLimitModel, QREGrid, QREModel
from gametheory.sensitivity.models.trees import TreeModel

__all__ = [
    "AnalysisModel",
    "Evaluation",
    "FunctionModel",
    "LogitLimitModel",
    "NormalFormModel",
    "PerfectBayesianModel",
    "PointModel",
    "PointSolution",
    "QREGrid",
    "QREModel",
    "Regime",
    "TreeModel",
    "as_model",
    "solve_game",
]


@functools.singledispatch
def as_model(model: Any) -> AnalysisModel:
    """Coerce a game, a function ``params -> game`` or a model into an :class:`AnalysisModel`.

    Parameters
    ----------
    model : NormalFormGame, ExtensiveFormGame, callable or AnalysisModel
        What to analyse. Other types can be registered:
        ``as_model.register(MyGame, MyModel)``.

    Returns
    -------
    AnalysisModel

    Raises
    ------
    UnsupportedGameError
        If ``model`` is none of these.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> model = as_model(game)
    >>> type(model).__name__, as_model(model) is model
    ('NormalFormModel', True)
    >>> type(as_model(lambda params: game.substitute(params))).__name__
    'FunctionModel'
    """
    if all(_has(model, name) for name in _MEMBERS):  # implements the protocol (checked without calling properties)
        return model
    if callable(model):
        return FunctionModel(model)
    raise UnsupportedGameError(
        "expected a parametric NormalFormGame or ExtensiveFormGame, a callable params -> game, "
        f"or an AnalysisModel, not {type(model).__name__}"
    )


_MEMBERS = ("parameters", "game", "fix", "evaluate", "regimes", "defined_at")


def _has(model: Any, name: str) -> bool:
    try:
        inspect.getattr_static(model, name)
    except AttributeError:
        return False
    return True


as_model.register(NormalFormGame, NormalFormModel)


@as_model.register
def _tree_model(tree: ExtensiveFormGame) -> AnalysisModel:
    # Imperfect information (a non-singleton information set): perfect Bayesian regimes.
    return TreeModel(tree) if tree.is_perfect_information else PerfectBayesianModel(tree)
