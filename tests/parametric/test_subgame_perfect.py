"""Tests for parametric subgame-perfect regimes of perfect-information trees."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.parametric.regions import full_dimensional
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria
from tests.support import centipede, stay_or_withdraw_tree

NAMES = ("L", "R", "V", "b", "c", "d", "k", "l")


def hand_regimes(v: dict[str, Fraction]) -> set[tuple[str, str]]:
    """The regimes worked out by hand (weak inequalities: ties belong to both sides)."""
    L, R, b, c, d, k, l = (v[n] for n in ("L", "R", "b", "c", "d", "k", "l"))  # noqa: E741
    out = set()
    if c + d >= L and d + R >= L:
        out.add(("Attack", "Withdraw"))  # withdraw: leaving is the US's cheapest answer
    if c >= R and R + d <= L:
        out.add(("Attack", "Absorb"))  # absorb: the reputation cost is below the strike cost
    if c <= R and c + d <= L and k <= b + l:
        out.add(("Attack", "Retaliate"))  # retaliation trap: the militia gains even when struck
    if c <= R and c + d <= L and b + l <= k:
        out.add(("Hold", "Retaliate"))  # deterrence: the threat to retaliate keeps the militia home
    return out


@pytest.fixture(scope="module")
def regimes():
    tree = stay_or_withdraw_tree()
    return subgame_perfect_regimes(tree, assume=[p > 0 for p in tree.parameters])


def test_four_regimes_and_only_deterrence_has_no_attack(regimes):
    assert sorted(r.behavior for r in regimes) == sorted(
        [("Attack", "Withdraw"), ("Attack", "Absorb"), ("Attack", "Retaliate"), ("Hold", "Retaliate")]
    )
    no_attack = [r for r in regimes if ("Militia", "Hold") in r.path]
    assert [r.behavior for r in no_attack] == [("Hold", "Retaliate")]
    assert [r.label for r in no_attack] == ["Militia: Hold"]
    assert [r.profile_label for r in no_attack] == ["Militia: Hold; US: Retaliate"]
    assert [r.path for r in no_attack] == [(("Militia", "Hold"),)]
    assert len({r.label for r in regimes}) == len(regimes)
    assert str(no_attack[0].assumptions).startswith("(L > 0)")


def test_regime_payoffs_are_formulas(regimes):
    d, c, b, k, l = sympy.symbols("d c b k l", real=True)  # noqa: E741
    by_behavior = {r.behavior: r for r in regimes}
    assert by_behavior[("Attack", "Retaliate")].payoffs == (-d - c, b - k + l)
    assert by_behavior[("Hold", "Retaliate")].payoffs == (0, 0)


@settings(max_examples=80)
@given(st.lists(st.integers(1, 6), min_size=8, max_size=8))
def test_conditions_agree_with_the_hand_derivation(regimes, numbers):
    values = {name: Fraction(n) for name, n in zip(NAMES, numbers, strict=True)}
    holding = {r.behavior for r in regimes if r.holds_at(values)}
    assert holding == hand_regimes(values)


@settings(max_examples=60)
@given(st.lists(st.integers(1, 6), min_size=8, max_size=8))
def test_regimes_that_hold_are_exactly_the_numeric_spe(regimes, numbers):
    values = dict(zip(NAMES, numbers, strict=True))
    numeric = subgame_perfect_equilibria(stay_or_withdraw_tree().substitute(values))
    expected = {tuple(eq.action(s.index) for s in eq.game.information_sets) for eq in numeric}
    assert {r.behavior for r in regimes if r.holds_at(values)} == expected


def test_without_assumptions_more_regimes_are_possible():
    # With b free, even holding against Absorb is possible (b <= 0).
    behaviors = {r.behavior for r in subgame_perfect_regimes(stay_or_withdraw_tree())}
    assert ("Hold", "Absorb") in behaviors


def test_symbolic_chance_probabilities():
    tree = ExtensiveFormGame(
        decision(
            "A",
            {
                "Gamble": chance({"Win": ("p", terminal(10, 0)), "Lose": ("1 - p", terminal(-10, 0))}),
                "Safe": terminal(0, 0),
            },
        ),
        players=("A", "B"),
    )
    regimes = subgame_perfect_regimes(tree, assume={"p": (0, 1)})
    by_behavior = {r.behavior: r for r in regimes}
    assert by_behavior[("Gamble",)].holds_at({"p": Fraction(3, 4)})
    assert not by_behavior[("Gamble",)].holds_at({"p": Fraction(1, 4)})
    assert by_behavior[("Safe",)].holds_at({"p": Fraction(1, 2)})
    assert by_behavior[("Gamble",)].holds_at({"p": Fraction(1, 2)})


def test_str_shows_behavior_and_conditions(regimes):
    text = str(next(r for r in regimes if r.behavior == ("Hold", "Retaliate")))
    assert text.startswith("Militia: Hold when ")
    assert text.endswith("payoffs 0, 0")


def test_holds_at_needs_every_parameter_in_the_conditions(regimes):
    with pytest.raises(ParameterError, match="no value"):
        regimes[0].holds_at({})


def test_imperfect_information_is_rejected():
    tree = ExtensiveFormGame(
        decision(
            "A",
            {
                "x": decision("B", {"u": terminal("a", 0), "v": terminal(0, 1)}, infoset="I"),
                "y": decision("B", {"u": terminal(1, 0), "v": terminal(0, 1)}, infoset="I"),
            },
        )
    )
    with pytest.raises(UnsupportedGameError, match="perfect information"):
        subgame_perfect_regimes(tree)


def test_not_a_tree_is_rejected():
    with pytest.raises(UnsupportedGameError):
        subgame_perfect_regimes("tree")  # type: ignore[arg-type]


def test_unknown_parameter_in_assumptions():
    with pytest.raises(ParameterError, match="unknown parameter"):
        subgame_perfect_regimes(stay_or_withdraw_tree(), assume={"zzz": (0, 1)})


def test_regime_check_reads_values_like_every_other_check() -> None:
    # A threshold at v = 1/10: the float 0.1 is read as 1/10, as in sweeps and thresholds.
    tree = ExtensiveFormGame(
        decision("A", {"x": terminal("v", 0), "y": terminal(Fraction(1, 10), 1)}), players=("A", "B")
    )
    both = [r.behavior for r in subgame_perfect_regimes(tree) if r.holds_at({"v": 0.1})]
    assert both == [("x",), ("y",)]
    regime = subgame_perfect_regimes(tree)[0]
    with pytest.raises(ParameterError, match="unknown parameter 'w'"):
        regime.holds_at({"v": 1, "w": 2})
    # Text is never evaluated: it is rejected as a value.
    with pytest.raises(ParameterError, match="must be a real number"):
        regime.holds_at({"v": "__import__('os').getcwd()"})


# ---------------------------------------------------------------------- bounded work


def test_time_limit_stops_exponentially_many_regimes_promptly() -> None:
    """Fourteen independent decisions after a chance move: 2**14 regimes to combine."""
    import time

    from gametheory.exceptions import ResourceLimitError

    k = 14
    branches = {
        f"c{i}": (Fraction(1, k), decision("A", {"L": terminal(f"x{i}", 0), "R": terminal(0, 0)})) for i in range(k)
    }
    tree = ExtensiveFormGame(chance(branches), players=("A", "B"))
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match=r"subgame_perfect_regimes exceeded the time limit of 0\.3 s"):
        subgame_perfect_regimes(tree, time_limit=0.3)
    assert time.monotonic() - start < 2.3


def test_a_generous_time_limit_gives_the_same_regimes() -> None:
    tree = stay_or_withdraw_tree()
    assert [str(r) for r in subgame_perfect_regimes(tree, time_limit=600)] == [
        str(r) for r in subgame_perfect_regimes(tree)
    ]


def test_a_2000_level_parametric_centipede_is_solved_without_recursion() -> None:
    # B takes at the last move whatever the final payoff v is, so one regime holds everywhere.
    # (Linear, but each level costs sympy work: 2,000 levels keep the test quick; 5,000 take about 2 s.)
    tree = centipede(2000, last="v")
    (regime,) = subgame_perfect_regimes(tree)
    assert regime.conditions == sympy.true
    assert regime.payoffs == (2, 0)
    assert regime.path == (("A [1]", "Take"),)
    assert set(regime.behavior) == {"Take"}


# ---------------------------------------------------------------------- labels, ranges, ties


def test_path_label_names_only_reached_moves_in_path_order(regimes):
    by_behavior = {r.behavior: r for r in regimes}
    held = by_behavior[("Hold", "Retaliate")]
    assert held.path_label == "Militia: Hold"
    assert held.label == "Militia: Hold"
    assert held.profile_label == "Militia: Hold; US: Retaliate"
    attacked = by_behavior[("Attack", "Absorb")]
    assert attacked.path_label == "Militia: Attack; US: Absorb"


def test_regimes_differing_off_the_path_share_a_path_label():
    # Without assumptions, holding is possible against every US answer: one outcome, several profiles.
    held = [r for r in subgame_perfect_regimes(stay_or_withdraw_tree()) if r.behavior[0] == "Hold"]
    assert len(held) > 1
    assert {r.path_label for r in held} == {"Militia: Hold"}
    assert len({r.profile_label for r in held}) == len(held)


def test_regimes_sharing_a_path_are_told_apart_by_their_off_path_moves():
    regimes = subgame_perfect_regimes(stay_or_withdraw_tree())
    labels = [r.label for r in regimes]
    assert len(set(labels)) == len(labels)
    for regime in regimes:
        assert regime.label.startswith(regime.path_label)
        if regime.label != regime.path_label:
            # The suffix names the regime's own off-path move, and no move on the path.
            assert regime.label.endswith(f"[off path: US: {regime.behavior[1]}]")
            assert regime.behavior[0] == "Hold"


def test_merge_by_outcome_gives_one_regime_per_path_holding_where_a_member_holds():
    tree = stay_or_withdraw_tree()
    regimes = subgame_perfect_regimes(tree)
    outcomes = subgame_perfect_regimes(tree, merge="outcome")
    assert len(outcomes) == len({r.path for r in regimes}) < len(regimes)
    assert [r.label for r in outcomes] == list(dict.fromkeys(r.path_label for r in regimes))
    held = next(r for r in outcomes if r.path == (("Militia", "Hold"),))
    assert {m.behavior for m in held.members} == {r.behavior for r in regimes if r.behavior[0] == "Hold"}
    assert held.profile_label == " or ".join(m.profile_label for m in held.members)
    points = [dict(zip(NAMES, values, strict=True)) for values in ([1] * 8, [-1, 2, 0, -3, 1, 1, 2, -1])]
    for point in points:
        for outcome in outcomes:
            members = outcome.members or (outcome,)
            assert outcome.holds_at(point) == any(m.holds_at(point) for m in members)


def test_unknown_merge_is_rejected():
    with pytest.raises(InvalidArgumentError, match="merge"):
        subgame_perfect_regimes(stay_or_withdraw_tree(), merge="path")


def test_positive_is_strict_and_gives_fewer_regimes_than_a_closed_interval():
    tree = stay_or_withdraw_tree()
    closed = subgame_perfect_regimes(tree, assume=dict.fromkeys(tree.parameters, (0, None)))
    positive = subgame_perfect_regimes(tree, assume=dict.fromkeys(tree.parameters, "positive"))
    open_range = sympy.Interval.open(0, sympy.oo)
    open_interval = subgame_perfect_regimes(tree, assume=dict.fromkeys(tree.parameters, open_range))
    assert len(positive) < len(closed)
    assert [str(r) for r in positive] == [str(r) for r in open_interval]
    # The regimes lost need some parameter to be 0.
    lost = {r.behavior for r in closed} - {r.behavior for r in positive}
    assert lost
    assert all(not r.holds_at(dict.fromkeys(NAMES, 1)) for r in closed if r.behavior in lost)


def test_boundary_regime_disappears_under_positive():
    tree = ExtensiveFormGame(decision("A", {"x": terminal("R", 0), "y": terminal(0, 1)}), players=("A", "B"))
    assert [r.label for r in subgame_perfect_regimes(tree, assume={"R": (0, None)})] == ["A: x", "A: y"]
    assert [r.label for r in subgame_perfect_regimes(tree, assume={"R": "positive"})] == ["A: x"]


def test_bad_range_is_rejected():
    with pytest.raises(ParameterError, match="unknown range"):
        subgame_perfect_regimes(stay_or_withdraw_tree(), assume={"R": "strictly positive"})


def test_keep_full_dimensional_drops_ties_only():
    tree = stay_or_withdraw_tree()
    nonnegative = dict.fromkeys(tree.parameters, (0, None))
    every = subgame_perfect_regimes(tree, assume=nonnegative)
    full = subgame_perfect_regimes(tree, assume=nonnegative, keep="full-dimensional")
    assert [(r.behavior, r.conditions) for r in full] == [(r.behavior, r.conditions) for r in full_dimensional(every)]
    kept = {r.behavior for r in full}
    dropped = [r for r in every if r.behavior not in kept]
    # Holding against Absorb needs b = 0; holding against Withdraw needs V + b <= 0, so V = b = 0.
    assert sorted(r.behavior for r in dropped) == [("Hold", "Absorb"), ("Hold", "Withdraw")]
    for r in dropped:
        assert not r.holds_at(dict.fromkeys(NAMES, 1))
    # Without assumptions those regions have volume (b < 0), and nothing is dropped.
    assert len(subgame_perfect_regimes(tree, keep="full-dimensional")) == len(subgame_perfect_regimes(tree))


def test_full_dimensional_keeps_regions_with_volume():
    tree = ExtensiveFormGame(decision("A", {"x": terminal("v**2", 0), "y": terminal(0, 1)}), players=("A", "B"))
    regimes = subgame_perfect_regimes(tree)
    assert [r.label for r in regimes] == ["A: x", "A: y"]
    assert [r.label for r in full_dimensional(regimes)] == ["A: x"]
    # An equality the assumptions imply is not a tie: the region is everything assumed.
    w = subgame_perfect_regimes(tree, assume={"v": (0, 0)})
    assert [r.label for r in full_dimensional(w)] == ["A: x", "A: y"]


def test_full_dimensional_applies_to_branches():
    from gametheory.games.normal_form import NormalFormGame
    from gametheory.parametric.equilibria import parametric_equilibria

    a = sympy.Symbol("a", real=True)
    # Player 1 is indifferent only at a = 0, where they may mix.
    game = NormalFormGame([[[a, 1], [a, 0]], [[0, 0], [0, 1]]])
    branches = parametric_equilibria(game)
    assert sum(b.conditions == sympy.Eq(a, 0) for b in branches) == 2
    assert [b.conditions for b in full_dimensional(branches)] == [a >= 0, a <= 0]


def test_unknown_keep_is_rejected():
    with pytest.raises(InvalidArgumentError, match="keep must be one of"):
        subgame_perfect_regimes(stay_or_withdraw_tree(), keep="generic")


def test_notebook_display_of_a_regime():
    import xml.etree.ElementTree as ET

    hostile = "<script>alert(1)</script>"
    tree = ExtensiveFormGame(
        decision(
            hostile,
            {"In&Out": decision("B", {"$\\": terminal("-f", "-c"), "Share": terminal(1, 1)}), "Out": terminal(0, 2)},
        )
    )
    regime = subgame_perfect_regimes(tree)[0]
    root = ET.fromstring(f"<root>{regime._repr_html_()}</root>")
    assert root.find(".//script") is None
    text = "".join(root.itertext())
    for piece in (hostile, "In&Out", "B: $\\", "-f", "-c", " and "):
        assert piece in text
    latex = regime._repr_latex_()
    assert r"\mathrm{In\&Out}" in latex
    assert r"\mathrm{\$\backslash{}}" in latex
    assert "<script" not in latex
    assert sympy.latex(regime.conditions) in latex
