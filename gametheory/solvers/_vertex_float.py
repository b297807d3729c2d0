"""Float equilibrium enumeration for nondegenerate two-player games (private kernel).

The vertices of the row player's best-response polytope
``P = {x >= 0 : B^T x <= 1}`` come from qhull (a convex hull of the polar
points, as in quantecon). Labels are recomputed from the coordinates with a
tolerance, so degeneracy is detected rather than assumed away. For each
vertex ``x`` the only possible partner ``y`` solves a small linear system
(``A[supp x, BR(x)] y = 1``), so the column player's polytope is never
enumerated: the systems are grouped by size and solved in batches.

The kernel returns ``None`` whenever the game is degenerate within the
tolerance, or qhull fails; the caller then uses the exact algorithm.
"""

from __future__ import annotations

import numpy as np

__all__ = ["LABEL_TOLERANCE", "float_equilibria"]

#: Slack below which a constraint counts as tight, on payoffs scaled to [1, 2].
LABEL_TOLERANCE = 1e-9


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
    vertices = _polytope_vertices(b)
    if vertices is None:
        return None
    return _partners(a, b.T, vertices)


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
    x = -equations[:, :m] / equations[:, m:] + centre
    # Slacks of x >= 0 and of b^T x <= 1, without multiplying by the identity block.
    slack = np.hstack([x, 1.0 - x @ b])
    tight = np.abs(slack) <= LABEL_TOLERANCE
    if np.any(tight.sum(axis=1) != m) or np.any(slack < -LABEL_TOLERANCE):
        return None
    nonzero = ~tight[:, :m].all(axis=1)
    return tight[nonzero]


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
    for size in np.unique(sizes):
        group = np.flatnonzero(sizes == size)
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
    try:
        return np.linalg.solve(systems, np.ones((*systems.shape[:2], 1)))[..., 0]
    except np.linalg.LinAlgError:
        return None


def _normalised(points: np.ndarray) -> np.ndarray:
    points = np.clip(points, 0.0, None)
    return points / points.sum(axis=1, keepdims=True)
