"""The sequence-form linear program of a two-player zero-sum tree (private).

Player 1's problem (von Stengel 1996; Koller, Megiddo and von Stengel 1996)::

    maximise f . q  over x >= 0 and free q
    subject to  F' q - A' x <= 0,  E x = e,

whose optimal ``x`` is a maximin realisation plan and whose duals of the
``<=`` rows form player 2's minimax plan ``y``. Float trees are solved with
HiGHS on sparse matrices. Exact trees are solved the same way first; the
behaviour strategies read from it are rounded to nearby fractions and kept
when an exact check proves them optimal (the best reply to each gives the
same value). Otherwise the exact simplex of :mod:`gametheory._internal.exact_lp`
solves the LP over the rationals.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.exact_lp import LPStatus, maximize
from gametheory._internal.limits import check_time
from gametheory.exceptions import SolverError
from gametheory.solvers._sequence_build import (
    Layout,
    behavior_from_plans,
    best_response,
    constraint_entries,
    payoff_vectors,
    plan_from_behavior,
)

__all__ = ["certified_gap", "zero_sum_plans"]

#: Denominator bounds tried when rounding float behaviour strategies to fractions.
_DENOMINATORS = (12, 360, 10**4, 10**6)


def zero_sum_plans(layout: Layout) -> tuple[list[Any], list[Any], str, int]:
    """Optimal plans ``(x, y)`` of a zero-sum tree (player 1 maximises ``x A y``), a message and iterations."""
    x, y, nit = _highs(layout)
    if not layout.exact:
        return x, y, "Optimal solution found by linprog (HiGHS) on the sequence-form LP.", nit
    behavior = behavior_from_plans(layout, (x, y))
    for bound in _DENOMINATORS:
        check_time()
        rounded = _rounded(layout, behavior, bound)
        plans = (plan_from_behavior(layout, 0, rounded), plan_from_behavior(layout, 1, rounded))
        if certified_gap(layout, *plans) == 0:
            message = "Optimal solution found by linprog (HiGHS), rounded to fractions and proved optimal exactly."
            return plans[0], plans[1], message, nit
    x, y, pivots = _exact(layout)
    return x, y, "Optimal solution found by the exact rational simplex (Bland's rule) on the sequence-form LP.", pivots


def certified_gap(layout: Layout, x: Sequence[Any], y: Sequence[Any]) -> Any:
    """``max_x' x' A y - min_y' x A y'``: zero exactly when both plans are optimal."""
    ay, _ = payoff_vectors(layout, None, y)
    xa = [layout.zero] * layout.sizes[1]
    for i, j, a in zip(layout.rows, layout.cols, layout.pay_a, strict=True):
        if x[i] != 0:
            xa[j] -= a * x[i]
    concession = best_response(layout, 0, ay)[0]
    guarantee = -best_response(layout, 1, xa)[0]
    return concession - guarantee


def _highs(layout: Layout) -> tuple[list[Any], list[Any], int]:
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, hstack

    n1, n2 = layout.sizes
    m1, m2 = len(layout.infosets[0]) + 1, len(layout.infosets[1]) + 1
    values = np.array([float(a) for a in layout.pay_a], dtype=np.float64)
    largest = float(np.max(np.abs(values))) if values.size else 0.0
    power = int(np.frexp(largest)[1]) if largest > 0 else 0
    values = np.ldexp(values, -power)  # exact scaling into (-1, 1)
    minus_at = coo_matrix((-values, (layout.cols, layout.rows)), shape=(n2, n1))
    e_rows, e_cols, e_vals = zip(*constraint_entries(layout, 0), strict=True)
    f_rows, f_cols, f_vals = zip(*constraint_entries(layout, 1), strict=True)
    e_matrix = coo_matrix((np.array(e_vals, dtype=float), (e_rows, e_cols)), shape=(m1, n1))
    f_transposed = coo_matrix((np.array(f_vals, dtype=float), (f_cols, f_rows)), shape=(n2, m2))
    result = linprog(
        c=np.r_[np.zeros(n1), -np.eye(1, m2).ravel()],
        A_ub=hstack([minus_at, f_transposed]).tocsc(),
        b_ub=np.zeros(n2),
        A_eq=hstack([e_matrix, coo_matrix((m1, m2))]).tocsc(),
        b_eq=np.eye(1, m1).ravel(),
        bounds=[(0, None)] * n1 + [(None, None)] * m2,
        method="highs",
    )
    if not result.success:
        raise SolverError(f"linprog (HiGHS) failed on the sequence-form LP: {result.message}")
    x = [max(float(v), 0.0) for v in result.x[:n1]]
    y = [max(-float(v), 0.0) for v in result.ineqlin.marginals]
    return x, y, int(result.nit)


def _rounded(layout: Layout, behavior: tuple[Any, ...], bound: int) -> tuple[Any, ...]:
    out: list[Any] = []
    for infoset, vector in zip(layout.tree.information_sets, behavior, strict=True):
        width = len(infoset.actions)
        if vector is None:
            out.append(np.array([Fraction(1, width)] * width, dtype=object))
            continue
        near = [Fraction(float(p)).limit_denominator(bound) for p in vector]
        total = sum(near, Fraction(0))
        out.append(np.array([p / total for p in near], dtype=object))
    return tuple(out)


def _exact(layout: Layout) -> tuple[list[Any], list[Any], int]:
    n1, n2 = layout.sizes
    m1, m2 = len(layout.infosets[0]) + 1, len(layout.infosets[1]) + 1
    zero, one = Fraction(0), Fraction(1)
    # Variables: x (n1), q+ (m2), q- (m2): the free q split in two.
    a_ub = [[zero] * (n1 + 2 * m2) for _ in range(n2)]
    for i, j, a in zip(layout.rows, layout.cols, layout.pay_a, strict=True):
        a_ub[j][i] -= a
    for r, s, c in constraint_entries(layout, 1):
        a_ub[s][n1 + r] += c
        a_ub[s][n1 + m2 + r] -= c
    a_eq = [[zero] * (n1 + 2 * m2) for _ in range(m1)]
    for r, s, c in constraint_entries(layout, 0):
        a_eq[r][s] += c
    objective = [zero] * (n1 + 2 * m2)
    objective[n1], objective[n1 + m2] = one, -one
    result = maximize(objective, a_ub, [zero] * n2, a_eq, [one] + [zero] * (m1 - 1))
    if result.status is not LPStatus.OPTIMAL:  # pragma: no cover - a zero-sum tree always has a value
        raise SolverError(f"the exact simplex ended with status {result.status.value} on the sequence-form LP")
    return list(result.x[:n1]), list(result.duals), result.nit
