"""Certified numerical solving of support profiles' indifference equations (interval branch and bound).

The indifference equations of a support profile are affine in each
player's own mixed strategy, so over a box (a product of one box per
player, in the reduced coordinates ``x_j = sigma_j[1:]``) every equation,
every regret and every Jacobian entry ranges over the convex hull of its
values at the box's corners. That gives exact ranges, up to floating-point
rounding, which a generous margin covers. Boxes where an equation cannot
vanish, a probability cannot be non-negative, or a strategy outside the
support pays more everywhere, are dropped; the others go through the
Krawczyk test, which proves a box holds exactly one solution, or are
bisected. A support left unresolved after a fixed budget (singular or
positive-dimensional solution sets, equilibria on a boundary, exact ties)
is reported as undecided and the caller solves it exactly instead.

Completeness does not depend on luck: a dropped box provably holds no
solution with non-negative probabilities and no profitable outside
strategy, and each kept root is proved to be the only one in its box.
All supports of one size profile are processed together, box by box in
numpy arrays.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.limits import check_time
from gametheory.solvers._nplayer_exact import ExactSupport

__all__ = ["BoxSolution", "solve_batch"]

#: Relative margin covering floating-point rounding in corner values (sums of at most a few hundred terms).
_MARGIN = 1e-12
#: Boxes examined per support before giving up (the caller then solves that support exactly).
_BUDGET = 5000
_MAX_BUDGET = 3_000_000
#: Half-widths tried for the box around a refined root in which signs are decided.
_TINY = (1e-10, 1e-8, 1e-6)
#: Largest denominator tried when recognising a root as rational.
_DENOMINATOR = 10**7
#: Boxes wider than this skip the Krawczyk test (it rarely succeeds on them).
_KRAWCZYK_WIDTH = 0.3

#: How far the first box reaches beyond [0, 1] in every coordinate.
_OVERHANG = 0.0173
#: Where boxes are split (not at the middle, so that simple rational roots are not on a boundary).
_SPLIT = 0.4707

#: Boxes tested at once (a few kilobytes each).
_SLICE = 8192
#: Newton steps from the middle of a certified box (it converges quadratically there).
_NEWTON_STEPS = 10
#: Bisections of every box per round, and rounds of bisections of the first box (per unknown).
_SPLITS = 3
_MANY_BOXES = 2000
_FIRST_SPLITS = 0

Support = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class BoxSolution:
    """One certified equilibrium of a support: exact (``Fraction`` coordinates, checked exactly) or floats."""

    values: tuple[Any, ...]
    exact: bool


class _Batch:
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
            _MARGIN * spread * (np.abs(r).reshape(r.shape[0], r.shape[1], -1).sum(axis=2) + 1e-300) for r in self.rows
        ]
        self.directions = []
        for k in self.sizes:
            d = np.zeros((k - 1, k))
            d[:, 0] = -1.0
            d[np.arange(k - 1), np.arange(1, k)] = 1.0
            self.directions.append(d)
        self.bits = [(np.arange(2 ** (k - 1))[:, None] >> np.arange(k - 1)[None, :]) & 1 for k in self.sizes]

    def corners(self, lo: np.ndarray, hi: np.ndarray) -> list[np.ndarray]:
        """Per player, the mixed strategies at the corners of its box: (B, 2**(k-1), k)."""
        out = []
        for j, block in enumerate(self.blocks):
            x = np.where(self.bits[j][None] == 1, hi[:, None, block], lo[:, None, block])
            out.append(np.concatenate([1.0 - x.sum(axis=2, keepdims=True), x], axis=2))
        return out

    def contract(self, i: int, owner: np.ndarray, mats: list[np.ndarray]) -> np.ndarray:
        """Player i's rows contracted with one matrix per other player: (B, rows, c_1, ..., c_{n-1})."""
        out = self.rows[i][owner]
        b, rows = out.shape[0], out.shape[1]
        others = [j for j in range(self.n) if j != i]
        # Contract the last remaining axis each time (batched matrix products); corner axes pile up at the end.
        done: list[int] = []
        for j in reversed(others):
            mat = mats[j]
            k = mat.shape[2]
            lead = out.shape[1 : out.ndim - len(done) - 1]
            flat = out.reshape(b, -1, k, int(np.prod([mats[o].shape[1] for o in done], dtype=np.int64)))
            flat = np.swapaxes(flat, 2, 3).reshape(b, -1, k)
            out = (flat @ np.swapaxes(mat, 1, 2)).reshape(b, *lead, *[mats[o].shape[1] for o in done], mat.shape[1])
            done.append(j)
        # Axes are now (rows, c_last, ..., c_first): put the corner axes back in player order.
        order = [0, 1, *reversed(range(2, out.ndim))]
        assert out.shape[1] == rows
        return out.transpose(order)

    def ranges(self, owner: np.ndarray, corners: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Lower and upper bounds of every row of every player over each box."""
        out = []
        for i in range(self.n):
            values = self.contract(i, owner, corners).reshape(owner.shape[0], self.rows[i].shape[1], -1)
            margin = self.margins[i][owner]
            out.append((values.min(axis=2) - margin, values.max(axis=2) + margin))
        return out

    def jacobian(self, owner: np.ndarray, corners: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Bounds on the Jacobian of the equations over each box: two (B, n, n) arrays."""
        b, n = owner.shape[0], self.nvars
        jlo = np.zeros((b, n, n))
        jhi = np.zeros((b, n, n))
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
                values = self.contract(i, owner, mats)[:, : self.neq[i]]
                values = np.moveaxis(values, 2 + (j if j < i else j - 1), 2)
                values = values.reshape(b, self.neq[i], cols.stop - cols.start, -1)
                jlo[:, rows, cols] = values.min(axis=3) - margin
                jhi[:, rows, cols] = values.max(axis=3) + margin
        # Padding unknowns are pinned (boxes of width 0 there), so their columns never enter the
        # Krawczyk test's mean-value term; their equations are x = 0.
        pad = self.pad[owner]
        for bound in (jlo, jhi):
            bound[pad[:, None, :] | pad[:, :, None]] = 0.0
            bound[:, np.arange(n), np.arange(n)] += pad
        return jlo, jhi

    def equations_at(self, owner: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Equation values at points x (B, n) and their rounding margins."""
        bounds = self.ranges(owner, self.corners(x, x))
        values = [(low + high)[:, : self.neq[i]] / 2 for i, (low, high) in enumerate(bounds)]
        margins = [self.margins[i][owner][:, : self.neq[i]] for i in range(self.n)]
        return np.concatenate(values, axis=1), np.concatenate(margins, axis=1)

    def krawczyk(self, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Per box: 1 = exactly one solution inside, -1 = none, 0 = undecided."""
        n = self.nvars
        m, r = (lo + hi) / 2, (hi - lo) / 2
        jlo, jhi = self.jacobian(owner, self.corners(lo, hi))
        jc, jr = (jlo + jhi) / 2, (jhi - jlo) / 2
        det = np.linalg.det(jc)
        ok = np.abs(det) > 1e-12 * (np.abs(jc).max(axis=(1, 2)) + 1e-300) ** n
        y = np.zeros_like(jc)
        if ok.any():
            y[ok] = np.linalg.inv(jc[ok])
        fm, fmargin = self.equations_at(owner, m)
        ay = np.abs(y)
        step = np.einsum("zij,zj->zi", y, fm)
        spread = np.abs(np.eye(n) - y @ jc) + ay @ jr
        radius = np.einsum("zij,zj->zi", ay, fmargin) + np.einsum("zij,zj->zi", spread, r)
        radius += 1e-12 * (1 + np.abs(m) + np.abs(step) + radius)
        offset = np.abs(step)
        inside = np.all((offset + radius < r) | self.pad[owner], axis=1) & ok
        apart = np.any(offset - radius > r, axis=1) & ok
        return np.where(inside, 1, np.where(apart, -1, 0))

    def feasible(self, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Boxes that may hold a solution: each player's rows tested on the boxes the previous ones kept."""
        keep = np.ones(lo.shape[0], dtype=bool)
        for block in self.blocks:
            keep &= (lo[:, block].sum(axis=1) <= 1.0) & (hi[:, block] >= 0).all(axis=1)
        for i in range(self.n):
            alive = np.flatnonzero(keep)
            if not alive.size:
                break
            corners = self.corners(lo[alive], hi[alive])
            values = self.contract(i, owner[alive], corners).reshape(alive.size, self.rows[i].shape[1], -1)
            margin = self.margins[i][owner[alive]]
            low, high = values.min(axis=2) - margin, values.max(axis=2) + margin
            k = self.neq[i]
            keep[alive] = np.all((low[:, :k] <= 0) & (high[:, :k] >= 0), axis=1) & np.all(low[:, k:] <= 0, axis=1)
        return keep


def solve_batch(supports: Sequence[ExactSupport]) -> list[list[BoxSolution] | None]:
    """Per support: every equilibrium on it (positive probabilities, no profitable deviation), or None if undecided.

    The supports must have the same number of players, each with the same number of strategies.
    """
    batch = _Batch(supports)
    count, n = len(supports), batch.nvars
    undecided = np.zeros(count, dtype=bool)
    # The exact fallback costs far more on larger systems: allow them more boxes.
    budget = min(_BUDGET * 4 ** max(0, n - 3), _MAX_BUDGET)
    examined = np.zeros(count, dtype=np.int64)
    owner = np.arange(count)
    # Slightly beyond the simplex, so that a root with a zero probability lies inside a box, is certified
    # and then rejected, instead of sitting on the boundary of every box around it.
    lo = np.where(batch.pad, 0.0, -_OVERHANG)
    hi = np.where(batch.pad, 0.0, 1 + _OVERHANG)
    for _ in range(_FIRST_SPLITS * n):
        owner, lo, hi = _bisect(owner, lo, hi)
    found: list[tuple[int, np.ndarray, np.ndarray]] = []
    while owner.shape[0]:
        check_time()
        examined += np.bincount(owner, minlength=count)
        undecided |= examined > budget
        keep = ~undecided[owner] & _in_slices(batch.feasible, owner, lo, hi)
        owner, lo, hi = owner[keep], lo[keep], hi[keep]
        width = (hi - lo).max(axis=1, initial=0.0)
        undecided[owner[width < 1e-12]] = True
        status = np.zeros(owner.shape[0], dtype=np.int64)
        small = width <= _KRAWCZYK_WIDTH
        if small.any():
            status[small] = _in_slices(batch.krawczyk, owner[small], lo[small], hi[small])
        found.extend((int(owner[b]), lo[b], hi[b]) for b in np.flatnonzero(status == 1))
        split = status == 0
        owner, lo, hi = owner[split], lo[split], hi[split]
        # Several bisections per round while boxes are few (fewer rounds), one when they are many.
        for _ in range(_SPLITS if owner.shape[0] < _MANY_BOXES else 1):
            owner, lo, hi = _bisect(owner, lo, hi)
    results: list[list[BoxSolution] | None] = [[] for _ in range(count)]
    roots = _newton(batch, found)
    for (index, box_lo, box_hi), root in zip(found, roots, strict=True):
        if undecided[index]:
            continue
        solution = _decide(batch, supports[index], index, box_lo, box_hi, root)
        if solution is None:
            undecided[index] = True
        elif isinstance(solution, BoxSolution):
            results[index].append(solution)  # type: ignore[union-attr]
    return [None if undecided[k] else results[k] for k in range(count)]


def _in_slices(test: Any, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``test`` on at most _SLICE boxes at a time, which bounds the memory of the corner arrays."""
    parts = []
    for k in range(0, owner.shape[0], _SLICE):
        check_time()
        parts.append(test(owner[k : k + _SLICE], lo[k : k + _SLICE], hi[k : k + _SLICE]))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _bisect(owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    widest = np.argmax(hi - lo, axis=1)
    rows = np.arange(lo.shape[0])
    mid = lo[rows, widest] + _SPLIT * (hi[rows, widest] - lo[rows, widest])
    lo2, hi1 = lo.copy(), hi.copy()
    hi1[rows, widest] = mid
    lo2[rows, widest] = mid
    return np.concatenate([owner, owner]), np.concatenate([lo, lo2]), np.concatenate([hi1, hi])


def _newton(batch: _Batch, found: list[tuple[int, np.ndarray, np.ndarray]]) -> np.ndarray:
    """Newton's method from the middle of each certified box, all boxes at once.

    The Krawczyk test proved the Jacobian regular over each box, so Newton converges quadratically;
    the iterates stay clipped to the box.
    """
    if not found:
        return np.zeros((0, batch.nvars))
    owner = np.array([f[0] for f in found])
    lo, hi = np.array([f[1] for f in found]), np.array([f[2] for f in found])
    x = (lo + hi) / 2
    for _ in range(_NEWTON_STEPS):
        jlo, jhi = batch.jacobian(owner, batch.corners(x, x))
        f, _ = batch.equations_at(owner, x)
        jacobian = (jlo + jhi) / 2
        regular = np.abs(np.linalg.det(jacobian)) > 0
        step = np.zeros_like(x)
        if regular.any():
            step[regular] = np.linalg.solve(jacobian[regular], f[regular][..., None])[..., 0]
        x = np.clip(x - step, lo, hi)
    return x


def _decide(
    batch: _Batch, support: ExactSupport, index: int, lo: np.ndarray, hi: np.ndarray, x: np.ndarray
) -> BoxSolution | bool | None:
    """The box's unique root (near ``x``): a BoxSolution if it is an equilibrium, False if not, None if undecided."""
    owner = np.array([index])
    real = ~batch.pad[index]
    rational = tuple(Fraction(float(v)).limit_denominator(_DENOMINATOR) for v in x[real])
    if all(a <= q <= b for a, q, b in zip(lo[real], rational, hi[real], strict=True)) and support.is_root(rational):
        # The box holds one root only, so this is it, exactly; decide it exactly.
        return BoxSolution(rational, exact=True) if support.is_equilibrium(rational) else False
    for tiny in _TINY:
        tiny_lo = np.maximum(x - tiny, lo)[None]
        tiny_hi = np.minimum(x + tiny, hi)[None]
        if batch.krawczyk(owner, tiny_lo, tiny_hi)[0] == 1:
            break
    else:
        return None
    # Probabilities strictly positive, or the root is no equilibrium of this support; else undecided.
    for block in batch.blocks:
        low, high = tiny_lo[0, block][real[block]], tiny_hi[0, block][real[block]]
        if np.any(high <= 0) or low.sum() >= 1:
            return False
        if np.any(low <= 0) or high.sum() >= 1:
            return None
    for i, (low, high) in enumerate(batch.ranges(owner, batch.corners(tiny_lo, tiny_hi))):
        k = batch.neq[i]
        if np.any(low[0, k:] > 0):
            return False
        if np.any(high[0, k:] >= 0):
            return None
    return BoxSolution(tuple(float(v) for v in x[real]), exact=False)
