"""Tests of nash_equilibria (two-player vertex enumeration)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.pure import pure_equilibria
from gametheory.solvers.verify import is_nash, regret
from gametheory.strategies import bimatrix_games

F = Fraction
# Small integer bimatrix games; the narrow payoff range makes ties and degeneracy common.
SMALL_GAMES = bimatrix_games(num_strategies=(1, 4), min_payoff=-3, max_payoff=3)


# ---------------------------------------------------------------- strategies
@st.composite
def normal_games(draw, max_size=6, min_size=2):
    """Float games with standard-normal payoffs: nondegenerate with probability one."""
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return NormalFormGame.from_bimatrix(rng.standard_normal((m, n)), rng.standard_normal((m, n)))


def keys(equilibria):
    return [eq.key() for eq in equilibria]


def strike_or_restrain(d, c, r, b, k, l):  # noqa: E741
    return NormalFormGame.from_bimatrix(
        [[-d - c, -c], [-d - r, 0]],
        [[b - k + l, 0], [b, 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


# ---------------------------------------------------------------- examples
def test_matching_pennies_has_one_mixed_equilibrium():
    (eq,) = nash_equilibria(NormalFormGame.zero_sum([[1, -1], [-1, 1]]))
    assert eq.key() == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    assert eq.is_exact


def test_battle_of_the_sexes_has_three_equilibria():
    game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert keys(nash_equilibria(game)) == [
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
        ((F(1), F(0)), (F(1), F(0))),
    ]


def test_issue_degenerate_game_returns_both_extreme_points():
    game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    assert keys(nash_equilibria(game)) == [((F(0), F(1)), (F(1), F(0))), ((F(2, 7), F(5, 7)), (F(1), F(0)))]


def test_issue_degenerate_game_in_floats_gives_the_same_points():
    game = NormalFormGame.from_bimatrix([[-3.0, 3.0], [-3.0, 5.0]], [[2.0, 7.0], [4.0, 2.0]])
    found = nash_equilibria(game)
    assert [eq.tolerance is not None for eq in found] == [True, True]
    np.testing.assert_allclose(found[1].profile[0], [2 / 7, 5 / 7])
    np.testing.assert_allclose(found[1].profile[1], [1, 0])
    assert found[1].profile[0].dtype == np.float64


@pytest.mark.parametrize("value", [0, 0.0])
def test_all_zero_game_has_every_pure_profile_as_extreme_equilibrium(value):
    game = NormalFormGame.from_bimatrix([[value] * 3] * 2, [[value] * 3] * 2)
    found = nash_equilibria(game)
    assert len(found) == 6
    assert all(eq.is_pure for eq in found)


def test_duplicate_strategy_gives_a_segment_of_equilibria():
    # The column player's two strategies are copies: any mix of them is a best response.
    game = NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    assert keys(nash_equilibria(game)) == [((F(1), F(0)), (F(0), F(1))), ((F(1), F(0)), (F(1), F(0)))]


def test_ties_in_payoffs():
    game = NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    assert keys(nash_equilibria(game)) == [
        ((F(0), F(1)), (F(1), F(0))),
        ((F(1), F(0)), (F(0), F(1))),
        ((F(1), F(0)), (F(1), F(0))),
    ]


def test_one_by_n_game_gives_the_best_responses():
    game = NormalFormGame.from_bimatrix([[0, 0, 0]], [[2, 5, 5]])
    assert keys(nash_equilibria(game)) == [((F(1),), (F(0), F(0), F(1))), ((F(1),), (F(0), F(1), F(0)))]


def test_n_by_one_float_game():
    game = NormalFormGame.from_bimatrix([[1.0], [3.0], [2.0]], [[0.0], [0.0], [0.0]])
    (eq,) = nash_equilibria(game)
    assert eq.support == ((1,), (0,))


def test_one_by_one_game():
    (eq,) = nash_equilibria(NormalFormGame.from_bimatrix([[4]], [[-1]]))
    assert eq.key() == ((F(1),), (F(1),))


def test_prisoners_dilemma_float_has_one_pure_equilibrium():
    game = NormalFormGame.from_bimatrix([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])
    (eq,) = nash_equilibria(game)
    assert eq.support == ((1,), (1,))
    assert eq.tolerance == game.default_tolerance()


def test_strike_or_restrain_mixed_regime():
    # R > c and b + l < k: the US strikes with p = b / (k - l); the militia attacks with q = c / R.
    game = strike_or_restrain(d=1, c=1, r=2, b=1, k=3, l=1)
    (eq,) = nash_equilibria(game)
    assert eq.key() == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    game = strike_or_restrain(d=2, c=1, r=3, b=1, k=5, l=1)
    (eq,) = nash_equilibria(game)
    assert eq.key() == ((F(1, 4), F(3, 4)), (F(1, 3), F(2, 3)))


def test_strike_or_restrain_restraint_regime():
    # R < c: restraint dominates and the militia attacks.
    (eq,) = nash_equilibria(strike_or_restrain(d=1, c=2, r=1, b=1, k=3, l=1))
    assert str(eq) == "US: Restrain; Militia: Attack; payoffs -2, 1"


def test_strike_or_restrain_catch_22_regime():
    # R > c and b + l > k: the militia attacks whatever the US does, and the US strikes.
    (eq,) = nash_equilibria(strike_or_restrain(d=1, c=1, r=2, b=2, k=1, l=1))
    assert str(eq) == "US: Strike; Militia: Attack; payoffs -2, 2"


def test_strike_or_restrain_float_parameters():
    (eq,) = nash_equilibria(strike_or_restrain(d=1.5, c=0.5, r=2.0, b=1.0, k=3.0, l=0.5))
    np.testing.assert_allclose(eq.profile[0], [1 / 2.5, 1.5 / 2.5])
    np.testing.assert_allclose(eq.profile[1], [0.25, 0.75])


def test_exact_fraction_payoffs():
    game = NormalFormGame.from_bimatrix([[F(1, 3), 0], [0, F(1, 6)]], [[F(1, 6), 0], [0, F(1, 3)]])
    # Each player mixes so that the other is indifferent: (1/6) x1 = (1/3) x2 and (1/3) y1 = (1/6) y2.
    assert keys(nash_equilibria(game))[1] == ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))


def test_many_labels_use_several_bitmask_words():
    # 2 x 70: 72 labels need two 64-bit words; the column player has one best response.
    rng = np.random.default_rng(3)
    a = rng.integers(-5, 5, (2, 70))
    b = np.zeros((2, 70), dtype=int)
    b[:, 41] = 1
    found = nash_equilibria(NormalFormGame.from_bimatrix(a, b))
    assert {eq.support[1] for eq in found} == {(41,)}
    assert len(found) == (1 if a[0, 41] != a[1, 41] else 2)


def test_large_float_game_is_fast_and_verified():
    rng = np.random.default_rng(12)
    game = NormalFormGame.from_bimatrix(rng.standard_normal((12, 12)), rng.standard_normal((12, 12)))
    found = nash_equilibria(game)
    assert len(found) % 2 == 1
    assert all(is_nash(game, eq) for eq in found)


def test_degenerate_float_game_falls_back_to_exact_rationals():
    game = NormalFormGame.from_bimatrix([[0.5, 0.5, 0.25], [0.5, 0.0, 0.25]], [[0.5, 0.5, 0.0], [0.5, 0.0, 1.0]])
    found = nash_equilibria(game)
    exact = nash_equilibria(
        NormalFormGame.from_bimatrix(
            [[F(1, 2), F(1, 2), F(1, 4)], [F(1, 2), 0, F(1, 4)]], [[F(1, 2), F(1, 2), 0], [F(1, 2), 0, 1]]
        )
    )
    assert len(found) == len(exact)
    for f, e in zip(found, exact, strict=True):
        for p, q in zip(f.profile, e.as_float(), strict=True):
            np.testing.assert_allclose(p, q)


BATTLE = ([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])


def _battle_answer():
    return [((1.0, 0.0), (1.0, 0.0)), ((0.0, 1.0), (0.0, 1.0)), ((2 / 3, 1 / 3), (1 / 3, 2 / 3))]


def _rounded(found):
    return sorted(tuple(tuple(round(float(v), 12) for v in p) for p in eq.profile) for eq in found)


@pytest.mark.parametrize(
    "kernel_answer",
    [
        pytest.param(None, id="kernel-gives-up"),
        pytest.param((np.empty((0, 2)), np.empty((0, 2))), id="even-count"),
        pytest.param((np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])), id="candidate-not-nash"),
    ],
)
def test_float_kernel_failures_fall_back_to_the_exact_algorithm(monkeypatch, kernel_answer):
    import gametheory.solvers.enumeration as enumeration

    monkeypatch.setattr(enumeration, "float_equilibria", lambda a, b: kernel_answer)
    found = nash_equilibria(NormalFormGame.from_bimatrix(*BATTLE))
    assert _rounded(found) == sorted(tuple(tuple(round(v, 12) for v in p) for p in k) for k in _battle_answer())
    assert all(eq.profile[0].dtype == np.float64 for eq in found)


# ---------------------------------------------------------------- bad input and delegation
def test_parametric_game_is_rejected():
    game = NormalFormGame.from_bimatrix([["R", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="R"):
        nash_equilibria(game)


def test_not_a_game_is_rejected():
    with pytest.raises(UnsupportedGameError):
        nash_equilibria([[1, 0], [0, 1]])


def test_three_players_are_delegated_to_the_n_player_solver(monkeypatch):
    n_player = pytest.importorskip("gametheory.solvers.n_player")
    sentinel = object()
    monkeypatch.setattr(n_player, "n_player_equilibria", lambda game: (sentinel,))
    game = NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int))
    assert nash_equilibria(game) == (sentinel,)


# ---------------------------------------------------------------- properties
@settings(max_examples=80, deadline=None)
@given(SMALL_GAMES)
def test_every_exact_equilibrium_is_exactly_nash(game):
    found = nash_equilibria(game)
    assert found, "every finite game has an equilibrium"
    for eq in found:
        assert eq.is_exact
        assert all(r == 0 for r in regret(game, eq))
    assert keys(found) == sorted(keys(found))
    assert len(set(keys(found))) == len(found)


@settings(max_examples=40, deadline=None)
@given(normal_games())
def test_every_float_equilibrium_is_nash_within_its_tolerance(game):
    found = nash_equilibria(game)
    for eq in found:
        assert eq.tolerance is not None
        assert is_nash(game, eq, tol=eq.tolerance)


@settings(max_examples=40, deadline=None)
@given(normal_games())
def test_nondegenerate_games_have_an_odd_number_of_equilibria(game):
    assert len(nash_equilibria(game)) % 2 == 1


@settings(max_examples=60, deadline=None)
@given(SMALL_GAMES, st.data())
def test_invariant_under_positive_affine_transforms(game, data):
    scales = [data.draw(st.fractions(F(1, 10), F(10)).filter(lambda s: s > 0)) for _ in range(2)]
    shifts = [data.draw(st.fractions(-10, 10)) for _ in range(2)]
    a, b = game.payoff_tensor(0), game.payoff_tensor(1)
    moved = NormalFormGame.from_bimatrix(a * scales[0] + shifts[0], b * scales[1] + shifts[1])
    assert keys(nash_equilibria(moved)) == keys(nash_equilibria(game))


@settings(max_examples=60, deadline=None)
@given(SMALL_GAMES, st.randoms(use_true_random=False))
def test_invariant_under_relabelling_strategies(game, random):
    m, n = game.shape
    rows, columns = list(range(m)), list(range(n))
    random.shuffle(rows)
    random.shuffle(columns)
    a, b = game.payoff_tensor(0), game.payoff_tensor(1)
    permuted = NormalFormGame.from_bimatrix(a[np.ix_(rows, columns)], b[np.ix_(rows, columns)])
    expected = sorted(
        (tuple(eq.profile[0][rows].tolist()), tuple(eq.profile[1][columns].tolist())) for eq in nash_equilibria(game)
    )
    assert keys(nash_equilibria(permuted)) == expected


@settings(max_examples=60, deadline=None)
@given(SMALL_GAMES)
def test_pure_equilibria_are_among_the_extreme_equilibria(game):
    assert set(keys(pure_equilibria(game))) <= set(keys(nash_equilibria(game)))


@settings(max_examples=40, deadline=None)
@given(bimatrix_games(num_strategies=(1, 4), min_payoff=-2, max_payoff=2))
def test_float_and_exact_games_agree(game):
    floats = NormalFormGame.from_bimatrix(game.float_payoffs()[..., 0], game.float_payoffs()[..., 1])
    exact = nash_equilibria(game)
    found = nash_equilibria(floats)
    assert len(found) == len(exact)
    for f, e in zip(found, exact, strict=True):
        for p, q in zip(f.profile, e.as_float(), strict=True):
            np.testing.assert_allclose(p, q, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(normal_games(max_size=4))
def test_agrees_with_nashpy_vertex_enumeration_on_nondegenerate_games(game):
    nashpy = pytest.importorskip("nashpy")
    a, b = game.float_payoffs()[..., 0], game.float_payoffs()[..., 1]
    theirs = sorted((tuple(np.round(x, 8)), tuple(np.round(y, 8))) for x, y in nashpy.Game(a, b).vertex_enumeration())
    ours = sorted(
        (tuple(np.round(eq.profile[0], 8)), tuple(np.round(eq.profile[1], 8))) for eq in nash_equilibria(game)
    )
    assert ours == theirs
