"""Tests of the round-robin tournament."""

from __future__ import annotations

import numpy as np
import pytest

from gametheory.exceptions import InvalidGameError
from gametheory.repeated.strategies import AlwaysCooperate, AlwaysDefect, GrimTrigger, RandomStrategy, TitForTat
from gametheory.repeated.thresholds import PrisonersDilemma
from gametheory.repeated.tournament import tournament

GAME = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()


def test_scores_match_hand_computation() -> None:
    result = tournament(GAME, [AlwaysCooperate(), AlwaysDefect(), GrimTrigger()], rounds=10)
    # Rows: ALLC, ALLD, Grim; entry = mean payoff per round against the column strategy.
    expected = [
        [3.0, 0.0, 3.0],
        [5.0, 1.0, (5 + 9 * 1) / 10],
        [3.0, (0 + 9 * 1) / 10, 3.0],
    ]
    np.testing.assert_allclose(result.scores, expected)
    assert result.names == ("Always cooperate", "Always defect", "Grim trigger")
    assert result.mean_scores().tolist() == pytest.approx(np.mean(expected, axis=1).tolist())
    assert result.ranking()[0] == "Always defect"


def test_seeded_tournament_is_reproducible() -> None:
    players = [TitForTat(), RandomStrategy(0.5)]
    a = tournament(GAME, players, rounds=30, noise=0.05, repetitions=3, rng=9)
    b = tournament(GAME, players, rounds=30, noise=0.05, repetitions=3, rng=9)
    assert np.array_equal(a.scores, b.scores)
    assert not a.scores.flags.writeable


def test_empty_tournament() -> None:
    with pytest.raises(InvalidGameError, match="at least one"):
        tournament(GAME, [], rounds=3)


def test_zero_repetitions() -> None:
    with pytest.raises(InvalidGameError, match="repetitions"):
        tournament(GAME, [TitForTat()], rounds=3, repetitions=0)


def test_a_strategy_that_is_not_callable_is_named_in_the_error() -> None:
    from gametheory.exceptions import InvalidArgumentError

    game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    with pytest.raises(InvalidArgumentError, match=r"strategies\[1\] must be a callable .*not 1 \(int\)"):
        tournament(game, [TitForTat(), 1], rounds=3)


def test_tournament_stops_at_its_time_limit():
    import time

    from gametheory.exceptions import ResourceLimitError

    def slow(history, rng):
        time.sleep(0.001)
        return 0

    game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match="tournament exceeded the time limit"):
        tournament(game, [slow, TitForTat(), GrimTrigger()], rounds=10_000, time_limit=0.05)
    assert time.monotonic() - start < 1.0
