"""Maximising the QRE likelihood, its observed information and confidence intervals (private).

* :func:`maximise` runs L-BFGS-B on ``-loglik / n`` with the analytic
  gradient and bounds ``0 <= lam <= lam_max``, then polishes with Newton steps
  on the observed information;
* :func:`information` is ``-`` the Hessian of the log-likelihood, by central
  differences of the analytic gradient (one-sided at a bound);
* :func:`wald`, :func:`profile` and :func:`bootstrap` give the intervals.

Every likelihood evaluation calls :func:`~gametheory._internal.limits.check_time`,
so :func:`~gametheory.fit_qre`'s ``time_limit`` bounds all of this work.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gametheory._internal.limits import check_time
from gametheory.estimation._qre_model import Likelihood

__all__ = [
    "PROFILE_WIDTH",
    "Bounds",
    "Optimum",
    "bootstrap",
    "information",
    "maximise",
    "profile",
    "search_ranges",
    "start_values",
    "wald",
]

Bounds = list[tuple[float | None, float | None]]

#: Half-width, in standard errors, of the range in which a profile interval's ends are searched for.
PROFILE_WIDTH = 50.0
#: Largest number of outward steps (the step doubles each time) before a profile end is bracketed.
PROFILE_STEPS = 30
#: Iterations of brentq for one profile end, and of L-BFGS-B for one profile point.
PROFILE_BRENT_ITERATIONS = 100
PROFILE_MAXITER = 500


@dataclass
class Optimum:
    """A maximum: ``theta``, ``loglik`` and the optimiser's report."""

    theta: np.ndarray
    loglik: float
    success: bool
    message: str
    nit: int


def start_values(lik: Likelihood, beta: np.ndarray, spread: float, lam_max: float) -> np.ndarray:
    """The best ``lam`` on a grid from 0 (the grid is followed upwards, so each point continues the last)."""
    grid = np.array([0.0, 0.25, 1.0, 3.0, 9.0, 27.0]) / max(spread, 1e-12)
    best, best_value = 0.0, -np.inf
    for lam in grid[grid <= lam_max]:
        value, _ = lik.evaluate(np.concatenate([[lam], beta]))
        if value > best_value:
            best, best_value = float(lam), value
    return np.concatenate([[best], beta])


def maximise(
    lik: Likelihood,
    start: np.ndarray,
    bounds: Bounds,
    *,
    free: np.ndarray | None = None,
    maxiter: int = 2000,
) -> Optimum:
    """Maximise over the entries ``free`` (default all), the others held at ``start``."""
    from scipy import optimize  # imported on first use: import gametheory stays light

    free = np.arange(len(start)) if free is None else free
    scale = max(float(lik.counts.sum()), 1.0)

    def objective(z: np.ndarray) -> tuple[float, np.ndarray]:
        check_time()
        theta = start.copy()
        theta[free] = z
        value, grad = lik.evaluate(theta)
        return -value / scale, -grad[free] / scale

    result = optimize.minimize(
        objective,
        start[free],
        jac=True,
        method="L-BFGS-B",
        bounds=[bounds[i] for i in free],
        options={"maxiter": maxiter, "ftol": 1e-12, "gtol": 1e-8},
    )
    theta = start.copy()
    theta[free] = result.x
    theta = _polish(lik, theta, bounds, free)
    value, grad = lik.evaluate(theta)
    small = float(np.max(np.abs(grad[free]), initial=0.0)) <= 1e-5 * scale
    at_bound = [bool(b[0] is not None and abs(theta[i] - b[0]) < 1e-12) for i, b in enumerate(bounds)]
    stationary = small or all(at_bound[i] or abs(grad[i]) <= 1e-5 * scale for i in free)
    message = str(result.message)
    return Optimum(theta, value, bool(result.success) or stationary, message, int(result.nit))


def _polish(lik: Likelihood, theta: np.ndarray, bounds: Bounds, free: np.ndarray) -> np.ndarray:
    """A few Newton steps on the free entries while they improve the likelihood and stay inside the bounds."""
    value, grad = lik.evaluate(theta)
    scale = max(float(lik.counts.sum()), 1.0)
    for _ in range(3):
        if float(np.max(np.abs(grad[free]), initial=0.0)) <= 1e-10 * scale:
            break
        info = information(lik, theta, bounds)[np.ix_(free, free)]
        try:
            step = np.linalg.solve(info, grad[free])
        except np.linalg.LinAlgError:
            return theta
        trial = theta.copy()
        trial[free] += step
        inside = all(
            (lo is None or trial[i] >= lo) and (hi is None or trial[i] <= hi) for i, (lo, hi) in enumerate(bounds)
        )
        if not inside or not np.all(np.isfinite(trial)):
            return theta
        new_value, new_grad = lik.evaluate(trial)
        if new_value < value - 1e-12 * abs(value):
            return theta
        improved = np.max(np.abs(new_grad[free])) < np.max(np.abs(grad[free]))
        theta, value, grad = trial, new_value, new_grad
        if not improved:
            break
    return theta


def information(lik: Likelihood, theta: np.ndarray, bounds: Bounds) -> np.ndarray:
    """Observed information ``-d2 loglik / d theta2`` by differencing the analytic gradient."""
    k = len(theta)
    out = np.empty((k, k))
    for j in range(k):
        h = 1e-5 * max(1.0, abs(theta[j]))
        lo = bounds[j][0]
        up = theta.copy()
        up[j] += h
        if lo is not None and theta[j] - h < lo:
            out[:, j] = -(lik.evaluate(up)[1] - lik.evaluate(theta)[1]) / h
        else:
            down = theta.copy()
            down[j] -= h
            out[:, j] = -(lik.evaluate(up)[1] - lik.evaluate(down)[1]) / (2 * h)
    return (out + out.T) / 2


def wald(theta: np.ndarray, errors: np.ndarray, level: float, bounds: Bounds) -> np.ndarray:
    """``theta +- z * se``, ``(K, 2)``, truncated to the bounds (so ``lam``'s interval never goes below 0)."""
    from scipy import stats  # imported on first use: import gametheory stays light

    z = float(stats.norm.ppf(0.5 + level / 2))
    out = np.column_stack([theta - z * errors, theta + z * errors])
    for j, (lo, hi) in enumerate(bounds):
        if lo is not None and out[j, 0] < lo:
            out[j, 0] = lo
        if hi is not None and out[j, 1] > hi:
            out[j, 1] = hi
    return out


def search_ranges(theta: np.ndarray, errors: np.ndarray, bounds: Bounds) -> list[tuple[float, float]]:
    """Where the profile looks for its ends: within each parameter's bounds (``[0, lam_max]`` for ``lam``)
    and within ``PROFILE_WIDTH`` standard errors of the estimate (``PROFILE_WIDTH * max(1, |estimate|)``
    when there is no standard error)."""
    out = []
    for j, (lo, hi) in enumerate(bounds):
        se = float(errors[j])
        width = PROFILE_WIDTH * (se if np.isfinite(se) and se > 0 else max(1.0, abs(float(theta[j]))))
        low, high = float(theta[j]) - width, float(theta[j]) + width
        if j == 0:  # lam: its whole admissible range, [0, lam_max]
            low, high = -np.inf, np.inf
        out.append((low if lo is None else max(lo, low), high if hi is None else min(hi, high)))
    return out


def profile(
    lik: Likelihood, best: Optimum, errors: np.ndarray, level: float, bounds: Bounds
) -> tuple[np.ndarray, np.ndarray]:
    """Profile-likelihood intervals and which of their ends are open, both ``(K, 2)``.

    For each parameter and side, steps outward from the estimate (first step
    one standard error, doubling) until ``loglik_max - loglik_profile``
    exceeds ``chi2(1).ppf(level) / 2`` or the search range of
    :func:`search_ranges` ends, re-maximising the other parameters at each
    point from the previous point's optimum (and continuing the previous
    point's QRE, so the principal branch is followed); then
    :func:`scipy.optimize.brentq` finds the crossing inside the last step.
    The other parameters are kept within their search ranges too. An end
    whose drop is not reached is the range's end, and open (``True``) unless
    it is ``lam = 0``, an end of the parameter space itself.
    """
    from scipy import stats  # imported on first use: import gametheory stays light

    target = float(stats.chi2.ppf(level, 1)) / 2
    k = len(best.theta)
    ranges = search_ranges(best.theta, errors, bounds)
    y_best = lik.solve(best.theta)
    ends = np.empty((k, 2))
    is_open = np.zeros((k, 2), dtype=bool)
    for j in range(k):
        se = float(errors[j])
        step = se if np.isfinite(se) and se > 0 else 0.1 * max(1.0, abs(float(best.theta[j])))
        for column, side in ((0, -1.0), (1, 1.0)):
            lik.reset(best.theta, y_best)
            drop = _ProfileDrop(lik, best, j, ranges, target)
            limit = ranges[j][column]
            ends[j, column], reached = _crossing(drop, float(best.theta[j]), side * step, limit)
            # lam = 0 ends the parameter space, not just the search: an interval reaching it is closed there.
            natural = j == 0 and column == 0 and bounds[0][0] is not None and limit == bounds[0][0]
            is_open[j, column] = not reached and not natural
    lik.reset(best.theta, y_best)
    return ends, is_open


class _ProfileDrop:
    """``loglik_max - loglik_profile(v) - target`` for parameter ``j``, warm-started from the last point."""

    def __init__(self, lik: Likelihood, best: Optimum, j: int, ranges: list[tuple[float, float]], target: float):
        self.lik, self.best, self.j, self.target = lik, best, j, target
        self.others = np.array([i for i in range(len(best.theta)) if i != j], dtype=int)
        self.box: Bounds = [(lo, hi) for lo, hi in ranges]
        self.last = best.theta.copy()
        self.memo: dict[float, float] = {}

    def __call__(self, v: float) -> float:
        v = float(v)
        if v in self.memo:
            return self.memo[v]
        check_time()
        start = self.last.copy()
        start[self.j] = v
        if len(self.others):
            found = maximise(self.lik, start, self.box, free=self.others, maxiter=PROFILE_MAXITER)
            theta, value = found.theta, found.loglik
        else:
            theta, value = start, self.lik.evaluate(start)[0]
        self.last = theta
        self.memo[v] = self.best.loglik - value - self.target
        return self.memo[v]


def _crossing(drop: _ProfileDrop, centre: float, step: float, limit: float) -> tuple[float, bool]:
    """The point between ``centre`` and ``limit`` where ``drop`` turns positive, and whether it was found."""
    from scipy import optimize  # imported on first use: import gametheory stays light

    inner, distance = centre, abs(step)
    sign = 1.0 if step > 0 else -1.0
    if sign * (limit - centre) <= 0:
        return limit, False
    for _ in range(PROFILE_STEPS):
        outer = centre + sign * distance
        if sign * (outer - limit) >= 0:
            outer = limit
        if drop(outer) > 0:
            low, high = sorted((inner, outer))
            xtol = 1e-9 * max(1.0, abs(centre), abs(step))
            return float(optimize.brentq(drop, low, high, xtol=xtol, maxiter=PROFILE_BRENT_ITERATIONS)), True
        if outer == limit:
            return limit, False
        inner, distance = outer, 2.0 * distance
    return inner, False


def bootstrap(
    lik: Likelihood,
    best: Optimum,
    totals: np.ndarray,
    sizes: tuple[int, ...],
    level: float,
    bounds: Bounds,
    rng: np.random.Generator,
    replicates: int,
) -> np.ndarray:
    """Parametric-bootstrap percentile intervals: refits to data simulated from the fitted QRE."""
    p = lik.probabilities(best.theta)
    y = np.log(p)
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    draws = np.empty((replicates, len(best.theta)))
    for r in range(replicates):
        check_time()
        counts = np.zeros_like(lik.counts)
        for g in range(counts.shape[0]):
            for i in range(len(sizes)):
                block = p[g, offsets[i] : offsets[i + 1]]
                counts[g, offsets[i] : offsets[i + 1]] = rng.multinomial(int(totals[g, i]), block / block.sum())
        replica = Likelihood(lik.kernel, lik.model, lik.design, counts)
        replica.reset(best.theta, y)
        draws[r] = maximise(replica, best.theta.copy(), bounds).theta
    tail = (1 - level) / 2
    return np.column_stack([np.quantile(draws, tail, axis=0), np.quantile(draws, 1 - tail, axis=0)])
