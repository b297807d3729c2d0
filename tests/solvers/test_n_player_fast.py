"""The fast path of n_player_equilibria (dominance tables, exact affine solves, certified interval
branch and bound) against the exact Groebner path, on nondegenerate and degenerate games."""

from __future__ import annotations

import time
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gametheory.exceptions import ResourceLimitError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers import n_player
from gametheory.solvers._nplayer_box import solve_batch
from gametheory.solvers._nplayer_exact import DominanceTable, ExactSupport
from gametheory.solvers.n_player import ContinuumWarning, n_player_equilibria
from gametheory.solvers.pure import pure_equilibria
from gametheory.solvers.results import Equilibrium
from gametheory.solvers.verify import is_nash
from tests.support import irrational_three_player_game

F = Fraction


def both_paths(game: NormalFormGame) -> tuple[list[Equilibrium], list[Equilibrium]]:
    limit = max(game.shape)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ContinuumWarning)
        fast = n_player._run(game, limit, certified_numerics=True).found.values()
        exact = n_player._run(game, limit, certified_numerics=False).found.values()
    return list(fast), list(exact)


def assert_same(game: NormalFormGame) -> list[Equilibrium]:
    """Same equilibria on both paths: exact ones identical, float ones within 1e-9; all pass is_nash."""
    fast, exact = both_paths(game)
    assert len(fast) == len(exact)
    for eq in fast:
        assert is_nash(game, eq, tol=eq.tolerance)
        if eq.is_exact:
            assert eq.key() in {e.key() for e in exact if e.is_exact}
        else:
            assert any(
                not e.is_exact
                and all(np.allclose(p, q, atol=1e-9) for p, q in zip(eq.as_float(), e.as_float(), strict=True))
                for e in exact
            )
    return fast


@st.composite
def small_games(draw: st.DrawFn, low: int = -3, high: int = 3) -> NormalFormGame:
    shape = draw(st.sampled_from([(2, 2, 2), (2, 2, 3), (3, 2)]))
    payoffs = draw(arrays(np.int64, (*shape, len(shape)), elements=st.integers(low, high)))
    return NormalFormGame(payoffs)


@settings(max_examples=20, deadline=None)
@given(small_games())
def test_fast_path_agrees_with_exact_path_on_small_integer_games(game: NormalFormGame) -> None:
    # Payoffs in -3..3 make ties, duplicate strategies and continua common: degenerate games.
    assert_same(game)


@settings(max_examples=10, deadline=None)
@given(small_games(-1, 1))
def test_fast_path_agrees_with_exact_path_on_games_full_of_ties(game: NormalFormGame) -> None:
    assert_same(game)


@pytest.mark.parametrize("seed", [3, 8])
def test_fast_path_agrees_with_exact_path_on_random_three_by_three_by_three(seed: int) -> None:
    game = NormalFormGame(np.random.default_rng(seed).integers(-10, 11, size=(3, 3, 3, 3)))
    found = assert_same(game)
    assert len(found) % 2 == 1  # generic games have an odd number of equilibria


def test_all_zero_game_on_the_fast_path() -> None:
    game = NormalFormGame(np.zeros((2, 2, 3, 3), dtype=int))
    found = assert_same(game)
    assert len(found) == 12
    assert all(eq.is_pure for eq in found)


def test_duplicate_strategies_on_the_fast_path() -> None:
    payoffs = np.random.default_rng(5).integers(-5, 6, size=(2, 2, 2, 3))
    # Player 3's second strategy copied as a third one: its equilibria come in families.
    payoffs = np.concatenate([payoffs, payoffs[:, :, 1:2]], axis=2)
    assert_same(NormalFormGame(payoffs))


def test_four_players_on_the_fast_path() -> None:
    payoffs = np.random.default_rng(4).integers(-5, 6, size=(2, 2, 2, 2, 4))
    assert_same(NormalFormGame(payoffs))


def test_irrational_equilibrium_found_by_the_interval_path() -> None:
    # x = y = z = 1/sqrt(2) on the full support.
    payoffs = irrational_three_player_game().payoffs
    search = n_player._Search(NormalFormGame(payoffs))
    system = ExactSupport(search.payoffs, search.scales, ((0, 1), (0, 1), (0, 1)))
    (solutions,) = solve_batch([system])
    assert solutions is not None
    (solution,) = solutions
    assert not solution.exact
    # Reduced coordinates: the probability of each player's second strategy, 1 - 1/sqrt(2).
    assert np.allclose(solution.values, 1 - 2**-0.5, atol=1e-12)


def test_rational_equilibrium_of_the_interval_path_is_exact() -> None:
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[a, b, c] = [int(a == b), int(b == c), int(c != a)]
    search = n_player._Search(NormalFormGame(payoffs))
    (solutions,) = solve_batch([ExactSupport(search.payoffs, search.scales, ((0, 1), (0, 1), (0, 1)))])
    assert solutions is not None
    assert [(s.exact, s.values) for s in solutions] == [(True, (F(1, 2), F(1, 2), F(1, 2)))]


def test_a_support_without_a_solution_in_the_simplex_has_none() -> None:
    # Matching pennies for every pair: on a support where a player's equation has no root in [0, 1].
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[a, b, c] = [3 * int(a == 0) + int(b == c), int(a == b), int(b != c)]
    search = n_player._Search(NormalFormGame(payoffs))
    (solutions,) = solve_batch([ExactSupport(search.payoffs, search.scales, ((0, 1), (0, 1), (0, 1)))])
    assert solutions == []


@settings(max_examples=25, deadline=None)
@given(small_games(-2, 2))
def test_dominance_table_prunes_exactly_what_the_direct_check_prunes(game: NormalFormGame) -> None:
    search = n_player._Search(game)
    subsets = n_player._subsets(game.shape, max(game.shape))
    table = DominanceTable(search.payoffs, subsets)
    supports, keys = n_player._support_table(game.shape, max(game.shape))
    for support, pruned in zip(supports, table.pruned(keys), strict=True):
        if any(len(s) > 1 for s in support):
            assert pruned == search.pruned(support)


def test_pure_profiles_kept_by_the_dominance_table_are_the_pure_equilibria() -> None:
    game = NormalFormGame(np.random.default_rng(2).integers(-2, 3, size=(3, 3, 3, 3)))
    search = n_player._Search(game)
    table = DominanceTable(search.payoffs, n_player._subsets(game.shape, 1))
    supports, keys = n_player._support_table(game.shape, 1)
    kept = {s for s, pruned in zip(supports, table.pruned(keys), strict=True) if not pruned}
    expected = {
        tuple((a,) for a in profile)
        for profile in np.ndindex(*game.shape)
        if is_nash(game, [np.eye(n, dtype=int)[a] for n, a in zip(game.shape, profile, strict=True)])
    }
    assert kept == expected


def test_affine_supports_are_solved_exactly() -> None:
    # Player 3 pure: players 1 and 2 each solve a linear system in the other's strategy.
    game = NormalFormGame(np.random.default_rng(11).integers(-10, 11, size=(3, 3, 3, 3)))
    search = n_player._Search(game)
    for support in n_player._supports(game.shape, 3):
        system = ExactSupport(search.payoffs, search.scales, support)
        if sum(len(s) > 1 for s in support) == 2 and not search.pruned(support):
            solutions = system.affine_solutions()
            assert solutions is not None
            for values in solutions:
                assert all(isinstance(v, Fraction) for v in values)
                assert system.is_root(values)
                assert system.is_equilibrium(values)


def test_time_limit_is_respected_on_four_by_four_by_four() -> None:
    # The benchmark's slowest 4x4x4 game: about 50 s without a limit.
    game = NormalFormGame(np.random.default_rng(1).integers(-10, 11, size=(4, 4, 4, 3)))
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match="time limit"):
        n_player_equilibria(game, time_limit=1.0)
    assert time.monotonic() - start < 4.0


def test_float_near_ties_count_as_ties_as_in_pure_equilibria() -> None:
    # Player 1's two strategies differ by 1e-13 against (s1, s1): within its tolerance, a tie.
    payoffs = np.random.default_rng(6).normal(size=(2, 2, 2, 3))
    payoffs[1, 0, 0, 0] = payoffs[0, 0, 0, 0] + 1e-13
    payoffs[0, 0, 0, 1:] = payoffs[:, :, 0, 1].max() + 1, payoffs[0, 0, :, 2].max() + 1
    game = NormalFormGame(payoffs)
    pure = {tuple(tuple(float(p) for p in s) for s in eq.profile) for eq in pure_equilibria(game)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ContinuumWarning)
        ours = {tuple(tuple(float(p) for p in s) for s in eq.profile) for eq in n_player_equilibria(game) if eq.is_pure}
    assert ((1.0, 0.0), (1.0, 0.0), (1.0, 0.0)) in pure
    assert ours == pure


def test_a_player_with_constant_payoffs_makes_every_support_it_mixes_on_underdetermined() -> None:
    payoffs = np.random.default_rng(1).integers(-5, 6, size=(3, 2, 2, 3))
    payoffs[..., 0] = 1
    search = n_player._Search(NormalFormGame(payoffs))
    mixing_first = ExactSupport(search.payoffs, search.scales, ((0, 1), (0, 1), (0, 1)))
    assert mixing_first.is_underdetermined
    # With the constant player pure, the others' equations are those of a generic 2x2 game.
    pure_first = ExactSupport(search.payoffs, search.scales, ((0,), (0, 1), (0, 1)))
    assert not pure_first.is_underdetermined
    # Such supports go straight to the exact path; the equilibria are those of the reference path.
    found = assert_same(NormalFormGame(payoffs))
    assert len(found) >= 1


def test_small_differences_between_large_payoffs_keep_their_digits() -> None:
    # Payoffs 10**16 + (-10..10): rounding the payoffs before subtracting lost an irrational equilibrium.
    small = np.random.default_rng(6).integers(-10, 11, size=(2, 2, 3, 3))
    exact = NormalFormGame(np.array([int(v) + 10**16 for v in small.ravel()], dtype=object).reshape(small.shape))
    assert len(assert_same(exact)) == 7
    # As floats near 1e12 the same equilibrium was 5e-6 off; now within 1e-9 of the exact path's.
    assert len(assert_same(NormalFormGame(small.astype(float) + 1e12))) == 7


@pytest.mark.parametrize("shape", [(2, 2, 2, 1), (1, 2, 2, 3), (2, 1, 2, 2)])
def test_four_players_one_with_a_single_strategy(shape: tuple[int, ...]) -> None:
    assert_same(NormalFormGame(np.random.default_rng(0).integers(-10, 11, size=(*shape, 4))))
