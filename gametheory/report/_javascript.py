"""Sympy formulas compiled to JavaScript source, for the sliders of the HTML report.

The compiler walks the expression tree and accepts only the node types it
knows (numbers, symbols, sums, products, powers with rational exponents,
``Abs``, ``Min``/``Max``, relations, ``And``/``Or``/``Not`` and
``Piecewise``); anything else raises :class:`~gametheory.exceptions.ExpressionError`
rather than being guessed at. Parameters never appear by name in the
output: parameter ``k`` (in the order given) is the JavaScript identifier
``pk``, so no user text reaches the script.

Relations compile to calls of the page's ``rel(op, lhs, rhs, size)``, which
decides them in float64: the two sides count as equal when they differ by at
most :data:`RELATIVE_TOLERANCE` times ``size``, the value of both sides with
every term and factor replaced by its absolute value. That bounds the
rounding error of the float64 evaluation (about 1e-16 times ``size`` per
operation), so a tie is found however large or small the values are, and
sides that differ by more than rounding never tie (``R = 3e-10`` and
``c = 2e-10`` differ; so do ``9e8 + 0.7`` and ``9e8``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy
from sympy.logic.boolalg import And, BooleanFalse, BooleanTrue, Not, Or

from gametheory._internal.formatting import format_number
from gametheory.exceptions import ExpressionError

__all__ = ["RELATIVE_TOLERANCE", "compile_condition", "compile_expression", "identifiers", "js_function"]

#: Two sides of a relation are equal in the page when they differ by at most this much times their size
#: (the sides evaluated with every term and factor made positive: a bound on the rounding error).
RELATIVE_TOLERANCE = 1e-12

_RELATIONS = {
    sympy.Eq: "eq",
    sympy.Ne: "ne",
    sympy.Lt: "lt",
    sympy.Le: "le",
    sympy.Gt: "gt",
    sympy.Ge: "ge",
}


def identifiers(parameters: Sequence[sympy.Symbol]) -> dict[sympy.Symbol, str]:
    """The JavaScript name of each parameter: ``p0``, ``p1``, ... in the order given.

    Examples
    --------
    >>> import sympy
    >>> identifiers(sympy.symbols("R c"))
    {R: 'p0', c: 'p1'}
    """
    return {symbol: f"p{k}" for k, symbol in enumerate(parameters)}


def js_function(body: str, names: dict[sympy.Symbol, str]) -> str:
    """A JavaScript function expression of the parameters returning ``body``.

    Examples
    --------
    >>> import sympy
    >>> R = sympy.Symbol("R")
    >>> js_function(compile_expression(2 * R, identifiers([R])), identifiers([R]))
    'function(p0) { return (2 * p0); }'
    """
    return f"function({', '.join(names.values())}) {{ return {body}; }}"


def compile_expression(expr: Any, names: dict[sympy.Symbol, str]) -> str:
    """JavaScript source computing the sympy expression ``expr`` in float64.

    Raises
    ------
    ExpressionError
        On a node type the compiler does not know, or a symbol not in ``names``.

    Examples
    --------
    >>> import sympy
    >>> R, c = sympy.symbols("R c")
    >>> names = identifiers([R, c])
    >>> compile_expression((R - c) / R, names)
    '(Math.pow(p0, -1) * (p0 + (-1 * p1)))'
    >>> compile_expression(sympy.sqrt(R) + sympy.Rational(1, 3), names)
    '((1 / 3) + Math.sqrt(p0))'
    >>> compile_expression(sympy.sin(R), names)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ExpressionError: cannot compile sin(R) to JavaScript: sin is not supported
    """
    return _expression(sympy.sympify(expr), names)


def compile_condition(condition: Any, names: dict[sympy.Symbol, str]) -> str:
    """JavaScript source deciding the sympy boolean ``condition`` (relations with a tolerance).

    Examples
    --------
    >>> import sympy
    >>> R, c = sympy.symbols("R c")
    >>> compile_condition(R >= c, identifiers([R, c]))
    'rel("ge", p0, p1, (Math.abs(p0) + Math.abs(p1)))'
    >>> compile_condition(sympy.Not(sympy.Eq(R, 2), evaluate=False), identifiers([R, c]))
    '(!rel("eq", p0, 2, (Math.abs(p0) + 2)))'
    >>> compile_condition(sympy.true, {})
    'true'
    """
    return _boolean(condition, names)


def _boolean(node: Any, names: dict[sympy.Symbol, str]) -> str:
    if node is True or isinstance(node, BooleanTrue):
        return "true"
    if node is False or isinstance(node, BooleanFalse):
        return "false"
    if isinstance(node, And | Or):
        joiner = " && " if isinstance(node, And) else " || "
        return "(" + joiner.join(_boolean(a, names) for a in node.args) + ")"
    if isinstance(node, Not):
        return f"(!{_boolean(node.args[0], names)})"
    operator = _RELATIONS.get(type(node))
    if operator is not None:
        lhs, rhs = _expression(node.lhs, names), _expression(node.rhs, names)
        size = f"({_magnitude(node.lhs, names)} + {_magnitude(node.rhs, names)})"
        return f'rel("{operator}", {lhs}, {rhs}, {size})'
    raise ExpressionError(f"cannot compile the condition {node} to JavaScript: {type(node).__name__} is not supported")


def _expression(node: Any, names: dict[sympy.Symbol, str]) -> str:
    if isinstance(node, sympy.Symbol):
        if node not in names:
            raise ExpressionError(f"cannot compile {node} to JavaScript: it is not a parameter of the game")
        return names[node]
    if isinstance(node, sympy.Integer | sympy.Rational):
        return _number(Fraction(int(node.p), int(node.q)))
    if isinstance(node, sympy.Float):
        return _float(float(node))
    if isinstance(node, sympy.Add):
        return "(" + " + ".join(_expression(a, names) for a in node.args) + ")"
    if isinstance(node, sympy.Mul):
        return "(" + " * ".join(_expression(a, names) for a in node.args) + ")"
    if isinstance(node, sympy.Pow):
        return _power(node, names)
    if isinstance(node, sympy.Abs):
        return f"Math.abs({_expression(node.args[0], names)})"
    if isinstance(node, sympy.Min | sympy.Max):
        function = "Math.min" if isinstance(node, sympy.Min) else "Math.max"
        return f"{function}(" + ", ".join(_expression(a, names) for a in node.args) + ")"
    if isinstance(node, sympy.Piecewise):
        out = "NaN"
        for value, condition in reversed(node.args):
            out = f"({_boolean(condition, names)} ? {_expression(value, names)} : {out})"
        return out
    kind = getattr(node, "func", type(node)).__name__
    raise ExpressionError(f"cannot compile {node} to JavaScript: {kind} is not supported")


def _magnitude(node: Any, names: dict[sympy.Symbol, str]) -> str:
    """JavaScript for ``node`` with every term and factor made non-negative: the scale of its rounding error."""
    if isinstance(node, sympy.Symbol):
        return f"Math.abs({_expression(node, names)})"
    if isinstance(node, sympy.Number):
        return _expression(abs(node), names)
    if isinstance(node, sympy.Add):
        return "(" + " + ".join(_magnitude(a, names) for a in node.args) + ")"
    if isinstance(node, sympy.Mul):
        return "(" + " * ".join(_magnitude(a, names) for a in node.args) + ")"
    if isinstance(node, sympy.Pow) and isinstance(node.exp, sympy.Integer):
        return f"Math.pow({_magnitude(node.base, names)}, {int(node.exp)})"
    # Anything else (roots, Abs, Min/Max, Piecewise): its own absolute value.
    return f"Math.abs({_expression(node, names)})"


def _power(node: sympy.Pow, names: dict[sympy.Symbol, str]) -> str:
    base, exponent = node.args
    if not isinstance(exponent, sympy.Rational):  # Integer is a Rational
        raise ExpressionError(f"cannot compile {node} to JavaScript: only rational exponents are supported")
    compiled = _expression(base, names)
    if exponent == sympy.Rational(1, 2):
        return f"Math.sqrt({compiled})"
    if exponent == sympy.Rational(-1, 2):
        return f"(1 / Math.sqrt({compiled}))"
    return f"Math.pow({compiled}, {_number(Fraction(int(exponent.p), int(exponent.q)))})"


def _number(value: Fraction) -> str:
    exact = abs(value.numerator) < 2**53 and value.denominator < 2**53  # float64 holds both: division rounds once
    if exact:
        return str(value.numerator) if value.denominator == 1 else f"({value.numerator} / {value.denominator})"
    try:
        return _float(float(value))
    except OverflowError:
        raise ExpressionError(
            f"cannot compile the number {format_number(value)} to JavaScript: it is not finite in float64"
        ) from None


def _float(value: float) -> str:
    if not math.isfinite(value):
        raise ExpressionError(f"cannot compile the number {value} to JavaScript: it is not finite in float64")
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text
