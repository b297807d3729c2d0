"""Input checks shared by the solvers."""

from __future__ import annotations

from typing import Any

from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame

__all__ = ["require_game", "require_numeric", "require_two_players"]


def require_game(game: Any, solver: str) -> NormalFormGame:
    """Check that ``game`` is a :class:`NormalFormGame`."""
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{solver} takes a NormalFormGame, not {type(game).__name__}")
    return game


def require_numeric(game: Any, solver: str) -> NormalFormGame:
    """Check that ``game`` is a numeric :class:`NormalFormGame`."""
    require_game(game, solver)
    if game.is_parametric:
        names = ", ".join(p.name for p in game.parameters)
        raise ParameterError(
            f"{solver} needs numeric payoffs; this game has parameters ({names}). "
            "Use game.substitute(...) or gametheory.parametric_equilibria."
        )
    return game


def require_two_players(game: Any, solver: str) -> NormalFormGame:
    """Check that ``game`` is a numeric two-player game."""
    require_numeric(game, solver)
    if game.num_players != 2:
        raise UnsupportedGameError(f"{solver} handles two-player games only; this game has {game.num_players} players")
    return game
