"""Lemke's algorithm on the sequence-form LCP of a two-player tree (private).

The LCP of Koller, Megiddo and von Stengel (1996), with the covering vector
of their tracing procedure from the centroid (every action equally likely):
find plans ``x, y >= 0``, free ``u, v`` and ``z0 >= 0`` with

* ``a = E' u - A (y + z0 ybar) >= 0``, ``x . a = 0``;
* ``b = F' v - B' (x + z0 xbar) >= 0``, ``y . b = 0``;
* ``E x = e (1 - z0)``, ``F y = f (1 - z0)``.

At ``z0 = 1`` the plans are zero and ``u`` holds the best-response values
against the centroid ``ybar`` (``v`` likewise against ``xbar``); along the
path ``x / (1 - z0)`` is a best response to the plan ``y + z0 ybar``, and at
``z0 = 0`` the pair is an equilibrium.

The starting basis holds ``u``, ``v``, ``z0``, each player's best-response
sequences against the centroid (at level zero, the empty sequence of player
2 excepted: ``y`` of it enters first) and the slacks of every other
sequence. It is brought into canonical form by Gauss-Jordan pivots; the
rows of the free variables ``u`` and ``v``, which never leave, are then
dropped. Degeneracy is resolved lexicographically: ties in the ratio test
are broken by the tableau's columns of the starting basic variables, which
form the identity there, so the perturbed problem is non-degenerate and the
path cannot cycle.

Exact games pivot on integers (fraction-free Gauss-Jordan, Edmonds' integer
pivoting: the tableau times the current determinant stays integral, and the
division by the previous determinant is exact); float games pivot on float64.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.limits import check_allocation, check_time
from gametheory.exceptions import SolverError
from gametheory.solvers._sequence_build import (
    Layout,
    best_response,
    centroid,
    constraint_entries,
    payoff_vectors,
    plan_from_behavior,
)

__all__ = ["lemke_plans"]


def lemke_plans(layout: Layout) -> tuple[list[Any], list[Any], int]:
    """An equilibrium pair of realisation plans ``(x, y)`` and the number of Lemke pivots."""
    n1, n2 = layout.sizes
    m1, m2 = len(layout.infosets[0]) + 1, len(layout.infosets[1]) + 1
    rows = n1 + n2 + m1 + m2
    x0, y0, a0, b0 = 0, n1, n1 + n2, 2 * n1 + n2
    u0 = 2 * (n1 + n2)
    v0, z, rhs = u0 + m1, u0 + m1 + m2, u0 + m1 + m2 + 1
    width = rhs + 1
    check_allocation(rows * width * (40 if layout.exact else 8), "the sequence-form LCP tableau")

    prior = centroid(layout)
    xbar, ybar = plan_from_behavior(layout, 0, prior), plan_from_behavior(layout, 1, prior)
    ay_bar, bx_bar = payoff_vectors(layout, xbar, ybar)
    zero = layout.zero
    table: list[list[Any]] = [[zero] * width for _ in range(rows)]
    for i, j, a, b in zip(layout.rows, layout.cols, layout.pay_a, layout.pay_b, strict=True):
        table[i][y0 + j] += a
        table[n1 + j][x0 + i] += b
    for i in range(n1):
        table[i][a0 + i] = 1
        table[i][z] = ay_bar[i]
    for j in range(n2):
        table[n1 + j][b0 + j] = 1
        table[n1 + j][z] = bx_bar[j]
    for r, s, c in constraint_entries(layout, 0):
        table[s][u0 + r] = -c
        table[n1 + n2 + r][x0 + s] = c
    for r, s, c in constraint_entries(layout, 1):
        table[n1 + s][v0 + r] = -c
        table[n1 + n2 + m1 + r][y0 + s] = c
    for r in (n1 + n2, n1 + n2 + m1):
        table[r][z] = 1
        table[r][rhs] = 1

    _, _, choice1 = best_response(layout, 0, ay_bar)
    _, _, choice2 = best_response(layout, 1, bx_bar)
    best1 = {0} | {layout.offset[h] + a for h, a in choice1.items()}
    best2 = {layout.offset[h] + a for h, a in choice2.items()}
    start = [*range(u0, z + 1), *(x0 + s for s in sorted(best1)), *(y0 + s for s in sorted(best2))]
    start += [a0 + s for s in range(n1) if s not in best1]
    start += [b0 + s for s in range(n2) if s != 0 and s not in best2]
    assert len(start) == rows

    tableau: _Tableau = _ExactTableau(table) if layout.exact else _FloatTableau(table)
    basis = [-1] * rows
    for column in start:
        check_time()
        row = tableau.choose_row([i for i in range(rows) if basis[i] < 0], column)
        tableau.pivot(row, column)
        basis[row] = column
    # Drop the rows and columns of the free variables u, v: they stay basic and never bound a step.
    keep_rows = [i for i in range(rows) if not u0 <= basis[i] < z]
    keep_cols = [c for c in range(width) if not u0 <= c < z]
    renumber = {c: k for k, c in enumerate(keep_cols)}
    tableau.restrict(keep_rows, keep_cols)
    basis = [renumber[basis[i]] for i in keep_rows]
    z, rhs, half = renumber[z], renumber[rhs], n1 + n2
    lex = [rhs, *basis]

    entering, pivots = y0, 0
    while True:
        check_time()
        found = tableau.ratio_test(entering, lex)
        if found is None:
            raise SolverError("Lemke's algorithm ended on a ray; the sequence-form LCP was not solved")
        leaving = basis[found]
        tableau.pivot(found, entering)
        basis[found] = entering
        pivots += 1
        if leaving == z:
            break
        entering = leaving + half if leaving < half else leaving - half
    values = tableau.values(rhs)
    x, y = [zero] * n1, [zero] * n2
    for i, column in enumerate(basis):
        if column < n1:
            x[column] = values[i]
        elif column < half:
            y[column - n1] = values[i]
    return x, y, pivots


class _Tableau:
    def choose_row(self, rows: list[int], column: int) -> int:  # pragma: no cover - interface
        raise NotImplementedError

    def pivot(self, row: int, column: int) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def restrict(self, rows: list[int], columns: list[int]) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def ratio_test(self, column: int, lex: list[int]) -> int | None:  # pragma: no cover - interface
        raise NotImplementedError

    def values(self, rhs: int) -> list[Any]:  # pragma: no cover - interface
        raise NotImplementedError


class _ExactTableau(_Tableau):
    """Integer tableau ``T`` with determinant ``d > 0``: the true tableau is ``T / d``."""

    def __init__(self, table: list[list[Any]]) -> None:
        scaled = []
        for row in table:
            denominators = [Fraction(v).denominator for v in row if v]
            factor = math.lcm(*denominators) if denominators else 1
            scaled.append([int(Fraction(v) * factor) for v in row])
        self.t = np.array(scaled, dtype=object)
        self.d = 1

    def choose_row(self, rows: list[int], column: int) -> int:
        options = [i for i in rows if self.t[i, column] != 0]
        if not options:  # pragma: no cover - the starting basis is nonsingular
            raise SolverError("the starting basis of the sequence-form LCP is singular")
        return min(options, key=lambda i: abs(self.t[i, column]))

    def pivot(self, row: int, column: int) -> None:
        t = self.t
        p = t[row, column]
        pivot_row = t[row].copy()
        updated = (t * p - np.outer(t[:, column], pivot_row)) // self.d
        updated[row] = pivot_row
        if p < 0:
            updated = -updated
            p = -p
        self.t, self.d = updated, p

    def restrict(self, rows: list[int], columns: list[int]) -> None:
        self.t = self.t[np.ix_(rows, columns)]

    def ratio_test(self, column: int, lex: list[int]) -> int | None:
        t = self.t
        best = [i for i in range(t.shape[0]) if t[i, column] > 0]
        for key in lex:
            if len(best) <= 1:
                break
            ratios = [Fraction(t[i, key], t[i, column]) for i in best]
            smallest = min(ratios)
            best = [i for i, r in zip(best, ratios, strict=True) if r == smallest]
        return best[0] if best else None

    def values(self, rhs: int) -> list[Any]:
        return [Fraction(v, self.d) for v in self.t[:, rhs]]


class _FloatTableau(_Tableau):
    """Float64 tableau kept in canonical form (basic columns are unit vectors)."""

    #: Entries below this (relative to the column's largest) do not bound a step.
    PIVOT_TOLERANCE = 1e-11
    #: Ratios within this (relative) are ties, broken lexicographically.
    TIE_TOLERANCE = 1e-9

    def __init__(self, table: list[list[Any]]) -> None:
        self.t = np.array(table, dtype=np.float64)

    def choose_row(self, rows: list[int], column: int) -> int:
        sizes = np.abs(self.t[rows, column])
        return rows[int(np.argmax(sizes))]

    def pivot(self, row: int, column: int) -> None:
        t = self.t
        t[row] /= t[row, column]
        factors = t[:, column].copy()
        factors[row] = 0.0
        t -= np.outer(factors, t[row])
        t[:, column] = 0.0
        t[row, column] = 1.0

    def restrict(self, rows: list[int], columns: list[int]) -> None:
        self.t = np.ascontiguousarray(self.t[np.ix_(rows, columns)])

    def ratio_test(self, column: int, lex: list[int]) -> int | None:
        t = self.t
        entries = t[:, column]
        largest = float(np.max(np.abs(entries))) if entries.size else 0.0
        best = np.flatnonzero(entries > self.PIVOT_TOLERANCE * max(largest, 1.0))
        for key in lex:
            if best.size <= 1:
                break
            ratios = t[best, key] / entries[best]
            smallest = float(ratios.min())
            best = best[ratios <= smallest + self.TIE_TOLERANCE * max(1.0, abs(smallest))]
        return int(best[0]) if best.size else None

    def values(self, rhs: int) -> list[Any]:
        return [max(float(v), 0.0) for v in self.t[:, rhs]]
