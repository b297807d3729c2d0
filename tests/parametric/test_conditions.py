"""Tests for gametheory.parametric._conditions: the polynomial factoriser behind the conditions."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ
from sympy.polys.fields import field

from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric import _conditions
from gametheory.parametric._conditions import factor_list

RING = field("R,c,w", QQ)[0].ring
R, c, w = RING.gens
coefficient = st.fractions(min_value=-3, max_value=3, max_denominator=3).map(lambda f: QQ(f.numerator, f.denominator))
monomial = st.sampled_from([RING.one, R, c, w, R * c, R * R, c * w, R * c * w])
polynomial = st.lists(st.tuples(coefficient, monomial), min_size=1, max_size=4).map(
    lambda terms: sum((a * m for a, m in terms), RING.zero)
)


@settings(max_examples=60, deadline=None)
@given(factors=st.lists(polynomial, min_size=1, max_size=3))
def test_factor_list_matches_sympy(factors: list) -> None:
    poly = RING.one
    for f in factors:
        poly *= f
    coefficient_, pairs = factor_list(poly)
    expected_coefficient, expected_pairs = poly.factor_list()
    assert coefficient_ == expected_coefficient
    assert sorted(pairs, key=str) == sorted(expected_pairs, key=str)


def test_without_python_flint_the_answers_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("flint")
    from gametheory.parametric.equilibria import parametric_equilibria

    x, y = sympy.symbols("x y", real=True)
    game = NormalFormGame.from_bimatrix([[x * y - 1, 0, 1], [1, x, 0]], [[1, y, x], [0, 1, 2 * x * y]])
    with_flint = parametric_equilibria(game, assume=[])  # derived afresh, not from the cache
    monkeypatch.setattr(_conditions, "_flint_context", lambda names: None)
    _conditions._factors.cache_clear()
    without = parametric_equilibria(game, assume=[])
    _conditions._factors.cache_clear()
    assert without == with_flint
