"""The equilibrium branches of a two-player parametric game as exact polynomials, before display.

:func:`derive` is the work behind
:func:`~gametheory.parametric.equilibria.parametric_equilibria`, which turns
each :class:`DerivedBranch` into a readable :class:`~gametheory.parametric.Branch`.
Sweeps evaluate the derived polynomials and conditions directly, without
that conversion (see :mod:`gametheory.parametric._derivation` for the method).

Examples
--------
>>> from gametheory.games.normal_form import NormalFormGame
>>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
>>> derive(game).branches[0].condition.relation
Relation.GE
"""

from __future__ import annotations

from typing import Any

from gametheory.exceptions import UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric._derivation import Derivation, DerivedBranch, _derive, _without_assumptions

__all__ = ["Derivation", "DerivedBranch", "derive"]


def derive(game: NormalFormGame, *, assume: Any = None) -> Derivation:
    """Every equilibrium branch of a two-player parametric game, as exact polynomials.

    See :func:`~gametheory.parametric.parametric_equilibria` for the method and
    ``assume``; the result without assumptions is cached per game.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game whose payoffs are rational functions of its parameters.
    assume : optional
        Assumptions on the parameters, as for ``parametric_equilibria``.

    Returns
    -------
    Derivation
        The branches, with their conditions as :data:`~gametheory.parametric.conditions.Condition`
        on polynomials in the parameters (in the game's order).

    Raises
    ------
    UnsupportedGameError
        If ``game`` is not a two-player :class:`NormalFormGame`.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> for branch in derive(game).branches:
    ...     print(branch.label, "|", branch.profile[0][0])
    Player 1: s1; Player 2: s1 | 1
    Player 1: s2; Player 2: s2 | 0
    Player 1 mixes s1/s2; Player 2: s1 | 1/2
    Player 1 mixes s1/s2; Player 2 mixes s1/s2 | 1/2
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"parametric_equilibria takes a NormalFormGame, not {type(game).__name__}")
    if game.num_players != 2:
        raise UnsupportedGameError(
            f"parametric_equilibria handles two-player games only; this game has {game.num_players} players"
        )
    if assume is None:
        return _without_assumptions(game)  # games are immutable, so the answer can be reused
    return _derive(game, assume)
