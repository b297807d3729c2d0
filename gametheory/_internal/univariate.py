"""Exact univariate polynomials with rational coefficients (private).

A polynomial is a tuple of :class:`~fractions.Fraction` coefficients, lowest
degree first, without trailing zeros (the zero polynomial is ``()``). These
few operations are what deciding conditions along a line needs: reading a
sympy expression in one symbol, the sign at a rational point, the
square-free part. Integer polynomials (lists of ints, lowest degree first)
also have their real roots in (0, 1) isolated exactly and bracketed, for the
N-player solver's univariate eliminants. Pure Python integers and fractions,
no sympy on the hot path.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> p = polynomial_of((x - 1) ** 2 * (2 * x + 1), x)
>>> p
(Fraction(1, 1), Fraction(0, 1), Fraction(-3, 1), Fraction(2, 1))
>>> sign_at(p, Fraction(1)), sign_at(p, Fraction(-1)), sign_at(square_free(p), Fraction(1))
(0, -1, 0)
"""

from __future__ import annotations

import itertools
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


# ---------------------------------------------------------------------------------------------
# Integer polynomials as lists of ints, lowest degree first, and their real roots in (0, 1):
# exact root isolation (Descartes' rule of signs with bisection) and certified brackets.


def scaled_value(p: list[int], numerator: int, denominator: int, degree: int) -> int:
    """``denominator**degree * p(numerator / denominator)`` for ``degree >= len(p) - 1``, in integers.

    Of the sign of ``p(numerator / denominator)`` when ``denominator > 0``; with a common ``degree``,
    ratios of such values are ratios of the polynomials' values.

    >>> scaled_value([-2, 0, 1], 3, 2, 2), scaled_value([1], 3, 2, 1)
    (1, 2)
    """
    value, power = 0, 1
    for i in range(degree, -1, -1):
        value = value * numerator + (p[i] * power if i < len(p) else 0)
        power *= denominator
    return value


def _trim_integers(p: list[int]) -> list[int]:
    while p and not p[-1]:
        p.pop()
    return p


def _primitive_part(p: list[int]) -> list[int]:
    p = _trim_integers(list(p))
    common = math.gcd(*p) * (1 if not p or p[-1] > 0 else -1)
    return [v // common for v in p]


def integer_gcd(p: list[int], q: list[int]) -> list[int]:
    """The gcd of two integer polynomials, primitive with a positive leading coefficient; [] if both are 0.

    By primitive pseudo-remainders, so the integers stay small.

    >>> integer_gcd([-2, 1, 1], [-3, 2, 1])  # (x - 1)(x + 2) and (x - 1)(x + 3)
    [-1, 1]
    """
    p, q = sorted((_primitive_part(p), _primitive_part(q)), key=len, reverse=True)
    while q:
        while len(p) >= len(q):
            top, shift = p[-1], len(p) - len(q)
            p = [q[-1] * v for v in p]
            for i, v in enumerate(q):
                p[shift + i] -= top * v
            _trim_integers(p)
        p, q = q, _primitive_part(p)
    return p


def exact_quotient(p: list[int], h: list[int]) -> list[int]:
    """``p / h`` for a primitive ``h`` that divides ``p``: integer coefficients, by Gauss's lemma.

    >>> exact_quotient([-2, 1, 1], [-1, 1])
    [2, 1]
    """
    rest, out = list(p), [0] * (len(p) - len(h) + 1)
    for i in range(len(out) - 1, -1, -1):
        out[i] = rest[i + len(h) - 1] // h[-1]
        for j, v in enumerate(h):
            rest[i + j] -= out[i] * v
    return out


def _taylor_shift(p: list[int]) -> list[int]:
    """``p(x + 1)``."""
    out, n = list(p), len(p) - 1
    for i in range(n):
        for j in range(n - 1, i - 1, -1):
            out[j] += out[j + 1]
    return out


def unit_variations(p: list[int]) -> int:
    """Sign variations of ``(1 + t)**n p(1 / (1 + t))``: at least the number of roots of ``p`` in (0, 1),
    of the same parity (Descartes' rule of signs), so 0 proves none and 1 exactly one, simple.

    >>> unit_variations([1, -3, 2]), unit_variations([-1, 2]), unit_variations([1, 1])  # (2x-1)(x-1), 2x-1, x+1
    (1, 1, 0)
    """
    signs = [v > 0 for v in _taylor_shift(p[::-1]) if v]
    return sum(a != b for a, b in itertools.pairwise(signs))


def unit_roots(g: list[int]) -> list[Fraction | tuple[int, int, list[int]]] | None:
    """The real roots of ``g`` in (0, 1), given ``g(0) g(1) != 0``: rationals met by bisection, and leaves.

    A leaf ``(a, depth, local)``: the interval ``(a, a + 1) / 2**depth`` holds exactly one root of
    ``g``, simple, and ``local(y)`` is ``g((a + y) / 2**depth)`` over the linear factors of the
    rationals met (times a constant), so ``local(0) local(1) != 0``. None when bisection goes deeper
    than the root separation of a square-free ``g`` allows (so ``g`` has a multiple root).

    >>> unit_roots([1, -2, -2, 4])  # (2x - 1)(2x**2 - 1): 1/2 met by bisection, 1/sqrt(2) in a leaf
    [Fraction(1, 2), (1, 1, [-4, 8, 4])]
    """
    n = len(g) - 1
    limit = (n + 2) // 2 * n.bit_length() + (n - 1) * (max(map(abs, g)).bit_length() + n.bit_length()) + 8
    out: list[Fraction | tuple[int, int, list[int]]] = []
    stack = [(g, 0, 0)]
    while stack:
        p, start, depth = stack.pop()
        count = unit_variations(p)
        if count == 1:
            out.append((start, depth, p))
        if count <= 1:
            continue
        if depth >= limit:
            return None
        left = [v << (len(p) - 1 - i) for i, v in enumerate(p)]  # 2**n p(y / 2)
        if sum(left) == 0:
            out.append(Fraction(2 * start + 1, 2 ** (depth + 1)))
        while len(left) > 1 and sum(left) == 0:
            left = exact_quotient(left, [-1, 1])
        stack += [(left, 2 * start, depth + 1), (_taylor_shift(left), 2 * start + 1, depth + 1)]
    return out


def float_unit_root(p: list[int]) -> float:
    """The root of ``p`` in (0, 1), given ``p(0) p(1) < 0``, in floats: Newton's method inside a bisection bracket.

    >>> round(float_unit_root([-1, 0, 2]), 12)  # 1 / sqrt(2)
    0.707106781187
    """
    drop = max(0, max(map(abs, p)).bit_length() - 1000)  # keeps the floats finite
    coefficients = [float(v >> drop) for v in reversed(p)]
    low, high, y = 0.0, 1.0, 0.5
    for _ in range(100):
        value, slope = 0.0, 0.0
        for v in coefficients:
            slope, value = slope * y + value, value * y + v
        low, high = (y, high) if (value > 0) == (p[0] > 0) else (low, y)
        step = y - value / slope if slope else y
        step = step if low < step < high else (low + high) / 2
        if abs(step - y) < 1e-16 or high - low < 1e-16 or value == 0:
            return step
        y = step
    return y


def unit_bracket(p: list[int], bits: int, guess: float) -> tuple[int, int] | Fraction:
    """Ends ``0 <= low < high <= 2**bits``, ``high - low <= 16`` (units ``2**-bits``), where ``p`` has opposite
    signs, around its one root in (0, 1) (``p(0) p(1) < 0``); or that root, if a point tried is it.

    Newton's method in integers from ``guess`` (quadratic convergence), checked by the signs at
    the ends; exact bisection if that fails. The ends are inside (0, 1) unless bisection was needed.

    >>> unit_bracket([-1, 0, 2], 40, 0.7)  # 1 / sqrt(2) = 777472127993.87 / 2**40
    (777472127986, 777472128002)
    """
    one, degree = 1 << bits, len(p) - 1
    slope = [i * v for i, v in enumerate(p)][1:]
    y = int(math.ldexp(guess, 60))
    y = y << bits - 60 if bits >= 60 else y >> 60 - bits
    for _ in range(bits.bit_length() + 4):
        d = scaled_value(slope, y, one, degree - 1)
        step = scaled_value(p, y, one, degree) // d if d else 0
        y -= step
        if abs(step) <= 2:
            break
    low, high = y - 8, y + 8
    s_low, s_high = ((v > 0) - (v < 0) for v in (scaled_value(p, t, one, degree) for t in (low, high)))
    if low > 0 and high < one and s_low * s_high <= 0:
        return (low, high) if s_low * s_high else Fraction(low if s_low == 0 else high, one)
    low, high, s_low = 0, one, (p[0] > 0) - (p[0] < 0)
    while high - low > 16:
        middle = (low + high) // 2
        value = scaled_value(p, middle, one, degree)
        if value == 0:
            return Fraction(middle, one)
        low, high = (middle, high) if (value > 0) - (value < 0) == s_low else (low, middle)
    return low, high
