"""Pure-strategy Nash equilibria of N-player games, by a vectorised scan."""

from __future__ import annotations

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.validation import check_tolerance
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.guards import require_numeric
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
        best response. ``tol`` is absolute (payoff units) and applies to
        every player; by default each player uses its own tolerance,
        relative to its own payoffs (:meth:`NormalFormGame.player_tolerances`),
        so the answer does not change when one player's payoffs are scaled.
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
    tol = check_tolerance(tol)
    equilibria = []
    for cell in stable_cells(game, tol):
        profile = [int(s) for s in cell]
        equilibria.append(make_equilibrium(game, profile, tolerance=None if game.is_exact else tol))
    return tuple(equilibria)


def stable_cells(game: NormalFormGame, tol: float | None = None) -> np.ndarray:
    """The pure equilibria as rows of strategy indices, in lexicographic order (private helper).

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> stable_cells(NormalFormGame.from_bimatrix([[1e6, 0], [0, 1e6]], [[0, 1e-3], [1e-3, 0]])).tolist()
    []
    """
    return np.argwhere(stable_mask(game, tol))


def stable_mask(
    game: NormalFormGame, tol: float | None = None, *, scales: _tolerance.PlayerScales | None = None
) -> np.ndarray:
    """Whether each cell of the game is a pure equilibrium: a boolean array of the game's shape (private helper).

    ``scales`` (a float game's :func:`~gametheory._internal.tolerance.player_scales`,
    already computed by the caller) gives the default tolerance without recomputing it.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> stable_mask(NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])).tolist()
    [[True, False], [False, True]]
    """
    if game.is_exact:
        payoffs, slack = game.payoffs, np.zeros(game.num_players, dtype=object)
    elif scales is not None and tol is None:
        payoffs, slack = scales.normalised, scales.slacks
    else:
        floats = game.float_payoffs()
        payoffs, slack = _tolerance.normalised(floats), _tolerance.slacks(floats, tol)
    stable = np.ones(game.shape, dtype=bool)
    for player in range(game.num_players):
        own = payoffs[..., player]
        best = own.max(axis=player, keepdims=True)
        stable &= np.asarray(own >= best - slack[player], dtype=bool)
    return stable
