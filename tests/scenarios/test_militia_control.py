"""The militia-control signalling scenario."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from gametheory import perfect_bayesian_equilibria, perfect_bayesian_regimes
from gametheory.exceptions import ParameterError
from gametheory.scenarios import MILITIA_CONTROL_PARAMETERS, militia_control


def test_structure_and_parameters() -> None:
    tree = militia_control()
    assert tree.players == ("US", "Militia")
    assert {s.name for s in tree.parameters} == {symbol for symbol, _ in MILITIA_CONTROL_PARAMETERS.values()}
    assert all(s.is_positive for s in tree.parameters)
    sizes = {s.label: len(s.members) for s in tree.information_sets}
    assert sizes == {"Iran controls": 1, "Autonomous": 1, "after Measured attack": 2, "after Lethal attack": 2}
    assert not tree.is_perfect_information


def test_bad_parameters() -> None:
    with pytest.raises(ParameterError, match="prior"):
        militia_control(prior=F(3, 2))
    with pytest.raises(ParameterError):
        militia_control(reputation_cost="R")  # type: ignore[arg-type]


def test_us_belief_threshold_by_hand() -> None:
    # Pooling on measured attacks: the US retaliates against Iran exactly when p >= (c + m) / (R + m).
    tree = militia_control(
        prior=F(1, 2),
        escalation_cost=1,
        misattribution_cost=1,
        attack_gain=1,
        restraint_cost=3,
        iran_loss=1,
        militia_loss=2,
    )
    profiles = {
        tuple(tuple(int(v) for v in x) for x in e.profile)
        for e in perfect_bayesian_equilibria(tree.substitute({"R": 3}))
    }
    pooling = ((1, 0), (1, 0), (0, 1), (1, 0))
    assert pooling in profiles  # 1/2 >= 2 / (3 + 1)
    below = {
        tuple(tuple(int(v) for v in x) for x in e.profile)
        for e in perfect_bayesian_equilibria(tree.substitute({"R": 2}))
    }
    assert pooling not in below  # 1/2 < 2 / (2 + 1)


def test_separating_when_lethal_attacks_pay_the_autonomous_militia() -> None:
    regimes = perfect_bayesian_regimes(militia_control(attack_gain=3, restraint_cost=3, iran_loss=1, militia_loss=2))
    kinds = {r.kind for r in regimes}
    assert kinds == {"pooling", "separating"}
    separating = [r for r in regimes if r.kind == "separating"]
    assert any(r.holds_at({"R": 2, "c": 1, "m": 1, "p": F(1, 2)}) for r in separating)
    assert all(r.beliefs["after Measured attack"] == (1, 0) for r in separating)


def test_api_style_of_the_scenario() -> None:
    import inspect

    parameters = inspect.signature(militia_control).parameters
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())
    assert set(parameters) == set(MILITIA_CONTROL_PARAMETERS)
    assert len(militia_control().parameters) == len(parameters)
    doc = inspect.getdoc(militia_control) or ""
    assert "seed article" in doc
    assert "1987" in doc


def test_descriptions_label_plot_axes() -> None:
    pytest.importorskip("matplotlib")
    import numpy as np

    from gametheory.plot import plot_regime_map
    from gametheory.sensitivity import regime_map

    tree = militia_control(
        escalation_cost=1, misattribution_cost=1, attack_gain=1, restraint_cost=3, iran_loss=1, militia_loss=2
    )
    result = regime_map(tree, ("p", np.linspace(0.1, 0.9, 5)), ("R", np.linspace(0.5, 4, 5)))
    ax = plot_regime_map(result, labels=dict(MILITIA_CONTROL_PARAMETERS.values()))
    assert ax.get_xlabel() == "prior that Iran controls the militia p"
    assert ax.get_ylabel() == "reputation cost R"
