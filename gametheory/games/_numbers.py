"""Coercion of user-supplied payoffs and probabilities into one of three kinds.

* exact: :class:`fractions.Fraction` in an object array;
* float: ``float64``;
* symbolic: sympy expressions in an object array.
"""

from __future__ import annotations

import enum
import math
import numbers
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory._internal.bigints import approx_str
from gametheory._internal.names import normalize_name
from gametheory.exceptions import InvalidPayoffError, UnsupportedGameError
from gametheory.games.expressions import parse_expression

__all__ = ["KIND_LABELS", "Kind", "as_exact", "coerce_array", "exact_floats", "to_fraction"]


class Kind(enum.Enum):
    """How the numbers of a game or profile are represented."""

    EXACT = "exact"
    FLOAT = "float"
    SYMBOLIC = "symbolic"


#: How a game of each kind is described to users (e.g. in ``repr``).
KIND_LABELS = {Kind.EXACT: "exact", Kind.FLOAT: "float", Kind.SYMBOLIC: "parametric"}


def to_fraction(value: Any) -> Fraction:
    """Convert an exact scalar (int, Fraction, sympy Rational) to a Fraction."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise InvalidPayoffError(f"boolean {value!r} is not a payoff")
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    raise InvalidPayoffError(f"{value!r} is not an exact rational number")


def exact_floats(
    values: Any, *, what: str = "payoff", hint: str = "this needs floats; solve the game in exact arithmetic instead"
) -> list[float]:
    """The floats nearest to exact numbers, or a clear error for one beyond the float range.

    Raises
    ------
    UnsupportedGameError
        If a value is too large for a float (about 1.8e308), such as ``10**400``;
        the message ends with ``hint``.

    Examples
    --------
    >>> exact_floats([Fraction(1, 4), 3])
    [0.25, 3.0]
    >>> exact_floats([10**400])
    Traceback (most recent call last):
    ...
    gametheory.exceptions.UnsupportedGameError: payoff ~1e+400 is beyond the float range (about 1.8e308): ...
    """
    values = list(values)
    try:
        return [float(value) for value in values]
    except OverflowError:
        big = next(v for v in values if not _fits_float(v))
        raise UnsupportedGameError(
            f"{what} {approx_str(big)} is beyond the float range (about 1.8e308): {hint}"
        ) from None


def _fits_float(value: Any) -> bool:
    try:
        float(value)
    except OverflowError:
        return False
    return True


def _classify(value: Any, symbols: dict[str, sympy.Symbol]) -> tuple[Kind, Any]:
    if isinstance(value, bool | np.bool_):
        raise InvalidPayoffError(f"boolean {value!r} is not a payoff")
    if isinstance(value, Fraction | numbers.Integral):
        return Kind.EXACT, to_fraction(value)
    if isinstance(value, numbers.Real) and not isinstance(value, sympy.Basic):
        number = float(value)
        if not np.isfinite(number):
            raise InvalidPayoffError(f"payoff {value!r} is not finite")
        return Kind.FLOAT, number
    if isinstance(value, str):
        value = parse_expression(value, symbols=symbols)
    if isinstance(value, sympy.Basic):
        if not isinstance(value, sympy.Expr):
            raise InvalidPayoffError(f"{value!r} is not an arithmetic expression")
        if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
            raise InvalidPayoffError(f"payoff {value} is not finite")
        if not value.free_symbols and not isinstance(value, sympy.Rational):
            # Asking sympy about exp(exp(exp(10))) makes it compute millions of digits: evaluate in floats.
            number = _float_value(value)
            if not np.isfinite(number):
                raise InvalidPayoffError(f"payoff {value} is not finite")
            return Kind.FLOAT, number
        if value.is_real is False:
            raise InvalidPayoffError(f"payoff {value} is not real")
        if value.free_symbols:
            for symbol in value.free_symbols:
                symbols.setdefault(normalize_name(symbol.name), symbol)
            return Kind.SYMBOLIC, value
        if isinstance(value, sympy.Rational):
            return Kind.EXACT, to_fraction(value)
        # Irrational constants such as sqrt(2) have no exact rational form.
        return Kind.FLOAT, float(value)
    raise InvalidPayoffError(f"{value!r} of type {type(value).__name__} is not a number")


def coerce_array(data: Any, *, what: str = "payoffs") -> tuple[np.ndarray, Kind]:
    """Coerce nested sequences or an array into a read-only array and its kind.

    Integer arrays and exact scalars give an exact array of Fractions, float
    arrays give ``float64``, and anything holding a symbol (or a string,
    parsed safely) gives an array of sympy expressions. Mixing floats with
    exact numbers gives float; mixing numbers with symbols gives symbolic.
    """
    array = _as_object_or_numeric(data, what)
    if array.dtype.kind in "iu":
        exact = np.empty(array.shape, dtype=object)
        exact.flat[:] = [Fraction(int(x)) for x in array.flat]
        return _freeze(exact), Kind.EXACT
    if array.dtype.kind == "f":
        if not np.all(np.isfinite(array)):
            raise InvalidPayoffError(f"{what} contain NaN or infinite values")
        return _freeze(array.astype(np.float64)), Kind.FLOAT
    if array.dtype.kind == "b":
        raise InvalidPayoffError(f"{what} are booleans, not numbers")
    if array.dtype.kind != "O":
        raise InvalidPayoffError(f"{what} have unsupported dtype {array.dtype}")
    symbols: dict[str, sympy.Symbol] = {}
    for value in array.flat:
        if isinstance(value, sympy.Basic):
            for symbol in value.free_symbols:
                symbols.setdefault(normalize_name(symbol.name), symbol)
    classified = [_classify(value, symbols) for value in array.flat]
    kinds = {kind for kind, _ in classified}
    out = np.empty(array.shape, dtype=object)
    if Kind.SYMBOLIC in kinds:
        out.flat[:] = [_to_sympy(value) for _, value in classified]
        return _freeze(out), Kind.SYMBOLIC
    if Kind.FLOAT in kinds:
        try:
            floats = exact_floats((v for _, v in classified), hint=f"{what} that mix it with floats must all be exact")
        except UnsupportedGameError as error:  # floats mixed with an exact 10**400: no kind holds both
            raise InvalidPayoffError(str(error)) from None
        return _freeze(np.array(floats, dtype=np.float64).reshape(array.shape)), Kind.FLOAT
    out.flat[:] = [value for _, value in classified]
    return _freeze(out), Kind.EXACT


def _as_object_or_numeric(data: Any, what: str) -> np.ndarray:
    if isinstance(data, np.ndarray):
        return data
    if isinstance(data, str | bytes):
        raise InvalidPayoffError(f"{what} must be an array of numbers, not a single string")
    try:
        array = np.array(data)
    except ValueError as error:
        raise InvalidPayoffError(f"{what} are ragged or mis-shaped: {error}") from None
    if array.dtype.kind in "US":
        array = np.array(data, dtype=object)
    elif array.dtype.kind in "iub" and any(isinstance(x, bool) for x in np.array(data, dtype=object).flat):
        # numpy silently turns True into 1 when it sits among ints.
        raise InvalidPayoffError(f"{what} contain a boolean, which is not a payoff")
    # A ragged nesting becomes a 1-D array of lists: reject it explicitly.
    if array.dtype.kind == "O" and any(isinstance(x, list | tuple | np.ndarray) for x in array.flat):
        raise InvalidPayoffError(f"{what} are ragged: rows of different lengths")
    return array


def _to_sympy(value: Any) -> sympy.Expr:
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        return sympy.Float(value)
    return value


def _freeze(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def as_exact(array: np.ndarray) -> np.ndarray:
    """Return a read-only object array of Fractions from an exact array."""
    out = np.empty(np.shape(array), dtype=object)
    out.flat[:] = [to_fraction(x) for x in np.asarray(array, dtype=object).flat]
    return _freeze(out)


def _float_value(expression: sympy.Expr) -> float:
    """A numeric sympy expression in float arithmetic: inf where it overflows, an error where it is not real."""
    values: dict[sympy.Basic, float] = {}
    stack: list[tuple[sympy.Basic, bool]] = [(expression, False)]
    while stack:
        node, ready = stack.pop()
        if node in values:
            continue
        if not ready and node.args and not node.is_Number:
            stack.append((node, True))
            stack.extend((arg, False) for arg in node.args)
            continue
        values[node] = _float_node(node, [values[arg] for arg in node.args] if node.args else [])
    return values[expression]


def _float_node(node: sympy.Basic, args: list[float]) -> float:
    try:
        if node.is_Number or isinstance(node, sympy.NumberSymbol):
            return float(node)
        if isinstance(node, sympy.Add):
            return float(math.fsum(args))
        if isinstance(node, sympy.Mul):
            return float(np.prod(args))
        if isinstance(node, sympy.Pow):
            result = args[0] ** args[1]
        elif isinstance(node, sympy.exp):
            result = math.exp(args[0])
        elif isinstance(node, sympy.log):
            result = math.log(args[0]) / (math.log(args[1]) if len(args) > 1 else 1.0)
        elif isinstance(node, sympy.Abs):
            result = abs(args[0])
        elif isinstance(node, sympy.Min | sympy.Max):
            result = (min if isinstance(node, sympy.Min) else max)(args)
        else:
            # Any other function (sin, cosh, ...) applied to the float values of its arguments: cheap and bounded.
            value = node.func(*(sympy.Float(a) for a in args)).evalf(20)
            if value.is_real is False or not value.is_number:
                raise InvalidPayoffError(f"payoff {node} is not a real number")
            result = float(value)
    except OverflowError:
        return math.inf
    except (ValueError, ZeroDivisionError):
        raise InvalidPayoffError(f"payoff {node} is not a real number") from None
    if isinstance(result, complex):
        raise InvalidPayoffError(f"payoff {node} is not real")
    return float(result)
