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


# ---------------------------------------------------------------- per-player scale (issue 9)
from fractions import Fraction  # noqa: E402

from hypothesis import settings  # noqa: E402

from gametheory.strategies import bimatrix_games  # noqa: E402

INTEGER_GAMES = bimatrix_games(num_strategies=(2, 4), min_payoff=-5, max_payoff=5)


def _scaled(game: NormalFormGame, player: int, factor: float = 1.0, shift: float = 0.0) -> NormalFormGame:
    floats = np.array(game.float_payoffs(), dtype=np.float64)
    floats[..., player] = floats[..., player] * factor + shift
    return NormalFormGame(floats)


def _dyadic(game: NormalFormGame, exponents: tuple[int, int]) -> tuple[NormalFormGame, NormalFormGame]:
    """The game with player i's integer payoffs times 2**exponents[i]: exactly (Fractions) and as floats."""
    exact = np.empty(game.payoffs.shape, dtype=object)
    for cell in np.ndindex(game.payoffs.shape):
        exact[cell] = Fraction(game.payoffs[cell]) * Fraction(2) ** exponents[cell[-1]]
    return NormalFormGame(exact), NormalFormGame(exact.astype(np.float64))


def test_one_players_large_payoffs_do_not_hide_the_others_incentives() -> None:
    game = NormalFormGame.from_bimatrix([[1e6, 0], [0, 1e6]], [[0, 1e-3], [1e-3, 0]])
    assert pure_equilibria(game) == ()


def test_tiny_payoffs_are_compared_on_their_own_scale() -> None:
    game = NormalFormGame.from_bimatrix(np.array([[3.0, 0], [5, 1]]) * 1e-300, np.array([[3.0, 5], [0, 1]]) * 1e-300)
    assert [eq.support for eq in pure_equilibria(game)] == [((1,), (1,))]


def test_an_all_zero_player_is_indifferent_everywhere() -> None:
    game = NormalFormGame.from_bimatrix([[1.0, 0.0], [0.0, 2.0]], [[0.0, 0.0], [0.0, 0.0]])
    assert [eq.support for eq in pure_equilibria(game)] == [((0,), (0,)), ((1,), (1,))]


@settings(max_examples=60, deadline=None)
@given(INTEGER_GAMES, st.integers(0, 1), st.sampled_from([1e-6, 1e6, 3.0]), st.sampled_from([0.0, -7.0, 20.0]))
def test_scaling_or_shifting_one_player_never_changes_the_pure_equilibria(
    game: NormalFormGame, player: int, factor: float, shift: float
) -> None:
    before = [eq.support for eq in pure_equilibria(_scaled(game, 0))]
    assert [eq.support for eq in pure_equilibria(_scaled(game, player, factor, shift))] == before


@settings(max_examples=60, deadline=None)
@given(INTEGER_GAMES, st.tuples(st.integers(-990, 990), st.integers(-990, 990)))
def test_dyadic_float_games_agree_with_the_exact_game(game: NormalFormGame, exponents: tuple[int, int]) -> None:
    exact, floats = _dyadic(game, exponents)
    assert [eq.support for eq in pure_equilibria(floats)] == [eq.support for eq in pure_equilibria(exact)]
