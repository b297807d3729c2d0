"""The part every model of one parametric game shares: the game, the fixed values, ``fix`` (private)."""

from __future__ import annotations

import copy
import types
from collections.abc import Mapping
from typing import Any, TypeVar

import sympy

from gametheory._internal.parameters import exact_parameter_value

__all__ = ["GameModel"]

_Model = TypeVar("_Model", bound="GameModel")


class GameModel:
    """A parametric game with some parameters fixed; subclasses add the analysis (evaluate, regimes, ...)."""

    def __init__(self, game: Any, *, fixed: Mapping[str, Any] | None = None) -> None:
        self._game = game
        self._fixed = types.MappingProxyType(dict(fixed or {}))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._game!r}, fixed={dict(self._fixed)!r})"

    @property
    def game(self) -> Any:
        """The game (with no parameter fixed)."""
        return self._game

    def fix(self: _Model, values: Mapping[str, Any]) -> _Model:
        """The model with more parameters fixed (exact values, or floats read by their decimal repr).

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> from gametheory.sensitivity.models import NormalFormModel
        >>> game = NormalFormGame.from_bimatrix([["a + b", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> NormalFormModel(game).fix({"a": 0.5}).parameters
        (b,)
        """
        out = copy.copy(self)
        out._fixed = types.MappingProxyType({**self._fixed, **values})
        return out

    def _free(self) -> tuple[sympy.Symbol, ...]:
        """The game's parameters that are not fixed."""
        return tuple(p for p in self._game.parameters if p.name not in self._fixed)

    def _fixed_game(self) -> Any:
        """The game with the fixed values substituted exactly (fewer symbols: quicker, shorter regimes)."""
        exact = {name: exact_parameter_value(name, value) for name, value in self._fixed.items()}
        return self._game.fix_parameters(exact) if exact else self._game
