"""Float equilibrium enumeration for nondegenerate two-player games (private kernel).

The vertices of the row player's best-response polytope
``P = {x >= 0 : B^T x <= 1}`` come from one of two enumerations:

* qhull (a convex hull of the polar points, as in quantecon), fast but one
  call that can be neither interrupted nor bounded in memory; it is used
  only when the upper bound theorem caps the number of vertices of ``P`` at
  :data:`QHULL_MAX_VERTICES` (square games up to 14 x 14), so that it ends
  within a fraction of a second whatever the payoffs;
* otherwise a breadth-first search over the bases of ``P``
  (:func:`_pivoting_search`): frontiers of bases are solved in batches of
  :data:`_CHUNK`, with :func:`~gametheory._internal.limits.check_time`
  between batches and :func:`~gametheory._internal.limits.check_allocation`
  before its tables grow, so ``time_limit`` stops it promptly and it never
  exhausts memory. It keeps only the bases' bitmasks (a few bytes per
  vertex) and finds the partners of each batch at once.

Labels are recomputed from the coordinates with a tolerance, so degeneracy
is detected rather than assumed away. For each vertex ``x`` the only
possible partner ``y`` solves a small linear system
(``A[supp x, BR(x)] y = 1``), so the column player's polytope is never
enumerated: the systems are grouped by size and solved in batches.

The kernel returns ``None`` whenever the game is degenerate within the
tolerance, or qhull fails; the caller then uses the exact algorithm.
"""

from __future__ import annotations

from itertools import combinations
from math import comb

import numpy as np

from gametheory._internal.caches import cached
from gametheory._internal.limits import check_allocation, check_time

__all__ = ["LABEL_TOLERANCE", "QHULL_MAX_VERTICES", "float_equilibria", "vertex_bound"]

#: Slack below which a constraint counts as tight, on payoffs scaled to [1, 2].
LABEL_TOLERANCE = 1e-9

#: qhull is used only when the polytope has at most this many vertices by the upper bound theorem
#: (qhull then takes well under a second); larger games use the interruptible pivoting search.
QHULL_MAX_VERTICES = 200_000

#: Games with at most this many bases (``comb(m + n, m)``) find the vertices of ``P`` by solving
#: every basis (:func:`_support_vertices`): faster than a qhull call on small games.
SUPPORT_MAX_BASES = 60

# What _support_vertices gives when a basis is singular.
_SINGULAR = np.empty((0, 0), dtype=bool)

# Bases solved per batch of the pivoting search (a few milliseconds each, even at 20 x 20).
_CHUNK = 1024

# Entries of a tableau column at or below this do not bound the ratio test.
_PIVOT_EPS = 1e-12


def float_equilibria(row_payoffs: np.ndarray, column_payoffs: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Extreme equilibria of a nondegenerate game as aligned arrays ``(X, Y)``, or ``None``.

    ``X[k]`` and ``Y[k]`` are the row and column player's mixed strategies of
    the ``k``-th equilibrium.
    """
    m, n = row_payoffs.shape
    if m > n:
        swapped = float_equilibria(column_payoffs.T, row_payoffs.T)
        return None if swapped is None else (swapped[1], swapped[0])
    if m < 2:
        return None
    a = _scaled(row_payoffs)
    b = _scaled(column_payoffs)
    if a is None or b is None:
        return None
    if vertex_bound(m, n) > QHULL_MAX_VERTICES:
        return _pivoting_search(a, b)
    vertices = _support_vertices(b) if comb(m + n, m) <= SUPPORT_MAX_BASES else _SINGULAR
    if vertices is _SINGULAR:
        vertices = _polytope_vertices(b)
    if vertices is None:
        return None
    return _partners(a, b.T, vertices)


def _support_vertices(b: np.ndarray) -> np.ndarray | None:
    """:func:`_polytope_vertices` for small games, without qhull: every basis of ``P`` is solved.

    A nonzero vertex of ``P`` with support ``S`` makes ``|S|`` columns ``T``
    tight, so it solves ``b[S, T]^T x_S = 1``; all pairs of equally sized
    ``S`` and ``T`` are solved in batches (one per size) and the feasible
    solutions are the vertices. Gives :data:`_SINGULAR` when a system is
    singular (qhull answers then).
    """
    m, n = b.shape
    found = []
    for size in range(1, m + 1):
        rows, cols = _support_pairs(m, n, size)
        values = _solve(b.T[cols[:, :, None], rows[:, None, :]])
        if values is None:
            return _SINGULAR
        x = np.zeros((len(rows), m))
        x[np.arange(len(rows))[:, None], rows] = values
        slack = np.hstack([x, 1.0 - x @ b])
        found.append(slack[np.all(slack >= -LABEL_TOLERANCE, axis=1)])
    tight = np.abs(np.concatenate(found)) <= LABEL_TOLERANCE
    return None if np.any(tight.sum(axis=1) != m) else tight


@cached(maxsize=32)
def _support_pairs(m: int, n: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """All pairs of ``size``-subsets of ``range(m)`` and of ``range(n)``, as aligned index arrays."""
    rows = np.array(list(combinations(range(m), size)), dtype=np.intp)
    cols = np.array(list(combinations(range(n), size)), dtype=np.intp)
    return np.repeat(rows, len(cols), axis=0), np.tile(cols, (len(rows), 1))


def vertex_bound(d: int, rows: int) -> int:
    """The most vertices a ``d``-dimensional polytope with ``d + rows`` facets can have (upper bound theorem).

    Examples
    --------
    >>> vertex_bound(2, 2), vertex_bound(14, 14), vertex_bound(20, 20)
    (4, 155040, 40060020)
    """
    facets = d + rows
    return comb(facets - (d + 1) // 2, d // 2) + comb(facets - d // 2 - 1, (d + 1) // 2 - 1)


def _scaled(payoffs: np.ndarray) -> np.ndarray | None:
    """Positive affine image with entries in [1, 2]; ``None`` for a constant matrix (degenerate)."""
    low, high = float(payoffs.min()), float(payoffs.max())
    if not high > low:
        return None
    return 1.0 + (payoffs - low) / (high - low)


def _polytope_vertices(b: np.ndarray) -> np.ndarray | None:
    """Tight labels of the nonzero vertices of ``{x >= 0 : b^T x <= 1}``, or ``None``."""
    from scipy.spatial import ConvexHull, QhullError

    m, n = b.shape
    constraints = np.vstack([-np.eye(m), b.T])
    bounds = np.concatenate([np.zeros(m), np.ones(n)])
    # Translate by an interior point so that the polar of the polytope is bounded.
    centre = np.full(m, 0.5 / b.sum(axis=0).max())
    offsets = bounds - constraints @ centre
    try:
        hull = ConvexHull(constraints / offsets[:, None])
    except (QhullError, ValueError):
        return None
    equations = hull.equations
    tight = _labels(-equations[:, :m] / equations[:, m:] + centre, b)
    if tight is None:
        return None
    nonzero = ~tight[:, :m].all(axis=1)
    return tight[nonzero]


def _labels(x: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Tight labels of the points ``x`` of ``P``; ``None`` unless each has exactly ``m`` (nondegenerate)."""
    # Slacks of x >= 0 and of b^T x <= 1, without multiplying by the identity block.
    slack = np.hstack([x, 1.0 - x @ b])
    tight = np.abs(slack) <= LABEL_TOLERANCE
    if np.any(tight.sum(axis=1) != b.shape[0]) or np.any(slack < -LABEL_TOLERANCE):
        return None
    return tight


def _pivoting_search(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The equilibria, from a breadth-first search over the bases of ``P`` (nondegenerate games); or ``None``.

    A basis is the set of ``n`` basic variables among ``x`` (``0..m-1``) and
    the slacks of ``b^T x <= 1`` (``m..m+n-1``), kept as a packed bitmask.
    Each frontier is expanded in batches: solving the basis matrices gives
    the vertices and the tableau columns of the ``m`` nonbasic variables,
    and one ratio test per column gives the neighbours. A nondegenerate
    polytope has one basis per vertex, so the search visits each vertex
    once; a degenerate one (a basic variable within the tolerance of 0, or
    a ratio test without a bound) gives ``None``.
    """
    m, n = b.shape
    width = m + n
    columns = np.vstack([b, np.eye(n)])  # row v: the column of variable v in [b^T I]
    start = np.zeros((1, width), dtype=bool)
    start[0, m:] = True  # the origin: every slack basic
    frontier = seen = _keys(start)
    found_x, found_y = [], []
    while len(frontier):
        pending: list[np.ndarray] = []
        size = 0
        for first in range(0, len(frontier), _CHUNK):
            check_time()
            keys = frontier[first : first + _CHUNK]
            packed = keys.view(np.uint8).reshape(len(keys), frontier.itemsize)
            step = _expand(columns, np.unpackbits(packed, axis=1, count=width).astype(bool), b)
            if step is None:
                return None
            tight, neighbours = step
            nonzero = ~tight[:, :m].all(axis=1)
            if nonzero.any():
                pair = _partners(a, b.T, tight[nonzero])
                if pair is None:
                    return None
                found_x.append(pair[0])
                found_y.append(pair[1])
            neighbours = np.unique(neighbours)
            at = np.minimum(np.searchsorted(seen, neighbours), len(seen) - 1)
            pending.append(neighbours[seen[at] != neighbours])
            size += len(pending[-1])
            # The visited bases, the new frontier and the copies made to sort them.
            check_allocation(
                3 * (len(seen) + size) * frontier.itemsize,
                f"the vertex enumeration of a {n}-row best-response polytope ({len(seen):,} bases so far)",
                hint="the game has too many extreme equilibria to list; pass time_limit= to bound the work",
            )
        frontier = np.unique(np.concatenate(pending))
        seen = np.sort(np.concatenate([seen, frontier]))
    if not found_x:
        return np.empty((0, m)), np.empty((0, n))
    return np.concatenate(found_x), np.concatenate(found_y)


def _keys(masks: np.ndarray) -> np.ndarray:
    """Bitmasks (boolean rows, last axis) as packed, sortable byte strings."""
    packed = np.packbits(masks, axis=-1)
    packed = np.ascontiguousarray(packed.reshape(-1, packed.shape[-1]))
    return packed.view(np.dtype((np.void, packed.shape[1]))).ravel()


def _expand(columns: np.ndarray, basic: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Tight labels of the bases ``basic`` (boolean rows) and the keys of their neighbours; ``None`` if degenerate."""
    m, n = b.shape
    count = len(basic)
    bases = np.nonzero(basic)[1].reshape(count, n)
    nonbasic = np.nonzero(~basic)[1].reshape(count, m)
    right = np.concatenate([columns[nonbasic].transpose(0, 2, 1), np.ones((count, n, 1))], axis=2)
    try:
        tableau = np.linalg.solve(columns[bases].transpose(0, 2, 1), right)
    except np.linalg.LinAlgError:
        return None
    values = tableau[:, :, m]
    if np.any(values <= LABEL_TOLERANCE):
        return None  # a degenerate (or infeasible) vertex: leave the game to the exact algorithm
    x = np.zeros((count, m))
    structural = bases < m
    x[np.nonzero(structural)[0], bases[structural]] = values[structural]
    tight = _labels(x, b)
    if tight is None:
        return None
    directions = tableau[:, :, :m]
    bounded = directions > _PIVOT_EPS
    ratios = np.where(bounded, values[:, :, None] / np.where(bounded, directions, 1.0), np.inf)
    leave = ratios.argmin(axis=1)  # (count, m): the leaving row for each entering variable
    if not np.all(np.isfinite(np.take_along_axis(ratios, leave[:, None, :], axis=1))):
        return None
    leaving = np.take_along_axis(bases, leave, axis=1)
    neighbours = np.repeat(basic[:, None, :], m, axis=1)
    which, entering = np.repeat(np.arange(count), m), np.tile(np.arange(m), count)
    neighbours[which, entering, nonbasic.ravel()] = True
    neighbours[which, entering, leaving.ravel()] = False
    return tight, _keys(neighbours)


def _partners(a: np.ndarray, b_t: np.ndarray, tight: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The partner ``y`` of each vertex ``x`` (labels ``tight``), kept when feasible.

    ``y`` is zero off the column player's best responses to ``x`` and makes
    each strategy in the support of ``x`` tight: ``a[supp x, BR(x)] y = 1``,
    a square system because ``x`` has exactly ``m`` labels. The systems are
    grouped by size and each group is solved in one batch.
    """
    m, n = a.shape
    support = ~tight[:, :m]
    responses = tight[:, m:]
    sizes = support.sum(axis=1)
    found_x, found_y = [], []
    for size in range(1, m + 1):
        group = np.flatnonzero(sizes == size)
        if not len(group):
            continue
        rows = np.nonzero(support[group])[1].reshape(-1, size)
        cols = np.nonzero(responses[group])[1].reshape(-1, size)
        values = _solve(a[rows[:, :, None], cols[:, None, :]])
        if values is None:
            return None
        y = np.zeros((len(group), n))
        y[np.arange(len(group))[:, None], cols] = values
        payoffs = y @ a.T
        feasible = np.all(values >= -LABEL_TOLERANCE, axis=1) & np.all(payoffs <= 1 + LABEL_TOLERANCE, axis=1)
        if not feasible.any():
            continue
        y, payoffs, rows, cols = y[feasible], payoffs[feasible], rows[feasible], cols[feasible]
        labels = (np.abs(y) <= LABEL_TOLERANCE).sum(axis=1) + (np.abs(payoffs - 1) <= LABEL_TOLERANCE).sum(axis=1)
        if np.any(labels != n):
            return None  # a partner is a degenerate vertex: leave the game to the exact algorithm
        # Recompute x from its own labels (b^T[BR, supp] x = 1): as accurate as y.
        refined = _solve(b_t[cols[:, :, None], rows[:, None, :]])
        if refined is None:
            return None
        x = np.zeros((len(y), m))
        x[np.arange(len(y))[:, None], rows] = refined
        found_x.append(x)
        found_y.append(y)
    if not found_x:
        return np.empty((0, m)), np.empty((0, n))
    return _normalised(np.concatenate(found_x)), _normalised(np.concatenate(found_y))


def _solve(systems: np.ndarray) -> np.ndarray | None:
    """Solve each ``systems[k] z = 1``; ``None`` if one is singular."""
    if systems.shape[1] == 1:  # what LAPACK computes for 1 x 1 systems, without its overhead
        pivots = systems[:, :, 0]
        return None if np.any(pivots == 0) else 1.0 / pivots
    try:
        return np.linalg.solve(systems, np.ones((*systems.shape[:2], 1)))[..., 0]
    except np.linalg.LinAlgError:
        return None


def _normalised(points: np.ndarray) -> np.ndarray:
    points = np.clip(points, 0.0, None)
    return points / points.sum(axis=1, keepdims=True)
