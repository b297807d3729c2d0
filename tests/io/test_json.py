"""JSON files for normal-form games (parametric included) and trees."""

from __future__ import annotations

import io
import json
import pathlib
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory.exceptions import ParseError, UnsupportedGameError
from gametheory.games.expressions import parameter
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.io.json import generate_json, parse_json, read_json, write_json

STRIKE_OR_RESTRAIN = NormalFormGame.from_bimatrix(
    [["-d - c", "-c"], ["-d - R", 0]],
    [["b - k + l", 0], ["b", 0]],
    players=("US", "Militia"),
    strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
)


def _document(**changes: object) -> str:
    document = {"format": "gametheory", "version": 1, "kind": "normal_form", "payoffs": [[[1, 2]], [[3, 4]]]}
    document.update(changes)
    return json.dumps(document)


def test_parametric_game_round_trip() -> None:
    text = generate_json(STRIKE_OR_RESTRAIN)
    assert json.loads(text)["payoffs"][0][0] == ["-c - d", "b - k + l"]
    back = parse_json(text)
    assert back == STRIKE_OR_RESTRAIN
    assert back.parameters == STRIKE_OR_RESTRAIN.parameters


def test_parameter_assumptions_round_trip() -> None:
    R = sympy.Symbol("R", positive=True)
    game = NormalFormGame.from_bimatrix([[R, 0]], [[-R / 2, parameter("c")]])
    text = generate_json(game)
    assert json.loads(text)["parameters"] == {"R": {"positive": True}}
    back = parse_json(text)
    assert back == game
    assert back.parameters[0].is_positive


def test_plain_sympy_symbols_round_trip() -> None:
    x = sympy.Symbol("x")  # no assumptions at all, unlike parameter("x")
    game = NormalFormGame.from_bimatrix([[x, 1]], [[2 * x, 0]])
    text = generate_json(game)
    assert json.loads(text)["parameters"] == {"x": {}}
    assert parse_json(text) == game


def test_exact_and_float_kinds_are_kept() -> None:
    exact = NormalFormGame.from_bimatrix([[Fraction(1, 3), 2]], [[0, -5]])
    assert json.loads(generate_json(exact))["payoffs"] == [[["1/3", 0], [2, -5]]]
    assert parse_json(generate_json(exact)) == exact
    floats = NormalFormGame.from_bimatrix([[0.1, 2.0]], [[1e-300, -5.5]])
    back = parse_json(generate_json(floats))
    assert not back.is_exact
    assert back == floats


def test_euler_number_and_functions_round_trip() -> None:
    x = parameter("x")
    game = NormalFormGame.from_bimatrix([[sympy.E * x, sympy.sqrt(x)]], [[sympy.exp(x), sympy.Max(x, 1)]])
    assert parse_json(generate_json(game)) == game


def test_float_inside_expression_is_refused() -> None:
    game = NormalFormGame.from_bimatrix([[sympy.Float(0.5) * parameter("x"), 0]], [[0, 0]])
    with pytest.raises(UnsupportedGameError, match="reads back equal"):
        generate_json(game)


def test_tree_round_trip_keeps_keys_labels_and_parameters() -> None:
    tree = ExtensiveFormGame(
        decision(
            "Iran",
            {
                "Order": decision("US", {"Retaliate": terminal("p", -1), "Absorb": terminal(-1, 1)}, infoset="seen"),
                "Refrain": chance(
                    {
                        "Rogue": (
                            "alpha",
                            decision("US", {"Retaliate": terminal("-m", 0), "Absorb": terminal(-1, 0)}, infoset="seen"),
                        ),
                        "Quiet": ("1 - alpha", terminal(label="nothing")),
                    },
                    payoffs=(0, "1/2"),
                    outcome_label="base",
                ),
            },
            infoset=7,
            infoset_label="Iran decides",
        ),
        players=("US", "Iran"),
        title="deniability",
        comment="Baliga et al.",
    )
    back = parse_json(generate_json(tree))
    assert back == tree
    assert (back.title, back.comment) == ("deniability", "Baliga et al.")
    assert back.root.infoset == 7
    assert back.root.infoset_label == "Iran decides"


def test_float_tree_round_trip() -> None:
    tree = ExtensiveFormGame(chance({"a": (0.3, terminal(1.5)), "b": (0.7, terminal(-2.0))}), players=("A",))
    assert parse_json(generate_json(tree)) == tree


def test_files_and_paths(tmp_path: pathlib.Path) -> None:
    write_json(STRIKE_OR_RESTRAIN, tmp_path / "g.json")
    assert read_json(tmp_path / "g.json") == STRIKE_OR_RESTRAIN
    buffer = io.BytesIO()
    write_json(STRIKE_OR_RESTRAIN, buffer)
    assert read_json(io.BytesIO(buffer.getvalue())) == STRIKE_OR_RESTRAIN


def test_hostile_expression_is_rejected_without_side_effect(tmp_path: pathlib.Path) -> None:
    marker = tmp_path / "pwned"
    hostile = f"__import__('os').system('touch {marker}')"
    with pytest.raises(ParseError, match="payoffs"):
        parse_json(_document(payoffs=[[[hostile, 0]], [[0, 0]]]))
    assert not marker.exists()


# ---------------------------------------------------------------- errors: one test per case


def test_error_invalid_json_has_line_and_column() -> None:
    with pytest.raises(ParseError) as info:
        parse_json('{\n  "format": "gametheory",\n  "version": 1,,\n}')
    assert (info.value.line, info.value.column) == (3, 16)


def test_error_not_an_object() -> None:
    with pytest.raises(ParseError, match="JSON object"):
        parse_json("[1, 2]")


def test_error_wrong_format_name() -> None:
    with pytest.raises(ParseError, match="format") as info:
        parse_json(_document(format="gambit"))
    assert info.value.line == 1


def test_error_unsupported_version() -> None:
    with pytest.raises(ParseError, match="version 2"):
        parse_json(_document(version=2))


def test_error_unknown_kind() -> None:
    with pytest.raises(ParseError, match="unknown kind"):
        parse_json(_document(kind="bayesian"))


def test_error_unknown_key() -> None:
    with pytest.raises(ParseError, match="unknown key 'payof'"):
        parse_json(_document(payof=1))


def test_error_ragged_payoffs() -> None:
    with pytest.raises(ParseError, match="ragged"):
        parse_json(_document(payoffs=[[[1, 2]], [[3, 4], [5, 6]]]))


def test_error_ragged_payoffs_claiming_a_huge_shape() -> None:
    nested: list = [0, 0]
    for _ in range(20):
        nested = [nested] + [0] * 99  # first elements suggest 100**20 entries
    with pytest.raises(ParseError, match="ragged"):
        parse_json(_document(payoffs=nested))


def test_error_boolean_payoff() -> None:
    with pytest.raises(ParseError, match=r"payoffs\[0\]\[0\]\[1\]"):
        parse_json(_document(payoffs=[[[1, True]], [[3, 4]]]))


def test_error_infinite_payoff() -> None:
    with pytest.raises(ParseError, match="finite"):
        parse_json(_document(payoffs=[[[1, 1e400]], [[3, 4]]]))


def test_error_wrong_number_of_labels() -> None:
    with pytest.raises(ParseError, match="strategies"):
        parse_json(_document(strategies=[["a"], ["x", "y"]]))


def test_error_bad_parameter_name() -> None:
    with pytest.raises(ParseError, match="parameters"):
        parse_json(_document(parameters={"_x": {}}))


def test_error_inconsistent_assumptions() -> None:
    with pytest.raises(ParseError, match="inconsistent"):
        parse_json(_document(parameters={"x": {"positive": True, "negative": True}}))


def test_error_tree_node_without_type() -> None:
    text = json.dumps({"format": "gametheory", "version": 1, "kind": "extensive_form", "root": {"payoffs": [1]}})
    with pytest.raises(ParseError, match='"type"'):
        parse_json(text)


def test_error_tree_probabilities_do_not_sum_to_one() -> None:
    root = {
        "type": "chance",
        "actions": ["a", "b"],
        "probabilities": ["1/3", "1/3"],
        "children": [{"type": "terminal"}, {"type": "terminal"}],
    }
    text = json.dumps({"format": "gametheory", "version": 1, "kind": "extensive_form", "players": ["A"], "root": root})
    with pytest.raises(ParseError, match="sum to"):
        parse_json(text)


def test_error_non_game_cannot_be_written() -> None:
    with pytest.raises(UnsupportedGameError):
        generate_json([[1, 2]])


# ---------------------------------------------------------------- round trips

names = st.sampled_from(["R", "c", "d", "alpha"])
terms = st.one_of(
    st.fractions(-50, 50, max_denominator=7),
    st.builds(
        lambda a, s: sympy.Rational(a.numerator, a.denominator) * parameter(s),
        st.fractions(-5, 5, max_denominator=3),
        names,
    ),
)


@st.composite
def parametric_games(draw: st.DrawFn) -> NormalFormGame:
    shape = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    cells = [
        sum(draw(st.lists(terms, min_size=1, max_size=3)), sympy.Integer(0)) for _ in range(2 * shape[0] * shape[1])
    ]
    array = np.empty(len(cells), dtype=object)
    array[:] = cells
    return NormalFormGame(array.reshape((*shape, 2)))


@given(parametric_games())
def test_round_trip_parametric_games(game: NormalFormGame) -> None:
    assert parse_json(generate_json(game)) == game


@given(
    st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=4, max_size=4),
    st.lists(st.text(min_size=1, max_size=5), min_size=2, max_size=2, unique=True),
)
def test_round_trip_float_games_and_labels(values: list[float], players: list[str]) -> None:
    game = NormalFormGame(np.array(values, dtype=float).reshape(2, 1, 2), players=players)
    assert parse_json(generate_json(game)) == game
