"""Tests for the checkers is_nash and regret."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory import NormalFormGame, is_nash, regret
from gametheory.exceptions import InvalidArgumentError, InvalidProfileError, UnsupportedGameError

PENNIES = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
HALF = [Fraction(1, 2), Fraction(1, 2)]


def test_exact_equilibrium_has_zero_regret() -> None:
    assert regret(PENNIES, [HALF, HALF]).tolist() == [0, 0]
    assert is_nash(PENNIES, [HALF, HALF])


@given(st.fractions(0, 1), st.fractions(0, 1))
def test_regret_is_exact_and_zero_only_at_the_equilibrium(p: Fraction, q: Fraction) -> None:
    values = regret(PENNIES, [[p, 1 - p], [q, 1 - q]])
    # Row's regret: |2(2q - 1)| - (2p - 1)(2q - 1) when deviating to the better pure strategy.
    row_payoff = (2 * p - 1) * (2 * q - 1)
    assert values[0] == abs(2 * q - 1) - row_payoff
    assert values[1] == abs(2 * p - 1) + row_payoff
    assert is_nash(PENNIES, [[p, 1 - p], [q, 1 - q]]) == (p == q == Fraction(1, 2))


def test_exact_check_does_not_round() -> None:
    tiny = Fraction(1, 10**30)
    assert not is_nash(PENNIES, [HALF, [HALF[0] + tiny, HALF[1] - tiny]])


def test_float_check_uses_tolerance() -> None:
    near = [0.5 + 1e-12, 0.5 - 1e-12]
    assert is_nash(PENNIES, [near, near])
    assert not is_nash(PENNIES, [near, near], tol=1e-14)


def test_regret_of_three_player_game() -> None:
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    payoffs[1, 1, 1] = [1, 1, 1]
    game = NormalFormGame(payoffs)
    assert regret(game, [0, 0, 0]).tolist() == [0, 0, 0]
    assert regret(game, [1, 1, 0]).tolist() == [0, 0, 1]


def test_bad_profile() -> None:
    with pytest.raises(InvalidProfileError):
        is_nash(PENNIES, [HALF])


def test_not_a_game() -> None:
    with pytest.raises(UnsupportedGameError, match="NormalFormGame"):
        regret([[1, 0]], [HALF, HALF])  # type: ignore[arg-type]


@pytest.mark.parametrize("tol", [-1, "x", float("inf")])
def test_bad_tolerance(tol: object) -> None:
    with pytest.raises(InvalidArgumentError, match="tol must be a finite number >= 0"):
        is_nash(PENNIES, [HALF, HALF], tol=tol)  # type: ignore[arg-type]


# ---------------------------------------------------------------- per-player scale (issue 9)
from hypothesis import settings  # noqa: E402

from gametheory.strategies import bimatrix_games, mixed_profiles  # noqa: E402


def test_a_large_payoff_player_does_not_hide_the_other_players_regret() -> None:
    game = NormalFormGame.from_bimatrix([[1e12, 0.0], [0.0, 1e12]], [[0.0, 100.0], [100.0, 0.0]])
    assert not is_nash(game, [[1, 0], [1, 0]])
    assert regret(game, [[1, 0], [1, 0]]).tolist() == [0.0, 100.0]


def test_regret_of_payoffs_near_the_float_limit_does_not_overflow_on_the_way() -> None:
    game = NormalFormGame.from_bimatrix([[1e308, -1e308], [-1e308, 1e308]], [[1.0, 0.0], [0.0, 1.0]])
    assert is_nash(game, [[0.5, 0.5], [0.5, 0.5]])
    assert regret(game, [[1, 0], [0, 1]]).tolist() == [np.inf, 1.0]


def test_explicit_tol_is_absolute() -> None:
    game = NormalFormGame.from_bimatrix([[1e12, 0.0], [0.0, 1e12]], [[0.0, 100.0], [100.0, 0.0]])
    assert is_nash(game, [[1, 0], [1, 0]], tol=1000.0)
    assert not is_nash(game, [[1, 0], [1, 0]], tol=10.0)


@st.composite
def _dyadic_cases(draw: st.DrawFn) -> tuple[NormalFormGame, NormalFormGame, tuple[np.ndarray, ...]]:
    game = draw(bimatrix_games(num_strategies=(2, 3), min_payoff=-5, max_payoff=5))
    powers = draw(st.tuples(st.integers(-990, 990), st.integers(-990, 990)))
    exact = np.empty(game.payoffs.shape, dtype=object)
    for cell in np.ndindex(game.payoffs.shape):
        exact[cell] = Fraction(game.payoffs[cell]) * Fraction(2) ** powers[cell[-1]]
    # Dyadic probabilities too, so that float expected payoffs are exact.
    profile = tuple(
        np.array(draw(st.permutations([Fraction(1, 2), Fraction(1, 2)] + [Fraction(0)] * (n - 2))), dtype=object)
        if draw(st.booleans())
        else np.array([Fraction(int(i == k)) for i in range(n)], dtype=object)
        for n, k in zip(game.shape, draw(st.tuples(st.integers(0, 1), st.integers(0, 1))), strict=True)
    )
    return NormalFormGame(exact), NormalFormGame(exact.astype(np.float64)), profile


@settings(max_examples=80, deadline=None)
@given(_dyadic_cases())
def test_is_nash_on_dyadic_float_games_agrees_with_the_exact_game(
    case: tuple[NormalFormGame, NormalFormGame, tuple[np.ndarray, ...]],
) -> None:
    exact, floats, profile = case
    floats_profile = [p.astype(np.float64) for p in profile]
    assert is_nash(floats, floats_profile) == is_nash(exact, profile)


@settings(max_examples=50, deadline=None)
@given(
    bimatrix_games(num_strategies=(2, 3), min_payoff=-5, max_payoff=5).flatmap(
        lambda g: st.tuples(st.just(g), mixed_profiles(g))
    ),
    st.sampled_from([1e-6, 1e6]),
)
def test_scaling_one_player_never_changes_is_nash(case: tuple[NormalFormGame, tuple], factor: float) -> None:
    game, profile = case
    floats = np.array(game.float_payoffs())
    scaled = floats.copy()
    scaled[..., 1] *= factor
    plain = [np.asarray(p, dtype=np.float64) for p in profile]
    assert is_nash(NormalFormGame(scaled), plain) == is_nash(NormalFormGame(floats), plain)
