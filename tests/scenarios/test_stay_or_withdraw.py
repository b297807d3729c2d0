"""stay_or_withdraw: the four regimes, by hand, numerically and as parametric regimes."""

from __future__ import annotations

import pytest

from gametheory.exceptions import ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.scenarios import stay_or_withdraw
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria

BASE = {
    "casualty_cost": 2,
    "strike_cost": 1,
    "reputation_cost": 3,
    "withdrawal_loss": 10,
    "attack_gain": 1,
    "strike_damage": 3,
    "legitimacy_gain": 1,
    "militia_prize": 5,
}


def _play(**changes):
    (equilibrium,) = subgame_perfect_equilibria(stay_or_withdraw(**{**BASE, **changes}))
    return equilibrium.action("Militia"), equilibrium.action("US")


def test_tree_shape_and_labels():
    tree = stay_or_withdraw()
    assert isinstance(tree, ExtensiveFormGame)
    assert tree.players == ("US", "Militia")
    assert tree.is_perfect_information
    assert [p.name for p in tree.parameters] == ["L", "R", "V", "b", "c", "d", "k", "l"]


def test_deterrence():
    # Retaliate costs d + c = 3 < d + R = 5 < L = 10; then the militia gets b - k + l = -1 < 0: it holds.
    assert _play() == ("Hold", "Retaliate")


def test_retaliation_trap():
    # Same US answer, but b + l > k: the militia attacks although it will be struck.
    assert _play(strike_damage=1) == ("Attack", "Retaliate")


def test_absorb():
    # R < c: absorbing (d + R = 3) beats retaliating (d + c = 5) and leaving (L = 10); the militia gains b.
    assert _play(reputation_cost=1, strike_cost=3) == ("Attack", "Absorb")


def test_withdraw():
    # L below both d + c and d + R: the US leaves; the militia gains b + V.
    assert _play(withdrawal_loss=2) == ("Attack", "Withdraw")


def test_parametric_regimes_match_the_hand_derivation():
    regimes = subgame_perfect_regimes(stay_or_withdraw())
    paths = sorted(regime.path for regime in regimes)
    assert paths == sorted(
        [
            (("Militia", "Attack"), ("US", "Retaliate")),
            (("Militia", "Hold"),),
            (("Militia", "Attack"), ("US", "Absorb")),
            (("Militia", "Attack"), ("US", "Withdraw")),
        ]
    )
    # Deterrence is the only regime without an attack; it holds at the base values.
    no_attack = [r for r in regimes if r.path == (("Militia", "Hold"),)]
    assert len(no_attack) == 1
    assert no_attack[0].holds_at(BASE_SYMBOLS)


BASE_SYMBOLS = {"d": 2, "c": 1, "R": 3, "L": 10, "b": 1, "k": 3, "l": 1, "V": 5}


def test_bad_value():
    with pytest.raises(ParameterError, match="withdrawal_loss"):
        stay_or_withdraw(withdrawal_loss="far")
