"""Regime conditions restricted to a line, decided by exact univariate arithmetic (private).

With every parameter but one fixed, each (in)equality of a condition is
``p(t) op 0`` for a polynomial ``p`` with rational coefficients. It is read
once into exact coefficients (:mod:`gametheory._internal.univariate`); its
sign at a rational point is then a Horner evaluation with fractions, and at
an irrational candidate ``v`` (a root of some polynomial) it is read off a
rational bracket ``a < v < b`` that contains no other root of any
condition's polynomial: ``p(v) = 0`` exactly when the square-free part of
``p`` changes sign over the bracket, and otherwise ``p`` has the sign it has
at ``a``. No sympy substitution per condition per point.

Relations that are not polynomials in the moving parameter with rational
coefficients (a division by it, a float, ``sqrt(2)``) are left to sympy
exactly as before, so the answers never change.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from sympy.core.relational import Relational
from sympy.logic.boolalg import Boolean

from gametheory._internal.limits import check_time
from gametheory._internal.univariate import Polynomial, integer_polynomial, polynomial_of, sign_at_ratio, square_free

__all__ = ["LineConditions", "exact_fraction"]

Signs = Sequence[int]
_TESTS: dict[str, Callable[[int], bool]] = {
    "==": lambda s: s == 0,
    "!=": lambda s: s != 0,
    "<": lambda s: s < 0,
    "<=": lambda s: s <= 0,
    ">": lambda s: s > 0,
    ">=": lambda s: s >= 0,
}


def exact_fraction(value: Any) -> Fraction | None:
    """``value`` as a Fraction when it is a sympy rational, else None."""
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return None


class LineConditions:
    """The conditions of the regimes as exact functions of one parameter ``symbol``.

    ``roots()`` gives the real roots of every relation's polynomial (the
    candidate thresholds, as sympy numbers); ``truths_at(point)`` and
    ``truths_at_root(bracket)`` decide every condition exactly, or
    return None for a condition that has to be left to sympy.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> line = LineConditions([x**2 - 2 >= 0, sympy.Eq(x, 1), 1 / x > 0], x)
    >>> line.roots()
    [-sqrt(2), 1, sqrt(2)]
    >>> line.truths_at(Fraction(1))
    [False, True, None]
    >>> line.truths_at_root((Fraction(7, 5), Fraction(3, 2)))  # at sqrt(2)
    [True, False, None]
    """

    def __init__(self, conditions: Sequence[Any], symbol: sympy.Symbol) -> None:
        self.symbol = symbol
        self._index: dict[Relational, int] = {}
        self._exact: list[Polynomial] = []
        self._polynomials: list[tuple[int, ...]] = []
        self._square_free: list[tuple[int, ...] | None] = []
        self._factors: list[list[Any]] = []
        self._unreadable: list[Relational] = []
        self._brackets: dict[sympy.Expr, tuple[Fraction, Fraction]] = {}
        self._deciders = [self._compile(condition) for condition in conditions]

    def _relation(self, relation: Relational) -> int | None:
        if relation in self._index:
            return self._index[relation]
        lhs, rhs = polynomial_of(relation.lhs, self.symbol), polynomial_of(relation.rhs, self.symbol)
        if lhs is None or rhs is None or relation.rel_op not in _TESTS:
            self._unreadable.append(relation)
            return None
        difference = tuple(
            a - b
            for a, b in zip(
                lhs + (Fraction(0),) * (len(rhs) - len(lhs)), rhs + (Fraction(0),) * (len(lhs) - len(rhs)), strict=True
            )
        )
        while difference and not difference[-1]:
            difference = difference[:-1]
        # The factors the relation is written as (the branches' conditions come factored) share their roots' cache.
        if rhs == () and isinstance(relation.lhs, sympy.Mul):
            factors = [f.base if isinstance(f, sympy.Pow) else f for f in relation.lhs.args]
            factors = [polynomial_of(f, self.symbol) for f in factors]
        else:
            factors = [difference]
        index = len(self._polynomials)
        self._index[relation] = index
        self._exact.append(difference)
        self._polynomials.append(integer_polynomial(difference))
        self._square_free.append(None)
        self._factors.append(factors)
        return index

    def _compile(self, condition: Any) -> Callable[[Signs], bool] | None:
        if condition is sympy.true or condition is True:
            return lambda signs: True
        if condition is sympy.false or condition is False:
            return lambda signs: False
        if isinstance(condition, Relational):
            index = self._relation(condition)
            if index is None:
                return None
            test = _TESTS[condition.rel_op]
            return lambda signs: test(signs[index])
        if isinstance(condition, (sympy.And, sympy.Or)):
            parts = [self._compile(arg) for arg in condition.args]
            if any(part is None for part in parts):
                return None
            combine = all if isinstance(condition, sympy.And) else any
            return lambda signs: combine(part(signs) for part in parts)  # type: ignore[misc]
        if isinstance(condition, sympy.Not):
            inner = self._compile(condition.args[0])
            return None if inner is None else (lambda signs: not inner(signs))
        return None

    def roots(self) -> list[sympy.Expr]:
        """Every real root of every relation's polynomial, sorted (sympy numbers, exact).

        Each also gets a rational bracket (see :meth:`between`) when it can be
        isolated in exact arithmetic; then they are sorted by their brackets.
        """
        found: set[sympy.Expr] = set()
        cache: dict[Polynomial, list[sympy.Expr]] = {}
        for factors in self._factors:
            for factor in factors:
                check_time()
                if factor is None or len(factor) <= 1:
                    continue
                if factor not in cache:
                    cache[factor] = _real_roots(factor, self.symbol)
                    self._brackets.update(_isolate(factor, cache[factor]))
                found.update(cache[factor])
        for relation in self._unreadable:
            check_time()
            if not isinstance(relation, Boolean):
                continue
            numerator = sympy.fraction(sympy.together(relation.lhs - relation.rhs))[0]
            if numerator.has(self.symbol):
                found.update(sympy.Poly(numerator, self.symbol).real_roots())
        if all(isinstance(r, sympy.Rational) for r in found):
            return sorted(found)
        if all(r in self._brackets for r in found):
            ordered = sorted(found, key=lambda r: self._brackets[r][0])
            # Disjoint brackets order the roots for sure; otherwise compare them numerically, as before.
            if all(self._brackets[a][1] < self._brackets[b][0] for a, b in itertools.pairwise(ordered)):
                return ordered
        return sorted(found, key=lambda r: sympy.N(r, 50))

    def between(self, left: Any, right: Any) -> Fraction | None:
        """A rational strictly between two roots (or rational bounds), from their brackets; None if unknown."""
        low, high = self._bracket(left), self._bracket(right)
        if low is None or high is None or not low[1] < high[0]:
            return None
        return (low[1] + high[0]) / 2

    def _bracket(self, value: Any) -> tuple[Fraction, Fraction] | None:
        exact = exact_fraction(value)
        return (exact, exact) if exact is not None else self._brackets.get(value)

    def truths_at(self, point: Fraction) -> list[bool | None]:
        """Whether each condition holds at a rational point (None: not decided here)."""
        numerator, denominator = point.numerator, point.denominator
        signs = [sign_at_ratio(p, numerator, denominator) for p in self._polynomials]
        return [None if decide is None else decide(signs) for decide in self._deciders]

    def truths_at_root(self, bracket: tuple[Fraction, Fraction]) -> list[bool | None]:
        """Whether each condition holds at the one candidate inside ``bracket`` (no other root is in it)."""
        (a, b), (c, d) = (bracket[0].as_integer_ratio(), bracket[1].as_integer_ratio())
        signs = []
        for index, p in enumerate(self._polynomials):
            simple = self._square_free[index]
            if simple is None:
                simple = self._square_free[index] = integer_polynomial(square_free(self._exact[index]))
            vanishes = sign_at_ratio(simple, a, b) * sign_at_ratio(simple, c, d) < 0
            signs.append(0 if vanishes else sign_at_ratio(p, a, b))
        return [None if decide is None else decide(signs) for decide in self._deciders]


def _real_roots(factor: Polynomial, symbol: sympy.Symbol) -> list[sympy.Expr]:
    if len(factor) == 2:
        root = -factor[0] / factor[1]
        return [sympy.Rational(root.numerator, root.denominator)]
    coefficients = [sympy.Rational(c.numerator, c.denominator) for c in reversed(factor)]
    return list(sympy.Poly(coefficients, symbol, domain=sympy.QQ).real_roots())


def _isolate(factor: Polynomial, roots: list[sympy.Expr]) -> dict[sympy.Expr, tuple[Fraction, Fraction]]:
    """Disjoint rational brackets ``lo < r < hi`` of the irrational real ``roots`` of ``factor`` (sorted, as sympy's).

    Floating-point roots of the square-free part are widened until it changes
    sign exactly; as many disjoint brackets with a sign change as distinct
    real roots pin each root to its own bracket. Any doubt gives no brackets.
    """
    distinct = list(dict.fromkeys(roots))
    if all(isinstance(r, sympy.Rational) for r in distinct):
        return {}
    simple = integer_polynomial(square_free(factor))
    with np.errstate(all="ignore"):
        approximate = np.roots([float(c) for c in reversed(simple)])
    real = sorted(float(z.real) for z in approximate if abs(z.imag) <= 1e-7 * max(1.0, abs(z)))
    if len(real) != len(distinct) or not all(math.isfinite(x) for x in real):
        return {}
    out: dict[sympy.Expr, tuple[Fraction, Fraction]] = {}
    previous: Fraction | None = None
    for root, guess in zip(distinct, real, strict=True):
        exact = exact_fraction(root)
        if exact is not None:
            low = high = exact
        else:
            width = 1e-9 * max(1.0, abs(guess))
            for _ in range(12):
                low, high = Fraction(guess - width), Fraction(guess + width)
                if _signs_differ(simple, low, high):
                    break
                width *= 8
            else:
                return {}
            out[root] = (low, high)
        if previous is not None and not previous < low:
            return {}
        previous = high
    return out


def _signs_differ(p: tuple[int, ...], low: Fraction, high: Fraction) -> bool:
    return sign_at_ratio(p, low.numerator, low.denominator) * sign_at_ratio(p, high.numerator, high.denominator) < 0
