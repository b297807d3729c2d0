"""Tests of the exact cooperation thresholds, against hand values, best-response checks and simulation."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidGameError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.repeated.match import play_match
from gametheory.repeated.strategies import Alternator, AlwaysDefect, GenerousTitForTat, GrimTrigger, TitForTat
from gametheory.repeated.thresholds import (
    PrisonersDilemma,
    generosity,
    grim_trigger_threshold,
    tit_for_tat_threshold,
)

F = Fraction


@pytest.mark.parametrize(
    ("trps", "grim", "tft", "gen"),
    [
        # Axelrod's payoffs: (5-3)/(5-1) = 1/2; max(1/2, 2/3) = 2/3; min(1 - 2/3, 2/4) = 1/3.
        ((5, 3, 1, 0), F(1, 2), F(2, 3), F(1, 3)),
        # (4-3)/(4-1) = 1/3; max(1/3, 1/3); min(1 - 1/3, 2/3) = 2/3.
        ((4, 3, 1, 0), F(1, 3), F(1, 3), F(2, 3)),
        # (7-5)/(7-4) = 2/3; max(2/3, 2/5); min(1 - 2/5, 1/3) = 1/3.
        ((7, 5, 4, 0), F(2, 3), F(2, 3), F(1, 3)),
        # Donation game b = 3, c = 1: T, R, P, S = 3, 2, 0, -1: 1/3; max(1/3, 1/3); min(2/3, 2/3).
        ((3, 2, 0, -1), F(1, 3), F(1, 3), F(2, 3)),
    ],
)
def test_hand_values(trps: tuple[int, ...], grim: Fraction, tft: Fraction, gen: Fraction) -> None:
    t, r, p, s = trps
    pd = PrisonersDilemma(temptation=t, reward=r, punishment=p, sucker=s)
    assert grim_trigger_threshold(pd) == grim
    assert tit_for_tat_threshold(pd) == tft
    assert generosity(pd) == gen
    assert isinstance(grim_trigger_threshold(pd), Fraction)
    # The same answers from the stage game itself.
    game = pd.to_game()
    assert (grim_trigger_threshold(game), tit_for_tat_threshold(game), generosity(game)) == (grim, tft, gen)


def test_symbolic_formulas_match_exact_values() -> None:
    t, r, p, s = sympy.symbols("T R P S", real=True)
    pd = PrisonersDilemma(temptation=t, reward=r, punishment=p, sucker=s)
    values = {t: 7, r: 5, p: 4, s: 0}
    assert sympy.simplify(grim_trigger_threshold(pd) - (t - r) / (t - p)) == 0
    assert grim_trigger_threshold(pd).subs(values) == sympy.Rational(2, 3)
    assert tit_for_tat_threshold(pd).subs(values) == sympy.Rational(2, 3)
    assert generosity(pd).subs(values) == sympy.Rational(1, 3)
    assert pd.is_parametric


def test_symbolic_game_with_strings() -> None:
    game = PrisonersDilemma(temptation="b", reward="b - c", punishment=0, sucker="-c").to_game()
    b, c = game.parameters
    assert sympy.simplify(grim_trigger_threshold(game) - c / b) == 0
    assert sympy.simplify(tit_for_tat_threshold(game) - c / b) == 0


def test_float_payoffs_give_floats() -> None:
    value = grim_trigger_threshold(PrisonersDilemma(temptation=5.0, reward=3, punishment=1, sucker=0))
    assert isinstance(value, float)
    assert value == 0.5


# ------------------------------------------------------------------ defining properties
pd_payoffs = st.lists(st.integers(-20, 20), min_size=4, max_size=4, unique=True).map(sorted)
discounts = st.fractions(min_value=F(1, 60), max_value=F(59, 60), max_denominator=60)


def tail_value(match_total: Fraction, delta: Fraction, rounds: int, per_round: Fraction) -> Fraction:
    """Discounted value of a match that repeats ``per_round`` for ever after ``rounds`` rounds."""
    return match_total + delta**rounds * per_round / (1 - delta)


@settings(max_examples=40, deadline=None)
@given(sorted_payoffs=pd_payoffs, delta=discounts)
def test_grim_deviation_is_unprofitable_exactly_above_threshold(sorted_payoffs: list[int], delta: Fraction) -> None:
    s, p, r, t = sorted_payoffs
    pd = PrisonersDilemma(temptation=t, reward=r, punishment=p, sucker=s)
    game = pd.to_game()
    threshold = grim_trigger_threshold(pd)
    for candidate in (delta, threshold):
        n = 6
        cooperate = play_match(game, GrimTrigger(), GrimTrigger(), rounds=n, discount=candidate)
        deviate = play_match(game, AlwaysDefect(), GrimTrigger(), rounds=n, discount=candidate)
        value_cooperate = tail_value(cooperate.discounted_totals[0], candidate, n, F(r))
        value_deviate = tail_value(deviate.discounted_totals[0], candidate, n, F(p))
        assert value_cooperate == F(r) / (1 - candidate)
        assert value_deviate == t + candidate * p / (1 - candidate)
        assert (value_cooperate >= value_deviate) == (candidate >= threshold)
    # At the threshold itself the deviator is exactly indifferent.
    assert F(r) / (1 - threshold) == t + threshold * p / (1 - threshold)


def best_reply_value_to_tit_for_tat(t: int, r: int, p: int, s: int, w: Fraction) -> Fraction:
    """Best discounted value against tit-for-tat, over every stationary plan (exact policy evaluation).

    Tit-for-tat's move is the other side's previous move, so the state is that move. A plan
    picks an action in each state; its value solves V = u + w * V(next) exactly.
    """
    payoff = {(0, 0): F(r), (0, 1): F(s), (1, 0): F(t), (1, 1): F(p)}
    best = None
    for plan in itertools.product((0, 1), repeat=2):  # action when tit-for-tat plays C, and when it plays D
        # Evaluate by following the deterministic path from state C until it cycles.
        states, rewards, state = [], [], 0
        while state not in states:
            states.append(state)
            action = plan[state]
            rewards.append(payoff[(action, state)])
            state = action
        start = states.index(state)
        cycle = rewards[start:]
        cycle_value = sum(w**k * x for k, x in enumerate(cycle)) / (1 - w ** len(cycle))
        value = sum(w**k * x for k, x in enumerate(rewards[:start])) + w**start * cycle_value
        best = value if best is None else max(best, value)
    assert best is not None
    return best


@settings(max_examples=40, deadline=None)
@given(sorted_payoffs=pd_payoffs, w=discounts)
def test_tit_for_tat_is_a_best_reply_to_itself_exactly_above_threshold(sorted_payoffs: list[int], w: Fraction) -> None:
    s, p, r, t = sorted_payoffs
    pd = PrisonersDilemma(temptation=t, reward=r, punishment=p, sucker=s)
    threshold = tit_for_tat_threshold(pd)
    for candidate in (w, threshold):
        if candidate >= 1:
            continue  # a threshold of 1 or more: no continuation probability below 1 makes it stable
        stable = F(r) / (1 - candidate) >= best_reply_value_to_tit_for_tat(t, r, p, s, candidate)
        assert stable == (candidate >= threshold)


@settings(max_examples=25, deadline=None)
@given(sorted_payoffs=pd_payoffs, w=discounts)
def test_simulated_deviations_against_tit_for_tat(sorted_payoffs: list[int], w: Fraction) -> None:
    s, p, r, t = sorted_payoffs
    game = PrisonersDilemma(temptation=t, reward=r, punishment=p, sucker=s).to_game()
    n = 8  # even, so the alternation's cycle restarts after the simulated rounds
    tft = play_match(game, TitForTat(), TitForTat(), rounds=n, discount=w).discounted_totals[0]
    alld = play_match(game, AlwaysDefect(), TitForTat(), rounds=n, discount=w).discounted_totals[0]
    alt = play_match(game, Alternator(), TitForTat(), rounds=n, discount=w).discounted_totals[0]
    values = (
        tail_value(tft, w, n, F(r)),
        tail_value(alld, w, n, F(p)),
        alt + w**n * (t + w * s) / (1 - w**2),
    )
    assert values[0] == r / (1 - w)
    assert values[2] == (t + w * s) / (1 - w**2)
    assert (values[0] >= max(values[1:])) == (w >= tit_for_tat_threshold(game))


def long_run_payoff_against_gtft(plan: tuple[int, int], q: Fraction, t: int, r: int, p: int, s: int) -> Fraction:
    """Average payoff per round of a stationary plan against generous tit-for-tat (exact).

    The state is the plan's own previous move (generous tit-for-tat cooperates after C, and
    with probability q after D); the plan's next state is its own action, so the path cycles.
    """
    payoff = {(0, 0): F(r), (0, 1): F(s), (1, 0): F(t), (1, 1): F(p)}

    def expected(action: int, state: int) -> Fraction:
        cooperate = F(1) if state == 0 else q
        return cooperate * payoff[(action, 0)] + (1 - cooperate) * payoff[(action, 1)]

    states, rewards, state = [], [], 0
    while state not in states:
        states.append(state)
        rewards.append(expected(plan[state], state))
        state = plan[state]
    cycle = rewards[states.index(state) :]
    return sum(cycle, F(0)) / len(cycle)


@settings(max_examples=40, deadline=None)
@given(sorted_payoffs=pd_payoffs)
def test_generosity_is_the_largest_safe_forgiveness(sorted_payoffs: list[int]) -> None:
    s, p, r, t = sorted_payoffs
    g = generosity(PrisonersDilemma(temptation=t, reward=r, punishment=p, sucker=s))

    def exploit(q: Fraction) -> Fraction:
        return max(long_run_payoff_against_gtft(plan, q, t, r, p, s) for plan in itertools.product((0, 1), repeat=2))

    if g > 0:
        assert exploit(g) == r  # nobody beats mutual cooperation at q = g ...
        assert exploit(g * F(99, 100)) == r
    if g < 1:
        assert exploit(min(g + F(1, 100), F(1))) > r  # ... and someone does as soon as q > g
    if g <= 0:
        assert 2 * r <= t + s


def test_simulated_always_defect_against_generous_tit_for_tat() -> None:
    q = generosity(PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0))
    game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    match = play_match(game, AlwaysDefect(), GenerousTitForTat(q), rounds=20000, rng=4)
    # Long-run average q T + (1 - q) P = 5/3 + 2/3 = 7/3, below R = 3.
    assert abs(float(match.mean_payoffs()[0]) - 7 / 3) < 0.05


# ------------------------------------------------------------------ bad input, one test each
def test_temptation_not_above_reward() -> None:
    with pytest.raises(InvalidGameError, match="T > R fails"):
        PrisonersDilemma(temptation=3, reward=3, punishment=1, sucker=0)


def test_reward_not_above_punishment() -> None:
    with pytest.raises(InvalidGameError, match="R > P fails"):
        PrisonersDilemma(temptation=5, reward=1, punishment=2, sucker=0)


def test_punishment_not_above_sucker() -> None:
    with pytest.raises(InvalidGameError, match="P > S fails"):
        PrisonersDilemma(temptation=5, reward=3, punishment=0, sucker=1)


def test_symbolic_inequality_known_to_fail() -> None:
    b, c = sympy.symbols("b c", positive=True)
    with pytest.raises(InvalidGameError, match="T > R fails"):
        PrisonersDilemma(temptation=b, reward=b + c, punishment=0, sucker=-c)


def test_chicken_is_not_a_prisoners_dilemma() -> None:
    chicken = NormalFormGame.from_bimatrix([[3, 1], [4, 0]], [[3, 4], [1, 0]])
    with pytest.raises(InvalidGameError, match="P > S fails"):
        grim_trigger_threshold(chicken)


def test_asymmetric_stage_game() -> None:
    game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 6], [0, 1]])
    with pytest.raises(InvalidGameError, match="not symmetric"):
        tit_for_tat_threshold(game)


def test_stage_game_of_the_wrong_shape() -> None:
    game = NormalFormGame.from_bimatrix(np.zeros((3, 3), dtype=int), np.zeros((3, 3), dtype=int))
    with pytest.raises(UnsupportedGameError, match="2x2"):
        generosity(game)


def test_stage_that_is_not_a_game() -> None:
    with pytest.raises(UnsupportedGameError, match="list"):
        generosity([[3, 0], [5, 1]])  # type: ignore[arg-type]


def test_non_numeric_payoff() -> None:
    with pytest.raises(InvalidGameError):
        PrisonersDilemma(temptation=[5], reward=3, punishment=1, sucker=0)


def test_symbolic_stage_game_with_labels() -> None:
    game = NormalFormGame.from_bimatrix(
        [["r", "s"], ["t", "p"]],
        [["r", "t"], ["s", "p"]],
        players=("US", "Militia"),
        strategies=(("Restrain", "Strike"), ("Hold", "Attack")),
    )
    p, r, s, t = game.parameters
    threshold = grim_trigger_threshold(game)
    assert sympy.simplify(threshold - (t - r) / (t - p)) == 0
    assert threshold.subs({t: 5, r: 3, p: 1, s: 0}) == sympy.Rational(1, 2)
    assert generosity(game).subs({t: 5, r: 3, p: 1, s: 0}) == sympy.Rational(1, 3)
