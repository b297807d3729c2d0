"""Tests for gametheory._internal.polynomials: numpy values straight from exact polynomials."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ
from sympy.polys.fields import field

from gametheory._internal.polynomials import polynomial_function, rational_function

FIELD, R, C = field("R,c", QQ)
RING = FIELD.ring
terms = st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 3), st.integers(0, 2)), min_size=0, max_size=5)


def _poly(spec: list) -> object:
    return sum((QQ(a) * RING.gens[0] ** i * RING.gens[1] ** j for a, i, j in spec), RING.zero)


@settings(max_examples=60, deadline=None)
@given(spec=terms, r=st.lists(st.floats(-3, 3), min_size=1, max_size=4), c=st.floats(-3, 3))
def test_horner_values_match_sympys(spec: list, r: list, c: float) -> None:
    poly = _poly(spec)
    values = np.asarray(polynomial_function([poly])(np.array(r)[:, None], np.array([[c]]))[0], dtype=float)
    expected = [float(poly.as_expr().subs({sympy.Symbol("R"): x, sympy.Symbol("c"): c})) for x in r]
    assert np.broadcast_to(values, (len(r), 1)).ravel() == pytest.approx(expected, rel=1e-12, abs=1e-9)


def test_rational_function_divides_and_broadcasts() -> None:
    evaluate = rational_function([C / R, (R - C) / R, FIELD(QQ(1, 2))])
    ratio, rest, half = evaluate(np.array([[2.0], [4.0]]), np.array([[1.0, 2.0]]))
    assert ratio.tolist() == [[0.5, 1.0], [0.25, 0.5]]
    assert rest.tolist() == [[0.5, 0.0], [0.75, 0.5]]
    assert float(half) == 0.5
