"""Logit QRE of many normal-form games at once: a batched Newton solve with continuation in ``lam`` (private).

The games share their shape; their payoffs are one array ``tensors`` of shape
``(P, N, n_1, ..., n_N)`` (``P`` points, ``N`` players). The unknowns are the
log-probabilities ``y`` (shape ``(P, n)``, ``n = n_1 + ... + n_N``) and, as in
:mod:`gametheory.solvers.qre`, the equations of each player ``i`` are

* ``sum_k exp(y_ik) - 1 = 0``, and
* ``y_ik - y_i0 - lam * (v_ik - v_i0) = 0`` for ``k >= 1``,

``v_ik`` the expected payoff of strategy ``k`` against the others' mixtures
(a tensor contraction, batched with ``einsum``). Every point starts at the
centroid at ``lam = 0`` and follows its branch in ``lam`` to its own target
with a tangent predictor and Newton corrector, all points of a step solved at
once (``numpy.linalg.solve`` on a stack of ``n x n`` Jacobians). Each point's
step doubles after a success and halves after a failure. A step is refused
when Newton does not converge or when the sign of ``det(dH/dy)`` changes: the
principal branch, followed in ``lam``, keeps that sign until it turns back (a
fold), so a change means the branch turned or the corrector jumped to
another branch. Points whose step falls below a floor are returned as not
converged, for the caller to solve one by one on the arc-length path.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BatchResult",
    "batched_logit",
    "deviation_values",
    "implicit_derivatives",
    "payoffs_and_gap",
    "probabilities",
]

_NEWTON_STEPS = 8
_MAX_ROUNDS = 400
_MAX_CORRECTION = 0.2
_MAX_MOVE = 0.15


@dataclass(frozen=True)
class BatchResult:
    """``y``: log-probabilities ``(P, n)``; ``converged``: ``(P,)`` bool; ``rounds``: continuation rounds used."""

    y: np.ndarray
    converged: np.ndarray
    rounds: int


class _Layout:
    def __init__(self, sizes: tuple[int, ...]) -> None:
        self.sizes = sizes
        self.offsets = tuple(int(v) for v in np.concatenate([[0], np.cumsum(sizes)]))
        self.n = self.offsets[-1]
        first = np.zeros(self.n, dtype=bool)
        first[list(self.offsets[:-1])] = True
        self.rows = np.flatnonzero(~first)  # the difference rows
        self.base = np.repeat(np.array(self.offsets[:-1]), sizes)[self.rows]
        self.first = np.array(self.offsets[:-1])
        self.block_of = np.repeat(np.arange(len(sizes)), sizes)
        letters = string.ascii_letters[: len(sizes)]
        self.letters = letters

    def start(self, points: int) -> np.ndarray:
        return np.broadcast_to(-np.log(np.repeat(np.array(self.sizes, dtype=np.float64), self.sizes)), (points, self.n))

    def split(self, array: np.ndarray) -> list[np.ndarray]:
        return [array[:, a:b] for a, b in zip(self.offsets[:-1], self.offsets[1:], strict=True)]


def deviation_values(tensors: np.ndarray, profile: list[np.ndarray], letters: str) -> np.ndarray:
    """Each player's payoff from each own strategy against the others' mixtures, concatenated: ``(P, n)``."""
    out = []
    for i in range(len(profile)):
        operands = [tensors[:, i]] + [profile[k] for k in range(len(profile)) if k != i]
        spec = "Z" + letters + "," + ",".join("Z" + letters[k] for k in range(len(profile)) if k != i)
        out.append(np.einsum(spec + "->Z" + letters[i], *operands))
    return np.concatenate(out, axis=1)


def _values_and_jacobian(layout: _Layout, tensors: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Deviation values ``(P, n)`` and their derivatives in the probabilities ``(P, n, n)`` (zero own blocks)."""
    profile = layout.split(p)
    letters, count = layout.letters, len(profile)
    values = deviation_values(tensors, profile, letters)
    dv = np.zeros((p.shape[0], layout.n, layout.n))
    o = layout.offsets
    for i in range(count):
        for other in range(count):
            if other == i:
                continue
            rest = [k for k in range(count) if k not in (i, other)]
            spec = "Z" + letters + "".join(",Z" + letters[k] for k in rest) + "->Z" + letters[i] + letters[other]
            dv[:, o[i] : o[i + 1], o[other] : o[other + 1]] = np.einsum(
                spec, tensors[:, i], *[profile[k] for k in rest]
            )
    return values, dv


def _system(
    layout: _Layout, tensors: np.ndarray, y: np.ndarray, lam: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``H`` ``(P, n)``, ``dH/dy`` ``(P, n, n)`` and ``dH/dlam`` ``(P, n)`` at log-probabilities ``y``."""
    p = np.exp(y)
    values, dv = _values_and_jacobian(layout, tensors, p)
    points = y.shape[0]
    h = np.zeros((points, layout.n))
    jac = np.zeros((points, layout.n, layout.n))
    dlam = np.zeros((points, layout.n))
    h[:, layout.first] = np.stack([block.sum(axis=1) for block in layout.split(p)], axis=1) - 1.0
    jac[:, layout.first[layout.block_of], np.arange(layout.n)] = p
    rows, base = layout.rows, layout.base
    gap = values[:, rows] - values[:, base]
    h[:, rows] = y[:, rows] - y[:, base] - lam[:, None] * gap
    jac[:, rows, :] = -lam[:, None, None] * (dv[:, rows, :] - dv[:, base, :]) * p[:, None, :]
    jac[:, rows, rows] += 1.0
    jac[:, rows, base] -= 1.0
    dlam[:, rows] = -gap
    return h, jac, dlam


def _solve(jac: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve each system; rows with a singular Jacobian get NaN and ``False``."""
    with np.errstate(all="ignore"):
        try:
            return np.linalg.solve(jac, rhs[..., None])[..., 0], np.ones(len(rhs), dtype=bool)
        except np.linalg.LinAlgError:
            out = np.full_like(rhs, np.nan)
            good = np.zeros(len(rhs), dtype=bool)
            for k in range(len(rhs)):
                try:
                    out[k] = np.linalg.solve(jac[k], rhs[k])
                    good[k] = True
                except np.linalg.LinAlgError:
                    pass
            return out, good


def _newton(
    layout: _Layout, tensors: np.ndarray, y: np.ndarray, lam: np.ndarray, scale: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Newton's method at fixed ``lam`` from ``y``; returns ``y``, converged mask, sign of ``det(dH/dy)``."""
    y = y.copy()
    done = np.zeros(len(y), dtype=bool)
    ok = np.ones(len(y), dtype=bool)
    sign = np.zeros(len(y))
    for _ in range(_NEWTON_STEPS):
        live = np.flatnonzero(ok & ~done)
        if live.size == 0:
            break
        h, jac, _ = _system(layout, tensors[live], y[live], lam[live])
        step, solved = _solve(jac, -h)
        size = np.max(np.abs(step), axis=1) if layout.n else np.zeros(live.size)
        good = solved & np.isfinite(size) & (size < 2.0)
        ok[live[~good]] = False
        moved = live[good]
        y[moved] += step[good]
        finished = good & (size < 1e-11 * (1.0 + lam[live] * scale[live]))
        done[live[finished]] = True
    if np.any(done):
        final = np.flatnonzero(done)
        h, jac, _ = _system(layout, tensors[final], y[final], lam[final])
        sign[final] = np.sign(np.linalg.det(jac))
        tight = np.max(np.abs(h), axis=1) <= 1e-10 * (1.0 + lam[final] * scale[final])
        done[final[~tight]] = False
    return y, done, sign


def batched_logit(tensors: np.ndarray, lam: np.ndarray, *, first_step: float = 1.0) -> BatchResult:
    """The principal-branch logit QRE of every game in ``tensors`` (``(P, N, n_1, ..., n_N)``) at ``lam`` (``(P,)``).

    ``first_step`` is the first step in ``lam`` times the point's largest
    absolute payoff (so about one unit of ``lam * payoff``).
    """
    points = tensors.shape[0]
    layout = _Layout(tuple(tensors.shape[2:]))
    target = np.asarray(lam, dtype=np.float64).reshape(points)
    scale = np.max(np.abs(tensors.reshape(points, -1)), axis=1) if tensors.size else np.zeros(points)
    scale = np.where(scale > 0, scale, 1.0)
    y = layout.start(points).copy()
    t = np.zeros(points)
    sign = np.zeros(points)
    step = np.minimum(target, first_step / scale)
    floor = 1e-7 * np.maximum(target, 1.0 / scale)
    failed = np.zeros(points, dtype=bool)
    rounds = 0
    while rounds < _MAX_ROUNDS:
        live = np.flatnonzero((t < target) & ~failed)
        if live.size == 0:
            break
        rounds += 1
        # Tangent predictor: dy/dlam = -(dH/dy)^-1 dH/dlam at the current point.
        _, jac, dlam = _system(layout, tensors[live], y[live], t[live])
        tangent, solved = _solve(jac, -dlam)
        if rounds == 1:
            sign[live] = np.sign(np.linalg.det(jac))
        tangent = np.where(np.isfinite(tangent), tangent, 0.0)
        # Short enough steps that no probability moves by more than _MAX_MOVE: a fold is then seen, not skipped.
        rate = np.max(np.abs(np.exp(y[live]) * tangent), axis=1) if layout.n else np.zeros(live.size)
        length = np.minimum(step[live], _MAX_MOVE / np.maximum(rate, 1e-300))
        new = np.minimum(t[live] + length, target[live])
        guess = y[live] + (new - t[live])[:, None] * tangent
        found, converged, new_sign = _newton(layout, tensors[live], guess, new, scale[live])
        # A long corrector move means the predictor was poor: the step may have jumped to another branch.
        moved = np.max(np.abs(found - guess), axis=1) if layout.n else np.zeros(live.size)
        accept = converged & solved & (new_sign == sign[live]) & (moved <= _MAX_CORRECTION)
        took = live[accept]
        y[took] = found[accept]
        t[took] = new[accept]
        step[took] *= 2.0
        step[live[~accept]] = 0.25 * length[~accept]
        # A converged step where det(dH/dy) changed sign: the branch folds back in lam; leave the point.
        turned = converged & solved & (new_sign != sign[live])
        failed[live[turned]] = True
        refused = live[~accept]
        failed[refused[step[refused] < floor[refused]]] = True
    failed |= t < target
    return BatchResult(y=y, converged=~failed, rounds=rounds)


def probabilities(y: np.ndarray, sizes: tuple[int, ...]) -> list[np.ndarray]:
    """Each player's probabilities ``(P, n_i)`` from log-probabilities, renormalised."""
    out = []
    layout = _Layout(sizes)
    for block in layout.split(y):
        p = np.exp(block - block.max(axis=1, keepdims=True))
        out.append(p / p.sum(axis=1, keepdims=True))
    return out


def payoffs_and_gap(tensors: np.ndarray, profile: list[np.ndarray], lam: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each player's expected payoff ``(P, N)`` and the logit fixed-point gap ``max |p - softmax(lam v)|`` ``(P,)``."""
    layout = _Layout(tuple(tensors.shape[2:]))
    values = layout.split(deviation_values(tensors, profile, layout.letters))
    payoffs = np.stack([np.sum(p * v, axis=1) for p, v in zip(profile, values, strict=True)], axis=1)
    gap = np.zeros(tensors.shape[0])
    for p, v in zip(profile, values, strict=True):
        z = lam[:, None] * v
        e = np.exp(z - z.max(axis=1, keepdims=True))
        gap = np.maximum(gap, np.max(np.abs(p - e / e.sum(axis=1, keepdims=True)), axis=1))
    return payoffs, gap


def implicit_derivatives(
    tensors: np.ndarray, dtensors: np.ndarray, profile: list[np.ndarray], lam: np.ndarray, *, wrt_lam: bool
) -> tuple[list[np.ndarray], np.ndarray]:
    """Derivatives of the QRE ``profile`` and payoffs in a parameter ``theta``, by implicit differentiation.

    On the fixed point ``H(y, theta) = 0`` (the equations above, ``y`` the
    log-probabilities), ``dy/dtheta = -(dH/dy)^-1 dH/dtheta``. ``dtensors``
    is ``d tensors / d theta``; ``wrt_lam`` says ``theta`` is ``lam`` itself.
    Returns each player's ``dp/dtheta`` ``(P, n_i)`` and ``du/dtheta`` ``(P, N)``;
    NaN where ``dH/dy`` is singular (a fold of the branch).
    """
    layout = _Layout(tuple(tensors.shape[2:]))
    with np.errstate(divide="ignore"):
        y = np.log(np.concatenate(profile, axis=1))
    p = np.exp(y)
    _, jac, dlam = _system(layout, tensors, y, lam)
    values, dv = _values_and_jacobian(layout, tensors, p)
    partial = deviation_values(dtensors, profile, layout.letters)
    rows, base = layout.rows, layout.base
    dh = np.zeros_like(y)
    dh[:, rows] = -lam[:, None] * (partial[:, rows] - partial[:, base])
    if wrt_lam:
        dh += dlam
    dy, _ = _solve(jac, -dh)
    dp = p * dy
    dvalues = partial + np.einsum("zij,zj->zi", dv, dp)
    terms = layout.split(dp * values + p * dvalues)
    return layout.split(dp), np.stack([term.sum(axis=1) for term in terms], axis=1)
