"""Parameter handling shared by the game classes: collecting free symbols and checking substitutions.

Examples
--------
>>> import sympy
>>> c = sympy.Symbol("c")
>>> free_parameters([c + 1, sympy.Symbol("b")])
(b, c)
>>> substitution((c,), {"c": 2}, require_all=True)
{c: 2}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory._internal.names import normalize_name
from gametheory.exceptions import InvalidGameError, ParameterError

__all__ = ["exact_parameter_value", "free_parameters", "named_values", "parameter_value", "substitution"]


def free_parameters(values: Iterable[sympy.Basic]) -> tuple[sympy.Symbol, ...]:
    """The free symbols of some sympy values, sorted by name.

    Raises
    ------
    InvalidGameError
        If two different symbols share a name (e.g. with different assumptions).

    Examples
    --------
    >>> free_parameters([sympy.Symbol("x") * 2, sympy.Integer(1)])
    (x,)
    """
    names: dict[str, sympy.Symbol] = {}
    for value in values:
        for symbol in value.free_symbols:
            if names.setdefault(normalize_name(symbol.name), symbol) != symbol:
                raise InvalidGameError(
                    f"two different symbols are both named {symbol.name!r} "
                    "(different assumptions, or spellings with the same NFKC normal form?)"
                )
    return tuple(names[name] for name in sorted(names))


def substitution(
    parameters: tuple[sympy.Symbol, ...], values: Mapping[Any, Any], *, require_all: bool
) -> dict[sympy.Symbol, Any]:
    """Check a mapping of parameter values against a game's parameters and turn it into a sympy substitution.

    Parameters
    ----------
    parameters : tuple of sympy.Symbol
        The game's free parameters.
    values : mapping
        From a parameter (a Symbol or its name) to a finite real number.
    require_all : bool
        Whether every parameter must get a value (``substitute``) or only some (``fix_parameters``).

    Raises
    ------
    ParameterError
        If ``values`` is not a mapping, names an unknown parameter, misses one
        (with ``require_all``), or holds a value that is not a finite real number.

    Examples
    --------
    >>> substitution((sympy.Symbol("p"),), {"q": 1}, require_all=False)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: unknown parameter 'q'; the parameters are p
    """
    given = named_values(parameters, values, require_all=require_all)
    return {symbol: parameter_value(symbol.name, value) for symbol, value in given.items()}


def named_values(
    parameters: tuple[sympy.Symbol, ...], values: Mapping[Any, Any], *, require_all: bool
) -> dict[sympy.Symbol, Any]:
    """The given values keyed by the parameters' symbols, as given (not converted).

    Each key may be a Symbol or its name; names are compared in NFKC normal
    form (:func:`~gametheory.games.expressions.normalize_name`). Raises ``ParameterError`` if
    ``values`` is not a mapping, gives a parameter twice (as a Symbol and as a
    name), names an unknown parameter, or, with ``require_all``, misses one.

    Examples
    --------
    >>> p, q = sympy.symbols("p q")
    >>> named_values((p, q), {"q": 2, p: 1}, require_all=True)
    {q: 2, p: 1}
    """
    if not isinstance(values, Mapping):
        raise ParameterError(f"parameter values must be a mapping, not {type(values).__name__}")
    by_name = {normalize_name(symbol.name): symbol for symbol in parameters}
    given: dict[str, Any] = {}
    for key, value in values.items():
        name = normalize_name(str(key.name if isinstance(key, sympy.Symbol) else key))
        if name in given:
            raise ParameterError(f"parameter {name} is given twice (as a Symbol and as a name, or in two spellings)")
        given[name] = value
    unknown = sorted(set(given) - set(by_name))
    if unknown:
        known = ", ".join(by_name) or "none"
        listed = ", ".join(repr(name) for name in unknown)
        raise ParameterError(f"unknown parameter{'s' if len(unknown) > 1 else ''} {listed}; the parameters are {known}")
    missing = sorted(set(by_name) - set(given))
    if require_all and missing:
        raise ParameterError(f"no value given for parameter(s) {', '.join(missing)}")
    return {by_name[name]: value for name, value in given.items()}


def parameter_value(name: str, value: Any, *, what: str = "value of parameter") -> Any:
    """Turn one parameter value into a finite real sympy number (Fractions stay exact, floats become Floats).

    Examples
    --------
    >>> parameter_value("c", Fraction(1, 3))
    1/3
    >>> parameter_value("c", float("nan"))
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: value of parameter c is not finite: nan
    """
    if isinstance(value, bool) or not isinstance(
        value, int | float | Fraction | np.integer | np.floating | sympy.Basic
    ):
        raise ParameterError(f"{what} {name} must be a real number, not {type(value).__name__}")
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, np.integer):
        return sympy.Integer(int(value))
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            raise ParameterError(f"{what} {name} is not finite: {value}")
        return sympy.Float(float(value))
    expr = sympy.Integer(value) if isinstance(value, int) else value
    if not expr.is_real or not expr.is_finite:
        raise ParameterError(f"{what} {name} must be a finite real number, not {value}")
    return expr


def exact_parameter_value(name: str, value: Any, *, what: str = "value of parameter") -> sympy.Expr:
    """Like :func:`parameter_value`, but exact: a float is read as the decimal it prints as.

    ``0.1`` becomes 1/10, the number that was typed, rather than the binary
    double nearest to it; every analysis that makes a typed value exact
    (thresholds, sweeps, regime maps, deciding a branch at a point) reads
    floats this way.

    Examples
    --------
    >>> exact_parameter_value("c", 0.5)
    1/2
    >>> exact_parameter_value("c", 0.1)
    1/10
    >>> exact_parameter_value("c", 1 / 3)
    3333333333333333/10000000000000000
    """
    number = parameter_value(name, value, what=what)
    return sympy.Rational(repr(float(number))) if isinstance(number, sympy.Float) else number


def exact_values(parameters: tuple[sympy.Symbol, ...], values: Mapping[Any, Any]) -> dict[sympy.Symbol, sympy.Expr]:
    """The values given for some of ``parameters``, keyed by symbol and made exact (:func:`exact_parameter_value`).

    Examples
    --------
    >>> p, q = sympy.symbols("p q")
    >>> exact_values((p, q), {"p": 0.25})
    {p: 1/4}
    """
    given = named_values(parameters, values, require_all=False)
    return {symbol: exact_parameter_value(symbol.name, value) for symbol, value in given.items()}


def holds_exactly(condition: Any, mapping: Mapping[sympy.Symbol, Any]) -> bool:
    """Whether a sympy condition holds at exact values of its symbols; ``ParameterError`` if one is missing.

    Examples
    --------
    >>> p, q = sympy.symbols("p q")
    >>> holds_exactly(sympy.And(p > 0, q < 1), {p: sympy.Rational(1, 2), q: 2})
    False
    >>> holds_exactly(p > q, {p: 1})
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: no value given for parameter(s) q
    """
    result = condition.xreplace(dict(mapping)) if isinstance(condition, sympy.Basic) else condition
    if result not in (sympy.true, sympy.false, True, False):
        missing = ", ".join(sorted(s.name for s in result.free_symbols))
        raise ParameterError(f"no value given for parameter(s) {missing}")
    return bool(result)
