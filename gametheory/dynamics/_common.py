"""Input checks shared by the learning dynamics."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from gametheory.exceptions import InvalidGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.guards import require_two_players

__all__ = ["bimatrix", "check_iterations", "float_profile"]


def bimatrix(game: Any, method: str) -> tuple[np.ndarray, np.ndarray]:
    """The two float payoff matrices of a numeric two-player game."""
    require_two_players(game, method)
    payoffs = game.float_payoffs()
    return np.asarray(payoffs[..., 0]), np.asarray(payoffs[..., 1])


def check_iterations(iterations: Any) -> int:
    """A positive number of iterations."""
    if isinstance(iterations, bool) or not isinstance(iterations, numbers.Integral) or iterations < 1:
        raise InvalidGameError(f"iterations must be a positive integer, not {iterations!r}")
    return int(iterations)


def float_profile(game: NormalFormGame, initial: Any) -> tuple[np.ndarray, ...]:
    """A validated starting profile as float arrays; uniform when ``initial`` is None."""
    if initial is None:
        return tuple(np.full(n, 1.0 / n) for n in game.shape)
    return tuple(np.asarray(p, dtype=np.float64).copy() for p in game.profile(initial))
