"""Exact pieces of the N-player support search: dominance tables, support equations, affine systems.

A support profile's indifference equations say that each player's
strategies in its support pay the same as the first one; its regret rows
say how much more each strategy outside the support pays. Both are
contractions of integer payoff differences with the other players' mixed
strategies, kept here exactly (Python integers and Fractions) and as
floats scaled per player (by the largest absolute payoff) for the interval
branch and bound.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["DominanceTable", "ExactSupport"]

Support = tuple[tuple[int, ...], ...]


class DominanceTable:
    """Which strategies are weakly dominated by a pure strategy given each profile of the others' supports.

    Weak dominance suffices to rule a strategy out of a support: every profile of the others'
    support strategies has positive probability, so the dominated strategy pays strictly less.
    For a pure profile this is exactly "some player has a strictly better reply".
    """

    def __init__(self, payoffs: np.ndarray, subsets: Sequence[Sequence[tuple[int, ...]]]) -> None:
        shape = payoffs.shape[:-1]
        # Rows: each player's candidate supports; columns: its strategies (1 = in the support).
        indicators = [
            np.array([np.isin(np.arange(n), sub) for sub in player], dtype=np.int64)
            for n, player in zip(shape, subsets, strict=True)
        ]
        self.own_bits = [ind @ (1 << np.arange(ind.shape[1])) for ind in indicators]
        self.tables: list[np.ndarray] = []
        for i, n in enumerate(shape):
            u = np.moveaxis(payoffs[..., i], i, 0).reshape(n, -1)
            # [s, t, m]: whether t pays less than / more than s against the others' pure profile m.
            less = np.array([[u[t] < u[s] for t in range(n)] for s in range(n)], dtype=np.int64)
            more = np.array([[u[t] > u[s] for t in range(n)] for s in range(n)], dtype=np.int64)
            others = [indicators[j] for j in range(len(shape)) if j != i]
            # masks[P, m]: whether the others' pure profile m lies in their support profile P.
            masks = functools.reduce(np.kron, others, np.ones((1, 1), dtype=np.int64))
            dominated = np.any((less @ masks.T == 0) & (more @ masks.T > 0), axis=1)  # (s, P)
            bits = (dominated.astype(np.int64) << np.arange(n)[:, None]).sum(axis=0)
            self.tables.append(bits.reshape([len(subsets[j]) for j in range(len(shape)) if j != i]))

    def pruned(self, keys: np.ndarray) -> np.ndarray:
        """Per support profile, whether some strategy in it is weakly dominated given the others' supports.

        ``keys`` has one row per support profile: each player's index into the ``subsets`` given.
        """
        out = np.zeros(keys.shape[0], dtype=bool)
        for i, table in enumerate(self.tables):
            others = tuple(np.delete(keys, i, axis=1).T)
            out |= (table[others] & self.own_bits[i][keys[:, i]]) != 0
        return out


class ExactSupport:
    """The equations and regret rows of one support profile, exactly and as scaled floats.

    For player ``i`` the rows are: one per support strategy after the first (its payoff minus the
    first's, an equation), then one per strategy outside the support (a regret).
    """

    def __init__(self, payoffs: np.ndarray, scales: Sequence[int], support: Support) -> None:
        n = len(support)
        self.support = support
        self.sizes = tuple(len(s) for s in support)
        self.nvars = sum(k - 1 for k in self.sizes)
        self.neq = tuple(k - 1 for k in self.sizes)
        offsets = np.cumsum([0, *self.neq])
        self.blocks = tuple(slice(int(a), int(b)) for a, b in itertools.pairwise(offsets))
        self.exact_rows: list[np.ndarray] = []
        self._rows = [[*s[1:], *(t for t in range(payoffs.shape[i]) if t not in s)] for i, s in enumerate(support)]
        for i in range(n):
            exact = _restricted(payoffs[..., i], support, i)
            self.exact_rows.append(exact[self._rows[i]] - exact[support[i][0]])
        self._scales = scales

    @property
    def float_rows(self) -> list[np.ndarray]:
        """The rows as floats, each player's divided by its largest absolute payoff (``scales``).

        Each entry is its exact integer difference, rounded once: rounding the payoffs before
        subtracting would lose every digit of a small difference between large payoffs.
        """
        return [(rows / scale).astype(np.float64) for rows, scale in zip(self.exact_rows, self._scales, strict=True)]

    @property
    def is_underdetermined(self) -> bool:
        """Whether some mixing player is indifferent among its support against every profile of the others'.

        Its equations then vanish identically, so the others' strategies are constrained by fewer
        equations than unknowns: no isolated solution for a numerical search to certify.
        """
        return any(
            k > 1 and not any(v != 0 for v in rows[: k - 1].flat)
            for k, rows in zip(self.sizes, self.exact_rows, strict=True)
        )

    @property
    def is_affine(self) -> bool:
        """Whether at most two players mix: then each player's equations are linear in one other's strategy."""
        return sum(1 for k in self.sizes if k > 1) <= 2

    def rows_at(self, values: Sequence[Fraction]) -> list[list[Fraction]]:
        """Every row of every player at a rational point (exact)."""
        mixes = []
        for block in self.blocks:
            own = list(values[block])
            vector = np.empty(len(own) + 1, dtype=object)
            vector[:] = [1 - sum(own, Fraction(0)), *own]
            mixes.append(vector)
        out = []
        for i, tensor in enumerate(self.exact_rows):
            for j in reversed(range(len(mixes))):
                if j != i:
                    tensor = np.tensordot(tensor, mixes[j], axes=([1 + (j if j < i else j - 1)], [0]))
            out.append([Fraction(v) for v in np.ravel(tensor)])
        return out

    def is_root(self, values: Sequence[Fraction]) -> bool:
        """Whether the indifference equations hold exactly at a rational point."""
        return not any(any(rows[: self.neq[i]]) for i, rows in enumerate(self.rows_at(values)))

    def is_equilibrium(self, values: Sequence[Fraction]) -> bool:
        """Whether a rational root has positive probabilities and no profitable outside strategy (exact)."""
        for block in self.blocks:
            own = values[block]
            if any(v <= 0 for v in own) or sum(own, Fraction(0)) >= 1:
                return False
        return all(v <= 0 for i, rows in enumerate(self.rows_at(values)) for v in rows[self.neq[i] :])

    def affine_solutions(self) -> list[tuple[Fraction, ...]] | None:
        """Equilibria of an affine system by exact Gaussian elimination; None if it has a continuum.

        With two players mixing, each one's equations are linear in the other's strategy alone, so
        the system splits into two independent linear systems (one when only one player mixes).
        """
        values: list[Fraction] = [Fraction(0)] * self.nvars
        statuses = []
        for i in (i for i, k in enumerate(self.sizes) if k > 1):
            mixing = [j for j, k in enumerate(self.sizes) if k > 1 and j != i]
            tensor = self.exact_rows[i][: self.neq[i]].reshape(self.neq[i], -1)
            if not mixing:
                statuses.append("none" if any(v != 0 for v in tensor.flat) else "many")
                continue
            # Player i's equations in player j's reduced strategy: M sigma_j = 0, sigma_j = (1 - sum x, x).
            matrix = [[Fraction(v) for v in row] for row in tensor]
            status, solution = _gauss([[a - row[0] for a in row[1:]] for row in matrix], [-row[0] for row in matrix])
            statuses.append(status)
            if status == "unique":
                values[self.blocks[mixing[0]]] = solution
        if "none" in statuses:
            return []
        if "many" in statuses:
            return None
        return [tuple(values)] if self.is_equilibrium(values) else []


def _gauss(matrix: list[list[Fraction]], rhs: list[Fraction]) -> tuple[str, list[Fraction]]:
    """Exact solution of ``matrix @ x = rhs``: ("unique", x), ("none", []) or ("many", [])."""
    height, width = len(matrix), len(matrix[0]) if matrix else 0
    rows = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    rank = 0
    for col in range(width):
        pivot = next((k for k in range(rank, height) if rows[k][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        head = rows[rank][col]
        rows[rank] = [v / head for v in rows[rank]]
        for k in range(height):
            if k != rank and rows[k][col] != 0:
                factor = rows[k][col]
                rows[k] = [a - factor * b for a, b in zip(rows[k], rows[rank], strict=True)]
        rank += 1
    if any(rows[k][width] != 0 for k in range(rank, height)):
        return "none", []
    if rank < width:
        return "many", []
    return "unique", [rows[k][width] for k in range(width)]


def _restricted(tensor: np.ndarray, support: Support, i: int) -> Any:
    """Player i's payoff tensor over the others' supports (all of player i's strategies), own axis first."""
    others = [j for j in range(tensor.ndim) if j != i]
    return tensor.transpose(i, *others)[np.ix_(range(tensor.shape[i]), *(support[j] for j in others))]
