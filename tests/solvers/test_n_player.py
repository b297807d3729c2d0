"""Tests for n_player_equilibria: hand-solved games, the Nash property, and agreement with other solvers."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.n_player import ContinuumWarning, n_player_equilibria
from gametheory.solvers.pure import pure_equilibria
from gametheory.solvers.results import Equilibrium
from gametheory.solvers.verify import is_nash, regret
from gametheory.strategies import normal_form_games
from tests.support import irrational_three_player_game

F = Fraction


def jordan_game() -> NormalFormGame:
    """Jordan (1993): 1 wants to match 2, 2 wants to match 3, 3 wants to mismatch 1."""
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[a, b, c] = [int(a == b), int(b == c), int(c != a)]
    return NormalFormGame(payoffs)


def irrational_game() -> NormalFormGame:
    """x, y, z = probabilities of s1. Player 1 is indifferent iff 2yz = 1, player 2 iff x = z, player 3 iff y = x."""
    return irrational_three_player_game()


def quiet(game: NormalFormGame, **options: object) -> tuple:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ContinuumWarning)
        return n_player_equilibria(game, **options)  # type: ignore[arg-type]


@st.composite
def three_player_games(draw: st.DrawFn, low: int = -3, high: int = 3) -> NormalFormGame:
    # Mostly genuine 2x2x2 games; a one-strategy player now and then covers the degenerate shapes.
    shape = (2, 2, draw(st.sampled_from([2, 2, 2, 1])))
    payoffs = draw(arrays(np.int64, (*shape, 3), elements=st.integers(low, high)))
    return NormalFormGame(payoffs)


def test_jordan_game_unique_fully_mixed_equilibrium() -> None:
    # By hand: pure profiles cycle (each has a player who wants to switch). If any player is pure,
    # the chain of best responses makes the next one pure and the cycle fails, so all mix; then
    # 1 indifferent => y = 1/2, 2 indifferent => z = 1/2, 3 indifferent => x = 1/2.
    (eq,) = n_player_equilibria(jordan_game())
    assert eq.is_exact
    assert [p.tolist() for p in eq.profile] == [[F(1, 2), F(1, 2)]] * 3
    assert eq.payoffs.tolist() == [F(1, 2)] * 3


def test_irrational_equilibrium_is_returned_as_float() -> None:
    # Fully mixed needs x = y = z and 2yz = 1, so x = y = z = 1/sqrt(2): one such equilibrium.
    game = irrational_game()
    equilibria = quiet(game)
    mixed = [eq for eq in equilibria if all(len(s) == 2 for s in eq.support)]
    assert len(mixed) == 1
    (eq,) = mixed
    assert eq.tolerance is not None
    assert eq.profile[0].dtype == np.float64
    for strategy in eq.profile:
        assert strategy[0] == pytest.approx(1 / math.sqrt(2), abs=1e-15)
    assert is_nash(game, eq, tol=eq.tolerance)
    assert all(eq.is_exact for eq in equilibria if eq is not mixed[0])


def test_two_player_degenerate_game_extreme_points() -> None:
    # The example: row mixes (p, 1 - p) with p in [0, 2/7] against column 1.
    game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    keys = {eq.key() for eq in quiet(game)}
    assert keys == {((F(0), F(1)), (F(1), F(0))), ((F(2, 7), F(5, 7)), (F(1), F(0)))}


def test_all_zero_game_warns_and_returns_pure_profiles() -> None:
    game = NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int))
    with pytest.warns(ContinuumWarning, match="continuum"):
        equilibria = n_player_equilibria(game)
    assert len(equilibria) == 8
    assert all(eq.is_pure for eq in equilibria)


def test_max_support_size_one_gives_pure_equilibria() -> None:
    game = irrational_game()
    assert {eq.key() for eq in n_player_equilibria(game, max_support_size=1)} == {
        eq.key() for eq in pure_equilibria(game)
    }


def test_four_players_two_strategies() -> None:
    # A four-player cycle of matching and one mismatching player: no pure equilibrium.
    payoffs = np.zeros((2, 2, 2, 2, 4), dtype=int)
    for a, b, c, d in np.ndindex(2, 2, 2, 2):
        payoffs[a, b, c, d] = [int(a == b), int(b == c), int(c == d), int(d != a)]
    game = NormalFormGame(payoffs)
    equilibria = quiet(game)
    assert pure_equilibria(game) == ()
    assert equilibria
    assert all(is_nash(game, eq) for eq in equilibria)
    assert ((F(1, 2), F(1, 2)),) * 4 in {eq.key() for eq in equilibria}


def test_float_game_matches_exact_game() -> None:
    payoffs = jordan_game().float_payoffs() * 0.5
    (eq,) = n_player_equilibria(NormalFormGame(payoffs))
    assert eq.tolerance is not None
    assert [p.tolist() for p in eq.profile] == [[0.5, 0.5]] * 3


@settings(max_examples=40, deadline=None)
@given(three_player_games())
def test_every_result_is_an_exact_equilibrium(game: NormalFormGame) -> None:
    for eq in quiet(game):
        if eq.is_exact:
            assert all(v == 0 for v in regret(game, eq))
        else:
            assert is_nash(game, eq, tol=eq.tolerance)


@settings(max_examples=40, deadline=None)
@given(three_player_games())
def test_pure_results_agree_with_pure_equilibria(game: NormalFormGame) -> None:
    pure = {eq.key() for eq in quiet(game) if eq.is_pure}
    assert pure == {eq.key() for eq in pure_equilibria(game)}


@settings(max_examples=25, deadline=None)
@given(three_player_games(-50, 50), st.integers(1, 5), st.integers(-9, 9))
def test_invariant_under_positive_affine_transform(game: NormalFormGame, scale: int, shift: int) -> None:
    payoffs = np.array(game.payoffs, dtype=object)
    payoffs[..., 1] = payoffs[..., 1] * scale + shift
    base = {_rounded(eq) for eq in quiet(game)}
    moved = {_rounded(eq) for eq in quiet(NormalFormGame(payoffs))}
    assert base == moved


@settings(max_examples=25, deadline=None)
@given(three_player_games(-50, 50))
def test_invariant_under_relabelling(game: NormalFormGame) -> None:
    perms = [np.arange(n)[::-1] for n in game.shape]
    permuted = NormalFormGame(game.payoffs[np.ix_(*perms)])
    base = {_rounded(eq) for eq in quiet(game)}
    moved = {
        tuple(tuple(p[perm]) for p, perm in zip(key, perms, strict=True)) for key in map(_as_arrays, quiet(permuted))
    }
    assert base == moved


def _as_arrays(eq: object) -> tuple[np.ndarray, ...]:
    return tuple(np.round(np.asarray(p, dtype=float), 9) for p in eq.as_float())  # type: ignore[attr-defined]


def _rounded(eq: object) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(p) for p in _as_arrays(eq))


def test_two_player_agreement_with_enummixed() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(5)
    for _ in range(25):
        m, n = rng.integers(1, 4, 2)
        a, b = rng.integers(-2, 3, (m, n)), rng.integers(-2, 3, (m, n))
        ours = {eq.key() for eq in quiet(NormalFormGame.from_bimatrix(a, b))}
        reference = gbt.Game.from_arrays(a, b)
        theirs = {
            tuple(tuple(F(str(p[s])) for s in player.strategies) for player in reference.players)
            for p in gbt.nash.enummixed_solve(reference, rational=True).equilibria
        }
        assert ours == theirs


def test_three_player_agreement_with_enumpoly() -> None:
    # Gambit's enumpoly sometimes misses equilibria (it found none in a game where we find an
    # irrational one that passes the Nash check), so check inclusion, plus the Nash property of ours.
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(3)
    for _ in range(8):
        payoffs = rng.integers(-99, 100, size=(2, 2, 2, 3))
        game = NormalFormGame(payoffs)
        ours = quiet(game)
        assert all(is_nash(game, eq, tol=eq.tolerance) for eq in ours)
        reference = gbt.Game.from_arrays(*[payoffs[..., i] for i in range(3)])
        for p in gbt.nash.enumpoly_solve(reference, use_strategic=True).equilibria:
            theirs = np.concatenate([[float(p[s]) for s in player.strategies] for player in reference.players])
            assert any(np.allclose(np.concatenate(eq.as_float()), theirs, atol=1e-6) for eq in ours)


def test_rejects_bad_max_support_size() -> None:
    with pytest.raises(InvalidArgumentError, match="max_support_size"):
        n_player_equilibria(jordan_game(), max_support_size=0)


def test_rejects_boolean_max_support_size() -> None:
    with pytest.raises(InvalidArgumentError, match="max_support_size"):
        n_player_equilibria(jordan_game(), max_support_size=True)


def test_rejects_parametric_game() -> None:
    with pytest.raises(ParameterError):
        n_player_equilibria(NormalFormGame.from_bimatrix([["R", 0]], [[0, 0]]))


def test_rejects_non_game() -> None:
    with pytest.raises(UnsupportedGameError):
        n_player_equilibria(np.zeros((2, 2, 2, 3)))  # type: ignore[arg-type]


def test_generic_games_have_an_odd_number_of_equilibria() -> None:
    rng = np.random.default_rng(11)
    for _ in range(15):
        game = NormalFormGame(rng.standard_normal((2, 2, 2, 3)))
        assert len(n_player_equilibria(game)) % 2 == 1


def test_dummy_third_player_reduces_to_enummixed() -> None:
    # With one strategy for player 3, the game is a two-player game in disguise.
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(2)
    for _ in range(10):
        m, n = rng.integers(1, 4, 2)
        payoffs = rng.integers(-2, 3, (m, n, 1, 3))
        ours = {eq.key()[:2] for eq in quiet(NormalFormGame(payoffs))}
        reference = gbt.Game.from_arrays(payoffs[..., 0, 0], payoffs[..., 0, 1])
        theirs = {
            tuple(tuple(F(str(p[s])) for s in player.strategies) for player in reference.players)
            for p in gbt.nash.enummixed_solve(reference, rational=True).equilibria
        }
        assert ours == theirs


def test_three_by_three_by_two_game_is_consistent() -> None:
    rng = np.random.default_rng(4)
    game = NormalFormGame(rng.integers(-20, 21, (3, 3, 2, 3)))
    equilibria = n_player_equilibria(game)
    assert len(equilibria) % 2 == 1
    assert all(is_nash(game, eq, tol=eq.tolerance) for eq in equilibria)
    assert {eq.key() for eq in equilibria if eq.is_pure} == {eq.key() for eq in pure_equilibria(game)}


@settings(max_examples=30, deadline=None)
@given(
    st.tuples(st.integers(1, 3), st.integers(1, 3)).flatmap(
        lambda shape: arrays(np.int64, (*shape, 2), elements=st.integers(-2, 2))
    )
)
def test_two_player_agreement_with_nash_equilibria(payoffs: np.ndarray) -> None:
    enumeration = pytest.importorskip("gametheory.solvers.enumeration")
    game = NormalFormGame(payoffs)
    assert {eq.key() for eq in quiet(game)} == {eq.key() for eq in enumeration.nash_equilibria(game)}


# ---------------------------------------------------------------- per-player scale (issue 9)
# A 2x2x3 game whose player 1 payoffs are then scaled by 1e-300 and player 2's by 1e300.
SCALED_BASE = np.array(
    [
        [[[4, 2, 0], [-3, 5, -2], [-3, 7, -4]], [[-5, 4, 2], [-9, -8, -2], [6, -2, 5]]],
        [[[-3, -5, 6], [7, -8, -8], [3, -3, 1]], [[-7, 7, -1], [8, 6, 4], [-5, 5, -9]]],
    ]
)


def _supports(equilibria: tuple[Equilibrium, ...]) -> list[tuple[tuple[int, ...], ...]]:
    return sorted(eq.support for eq in equilibria)


def test_one_players_huge_payoffs_do_not_hide_anothers_deviation() -> None:
    floats = SCALED_BASE.astype(np.float64)
    floats[..., 0] *= 1e-300
    floats[..., 1] *= 1e300
    game = NormalFormGame(floats)
    found = quiet(game)
    # The old code checked irrational candidates against the largest payoff of any player (and then with
    # the single tolerance 5e291), so it also returned a profile where player 3 regrets about 3.56.
    assert _supports(found) == _supports(quiet(NormalFormGame(SCALED_BASE)))
    assert len(found) == 3
    for eq in found:
        assert is_nash(game, eq)
        assert eq.player_tolerances == game.player_tolerances()
        assert regret(game, eq.profile)[2] <= 1e-8


def test_each_player_is_recorded_with_its_own_tolerance() -> None:
    floats = jordan_game().float_payoffs() * np.array([1e6, 1.0, 1e-6])
    (eq,) = quiet(NormalFormGame(floats))
    assert eq.player_tolerances == pytest.approx((1e-3, 1e-9, 1e-15))
    assert eq.profile[2].tolist() == pytest.approx([0.5, 0.5])


@settings(max_examples=50, deadline=None)
@given(
    normal_form_games(num_players=3, num_strategies=2, min_payoff=-4, max_payoff=4),
    st.integers(0, 2),
    st.sampled_from([2.0**20, 2.0**-20, 2.0**900, 2.0**-900, 1e6]),
)
def test_scaling_one_player_never_changes_the_equilibria(game: NormalFormGame, player: int, factor: float) -> None:
    floats = np.array(game.float_payoffs(), dtype=np.float64)
    before = quiet(NormalFormGame(floats))
    floats[..., player] *= factor
    after = quiet(NormalFormGame(floats))
    assert _supports(after) == _supports(before)
    assert sorted(eq.key() for eq in after) == sorted(eq.key() for eq in before)


# ---------------------------------------------------------------------- bounded work


def test_time_limit_stops_three_players_with_four_strategies_promptly() -> None:
    """Without a limit this game runs for minutes."""
    import time

    from gametheory.exceptions import ResourceLimitError

    game = NormalFormGame(np.random.default_rng(1).integers(0, 10, (4, 4, 4, 3)))
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match=r"n_player_equilibria exceeded the time limit of 0\.5 s"):
        n_player_equilibria(game, time_limit=0.5)
    assert time.monotonic() - start < 2.5


def test_a_generous_time_limit_gives_the_same_equilibria() -> None:
    game = jordan_game()
    assert n_player_equilibria(game, time_limit=600) == n_player_equilibria(game)


def test_time_limit_is_validated() -> None:
    with pytest.raises(InvalidArgumentError, match="time_limit"):
        n_player_equilibria(jordan_game(), time_limit=-1)


def test_support_lists_beyond_the_memory_budget_raise_first(monkeypatch: pytest.MonkeyPatch) -> None:
    from gametheory._internal import limits
    from gametheory.exceptions import ResourceLimitError

    monkeypatch.setattr(limits, "memory_budget", lambda: 1000)
    with pytest.raises(ResourceLimitError, match="27 support profiles"):
        n_player_equilibria(jordan_game())
