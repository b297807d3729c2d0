"""Exact linear reasoning for the condition simplifier.

:func:`implies` decides whether linear facts ``f_i > 0`` / ``f_i >= 0`` imply
``g > 0`` / ``g >= 0`` by finding a non-negative combination
``g == sum(lam_i * f_i) + mu`` (Farkas' lemma, with Motzkin's transposition
theorem for strict inequalities): by matching coefficients for one or two
facts, and otherwise with the exact simplex of
:mod:`gametheory._internal.exact_lp`, so that every answer is certified
without rounding. The rationals are sympy's ``QQ`` elements (python-flint's
``fmpq`` when it is installed), which are several times faster than
:class:`fractions.Fraction` for these tiny tableaux.
"""

from __future__ import annotations

from typing import Any

from sympy.polys.domains import QQ
from sympy.polys.rings import PolyElement

from gametheory._internal.caches import cached
from gametheory._internal.exact_lp import LPStatus, maximize

__all__ = ["implies", "is_linear"]

# Exact rationals: QQ.dtype is fmpq, gmpy2.mpq or a pure-Python fallback, whichever sympy picked.
Rational = Any
_ZERO = QQ(0)
_ONE = QQ(1)


@cached(maxsize=4096)
def is_linear(g: PolyElement) -> bool:
    return all(sum(monomial) <= 1 for monomial in g.itermonoms())


@cached(maxsize=4096)
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
    coefficients = [_coefficients(f, ngens) for f, _ in facts]
    if len(facts) <= 2 and all(any(c[:-1]) for c in coefficients):
        return _few_facts_imply(coefficients, [s for _, s in facts], goal, strict)
    return _simplex_implies(coefficients, [s for _, s in facts], goal, strict)


def _simplex_implies(
    coefficients: list[list[Rational]], stricts: list[bool], goal: list[Rational], strict: bool
) -> bool:
    """:func:`implies` on coefficient lists (variables, then the constant), by the exact simplex.

    The unknowns are the weights ``lam`` of the facts and ``mu`` of the
    constant 1; for a strict goal also ``t``, maximised subject to
    ``t <= (weights of the strict facts and of mu)`` and ``t <= 1``.
    """
    ngens = len(goal) - 1
    columns = [*coefficients, [_ZERO] * ngens + [_ONE]]
    combination = [[col[d] for col in columns] for d in range(ngens + 1)]  # == goal
    if not strict:
        found = maximize([_ZERO] * len(columns), (), (), combination, goal, number=QQ)
        return found.status is LPStatus.OPTIMAL
    positive = [_ONE if s else _ZERO for s in stricts] + [_ONE]
    found = maximize(
        [_ZERO] * len(columns) + [_ONE],
        [[-w for w in positive] + [_ONE], [_ZERO] * len(columns) + [_ONE]],
        [_ZERO, _ONE],
        [[*row, _ZERO] for row in combination],
        goal,
        number=QQ,
    )
    return found.status is LPStatus.OPTIMAL and found.value is not None and found.value > 0


def _few_facts_imply(facts: list[list[Rational]], stricts: list[bool], goal: list[Rational], strict: bool) -> bool:
    """:func:`implies` for one or two non-constant facts, mostly without the simplex.

    One non-constant fact is satisfiable, and two are unless one implies the
    negation of the other. For satisfiable facts, the non-negative
    combination is found by matching coefficients: a multiple of one fact, or
    the unique combination of two independent facts.
    """
    if len(facts) == 2 and _multiple_of(facts[0], stricts[0], [-v for v in facts[1]], not stricts[1]):
        # Contradictory facts: 0 > 0 follows; anything else is left to the simplex.
        return True if not any(goal) and strict else _simplex_implies(facts, stricts, goal, strict)
    if not any(goal[:-1]):
        return goal[-1] > 0 if strict else goal[-1] >= 0
    if any(_multiple_of(f, s, goal, strict) for f, s in zip(facts, stricts, strict=True)):
        return True
    return len(facts) == 2 and _two_fact_combination(facts, stricts, goal, strict)


def _two_fact_combination(facts: list[list[Rational]], stricts: list[bool], goal: list[Rational], strict: bool) -> bool:
    """Whether ``goal == l1 * f1 + l2 * f2 + mu`` with ``l1, l2 > 0`` and ``mu >= 0`` (the strict rule as above)."""
    (f1, f2), n = facts, len(goal) - 1
    # Solve the 2 x 2 system on the first pair of variables where the facts are independent.
    for a in range(n):
        for b in range(a + 1, n):
            det = f1[a] * f2[b] - f1[b] * f2[a]
            if det == 0:
                continue
            l1 = (goal[a] * f2[b] - goal[b] * f2[a]) / det
            l2 = (f1[a] * goal[b] - f1[b] * goal[a]) / det
            if l1 <= 0 or l2 <= 0 or any(goal[d] != l1 * f1[d] + l2 * f2[d] for d in range(n)):
                return False
            mu = goal[-1] - l1 * f1[-1] - l2 * f2[-1]
            return mu > 0 or (mu == 0 and (not strict or stricts[0] or stricts[1]))
    return False  # parallel facts: a combination is a multiple of one, already tried


def _multiple_of(fact: list[Rational], fact_strict: bool, goal: list[Rational], strict: bool) -> bool:
    """Whether ``goal == lam * fact + mu`` with ``lam > 0``, ``mu >= 0`` (``mu > 0`` or a strict fact if ``strict``)."""
    pivot = next(d for d in range(len(goal) - 1) if fact[d] != 0)
    lam = goal[pivot] / fact[pivot]
    if lam <= 0 or any(goal[d] != lam * fact[d] for d in range(len(goal) - 1)):
        return False
    mu = goal[-1] - lam * fact[-1]
    return mu > 0 or (mu == 0 and (fact_strict or not strict))


def _coefficients(poly: PolyElement, ngens: int) -> list[Rational]:
    out = [_ZERO] * (ngens + 1)
    for monomial, coefficient in poly.terms():
        number = coefficient  # already a QQ element: the ring is over QQ
        if sum(monomial) == 0:
            out[-1] = number
        else:
            out[monomial.index(1)] = number
    return out
