"""Validation of options shared across the package: random generators and tolerances."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from gametheory.exceptions import InvalidArgumentError

__all__ = ["as_generator", "check_tolerance"]


def as_generator(rng: Any) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` from ``rng``: a Generator, an int seed, or None.

    Examples
    --------
    >>> int(as_generator(7).integers(10)) == int(as_generator(7).integers(10))
    True
    >>> as_generator("seed")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.InvalidArgumentError: rng must be a numpy.random.Generator, an int seed or None, not str
    """
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        if rng < 0:
            raise InvalidArgumentError(f"rng seed must be non-negative, not {rng}")
        return np.random.default_rng(int(rng))
    raise InvalidArgumentError(f"rng must be a numpy.random.Generator, an int seed or None, not {type(rng).__name__}")


def check_tolerance(tol: Any, *, name: str = "tol") -> float | None:
    """Return ``tol`` as a float after checking it is a finite number >= 0 (None passes through).

    Examples
    --------
    >>> check_tolerance(1e-9)
    1e-09
    >>> check_tolerance(-1)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.InvalidArgumentError: tol must be a finite number >= 0, not -1
    """
    if tol is None:
        return None
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not np.isfinite(float(tol)) or tol < 0:
        raise InvalidArgumentError(f"{name} must be a finite number >= 0, not {tol!r}")
    return float(tol)
