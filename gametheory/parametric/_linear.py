"""Exact linear reasoning for the condition simplifier.

:func:`implies` decides whether linear facts ``f_i > 0`` / ``f_i >= 0`` imply
``g > 0`` / ``g >= 0`` by finding a non-negative combination
``g == sum(lam_i * f_i) + mu`` (Farkas' lemma, with Motzkin's transposition
theorem for strict inequalities), using an exact rational simplex method so
that every answer is certified without rounding. The rationals are sympy's
``QQ`` elements (python-flint's ``fmpq`` when it is installed), which are
several times faster than :class:`fractions.Fraction` for these tiny tableaux.
"""

from __future__ import annotations

import functools
from typing import Any

from sympy.polys.domains import QQ
from sympy.polys.rings import PolyElement

__all__ = ["implies", "is_linear", "maximise"]

# Exact rationals: QQ.dtype is fmpq, gmpy2.mpq or a pure-Python fallback, whichever sympy picked.
Rational = Any
_ZERO = QQ(0)
_ONE = QQ(1)


@functools.lru_cache(maxsize=65536)
def is_linear(g: PolyElement) -> bool:
    return all(sum(monomial) <= 1 for monomial in g.itermonoms())


@functools.lru_cache(maxsize=65536)
def implies(facts: tuple[tuple[PolyElement, bool], ...], target: PolyElement, strict: bool) -> bool:
    """Whether the linear facts imply ``target > 0`` (or ``>= 0``), certified exactly.

    Looks for ``target == sum(lam_i * f_i) + mu`` with ``lam, mu >= 0`` and, for a
    strict target, a positive weight on ``mu`` or on a strict fact (Motzkin's
    transposition theorem makes this exact for linear facts).
    """
    facts = tuple(dict.fromkeys((f, s) for f, s in facts if f))
    ngens = target.ring.ngens
    goal = _coefficients(target, ngens)
    if not facts:
        constant = goal[-1]
        return all(x == 0 for x in goal[:-1]) and (constant > 0 if strict else constant >= 0)
    columns = [_coefficients(f, ngens) for f, _ in facts] + [[_ZERO] * ngens + [_ONE]]
    k = len(columns)
    a = [[col[d] for col in columns] for d in range(ngens + 1)]
    objective = [_ONE if s else _ZERO for _, s in facts] + [_ONE]
    if strict:
        # Maximise t subject to t <= objective @ lam and t <= 1 (slacks s1, s2), which stays bounded.
        zero, one = _ZERO, _ONE
        rows = [[*row, zero, zero, zero] for row in a]
        rows.append([*objective, -one, -one, zero])
        rows.append([zero] * k + [one, zero, one])
        best = maximise([zero] * k + [one, zero, zero], rows, [*goal, zero, one])
        return best is not None and best > 0
    return maximise([_ZERO] * k, a, goal) is not None


def maximise(c: list[Rational], a: list[list[Rational]], b: list[Rational]) -> Rational | None:
    """Exact two-phase simplex (Bland's rule): max ``c @ x`` s.t. ``a @ x == b``, ``x >= 0``.

    Returns the optimum, or None when infeasible. Callers keep it bounded.
    """
    m, n = len(a), len(c)
    rows: list[list[Rational]] = []
    for row, rhs in zip(a, b, strict=True):
        sign = -1 if rhs < 0 else 1
        rows.append([sign * v for v in row] + [_ONE if i == len(rows) else _ZERO for i in range(m)] + [sign * rhs])
    basis = [n + i for i in range(m)]
    # Phase 1: minimise the artificials' sum.
    phase1 = [_ZERO] * n + [-_ONE] * m
    _pivot_loop(rows, basis, phase1, n + m)
    if sum(rows[i][-1] for i in range(m) if basis[i] >= n) != 0:
        return None
    # Drive zero-valued artificials out of the basis where possible.
    for i in range(m):
        if basis[i] >= n:
            j = next((j for j in range(n) if rows[i][j] != 0), None)
            if j is not None:
                _pivot(rows, basis, i, j)
    allowed = n
    _pivot_loop(rows, basis, [*c, *([_ZERO] * m)], allowed)
    return sum((c[basis[i]] * rows[i][-1] for i in range(m) if basis[i] < n), _ZERO)


def _pivot_loop(rows: list[list[Rational]], basis: list[int], c: list[Rational], allowed: int) -> None:
    for _ in range(10_000):
        # Reduced costs of the non-basic columns that may enter.
        entering = None
        for j in range(allowed):
            if j in basis:
                continue
            reduced = c[j] - sum(c[basis[i]] * rows[i][j] for i in range(len(rows)))
            if reduced > 0:
                entering = j
                break
        if entering is None:
            return
        ratios = [(rows[i][-1] / rows[i][entering], basis[i], i) for i in range(len(rows)) if rows[i][entering] > 0]
        if not ratios:
            return  # unbounded; callers keep the problem bounded
        _, _, leaving = min(ratios)
        _pivot(rows, basis, leaving, entering)


def _pivot(rows: list[list[Rational]], basis: list[int], r: int, j: int) -> None:
    lead = rows[r][j]
    rows[r] = [v / lead for v in rows[r]]
    for i in range(len(rows)):
        if i != r and rows[i][j] != 0:
            factor = rows[i][j]
            rows[i] = [x - factor * y for x, y in zip(rows[i], rows[r], strict=True)]
    basis[r] = j


def _coefficients(poly: PolyElement, ngens: int) -> list[Rational]:
    out = [_ZERO] * (ngens + 1)
    for monomial, coefficient in poly.terms():
        number = coefficient  # already a QQ element: the ring is over QQ
        if sum(monomial) == 0:
            out[-1] = number
        else:
            out[monomial.index(1)] = number
    return out
