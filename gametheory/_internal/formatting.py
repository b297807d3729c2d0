"""Numbers, mixes and conditions as people read them: ``2/7``, ``Strike 1/3, Restrain 2/3``, ``R > c and b + l = k``."""

from __future__ import annotations

import numbers
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from sympy.logic.boolalg import And, Not, Or

from gametheory._internal.bigints import approx_str, is_huge

__all__ = ["condition_text", "format_mix", "format_number"]

_ASCII_RELATIONS = {"==": "=", "!=": "!=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}
_UNICODE_RELATIONS = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤", ">": ">", "<": "<"}

# A label a probability could be read into: a number itself, or text holding the list separators.
_AMBIGUOUS_LABEL = re.compile(r"\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(/\d+)?\s*|.*[,;()=].*|\s*")


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


def format_mix(labels: Sequence[str], probabilities: Sequence[Any], *, digits: int = 6) -> str:
    """A mixed strategy over the used strategies, with their names: ``Strike 1/3, Restrain 2/3``.

    ``labels`` and ``probabilities`` are the used strategies only. A single
    used strategy (played for sure) prints as its name alone (``Strike``). When a
    label could be read as a number or a separator (``1``, ``a, b``), or a
    probability is a formula with spaces, every entry is written
    ``label (p=value)`` instead, so ``1 (p=1/2), 2 (p=1/2)`` is never
    ``1 1/2, 2 1/2``.
    """
    if len(labels) == 1:
        return str(labels[0])
    values = [format_number(p, digits=digits) for p in probabilities]
    if any(_AMBIGUOUS_LABEL.fullmatch(str(label)) for label in labels) or any(" " in v for v in values):
        return ", ".join(f"{label} (p={v})" for label, v in zip(labels, values, strict=True))
    return ", ".join(f"{label} {v}" for label, v in zip(labels, values, strict=True))


def condition_text(conditions: Any, *, relations: str = "ascii") -> str:
    """Sympy conditions as readable mathematics: ``R > c and b + l = k``; ``always`` for True.

    ``relations="ascii"`` writes ``<=``, ``>=``, ``!=``; ``"unicode"`` writes ``≤``, ``≥``, ``≠``.
    Conjunctions inside a disjunction, and the reverse, are parenthesised.
    """
    table = _UNICODE_RELATIONS if relations == "unicode" else _ASCII_RELATIONS
    if conditions is sympy.true or conditions is True:
        return "always"
    if conditions is sympy.false or conditions is False:
        return "never"
    if isinstance(conditions, And | Or):
        word = " and " if isinstance(conditions, And) else " or "
        parts = []
        for arg in conditions.args:
            text = condition_text(arg, relations=relations)
            parts.append(f"({text})" if isinstance(arg, And | Or) else text)
        return word.join(parts)
    if isinstance(conditions, Not):
        return f"not ({condition_text(conditions.args[0], relations=relations)})"
    operator = getattr(conditions, "rel_op", None)
    if operator in table:
        return f"{conditions.lhs} {table[operator]} {conditions.rhs}"
    return str(conditions)
