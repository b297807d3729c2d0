"""Safe parsing of payoff expressions such as ``"-d - R"`` into sympy.

The parser reads Python's tokens and accepts only numbers, names,
arithmetic operators and a short whitelist of functions; any other
construct is named by :func:`ast.parse` (never evaluated) in the error. It
never calls :func:`eval`, :func:`exec` or :func:`sympy.sympify` on the
text, and its work is bounded (see :func:`parse_expression`).

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

from collections.abc import Callable, Mapping
from typing import Any

import sympy

from gametheory._internal.names import normalize_name
from gametheory.exceptions import ExpressionError, InvalidArgumentError
from gametheory.games import _expression_parser
from gametheory.games._expression_parser import (
    MAX_FUNCTION_ARGUMENTS,
    MAX_LITERAL_DIGITS,
    MAX_NESTING_DEPTH,
    MAX_NUMBER_BITS,
    MAX_ROOT_BITS,
    MAX_SYMBOLIC_EXPONENT,
    MAX_TERM_WORK,
)

__all__ = [
    "ALLOWED_FUNCTIONS",
    "MAX_EXPRESSION_LENGTH",
    "MAX_FUNCTION_ARGUMENTS",
    "MAX_LITERAL_DIGITS",
    "MAX_NESTING_DEPTH",
    "MAX_NUMBER_BITS",
    "MAX_ROOT_BITS",
    "MAX_SYMBOLIC_EXPONENT",
    "MAX_TERM_WORK",
    "normalize_name",
    "parameter",
    "parse_expression",
]

#: Functions that may appear in an expression, by the name used in the text.
ALLOWED_FUNCTIONS: Mapping[str, Callable[..., sympy.Expr]] = {
    name: function for name, (function, _, _) in _expression_parser.FUNCTIONS.items()
}

#: Longest expression text accepted; a guard against pathological input.
MAX_EXPRESSION_LENGTH = 10_000


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
    if not isinstance(name, str) or not normalize_name(name).isidentifier() or name.startswith("_"):
        raise ExpressionError(f"{name!r} is not a valid parameter name")
    return sympy.Symbol(normalize_name(name), real=True)


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
        Names are matched in NFKC normal form (:func:`normalize_name`), as
        Python matches identifiers.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ExpressionError
        If the text is not a string, is malformed, uses anything outside
        the whitelist (attributes, calls to other functions, subscripts,
        comparisons, names starting with an underscore, ...), or exceeds a
        limit below.
    InvalidArgumentError
        If ``symbols`` is not a mapping from names to sympy Symbols.

    Notes
    -----
    The work is bounded, so hostile text fails in milliseconds:

    - at most :data:`MAX_EXPRESSION_LENGTH` characters, and at most
      :data:`MAX_NESTING_DEPTH` levels of parentheses, calls and powers;
      long flat sums and products are read iteratively;
    - exact numbers of at most :data:`MAX_NUMBER_BITS` bits, checked on an
      estimate before a power, sum or product is computed (``9**9**9**9``
      and ``1e99999999`` are rejected; ``2**1000`` and ``1e300`` are exact);
      number literals have at most :data:`MAX_LITERAL_DIGITS` significant
      digits; roots are taken of numbers of at most :data:`MAX_ROOT_BITS` bits;
    - exponents on symbolic bases (also those built by products such as
      ``x*x*x``) are at most :data:`MAX_SYMBOLIC_EXPONENT`;
    - ``min``/``max`` take at most :data:`MAX_FUNCTION_ARGUMENTS` arguments,
      and the sums and products of one expression touch at most
      :data:`MAX_TERM_WORK` terms in all.

    Examples
    --------
    >>> parse_expression("2*c + sqrt(R)")
    sqrt(R) + 2*c
    >>> parse_expression("__import__('os').system('true')")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ExpressionError: forbidden construct Call in expression "__import__('os').system('true')"
    >>> parse_expression("9**9**9**9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ExpressionError: exponent 387420489 (the power would have about ... bits) is too large ...
    """
    if not isinstance(text, str):
        raise ExpressionError(f"expected an expression string, got {type(text).__name__}")
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_EXPRESSION_LENGTH} characters")
    if not text.strip():
        raise ExpressionError("empty expression")
    known = _symbol_table(symbols)
    try:
        return _expression_parser.parse(text.strip(), known, parameter)
    except ExpressionError:
        raise
    except (RecursionError, MemoryError):
        # Guarded by the limits above; kept as a last line of defence.
        raise ExpressionError(f"expression {text[:80]!r} is too large or nested too deeply") from None
    except (TypeError, ValueError, ArithmeticError) as error:
        raise ExpressionError(f"cannot evaluate expression {text[:80]!r}: {error}") from None


def _symbol_table(symbols: Any) -> dict[str, sympy.Symbol]:
    # Check the ``symbols=`` argument and key it by normalised name.
    if symbols is None:
        return {}
    if not isinstance(symbols, Mapping):
        raise InvalidArgumentError(f"symbols must be a mapping of names to sympy Symbols, not {type(symbols).__name__}")
    table: dict[str, sympy.Symbol] = {}
    for key, symbol in symbols.items():
        if not isinstance(key, str):
            raise InvalidArgumentError(f"symbols keys must be names (str), not {type(key).__name__} {key!r}")
        if not isinstance(symbol, sympy.Symbol):
            raise InvalidArgumentError(f"symbols[{key!r}] must be a sympy Symbol, not {type(symbol).__name__}")
        name = normalize_name(key)
        if table.setdefault(name, symbol) != symbol:
            raise InvalidArgumentError(f"symbols gives two different symbols for the name {name!r}")
    return table
