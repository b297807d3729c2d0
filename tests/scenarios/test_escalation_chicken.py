"""escalation_chicken: two pure equilibria and a mixed one that moves with the US reputation cost."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory.exceptions import ParameterError
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.scenarios import escalation_chicken
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.testing import assert_same_equilibria

VALUES = {
    "us_war_cost": 10,
    "us_win": 2,
    "us_backdown_cost": 1,
    "reputation_cost": 3,
    "iran_war_cost": 8,
    "iran_win": 3,
    "iran_backdown_cost": 2,
}


def _iran_escalation(values):
    # US indifferent: q (-W) + (1 - q) V = -q (B + R)  =>  q = V / (V + W - B - R).
    w, v, b, r = values["us_war_cost"], values["us_win"], values["us_backdown_cost"], values["reputation_cost"]
    return Fraction(v, v + w - b - r)


def _us_escalation(values):
    # Iran indifferent: p (-W_ir) + (1 - p) V_ir = -p B_ir  =>  p = V_ir / (V_ir + W_ir - B_ir).
    w, v, b = values["iran_war_cost"], values["iran_win"], values["iran_backdown_cost"]
    return Fraction(v, v + w - b)


def test_labels_and_parameters():
    game = escalation_chicken()
    assert game.players == ("US", "Iran")
    assert game.strategies == (("Escalate", "Limit"), ("Escalate", "Restrain"))
    assert {p.name for p in game.parameters} == {"W_us", "V_us", "B_us", "R", "W_ir", "V_ir", "B_ir"}


def test_two_pure_and_one_mixed_equilibrium():
    game = escalation_chicken(**VALUES)
    p, q = _us_escalation(VALUES), _iran_escalation(VALUES)
    assert_same_equilibria(
        nash_equilibria(game),
        [[[1, 0], [0, 1]], [[0, 1], [1, 0]], [[p, 1 - p], [q, 1 - q]]],
    )


def test_higher_reputation_cost_raises_iran_escalation():
    low = {**VALUES, "reputation_cost": 1}
    high = {**VALUES, "reputation_cost": 5}
    mixed = [
        next(eq for eq in nash_equilibria(escalation_chicken(**v)) if not eq.is_pure).profile[1][0] for v in (low, high)
    ]
    assert mixed == [_iran_escalation(low), _iran_escalation(high)]
    assert mixed[0] < mixed[1]


def test_comparative_statics_symbolically():
    branches = [b for b in parametric_equilibria(escalation_chicken()) if len(b.support[0]) == 2 == len(b.support[1])]
    assert len(branches) == 1
    r = sympy.Symbol("R", positive=True)
    w, v, b = (sympy.Symbol(n, positive=True) for n in ("W_us", "V_us", "B_us"))
    q = branches[0].profile[1][0]
    assert sympy.simplify(q - v / (v + w - b - r)) == 0
    assert sympy.simplify(sympy.diff(q, r) - v / (v + w - b - r) ** 2) == 0  # positive wherever defined


def test_bad_value():
    with pytest.raises(ParameterError, match="us_win"):
        escalation_chicken(us_win="a lot")


@given(st.lists(st.integers(1, 12), min_size=7, max_size=7))
def test_mixed_formula_agrees_with_the_solver(numbers):
    values = dict(zip(VALUES | {"reputation_cost": 0}, numbers, strict=True))
    w_us, b_us, r = values["us_war_cost"], values["us_backdown_cost"], values["reputation_cost"]
    w_ir, b_ir = values["iran_war_cost"], values["iran_backdown_cost"]
    if not (w_us > b_us + r and w_ir > b_ir):
        return  # not Chicken: someone prefers war to backing down
    game = escalation_chicken(**values)
    p, q = _us_escalation(values), _iran_escalation(values)
    assert_same_equilibria(nash_equilibria(game), [[[1, 0], [0, 1]], [[0, 1], [1, 0]], [[p, 1 - p], [q, 1 - q]]])
