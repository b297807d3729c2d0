"""Tests for the result records."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest

from gametheory import NormalFormGame
from gametheory.solvers.results import make_equilibrium

GAME = NormalFormGame.from_bimatrix(
    [[1, 0], [0, 1]],
    [[0, 1], [1, 0]],
    players=("US", "Militia"),
    strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
)


def test_equilibrium_is_frozen() -> None:
    eq = make_equilibrium(GAME, ["Strike", "Hold"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        eq.tolerance = 1.0  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        eq.profile[0][0] = Fraction(0)


def test_readable_str_with_mixed_strategies() -> None:
    eq = make_equilibrium(GAME, [[Fraction(1, 3), Fraction(2, 3)], "Hold"])
    assert str(eq) == "US: Strike 1/3, Restrain 2/3; Militia: Hold; payoffs 2/3, 1/3"
    assert eq.support == ((0, 1), (1,))
    assert not eq.is_pure
    assert eq.is_exact


def test_float_equilibrium_states_tolerance() -> None:
    eq = make_equilibrium(GAME, [[0.5, 0.5], [0.5, 0.5]])
    assert eq.tolerance == pytest.approx(GAME.default_tolerance())
    assert not eq.is_exact
    np.testing.assert_allclose(eq.payoffs, [0.5, 0.5])


def test_equality_and_hash() -> None:
    a = make_equilibrium(GAME, ["Strike", "Hold"])
    b = make_equilibrium(GAME, [[1, 0], [0, 1]])
    assert a == b
    assert hash(a) == hash(b)
    assert a != make_equilibrium(GAME, ["Restrain", "Hold"])
