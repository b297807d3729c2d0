"""Real solutions of polynomial systems with rational coefficients, via a lex Groebner basis.

Rational solutions are found exactly (Fractions). A coordinate that is a
real irrational algebraic number is isolated exactly by sympy and then
carried numerically at :data:`DIGITS` significant digits, as is every
coordinate solved after it.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeAlias

import mpmath
import sympy
from sympy.polys.domains import QQ
from sympy.polys.fglmtools import matrix_fglm
from sympy.polys.groebnertools import groebner
from sympy.polys.orderings import grevlex, lex
from sympy.polys.rings import PolyElement

from gametheory._internal.limits import check_time
from gametheory.exceptions import SolverError

__all__ = ["DIGITS", "Dimension", "PolySystem", "analyse", "real_solutions"]

#: Working precision (decimal digits) for irrational coordinates.
DIGITS = 60

#: A coordinate: a Fraction, or an mpmath.mpf for irrational values (mpmath is untyped).
Value: TypeAlias = Any


class Dimension(enum.Enum):
    """Solution set of a system over the complex numbers."""

    EMPTY = "empty"
    FINITE = "finite"
    POSITIVE = "positive"


@dataclass(frozen=True)
class PolySystem:
    """A lex Groebner basis together with its dimension."""

    basis: tuple[PolyElement, ...]
    nvars: int
    dimension: Dimension
    graded: tuple[PolyElement, ...] = ()

    def contains(self, poly: PolyElement) -> bool:
        """Whether ``poly`` lies in the ideal (it vanishes on every solution, with multiplicity)."""
        if not poly:
            return True
        if not self.graded:
            return False
        ring = self.graded[0].ring
        return not poly.set_ring(ring).rem(list(self.graded))


def analyse(polys: Sequence[PolyElement], nvars: int) -> PolySystem:
    """Groebner basis (lex) of ``polys`` in a ring with ``nvars`` generators, and its dimension.

    The basis is computed in grevlex order (much cheaper) and, when the
    system has finitely many solutions, converted to lex order by FGLM.
    """
    polys = [p for p in polys if p]
    if not polys:
        return PolySystem((), nvars, Dimension.POSITIVE if nvars else Dimension.FINITE)
    ring = polys[0].ring
    graded = ring.clone(order=grevlex)
    if all(sum(monom) <= 1 for p in polys for monom in p.monoms()):
        return _linear(polys, nvars, graded)
    basis = groebner([p.set_ring(graded) for p in polys], graded, method="buchberger")
    if any(g.is_ground and g for g in basis):
        return PolySystem((), nvars, Dimension.EMPTY)
    leading = [g.LM for g in basis]
    pure = {next(k for k, e in enumerate(m) if e) for m in leading if sum(1 for e in m if e) == 1}
    if not all(k in pure for k in range(nvars)):
        return PolySystem((), nvars, Dimension.POSITIVE, tuple(basis))
    lex_basis = matrix_fglm(basis, graded, lex)
    return PolySystem(tuple(g.set_ring(ring) for g in lex_basis), nvars, Dimension.FINITE)


def _linear(polys: Sequence[PolyElement], nvars: int, graded: Any) -> PolySystem:
    """A system of affine equations, by exact Gauss-Jordan elimination instead of Buchberger.

    The reduced row echelon form, pivots taken from the first variable on, is a Groebner basis in
    any degree order: the leading monomials are distinct variables.
    """
    unit = [tuple(1 if j == k else 0 for j in range(nvars)) for k in range(nvars)]
    rows = []
    for p in polys:
        row = [Fraction(0)] * (nvars + 1)
        for monom, coeff in p.terms():
            value = Fraction(int(coeff.numerator), int(coeff.denominator))
            row[monom.index(1) if any(monom) else nvars] = value
        rows.append(row)
    rank = 0
    for col in range(nvars):
        pivot = next((k for k in range(rank, len(rows)) if rows[k][col]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        head = rows[rank][col]
        rows[rank] = [v / head for v in rows[rank]]
        for k in range(len(rows)):
            if k != rank and rows[k][col]:
                factor = rows[k][col]
                rows[k] = [a - factor * b for a, b in zip(rows[k], rows[rank], strict=True)]
        rank += 1
    if any(row[nvars] for row in rows[rank:]):
        return PolySystem((), nvars, Dimension.EMPTY)
    basis = tuple(
        graded.from_dict(
            {
                **{unit[k]: QQ(v.numerator, v.denominator) for k, v in enumerate(row[:nvars]) if v},
                **({(0,) * nvars: QQ(row[nvars].numerator, row[nvars].denominator)} if row[nvars] else {}),
            }
        )
        for row in rows[:rank]
    )
    if rank < nvars:
        return PolySystem((), nvars, Dimension.POSITIVE, basis)
    return PolySystem(tuple(g.set_ring(polys[0].ring) for g in basis), nvars, Dimension.FINITE)


def real_solutions(system: PolySystem) -> list[tuple[Value, ...]]:
    """Every real solution of a zero-dimensional system, coordinates Fraction or mpmath.mpf."""
    if system.dimension is not Dimension.FINITE:
        raise ValueError("real_solutions needs a zero-dimensional system")
    n = system.nvars
    if n == 0:
        return [()]
    # Group the basis by the first (highest in lex order) variable each polynomial involves.
    levels: list[list[PolyElement]] = [[] for _ in range(n)]
    for g in system.basis:
        first = min(k for m in g.monoms() for k, e in enumerate(m) if e)
        levels[first].append(g)
    partial: list[dict[int, Value]] = [{}]
    with mpmath.workdps(DIGITS):
        for k in reversed(range(n)):
            extended = []
            for values in partial:
                check_time()
                for root in _roots_at_level(levels[k], k, values):
                    extended.append({**values, k: root})
            partial = extended
        return [tuple(values[k] for k in range(n)) for values in partial]


def _univariate(g: PolyElement, k: int, values: dict[int, Value]) -> dict[int, Value]:
    """Coefficients of ``g`` in ``x_k`` after substituting ``values`` for the later variables."""
    out: dict[int, Any] = {}
    for monom, coeff in g.terms():
        term: Any = Fraction(int(coeff.numerator), int(coeff.denominator))
        for j, e in enumerate(monom):
            if e and j != k:
                term = term * values[j] ** e
        out[monom[k]] = out.get(monom[k], 0) + term
    return out


def _roots_at_level(polys: list[PolyElement], k: int, values: dict[int, Value]) -> list[Value]:
    coefficient_sets = [_univariate(g, k, values) for g in polys]
    if all(isinstance(v, Fraction) for v in values.values()):
        return _exact_roots(coefficient_sets)
    return _numeric_roots(coefficient_sets)


def _exact_roots(coefficient_sets: list[dict[int, Value]]) -> list[Value]:
    if all(max((d for d, c in coefficients.items() if c), default=0) <= 1 for coefficients in coefficient_sets):
        # Linear (the usual case): one candidate, checked against every polynomial.
        linear = next((c for c in coefficient_sets if c.get(1)), None)
        if linear is None:
            if any(c.get(0) for c in coefficient_sets):
                return []
            raise SolverError("internal error: a variable is not determined in a zero-dimensional system")
        root = -Fraction(linear.get(0, 0)) / Fraction(linear[1])
        return [root] if all(c.get(0, 0) + c.get(1, 0) * root == 0 for c in coefficient_sets) else []
    t = sympy.Symbol("t")
    common = None
    for coefficients in coefficient_sets:
        poly = sympy.Poly(
            sum(sympy.Rational(c.numerator, c.denominator) * t**d for d, c in coefficients.items() if c),
            t,
            domain=QQ,
        )
        common = poly if common is None else common.gcd(poly)
    if common is None or common.is_zero:  # pragma: no cover - excluded by zero-dimensionality
        raise SolverError("internal error: a variable is not determined in a zero-dimensional system")
    roots: list[Value] = []
    for factor, _ in common.factor_list()[1]:
        if factor.degree() == 1:
            a, b = factor.all_coeffs()
            root = -sympy.Rational(b) / sympy.Rational(a)
            roots.append(Fraction(int(root.p), int(root.q)))
        else:
            roots.extend(_irrational_real_roots(factor))
    return roots


def _irrational_real_roots(factor: sympy.Poly) -> list[Value]:
    """Real roots of an irreducible rational polynomial: the count is exact (Sturm), the values numerical."""
    count = factor.count_roots()
    if count == 0:
        return []
    coefficients = [mpmath.mpf(int(c.p)) / int(c.q) for c in (sympy.Rational(a) for a in factor.all_coeffs())]
    try:
        candidates = mpmath.polyroots(coefficients, maxsteps=500, extraprec=4 * DIGITS)
    except mpmath.libmp.NoConvergence as error:  # pragma: no cover
        raise SolverError(f"numerical root finding did not converge: {error}") from None
    # Roots of an irreducible polynomial are simple; the `count` closest to the real axis are the real ones.
    nearest = sorted((mpmath.mpc(z) for z in candidates), key=lambda z: abs(z.imag))[:count]
    return sorted(z.real for z in nearest)


def _numeric_roots(coefficient_sets: list[dict[int, Value]]) -> list[Value]:
    polys = [
        [
            mpmath.mpf(c.numerator) / c.denominator if isinstance(c, Fraction) else mpmath.mpf(c)
            for c in (coefficients.get(d, 0) for d in range(max(coefficients, default=0), -1, -1))
        ]
        for coefficients in coefficient_sets
    ]
    eps = mpmath.mpf(10) ** (-(DIGITS // 2))
    scales = [max((abs(c) for c in p), default=mpmath.mpf(0)) for p in polys]
    # In a zero-dimensional lex basis some polynomial's leading coefficient in x_k is a nonzero
    # constant; the lowest-degree such polynomial determines the candidates.
    usable = [p for p, s in zip(polys, scales, strict=True) if len(p) > 1 and s > 0 and abs(p[0]) > eps * s]
    if not usable:  # pragma: no cover - excluded by zero-dimensionality
        raise SolverError("internal error: no univariate polynomial to solve in a zero-dimensional system")
    driver = min(usable, key=len)
    try:
        candidates = mpmath.polyroots(driver, maxsteps=500, extraprec=4 * DIGITS)
    except mpmath.libmp.NoConvergence as error:  # pragma: no cover
        raise SolverError(f"numerical root finding did not converge: {error}") from None
    roots: list[Value] = []
    for z in candidates:
        z = mpmath.mpc(z)
        if abs(z.imag) > eps * max(1, abs(z)):
            continue
        x = z.real
        if all(abs(mpmath.polyval(p, x)) <= eps * max(s, 1) for p, s in zip(polys, scales, strict=True)):
            roots.append(x)
    return roots
