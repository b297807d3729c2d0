"""Threshold marks of plot_equilibrium_path: exact, located by bisection on the solver, or approximate.

Examples
--------
>>> exact_text(sympy.Rational(3, 2)), exact_text(2.1)
('= 3/2', '= 2.1')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import sympy

from gametheory.sensitivity.sweep import Sweep, sweep

__all__ = ["BISECTION_TOLERANCE", "bisect_change", "exact_text", "threshold_levels", "threshold_marks"]

#: Bisection stops when the bracket is this fraction of the swept range.
BISECTION_TOLERANCE = 1e-9


def exact_text(value: Any) -> str:
    """``"= value"``: short exact rationals as fractions, other numbers to 6 significant digits."""
    # Short exact values (3/2) are shown exactly; floats converted exactly (2.1 -> 18915.../2^52) are not.
    short = isinstance(value, sympy.Rational) and value.q <= 1000
    return f"= {value}" if short else f"= {float(value):.6g}"


def threshold_marks(result: Sweep, thresholds: Iterable[Any] | None, game: Any = None) -> list[tuple[float, str]]:
    """``(position, "= value" or "≈ value")`` of each threshold to mark on a one-parameter sweep."""
    x = result.axes[0]
    if thresholds is not None:
        return sorted((float(getattr(t, "value", t)), exact_text(getattr(t, "value", t))) for t in thresholds)
    if result.game is not None:
        from gametheory.sensitivity.thresholds import thresholds as find_thresholds

        found = find_thresholds(
            result.game, result.parameters[0], fixed=dict(result.fixed), interval=(float(x.min()), float(x.max()))
        )
        return sorted((float(item.value), exact_text(item.value)) for item in found)
    marks = []
    for i in np.flatnonzero(np.diff(result.regime) != 0):
        if game is None:
            middle = (x[i] + x[i + 1]) / 2
            marks.append((float(middle), f"≈ {middle:.4g}"))
        else:
            value = bisect_change(result, int(i), game)
            marks.append((value, f"= {value:.6g}"))
    return sorted(marks)


def _holding(result: Sweep, game: Any, value: float) -> frozenset[str]:
    point = sweep(game, {result.parameters[0]: [value]}, fixed=dict(result.fixed))
    return frozenset(label for label, holds in zip(point.branches, point.holds[0], strict=True) if holds)


def bisect_change(result: Sweep, i: int, game: Any) -> float:
    """Where the branches holding at grid point ``i`` stop holding, before grid point ``i + 1``.

    Solves ``game`` (the sweep's game function or model) at midpoints until
    the bracket is :data:`BISECTION_TOLERANCE` of the swept range.
    """
    x = result.axes[0]
    left = frozenset(label for label, holds in zip(result.branches, result.holds[i], strict=True) if holds)
    ascending = bool(x[i] < x[i + 1])
    low, high = sorted((float(x[i]), float(x[i + 1])))
    tolerance = BISECTION_TOLERANCE * max(float(np.ptp(x)), 1e-300)
    while high - low > tolerance:
        middle = (low + high) / 2
        if (_holding(result, game, middle) == left) == ascending:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def threshold_levels(marks: list[tuple[float, str]], x: np.ndarray) -> list[int]:
    """The line (0 or 1) of each mark's label: a label close to the previous one (within 8% of the range) moves up.

    Examples
    --------
    >>> threshold_levels([(1.0, "= 1"), (1.05, "= 1.05"), (1.1, "= 1.1"), (3.0, "= 3")], np.array([0.0, 4.0]))
    [0, 1, 0, 0]
    """
    span = max(float(np.ptp(x)), 1e-300)
    levels: list[int] = []
    for k, (value, _) in enumerate(marks):
        close = k > 0 and abs(value - marks[k - 1][0]) < 0.08 * span
        levels.append(1 if close and levels[-1] == 0 else 0)
    return levels
