"""The partners of the row player's vertices in the column player's polytope (private kernel).

With the vertices ``x`` of ``P = {x >= 0 : B'^T x <= 1}`` listed, the
equilibria are the pairs ``(x, y)`` with ``y`` a vertex of
``Q = {y >= 0 : A' y <= 1}`` whose labels complete those of ``x``: ``y`` is
zero outside the best responses ``J`` to ``x``, and ``(A' y)_i = 1`` on the
support ``I`` of ``x``. So ``Q`` need not be enumerated (the method of
lrsnash; Avis, Rosenberg, Savani and von Stengel 2010):

* a nondegenerate ``x`` (``|I| = |J|``) has at most one partner, the
  solution of ``A'[I, J] y_J = 1`` when it is feasible. The systems of one
  size are solved together by fraction-free Gauss-Jordan elimination in
  float64, exact under the rounding bound of :mod:`gametheory.solvers._vertex_fast`
  (entries are integer minors; a system that fails the bound is treated
  as hard);
* a degenerate ``x``, a singular system or a hard one: the vertices of the
  face ``{y in Q : y_j = 0 outside J}`` are enumerated exactly (a polytope
  in ``|J|`` dimensions) and those tight on ``I`` kept.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from gametheory._internal.limits import check_time
from gametheory.solvers._vertex_fast import VertexTable, polytope_vertices

__all__ = ["partner_pairs"]

_SAFE = 2.0**49  # spread bound under which a float64 fraction-free step rounds to the exact integers
_BATCH = 8192  # systems solved per numpy batch (bounds the temporaries' memory)
_MAX_CHOICES = 512  # tight sets tried for one degenerate vertex before its face is enumerated instead


def partner_pairs(
    p_vertices: VertexTable, a_positive: np.ndarray
) -> tuple[list[tuple[int, int]], list[tuple[int, ...]]]:
    """Pairs ``(i, j)``: vertex ``i`` of ``P`` with partner ``j``, and each partner's integer coordinates (any scale).

    ``a_positive`` is the positive integer (object) matrix of ``Q``, ``m x n``.
    """
    m, n = a_positive.shape
    count = len(p_vertices.labels)
    partners: dict[tuple[int, ...], int] = {}
    coordinates: list[tuple[int, ...]] = []
    pairs: list[tuple[int, int]] = []

    found: set[tuple[int, int]] = set()

    def add(i: int, solution: tuple[tuple[int, ...], int]) -> None:
        divisor = math.gcd(*solution[0])  # one key per point, whatever the scale it was found at
        numerators = tuple(v // divisor for v in solution[0])
        j = partners.setdefault(numerators, len(partners))
        if len(partners) > len(coordinates):
            coordinates.append(numerators)
        if (i, j) not in found:  # a degenerate vertex can reach one partner through several tight sets
            found.add((i, j))
            pairs.append((i, j))

    if count == 0:
        return pairs, coordinates
    support, responses = _label_sets(p_vertices.labels, m, n)
    owners, rows, columns = _systems(support, responses)
    floats = np.array(a_positive, dtype=np.float64) if _fits(a_positive) else None
    sizes = rows.sum(axis=1)
    nonsingular = np.zeros(len(owners), dtype=bool)
    solved: list[tuple[int, tuple[tuple[int, ...], int]]]
    batches = [
        group[begin : begin + _BATCH]
        for size in np.unique(sizes).tolist()
        for group in [np.flatnonzero(sizes == size)]
        for begin in range(0, len(group), _BATCH)
    ]
    for group in batches:
        check_time()
        size = int(sizes[group[0]])
        if floats is None:
            solved, singular, overflow = [], np.zeros(len(group), dtype=bool), np.ones(len(group), dtype=bool)
        else:
            solved, singular, overflow = _solve_group(floats, rows[group], columns[group], size)
        nonsingular[group[~singular & ~overflow]] = True
        for k, candidate in solved:
            if _feasible(a_positive, candidate):
                add(int(owners[group[k]]), candidate)
        for k in np.flatnonzero(overflow).tolist():  # past the float bound: Python integers
            check_time()
            system = group[k]
            free = np.flatnonzero(columns[system]).tolist()
            solution = _solve_exact([[int(a_positive[i, j]) for j in free] for i in np.flatnonzero(rows[system])])
            if solution is None:
                continue
            nonsingular[system] = True
            y = [0] * n
            for j, value in zip(free, solution[0], strict=True):
                y[j] = value
            if min(y) >= 0 and _feasible(a_positive, (tuple(y), solution[1])):
                add(int(owners[system]), (tuple(y), solution[1]))
    # No nonsingular tight set (dependent rows I, an empty face, or too many choices): enumerate the face.
    solved_owners = np.zeros(count, dtype=bool)
    solved_owners[owners[nonsingular]] = True
    for i in np.flatnonzero(~solved_owners).tolist():
        check_time()
        for point in _face_partners(a_positive, support[i], responses[i]):
            add(i, (point, 1))
    return pairs, coordinates


def _label_sets(labels: np.ndarray, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Supports ``I`` (no label ``i``) and best responses ``J`` (label ``m + j``) of the vertices of ``P``, as bools."""
    if labels.dtype == np.uint64:
        bits = ((labels[:, None] >> np.arange(m + n, dtype=np.uint64)) & np.uint64(1)).astype(bool)
    else:
        rows = [[bool(label >> v & 1) for v in range(m + n)] for label in labels.tolist()]
        bits = np.array(rows, dtype=bool).reshape(len(rows), m + n)
    return ~bits[:, :m], bits[:, m:]


def _systems(support: np.ndarray, responses: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Square systems ``A'[rows, columns] y = 1`` whose feasible solutions are the partners: owner, rows, columns.

    A nondegenerate vertex ``x`` (``|I| = |J|``) has one system, ``I`` by
    ``J``. A degenerate one has ``e = |J| - |I| > 0``: its partners form a
    face of dimension ``e`` at most, and when the rows ``I`` are independent
    each vertex of the face solves ``I`` together with ``e`` more of its
    tight constraints (rows outside ``I`` at 1, or coordinates of ``J`` at
    0) as a nonsingular square system; all such choices are listed (none
    past ``_MAX_CHOICES``: the face is enumerated instead).
    """
    m = support.shape[1]
    extra = responses.sum(axis=1) - support.sum(axis=1)
    plain = np.flatnonzero(extra == 0)
    owners, rows, columns = [plain], [support[plain]], [responses[plain]]
    for i in np.flatnonzero(extra > 0).tolist():
        others = np.flatnonzero(~support[i]).tolist()
        choices = [("row", r) for r in others] + [("column", j) for j in np.flatnonzero(responses[i]).tolist()]
        if math.comb(len(choices), int(extra[i])) > _MAX_CHOICES:
            continue
        combos = list(itertools.combinations(choices, int(extra[i])))
        row_masks = np.repeat(support[i][None], len(combos), axis=0)
        column_masks = np.repeat(responses[i][None], len(combos), axis=0)
        for k, chosen in enumerate(combos):
            for kind, v in chosen:
                if kind == "row":
                    row_masks[k, v] = True
                else:
                    column_masks[k, v] = False
        owners.append(np.full(len(combos), i))
        rows.append(row_masks)
        columns.append(column_masks)
    return np.concatenate(owners), np.concatenate(rows).reshape(-1, m), np.concatenate(columns)


def _feasible(a_positive: np.ndarray, solution: tuple[tuple[int, ...], int]) -> bool:
    """Whether ``A' y <= 1`` for ``y = numerators / denominator`` (Python integers: exact)."""
    y, denominator = solution
    return all(sum(int(a) * v for a, v in zip(row, y, strict=True) if v) <= denominator for row in a_positive)


def _solve_exact(matrix: list[list[int]]) -> tuple[list[int], int] | None:
    """``(D y, D)``, ``D > 0``, for the system ``matrix y = 1`` (fraction-free Gauss-Jordan), None if singular."""
    size = len(matrix)
    system = [[*row, 1] for row in matrix]
    previous = 1
    for step in range(size):
        pivot_row = next((r for r in range(step, size) if system[r][step] != 0), None)
        if pivot_row is None:
            return None
        system[step], system[pivot_row] = system[pivot_row], system[step]
        pivot = system[step][step]
        for r in range(size):
            if r != step:
                factor = system[r][step]
                system[r] = [(pivot * v - factor * w) // previous for v, w in zip(system[r], system[step], strict=True)]
        previous = pivot
    sign = 1 if previous > 0 else -1
    return [sign * system[r][size] for r in range(size)], sign * previous


def _fits(matrix: np.ndarray) -> bool:
    return max(abs(int(v)) for v in matrix.flat) < _SAFE


def _solve_group(
    floats: np.ndarray, support: np.ndarray, responses: np.ndarray, size: int
) -> tuple[list[tuple[int, tuple[tuple[int, ...], int]]], np.ndarray, np.ndarray]:
    """Nonnegative solutions ``(D y, D)`` of ``A'[rows, columns] y = 1`` (systems of one size) not clearly infeasible.

    Also returns which systems are singular and which passed the rounding
    bound (to be solved again in Python integers); the solutions returned
    still need the exact check of ``A' y <= 1``.
    """
    count, n = responses.shape
    rows = np.nonzero(support)[1].reshape(count, size)
    columns = np.nonzero(responses)[1].reshape(count, size)
    system = np.ones((count, size, size + 1))
    system[:, :, :size] = floats[rows[:, :, None], columns[:, None, :]]
    singular = np.zeros(count, dtype=bool)
    overflow = np.zeros(count, dtype=bool)
    previous = np.ones(count)
    index = np.arange(count)
    for step in range(size):
        candidates = np.abs(system[:, step:, step])
        chosen = step + candidates.argmax(axis=1)
        singular |= candidates.max(axis=1) == 0
        swapped = system[index, chosen].copy()
        system[index, chosen] = system[:, step]
        system[:, step] = swapped
        pivots = np.where(singular, 1.0, system[:, step, step])
        pivot_row = system[:, step].copy()
        pivot_column = system[:, :, step].copy()
        spread = (
            np.abs(system).max(axis=(1, 2)) * np.abs(pivots)
            + np.abs(pivot_column).max(axis=1) * np.abs(pivot_row).max(axis=1)
        ) / np.abs(previous)
        overflow |= spread >= _SAFE
        system *= pivots[:, None, None]
        system -= pivot_column[:, :, None] * pivot_row[:, None, :]
        system /= previous[:, None, None]
        np.rint(system, out=system)
        system[:, step] = pivot_row
        previous = pivots
    # Now system[:, :, :size] = D I and system[:, :, size] = D y_J, with D the last pivot.
    signs = np.sign(previous)
    numerators = system[:, :, size] * signs[:, None]
    singular &= ~overflow  # after an inexact step, a zero pivot column proves nothing
    candidates = np.flatnonzero(~singular & ~overflow & np.all(numerators >= 0, axis=1))
    # A' y <= 1 in floats: the sums of products carry a relative error far below 1e-9, so only rows over D by
    # more than that are certainly violated; the other candidates are checked in Python integers.
    used = floats.T[columns[candidates]]  # (K, size, m): the columns J of A', transposed
    loads = np.einsum("kjm,kj->km", used, numerators[candidates])
    magnitudes = np.einsum("kjm,kj->km", np.abs(used), numerators[candidates])
    scale = np.abs(previous[candidates])
    violated = np.any(loads - scale[:, None] > 1e-9 * (magnitudes + scale[:, None]), axis=1)
    found = []
    for k in candidates[~violated].tolist():
        y = [0] * n
        for j, value in zip(columns[k].tolist(), numerators[k].tolist(), strict=True):
            y[j] = int(value)
        found.append((k, (tuple(y), int(abs(previous[k])))))
    return found, singular, overflow


def _face_partners(a_positive: np.ndarray, support: np.ndarray, responses: np.ndarray) -> list[tuple[int, ...]]:
    """Vertices of ``{y in Q : y_j = 0 outside J}`` tight on every row of ``I``, by exact enumeration of the face."""
    n = a_positive.shape[1]
    columns = np.flatnonzero(responses)
    if columns.size == 0:
        return []
    face = polytope_vertices(a_positive[:, columns])
    width = columns.size
    wanted = sum(1 << (width + i) for i in np.flatnonzero(support).tolist())
    out = []
    for k, label in enumerate(face.labels):
        if int(label) & wanted == wanted:
            numerators, _ = face.coordinates(k)
            y = [0] * n
            for j, value in zip(columns.tolist(), numerators, strict=True):
                y[j] = value
            out.append(tuple(y))
    return out
