"""attribution: the tree, its perfect Bayesian equilibria by hand, and better attribution weakening deterrence."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import ParameterError
from gametheory.scenarios import attribution
from gametheory.solvers.perfect_bayesian import (
    is_bayes_consistent,
    is_sequentially_rational,
    perfect_bayesian_equilibria,
)

VALUES = {
    "directed_benefit": Fraction(9, 10),
    "independent_benefit": Fraction(1, 2),
    "retaliation_cost": 1,
    "punish_gain": 1,
    "misattribution_cost": 2,
    "attack_damage": 1,
    "directed_share": Fraction(4, 5),
}
TO_IRAN, TO_INDEPENDENTS = "evidence points to Iran", "evidence points to independents"
STRIKE_IRAN, STRIKE_INDEPENDENTS = "Strike Iran's proxies", "Strike the independents"


def solve(accuracy, values=None):
    """Every perfect Bayesian equilibrium, each checked with the library's two checkers."""
    tree = attribution(**{**(values or VALUES), "accuracy": accuracy})
    found = perfect_bayesian_equilibria(tree)
    assert found
    for pbe in found:
        off_path = {name: region.some_belief() for name, region in pbe.belief_regions.items()}
        assert is_sequentially_rational(tree, pbe, {**pbe.beliefs, **off_path})
        assert is_bayes_consistent(tree, pbe, pbe.beliefs)
    return found


def attacks(pbe, militia):
    return pbe.as_behavior().probabilities(militia)["Attack"]


def strikes(pbe, evidence, target=STRIKE_IRAN):
    return pbe.as_behavior().probabilities(evidence)[target]


def test_structure():
    tree = attribution()
    assert tree.players == ("US", "Militia")
    assert not tree.is_perfect_information
    by_name = {s.label: s for s in tree.information_sets}
    assert set(by_name) == {"Iran-directed", "independent", TO_IRAN, TO_INDEPENDENTS}
    assert len(by_name[TO_IRAN].members) == len(by_name[TO_INDEPENDENTS].members) == 2
    assert by_name[TO_IRAN].actions == (STRIKE_IRAN, STRIKE_INDEPENDENTS, "Absorb")
    assert {p.name for p in tree.parameters} == {"b1", "b2", "c", "u", "m", "d", "gamma", "q"}
    assert all(p.is_positive for p in tree.parameters)


def test_evidence_points_to_the_attacker_with_probability_accuracy():
    tree = attribution()
    gamma, q = (next(p for p in tree.parameters if p.name == name) for name in ("gamma", "q"))
    assert tree.root.probabilities == (gamma, 1 - gamma)
    iran_attacks = tree.root.children[0].children[0]
    assert iran_attacks.actions == (TO_IRAN, TO_INDEPENDENTS)
    assert iran_attacks.probabilities == (q, 1 - q)
    independents_attack = tree.root.children[1].children[0]
    assert independents_attack.actions == (TO_INDEPENDENTS, TO_IRAN)
    assert independents_attack.probabilities == (q, 1 - q)


# By hand, with VALUES: the US strikes a militia after evidence s iff its posterior that this militia attacked is
# at least m / (u + m) = 2/3, so never both; the Iran-directed militia attacks with probability p, the independents
# with probability 1 (nobody strikes them in this regime). After evidence pointing to independents,
#     mu = gamma p (1 - q) / (gamma p (1 - q) + (1 - gamma) q) = 2/3   (the US mixes Strike Iran / Absorb)
# gives p = m (1 - gamma) q / (u gamma (1 - q)) = q / (2 (1 - q)), which rises with q: 1/2 at q = 1/2, 11/18 at
# q = 11/20, 3/4 at q = 3/5, 1 at q = 2/3. Iran's indifference, b1 = c (q + (1 - q) rho), gives the US's strike
# probability after that evidence, rho = (9/10 - q) / (1 - q): 7/9 at q = 11/20, 3/4 at q = 3/5.


@pytest.mark.parametrize(
    ("accuracy", "iran_attacks", "strike_after_exculpation"),
    [(Fraction(11, 20), Fraction(11, 18), Fraction(7, 9)), (Fraction(3, 5), Fraction(3, 4), Fraction(3, 4))],
)
def test_the_mixed_equilibrium_by_hand(accuracy, iran_attacks, strike_after_exculpation):
    (pbe,) = solve(accuracy)
    assert attacks(pbe, "Iran-directed") == iran_attacks == accuracy / (2 * (1 - accuracy))
    assert attacks(pbe, "independent") == 1
    assert strikes(pbe, TO_IRAN) == 1
    assert strikes(pbe, TO_INDEPENDENTS) == strike_after_exculpation
    assert strikes(pbe, TO_INDEPENDENTS, STRIKE_INDEPENDENTS) == 0
    assert pbe.beliefs[TO_INDEPENDENTS] == (Fraction(2, 3), Fraction(1, 3))
    # After evidence pointing to Iran: gamma p q / (gamma p q + (1 - gamma)(1 - q)).
    gamma = VALUES["directed_share"]
    weight = gamma * iran_attacks * accuracy
    assert pbe.beliefs[TO_IRAN][0] == weight / (weight + (1 - gamma) * (1 - accuracy))
    # The US is indifferent after exculpation, so it gets what absorbing there gives:
    # -d P(attack) + u P(Iran attacks, evidence to Iran) - m P(independents attack, evidence to Iran) = -3/5;
    # the Iran-directed militia is indifferent (0), an independent one gets b2 = 1/2: (1/5)(1/2) = 1/10.
    assert pbe.payoffs.tolist() == [Fraction(-3, 5), Fraction(1, 10)]


def test_better_attribution_weakens_deterrence_of_the_iran_directed_militia():
    # Accuracy 11/20 -> 3/5: the Iran-directed militia attacks with probability 11/18 -> 3/4, and every attack is
    # more likely: gamma p + (1 - gamma) goes 22/45 + 1/5 = 31/45 -> 3/5 + 1/5 = 4/5.
    (worse,) = solve(Fraction(11, 20))
    (better,) = solve(Fraction(3, 5))
    assert attacks(better, "Iran-directed") > attacks(worse, "Iran-directed")
    assert strikes(better, TO_INDEPENDENTS) < strikes(worse, TO_INDEPENDENTS)  # less retaliation after exculpation
    gamma = VALUES["directed_share"]
    attack_rate = [gamma * attacks(pbe, "Iran-directed") + (1 - gamma) for pbe in (worse, better)]
    assert attack_rate == [Fraction(31, 45), Fraction(4, 5)]


def test_worthless_evidence_gives_the_same_attack_rate_in_every_equilibrium():
    # q = 1/2: both pieces of evidence carry the same posterior, so the US's choice after each is free to vary,
    # but the posterior 2/3 still pins p = 1/2.
    found = solve(Fraction(1, 2))
    assert len(found) > 1
    assert {attacks(pbe, "Iran-directed") for pbe in found} == {Fraction(1, 2)}
    assert {pbe.beliefs[TO_IRAN] for pbe in found} == {(Fraction(2, 3), Fraction(1, 3))}


def test_past_two_thirds_iran_attacks_for_sure_and_exculpatory_evidence_is_believed():
    # q = 3/4 > 2/3: even with p = 1, after evidence pointing to independents the US believes Iran's militia
    # attacked with probability gamma (1 - q) / (gamma (1 - q) + (1 - gamma) q) = (1/5) / (1/5 + 3/20) = 4/7 < 2/3,
    # and the independents with 3/7 < 2/3: it absorbs. Iran's expected cost of attacking, c q = 3/4 < b1 = 9/10.
    (pbe,) = solve(Fraction(3, 4))
    assert attacks(pbe, "Iran-directed") == attacks(pbe, "independent") == 1
    assert pbe.beliefs[TO_INDEPENDENTS] == (Fraction(4, 7), Fraction(3, 7))
    assert pbe.as_behavior().action(TO_INDEPENDENTS) == "Absorb"
    assert pbe.as_behavior().action(TO_IRAN) == STRIKE_IRAN


@pytest.mark.parametrize("accuracy", [Fraction(19, 20), Fraction(1)])
def test_near_perfect_attribution_deters_both_militias(accuracy):
    # c q > b1 = 9/10 > b2: striking the militia the evidence names deters both; nobody attacks, so the US's sets
    # are off the path and each equilibrium comes with the region of beliefs that supports it.
    found = solve(accuracy)
    for pbe in found:
        assert attacks(pbe, "Iran-directed") == attacks(pbe, "independent") == 0
        assert not pbe.beliefs.keys() & {TO_IRAN, TO_INDEPENDENTS}
        assert set(pbe.belief_regions) == {TO_IRAN, TO_INDEPENDENTS}
    assert any(
        pbe.as_behavior().action(TO_IRAN) == STRIKE_IRAN
        and pbe.as_behavior().action(TO_INDEPENDENTS) == STRIKE_INDEPENDENTS
        for pbe in found
    )


OPEN_UNIT = st.fractions(Fraction(1, 20), Fraction(19, 20), max_denominator=20)


@settings(max_examples=20, deadline=None)
@given(
    u=st.integers(1, 4),
    extra_m=st.integers(1, 4),
    c=st.integers(1, 3),
    b2=st.fractions(Fraction(1, 4), 3, max_denominator=4),
    gamma_position=OPEN_UNIT,
    q_position=OPEN_UNIT,
    b1_position=OPEN_UNIT,
)
def test_the_closed_form_wherever_its_conditions_hold(u, extra_m, c, b2, gamma_position, q_position, b1_position):
    # Conditions: m > u, 1/2 < q < u gamma / (u gamma + m (1 - gamma)) (so gamma > m / (u + m)), c q < b1 < c.
    m = u + extra_m
    gamma = Fraction(m, u + m) + gamma_position * Fraction(u, u + m)
    top = u * gamma / (u * gamma + m * (1 - gamma))
    q = Fraction(1, 2) + q_position * (top - Fraction(1, 2))
    b1 = c * (q + b1_position * (1 - q))
    values = {"punish_gain": u, "misattribution_cost": m, "directed_share": gamma, "retaliation_cost": c}
    values |= {"directed_benefit": b1, "independent_benefit": b2, "attack_damage": 1}
    (pbe,) = solve(q, values)
    assert attacks(pbe, "Iran-directed") == m * (1 - gamma) * q / (u * gamma * (1 - q))
    assert attacks(pbe, "independent") == 1
    assert strikes(pbe, TO_INDEPENDENTS) == (b1 - c * q) / (c * (1 - q))


@pytest.mark.parametrize("accuracy", [Fraction(1, 3), Fraction(0), 1.01, sympy.Rational(-1, 2)])
def test_accuracy_outside_half_to_one_is_rejected(accuracy):
    with pytest.raises(ParameterError, match=r"accuracy \(q\) .* must lie in \[1/2, 1\]"):
        attribution(accuracy=accuracy)


@pytest.mark.parametrize("share", [-1, Fraction(3, 2), 1.5])
def test_directed_share_outside_the_unit_interval_is_rejected(share):
    with pytest.raises(ParameterError, match=r"directed_share \(gamma\) is a probability"):
        attribution(directed_share=share)


@pytest.mark.parametrize("accuracy", [Fraction(1, 2), 0.75, 1])
def test_accuracy_at_and_inside_the_bounds_is_accepted(accuracy):
    tree = attribution(accuracy=accuracy)
    assert tree.root.children[0].children[0].probabilities == (accuracy, 1 - accuracy)


def test_bad_value():
    with pytest.raises(ParameterError, match="punish_gain"):
        attribution(punish_gain="1")
