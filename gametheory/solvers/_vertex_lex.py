"""Lexicographic ratio-test ties of the float64 vertex search, settled exactly (private kernel).

Used by :mod:`gametheory.solvers._vertex_fast`: its dictionaries hold exact
integers in float64, ``(F, k, d + 1)`` (nonbasic columns, then the
right-hand side), with the basic variable of each row in ``bases`` and the
variable of each column in ``nonbasic``; a basic variable's column is
``det`` times a unit vector.
"""

from __future__ import annotations

import numpy as np

from gametheory._internal.limits import check_time

__all__ = ["lex_ties"]

_PRODUCT_SAFE = 2.0**31  # factors below this have exact int64 products
# Memory for the per-tie copies (tableau, basis inverse) settled in one numpy batch: degenerate
# games can have a hundred thousand ties in one level, whose inverses alone would take gigabytes.
_BATCH_BYTES = 32 * 2**20


def lex_ties(
    tableaux: np.ndarray,
    bases: np.ndarray,
    nonbasic: np.ndarray,
    dets: np.ndarray,
    ties: np.ndarray,
    candidates: np.ndarray,
    d: int,
    k: int,
) -> np.ndarray:
    """The lexicographic minimum ratio row of each tie ``(f, j)``, vectorised over the ties.

    Column by column (right-hand side, then the basis inverse), the rows
    whose float quotient equals the smallest are kept. Quotients of exact
    integers are correctly rounded, so a smaller float quotient means a
    smaller ratio, and every row of the true minimum is kept; a zero
    quotient is exact. Only when rows with an equal nonzero quotient remain
    could two different ratios have rounded alike: those ties are settled
    by :func:`_lex_min` in Python integers.
    """
    # Float64 bytes per tie: its basis inverse (k x k) and its copy of the tableau.
    per_tie = 8 * (k * k + tableaux.shape[1] * tableaux.shape[2])
    batch = max(1, _BATCH_BYTES // per_tie)
    out = np.empty(len(ties), dtype=np.int64)
    for start in range(0, len(ties), batch):
        check_time()
        part = ties[start : start + batch]
        out[start : start + batch] = _lex_ties_batch(tableaux, bases, nonbasic, dets, part, candidates, d, k)
    return out


def _lex_ties_batch(
    tableaux: np.ndarray,
    bases: np.ndarray,
    nonbasic: np.ndarray,
    dets: np.ndarray,
    ties: np.ndarray,
    candidates: np.ndarray,
    d: int,
    k: int,
) -> np.ndarray:
    f, j = ties[:, 0], ties[:, 1]
    alive = candidates[f, :, j]  # (t, k)
    unsure = np.zeros(len(f), dtype=bool)
    inverse = _basis_inverses(tableaux[f], bases[f], nonbasic[f], dets[f], d, k)
    all_divisors = tableaux[f, :, j]
    active = np.flatnonzero(alive.sum(axis=1) > 1)  # the ties not settled yet (and not left to Python)
    for stage in range(k + 1):
        if active.size == 0:
            break
        g = f[active]
        values = tableaux[g, :, -1] if stage == 0 else inverse[active, :, stage - 1]
        divisors = all_divisors[active]
        kept = alive[active]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = np.where(kept, values / np.where(kept, divisors, 1.0), np.inf)
        smallest = ratios.min(axis=1)
        kept &= ratios == smallest[:, None]
        several = kept.sum(axis=1) > 1
        check = np.flatnonzero(several & (smallest != 0))
        if check.size:
            subset = kept[check]
            unsure[active[check]] = ~_exact_ties(values[check], divisors[check], subset)
            kept[check] = subset
            several = kept.sum(axis=1) > 1
        alive[active] = kept
        active = active[several & ~unsure[active]]
    out = alive.argmax(axis=1)
    for t in np.flatnonzero(unsure).tolist():
        start = np.flatnonzero(candidates[f[t], :, j[t]]).tolist()
        out[t] = _lex_min(tableaux[f[t]], int(j[t]), start, bases[f[t]], nonbasic[f[t]], int(dets[f[t]]), d, k)
    return out


def _basis_inverses(
    tableaux: np.ndarray, bases: np.ndarray, nonbasic: np.ndarray, dets: np.ndarray, d: int, k: int
) -> np.ndarray:
    """The columns of the slack variables (``det`` times the basis inverse) of each tableau, ``(t, k, k)``."""
    out = np.zeros((len(tableaux), k, k))
    owner, position = np.nonzero(nonbasic >= d)
    out[owner, :, nonbasic[owner, position] - d] = tableaux[owner, :, position]
    owner, row = np.nonzero(bases >= d)
    out[owner, row, bases[owner, row] - d] = dets[owner]
    return out


def _exact_ties(values: np.ndarray, divisors: np.ndarray, alive: np.ndarray) -> np.ndarray:
    """Keep (in ``alive``, in place) the rows whose ratio equals the first alive row's, compared exactly in int64.

    Returns, per tie, whether that was certain: entries below 2**31 (so the
    cross products fit in int64) and no alive row strictly smaller than the
    first one (float quotients that rounded alike).
    """
    small = np.all(~alive | ((np.abs(values) < _PRODUCT_SAFE) & (divisors < _PRODUCT_SAFE)), axis=1)
    numerators = np.where(alive & small[:, None], values, 0.0).astype(np.int64)
    denominators = np.where(alive & small[:, None], divisors, 1.0).astype(np.int64)
    first = alive.argmax(axis=1)
    index = np.arange(len(first))
    left = numerators * denominators[index, first][:, None]
    right = numerators[index, first][:, None] * denominators
    certain = small & ~np.any(alive & (left < right), axis=1)
    alive &= ~certain[:, None] | (left == right)
    return certain


def _lex_min(
    tableau: np.ndarray, column: int, rows: list[int], basis: np.ndarray, nonbasic: np.ndarray, det: int, d: int, k: int
) -> int:
    """Among ``rows`` (positive in ``column``), the lexicographic minimum ratio row, in Python integers.

    The order is the right-hand side, then the columns of the basis inverse
    (the slack variables ``d..d+k-1``): a nonbasic slack's column is in the
    dictionary, a basic one's is ``det`` times a unit vector.
    """
    where = {int(var): position for position, var in enumerate(nonbasic.tolist())}
    row_of = {int(var): row for row, var in enumerate(basis.tolist())}

    def entry(row: int, var: int) -> int:
        if var < 0:
            return int(tableau[row, -1])
        if var in where:
            return int(tableau[row, where[var]])
        return det if row_of[var] == row else 0

    best = rows[0]
    for row in rows[1:]:
        for var in (-1, *range(d, d + k)):
            left = entry(row, var) * int(tableau[best, column])
            right = entry(best, var) * int(tableau[row, column])
            if left != right:
                if left < right:
                    best = row
                break
    return best
