"""The logit equilibrium equations of a game, in log-probabilities, with their Jacobian (private).

A *system* holds a numeric game as float arrays and evaluates, at a point
``x = (y, lam)`` (``y`` the log-probabilities of every strategy or action,
block by block), the map ``H(x)`` whose zeros are the logit QRE and its
Jacobian ``dH/dx`` (``n`` rows, ``n + 1`` columns). For each block ``b``
(a player of a normal-form game, an information set of a tree) the rows are

* ``sum_k exp(y_bk) - 1`` (the probabilities sum to one), then
* ``y_bk - y_b0 - lam * (v_bk - v_b0)`` for ``k >= 1``, where ``v_bk`` is the
  expected payoff of choice ``k`` to the block's owner.

Normal-form values come from tensor contractions (:class:`NormalSystem`);
tree values from the terminal-by-action incidence matrix (:class:`TreeSystem`):
``reach(z) / p_a`` for every terminal ``z`` below action ``a`` gives, summed with
the owner's payoffs, the action's value times the reach probability of its
information set (the agent form of McKelvey and Palfrey 1998).
"""

from __future__ import annotations

import math

import numpy as np

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import ChanceNode

__all__ = ["NormalSystem", "QRESystem", "TreeSystem", "flat", "softmax"]


def flat(profile: tuple[np.ndarray, ...] | list[np.ndarray]) -> np.ndarray:
    """The vectors of a profile, end to end (empty for a tree without decisions)."""
    return np.concatenate(profile) if len(profile) else np.zeros(0)


def softmax(values: np.ndarray, lam: float) -> np.ndarray:
    """``exp(lam * values)`` normalised to sum to one, without overflow."""
    z = lam * values
    z = z - z.max()
    e = np.exp(z)
    return e / e.sum()


class QRESystem:
    """Shared block bookkeeping: ``sizes`` of the blocks, their ``offsets`` in ``y``."""

    sizes: tuple[int, ...]
    #: Largest absolute payoff and the range (max - min) of all payoffs.
    scale: float
    spread: float

    def _setup_blocks(self, sizes: tuple[int, ...]) -> None:
        self.sizes = sizes
        self.offsets = tuple(int(v) for v in np.concatenate([[0], np.cumsum(sizes)]))
        self.n = self.offsets[-1]
        # Row masks for the difference equations: every row that is not a block's first (sum) row.
        first = np.zeros(self.n, dtype=bool)
        first[np.array(self.offsets[:-1], dtype=int)] = True
        self.first = first
        self.block_of = np.repeat(np.arange(len(sizes)), sizes)
        self.base = np.repeat(np.array(self.offsets[:-1], dtype=int), sizes)

    def start(self) -> np.ndarray:
        """Log-probabilities of the centroid (uniform play)."""
        return -np.log(np.repeat(np.array(self.sizes, dtype=np.float64), self.sizes))

    def split(self, vector: np.ndarray) -> tuple[np.ndarray, ...]:
        """Cut a length-``n`` vector into its blocks."""
        return tuple(vector[a:b] for a, b in zip(self.offsets[:-1], self.offsets[1:], strict=True))

    def probabilities(self, y: np.ndarray) -> tuple[np.ndarray, ...]:
        """Probabilities from log-probabilities, each block renormalised."""
        out = []
        for block in self.split(y):
            p = np.exp(block - block.max())
            p = p / p.sum()
            p.flags.writeable = False
            out.append(p)
        return tuple(out)

    # Subclasses: values(p) -> length-n vector; log_jacobian(p) -> (values, d values / d log p), n x n.
    def values(self, p: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def log_jacobian(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - abstract
        raise NotImplementedError

    def expected_payoffs(self, p: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def evaluate(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``H(x)`` and its Jacobian at ``x = (y, lam)``."""
        y, lam = x[:-1], x[-1]
        p = np.exp(y)
        v, dv = self.log_jacobian(p)
        h = np.empty(self.n)
        jac = np.zeros((self.n, self.n + 1))
        # Sum rows: d/dy_k sum exp(y) = p_k on the block's own columns.
        h[self.first] = np.bincount(self.block_of, weights=p, minlength=len(self.sizes)) - 1.0
        jac[self.base, np.arange(self.n)] = p
        idx = np.flatnonzero(~self.first)
        base = self.base[idx]
        h[idx] = y[idx] - y[base] - lam * (v[idx] - v[base])
        jac[idx, :-1] = -lam * (dv[idx] - dv[base])
        jac[idx, idx] += 1.0
        jac[idx, base] -= 1.0
        jac[idx, -1] = -(v[idx] - v[base])
        return h, jac

    def residual(self, y: np.ndarray, lam: float) -> np.ndarray:
        """``H`` only."""
        p = np.exp(y)
        v = self.values(p)
        h = np.empty(self.n)
        h[self.first] = np.bincount(self.block_of, weights=p, minlength=len(self.sizes)) - 1.0
        idx = np.flatnonzero(~self.first)
        base = self.base[idx]
        h[idx] = y[idx] - y[base] - lam * (v[idx] - v[base])
        return h

    def fixed_point_gap(self, p: np.ndarray, lam: float) -> float:
        """Largest ``|p - softmax(lam * v(p))|`` over every block: the violation of the logit equations."""
        v = self.values(p)
        gaps = [np.max(np.abs(q - softmax(w, lam))) for q, w in zip(self.split(p), self.split(v), strict=True)]
        return float(max(gaps, default=0.0))

    def regrets(self, p: np.ndarray) -> np.ndarray:
        """Each block's regret: best value minus the expected value under ``p``."""
        v = self.values(p)
        return np.array([w.max() - q @ w for q, w in zip(self.split(p), self.split(v), strict=True)])


class NormalSystem(QRESystem):
    """The logit equations of a numeric normal-form game; blocks are players."""

    def __init__(self, game: NormalFormGame) -> None:
        floats = np.asarray(game.float_payoffs(), dtype=np.float64)
        self.num_players = game.num_players
        self.tensors = tuple(np.ascontiguousarray(floats[..., i]) for i in range(self.num_players))
        self.scale = float(np.max(np.abs(floats))) if floats.size else 0.0
        self.spread = float(floats.max() - floats.min()) if floats.size else 0.0
        self._setup_blocks(game.shape)

    def pair_matrices(self, profile: tuple[np.ndarray, ...]) -> dict[tuple[int, int], np.ndarray]:
        """``M[i, l][j, k]``: player i's expected payoff from ``j`` when player l plays ``k``, others mixing."""
        n = self.num_players
        out: dict[tuple[int, int], np.ndarray] = {}
        for i in range(n):
            for other in range(n):
                if other == i:
                    continue
                tensor = self.tensors[i]
                # Contract every other axis from the last down, so axis numbers stay valid.
                for k in reversed(range(n)):
                    if k not in (i, other):
                        tensor = np.tensordot(tensor, profile[k], axes=([k], [0]))
                out[i, other] = tensor if i < other else tensor.T
        return out

    def expected_payoffs(self, p: np.ndarray) -> np.ndarray:
        """Each player's expected payoff."""
        return np.array([q @ w for q, w in zip(self.split(p), self.split(self.values(p)), strict=True)])

    def player_values(self, profile: tuple[np.ndarray, ...], pairs: dict[tuple[int, int], np.ndarray]) -> np.ndarray:
        n = self.num_players
        return np.concatenate([pairs[i, (i + 1) % n] @ profile[(i + 1) % n] for i in range(n)])

    def values(self, p: np.ndarray) -> np.ndarray:
        """Every player's deviation payoffs, concatenated."""
        profile = self.split(p)
        n = self.num_players
        out = []
        for i in range(n):
            tensor = self.tensors[i]
            for k in reversed(range(n)):
                if k != i:
                    tensor = np.tensordot(tensor, profile[k], axes=([k], [0]))
            out.append(tensor)
        return np.concatenate(out)

    def log_jacobian(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Deviation payoffs and their derivatives in the log-probabilities (zero on a player's own block)."""
        profile = self.split(p)
        pairs = self.pair_matrices(profile)
        jac = np.zeros((self.n, self.n))
        o = self.offsets
        for (i, other), matrix in pairs.items():
            jac[o[i] : o[i + 1], o[other] : o[other + 1]] = matrix
        return self.player_values(profile, pairs), jac * p[None, :]


class TreeSystem(QRESystem):
    """The agent-form logit equations of a numeric game tree; blocks are information sets."""

    def __init__(self, tree: ExtensiveFormGame) -> None:
        infosets = tree.information_sets
        self._setup_blocks(tuple(len(s.actions) for s in infosets))
        column = {(s.index, a): self.offsets[s.index] + a for s in infosets for a in range(len(s.actions))}
        owner = np.repeat(np.array([s.player for s in infosets], dtype=int), self.sizes)
        terminals = [pos for pos in tree.positions if not pos.children]
        incidence = np.zeros((len(terminals), self.n), dtype=bool)
        log_chance = np.zeros(len(terminals))
        payoffs = np.zeros((len(terminals), tree.num_players))
        for row, terminal in enumerate(terminals):
            payoffs[row] = [float(v) for v in tree.accumulated_payoffs(terminal.index)]
            current = terminal
            while current.parent is not None:
                parent = tree.positions[current.parent]
                assert current.action is not None
                if isinstance(parent.node, ChanceNode):
                    q = float(parent.node.probabilities[current.action])
                    log_chance[row] += math.log(q) if q > 0 else -math.inf
                else:
                    assert parent.infoset is not None
                    incidence[row, column[parent.infoset, current.action]] = True
                current = parent
        self.incidence = incidence
        self.float_incidence = incidence.astype(np.float64)
        self.log_chance = log_chance
        self.payoffs = payoffs
        self.owned = payoffs[:, owner] if self.n else np.zeros((len(terminals), 0))
        self.scale = float(np.max(np.abs(payoffs))) if payoffs.size else 0.0
        self.spread = float(payoffs.max() - payoffs.min()) if payoffs.size else 0.0

    def _weights(self, p: np.ndarray) -> np.ndarray:
        """``K[z, a] = reach(z) / p_a`` for terminals ``z`` below action ``a``, else 0 (zeros allowed in ``p``)."""
        positive = p > 0
        with np.errstate(divide="ignore"):
            logs = np.where(positive, np.log(np.where(positive, p, 1.0)), 0.0)
        log_reach = self.log_chance + self.float_incidence @ logs
        zeros = self.float_incidence @ (~positive).astype(np.float64)
        others_zero = zeros[:, None] - (~positive)[None, :]
        live = self.incidence & (others_zero < 0.5)
        return np.exp(np.where(live, log_reach[:, None] - logs[None, :], -np.inf))

    def expected_payoffs(self, p: np.ndarray) -> np.ndarray:
        """Each player's expected payoff."""
        positive = p > 0
        logs = np.where(positive, np.log(np.where(positive, p, 1.0)), 0.0)
        dead = self.float_incidence @ (~positive).astype(np.float64) > 0.5
        reach = np.where(dead, 0.0, np.exp(self.log_chance + self.float_incidence @ logs))
        return reach @ self.payoffs

    def _conditional(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        worth = (weights * self.owned).sum(axis=0)
        reach = weights.sum(axis=0)
        safe = np.where(reach > 0, reach, 1.0)
        return worth, reach, safe

    def values(self, p: np.ndarray) -> np.ndarray:
        """Each action's expected payoff to its mover, given that its information set is reached (beliefs by Bayes)."""
        worth, _, safe = self._conditional(self._weights(p))
        return worth / safe

    def log_jacobian(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Action values and their derivatives in the log behaviour probabilities."""
        weights = self._weights(p)
        worth, reach, safe = self._conditional(weights)
        values = worth / safe
        # d worth_a / d log p_b = sum_z K[z,a] u(z) S[z,b] for b != a, and 0 for b = a (perfect recall).
        d_worth = (weights * self.owned).T @ self.float_incidence - np.diag(worth)
        d_reach = weights.T @ self.float_incidence - np.diag(reach)
        d_values = (d_worth - values[:, None] * d_reach) / safe[:, None]
        d_values[reach <= 0] = 0.0
        return values, d_values
