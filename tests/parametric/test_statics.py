"""Tests for gametheory.parametric.statics: comparative statics and the Tsebelis effect."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from gametheory.exceptions import ParameterError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.parametric.statics import ComparativeStatics, comparative_statics

R, b, c, d, k, leg = sympy.symbols("R b c d k l", positive=True)
US_PARAMETERS = ("R", "c", "d")
MILITIA_PARAMETERS = ("b", "k", "l")


def inspection_game() -> NormalFormGame:
    return NormalFormGame.from_bimatrix(
        [[-d - c, -c], [-d - R, 0]],
        [[b - k + leg, 0], [b, 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


def mixed_branch():  # type: ignore[no-untyped-def]
    return next(br for br in parametric_equilibria(inspection_game()) if br.support == ((0, 1), (0, 1)))


@pytest.mark.parametrize("name", MILITIA_PARAMETERS)
def test_attack_probability_ignores_the_militias_own_payoffs(name: str) -> None:
    # Tsebelis: the militia mixes to keep the US indifferent, so its own payoffs do not move it.
    statics = comparative_statics(mixed_branch(), name)
    assert statics.probabilities[1] == (0, 0)
    assert statics.independent()[1] == (True, True)


@pytest.mark.parametrize("name", US_PARAMETERS)
def test_strike_probability_ignores_the_us_own_payoffs(name: str) -> None:
    assert comparative_statics(mixed_branch(), name).probabilities[0] == (0, 0)


def test_attack_probability_moves_with_the_us_payoffs() -> None:
    # q = c / R: dq/dR = -c / R**2 < 0 and dq/dc = 1 / R > 0, derived by hand.
    by_r = comparative_statics(mixed_branch(), R)
    assert sympy.simplify(by_r.probabilities[1][0] + c / R**2) == 0
    by_c = comparative_statics(mixed_branch(), "c")
    assert sympy.simplify(by_c.probabilities[1][0] - 1 / R) == 0
    point = {"R": 4, "b": 1, "c": 2, "d": 1, "k": 4, "l": 1}
    assert by_r.at(point)[1] == (Fraction(-1, 8), Fraction(1, 8))
    assert by_r.sign_at(point) == ((0, 0), (-1, 1))


def test_payoff_derivatives() -> None:
    # US payoff q(-d - R) = -c(d + R)/R, so d/dd = -c/R; the militia's payoff is 0.
    statics = comparative_statics(mixed_branch(), "d")
    assert sympy.simplify(statics.payoffs[0] + c / R) == 0
    assert statics.payoffs[1] == 0


def test_record_is_frozen_and_printable() -> None:
    statics = comparative_statics(mixed_branch(), "R")
    assert isinstance(statics, ComparativeStatics)
    with pytest.raises(AttributeError):
        statics.parameter = c  # type: ignore[misc]
    assert str(statics).startswith("d/dR of US mixes Strike/Restrain")


def test_unknown_parameter_is_rejected() -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'z'"):
        comparative_statics(mixed_branch(), "z")


def test_not_a_branch_is_rejected() -> None:
    with pytest.raises(ParameterError, match="takes a Branch"):
        comparative_statics("branch", "R")  # type: ignore[arg-type]
