"""Ranges of support profiles' equations over boxes, many supports and boxes at once (numpy).

The indifference equations of a support profile are affine in each
player's own mixed strategy, so over a box (a product of one box per
player, in the reduced coordinates ``x_j = sigma_j[1:]``) every equation,
every regret and every Jacobian entry ranges over the convex hull of its
values at the box's corners: exact ranges, up to floating-point rounding,
which a generous margin covers. One other player's box is handled in
closed form (a linear function's range over a box), so only the others'
corners are enumerated. :class:`Batch` also runs the Krawczyk test, which
proves that a box holds exactly one solution (or none) and cuts it to
where solutions can be; :mod:`._nplayer_box` drives the search.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from gametheory.solvers._nplayer_exact import ExactSupport

__all__ = ["Batch"]

#: Relative margin covering floating-point rounding in corner values (sums of at most a few hundred terms).
_MARGIN = 1e-12


class Batch:
    """Float tensors of many support profiles, padded to common sizes and stacked along a first axis.

    A support smaller than the common size gets padding unknowns pinned to 0 (boxes of width 0),
    padding equations that are identically 0 (with the identity as their Jacobian rows, so the
    padded system is square and regular exactly when the support's own is), and padding regret
    rows identically -1. Its boxes then behave exactly like those of the unpadded support.
    """

    def __init__(self, supports: Sequence[ExactSupport]) -> None:
        self.n = len(supports[0].sizes)
        self.sizes = tuple(max(s.sizes[i] for s in supports) for i in range(self.n))
        self.neq = tuple(k - 1 for k in self.sizes)
        self.nvars = sum(self.neq)
        offsets = np.cumsum([0, *self.neq])
        self.blocks = tuple(slice(int(a), int(b)) for a, b in itertools.pairwise(offsets))
        self.pad = np.zeros((len(supports), self.nvars), dtype=bool)
        self.rows = []
        for i in range(self.n):
            strategies = supports[0].exact_rows[i].shape[0] + 1
            padded = np.zeros((len(supports), self.neq[i] + strategies - 1, *np.delete(self.sizes, i)))
            self.rows.append(padded)
        for index, support in enumerate(supports):
            for i, rows in enumerate(support.float_rows):
                k, own = support.sizes[i], self.neq[i]
                self.pad[index, self.blocks[i].start + k - 1 : self.blocks[i].stop] = True
                region = tuple(slice(0, m) for m in rows.shape[1:])
                self.rows[i][(index, slice(0, k - 1), *region)] = rows[: k - 1]  # type: ignore[index]
                outside = rows.shape[0] - (k - 1)
                self.rows[i][(index, slice(own, own + outside), *region)] = rows[k - 1 :]  # type: ignore[index]
                self.rows[i][index, own + outside :] = -1.0
        # Each row's rounding margin: its largest possible magnitude (corner coordinates are within
        # [-(k-2), 1]) times a small relative factor.
        spread = float(np.prod([max(1, k - 1) for k in self.sizes]))
        self.margins = [
            _MARGIN * spread * (np.abs(r).reshape(*r.shape[:2], math.prod(r.shape[2:])).sum(axis=2) + 1e-300)
            for r in self.rows
        ]
        self.directions = []
        for k in self.sizes:
            d = np.zeros((k - 1, k))
            d[:, 0] = -1.0
            d[np.arange(k - 1), np.arange(1, k)] = 1.0
            self.directions.append(d)
        self.bits = [(np.arange(2 ** (k - 1))[:, None] >> np.arange(k - 1)[None, :]) & 1 for k in self.sizes]
        self._layouts: dict[tuple[int, int], np.ndarray] = {}

    def corners(self, lo: np.ndarray, hi: np.ndarray, players: Sequence[int] | None = None) -> list[np.ndarray]:
        """Per player, the mixed strategies at the corners of its box: (B, 2**(k-1), k).

        Only for ``players`` if given (the others get an empty array).
        """
        out = []
        for j, block in enumerate(self.blocks):
            if players is not None and j not in players:
                out.append(np.empty((lo.shape[0], 0, self.sizes[j])))
                continue
            x = np.where(self.bits[j][None] == 1, hi[:, None, block], lo[:, None, block])
            out.append(np.concatenate([1.0 - x.sum(axis=2, keepdims=True), x], axis=2))
        return out

    def middle(self, i: int, free: int) -> list[int]:
        """The players whose corners :meth:`bounds` enumerates for player i's rows."""
        return [j for j in range(self.n) if j not in (i, free)]

    def free_player(self, i: int, *exclude: int) -> int:
        """The other player (not i, not excluded) whose box is handled in closed form: the one with most corners."""
        return max((j for j in range(self.n) if j != i and j not in exclude), key=lambda j: (self.sizes[j], j))

    def gathered(
        self, i: int, free: int, owner: np.ndarray, cache: dict[tuple[int, int], np.ndarray] | None
    ) -> np.ndarray:
        """Player i's rows for the boxes' supports, ``free``'s strategy axis first: (B, rows, k_free, ...).

        ``cache`` keeps them for the other calls on the same boxes (gathering is a large copy).
        """
        if cache is not None and (i, free) in cache:
            return cache[(i, free)]
        if (i, free) not in self._layouts:
            axis = 2 + [j for j in range(self.n) if j != i].index(free)
            self._layouts[(i, free)] = np.ascontiguousarray(np.moveaxis(self.rows[i], axis, 2))
        out = self._layouts[(i, free)][owner]
        if cache is not None:
            cache[(i, free)] = out
        return out

    def bounds(
        self,
        i: int,
        owner: np.ndarray,
        mats: list[np.ndarray],
        lo: np.ndarray,
        hi: np.ndarray,
        *,
        free: int,
        keep: int | None = None,
        cache: dict[tuple[int, int], np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Exact range (up to rounding) of player i's rows over each box: (B, rows), or (B, rows, m) with ``keep``.

        Each other player's mixed strategy enters linearly, so contracting the rows with ``mats[j]``
        (the corners of j's box, or ``keep``'s direction vectors) for every other player but ``free``
        leaves, at each corner, a linear function of ``free``'s coordinates, whose range over its box
        is read off the signs of its coefficients. That skips enumerating ``free``'s corners.
        """
        others = [j for j in range(self.n) if j != i]
        out = self.gathered(i, free, owner, cache)
        b, rows, k_free = out.shape[0], out.shape[1], out.shape[2]
        middle = [j for j in others if j != free]
        for j in middle:
            # Contract the first remaining strategy axis; its corner axis goes to the end.
            k, rest = out.shape[3], out.shape[4:]
            last = (0, 1, 2, *range(4, out.ndim), 3)
            flat = out.transpose(last).reshape(b, math.prod(out.shape[1:]) // k, k) @ mats[j].transpose(0, 2, 1)
            out = flat.reshape(b, rows, k_free, *rest, mats[j].shape[1])
        # out: (B, rows, k_free, c_middle...); the value at a point is v0 + sum_t (v_t - v0) x_t. Small axes
        # go first, where numpy reduces fastest.
        out = np.ascontiguousarray(out.transpose(*range(2, out.ndim), 0, 1))  # (k_free, c_middle..., B, rows)
        slope = out[1:] - out[:1]
        reach = (k_free - 1, *[1] * len(middle), b, 1)
        at_lo = slope * lo[:, self.blocks[free]].T.reshape(reach)
        at_hi = slope * hi[:, self.blocks[free]].T.reshape(reach)
        low = out[0] + np.minimum(at_lo, at_hi).sum(axis=0)
        high = out[0] + np.maximum(at_lo, at_hi).sum(axis=0)
        # low, high: (c_middle..., B, rows)
        if keep is None:
            corners = math.prod(low.shape[:-2])
            return low.reshape(corners, b, rows).min(axis=0), high.reshape(corners, b, rows).max(axis=0)
        axis = middle.index(keep)
        width = mats[keep].shape[1]
        corners = math.prod(low.shape[:-2]) // width
        first = (axis, *(a for a in range(low.ndim) if a != axis))
        low = low.transpose(first).reshape(width, corners, b, rows).min(axis=1)
        high = high.transpose(first).reshape(width, corners, b, rows).max(axis=1)
        return low.transpose(1, 2, 0), high.transpose(1, 2, 0)

    def ranges(
        self, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray, cache: dict[tuple[int, int], np.ndarray] | None = None
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """Lower and upper bounds of every row of every player over each box."""
        out = []
        for i in range(self.n):
            free = self.free_player(i)
            corners = self.corners(lo, hi, self.middle(i, free))
            low, high = self.bounds(i, owner, corners, lo, hi, free=free, cache=cache)
            margin = self.margins[i][owner]
            out.append((low - margin, high + margin))
        return out

    def jacobian(
        self, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray, cache: dict[tuple[int, int], np.ndarray] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Bounds on the Jacobian of the equations over each box: two (B, n, n) arrays."""
        b, n = owner.shape[0], self.nvars
        jlo = np.zeros((b, n, n))
        jhi = np.zeros((b, n, n))
        # Three players: each Jacobian block is linear in the one remaining player, so no corners are needed.
        corners = self.corners(lo, hi) if self.n > 3 else [np.empty((b, 0, k)) for k in self.sizes]
        for i in range(self.n):
            rows = self.blocks[i]
            if not self.neq[i]:
                continue
            margin = self.margins[i][owner][:, : self.neq[i], None]
            for j in range(self.n):
                cols = self.blocks[j]
                if j == i or cols.stop == cols.start:
                    continue
                mats = list(corners)
                mats[j] = np.broadcast_to(self.directions[j], (b, *self.directions[j].shape))
                low, high = self.bounds(i, owner, mats, lo, hi, free=self.free_player(i, j), keep=j, cache=cache)
                jlo[:, rows, cols] = low[:, : self.neq[i]] - margin
                jhi[:, rows, cols] = high[:, : self.neq[i]] + margin
        # Padding unknowns are pinned (boxes of width 0 there), so their columns never enter the
        # Krawczyk test's mean-value term; their equations are x = 0.
        pad = self.pad[owner]
        for bound in (jlo, jhi):
            bound[pad[:, None, :] | pad[:, :, None]] = 0.0
            bound[:, np.arange(n), np.arange(n)] += pad
        return jlo, jhi

    def equations_at(
        self, owner: np.ndarray, x: np.ndarray, cache: dict[tuple[int, int], np.ndarray] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Equation values at points x (B, n) and their rounding margins."""
        # At a point each player's "corners" are its one mixed strategy.
        points = [
            np.concatenate([1.0 - x[:, None, block].sum(axis=2, keepdims=True), x[:, None, block]], axis=2)
            for block in self.blocks
        ]
        values = []
        for i in range(self.n):
            low, high = self.bounds(i, owner, points, x, x, free=self.free_player(i), cache=cache)
            values.append((low + high)[:, : self.neq[i]] / 2)
        margins = [self.margins[i][owner][:, : self.neq[i]] for i in range(self.n)]
        return np.concatenate(values, axis=1), np.concatenate(margins, axis=1)

    def krawczyk(self, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per box: status 1 = exactly one solution inside, -1 = none, 0 = undecided; and the box cut to K(X).

        Every solution in the box X lies in the Krawczyk box K(X) whatever the preconditioner, so
        X ∩ K(X) loses none; near a regular root it shrinks quadratically.
        """
        n = self.nvars
        m, r = (lo + hi) / 2, (hi - lo) / 2
        cache: dict[tuple[int, int], np.ndarray] = {}
        jlo, jhi = self.jacobian(owner, lo, hi, cache)
        jc, jr = (jlo + jhi) / 2, (jhi - jlo) / 2
        det = np.linalg.det(jc)
        ok = np.abs(det) > 1e-12 * (np.abs(jc).max(axis=(1, 2)) + 1e-300) ** n
        y = np.zeros_like(jc)
        if ok.any():
            y[ok] = np.linalg.inv(jc[ok])
        fm, fmargin = self.equations_at(owner, m, cache)
        ay = np.abs(y)
        step = np.einsum("zij,zj->zi", y, fm)
        spread = np.abs(np.eye(n) - y @ jc) + ay @ jr
        radius = np.einsum("zij,zj->zi", ay, fmargin) + np.einsum("zij,zj->zi", spread, r)
        radius += 1e-12 * (1 + np.abs(m) + np.abs(step) + radius)
        offset = np.abs(step)
        pad = self.pad[owner]
        inside = np.all((offset + radius < r) | pad, axis=1) & ok
        apart = np.any(offset - radius > r, axis=1) & ok
        status = np.where(inside, 1, np.where(apart, -1, 0))
        center = m - step
        cut_lo = np.where(pad | ~ok[:, None], lo, np.maximum(lo, center - radius))
        cut_hi = np.where(pad | ~ok[:, None], hi, np.minimum(hi, center + radius))
        return status, cut_lo, cut_hi

    def feasible(self, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Boxes that may hold a solution: each player's rows tested on the boxes the previous ones kept."""
        keep = np.ones(lo.shape[0], dtype=bool)
        for block in self.blocks:
            # (A rounding slack: a float sum just over 1 must not drop a root whose first probability is tiny.)
            keep &= (lo[:, block].sum(axis=1) <= 1.0 + 1e-14) & (hi[:, block] >= 0).all(axis=1)
        for i in range(self.n):
            alive = np.flatnonzero(keep)
            if not alive.size:
                break
            box_lo, box_hi = lo[alive], hi[alive]
            free = self.free_player(i)
            corners = self.corners(box_lo, box_hi, self.middle(i, free))
            low, high = self.bounds(i, owner[alive], corners, box_lo, box_hi, free=free)
            margin = self.margins[i][owner[alive]]
            low, high = low - margin, high + margin
            k = self.neq[i]
            keep[alive] = np.all((low[:, :k] <= 0) & (high[:, :k] >= 0), axis=1) & np.all(low[:, k:] <= 0, axis=1)
        return keep
