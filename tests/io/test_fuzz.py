"""Fuzzing the parsers: mutated files raise ParseError (or another GameTheoryError), nothing else.

Valid files are mutated by deleting, inserting, replacing and duplicating
characters and tokens. Whatever the parser makes of the result, it either
returns a game or raises a :class:`~gametheory.exceptions.GameTheoryError`;
a bare ``ValueError``, ``IndexError``, ``RecursionError``... is a bug.
"""

from __future__ import annotations

import json
import pathlib
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.exceptions import GameTheoryError, ParseError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.io.efg import parse_efg
from gametheory.io.json import parse_json
from gametheory.io.nfg import parse_nfg

NFG_PAYOFF = """NFG 1 R "Payoff \\"version\\"" { "Player 1" "Player 2" } { 3 2 }
"comment"

1 1 0 2 0 2 1 1 0 3 2 -1/2
"""

NFG_OUTCOME = """NFG 1 D "Outcome version" { "US" "Militia" }
{ { "Strike" "Restrain" } { "Attack" "Hold" } }
""
{ { "war" -3, 1.5 } { "quiet" 0 0 } { "absorb" -2.25e0, 2 } }
1 3 2 0
"""

EFG = """EFG 2 R "tree" { "Iran" "US" }
"a comment"
p "root" 1 1 "Iran" { "Order" "Refrain" } 0
p "" 2 1 "seen" { "Retaliate" "Absorb" } 0
t "" 1 "a" { -2, 3 }
t "" 2 "b" { 2, -1 }
c "nature" 1 "" { "Attack" 1/4 "Quiet" 0.75 } 3 "base" { 0, 1/2 }
p "" 2 1 0
t "" 4 "c" { -1 -1 }
t "" 1
t "" 0
"""

JSON = json.dumps(
    {
        "format": "gametheory",
        "version": 1,
        "kind": "normal_form",
        "players": ["US", "Militia"],
        "parameters": {"R": {"positive": True}},
        "payoffs": [[["-d - c", "b - k + l"], ["-c", 0]], [["-d - R", "b"], [0.5, "1/3"]]],
    }
)

JSON_TREE = json.dumps(
    {
        "format": "gametheory",
        "version": 1,
        "kind": "extensive_form",
        "players": ["A", "B"],
        "root": {
            "type": "decision",
            "player": "A",
            "infoset": "h",
            "actions": ["x", "y"],
            "children": [
                {"type": "terminal", "payoffs": [1, "v"]},
                {
                    "type": "chance",
                    "actions": ["u", "w"],
                    "probabilities": ["p", "1 - p"],
                    "children": [{"type": "terminal"}, {"type": "terminal", "payoffs": [0, 2]}],
                },
            ],
        },
    }
)

VOCABULARY = [
    "{", "}", ",", '"', '""', '"x"', "\\", "\\\"", "\n", " ", "0", "1", "-1", "2", "1/0", "0/5", "1e999", "-1e-999",
    "99999999999999999999", "1.5", ".", "-", "+", "e", "p", "c", "t", "NFG", "EFG", "R", "D", "[", "]", ":", "null",
    "true", "NaN", "Infinity", "__import__('os')", "x**99999", "1/(d-d)", "\x00", "é",
]  # fmt: skip

_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\s+|[{},\[\]:]|[^\s{},\[\]:"]+|"')


def _mutate(data: st.DataObject, text: str) -> str:
    for _ in range(data.draw(st.integers(1, 4))):
        mode = data.draw(st.sampled_from(["delete char", "insert", "replace char", "delete token", "replace token",
                                          "duplicate token", "truncate"]))  # fmt: skip
        if mode.endswith("char") or mode in ("insert", "truncate"):
            at = data.draw(st.integers(0, max(len(text) - 1, 0)))
            if mode == "delete char":
                text = text[:at] + text[at + 1 :]
            elif mode == "truncate":
                text = text[:at]
            else:
                piece = data.draw(st.sampled_from(VOCABULARY) | st.characters())
                text = text[:at] + piece + text[at + (mode == "replace char") :]
        else:
            tokens = _TOKEN.findall(text) or [""]
            at = data.draw(st.integers(0, len(tokens) - 1))
            if mode == "delete token":
                tokens[at] = ""
            elif mode == "replace token":
                tokens[at] = data.draw(st.sampled_from(VOCABULARY))
            else:
                tokens.insert(at, tokens[at])
            text = "".join(tokens)
    return text


def _check(parser: Callable[[str], Any], text: str) -> None:
    result: Any = None
    error: GameTheoryError | None = None
    try:
        result = parser(text)
    except GameTheoryError as raised:
        error = raised
    if error is None:
        assert isinstance(result, NormalFormGame | ExtensiveFormGame)
    elif isinstance(error, ParseError):
        assert error.line is None or error.line >= 1


CASES = [
    (parse_nfg, NFG_PAYOFF),
    (parse_nfg, NFG_OUTCOME),
    (parse_efg, EFG),
    (parse_json, JSON),
    (parse_json, JSON_TREE),
]


@pytest.mark.parametrize(("parser", "seed"), CASES, ids=["nfg-payoff", "nfg-outcome", "efg", "json", "json-tree"])
def test_seeds_are_valid(parser: Callable[[str], Any], seed: str) -> None:
    assert isinstance(parser(seed), NormalFormGame | ExtensiveFormGame)


@pytest.mark.parametrize(("parser", "seed"), CASES, ids=["nfg-payoff", "nfg-outcome", "efg", "json", "json-tree"])
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_mutated_files_raise_only_parse_errors(parser: Callable[[str], Any], seed: str, data: st.DataObject) -> None:
    _check(parser, _mutate(data, seed))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_raises_only_parse_errors(text: str) -> None:
    for parser in (parse_nfg, parse_efg, parse_json):
        _check(parser, text)


def _catalog() -> list[pathlib.Path]:
    try:
        import pygambit
    except ImportError:
        return []
    root = pathlib.Path(pygambit.__file__).parent / "catalog_data"
    return sorted(root.rglob("*.nfg")) + sorted(root.rglob("*.efg"))


@pytest.mark.skipif(not _catalog(), reason="pygambit's catalog is not installed")
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_mutated_catalog_files_raise_only_parse_errors(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(_catalog()))
    parser = parse_nfg if path.suffix == ".nfg" else parse_efg
    _check(parser, _mutate(data, path.read_text()))
