"""Validation of mixed-strategy profiles against a game."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from gametheory.exceptions import InvalidProfileError

if TYPE_CHECKING:
    from gametheory.games.normal_form import NormalFormGame

__all__ = ["PROBABILITY_TOLERANCE", "Profile", "as_profile"]

#: A validated profile: one read-only probability vector per player.
Profile = tuple[np.ndarray, ...]

#: How far a float probability vector's sum may be from one.
PROBABILITY_TOLERANCE = 1e-9


def as_profile(game: NormalFormGame, strategies: Any) -> Profile:
    """Validate ``strategies`` for ``game``; see :meth:`NormalFormGame.profile`."""
    strategies = getattr(strategies, "profile", strategies)
    if isinstance(strategies, str | bytes) or not isinstance(strategies, Sequence | np.ndarray):
        raise InvalidProfileError(
            f"a profile must be a sequence with one strategy per player, not {type(strategies).__name__}"
        )
    if len(strategies) != game.num_players:
        raise InvalidProfileError(
            f"a profile needs one strategy for each of the {game.num_players} players; got {len(strategies)}"
        )
    vectors = [_vector(game, player, s) for player, s in enumerate(strategies)]
    exact = game.is_exact and all(v.dtype == object for v in vectors)
    out = []
    for player, vector in enumerate(vectors):
        if exact:
            total = sum(vector, Fraction(0))
            if total != 1:
                raise InvalidProfileError(f"probabilities of {game.players[player]} sum to {total}, not 1")
        else:
            vector = np.array([float(x) for x in vector], dtype=np.float64)
            total = float(vector.sum())
            if abs(total - 1.0) > PROBABILITY_TOLERANCE * max(1, len(vector)):
                raise InvalidProfileError(f"probabilities of {game.players[player]} sum to {total!r}, not 1")
        vector.flags.writeable = False
        out.append(vector)
    return tuple(out)


def _vector(game: NormalFormGame, player: int, strategy: Any) -> np.ndarray:
    n = game.shape[player]
    name = game.players[player]
    if isinstance(strategy, str):
        labels = game.strategies[player]
        if strategy not in labels:
            raise InvalidProfileError(f"{name} has no strategy {strategy!r}; its strategies are {', '.join(labels)}")
        strategy = labels.index(strategy)
    if isinstance(strategy, numbers.Integral) and not isinstance(strategy, bool):
        if not 0 <= int(strategy) < n:
            raise InvalidProfileError(f"pure strategy index {strategy} is out of range for {name}, who has {n}")
        pure = np.full(n, Fraction(0), dtype=object)
        pure[int(strategy)] = Fraction(1)
        return pure
    try:
        raw = np.asarray(strategy, dtype=object)
    except ValueError:
        raise InvalidProfileError(f"strategy of {name} is not a vector of probabilities") from None
    if raw.ndim != 1 or len(raw) != n:
        raise InvalidProfileError(f"strategy of {name} must have {n} probabilities; got shape {raw.shape}")
    values = [_probability(x, name) for x in raw]
    if all(isinstance(v, Fraction) for v in values):
        vector = np.empty(n, dtype=object)
        vector[:] = values
        return vector
    return np.array([float(v) for v in values], dtype=np.float64)


def _probability(value: Any, name: str) -> Fraction | float:
    if isinstance(value, bool | np.bool_):
        raise InvalidProfileError(f"probability {value!r} of {name} is a boolean")
    if isinstance(value, Fraction):
        number: Fraction | float = value
    elif isinstance(value, numbers.Integral):
        number = Fraction(int(value))
    elif isinstance(value, sympy.Rational):
        number = Fraction(int(value.p), int(value.q))
    elif isinstance(value, numbers.Real) or (isinstance(value, sympy.Basic) and value.is_number):
        number = float(value)
        if not np.isfinite(number):
            raise InvalidProfileError(f"probability {value!r} of {name} is not finite")
    else:
        raise InvalidProfileError(f"probability {value!r} of {name} is not a number")
    if number < 0:
        raise InvalidProfileError(f"probability {value!r} of {name} is negative")
    return number
