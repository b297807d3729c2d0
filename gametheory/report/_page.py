"""The HTML of the report: every piece of user text escaped here, every figure and script inline.

Labels and formulas go into the markup through :func:`html.escape`, and into
the script's data as JSON inside a ``<script type="application/json">``
element with ``<``, ``>`` and ``&`` written as ``\\u`` escapes, so no label
can close an element or start a script. The only JavaScript code is the
fixed runtime of :mod:`gametheory.report._assets` and the functions made by
:mod:`gametheory.report._javascript`, which name parameters ``p0``, ``p1``, ...
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from typing import Any

from gametheory.report._analysis import ParameterInfo, RegimeInfo, exact_text
from gametheory.report._assets import SCRIPT, STYLE
from gametheory.report._javascript import RELATIVE_TOLERANCE

__all__ = ["escape", "figure", "json_data", "page", "parametric_sections", "table"]

Figure = tuple[str | None, str]


def escape(text: Any) -> str:
    """User text for HTML element content or a quoted attribute."""
    return html.escape(str(text), quote=True)


def json_data(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` characters."""
    text = json.dumps(data, ensure_ascii=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def table(header: Sequence[str], rows: Iterable[Sequence[Any]], *, formula_columns: Sequence[int] = ()) -> str:
    """A table of plain-text cells, each escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = []
        for k, cell in enumerate(row):
            css = ' class="formula"' if k in formula_columns else ""
            cells.append(f"<td{css}>{escape(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def figure(result: Figure, caption: str, alt: str) -> str:
    """An inline image with its caption, or the note saying why it is missing."""
    uri, note = result
    if uri is None:
        return f'<p class="note">{escape(note)}</p>' if note else ""
    return f'<figure><img src="{uri}" alt="{escape(alt)}"><figcaption>{escape(caption)}</figcaption></figure>'


def section(title: str, body: str, *, anchor: str) -> str:
    return f'<section id="{anchor}"><h2>{escape(title)}</h2>{body}</section>'


def page(title: str, subtitle: str, sections: Sequence[str], *, data: Any = None, formulas: str = "") -> str:
    """The whole document; the script is included only when there are sliders (``data`` given)."""
    script = ""
    if data is not None:
        script = (
            f'<script type="application/json" id="report-data">{json_data(data)}</script>\n'
            f"<script>\nwindow.gametheoryFormulas = {formulas};\n</script>\n<script>{SCRIPT}</script>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>\n<main>\n"
        + "\n".join(sections)
        + "\n</main>\n<footer>Made by gametheory; this page loads nothing from the network.</footer>\n"
        + script
        + "\n</body>\n</html>\n"
    )


def parametric_sections(
    regimes: Sequence[RegimeInfo],
    parameters: Sequence[ParameterInfo],
    players: Sequence[str],
    *,
    kind: str,
) -> tuple[list[str], dict[str, Any], str]:
    """The slider, regime and threshold sections, the script's data, and its formula functions."""
    holding = [r for r in regimes if r.holds]
    sections = [
        section("Explore the parameters", _sliders(parameters, holding), anchor="explore"),
        section(kind, _regime_cards(regimes), anchor="regimes"),
        section("Thresholds at the base values", _thresholds(parameters), anchor="thresholds"),
    ]
    data = {
        "tolerance": RELATIVE_TOLERANCE,
        "players": list(players),
        "strategies": [],
        "parameters": [{"name": p.name, "base": float(p.base)} for p in parameters],
        "regimes": [{"label": r.label} for r in regimes],
    }
    formulas = (
        "{\n  conditions: [\n    "
        + ",\n    ".join(r.condition_js for r in regimes)
        + "\n  ],\n  profiles: [\n    "
        + ",\n    ".join(r.profile_js or "null" for r in regimes)
        + "\n  ],\n  payoffs: [\n    "
        + ",\n    ".join(r.payoffs_js for r in regimes)
        + "\n  ]\n}"
    )
    return sections, data, formulas


def _sliders(parameters: Sequence[ParameterInfo], holding: Sequence[RegimeInfo]) -> str:
    rows = ['<div class="sliders">']
    for k, p in enumerate(parameters):
        base = float(p.base)
        low, high = min(p.low, base), max(p.high, base)
        ticks = "".join(f'<option value="{_js(t.approx)}"></option>' for t in p.thresholds if low <= t.approx <= high)
        rows.append(
            f'<label for="value-{k}">{escape(p.name)}</label>'
            f'<input type="range" id="range-{k}" min="{_js(low)}" max="{_js(high)}" step="any" value="{_js(base)}"'
            f' list="ticks-{k}" aria-label="{escape(p.name)}">'
            f'<input type="number" id="value-{k}" step="any" value="{_js(base)}">'
            f'<span class="range">base {escape(exact_text(p.base))}; {low:g} to {high:g}</span>'
            f'<datalist id="ticks-{k}">{ticks}</datalist>'
        )
    rows.append("</div>")
    regime = " | ".join(r.label for r in holding) if holding else "no equilibrium"
    items = "".join(f"<li>{escape(r.label)}</li>" for r in holding) or "<li>none of the branches holds here</li>"
    rows.append(
        '<div class="status">'
        f'<p><strong>Regime:</strong> <span id="regime">{escape(regime)}</span></p>'
        f'<p><strong>Equilibrium at these values:</strong></p><ul id="equilibrium">{items}</ul>'
        "</div>"
        '<p class="note"><button type="button" id="reset">Back to the base values</button> '
        "The sliders evaluate the exact formulas below in double precision: the two sides of a relation count "
        f"as equal when they differ by no more than rounding can explain ({_js(RELATIVE_TOLERANCE)} times their size "
        "with every term made positive). "
        "Tick marks on a slider are its exact thresholds. Add <code>#name=value&amp;...</code> to the page's "
        "address (for example <code>report.html#"
        + escape(parameters[0].name if parameters else "x")
        + "=3</code>) to open it at other values.</p>"
    )
    return "".join(rows)


def _js(value: float) -> str:
    """A float as JavaScript prints it: ``1``, ``2.5``, ``1e-9``."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text.replace("e-0", "e-").replace("e+0", "e+")


def _regime_cards(regimes: Sequence[RegimeInfo]) -> str:
    if not regimes:
        return '<p class="note">The game has no equilibrium branch.</p>'
    cards = ['<p class="note">Highlighted: what holds at the values above.</p><div class="regimes">']
    for i, r in enumerate(regimes):
        rows = [[player, moves] for player, moves in r.moves]
        rows.append(["payoffs", ", ".join(r.payoffs)])
        cards.append(
            f'<div class="regime{" active" if r.holds else ""}" id="regime-{i}">'
            f'<span class="badge">holds</span><h3>{escape(r.label)}</h3>'
            + table(["Player", "Plays"], rows, formula_columns=(1,))
            + f'<div class="when">when <span class="formula">{escape(r.conditions)}</span></div></div>'
        )
    cards.append("</div>")
    return "".join(cards)


def _thresholds(parameters: Sequence[ParameterInfo]) -> str:
    parts = []
    for p in parameters:
        others = ", ".join(f"{q.name} = {exact_text(q.base)}" for q in parameters if q is not p)
        where = f" (with {others})" if others else ""
        parts.append(f"<h3>{escape(p.name)}{escape(where)}</h3>")
        if p.note:
            parts.append(f'<p class="note">{escape(p.note)}</p>')
        elif not p.thresholds:
            parts.append('<p class="note">No threshold: the equilibria do not change with this parameter alone.</p>')
        else:
            rows = [[f"{p.name} = {t.value}", f"{t.approx:.6g}", t.below, t.at, t.above] for t in p.thresholds]
            parts.append(table(["Threshold", "≈", "Just below", "At", "Just above"], rows, formula_columns=(0,)))
    return "".join(parts)
