"""Regret matching (Hart and Mas-Colell 2000), in its deterministic expected-payoff form."""

from __future__ import annotations

from typing import Any

import numpy as np

from gametheory.dynamics._common import bimatrix, check_iterations, float_profile
from gametheory.dynamics.trajectory import Trajectory
from gametheory.games.normal_form import NormalFormGame

__all__ = ["regret_matching"]


def regret_matching(game: NormalFormGame, *, iterations: int, initial: Any = None) -> Trajectory:
    """Run regret matching and record each player's average strategy.

    Each player keeps its cumulative regret for every pure strategy, the
    sum over past steps of ``u(s, opponent) - u(own mix, opponent)``, and
    next plays each pure strategy with probability proportional to the
    positive part of its regret (its current mix when no regret is
    positive). Expected payoffs are used instead of sampled actions, so the
    process is deterministic. The column player's payoffs are ``x B``: the
    transpose of what nashpy's ``regret_minimization`` uses (nashpy issue
    #238), which is why this is implemented here.

    Average strategies have vanishing regret: in two-player zero-sum games
    they converge to the set of Nash equilibria; in general games the
    empirical joint play approaches coarse correlated equilibria only.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    iterations : int
        Number of steps.
    initial : profile, optional
        Starting mixed strategies; uniform by default.

    Returns
    -------
    Trajectory
        ``times`` are ``0..iterations``; row 0 of ``profiles`` is the
        starting profile and row ``t`` the average of the first ``t`` mixes.

    Examples
    --------
    >>> game = NormalFormGame.zero_sum([[3, -1], [-2, 1]])
    >>> run = regret_matching(game, iterations=5000)
    >>> [[round(float(v), 2) for v in p] for p in run.final()]
    [[0.43, 0.57], [0.29, 0.71]]
    """
    a, b = bimatrix(game, "regret_matching")
    steps = check_iterations(iterations)
    mixes = list(float_profile(game, initial))
    regrets = [np.zeros(n) for n in game.shape]
    sums = [np.zeros(n) for n in game.shape]
    averages = [np.empty((steps + 1, n)) for n in game.shape]
    for player in (0, 1):
        averages[player][0] = mixes[player]
    for t in range(1, steps + 1):
        values = (a @ mixes[1], mixes[0] @ b)
        for player in (0, 1):
            sums[player] += mixes[player]
            averages[player][t] = sums[player] / t
            regrets[player] += values[player] - values[player] @ mixes[player]
        for player in (0, 1):
            positive = np.maximum(regrets[player], 0.0)
            total = positive.sum()
            if total > 0:
                mixes[player] = positive / total
    return Trajectory(
        method="regret matching",
        times=np.arange(steps + 1, dtype=np.float64),
        profiles=tuple(averages),
        players=game.players,
        strategies=game.strategies,
    )
