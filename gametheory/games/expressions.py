"""Safe parsing of payoff expressions such as ``"-d - R"`` into sympy.

The parser walks Python's abstract syntax tree and accepts only numbers,
names, arithmetic operators and a short whitelist of functions. It never
calls :func:`eval`, :func:`exec` or :func:`sympy.sympify` on the text.

Examples
--------
>>> parse_expression("-d - R")
-R - d
>>> parse_expression("b - k + l/2")
b - k + l/2
>>> parse_expression("0.25")
1/4
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import sympy

from gametheory.exceptions import ExpressionError

__all__ = ["ALLOWED_FUNCTIONS", "MAX_EXPRESSION_LENGTH", "parameter", "parse_expression"]

#: Functions that may appear in an expression, by the name used in the text.
ALLOWED_FUNCTIONS: Mapping[str, Callable[..., sympy.Expr]] = {
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "Abs": sympy.Abs,
    "min": sympy.Min,
    "Min": sympy.Min,
    "max": sympy.Max,
    "Max": sympy.Max,
}

#: Longest expression text accepted; a guard against pathological input.
MAX_EXPRESSION_LENGTH = 10_000

_MAX_POWER_EXPONENT = 64

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}

_RESERVED = frozenset({"inf", "nan", "oo", "zoo"})


def parameter(name: str) -> sympy.Symbol:
    """Return the parameter symbol that the library uses for ``name``.

    Parameters made from strings are real-valued symbols. Passing your own
    :class:`sympy.Symbol` with extra assumptions (``positive=True``) is also
    supported everywhere a parameter is accepted.

    Parameters
    ----------
    name : str
        A valid Python identifier that does not start with an underscore.

    Returns
    -------
    sympy.Symbol

    Examples
    --------
    >>> parameter("R")
    R
    >>> parameter("R").is_real
    True
    """
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
        raise ExpressionError(f"{name!r} is not a valid parameter name")
    return sympy.Symbol(name, real=True)


def parse_expression(text: str, *, symbols: Mapping[str, sympy.Symbol] | None = None) -> sympy.Expr:
    """Parse an arithmetic expression into a sympy expression, safely.

    Parameters
    ----------
    text : str
        The expression: numbers (decimals are read exactly, ``0.1`` is
        ``1/10``), parameter names, ``+ - * / **``, parentheses and the
        functions in :data:`ALLOWED_FUNCTIONS`.
    symbols : mapping of str to sympy.Symbol, optional
        Symbols to use for given names, so that a string can refer to a
        symbol that carries assumptions. Other names become real symbols.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ExpressionError
        If the text is not a string, is malformed, or uses anything outside
        the whitelist (attributes, calls to other functions, subscripts,
        comparisons, names starting with an underscore, ...).

    Examples
    --------
    >>> parse_expression("2*c + sqrt(R)")
    sqrt(R) + 2*c
    >>> parse_expression("__import__('os').system('true')")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ExpressionError: forbidden construct Call in expression "__import__('os').system('true')"
    """
    if not isinstance(text, str):
        raise ExpressionError(f"expected an expression string, got {type(text).__name__}")
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_EXPRESSION_LENGTH} characters")
    if not text.strip():
        raise ExpressionError("empty expression")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"malformed expression {text!r}: {error.msg}") from None
    known = dict(symbols or {})
    try:
        result = _Builder(text, known).build(tree.body)
    except RecursionError:
        raise ExpressionError(f"expression {text!r} is nested too deeply") from None
    return sympy.sympify(result) if isinstance(result, int) else result


class _Builder:
    def __init__(self, text: str, symbols: dict[str, sympy.Symbol]) -> None:
        self.text = text
        self.symbols = symbols

    def fail(self, node: ast.AST) -> ExpressionError:
        return ExpressionError(f"forbidden construct {type(node).__name__} in expression {self.text!r}")

    def build(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            operand = self.build(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = self.build(node.left), self.build(node.right)
            if isinstance(node.op, ast.Pow):
                self.check_power(right)
            if isinstance(node.op, ast.Div) and right == 0:
                raise ExpressionError(f"division by zero in expression {self.text!r}")
            return _BINARY[type(node.op)](sympy.sympify(left), right)
        if isinstance(node, ast.Call):
            return self.call(node)
        raise self.fail(node)

    def constant(self, node: ast.Constant) -> sympy.Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(node)
        segment = ast.get_source_segment(self.text.strip(), node) or repr(value)
        try:
            exact = Fraction(segment.replace("_", ""))
        except (ValueError, ZeroDivisionError):
            raise ExpressionError(f"cannot read number {segment!r} in {self.text!r}") from None
        return sympy.Rational(exact.numerator, exact.denominator)

    def name(self, name: str) -> sympy.Symbol:
        if name.startswith("_") or name in ALLOWED_FUNCTIONS or name in _RESERVED:
            raise ExpressionError(f"name {name!r} cannot be used as a parameter in {self.text!r}")
        if name not in self.symbols:
            self.symbols[name] = parameter(name)
        return self.symbols[name]

    def call(self, node: ast.Call) -> sympy.Expr:
        if not isinstance(node.func, ast.Name) or node.func.id not in ALLOWED_FUNCTIONS:
            raise self.fail(node)
        if node.keywords or not node.args:
            raise ExpressionError(f"function {node.func.id!r} takes positional arguments only in {self.text!r}")
        args = [sympy.sympify(self.build(arg)) for arg in node.args]
        return ALLOWED_FUNCTIONS[node.func.id](*args)

    def check_power(self, exponent: Any) -> None:
        number = sympy.sympify(exponent)
        if number.is_number and abs(number) > _MAX_POWER_EXPONENT:
            raise ExpressionError(f"exponent {number} is too large in {self.text!r}")
