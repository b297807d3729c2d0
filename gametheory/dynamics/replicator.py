"""Replicator dynamics, integrated with scipy (two populations, or one for symmetric games)."""

from __future__ import annotations

from typing import Any

import numpy as np

from gametheory.dynamics._common import bimatrix, float_profile
from gametheory.dynamics.trajectory import Trajectory
from gametheory.exceptions import InvalidGameError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame

__all__ = ["replicator_dynamics", "symmetric_replicator_dynamics"]


def replicator_dynamics(game: NormalFormGame, *, initial: Any = None, times: Any = None) -> Trajectory:
    """Two-population replicator dynamics of a two-player game.

    Each player is a population whose strategy shares ``x`` (row) and ``y``
    (column) grow in proportion to how much better than average they do::

        dx_i/dt = x_i ((A y)_i - x.A y)        dy_j/dt = y_j ((x B)_j - x B y)

    Pure profiles and Nash equilibria are rest points; strict equilibria
    are asymptotically stable. The ODE is integrated with
    :func:`scipy.integrate.odeint` (LSODA, relative tolerance about ``1.5e-8``).

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    initial : profile, optional
        Starting mixed strategies; uniform by default.
    times : array_like, optional
        Increasing time points; ``numpy.linspace(0, 10, 1001)`` by default.

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> from fractions import Fraction
    >>> game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> run = replicator_dynamics(game, initial=[[0.9, 0.1], [0.9, 0.1]])
    >>> [round(float(p[0]), 3) for p in run.final()]
    [1.0, 1.0]
    """
    from scipy.integrate import odeint  # imported on first use: import gametheory stays light

    a, b = bimatrix(game, "replicator_dynamics")
    x0, y0 = float_profile(game, initial)
    grid = _times(times)
    m = a.shape[0]

    def slope(state: np.ndarray, _t: float) -> np.ndarray:
        x, y = state[:m], state[m:]
        row, column = a @ y, x @ b
        return np.concatenate([x * (row - x @ row), y * (column - column @ y)])

    states = odeint(slope, np.concatenate([x0, y0]), grid)
    xs, ys = states[:, :m], states[:, m:]
    return Trajectory(
        method="replicator dynamics",
        times=grid,
        profiles=(np.array(xs), np.array(ys)),
        players=game.players,
        strategies=game.strategies,
    )


def symmetric_replicator_dynamics(game: NormalFormGame, *, initial: Any = None, times: Any = None) -> Trajectory:
    """One-population replicator dynamics of a symmetric two-player game.

    A single population plays against itself with the row player's matrix
    ``A`` (the game must satisfy ``B = A.T``)::

        dx_i/dt = x_i ((A x)_i - x.A x)

    Integrated with :func:`scipy.integrate.odeint`.
    Both entries of ``profiles`` hold the same population state.

    Parameters
    ----------
    game : NormalFormGame
        A numeric symmetric two-player game.
    initial : array_like, optional
        Starting population shares; uniform by default.
    times : array_like, optional
        Increasing time points; ``numpy.linspace(0, 10, 1001)`` by default.

    Examples
    --------
    >>> hawk_dove = NormalFormGame.from_bimatrix([[0, 3], [1, 2]], [[0, 1], [3, 2]])
    >>> run = symmetric_replicator_dynamics(hawk_dove, initial=[0.1, 0.9], times=[0, 20])
    >>> [round(float(v), 3) for v in run.final()[0]]
    [0.5, 0.5]
    """
    from scipy.integrate import odeint  # imported on first use: import gametheory stays light

    a, b = bimatrix(game, "symmetric_replicator_dynamics")
    if a.shape[0] != a.shape[1] or not np.allclose(b, a.T, rtol=0, atol=game.default_tolerance()):
        raise UnsupportedGameError(
            "symmetric_replicator_dynamics needs a symmetric game (column payoffs = row payoffs transposed)"
        )
    (x0, _) = float_profile(game, None if initial is None else [initial, initial])
    grid = _times(times)

    def slope(x: np.ndarray, _t: float) -> np.ndarray:
        fitness = a @ x
        return x * (fitness - x @ fitness)

    xs = odeint(slope, x0, grid)
    return Trajectory(
        method="symmetric replicator dynamics",
        times=grid,
        profiles=(xs, xs.copy()),
        players=game.players,
        strategies=game.strategies,
    )


def _times(times: Any) -> np.ndarray:
    if times is None:
        return np.linspace(0.0, 10.0, 1001)
    try:
        grid = np.array(times, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidGameError("times must be a sequence of numbers") from None
    if grid.ndim != 1 or grid.shape[0] < 2:
        raise InvalidGameError("times must be a 1-D sequence of at least two time points")
    if not np.all(np.isfinite(grid)) or np.any(np.diff(grid) <= 0):
        raise InvalidGameError("times must be finite and strictly increasing")
    return grid
