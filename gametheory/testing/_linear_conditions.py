"""Exact decisions on conditions over parameters, for :mod:`gametheory.testing`.

A condition (a sympy Boolean of relations) is rewritten into linear pieces:
products and quotients of linear factors are split into sign cases and
``a != b`` into ``a < b | a > b`` (exact); other nonlinear relations are
dropped, which only weakens the condition (a *relaxation*). Each disjunct of
its disjunctive normal form is then decided by Fourier-Motzkin elimination
over the rationals, strict and weak inequalities kept apart.

* :func:`proved_infeasible`: True only when no real point satisfies the condition.
* :func:`find_witness`: decides the condition: either it is infeasible, or an
  exact rational point satisfying it is returned (found by back-substitution
  through the elimination, which lands on boundary equalities such as
  ``R == c`` when the condition forces them), or the answer is unknown (the
  relaxation is feasible but no point of it satisfies the nonlinear parts).

Examples
--------
>>> import sympy
>>> x, y = sympy.symbols("x y", real=True)
>>> proved_infeasible((x * y > 0) & (x > 0) & (y < 0), [x, y])
True
>>> proved_infeasible((x >= 0) & (x <= 0), [x, y])
False
>>> find_witness((x >= y) & (x <= y) & (y > 2), [x, y])
Witness(status='satisfiable', point={x: 3, y: 3})
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory.parametric.relations import Relation

__all__ = ["Witness", "find_witness", "proved_infeasible"]

#: A row ``(a, b, strict)`` means ``a . x + b > 0`` (strict) or ``a . x + b >= 0``.
Row = tuple[tuple[Fraction, ...], Fraction, bool]

_MAX_DISJUNCTS = 2048
_MAX_PAIRS = 5000
_MAX_ROWS = 20000


@dataclass(frozen=True)
class Witness:
    """The decision on a condition: ``"infeasible"``, ``"satisfiable"`` (with a point) or ``"unknown"``.

    Attributes
    ----------
    status : str
        ``"infeasible"`` (proved: no real point satisfies it), ``"satisfiable"``
        (``point`` satisfies it, checked exactly) or ``"unknown"``.
    point : dict or None
        Exact rational values (``sympy.Rational``) of every symbol, when satisfiable.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x", positive=True)
    >>> find_witness(x < 0, [x]).status
    'infeasible'
    """

    status: str
    point: dict[sympy.Symbol, sympy.Rational] | None = None


def proved_infeasible(condition: sympy.Basic, symbols: list[sympy.Symbol]) -> bool:
    """True when the condition is proved unsatisfiable over the reals.

    Products and quotients of linear factors are split into sign cases, which
    is exact; other nonlinear atoms are dropped, which only weakens the
    condition, so a proof stays a proof.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> proved_infeasible((x > 1) & (x < 1), [x]), proved_infeasible(x**2 > 1, [x])
    (True, False)
    """
    systems = _systems(condition, symbols)
    if systems is None:
        return False
    for rows in systems:
        stages = _eliminate(rows, len(symbols))
        if stages is None or _feasible(stages):
            return False
    return True


def find_witness(
    condition: sympy.Basic, symbols: list[sympy.Symbol], *, rng: Any = None, attempts: int = 200
) -> Witness:
    """Decide a condition exactly, returning a satisfying rational point when there is one.

    For each linear case the simplest point of the relaxation (small
    integers, values near 1) is tried first; when it misses a nonlinear
    part, random points of the relaxation (drawn on its faces as well as
    inside; ``attempts`` in all, shared by the cases) are tried. Each point
    is checked exactly against the whole condition.

    Examples
    --------
    >>> import sympy
    >>> R, c = sympy.symbols("R c", positive=True)
    >>> find_witness((R >= c) & (R <= c), [R, c]).point
    {R: 1, c: 1}
    >>> find_witness((R > c) & (c > R), [R, c]).status
    'infeasible'
    """
    systems = _systems(condition, symbols)
    if systems is None:
        return Witness("unknown")
    generator = np.random.default_rng(rng)
    undecided = False
    for rows in systems:
        stages = _eliminate(rows, len(symbols))
        if stages is None:
            undecided = True
            continue
        if not _feasible(stages):
            continue
        tries = min(30, attempts)
        attempts -= tries
        for choice in [None, *([generator] * tries)]:
            values = _back_substitute(stages, len(symbols), choice)
            point = {s: sympy.Rational(v.numerator, v.denominator) for s, v in zip(symbols, values, strict=True)}
            if _satisfies(condition, point):
                return Witness("satisfiable", point)
        undecided = True
    return Witness("unknown") if undecided else Witness("infeasible")


# ---------------------------------------------------------------------- linearisation
def _systems(condition: sympy.Basic, symbols: list[sympy.Symbol]) -> list[list[Row]] | None:
    """The linear systems (one per disjunct) whose union contains the condition's solutions."""
    atoms = list(condition.atoms(sympy.core.relational.Relational))
    linear = condition.xreplace({atom: _sign_cases(atom, symbols) for atom in atoms})
    # Assumptions on the symbols (positive=True) are constraints too; sympy folds s > 0 to True.
    signs: list[Row] = []
    for i, symbol in enumerate(symbols):
        if symbol.is_nonnegative:
            unit = tuple(Fraction(int(i == j)) for j in range(len(symbols)))
            signs.append((unit, Fraction(0), bool(symbol.is_positive)))
    cache: dict[sympy.Basic, list[Row]] = {}

    def rows_of(disjunct: list[sympy.Basic]) -> list[Row]:
        rows = list(signs)
        for atom in disjunct:
            if atom not in cache:
                cache[atom] = _linear_rows(atom, symbols)
            rows.extend(cache[atom])
        return rows

    def possible(disjunct: list[sympy.Basic]) -> bool:
        stages = _eliminate(rows_of(disjunct), len(symbols))
        return stages is None or _feasible(stages)

    nnf = sympy.to_nnf(linear, simplify=False) if linear not in (sympy.true, sympy.false) else linear
    disjuncts = _dnf(nnf, possible)
    if disjuncts is None:
        return None
    systems: dict[frozenset[Row], list[Row]] = {}
    for disjunct in disjuncts:
        rows = rows_of(disjunct)
        systems.setdefault(frozenset(rows), rows)  # the same system often arises from several disjuncts
    return list(systems.values())


def _dnf(condition: sympy.Basic, possible: Any) -> list[list[sympy.Basic]] | None:
    """Disjunctive normal form as lists of atoms (None if too large or not And/Or of atoms).

    While a conjunction is multiplied out, partial disjuncts that ``possible`` proves infeasible are
    dropped (no extension of them can be feasible), which keeps the form small.
    """
    if condition == sympy.true:
        return [[]]
    if condition == sympy.false:
        return []
    if isinstance(condition, sympy.Or):
        out: list[list[sympy.Basic]] = []
        for arg in condition.args:
            part = _dnf(arg, possible)
            if part is None:
                return None
            out.extend(part)
        return out if len(out) <= _MAX_DISJUNCTS else None
    if isinstance(condition, sympy.And):
        result: list[list[sympy.Basic]] = [[]]
        # Single atoms first: they constrain every disjunct, so pruning bites early.
        for arg in sorted(condition.args, key=lambda a: isinstance(a, sympy.Or)):
            part = _dnf(arg, possible)
            if part is None or len(result) * len(part) > _MAX_DISJUNCTS * 8:
                return None
            result = [left + right for left in result for right in part]
            if len(part) > 1:
                result = [d for d in result if possible(d)]
            if len(result) > _MAX_DISJUNCTS:
                return None
        return result
    if getattr(condition, "is_Relational", False):
        return [[condition]]
    if isinstance(condition, sympy.Not) and getattr(condition.args[0], "is_Relational", False):
        return [[condition.args[0].negated]]
    return None


def _sign_cases(atom: sympy.Basic, symbols: list[sympy.Symbol]) -> sympy.Basic:
    """An equivalent (or, for irreducible nonlinear factors, weaker) condition of linear relations."""
    if isinstance(atom, sympy.Ne):
        return sympy.Or(
            _sign_cases(sympy.Lt(atom.lhs, atom.rhs), symbols), _sign_cases(sympy.Gt(atom.lhs, atom.rhs), symbols)
        )
    if not getattr(atom, "is_Relational", False):
        return atom
    numerator, denominator = sympy.fraction(sympy.together(atom.lhs - atom.rhs))
    # N * D has the sign of N / D where the quotient is defined; an equation needs N == 0 only.
    product = sympy.expand(numerator if isinstance(atom, sympy.Eq) else numerator * denominator)
    try:
        degree = sympy.Poly(product, *symbols).total_degree() if product.free_symbols else 0
    except sympy.PolynomialError:
        return sympy.true
    if degree <= 1:
        return type(atom)(product, 0)  # linear (or constant) once the denominator's sign is folded in
    constant, factors = sympy.factor_list(product, *symbols)
    if any(sympy.Poly(f, *symbols).total_degree() != 1 for f, _ in factors):
        return sympy.true  # an irreducible nonlinear factor: drop the atom (a relaxation)
    if not isinstance(atom, sympy.Eq):
        # Factors of known sign (a positive symbol) need no case split: fold their sign into the constant.
        known = [(f, m) for f, m in factors if f.is_positive or f.is_negative]
        for f, m in known:
            constant *= -1 if f.is_negative and m % 2 else 1
        factors = [(f, m) for f, m in factors if (f, m) not in known]
        if not factors:
            return sympy.true if (constant > 0) == (1 in Relation.of(atom).signs) else sympy.false
    if isinstance(atom, sympy.Eq):
        return sympy.Or(*(sympy.Eq(f, 0) for f, _ in factors))
    relation = Relation.of(atom)
    want_positive = (1 in relation.signs) == bool(constant > 0)
    odd = [f for f, m in factors if m % 2]
    even = [f for f, m in factors if not m % 2]
    nonzero = [sympy.Or(f > 0, f < 0) for f in even]  # an even power is positive unless its base is zero
    cases = []
    for signs in itertools.product((1, -1), repeat=len(odd)):
        if (int(np.prod(signs)) > 0) == want_positive:
            chosen = [f > 0 if sign > 0 else f < 0 for f, sign in zip(odd, signs, strict=True)]
            cases.append(sympy.And(*chosen, *nonzero))
    if 0 in relation.signs:
        cases.extend(sympy.Eq(f, 0) for f, _ in factors)
    return sympy.Or(*cases)


def _linear_rows(atom: sympy.Basic, symbols: list[sympy.Symbol]) -> list[Row]:
    """Rows for a linear atom; nonlinear atoms give no rows (a relaxation)."""
    if atom == sympy.true:
        return []
    if atom == sympy.false:
        return [(tuple(Fraction(0) for _ in symbols), Fraction(-1), False)]
    if not getattr(atom, "is_Relational", False) or isinstance(atom, sympy.Ne):
        return []
    try:
        poly = sympy.Poly(atom.lhs - atom.rhs, *symbols)
    except sympy.PolynomialError:
        return []
    coefficients_list = [Fraction(0)] * len(symbols)
    constant = Fraction(0)
    for monomial, coefficient in poly.terms():
        if sum(monomial) > 1 or not coefficient.is_Rational:
            return []
        if sum(monomial) == 0:
            constant = _fraction(coefficient)
        else:
            coefficients_list[monomial.index(1)] = _fraction(coefficient)
    coefficients = tuple(coefficients_list)
    negated = (tuple(-a for a in coefficients), -constant)
    relation = Relation.of(atom)
    if relation is Relation.EQ:
        return [(coefficients, constant, False), (*negated, False)]
    # a . x + b REL 0 is the row (a, b) for >, >= and the row (-a, -b) for <, <=.
    row = (coefficients, constant) if 1 in relation.signs else negated
    return [(*row, relation.is_strict)]


def _fraction(value: Any) -> Fraction:
    return Fraction(int(value.p), int(value.q))


# ---------------------------------------------------------------------- Fourier-Motzkin
def _eliminate(rows: list[Row], count: int) -> list[list[Row]] | None:
    """The row sets before eliminating each variable, then the constant rows (None when too large)."""
    stages = []
    current = _tidy(rows)
    for variable in range(count):
        stages.append(current)
        positive = [r for r in current if r[0][variable] > 0]
        negative = [r for r in current if r[0][variable] < 0]
        if len(positive) * len(negative) > _MAX_PAIRS:
            return None
        following = [r for r in current if r[0][variable] == 0]
        for (a, b, s), (c, d, t) in itertools.product(positive, negative):
            u, v = -c[variable], a[variable]
            following.append((tuple(u * x + v * y for x, y in zip(a, c, strict=True)), u * b + v * d, s or t))
        current = _tidy(following)
        if len(current) > _MAX_ROWS:
            return None
    stages.append(current)
    return stages


def _tidy(rows: list[Row]) -> list[Row]:
    """Scale each row so its first nonzero coefficient is +-1, and drop duplicates and trivial rows."""
    seen: dict[tuple[tuple[Fraction, ...], Fraction, bool], None] = {}
    for a, b, strict in rows:
        lead = next((abs(x) for x in a if x != 0), None)
        if lead is None:
            if b > 0 or (b == 0 and not strict):
                continue  # always true
            lead = Fraction(1)
        seen.setdefault((tuple(x / lead for x in a), b / lead, strict), None)
    return list(seen)


def _feasible(stages: list[list[Row]]) -> bool:
    return not any(b < 0 or (strict and b == 0) for _, b, strict in stages[-1])


def _back_substitute(stages: list[list[Row]], count: int, generator: np.random.Generator | None) -> list[Fraction]:
    """A point of a feasible system: each variable, last eliminated first, within its bounds."""
    values = [Fraction(0)] * count
    for variable in reversed(range(count)):
        lower: tuple[Fraction, bool] | None = None
        upper: tuple[Fraction, bool] | None = None
        for a, b, strict in stages[variable]:
            if a[variable] == 0:
                continue
            rest = b + sum((a[j] * values[j] for j in range(variable + 1, count)), Fraction(0))
            bound = -rest / a[variable]
            if a[variable] > 0 and (lower is None or bound > lower[0] or (bound == lower[0] and strict)):
                lower = (bound, strict)
            if a[variable] < 0 and (upper is None or bound < upper[0] or (bound == upper[0] and strict)):
                upper = (bound, strict)
        values[variable] = _simplest(lower, upper) if generator is None else _random(lower, upper, generator)
    return values


def _simplest(lower: tuple[Fraction, bool] | None, upper: tuple[Fraction, bool] | None) -> Fraction:
    """The value with the smallest denominator in the interval, nearest to 1 among those."""
    for q in range(1, 65):
        low = -math.inf if lower is None else (math.floor(lower[0] * q) + 1 if lower[1] else math.ceil(lower[0] * q))
        high = math.inf if upper is None else (math.ceil(upper[0] * q) - 1 if upper[1] else math.floor(upper[0] * q))
        if low <= high:
            return Fraction(int(min(max(q, low), high)), q)
    # Only a bounded, very narrow interval gets here (an unbounded one holds an integer).
    return (lower[0] + upper[0]) / 2 if lower is not None and upper is not None else Fraction(0)


def _random(
    lower: tuple[Fraction, bool] | None, upper: tuple[Fraction, bool] | None, generator: np.random.Generator
) -> Fraction:
    """A random value in the interval; closed ends are picked now and then, to sample faces too."""
    if lower is not None and upper is not None:
        if lower[0] == upper[0]:
            return lower[0]
        ends = [end for end, strict in (lower, upper) if not strict]
        if ends and generator.random() < 0.25:
            return ends[int(generator.integers(len(ends)))]
        return lower[0] + (upper[0] - lower[0]) * Fraction(int(generator.integers(1, 48)), 48)
    step = Fraction(int(generator.integers(1, 121)), 12)
    if lower is not None:
        return lower[0] if not lower[1] and generator.random() < 0.25 else lower[0] + step
    if upper is not None:
        return upper[0] if not upper[1] and generator.random() < 0.25 else upper[0] - step
    return Fraction(int(generator.integers(-120, 121)), 12)


def _satisfies(condition: sympy.Basic, point: dict[sympy.Symbol, sympy.Rational]) -> bool:
    try:
        value = condition.xreplace(point)
        if value not in (sympy.true, sympy.false):
            value = sympy.simplify(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return False  # e.g. a quotient whose denominator vanishes at the point
    return value == sympy.true
