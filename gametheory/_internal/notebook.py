"""Rich display of result records in notebooks: ``_repr_html_`` tables and ``_repr_latex_`` arrays.

The records' methods are one-liners calling the builders here; the builders
take plain data (labels, numbers, sympy expressions), so this module depends
on nothing above :mod:`gametheory._internal`. Every label is user text and is
escaped: with :func:`html.escape` in HTML, with :func:`latex_text` in LaTeX
(where it is set upright in math mode, so that the escapes mean the same in
LaTeX and in MathJax).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory._internal.formatting import condition_text, format_number

__all__ = [
    "Math",
    "equilibrium_html",
    "equilibrium_latex",
    "html_table",
    "latex_array",
    "latex_number",
    "latex_text",
    "regime_html",
    "regime_latex",
    "sweep_html",
    "sweep_latex",
]

# Characters with a meaning in LaTeX (or in HTML, where some notebooks insert LaTeX output), as math-mode text.
_LATEX_ESCAPES = {
    "\\": r"\backslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\sim{}",
    "^": r"\hat{}",
    "<": r"\lt{}",
    ">": r"\gt{}",
    " ": r"\ ",
    "\n": r"\ ",
    "\r": r"\ ",
    "\t": r"\ ",
}


class Math(str):
    """A LaTeX cell that is already math (such as :func:`sympy.latex` output): inserted as it is."""

    __slots__ = ()


def latex_text(text: Any) -> str:
    r"""User text as upright math-mode LaTeX, every special character escaped: ``a&b`` -> ``\mathrm{a\&b}``."""
    escaped = "".join(_LATEX_ESCAPES.get(c, c) for c in str(text))
    return rf"\mathrm{{{escaped}}}" if escaped else ""


def latex_number(value: Any) -> str:
    r"""A probability or payoff as LaTeX: ``\frac{1}{2}``, ``0.25``, or the formula of a sympy expression."""
    if isinstance(value, Fraction) and value.denominator != 1:
        sign = "-" if value < 0 else ""
        return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    if isinstance(value, sympy.Basic):
        return str(sympy.latex(value))
    return "".join(_LATEX_ESCAPES.get(c, c) for c in format_number(value))


def html_table(header: Sequence[tuple[str, int]], rows: Iterable[Sequence[str]], *, caption: str | None = None) -> str:
    """An HTML table of plain-text cells (escaped here); ``header`` is ``(text, colspan)`` pairs."""
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    heads = "".join(
        f'<th colspan="{span}">{html.escape(text)}</th>' if span > 1 else f"<th>{html.escape(text)}</th>"
        for text, span in header
    )
    parts.append(f"<thead><tr>{heads}</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def latex_array(header: Sequence[str], rows: Sequence[Sequence[str]], *, footer: str = "") -> str:
    """A ``$\\begin{array}...$`` of cells: plain text is escaped, :class:`Math` cells are kept as they are."""
    width = max([len(header), *(len(row) for row in rows)])

    def line(cells: Sequence[str]) -> str:
        padded = [*cells, *[""] * (width - len(cells))]
        return " & ".join(c if isinstance(c, Math) else latex_text(c) for c in padded)

    body = [line(header) + r" \\ \hline", *(line(row) + r" \\" for row in rows)]
    table = "\\begin{array}{" + "l" * width + "}\n" + "\n".join(body) + "\n\\end{array}"
    if footer:  # a nested array rather than \multicolumn, which MathJax lacks
        table = "\\begin{array}{l}\n" + table + " \\\\\n" + footer + "\n\\end{array}"
    return f"${table}$"


def equilibrium_html(
    players: Sequence[str],
    strategies: Sequence[Sequence[str]],
    profile: Any,
    support: Sequence[Sequence[int]],
    payoffs: Any,
    *,
    caption: str | None = None,
    conditions: Any = None,
) -> str:
    """Players as rows; the strategies each plays, with their probabilities (or formulas); the payoffs."""
    width = max((len(s) for s in support), default=1) or 1
    rows = []
    for name, labels, row, used, payoff in zip(players, strategies, profile, support, payoffs, strict=True):
        cells = [labels[i] if len(used) == 1 else f"{labels[i]}: {format_number(row[i])}" for i in used]
        rows.append([name, *cells, *[""] * (width - len(cells)), format_number(payoff)])
    if conditions is not None:
        rows.append(["when", condition_text(conditions, relations="unicode"), *[""] * width])
    header = [("Player", 1), ("Strategy" if width == 1 else "Strategies (probability)", width), ("Payoff", 1)]
    return html_table(header, rows, caption=caption)


def equilibrium_latex(
    players: Sequence[str],
    strategies: Sequence[Sequence[str]],
    profile: Any,
    support: Sequence[Sequence[int]],
    payoffs: Any,
    *,
    conditions: Any = None,
) -> str:
    """The LaTeX array of :func:`equilibrium_html`; conditions as :func:`sympy.latex`."""
    rows = []
    for name, labels, row, used, payoff in zip(players, strategies, profile, support, payoffs, strict=True):
        cells = [
            Math(latex_text(labels[i]) if len(used) == 1 else rf"{latex_text(labels[i])} = {latex_number(row[i])}")
            for i in used
        ]
        rows.append([name, *cells, Math(latex_number(payoff))])
    width = max(len(row) for row in rows) if rows else 2
    rows = [[*row[:-1], *[""] * (width - len(row)), row[-1]] for row in rows]
    header = ["Player", "Strategies", *[""] * (width - 3), "Payoff"]
    footer = "" if conditions is None else r"\text{when } " + str(sympy.latex(conditions))
    return latex_array(header, rows, footer=footer)


def regime_html(
    players: Sequence[str], moves: Sequence[tuple[int, str, str]], payoffs: Sequence[Any], conditions: Any, label: str
) -> str:
    """A regime's table: each player's moves (``(player, information set, action)``), payoff, and conditions."""
    rows = [
        [name, "; ".join(f"{where}: {action}" for who, where, action in moves if who == i), format_number(payoff)]
        for i, (name, payoff) in enumerate(zip(players, payoffs, strict=True))
    ]
    rows.append(["when", condition_text(conditions, relations="unicode"), ""])
    return html_table([("Player", 1), ("Moves", 1), ("Payoff", 1)], rows, caption=label)


def regime_latex(
    players: Sequence[str], moves: Sequence[tuple[int, str, str]], payoffs: Sequence[Any], conditions: Any
) -> str:
    """The LaTeX array of :func:`regime_html`."""
    rows = [
        [
            name,
            Math(
                r",\ ".join(rf"{latex_text(where)}: {latex_text(action)}" for who, where, action in moves if who == i)
            ),
            Math(latex_number(payoff)),
        ]
        for i, (name, payoff) in enumerate(zip(players, payoffs, strict=True))
    ]
    footer = r"\text{when } " + str(sympy.latex(conditions))
    return latex_array(["Player", "Moves", "Payoff"], rows, footer=footer)


def sweep_html(regimes: Sequence[str], codes: np.ndarray, *, caption: str) -> str:
    """Each regime of a sweep with the number and share of grid points where it holds."""
    counts, total = _counts(regimes, codes)
    rows = [[label, str(n), f"{n / total:.1%}" if total else "-"] for label, n in zip(regimes, counts, strict=True)]
    return html_table([("Regime", 1), ("Points", 1), ("Share", 1)], rows, caption=caption)


def sweep_latex(regimes: Sequence[str], codes: np.ndarray) -> str:
    """The LaTeX array of :func:`sweep_html`."""
    counts, total = _counts(regimes, codes)
    rows = [
        [label, Math(str(n)), Math(rf"{100 * n / total:.1f}\%" if total else "-")]
        for label, n in zip(regimes, counts, strict=True)
    ]
    return latex_array(["Regime", "Points", "Share"], rows)


def _counts(regimes: Sequence[str], codes: np.ndarray) -> tuple[list[int], int]:
    flat = np.asarray(codes, dtype=np.int64).ravel()
    counts = np.bincount(flat, minlength=len(regimes)) if flat.size else np.zeros(len(regimes), dtype=np.int64)
    return [int(n) for n in counts[: len(regimes)]], int(flat.size)
