"""regional_reputation: the Kreps-Wilson sequential equilibrium against hand-computed values."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory.exceptions import ParameterError
from gametheory.scenarios import regional_reputation
from gametheory.scenarios.regional_reputation import stage_behaviour

HALF = Fraction(1, 2)


def test_hand_values_five_challengers():
    # b = 1/2, a = 2, delta = 1/10. Thresholds b^k: 1/32, 1/16, 1/8, 1/4, 1/2 for k = 5..1.
    result = regional_reputation(
        num_challengers=5, challenge_gain=HALF, deterrence_value=2, prior_resolve=Fraction(1, 10)
    )
    assert result.entry_thresholds == tuple(Fraction(1, 2**k) for k in range(5, 0, -1))
    rows = [(s.reputation, s.entry_probability, s.weak_fight_probability) for s in result.stages]
    assert rows == [
        (Fraction(1, 10), 0, 1),  # 1/10 > 1/32: out; 1/10 >= b^4 = 1/16: a weak US would fight
        (Fraction(1, 10), 0, Fraction(7, 9)),  # (1/10)(7/8) / ((9/10)(1/8)) = 7/9
        (Fraction(1, 10), 1, Fraction(1, 3)),  # 1/10 < 1/8: challenge; (1/10)(3/4) / ((9/10)(1/4)) = 1/3
        (Fraction(1, 4), HALF, Fraction(1, 3)),  # reputation b^2 after the fight: challenge with 1/a
        (HALF, HALF, 0),  # the last challenger is never fought by a weak US
    ]


def test_bayes_rule_and_indifference():
    result = regional_reputation(
        num_challengers=6, challenge_gain=Fraction(2, 3), deterrence_value=3, prior_resolve=Fraction(1, 20)
    )
    b = Fraction(2, 3)
    stages = result.stages
    for stage, following in itertools.pairwise(stages):
        assert stage.fight_probability == stage.reputation + (1 - stage.reputation) * stage.weak_fight_probability
        if stage.entry_probability > 0:
            # Posterior after a fight, by Bayes' rule.
            assert following.reputation == stage.reputation / stage.fight_probability
        if 0 < stage.entry_probability < 1:
            # A mixing challenger is indifferent: b - P(fight) = 0.
            assert b - stage.fight_probability == 0
        if 0 < stage.weak_fight_probability < 1:
            assert stage.reputation / stage.fight_probability == b ** (stage.remaining - 1)


def test_high_prior_deters_everyone_but_the_end():
    result = regional_reputation(
        num_challengers=4, challenge_gain=HALF, deterrence_value=2, prior_resolve=Fraction(3, 5)
    )
    assert [s.entry_probability for s in result.stages] == [0, 0, 0, 0]
    assert result.stages[-1].weak_fight_probability == 0


def test_symbolic_parameters_give_threshold_formulas():
    result = regional_reputation(num_challengers=3)
    b = sympy.Symbol("b", positive=True)
    assert result.entry_thresholds == (b**3, b**2, b)
    assert result.stages == ()


def test_printing():
    result = regional_reputation(
        num_challengers=2, challenge_gain=HALF, deterrence_value=2, prior_resolve=Fraction(1, 3)
    )
    assert str(result).splitlines()[0] == (
        "challenger 1: reputation 1/3, stays out; an irresolute US fights with probability 1/2"
    )


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"num_challengers": 0}, "num_challengers"),
        ({"num_challengers": 2.0}, "num_challengers"),
        ({"num_challengers": 2, "challenge_gain": 1, "deterrence_value": 2, "prior_resolve": HALF}, "challenge_gain"),
        ({"num_challengers": 2, "challenge_gain": HALF, "deterrence_value": 1, "prior_resolve": HALF}, "deterrence"),
        ({"num_challengers": 2, "challenge_gain": HALF, "deterrence_value": 2, "prior_resolve": 0}, "prior_resolve"),
        ({"num_challengers": 2, "challenge_gain": "x"}, "challenge_gain"),
    ],
)
def test_bad_parameters(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        regional_reputation(**kwargs)


@given(
    st.integers(1, 8),
    st.fractions(Fraction(1, 20), Fraction(19, 20), max_denominator=20),
    st.fractions(Fraction(11, 10), 5, max_denominator=10),
    st.fractions(Fraction(1, 50), Fraction(49, 50), max_denominator=50),
)
def test_equilibrium_conditions_hold_for_any_parameters(n, b, a, delta):
    result = regional_reputation(num_challengers=n, challenge_gain=b, deterrence_value=a, prior_resolve=delta)
    assert len(result.stages) == n
    assert result.stages[0].reputation == delta
    for stage, following in itertools.pairwise((*result.stages, None)):
        k, p = stage.remaining, stage.reputation
        # Challengers best-respond: challenge iff the fight probability is below b (payoff b - P(fight)).
        if stage.entry_probability == 1:
            assert stage.fight_probability < b
        elif stage.entry_probability == 0:
            assert stage.fight_probability > b or (k > 1 and p >= b ** (k - 1))
        else:
            assert stage.fight_probability == b
            assert stage.entry_probability == 1 - 1 / a  # stays out with probability 1/a
        assert 0 <= stage.weak_fight_probability <= 1
        if following is not None:
            # Reputation never falls along the fought path, and follows Bayes' rule after a fight.
            assert following.reputation >= p
            if stage.entry_probability > 0:
                assert following.reputation == p / stage.fight_probability


def _weak_values(k, p, a, b):
    """Value to an irresolute US of fighting and of acquiescing a challenge, then following the equilibrium."""
    # Bayes' rule after a fight: unchanged if every type fights, b^(k-1) if the irresolute type mixes;
    # a US known to be irresolute (p = 0) stays known.
    posterior = p if p == 0 or p >= b ** (k - 1) else b ** (k - 1)
    fight = -1 + _weak_value(k - 1, posterior, a, b)
    acquiesce = 0 + _weak_value(k - 1, Fraction(0), a, b)
    return fight, acquiesce


def _weak_value(k, p, a, b):
    if k == 0:
        return Fraction(0)
    entry, weak_fight = stage_behaviour(k, p, challenge_gain=b, deterrence_value=a)
    stay_out = a + _weak_value(k - 1, p, a, b)
    fight, acquiesce = _weak_values(k, p, a, b)
    challenged = weak_fight * fight + (1 - weak_fight) * acquiesce
    return (1 - entry) * stay_out + entry * challenged


@pytest.mark.parametrize("a", [Fraction(3, 2), 3, 5])
def test_an_irresolute_us_best_responds(a):
    # Where it mixes it is indifferent; where it fights for sure fighting is at least as good; it never fights last.
    b = Fraction(1, 2)
    result = regional_reputation(num_challengers=5, challenge_gain=b, deterrence_value=a, prior_resolve=Fraction(1, 10))
    for stage in result.stages:
        if stage.remaining == 1:
            assert stage.weak_fight_probability == 0
            continue
        fight, acquiesce = _weak_values(stage.remaining, stage.reputation, a, b)
        if 0 < stage.weak_fight_probability < 1:
            assert fight == acquiesce
        elif stage.weak_fight_probability == 1:
            assert fight >= acquiesce
        else:
            assert fight <= acquiesce


def test_mixing_challenger_stays_out_with_probability_one_over_a():
    result = regional_reputation(
        num_challengers=3, challenge_gain=Fraction(1, 2), deterrence_value=4, prior_resolve=Fraction(1, 5)
    )
    assert [s.entry_probability for s in result.stages] == [0, 1, Fraction(3, 4)]


@pytest.mark.parametrize(
    "bad",
    [{"prior_resolve": 1.5}, {"prior_resolve": 0}, {"challenge_gain": 2}, {"deterrence_value": Fraction(1, 2)}],
)
def test_numbers_are_checked_even_when_other_parameters_are_symbolic(bad: dict[str, object]) -> None:
    with pytest.raises(ParameterError, match=next(iter(bad))):
        regional_reputation(num_challengers=3, **bad)  # the other two parameters are symbols
