"""Tests of the shared parameter handling of the game classes (gametheory/games/_parameters.py)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory._internal.parameters import free_parameters, named_values, parameter_value, substitution
from gametheory.exceptions import InvalidGameError, ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import chance, terminal

C, R = sympy.symbols("c R")


def test_free_parameters_sorted_by_name() -> None:
    assert free_parameters([C + R, sympy.Integer(2), C]) == (R, C)


def test_free_parameters_rejects_two_symbols_with_one_name() -> None:
    with pytest.raises(InvalidGameError, match="both named 'c'"):
        free_parameters([C, sympy.Symbol("c", positive=True)])


def test_tree_rejects_two_symbols_with_one_name() -> None:
    with pytest.raises(InvalidGameError, match="different assumptions"):
        ExtensiveFormGame(terminal(C, sympy.Symbol("c", positive=True)), players=("A", "B"))


def test_substitution_accepts_symbols_and_names() -> None:
    assert substitution((C, R), {C: 1, "R": Fraction(1, 2)}, require_all=True) == {C: 1, R: sympy.Rational(1, 2)}


def test_substitution_rejects_a_parameter_given_twice() -> None:
    game = NormalFormGame.from_bimatrix([["c"]], [[0]])
    with pytest.raises(ParameterError, match="given twice"):
        game.substitute({"c": 1, sympy.Symbol("c"): 2})


def test_substitution_rejects_non_mapping() -> None:
    with pytest.raises(ParameterError, match="must be a mapping"):
        substitution((C,), [("c", 1)], require_all=True)  # type: ignore[arg-type]


def test_substitution_names_unknown_parameter() -> None:
    with pytest.raises(ParameterError, match=r"unknown parameter 'x'; the parameters are R, c$"):
        substitution((R, C), {"x": 1}, require_all=False)
    with pytest.raises(ParameterError, match=r"unknown parameters 'x', 'y'; the parameters are R, c$"):
        substitution((R, C), {"y": 1, "x": 2}, require_all=False)


def test_substitution_names_missing_parameter() -> None:
    with pytest.raises(ParameterError, match=r"no value given for parameter\(s\) R$"):
        substitution((R, C), {"c": 1}, require_all=True)


def test_substitution_allows_missing_when_fixing_some() -> None:
    assert substitution((R, C), {"c": 1}, require_all=False) == {C: 1}


@pytest.mark.parametrize("bad", [True, "1", None, [1]])
def test_parameter_value_rejects_non_numbers(bad: object) -> None:
    with pytest.raises(ParameterError, match="must be a real number"):
        parameter_value("c", bad)


@pytest.mark.parametrize("bad", [float("inf"), np.float64("nan")])
def test_parameter_value_rejects_non_finite_floats(bad: float) -> None:
    with pytest.raises(ParameterError, match="not finite"):
        parameter_value("c", bad)


@pytest.mark.parametrize("bad", [sympy.I, sympy.oo, sympy.Symbol("x")])
def test_parameter_value_rejects_non_real_sympy(bad: sympy.Basic) -> None:
    with pytest.raises(ParameterError, match="finite real number"):
        parameter_value("c", bad)


@settings(max_examples=50, deadline=None)
@given(st.fractions(max_denominator=50), st.integers(-100, 100))
def test_substituting_normal_and_tree_games_agrees(p: Fraction, v: int) -> None:
    """Both game classes go through the same substitution: exact values stay exact."""
    value = sympy.Symbol("v")
    game = NormalFormGame.from_bimatrix([["v"]], [["2*v"]]).substitute({"v": v})
    assert game.payoffs[0, 0].tolist() == [Fraction(v), Fraction(2 * v)]
    probability = min(abs(p), Fraction(1))
    tree = ExtensiveFormGame(chance({"a": ("p", terminal(value)), "b": ("1 - p", terminal(0))}), players=("X",))
    fixed = tree.substitute({"p": probability, value: v})
    assert fixed.is_exact
    assert fixed.root.probabilities == (probability, 1 - probability)


def test_parameter_names_are_compared_in_nfkc_form() -> None:
    micro, mu = "\u00b5", "\u03bc"
    symbol = sympy.Symbol(micro, positive=True)
    assert named_values((symbol,), {mu: 1}, require_all=True) == {symbol: 1}
    assert named_values((sympy.Symbol(mu),), {micro: 1}, require_all=True) == {sympy.Symbol(mu): 1}
    with pytest.raises(ParameterError, match="given twice"):
        named_values((symbol,), {mu: 1, micro: 2}, require_all=True)
    with pytest.raises(InvalidGameError, match="both named"):
        free_parameters([symbol, sympy.Symbol(mu)])
