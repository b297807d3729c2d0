"""Newton's method on the indifference equations of a support (private).

Near the end of a path the profile is close to an equilibrium with a known
support. On that support, each player's strategies must pay the same and
each player's probabilities sum to one: a square polynomial system when the
game is nondegenerate, solved here by Gauss-Newton steps (least squares, so
that degenerate supports do not stop it). The payoff tensors are restricted
to the support first, so every step costs a few small ``einsum``
contractions, whatever the size of the game.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from gametheory._internal.limits import check_time

__all__ = ["polish"]

Support = tuple[tuple[int, ...], ...]

#: Most Newton steps; convergence is quadratic, so a handful usually suffice.
MAX_STEPS = 30
#: Probabilities below this (negative) end the attempt: the support is wrong.
NEGATIVE = -1e-9
#: Largest residual (normalised payoff units) of a solution; a wrong support leaves a larger one.
RESIDUAL = 1e-11


def polish(normalised: np.ndarray, support: Support, start: Sequence[np.ndarray]) -> list[np.ndarray] | None:
    """Solve the indifference equations of ``support`` from ``start``; ``None`` if Newton fails.

    ``normalised`` is the payoff tensor ``(n_1, ..., n_N, N)`` in normalised
    units; the result is a full float profile (zeros off the support).
    """
    players = normalised.shape[-1]
    grid = np.ix_(*support)
    restricted = [normalised[..., i][grid] for i in range(players)]
    sizes = [len(s) for s in support]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    x = np.concatenate([np.asarray(p, dtype=np.float64)[list(s)] for p, s in zip(start, support, strict=True)])
    x = np.clip(x, 0.0, None)
    for block in range(players):
        piece = x[offsets[block] : offsets[block + 1]]
        total = piece.sum()
        x[offsets[block] : offsets[block + 1]] = piece / total if total > 0 else 1.0 / len(piece)
    for _ in range(MAX_STEPS):
        check_time()
        residual, jacobian = _system(restricted, x, offsets)
        step = np.linalg.lstsq(jacobian, residual, rcond=None)[0]
        x -= step
        if not np.all(np.isfinite(x)):
            return None
        if np.max(np.abs(step), initial=0.0) <= 1e-15:
            break
    residual, _ = _system(restricted, x, offsets)
    if np.any(x < NEGATIVE) or not np.max(np.abs(residual), initial=0.0) <= RESIDUAL:
        return None
    x = np.clip(x, 0.0, None)
    profile = []
    for block, (n, s) in enumerate(zip(normalised.shape[:-1], support, strict=True)):
        vector = np.zeros(n)
        piece = x[offsets[block] : offsets[block + 1]]
        if not piece.sum() > 0:
            return None
        vector[list(s)] = piece / piece.sum()
        profile.append(vector)
    return profile


def _system(restricted: list[np.ndarray], x: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Residual and Jacobian of the indifference and normalisation equations at ``x``."""
    players = len(restricted)
    blocks = [x[offsets[i] : offsets[i + 1]] for i in range(players)]
    residual_rows: list[np.ndarray] = []
    jacobian_rows: list[np.ndarray] = []
    for i in range(players):
        size = offsets[i + 1] - offsets[i]
        rows = np.zeros((size, offsets[-1]))
        rows[-1, offsets[i] : offsets[i + 1]] = 1.0
        values = None
        for j in range(players):
            if j == i:
                continue
            # Player i's payoff from each own strategy against each strategy of j, others mixed.
            operands: list[Any] = [restricted[i], list(range(players))]
            for k in range(players):
                if k not in (i, j):
                    operands += [blocks[k], [k]]
            matrix: np.ndarray = np.einsum(*operands, [i, j])
            rows[:-1, offsets[j] : offsets[j + 1]] = matrix[1:] - matrix[0]
            if values is None:
                values = matrix @ blocks[j]
        assert values is not None
        residual_rows.append(np.append(values[1:] - values[0], blocks[i].sum() - 1.0))
        jacobian_rows.append(rows)
    return np.concatenate(residual_rows), np.vstack(jacobian_rows)
