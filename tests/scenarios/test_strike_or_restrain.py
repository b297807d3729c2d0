"""strike_or_restrain: labels, parameters, and the three regimes derived by hand."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory.exceptions import ParameterError
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.scenarios import strike_or_restrain
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.testing import assert_equilibrium, assert_in_every_equilibrium, assert_same_equilibria, plays

R, c, b, k, legitimacy = sympy.symbols("R c b k l")
NUMBERS = {
    "casualty_cost": 3,
    "strike_cost": 1,
    "reputation_cost": 2,
    "attack_gain": 1,
    "strike_damage": 4,
    "legitimacy_gain": 1,
}


def test_fully_parametric_by_default_with_positive_symbols():
    game = strike_or_restrain()
    assert [p.name for p in game.parameters] == ["R", "b", "c", "d", "k", "l"]
    assert all(p.is_positive for p in game.parameters)
    assert game.players == ("US", "Militia")
    assert game.strategies == (("Strike", "Restrain"), ("Attack", "Hold"))


def test_payoffs_follow_the_issue_table():
    d, c_, r, b_, k_, l_ = (sympy.Symbol(n, positive=True) for n in "dcRbkl")
    game = strike_or_restrain()
    assert game.payoffs[0, 0].tolist() == [-d - c_, b_ - k_ + l_]
    assert game.payoffs[0, 1].tolist() == [-c_, 0]
    assert game.payoffs[1, 0].tolist() == [-d - r, b_]
    assert game.payoffs[1, 1].tolist() == [0, 0]


def test_partly_numeric():
    game = strike_or_restrain(strike_cost=1, casualty_cost=Fraction(1, 2))
    assert [p.name for p in game.parameters] == ["R", "b", "k", "l"]


def test_fully_numeric_is_exact():
    game = strike_or_restrain(**NUMBERS)
    assert game.is_exact
    assert game.payoffs[1, 0].tolist() == [-5, 1]


def test_floats_make_a_float_game():
    assert not strike_or_restrain(**{**NUMBERS, "strike_cost": 0.5}).is_exact


def test_restraint_regime_below_r_equals_c():
    # R < c: against an attack Restrain costs d + R < d + c, so the US restrains; the militia then gains b > 0.
    game = strike_or_restrain(**{**NUMBERS, "reputation_cost": Fraction(1, 2), "strike_cost": 1})
    assert_same_equilibria(nash_equilibria(game), [[[0, 1], [1, 0]]])


def test_catch_22_regime():
    # R > c and b + l > k: Attack is strictly dominant for the militia (b - k + l > 0 and b > 0); the US strikes.
    game = strike_or_restrain(**{**NUMBERS, "strike_damage": 1})
    assert_same_equilibria(nash_equilibria(game), [[[1, 0], [1, 0]]])


def test_mixed_regime_formulas():
    # R > c, b + l < k: the militia attacks with q making the US indifferent: -q d - c = -q (d + R) => q = c / R.
    # The US strikes with p making the militia indifferent: p (b - k + l) + (1 - p) b = 0 => p = b / (k - l).
    game = strike_or_restrain(**NUMBERS)
    p, q = Fraction(1, 3), Fraction(1, 2)
    assert_same_equilibria(nash_equilibria(game), [[[p, 1 - p], [q, 1 - q]]])
    assert_equilibrium(game, [[p, 1 - p], [q, 1 - q]])


@given(
    st.fractions(Fraction(1, 10), 10),
    st.fractions(Fraction(1, 10), 10),
    st.fractions(Fraction(1, 10), 10),
    st.fractions(Fraction(1, 10), 10),
    st.fractions(Fraction(1, 10), 10),
    st.fractions(Fraction(1, 10), 10),
)
def test_hand_regimes_agree_with_the_solver(d, c_, r, b_, k_, l_):
    game = strike_or_restrain(
        casualty_cost=d, strike_cost=c_, reputation_cost=r, attack_gain=b_, strike_damage=k_, legitimacy_gain=l_
    )
    if r < c_:
        expected = [[[0, 1], [1, 0]]]
    elif r > c_ and b_ + l_ > k_:
        expected = [[[1, 0], [1, 0]]]
    elif r > c_ and b_ + l_ < k_:
        p, q = b_ / (k_ - l_), c_ / r
        expected = [[[p, 1 - p], [q, 1 - q]]]
    else:
        return  # boundaries: continua of equilibria, checked by the solvers' own tests
    assert_same_equilibria(nash_equilibria(game), expected)


def test_regimes_as_formulas():
    branches = {branch.label: branch for branch in parametric_equilibria(strike_or_restrain())}
    mixed = branches["US mixes Strike/Restrain; Militia mixes Attack/Hold"]
    _d, c_, r, b_, k_, l_ = (sympy.Symbol(n, positive=True) for n in "dcRbkl")
    assert sympy.simplify(mixed.profile[1][0] - c_ / r) == 0
    assert sympy.simplify(mixed.profile[0][0] - b_ / (k_ - l_)) == 0
    # Tsebelis: the attack probability does not depend on the militia's own payoffs.
    assert not mixed.profile[1][0].free_symbols & {b_, k_, l_}


def test_catch_22_claim_is_proved():
    assert assert_in_every_equilibrium(
        strike_or_restrain(), plays("Militia", "Attack"), region=[c < R, b + legitimacy > k]
    ) == ("proved")


@pytest.mark.parametrize("bad", ["1", True, math.nan, math.inf, [1], sympy.I])
def test_bad_parameter_values(bad):
    with pytest.raises(ParameterError, match="strike_cost"):
        strike_or_restrain(strike_cost=bad)


def test_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        strike_or_restrain(1, 2, 3, 4, 5, 6)  # type: ignore[misc]
