"""The HTML report as text: what it lists, that it loads nothing, that labels are inert, and its errors."""

from __future__ import annotations

import html
import pathlib
import re

import pytest

from gametheory import ExtensiveFormGame, NormalFormGame, decision, terminal
from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.report import write_report
from gametheory.scenarios import stay_or_withdraw
from gametheory.sensitivity.thresholds import thresholds

HOSTILE = "</script><script>document.title='pwned'</script>"
HOSTILE_PLAYER = '<img src=x onerror="document.title=1">'


def catch22(players=("US", "Militia"), strategies=(("Strike", "Restrain"), ("Attack", "Hold"))) -> NormalFormGame:
    return NormalFormGame.from_bimatrix(
        [["-c - d", "-c"], ["-R - d", 0]],
        [["b - k + l", 0], ["b", 0]],
        players=players,
        strategies=strategies,
    )


@pytest.fixture(scope="module")
def catch22_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "catch22.html"
    write_report(catch22(), path, values={"R": 3, "c": 2, "k": 3})
    return path.read_text(encoding="utf-8")


def test_every_branch_is_listed_with_its_formulas_and_conditions(catch22_page: str) -> None:
    branches = parametric_equilibria(catch22())
    assert len(branches) >= 5
    for i, branch in enumerate(branches):
        assert f'id="regime-{i}"' in catch22_page
        assert f"<h3>{html.escape(branch.label)}</h3>" in catch22_page
    assert "Attack = c/R, Hold = (R - c)/R" in catch22_page
    assert 'when <span class="formula">R ≥ c and b + l ≥ k</span>' in catch22_page
    assert "-c·(R + d)/R" in catch22_page  # products written with a dot, not Python's *
    markup = re.sub(r"<script.*?</script>", "", catch22_page, flags=re.S)
    assert "\\frac" not in markup  # no TeX for MathJax
    assert "$" not in markup


def test_the_branches_holding_at_the_base_values_are_highlighted(catch22_page: str) -> None:
    base = {"R": 3, "b": 1, "c": 2, "d": 1, "k": 3, "l": 1}
    holding = [i for i, b in enumerate(parametric_equilibria(catch22())) if b.holds_at(base)]
    assert len(holding) == 1
    active = re.findall(r'<div class="regime active" id="regime-(\d+)">', catch22_page)
    assert [int(i) for i in active] == holding


def test_thresholds_at_the_base_values_are_shown(catch22_page: str) -> None:
    fixed = {"b": 1, "c": 2, "d": 1, "k": 3, "l": 1}
    (found,) = thresholds(catch22(), "R", fixed=fixed)
    assert found.value == 2
    assert "<h3>R (with b = 1, c = 2, d = 1, k = 3, l = 1)</h3>" in catch22_page
    assert '<td class="formula">R = 2</td>' in catch22_page
    assert html.escape(" | ".join(found.above)) in catch22_page
    # The threshold is a tick mark on R's slider.
    assert '<datalist id="ticks-0"><option value="2"></option></datalist>' in catch22_page


def test_one_slider_and_number_box_per_parameter(catch22_page: str) -> None:
    names = ["R", "b", "c", "d", "k", "l"]
    for k, name in enumerate(names):
        assert f'<label for="value-{k}">{name}</label>' in catch22_page
        assert f'<input type="range" id="range-{k}"' in catch22_page
        assert f'<input type="number" id="value-{k}"' in catch22_page
    assert 'id="range-6"' not in catch22_page


def test_figures_are_inline_and_nothing_is_loaded_from_the_network(catch22_page: str) -> None:
    assert "http://" not in catch22_page
    assert "https://" not in catch22_page
    assert not re.search(r"<script[^>]*\bsrc\s*=", catch22_page)
    assert not re.search(r"<link\b", catch22_page)
    sources = re.findall(r'<img src="([^"]*)"', catch22_page)
    assert len(sources) == 2  # the regime map and the tornado chart
    assert all(s.startswith("data:image/png;base64,") for s in sources)
    assert "<h2>Regime map</h2>" in catch22_page
    assert "<h2>Tornado chart</h2>" in catch22_page


def test_hostile_labels_are_escaped_everywhere(tmp_path: pathlib.Path) -> None:
    game = NormalFormGame.from_bimatrix(
        [["a", 0], [0, 1]],
        [[1, 0], [0, 1]],
        players=(HOSTILE_PLAYER, "P2"),
        strategies=((HOSTILE, "s2"), ("t1", HOSTILE)),
    )
    text = write_report(game, tmp_path / "hostile.html", title=HOSTILE).read_text()
    assert HOSTILE not in text
    assert HOSTILE_PLAYER not in text
    assert "<img src=x" not in text
    # The three scripts of the page are the only ones: data, formulas, runtime.
    assert len(re.findall(r"<script\b", text)) == 3
    assert len(re.findall(r"</script>", text)) == 3
    assert html.escape(HOSTILE) in text  # shown, as text
    data = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', text, re.S)
    assert data is not None
    assert "<" not in data.group(1)
    assert ">" not in data.group(1)


def test_a_numeric_game_gets_its_equilibria_and_payoff_matrix(tmp_path: pathlib.Path) -> None:
    game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"))
    text = write_report(game, tmp_path / "pd.html").read_text()
    assert "<h2>Nash equilibria</h2>" in text
    assert "<tr><td>1</td><td>s2</td><td>s2</td><td>1, 1</td></tr>" in text
    assert 'type="range"' not in text
    assert "<script" not in text
    assert len(re.findall(r'<img src="data:image/png;base64,', text)) == 1
    assert "http://" not in text
    assert "https://" not in text


def test_a_mixed_numeric_equilibrium_shows_its_probabilities(tmp_path: pathlib.Path) -> None:
    game = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    text = write_report(game, tmp_path / "mp.html").read_text()
    assert "<td>s1 1/2, s2 1/2</td><td>s1 1/2, s2 1/2</td><td>0, 0</td>" in text


def test_a_parametric_tree_gets_its_regimes_and_figure(tmp_path: pathlib.Path) -> None:
    tree = stay_or_withdraw()
    values = {"L": 2, "R": 3, "c": 2, "d": 1, "k": 3, "l": 1, "b": 1, "V": 1}
    text = write_report(tree, tmp_path / "tree.html", values=values).read_text()
    regimes = subgame_perfect_regimes(tree)
    for i, regime in enumerate(regimes):
        active = " active" if regime.holds_at(values) else ""
        assert f'<div class="regime{active}" id="regime-{i}"><span class="badge">holds</span>' in text
        assert f"<h3>{html.escape(regime.label)}</h3>" in text
    assert "Subgame-perfect regimes (formulas)" in text
    assert '<td class="formula">L = 3</td>' in text
    assert len(re.findall(r'<img src="data:image/png;base64,', text)) == 3  # tree, regime map, tornado


def test_a_numeric_tree_gets_its_subgame_perfect_equilibria(tmp_path: pathlib.Path) -> None:
    tree = ExtensiveFormGame(
        decision(
            "Entrant",
            {"In": decision("Incumbent", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)}), "Out": terminal(0, 2)},
        ),
        players=("Entrant", "Incumbent"),
        title="Entry",
    )
    text = write_report(tree, tmp_path / "entry.html").read_text()
    assert "<title>Entry</title>" in text
    assert "<h2>Subgame-perfect equilibria</h2>" in text
    assert "Entrant: In; Incumbent: Share" in text


def test_a_parametric_tree_of_imperfect_information_is_reported_by_its_perfect_bayesian_regimes(
    tmp_path: pathlib.Path,
) -> None:
    from gametheory import perfect_bayesian_equilibria, perfect_bayesian_regimes

    left = decision("B", {"l": terminal("a", 1), "r": terminal(0, 0)}, infoset="b")
    right = decision("B", {"l": terminal(0, 0), "r": terminal(1, "c")}, infoset="b")
    tree = ExtensiveFormGame(decision("A", {"L": left, "R": right}), players=("A", "B"))
    text = write_report(tree, tmp_path / "imperfect.html", values={"a": 2}).read_text()
    assert "Perfect Bayesian regimes (formulas)" in text
    regimes = perfect_bayesian_regimes(tree)
    assert len(re.findall(r'<div class="regime[ a-z]*" id="regime-\d+">', text)) == len(regimes)
    for regime in regimes:
        assert html.escape(regime.label) in text
    numeric = write_report(tree.fix_parameters({"a": 2, "c": 3}), tmp_path / "numeric.html").read_text()
    assert "<h2>Perfect Bayesian equilibria</h2>" in numeric
    for eq in perfect_bayesian_equilibria(tree.fix_parameters({"a": 2, "c": 3})):
        assert html.escape(str(eq).split("\n")[0]) in numeric


def test_one_parameter_has_no_regime_map_but_a_note(tmp_path: pathlib.Path) -> None:
    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    text = write_report(game, tmp_path / "one.html").read_text()
    assert "The regime map needs two parameters" in text
    assert "(parameters not given are 1)" in text
    assert '<input type="number" id="value-0" step="any" value="1">' in text


def test_unknown_parameter_names_are_an_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ParameterError, match="unknown parameters 'x', 'y'; the parameters are R, b, c, d, k, l"):
        write_report(catch22(), tmp_path / "x.html", values={"x": 1, "y": 2})
    assert not (tmp_path / "x.html").exists()


def test_bad_values_and_games_are_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ParameterError, match="not finite"):
        write_report(catch22(), tmp_path / "x.html", values={"R": float("inf")})
    with pytest.raises(UnsupportedGameError, match="NormalFormGame or an ExtensiveFormGame"):
        write_report("game.nfg", tmp_path / "x.html")  # type: ignore[arg-type]
    three = NormalFormGame(
        [[[["a", 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]]], [[[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [1, 1, 1]]]]
    )
    with pytest.raises(UnsupportedGameError):
        write_report(three, tmp_path / "x.html")


def test_the_report_never_overwrites_its_game_file(tmp_path) -> None:
    from gametheory.exceptions import InvalidArgumentError
    from gametheory.report.command import report_file

    game = tmp_path / "pd.nfg"
    game.write_text('NFG 1 R "" { "Row" "Col" } { 2 2 } 3 3 5 0 0 5 1 1')
    with pytest.raises(InvalidArgumentError, match="the game file itself"):
        report_file(game, tmp_path / "." / "pd.nfg")
    assert game.read_text().startswith("NFG")


def test_dollar_signs_in_labels_are_drawn_as_text(tmp_path) -> None:
    from gametheory.report.command import report_file

    game = tmp_path / "dollar.nfg"
    game.write_text('NFG 1 R "" { "A" "B" } { { "Offer $5 % fee $2" "No" } { "l" "r" } }\n""\n\n1 1 0 0 0 0 1 1\n')
    page = report_file(game, tmp_path / "dollar.html").read_text()
    assert "Offer $5 % fee $2" in page


@pytest.mark.parametrize("value", ["1e400", "1e999999999", "-1e-400"])
def test_values_beyond_float_range_are_refused_at_once(value) -> None:
    from gametheory.exceptions import ParameterError
    from gametheory.report.command import parse_setting

    with pytest.raises(ParameterError, match="beyond the range"):
        parse_setting(f"R={value}")
