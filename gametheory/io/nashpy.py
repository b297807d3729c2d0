"""Conversion to and from `nashpy <https://nashpy.readthedocs.io>`_ games.

nashpy is imported only when a function here is called, so ``import
gametheory`` never imports it.

Examples
--------
>>> from gametheory import NormalFormGame
>>> from gametheory.io.nashpy import from_nashpy, to_nashpy
>>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> from_nashpy(to_nashpy(game)) == NormalFormGame.from_bimatrix(
...     [[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gametheory.exceptions import InvalidArgumentError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.guards import require_two_players

if TYPE_CHECKING:
    import nashpy

__all__ = ["from_nashpy", "to_nashpy"]


def from_nashpy(
    game: nashpy.Game,
    *,
    players: Sequence[str] | None = None,
    strategies: Sequence[Sequence[str]] | None = None,
) -> NormalFormGame:
    """Build a :class:`~gametheory.NormalFormGame` from a :class:`nashpy.Game`.

    Parameters
    ----------
    game : nashpy.Game
        A two-player nashpy game; its ``payoff_matrices`` become the row and
        column players' payoffs (nashpy keeps them as numpy arrays, so ints
        stay exact and floats make a float game).
    players, strategies
        As for :class:`~gametheory.NormalFormGame`.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidArgumentError
        If ``game`` is not a nashpy game.

    See Also
    --------
    to_nashpy : the conversion the other way.

    Examples
    --------
    >>> import nashpy
    >>> from_nashpy(nashpy.Game([[1, 0], [0, 1]])).payoffs[0, 0, 1]
    Fraction(-1, 1)
    """
    matrices = getattr(game, "payoff_matrices", None)
    if matrices is None:
        raise InvalidArgumentError(f"from_nashpy takes a nashpy.Game, not {type(game).__name__}")
    row, column = matrices
    return NormalFormGame.from_bimatrix(row, column, players=players, strategies=strategies)


def to_nashpy(game: NormalFormGame) -> nashpy.Game:
    """The equivalent :class:`nashpy.Game` of a numeric two-player game.

    Exact payoffs are converted to float, which is what nashpy computes with.
    Player names and strategy labels are dropped: nashpy has none.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.

    Returns
    -------
    nashpy.Game

    Raises
    ------
    UnsupportedGameError
        If ``game`` is not a two-player :class:`~gametheory.NormalFormGame`.
    ParameterError
        If the game has free parameters.
    ImportError
        If nashpy is not installed (``pip install nashpy``).

    See Also
    --------
    from_nashpy : the conversion the other way.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> to_nashpy(game).payoff_matrices[0].tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    require_two_players(game, "to_nashpy")
    nashpy = _import_nashpy()
    floats = game.float_payoffs()
    return nashpy.Game(floats[..., 0], floats[..., 1])


def _import_nashpy() -> Any:
    try:
        import nashpy
    except ImportError as error:  # pragma: no cover - nashpy is installed in the test environments
        raise ImportError("gametheory.io.to_nashpy needs nashpy: pip install nashpy") from error
    return nashpy
