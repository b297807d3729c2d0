"""The HTML report in a real browser: headless chromium runs the page's script and we read the rendered DOM.

The sliders are moved by a script appended to a copy of the page (setting a
slider's value and dispatching ``input``, as a user's drag does), and by the
``#name=value`` address the page honours. The regime the page shows is
compared with the regime the library decides exactly at the same values.
Skipped when no chromium is installed.
"""

from __future__ import annotations

import html
import json
import pathlib
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import pytest

from gametheory import NormalFormGame
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.report import write_report
from gametheory.scenarios import stay_or_withdraw

BROWSER = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium to render the report in")

BASE = {"R": 3, "b": 1, "c": 2, "d": 1, "k": 3, "l": 1}
HOSTILE = "</script><script>document.title='pwned'</script>"


def catch22() -> NormalFormGame:
    return NormalFormGame.from_bimatrix(
        [["-c - d", "-c"], ["-R - d", 0]],
        [["b - k + l", 0], ["b", 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


def render(path: pathlib.Path, profile: pathlib.Path, *, fragment: str = "") -> str:
    """The DOM after the page's scripts ran, as chromium dumps it."""
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=5000",
        "--dump-dom",
        path.resolve().as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "</html>" in done.stdout, done.stderr[-2000:]
    return done.stdout


#: Appended to a copy of the page: records what it shows, then for each move resets the sliders to base, moves
#: the named ones (setting a slider's value and dispatching ``input``, as a drag does) and records again.
TRACE = """<script>
(function () {
  var out = [];
  function record() {
    out.push({
      regime: document.getElementById("regime").textContent,
      equilibrium: Array.from(document.querySelectorAll("#equilibrium li")).map(function (li) {
        return li.textContent;
      }),
      active: Array.from(document.querySelectorAll(".regime.active")).map(function (d) {
        return Number(d.id.slice(7));
      })
    });
  }
  record();
  MOVES.forEach(function (move) {
    document.getElementById("reset").click();
    Object.keys(move).forEach(function (k) {
      var slider = document.getElementById("range-" + k);
      slider.value = String(move[k]);
      slider.dispatchEvent(new Event("input", {bubbles: true}));
    });
    record();
  });
  var trace = document.createElement("pre");
  trace.id = "trace";
  trace.textContent = JSON.stringify(out);
  document.body.appendChild(trace);
})();
</script>
</body>"""


def trace(page: pathlib.Path, profile: pathlib.Path, moves: Sequence[Mapping[int, float]]) -> list[dict[str, Any]]:
    """What the page shows at first and after each move of its sliders (``{slider index: value}``)."""
    copy = page.with_name("moved-" + page.name)
    script = TRACE.replace("MOVES", json.dumps([{str(k): v for k, v in move.items()} for move in moves]))
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", script), encoding="utf-8")
    match = re.search(r'<pre id="trace">(.*?)</pre>', render(copy, profile), re.S)
    assert match is not None, "the trace script did not run"
    states = json.loads(html.unescape(match.group(1)))
    assert len(states) == len(moves) + 1
    return states


def shown(dom: str, element: str) -> str:
    match = re.search(rf'<(span|ul) id="{element}">(.*?)</\1>', dom, re.S)
    assert match is not None, f"no #{element} in the page"
    return html.unescape(re.sub(r"<[^>]+>", "\n", match.group(2))).strip()


def active(dom: str) -> list[int]:
    return [int(i) for i in re.findall(r'<div class="regime active" id="regime-(\d+)">', dom)]


def expected(regimes: Sequence[Any], values: Mapping[str, Any]) -> tuple[str, list[int]]:
    """The regime label and the holding indices, decided exactly by the library."""
    holding = [i for i, r in enumerate(regimes) if r.holds_at(values)]
    return " | ".join(regimes[i].label for i in holding) or "no equilibrium", holding


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return write_report(catch22(), tmp_path_factory.mktemp("browser") / "catch22.html", values=BASE)


#: Values of R either side of (and at) its threshold R = c = 2.
R_VALUES = (1.75, 1.999, 2, 2.001, 2.5)


def test_the_baseline_is_shown_and_moving_sliders_changes_the_regime_as_the_formulas_say(
    report: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    branches = parametric_equilibria(catch22())
    # The last move puts b on the plane b + l = k, where the Militia is indifferent: a boundary branch.
    moves = [*({0: r} for r in R_VALUES), {1: 2, 0: 2.5}]
    first, *after = trace(report, tmp_path / "profile", moves)

    regime, holding = expected(branches, BASE)
    assert regime == "US mixes Strike/Restrain; Militia mixes Attack/Hold"
    assert (first["regime"], first["active"]) == (regime, holding)
    # US mixes b/(k - l) = 1/2; the Militia attacks with c/R = 2/3; payoffs -c(R + d)/R = -8/3 and 0.
    assert first["equilibrium"] == [
        "US: Strike 0.5, Restrain 0.5; Militia: Attack 0.666667, Hold 0.333333; payoffs -2.66667, 0"
    ]

    for r, state in zip(R_VALUES, after, strict=False):
        regime, holding = expected(branches, {**BASE, "R": Fraction(str(r))})
        assert (state["regime"], state["active"]) == (regime, holding), f"R = {r}"
        assert ("US: Restrain; Militia: Attack" in regime) == (r <= 2)
        assert ("Militia mixes Attack/Hold" in regime) == (r > 2)
        assert len(state["equilibrium"]) == len(holding)

    regime, holding = expected(branches, {**BASE, "b": 2, "R": Fraction(5, 2)})
    assert "US: Strike; Militia mixes Attack/Hold" in regime
    assert (after[-1]["regime"], after[-1]["active"]) == (regime, holding)


def test_the_address_fragment_sets_the_sliders(report: pathlib.Path, tmp_path: pathlib.Path) -> None:
    dom = render(report, tmp_path / "profile", fragment="#R=3/2&l=2")
    regime, holding = expected(parametric_equilibria(catch22()), {**BASE, "R": Fraction(3, 2), "l": 2})
    assert regime == "US: Restrain; Militia: Attack"
    assert shown(dom, "regime") == regime
    assert active(dom) == holding


def test_a_tree_regime_follows_its_slider(tmp_path: pathlib.Path) -> None:
    tree = stay_or_withdraw()
    base = {"L": 2, "R": 3, "V": 1, "b": 1, "c": 2, "d": 1, "k": 3, "l": 1}
    page = write_report(tree, tmp_path / "tree.html", values=base)
    regimes = subgame_perfect_regimes(tree)
    values = (2.9, 3, 3.1)  # L's threshold is d + min(c, R) = 3: withdraw below, retaliate above
    states = trace(page, tmp_path / "profile", [{0: v} for v in values])
    for value, state in zip((2, *values), states, strict=True):
        regime, holding = expected(regimes, {**base, "L": Fraction(str(value))})
        assert (state["regime"], state["active"]) == (regime, holding), f"L = {value}"
    assert "US: Withdraw" in states[1]["regime"]
    assert "US: Withdraw" not in states[3]["regime"]


def test_hostile_labels_stay_text_in_the_browser(tmp_path: pathlib.Path) -> None:
    game = NormalFormGame.from_bimatrix(
        [["a", 0], [0, 1]], [[1, 0], [0, 1]], players=(HOSTILE, "P2"), strategies=((HOSTILE, "s2"), ("t1", "t2"))
    )
    page = write_report(game, tmp_path / "hostile.html", title="Report")
    dom = render(page, tmp_path / "profile")
    assert "<title>Report</title>" in dom  # the injected script did not run
    regime, _ = expected(parametric_equilibria(game), {"a": 1})
    assert HOSTILE in regime
    assert shown(dom, "regime") == regime
    assert HOSTILE in shown(dom, "equilibrium")  # the label, shown as text by the script
