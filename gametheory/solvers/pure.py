"""Pure-strategy Nash equilibria of N-player games, by a vectorised scan."""

from __future__ import annotations

import numpy as np

from gametheory._validation import check_tolerance
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._checks import require_numeric
from gametheory.solvers.results import Equilibrium, make_equilibrium

__all__ = ["pure_equilibria"]


def pure_equilibria(game: NormalFormGame, *, tol: float | None = None) -> tuple[Equilibrium, ...]:
    """Every pure-strategy Nash equilibrium, in lexicographic order of the profile.

    A cell is an equilibrium when each player's payoff there is the best in
    that player's axis of the payoff tensor. The scan is vectorised over
    the whole tensor.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with any number of players.
    tol : float, optional
        For float games, a payoff within ``tol`` of the best counts as a
        best response (default :meth:`NormalFormGame.default_tolerance`).
        Exact games are compared exactly.

    Returns
    -------
    tuple of Equilibrium

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> chicken = NormalFormGame.from_bimatrix([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    >>> [eq.support for eq in pure_equilibria(chicken)]
    [((0,), (1,)), ((1,), (0,))]
    """
    require_numeric(game, "pure_equilibria")
    payoffs = game.payoffs if game.is_exact else game.float_payoffs()
    tol = check_tolerance(tol)
    slack = 0 if game.is_exact else (game.default_tolerance() if tol is None else tol)
    stable = np.ones(game.shape, dtype=bool)
    for player in range(game.num_players):
        own = payoffs[..., player]
        best = own.max(axis=player, keepdims=True)
        stable &= np.asarray(own >= best - slack, dtype=bool)
    equilibria = []
    for cell in np.argwhere(stable):
        profile = [int(s) for s in cell]
        equilibria.append(make_equilibrium(game, profile, tolerance=None if game.is_exact else slack))
    return tuple(equilibria)
