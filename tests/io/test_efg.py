"""Gambit .efg files (version 2): nodes, information sets, outcomes, errors, round trips."""

from __future__ import annotations

import io
import pathlib
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory.exceptions import ParseError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, Node, TerminalNode, chance, decision, terminal
from gametheory.io.efg import generate_efg, parse_efg, read_efg, write_efg
from tests.support import centipede

# Plausible deniability: Iran orders an attack or not; an unordered attack still happens with
# probability 1/4; the US sees only that an attack happened.
DENIABILITY = r"""EFG 2 R "Plausible \"deniability\"" { "Iran" "US" }
"Iran orders or not; the US cannot tell who attacked."

p "root" 1 1 "Iran" { "Order" "Refrain" } 0
p "" 2 1 "attack seen" { "Retaliate" "Absorb" } 0
t "" 1 "ordered, struck" { -2, 3 }
t "" 2 "ordered, absorbed" { 2, -1 }
c "autonomy" 1 "" { "Attack" 1/4 "Quiet" 0.75 } 3 "base" { 0, 1/2 }
p "" 2 1 0
t "" 4 "rogue, struck" { -1, -1 }
t "" 5 "rogue, absorbed" { 1, -1 }
t "" 0
"""


def test_parse_nodes_infosets_and_outcomes() -> None:
    game = parse_efg(DENIABILITY)
    assert game.players == ("Iran", "US")
    assert game.title == 'Plausible "deniability"'
    assert game.comment.startswith("Iran orders")
    root = game.root
    assert isinstance(root, DecisionNode)
    assert root.label == "root"
    assert root.player == "Iran"
    nature = root.children[1]
    assert isinstance(nature, ChanceNode)
    assert nature.probabilities == (Fraction(1, 4), Fraction(3, 4))
    assert nature.outcome is not None
    assert nature.outcome.payoffs == (0, Fraction(1, 2))
    assert isinstance(nature.children[1], TerminalNode)
    assert nature.children[1].outcome is None
    # The US's two decision nodes form one information set keyed by its label.
    (iran, us) = game.information_sets
    assert us.members == (1, 5)
    assert us.key == "attack seen"
    assert us.actions == ("Retaliate", "Absorb")
    assert iran.key == "Iran"


def test_outcomes_on_inner_nodes_add_up() -> None:
    game = parse_efg(DENIABILITY)
    rogue_struck = next(p.index for p in game.positions if p.node.outcome and p.node.outcome.label == "rogue, struck")
    assert list(game.accumulated_payoffs(rogue_struck)) == [-1, Fraction(-1, 2)]


def test_singleton_unlabelled_infosets_have_no_key() -> None:
    game = parse_efg('EFG 2 R "" { "A" } p "" 1 7 "" { "x" "y" } 0 t "" 0 t "" 0')
    assert game.root.infoset is None


def test_repeated_labels_give_numbered_keys() -> None:
    text = """EFG 2 R "" { "A" "B" }
p "" 1 1 "" { "l" "r" } 0
p "" 2 5 "same" { "a" "b" } 0
t "" 0 t "" 0
p "" 2 3 "same" { "c" "d" } 0
t "" 0 t "" 0
"""
    game = parse_efg(text)
    keys = [(s.key, s.label) for s in game.information_sets]
    assert keys == [(None, ""), (1, "same"), (2, "same")]
    assert parse_efg(generate_efg(game)) == game


def test_outcome_payoffs_with_or_without_commas() -> None:
    game = parse_efg('EFG 2 R "" { "A" "B" } p "" 1 1 "" { "x" "y" } 0 t "" 1 "" { 1 2 } t "" 2 "" { 3, 4 }')
    assert [c.outcome.payoffs for c in game.root.children] == [(1, 2), (3, 4)]


def test_outcome_referenced_by_number_only() -> None:
    game = parse_efg('EFG 2 R "" { "A" "B" } p "" 1 1 "" { "x" "y" } 0 t "" 1 "w" { 1 2 } t "" 1')
    assert game.root.children[0].outcome == game.root.children[1].outcome


def test_chance_node_probabilities_are_exact() -> None:
    game = parse_efg('EFG 2 D "" { "A" } c "" 1 "" { "a" 0.1 "b" .9 } 0 t "" 0 t "" 0')
    assert game.root.probabilities == (Fraction(1, 10), Fraction(9, 10))
    assert game.is_exact


def test_empty_and_repeated_action_labels_are_made_unique() -> None:
    game = parse_efg('EFG 2 R "" { "" } p "" 1 1 "" { "" "x" "x" } 0 t "" 0 t "" 0 t "" 0')
    assert game.players == ("_1",)
    assert game.root.actions == ("_1", "x_1", "x_2")


def test_generate_gambit_layout() -> None:
    tree = ExtensiveFormGame(
        decision(
            "Militia",
            {"Attack": decision("US", {"Retaliate": terminal(1, -2), "Absorb": terminal(2, -1)}), "Hold": terminal()},
        ),
        players=("Militia", "US"),
        title="stay or withdraw",
    )
    assert generate_efg(tree).splitlines() == [
        'EFG 2 R "stay or withdraw" { "Militia" "US" }',
        '""',
        "",
        'p "" 1 1 "" { "Attack" "Hold" } 0',
        'p "" 2 1 "" { "Retaliate" "Absorb" } 0',
        't "" 1 "" { 1, -2 }',
        't "" 2 "" { 2, -1 }',
        't "" 0',
    ]


def test_parametric_tree_cannot_be_written() -> None:
    tree = ExtensiveFormGame(decision("A", {"x": terminal("v", 0), "y": terminal(0, 0)}), players=("A", "B"))
    with pytest.raises(UnsupportedGameError, match="substitute"):
        generate_efg(tree)


def test_float_tree_probabilities_sum_to_one_in_the_file() -> None:
    tree = ExtensiveFormGame(
        chance({"a": (0.1, terminal(1.5)), "b": (0.2, terminal(0.0)), "c": (0.7, terminal(-1.0))}), players=("A",)
    )
    back = parse_efg(generate_efg(tree))
    assert sum(back.root.probabilities) == 1
    assert [float(p) for p in back.root.probabilities] == pytest.approx([0.1, 0.2, 0.7], abs=1e-15)
    assert [float(c.outcome.payoffs[0]) for c in back.root.children] == [1.5, 0.0, -1.0]


def test_write_and_read_path_and_file_objects(tmp_path: pathlib.Path) -> None:
    game = parse_efg(DENIABILITY)
    write_efg(game, tmp_path / "g.efg")
    assert read_efg(tmp_path / "g.efg") == game
    assert read_efg(io.BytesIO(DENIABILITY.encode())) == game


# ---------------------------------------------------------------- errors: one test per case


def _error(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse_efg(text)
    return info.value


def test_error_wrong_header() -> None:
    assert (_error('NFG 1 R "" { "A" }').line, _error('NFG 1 R "" { "A" }').column) == (1, 1)


def test_error_wrong_version() -> None:
    assert "version 2" in str(_error('EFG 1 R "" { "A" } t "" 0'))


def test_error_unknown_node_type() -> None:
    error = _error('EFG 2 R "" { "A" }\nx "" 0')
    assert (error.line, error.column) == (2, 1)


def test_error_player_out_of_range() -> None:
    error = _error('EFG 2 R "" { "A" }\np "" 2 1 "" { "x" } 0 t "" 0')
    assert (error.line, error.column) == (2, 6)
    assert "between 1 and 1" in str(error)


def test_error_undefined_infoset() -> None:
    error = _error('EFG 2 R "" { "A" }\np "" 1 1 0 t "" 0')
    assert "used before it is defined" in str(error)
    assert (error.line, error.column) == (2, 1)


def test_error_infoset_redefined_differently() -> None:
    error = _error('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" "y" } 0\np "" 1 1 "" { "x" "z" } 0 t "" 0 t "" 0\nt "" 0')
    assert "defined again" in str(error)
    assert error.line == 3


def test_error_undefined_outcome() -> None:
    assert "outcome 3 is used before" in str(_error('EFG 2 R "" { "A" } t "" 3'))


def test_error_outcome_redefined_differently() -> None:
    text = 'EFG 2 R "" { "A" } p "" 1 1 "" { "x" "y" } 0 t "" 1 "o" { 1 } t "" 1 "o" { 2 }'
    assert "defined again" in str(_error(text))


def test_error_null_outcome_with_payoffs() -> None:
    assert "outcome 0" in str(_error('EFG 2 R "" { "A" } t "" 0 "o" { 1 }'))


def test_error_too_few_payoffs() -> None:
    assert "'}'" in str(_error('EFG 2 R "" { "A" "B" } t "" 1 "o" { 1 }'))


def test_error_probabilities_do_not_sum_to_one() -> None:
    error = _error('EFG 2 R "" { "A" }\nc "" 1 "" { "a" 1/3 "b" 1/3 } 0 t "" 0 t "" 0')
    assert "sum to 2/3" in str(error)
    assert (error.line, error.column) == (2, 1)


def test_error_negative_probability() -> None:
    assert "between 0 and 1" in str(_error('EFG 2 R "" { "A" } c "" 1 "" { "a" -1 "b" 2 } 0 t "" 0 t "" 0'))


def test_error_tree_ends_early() -> None:
    error = _error('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" "y" } 0\nt "" 0\n')
    assert "end of file" in str(error)
    assert error.line == 4


def test_error_text_after_the_tree() -> None:
    assert "end of the file" in str(_error('EFG 2 R "" { "A" } t "" 0 t "" 0'))


def test_a_tree_3000_levels_deep_parses() -> None:
    # The reader iterates; it once raised RecursionError (and then a "too deep" ParseError) here.
    depth = 3000
    chain = [f'p "" 1 {k + 1} "" {{ "go" "stop" }} 0' for k in range(depth)]
    text = 'EFG 2 R "" { "A" }\n' + "\n".join([*chain, 't "" 0', *['t "" 0'] * depth])
    game = parse_efg(text)
    assert len(game.positions) == 2 * depth + 1


def test_error_no_players() -> None:
    assert "no players" in str(_error('EFG 2 R "" { } p "" 1 1 "" { "x" } 0 t "" 0'))


# ---------------------------------------------------------------- round trips


def test_a_5000_level_tree_round_trips(tmp_path: pathlib.Path) -> None:
    game = centipede(5000)
    write_efg(game, tmp_path / "deep.efg")
    text = (tmp_path / "deep.efg").read_text()
    assert len(text.splitlines()) == 3 + 2 * 5000 + 1
    assert read_efg(tmp_path / "deep.efg") == game


PLAYERS = ("Iran", 'the "US"')
SHARED = {"h1": ("x", "y"), "h2": ("u", "v", "w")}
labels = st.text(max_size=5)


@st.composite
def nodes(draw: st.DrawFn, depth: int = 0) -> Node:
    kind = draw(st.sampled_from(["terminal"] if depth >= 3 else ["terminal", "decision", "chance"]))
    outcome: Any = None
    if draw(st.booleans()):
        outcome = tuple(draw(st.fractions(-20, 20, max_denominator=6)) for _ in PLAYERS)
    label = draw(labels)
    outcome_label = draw(labels)
    if kind == "terminal":
        return terminal(*(outcome or ()), label=label, outcome_label=outcome_label)
    if kind == "chance":
        count = draw(st.integers(1, 3))
        weights = [draw(st.integers(1, 5)) for _ in range(count)]
        actions = draw(st.lists(st.text(min_size=1, max_size=4), min_size=count, max_size=count, unique=True))
        branches = {
            a: (Fraction(w, sum(weights)), draw(nodes(depth + 1))) for a, w in zip(actions, weights, strict=True)
        }
        return chance(branches, label=label, payoffs=outcome, outcome_label=outcome_label)
    player = draw(st.sampled_from(PLAYERS))
    key = draw(st.sampled_from([None, "h1", "h2"]))
    if key is None:
        actions = draw(st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=3, unique=True))
    else:
        actions = list(SHARED[key])
    children = {a: draw(nodes(depth + 1)) for a in actions}
    return decision(player, children, infoset=key, label=label, payoffs=outcome, outcome_label=outcome_label)


@given(nodes(), labels, labels)
def test_round_trip_generated_trees(root: Node, title: str, comment: str) -> None:
    game = ExtensiveFormGame(root, players=PLAYERS, title=title, comment=comment)
    back = parse_efg(generate_efg(game))
    assert back == game
    assert (back.title, back.comment) == (title, comment)
    assert generate_efg(back) == generate_efg(game)


def test_error_wrong_version_names_the_supported_one() -> None:
    error = _error('EFG 3 R "" { "A" } t "" 0')
    assert (error.line, error.column) == (1, 5)
    assert "only version 2 of the .efg format is supported" in str(error)


def test_error_unclosed_player_list() -> None:
    error = _error('EFG 2 R "" { "A" 3 } t "" 0')
    assert "a quoted player name or '}'" in str(error)
    assert (error.line, error.column) == (1, 18)
