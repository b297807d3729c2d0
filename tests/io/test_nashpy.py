"""Tests of the nashpy interop functions (moved here from NormalFormGame's methods)."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

import gametheory
from gametheory import NormalFormGame
from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.io import from_nashpy, to_nashpy

nashpy = pytest.importorskip("nashpy")


def test_from_nashpy_needs_a_nashpy_game() -> None:
    with pytest.raises(InvalidArgumentError, match=r"nashpy\.Game"):
        from_nashpy([[1]])  # type: ignore[arg-type]


def test_from_nashpy_keeps_integer_payoffs_exact_and_takes_labels() -> None:
    game = from_nashpy(nashpy.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]), players=("R", "C"))
    assert game == NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("R", "C"))
    assert game.payoffs[1, 0, 0] == Fraction(5)


def test_round_trip_through_nashpy() -> None:
    game = NormalFormGame.from_bimatrix([[1.5, 0.0], [0.25, 1.0]], [[0.0, 1.0], [2.0, 0.0]])
    back = from_nashpy(to_nashpy(game), players=game.players, strategies=game.strategies)
    assert back == game


def test_to_nashpy_gives_floats_and_nashpy_solves_it() -> None:
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    (pair,) = list(to_nashpy(game).support_enumeration())
    assert [p.tolist() for p in pair] == [[0.5, 0.5], [0.5, 0.5]]
    assert to_nashpy(game).payoff_matrices[1].dtype == np.float64


def test_to_nashpy_needs_a_numeric_two_player_game() -> None:
    with pytest.raises(UnsupportedGameError, match="two-player"):
        to_nashpy(NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int)))
    with pytest.raises(ParameterError):
        to_nashpy(NormalFormGame.from_bimatrix([["c", 0]], [[0, 0]]))
    with pytest.raises(UnsupportedGameError):
        to_nashpy([[1, 0]])  # type: ignore[arg-type]


def test_the_conversion_left_the_game_class() -> None:
    assert not hasattr(NormalFormGame, "to_nashpy")
    assert not hasattr(NormalFormGame, "from_nashpy")
    assert gametheory.io.to_nashpy is to_nashpy


def test_import_gametheory_io_does_not_import_nashpy() -> None:
    code = "import sys, gametheory, gametheory.io; print('nashpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
