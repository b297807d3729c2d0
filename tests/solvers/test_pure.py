"""Tests for pure_equilibria: the defining property, checked against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory import NormalFormGame, is_nash, pure_equilibria
from gametheory.exceptions import ParameterError
from gametheory.strategies import normal_form_games

SMALL_GAMES = normal_form_games(num_players=(2, 3), num_strategies=(1, 3), min_payoff=-3, max_payoff=3)


def brute_force(game: NormalFormGame) -> list[tuple[int, ...]]:
    found = []
    for cell in itertools.product(*(range(n) for n in game.shape)):
        stable = True
        for player in range(game.num_players):
            for deviation in range(game.shape[player]):
                other = list(cell)
                other[player] = deviation
                if game.payoffs[(*other, player)] > game.payoffs[(*cell, player)]:
                    stable = False
        if stable:
            found.append(cell)
    return found


@given(SMALL_GAMES)
def test_matches_brute_force_and_is_nash(game: NormalFormGame) -> None:
    equilibria = pure_equilibria(game)
    assert [tuple(s[0] for s in eq.support) for eq in equilibria] == brute_force(game)
    for eq in equilibria:
        assert eq.is_pure
        assert eq.is_exact
        assert is_nash(game, eq)


@given(SMALL_GAMES, st.integers(1, 5), st.integers(-10, 10))
def test_invariant_under_positive_affine_transform(game: NormalFormGame, scale: int, shift: int) -> None:
    transformed = NormalFormGame(game.payoffs * scale + shift)
    assert [eq.support for eq in pure_equilibria(transformed)] == [eq.support for eq in pure_equilibria(game)]


def test_float_game_uses_tolerance() -> None:
    game = NormalFormGame.from_bimatrix([[1.0, 0.0], [1.0 - 1e-13, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    (first, second) = pure_equilibria(game)
    assert first.support == ((0,), (0,))
    assert second.support == ((1,), (0,))
    assert first.tolerance == pytest.approx(1e-9)


def test_all_zero_game_every_cell_is_an_equilibrium() -> None:
    assert len(pure_equilibria(NormalFormGame(np.zeros((2, 3, 2), dtype=int)))) == 6


def test_matching_pennies_has_none() -> None:
    assert pure_equilibria(NormalFormGame.zero_sum([[1, -1], [-1, 1]])) == ()


def test_parametric_game_is_refused() -> None:
    with pytest.raises(ParameterError, match="substitute"):
        pure_equilibria(NormalFormGame.from_bimatrix([["R", 0]], [[0, 0]]))


def test_labels_and_payoffs_in_result() -> None:
    game = NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Militia"), strategies=(("Hold", "Strike"),) * 2
    )
    (eq,) = pure_equilibria(game)
    assert str(eq) == "US: Strike; Militia: Strike; payoffs 1, 1"
    assert eq.payoffs.tolist() == [1, 1]
