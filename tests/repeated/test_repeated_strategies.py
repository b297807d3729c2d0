"""Tests of the stage-game strategies in gametheory.repeated.strategies."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import numpy as np
import pytest

from gametheory.exceptions import InvalidProfileError
from gametheory.repeated.strategies import (
    Alternator,
    AlwaysCooperate,
    AlwaysDefect,
    GenerousTitForTat,
    GrimTrigger,
    History,
    RandomStrategy,
    Strategy,
    TitForTat,
    WinStayLoseShift,
    strategy_name,
)


def history(own: list[int], opponent: list[int]) -> History:
    own_a = np.array(own, dtype=np.int8)
    opp_a = np.array(opponent, dtype=np.int8)
    return History(own=own_a, opponent=opp_a, own_payoffs=np.zeros(len(own)), opponent_defections=int(opp_a.sum()))


RNG = np.random.default_rng(0)


@pytest.mark.parametrize(
    ("strategy", "first"),
    [
        (AlwaysCooperate(), 0),
        (AlwaysDefect(), 1),
        (TitForTat(), 0),
        (GrimTrigger(), 0),
        (GenerousTitForTat(), 0),
        (WinStayLoseShift(), 0),
        (Alternator(), 1),
        (Alternator(first=0), 0),
    ],
)
def test_first_move(strategy: Strategy, first: int) -> None:
    assert strategy(History.empty(), RNG) == first
    assert isinstance(strategy, Strategy)


def test_tit_for_tat_copies_the_last_move() -> None:
    assert TitForTat()(history([0, 0], [0, 1]), RNG) == 1
    assert TitForTat()(history([0, 1], [1, 0]), RNG) == 0


def test_grim_trigger_never_forgives() -> None:
    assert GrimTrigger()(history([0, 0, 0], [0, 0, 0]), RNG) == 0
    assert GrimTrigger()(history([0, 1, 1], [1, 0, 0]), RNG) == 1


@pytest.mark.parametrize(
    ("own", "opponent", "expected"),
    [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)],
)
def test_win_stay_lose_shift_transitions(own: int, opponent: int, expected: int) -> None:
    # CC (reward) and DC (temptation) are wins: stay; CD (sucker) and DD (punishment): shift.
    assert WinStayLoseShift()(history([own], [opponent]), RNG) == expected


def test_alternator_alternates() -> None:
    moves = [Alternator()(history([0] * t, [0] * t), RNG) for t in range(5)]
    assert moves == [1, 0, 1, 0, 1]


def test_generous_tit_for_tat_extremes() -> None:
    after_defection = history([0], [1])
    rng = np.random.default_rng(1)
    assert {GenerousTitForTat(0)(after_defection, rng) for _ in range(50)} == {1}
    assert {GenerousTitForTat(1)(after_defection, rng) for _ in range(50)} == {0}
    assert GenerousTitForTat(Fraction(1, 2))(history([0], [0]), rng) == 0


def test_generous_tit_for_tat_forgives_at_its_rate() -> None:
    rng = np.random.default_rng(2)
    moves = [GenerousTitForTat(0.3)(history([0], [1]), rng) for _ in range(4000)]
    # Binomial(4000, 0.3): standard deviation about 0.007.
    assert abs(moves.count(0) / 4000 - 0.3) < 0.04


def test_random_strategy_uses_the_rng() -> None:
    a = [RandomStrategy(0.5)(History.empty(), np.random.default_rng(5)) for _ in range(3)]
    b = [RandomStrategy(0.5)(History.empty(), np.random.default_rng(5)) for _ in range(3)]
    assert a == b
    assert RandomStrategy(0)(History.empty(), RNG) == 1


def test_strategies_are_immutable_values() -> None:
    gtft = GenerousTitForTat(Fraction(1, 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        gtft.generosity = 0.5  # type: ignore[misc]
    assert gtft == GenerousTitForTat(Fraction(1, 3))
    assert hash(TitForTat()) == hash(TitForTat())
    assert GenerousTitForTat(0.1) != GenerousTitForTat(0.2)


def test_names() -> None:
    assert strategy_name(GenerousTitForTat(Fraction(1, 3))) == "Generous tit for tat (1/3)"
    assert strategy_name(Alternator()) == "Alternator (defect first)"

    class Sulker:
        def __call__(self, history: History, rng: np.random.Generator) -> int:
            return 1

    assert strategy_name(Sulker()) == "Sulker"
    assert strategy_name(lambda h, r: 0) == "<lambda>"


def test_generosity_above_one_is_rejected() -> None:
    with pytest.raises(InvalidProfileError, match="generosity"):
        GenerousTitForTat(1.5)


def test_negative_generosity_is_rejected() -> None:
    with pytest.raises(InvalidProfileError, match="generosity"):
        GenerousTitForTat(-0.1)


def test_nan_generosity_is_rejected() -> None:
    with pytest.raises(InvalidProfileError, match="generosity"):
        GenerousTitForTat(math.nan)


def test_string_generosity_is_rejected() -> None:
    with pytest.raises(InvalidProfileError, match="generosity"):
        GenerousTitForTat("1/3")  # type: ignore[arg-type]


def test_bad_cooperation_probability_is_rejected() -> None:
    with pytest.raises(InvalidProfileError, match="cooperation"):
        RandomStrategy(2)


def test_bad_alternator_start_is_rejected() -> None:
    with pytest.raises(InvalidProfileError, match="first"):
        Alternator(first=2)
