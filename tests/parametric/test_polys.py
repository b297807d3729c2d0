"""Tests for gametheory.parametric._polys: python-flint's gcd and factoriser give sympy's exact answers."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ
from sympy.polys.fields import field

from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric import _polys, _simplify, equilibria
from gametheory.parametric._polys import cancel, factor_list, fraction_from_expr

RING = field("R,c,w", QQ)[0].ring
R, c, w = RING.gens
coefficient = st.fractions(min_value=-3, max_value=3, max_denominator=3).map(lambda f: QQ(f.numerator, f.denominator))
monomial = st.sampled_from([RING.one, R, c, w, R * c, R * R, c * w, R * c * w])
polynomial = st.lists(st.tuples(coefficient, monomial), min_size=1, max_size=4).map(
    lambda terms: sum((a * m for a, m in terms), RING.zero)
)


def _product(factors: list) -> object:
    poly = RING.one
    for f in factors:
        poly *= f
    return poly


@settings(max_examples=60, deadline=None)
@given(factors=st.lists(polynomial, min_size=1, max_size=3))
def test_factor_list_matches_sympy(factors: list) -> None:
    poly = _product(factors)
    coefficient_, pairs = factor_list(poly)
    expected_coefficient, expected_pairs = poly.factor_list()
    assert coefficient_ == expected_coefficient
    assert sorted(pairs, key=str) == sorted(expected_pairs, key=str)


@settings(max_examples=80, deadline=None)
@given(
    common=st.lists(polynomial, max_size=2),
    numerator=st.lists(polynomial, min_size=1, max_size=2),
    denominator=st.lists(polynomial, min_size=1, max_size=2).filter(lambda fs: all(fs)),
)
def test_cancel_gives_sympys_normal_form(common: list, numerator: list, denominator: list) -> None:
    # A shared factor makes the gcd non-trivial; the normal form must match term for term.
    shared = _product(common)
    if not shared:
        return
    numer, denom = _product(numerator) * shared, _product(denominator) * shared
    assert cancel(numer, denom) == numer.cancel(denom)


def test_without_python_flint_the_answers_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("flint")
    from gametheory.parametric.equilibria import parametric_equilibria

    x, y = sympy.symbols("x y", real=True)
    game = NormalFormGame.from_bimatrix([[x * y - 1, 0, 1], [1, x, 0]], [[1, y, x], [0, 1, 2 * x * y]])
    with_flint = parametric_equilibria(game, assume=[])  # derived afresh, not from the cache
    monkeypatch.setattr(_polys, "_ring_context", lambda ring: None)
    _simplify._factors.cache_clear()
    equilibria._tidy.cache_clear()  # the readable output is factored again, by sympy
    without = parametric_equilibria(game, assume=[])
    _simplify._factors.cache_clear()
    equilibria._tidy.cache_clear()
    assert without == with_flint


SYMBOLS = sympy.symbols("R c w")
atoms = st.one_of(
    st.sampled_from(SYMBOLS),
    st.fractions(min_value=-3, max_value=3, max_denominator=3).map(sympy.Rational),
)
expressions = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda p: p[0] + p[1]),
        st.tuples(inner, inner).map(lambda p: p[0] * p[1]),
        # Divide by expressions of either sign of leading term, such as c - R.
        st.tuples(inner, st.sampled_from(SYMBOLS), st.sampled_from(SYMBOLS), st.sampled_from([-2, -1, 1, 3])).map(
            lambda p: p[0] / (p[1] - p[2] + p[3])
        ),
        st.tuples(inner, st.integers(-2, 3)).map(lambda p: p[0] ** p[1] if p[0] != 0 or p[1] >= 0 else p[0]),
    ),
    max_leaves=8,
)


@settings(max_examples=80, deadline=None)
@given(expr=expressions)
def test_fraction_from_expr_is_sympys_rational_function_in_normal_form(expr: sympy.Expr) -> None:
    field_ = field(SYMBOLS, QQ)[0]
    ours, theirs = fraction_from_expr(field_, expr), field_.from_expr(expr)
    assert ours.numer * theirs.denom == theirs.numer * ours.denom
    assert (ours.numer, ours.denom) == cancel(theirs.numer, theirs.denom)  # lowest terms, positive denominator


def test_fraction_from_expr_leaves_other_expressions_to_sympy() -> None:
    field_ = field(SYMBOLS[:1], QQ)[0]
    with pytest.raises(ValueError, match="convertible to a rational function"):
        fraction_from_expr(field_, sympy.sin(SYMBOLS[0]))
    with pytest.raises(ValueError, match="convertible to a rational function"):
        fraction_from_expr(field_, SYMBOLS[1])  # not a generator


def test_a_zero_denominator_raises_as_in_sympy() -> None:
    x = SYMBOLS[0]
    field_ = field((x,), QQ)[0]
    # Both stay unevaluated but are zero: 0/0 must not become 0.
    zero = sympy.Add((x + 1) ** 2, -(x**2), -2 * x, -1, evaluate=False)
    other_zero = sympy.Add((x - 1) ** 2, -(x**2), 2 * x, -1, evaluate=False)
    with pytest.raises(ZeroDivisionError):
        field_.from_expr(zero / other_zero)
    with pytest.raises(ZeroDivisionError):
        fraction_from_expr(field_, zero / other_zero)


def test_a_payoff_that_divides_by_zero_is_reported() -> None:
    from gametheory.exceptions import UnsupportedGameError
    from gametheory.parametric.equilibria import parametric_equilibria

    a = sympy.Symbol("a")
    zero = sympy.Add((a + 1) ** 2, -(a**2), -2 * a, -1, evaluate=False)
    game = NormalFormGame.from_bimatrix(
        [[a, sympy.Mul(1, sympy.Pow(zero, -1), evaluate=False)], [0, 1]], [[1, 0], [0, 1]]
    )
    with pytest.raises(UnsupportedGameError, match="divides by zero"):
        parametric_equilibria(game)


def test_large_coefficients_fall_back_to_sympys_factoriser() -> None:
    # python-flint 0.9 overflows on factors with coefficients from 2**31.
    poly = (R - 1) * (R + 2**31)
    content, pairs = factor_list(poly)
    expected_content, expected_pairs = poly.factor_list()
    assert content == expected_content
    assert sorted(pairs, key=str) == sorted(expected_pairs, key=str)


def test_parameters_with_any_names_use_python_flint() -> None:
    pytest.importorskip("flint")
    ring = field(sympy.symbols("δ c"), QQ)[0].ring
    assert _polys._context(ring.gens[0]) is not None
