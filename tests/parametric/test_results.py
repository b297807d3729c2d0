"""Tests for gametheory.parametric.results: Branch and its numeric evaluator."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidArgumentError, ParameterError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.parametric.results import Branch, NumericBranch

R, b, c, d, k, leg = sympy.symbols("R b c d k l", positive=True)
GAME = NormalFormGame.from_bimatrix(
    [[-d - c, -c], [-d - R, 0]],
    [[b - k + leg, 0], [b, 0]],
    players=("US", "Militia"),
    strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
)
BRANCHES = parametric_equilibria(GAME)
MIXED = next(br for br in BRANCHES if br.support == ((0, 1), (0, 1)))
POINT = {"R": 4, "b": 1, "c": 2, "d": 1, "k": 4, "l": 1}


def test_branch_is_frozen_and_hashable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        MIXED.label = "other"  # type: ignore[misc]
    assert hash(MIXED) == hash(dataclasses.replace(MIXED))
    assert isinstance(MIXED, Branch)


def test_profile_is_laid_out_like_equilibrium_profile() -> None:
    assert [len(row) for row in MIXED.profile] == [2, 2]
    assert MIXED.players == ("US", "Militia")
    assert MIXED.strategies == (("Strike", "Restrain"), ("Attack", "Hold"))
    assert MIXED.parameters == GAME.parameters


def test_equilibrium_at_is_exact() -> None:
    eq = MIXED.equilibrium_at(POINT)
    assert eq.is_exact
    assert eq.profile[0].tolist() == [Fraction(1, 3), Fraction(2, 3)]
    assert eq.profile[1].tolist() == [Fraction(1, 2), Fraction(1, 2)]
    assert eq.payoffs.tolist() == [Fraction(-5, 2), Fraction(0)]


def test_equilibrium_at_outside_the_region_is_an_error() -> None:
    with pytest.raises(ParameterError, match="does not hold"):
        MIXED.equilibrium_at({**POINT, "R": 1})


def test_holds_at_accepts_symbols_and_floats() -> None:
    assert MIXED.holds_at({R: 4, b: 1, c: 2, d: 1, k: 4, leg: 1})
    assert not MIXED.holds_at({**POINT, "R": 2.0})


def test_holds_at_missing_parameter_is_an_error() -> None:
    with pytest.raises(ParameterError, match="no value given for parameter"):
        MIXED.holds_at({"R": 1})


def test_holds_at_unknown_parameter_is_an_error() -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'zz'"):
        MIXED.holds_at({**POINT, "zz": 1})


def test_holds_at_non_number_is_an_error() -> None:
    with pytest.raises(ParameterError, match="real number"):
        MIXED.holds_at({**POINT, "R": "four"})


def test_str_shows_label_formulas_and_conditions() -> None:
    text = str(MIXED)
    assert text.splitlines()[0] == MIXED.label
    assert "Attack (p=c/R)" in text
    assert "when: R > c and b + l < k" in text


def test_numeric_is_cached() -> None:
    assert MIXED.numeric() is MIXED.numeric()
    assert isinstance(MIXED.numeric(), NumericBranch)


positive = st.floats(min_value=0.1, max_value=10, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(values=st.fixed_dictionaries({name: st.lists(positive, min_size=3, max_size=3) for name in POINT}))
def test_numeric_evaluation_agrees_with_exact(values: dict[str, list[float]]) -> None:
    arrays = {name: np.array(v) for name, v in values.items()}
    for branch in BRANCHES:
        fast = branch.numeric()
        mask = fast.condition(arrays)
        assert mask.shape == (3,)
        for i in range(3):
            point = {name: values[name][i] for name in values}
            assert bool(mask[i]) == branch.holds_at(point)
            if mask[i]:
                exact = branch.equilibrium_at(point)
                for got, want in zip(fast.probabilities(arrays), exact.profile, strict=True):
                    np.testing.assert_allclose(got[i], np.asarray(want, dtype=float), rtol=1e-9, atol=1e-12)
                np.testing.assert_allclose(
                    fast.payoffs(arrays)[i], np.asarray(exact.payoffs, dtype=float), rtol=1e-9, atol=1e-12
                )


def test_numeric_broadcasts_scalars_and_grids() -> None:
    fast = MIXED.numeric()
    grid_r = np.linspace(2.5, 5, 4)[:, None]
    grid_c = np.linspace(0.5, 2, 3)[None, :]
    values = {"R": grid_r, "c": grid_c, "b": 1.0, "d": 1.0, "k": 4.0, "l": 1.0}
    row, column = fast.probabilities(values)
    assert row.shape == (4, 3, 2)
    assert column.shape == (4, 3, 2)
    np.testing.assert_allclose(column[..., 0], grid_c / grid_r)
    np.testing.assert_allclose(row[..., 0], np.full((4, 3), 1 / 3))
    assert fast.payoffs(values).shape == (4, 3, 2)
    assert fast.condition(values).all()


def test_numeric_tolerance_snaps_boundaries() -> None:
    restraint = next(br for br in BRANCHES if br.support == ((1,), (0,)))
    fast = restraint.numeric()
    values = {**dict.fromkeys(POINT, 1.0), "R": 2.0 + 1e-12, "c": 2.0}
    assert not fast.condition(values)
    assert fast.condition(values, tol=1e-9)


def test_numeric_negative_tolerance_is_an_error() -> None:
    with pytest.raises(InvalidArgumentError, match="tol"):
        MIXED.numeric().condition(dict.fromkeys(POINT, 1.0), tol=-1.0)


def test_numeric_missing_parameter_is_an_error() -> None:
    with pytest.raises(ParameterError, match="no value given"):
        MIXED.numeric().probabilities({"R": 1.0})


def test_notebook_display_of_a_branch() -> None:
    import xml.etree.ElementTree as ET

    hostile = "<script>alert(1)</script>"
    game = NormalFormGame.from_bimatrix(
        [["a", 0], [0, 1]], [[1, 0], [0, 1]], players=(hostile, "A&B"), strategies=(("$\\", "x"), ("u", "v"))
    )
    mixed = parametric_equilibria(game)[-1]
    root = ET.fromstring(f"<root>{mixed._repr_html_()}</root>")
    assert root.find(".//script") is None
    text = "".join(root.itertext())
    for piece in (hostile, "A&B", "$\\: 1/2", "x: 1/2", "u: 1/(a + 1)", "v: a/(a + 1)", "a > 0"):
        assert piece in text
    latex = mixed._repr_latex_()
    assert r"\mathrm{A\&B}" in latex
    assert r"\mathrm{u} = \frac{1}{a + 1}" in latex
    assert sympy.latex(mixed.conditions) in latex
    assert "script" in latex
    assert "<script" not in latex
