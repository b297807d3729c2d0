"""A small exact linear-programming solver on exact rationals.

Dense two-phase simplex with Bland's rule (smallest index enters, ties in
the ratio test broken by smallest basic index), which cannot cycle. It is
meant for the small LPs of zero-sum games, dominance checks and the
implications between linear conditions, where an exact rational answer
matters more than speed. The numbers are :class:`fractions.Fraction` by
default; any exact rational type with field arithmetic will do (the
condition simplifier uses sympy's ``QQ``, python-flint's ``fmpq`` when it is
installed, which is several times faster on these tiny tableaux).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = ["ExactLPResult", "LPStatus", "maximize"]


class LPStatus(enum.Enum):
    """Outcome of :func:`maximize`."""

    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"


@dataclass(frozen=True)
class ExactLPResult:
    """Result of :func:`maximize`.

    Attributes
    ----------
    status : LPStatus
    x : tuple of Fraction
        An optimal vertex (empty unless optimal).
    value : Fraction or None
        The optimal objective value.
    duals : tuple of Fraction
        Optimal dual values of the ``<=`` constraints (empty unless optimal).
    nit : int
        Number of pivots over both phases.
    """

    status: LPStatus
    x: tuple[Fraction, ...]
    value: Fraction | None
    duals: tuple[Fraction, ...]
    nit: int


def maximize(
    c: Sequence[Fraction],
    a_ub: Sequence[Sequence[Fraction]],
    b_ub: Sequence[Fraction],
    a_eq: Sequence[Sequence[Fraction]] = (),
    b_eq: Sequence[Fraction] = (),
    *,
    number: Any = Fraction,
) -> ExactLPResult:
    """Maximise ``c @ x`` subject to ``a_ub @ x <= b_ub``, ``a_eq @ x == b_eq``, ``x >= 0``.

    Every entry is converted with ``number`` (default ``Fraction``), the exact
    rational type the tableau is kept in.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> r = maximize([F(1), F(1)], [[F(1), F(2)], [F(3), F(1)]], [F(4), F(6)])
    >>> r.status.value, r.value, r.x
    ('optimal', Fraction(14, 5), (Fraction(8, 5), Fraction(6, 5)))
    >>> r.duals
    (Fraction(2, 5), Fraction(1, 5))
    """
    zero, one = number(0), number(1)
    n = len(c)
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    m_ub = len(a_ub)
    # Columns: n structural, m_ub slacks, then one artificial per row that needs one.
    width = n + m_ub
    needs_artificial: list[int] = []
    basis: list[int] = []
    for i, (row, b) in enumerate(zip([*a_ub, *a_eq], [*b_ub, *b_eq], strict=True)):
        full = [number(v) for v in row] + [zero] * m_ub
        if i < m_ub:
            full[n + i] = one
        b = number(b)
        if b < 0:
            full = [-v for v in full]
            b = -b
        rows.append(full)
        rhs.append(b)
        if i < m_ub and full[n + i] == 1:
            basis.append(n + i)
        else:
            basis.append(-1)
            needs_artificial.append(i)
    total = width + len(needs_artificial)
    for row in rows:
        row.extend([zero] * len(needs_artificial))
    for k, i in enumerate(needs_artificial):
        rows[i][width + k] = one
        basis[i] = width + k
    tableau = _Tableau(rows, rhs, basis, total, zero)

    if needs_artificial:
        phase1 = [zero] * width + [-one] * len(needs_artificial)
        tableau.set_objective(phase1)
        tableau.run(allowed=total)
        if tableau.objective_value() != 0:
            return ExactLPResult(LPStatus.INFEASIBLE, (), None, (), tableau.nit)
        tableau.drive_out_artificials(width)
    objective = [number(v) for v in c] + [zero] * (total - n)
    tableau.set_objective(objective)
    if not tableau.run(allowed=width):
        return ExactLPResult(LPStatus.UNBOUNDED, (), None, (), tableau.nit)
    x = [zero] * total
    for i, j in enumerate(tableau.basis):
        x[j] = tableau.rhs[i]
    duals = tuple(tableau.reduced[n + i] for i in range(m_ub))
    return ExactLPResult(LPStatus.OPTIMAL, tuple(x[:n]), tableau.objective_value(), duals, tableau.nit)


class _Tableau:
    """Rows hold ``B^-1 A``; ``reduced[j]`` holds ``z_j - c_j`` (optimal when all >= 0)."""

    def __init__(
        self, rows: list[list[Fraction]], rhs: list[Fraction], basis: list[int], width: int, zero: Fraction
    ) -> None:
        self.rows = rows
        self.rhs = rhs
        self.basis = basis
        self.width = width
        self.zero = zero
        self.cost: list[Fraction] = [zero] * width
        self.reduced: list[Fraction] = [zero] * width
        self.nit = 0

    def set_objective(self, cost: list[Fraction]) -> None:
        self.cost = cost
        self.reduced = [-v for v in cost]
        for i, j in enumerate(self.basis):
            cb = cost[j]
            if cb:
                row = self.rows[i]
                self.reduced = [r + cb * a for r, a in zip(self.reduced, row, strict=True)]

    def objective_value(self) -> Fraction:
        return sum((self.cost[j] * self.rhs[i] for i, j in enumerate(self.basis)), self.zero)

    def run(self, *, allowed: int) -> bool:
        """Pivot to optimality over columns ``< allowed``; False when unbounded."""
        while True:
            entering = next((j for j in range(allowed) if self.reduced[j] < 0), None)
            if entering is None:
                return True
            leaving = None
            best: tuple[Fraction, int] | None = None
            for i, row in enumerate(self.rows):
                a = row[entering]
                if a > 0:
                    key = (self.rhs[i] / a, self.basis[i])
                    if best is None or key < best:
                        best, leaving = key, i
            if leaving is None:
                return False
            self.pivot(leaving, entering)

    def pivot(self, r: int, col: int) -> None:
        self.nit += 1
        pivot_row = self.rows[r]
        p = pivot_row[col]
        if p != 1:
            pivot_row = [v / p for v in pivot_row]
            self.rows[r] = pivot_row
            self.rhs[r] = self.rhs[r] / p
        for i, row in enumerate(self.rows):
            if i != r:
                f = row[col]
                if f:
                    self.rows[i] = [a - f * b for a, b in zip(row, pivot_row, strict=True)]
                    self.rhs[i] -= f * self.rhs[r]
        f = self.reduced[col]
        if f:
            self.reduced = [a - f * b for a, b in zip(self.reduced, pivot_row, strict=True)]
        self.basis[r] = col

    def drive_out_artificials(self, width: int) -> None:
        """After phase 1, pivot artificials (at zero) out of the basis or drop redundant rows."""
        i = 0
        while i < len(self.rows):
            if self.basis[i] >= width:
                col = next((j for j in range(width) if self.rows[i][j] != 0), None)
                if col is None:
                    del self.rows[i], self.rhs[i], self.basis[i]
                    continue
                self.pivot(i, col)
            i += 1
