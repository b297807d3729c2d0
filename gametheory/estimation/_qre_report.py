"""The statsmodels-style table of a QRE fit, as text and HTML (private)."""

from __future__ import annotations

import html
from typing import Any

import numpy as np

__all__ = ["html_table", "text_table"]

_WIDTH = 78


def _rows(fit: Any) -> list[tuple[str, float, float, float, float, float, float]]:
    from scipy import stats  # imported on first use: import gametheory stays light

    out = []
    for name, value in fit.estimates.items():
        se = fit.standard_errors[name]
        z = value / se if se > 0 else np.nan
        p = 2 * float(stats.norm.sf(abs(z))) if np.isfinite(z) else np.nan
        lo, hi = fit.confidence_intervals[name]
        out.append((name, value, se, z, p, lo, hi))
    return out


def _bounds(level: float) -> tuple[str, str]:
    tail = (1 - level) / 2
    return f"[{tail:.3g}", f"{1 - tail:.3g}]"


def _open_notes(fit: Any) -> list[str]:
    """One sentence per profile-interval end that the log-likelihood drop did not reach within the search range."""
    notes = []
    for name, (low_open, high_open) in getattr(fit, "open_ends", {}).items():
        lo, hi = fit.confidence_intervals[name]
        for is_open, side, end in ((low_open, "below", lo), (high_open, "above", hi)):
            if is_open:
                notes.append(
                    f"{name}: interval open {side}; the profile log-likelihood does not fall far enough "
                    f"before the search limit {end:.4g}"
                )
    return notes


def text_table(fit: Any) -> str:
    """The fit as a fixed-width table."""
    lo, hi = _bounds(fit.level)
    game = " vs ".join(fit.players)
    left = [("Model:", "logit QRE (ML)"), ("Game:", game[:24]), ("Observations:", str(fit.n_observations))]
    right = [
        ("Log-likelihood:", f"{fit.log_likelihood:.4f}"),
        ("Intervals:", f"{fit.interval} {100 * fit.level:g}%"),
        ("Converged:", f"{fit.success} ({fit.nit} it.)"),
    ]
    lines = ["QRE fit".center(_WIDTH), "=" * _WIDTH]
    for (a, b), (c, d) in zip(left, right, strict=True):
        lines.append(f"{a:<14}{b:>24} {c:<16}{d:>23}")
    lines.append("=" * _WIDTH)
    lines.append(f"{'':<16}{'coef':>10}{'std err':>11}{'z':>9}{'P>|z|':>9}{lo:>11}{hi:>12}")
    lines.append("-" * _WIDTH)
    notes = _open_notes(fit)
    for name, value, se, z, p, low, high in _rows(fit):
        low_open, high_open = getattr(fit, "open_ends", {}).get(name, (False, False))
        low_mark, high_mark = "<" if low_open else " ", ">" if high_open else " "
        numbers = f"{value:>10.4f}{se:>11.3f}{z:>9.3f}{p:>9.3f}"
        row = f"{name[:16]:<16}{numbers}{low_mark}{low:>10.3f}{high:>11.3f}{high_mark}"
        lines.append(row.rstrip())
    lines.append("=" * _WIDTH)
    lines.extend(notes)
    if fit.fixed:
        lines.append("Fixed: " + ", ".join(f"{k} = {v:g}" for k, v in fit.fixed.items()))
    return "\n".join(lines)


def html_table(fit: Any) -> str:
    """The fit as an HTML table (for notebooks)."""
    lo, hi = _bounds(fit.level)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in ("", "coef", "std err", "z", "P>|z|", lo, hi))
    body = "".join(
        "<tr><th>"
        + html.escape(name)
        + "</th>"
        + "".join(f"<td>{v:.4g}</td>" for v in (value, se, z, p, a, b))
        + "</tr>"
        for name, value, se, z, p, a, b in _rows(fit)
    )
    caption = (
        f"QRE fit: log-likelihood {fit.log_likelihood:.4f}, {fit.n_observations} observations, "
        f"{fit.interval} {100 * fit.level:g}% intervals"
    )
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in _open_notes(fit))
    return f"<table><caption>{html.escape(caption)}</caption><tr>{head}</tr>{body}</table>{notes}"
