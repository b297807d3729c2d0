"""Certified numerical solving of support profiles' indifference equations (interval branch and bound).

Over a box (a product of one box per player, in the reduced coordinates
``x_j = sigma_j[1:]``) every equation and regret of a support profile has
an exact range up to rounding (:mod:`._nplayer_ranges`). Boxes where an
equation cannot vanish, a probability cannot be non-negative, or a
strategy outside the support pays more everywhere, are dropped; the
others go through the Krawczyk test, which proves a box holds exactly one
solution and cuts it to where solutions can lie, or are bisected. A
support left unresolved after a fixed budget (singular or
positive-dimensional solution sets, equilibria on a boundary, exact ties)
is reported as undecided and the caller solves it exactly instead.

Completeness does not depend on luck: a dropped box provably holds no
solution with non-negative probabilities and no profitable outside
strategy, and each kept root is proved to be the only one in its box.
The supports of one batch are padded to common sizes and processed
together, box by box in numpy arrays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.limits import check_time
from gametheory.solvers._nplayer_exact import ExactSupport
from gametheory.solvers._nplayer_ranges import Batch

__all__ = ["BoxSolution", "solve_batch"]

#: Boxes examined per support before giving up (the caller then solves that support exactly).
_BUDGET = 5000
_MAX_BUDGET = 3_000_000
#: Half-widths tried for the box around a refined root in which signs are decided.
_TINY = (1e-10, 1e-8, 1e-6)
#: Bound on the rounding error of a sum of a few coordinates in [-1, 2].
_SUM_SLACK = 1e-14
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
#: Bisections of every box per round while there are fewer than _MANY_BOXES boxes (one beyond).
_SPLITS = 2
_MANY_BOXES = 2000

Support = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class BoxSolution:
    """One certified equilibrium of a support: exact (``Fraction`` coordinates, checked exactly) or floats."""

    values: tuple[Any, ...]
    exact: bool


def solve_batch(supports: Sequence[ExactSupport]) -> list[list[BoxSolution] | None]:
    """Per support: every equilibrium on it (positive probabilities, no profitable deviation), or None if undecided.

    The supports must have the same number of players, each with the same number of strategies.
    """
    batch = Batch(supports)
    count = len(supports)
    undecided = np.zeros(count, dtype=bool)
    # The exact fallback costs far more on larger systems: allow them more boxes.
    # Each support's own number of unknowns, not the padded one: padding adds no work worth waiting for.
    budget = np.array([min(_BUDGET * 4 ** max(0, s.nvars - 3), _MAX_BUDGET) for s in supports])
    examined = np.zeros(count, dtype=np.int64)
    owner = np.arange(count)
    # Slightly beyond the simplex, so that a root with a zero probability lies inside a box, is certified
    # and then rejected, instead of sitting on the boundary of every box around it.
    lo = np.where(batch.pad, 0.0, -_OVERHANG)
    hi = np.where(batch.pad, 0.0, 1 + _OVERHANG)
    found: list[tuple[int, np.ndarray, np.ndarray]] = []
    while owner.shape[0]:
        check_time()
        examined += np.bincount(owner, minlength=count)
        undecided |= examined > budget
        # Each player's first probability 1 - sum(x) is at least -_OVERHANG too: cut each x_t's upper end.
        for block in batch.blocks:
            others = lo[:, block].sum(axis=1, keepdims=True) - lo[:, block]
            hi[:, block] = np.minimum(hi[:, block], 1 + _OVERHANG - others)
        keep = ~undecided[owner] & np.all(lo <= hi, axis=1) & _in_slices(batch.feasible, owner, lo, hi)
        owner, lo, hi = owner[keep], lo[keep], hi[keep]
        width = (hi - lo).max(axis=1, initial=0.0)
        undecided[owner[width < 1e-12]] = True
        status = np.zeros(owner.shape[0], dtype=np.int64)
        small = np.flatnonzero(width <= _KRAWCZYK_WIDTH)
        if small.size:
            status[small], lo[small], hi[small] = _in_slices(batch.krawczyk, owner[small], lo[small], hi[small])
            status[small[np.any(lo[small] > hi[small], axis=1)]] = -1
        found.extend((int(owner[b]), lo[b], hi[b]) for b in np.flatnonzero(status == 1))
        # A box that the Krawczyk cut halved is tested again as it is; the others are bisected.
        again = (status == 0) & ((hi - lo).max(axis=1, initial=0.0) <= width / 2)
        split = (status == 0) & ~again
        kept = owner[again], lo[again], hi[again]
        owner, lo, hi = owner[split], lo[split], hi[split]
        # Several bisections per round while boxes are few (fewer rounds), one when they are many.
        for _ in range(_SPLITS if owner.shape[0] < _MANY_BOXES else 1):
            owner, lo, hi = _bisect(owner, lo, hi)
        owner, lo, hi = (np.concatenate([a, b]) for a, b in zip(kept, (owner, lo, hi), strict=True))
    results: list[list[BoxSolution] | None] = [[] for _ in range(count)]
    for index, solution in _decide(batch, supports, [f for f in found if not undecided[f[0]]]):
        if solution is None:
            undecided[index] = True
        else:
            results[index].append(solution)  # type: ignore[union-attr]
    return [None if undecided[k] else results[k] for k in range(count)]


def _in_slices(test: Any, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> Any:
    """``test`` on at most _SLICE boxes at a time, which bounds the memory of the corner arrays.

    ``test`` returns one array, or a tuple of arrays, with one entry per box.
    """
    parts = []
    for k in range(0, owner.shape[0], _SLICE):
        check_time()
        parts.append(test(owner[k : k + _SLICE], lo[k : k + _SLICE], hi[k : k + _SLICE]))
    if not parts:
        parts.append(test(owner, lo, hi))
    if isinstance(parts[0], tuple):
        return tuple(np.concatenate(pieces) for pieces in zip(*parts, strict=True))
    return np.concatenate(parts)


def _bisect(owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    widest = np.argmax(hi - lo, axis=1)
    rows = np.arange(lo.shape[0])
    mid = lo[rows, widest] + _SPLIT * (hi[rows, widest] - lo[rows, widest])
    lo2, hi1 = lo.copy(), hi.copy()
    hi1[rows, widest] = mid
    lo2[rows, widest] = mid
    return np.concatenate([owner, owner]), np.concatenate([lo, lo2]), np.concatenate([hi1, hi])


def _newton(batch: Batch, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Newton's method from the middle of each certified box, all boxes at once.

    The Krawczyk test proved the Jacobian regular over each box, so Newton converges quadratically;
    the iterates stay clipped to the box.
    """
    x = (lo + hi) / 2
    for _ in range(_NEWTON_STEPS):
        cache: dict[tuple[int, int], np.ndarray] = {}
        jlo, jhi = batch.jacobian(owner, x, x, cache)
        f, _ = batch.equations_at(owner, x, cache)
        jacobian = (jlo + jhi) / 2
        regular = np.abs(np.linalg.det(jacobian)) > 0
        step = np.zeros_like(x)
        if regular.any():
            step[regular] = np.linalg.solve(jacobian[regular], f[regular][..., None])[..., 0]
        x, previous = np.clip(x - step, lo, hi), x
        if np.all(np.abs(x - previous) <= 1e-15 * (1 + np.abs(x))):
            break
    return x


def _verdicts(batch: Batch, owner: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Per box holding one root: 1 = the root is an equilibrium, -1 = it is not, 0 = the box cannot tell.

    An equilibrium has every probability of its support positive and no outside strategy paying more.
    """
    real = ~batch.pad[owner]
    verdict = np.ones(owner.shape[0], dtype=np.int64)
    undecided = np.zeros(owner.shape[0], dtype=bool)
    for block in batch.blocks:
        low, high, pinned = lo[:, block], hi[:, block], ~real[:, block]
        # The first probability is 1 - sum(x): its float sums are within _SUM_SLACK of the exact ones.
        no = np.any((high <= 0) & ~pinned, axis=1) | (low.sum(axis=1) >= 1 + _SUM_SLACK)
        verdict[no] = -1
        undecided |= np.any((low <= 0) & ~pinned, axis=1) | (high.sum(axis=1) >= 1 - _SUM_SLACK)
    for i, (low, high) in enumerate(batch.ranges(owner, lo, hi)):
        k = batch.neq[i]
        verdict[np.any(low[:, k:] > 0, axis=1)] = -1
        undecided |= np.any(high[:, k:] >= 0, axis=1)
    verdict[undecided & (verdict == 1)] = 0
    return verdict


def _decide(
    batch: Batch, supports: Sequence[ExactSupport], found: list[tuple[int, np.ndarray, np.ndarray]]
) -> list[tuple[int, BoxSolution | None]]:
    """The certified boxes' roots that are equilibria (a BoxSolution each), and None for supports left undecided.

    Each box holds exactly one root. Roots the box itself shows to be no equilibrium are dropped
    first; the others are refined by Newton, then recognised as rational and decided exactly, or
    decided on a tiny certified box around them, all boxes at once.
    """
    if not found:
        return []
    owner = np.array([f[0] for f in found])
    lo, hi = np.array([f[1] for f in found]), np.array([f[2] for f in found])
    alive = _verdicts(batch, owner, lo, hi) >= 0
    owner, lo, hi = owner[alive], lo[alive], hi[alive]
    roots = _newton(batch, owner, lo, hi) if owner.size else np.zeros((0, batch.nvars))
    out: list[tuple[int, BoxSolution | None]] = []
    numeric = []
    for k, (index, x) in enumerate(zip(owner.tolist(), roots, strict=True)):
        real = ~batch.pad[index]
        rational = tuple(Fraction(float(v)).limit_denominator(_DENOMINATOR) for v in x[real])
        box = zip(lo[k][real], rational, hi[k][real], strict=True)
        if all(a <= q <= b for a, q, b in box) and supports[index].is_root(rational):
            # The box holds one root only, so this is it, exactly; decide it exactly.
            if supports[index].is_equilibrium(rational):
                out.append((index, BoxSolution(rational, exact=True)))
        else:
            numeric.append(k)
    pending = np.array(numeric, dtype=np.int64)
    for tiny in _TINY:
        if not pending.size:
            break
        x = roots[pending]
        tiny_lo, tiny_hi = np.maximum(x - tiny, lo[pending]), np.minimum(x + tiny, hi[pending])
        certified = batch.krawczyk(owner[pending], tiny_lo, tiny_hi)[0] == 1
        for k, verdict in zip(
            pending[certified].tolist(),
            _verdicts(batch, owner[pending][certified], tiny_lo[certified], tiny_hi[certified]),
            strict=True,
        ):
            index = int(owner[k])
            if verdict == 1:
                out.append((index, BoxSolution(tuple(float(v) for v in roots[k][~batch.pad[index]]), exact=False)))
            elif verdict == 0:
                out.append((index, None))
        pending = pending[~certified]
    out.extend((int(owner[k]), None) for k in pending.tolist())
    return out
