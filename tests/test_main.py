"""The command line, ``python -m gametheory solve FILE [--exact] [--format json]``, ``--version`` and exit codes."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import time
import warnings
from fractions import Fraction

import pytest

from gametheory.__main__ import main
from gametheory.games.normal_form import NormalFormGame
from gametheory.io.json import generate_json
from gametheory.io.nfg import parse_nfg, write_nfg
from gametheory.solvers.components import equilibrium_components
from gametheory.solvers.enumeration import nash_equilibria
from tests.support import irrational_three_player_game

BATTLE = 'NFG 1 R "Battle" { "Her" "Him" } { { "Opera" "Fight" } { "Opera" "Fight" } } "" 3 2 0 0 0 0 2 3\n'
DECIMAL = 'NFG 1 D "Pennies" { "A" "B" } { 2 2 } 1.5 -1.5 -1.5 1.5 -1.5 1.5 1.5 -1.5\n'
TREE = """EFG 2 R "stay or withdraw" { "Militia" "US" } ""
p "" 1 1 "" { "Attack" "Hold" } 0
p "" 2 1 "" { "Retaliate" "Absorb" "Withdraw" } 0
t "" 1 "" { -1, -3 }
t "" 2 "" { 2, -2 }
t "" 3 "" { 4, -5 }
t "" 0
"""


@pytest.fixture
def write(tmp_path: pathlib.Path):
    def _write(name: str, text: str) -> pathlib.Path:
        path = tmp_path / name
        path.write_text(text)
        return path

    return _write


def test_solve_prints_one_line_per_equilibrium(write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("battle.nfg", BATTLE)
    assert main(["solve", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# 3 equilibria of battle.nfg, exact arithmetic"
    expected = [str(eq) for eq in nash_equilibria(parse_nfg(BATTLE))]
    assert lines[1:] == expected
    assert "Her: Opera 3/5, Fight 2/5; Him: Opera 2/5, Fight 3/5; payoffs 6/5, 6/5" in lines


def test_decimals_are_solved_in_floats_by_default(write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(write("pennies.nfg", DECIMAL))]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("# 1 equilibrium of pennies.nfg, float arithmetic (tolerance ")
    assert lines[1] == "A: 1 (p=0.5), 2 (p=0.5); B: 1 (p=0.5), 2 (p=0.5); payoffs 0, 0"


def test_exact_flag_reads_decimals_exactly(write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(write("pennies.nfg", DECIMAL)), "--exact"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "# 1 equilibrium of pennies.nfg, exact arithmetic",
        "A: 1 (p=1/2), 2 (p=1/2); B: 1 (p=1/2), 2 (p=1/2); payoffs 0, 0",
    ]


def test_json_output(write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(write("battle.nfg", BATTLE)), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["arithmetic"] == "exact"
    assert report["tolerance"] is None
    assert report["players"] == ["Her", "Him"]
    expected = {
        "exact": True,
        "tolerance": None,
        "component": 2,
        "profile": [["3/5", "2/5"], ["2/5", "3/5"]],
        "payoffs": ["6/5", "6/5"],
    }
    assert expected in report["equilibria"]
    assert len(report["equilibria"]) == 3
    # One number type: every probability and payoff is a string, integers included.
    assert report["equilibria"][0]["profile"] == [["0", "1"], ["0", "1"]]
    assert report["equilibria"][0]["payoffs"] == ["2", "3"]
    assert [eq["component"] for eq in report["equilibria"]] == [1, 2, 3]


def test_json_output_in_floats(write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(write("pennies.nfg", DECIMAL)), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["arithmetic"] == "float"
    assert float(report["tolerance"]) > 0
    (equilibrium,) = report["equilibria"]
    # Floats are strings too, in Python's shortest round-trip form (the float as computed), read by float().
    assert all(isinstance(v, str) for strategy in equilibrium["profile"] for v in strategy)
    assert [[float(v) for v in strategy] for strategy in equilibrium["profile"]] == [[pytest.approx(0.5)] * 2] * 2
    assert all("/" not in v and "." in v for strategy in equilibrium["profile"] for v in strategy)
    assert equilibrium["payoffs"] == ["0.0", "0.0"]
    assert equilibrium["exact"] is False
    assert float(equilibrium["tolerance"]) == float(report["tolerance"])
    assert equilibrium["component"] == 1


def test_efg_is_solved_through_the_reduced_normal_form(write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(write("stay.efg", TREE))]) == 0
    out = capsys.readouterr().out
    # Absorb (-2) is the US's best reply to an attack, so attacking pays: (Attack, Absorb) gives (2, -2).
    assert "Militia: Attack; US: Absorb; payoffs 2, -2" in out.splitlines()
    assert out.startswith("# ")


def test_json_game_file(write, capsys: pytest.CaptureFixture[str]) -> None:
    game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    assert main(["solve", str(write("coord.json", generate_json(game)))]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "# 3 equilibria of coord.json, exact arithmetic"


def test_file_type_is_sniffed_without_extension(write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(write("game.txt", TREE))]) == 0
    assert "Withdraw" in capsys.readouterr().out


def test_parametric_file_is_a_one_line_error(write, capsys: pytest.CaptureFixture[str]) -> None:
    game = NormalFormGame.from_bimatrix([["-c", 0]], [["b", 0]])
    assert main(["solve", str(write("param.json", generate_json(game)))]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "parameters (b, c)" in captured.err


def test_bad_file_is_a_one_line_error(write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("bad.nfg", 'NFG 1 R "" { "A" "B" }\n{ 2 2 }\n1 2 3 oops')
    assert main(["solve", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("gametheory: error: ")
    assert "line 4" not in err
    assert "line 3" in err


def test_one_player_tree_is_a_one_line_error(write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("drive.efg", 'EFG 2 R "" { "Driver" } p "" 1 1 "" { "Exit" "Go" } 0 t "" 1 "" { 0 } t "" 2 "" { 1 }')
    assert main(["solve", str(path)]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path) -> None:
    assert main(["solve", str(tmp_path / "nope.nfg")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_bad_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve"]) == 2
    assert main(["frobnicate", "x"]) == 2
    assert main(["solve", "x.nfg", "--format", "yaml"]) == 2
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err


def test_no_command_names_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage: gametheory ")
    assert "gametheory: error: no command given" in captured.err
    assert "  solve   print every Nash equilibrium" in captured.err
    assert "Traceback" not in captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from gametheory import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"gametheory {__version__}\n"


def test_help_documents_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    import gametheory.__main__ as cli

    for argv in (["--help"], ["solve", "--help"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "exit status:" in out
        assert "  0  success" in out
        assert "  1  the file cannot be read, parsed or solved" in out
        assert "  2  usage error" in out
    assert "Exit status: 0 on success; 1 when the file cannot be read" in (cli.__doc__ or "")


def test_subprocess_version_and_no_command() -> None:
    from gametheory import __version__

    version = subprocess.run(
        [sys.executable, "-m", "gametheory", "--version"], capture_output=True, text=True, check=False
    )
    assert (version.returncode, version.stdout, version.stderr) == (0, f"gametheory {__version__}\n", "")
    bare = subprocess.run([sys.executable, "-m", "gametheory"], capture_output=True, text=True, check=False)
    assert bare.returncode == 2
    assert bare.stdout == ""
    assert "no command given" in bare.stderr
    assert "solve" in bare.stderr


def test_text_notes_the_extreme_points_of_a_continuum(write, capsys: pytest.CaptureFixture[str]) -> None:
    # After Hold the US is indifferent: its threats that keep the Militia holding form one continuum.
    assert main(["solve", str(write("stay.efg", TREE))]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# 4 equilibria of stay.efg, exact arithmetic"
    assert lines[4] == "Militia: Attack; US: Absorb; payoffs 2, -2"
    assert lines[5:] == [
        "# note: equilibria 1, 2 and 3 are extreme points of one continuum of equilibria (component 1)"
    ]


def test_notes_for_two_continua_and_an_isolated_equilibrium(write, capsys: pytest.CaptureFixture[str]) -> None:
    # Column 3 duplicates column 2: each equilibrium that uses column 2 spreads into a segment towards column 3.
    game = NormalFormGame.from_bimatrix([[1, 0, 0], [0, 1, 1]], [[1, 0, 0], [0, 1, 1]])
    path = write("twins.json", generate_json(game))
    assert main(["solve", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# 5 equilibria of twins.json, exact arithmetic"
    assert lines[1:6] == [str(eq) for eq in nash_equilibria(game)]
    assert lines[6:] == [
        "# note: equilibria 1 and 2 are extreme points of one continuum of equilibria (component 1)",
        "# note: equilibria 3 and 4 are extreme points of one continuum of equilibria (component 2)",
    ]
    assert main(["solve", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [eq["component"] for eq in report["equilibria"]] == [1, 1, 2, 2, 3]
    # The same grouping as the library's.
    components = equilibrium_components(game)
    expected = [next(k for k, c in enumerate(components, 1) if eq in c.equilibria) for eq in nash_equilibria(game)]
    assert [eq["component"] for eq in report["equilibria"]] == expected


def test_components_beyond_the_memory_budget_are_left_out(
    write, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gametheory.solvers.components as components_module
    from gametheory.exceptions import ResourceLimitError

    def too_big(game: NormalFormGame) -> None:
        raise ResourceLimitError("grouping would need too much memory")

    monkeypatch.setattr(components_module, "equilibrium_components", too_big)
    path = write("stay.efg", TREE)
    assert main(["solve", str(path)]) == 0
    captured = capsys.readouterr()
    assert "warning: equilibria not grouped into components" in captured.err
    assert len(captured.out.splitlines()) == 5
    assert "note" not in captured.out
    assert main(["solve", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [eq["component"] for eq in report["equilibria"]] == [None] * 4


def test_nondegenerate_game_has_no_notes(write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(write("battle.nfg", BATTLE))]) == 0
    assert "note" not in capsys.readouterr().out


def test_continuum_of_a_float_game(write, capsys: pytest.CaptureFixture[str]) -> None:
    text = 'NFG 1 D "floats" { "A" "B" } { 2 2 } 1.5 1 1.5 0 0 0 0 1\n'
    assert main(["solve", str(write("floats.nfg", text))]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("# ")
    assert "float arithmetic" in out[0]
    assert any(line.startswith("# note: equilibria ") for line in out)


def test_json_numbers_are_all_strings(write, capsys: pytest.CaptureFixture[str]) -> None:
    def numbers(value: object) -> list[object]:
        if isinstance(value, dict):
            return [n for k, v in value.items() if k != "component" for n in numbers(v)]
        if isinstance(value, list):
            return [n for v in value for n in numbers(v)]
        return [value] if isinstance(value, int | float) and not isinstance(value, bool) else []

    for name, text in (("battle.nfg", BATTLE), ("pennies.nfg", DECIMAL), ("stay.efg", TREE)):
        assert main(["solve", str(write(name, text)), "--format", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert numbers(report) == []
        for eq in report["equilibria"]:
            assert isinstance(eq["component"], int)
            assert all(Fraction(v) >= 0 for strategy in eq["profile"] for v in strategy)
            total = [sum(Fraction(v) for v in strategy) for strategy in eq["profile"]]
            assert total == ([1] * 2 if eq["exact"] else [pytest.approx(1)] * 2)


def test_subprocess_success_and_failure(write) -> None:
    good = subprocess.run(
        [sys.executable, "-m", "gametheory", "solve", str(write("battle.nfg", BATTLE)), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    payoffs = {tuple(Fraction(v) for v in eq["payoffs"]) for eq in json.loads(good.stdout)["equilibria"]}
    assert payoffs == {(3, 2), (2, 3), (Fraction(6, 5), Fraction(6, 5))}
    bad = subprocess.run(
        [sys.executable, "-m", "gametheory", "solve", str(write("bad.efg", 'EFG 2 R "" { "A" }\nq'))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr
    assert "line 2, column 1" in bad.stderr


def test_module_docstring_examples_run() -> None:
    # pytest's --doctest-modules skips __main__.py, so run its examples here.
    import doctest

    import gametheory.__main__ as cli

    result = doctest.testmod(cli, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 2
    assert result.failed == 0


def test_irrational_equilibria_of_exact_games_are_reported_as_floats(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # x, y, z = probabilities of s1. Player 1 is indifferent iff 2yz = 1, player 2 iff x = z and
    # player 3 iff y = x: the fully mixed equilibrium is x = y = z = 1/sqrt(2), irrational.
    path = tmp_path / "irrational.nfg"
    write_nfg(irrational_three_player_game(), path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["solve", str(path), "--format", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert main(["solve", str(path)]) == 0
    floats = [eq for eq in report["equilibria"] if not eq["exact"]]
    assert len(floats) == 1
    assert float(floats[0]["profile"][0][0]) == pytest.approx(2**-0.5, abs=1e-12)
    assert report["tolerance"] == floats[0]["tolerance"]
    assert float(report["tolerance"]) > 0
    # Three players: components are not computed, and the report says so with null.
    assert {eq["component"] for eq in report["equilibria"]} == {None}
    assert all(isinstance(v, str) for eq in report["equilibria"] for s in eq["profile"] for v in s)
    header = capsys.readouterr().out.splitlines()[0]
    assert "exact arithmetic; 1 irrational equilibrium in floating point (tolerance" in header


def test_decimals_beyond_the_float_range_are_solved_exactly(write, capsys: pytest.CaptureFixture[str]) -> None:
    text = 'NFG 1 R "big" { "A" "B" } { 2 2 } 1e400 1 0 0 0 0 1 1.5\n'
    assert main(["solve", str(write("big.nfg", text))]) == 0
    captured = capsys.readouterr()
    assert "beyond the float range; solving in exact arithmetic" in captured.err
    assert "unexpected" not in captured.err
    lines = captured.out.splitlines()
    assert lines[0] == "# 3 equilibria of big.nfg, exact arithmetic"
    assert lines[1:] == [str(eq) for eq in nash_equilibria(parse_nfg(text))]


def test_integers_of_over_4300_digits_are_printed_and_written_as_json(
    write, capsys: pytest.CaptureFixture[str]
) -> None:
    from gametheory import NormalFormGame
    from gametheory._internal.bigints import fraction_from_str

    huge = 10**5000 + 7
    game = NormalFormGame.from_bimatrix([[huge, 0], [0, 1]], [[1, 0], [0, 1]])
    path = write("huge.json", generate_json(game))
    assert main(["solve", str(path)]) == 0
    assert "payoffs ~1e+5000, 1" in capsys.readouterr().out
    assert main(["solve", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    payoffs = [eq["payoffs"][0] for eq in report["equilibria"]]
    assert all(isinstance(p, str) for p in payoffs)
    assert huge in [fraction_from_str(p) for p in payoffs]


def test_text_output_shows_every_strategy_and_the_true_payoffs_at_any_scale(
    write, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 9: the tolerance of the 1e300 player used to hide every strategy and payoff.
    path = write("huge.nfg", 'NFG 1 D "huge" { "Row" "Col" } { 2 2 } 3 1e300 5 1.5 0 5 1 1\n')
    assert main(["solve", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Row: 2; Col: 1; payoffs 5, 1.5" in lines
    assert all("Row: ;" not in line and "Col: ;" not in line for line in lines)


@pytest.mark.parametrize("bomb", ["1e99999999", "((((9**64)**64)**64)**64)**64", "9**9**9**9", "exp(1,2)"])
def test_an_expression_bomb_is_a_quick_one_line_error(write, capsys: pytest.CaptureFixture[str], bomb: str) -> None:
    document = {"format": "gametheory", "version": 1, "kind": "normal_form", "payoffs": [[[bomb, 0]], [[0, 1]]]}
    start = time.perf_counter()
    assert main(["solve", str(write("bomb.json", json.dumps(document)))]) == 1
    assert time.perf_counter() - start < 1.0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("gametheory: error: ")
    assert "payoffs[0][0][0]" in err


# The report command (issue 13).

SMALL_PARAMETRIC = json.dumps(
    {
        "format": "gametheory",
        "version": 1,
        "kind": "normal_form",
        "players": ["US", "Militia"],
        "strategies": [["Strike", "Restrain"], ["Attack", "Hold"]],
        "payoffs": [[["-c", 1], ["-c", 0]], [["-R", 1], [0, 0]]],
    }
)


def test_report_writes_a_self_contained_page(write, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path) -> None:
    output = tmp_path / "out.html"
    assert main(["report", str(write("g.json", SMALL_PARAMETRIC)), "--output", str(output), "--set", "R=1/2"]) == 0
    assert capsys.readouterr().out == f"wrote {output}\n"
    text = output.read_text(encoding="utf-8")
    assert "<title>g.json</title>" in text
    assert "base values R = 1/2, c = 1 (parameters not given are 1)" in text
    assert '<input type="range" id="range-0"' in text
    assert "http://" not in text
    assert "https://" not in text


def test_report_of_a_numeric_tree(write, tmp_path: pathlib.Path) -> None:
    output = tmp_path / "tree.html"
    assert main(["report", str(write("tree.efg", TREE)), "--output", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    assert "<title>stay or withdraw</title>" in text
    assert "Militia: Attack; US: Absorb" in text


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("x=1", "unknown parameter 'x'; the parameters are R, c"),
        ("R=abc", '--set R: the value must be a number such as 3, -1/2 or 0.25, not "abc"'),
        ("R=1/0", '--set R: the value must be a number such as 3, -1/2 or 0.25, not "1/0"'),
        ("R", "--set expects NAME=VALUE, not 'R'"),
    ],
)
def test_report_bad_settings_are_one_line_errors(
    write, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, setting: str, message: str
) -> None:
    path = write("g.json", SMALL_PARAMETRIC)
    assert main(["report", str(path), "--output", str(tmp_path / "out.html"), "--set", setting]) == 1
    err = capsys.readouterr().err
    assert err == f"gametheory: error: {path}: {message}\n"
    assert not (tmp_path / "out.html").exists()


def test_report_bad_files_and_command_lines(write, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path) -> None:
    output = str(tmp_path / "out.html")
    assert main(["report", str(write("bad.nfg", "NFG 1 R garbage")), "--output", output]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["report", str(tmp_path / "nope.json"), "--output", output]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["report", str(write("g.json", SMALL_PARAMETRIC))]) == 2  # --output is required
    assert "--output" in capsys.readouterr().err
    assert main(["report", str(write("g.json", SMALL_PARAMETRIC)), "--output", str(tmp_path / "no" / "x.html")]) == 1
    assert "the folder" in capsys.readouterr().err
    path = write("g.json", SMALL_PARAMETRIC)
    assert main(["report", str(path), "--output", output, "--set", "R=1", "--set", "R=2"]) == 1
    assert capsys.readouterr().err == f"gametheory: error: {path}: --set R is given twice\n"
    assert main([]) == 2
    assert "  report  write a self-contained interactive HTML report" in capsys.readouterr().err
