"""Tests for tree equilibria in behaviour strategies, beliefs, and Bayesian equilibria."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidProfileError, ParameterError, UnsupportedGameError
from gametheory.games.bayesian import BayesianGame
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.reduction import reduced_form
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
from gametheory.solvers.bayesian import bayesian_equilibria
from gametheory.solvers.behavior import behavior_payoffs, beliefs, reach_probabilities, tree_equilibria
from gametheory.strategies import game_trees
from tests.support import imperfect_recall_tree


def plausible_deniability(**values: Any) -> ExtensiveFormGame:
    """Iran orders or not; unordered attacks happen with probability alpha; the US sees only 'an attack'."""
    v = {k: Fraction(x) for k, x in values.items()}

    def us(ret: tuple[Any, Any], no: tuple[Any, Any]) -> DecisionNode:
        return decision("US", {"Retaliate": terminal(*ret), "Not": terminal(*no)}, infoset="attack seen")

    ordered = us(
        (v["punish_gain"], v["order_benefit"] - v["retaliation_cost"]), (-v["reputation_cost"], v["order_benefit"])
    )
    autonomous = us(
        (-v["misattribution_cost"], v["autonomous_benefit"] - v["retaliation_cost"]),
        (-v["reputation_cost"], v["autonomous_benefit"]),
    )
    nature = chance({"Autonomous attack": (v["alpha"], autonomous), "No attack": (1 - v["alpha"], terminal(0, 0))})
    return ExtensiveFormGame(decision("Iran", {"Order": ordered, "No order": nature}), players=("US", "Iran"))


DENIABILITY = {
    "punish_gain": 2,
    "misattribution_cost": 3,
    "reputation_cost": 1,
    "order_benefit": 2,
    "autonomous_benefit": 1,
    "retaliation_cost": 4,
    "alpha": Fraction(1, 2),
}


def test_plausible_deniability_unique_mixed_equilibrium_by_hand():
    # p = P(Order), q = P(Retaliate), mu = P(ordered | attack) = p / (p + (1 - p) / 2).
    # US indifferent: 2 mu - 3 (1 - mu) = -1  =>  mu = 2/5  =>  p = 1/4.
    # Iran indifferent: 2 - 4q = (1/2)(1 - 4q)  =>  q = 3/4.
    # No pure equilibrium: p = 1 => mu = 1 => q = 1 => Iran prefers No order; p = 0 => q = 0 => Order.
    tree = plausible_deniability(**DENIABILITY)
    (eq,) = tree_equilibria(tree)
    assert eq.is_exact
    assert not eq.is_pure
    assert eq.probabilities("Iran") == {"Order": Fraction(1, 4), "No order": Fraction(3, 4)}
    assert eq.probabilities("US") == {"Retaliate": Fraction(3, 4), "Not": Fraction(1, 4)}
    # US: the attack is seen with probability 1/4 + 3/8 = 5/8 and is worth -1 there; Iran: -1 either way.
    assert eq.payoffs.tolist() == [Fraction(-5, 8), Fraction(-1)]
    us_beliefs = beliefs(eq)[1]
    assert us_beliefs is not None
    assert us_beliefs.tolist() == [Fraction(2, 5), Fraction(3, 5)]


def test_plausible_deniability_pure_when_retaliation_is_cheap_for_iran():
    # retaliation_cost 1: Order - No order = 3/2 - q/2 > 0, so Iran orders; then mu = 1 and the US retaliates.
    tree = plausible_deniability(**DENIABILITY | {"retaliation_cost": 1})
    (eq,) = tree_equilibria(tree)
    assert (eq.action("Iran"), eq.action("US")) == ("Order", "Retaliate")
    assert eq.payoffs.tolist() == [2, 1]
    assert beliefs(eq)[1].tolist() == [1, 0]  # type: ignore[union-attr]


def test_unreached_information_set_has_no_belief():
    # Iran never orders and autonomous attacks never happen: the US set is off the path.
    tree = plausible_deniability(**DENIABILITY | {"alpha": 0, "order_benefit": -1})
    for eq in tree_equilibria(tree):
        assert eq.action("Iran") == "No order"
        assert beliefs(eq)[1] is None


def test_float_tree_equilibria_carry_a_tolerance():
    tree = plausible_deniability(**DENIABILITY)
    floats = ExtensiveFormGame(_to_float(tree.root), players=tree.players)
    (eq,) = tree_equilibria(floats)
    assert eq.tolerance is not None
    assert eq.probabilities("Iran")["Order"] == pytest.approx(0.25)  # type: ignore[index]


def _to_float(node: Node) -> Node:
    from gametheory.games._tree_build import map_numbers

    return map_numbers(node, float)


def test_each_tree_equilibrium_is_a_nash_equilibrium_of_the_reduced_form():
    from gametheory.solvers.verify import is_nash

    tree = plausible_deniability(**DENIABILITY)
    reduced = reduced_form(tree)
    for eq in tree_equilibria(tree):
        # With one set each, behaviour and mixed strategies coincide.
        assert is_nash(reduced.game, [eq.behavior[0], eq.behavior[1]][::-1])
        assert behavior_payoffs(tree, eq.behavior).tolist() == eq.payoffs.tolist()


def test_own_unreachable_sets_are_unspecified():
    # A quits at once in every equilibrium; A's later set is never reached by A's own play.
    tree = ExtensiveFormGame(
        decision(
            "A",
            {
                "Quit": terminal(5, 0),
                "Go": decision(
                    "B", {"u": decision("A", {"x": terminal(1, 1), "y": terminal(0, 0)}), "v": terminal(0, 2)}
                ),
            },
        )
    )
    equilibria = tree_equilibria(tree)
    assert equilibria
    for eq in equilibria:
        assert eq.action("A [1]") == "Quit"
        assert eq.behavior[2] is None
        assert "(unreached)" in str(eq)


def test_reach_probabilities_raise_when_an_unspecified_set_is_reached():
    tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0)}), players=("A", "B"))
    with pytest.raises(InvalidProfileError, match="unspecified"):
        reach_probabilities(tree, [None])


def test_reach_probabilities_check_length():
    tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0)}), players=("A", "B"))
    with pytest.raises(InvalidProfileError, match="entries"):
        reach_probabilities(tree, [])


def test_unknown_information_set_name():
    (eq,) = tree_equilibria(plausible_deniability(**DENIABILITY))
    with pytest.raises(InvalidProfileError, match="no information set"):
        eq.probabilities("Hezbollah")


def test_tree_equilibria_reject_one_player():
    with pytest.raises(UnsupportedGameError, match="two or more players"):
        tree_equilibria(ExtensiveFormGame(decision("A", {"x": terminal(1)})))


def test_tree_equilibria_reject_imperfect_recall():
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        tree_equilibria(imperfect_recall_tree())


def test_tree_equilibria_reject_parameters():
    with pytest.raises(ParameterError):
        tree_equilibria(ExtensiveFormGame(decision("A", {"x": terminal("v", 0)}), players=("A", "B")))


# ---------------------------------------------------------------- Bayesian equilibria
def test_bayesian_equilibrium_with_beliefs_by_hand():
    # Iran is a Hawk or a Dove (1/2 each); the US does not know which when it chooses.
    # Hawk: Attack strictly dominant (2 > 0). If both types attack, the US gets Strike: -1/2, Hold: 0 -> Hold;
    # then a Dove attacking gets 1 > 0. Unique equilibrium; the US belief is the prior.
    game = BayesianGame(
        {("Hawk", "US"): [[[2, -2], [2, 1]], [[0, 0], [0, 0]]], ("Dove", "US"): [[[-1, 1], [1, -1]], [[0, 0], [0, 0]]]},
        {("Hawk", "US"): "1/2", ("Dove", "US"): "1/2"},
        players=("Iran", "US"),
        actions=(("Attack", "Wait"), ("Strike", "Hold")),
    )
    (eq,) = bayesian_equilibria(game)
    assert eq.profile[0]["Hawk"].tolist() == [1, 0]
    assert eq.profile[0]["Dove"].tolist() == [1, 0]
    assert eq.profile[1]["US"].tolist() == [0, 1]
    assert eq.payoffs.tolist() == [Fraction(3, 2), 0]
    assert eq.beliefs[1]["US"] == {"Hawk": Fraction(1, 2), "Dove": Fraction(1, 2)}
    assert eq.beliefs[0]["Hawk"] == {"US": 1}
    assert str(eq) == "Iran (Hawk): Attack; Iran (Dove): Attack; US (US): Hold; payoffs 3/2, 0"


def test_bayesian_game_needs_a_bayesian_game():
    with pytest.raises(UnsupportedGameError):
        bayesian_equilibria("game")  # type: ignore[arg-type]


# ---------------------------------------------------------------- pygambit's catalog
def _fraction(value: Any) -> Fraction:
    return Fraction(value) if isinstance(value, Decimal) else Fraction(str(value))


def _from_gambit(game: Any) -> ExtensiveFormGame:
    def convert(node: Any) -> Node:
        outcome = None
        if node.outcome:
            outcome = Outcome(tuple(_fraction(node.outcome[p]) for p in game.players))
        if node.is_terminal:
            return TerminalNode(outcome)
        children = tuple(convert(c) for c in node.children)
        actions = tuple(a.label or str(i + 1) for i, a in enumerate(node.infoset.actions))
        if node.player.is_chance:
            probs = tuple(_fraction(a.prob) for a in node.infoset.actions)
            return ChanceNode(actions, probs, children, outcome=outcome)
        return DecisionNode(node.player.label, actions, children, infoset=node.infoset.number, outcome=outcome)

    return ExtensiveFormGame(convert(game.root), players=[p.label for p in game.players])


def test_tree_equilibria_payoffs_agree_with_pygambit_enummixed_on_catalog():
    gbt = pytest.importorskip("pygambit")
    catalog = pytest.importorskip("pygambit.catalog")
    slugs = list(catalog.games(is_tree=True, is_perfect_recall=True, n_players=2).Game)
    assert slugs
    for slug in slugs:
        reference = catalog.load(slug)
        result = gbt.nash.enummixed_solve(reference, rational=True)
        players = list(reference.players)
        theirs = sorted({tuple(_fraction(e.payoff(p)) for p in players) for e in result.equilibria})
        ours = sorted({tuple(eq.payoffs.tolist()) for eq in tree_equilibria(_from_gambit(reference))})
        assert ours == theirs, slug


def test_behavior_arrays_are_read_only():
    (eq,) = tree_equilibria(plausible_deniability(**DENIABILITY))
    vector = eq.behavior[0]
    assert vector is not None
    with pytest.raises(ValueError, match="read-only"):
        vector[0] = 1
    assert isinstance(eq.payoffs, np.ndarray)


# ---------------------------------------------------------------- property: random trees with information sets
@st.composite
def two_stage_trees(draw: st.DrawFn) -> ExtensiveFormGame:
    """A moves (perhaps after a coin A sees), then B moves seeing A's move or not; perfect recall holds."""
    payoff = st.integers(-3, 3)
    observes = draw(st.booleans())
    n_a, n_b = draw(st.integers(1, 2 if observes else 3)), draw(st.integers(1, 2 if observes else 3))

    def stage(coin: str) -> Node:
        children = {}
        for a in range(n_a):
            key = f"B{coin}" if not observes else f"B{coin}{a}"
            moves = {f"b{j}": terminal(draw(payoff), draw(payoff)) for j in range(n_b)}
            children[f"a{a}"] = decision("B", moves, infoset=key)
        return decision("A", children, infoset=f"A{coin}")

    # Keep the reduced form small: when B observes A, B has n_a information sets and n_b ** n_a strategies.
    if observes or draw(st.booleans()):
        return ExtensiveFormGame(stage(""), players=("A", "B"))
    root = chance({"heads": ("1/3", stage("h")), "tails": ("2/3", stage("t"))})
    return ExtensiveFormGame(root, players=("A", "B"))


def _mixed_profile(tree: ExtensiveFormGame, behavior: tuple[Any, ...]) -> list[list[Fraction]]:
    """Kuhn's map back: a reduced strategy's weight is the product of its actions' behaviour probabilities."""
    reduced = reduced_form(tree)
    out = []
    for strategies in reduced.assignments:
        weights = []
        for strategy in strategies:
            weight = Fraction(1)
            for infoset, action in strategy:
                vector = behavior[infoset]
                weight *= vector[action] if vector is not None else Fraction(int(action == 0))
            weights.append(weight)
        out.append(weights)
    return out


@settings(max_examples=40)
@given(two_stage_trees())
def test_every_tree_equilibrium_is_nash_in_the_reduced_form(tree: ExtensiveFormGame):
    from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria
    from gametheory.solvers.verify import is_nash

    game = reduced_form(tree).game
    equilibria = tree_equilibria(tree)
    assert equilibria
    for eq in (*equilibria, *subgame_perfect_equilibria(tree)):
        profile = _mixed_profile(tree, eq.behavior)
        assert is_nash(game, profile)
        assert game.expected_payoffs(profile).tolist() == eq.payoffs.tolist()
        assert behavior_payoffs(tree, eq.behavior).tolist() == eq.payoffs.tolist()


def test_infoset_given_as_numpy_integer() -> None:
    tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
    (eq,) = tree_equilibria(tree)
    assert eq.action(np.int64(0)) == "x"
    assert eq.probabilities(np.int64(0)) == {"x": 1, "y": 0}


# ---------------------------------------------------------------- per-player scale (issue 9)
def _pennies(scale_a: float, scale_b: float) -> ExtensiveFormGame:
    def guess(a: float, b: float) -> dict[str, Node]:
        return {"h": terminal(a * scale_a, -a * scale_b), "t": terminal(b * scale_a, -b * scale_b)}

    return ExtensiveFormGame(
        decision(
            "A",
            {
                "H": decision("B", guess(1.0, -1.0), infoset="guess"),
                "T": decision("B", guess(-1.0, 1.0), infoset="guess"),
            },
        ),
        players=("A", "B"),
    )


def test_mixed_behaviour_is_shown_whatever_the_payoff_scale() -> None:
    # A's payoffs are 1e12: the old rule compared probabilities with the payoff tolerance (about 1000),
    # so every probability counted as both 0 and 1: the equilibrium looked pure and printed no action.
    (eq,) = tree_equilibria(_pennies(1e12, 1.0))
    assert not eq.is_pure
    assert eq.action("A") is None
    assert eq.probabilities("B") == pytest.approx({"h": 0.5, "t": 0.5})
    assert str(eq) == "A: H 0.5, T 0.5; B: h 0.5, t 0.5; payoffs 0, 0"


def test_beliefs_are_kept_whatever_the_payoff_scale() -> None:
    def us(a: float, b: float) -> DecisionNode:
        return decision("US", {"Strike": terminal(a * 1e12, 0.0), "Wait": terminal(b * 1e12, 0.0)}, infoset="attack")

    tree = ExtensiveFormGame(
        chance({"Ordered": (0.25, us(1.0, -1.0)), "Rogue": (0.75, us(-1.0, 0.0))}), players=("US", "Iran")
    )
    (eq,) = tree_equilibria(tree)
    (belief,) = beliefs(eq)
    assert belief is not None
    assert belief.tolist() == [0.25, 0.75]


@settings(max_examples=50, deadline=None)
@given(
    game_trees(exact=False, max_depth=3, max_actions=2, min_payoff=-4, max_payoff=4),
    st.integers(0, 1),
    st.sampled_from([2.0**20, 2.0**-20, 2.0**-900]),
)
def test_scaling_one_player_never_changes_the_tree_equilibria(
    tree: ExtensiveFormGame, player: int, factor: float
) -> None:
    from gametheory.games._tree_build import rebuild

    def own(node: Node) -> tuple[Outcome | None, tuple[Any, ...]]:
        outcome = node.outcome
        if outcome is not None:
            values = tuple(v * factor if i == player else v for i, v in enumerate(outcome.payoffs))
            # A factor of 2**-900 on a payoff of 1e-111 underflows: then the games really differ.
            assume(float(values[player]) / factor == float(outcome.payoffs[player]))
            outcome = Outcome(values, label=outcome.label)
        return outcome, tuple(node.probabilities) if isinstance(node, ChanceNode) else ()

    scaled = ExtensiveFormGame(rebuild(tree.root, own), players=tree.players)
    before = tree_equilibria(tree)
    after = tree_equilibria(scaled)
    assert [eq.key() for eq in after] == [eq.key() for eq in before]
    assert [eq.is_pure for eq in after] == [eq.is_pure for eq in before]
