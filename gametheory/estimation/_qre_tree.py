"""Agent-form logit equations of game trees for :func:`~gametheory.fit_qre` (private).

The unknowns are log behaviour probabilities ``y``, one block per information
set (in ``tree.information_sets`` order, the layout of
:func:`gametheory.solvers.qre.logit_qre`). For a terminal ``z`` and an action
``a`` on its path, ``K[z, a] = reach(z) / p_a``; the value of ``a`` to its
mover ``i`` given that its set is reached (beliefs by Bayes' rule) is
``v_a = sum_z K[z, a] u_i(z) / sum_z K[z, a]``. The rows of ``H`` are those of
:class:`~gametheory.estimation._qre_kernel.LogitKernel`: ``sum_k p_k - 1`` per
block and ``y_k - y_0 - lam (v_k - v_0)``. On a tree of perfect information
this is statistical backwards induction (each mover's choice is logit in
``lam`` times its continuation values under the later movers' QRE choices).

Payoffs arrive as ``u`` of shape ``(G, N, Z)``: each player's payoff at each
terminal (:class:`~gametheory.estimation._qre_model.PayoffModel` of the
``(Z, N)`` table). ``v`` is linear in ``u``, so ``dv/dphi`` is ``v`` with
``du/dphi`` in place of ``u``; ``dv/dy`` uses perfect recall (no terminal
lies below two actions of one set).
"""

from __future__ import annotations

import math

import numpy as np

from gametheory.estimation._qre_kernel import LogitKernel
from gametheory.exceptions import ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode

__all__ = ["TreeKernel", "terminal_payoffs"]


def terminal_payoffs(tree: ExtensiveFormGame) -> np.ndarray:
    """The ``(Z, N)`` object array of each terminal's accumulated payoffs (possibly symbolic)."""
    terminals = [pos for pos in tree.positions if not pos.children]
    return np.array([list(tree.accumulated_payoffs(t.index)) for t in terminals], dtype=object)


class TreeKernel(LogitKernel):
    """The agent-form logit equations of trees with the structure of ``tree``, batched over payoff tables."""

    def __init__(self, tree: ExtensiveFormGame) -> None:
        infosets = tree.information_sets
        sizes = tuple(len(s.actions) for s in infosets)
        self.sizes = sizes
        self.num_players = tree.num_players
        self.offsets = tuple(int(v) for v in np.concatenate([[0], np.cumsum(sizes)]))
        self.n = self.offsets[-1]
        first = np.zeros(self.n, dtype=bool)
        first[list(self.offsets[:-1])] = True
        self.first_rows = np.array(self.offsets[:-1], dtype=int)
        self.base = np.repeat(self.first_rows, sizes)
        self.idx = np.flatnonzero(~first)
        self.idx_base = self.base[self.idx]
        self.block_matrix = np.zeros((self.n, len(sizes)))
        for b in range(len(sizes)):
            self.block_matrix[self.offsets[b] : self.offsets[b + 1], b] = 1.0
        self.owner = np.repeat(np.array([s.player for s in infosets], dtype=int), sizes)
        terminals = [pos for pos in tree.positions if not pos.children]
        self.shape = (len(terminals),)
        incidence = np.zeros((len(terminals), self.n), dtype=bool)
        log_chance = np.zeros(len(terminals))
        for row, terminal in enumerate(terminals):
            current = terminal
            while current.parent is not None:
                parent = tree.positions[current.parent]
                assert current.action is not None
                if isinstance(parent.node, ChanceNode):
                    try:
                        q = float(parent.node.probabilities[current.action])
                    except TypeError:
                        raise ParameterError(
                            "fit_qre needs numeric chance probabilities: fix the parameters in them"
                        ) from None
                    log_chance[row] += math.log(q) if q > 0 else -math.inf
                else:
                    assert parent.infoset is not None
                    incidence[row, self.offsets[parent.infoset] + current.action] = True
                current = parent
        self.incidence = incidence
        self.log_chance = log_chance
        self.centroid = -np.log(np.repeat(np.array(sizes, dtype=np.float64), sizes))
        _, jac = self.system(self.centroid[None, :], 0.0, np.zeros((1, self.num_players, len(terminals))))
        self.sign0 = float(np.sign(np.linalg.det(jac[0])))

    # ------------------------------------------------------------------ values
    def _weights(self, y: np.ndarray) -> np.ndarray:
        """``K`` of shape ``(G, Z, n)``."""
        log_reach = self.log_chance[None, :] + np.minimum(y, 0.0) @ self.incidence.T.astype(np.float64)
        exponent = np.where(self.incidence[None], log_reach[:, :, None] - np.minimum(y, 0.0)[:, None, :], -np.inf)
        return np.exp(exponent)

    def _owned(self, u: np.ndarray) -> np.ndarray:
        """``u`` ``(G, N, Z)`` as ``(G, Z, n)``: the payoff at each terminal to each action's mover."""
        return np.swapaxes(u[:, self.owner, :], 1, 2)

    def values(self, u: np.ndarray, p: np.ndarray) -> np.ndarray:
        """Each action's value to its mover ``(G, n)``, given ``u`` ``(G, N, Z)`` and behaviour ``p``."""
        weights = self._weights(np.log(np.maximum(p, 1e-300)))
        reach = weights.sum(axis=1)
        return (weights * self._owned(u)).sum(axis=1) / np.where(reach > 0, reach, 1.0)

    def expected_payoffs(self, u: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Each player's expected payoff ``(G, N)``."""
        reach = np.exp(self.log_chance[None, :] + y @ self.incidence.T.astype(np.float64))
        return np.einsum("gz,gnz->gn", reach, u)

    # ------------------------------------------------------------------ the system
    def value_slopes(self, u: np.ndarray, y: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each action's value to its mover given Bayes beliefs ``(G, n)``, and its derivative in ``y``."""
        weights = self._weights(y)
        owned = self._owned(u)
        reach = weights.sum(axis=1)
        safe = np.where(reach > 0, reach, 1.0)
        worth = (weights * owned).sum(axis=1)
        v = worth / safe
        inc = self.incidence.astype(np.float64)
        eye = np.eye(self.n)[None]
        d_worth = np.einsum("gza,zb->gab", weights * owned, inc) - eye * worth[:, :, None]
        d_reach = np.einsum("gza,zb->gab", weights, inc) - eye * reach[:, :, None]
        dv = (d_worth - v[:, :, None] * d_reach) / safe[:, :, None]
        return v, np.where((reach > 0)[:, :, None], dv, 0.0)

    def principal(self, lam: float, u: np.ndarray) -> np.ndarray:
        """Log-probabilities at ``lam`` by continuation in ``lam`` from the centroid (may fail: see the caller)."""
        start = np.tile(self.centroid, (u.shape[0], 1))
        y, ok = self.follow(start, 0.0, u, lam, u)
        return y if ok else np.full_like(start, np.nan)

    def owned_differences(self, u: np.ndarray) -> np.ndarray:
        """``u_i(z) - u_i(z_0)`` for every mover ``i`` (a player owning a set) and terminal ``z``: ``(..., I, Z)``."""
        movers = sorted(set(self.owner.tolist()))
        block = u[..., movers, :]
        return block - block[..., :1]
