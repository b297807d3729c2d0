"""JSON files for normal-form games (parametric included) and trees."""

from __future__ import annotations

import io
import json
import pathlib
import time
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import ParseError, UnsupportedGameError
from gametheory.games.expressions import parameter
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.io import _json_deep
from gametheory.io.json import generate_json, parse_json, read_json, write_json
from tests.support import centipede

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


def test_a_5000_level_tree_round_trips(tmp_path: pathlib.Path) -> None:
    game = centipede(5000)
    write_json(game, tmp_path / "deep.json")
    text = (tmp_path / "deep.json").read_text()
    assert text.count('"children"') == 5000  # the usual nested layout, deeper than json.dumps can write
    assert read_json(tmp_path / "deep.json") == game


def test_errors_deep_in_a_deep_tree_are_located() -> None:
    text = generate_json(centipede(1500))  # deeper than json.loads can read
    bad_key = text.replace('"payoffs": [1500, 1500]', '"payoffs": [1500, 1500], "colour": 1')
    with pytest.raises(ParseError, match=r"root(\.children\[1\]){1500}: unknown key 'colour' in a terminal node"):
        parse_json(bad_key)
    bad_player = text.replace('"player": "B"', '"player": ""', 500)
    with pytest.raises(ParseError, match=r"root(\.children\[1\]){999}: a decision node's player must be"):
        parse_json(bad_player)
    start = text.index('"payoffs": [1500, 1500]')
    with pytest.raises(ParseError, match="invalid JSON: Expecting ',' delimiter") as error:
        parse_json(text[:start] + text[start:].replace(", ", " ", 1))
    assert error.value.line == 6
    with pytest.raises(ParseError, match="invalid JSON"):
        parse_json(text[:-100])


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@given(_JSON_VALUES, st.booleans())
def test_the_deep_json_codec_writes_and_reads_what_json_does(value: object, indent: bool) -> None:
    text = json.dumps(value, ensure_ascii=False)
    assert _json_deep._dumps(value) == text
    for source in (text, json.dumps(value, indent=2 if indent else None)):
        assert json.dumps(_json_deep._loads(source, int)) == json.dumps(json.loads(source))


@pytest.mark.parametrize("text", ["[1,]", "{", "[1 2]", '{"a" 1}', '{"a":1,}', "[01]", " ", "[1]x", "tru", '["\\x"]'])
def test_the_deep_json_reader_fails_where_json_does(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(json.JSONDecodeError) as error:
        _json_deep._loads(text, int)
    assert (error.value.msg, error.value.pos) == (expected.value.msg, expected.value.pos)


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


@pytest.mark.parametrize(
    "huge",
    [10**5000 + 1, -(7**6000), Fraction(10**4400 + 1, 3**9001), 10**4000],
    ids=["int", "negative", "ratio", "4001"],
)
def test_numbers_of_over_4300_digits_round_trip(huge: Fraction) -> None:
    game = NormalFormGame.from_bimatrix([[huge, 0], [0, 1]], [[1, 0], [0, huge]])
    assert parse_json(generate_json(game)) == game


def test_a_json_integer_literal_of_over_4300_digits_is_read() -> None:
    text = generate_json(NormalFormGame.from_bimatrix([[2, 0]], [[1, 0]])).replace("[[[2,", "[[[" + "9" * 5000 + ",")
    assert parse_json(text).payoffs[0, 0, 0] == 10**5000 - 1


def test_a_symbolic_payoff_with_a_coefficient_of_over_4300_digits_is_a_clear_error() -> None:
    a = parameter("a")
    game = NormalFormGame.from_bimatrix([[a * 10**5000, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(UnsupportedGameError, match="cannot be written"):
        generate_json(game)


# Names in NFKC form, and bounded work on hostile expressions.

MICRO, MU = "\u00b5", "\u03bc"


def test_declared_parameter_keeps_its_assumptions_in_any_spelling() -> None:
    for declared, used in [(MICRO, MICRO), (MICRO, MU), (MU, MICRO)]:
        game = parse_json(_document(parameters={declared: {"positive": True}}, payoffs=[[[used, 0]], [[0, 1]]]))
        (symbol,) = game.parameters
        assert symbol.is_positive
        assert game.substitute({MU: 2}) == game.substitute({MICRO: 2})


def test_a_parameter_declared_in_two_spellings_is_an_error() -> None:
    with pytest.raises(ParseError, match="declared twice"):
        parse_json(_document(parameters={MICRO: {"positive": True}, MU: {}}, payoffs=[[[MU, 0]], [[0, 1]]]))


def test_user_symbol_with_a_non_normal_name_round_trips() -> None:
    mu = sympy.Symbol(MICRO, positive=True)
    game = NormalFormGame.from_bimatrix([[mu, "2*" + MICRO]], [[0, 1]])
    assert parse_json(generate_json(game)) == game


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e99999999", "too large"),
        ("((((9**64)**64)**64)**64)**64", "too large"),
        ("9**9**9**9", "too large"),
        ("exp(1,2)", "takes 1 argument"),
        ("(" * 3000 + "1" + ")" * 3000, "too deeply"),
    ],
)
def test_expression_bombs_in_a_file_are_parse_errors(text: str, message: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ParseError, match=message) as raised:
        read_json(io.StringIO(_document(payoffs=[[[text, 0]], [[0, 1]]])))
    assert raised.value.line == 1
    assert "payoffs[0][0][0]" in str(raised.value)
    assert time.perf_counter() - start < 1.0


def test_long_expressions_in_a_file_are_read() -> None:
    game = parse_json(_document(payoffs=[[["-" * 9999 + "1", "+".join(["x"] * 4999)]], [[0, 1]]]))
    assert game.payoffs[0, 0, 0] == -1
    assert game.payoffs[0, 0, 1] == 4999 * parameter("x")


_PIECES = st.sampled_from(
    ["x", "y", MICRO, MU, "1", "0.5", "1e99999999", "9" * 400, "2**64", "**", "+", "-", "*", "/", "(", ")",
     "exp(", "sqrt(", "max(", ",", "__import__('os')", "'", "\\", "\x00", " "]
)  # fmt: skip


@st.composite
def _payoff_texts(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["pieces", "sum", "nested", "tower", "text"]))
    if kind == "sum":
        return draw(st.sampled_from(["+", "-", "*"])).join([draw(_PIECES)] * draw(st.integers(1, 4999)))
    if kind == "nested":
        depth = draw(st.integers(1, 300))
        return draw(st.sampled_from(["(", "-(", "exp(", "2*("])) * depth + draw(_PIECES) + ")" * depth
    if kind == "tower":
        return "**".join(draw(st.lists(_PIECES, min_size=2, max_size=30)))
    if kind == "text":
        return draw(st.text(max_size=30))
    return "".join(draw(st.lists(_PIECES, max_size=40)))


@settings(max_examples=100, deadline=None)
@given(_payoff_texts(), st.sampled_from([{}, {MICRO: {"positive": True}}, {"x": {"integer": True}}]))
def test_fuzz_read_json(text: str, parameters: dict[str, dict[str, bool]]) -> None:
    document = _document(parameters=parameters, payoffs=[[[text, 0]], [[0, text]]])
    start = time.perf_counter()
    try:
        game = read_json(io.StringIO(document))
    except ParseError:
        pass
    else:
        assert isinstance(game, NormalFormGame)
    assert time.perf_counter() - start < 1.0
