"""Scenario parameters: a number, or a positive sympy symbol when left out."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory.exceptions import ParameterError

__all__ = ["value_or_symbol"]


def value_or_symbol(value: Any, *, name: str, symbol: str) -> Any:
    """Return ``value`` checked as a real number, or the positive symbol ``symbol`` when it is None.

    Scenario parameters are costs, gains and probabilities measured as
    magnitudes, so a parameter left out becomes ``sympy.Symbol(symbol,
    positive=True)``. Numbers may be int, Fraction, float or a sympy
    expression (for example another positive symbol).

    Examples
    --------
    >>> value_or_symbol(None, name="strike_cost", symbol="c").is_positive
    True
    >>> value_or_symbol(2, name="strike_cost", symbol="c")
    2
    """
    if value is None:
        return sympy.Symbol(symbol, positive=True)
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction | np.integer | np.floating | sympy.Expr):
        raise ParameterError(f"{name} must be a real number or a sympy expression, not {type(value).__name__}")
    if isinstance(value, float | np.floating) and not math.isfinite(value):
        raise ParameterError(f"{name} must be finite, not {value}")
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, sympy.Expr) and (
        value.is_real is False or value.has(sympy.oo, -sympy.oo, sympy.zoo, sympy.nan)
    ):
        raise ParameterError(f"{name} must be a finite real number, not {value}")
    return value
