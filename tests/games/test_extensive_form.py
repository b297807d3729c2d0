"""Tests for game trees: construction, validation, indexing, parameters."""

from __future__ import annotations

import pickle
import time
from fractions import Fraction

import pytest
import sympy

from gametheory.exceptions import ExpressionError, InvalidGameError, InvalidPayoffError, ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, Outcome, TerminalNode, chance, decision, terminal
from tests.support import centipede, stay_or_withdraw_tree


def plausible_deniability() -> ExtensiveFormGame:
    def us(ret: tuple[str, str], no: tuple[str, str]) -> DecisionNode:
        return decision("US", {"Retaliate": terminal(*ret), "Not": terminal(*no)}, infoset="attack seen")

    ordered = us(("punish_gain", "order_benefit - retaliation_cost"), ("-reputation_cost", "order_benefit"))
    autonomous = us(
        ("-misattribution_cost", "autonomous_benefit - retaliation_cost"), ("-reputation_cost", "autonomous_benefit")
    )
    nature = chance({"Autonomous attack": ("alpha", autonomous), "No attack": ("1 - alpha", terminal(0, 0))})
    return ExtensiveFormGame(decision("Iran", {"Order": ordered, "No order": nature}), players=("US", "Iran"))


def absent_minded_driver() -> ExtensiveFormGame:
    second = decision("Driver", {"Exit": terminal(4), "Continue": terminal(1)}, infoset="junction")
    return ExtensiveFormGame(decision("Driver", {"Exit": terminal(0), "Continue": second}, infoset="junction"))


# ---------------------------------------------------------------- construction and properties
def test_stay_or_withdraw_reads_like_the_game():
    game = stay_or_withdraw_tree()
    assert game.players == ("US", "Militia")
    assert [p.name for p in game.parameters] == ["L", "R", "V", "b", "c", "d", "k", "l"]
    assert game.is_parametric
    assert not game.is_exact
    assert game.is_perfect_information
    assert game.has_perfect_recall
    assert str(game).splitlines() == [
        "Militia",
        "  Attack -> US",
        "    Retaliate -> (-c - d, b - k + l)",
        "    Absorb -> (-R - d, b)",
        "    Withdraw -> (-L, V + b)",
        "  Hold -> (0, 0)",
    ]


def test_players_default_to_order_of_appearance():
    game = ExtensiveFormGame(decision("B", {"x": decision("A", {"y": terminal(1, 2)})}))
    assert game.players == ("B", "A")


def test_positions_are_depth_first_preorder():
    game = stay_or_withdraw_tree()
    kinds = [type(p.node).__name__ for p in game.positions]
    assert kinds == ["DecisionNode", "DecisionNode", "TerminalNode", "TerminalNode", "TerminalNode", "TerminalNode"]
    assert [p.parent for p in game.positions] == [None, 0, 1, 1, 1, 0]
    assert [p.action for p in game.positions] == [None, 0, 0, 1, 2, 1]
    assert [p.depth for p in game.positions] == [0, 1, 2, 2, 2, 1]
    assert game.positions[0].children == (1, 5)
    assert [p.player for p in game.positions] == [1, 0, None, None, None, None]


def test_information_sets_group_nodes_by_key():
    game = plausible_deniability()
    assert not game.is_perfect_information
    assert game.has_perfect_recall
    (iran, us) = game.information_sets
    assert (iran.player, us.player) == (1, 0)
    assert us.members == (1, 5)
    assert us.label == "attack seen"
    assert us.actions == ("Retaliate", "Not")
    assert (iran.number, us.number) == (1, 1)
    assert game.positions[5].infoset == 1


def test_integer_infoset_keys_with_labels_and_gambit_numbering():
    left = decision("B", {"u": terminal(1, 1), "v": terminal(0, 0)}, infoset=7, infoset_label="guess")
    right = decision("B", {"u": terminal(0, 2), "v": terminal(3, 1)}, infoset=7, infoset_label="guess")
    later = decision("B", {"w": terminal(2, 2)}, infoset=8)
    game = ExtensiveFormGame(decision("A", {"L": left, "R": right, "M": later}))
    sets = game.information_sets
    assert [(s.key, s.label, s.number, s.members) for s in sets] == [
        (None, "", 1, (0,)),
        (7, "guess", 1, (1, 4)),
        (8, "", 2, (7,)),
    ]


def test_absent_minded_driver_loads_with_imperfect_recall():
    game = absent_minded_driver()
    assert game.num_players == 1
    assert not game.has_perfect_recall
    assert not game.is_perfect_information
    assert game.information_sets[0].members == (0, 2)


def test_forgetting_own_action_is_imperfect_recall():
    later = {"x": terminal(1, 0), "y": terminal(0, 1)}
    game = ExtensiveFormGame(
        decision(
            "A",
            {
                "L": decision("B", {"u": decision("A", later, infoset="forgot")}),
                "R": decision("B", {"u": decision("A", later, infoset="forgot")}),
            },
        )
    )
    assert not game.has_perfect_recall


def test_outcomes_on_internal_nodes_add_along_the_path():
    game = ExtensiveFormGame(
        decision(
            "A",
            {"x": chance({"h": ("1/2", terminal(1, 1)), "t": ("1/2", terminal())}, payoffs=(2, 0))},
            payoffs=(10, -1),
        ),
        players=("A", "B"),
    )
    assert game.accumulated_payoffs(2) == (Fraction(13), Fraction(0))
    assert game.accumulated_payoffs(3) == (Fraction(12), Fraction(-1))
    assert "+(10, -1)" in str(game).splitlines()[0]
    assert len(game.outcomes) == 3


def test_exact_float_and_symbolic_kinds():
    exact = ExtensiveFormGame(chance({"a": ("1/3", terminal(1)), "b": (Fraction(2, 3), terminal(2))}), players=("X",))
    assert exact.is_exact
    assert exact.root.probabilities == (Fraction(1, 3), Fraction(2, 3))
    floats = ExtensiveFormGame(chance({"a": (0.25, terminal(1)), "b": (0.75, terminal(2))}), players=("X",))
    assert not floats.is_exact
    assert not floats.is_parametric
    assert floats.root.children[0].outcome.payoffs == (1.0,)
    symbolic = ExtensiveFormGame(chance({"a": ("p", terminal(1)), "b": ("1 - p", terminal(2))}), players=("X",))
    assert symbolic.is_parametric
    assert symbolic.root.probabilities[1] == 1 - sympy.Symbol("p", real=True)


def test_substitute_gives_numeric_tree():
    game = plausible_deniability()
    values = {p.name: 1 for p in game.parameters} | {"alpha": Fraction(1, 2)}
    numeric = game.substitute(values)
    assert numeric.is_exact
    assert numeric.positions[4].node.probabilities == (Fraction(1, 2), Fraction(1, 2))
    assert numeric.information_sets == game.information_sets


def test_fix_parameters_keeps_the_rest():
    game = stay_or_withdraw_tree().fix_parameters({"d": 1, "c": 2})
    assert "c" not in [p.name for p in game.parameters]
    assert game.root.children[0].children[0].outcome.payoffs[0] == -3


def test_value_semantics():
    assert stay_or_withdraw_tree() == stay_or_withdraw_tree()
    assert hash(stay_or_withdraw_tree()) == hash(stay_or_withdraw_tree())
    game = plausible_deniability()
    assert pickle.loads(pickle.dumps(game)) == game
    with pytest.raises(AttributeError):
        game._players = ("x",)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        game.root.player = "x"  # type: ignore[union-attr, misc]


def test_nodes_can_be_built_directly_from_dataclasses():
    node = DecisionNode("A", ("x",), (TerminalNode(Outcome((1, 2), label="peace")),))
    game = ExtensiveFormGame(node, players=("A", "B"))
    assert game.outcomes == (Outcome((Fraction(1), Fraction(2)), label="peace"),)


def test_deep_trees_do_not_hit_the_recursion_limit_when_indexed():
    node: object = terminal(0, 0)
    for _ in range(300):
        node = decision("A", {"go": node, "stop": terminal(1, 0)})
    game = ExtensiveFormGame(node, players=("A", "B"))  # type: ignore[arg-type]
    assert len(game.positions) == 601


# ---------------------------------------------------------------- deep and wide trees (no recursion, linear work)
_DEPTH = 5000


@pytest.fixture(scope="module")
def deep_centipede() -> ExtensiveFormGame:
    return centipede(_DEPTH)


def test_a_5000_level_centipede_builds(deep_centipede: ExtensiveFormGame) -> None:
    assert len(deep_centipede.positions) == 2 * _DEPTH + 1
    assert max(p.depth for p in deep_centipede.positions) == _DEPTH
    assert deep_centipede.is_perfect_information
    assert deep_centipede.has_perfect_recall
    assert deep_centipede.substitute({}) is deep_centipede


def test_a_deep_tree_equals_and_hashes_like_itself_rebuilt(deep_centipede: ExtensiveFormGame) -> None:
    again = centipede.__wrapped__(_DEPTH)  # built afresh, not the shared copy
    assert again is not deep_centipede
    assert again == deep_centipede
    assert again.root == deep_centipede.root
    assert hash(again) == hash(deep_centipede)
    assert hash(again.root) == hash(deep_centipede.root)
    # A difference at the very bottom is found, in the nodes and in the games.
    other = centipede.__wrapped__(_DEPTH, last=-1)
    assert other.root != deep_centipede.root
    assert other != deep_centipede
    assert len({deep_centipede, again, other}) == 2


def test_a_deep_tree_prints_every_node_and_its_repr_shows_the_top(deep_centipede: ExtensiveFormGame) -> None:
    lines = str(deep_centipede).splitlines()
    assert len(lines) == 2 * _DEPTH + 1
    assert lines[:4] == ["A", "  Take -> (2, 0)", "  Pass -> B", "    Take -> (1, 3)"]
    assert lines[-1] == " " * (2 * _DEPTH) + f"Pass -> ({_DEPTH}, {_DEPTH})"
    text = repr(deep_centipede)
    assert text.startswith("<ExtensiveFormGame exact, 10001 nodes, players: A, B>\nA\n  Take -> (2, 0)\n")
    assert text.endswith("\n... (9901 more nodes)")
    assert len(text.splitlines()) == 102
    node_text = repr(deep_centipede.root)
    assert node_text.startswith("DecisionNode(player='A', actions=('Take', 'Pass'), children=(TerminalNode(")
    assert node_text.count("DecisionNode(") == _DEPTH


def test_node_repr_is_the_dataclass_repr() -> None:
    node = decision("A", {"x": terminal(1, label="end")}, infoset="s", payoffs=(0,))
    assert repr(node) == (
        "DecisionNode(player='A', actions=('x',), children=(TerminalNode(outcome=Outcome(payoffs=(1,), label=''), "
        "label='end'),), infoset='s', infoset_label='', label='', outcome=Outcome(payoffs=(0,), label=''))"
    )
    assert repr(chance({"h": ("1/2", terminal()), "t": ("1/2", terminal())})) == (
        "ChanceNode(actions=('h', 't'), probabilities=('1/2', '1/2'), children=(TerminalNode(outcome=None, label=''), "
        "TerminalNode(outcome=None, label='')), label='', outcome=None)"
    )


def test_nodes_compare_by_class_and_every_field() -> None:
    node = decision("A", {"x": terminal(1), "y": terminal(2)})
    assert node == decision("A", {"x": terminal(1), "y": terminal(2)})
    assert node != decision("A", {"x": terminal(1), "y": terminal(3)})
    assert node != decision("A", {"x": terminal(1)})
    assert node != decision("A", {"x": terminal(1), "y": terminal(2)}, label="other")
    assert node != chance({"x": ("1/2", terminal(1)), "y": ("1/2", terminal(2))})
    assert node != "A"
    assert TerminalNode() == TerminalNode(None, "")
    assert hash(TerminalNode(Outcome((1,)))) == hash(TerminalNode(Outcome((Fraction(1),))))


def test_a_node_with_100000_actions_builds_in_linear_time() -> None:
    start = time.perf_counter()
    node = decision("A", {f"a{k}": terminal(k, 0) for k in range(100_000)})
    assert time.perf_counter() - start < 10  # the duplicate check was quadratic: over 40 s
    assert len(node.actions) == 100_000
    # A game of one wide node (10,000 actions here, to keep the test quick) is indexed in linear time too.
    game = ExtensiveFormGame(decision("A", {f"a{k}": terminal(k, 0) for k in range(10_000)}), players=("A", "B"))
    assert len(game.positions) == 10_001
    with pytest.raises(InvalidGameError, match=r"duplicate action labels at a decision node of A: a1, a7$"):
        DecisionNode("A", ("a7", "a1", "a2", "a1", "a7"), (terminal(0),) * 5)


# ---------------------------------------------------------------- bad input, one test per case
def test_probabilities_not_summing_to_one():
    with pytest.raises(InvalidGameError, match="sum to 5/6"):
        ExtensiveFormGame(chance({"a": ("1/2", terminal(1)), "b": ("1/3", terminal(0))}), players=("X",))


def test_float_probabilities_not_summing_to_one():
    with pytest.raises(InvalidGameError, match="not 1"):
        ExtensiveFormGame(chance({"a": (0.5, terminal(1)), "b": (0.6, terminal(0))}), players=("X",))


def test_symbolic_probabilities_not_summing_to_one():
    with pytest.raises(InvalidGameError, match="not 1"):
        ExtensiveFormGame(chance({"a": ("p", terminal(1)), "b": ("p", terminal(0))}), players=("X",))


def test_negative_probability():
    with pytest.raises(InvalidGameError, match="not in"):
        ExtensiveFormGame(chance({"a": (-1, terminal(1)), "b": (2, terminal(0))}), players=("X",))


def test_information_set_with_different_actions():
    left = decision("B", {"u": terminal(1, 1), "v": terminal(0, 0)}, infoset="I")
    right = decision("B", {"u": terminal(1, 1), "w": terminal(0, 0)}, infoset="I")
    with pytest.raises(InvalidGameError, match="different actions"):
        ExtensiveFormGame(decision("A", {"L": left, "R": right}))


def test_information_set_with_different_labels():
    left = decision("B", {"u": terminal(1, 1)}, infoset=1, infoset_label="x")
    right = decision("B", {"u": terminal(1, 1)}, infoset=1, infoset_label="y")
    with pytest.raises(InvalidGameError, match="two different labels"):
        ExtensiveFormGame(decision("A", {"L": left, "R": right}))


def test_payoff_vector_of_wrong_length():
    with pytest.raises(InvalidGameError, match="3 payoffs but the game has 2 players"):
        ExtensiveFormGame(decision("A", {"x": terminal(1, 2, 3)}), players=("A", "B"))


def test_unknown_player_in_tree():
    with pytest.raises(InvalidGameError, match="not among the players"):
        ExtensiveFormGame(decision("C", {"x": terminal(1, 2)}), players=("A", "B"))


def test_duplicate_players():
    with pytest.raises(InvalidGameError, match="duplicate player"):
        ExtensiveFormGame(decision("A", {"x": terminal(1, 2)}), players=("A", "A"))


def test_no_players():
    with pytest.raises(InvalidGameError, match="at least one player"):
        ExtensiveFormGame(terminal())


def test_duplicate_action_labels():
    with pytest.raises(InvalidGameError, match="duplicate action"):
        DecisionNode("A", ("x", "x"), (terminal(1), terminal(2)))


def test_empty_action_label():
    with pytest.raises(InvalidGameError, match="non-empty"):
        decision("A", {"": terminal(1)})


def test_decision_without_actions():
    with pytest.raises(InvalidGameError, match="at least one action"):
        decision("A", {})


def test_child_that_is_not_a_node():
    with pytest.raises(InvalidGameError, match="not a node"):
        decision("A", {"x": (1, 2)})  # type: ignore[dict-item]


def test_actions_not_a_mapping():
    with pytest.raises(InvalidGameError, match="mapping"):
        decision("A", [terminal(1)])  # type: ignore[arg-type]


def test_chance_branch_not_a_pair():
    with pytest.raises(InvalidGameError, match="pair"):
        chance({"a": terminal(1)})  # type: ignore[dict-item]


def test_bad_infoset_key():
    with pytest.raises(InvalidGameError, match="information set key"):
        decision("A", {"x": terminal(1)}, infoset=1.5)


def test_root_not_a_node():
    with pytest.raises(InvalidGameError, match="root"):
        ExtensiveFormGame("A")  # type: ignore[arg-type]


def test_nan_payoff():
    with pytest.raises(InvalidPayoffError):
        ExtensiveFormGame(decision("A", {"x": terminal(float("nan"))}))


def test_hostile_payoff_string_is_rejected():
    with pytest.raises(ExpressionError):
        ExtensiveFormGame(decision("A", {"x": terminal("__import__('os').system('echo hi')")}))


def test_substitute_unknown_parameter():
    with pytest.raises(ParameterError, match="unknown parameter"):
        stay_or_withdraw_tree().substitute({"zzz": 1})


def test_substitute_missing_parameter():
    with pytest.raises(ParameterError, match="no value given"):
        stay_or_withdraw_tree().substitute({"d": 1})


def test_substitute_probability_out_of_range():
    with pytest.raises(ParameterError, match="not in"):
        ExtensiveFormGame(chance({"a": ("p", terminal(1)), "b": ("1 - p", terminal(0))}), players=("X",)).substitute(
            {"p": 2}
        )


def test_chance_node_probability_count_mismatch():
    with pytest.raises(InvalidGameError, match="probabilities"):
        ChanceNode(("a", "b"), (1,), (terminal(1), terminal(2)))
