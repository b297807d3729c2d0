"""Tests for gametheory.sensitivity._compile: branch formulas evaluated with numpy."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.sensitivity._compile import numpy_function

R, c = sympy.symbols("R c", real=True)
GRID = (np.linspace(-3, 3, 13).reshape(-1, 1), np.linspace(-2, 4, 7).reshape(1, -1))

leaf = st.sampled_from([R, c, sympy.Integer(2), sympy.Rational(-1, 3), sympy.Rational(5, 7), sympy.Float(0.25)])


def combine(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    return st.one_of(
        st.tuples(children, children).map(lambda t: t[0] + t[1]),
        st.tuples(children, children).map(lambda t: t[0] * t[1]),
        st.tuples(children, children).map(lambda t: t[0] / t[1] if t[1] != 0 else t[0]),
        st.tuples(children, st.integers(-3, 3)).map(lambda t: t[0] ** t[1]),
    )


rational_expressions = st.recursive(leaf, combine, max_leaves=8)


@settings(max_examples=80, deadline=None)
@given(exprs=st.lists(rational_expressions, min_size=1, max_size=3))
def test_rational_formulas_agree_with_lambdify(exprs: list[sympy.Expr]) -> None:
    expected = sympy.lambdify((R, c), exprs, modules="numpy")
    with np.errstate(all="ignore"):
        got = [np.broadcast_to(v, (13, 7)) for v in numpy_function((R, c), exprs)(*GRID)]
        want = [np.broadcast_to(np.asarray(v, dtype=float), (13, 7)) for v in expected(*GRID)]
    for g, w in zip(got, want, strict=True):
        finite = np.isfinite(w) & (np.abs(w) < 1e12)  # values near a pole differ by rounding
        np.testing.assert_allclose(g[finite], w[finite], rtol=1e-10, atol=1e-12)


def test_formula_divides_as_written() -> None:
    (value,) = numpy_function((R, c), [c / R])(np.array([3.0]), np.array([1.0]))
    assert value.tolist() == [1.0 / 3.0]


def test_constant_formula_is_a_number() -> None:
    values = numpy_function((R,), [sympy.Rational(2, 3), sympy.Integer(0)])(np.arange(3.0))
    assert [float(v) for v in values] == [2.0 / 3.0, 0.0]


def test_other_functions_fall_back_to_lambdify() -> None:
    (value,) = numpy_function((R,), [sympy.exp(R) + sympy.sqrt(R)])(np.array([0.0, 4.0]))
    np.testing.assert_allclose(value, [1.0, np.exp(4.0) + 2.0])


def test_symbol_outside_the_arguments_falls_back_to_lambdify() -> None:
    function = numpy_function((R,), [R + c])
    with pytest.raises(NameError):  # as with lambdify: c is not an argument
        function(np.array([1.0]))


def test_fixed_values_are_read_as_typed_and_never_confused() -> None:
    # 0.1 == Fraction(0.1) in Python, but they fix different exact values.
    from fractions import Fraction

    from gametheory.games.normal_form import NormalFormGame
    from gametheory.sensitivity._compile import fixed_game

    game = NormalFormGame.from_bimatrix([["a", 1], ["10*b", 1]], [[1, 0], [0, 1]])
    binary = fixed_game(game, {"b": Fraction(0.1)}).payoffs[1, 0, 0]
    typed = fixed_game(game, {"b": 0.1}).payoffs[1, 0, 0]
    assert typed == 1
    assert binary == sympy.Rational(Fraction(0.1) * 10)
