"""Exact vertex enumeration of a best-response polytope (private kernel).

The polytope is ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M``.
Its vertices are found by a breadth-first search over lexicographically
feasible bases, pivoting on fraction-free integer tableaux (every entry is
``det(basis) * (basis inverse times the original row)``, so no fractions
appear and the values stay exact). The lexicographic rule makes the search
visit the vertices of an infinitesimally perturbed, simple polytope, so a
degenerate vertex is reached without walking through all of its bases.

Ratio tests are vectorised in float64 and only near-ties are settled in
exact integer arithmetic, which keeps the answers exact.
"""

from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory._internal.limits import check_allocation, check_time

__all__ = ["ExactVertex", "exact_vertices"]

# Float ratios within this relative distance of the minimum are re-checked exactly.
_TIE = 1e-9

# Steps of the search between two estimates of its memory.
_MEMORY_CHECK_EVERY = 512


@dataclass(frozen=True)
class ExactVertex:
    """One vertex: coordinates ``numerators / denominator`` and its labels.

    ``labels`` is a bitmask over the polytope's variables ``0..d-1`` (the
    coordinates, tight when zero) and ``d..d+k-1`` (the rows of ``M``,
    tight when the row holds with equality).
    """

    numerators: tuple[int, ...]
    denominator: int
    labels: int
    num_labels: int


def exact_vertices(matrix: list[list[int]]) -> list[ExactVertex]:
    """Every vertex of ``{z >= 0 : M z <= 1}``, ``M`` a positive k x d integer matrix."""
    k = len(matrix)
    d = len(matrix[0])
    width = d + k + 1
    rhs = width - 1
    start = np.empty((k, width), dtype=object)
    for i, entries in enumerate(matrix):
        start[i, :d] = [int(v) for v in entries]
        start[i, d:rhs] = [0] * k
        start[i, d + i] = 1
        start[i, rhs] = 1
    basis = list(range(d, d + k))
    start_key = sum(1 << v for v in basis)
    seen = {start_key}
    vertices: dict[int, ExactVertex] = {}
    queue: deque[tuple[np.ndarray, int, list[int], int]] = deque([(start, 1, basis, start_key)])
    steps = 0
    while queue:
        check_time()
        steps += 1
        if steps % _MEMORY_CHECK_EVERY == 0:
            _check_memory(queue, seen, vertices, d + k)
        tableau, det, basis, key = queue.popleft()
        _record_vertex(tableau, det, basis, d, k, vertices)
        nonbasic = [v for v in range(d + k) if not key >> v & 1]
        leaving_rows = _ratio_tests(tableau, nonbasic, d, k)
        for entering, leaving in zip(nonbasic, leaving_rows, strict=True):
            if leaving < 0:
                continue  # unbounded direction: cannot happen for a bounded polytope
            new_key = key ^ (1 << entering) ^ (1 << basis[leaving])
            if new_key in seen:
                continue
            seen.add(new_key)
            new_tableau = _pivot(tableau, det, leaving, entering)
            new_basis = list(basis)
            new_basis[leaving] = entering
            queue.append((new_tableau, int(tableau[leaving, entering]), new_basis, new_key))
    return list(vertices.values())


def _check_memory(
    queue: deque[tuple[np.ndarray, int, list[int], int]], seen: set[int], vertices: dict[int, Any], labels: int
) -> None:
    """Stop before the search's tables outgrow the memory budget (estimated from the newest tableau).

    The queue of tableaux grows with the number of vertices, which is
    exponential in the size of the game; its integers grow with the pivots.
    """
    tableau = queue[-1][0]
    per_tableau = tableau.nbytes + sum(sys.getsizeof(v) for v in tableau.flat) + 64 * len(tableau)
    per_key = 2 * sys.getsizeof(1 << labels) + 16  # a basis bitmask in the seen set
    per_vertex = 300 + tableau.shape[0] * 40  # an ExactVertex with its coordinates
    # Small integers are shared, so this overcounts a little: the margin for the steps until the next check.
    estimate = len(queue) * per_tableau + len(seen) * per_key + len(vertices) * per_vertex
    check_allocation(
        estimate,
        f"the vertex enumeration of a {len(tableau)}-row best-response polytope ({len(vertices):,} vertices so far)",
        hint="the game has too many extreme equilibria to list; pass time_limit= to bound the work",
    )


def _record_vertex(
    tableau: np.ndarray, det: int, basis: list[int], d: int, k: int, vertices: dict[int, ExactVertex]
) -> None:
    values = tableau[:, -1]
    basic_mask = 0
    zero_mask = 0
    for row, var in enumerate(basis):
        basic_mask |= 1 << var
        if values[row] == 0:
            zero_mask |= 1 << var
    labels = (((1 << (d + k)) - 1) & ~basic_mask) | zero_mask
    if labels in vertices:
        return
    numerators = [0] * d
    for row, var in enumerate(basis):
        if var < d:
            numerators[var] = int(values[row])
    vertices[labels] = ExactVertex(tuple(numerators), int(det), labels, labels.bit_count())


def _ratio_tests(tableau: np.ndarray, columns: list[int], d: int, k: int) -> list[int]:
    """Lexicographic minimum-ratio row for each entering column (-1 if none)."""
    try:
        floats = tableau.astype(np.float64)
    except OverflowError:
        floats = None
    if floats is None or not np.all(np.isfinite(floats)):
        return [_exact_lex_min(tableau, c, list(np.flatnonzero(tableau[:, c] > 0)), d, k) for c in columns]
    cols = floats[:, columns]
    positive = cols > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(positive, floats[:, -1:] / np.where(positive, cols, 1.0), np.inf)
    best = ratios.min(axis=0)
    candidates = ratios <= best * (1 + _TIE)
    counts = candidates.sum(axis=0)
    first = candidates.argmax(axis=0)
    out = []
    for j, c in enumerate(columns):
        if not np.isfinite(best[j]):
            out.append(-1)
        elif counts[j] == 1:
            out.append(int(first[j]))
        else:
            out.append(_exact_lex_min(tableau, c, list(np.flatnonzero(candidates[:, j])), d, k))
    return out


def _exact_lex_min(tableau: np.ndarray, c: int, rows: list[int], d: int, k: int) -> int:
    """Among ``rows`` (positive in column ``c``), the lexicographic minimum ratio row."""
    if not rows:
        return -1
    order = [tableau.shape[1] - 1, *range(d, d + k)]  # right-hand side, then the basis inverse
    best = int(rows[0])
    for row in rows[1:]:
        row = int(row)
        for col in order:
            left = tableau[row, col] * tableau[best, c]
            right = tableau[best, col] * tableau[row, c]
            if left != right:
                if left < right:
                    best = row
                break
    return best


def _pivot(tableau: np.ndarray, det: int, row: int, col: int) -> np.ndarray:
    """Fraction-free pivot: every entry stays an integer (exact division by the old determinant)."""
    pivot = tableau[row, col]
    out = (tableau * pivot - np.outer(tableau[:, col], tableau[row])) // det
    out[row] = tableau[row]
    return out
