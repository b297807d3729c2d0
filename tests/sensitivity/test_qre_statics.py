"""Comparative statics of QRE predictions: implicit derivatives against finite differences and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from gametheory import NormalFormGame
from gametheory.exceptions import InvalidArgumentError, ParameterError
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.parametric.statics import comparative_statics
from gametheory.scenarios import strike_or_restrain
from gametheory.sensitivity import QREModel, QREStatics, qre_comparative_statics
from gametheory.solvers.qre import logit_qre

FIXED = {"b": 1, "d": 0.5, "k": 2, "l": 1}
STEP = 1e-5


def _qre(game: NormalFormGame, point: dict[str, float], lam: float) -> tuple[list[np.ndarray], np.ndarray]:
    qre = logit_qre(game.substitute(point), lam)
    return [np.asarray(p, dtype=np.float64) for p in qre.profile], np.asarray(qre.payoffs, dtype=np.float64)


def _finite_difference(
    game: NormalFormGame, point: dict[str, float], lam: float, parameter: str
) -> tuple[list[np.ndarray], np.ndarray]:
    """Central differences of logit_qre's profile and payoffs in ``parameter`` (a payoff parameter or "lam")."""
    if parameter == "lam" and lam < STEP:  # lam >= 0: a one-sided difference of the same order
        (p0, u0), (p1, u1), (p2, u2) = (_qre(game, point, lam + j * STEP) for j in range(3))
        profile = [(4 * b - 3 * a - c) / (2 * STEP) for a, b, c in zip(p0, p1, p2, strict=True)]
        return profile, (4 * u1 - 3 * u0 - u2) / (2 * STEP)
    if parameter == "lam":
        (up, u_up), (down, u_down) = _qre(game, point, lam + STEP), _qre(game, point, lam - STEP)
    else:
        up, u_up = _qre(game, {**point, parameter: point[parameter] + STEP}, lam)
        down, u_down = _qre(game, {**point, parameter: point[parameter] - STEP}, lam)
    return [(a - b) / (2 * STEP) for a, b in zip(up, down, strict=True)], (u_up - u_down) / (2 * STEP)


def _assert_matches_finite_differences(statics: QREStatics, game: NormalFormGame, fixed: dict[str, float]) -> None:
    shape = statics.payoffs.shape[:-1]
    name = statics.parameter.name
    for index in np.ndindex(*shape):
        point = {**fixed, **{n: float(v[index]) for n, v in statics.values.items()}}
        lam = point.pop("lam") if "lam" in point else float(statics.model.lam)
        expected, payoffs = _finite_difference(game, point, lam, name)
        for derivative, value in zip(statics.derivatives, expected, strict=True):
            np.testing.assert_allclose(derivative[index], value, atol=1e-5, rtol=1e-5)
        np.testing.assert_allclose(statics.payoff_derivatives[index], payoffs, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("parameter", ["R", "c", "b", "lam"])
def test_derivatives_match_finite_differences_on_the_seed_scenario(parameter: str) -> None:
    game = strike_or_restrain()
    fixed = {key: value for key, value in FIXED.items() if key != parameter}
    model = QREModel(game, lam="lam").fix(fixed)
    at = {
        "R": np.array([0.3, 1.0, 3.0])[:, None, None],
        "c": np.array([0.5, 2.0])[None, :, None],
        "lam": np.array([0.0, 0.7, 4.0])[None, None, :],
    }
    if parameter == "b":
        at["b"] = np.array(0.8)
    statics = qre_comparative_statics(model, parameter, at=at)
    assert statics.parameter.name == parameter
    assert statics.derivatives[0].shape == (3, 2, 3, 2)
    assert statics.payoff_derivatives.shape == (3, 2, 3, 2)
    _assert_matches_finite_differences(statics, game, fixed)
    for derivative in statics.derivatives:  # probabilities stay on the simplex
        np.testing.assert_allclose(derivative.sum(axis=-1), 0.0, atol=1e-12)


def _random_game(rng: np.random.Generator, shape: tuple[int, ...]) -> NormalFormGame:
    """Payoffs affine in two parameters ``a`` and ``e`` with random integer coefficients."""
    a, e = sympy.symbols("a e")
    payoffs = np.empty((*shape, len(shape)), dtype=object)
    for index in np.ndindex(payoffs.shape):
        base, slope_a, slope_e = (int(v) for v in rng.integers(-4, 5, size=3))
        payoffs[index] = base + slope_a * a + slope_e * e * a / 2 if rng.random() < 0.3 else base + slope_a * a
        if rng.random() < 0.5:
            payoffs[index] += slope_e * e
    return NormalFormGame(payoffs)


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 2, 2)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_derivatives_match_finite_differences_on_random_games(shape: tuple[int, ...], seed: int) -> None:
    rng = np.random.default_rng(seed)
    game = _random_game(rng, shape)
    model = QREModel(game, lam="lam")
    at = {name: rng.uniform(-1, 1, size=3) for name in ("a", "e")} | {"lam": rng.uniform(0.2, 1.5, size=3)}
    at = {name: value for name, value in at.items() if name in {p.name for p in model.parameters}}
    for parameter in at:
        statics = qre_comparative_statics(model, parameter, at=at)
        _assert_matches_finite_differences(statics, game, {})


def test_derivatives_at_a_fixed_lam_and_at_a_single_point() -> None:
    game = strike_or_restrain()
    statics = qre_comparative_statics(QREModel(game, lam=2.5).fix(FIXED), "R", at={"R": 1.5, "c": 0.8})
    assert statics.derivatives[0].shape == (2,)
    assert statics.payoff_derivatives.shape == (2,)
    _assert_matches_finite_differences(statics, game, FIXED)


def test_own_payoff_effect_where_the_mixed_nash_equilibrium_does_not_move() -> None:
    # The inspection game in its mixed regime (R > c, b + l < k): in Nash the militia's attack probability c / R
    # ignores its own gain b, and the US's strike probability b / (k - l) ignores its own costs c and R.
    game = strike_or_restrain()
    mixed = parametric_equilibria(game)[-1]
    assert mixed.label == "US mixes Strike/Restrain; Militia mixes Attack/Hold"
    assert comparative_statics(mixed, "b").probabilities[1] == (0, 0)
    assert comparative_statics(mixed, "c").probabilities[0] == (0, 0)
    model = QREModel(game, lam="lam").fix({"d": 0.5, "k": 3, "l": 1, "R": 2})
    at = {"b": np.array([0.2, 0.6, 1.2])[:, None], "c": np.array([0.5, 1.0, 1.5])[:, None], "lam": [0.5, 2.0, 8.0]}
    # Raising the militia's payoff from Attack (b) raises its attack probability.
    gain = qre_comparative_statics(model, "b", at=at)
    assert np.all(gain.derivative("Militia", "Attack") > 0)
    assert np.all(gain.signs[1][..., 0] == 1)
    assert np.all(gain.signs[1][..., 1] == -1)
    # Raising the US's cost of striking (lowering its own payoff from Strike) lowers its strike probability.
    cost = qre_comparative_statics(model, "c", at=at)
    assert np.all(cost.derivative("US", "Strike") < 0)
    assert np.all(cost.signs[0][..., 0] == -1)


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 3, 2)])
def test_derivative_in_lam_at_zero_is_the_closed_form(shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(7)
    payoffs = rng.integers(-5, 6, size=(*shape, len(shape)))
    game = NormalFormGame(payoffs)
    statics = qre_comparative_statics(QREModel(game, lam="lam"), "lam", at={"lam": 0.0})
    uniform = [np.full(n, 1.0 / n) for n in shape]
    for player, n in enumerate(shape):
        # v: player's payoff from each own strategy when everyone else plays uniformly.
        v = np.moveaxis(payoffs[..., player].astype(float), player, 0).reshape(n, -1).mean(axis=1)
        expected = uniform[player] * (v - v.mean())
        np.testing.assert_allclose(statics.derivatives[player], expected, atol=1e-12)


def test_undefined_points_are_nan() -> None:
    game = NormalFormGame.from_bimatrix([["1/x", 0], [0, 1]], [[1, 0], [0, 1]])
    statics = qre_comparative_statics(QREModel(game, lam=1.0), "x", at={"x": [0.0, 2.0]})
    assert np.isnan(statics.derivatives[0][0]).all()
    assert np.isnan(statics.signs[0][0]).all()
    assert np.isfinite(statics.derivatives[0][1]).all()
    assert np.isfinite(statics.payoff_derivatives[1]).all()


def test_bad_input_is_a_clear_error() -> None:
    model = QREModel(strike_or_restrain(), lam="lam").fix(FIXED)
    at = {"R": 1.0, "c": 0.5, "lam": 1.0}
    with pytest.raises(ParameterError, match="unknown parameter 'zeta'"):
        qre_comparative_statics(model, "zeta", at=at)
    with pytest.raises(ParameterError, match="fixed"):
        qre_comparative_statics(model, "b", at=at)
    with pytest.raises(ParameterError, match="no value"):
        qre_comparative_statics(model, "R", at={"R": 1.0, "lam": 1.0})
    with pytest.raises(ParameterError, match="unknown parameter"):
        qre_comparative_statics(model, "R", at={**at, "zeta": 1.0})
    with pytest.raises(ParameterError):
        qre_comparative_statics(model, "lam", at={**at, "lam": -1.0})
    with pytest.raises(ParameterError, match="broadcast"):
        qre_comparative_statics(model, "R", at={**at, "R": [1.0, 2.0], "c": [1.0, 2.0, 3.0]})
    with pytest.raises(ParameterError, match="unknown parameter 'lam'"):  # lam is a number, not a parameter
        qre_comparative_statics(QREModel(strike_or_restrain(), lam=1.0).fix(FIXED), "lam", at={"R": 1.0, "c": 1.0})
    with pytest.raises(InvalidArgumentError, match="QREModel"):
        qre_comparative_statics(strike_or_restrain(), "R", at=at)  # type: ignore[arg-type]
    statics = qre_comparative_statics(model, "R", at=at)
    with pytest.raises(InvalidArgumentError, match="unknown player"):
        statics.derivative("Nobody", 0)
    with pytest.raises(InvalidArgumentError, match="unknown strategy"):
        statics.derivative(0, 5)
