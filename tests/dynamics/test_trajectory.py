"""Tests of the Trajectory record."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from gametheory.dynamics.trajectory import Trajectory
from gametheory.exceptions import InvalidProfileError


def make() -> Trajectory:
    return Trajectory(
        method="test",
        times=np.array([0.0, 1.0, 2.0]),
        profiles=(np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]]), np.array([[0.2, 0.8]] * 3)),
        players=("A", "B"),
        strategies=(("x", "y"), ("u", "v")),
    )


def test_access() -> None:
    t = make()
    assert len(t) == 3
    assert [p.tolist() for p in t.at(1)] == [[0.5, 0.5], [0.2, 0.8]]
    assert t.distance([[0, 1], [0.2, 0.8]]).tolist() == pytest.approx([1.0, 0.5, 0.0])


def test_is_immutable() -> None:
    t = make()
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.method = "other"  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        t.profiles[0][0, 0] = 0.3


def test_distance_to_a_profile_with_too_few_players() -> None:
    with pytest.raises(InvalidProfileError, match="2 strategies"):
        make().distance([[1, 0]])


def test_distance_to_a_strategy_of_the_wrong_length() -> None:
    with pytest.raises(InvalidProfileError, match="does not fit"):
        make().distance([[1, 0, 0], [1, 0]])
