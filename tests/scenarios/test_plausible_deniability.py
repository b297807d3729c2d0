"""plausible_deniability: an information set, a chance move, and the mixed equilibrium by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from gametheory.exceptions import ParameterError
from gametheory.games.reduction import to_normal_form
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.scenarios import plausible_deniability
from gametheory.solvers.behavior import tree_equilibria

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
