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
