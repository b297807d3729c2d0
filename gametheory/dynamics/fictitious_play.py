"""Fictitious play (Brown 1951): each side best-responds to the other's empirical frequencies."""

from __future__ import annotations

from typing import Any

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.validation import as_generator
from gametheory.dynamics._common import bimatrix, check_iterations
from gametheory.dynamics.trajectory import Trajectory
from gametheory.exceptions import InvalidProfileError
from gametheory.games.normal_form import NormalFormGame

__all__ = ["fictitious_play"]


def fictitious_play(
    game: NormalFormGame,
    *,
    iterations: int,
    initial_counts: Any = None,
    rng: np.random.Generator | int | None = None,
) -> Trajectory:
    """Simulate discrete-time fictitious play on a two-player game.

    At every step both players simultaneously play a pure best response to
    the opponent's play counts so far, then the counts are updated. Ties
    between best responses are broken uniformly at random with ``rng``.
    This is the process of :meth:`nashpy.Game.fictitious_play` (which draws
    ties from NumPy's global generator; here they come from ``rng``).

    In zero-sum games, and in 2x2 games without ties, the empirical
    frequencies converge to a Nash equilibrium (Robinson 1951; Miyasawa
    1961); in general they need not (Shapley's 3x3 example cycles).

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    iterations : int
        Number of steps.
    initial_counts : pair of array_like, optional
        Non-negative starting counts (pseudo-observations) for the row and
        column player. Defaults to zeros, so the first step is a tie.
    rng : numpy.random.Generator, int or None
        Breaks ties.

    Returns
    -------
    Trajectory
        ``times`` are ``0..iterations``; ``profiles`` are the empirical
        frequencies after each step (the starting row is the normalised
        initial counts, or uniform when they are all zero); ``plays`` are
        the actions chosen.

    Examples
    --------
    >>> game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> run = fictitious_play(game, iterations=2000, rng=0)
    >>> bool(run.distance([[0.5, 0.5], [0.5, 0.5]])[-1] < 0.05)
    True
    """
    bimatrix(game, "fictitious_play")
    # Each player's payoffs scaled by a power of two into (-1, 1) (exact; best responses unchanged), so
    # each player's ties are judged on that player's own scale and sums never overflow.
    scaled = _tolerance.normalised(game.float_payoffs())
    a, b = scaled[..., 0], scaled[..., 1]
    steps = check_iterations(iterations)
    generator = as_generator(rng)
    counts = _initial_counts(game, initial_counts)
    scales = (float(np.max(np.abs(a))), float(np.max(np.abs(b))))
    histories = [np.empty((steps + 1, n)) for n in game.shape]
    for player in (0, 1):
        histories[player][0] = counts[player]
    plays = np.empty((steps, 2), dtype=np.int64)
    for t in range(steps):
        values = (a @ counts[1], counts[0] @ b)
        # Payoff sums grow with t, so the tie tolerance grows with the total count.
        total = 1.0 + counts[0].sum() + counts[1].sum()
        for player in (0, 1):
            slack = 1e-12 * scales[player] * total
            best = np.flatnonzero(values[player] >= values[player].max() - slack)
            plays[t, player] = best[0] if len(best) == 1 else generator.choice(best)
        for player in (0, 1):
            counts[player][plays[t, player]] += 1
            histories[player][t + 1] = counts[player]
    profiles = tuple(_normalise(h) for h in histories)
    return Trajectory(
        method="fictitious play",
        times=np.arange(steps + 1, dtype=np.float64),
        profiles=profiles,
        players=game.players,
        strategies=game.strategies,
        plays=plays,
    )


def _initial_counts(game: NormalFormGame, initial: Any) -> list[np.ndarray]:
    if initial is None:
        return [np.zeros(n) for n in game.shape]
    if len(initial) != 2:
        raise InvalidProfileError(f"initial_counts needs one vector per player, got {len(initial)}")
    counts = []
    for player, (vector, n) in enumerate(zip(initial, game.shape, strict=True)):
        try:
            array = np.array([float(x) for x in vector], dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidProfileError(f"initial counts of {game.players[player]} must be numbers") from None
        if array.shape != (n,):
            raise InvalidProfileError(
                f"initial counts of {game.players[player]} need {n} entries, got {array.shape[0]}"
            )
        if not np.all(np.isfinite(array)) or np.any(array < 0):
            raise InvalidProfileError(f"initial counts of {game.players[player]} must be finite and non-negative")
        counts.append(array)
    return counts


def _normalise(counts: np.ndarray) -> np.ndarray:
    totals = counts.sum(axis=1, keepdims=True)
    uniform = np.full_like(counts, 1.0 / counts.shape[1])
    return np.where(totals > 0, counts / np.where(totals > 0, totals, 1.0), uniform)
