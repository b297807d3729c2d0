"""Tests for the reduced normal form of game trees."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.reduction import NO_MOVE, reduced_form, reduced_strategies, to_normal_form
from gametheory.games.tree_nodes import (
    ChanceNode,
    DecisionNode,
    Node,
    Outcome,
    TerminalNode,
    chance,
    decision,
    terminal,
)


def test_stay_or_withdraw_reduced_form_is_symbolic_and_labelled():
    us = decision(
        "US",
        {
            "Retaliate": terminal("-d - c", "b - k + l"),
            "Absorb": terminal("-d - R", "b"),
            "Withdraw": terminal("-L", "b + V"),
        },
    )
    tree = ExtensiveFormGame(decision("Militia", {"Attack": us, "Hold": terminal(0, 0)}), players=("US", "Militia"))
    game = to_normal_form(tree)
    assert game.players == ("US", "Militia")
    assert game.strategies == (("Retaliate", "Absorb", "Withdraw"), ("Attack", "Hold"))
    d, c, b, k, l = sympy.symbols("d c b k l", real=True)  # noqa: E741
    assert game.payoffs[0, 0, 0] == -d - c
    assert game.payoffs[0, 0, 1] == b - k + l
    assert game.payoffs[2, 1, 0] == 0


def test_reduction_merges_strategies_that_differ_only_off_path():
    # A moves, B moves, A moves again only after (In, Fight): A has 3 reduced strategies, not 4.
    tree = ExtensiveFormGame(
        decision(
            "A",
            {
                "Out": terminal(1, 1),
                "In": decision(
                    "B",
                    {"Fight": decision("A", {"Up": terminal(0, 0), "Down": terminal(-1, 2)}), "Share": terminal(2, 1)},
                ),
            },
        )
    )
    game = to_normal_form(tree)
    assert game.strategies == (("Out", "In/Up", "In/Down"), ("Fight", "Share"))
    expected = [[(1, 1), (1, 1)], [(0, 0), (2, 1)], [(-1, 2), (2, 1)]]
    assert game.payoffs.tolist() == [[[Fraction(x) for x in cell] for cell in row] for row in expected]


def test_chance_is_averaged_exactly():
    tree = ExtensiveFormGame(
        chance(
            {
                "Ordered": ("1/3", decision("US", {"Strike": terminal(3, -3), "Wait": terminal(-1, 1)}, infoset="I")),
                "Rogue": ("2/3", decision("US", {"Strike": terminal(-3, 0), "Wait": terminal(0, 0)}, infoset="I")),
            }
        ),
        players=("US", "Iran"),
    )
    game = to_normal_form(tree)
    assert game.is_exact
    assert game.strategies == (("Strike", "Wait"), (NO_MOVE,))
    assert game.payoffs[:, 0, 0].tolist() == [Fraction(-1), Fraction(-1, 3)]
    assert game.payoffs[:, 0, 1].tolist() == [Fraction(-1), Fraction(1, 3)]


def test_float_trees_give_float_games():
    tree = ExtensiveFormGame(
        chance({"a": (0.25, decision("A", {"x": terminal(1.0, 0.0)})), "b": (0.75, terminal(2.0, 4.0))}),
        players=("A", "B"),
    )
    game = to_normal_form(tree)
    assert game.payoffs.dtype == np.float64
    assert game.payoffs[0, 0].tolist() == [1.75, 3.0]


def test_internal_outcomes_are_counted_once_on_each_path():
    tree = ExtensiveFormGame(
        decision(
            "A", {"x": terminal(1, 0), "y": decision("B", {"u": terminal(0, 5)}, payoffs=(2, 2))}, payoffs=(10, 10)
        )
    )
    game = to_normal_form(tree)
    assert game.payoffs[:, 0].tolist() == [[Fraction(11), Fraction(10)], [Fraction(12), Fraction(17)]]


def test_symbolic_probabilities_are_kept():
    tree = ExtensiveFormGame(
        decision(
            "A", {"x": chance({"h": ("p", terminal("v", 0)), "t": ("1 - p", terminal(0, 1))}), "y": terminal(1, 1)}
        ),
        players=("A", "B"),
    )
    game = to_normal_form(tree)
    p, v = sympy.symbols("p v", real=True)
    assert sympy.simplify(game.payoffs[0, 0, 0] - p * v) == 0
    assert sympy.simplify(game.payoffs[0, 0, 1] - (1 - p)) == 0


def test_absent_minded_driver_has_two_reduced_strategies():
    second = decision("Driver", {"Exit": terminal(4), "Continue": terminal(1)}, infoset="J")
    tree = ExtensiveFormGame(decision("Driver", {"Exit": terminal(0), "Continue": second}, infoset="J"))
    assert reduced_strategies(tree) == ((((0, 0),), ((0, 1),)),)


def test_one_player_tree_has_no_normal_form():
    with pytest.raises(UnsupportedGameError, match="solve_decision_tree"):
        to_normal_form(ExtensiveFormGame(decision("A", {"x": terminal(1)})))


def test_not_a_tree():
    with pytest.raises(UnsupportedGameError, match="ExtensiveFormGame"):
        to_normal_form("tree")  # type: ignore[arg-type]


def test_colliding_labels_fall_back_to_slots():
    # Two of A's sets both offer "a" and "b"; "a/b" would name different plans, so labels use slots.
    inner = decision("A", {"a": terminal(1, 0), "b": terminal(0, 1)})
    tree = ExtensiveFormGame(decision("A", {"a": decision("B", {"c": inner}), "a/b": terminal(0, 0)}))
    labels = to_normal_form(tree).strategies[0]
    assert len(set(labels)) == len(labels) == 3


# ---------------------------------------------------------------- property: reduced form = direct play
def _play(node: Node, choices: dict[int, dict[Any, int]], counter: list[int], players: tuple[str, ...]) -> list[Any]:
    """Expected payoff of pure choices (keyed per player by infoset key) by walking the raw tree."""
    own = list(node.outcome.payoffs) if node.outcome else [0] * len(players)
    if isinstance(node, TerminalNode):
        return [Fraction(x) for x in own]
    if isinstance(node, ChanceNode):
        parts = [_play(c, choices, counter, players) for c in node.children]
        return [
            Fraction(o) + sum(Fraction(p) * part[i] for p, part in zip(node.probabilities, parts, strict=True))
            for i, o in enumerate(own)
        ]
    player = players.index(node.player)
    action = choices[player][node.infoset]
    rest = _play(node.children[action], choices, counter, players)
    return [Fraction(o) + r for o, r in zip(own, rest, strict=True)]


@st.composite
def keyed_trees(draw: st.DrawFn, depth: int = 3) -> Node:
    """Perfect-information trees whose decision nodes carry unique integer keys."""
    counter = draw(st.just([0]))

    def build(level: int) -> Node:
        options = ["terminal", "decision", "decision", "chance"] if level > 0 else ["terminal"]
        kind = draw(st.sampled_from(options[1:] if level == depth else options))  # the root always moves
        if kind == "terminal":
            return terminal(draw(st.integers(-3, 3)), draw(st.integers(-3, 3)))
        n = draw(st.integers(1, 3))
        children = [build(level - 1) for _ in range(n)]
        if kind == "chance":
            return ChanceNode(tuple(f"c{i}" for i in range(n)), (Fraction(1, n),) * n, tuple(children))
        counter[0] += 1
        player = draw(st.sampled_from(["A", "B"]))
        return DecisionNode(player, tuple(f"a{i}" for i in range(n)), tuple(children), infoset=counter[0])

    return build(depth)


@settings(max_examples=40)
@given(keyed_trees())
def test_reduced_payoffs_match_direct_play(root: Node):
    tree = ExtensiveFormGame(root, players=("A", "B"))
    reduced = reduced_form(tree)
    game = reduced.game
    keys = [s.key for s in tree.information_sets]
    for profile in itertools.product(*(range(n) for n in game.shape)):
        choices: dict[int, dict[Any, int]] = {0: {}, 1: {}}
        for player, s in enumerate(profile):
            for infoset, action in reduced.assignments[player][s]:
                choices[player][keys[infoset]] = action
        assert game.payoffs[profile].tolist() == _play(tree.root, choices, [0], tree.players)


@settings(max_examples=40)
@given(keyed_trees())
def test_reduced_strategy_count_is_number_of_plans(root: Node):
    tree = ExtensiveFormGame(root, players=("A", "B"))
    counts = tuple(len(s) for s in reduced_strategies(tree))

    def plans(node: Node, player: str) -> int:
        # Perfect information: a plan at a node is a choice of action then plans below it (own node),
        # or one plan per child combined (other's or chance node).
        if isinstance(node, TerminalNode):
            return 1
        below = [plans(c, player) for c in node.children]
        if isinstance(node, DecisionNode) and node.player == player:
            return sum(below)
        return int(np.prod(below))

    assert counts == (plans(tree.root, "A"), plans(tree.root, "B"))


# ---------------------------------------------------------------- pygambit's catalog
def _fraction(value: Any) -> Fraction:
    return Fraction(value) if isinstance(value, Decimal) else Fraction(str(value))


def _from_gambit(game: Any) -> ExtensiveFormGame:
    players = [p.label for p in game.players]

    def convert(node: Any) -> Node:
        outcome = None
        if node.outcome:
            payoffs = tuple(_fraction(node.outcome[p]) for p in game.players)
            outcome = Outcome(payoffs, label=node.outcome.label)
        if node.is_terminal:
            return TerminalNode(outcome)
        children = tuple(convert(c) for c in node.children)
        actions = tuple(a.label or str(i + 1) for i, a in enumerate(node.infoset.actions))
        if node.player.is_chance:
            probs = tuple(_fraction(a.prob) for a in node.infoset.actions)
            return ChanceNode(actions, probs, children, outcome=outcome)
        return DecisionNode(node.player.label, actions, children, infoset=node.infoset.number, outcome=outcome)

    return ExtensiveFormGame(convert(game.root), players=players)


def _catalog_trees() -> list[str]:
    catalog = pytest.importorskip("pygambit.catalog")
    return list(catalog.games(is_tree=True, is_perfect_recall=True).Game)


def test_reduced_form_matches_pygambit_strategy_counts_on_catalog():
    catalog = pytest.importorskip("pygambit.catalog")
    slugs = _catalog_trees()
    assert slugs
    for slug in slugs:
        reference = catalog.load(slug)
        if len(reference.players) < 2:
            continue
        tree = _from_gambit(reference)
        ours = to_normal_form(tree)
        assert ours.shape == tuple(len(p.strategies) for p in reference.players), slug


def test_reduced_form_matches_pygambit_payoffs_on_catalog():
    catalog = pytest.importorskip("pygambit.catalog")
    for slug in _catalog_trees():
        reference = catalog.load(slug)
        if len(reference.players) != 2:
            continue
        ours = to_normal_form(_from_gambit(reference))
        # Compare the multiset of payoff cells: strategy order may differ from Gambit's.
        first, second = list(reference.players)
        theirs = sorted(
            tuple(_fraction(reference[(s, t)][p]) for p in (first, second))
            for s in first.strategies
            for t in second.strategies
        )
        assert sorted(tuple(cell) for cell in ours.payoffs.reshape(-1, 2).tolist()) == theirs, slug
