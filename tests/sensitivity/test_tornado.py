"""Tests of gametheory.sensitivity.tornado: swings against direct evaluation, monotonicity, selection."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidProfileError, ParameterError
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity.selection import (
    BestFor,
    EquilibriumSelectionError,
    MaxOutcome,
    MinOutcome,
    Payoff,
    Prefer,
    Probability,
)
from gametheory.sensitivity.tornado import tornado
from gametheory.solvers.enumeration import nash_equilibria
from tests.support import strike_game

BASE = {"R": 3, "b": 1, "c": 2, "d": 1, "k": 5, "l": 1}


def direct(game: NormalFormGame, point: dict, outcome, pick=max) -> float:
    """The outcome read directly from nash_equilibria, the best (or worst) over the equilibria."""
    values = []
    for eq in nash_equilibria(game.substitute(point)):
        if isinstance(outcome, Payoff):
            values.append(float(eq.payoffs[game.players.index(outcome.player)]))
        else:
            i = game.players.index(outcome.player)
            values.append(float(eq.as_float()[i][game.strategies[i].index(outcome.strategy)]))
    return pick(values)


positive = st.integers(min_value=1, max_value=6)


@settings(max_examples=25)
@given(
    base=st.fixed_dictionaries(dict.fromkeys(BASE, positive)),
    spread=st.integers(min_value=1, max_value=3),
    outcome=st.sampled_from(
        [Payoff("US"), Payoff("Militia"), Probability("Militia", "Attack"), Probability("US", "Strike")]
    ),
)
def test_swings_match_direct_evaluation(base: dict, spread: int, outcome) -> None:
    game = strike_game()
    ranges = {name: (value - spread / 2, value + spread / 2) for name, value in base.items()}
    result = tornado(game, outcome, base=base, ranges=ranges, selection=MaxOutcome(), num=5)
    assert result.base_outcome == pytest.approx(direct(game, base, outcome))
    swings = [bar.swing for bar in result.bars]
    assert swings == sorted(swings, reverse=True)
    for bar in result.bars:
        samples = [direct(game, base | {bar.parameter: v}, outcome) for v in bar.values]
        assert bar.outcome_low == pytest.approx(samples[0])
        assert bar.outcome_high == pytest.approx(samples[-1])
        assert bar.swing == pytest.approx(max(samples) - min(samples))
        np.testing.assert_allclose(bar.outcomes, samples, atol=1e-9)


def test_attack_probability_depends_on_the_us_payoffs_only() -> None:
    # In the mixed regime the militia attacks with probability c/R: the militia's own payoffs do not move it.
    result = tornado(
        strike_game(),
        Probability("Militia", "Attack"),
        base=BASE,
        ranges={"R": (2.5, 4), "c": (1, 2.5), "b": (0.5, 1.5), "k": (4, 6), "l": (0.5, 1.5), "d": (0.5, 2)},
    )
    by_name = {bar.parameter: bar for bar in result.bars}
    assert result.base_outcome == pytest.approx(2 / 3)
    assert by_name["R"].outcome_low == pytest.approx(2 / 2.5)
    assert by_name["R"].outcome_high == pytest.approx(2 / 4)
    for name in ("b", "k", "l", "d"):
        assert by_name[name].swing == pytest.approx(0.0)
    assert set(result.parameters[:2]) == {"R", "c"}


def test_non_monotone_outcome_is_marked() -> None:
    # The row player's payoff max(a, 1 - a) falls then rises over [0, 1].
    game = NormalFormGame.from_bimatrix([["a"], ["1 - a"]], [[0], [0]])
    result = tornado(game, Payoff(0), base={"a": 0.25}, ranges={"a": (0, 1)}, num=21)
    (bar,) = result.bars
    assert not bar.monotone
    assert bar.minimum == pytest.approx(0.5)
    assert bar.maximum == pytest.approx(1.0)
    assert bar.swing == pytest.approx(0.5)
    assert bar.outcome_low == pytest.approx(1.0)
    assert bar.outcome_high == pytest.approx(1.0)


def test_monotone_outcome_is_marked_monotone() -> None:
    result = tornado(strike_game(), Payoff("US"), base=BASE, ranges={"c": (1, 2.5)})
    assert result.bars[0].monotone


def test_several_equilibria_need_a_rule() -> None:
    coordination = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(EquilibriumSelectionError, match="selection="):
        tornado(coordination, Payoff(0), base={"a": 2}, ranges={"a": (1, 3)})


def test_selection_rules_pick_the_stated_equilibrium() -> None:
    coordination = NormalFormGame.from_bimatrix(
        [["a", 0], [0, 1]], [[1, 0], [0, 1]], players=("Row", "Column"), strategies=(("Up", "Down"), ("Left", "Right"))
    )
    base, ranges = {"a": 2}, {"a": (1.5, 3)}
    assert tornado(coordination, Payoff(0), base=base, ranges=ranges, selection=MaxOutcome()).base_outcome == 2
    assert tornado(
        coordination, Payoff(0), base=base, ranges=ranges, selection=MinOutcome()
    ).base_outcome == pytest.approx(2 / 3)
    assert tornado(coordination, Payoff(1), base=base, ranges=ranges, selection=BestFor("Row")).base_outcome == 1
    prefer = Prefer(("Row: Down; Column: Right",))
    assert tornado(coordination, Payoff(0), base=base, ranges=ranges, selection=prefer).base_outcome == 1


def test_prefer_with_an_unknown_label() -> None:
    coordination = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(EquilibriumSelectionError, match="unknown branch"):
        tornado(coordination, Payoff(0), base={"a": 2}, ranges={"a": (1, 3)}, selection=Prefer(("nope",)))


def test_callable_game_gives_the_same_bars() -> None:
    def game_of(params: dict) -> NormalFormGame:
        return strike_game().substitute(params)

    ranges = {"R": (2.5, 4), "c": (1, 2.5)}
    formulas = tornado(strike_game(), Payoff("US"), base=BASE, ranges=ranges, num=7)
    solved = tornado(game_of, Payoff("US"), base=BASE, ranges=ranges, num=7)
    assert formulas.parameters == solved.parameters
    for a, b in zip(formulas.bars, solved.bars, strict=True):
        np.testing.assert_allclose(a.outcomes, b.outcomes)


def test_low_not_below_high() -> None:
    with pytest.raises(ParameterError, match="low < high"):
        tornado(strike_game(), Payoff("US"), base=BASE, ranges={"R": (3, 3)})


def test_range_is_not_a_pair() -> None:
    with pytest.raises(ParameterError, match="pair"):
        tornado(strike_game(), Payoff("US"), base=BASE, ranges={"R": (1, 2, 3)})


def test_range_without_base_value() -> None:
    with pytest.raises(ParameterError, match="no base value"):
        tornado(strike_game(), Payoff("US"), base=BASE, ranges={"x": (1, 2)})


def test_too_few_samples() -> None:
    with pytest.raises(ParameterError, match="num"):
        tornado(strike_game(), Payoff("US"), base=BASE, ranges={"R": (1, 2)}, num=1)


def test_missing_base_value() -> None:
    with pytest.raises(ParameterError, match="no value given"):
        tornado(strike_game(), Payoff("US"), base={"R": 1}, ranges={"R": (1, 2)})


def test_unknown_player_in_outcome() -> None:
    with pytest.raises(InvalidProfileError, match="unknown player"):
        tornado(strike_game(), Payoff("UN"), base=BASE, ranges={"R": (1, 2)})


def test_unknown_strategy_in_outcome() -> None:
    with pytest.raises(InvalidProfileError, match="no strategy"):
        tornado(strike_game(), Probability("US", "Negotiate"), base=BASE, ranges={"R": (1, 2)})
