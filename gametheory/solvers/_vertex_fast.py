"""Exact vertex enumeration, one search level at a time on stacks of float64 tableaux (private kernel).

The search is the one of :mod:`gametheory.solvers._vertex_exact`: a
breadth-first search over the lexicographically feasible bases of
``{z >= 0 : M z <= 1}``, on fraction-free integer tableaux. Here all the
tableaux of one level are pivoted together as one 3-D ``float64`` array,
which removes the per-basis Python overhead.

Exactness. Every entry of a fraction-free tableau is an integer (a minor of
``[M | I | 1]``). While the entries stay below ``2**50``, ``float64`` holds
them exactly, and a pivot ``(T p - c r) / det`` computed in ``float64`` has
a rounding error of at most ``1.01 u (|T p| + |c r|) / det + 2.01 u |out|``
(``u = 2**-53``). When a generous multiple of that bound is below 1/4,
rounding to the nearest integer gives the exact entry; otherwise the pivot
is redone in Python integers and the search goes on from that basis in exact
arithmetic (:mod:`gametheory.solvers._vertex_exact`) until its entries fit
again. Signs of exact integers are exact; ratio tests compare float
quotients and settle near-ties (within a relative ``1e-9``, far above the
rounding error of a quotient) in Python integers. So the bases, labels and
coordinates found are exactly those of the integer search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gametheory._internal.limits import check_allocation, check_time
from gametheory.solvers._vertex_exact import _pivot, _ratio_tests, exact_vertices
from gametheory.solvers._vertex_lex import lex_ties

__all__ = ["VertexTable", "polytope_vertices"]

_U = 2.0**-53
_FIT = 2.0**50  # entries below this are exact in float64, with room for the rounding bound
_TIE = 1e-9
_CHUNK = 4096  # children pivoted per numpy batch (bounds the temporaries' memory)
_MAX_LABELS = 63  # labels are packed in one uint64
_MEMORY_CHECK_AFTER = 512  # bases visited before the memory estimates start


@dataclass(frozen=True)
class VertexTable:
    """The nonzero vertices of a polytope: labels, label counts and exact coordinates.

    ``labels`` holds bitmasks (``uint64``, or Python ints in an object array
    for polytopes with more than 63 labels); vertex ``i`` is
    ``numerators(i) / denominator(i)``.
    """

    labels: np.ndarray
    num_labels: np.ndarray
    _numerators: np.ndarray  # float64 exact integers (rows overridden by _exact)
    _denominators: np.ndarray
    _exact: dict[int, tuple[tuple[int, ...], int]] = field(default_factory=dict)

    def coordinates(self, i: int) -> tuple[tuple[int, ...], int]:
        """Exact numerators and denominator of vertex ``i``."""
        if i in self._exact:
            return self._exact[i]
        return tuple(int(v) for v in self._numerators[i]), int(self._denominators[i])


def polytope_vertices(matrix: np.ndarray) -> VertexTable:
    """Every nonzero vertex of ``{z >= 0 : M z <= 1}``, ``M`` a positive k x d integer (object) matrix."""
    k, d = matrix.shape
    coordinate_mask = (1 << d) - 1
    if d + k <= _MAX_LABELS and max(abs(int(v)) for v in matrix.flat) < _FIT:
        labels, numerators, denominators, exact = _search(np.array(matrix, dtype=np.float64), d, k)
        _, first = np.unique(labels, return_index=True)
        keep = first[(labels[first] & np.uint64(coordinate_mask)) != np.uint64(coordinate_mask)]
        keep.sort()
        if exact:
            renumber = {int(old): new for new, old in enumerate(keep)}
            exact = {renumber[i]: value for i, value in exact.items() if i in renumber}
        return VertexTable(
            labels[keep], np.bitwise_count(labels[keep]).astype(np.int64), numerators[keep], denominators[keep], exact
        )
    # Many labels or huge payoffs: the per-basis exact search.
    vertices = [v for v in exact_vertices(matrix.tolist()) if v.labels & coordinate_mask != coordinate_mask]
    return VertexTable(
        np.array([v.labels for v in vertices] + [None], dtype=object)[:-1],
        np.array([v.num_labels for v in vertices], dtype=np.int64),
        np.zeros((len(vertices), d)),
        np.ones(len(vertices)),
        {i: (v.numerators, v.denominator) for i, v in enumerate(vertices)},
    )


@dataclass
class _Level:
    """The bases of one search level: float tableaux, and the few kept in Python integers."""

    tableaux: np.ndarray  # (F, k, d + 1) float64 dictionaries: the nonbasic columns and the right-hand side
    dets: np.ndarray  # (F,)
    bases: np.ndarray  # (F, k) int64: the basic variable of each row
    nonbasic: np.ndarray  # (F, d) int64: the variable of each dictionary column
    keys: np.ndarray  # (F,) uint64 bitmask of the basis
    exact: list[tuple[np.ndarray, int, list[int], int]]  # (full object tableau, det, basis, key)


def _search(
    matrix: np.ndarray, d: int, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, tuple[tuple[int, ...], int]]]:
    start = np.ones((1, k, d + 1))
    start[0, :, :d] = matrix
    bases = np.arange(d, d + k, dtype=np.int64)[None, :]
    level = _Level(start, np.ones(1), bases, np.arange(d, dtype=np.int64)[None, :], _bits(bases), [])
    seen = level.keys.copy()
    labels: list[np.ndarray] = []
    numerators: list[np.ndarray] = []
    denominators: list[np.ndarray] = []
    exact: dict[int, tuple[tuple[int, ...], int]] = {}
    count = 0
    while len(level.keys) or level.exact:
        check_time()
        if count >= _MEMORY_CHECK_AFTER:  # small searches skip the estimate, as in the per-basis search
            _check_memory(len(seen), min(len(level.keys) * d, _CHUNK), level.tableaux.size, d, k, count)
        level_labels, level_numerators = _record(level.tableaux, level.bases, d, k)
        labels.append(level_labels)
        numerators.append(level_numerators)
        denominators.append(level.dets)
        count += len(level_labels)
        for tableau, det, basis, _ in level.exact:
            entry_labels, entry_numerators = _record_exact(tableau, basis, d, k)
            exact[count] = (entry_numerators, det)
            labels.append(np.array([entry_labels], dtype=np.uint64))
            numerators.append(np.zeros((1, d)))
            denominators.append(np.ones(1))
            count += 1
        level, seen = _next_level(level, seen, d, k)
    return np.concatenate(labels), np.concatenate(numerators), np.concatenate(denominators), exact


def _check_memory(seen: int, children: int, level_size: int, d: int, k: int, count: int) -> None:
    """Stop before the search's tables outgrow the memory budget: the keys seen, a level and its pivot batch."""
    check_allocation(
        8.0 * (seen * (d + 3) + 6 * children * k * (d + 1) + 4 * level_size),
        f"the vertex enumeration of a {k}-row best-response polytope ({count:,} bases so far)",
        hint="the game has too many extreme equilibria to list; pass time_limit= to bound the work",
    )


def _bits(variables: np.ndarray) -> np.ndarray:
    """Bitmask (uint64) of each row's variables."""
    return np.bitwise_or.reduce(np.left_shift(np.uint64(1), variables.astype(np.uint64)), axis=-1)


def _record(tableaux: np.ndarray, bases: np.ndarray, d: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Labels (nonbasic variables and basic ones at zero) and coordinate numerators of each basis."""
    rhs = tableaux[:, :, -1]
    bits = np.left_shift(np.uint64(1), bases.astype(np.uint64))
    basic = np.bitwise_or.reduce(bits, axis=1)
    at_zero = np.bitwise_or.reduce(np.where(rhs == 0, bits, np.uint64(0)), axis=1)
    labels = (np.uint64((1 << (d + k)) - 1) & ~basic) | at_zero
    values = np.zeros((len(bases), d + k))
    np.put_along_axis(values, bases, rhs, axis=1)
    return labels, values[:, :d]


def _record_exact(tableau: np.ndarray, basis: list[int], d: int, k: int) -> tuple[int, tuple[int, ...]]:
    labels = (1 << (d + k)) - 1
    numerators = [0] * d
    for row, var in enumerate(basis):
        value = int(tableau[row, -1])
        if value != 0:
            labels &= ~(1 << var)
        if var < d:
            numerators[var] = value
    return labels, tuple(numerators)


def _next_level(level: _Level, seen: np.ndarray, d: int, k: int) -> tuple[_Level, np.ndarray]:
    pieces = [_float_children(level, begin, d, k) for begin in range(0, len(level.keys), _CHUNK)]
    parents, rows, positions, keys = (
        np.concatenate([piece[i] for piece in pieces])
        if pieces
        else np.zeros(0, dtype=np.int64 if i < 3 else np.uint64)
        for i in range(4)
    )
    # Children of the exact bases.
    exact_children: list[tuple[int, int, int]] = []
    exact_keys: list[int] = []
    for index, (tableau, _, basis, key) in enumerate(level.exact):
        free = [v for v in range(d + k) if not key >> v & 1]
        for column, row in zip(free, _ratio_tests(tableau, free, d, k), strict=True):
            if row >= 0:
                exact_children.append((index, row, column))
                exact_keys.append(key ^ (1 << column) ^ (1 << basis[row]))
    all_keys = np.concatenate([keys, np.array(exact_keys, dtype=np.uint64)])
    unique_keys, first = np.unique(all_keys, return_index=True)
    fresh = first[~np.isin(unique_keys, seen, assume_unique=True)]
    seen = np.concatenate([seen, all_keys[fresh]])
    from_float = np.sort(fresh[fresh < len(keys)])
    tableaux: list[np.ndarray] = []
    dets: list[np.ndarray] = []
    bases: list[np.ndarray] = []
    nonbasic: list[np.ndarray] = []
    new_keys: list[np.ndarray] = []
    new_exact: list[tuple[np.ndarray, int, list[int], int]] = []
    for begin in range(0, len(from_float), _CHUNK):
        check_time()
        chosen = from_float[begin : begin + _CHUNK]
        parent, leave, position = parents[chosen], rows[chosen], positions[chosen]
        out, ok = _pivot_batch(level.tableaux[parent], level.dets[parent], leave, position)
        batch = np.arange(len(chosen))
        child_bases, child_nonbasic = level.bases[parent], level.nonbasic[parent]
        entering = child_nonbasic[batch, position]
        child_nonbasic[batch, position] = child_bases[batch, leave]
        child_bases[batch, leave] = entering
        tableaux.append(out[ok])
        dets.append(level.tableaux[parent[ok], leave[ok], position[ok]])
        bases.append(child_bases[ok])
        nonbasic.append(child_nonbasic[ok])
        new_keys.append(keys[chosen][ok])
        for i in np.flatnonzero(~ok).tolist():  # the rounding bound failed: pivot in Python integers
            g = int(parent[i])
            tableau = _full_tableau(level.tableaux[g], level.bases[g], level.nonbasic[g], level.dets[g], d, k)
            det = int(level.dets[g])
            column = int(entering[i])
            new_exact.append(
                (
                    _pivot(tableau, det, int(leave[i]), column),
                    int(tableau[int(leave[i]), column]),
                    child_bases[i].tolist(),
                    int(keys[chosen][i]),
                )
            )
    for i in fresh[fresh >= len(keys)].tolist():
        index, row, column = exact_children[i - len(keys)]
        tableau, det, basis, _ = level.exact[index]
        child_basis = list(basis)
        child_basis[row] = column
        new_exact.append(
            (_pivot(tableau, det, row, column), int(tableau[row, column]), child_basis, exact_keys[i - len(keys)])
        )
    # Exact tableaux whose entries fit again go back to the float stack.
    still_exact = []
    for tableau, det, basis, key in new_exact:
        if max(abs(int(v)) for v in tableau.flat) < _FIT:
            free = [v for v in range(d + k) if not key >> v & 1]  # back to a dictionary
            tableaux.append(tableau[:, [*free, d + k]].astype(np.float64)[None])
            dets.append(np.array([float(det)]))
            bases.append(np.array([basis], dtype=np.int64))
            nonbasic.append(np.array([free], dtype=np.int64))
            new_keys.append(np.array([key], dtype=np.uint64))
        else:
            still_exact.append((tableau, det, basis, key))
    next_level = _Level(
        np.concatenate(tableaux) if tableaux else np.zeros((0, k, d + 1)),
        np.concatenate(dets) if dets else np.zeros(0),
        np.concatenate(bases) if bases else np.zeros((0, k), dtype=np.int64),
        np.concatenate(nonbasic) if nonbasic else np.zeros((0, d), dtype=np.int64),
        np.concatenate(new_keys) if new_keys else np.zeros(0, dtype=np.uint64),
        still_exact,
    )
    return next_level, seen


def _float_children(level: _Level, begin: int, d: int, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For the bases ``begin..begin+_CHUNK`` and each dictionary column: parent, leaving row, column, child's key."""
    check_time()
    chunk = slice(begin, begin + _CHUNK)
    tableaux, bases, nonbasic = level.tableaux[chunk], level.bases[chunk], level.nonbasic[chunk]
    columns = tableaux[:, :, :d]
    positive = columns > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(positive, tableaux[:, :, -1:] / np.where(positive, columns, 1.0), np.inf)
    best = ratios.min(axis=1)
    candidates = ratios <= best[:, None, :] * (1 + _TIE)
    leaving = candidates.argmax(axis=1)
    bounded = np.isfinite(best)
    ties = np.argwhere((candidates.sum(axis=1) > 1) & bounded)
    if len(ties):
        leaving[ties[:, 0], ties[:, 1]] = lex_ties(tableaux, bases, nonbasic, level.dets[chunk], ties, candidates, d, k)
    parents, positions = np.nonzero(bounded)
    entering = nonbasic[parents, positions]
    rows = leaving[parents, positions]
    one = np.uint64(1)
    keys = (
        level.keys[begin + parents]
        ^ np.left_shift(one, entering.astype(np.uint64))
        ^ np.left_shift(one, bases[parents, rows].astype(np.uint64))
    )
    return begin + parents, rows, positions, keys


def _pivot_batch(
    tableaux: np.ndarray, dets: np.ndarray, rows: np.ndarray, positions: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Fraction-free pivots of a stack of dictionaries in float64, and which ones are certainly exact.

    The entering variable's column becomes the leaving variable's: ``-c``
    off the pivot row and the old determinant on it.
    """
    index = np.arange(len(rows))
    pivots = tableaux[index, rows, positions]
    pivot_rows = tableaux[index, rows, :]
    pivot_columns = tableaux[index, :, positions]
    # Every |entry| of T p - c r is at most max|T| p + max|c| max|r|, and |out| is at most that over det.
    spread = (
        np.abs(tableaux).max(axis=(1, 2)) * pivots + np.abs(pivot_columns).max(axis=1) * np.abs(pivot_rows).max(axis=1)
    ) / dets
    # The rounding error is below 1.01 u spread + 2.01 u |out| <= 3.03 u spread < 1/5 when spread < 2**49.
    ok = spread < _FIT / 2
    out = tableaux  # a fresh copy made by the caller's fancy indexing
    out *= pivots[:, None, None]
    out -= pivot_columns[:, :, None] * pivot_rows[:, None, :]
    out /= dets[:, None, None]
    np.rint(out, out=out)
    out[index, :, positions] = -pivot_columns
    out[index, rows, :] = pivot_rows
    out[index, rows, positions] = dets
    return out, ok


def _full_tableau(
    dictionary: np.ndarray, basis: np.ndarray, nonbasic: np.ndarray, det: float, d: int, k: int
) -> np.ndarray:
    """The full fraction-free tableau (object integers, one column per variable, then the right-hand side)."""
    out = np.zeros((k, d + k + 1), dtype=object)
    ints = _as_ints(dictionary)
    out[:, nonbasic.tolist()] = ints[:, :d]
    out[:, -1] = ints[:, -1]
    out[np.arange(k), basis.tolist()] = int(det)
    return out


def _as_ints(tableau: np.ndarray) -> np.ndarray:
    out = np.empty(tableau.shape, dtype=object)
    out[...] = [[int(v) for v in row] for row in tableau]
    return out
