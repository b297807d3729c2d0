"""Tests for subgame-perfect equilibria and decision trees."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.reduction import reduced_form
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, Node, TerminalNode, chance, decision, terminal
from gametheory.solvers.subgame_perfect import solve_decision_tree, subgame_perfect_equilibria
from gametheory.solvers.verify import is_nash
from tests.support import centipede, imperfect_recall_tree


def stay_or_withdraw(d: Any, c: Any, R: Any, L: Any, b: Any, k: Any, l: Any, V: Any) -> ExtensiveFormGame:  # noqa: E741
    us = decision(
        "US", {"Retaliate": terminal(-d - c, b - k + l), "Absorb": terminal(-d - R, b), "Withdraw": terminal(-L, b + V)}
    )
    return ExtensiveFormGame(decision("Militia", {"Attack": us, "Hold": terminal(0, 0)}), players=("US", "Militia"))


def _summary(tree: ExtensiveFormGame) -> set[tuple[str | None, str | None, tuple[Any, ...]]]:
    return {
        (eq.action("Militia"), eq.action("US"), tuple(eq.payoffs.tolist())) for eq in subgame_perfect_equilibria(tree)
    }


BASE = {"d": 1, "c": 2, "R": 3, "L": 5, "b": 1, "k": 3, "l": 1, "V": 2}


# ---------------------------------------------------------------- the stay-or-withdraw game, by hand
def test_deterrence_when_retaliation_is_cheap_and_hurts():
    # US after attack: Retaliate -3 > Absorb -4 > Withdraw -5; militia then gets b-k+l = -1 < 0: hold.
    assert _summary(stay_or_withdraw(**BASE)) == {("Hold", "Retaliate", (0, 0))}


def test_retaliation_trap_when_being_struck_pays():
    # Same US choice, but b-k+l = 2 > 0: the militia attacks and is struck.
    assert _summary(stay_or_withdraw(**BASE | {"l": 4})) == {("Attack", "Retaliate", (-3, 2))}


def test_absorb_when_reputation_cost_is_low():
    # R = 1: Absorb -2 beats Retaliate -3 and Withdraw -5; the militia gets b = 1 > 0.
    assert _summary(stay_or_withdraw(**BASE | {"R": 1})) == {("Attack", "Absorb", (-2, 1))}


def test_withdraw_when_leaving_is_cheap():
    # L = 1: Withdraw -1 is best; the militia gets b + V = 3.
    assert _summary(stay_or_withdraw(**BASE | {"L": 1})) == {("Attack", "Withdraw", (-1, 3))}


def test_us_tie_gives_two_equilibria():
    # c = R = 2: Retaliate and Absorb both give -3. Retaliate deters (militia -1), Absorb invites (+1).
    assert _summary(stay_or_withdraw(**BASE | {"c": 2, "R": 2})) == {
        ("Hold", "Retaliate", (0, 0)),
        ("Attack", "Absorb", (-3, 1)),
    }


def test_militia_tie_gives_two_equilibria():
    # l = 2: b-k+l = 0, the militia is indifferent.
    assert _summary(stay_or_withdraw(**BASE | {"l": 2})) == {
        ("Attack", "Retaliate", (-3, 0)),
        ("Hold", "Retaliate", (0, 0)),
    }


def test_float_parameters_use_a_tolerance():
    tree = stay_or_withdraw(**{k: float(v) for k, v in BASE.items()} | {"c": 0.1 + 0.2, "R": 0.3})
    (first, second) = subgame_perfect_equilibria(tree)
    assert first.tolerance is not None
    assert first.tolerance > 0
    assert {first.action("US"), second.action("US")} == {"Retaliate", "Absorb"}


# ---------------------------------------------------------------- subgames with imperfect information
def test_simultaneous_subgame_is_solved_by_nash_and_combined():
    # A first chooses Out (2, 2) or In; In leads to matching pennies worth (0, 0): Out.
    pennies = decision(
        "A",
        {
            "H": decision("B", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="B guesses"),
            "T": decision("B", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="B guesses"),
        },
    )
    tree = ExtensiveFormGame(decision("A", {"Out": terminal(Fraction(1, 2), 2), "In": pennies}))
    (eq,) = subgame_perfect_equilibria(tree)
    half = [Fraction(1, 2), Fraction(1, 2)]
    assert eq.behavior[0].tolist() == [1, 0]
    assert eq.behavior[1].tolist() == half
    assert eq.behavior[2].tolist() == half
    assert eq.payoffs.tolist() == [Fraction(1, 2), 2]


def test_each_equilibrium_of_a_subgame_is_combined():
    # Coordination subgame with three equilibria; the root player takes the subgame value or 1.
    coordination = decision(
        "A",
        {
            "x": decision("B", {"x": terminal(3, 3), "y": terminal(0, 0)}, infoset="B"),
            "y": decision("B", {"x": terminal(0, 0), "y": terminal(2, 2)}, infoset="B"),
        },
    )
    tree = ExtensiveFormGame(decision("A", {"Play": coordination, "Quit": terminal(1, 1)}))
    values = sorted(tuple(eq.payoffs.tolist()) for eq in subgame_perfect_equilibria(tree))
    # Mixed coordination gives 6/5 each, so A plays in all three.
    assert values == [(Fraction(6, 5), Fraction(6, 5)), (2, 2), (3, 3)]


def test_plausible_deniability_has_no_proper_subgame():
    tree = _deniability()
    equilibria = subgame_perfect_equilibria(tree)
    assert len(equilibria) == 1
    assert equilibria[0].probabilities("Iran") == {"Order": Fraction(1, 4), "No order": Fraction(3, 4)}


def _deniability() -> ExtensiveFormGame:
    def us(r: tuple[int, int], n: tuple[int, int]) -> DecisionNode:
        return decision("US", {"Retaliate": terminal(*r), "Not": terminal(*n)}, infoset="attack")

    nature = chance({"Autonomous": ("1/2", us((-3, 1 - 4), (-1, 1))), "None": ("1/2", terminal(0, 0))})
    return ExtensiveFormGame(
        decision("Iran", {"Order": us((2, 2 - 4), (-1, 2)), "No order": nature}), players=("US", "Iran")
    )


# ---------------------------------------------------------------- random perfect-information trees
@st.composite
def trees(draw: st.DrawFn, players: tuple[str, ...] = ("A", "B")) -> ExtensiveFormGame:
    def build(level: int) -> Node:
        # The root always moves, so no example is a bare terminal node.
        options = ["terminal", "decision", "decision", "chance"] if level > 0 else ["terminal"]
        if level == 3:
            options = ["decision", "decision", "chance"]
        kind = draw(st.sampled_from(options))
        if kind == "terminal":
            return terminal(*(draw(st.integers(-2, 2)) for _ in players))
        n = draw(st.integers(1, 3))
        children = tuple(build(level - 1) for _ in range(n))
        if kind == "chance":
            return ChanceNode(tuple(f"c{i}" for i in range(n)), (Fraction(1, n),) * n, children)
        return DecisionNode(draw(st.sampled_from(players)), tuple(f"a{i}" for i in range(n)), children)

    return ExtensiveFormGame(build(3), players=players)


def _backward_induction(node: Node, players: tuple[str, ...]) -> list[tuple[Fraction, ...]]:
    """Every SPE payoff vector, by a plain recursion on the raw nodes (all tie-breaks)."""
    if isinstance(node, TerminalNode):
        return [tuple(Fraction(x) for x in node.outcome.payoffs)]  # type: ignore[union-attr]
    results = []
    for combo in itertools.product(*(_backward_induction(c, players) for c in node.children)):
        if isinstance(node, ChanceNode):
            results.append(
                tuple(
                    sum(Fraction(p) * v[i] for p, v in zip(node.probabilities, combo, strict=True))
                    for i in range(len(players))
                )
            )
        else:
            i = players.index(node.player)
            best = max(v[i] for v in combo)
            results.extend(v for v in combo if v[i] == best)
    return results


def _pure_profile(tree: ExtensiveFormGame, behavior: tuple[Any, ...]) -> list[int]:
    """The reduced pure strategy of each player that the pure behaviour profile follows."""
    reduced = reduced_form(tree)
    profile = []
    for _player, strategies in enumerate(reduced.assignments):
        matches = [k for k, s in enumerate(strategies) if all(behavior[i][a] == 1 for i, a in s)]
        assert len(matches) == 1
        profile.append(matches[0])
    return profile


@settings(max_examples=60)
@given(trees())
def test_every_spe_is_a_nash_equilibrium_of_the_reduced_form(tree: ExtensiveFormGame):
    game = reduced_form(tree).game
    for eq in subgame_perfect_equilibria(tree):
        assert eq.is_pure
        assert eq.is_exact
        profile = _pure_profile(tree, eq.behavior)
        pure = [np.eye(n, dtype=int)[s].tolist() for n, s in zip(game.shape, profile, strict=True)]
        assert is_nash(game, pure)
        assert game.expected_payoffs(pure).tolist() == eq.payoffs.tolist()


@settings(max_examples=60)
@given(trees(players=("A", "B", "C")))
def test_spe_values_match_plain_backward_induction(tree: ExtensiveFormGame):
    ours = sorted(tuple(eq.payoffs.tolist()) for eq in subgame_perfect_equilibria(tree))
    assert ours == sorted(_backward_induction(tree.root, tree.players))


@settings(max_examples=30)
@given(trees(), st.integers(1, 5), st.integers(-3, 3))
def test_positive_affine_transform_keeps_the_spe(tree: ExtensiveFormGame, scale: int, shift: int):
    from gametheory.games._tree_build import map_numbers

    transformed = ExtensiveFormGame(
        map_numbers(tree.root, lambda p: p, lambda x: scale * x + shift), players=tree.players
    )
    before = [eq.key() for eq in subgame_perfect_equilibria(tree)]
    after = [eq.key() for eq in subgame_perfect_equilibria(transformed)]
    assert before == after


# ---------------------------------------------------------------- decision trees
def test_decision_tree_optimal_policy_and_value():
    # Drill: cost 1, oil with probability 3/10 worth 10; or sell the rights for 2.
    # Test first (cost 1/2): positive (p 1/2, oil chance 1/2), negative (oil chance 1/10).
    def drill(p: Fraction, cost: Fraction) -> Node:
        return chance({"Oil": (p, terminal(10 - 1 - cost)), "Dry": (1 - p, terminal(-1 - cost))})

    half, tenth = Fraction(1, 2), Fraction(1, 10)
    test = chance(
        {
            "Positive": (half, decision("Firm", {"Drill": drill(half, half), "Sell": terminal(2 - half)})),
            "Negative": (half, decision("Firm", {"Drill": drill(tenth, half), "Sell": terminal(2 - half)})),
        }
    )
    tree = ExtensiveFormGame(
        decision("Firm", {"Drill": drill(Fraction(3, 10), Fraction(0)), "Sell": terminal(2), "Test": test})
    )
    solution = solve_decision_tree(tree)
    # Drill now: 3 - 1 = 2; sell: 2; test: 1/2 (4.5 - 0.5... ) worked out below.
    positive = max(half * 10 - 1 - half, 2 - half)  # 7/2
    negative = max(tenth * 10 - 1 - half, 2 - half)  # 3/2
    test_value = half * positive + half * negative  # 5/2
    assert solution.expected_value == test_value
    assert solution.policy["Firm [1]"] == "Test"
    assert solution.optimal_actions()["Firm [3]"] == ("Sell",)


def test_decision_tree_ties_give_several_policies():
    tree = ExtensiveFormGame(decision("DM", {"a": terminal(1), "b": terminal(1), "c": terminal(0)}))
    solution = solve_decision_tree(tree)
    assert [p["DM"] for p in solution.policies] == ["a", "b"]


def test_decision_tree_with_unobserved_chance():
    # The decision maker cannot see the coin: the best pure plan is found by enumeration.
    guess = {"h": terminal(1), "t": terminal(0)}
    other = {"h": terminal(0), "t": terminal(3)}
    tree = ExtensiveFormGame(
        chance({"H": ("2/3", decision("DM", guess, infoset="I")), "T": ("1/3", decision("DM", other, infoset="I"))})
    )
    solution = solve_decision_tree(tree)
    assert solution.expected_value == 1
    assert solution.policy == {"DM": "t"}


def test_decision_tree_needs_one_player():
    with pytest.raises(UnsupportedGameError, match="one player"):
        solve_decision_tree(stay_or_withdraw(**BASE))


def test_decision_tree_needs_perfect_recall():
    second = decision("Driver", {"Exit": terminal(4), "Continue": terminal(1)}, infoset="J")
    tree = ExtensiveFormGame(decision("Driver", {"Exit": terminal(0), "Continue": second}, infoset="J"))
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        solve_decision_tree(tree)


# ---------------------------------------------------------------- bad input
def test_parametric_tree_is_rejected():
    tree = ExtensiveFormGame(decision("A", {"x": terminal("v", 0)}), players=("A", "B"))
    with pytest.raises(ParameterError, match="subgame_perfect_regimes"):
        subgame_perfect_equilibria(tree)


def test_not_a_tree_is_rejected():
    with pytest.raises(UnsupportedGameError):
        subgame_perfect_equilibria("tree")  # type: ignore[arg-type]


def test_imperfect_recall_is_rejected():
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        subgame_perfect_equilibria(imperfect_recall_tree())


def _reversed(node: Node) -> Node:
    if isinstance(node, TerminalNode):
        return node
    children = tuple(_reversed(c) for c in reversed(node.children))
    if isinstance(node, ChanceNode):
        return ChanceNode(node.actions[::-1], node.probabilities[::-1], children)
    return DecisionNode(node.player, node.actions[::-1], children, infoset=node.infoset)


@settings(max_examples=30)
@given(trees())
def test_reordering_actions_keeps_the_spe(tree: ExtensiveFormGame):
    def described(game: ExtensiveFormGame) -> list[tuple[Any, ...]]:
        out = []
        for eq in subgame_perfect_equilibria(game):
            # Name each set by the path of action labels leading to its node (positions differ after reordering).
            moves = []
            for position in game.positions:
                if position.infoset is not None:
                    path, current = [], position
                    while current.parent is not None:
                        path.append(game.positions[current.parent].node.actions[current.action])
                        current = game.positions[current.parent]
                    moves.append((tuple(reversed(path)), eq.action(position.infoset)))
            out.append((tuple(sorted(moves)), tuple(eq.payoffs.tolist())))
        return sorted(out)

    assert described(tree) == described(ExtensiveFormGame(_reversed(tree.root), players=tree.players))


def test_exact_payoffs_beyond_the_float_range_are_solved_exactly() -> None:
    huge = 10**400
    tree = ExtensiveFormGame(
        decision("P1", {"L": terminal(huge, 0), "R": decision("P2", {"l": terminal(1, 2), "r": terminal(0, 1)})})
    )
    (equilibrium,) = subgame_perfect_equilibria(tree)
    assert tuple(equilibrium.payoffs) == (huge, 0)


# ---------------------------------------------------------------- per-player scale (issue 9)
def _scale_player(tree: ExtensiveFormGame, player: int, factor: float) -> ExtensiveFormGame:
    """The tree as floats, with one player's payoffs multiplied by ``factor``."""
    from gametheory.games._tree_build import rebuild
    from gametheory.games.tree_nodes import Outcome

    def own(node: Node) -> tuple[Outcome | None, tuple[float, ...]]:
        outcome = node.outcome
        if outcome is not None:
            values = tuple(float(v) * (factor if i == player else 1.0) for i, v in enumerate(outcome.payoffs))
            outcome = Outcome(values, label=outcome.label)
        return outcome, tuple(float(p) for p in node.probabilities) if isinstance(node, ChanceNode) else ()

    return ExtensiveFormGame(rebuild(tree.root, own), players=tree.players)


def test_small_players_choice_is_decided_on_its_own_scale() -> None:
    # B prefers r by 1e-3; A's payoffs are about 1e12, so the old single tolerance (about 2000) tied B's
    # payoffs and returned a second, non-perfect equilibrium in which B plays l and A plays x.
    tree = ExtensiveFormGame(
        decision(
            "A", {"x": decision("B", {"l": terminal(1e12, 0.0), "r": terminal(0.0, 1e-3)}), "y": terminal(5e11, 0.0)}
        )
    )
    (eq,) = subgame_perfect_equilibria(tree)
    assert (eq.action("A"), eq.action("B")) == ("y", "r")
    assert eq.payoffs.tolist() == [5e11, 0.0]


def test_tiny_payoffs_of_a_decision_tree_are_not_ties() -> None:
    # Payoffs around 1e-12: the old tolerance had a floor of 1e-9 and kept both actions.
    tree = ExtensiveFormGame(decision("DM", {"a": terminal(2e-12), "b": terminal(1e-12)}))
    solution = solve_decision_tree(tree)
    assert solution.policies == ({"DM": "a"},)
    assert solution.expected_value == 2e-12


@settings(max_examples=50, deadline=None)
@given(trees(players=("A", "B", "C")), st.integers(0, 2), st.sampled_from([2.0**20, 2.0**-20, 2.0**-900, 1e6]))
def test_scaling_one_player_never_changes_the_spe(tree: ExtensiveFormGame, player: int, factor: float):
    before = [eq.key() for eq in subgame_perfect_equilibria(_scale_player(tree, player, 1.0))]
    after = [eq.key() for eq in subgame_perfect_equilibria(_scale_player(tree, player, factor))]
    assert after == before
    # Integer payoffs with chance probabilities 1/n: the float tree has the exact tree's equilibria.
    exact = [eq.key() for eq in subgame_perfect_equilibria(tree)]
    assert [_as_floats(k) for k in before] == [_as_floats(k) for k in exact]


def _as_floats(key: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(None if v is None else tuple(float(p) for p in v) for v in key)


def test_backward_induction_solves_a_5000_level_centipede() -> None:
    tree = centipede(5000)
    (equilibrium,) = subgame_perfect_equilibria(tree)
    assert equilibrium.payoffs.tolist() == [2, 0]
    assert {equilibrium.action(s.index) for s in tree.information_sets} == {"Take"}
    assert len(tree.information_sets) == 5000


def test_a_deep_float_centipede_is_solved_too() -> None:
    node: Node = terminal(2000.0, 2000.0)
    for k in reversed(range(2000)):
        take = terminal(k + 2.0, float(k)) if k % 2 == 0 else terminal(float(k), k + 2.0)
        node = decision("A" if k % 2 == 0 else "B", {"Take": take, "Pass": node})
    (equilibrium,) = subgame_perfect_equilibria(ExtensiveFormGame(node, players=("A", "B")))
    assert equilibrium.payoffs.tolist() == [2.0, 0.0]


def test_a_deep_region_of_imperfect_information_is_truncated_without_recursion() -> None:
    # C cannot tell A's L from R; after L, nature takes 2,000 sure steps first: one region 2,002 levels deep.
    def guess(left: tuple[int, int], right: tuple[int, int]) -> Node:
        return decision("C", {"l": terminal(*left), "r": terminal(*right)}, infoset="guess")

    node = guess((1, -1), (-1, 1))
    for _ in range(2000):
        node = chance({"on": (1, node)})
    tree = ExtensiveFormGame(decision("A", {"L": node, "R": guess((-1, 1), (1, -1))}), players=("A", "C"))
    (equilibrium,) = subgame_perfect_equilibria(tree)
    assert equilibrium.payoffs.tolist() == [0, 0]
    assert equilibrium.behavior[0].tolist() == [Fraction(1, 2), Fraction(1, 2)]
