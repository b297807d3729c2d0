"""Tests of the sensitivity helpers on game trees (gametheory.sensitivity._trees via sweep/thresholds/regime_map)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidGameError, ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import decision, terminal
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.scenarios import stay_or_withdraw
from gametheory.sensitivity.monte_carlo import monte_carlo
from gametheory.sensitivity.regime_map import regime_map
from gametheory.sensitivity.selection import MaxOutcome, Payoff, Probability
from gametheory.sensitivity.sweep import sweep
from gametheory.sensitivity.thresholds import Threshold, thresholds
from gametheory.sensitivity.tornado import tornado
from gametheory.solvers.behavior import infoset_name
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria

TREE = stay_or_withdraw()
# b + l = 2 < k = 3: the militia is deterred when the US retaliates.
FIXED = {"d": 1, "c": 2, "L": 5, "b": 1, "k": 3, "l": 1, "V": 1}
ATTACK_ABSORB = "Militia: Attack; US: Absorb"
ATTACK_RETALIATE = "Militia: Attack; US: Retaliate"
HOLD = "Militia: Hold"  # tree regimes are labelled by their path of play
WITHDRAW = "Militia: Attack; US: Withdraw"


def spe_labels(tree: ExtensiveFormGame) -> set[str]:
    """Labels of the (pure) SPE of a numeric tree, in the regimes' format: the moves on the path of play."""
    return {path_label(tree, eq) for eq in subgame_perfect_equilibria(tree)}


def path_label(tree: ExtensiveFormGame, eq: Any) -> str:
    moves, stack = [], [0]
    while stack:
        position = tree.positions[stack.pop()]
        if position.infoset is not None:
            action = eq.action(position.infoset)
            moves.append(f"{infoset_name(tree, position.infoset)}: {action}")
            stack.append(position.children[position.node.actions.index(action)])
        else:
            stack.extend(reversed(position.children))
    return "; ".join(moves)


def by_hand(p: dict[str, Any]) -> str:
    """The stay-or-withdraw regime off the boundaries, derived by hand."""
    d, c, r, loss, b, k, l_gain = (p[n] for n in ("d", "c", "R", "L", "b", "k", "l"))
    if loss < min(d + c, d + r):
        return WITHDRAW
    if r > c:
        return HOLD if b + l_gain < k else ATTACK_RETALIATE
    return ATTACK_ABSORB


def check_sides(threshold: Threshold, fixed: dict[str, Any]) -> None:
    """Just left of, at and just right of a threshold, the labels are the SPE of the substituted tree."""
    name = threshold.parameter.name
    value = Fraction(str(threshold.value))
    eps = Fraction(1, 100)
    for side, point in ((threshold.below, value - eps), (threshold.at, value), (threshold.above, value + eps)):
        assert side is not None
        assert set(side) == spe_labels(TREE.substitute(fixed | {name: point}))


# ---------------------------------------------------------------------- thresholds
def test_reputation_threshold_is_the_strike_cost() -> None:
    fixed = {k: v for k, v in FIXED.items() if k != "R"}
    (found,) = thresholds(TREE, "R", fixed=fixed)
    assert found.value == FIXED["c"]
    assert found.below == (ATTACK_ABSORB,)
    assert set(found.at or ()) == {ATTACK_ABSORB, HOLD}
    assert found.above == (HOLD,)
    check_sides(found, fixed)


def test_reputation_threshold_when_withdrawal_is_cheap() -> None:
    # L = 5/2 < d + c: the US withdraws once absorbing costs more, at R = L - d.
    fixed = FIXED | {"L": Fraction(5, 2)}
    (found,) = thresholds(TREE, "R", fixed=fixed)
    assert found.value == Fraction(3, 2)
    assert (found.below, found.above) == ((ATTACK_ABSORB,), (WITHDRAW,))
    check_sides(found, fixed)


@pytest.mark.parametrize(("reputation", "expected", "above"), [(3, 3, HOLD), (1, 2, ATTACK_ABSORB)])
def test_withdrawal_threshold_is_d_plus_min_c_r(reputation: int, expected: int, above: str) -> None:
    fixed = {k: v for k, v in FIXED.items() if k != "L"} | {"R": reputation}
    (found,) = thresholds(TREE, "L", fixed=fixed)
    assert found.value == FIXED["d"] + min(FIXED["c"], reputation) == expected
    assert (found.below, found.above) == ((WITHDRAW,), (above,))
    check_sides(found, fixed)


def test_deterrence_threshold_is_b_plus_l() -> None:
    fixed = {k: v for k, v in FIXED.items() if k != "k"} | {"R": 3}
    (found,) = thresholds(TREE, "k", fixed=fixed)
    assert found.value == FIXED["b"] + FIXED["l"]
    assert (found.below, found.above) == ((ATTACK_RETALIATE,), (HOLD,))
    check_sides(found, fixed)


def test_thresholds_interval_filters() -> None:
    fixed = {k: v for k, v in FIXED.items() if k != "R"}
    assert thresholds(TREE, "R", fixed=fixed, interval=(3, None)) == ()


def test_thresholds_need_every_other_parameter() -> None:
    with pytest.raises(ParameterError, match="missing"):
        thresholds(TREE, "R", fixed={"d": 1})


# ---------------------------------------------------------------------- sweeps
def test_sweep_agrees_with_subgame_perfect_equilibria_point_by_point() -> None:
    # The grid hits the boundaries L = 3, R = 2 and L = R + 1 exactly, where several SPE hold.
    fixed = {k: v for k, v in FIXED.items() if k not in ("R", "L")}
    r_values, l_values = np.arange(1, 9) / 2, np.arange(1, 13) / 2
    result = sweep(TREE, {"R": r_values, "L": l_values}, fixed=fixed)
    assert result.strategies == (("Retaliate", "Absorb", "Withdraw"), ("Attack", "Hold"))
    # Columns are labelled by path; compare the full profiles they stand for.
    profile_of = {r.label: r.profile_label for r in subgame_perfect_regimes(TREE.fix_parameters(fixed))}
    for i, r in enumerate(r_values):
        for j, loss in enumerate(l_values):
            point = TREE.substitute(fixed | {"R": Fraction(str(r)), "L": Fraction(str(loss))})
            equilibria = {
                "; ".join(f"{infoset_name(point, s.index)}: {eq.action(s.index)}" for s in point.information_sets): eq
                for eq in subgame_perfect_equilibria(point)
            }
            holding = [b for b, label in enumerate(result.branches) if result.holds[i, j, b]]
            assert {profile_of[result.branches[b]] for b in holding} == set(equilibria)
            for b in holding:
                eq = equilibria[profile_of[result.branches[b]]]
                np.testing.assert_allclose(result.payoffs[i, j, b], [float(v) for v in eq.payoffs])
                us, militia = eq.behavior[1], eq.behavior[0]
                assert us is not None
                assert militia is not None
                np.testing.assert_allclose(result.probabilities[0][i, j, b], [float(p) for p in us])
                np.testing.assert_allclose(result.probabilities[1][i, j, b], [float(p) for p in militia])


@settings(max_examples=25, deadline=None)
@given(
    values=st.fixed_dictionaries({n: st.integers(1, 6) for n in ("d", "c", "b", "k", "l", "V")}),
    r_value=st.integers(1, 12),
)
def test_sweep_over_l_matches_the_hand_derivation(values: dict[str, int], r_value: int) -> None:
    l_values = np.arange(1, 25) / 2
    fixed = values | {"R": r_value}
    result = sweep(TREE, {"L": l_values}, fixed=fixed)
    labels = result.regime_labels()
    for j, loss in enumerate(l_values):
        point = fixed | {"L": loss}
        spe = spe_labels(TREE.substitute(fixed | {"L": Fraction(str(loss))}))
        assert set(labels[j].split(" | ")) == spe
        on_boundary = loss in (point["d"] + point["c"], point["d"] + r_value) or r_value == point["c"]
        if not on_boundary and point["b"] + point["l"] != point["k"]:
            assert labels[j] == by_hand(point)


def test_sweep_outcomes_read_the_pure_behaviour() -> None:
    fixed = {k: v for k, v in FIXED.items() if k != "R"}
    result = sweep(TREE, {"R": [1, 3]}, fixed=fixed)
    assert result.outcome(Probability("Militia", "Attack")).tolist() == [1.0, 0.0]
    assert result.outcome(Payoff("US")).tolist() == [-2.0, 0.0]
    assert result.game is TREE


def test_callable_returning_trees_matches_the_parametric_sweep() -> None:
    fixed = {k: v for k, v in FIXED.items() if k != "R"}
    values = [0.5, 1, 2, 3, 4.5]
    solved = sweep(lambda p: TREE.substitute(p), {"R": values}, fixed=fixed)
    derived = sweep(TREE, {"R": values}, fixed=fixed)
    assert solved.game is None
    # Point by point the columns name whole profiles; the derived regimes name their paths of play.
    profile_of = {r.label: r.profile_label for r in subgame_perfect_regimes(TREE.fix_parameters(fixed))}
    for j in range(len(values)):
        derived_profiles = {profile_of[label] for label in derived.regime_labels()[j].split(" | ")}
        assert set(solved.regime_labels()[j].split(" | ")) == derived_profiles
    np.testing.assert_array_equal(
        solved.outcome(Payoff("US"), selection=MaxOutcome()), derived.outcome(Payoff("US"), selection=MaxOutcome())
    )


def test_callable_returning_an_imperfect_information_tree() -> None:
    # Matching pennies as a tree: the SPE mixes, and the columns carry the behaviour probabilities.
    def pennies(p: dict[str, Any]) -> ExtensiveFormGame:
        a = p["a"]
        second = {
            "H": decision("B", {"h": terminal(a, -a), "t": terminal(-1, 1)}, infoset="b"),
            "T": decision("B", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="b"),
        }
        return ExtensiveFormGame(decision("A", second), players=("A", "B"))

    result = sweep(pennies, {"a": [1, 3]})
    assert result.branches == ("A mixes H/T; B mixes h/t",)
    np.testing.assert_allclose(result.probabilities[0][:, 0], [[0.5, 0.5], [1 / 3, 2 / 3]])


def test_callable_mixing_trees_and_matrices_is_rejected() -> None:
    matrix = NormalFormGame.from_bimatrix([[1]], [[1]])
    tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0)}), players=("A", "B"))
    with pytest.raises(InvalidGameError, match="both trees and normal-form"):
        sweep(lambda p: tree if p["a"] > 0 else matrix, {"a": [-1, 1]})


def test_parametric_imperfect_information_tree_is_analysed_by_its_perfect_bayesian_equilibria() -> None:
    from gametheory.sensitivity.models import PerfectBayesianModel, as_model

    tree = ExtensiveFormGame(
        decision(
            "A",
            {
                "x": decision("B", {"u": terminal("v", 0), "w": terminal(0, 1)}, infoset="b"),
                "y": decision("B", {"u": terminal(0, 1), "w": terminal(1, 0)}, infoset="b"),
            },
        ),
        players=("A", "B"),
    )
    assert isinstance(as_model(tree), PerfectBayesianModel)
    # For v > 0 the only equilibrium is fully mixed, which no pure regime covers: it is solved at
    # the point, never reported as "no equilibrium". By hand: B plays u with probability 1/(1 + v)
    # (A indifferent: v q = 1 - q), A plays x with probability 1/2 (B indifferent), A gets v/(1 + v).
    result = sweep(tree, {"v": [-1, 1, 3]})
    frame = result.to_frame()
    assert list(frame["regime"]) == ["A: y; B: u", "A mixes x/y; B mixes u/w", "A mixes x/y; B mixes u/w"]
    assert frame["payoff(A)"].tolist() == pytest.approx([0, 1 / 2, 3 / 4])
    assert frame["P(B: u)"].tolist() == pytest.approx([1, 1 / 2, 1 / 4])


def test_numeric_tree_is_rejected() -> None:
    tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0)}), players=("A", "B"))
    with pytest.raises(UnsupportedGameError, match="no parameters"):
        sweep(tree, {"v": [0, 1]})


def test_sweep_of_a_tree_needs_every_parameter() -> None:
    with pytest.raises(ParameterError, match="no value given"):
        sweep(TREE, {"R": [1, 2]}, fixed={"d": 1})


def test_sweep_rejects_values_against_the_symbols_assumptions() -> None:
    fixed = {k: v for k, v in FIXED.items() if k != "R"}
    with pytest.raises(ParameterError, match="positive"):
        sweep(TREE, {"R": [-1, 1]}, fixed=fixed)


# ---------------------------------------------------------------------- regime maps and the rest
def test_regime_map_over_r_and_l_has_the_hand_labels() -> None:
    fixed = {k: v for k, v in FIXED.items() if k not in ("R", "L")}
    result = regime_map(TREE, x=("R", np.linspace(0.05, 5, 45)), y=("L", np.linspace(0.05, 7, 50)), fixed=fixed)
    for r, loss in [(1.0, 5.0), (3.5, 5.0), (4.0, 1.0), (1.0, 1.0), (1.5, 2.2), (4.5, 2.5)]:
        assert result.regime_at(r, loss) == by_hand(fixed | {"R": r, "L": loss})
    assert {str(b.expression) for b in result.boundaries} == {"R - 2", "L - 3", "L - R - 1"}


def test_regime_map_of_a_tree_plots() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from gametheory.plot.sensitivity import plot_equilibrium_path, plot_regime_map

    fixed = {k: v for k, v in FIXED.items() if k not in ("R", "L")}
    mapped = regime_map(TREE, x=("R", [1, 3]), y=("L", [1, 5]), fixed=fixed)
    assert plot_regime_map(mapped) is not None
    line = sweep(TREE, {"R": np.linspace(0.5, 4, 8)}, fixed=fixed | {"L": 5})
    ax = plot_equilibrium_path(line, Payoff("US"))
    assert any("R = 2" in text.get_text() for text in ax.texts)


def test_monte_carlo_on_a_tree_counts_the_hand_regimes() -> None:
    scipy_stats = pytest.importorskip("scipy.stats")
    fixed = {k: v for k, v in FIXED.items() if k != "R"}
    result = monte_carlo(TREE, {"R": scipy_stats.uniform(0.1, 4)}, n=200, fixed=fixed, rng=3)
    expected = float(np.mean(result.samples["R"] < FIXED["c"]))
    assert result.regime_probability[ATTACK_ABSORB] == pytest.approx(expected)


def test_tornado_on_a_tree() -> None:
    base = FIXED | {"R": 3}
    result = tornado(TREE, Payoff("Militia"), base=base, ranges={"k": (1, 2.5), "L": (4, 6)})
    by_name = {bar.parameter: bar for bar in result.bars}
    # Lowering k below b + l = 2 ends deterrence (the militia gets b - k + l > 0); L in (4, 6) changes nothing.
    assert (by_name["k"].outcome_low, by_name["k"].outcome_high) == (pytest.approx(1.0), 0.0)
    assert by_name["L"].swing == 0.0
