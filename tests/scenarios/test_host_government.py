"""host_government: the three-player scenario, solved with the N-player solvers and checked by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from gametheory.exceptions import ParameterError
from gametheory.scenarios import host_government
from gametheory.solvers.n_player import n_player_equilibria
from gametheory.solvers.pure import pure_equilibria
from gametheory.testing import assert_equilibrium, assert_same_equilibria

BASE = {
    "casualty_cost": 3,
    "strike_cost": 1,
    "reputation_cost": 2,
    "attack_gain": 1,
    "strike_damage": 3,
    "legitimacy_gain": 0,
    "basing_value": 4,
    "expulsion_gain": 3,
    "sovereignty_cost": 2,
    "militia_pressure": 6,
}


def test_players_strategies_and_parameters():
    game = host_government()
    assert game.players == ("US", "Militia", "Iraqi government")
    assert game.strategies == (("Strike", "Restrain"), ("Attack", "Hold"), ("Host", "Expel"))
    assert len(game.parameters) == 11


def test_catch_22_with_a_government_that_expels():
    # R > c and b + l > k (1 + 1 > 1): US strikes, militia attacks;
    # hosting then costs s + p = 8 > g = 3, so Baghdad expels.
    game = host_government(**{**BASE, "strike_damage": 1, "legitimacy_gain": 1, "security_loss": 3})
    assert_same_equilibria(n_player_equilibria(game), [[[1, 0], [1, 0], [0, 1]]])
    assert_same_equilibria(pure_equilibria(game), [[[1, 0], [1, 0], [0, 1]]])


def test_catch_22_with_a_government_that_hosts():
    game = host_government(**{**BASE, "strike_damage": 1, "legitimacy_gain": 1, "security_loss": 9})
    assert_same_equilibria(n_player_equilibria(game), [[[1, 0], [1, 0], [1, 0]]])


def test_mixed_regime_and_the_government():
    # R > c, b + l < k: US strikes with b/(k-l) = 1/3, militia attacks with c/R = 1/2 (the government's choice
    # does not move their incentives). Expected cost of hosting: s/3 + p/2 = 2/3 + 3 = 11/3.
    strike, attack = Fraction(1, 3), Fraction(1, 2)
    expel = [[strike, 1 - strike], [attack, 1 - attack], [0, 1]]
    host = [[strike, 1 - strike], [attack, 1 - attack], [1, 0]]
    assert_same_equilibria(n_player_equilibria(host_government(**BASE, security_loss=2)), [expel])
    assert_same_equilibria(n_player_equilibria(host_government(**BASE, security_loss=5)), [host])
    assert pure_equilibria(host_government(**BASE, security_loss=2)) == ()


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_indifferent_government_has_extreme_equilibria():
    # g = 11/3: the government is indifferent; both pure choices are extreme equilibria.
    game = host_government(**BASE, security_loss=Fraction(11, 3))
    equilibria = n_player_equilibria(game)
    for equilibrium in equilibria:
        assert_equilibrium(game, equilibrium)
    ends = {tuple(eq.profile[2].tolist()) for eq in equilibria}
    assert {(1, 0), (0, 1)} <= ends


def test_bad_value():
    with pytest.raises(ParameterError, match="security_loss"):
        host_government(security_loss=float("nan"))
