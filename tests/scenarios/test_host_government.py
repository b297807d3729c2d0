"""host_government: the government's choice moves the others' incentives; equilibria derived by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from gametheory.exceptions import ParameterError
from gametheory.scenarios import host_government, strike_or_restrain
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.n_player import n_player_equilibria
from gametheory.solvers.pure import pure_equilibria
from gametheory.testing import assert_equilibrium, assert_same_equilibria

TWO_PLAYER = {
    "casualty_cost": 3,
    "strike_cost": 1,
    "reputation_cost": 4,
    "attack_gain": 1,
    "strike_damage": 3,
    "legitimacy_gain": 0,
}
BASE = {**TWO_PLAYER, "expulsion_risk": 1, "political_cover": 1, "sovereignty_cost": 3, "militia_pressure": 4}
TOLERATE, DEMAND = [1, 0], [0, 1]


def _mix(p):
    return [p, 1 - p]


# By hand, with x, y, z = P(Strike), P(Attack), P(Demand exit) and BASE's values:
#   the US is indifferent when R y = c + e z, i.e. y = (1 + z) / 4;
#   the militia is indifferent when b + m z = (k - l) x, i.e. x = (1 + z) / 3;
#   the government compares s x + p y = 3x + 4y (tolerating) with g (demanding an exit).
CALM = [_mix(Fraction(1, 3)), _mix(Fraction(1, 4)), TOLERATE]  # z = 0: strike-or-restrain's equilibrium
PRESSURE = [_mix(Fraction(2, 3)), _mix(Fraction(1, 2)), DEMAND]  # z = 1: both sides hit more often


def _solve(**changes):
    game = host_government(**{**BASE, **changes})
    equilibria = n_player_equilibria(game)
    for equilibrium in equilibria:
        assert_equilibrium(game, equilibrium)
    return game, equilibria


def test_players_strategies_and_parameters():
    game = host_government()
    assert game.players == ("US", "Militia", "Iraqi government")
    assert game.strategies == (("Strike", "Restrain"), ("Attack", "Hold"), ("Tolerate", "Demand exit"))
    assert [p.name for p in game.parameters] == ["R", "b", "c", "d", "e", "g", "k", "l", "m", "p", "s"]


def test_tolerating_government_leaves_strike_or_restrain():
    game, two = host_government(), strike_or_restrain()
    for us in range(2):
        for militia in range(2):
            for player in range(2):
                assert sympy.simplify(game.payoffs[us, militia, 0, player] - two.payoffs[us, militia, player]) == 0


def test_demanding_an_exit_changes_the_incentives_not_just_the_levels():
    # The review finding: the government's choice must move who prefers what, not add constants.
    game = host_government()
    e, m = (next(p for p in game.parameters if p.name == name) for name in "em")
    u, v = game.payoff_tensor(0), game.payoff_tensor(1)
    for militia in range(2):  # the US's gain from striking drops by e under pressure
        gain = [u[0, militia, z] - u[1, militia, z] for z in range(2)]
        assert sympy.simplify(gain[1] - gain[0] + e) == 0
    for us in range(2):  # the militia's gain from attacking rises by m under pressure
        gain = [v[us, 0, z] - v[us, 1, z] for z in range(2)]
        assert sympy.simplify(gain[1] - gain[0] - m) == 0


def test_costly_exit_gives_the_two_player_equilibrium():
    # g = 5: at the calm equilibrium tolerating costs 3/3 + 4/4 = 2 < 5, and even at z = 1 it costs 4 < 5.
    _, equilibria = _solve(support_loss=5)
    assert_same_equilibria(equilibria, [CALM])
    two = nash_equilibria(strike_or_restrain(**TWO_PLAYER))
    assert_same_equilibria([eq.profile[:2] for eq in equilibria], two)


def test_cheap_exit_gives_the_pressure_equilibrium():
    # g = 1 < 2: tolerating the calm equilibrium costs more than leaving; at z = 1 it costs 3 (2/3) + 4 (1/2) = 4.
    _, equilibria = _solve(support_loss=1)
    assert_same_equilibria(equilibria, [PRESSURE])


def test_pressure_feeds_on_itself_between_the_two():
    # g = 3 lies between 2 and 4: calm and pressure are both equilibria, and a mixed one joins them where
    # 3 (1 + z) / 3 + 4 (1 + z) / 4 = 3, so z = 1/2, x = 1/2, y = 3/8. The two-player game has one equilibrium.
    game, equilibria = _solve(support_loss=3)
    middle = [_mix(Fraction(1, 2)), _mix(Fraction(3, 8)), _mix(Fraction(1, 2))]
    assert_same_equilibria(equilibria, [CALM, PRESSURE, middle])
    assert_same_equilibria(nash_equilibria(game), equilibria)
    assert len(nash_equilibria(strike_or_restrain(**TWO_PLAYER))) == 1


def test_pressure_makes_both_sides_hit_more_often():
    (calm,) = _solve(support_loss=5)[1]
    (pressure,) = _solve(support_loss=1)[1]
    assert pressure.profile[0][0] > calm.profile[0][0]  # the US strikes more: the militia gains more by attacking
    assert pressure.profile[1][0] > calm.profile[1][0]  # the militia attacks more: striking costs the US more


def test_political_cover_turns_pressure_into_a_catch_22():
    # m = 3: b + l + m = 4 > k = 3, so under pressure the militia attacks whatever the US does; the US strikes
    # (R = 4 > c + e = 2) and tolerating would cost s + p = 7 > g = 5. The two-player game has no pure equilibrium.
    game, equilibria = _solve(political_cover=3, support_loss=5)
    assert [str(eq) for eq in pure_equilibria(game)] == [
        "US: Strike; Militia: Attack; Iraqi government: Demand exit; payoffs -5, 1, -5"
    ]
    assert pure_equilibria(strike_or_restrain(**TWO_PLAYER)) == ()
    # Also: the calm equilibrium, and one where the US strikes for sure while the militia (b + m z = k) and
    # the government (s + p y = g) mix: z = 2/3, y = 1/2.
    mixed = [[1, 0], _mix(Fraction(1, 2)), _mix(Fraction(1, 3))]
    assert_same_equilibria(equilibria, [[[1, 0], [1, 0], DEMAND], CALM, mixed])


@pytest.mark.parametrize("name", ["expulsion_risk", "political_cover", "support_loss"])
def test_bad_value(name):
    with pytest.raises(ParameterError, match=name):
        host_government(**{name: float("nan")})
