"""The log-likelihood of a logit QRE model and its gradient by implicit differentiation (private).

Parameters are ``theta = (lam, beta)``. Each covariate group ``g`` has payoff
parameters ``phi_g = D_g @ beta`` (``D`` of shape ``(G, M, K)``: the design),
payoff tensors ``U(phi_g)`` and log-probabilities ``y_g`` solving
``H(y_g; lam, U(phi_g)) = 0`` on the principal branch. With counts ``C``,

* ``loglik = sum_g C_g . y_g`` (the multinomial kernel, without its constant);
* ``dy/dtheta = -J_y^{-1} J_theta`` (implicit function theorem), so the
  gradient is ``-(J_y^{-T} C_g) . J_theta`` summed over groups: one adjoint
  solve per group.

Every evaluation continues the previous evaluation's solution (initially the
centroid at ``lam = 0``, where the QRE is unique) along the straight segment
in ``(lam, payoffs)``; when that fails, or a step lands where ``sign det J_y``
differs from its value at ``lam = 0``, the group is re-solved by tracing the
principal branch from ``lam = 0`` with :func:`gametheory.solvers.qre.logit_qre`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from gametheory.estimation._qre_kernel import LogitKernel
from gametheory.exceptions import ParameterError

__all__ = ["Likelihood", "PayoffModel"]


class PayoffModel:
    """Payoff tensors ``(G, N, *shape)`` of a game whose remaining parameters are ``names``, and their derivatives."""

    def __init__(self, payoffs: np.ndarray, symbols: list[sympy.Symbol]) -> None:
        self.shape = payoffs.shape[:-1]
        self.num_players = payoffs.shape[-1]
        tensor = np.moveaxis(payoffs, -1, 0)  # (N, *shape)
        entries = [sympy.sympify(e) for e in tensor.flat]
        self.names = [s.name for s in symbols]
        self._last: tuple[Any, np.ndarray] | None = None
        self._last_d: tuple[Any, np.ndarray] | None = None
        self._f = sympy.lambdify(symbols, entries, "numpy")
        self._df = []
        for symbol in symbols:
            derivative = [sympy.diff(e, symbol) for e in entries]
            if all(d == 0 for d in derivative):
                raise ParameterError(
                    f"parameter {symbol.name!r} does not appear in the payoffs: it cannot be estimated"
                )
            self._df.append(sympy.lambdify(symbols, derivative, "numpy"))

    def _tensor(self, function: Any, phi: np.ndarray) -> np.ndarray:
        columns = [phi[:, m] for m in range(phi.shape[1])]
        values = [np.broadcast_to(np.asarray(v, dtype=np.float64), (phi.shape[0],)) for v in function(*columns)]
        return np.stack(values, axis=1).reshape(phi.shape[0], self.num_players, *self.shape)

    def payoffs(self, phi: np.ndarray) -> np.ndarray:
        """``U`` for each row of ``phi`` ``(G, M)`` (the last answer is cached)."""
        key = (phi.shape, phi.tobytes())
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        out = self._tensor(self._f, phi)
        if not np.all(np.isfinite(out)):
            raise ParameterError("these parameter values make a payoff undefined or infinite")
        self._last = (key, out)
        return out

    def derivatives(self, phi: np.ndarray) -> np.ndarray:
        """``dU/dphi`` of shape ``(G, M, N, *shape)`` (the last answer is cached)."""
        if not self._df:
            return np.zeros((phi.shape[0], 0, self.num_players, *self.shape))
        key = (phi.shape, phi.tobytes())
        if self._last_d is not None and self._last_d[0] == key:
            return self._last_d[1]
        out = np.stack([self._tensor(f, phi) for f in self._df], axis=1)
        self._last_d = (key, out)
        return out


class Likelihood:
    """Log-likelihood, gradient and fitted probabilities of ``theta = (lam, beta)`` for fixed counts."""

    def __init__(self, kernel: LogitKernel, model: PayoffModel, design: np.ndarray, counts: np.ndarray) -> None:
        self.kernel, self.model, self.design = kernel, model, design
        self.counts = counts
        groups = design.shape[0]
        self._state: tuple[float, np.ndarray, np.ndarray] | None = None
        self._zero_u = np.zeros((groups, kernel.num_players, *kernel.shape))
        self._cache: dict[bytes, tuple[float, np.ndarray]] = {}

    @property
    def size(self) -> int:
        """Number of entries of ``theta``."""
        return 1 + self.design.shape[2]

    def phi(self, theta: np.ndarray) -> np.ndarray:
        """Payoff parameters ``(G, M)`` of every group."""
        return np.einsum("gmk,k->gm", self.design, theta[1:])

    def solve(self, theta: np.ndarray) -> np.ndarray:
        """Log-probabilities ``(G, n)`` on the principal branch at ``theta``."""
        lam = float(theta[0])
        u = self.model.payoffs(self.phi(theta))
        if self._state is None:
            y0, lam0, u0 = np.tile(self.kernel.centroid, (u.shape[0], 1)), 0.0, u
        else:
            lam0, u0, y0 = self._state
        y, ok = self.kernel.follow(y0, lam0, u0, lam, u)
        if not ok:
            y = self.kernel.principal(lam, u)
        self._state = (lam, u, y)
        return y

    def reset(self, theta: np.ndarray, y: np.ndarray) -> None:
        """Continue later evaluations from the solution ``y`` at ``theta``."""
        self._state = (float(theta[0]), self.model.payoffs(self.phi(theta)), y)

    def evaluate(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """``(loglik, gradient)`` at ``theta``."""
        key = np.asarray(theta, dtype=np.float64).tobytes()
        if key in self._cache:
            return self._cache[key]
        theta = np.asarray(theta, dtype=np.float64)
        y = self.solve(theta)
        lam = float(theta[0])
        phi = self.phi(theta)
        u = self.model.payoffs(phi)
        _, jac = self.kernel.system(y, lam, u)
        adjoint = np.linalg.solve(np.swapaxes(jac, 1, 2), self.counts[..., None])[..., 0]
        grad = np.empty(self.size)
        grad[0] = -float(np.sum(adjoint * self.kernel.d_lam(y, u)))
        d_phi = -np.einsum("gn,gnm->gm", adjoint, self.kernel.d_payoffs(y, lam, self.model.derivatives(phi)))
        grad[1:] = np.einsum("gm,gmk->k", d_phi, self.design)
        value = float(np.sum(self.counts * y))
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[key] = (value, grad)
        return value, grad

    def probabilities(self, theta: np.ndarray) -> np.ndarray:
        """Fitted probabilities ``(G, n)`` at ``theta``."""
        y = self.solve(np.asarray(theta, dtype=np.float64))
        return np.exp(y)

    def scale_matrix(self, theta: np.ndarray) -> np.ndarray:
        """Rows ``d (lam * own payoff differences) / d theta`` over every group, player and opponents' profile.

        The likelihood depends on ``theta`` only through these products, so
        a rank below ``len(theta)`` means some direction of ``theta`` changes
        nothing: those parameters are not identified.
        """
        lam, phi = float(theta[0]), self.phi(theta)
        u = self.model.payoffs(phi)
        du = self.model.derivatives(phi)
        n_players = self.kernel.num_players
        rows = [_own_differences(u, n_players)[:, None]]
        d_beta = np.einsum("gm...,gmk->gk...", du, self.design)
        rows.append(lam * _own_differences(d_beta, n_players))
        matrix = np.concatenate(rows, axis=1)  # (G, 1 + K, N, *shape)
        return np.moveaxis(matrix, 1, -1).reshape(-1, self.size)


def _own_differences(u: np.ndarray, num_players: int) -> np.ndarray:
    """``U_i(k, s_-i) - U_i(0, s_-i)`` for each player ``i``; ``u`` has shape ``(..., N, n_1, ..., n_N)``."""
    out = np.empty_like(u)
    for i in range(num_players):
        index = (Ellipsis, i) + (slice(None),) * num_players
        block = u[index]
        out[index] = block - np.take(block, [0], axis=block.ndim - num_players + i)
    return out
