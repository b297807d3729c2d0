"""Batched logit equations of normal-form games, their Jacobians and branch following (private).

Unknowns are log-probabilities ``y`` (one block per player, concatenated). For
``G`` games of one shape at once (one per covariate group), with payoff
tensors ``U`` of shape ``(G, N, n_1, ..., n_N)``, the rows of ``H(y; lam, U)``
for each player ``i`` are

* ``sum_k exp(y_ik) - 1`` (the block's first row), and
* ``y_ik - y_i0 - lam * (v_ik - v_i0)`` for ``k >= 1``,

``v_ik`` being player ``i``'s expected payoff from strategy ``k`` against the
others' mixtures (the system of :mod:`gametheory.solvers.qre`, rewritten here
batched over games and with derivatives in the payoffs). ``v`` is linear in
``U``, so its derivative in a payoff parameter is ``v`` computed with
``dU/dparameter`` in place of ``U``.

:meth:`LogitKernel.follow` moves a solution along the straight segment from
``(lam0, U0)`` to ``(lam1, U1)`` by predictor (the implicit tangent) and
Newton corrector, halving the step on failure, and rejects any step where
``sign det dH/dy`` differs from its value at ``lam = 0``: on the principal
branch the sign changes only at a fold, so a sign change means the step has
jumped to another branch (or passed a fold).
"""

from __future__ import annotations

import numpy as np

from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.qre import logit_qre

__all__ = ["LogitKernel"]

_LETTERS = "abcdefhijklnopqrstuvwxy"  # axis letters; 'z' is the batch axis, 'm' and 'g' unused

#: Largest log-probability an iterate may have. A solution has ``y <= 0``; a predictor or Newton step
#: beyond this is rejected (the step is shortened) instead of overflowing ``exp``.
Y_MAX = 1.0


def _admissible(y: np.ndarray) -> bool:
    """Whether ``y`` is finite and no entry exceeds :data:`Y_MAX` (so ``exp(y)`` cannot overflow)."""
    return bool(np.all(np.isfinite(y))) and float(np.max(y, initial=-np.inf)) <= Y_MAX


class LogitKernel:
    """The logit equations of games of a given ``shape`` (strategies per player), batched."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.shape = shape
        self.num_players = len(shape)
        self.sizes = shape
        self.offsets = tuple(int(v) for v in np.concatenate([[0], np.cumsum(shape)]))
        self.n = self.offsets[-1]
        first = np.zeros(self.n, dtype=bool)
        first[list(self.offsets[:-1])] = True
        self.first_rows = np.array(self.offsets[:-1])
        self.base = np.repeat(self.first_rows, shape)
        self.idx = np.flatnonzero(~first)
        self.idx_base = self.base[self.idx]
        self.block_matrix = np.zeros((self.n, self.num_players))
        for i in range(self.num_players):
            self.block_matrix[self.offsets[i] : self.offsets[i + 1], i] = 1.0
        letters = _LETTERS[: self.num_players]
        others = [[j for j in range(self.num_players) if j != i] for i in range(self.num_players)]
        self._value_specs = [
            "z" + letters + "".join(",z" + letters[j] for j in others[i]) + "->z" + letters[i]
            for i in range(self.num_players)
        ]
        self._pair_specs = {
            (i, j): "z"
            + letters
            + "".join(",z" + letters[k] for k in others[i] if k != j)
            + "->z"
            + letters[i]
            + letters[j]
            for i in range(self.num_players)
            for j in others[i]
        }
        self.centroid = -np.log(np.repeat(np.array(shape, dtype=np.float64), shape))
        _, jac = self.system(self.centroid[None, :], 0.0, np.zeros((1, self.num_players, *shape)))
        self.sign0 = float(np.sign(np.linalg.det(jac[0])))

    # ------------------------------------------------------------------ values
    def blocks(self, p: np.ndarray) -> list[np.ndarray]:
        """Split ``(G, n)`` into the players' ``(G, n_i)`` blocks."""
        return [p[:, a:b] for a, b in zip(self.offsets[:-1], self.offsets[1:], strict=True)]

    def values(self, u: np.ndarray, p: np.ndarray) -> np.ndarray:
        """Deviation payoffs ``(G, n)`` of tensors ``u`` ``(G, N, *shape)`` against mixtures ``p`` ``(G, n)``."""
        parts = self.blocks(p)
        out = []
        for i in range(self.num_players):
            operands = [u[:, i]] + [parts[j] for j in range(self.num_players) if j != i]
            out.append(np.einsum(self._value_specs[i], *operands))
        return np.concatenate(out, axis=1)

    def value_jacobian(self, u: np.ndarray, p: np.ndarray) -> np.ndarray:
        """``d v / d p`` of shape ``(G, n, n)`` (zero on a player's own block)."""
        parts = self.blocks(p)
        o = self.offsets
        jac = np.zeros((p.shape[0], self.n, self.n))
        for (i, j), spec in self._pair_specs.items():
            operands = [u[:, i]] + [parts[k] for k in range(self.num_players) if k not in (i, j)]
            jac[:, o[i] : o[i + 1], o[j] : o[j + 1]] = np.einsum(spec, *operands)
        return jac

    def differenced(self, v: np.ndarray) -> np.ndarray:
        """``v_ik - v_i0`` on the difference rows (axis 1), zero on the sum rows."""
        out = np.zeros_like(v)
        out[:, self.idx] = v[:, self.idx] - v[:, self.idx_base]
        return out

    # ------------------------------------------------------------------ the system
    def system(self, y: np.ndarray, lam: float, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``H`` ``(G, n)`` and ``dH/dy`` ``(G, n, n)``.

        ``exp`` is taken of ``min(y, Y_MAX)``, which changes nothing for admissible
        iterates and keeps the values finite (no overflow warning) for others.
        """
        p = np.exp(np.minimum(y, Y_MAX))
        v, dv = self.value_slopes(u, y, p)
        h = np.empty_like(y)
        h[:, self.first_rows] = p @ self.block_matrix - 1.0
        idx, base = self.idx, self.idx_base
        h[:, idx] = y[:, idx] - y[:, base] - lam * (v[:, idx] - v[:, base])
        jac = np.zeros((y.shape[0], self.n, self.n))
        jac[:, self.base, np.arange(self.n)] = p
        jac[:, idx, :] = -lam * (dv[:, idx] - dv[:, base])
        jac[:, idx, idx] += 1.0
        jac[:, idx, base] -= 1.0
        return h, jac

    def value_slopes(self, u: np.ndarray, y: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each action's value ``(G, n)`` and its derivative in the log-probabilities ``y`` ``(G, n, n)``."""
        return self.values(u, p), self.value_jacobian(u, p) * p[:, None, :]

    def d_lam(self, y: np.ndarray, u: np.ndarray) -> np.ndarray:
        """``dH/dlam`` ``(G, n)``."""
        return -self.differenced(self.values(u, np.exp(y)))

    def d_payoffs(self, y: np.ndarray, lam: float, du: np.ndarray) -> np.ndarray:
        """``dH/dtheta`` ``(G, n, M)`` for payoff derivatives ``du`` ``(G, M, N, *shape)``."""
        p = np.exp(y)
        cols = [-lam * self.differenced(self.values(du[:, m], p)) for m in range(du.shape[1])]
        return np.stack(cols, axis=2) if cols else np.zeros((y.shape[0], self.n, 0))

    # ------------------------------------------------------------------ solving
    def newton(self, y: np.ndarray, lam: float, u: np.ndarray) -> tuple[np.ndarray, bool]:
        """Newton's method from ``y``; converged when every residual is below ``1e-12`` (scaled)."""
        bound = 1e-12 * (1.0 + lam * float(np.max(np.abs(u), initial=0.0)))
        for _ in range(12):
            if not _admissible(y):
                return y, False
            h, jac = self.system(y, lam, u)
            if not np.all(np.isfinite(h)):
                return y, False
            if float(np.max(np.abs(h))) <= bound:
                ok = bool(np.all(np.sign(np.linalg.det(jac)) == self.sign0))
                return y, ok
            try:
                step = np.linalg.solve(jac, h[..., None])[..., 0]
            except np.linalg.LinAlgError:
                return y, False
            if not np.all(np.isfinite(step)) or float(np.max(np.abs(step))) > 2.0:
                return y, False
            y = y - step
        return y, False

    def follow(
        self, y0: np.ndarray, lam0: float, u0: np.ndarray, lam1: float, u1: np.ndarray
    ) -> tuple[np.ndarray, bool]:
        """Carry a principal-branch solution ``y0`` at ``(lam0, u0)`` to ``(lam1, u1)`` along the segment."""
        t, step, y = 0.0, 1.0, y0
        while t < 1.0:
            s = min(step, 1.0 - t)
            lam_t, u_t = lam0 + t * (lam1 - lam0), u0 + t * (u1 - u0)
            _, jac = self.system(y, lam_t, u_t)
            rate = self.d_lam(y, u_t) * (lam1 - lam0) + self.d_payoffs(y, lam_t, (u1 - u0)[:, None])[..., 0]
            try:
                tangent = -np.linalg.solve(jac, rate[..., None])[..., 0]
            except np.linalg.LinAlgError:
                return y, False
            lam_s, u_s = lam0 + (t + s) * (lam1 - lam0), u0 + (t + s) * (u1 - u0)
            guess = y + s * tangent if np.all(np.isfinite(tangent)) else y
            if not _admissible(guess):
                guess = y
            new, ok = self.newton(guess, lam_s, u_s)
            if ok:
                t, y, step = t + s, new, min(1.0, 2.0 * s)
            else:
                step = s / 2.0
                if step < 1e-7:
                    return y, False
        return y, True

    def principal(self, lam: float, u: np.ndarray) -> np.ndarray:
        """Log-probabilities on the principal branch at ``lam`` by tracing from ``lam = 0`` (one game at a time)."""
        out = np.empty((u.shape[0], self.n))
        for g in range(u.shape[0]):
            game = NormalFormGame(np.moveaxis(u[g], 0, -1))
            profile = logit_qre(game, lam).profile
            out[g] = np.log(np.maximum(np.concatenate(profile), 1e-300))
        polished, _ = self.newton(out, lam, u)
        return polished if np.all(np.isfinite(polished)) else out
