"""Vertex candidates for the derivation: each player's mixed strategies as exact polynomials.

A candidate is a mixed strategy of one player with support ``I`` that is
pinned down, for some set ``K`` of ``|I|`` opponent strategies, by the
opponent's indifference over ``K`` (Cramer's rule on a non-singular system).
See :mod:`gametheory.parametric._derivation` for how pairs of candidates
become equilibrium branches.
"""

from __future__ import annotations

import functools
import itertools
import operator
from dataclasses import dataclass, field
from typing import Any

from sympy.polys.fields import FracElement
from sympy.polys.rings import PolyElement

from gametheory._internal.limits import check_time
from gametheory.parametric._polys import cancel
from gametheory.parametric._simplify import Knowledge
from gametheory.parametric.conditions import Condition
from gametheory.parametric.relations import Relation

__all__ = ["Candidate", "candidates"]


@dataclass
class Candidate:
    """A mixed strategy of one player as formulas: a vertex candidate with support ``support``."""

    support: tuple[int, ...]
    field_: Any  # the rational-function field of the formulas
    size: int  # the player's number of strategies
    # x == cofactors / total, and the opponent's payoffs values[j] == numerators[j] / denominator
    # (all polynomials), so that comparisons need no rational-function arithmetic.
    cofactors: list[PolyElement]
    total: PolyElement
    numerators: tuple[PolyElement, ...]
    denominator: PolyElement
    index: int = 0
    systems: list[tuple[tuple[int, ...], Any]] = field(default_factory=list)  # (K, determinant): see determined()
    base: Condition | None = None  # positive probabilities, defined formulas: see _base (computed when needed)
    earlier: list[Candidate] = field(default_factory=list)
    differences: dict[tuple[int, int], FracElement] = field(default_factory=dict)
    relations: dict[tuple[int, int, Relation], Condition] = field(default_factory=dict)

    @functools.cached_property
    def x(self) -> tuple[FracElement, ...]:
        """The mixed strategy in lowest terms (computed when needed: most candidates fail a cheaper test)."""
        out = [self.field_.zero] * self.size
        for i, cofactor in zip(self.support, self.cofactors, strict=True):
            out[i] = self.field_.raw_new(*cancel(cofactor, self.total))
        return tuple(out)

    def determined(self) -> list[tuple[tuple[int, ...], FracElement]]:
        """Each set ``K`` of opponent strategies whose indifference determines ``x``, with its determinant."""
        for position, (k, det) in enumerate(self.systems):
            if isinstance(det, tuple):
                self.systems[position] = (k, self.field_.raw_new(*cancel(*det)))
        return self.systems

    def value(self, j: int) -> FracElement:
        """The opponent's payoff from its pure strategy ``j`` against this mixed strategy."""
        return self.field_.raw_new(*cancel(self.numerators[j], self.denominator))


def candidates(m: list[list[FracElement]], knowledge: Knowledge) -> list[Candidate]:
    """Vertex candidates of the player whose strategies index the rows of ``m``.

    ``m[i][j]`` is the opponent's payoff when this player plays ``i`` and the
    opponent plays ``j``.
    """
    own, other = len(m), len(m[0])
    field_ = knowledge.field
    ring = field_.ring
    # Work with polynomials: scale the payoffs by their common denominator, so that
    # only the final formulas need a (costly) gcd cancellation.
    common = ring.one
    for denom in {value.denom for row in m for value in row}:
        if denom != common:  # mostly 1: skip sympy's gcd
            common = common.lcm(denom)
    scaled = [
        [value.numer if value.denom == common else value.numer * common.exquo(value.denom) for value in row]
        for row in m
    ]
    out: list[Candidate] = []
    differences: dict[tuple[int, int, int], PolyElement] = {}
    for size in range(1, own + 1):
        for support in itertools.combinations(range(own), size):
            groups: list[Candidate] = []
            for k in itertools.combinations(range(other), size):
                check_time()
                cofactors = _cofactors(scaled, support, k, ring, differences)
                total = functools.reduce(operator.add, cofactors)
                if not total:
                    continue  # the system is singular
                det = (total, common ** (size - 1))  # made a rational function only when needed
                candidate = next((g for g in groups if _same(g, cofactors, total)), None)
                if candidate is None:
                    if size == 1:  # the cofactor is 1
                        numerators = tuple(scaled[support[0]][j] for j in range(other))
                    else:
                        numerators = tuple(
                            functools.reduce(
                                operator.add,
                                (cofactor * scaled[i][j] for i, cofactor in zip(support, cofactors, strict=True)),
                            )
                            for j in range(other)
                        )
                    candidate = Candidate(
                        support, field_, own, cofactors, total, numerators, total * common, index=len(groups)
                    )
                    groups.append(candidate)
                candidate.systems.append((k, det))
                if size == 1:
                    break  # a pure strategy is always a vertex
            previous: list[Candidate] = []
            for candidate in groups:
                candidate.earlier = list(previous)
                previous.append(candidate)
                out.append(candidate)
    return out


def _cofactors(
    scaled: list[list[PolyElement]],
    support: tuple[int, ...],
    k: tuple[int, ...],
    ring: Any,
    differences: dict[tuple[int, int, int], PolyElement],
) -> list[PolyElement]:
    """Cofactors of the row of ones in the system ``sum(x) == 1``, equal payoffs over ``k``.

    By Cramer's rule ``x[support[t]] == cofactors[t] / sum(cofactors)``, and the
    sum is the system's determinant (times a power of the payoffs' common denominator).
    ``differences`` memoises the payoff differences, which many systems share.
    """
    rows = []
    for j in k[1:]:
        row = []
        for i in support:
            key = (i, j, k[0])
            if key not in differences:
                differences[key] = scaled[i][j] - scaled[i][k[0]]
            row.append(differences[key])
        rows.append(row)
    size = len(support)
    out = []
    for t in range(size):
        minor = [[row[c] for c in range(size) if c != t] for row in rows]
        determinant = _det(minor, ring)
        out.append(determinant if (size - 1 + t) % 2 == 0 else -determinant)
    return out


def _det(rows: list[list[PolyElement]], ring: Any) -> PolyElement:
    """Determinant of a square polynomial matrix, without any polynomial gcd.

    Laplace expansion up to 3 x 3 (the common case), fraction-free Bareiss
    elimination (exact divisions only) beyond.
    """
    size = len(rows)
    if size == 0:
        return ring.one
    if size == 1:
        return rows[0][0]
    if size == 2:
        return rows[0][0] * rows[1][1] - rows[0][1] * rows[1][0]
    if size == 3:
        total = ring.zero
        for c in range(3):
            if rows[0][c]:
                minor = [[row[d] for d in range(3) if d != c] for row in rows[1:]]
                term = rows[0][c] * _det(minor, ring)
                total = total + term if c % 2 == 0 else total - term
        return total
    a = [list(row) for row in rows]
    sign, previous = 1, ring.one
    for col in range(size - 1):
        pivot = next((r for r in range(col, size) if a[r][col]), None)
        if pivot is None:
            return ring.zero
        if pivot != col:
            a[col], a[pivot] = a[pivot], a[col]
            sign = -sign
        for r in range(col + 1, size):
            for c in range(col + 1, size):
                a[r][c] = (a[r][c] * a[col][col] - a[r][col] * a[col][c]).exquo(previous)
        previous = a[col][col]
    return a[size - 1][size - 1] * sign


def _same(candidate: Candidate, cofactors: list[PolyElement], total: PolyElement) -> bool:
    """Whether ``cofactors / total`` is the candidate's mixed strategy (cross-multiplied, no gcd needed)."""
    return all(a * candidate.total == b * total for a, b in zip(cofactors, candidate.cofactors, strict=True))
