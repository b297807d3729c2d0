"""Maximising the QRE likelihood, its observed information and confidence intervals (private).

* :func:`maximise` runs L-BFGS-B on ``-loglik / n`` with the analytic
  gradient and bounds ``0 <= lam <= lam_max``, then polishes with Newton steps
  on the observed information;
* :func:`information` is ``-`` the Hessian of the log-likelihood, by central
  differences of the analytic gradient (one-sided at a bound);
* :func:`wald`, :func:`profile` and :func:`bootstrap` give the intervals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from gametheory.estimation._qre_model import Likelihood

__all__ = ["Optimum", "bootstrap", "information", "maximise", "profile", "start_values", "wald"]


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
    bounds: list[tuple[float | None, float | None]],
    *,
    free: np.ndarray | None = None,
) -> Optimum:
    """Maximise over the entries ``free`` (default all), the others held at ``start``."""
    free = np.arange(len(start)) if free is None else free
    scale = max(float(lik.counts.sum()), 1.0)

    def objective(z: np.ndarray) -> tuple[float, np.ndarray]:
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
        options={"maxiter": 2000, "ftol": 1e-12, "gtol": 1e-8},
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


def _polish(
    lik: Likelihood, theta: np.ndarray, bounds: list[tuple[float | None, float | None]], free: np.ndarray
) -> np.ndarray:
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


def information(lik: Likelihood, theta: np.ndarray, bounds: list[tuple[float | None, float | None]]) -> np.ndarray:
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


def wald(theta: np.ndarray, errors: np.ndarray, level: float) -> np.ndarray:
    """``theta +- z * se``, ``(K, 2)``."""
    z = float(stats.norm.ppf(0.5 + level / 2))
    return np.column_stack([theta - z * errors, theta + z * errors])


def profile(
    lik: Likelihood, best: Optimum, errors: np.ndarray, level: float, bounds: list[tuple[float | None, float | None]]
) -> np.ndarray:
    """Profile-likelihood intervals: where ``2 (loglik_max - loglik_profile)`` reaches the chi-square quantile."""
    target = float(stats.chi2.ppf(level, 1)) / 2
    k = len(best.theta)
    out = np.empty((k, 2))
    for j in range(k):
        others = np.array([i for i in range(k) if i != j])

        def drop(v: float, j: int = j, others: np.ndarray = others) -> float:
            start = best.theta.copy()
            start[j] = v
            lik.reset(best.theta, lik.solve(best.theta))
            value = maximise(lik, start, bounds, free=others).loglik if len(others) else lik.evaluate(start)[0]
            return best.loglik - value - target

        step = errors[j] if np.isfinite(errors[j]) and errors[j] > 0 else 0.1 * max(1.0, abs(best.theta[j]))
        for side, column in ((-1.0, 0), (1.0, 1)):
            out[j, column] = _bracket_root(drop, best.theta[j], side * step, bounds[j][0])
    return out


def _bracket_root(function: object, centre: float, step: float, lower: float | None) -> float:
    assert callable(function)
    inner = centre
    for _ in range(40):
        outer = centre + step
        if lower is not None and outer <= lower:
            outer = lower
            if function(outer) <= 0:
                return float(lower)
            return float(optimize.brentq(function, outer, inner, xtol=1e-8 * max(1.0, abs(centre))))
        if function(outer) > 0:
            a, b = sorted((inner, outer))
            return float(optimize.brentq(function, a, b, xtol=1e-8 * max(1.0, abs(centre))))
        inner, step = outer, 2 * step
    return float(np.inf * np.sign(step))


def bootstrap(
    lik: Likelihood,
    best: Optimum,
    totals: np.ndarray,
    sizes: tuple[int, ...],
    level: float,
    bounds: list[tuple[float | None, float | None]],
    rng: np.random.Generator,
    replicates: int,
) -> np.ndarray:
    """Parametric-bootstrap percentile intervals: refits to data simulated from the fitted QRE."""
    p = lik.probabilities(best.theta)
    y = np.log(p)
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    draws = np.empty((replicates, len(best.theta)))
    for r in range(replicates):
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
