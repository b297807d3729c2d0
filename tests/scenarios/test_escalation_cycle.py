"""escalation_cycle: stage game labels, thresholds exact and symbolic, and the tit-for-tat echo."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

from gametheory.exceptions import ParameterError
from gametheory.repeated import TitForTat, play_match
from gametheory.scenarios import escalation_cycle


def test_numeric_thresholds_by_hand():
    cycle = escalation_cycle(temptation=5, reward=3, punishment=1, sucker=0)
    assert cycle.grim_trigger_threshold == Fraction(2, 4)  # (T - R) / (T - P)
    assert cycle.tit_for_tat_threshold == Fraction(2, 3)  # max((T-R)/(T-P), (T-R)/(R-S))
    assert cycle.generosity == Fraction(1, 3)  # min(1 - (T-R)/(R-S), (R-P)/(T-P))


def test_stage_game_labels():
    stage = escalation_cycle(temptation=5, reward=3, punishment=1, sucker=0).stage
    assert stage.players == ("US", "Militia")
    assert stage.strategies == (("Restrain", "Strike"), ("Hold", "Attack"))
    assert stage.payoffs[1, 0].tolist() == [5, 0]


def test_symbolic_thresholds():
    cycle = escalation_cycle()
    t, r, p = (sympy.Symbol(n, positive=True) for n in "TRP")
    assert sympy.simplify(cycle.grim_trigger_threshold - (t - r) / (t - p)) == 0


def test_not_a_dilemma_is_rejected():
    with pytest.raises(ParameterError, match="temptation T = 2 is not above reward R = 3"):
        escalation_cycle(temptation=2, reward=3, punishment=1, sucker=0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"temptation": 1, "sucker": 3}, "temptation T = 1 is not above sucker S = 3"),
        ({"reward": 2, "punishment": 2}, "reward R = 2 is not above punishment P = 2"),
        ({"temptation": 4, "punishment": 5}, "temptation T = 4 is not above punishment P = 5"),
    ],
)
def test_partly_numeric_payoffs_must_keep_the_order(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        escalation_cycle(**kwargs)


def test_symbolic_payoffs_carry_their_order_as_assumptions():
    t, r, p, s = (sympy.Symbol(n, positive=True) for n in "TRPS")
    assert escalation_cycle().assumptions == sympy.And(t > r, r > p, p > s)
    partly = escalation_cycle(temptation=5, sucker=0).assumptions  # T = 5 > R > P > S = 0
    assert [partly.xreplace({r: a, p: b}) for a, b in ((3, 1), (6, 1), (3, 4))] == [
        sympy.true,
        sympy.false,
        sympy.false,
    ]
    assert escalation_cycle(temptation=5, reward=3, punishment=1, sucker=0).assumptions == sympy.true


def test_symbolic_threshold_is_a_probability_under_the_assumptions():
    # Under T > R > P the grim-trigger threshold (T - R) / (T - P) lies in (0, 1); outside it, it need not.
    cycle = escalation_cycle(punishment=1, sucker=0)
    t, r = (sympy.Symbol(n, positive=True) for n in "TR")
    threshold = cycle.grim_trigger_threshold
    for values in ({t: 5, r: 3}, {t: 9, r: 2}, {t: 3, r: 2}):
        assert cycle.assumptions.xreplace(values) == sympy.true
        assert 0 < threshold.xreplace(values) < 1


def test_one_mistake_echoes_between_tit_for_tat_players():
    stage = escalation_cycle(temptation=5, reward=3, punishment=1, sucker=0).stage
    played = np.asarray(play_match(stage, TitForTat(), TitForTat(), rounds=6, noise=0.2, rng=2).played)
    pairs = [tuple(row) for row in played.tolist()]
    first = next((i for i, pair in enumerate(pairs) if pair != (0, 0)), None)
    if first is None or pairs[first] == (1, 1):
        pytest.skip("this seed gave no single error")
    # After a lone error the strikes alternate: (1, 0), (0, 1), (1, 0), ... until the next error.
    assert pairs[first + 1] == pairs[first][::-1]
