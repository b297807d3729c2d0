"""Tests of find_equilibrium (path-following to one certified equilibrium)."""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.exceptions import (
    InvalidArgumentError,
    InvalidPayoffError,
    ParameterError,
    ResourceLimitError,
    UnsupportedGameError,
)
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._path_exact import _bareiss_solve, refine_exact
from gametheory.solvers._path_polish import polish
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.n_player import n_player_equilibria
from gametheory.solvers.path_following import find_equilibrium
from gametheory.solvers.verify import is_nash, regret

F = Fraction


def _random_game(seed: int, shape: tuple[int, ...], *, exact: bool, low: int = -3, high: int = 3) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(low, high + 1, size=(*shape, len(shape)))
    return NormalFormGame(payoffs if exact else payoffs + 0.1 * rng.standard_normal(payoffs.shape))


def _assert_certified(game: NormalFormGame, equilibrium) -> None:
    assert equilibrium.game is game
    assert is_nash(game, equilibrium)
    if equilibrium.is_exact:
        assert all(r == 0 for r in regret(game, equilibrium))
    else:
        regrets = regret(game, equilibrium)
        assert np.all(regrets <= np.array(equilibrium.player_tolerances))
        assert equilibrium.player_tolerances == game.player_tolerances()


def _close_to_one_of(equilibrium, equilibria, atol=1e-6) -> bool:
    found = equilibrium.as_float()
    return any(
        all(np.allclose(p, q, atol=atol) for p, q in zip(found, other.as_float(), strict=True)) for other in equilibria
    )


shapes = st.sampled_from([(2, 2), (3, 2), (4, 4), (5, 3), (2, 2, 2), (3, 2, 2), (3, 3, 3), (2, 2, 2, 2)])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes, st.integers(0, 2**32 - 1), st.booleans(), st.sampled_from([1, 3]))
def test_every_result_is_a_certified_equilibrium(shape, seed, exact, high):
    # Small payoff ranges (high=1) make ties and duplicate strategies common: degenerate games are the normal case.
    game = _random_game(seed, shape, exact=exact, low=-high, high=high)
    equilibrium = find_equilibrium(game, rng=seed)
    _assert_certified(game, equilibrium)
    if exact and len(shape) == 2:
        assert equilibrium.is_exact


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_two_player_exact_result_is_an_extreme_equilibrium(m, n, seed):
    game = _random_game(seed, (m, n), exact=True, low=0, high=9)
    equilibrium = find_equilibrium(game, rng=seed)
    assert equilibrium.is_exact
    assert equilibrium in nash_equilibria(game)


@pytest.mark.parametrize("seed", range(4))
def test_three_player_result_is_among_all_equilibria(seed):
    game = _random_game(seed, (2, 2, 2), exact=True, low=0, high=9)
    equilibrium = find_equilibrium(game, rng=seed)
    _assert_certified(game, equilibrium)
    assert _close_to_one_of(equilibrium, n_player_equilibria(game))


def test_exact_when_at_most_two_players_mix():
    # Matching pennies between players 1 and 2; player 3 has a strictly dominant strategy.
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[a, b, c] = [2 * int(a == b) + c, int(a != b), 3 * c]
    game = NormalFormGame(payoffs)
    equilibrium = find_equilibrium(game, rng=1)
    assert equilibrium.is_exact
    assert equilibrium.key() == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), (F(0), F(1)))


def test_irrational_three_player_equilibrium_is_a_float_within_tolerance():
    # A game whose only equilibrium is fully mixed with irrational probabilities (3 players, 2 strategies).
    seed = next(
        s
        for s in range(200)
        if (eqs := n_player_equilibria(_random_game(s, (2, 2, 2), exact=True, low=0, high=9)))
        and len(eqs) == 1
        and not eqs[0].is_exact
    )
    game = _random_game(seed, (2, 2, 2), exact=True, low=0, high=9)
    equilibrium = find_equilibrium(game, rng=0)
    assert not equilibrium.is_exact
    _assert_certified(game, equilibrium)
    assert _close_to_one_of(equilibrium, n_player_equilibria(game), atol=1e-8)


@pytest.mark.parametrize("shape", [(3, 4), (2, 2, 2), (2, 3, 2, 2)])
def test_all_zero_and_constant_games(shape):
    for payoffs in (np.zeros((*shape, len(shape)), dtype=int), np.full((*shape, len(shape)), 2.5)):
        game = NormalFormGame(payoffs)
        _assert_certified(game, find_equilibrium(game, rng=0))


def test_duplicate_strategies_and_ties():
    game = NormalFormGame.from_bimatrix([[1, 1, 0], [1, 1, 0], [0, 0, 1]], [[1, 1, 0], [1, 1, 0], [0, 0, 1]])
    for seed in range(6):
        equilibrium = find_equilibrium(game, rng=seed)
        assert equilibrium.is_exact
        assert is_nash(game, equilibrium)
    payoffs = np.ones((3, 3, 3, 3))
    payoffs[0, 0, 0] = 2.0
    game = NormalFormGame(payoffs)
    _assert_certified(game, find_equilibrium(game, rng=0))


def test_large_games_succeed():
    three = _random_game(7, (8, 8, 8), exact=False, low=0, high=99)
    _assert_certified(three, find_equilibrium(three, rng=0))
    two = _random_game(7, (40, 40), exact=True, low=0, high=99)
    equilibrium = find_equilibrium(two, rng=0)
    assert equilibrium.is_exact
    _assert_certified(two, equilibrium)


def test_invariant_under_positive_affine_payoff_transforms():
    game = _random_game(3, (3, 3, 3), exact=False, low=0, high=9)
    scaled = NormalFormGame(game.float_payoffs() * 1e6 - 42.0)
    first, second = find_equilibrium(game, rng=0), find_equilibrium(scaled, rng=0)
    _assert_certified(scaled, second)
    for p, q in zip(first.profile, second.profile, strict=True):
        np.testing.assert_allclose(p, q, atol=1e-7)


def test_same_seed_same_answer():
    for shape in [(10, 10), (4, 4, 4)]:
        game = _random_game(11, shape, exact=True, low=0, high=20)
        assert find_equilibrium(game, rng=5) == find_equilibrium(game, rng=5)
        assert find_equilibrium(game, rng=np.random.default_rng(5)) == find_equilibrium(game, rng=5)


def test_different_seeds_can_find_different_equilibria():
    coordination = NormalFormGame.from_bimatrix(np.eye(4, dtype=int), np.eye(4, dtype=int))
    found = {find_equilibrium(coordination, rng=seed).key() for seed in range(12)}
    assert len(found) > 1
    assert all(is_nash(coordination, [np.array(p) for p in key]) for key in found)


def test_bad_input_is_rejected():
    game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(UnsupportedGameError, match="NormalFormGame"):
        find_equilibrium([[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="parameters"):
        find_equilibrium(NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]]))
    with pytest.raises(InvalidPayoffError):
        NormalFormGame.from_bimatrix([[float("nan"), 0], [0, 1]], [[1, 0], [0, 1]])
    for bad in ["seed", 1.5, -1, True]:
        with pytest.raises(InvalidArgumentError, match="rng"):
            find_equilibrium(game, rng=bad)
    for bad in [0, -1.0, float("nan"), float("inf"), "1", True]:
        with pytest.raises(InvalidArgumentError, match="time_limit"):
            find_equilibrium(game, time_limit=bad)


def test_time_limit_is_respected():
    game = _random_game(2, (14, 14, 14), exact=False, low=0, high=99)
    start = time.perf_counter()
    with pytest.raises(ResourceLimitError, match="find_equilibrium"):
        find_equilibrium(game, rng=0, time_limit=0.02)
    assert time.perf_counter() - start < 1.0


def test_bareiss_solves_exactly():
    assert _bareiss_solve([[2, 1, 3], [1, 3, 5]]) == [F(4, 5), F(7, 5)]
    assert _bareiss_solve([[1, 2, 1], [2, 4, 2]]) is None


def test_refinement_rejects_a_profile_far_from_equilibrium():
    game = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    assert refine_exact(game, [np.array([0.5, 0.5]), np.array([0.5, 0.5])]) is None
    refined = refine_exact(game, [np.array([0.6 + 1e-9, 0.4 - 1e-9]), np.array([0.4, 0.6])])
    assert refined is not None
    assert refined.key() == ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5)))


def test_polish_returns_none_on_a_wrong_support():
    game = NormalFormGame.from_bimatrix([[3.0, 0.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 3.0]])
    payoffs = game.float_payoffs()
    mixed = polish(payoffs, ((0, 1), (0, 1)), [np.array([0.5, 0.5]), np.array([0.5, 0.5])])
    assert mixed is not None
    np.testing.assert_allclose(mixed[0], [0.6, 0.4])
    np.testing.assert_allclose(mixed[1], [0.4, 0.6])
    dominated = NormalFormGame.from_bimatrix([[1.0, 1.0], [0.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]]).float_payoffs()
    assert polish(dominated, ((0, 1), (0, 1)), [np.array([0.5, 0.5]), np.array([0.5, 0.5])]) is None


@pytest.mark.parametrize("scale", [1, 10**5, 10**10, 10**28])
def test_the_payoff_scale_does_not_matter_with_three_players(scale: int) -> None:
    """Scaling every payoff changes no equilibrium; it once made the logit path fail (found in review)."""
    base = np.array(
        [
            [[[-5, 2, 51], [90, -93, -71]], [[64, 89, -50], [-37, 73, -15]]],
            [[[-45, 65, -48], [-18, 29, 10]], [[-82, -94, 73], [50, 67, 8]]],
        ],
        dtype=object,
    )
    one_strategy = np.array([[[[9, -19, 91], [37, 37, -12]]], [[[61, 65, -28], [-40, 42, 30]]]], dtype=object)
    for payoffs in (base, one_strategy):
        for game in (NormalFormGame(payoffs * scale), NormalFormGame(payoffs.astype(float) * float(scale))):
            assert is_nash(game, find_equilibrium(game, rng=0, time_limit=30))
