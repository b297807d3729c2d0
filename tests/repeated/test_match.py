"""Tests of play_match: histories, noise, escalation cycles, totals, bad input."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidGameError, InvalidProfileError, ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.repeated.match import Match, play_match
from gametheory.repeated.strategies import (
    AlwaysCooperate,
    AlwaysDefect,
    GenerousTitForTat,
    GrimTrigger,
    History,
    RandomStrategy,
    TitForTat,
    WinStayLoseShift,
)
from gametheory.repeated.thresholds import PrisonersDilemma

GAME = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game(players=("US", "Militia"))
C, D = 0, 1


def test_single_error_between_tit_for_tat_players_alternates_forever() -> None:
    match = play_match(GAME, TitForTat(), TitForTat(), rounds=12, forced_errors=[(4, 0)])
    pairs = [tuple(p) for p in match.played.tolist()]
    assert pairs[:4] == [(C, C)] * 4
    # The error echoes back and forth: (D, C), (C, D), (D, C), ... for ever.
    assert pairs[4:] == [(D, C), (C, D)] * 4
    assert match.errors.sum() == 1
    assert match.errors[4, 0]
    assert match.played_labels()[5] == ("Cooperate", "Defect")


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), noise=st.sampled_from([0.01, 0.03, 0.1]))
def test_noisy_tit_for_tat_alternates_between_errors(seed: int, noise: float) -> None:
    match = play_match(GAME, TitForTat(), TitForTat(), rounds=150, noise=noise, rng=seed)
    error_rounds = np.flatnonzero(match.errors.any(axis=1))
    if len(error_rounds) == 0:
        assert np.all(match.played == 0)
        return
    first = error_rounds[0]
    assert np.all(match.played[:first] == 0)
    end = error_rounds[1] if len(error_rounds) > 1 else match.rounds
    if match.errors[first].all():
        # Both erred at once: tit-for-tat locks into mutual defection.
        assert np.all(match.played[first:end] == 1)
        return
    culprit = int(np.flatnonzero(match.errors[first])[0])
    for t in range(first, end):
        # The defection passes from one player to the other every round.
        defector = culprit if (t - first) % 2 == 0 else 1 - culprit
        expected = [0, 0]
        expected[defector] = 1
        assert match.played[t].tolist() == expected


def test_simultaneous_errors_lock_tit_for_tat_into_defection() -> None:
    match = play_match(GAME, TitForTat(), TitForTat(), rounds=8, forced_errors=[(2, 0), (2, 1)])
    assert match.played[2:].tolist() == [[D, D]] * 6


def test_win_stay_lose_shift_repairs_a_single_error() -> None:
    match = play_match(GAME, WinStayLoseShift(), WinStayLoseShift(), rounds=8, forced_errors=[(2, 0)])
    assert [tuple(p) for p in match.played.tolist()] == [(C, C), (C, C), (D, C), (D, D), (C, C), (C, C), (C, C), (C, C)]


def test_grim_trigger_never_returns_to_cooperation() -> None:
    match = play_match(GAME, GrimTrigger(), GrimTrigger(), rounds=8, forced_errors=[(1, 1)])
    assert [tuple(p) for p in match.played.tolist()] == [(C, C), (C, D), (D, C), (D, D), (D, D), (D, D), (D, D), (D, D)]


def test_generous_tit_for_tat_ends_the_echo() -> None:
    match = play_match(GAME, GenerousTitForTat(Fraction(1, 3)), TitForTat(), rounds=200, forced_errors=[(3, 1)], rng=7)
    assert np.all(match.played[-20:] == 0)


def test_payoffs_and_totals_are_exact() -> None:
    match = play_match(GAME, TitForTat(), AlwaysDefect(), rounds=4, discount=Fraction(1, 2))
    assert match.payoffs.tolist() == [[0, 5], [1, 1], [1, 1], [1, 1]]
    assert all(isinstance(v, Fraction) for v in match.payoffs.flat)
    assert match.totals.tolist() == [3, 8]
    # 0 + 1/2 + 1/4 + 1/8 and 5 + 1/2 + 1/4 + 1/8.
    assert match.discounted_totals.tolist() == [Fraction(7, 8), Fraction(47, 8)]
    assert match.mean_payoffs().tolist() == [Fraction(3, 4), 2]
    assert match.cooperation_rate().tolist() == [0.25, 0.0]
    assert match.discount == Fraction(1, 2)


def test_float_game_gives_float_totals() -> None:
    game = NormalFormGame.from_bimatrix([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])
    match = play_match(game, AlwaysCooperate(), AlwaysDefect(), rounds=3, discount=0.5)
    assert match.payoffs.dtype == np.float64
    assert match.discounted_totals.tolist() == pytest.approx([0.0, 5 * 1.75])


def test_noise_extremes() -> None:
    clean = play_match(GAME, AlwaysCooperate(), AlwaysCooperate(), rounds=20, noise=0, rng=1)
    assert not clean.errors.any()
    flipped = play_match(GAME, AlwaysCooperate(), AlwaysCooperate(), rounds=20, noise=1, rng=1)
    assert flipped.errors.all()
    assert np.all(flipped.played == 1)
    assert np.all(flipped.intended == 0)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), noise=st.floats(0, 0.5))
def test_record_is_consistent(seed: int, noise: float) -> None:
    match = play_match(GAME, RandomStrategy(0.7), WinStayLoseShift(), rounds=30, noise=noise, rng=seed)
    assert np.array_equal(match.played, match.intended ^ match.errors)
    table = GAME.payoffs
    for t in range(match.rounds):
        assert match.payoffs[t].tolist() == table[match.played[t, 0], match.played[t, 1]].tolist()
    assert match.totals.tolist() == [sum(match.payoffs[:, i]) for i in (0, 1)]
    again = play_match(GAME, RandomStrategy(0.7), WinStayLoseShift(), rounds=30, noise=noise, rng=seed)
    assert np.array_equal(match.played, again.played)


def test_rng_generator_and_seed_agree() -> None:
    a = play_match(GAME, RandomStrategy(), RandomStrategy(), rounds=50, noise=0.1, rng=3)
    b = play_match(GAME, RandomStrategy(), RandomStrategy(), rounds=50, noise=0.1, rng=np.random.default_rng(3))
    assert np.array_equal(a.played, b.played)


def test_continuation_gives_geometric_lengths() -> None:
    rng = np.random.default_rng(11)
    lengths = [play_match(GAME, TitForTat(), TitForTat(), continuation=0.9, rng=rng).rounds for _ in range(400)]
    assert min(lengths) >= 1
    # Mean 1 / (1 - 0.9) = 10, standard error about 0.47.
    assert abs(np.mean(lengths) - 10) < 2


def test_history_seen_by_strategies() -> None:
    seen: list[tuple[list[int], list[int], list[Fraction], int]] = []

    def spy(history: History, rng: np.random.Generator) -> int:
        seen.append(
            (history.own.tolist(), history.opponent.tolist(), history.own_payoffs.tolist(), history.opponent_defections)
        )
        assert not history.own.flags.writeable
        return 0

    play_match(GAME, spy, AlwaysDefect(), rounds=3)
    assert seen == [([], [], [], 0), ([0], [1], [0], 1), ([0, 0], [1, 1], [0, 0], 2)]


def test_user_strategy_class() -> None:
    class TitForTwoTats:
        name = "Tit for two tats"

        def __call__(self, history: History, rng: np.random.Generator) -> int:
            return int(history.opponent[-2:].tolist() == [1, 1])

    match = play_match(GAME, TitForTwoTats(), AlwaysDefect(), rounds=4)
    assert match.played[:, 0].tolist() == [0, 0, 1, 1]
    assert match.names == ("Tit for two tats", "Always defect")


def test_match_is_frozen() -> None:
    match = play_match(GAME, TitForTat(), TitForTat(), rounds=3)
    assert isinstance(match, Match)
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.discount = 0.5  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        match.played[0, 0] = 1
    assert str(match) == "Tit for tat vs Tit for tat: 3 rounds, 0 errors, totals 9, 9"


# ------------------------------------------------------------------ bad input, one test each
def test_rounds_and_continuation_together() -> None:
    with pytest.raises(InvalidGameError, match="exactly one"):
        play_match(GAME, TitForTat(), TitForTat(), rounds=3, continuation=0.5)


def test_neither_rounds_nor_continuation() -> None:
    with pytest.raises(InvalidGameError, match="exactly one"):
        play_match(GAME, TitForTat(), TitForTat())


def test_zero_rounds() -> None:
    with pytest.raises(InvalidGameError, match="positive integer"):
        play_match(GAME, TitForTat(), TitForTat(), rounds=0)


def test_fractional_rounds() -> None:
    with pytest.raises(InvalidGameError, match="positive integer"):
        play_match(GAME, TitForTat(), TitForTat(), rounds=2.5)  # type: ignore[arg-type]


def test_continuation_of_one() -> None:
    with pytest.raises(InvalidGameError, match="below 1"):
        play_match(GAME, TitForTat(), TitForTat(), continuation=1)


def test_noise_above_one() -> None:
    with pytest.raises(InvalidGameError, match="noise"):
        play_match(GAME, TitForTat(), TitForTat(), rounds=3, noise=1.5)


def test_zero_discount() -> None:
    with pytest.raises(InvalidGameError, match="discount"):
        play_match(GAME, TitForTat(), TitForTat(), rounds=3, discount=0)


def test_forced_error_for_a_third_player() -> None:
    with pytest.raises(InvalidGameError, match="forced error"):
        play_match(GAME, TitForTat(), TitForTat(), rounds=3, forced_errors=[(0, 2)])


def test_strategy_returning_a_bad_action() -> None:
    with pytest.raises(InvalidProfileError, match="returned 2"):
        play_match(GAME, lambda h, r: 2, TitForTat(), rounds=3)


def test_strategy_returning_a_bool() -> None:
    with pytest.raises(InvalidProfileError, match="returned True"):
        play_match(GAME, lambda h, r: True, TitForTat(), rounds=3)


def test_stage_game_that_is_not_2x2() -> None:
    game = NormalFormGame.from_bimatrix([[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 5, 6]])
    with pytest.raises(UnsupportedGameError, match="2x2"):
        play_match(game, TitForTat(), TitForTat(), rounds=3)


def test_parametric_stage_game() -> None:
    game = NormalFormGame.from_bimatrix([["R", 0], ["T", 1]], [["R", "T"], [0, 1]])
    with pytest.raises(ParameterError, match="parameters"):
        play_match(game, TitForTat(), TitForTat(), rounds=3)


def test_forced_error_that_is_not_a_pair() -> None:
    with pytest.raises(InvalidGameError, match="forced error"):
        play_match(GAME, TitForTat(), TitForTat(), rounds=3, forced_errors=[3])  # type: ignore[list-item]


def test_expected_total_with_continuation_is_the_discounted_value() -> None:
    rng = np.random.default_rng(12)
    w = Fraction(1, 2)
    totals = [play_match(GAME, AlwaysDefect(), TitForTat(), continuation=w, rng=rng).totals[0] for _ in range(2000)]
    # T + w P / (1 - w) = 5 + 1 = 6; the total's standard deviation is sqrt(2), so the mean's is about 0.03.
    assert abs(float(np.mean([float(t) for t in totals])) - 6) < 0.15


@pytest.mark.parametrize("bad", [1, "tit for tat", None])
def test_a_strategy_that_is_not_callable_is_named_in_the_error(bad: object) -> None:
    from gametheory.exceptions import InvalidArgumentError

    game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    with pytest.raises(InvalidArgumentError, match="the column strategy must be a callable"):
        play_match(game, TitForTat(), bad, rounds=3)
    with pytest.raises(InvalidArgumentError, match="the row strategy"):
        play_match(game, bad, TitForTat(), rounds=3)


# ---------------------------------------------------------------------- bounded memory


@pytest.mark.parametrize("length", [{"continuation": 1 - 1e-12}, {"rounds": 10**13}])
def test_a_match_too_long_for_memory_raises_before_allocating(length: dict[str, float]) -> None:
    """``continuation=1 - 1e-12`` draws about 10**12 rounds: a terabyte of records, refused with the estimate."""
    from gametheory.exceptions import ResourceLimitError

    game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(ResourceLimitError, match=r"a match of [0-9,]+ rounds would need about [0-9.e+]+ GB"):
        play_match(game, TitForTat(), TitForTat(), rng=0, **length)


def _slow_tit_for_tat(history, rng):
    """Tit-for-tat that takes a millisecond per move, as user strategies may."""
    import time

    time.sleep(0.001)
    return int(history.opponent[-1]) if len(history.opponent) else 0


def test_play_match_stops_at_its_time_limit():
    import time

    from gametheory.exceptions import ResourceLimitError

    game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match=r"play_match exceeded the time limit of 0\.05 s"):
        play_match(game, _slow_tit_for_tat, _slow_tit_for_tat, rounds=100_000, time_limit=0.05)
    assert time.monotonic() - start < 1.0
    # Within the limit, the result is the same as without one.
    bounded = play_match(game, TitForTat(), TitForTat(), rounds=50, noise=0.1, rng=3, time_limit=60)
    free = play_match(game, TitForTat(), TitForTat(), rounds=50, noise=0.1, rng=3)
    assert np.array_equal(bounded.played, free.played)


@pytest.mark.parametrize("bad", [0, -1, float("nan"), "1", True])
def test_play_match_rejects_a_bad_time_limit(bad):
    from gametheory.exceptions import InvalidArgumentError

    game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    with pytest.raises(InvalidArgumentError, match="time_limit"):
        play_match(game, TitForTat(), TitForTat(), rounds=3, time_limit=bad)
