"""QRE predictions as an analysis model, and the QRE limit as an equilibrium-selection rule."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from scipy import stats

from gametheory import NormalFormGame
from gametheory.exceptions import (
    EquilibriumSelectionError,
    InvalidArgumentError,
    ParameterError,
    UnsupportedGameError,
)
from gametheory.scenarios import strike_or_restrain
from gametheory.sensitivity import (
    AnalysisModel,
    LogitLimit,
    LogitLimitModel,
    MaxOutcome,
    Payoff,
    Probability,
    QREModel,
    monte_carlo,
    regime_map,
    sweep,
    thresholds,
    tornado,
)
from gametheory.sensitivity.models import as_model
from gametheory.solvers.qre import QRE_TOLERANCE, logit_qre, qre_path, qre_residual

FIXED = {"b": 1, "d": 0.5, "k": 2, "l": 1}


def _max_diff(profile: tuple[np.ndarray, ...], index: tuple[int, ...], expected: tuple[np.ndarray, ...]) -> float:
    return max(float(np.max(np.abs(p[index] - q))) for p, q in zip(profile, expected, strict=True))


def test_batched_solve_agrees_with_logit_qre_on_the_seed_scenario() -> None:
    game = strike_or_restrain()
    model = QREModel(game, lam="lam").fix(FIXED)
    values = {
        "R": np.array([0.2, 1.0, 3.0])[:, None, None],
        "c": np.array([0.5, 2.5])[None, :, None],
        "lam": np.array([0.0, 0.7, 4.0, 25.0])[None, None, :],
    }
    grid = model.solve_grid(values, (3, 2, 4))
    for index in np.ndindex(3, 2, 4):
        point = {"R": values["R"].ravel()[index[0]], "c": values["c"].ravel()[index[1]], **FIXED}
        numeric = game.substitute(point)
        lam = float(values["lam"].ravel()[index[2]])
        expected = logit_qre(numeric, lam)
        assert _max_diff(grid.probabilities, index, expected.profile) < 1e-8
        assert np.allclose(grid.payoffs[index], expected.payoffs, atol=1e-8)
        profile = [p[index] for p in grid.probabilities]
        assert qre_residual(numeric, profile, lam) <= QRE_TOLERANCE * (1 + lam * 10)
    assert np.max(grid.residual) < 1e-12


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 2, 2)])
def test_batched_solve_agrees_on_random_parametric_games(shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(sum(shape))
    a = sympy.Symbol("a")
    count = len(shape)
    base = rng.normal(size=(*shape, count)).round(2)
    slope = rng.normal(size=(*shape, count)).round(2)
    payoffs = np.empty((*shape, count), dtype=object)
    for index in np.ndindex(*payoffs.shape):
        payoffs[index] = sympy.nsimplify(base[index]) + sympy.nsimplify(slope[index]) * a
    game = NormalFormGame(payoffs)
    axis = np.linspace(-2, 2, 9)
    grid = QREModel(game, lam=3.0).solve_grid({"a": axis}, (9,))
    for k, value in enumerate(axis):
        numeric = game.substitute({"a": float(value)})
        expected = logit_qre(numeric, 3.0)
        assert _max_diff(grid.probabilities, (k,), expected.profile) < 1e-8
        assert qre_residual(numeric, [p[k] for p in grid.probabilities], 3.0) < 1e-12


def test_lam_zero_is_uniform_everywhere() -> None:
    grid = (
        QREModel(strike_or_restrain(), lam=0)
        .fix(FIXED)
        .solve_grid({"R": np.linspace(0.1, 5, 7)[:, None], "c": np.linspace(0.1, 5, 5)[None, :]}, (7, 5))
    )
    for p in grid.probabilities:
        assert np.array_equal(p, np.full_like(p, 0.5))


def test_sweep_tornado_and_monte_carlo_run_on_the_model() -> None:
    model = QREModel(strike_or_restrain(), lam=2.0)
    assert isinstance(model, AnalysisModel)
    assert as_model(model) is model
    result = sweep(model, {"R": np.linspace(0.1, 4, 30)}, fixed={"c": 1, **FIXED})
    assert result.branches == ("QRE",)
    assert result.holds.all()
    strike = result.outcome(Probability("US", "Strike"))
    assert np.all(np.diff(strike) > 0)  # a larger reputation cost of restraint: more striking, smoothly
    bars = tornado(
        model,
        Probability("Militia", "Attack"),
        base={"R": 1, "c": 1, **FIXED},
        ranges={"R": (0.5, 3), "c": (0.5, 3)},
        num=5,
    ).bars
    assert {bar.parameter for bar in bars} == {"R", "c"}
    assert all(np.isfinite(bar.swing) for bar in bars)
    draws = monte_carlo(
        model,
        {"R": stats.uniform(0.1, 3)},
        n=200,
        rng=1,
        fixed={"c": 1, **FIXED},
        outcomes={"attack": Probability("Militia", "Attack")},
    )
    assert draws.regime_probability == {"QRE": 1.0}
    assert 0 < draws.summary["attack"].mean < 1


def test_lam_as_a_swept_parameter_approaches_nash() -> None:
    game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    model = QREModel(game, lam="lam")
    result = sweep(model, {"lam": [0, 1, 10, 100]}, fixed={"R": 2, "c": 1})
    strike = result.outcome(Probability(0, 0))
    assert strike[0] == 0.5
    assert np.all(np.diff(strike) > 0)
    assert strike[-1] > 1 - 1e-12
    assert model.fix({"lam": 2}).parameters == tuple(game.parameters)


def test_formulas_are_refused() -> None:
    model = QREModel(strike_or_restrain(), lam=1)
    assert model.regimes() is None
    with pytest.raises(UnsupportedGameError):
        thresholds(model, "R", fixed={"c": 1, **FIXED})
    with pytest.raises(UnsupportedGameError):
        regime_map(model, ("R", [0.5, 1]), ("c", [0.5, 1]), fixed=FIXED)


def test_poles_are_not_equilibria() -> None:
    game = NormalFormGame.from_bimatrix([["1/x", 0], [0, 1]], [[1, 0], [0, 1]])
    model = QREModel(game, lam=1)
    evaluation = model.evaluate({"x": np.array([0.0, 2.0])}, (2,))
    assert evaluation.holds[:, 0].tolist() == [False, True]
    assert np.isnan(evaluation.probabilities[0][0]).all()
    assert not model.defined_at({"x": 0})
    assert model.defined_at({"x": 1})


def test_bad_input_raises_library_errors() -> None:
    game = strike_or_restrain()
    for lam in (-1, float("nan"), float("inf"), True, [1], "1lam"):
        with pytest.raises(InvalidArgumentError, match="lam"):
            QREModel(game, lam=lam)
    with pytest.raises(ParameterError, match="already"):
        QREModel(game, lam="R")
    with pytest.raises(UnsupportedGameError):
        QREModel("not a game", lam=1)  # type: ignore[arg-type]
    model = QREModel(game, lam="lam").fix(FIXED)
    with pytest.raises(ParameterError, match="nonnegative"):
        model.solve_grid({"R": np.array([1.0]), "c": np.array([1.0]), "lam": np.array([-1.0])}, (1,))
    with pytest.raises(ParameterError, match="unknown"):
        model.solve_grid({"R": np.array([1.0]), "c": np.array([1.0]), "lam": np.array([1.0]), "z": 1.0}, (1,))
    with pytest.raises(ParameterError, match="no value"):
        model.solve_grid({"R": np.array([1.0])}, (1,))
    with pytest.raises(ParameterError):
        sweep(model, {"zz": [1, 2]}, fixed={"c": 1, "lam": 1, "R": 1})
    with pytest.raises(InvalidArgumentError, match="tol"):
        model.evaluate({"R": np.array([1.0]), "c": np.array([1.0]), "lam": np.array([1.0])}, (1,), tol=-1)


def test_qre_limit_selects_in_a_coordination_game() -> None:
    # Both pure profiles are equilibria for every a > 0; the principal branch goes to the risk-dominant one.
    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    axis = [0.25, 0.5, 2.0, 4.0]
    result = sweep(LogitLimitModel(game), {"a": axis})
    row_first = result.outcome(Probability(0, 0), selection=LogitLimit())
    expected = [float(qre_path(game.substitute({"a": a})).limit.as_float()[0][0]) for a in axis]
    assert row_first.tolist() == expected == [0.0, 0.0, 1.0, 1.0]
    with pytest.raises(EquilibriumSelectionError):
        result.outcome(Probability(0, 0))  # several equilibria, no rule
    assert result.outcome(Payoff(0), selection=MaxOutcome()).tolist() == [1.0, 1.0, 2.0, 4.0]
    with pytest.raises(EquilibriumSelectionError, match="LogitLimitModel"):
        sweep(game, {"a": axis}).outcome(Payoff(0), selection=LogitLimit())
    bars = tornado(
        LogitLimitModel(game), Payoff(1), base={"a": 2}, ranges={"a": (0.5, 3)}, num=3, selection=LogitLimit()
    ).bars
    assert bars[0].outcomes.tolist() == [1.0, 1.0, 1.0, 1.0]
