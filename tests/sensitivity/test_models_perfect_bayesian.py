"""The perfect Bayesian model: signalling trees through thresholds, sweep, regime_map, tornado and monte_carlo."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from gametheory.scenarios import militia_control
from gametheory.sensitivity import monte_carlo, regime_map, sweep, thresholds, tornado
from gametheory.sensitivity.models import PerfectBayesianModel, TreeModel, as_model
from gametheory.sensitivity.selection import MaxOutcome, Payoff

# Cheap lethal attacks: the militia separates, or pools on lethal attacks.
OTHERS = {"c": 1, "m": 1, "g": 3, "e": 3, "k": 1, "l": 2}


def tree() -> object:
    return militia_control().fix_parameters(OTHERS)


def test_as_model_routes_imperfect_information_trees() -> None:
    assert isinstance(as_model(tree()), PerfectBayesianModel)
    from gametheory.scenarios import stay_or_withdraw

    assert isinstance(as_model(stay_or_withdraw()), TreeModel)
    assert PerfectBayesianModel(tree()).bounds == {"p": (0, 1)}


def test_thresholds_on_the_prior_are_the_belief_threshold_and_stay_in_the_unit_interval() -> None:
    for reputation in (3, 5, 9):
        found = thresholds(tree(), "p", fixed={"R": reputation})
        values = [t.value for t in found]
        # (c + m) / (R + m) with c = m = 1, and nothing at the bounds of the open unit interval.
        assert values == [F(2, reputation + 1)]
        assert all(t.at and t.below and t.above for t in found)
        inner = next(t for t in found if t.value == F(2, reputation + 1))
        assert len(inner.above) > len(inner.below)


def test_thresholds_on_the_reputation_cost() -> None:
    found = thresholds(tree(), "R", fixed={"p": F(1, 2)})
    assert [t.value for t in found] == [1, 3]


def test_sweep_matches_the_regimes() -> None:
    grid = [F(k, 20) for k in range(1, 20)]
    result = sweep(tree(), {"p": [float(v) for v in grid]}, fixed={"R": 3})
    regimes = PerfectBayesianModel(tree()).fix({"R": 3}).regimes()
    assert result.branches
    prior = sympy.Symbol("p", positive=True)
    for column, label in enumerate(result.branches):
        (regime,) = [r for r in regimes if r.label == label]
        expected = [bool(regime.conditions.xreplace({prior: v})) for v in grid]
        assert result.holds[:, column].tolist() == expected


def test_regime_map_boundary_is_the_threshold_curve() -> None:
    ps, rs = np.linspace(0.02, 0.98, 49), np.linspace(1.5, 10, 18)
    result = regime_map(tree(), ("p", ps), ("R", rs))
    assert len(result.regimes) >= 2
    p, R = sympy.symbols("p R", positive=True)
    assert any(
        sympy.expand(b.expression - (R * p + p - 2)) == 0 or sympy.expand(b.expression + (R * p + p - 2)) == 0
        for b in result.boundaries
    )
    for j, reputation in enumerate(rs):
        below = result.regime[j, ps < 2 / (reputation + 1) - 0.02]
        above = result.regime[j, ps > 2 / (reputation + 1) + 0.02]
        if below.size and above.size:
            assert set(below.tolist()).isdisjoint(above.tolist())


def test_tornado_and_monte_carlo_run_on_the_signalling_tree() -> None:
    base = {"p": 0.6, "R": 3.0}
    result = tornado(
        tree(), Payoff("US"), base=base, ranges={"p": (0.2, 0.9), "R": (2.0, 8.0)}, selection=MaxOutcome(), num=11
    )
    assert {bar.parameter for bar in result.bars} == {"p", "R"}
    assert all(np.isfinite(bar.swing) for bar in result.bars)
    stats = pytest.importorskip("scipy.stats")
    mc = monte_carlo(
        tree(),
        {"p": stats.uniform(0.05, 0.9), "R": stats.uniform(1.5, 8)},
        n=200,
        rng=1,
        outcomes={"us": Payoff("US")},
        selection=MaxOutcome(),
    )
    assert sum(mc.regime_probability.values()) >= 1 - 1e-9
    assert np.all(mc.outcomes["us"] <= 0)


def test_regime_map_partitions_when_lethal_attacks_pay_little() -> None:
    # g = 1: pooling on measured attacks above p = 2/(R + 1), semi-separating below, separating for R < 1.
    game = militia_control(
        attack_gain=1, restraint_cost=3, iran_loss=1, militia_loss=2, escalation_cost=1, misattribution_cost=1
    )
    ps, rs = np.linspace(0.03, 0.97, 48), np.linspace(0.1, 6, 40)
    result = regime_map(game, ("p", ps), ("R", rs))
    for j, reputation in enumerate(rs):
        for i, prior in enumerate(ps):
            label = result.regimes[result.regime[j, i]]
            if abs(reputation - 1) < 0.05 or abs(prior - 2 / (reputation + 1)) < 0.02:
                continue  # boundaries
            expected = "Separating" if reputation < 1 else "Pooling" if prior > 2 / (reputation + 1) else "Semi"
            assert label.startswith(expected), (prior, reputation, label)


def test_assumptions_reach_the_regimes() -> None:
    game = militia_control(attack_gain=1, restraint_cost=3, iran_loss=1, militia_loss=2)
    model = PerfectBayesianModel(game, assume={"R": [2, None], "c": (0, 1)}).fix({"m": 1})
    kinds = sorted(r.label.split(":")[0] for r in model.regimes())
    assert kinds == ["Pooling", "Semi-separating"]  # R >= 2 > c: never separating
