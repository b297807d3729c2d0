"""Checks at the door of the solvers: what kind of game a solver takes.

Solvers and the analyses above them call these once, first thing, so every
one of them rejects the same inputs with the same messages. They are public
so that user code built on the solvers can do the same.

Examples
--------
>>> from gametheory import NormalFormGame
>>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
>>> require_two_players(game, "my_solver") is game
True
"""

from __future__ import annotations

from typing import Any

from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame

__all__ = ["require_game", "require_numeric", "require_numeric_tree", "require_two_players"]


def require_game(game: Any, solver: str) -> NormalFormGame:
    """Check that ``game`` is a :class:`~gametheory.NormalFormGame` and return it.

    Parameters
    ----------
    game : object
        What the caller passed.
    solver : str
        The caller's name, for the message.

    Raises
    ------
    UnsupportedGameError
        If ``game`` is not a normal-form game.

    Examples
    --------
    >>> require_game([[1, 2]], "my_solver")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.UnsupportedGameError: my_solver takes a NormalFormGame, not list
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{solver} takes a NormalFormGame, not {type(game).__name__}")
    return game


def require_numeric(game: Any, solver: str) -> NormalFormGame:
    """Check that ``game`` is a normal-form game with numeric payoffs (no parameters) and return it.

    Raises
    ------
    UnsupportedGameError
        If ``game`` is not a normal-form game.
    ParameterError
        If its payoffs have free parameters.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> require_numeric(NormalFormGame.from_bimatrix([["c"]], [[0]]), "my_solver")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: my_solver needs numeric payoffs; this game has parameters (c). ...
    """
    require_game(game, solver)
    if game.is_parametric:
        names = ", ".join(p.name for p in game.parameters)
        raise ParameterError(
            f"{solver} needs numeric payoffs; this game has parameters ({names}). "
            "Use game.substitute(...) or gametheory.parametric_equilibria."
        )
    return game


def require_two_players(game: Any, solver: str) -> NormalFormGame:
    """Check that ``game`` is a numeric two-player normal-form game and return it.

    Raises
    ------
    UnsupportedGameError
        If ``game`` is not a normal-form game or has more than two players.
    ParameterError
        If its payoffs have free parameters.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> require_two_players(NormalFormGame([[[[1, 1, 1]]]]), "my_solver")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.UnsupportedGameError: my_solver handles two-player games only; this game has 3 players
    """
    require_numeric(game, solver)
    if game.num_players != 2:
        raise UnsupportedGameError(f"{solver} handles two-player games only; this game has {game.num_players} players")
    return game


def require_numeric_tree(tree: Any, solver: str, *, alternative: str = "") -> ExtensiveFormGame:
    """Check that ``tree`` is a game tree with numeric payoffs and perfect recall, and return it.

    Parameters
    ----------
    tree : object
        What the caller passed.
    solver : str
        The caller's name, for the message.
    alternative : str, optional
        A solver for parametric trees, suggested in the message.

    Raises
    ------
    UnsupportedGameError
        If ``tree`` is not an :class:`~gametheory.ExtensiveFormGame`, or has imperfect recall.
    ParameterError
        If its payoffs have free parameters.

    Examples
    --------
    >>> from gametheory import ExtensiveFormGame, decision, terminal
    >>> require_numeric_tree(ExtensiveFormGame(decision("A", {"x": terminal("v")})), "my_solver", alternative="mine")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: my_solver needs numeric payoffs; substitute ... (v) or use mine
    """
    if not isinstance(tree, ExtensiveFormGame):
        raise UnsupportedGameError(f"{solver} takes an ExtensiveFormGame, not {type(tree).__name__}")
    if tree.is_parametric:
        names = ", ".join(p.name for p in tree.parameters)
        remedy = f" or use {alternative}" if alternative else " first"
        raise ParameterError(f"{solver} needs numeric payoffs; substitute values for the parameters ({names}){remedy}")
    if not tree.has_perfect_recall:
        raise UnsupportedGameError(f"{solver} needs perfect recall; this tree has imperfect recall")
    return tree
