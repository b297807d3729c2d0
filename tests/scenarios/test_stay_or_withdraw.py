"""stay_or_withdraw: the four regimes, by hand, numerically and as parametric regimes."""

from __future__ import annotations

import pytest

from gametheory.exceptions import InvalidArgumentError, ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.scenarios import STAY_OR_WITHDRAW_REGIMES, stay_or_withdraw, stay_or_withdraw_regime
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


CASES = {
    "deterrence": {},
    "retaliation trap": {"strike_damage": 1},
    "absorb": {"reputation_cost": 1, "strike_cost": 3},
    "withdraw": {"withdrawal_loss": 2},
}


@pytest.mark.parametrize(("name", "changes"), CASES.items(), ids=list(CASES))
def test_regime_names_of_numeric_equilibria(name, changes):
    (equilibrium,) = subgame_perfect_equilibria(stay_or_withdraw(**{**BASE, **changes}))
    assert stay_or_withdraw_regime(equilibrium) == name
    assert stay_or_withdraw_regime((equilibrium.action("Militia"), equilibrium.action("US"))) == name


def test_regime_names_of_parametric_regimes():
    regimes = subgame_perfect_regimes(stay_or_withdraw())
    names = {stay_or_withdraw_regime(regime): regime for regime in regimes}
    assert sorted(names) == ["absorb", "deterrence", "retaliation trap", "withdraw"]
    # Deterrence is the only one without an attack on the path of play.
    assert [n for n, r in names.items() if ("Militia", "Attack") not in r.path] == ["deterrence"]
    assert names["deterrence"].holds_at(BASE_SYMBOLS)


def test_regime_mapping_is_read_only_and_complete():
    assert set(STAY_OR_WITHDRAW_REGIMES.values()) == set(CASES)
    with pytest.raises(TypeError):
        STAY_OR_WITHDRAW_REGIMES[("Hold", "Absorb")] = "calm"  # type: ignore[index]


@pytest.mark.parametrize("bad", [("Hold", "Absorb"), ("Attack",), "deterrence", 3, (1, 2)])
def test_unknown_regime_is_rejected(bad):
    with pytest.raises(InvalidArgumentError, match="not a regime of stay_or_withdraw"):
        stay_or_withdraw_regime(bad)
