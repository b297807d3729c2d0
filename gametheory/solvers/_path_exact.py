"""Exact refinement of a float equilibrium of an exact game (private).

A float path ends near an equilibrium; its support is read off the
probabilities and the equilibrium on that support is solved exactly:

* every player pure: the pure profile itself;
* two players mixing (the others pure): each mixer's indifference is linear
  in the other mixer's probabilities, a square system when the supports
  have equal size, solved by fraction-free (Bareiss) elimination on
  integers;
* otherwise (one mixer, unequal supports, three or more mixers, where the
  indifference equations are polynomial): the float probabilities as nearby
  rationals with small denominators.

A candidate is returned only when it passes the exact Nash check.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np

from gametheory._internal.limits import check_time
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.results import Equilibrium, make_equilibrium
from gametheory.solvers.verify import is_nash

__all__ = ["refine_exact", "supports_of"]

Support = tuple[tuple[int, ...], ...]

#: Probabilities above these thresholds make the support, tried in turn.
THRESHOLDS = (1e-9, 1e-6, 1e-12)
#: Largest denominator tried when float probabilities are read as rationals.
DENOMINATOR = 10**6
#: Largest distance (max over probabilities) between the float end point and an accepted exact candidate.
CLOSE = 1e-6


def supports_of(profile: Sequence[np.ndarray]) -> list[Support]:
    """The distinct non-empty supports of ``profile`` under :data:`THRESHOLDS`, in order."""
    out: list[Support] = []
    for threshold in THRESHOLDS:
        support = tuple(tuple(int(k) for k in np.flatnonzero(np.asarray(p) > threshold)) for p in profile)
        if all(support) and support not in out:
            out.append(support)
    return out


def refine_exact(game: NormalFormGame, profile: Sequence[np.ndarray]) -> Equilibrium | None:
    """An exact equilibrium of the exact ``game`` close to the float ``profile``, or ``None``."""
    floats = [np.asarray(p, dtype=np.float64) for p in profile]
    for support in supports_of(floats):
        check_time()
        for candidate in _candidates(game, support, floats):
            if _distance(candidate, floats) <= CLOSE and is_nash(game, candidate):
                return make_equilibrium(game, candidate)
    return None


def _candidates(game: NormalFormGame, support: Support, floats: list[np.ndarray]) -> list[list[np.ndarray]]:
    mixers = [i for i, s in enumerate(support) if len(s) > 1]
    out = []
    if len(mixers) == 2:
        solved = _two_mixers(game, support, *mixers)
        if solved is not None:
            out.append(solved)
    out.append(_rationalised(support, floats))
    return out


def _two_mixers(game: NormalFormGame, support: Support, j: int, k: int) -> list[np.ndarray] | None:
    """Solve the indifference of mixers ``j`` and ``k`` (the others pure) exactly."""
    if len(support[j]) != len(support[k]):
        return None
    index: list[Any] = [s[0] for s in support]
    index[j], index[k] = list(support[j]), list(support[k])
    grid = np.ix_(*[np.atleast_1d(np.asarray(v)) for v in index])
    # Matrices with rows j's strategies and columns k's (j < k), the pure players' axes dropped.
    a = game.payoff_tensor(j)[grid].reshape(len(support[j]), len(support[k]))
    b = game.payoff_tensor(k)[grid].reshape(len(support[j]), len(support[k]))
    y = _mix_making_indifferent(a)  # k's mix, from j's indifference
    x = _mix_making_indifferent(b.T)  # j's mix, from k's indifference
    if x is None or y is None:
        return None
    profile = []
    for player, (n, s) in enumerate(zip(game.shape, support, strict=True)):
        vector = np.array([Fraction(0)] * n, dtype=object)
        values = x if player == j else y if player == k else [Fraction(1)]
        for position, value in zip(s, values, strict=True):
            vector[position] = value
        profile.append(vector)
    return profile


def _mix_making_indifferent(matrix: np.ndarray) -> list[Fraction] | None:
    """The probabilities ``y`` with ``matrix @ y`` constant and summing to one (square, nonsingular case)."""
    columns = matrix.shape[1]
    scale = lcm(*(Fraction(v).denominator for v in matrix.flat))
    # Unknowns (y, v): matrix @ y - v = 0 and sum(y) = 1, on integers.
    system = [[int(Fraction(v) * scale) for v in row] + [-1, 0] for row in matrix.tolist()]
    system.append([1] * columns + [0, 1])
    solution = _bareiss_solve(system)
    if solution is None or any(v < 0 for v in solution[:columns]):
        return None
    return solution[:columns]


def _bareiss_solve(augmented: list[list[int]]) -> list[Fraction] | None:
    """Solve the square integer system ``[M | b]`` by fraction-free elimination; ``None`` if singular."""
    size = len(augmented)
    m = [row[:] for row in augmented]
    previous = 1
    for pivot_index in range(size):
        pivot_row = next((r for r in range(pivot_index, size) if m[r][pivot_index] != 0), None)
        if pivot_row is None:
            return None
        m[pivot_index], m[pivot_row] = m[pivot_row], m[pivot_index]
        pivot = m[pivot_index][pivot_index]
        top = m[pivot_index]
        for r in range(pivot_index + 1, size):
            row = m[r]
            factor = row[pivot_index]
            m[r] = [(pivot * row[c] - factor * top[c]) // previous for c in range(size + 1)]
        previous = pivot
    solution = [Fraction(0)] * size
    for r in reversed(range(size)):
        total = Fraction(m[r][size]) - sum((m[r][c] * solution[c] for c in range(r + 1, size)), Fraction(0))
        solution[r] = total / m[r][r]
    return solution


def _rationalised(support: Support, floats: list[np.ndarray]) -> list[np.ndarray]:
    """The float probabilities on ``support`` as nearby rationals summing exactly to one."""
    profile = []
    for s, p in zip(support, floats, strict=True):
        weights = [Fraction(float(p[i])).limit_denominator(DENOMINATOR) for i in s]
        total = sum(weights, Fraction(0))
        vector = np.array([Fraction(0)] * len(p), dtype=object)
        for i, w in zip(s, weights, strict=True):
            vector[i] = w / total if total > 0 else Fraction(1, len(s))
        profile.append(vector)
    return profile


def _distance(profile: Sequence[Any], floats: list[np.ndarray]) -> float:
    return max(float(np.max(np.abs(np.asarray(p, dtype=np.float64) - f))) for p, f in zip(profile, floats, strict=True))
