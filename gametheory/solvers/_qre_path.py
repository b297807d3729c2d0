"""Predictor-corrector continuation along the principal logit branch (private).

The branch is the curve ``H(y, lam) = 0`` through the centroid at
``lam = 0`` (:mod:`gametheory.solvers._qre_systems`), followed by arc length
so that turning points in ``lam`` are passed like any other point (Turocy
2005; Allgower and Georg 1990, ch. 2 and 6):

1. *Tangent.* The unit null vector of the ``n x (n + 1)`` Jacobian, from a
   complete QR factorisation of its transpose (its last column), oriented to
   continue the previous tangent (at the start, with ``lam`` increasing).
2. *Predictor.* An Euler step of length ``h`` along the tangent.
3. *Corrector.* Newton steps with the Moore-Penrose pseudo-inverse (the
   smallest step back onto the curve), from the same QR factors.
4. *Step size.* A step is rejected, and ``h`` halved, when the first Newton
   step is too long, Newton contracts too slowly, or the tangent turns too
   sharply; after an accepted step ``h`` grows by at most ``max_accel``,
   less when the corrector needed effort.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gametheory._internal.limits import check_time
from gametheory.exceptions import SolverError
from gametheory.solvers._qre_systems import QRESystem

__all__ = ["Trace", "trace"]

#: Longest first corrector step (absolute, or relative to the predictor step when that is longer; far
#: along the branch the log-probabilities of unused strategies fall linearly in ``lam``, and in
#: degenerate games directions that barely move the probabilities make the Jacobian ill-conditioned),
#: and slowest accepted contraction of the Newton steps.
MAX_DIST = 0.4
RELATIVE_DIST = 0.1
MAX_CONTRACTION = 0.6
#: Smallest cosine between consecutive tangents (about 25 degrees).
MIN_COSINE = 0.9
#: Corrector iterations per step, and the smallest step before giving up.
MAX_NEWTON = 10
MIN_STEP = 1e-12
#: ``lam`` times the payoff spread past which exp(-lam * spread) nears float64's smallest normal number.
UNDERFLOW_LAM = 600.0
#: Newton has converged when every equation holds to this, relative to ``1 + lam * scale``
#: (the rounding error of ``lam`` times a payoff): probabilities then match their logit response
#: to about this relative accuracy.
RESIDUAL_TOL = 1e-12


@dataclass
class Trace:
    """Points of the branch (``x = (y, lam)``), in order, and whether the stop rule fired."""

    points: list[np.ndarray]
    stopped: bool


def _factor(jac: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    q, r = np.linalg.qr(jac.T, mode="complete")
    return q, r


def _newton_step(q: np.ndarray, r: np.ndarray, h: np.ndarray) -> np.ndarray:
    from scipy.linalg import solve_triangular  # imported on first use

    n = h.shape[0]
    return q[:, :n] @ solve_triangular(r[:n, :n].T, h, lower=True, check_finite=False)


def _tolerance(system: QRESystem, x: np.ndarray) -> float:
    return RESIDUAL_TOL * (1.0 + abs(x[-1]) * max(system.scale, 1.0))


def correct(
    system: QRESystem, x: np.ndarray, max_dist: float = 0.4
) -> tuple[np.ndarray, np.ndarray, float, float] | None:
    """Newton back onto the curve from ``x``: (point, tangent, first step / max_dist, contraction), or None."""
    previous = 0.0
    first, contraction = 0.0, 0.0
    for k in range(MAX_NEWTON + 1):
        h, jac = system.evaluate(x)
        if not np.all(np.isfinite(h)) or not np.all(np.isfinite(jac)):
            return None
        q, r = _factor(jac)
        if np.max(np.abs(h), initial=0.0) <= _tolerance(system, x):
            return x, q[:, -1], first, contraction
        if k == MAX_NEWTON:
            return None
        step = _newton_step(q, r, h)
        dist = float(np.linalg.norm(step))
        if not np.isfinite(dist):
            return None
        if k == 0:
            first = dist / max_dist
            if first > 1:
                return None
        else:
            ratio = dist / previous if previous > 0 else 0.0
            if k == 1:
                contraction = ratio
            if ratio > MAX_CONTRACTION:
                return None
        x = x - step
        previous = dist
    return None  # pragma: no cover - the loop returns


def solve_at(system: QRESystem, y: np.ndarray, lam: float) -> np.ndarray | None:
    """Newton on ``H(., lam) = 0`` from ``y`` (a square system): the solution, or None."""
    x = np.append(y, lam)
    previous = np.inf
    for _ in range(4 * MAX_NEWTON):
        h, jac = system.evaluate(x)
        if not np.all(np.isfinite(h)):
            return None
        if np.max(np.abs(h), initial=0.0) <= _tolerance(system, x):
            return x[:-1]
        try:
            step = np.linalg.solve(jac[:, :-1], h)
        except np.linalg.LinAlgError:
            return None
        dist = float(np.linalg.norm(step))
        if not np.isfinite(dist) or dist > max(MAX_DIST, 2 * previous):
            return None
        x[:-1] -= step
        previous = dist
    return None


def trace(
    system: QRESystem,
    *,
    stop: Callable[[np.ndarray], bool],
    target: float | None,
    first_step: float,
    max_accel: float,
    record: bool,
) -> Trace:
    """Follow the branch from the centroid until ``stop(x)`` holds or ``lam`` first reaches ``target``.

    With a ``target``, the last point has ``lam == target`` exactly (a
    Newton solve at fixed ``lam`` from the chord between the points on
    either side). With ``record`` False only the last point is kept.
    """
    x = np.append(system.start(), 0.0)
    _, jac = system.evaluate(x)
    tangent = _factor(jac)[0][:, -1]
    if tangent[-1] < 0:
        tangent = -tangent
    points = [x]
    step = first_step
    while True:
        check_time()
        if stop(x):
            return Trace(points, True)
        if target is not None and x[-1] >= target:
            return Trace(points, False)
        corrected = None
        while corrected is None:
            if step < MIN_STEP:
                if target is None and x[-1] * system.spread > UNDERFLOW_LAM:
                    # Probabilities of order exp(-lam * spread) are below float resolution: the path
                    # cannot be followed further in floats, so hand its end to the (certified) limit.
                    return Trace(points, True)
                raise SolverError(
                    f"the logit path could not be continued beyond lam = {x[-1]:.6g} (the step size underflowed); "
                    "the game may be degenerate there"
                )
            result = correct(system, x + step * tangent, max(MAX_DIST, RELATIVE_DIST * step))
            if result is not None:
                new_x, new_tangent, first, contraction = result
                if new_tangent @ tangent < 0:
                    new_tangent = -new_tangent
                if new_tangent @ tangent < MIN_COSINE:
                    result = None
                elif target is not None and new_x[-1] >= target > x[-1]:
                    landed = _land(system, x, new_x, target)
                    if landed is None:
                        result = None
                    else:
                        new_x = landed
            if result is None:
                step *= 0.5
                continue
            corrected = new_x
        x = corrected
        tangent = new_tangent
        if record:
            points.append(x)
        else:
            points = [x]
        slow = max(np.sqrt(first), np.sqrt(contraction / MAX_CONTRACTION), 1.0 / max_accel)
        step = step / slow


def _land(system: QRESystem, before: np.ndarray, after: np.ndarray, target: float) -> np.ndarray | None:
    weight = (target - before[-1]) / (after[-1] - before[-1])
    guess = before[:-1] + weight * (after[:-1] - before[:-1])
    y = solve_at(system, guess, target)
    return None if y is None else np.append(y, target)
