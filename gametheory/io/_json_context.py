"""The state shared while reading or writing one JSON document, for :mod:`gametheory.io.json`.

:class:`Context` locates errors in the text and reads and writes numbers and
expressions; the parameter declarations are read and written here too.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from sympy.printing.str import StrPrinter

from gametheory._internal.bigints import fraction_from_str, int_from_str, int_to_str
from gametheory._internal.formatting import format_number
from gametheory.exceptions import GameTheoryError, ParseError, UnsupportedGameError
from gametheory.games.expressions import normalize_name, parameter, parse_expression

__all__ = ["Context", "minimal_assumptions", "read_int", "read_parameters"]


class Context:
    """State shared while reading or writing one document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.symbols: dict[str, sympy.Symbol] = {}
        self.written_symbols: dict[str, sympy.Symbol] = {}

    def error(self, message: str, key: str | None, path: str = "") -> ParseError:
        """A ParseError located at the first occurrence of ``"key":`` in the text."""
        line = column = None
        if key is not None:
            match = re.search(re.escape(json.dumps(key)) + r"\s*:", self.text)
            if match:
                line = self.text.count("\n", 0, match.start()) + 1
                column = match.start() - (self.text.rfind("\n", 0, match.start()) + 1) + 1
        where = f"{path or key}: " if key is not None else ""
        return ParseError(where + message, line=line, column=column)

    def number(self, value: Any, key: str, path: str) -> Any:
        """Read one JSON number or numeric/expression string."""
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.error(f"expected a number or an expression string, found {json.dumps(value)[:40]}", key, path)
        if isinstance(value, int):
            return Fraction(value)
        if isinstance(value, float):
            return value
        # Exact numbers past Python's 4300-digit int() limit are written as "n" or "n/d" strings.
        exact = fraction_from_str(value, decimals=False) if len(value) > 1000 else None
        if exact is not None:
            return exact
        try:
            return parse_expression(value, symbols=self.symbols)
        except GameTheoryError as error:
            raise self.error(str(error), key, path) from None

    def write_number(self, value: Any) -> Any:
        """The JSON form of an exact, float or symbolic number."""
        if isinstance(value, sympy.Integer):
            value = Fraction(int(value))
        if isinstance(value, Fraction):
            if value.denominator == 1 and value.numerator.bit_length() <= 13_000:  # under 4000 digits
                return value.numerator
            # json.dumps cannot write an int of over 4300 digits: such numbers go in a string.
            numerator = int_to_str(value.numerator)
            return numerator if value.denominator == 1 else f"{numerator}/{int_to_str(value.denominator)}"
        if isinstance(value, float | np.floating):
            return float(value)
        if isinstance(value, sympy.Expr):
            text = _PRINTER.doprint(value)
            names = {s.name: s for s in value.free_symbols if isinstance(s, sympy.Symbol)}
            try:
                same = parse_expression(text, symbols=names) == value
            except GameTheoryError:
                same = False
            if not same:
                raise UnsupportedGameError(
                    f"payoff {format_number(value)} cannot be written as an expression that reads back equal; "
                    "use exact numbers (no floats or constants such as pi) in symbolic payoffs"
                )
            self.written_symbols.update(names)
            return text
        if isinstance(value, int | np.integer):
            return int(value)
        raise UnsupportedGameError(f"cannot write {value!r} of type {type(value).__name__} as JSON")


def read_int(text: str) -> int:
    """A JSON integer literal, of any length (``int()`` stops at 4300 digits)."""
    return int(text) if len(text) <= 4000 else int_from_str(text)


class _Printer(StrPrinter):
    # Print Euler's number as a call the safe parser accepts.
    def _print_Exp1(self, expr: Any) -> str:
        return "exp(1)"

    # Integers of over 4300 digits, which str() refuses (the reader then rejects them clearly).
    def _print_Integer(self, expr: Any) -> str:
        return int_to_str(expr.p)

    def _print_Rational(self, expr: Any) -> str:
        return int_to_str(expr.p) if expr.q == 1 else f"{int_to_str(expr.p)}/{int_to_str(expr.q)}"


_PRINTER = _Printer()


def read_parameters(value: Any, context: Context) -> dict[str, sympy.Symbol]:
    """The declared parameters ``{name: symbol}``, keyed by the NFKC form of their names."""
    if not isinstance(value, dict):
        raise context.error("expected an object mapping parameter names to assumptions", "parameters")
    symbols: dict[str, sympy.Symbol] = {}
    for name, assumptions in value.items():
        path = f"parameters.{name}"
        try:
            parameter(name)
        except GameTheoryError as error:
            raise context.error(str(error), "parameters", path) from None
        if not isinstance(assumptions, dict) or not all(isinstance(v, bool) for v in assumptions.values()):
            raise context.error('expected an object of assumptions such as {"positive": true}', "parameters", path)
        try:
            symbol = sympy.Symbol(name, **assumptions)
        except (ValueError, TypeError) as error:
            raise context.error(f"inconsistent assumptions: {str(error).splitlines()[0]}", "parameters", path) from None
        # Names match in NFKC form, as in expressions ("\u00b5" is "\u03bc"); the symbol keeps the declared spelling.
        if symbols.setdefault(normalize_name(name), symbol) is not symbol:
            raise context.error("parameter declared twice (two spellings of one name)", "parameters", path)
    return symbols


def minimal_assumptions(symbol: sympy.Symbol) -> dict[str, bool]:
    """Only the assumptions needed to rebuild the same symbol, for a readable file."""
    full = dict(sorted(symbol.assumptions0.items()))
    kept = dict(full)
    for key in list(full):
        trial = {k: v for k, v in kept.items() if k != key}
        if sympy.Symbol(symbol.name, **trial).assumptions0 == full:
            kept = trial
    return kept
