"""Numbers as people read them: ``2/7``, ``0.285714``, ``R - c``, ``~1e+5000``."""

from __future__ import annotations

import numbers
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.bigints import approx_str, is_huge

__all__ = ["format_number"]


def format_number(value: Any, *, digits: int = 6) -> str:
    """Format a payoff or probability for display: ``2/7``, ``0.285714``, ``R - c``.

    Exact numbers of more than a thousand digits are abbreviated (``~1e+5000``).
    """
    if is_huge(value):
        return approx_str(value, digits=digits)
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, float | np.floating):
        text = f"{float(value):.{digits}g}"
        return "0" if text == "-0" else text
    if isinstance(value, numbers.Integral):
        return str(int(value))
    try:
        return str(value)
    except ValueError:  # a sympy expression holding an integer beyond Python's 4300-digit str() limit
        return "<expression with numbers of over 4300 digits>"
