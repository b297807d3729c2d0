"""Exact univariate polynomials with rational coefficients (private).

A polynomial is a tuple of :class:`~fractions.Fraction` coefficients, lowest
degree first, without trailing zeros (the zero polynomial is ``()``). These
few operations are what deciding conditions along a line needs: reading a
sympy expression in one symbol, the sign at a rational point, the
square-free part. Pure Python integers and fractions, no sympy on the hot path.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> p = polynomial_of((x - 1) ** 2 * (2 * x + 1), x)
>>> p
(Fraction(1, 1), Fraction(0, 1), Fraction(-3, 1), Fraction(2, 1))
>>> sign_at(p, Fraction(1)), sign_at(p, Fraction(-1)), sign_at(square_free(p), Fraction(1))
(0, -1, 0)
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import sympy

__all__ = ["Polynomial", "integer_polynomial", "polynomial_of", "sign_at", "sign_at_ratio", "square_free"]

Polynomial = tuple[Fraction, ...]


def _trim(coefficients: list[Fraction]) -> Polynomial:
    while coefficients and not coefficients[-1]:
        coefficients.pop()
    return tuple(coefficients)


def _add(p: Polynomial, q: Polynomial) -> Polynomial:
    if len(p) < len(q):
        p, q = q, p
    out = list(p)
    for i, c in enumerate(q):
        out[i] += c
    return _trim(out)


def _mul(p: Polynomial, q: Polynomial) -> Polynomial:
    if not p or not q:
        return ()
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return _trim(out)


def polynomial_of(expr: Any, symbol: sympy.Symbol) -> Polynomial | None:
    """The coefficients of ``expr`` as a polynomial in ``symbol``; None if it is not one with rational coefficients.

    Only rationals, ``symbol``, sums, products and non-negative integer powers
    are read; anything else (another symbol, a float, ``sqrt(2)``, a
    division by ``symbol``) gives None, so the caller can fall back to sympy.

    >>> x = sympy.Symbol("x")
    >>> polynomial_of(x**2 / 2 - 3, x), polynomial_of(1 / x, x), polynomial_of(sympy.sqrt(2) * x, x)
    ((Fraction(-3, 1), Fraction(0, 1), Fraction(1, 2)), None, None)
    """
    if isinstance(expr, sympy.Rational):
        return _trim([Fraction(int(expr.p), int(expr.q))])
    if expr is symbol or expr == symbol:
        return (Fraction(0), Fraction(1))
    if isinstance(expr, sympy.Add):
        total: Polynomial = ()
        for term in expr.args:
            part = polynomial_of(term, symbol)
            if part is None:
                return None
            total = _add(total, part)
        return total
    if isinstance(expr, sympy.Mul):
        product: Polynomial = (Fraction(1),)
        for factor in expr.args:
            part = polynomial_of(factor, symbol)
            if part is None:
                return None
            product = _mul(product, part)
        return product
    if isinstance(expr, sympy.Pow) and isinstance(expr.exp, sympy.Integer) and expr.exp >= 0:
        base = polynomial_of(expr.base, symbol)
        if base is None:
            return None
        power: Polynomial = (Fraction(1),)
        for _ in range(int(expr.exp)):
            power = _mul(power, base)
        return power
    return None


def sign_at(p: Polynomial, point: Fraction) -> int:
    """The sign (-1, 0 or 1) of ``p`` at a rational ``point``, exactly.

    >>> sign_at((Fraction(-2), Fraction(0), Fraction(1)), Fraction(3, 2))
    1
    """
    value = Fraction(0)
    for c in reversed(p):
        value = value * point + c
    return (value > 0) - (value < 0)


def integer_polynomial(p: Polynomial) -> tuple[int, ...]:
    """``p`` times the positive least common multiple of its denominators: integers, the same signs everywhere.

    >>> integer_polynomial((Fraction(1, 2), Fraction(-1, 3)))
    (3, -2)
    """
    scale = math.lcm(*(c.denominator for c in p)) if p else 1
    return tuple(int(c * scale) for c in p)


def sign_at_ratio(p: tuple[int, ...], numerator: int, denominator: int) -> int:
    """The sign of the integer polynomial ``p`` at ``numerator / denominator`` (``denominator > 0``), in integers.

    The sum of ``c_i * numerator**i * denominator**(n - i)`` has the sign of
    ``p(numerator / denominator)``, and costs no fraction normalisation.

    >>> sign_at_ratio((-2, 0, 1), 3, 2), sign_at_ratio((-2, 0, 1), 1, 1)
    (1, -1)
    """
    value = 0
    power = 1
    for c in reversed(p):
        value = value * numerator + c * power
        power *= denominator
    return (value > 0) - (value < 0)


def _remainder(p: Polynomial, q: Polynomial) -> Polynomial:
    rest = list(p)
    lead = q[-1]
    while len(rest) >= len(q):
        factor = rest[-1] / lead
        shift = len(rest) - len(q)
        for i, c in enumerate(q):
            rest[shift + i] -= factor * c
        rest.pop()
        rest = list(_trim(rest))
    return tuple(rest)


def _quotient(p: Polynomial, q: Polynomial) -> Polynomial:
    rest = list(p)
    out = [Fraction(0)] * (len(p) - len(q) + 1)
    lead = q[-1]
    while len(rest) >= len(q):
        factor = rest[-1] / lead
        shift = len(rest) - len(q)
        out[shift] = factor
        for i, c in enumerate(q):
            rest[shift + i] -= factor * c
        rest.pop()
    return _trim(out)


def _gcd(p: Polynomial, q: Polynomial) -> Polynomial:
    while q:
        p, q = q, _remainder(p, q)
    return tuple(c / p[-1] for c in p) if p else p


def square_free(p: Polynomial) -> Polynomial:
    """``p`` divided by ``gcd(p, p')``: the same real roots, each simple, so it changes sign at each.

    >>> square_free((Fraction(1), Fraction(-2), Fraction(1)))  # (x - 1)**2
    (Fraction(-1, 1), Fraction(1, 1))
    """
    if len(p) <= 2:
        return p
    derivative = tuple(i * c for i, c in enumerate(p) if i)
    common = _gcd(p, derivative)
    return p if len(common) <= 1 else _quotient(p, common)
