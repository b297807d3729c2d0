"""Tests of fictitious play: convergence, agreement with nashpy, randomness, bad input."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.dynamics.fictitious_play import fictitious_play
from gametheory.exceptions import InvalidGameError, InvalidProfileError, ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.verify import regret

F = Fraction
PENNIES = NormalFormGame.zero_sum([[1, -1], [-1, 1]], players=("US", "Militia"))
# A zero-sum game whose payoff matrix is not symmetric: unique equilibrium ((3/7, 4/7), (2/7, 5/7)).
INSPECTION = NormalFormGame.zero_sum([[3, -1], [-2, 1]])
INSPECTION_EQ = [[F(3, 7), F(4, 7)], [F(2, 7), F(5, 7)]]


def test_matching_pennies_frequencies_converge_to_one_half() -> None:
    run = fictitious_play(PENNIES, iterations=3000, rng=0)
    gaps = run.distance([[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]])
    assert gaps[-1] < 0.03
    assert gaps[-1] < gaps[100]
    assert run.players == ("US", "Militia")


def test_zero_sum_frequencies_converge_to_the_unique_equilibrium() -> None:
    run = fictitious_play(INSPECTION, iterations=3000, rng=1)
    assert run.distance(INSPECTION_EQ)[-1] < 0.03
    # The empirical profile is an approximate equilibrium: small regret.
    assert float(max(regret(INSPECTION, run.final()))) < 0.05


def test_rock_paper_scissors_converges() -> None:
    rps = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    run = fictitious_play(rps, iterations=3000, rng=2)
    assert run.distance([[F(1, 3)] * 3] * 2)[-1] < 0.03


def test_dominant_strategies_are_played_from_the_first_step() -> None:
    dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    run = fictitious_play(dilemma, iterations=20, rng=0)
    assert run.plays is not None
    assert np.all(run.plays == 1)
    assert run.final()[0].tolist() == [0.0, 1.0]


def test_record_layout() -> None:
    run = fictitious_play(INSPECTION, iterations=5, rng=0)
    assert run.times.tolist() == [0, 1, 2, 3, 4, 5]
    assert run.profiles[0][0].tolist() == [0.5, 0.5]  # no counts yet: uniform
    assert run.plays is not None
    assert run.plays.shape == (5, 2)
    counts = run.profiles[0][1:] * np.arange(1, 6)[:, None]
    assert np.allclose(counts[-1], np.bincount(run.plays[:, 0], minlength=2))
    assert not run.profiles[0].flags.writeable


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(2, 4), columns=st.integers(2, 4))
def test_agrees_with_nashpy_when_there_are_no_ties(seed: int, rows: int, columns: int) -> None:
    nashpy = pytest.importorskip("nashpy")
    data = np.random.default_rng(seed)
    a, b = data.standard_normal((rows, columns)), data.standard_normal((rows, columns))
    start = [data.uniform(0.5, 2.0, rows), data.uniform(0.5, 2.0, columns)]
    game = NormalFormGame.from_bimatrix(a, b)
    ours = fictitious_play(game, iterations=60, initial_counts=start)
    theirs = list(nashpy.Game(a, b).fictitious_play(iterations=60, play_counts=[s.copy() for s in start]))
    for step, counts in enumerate(theirs):
        for player in (0, 1):
            expected = counts[player] / counts[player].sum()
            assert np.allclose(ours.profiles[player][step], expected, rtol=0, atol=1e-12)


def test_ties_are_broken_with_the_rng() -> None:
    flat = NormalFormGame.from_bimatrix(np.zeros((3, 3), dtype=int), np.zeros((3, 3), dtype=int))
    a = fictitious_play(flat, iterations=40, rng=5)
    b = fictitious_play(flat, iterations=40, rng=np.random.default_rng(5))
    c = fictitious_play(flat, iterations=40, rng=6)
    assert a.plays is not None
    assert b.plays is not None
    assert c.plays is not None
    assert np.array_equal(a.plays, b.plays)
    assert not np.array_equal(a.plays, c.plays)
    assert set(a.plays.ravel().tolist()) == {0, 1, 2}


def test_three_player_game() -> None:
    game = NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        fictitious_play(game, iterations=3)


def test_parametric_game() -> None:
    game = NormalFormGame.from_bimatrix([["a", 0]], [[0, 1]])
    with pytest.raises(ParameterError):
        fictitious_play(game, iterations=3)


def test_zero_iterations() -> None:
    with pytest.raises(InvalidGameError, match="iterations"):
        fictitious_play(PENNIES, iterations=0)


def test_negative_initial_counts() -> None:
    with pytest.raises(InvalidProfileError, match="non-negative"):
        fictitious_play(PENNIES, iterations=3, initial_counts=[[1, -1], [1, 1]])


def test_initial_counts_of_the_wrong_length() -> None:
    with pytest.raises(InvalidProfileError, match="2 entries"):
        fictitious_play(PENNIES, iterations=3, initial_counts=[[1, 1, 1], [1, 1]])


def test_initial_counts_for_one_player_only() -> None:
    with pytest.raises(InvalidProfileError, match="one vector per player"):
        fictitious_play(PENNIES, iterations=3, initial_counts=[[1, 1]])


# ---------------------------------------------------------------- per-player scale (issue 9)
def test_small_players_best_response_is_not_a_tie() -> None:
    # The column player's s2 is better by 1e-3 everywhere; the row player's payoffs are 1e9. The old tie
    # tolerance (1e-12 times the largest payoff of either player, times the count) tied them and played at random.
    game = NormalFormGame.from_bimatrix([[1e9, 0.0], [0.0, 1e9]], [[0.0, 1e-3], [0.0, 1e-3]])
    run = fictitious_play(game, iterations=200, initial_counts=[[1, 0], [0, 0]], rng=0)
    assert run.plays is not None
    assert set(run.plays[:, 1].tolist()) == {1}
    assert set(run.plays[1:, 0].tolist()) == {1}


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(-4, 4), min_size=4, max_size=4),
    st.lists(st.integers(-4, 4), min_size=4, max_size=4),
    st.integers(0, 1),
    st.sampled_from([2.0**20, 2.0**-20, 2.0**-1000, 1e6]),
)
def test_scaling_one_player_never_changes_the_play(a: list[int], b: list[int], player: int, factor: float) -> None:
    payoffs = np.stack([np.array(a, dtype=float).reshape(2, 2), np.array(b, dtype=float).reshape(2, 2)], axis=-1)
    before = fictitious_play(NormalFormGame(payoffs), iterations=50, rng=1).plays
    payoffs[..., player] *= factor
    after = fictitious_play(NormalFormGame(payoffs), iterations=50, rng=1).plays
    assert before is not None
    assert after is not None
    assert after.tolist() == before.tolist()
