"""Reading a game file of any format: recognised by content, with the extension as a hint."""

from __future__ import annotations

import io
import pathlib
from fractions import Fraction

import pytest

from gametheory.exceptions import ParseError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import decision, terminal
from gametheory.io import generate_efg, generate_json, generate_nfg, has_decimals, parse_game, read_game

GAME = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
TREE = ExtensiveFormGame(decision("A", {"L": terminal(1, 0), "R": terminal(0, 1)}), players=("A", "B"))
PARAMETRIC = NormalFormGame.from_bimatrix([["-c", 0]], [["b", "1/2"]])


@pytest.mark.parametrize(
    ("game", "generate"),
    [(GAME, generate_nfg), (TREE, generate_efg), (GAME, generate_json), (PARAMETRIC, generate_json)],
)
@pytest.mark.parametrize("name", ["game.nfg", "game.efg", "game.json", "game.txt", "game"])
def test_the_content_decides_whatever_the_extension(tmp_path: pathlib.Path, game, generate, name: str) -> None:
    path = tmp_path / name
    path.write_text(generate(game))
    assert read_game(path) == game
    assert read_game(str(path)) == game
    assert parse_game(generate(game)) == game


def test_file_objects_text_and_binary() -> None:
    assert read_game(io.StringIO(generate_nfg(GAME))) == GAME
    assert read_game(io.BytesIO(("\ufeff  \n" + generate_json(TREE)).encode())) == TREE


@pytest.mark.parametrize(("name", "reader"), [("bad.nfg", "NFG"), ("bad.efg", "EFG"), ("bad.json", "JSON")])
def test_the_extension_chooses_the_reader_of_an_unrecognised_file(tmp_path: pathlib.Path, name: str, reader) -> None:
    path = tmp_path / name
    path.write_text("garbage here")
    with pytest.raises(ParseError) as caught:
        read_game(path)
    assert "unknown game file format" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "   \n", "garbage", "nfg 1 R", "[1, 2]"])
def test_unknown_formats_raise_parse_error(tmp_path: pathlib.Path, text: str) -> None:
    path = tmp_path / "game.txt"
    path.write_text(text)
    with pytest.raises(ParseError, match="unknown game file format"):
        read_game(path)
    with pytest.raises(ParseError, match="unknown game file format"):
        parse_game(text)


def test_malformed_files_keep_the_reader_location(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "game"
    path.write_text('NFG 1 R "" { "A" "B" }\n{ 2 2 } 1 1 x')
    with pytest.raises(ParseError, match="line 2"):
        read_game(path)


def test_parse_game_rejects_non_text() -> None:
    with pytest.raises(ParseError, match="text"):
        parse_game(b"NFG 1 R")  # type: ignore[arg-type]


def test_gambit_files_are_exact_and_has_decimals_says_where_they_were_decimals(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "d.nfg"
    path.write_text('NFG 1 R "" { "A" "B" } { 1 1 } 0.5 1e-3')
    assert has_decimals(path)
    assert read_game(path).payoffs[0, 0, 0] == Fraction(1, 2)
    path.write_text('NFG 1 R "" { "A" "B" } { 1 1 } 1/2 3')
    assert not has_decimals(path)
    path.write_text(generate_json(NormalFormGame.from_bimatrix([[0.5]], [[1.5]])))
    assert not has_decimals(path)
