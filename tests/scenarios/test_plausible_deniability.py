"""plausible_deniability: an information set, a chance move, the mixed equilibrium and its beliefs by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import ParameterError
from gametheory.games.reduction import to_normal_form
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.scenarios import plausible_deniability
from gametheory.solvers.behavior import tree_equilibria
from gametheory.solvers.perfect_bayesian import (
    is_bayes_consistent,
    is_sequentially_rational,
    perfect_bayesian_equilibria,
)

VALUES = {
    "punish_gain": 2,
    "misattribution_cost": 3,
    "reputation_cost": 1,
    "order_benefit": 2,
    "autonomous_benefit": 1,
    "retaliation_cost": 4,
    "autonomy": Fraction(1, 2),
}


def test_structure():
    tree = plausible_deniability()
    assert tree.players == ("US", "Iran")
    assert not tree.is_perfect_information
    us_sets = [s for s in tree.information_sets if tree.players[s.player] == "US"]
    assert len(us_sets) == 1
    assert len(us_sets[0].members) == 2
    assert "alpha" in {p.name for p in tree.parameters}


def test_unique_mixed_equilibrium_by_hand():
    # US retaliates iff its belief mu that Iran ordered satisfies 2 mu - 3 (1 - mu) >= -1, i.e. mu >= 2/5.
    # Iran: Order gives 2 - 4 rho, Refrain gives (1/2)(1 - 4 rho): Order - Refrain = 3/2 - 2 rho.
    # No pure equilibrium; rho = 3/4 and mu = q / (q + (1 - q)/2) = 2/5 gives q = 1/4.
    (equilibrium,) = tree_equilibria(plausible_deniability(**VALUES))
    assert equilibrium.probabilities("Iran") == {"Order": Fraction(1, 4), "Refrain": Fraction(3, 4)}
    assert equilibrium.probabilities("attack observed") == {"Retaliate": Fraction(3, 4), "Absorb": Fraction(1, 4)}
    # US is indifferent, so it gets -R per attack: attacks happen with 1/4 + (3/4)(1/2) = 5/8.
    assert equilibrium.payoffs.tolist() == [Fraction(-5, 8), Fraction(-1)]


def test_no_autonomous_attacks_means_deterrence_by_retaliation():
    # alpha = 0: any attack was ordered; the US retaliates (2 > -1) and Iran refrains (2 - 4 < 0).
    equilibria = tree_equilibria(plausible_deniability(**{**VALUES, "autonomy": 0}))
    assert any(eq.action("Iran") == "Refrain" for eq in equilibria)
    assert all(eq.action("Iran") != "Order" for eq in equilibria)


def test_bad_value():
    with pytest.raises(ParameterError, match="autonomy"):
        plausible_deniability(autonomy=[0.5])


@pytest.mark.parametrize("alpha", [-1, Fraction(3, 2), 1.01, sympy.Rational(-1, 4)])
def test_autonomy_outside_the_unit_interval_is_rejected(alpha):
    with pytest.raises(ParameterError, match=r"autonomy \(alpha\) is a probability and must lie in \[0, 1\]"):
        plausible_deniability(autonomy=alpha)


@pytest.mark.parametrize("alpha", [0, 1, 0.25, Fraction(1, 3)])
def test_autonomy_at_and_inside_the_bounds_is_accepted(alpha):
    chance = plausible_deniability(**{**VALUES, "autonomy": alpha}).root.children[1]
    assert chance.probabilities == (alpha, 1 - alpha)


def test_symbolic_autonomy_is_a_positive_symbol_used_as_a_probability():
    tree = plausible_deniability()
    alpha = next(p for p in tree.parameters if p.name == "alpha")
    assert alpha.is_positive
    assert tree.root.children[1].probabilities == (alpha, 1 - alpha)
    # Bounded to [0, 1] as documented, the parametric solvers accept it.
    branches = parametric_equilibria(to_normal_form(tree), assume={"alpha": (0, 1)})
    assert branches


# Perfect Bayesian equilibria, by hand. With Iran ordering with probability q, Bayes' rule gives the US's
# belief after an attack mu = q / (q + (1 - q) alpha). Retaliate beats Absorb iff mu u - (1 - mu) m >= -R,
# i.e. mu >= mu* = (m - R) / (u + m): 2/5 with VALUES. Iran: Order - Refrain = o - alpha a - r rho (1 - alpha).
# For 0 < alpha < alpha* = (r - o) / (r - a) (2/3 with VALUES) the US mixes, so mu = mu* and
# q = mu* alpha / (1 - mu* + mu* alpha), and Iran mixes, so rho = (o - alpha a) / (r (1 - alpha)).
# Past alpha*, rho = 1 no longer deters: Iran orders for sure, mu = 1 and the US retaliates.

MU_STAR = Fraction(2, 5)
ALPHA_STAR = Fraction(2, 3)


def posterior(order: Fraction, alpha: Fraction) -> Fraction:
    return order / (order + (1 - order) * alpha)


def solve(alpha, values=None):
    tree = plausible_deniability(**{**(values or VALUES), "autonomy": alpha})
    found = perfect_bayesian_equilibria(tree)
    for pbe in found:
        assert is_sequentially_rational(tree, pbe, {**pbe.beliefs, **_some_beliefs(pbe)})
        assert is_bayes_consistent(tree, pbe, pbe.beliefs)
    return tree, found


def _some_beliefs(pbe):
    return {name: region.some_belief() for name, region in pbe.belief_regions.items()}


@pytest.mark.parametrize("alpha", [Fraction(1, 6), Fraction(1, 4), Fraction(1, 2), Fraction(3, 5)])
def test_below_the_cutoff_the_posterior_stays_at_the_us_cutoff(alpha):
    _, (pbe,) = solve(alpha)
    order = pbe.as_behavior().probabilities("Iran")["Order"]
    assert order == MU_STAR * alpha / (1 - MU_STAR + MU_STAR * alpha)
    assert pbe.beliefs["attack observed"] == (MU_STAR, 1 - MU_STAR) == (posterior(order, alpha), 1 - MU_STAR)
    retaliate = pbe.as_behavior().probabilities("attack observed")["Retaliate"]
    assert retaliate == (2 - alpha * 1) / (4 * (1 - alpha))
    assert 0 < retaliate < 1
    assert not pbe.belief_regions  # both sets are on the path


def test_the_posterior_formula_at_one_point():
    # alpha = 1/2: q = (2/5)(1/2) / (3/5 + 1/5) = 1/4, and 1/4 / (1/4 + (3/4)(1/2)) = 2/5.
    _, (pbe,) = solve(Fraction(1, 2))
    assert pbe.as_behavior().probabilities("Iran")["Order"] == Fraction(1, 4)
    assert posterior(Fraction(1, 4), Fraction(1, 2)) == Fraction(2, 5) == pbe.beliefs["attack observed"][0]


@pytest.mark.parametrize("alpha", [Fraction(3, 4), Fraction(9, 10), Fraction(1)])
def test_past_the_cutoff_iran_orders_and_the_us_retaliates_for_sure(alpha):
    _, (pbe,) = solve(alpha)
    behavior = pbe.as_behavior()
    assert behavior.action("Iran") == "Order"
    assert behavior.action("attack observed") == "Retaliate"
    assert pbe.beliefs["attack observed"] == (1, 0)
    # Order: o - r = -2 >= Refrain: alpha (a - r) = -3 alpha, exactly when alpha >= 2/3.
    assert pbe.payoffs.tolist() == [2, -2]


def test_at_the_cutoff_both_regimes_meet():
    # At alpha* = 2/3, rho = (2 - 2/3) / (4/3) = 1 and Iran is indifferent: q runs from 4/13 to 1.
    _, found = solve(ALPHA_STAR)
    orders = sorted(pbe.as_behavior().probabilities("Iran")["Order"] for pbe in found)
    assert orders == [MU_STAR * ALPHA_STAR / (1 - MU_STAR + MU_STAR * ALPHA_STAR), 1] == [Fraction(4, 13), 1]
    assert all(pbe.as_behavior().action("attack observed") == "Retaliate" for pbe in found)


def test_the_us_switches_to_retaliate_exactly_at_the_belief_cutoff():
    # mu u - (1 - mu) m versus -R at mu* = 2/5: 2 (2/5) - 3 (3/5) = -1. With alpha = 0 the set is off the path,
    # and the region of beliefs supporting Retaliate for sure is exactly mu >= mu*.
    u, m, rep = 2, 3, 1
    assert MU_STAR * u - (1 - MU_STAR) * m == -rep
    _, found = solve(0)
    (pure,) = [pbe for pbe in found if pbe.as_behavior().action("attack observed") == "Retaliate"]
    region = pure.belief_regions["attack observed"]
    below = MU_STAR - Fraction(1, 100)
    assert not region.contains((below, 1 - below))
    assert region.contains((MU_STAR, 1 - MU_STAR))
    assert region.contains((1, 0))


def test_without_autonomous_attacks_the_set_is_off_the_path_and_any_belief_above_the_cutoff_works():
    _, found = solve(0)
    assert {pbe.as_behavior().probabilities("attack observed")["Retaliate"] for pbe in found} == {Fraction(1, 2), 1}
    for pbe in found:
        assert pbe.as_behavior().action("Iran") == "Refrain"
        region = pbe.belief_regions["attack observed"]
        assert region.interval in {(MU_STAR, 1), (MU_STAR, MU_STAR)}


@pytest.mark.parametrize("alpha", [0, Fraction(1, 4), Fraction(1, 2), ALPHA_STAR, 1])
def test_every_nash_equilibrium_is_perfect_bayesian(alpha):
    tree, found = solve(alpha)
    nash = {tuple(tuple(v.tolist()) for v in eq.behavior) for eq in tree_equilibria(tree)}
    assert nash == {pbe.key() for pbe in found}


@settings(max_examples=25, deadline=None)
@given(
    u=st.integers(1, 5),
    m=st.integers(2, 8),
    a=st.integers(1, 3),
    extra_o=st.integers(1, 3),
    extra_r=st.integers(1, 4),
    alpha=st.fractions(0, 1, max_denominator=12),
)
def test_closed_forms_hold_wherever_their_conditions_do(u, m, a, extra_o, extra_r, alpha):
    rep = Fraction(m, 2)  # R < m
    o, r = a + extra_o, a + extra_o + extra_r  # a < o < r
    values = {
        "punish_gain": u,
        "misattribution_cost": m,
        "reputation_cost": rep,
        "order_benefit": o,
        "autonomous_benefit": a,
        "retaliation_cost": r,
    }
    mu_star, alpha_star = (m - rep) / Fraction(u + m), Fraction(r - o, r - a)
    _, found = solve(alpha, values)
    if alpha == 0 or alpha == alpha_star:
        return  # several equilibria, checked above at VALUES
    (pbe,) = found
    behavior = pbe.as_behavior()
    order = behavior.probabilities("Iran")["Order"]
    if alpha < alpha_star:
        assert order == mu_star * alpha / (1 - mu_star + mu_star * alpha)
        assert pbe.beliefs["attack observed"][0] == posterior(order, alpha) == mu_star
        assert behavior.probabilities("attack observed")["Retaliate"] == (o - alpha * a) / (r * (1 - alpha))
    else:
        assert order == 1
        assert behavior.action("attack observed") == "Retaliate"
