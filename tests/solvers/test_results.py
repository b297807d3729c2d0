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


def test_str_shows_every_played_strategy_and_the_true_payoffs_at_any_scale() -> None:
    # Issue 9: a tolerance of 1e291 (from the 1e300 payoff) hid everything: "Row: ; Col: ; payoffs 0, 0".
    from gametheory import nash_equilibria

    game = NormalFormGame.from_bimatrix([[3.0, 0.0], [5.0, 1.0]], [[1e300, 5.0], [1.5, 1.0]], players=("Row", "Col"))
    printed = [str(eq) for eq in nash_equilibria(game)]
    assert "Row: s2; Col: s1; payoffs 5, 1.5" in printed
    assert all(eq.support[0] and eq.support[1] for eq in nash_equilibria(game))


def test_float_records_keep_each_players_tolerance() -> None:
    game = NormalFormGame.from_bimatrix([[1e6, 0.0], [0.0, 1e6]], [[0.0, 1e-3], [1e-3, 0.0]])
    eq = make_equilibrium(game, [[0.5, 0.5], [0.5, 0.5]])
    assert eq.player_tolerances == game.player_tolerances()
    assert eq.tolerance == max(game.player_tolerances())
    assert str(eq) == "Player 1: s1 0.5, s2 0.5; Player 2: s1 0.5, s2 0.5; payoffs 500000, 0.0005"


def test_small_probabilities_of_a_tiny_scale_game_are_shown() -> None:
    game = NormalFormGame.from_bimatrix([[1e-300, 0.0], [0.0, 1e-300]], [[0.0, 1e-300], [1e-300, 0.0]])
    eq = make_equilibrium(game, [[1e-6, 1 - 1e-6], [0.5, 0.5]])
    assert eq.support == ((0, 1), (0, 1))
    assert "s1 1e-06" in str(eq)


def test_notebook_display_of_an_equilibrium() -> None:
    import xml.etree.ElementTree as ET

    hostile = "<script>alert(1)</script>"
    game = NormalFormGame.from_bimatrix(
        [[1, 0], [0, 1]], [[0, 1], [1, 0]], players=(hostile, "A&B"), strategies=(("$\\", "x"), ("u", "v"))
    )
    eq = make_equilibrium(game, [[Fraction(1, 4), Fraction(3, 4)], [Fraction(1, 2), Fraction(1, 2)]])
    root = ET.fromstring(f"<root>{eq._repr_html_()}</root>")
    assert root.find(".//script") is None
    text = "".join(root.itertext())
    for piece in (hostile, "A&B", "$\\: 1/4", "x: 3/4", "u: 1/2", "v: 1/2"):
        assert piece in text
    latex = eq._repr_latex_()
    assert r"\mathrm{A\&B}" in latex
    assert r"\mathrm{\$\backslash{}} = \frac{1}{4}" in latex
    assert "<" not in latex
    pure = make_equilibrium(game, [[1, 0], [1, 0]])
    assert "Strategy" in "".join(ET.fromstring(f"<root>{pure._repr_html_()}</root>").itertext())
    assert str(eq).startswith(hostile)  # the text form is unchanged
