"""Checkers for the solvers: regret and the Nash condition."""

from __future__ import annotations

from typing import Any

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.validation import check_tolerance
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.guards import require_numeric

__all__ = ["is_nash", "regret"]


def regret(game: NormalFormGame, profile: Any) -> np.ndarray:
    """Each player's regret: the most they could gain by deviating unilaterally.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game.
    profile : sequence or Equilibrium
        One mixed strategy per player (see :meth:`NormalFormGame.profile`).

    Returns
    -------
    numpy.ndarray
        Regret of each player, never negative: Fractions when the game and
        the profile are exact, ``float64`` otherwise.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> regret(game, [[1, 0], [1, 0]]).tolist()
    [Fraction(2, 1), Fraction(2, 1)]
    """
    require_numeric(game, "regret")
    strategies = game.profile(profile)
    if strategies[0].dtype == object:
        deviations = game.deviation_payoffs(strategies)
        values = [max(d) - np.dot(d, s) for d, s in zip(deviations, strategies, strict=True)]
        return np.array(values, dtype=object)
    # Computed on each player's payoffs scaled by a power of two, then scaled back: no overflow near 1e308.
    floats = game.float_payoffs()
    scaled = _scaled_regrets(floats, strategies)
    with np.errstate(over="ignore"):
        return np.ldexp(scaled, _tolerance.exponents(floats))


def _scaled_regrets(floats: np.ndarray, strategies: tuple[np.ndarray, ...]) -> np.ndarray:
    deviations = _tolerance.deviations(_tolerance.normalised(floats), strategies)
    return np.array([max(d) - np.dot(d, s) for d, s in zip(deviations, strategies, strict=True)], dtype=np.float64)


def is_nash(game: NormalFormGame, profile: Any, *, tol: float | None = None) -> bool:
    """Whether ``profile`` is a Nash equilibrium of ``game``.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game.
    profile : sequence or Equilibrium
        One mixed strategy per player.
    tol : float, optional
        Largest regret accepted in float arithmetic, absolute (payoff
        units) and the same for every player. By default each player's
        regret is compared with that player's own tolerance
        (:meth:`NormalFormGame.player_tolerances`), so a player with small
        payoffs is checked on its own scale. When the game and the profile
        are both exact, the check is exact and ``tol`` is ignored.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> half = [Fraction(1, 2), Fraction(1, 2)]
    >>> is_nash(game, [half, half])
    True
    >>> is_nash(game, [[1, 0], half])
    False
    >>> is_nash(game, [[0.5, 0.5], [0.5 + 1e-12, 0.5 - 1e-12]])
    True
    """
    limit = check_tolerance(tol)
    require_numeric(game, "is_nash")
    strategies = game.profile(profile)
    if strategies[0].dtype == object:
        return all(v <= 0 for v in regret(game, strategies))
    floats = game.float_payoffs()
    return bool(np.all(_scaled_regrets(floats, strategies) <= _tolerance.slacks(floats, limit)))
