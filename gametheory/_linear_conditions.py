"""Exact proofs that a condition on parameters is unsatisfiable, for :mod:`gametheory.testing`.

A condition (a sympy Boolean of relations) is rewritten into linear pieces:
products and quotients of linear factors are split into sign cases (exact),
other nonlinear relations are dropped (which only weakens the condition, so
a proof stays a proof). Each disjunct of its disjunctive normal form is then
decided by Fourier-Motzkin elimination over the rationals, strict and weak
inequalities kept apart.

Examples
--------
>>> import sympy
>>> x, y = sympy.symbols("x y", real=True)
>>> proved_infeasible((x * y > 0) & (x > 0) & (y < 0), [x, y])
True
>>> proved_infeasible((x >= 0) & (x <= 0), [x, y])
False
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

__all__ = ["proved_infeasible"]


def proved_infeasible(condition: sympy.Basic, symbols: list[sympy.Symbol]) -> bool:
    """True when the condition is proved unsatisfiable over the reals.

    Products and quotients of linear factors are split into sign cases, which
    is exact; other nonlinear atoms are dropped, which only weakens the
    condition, so a proof stays a proof.
    """
    atoms = list(condition.atoms(sympy.core.relational.Relational))
    linear = condition.xreplace({atom: _sign_cases(atom, symbols) for atom in atoms})
    disjuncts = _dnf(linear)
    if disjuncts is None:
        return False
    # Assumptions on the symbols (positive=True) are constraints too; sympy folds s > 0 to True.
    signs = []
    for i, symbol in enumerate(symbols):
        if symbol.is_nonnegative:
            unit = [Fraction(int(i == j)) for j in range(len(symbols))]
            signs.append((unit, Fraction(0), bool(symbol.is_positive)))
    for disjunct in disjuncts:
        rows = list(signs)
        for atom in disjunct:
            rows.extend(_linear_rows(atom, symbols))
        if not _fourier_motzkin_infeasible(rows, len(symbols)):
            return False
    return True


_MAX_DISJUNCTS = 2048


def _dnf(condition: sympy.Basic) -> list[list[sympy.Basic]] | None:
    """Disjunctive normal form as lists of atoms (None if too large or not And/Or of atoms)."""
    if condition == sympy.true:
        return [[]]
    if condition == sympy.false:
        return []
    if isinstance(condition, sympy.Or):
        out: list[list[sympy.Basic]] = []
        for arg in condition.args:
            part = _dnf(arg)
            if part is None:
                return None
            out.extend(part)
        return out if len(out) <= _MAX_DISJUNCTS else None
    if isinstance(condition, sympy.And):
        result: list[list[sympy.Basic]] = [[]]
        for arg in condition.args:
            part = _dnf(arg)
            if part is None or len(result) * len(part) > _MAX_DISJUNCTS:
                return None
            result = [left + right for left in result for right in part]
        return result
    if getattr(condition, "is_Relational", False):
        return [[condition]]
    if isinstance(condition, sympy.Not) and getattr(condition.args[0], "is_Relational", False):
        return [[condition.args[0].negated]]
    return None


def _sign_cases(atom: sympy.Basic, symbols: list[sympy.Symbol]) -> sympy.Basic:
    """An equivalent (or weaker) condition made of linear relations only."""
    if isinstance(atom, sympy.Ne):
        return sympy.true
    numerator, denominator = sympy.fraction(sympy.together(atom.lhs - atom.rhs))
    product = sympy.expand(numerator * denominator)  # same sign as the quotient where it is defined
    if isinstance(atom, sympy.Eq):
        product = sympy.expand(numerator)
    if not product.free_symbols or sympy.Poly(product, *symbols).total_degree() <= 1:
        return atom  # already linear (or constant)
    constant, factors = sympy.factor_list(product, *symbols)
    linear = []
    for factor, multiplicity in factors:
        if multiplicity != 1 or sympy.Poly(factor, *symbols).total_degree() != 1:
            return sympy.true
        linear.append(factor)
    if isinstance(atom, sympy.Eq):
        return sympy.Or(*(sympy.Eq(f, 0) for f in linear))
    relation = type(atom)
    positive = relation in (sympy.StrictGreaterThan, sympy.GreaterThan)
    want_positive = positive == bool(constant > 0)
    cases = []
    for signs in itertools.product((1, -1), repeat=len(linear)):
        if (int(np.prod(signs)) > 0) == want_positive:
            cases.append(sympy.And(*(f > 0 if sign > 0 else f < 0 for f, sign in zip(linear, signs, strict=True))))
    if relation in (sympy.GreaterThan, sympy.LessThan):
        cases.extend(sympy.Eq(f, 0) for f in linear)
    return sympy.Or(*cases)


def _linear_rows(atom: sympy.Basic, symbols: list[sympy.Symbol]) -> list[tuple[list[Fraction], Fraction, bool]]:
    """Rows ``(a, b, strict)`` meaning ``a . x + b > 0`` (strict) or ``>= 0``; nonlinear atoms are dropped."""
    if atom == sympy.true:
        return []
    if atom == sympy.false:
        return [([Fraction(0)] * len(symbols), Fraction(-1), False)]
    if not getattr(atom, "is_Relational", False) or isinstance(atom, sympy.Ne):
        return []
    expr = sympy.expand(atom.lhs - atom.rhs)
    try:
        poly = sympy.Poly(expr, *symbols)
    except sympy.PolynomialError:
        return []
    if poly.total_degree() > 1 or not all(c.is_Rational for c in poly.coeffs()):
        return []
    coefficients = [_fraction(poly.coeff_monomial(s)) for s in symbols]
    constant = _fraction(poly.coeff_monomial(1))
    negated = ([-a for a in coefficients], -constant)
    if isinstance(atom, sympy.Eq):
        return [(coefficients, constant, False), (*negated, False)]
    if isinstance(atom, sympy.StrictGreaterThan):
        return [(coefficients, constant, True)]
    if isinstance(atom, sympy.GreaterThan):
        return [(coefficients, constant, False)]
    if isinstance(atom, sympy.StrictLessThan):
        return [(*negated, True)]
    return [(*negated, False)]


def _fraction(value: Any) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def _fourier_motzkin_infeasible(rows: list[tuple[list[Fraction], Fraction, bool]], count: int) -> bool:
    for variable in range(count):
        positive = [r for r in rows if r[0][variable] > 0]
        negative = [r for r in rows if r[0][variable] < 0]
        rows = [r for r in rows if r[0][variable] == 0]
        if len(positive) * len(negative) > 5000:
            return False  # too large to decide; fall back to sampling
        for (a, b, s), (c, d, t) in itertools.product(positive, negative):
            u, v = -c[variable], a[variable]
            rows.append(([u * x + v * y for x, y in zip(a, c, strict=True)], u * b + v * d, s or t))
    return any(b < 0 or (strict and b == 0) for _, b, strict in rows)
