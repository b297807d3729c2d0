"""Checks at the door of the QRE solvers, and the labels of their records (private)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from gametheory.exceptions import InvalidArgumentError, InvalidProfileError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._qre_systems import QRESystem
from gametheory.solvers.behavior import infoset_name

__all__ = ["as_vector", "block_names", "check_lam", "check_options", "labels", "positive"]

Game = NormalFormGame | ExtensiveFormGame


def check_lam(lam: Any, name: str = "lam") -> float:
    """``lam`` as a float: a finite real number >= 0, else InvalidArgumentError naming ``name``."""
    if isinstance(lam, numbers.Real) and not isinstance(lam, bool):
        try:
            value = float(lam)
        except (OverflowError, ValueError):
            value = math.inf
        if math.isfinite(value) and value >= 0:
            return value
    raise InvalidArgumentError(f"{name} must be a finite real number >= 0, not {lam!r}")


def positive(value: Any, name: str) -> float:
    """``value`` as a float: a finite real number > 0, else InvalidArgumentError naming ``name``."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number) and number > 0:
            return number
    raise InvalidArgumentError(f"{name} must be a finite number > 0, not {value!r}")


def check_options(first_step: Any, max_accel: Any) -> dict[str, float]:
    """The path-following options, checked."""
    accel = positive(max_accel, "max_accel")
    if accel < 1:
        raise InvalidArgumentError(f"max_accel must be at least 1, not {max_accel!r}")
    return {"first_step": positive(first_step, "first_step"), "max_accel": accel}


def labels(game: Game) -> tuple[tuple[str, ...], ...]:
    """Labels of the entries of each profile vector: strategies, or each information set's actions."""
    if isinstance(game, ExtensiveFormGame):
        return tuple(s.actions for s in game.information_sets)
    return game.strategies


def block_names(game: Game) -> tuple[str, ...]:
    """Names of the profile vectors: players, or information sets."""
    if isinstance(game, ExtensiveFormGame):
        return tuple(infoset_name(game, s.index) for s in game.information_sets)
    return game.players


def as_vector(game: Game, system: QRESystem, profile: Any) -> np.ndarray:
    """A profile (per player, or per information set) checked and flattened to one float vector."""
    if isinstance(game, NormalFormGame):
        return np.concatenate([np.asarray(p, dtype=np.float64) for p in game.profile(profile)])
    if isinstance(profile, str) or not isinstance(profile, Sequence | tuple | np.ndarray):
        raise InvalidProfileError(
            "a behaviour profile must be a sequence of probability vectors, one per information set"
        )
    if len(profile) != len(system.sizes):
        raise InvalidProfileError(f"a behaviour profile needs {len(system.sizes)} vectors; got {len(profile)}")
    vectors = []
    for size, vector in zip(system.sizes, profile, strict=True):
        try:
            v = np.asarray(vector, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidProfileError(f"not a probability vector: {vector!r}") from None
        if v.shape != (size,) or not np.all(np.isfinite(v)) or np.any(v < 0) or abs(v.sum() - 1) > 1e-9:
            raise InvalidProfileError(f"expected a probability vector of length {size}; got {vector!r}")
        vectors.append(v)
    return np.concatenate(vectors) if vectors else np.zeros(0)
