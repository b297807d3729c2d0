"""Tests of lemke_howson."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidProfileError, ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.lemke_howson import lemke_howson
from gametheory.solvers.verify import is_nash
from gametheory.strategies import bimatrix_games

F = Fraction
GAME = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
SMALL_GAMES = bimatrix_games(num_strategies=(1, 5), min_payoff=-3, max_payoff=3)


@st.composite
def normal_games(draw, max_size=7):
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return NormalFormGame.from_bimatrix(rng.standard_normal((m, n)), rng.standard_normal((m, n)))


def test_each_label_gives_a_known_equilibrium():
    # The classic 3 x 2 example game: labels 0, 2, 3 lead to the pure equilibrium, 1 and 4 to a mixed one.
    expected = {
        0: ((F(1), F(0), F(0)), (F(1), F(0))),
        1: ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
        2: ((F(1), F(0), F(0)), (F(1), F(0))),
        3: ((F(1), F(0), F(0)), (F(1), F(0))),
        4: ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    for label, key in expected.items():
        eq = lemke_howson(GAME, initial_label=label)
        assert eq.key() == key
        assert eq.is_exact


def test_float_game_follows_the_same_paths():
    floats = NormalFormGame.from_bimatrix(GAME.float_payoffs()[..., 0], GAME.float_payoffs()[..., 1])
    for label in range(5):
        eq = lemke_howson(floats, initial_label=label)
        exact = lemke_howson(GAME, initial_label=label)
        assert eq.tolerance == floats.default_tolerance()
        for p, q in zip(eq.profile, exact.as_float(), strict=True):
            np.testing.assert_allclose(p, q, atol=1e-12)


def test_degenerate_game_ends_at_an_extreme_equilibrium():
    game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    extremes = {eq.key() for eq in nash_equilibria(game)}
    for label in range(4):
        assert lemke_howson(game, initial_label=label).key() in extremes


def test_all_zero_game():
    game = NormalFormGame.from_bimatrix(np.zeros((3, 3)), np.zeros((3, 3)))
    eq = lemke_howson(game)
    assert eq.is_pure
    assert is_nash(game, eq)


def test_large_float_game():
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.standard_normal((60, 50)), rng.standard_normal((60, 50)))
    eq = lemke_howson(game, initial_label=7)
    assert is_nash(game, eq, tol=eq.tolerance)


def test_large_exact_game_stays_exact():
    rng = np.random.default_rng(1)
    game = NormalFormGame.from_bimatrix(rng.integers(-50, 50, (15, 15)), rng.integers(-50, 50, (15, 15)))
    eq = lemke_howson(game, initial_label=20)
    assert eq.is_exact
    assert is_nash(game, eq)


@pytest.mark.parametrize("label", [-1, 5])
def test_label_out_of_range_is_rejected(label):
    with pytest.raises(InvalidProfileError, match=r"0\.\.4"):
        lemke_howson(GAME, initial_label=label)


def test_non_integer_label_is_rejected():
    with pytest.raises(InvalidProfileError, match="integer"):
        lemke_howson(GAME, initial_label=1.0)


def test_boolean_label_is_rejected():
    with pytest.raises(InvalidProfileError, match="integer"):
        lemke_howson(GAME, initial_label=True)


def test_string_label_is_rejected():
    with pytest.raises(InvalidProfileError, match="integer"):
        lemke_howson(GAME, initial_label="s1")


def test_numpy_integer_label_is_accepted():
    assert lemke_howson(GAME, initial_label=np.int64(1)) == lemke_howson(GAME, initial_label=1)


def test_label_is_keyword_only():
    with pytest.raises(TypeError):
        lemke_howson(GAME, 1)


def test_three_players_are_rejected():
    with pytest.raises(UnsupportedGameError):
        lemke_howson(NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int)))


def test_parametric_game_is_rejected():
    with pytest.raises(ParameterError):
        lemke_howson(NormalFormGame.from_bimatrix([["a", 0]], [[0, 1]]))


@settings(max_examples=60, deadline=None)
@given(SMALL_GAMES, st.data())
def test_exact_result_is_one_of_the_extreme_equilibria(game, data):
    label = data.draw(st.integers(0, sum(game.shape) - 1))
    eq = lemke_howson(game, initial_label=label)
    assert eq.is_exact
    assert eq.key() in {e.key() for e in nash_equilibria(game)}


@settings(max_examples=40, deadline=None)
@given(normal_games(), st.data())
def test_float_result_is_one_of_the_extreme_equilibria(game, data):
    label = data.draw(st.integers(0, sum(game.shape) - 1))
    eq = lemke_howson(game, initial_label=label)
    assert is_nash(game, eq, tol=eq.tolerance)
    distances = [
        max(np.abs(p - q).max() for p, q in zip(eq.profile, e.profile, strict=True)) for e in nash_equilibria(game)
    ]
    assert min(distances) < 1e-9
