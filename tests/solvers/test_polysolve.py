"""The exact polynomial-system layer: the Gauss-Jordan path for affine systems against sympy's linsolve."""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ
from sympy.polys.orderings import lex
from sympy.polys.rings import ring

from gametheory.solvers._polysolve import Dimension, analyse, real_solutions


@st.composite
def affine_systems(draw: st.DrawFn) -> tuple[int, list[list[int]]]:
    nvars = draw(st.integers(1, 4))
    equations = draw(st.integers(1, 5))
    # Small coefficients and many zeros: singular and inconsistent systems are common.
    entry = st.integers(-2, 2)
    rows = draw(
        st.lists(st.lists(entry, min_size=nvars + 1, max_size=nvars + 1), min_size=equations, max_size=equations)
    )
    return nvars, rows


def _polys(nvars: int, rows: list[list[int]]):  # type: ignore[no-untyped-def]
    r, *gens = ring(",".join(f"x{k}" for k in range(nvars)), QQ, lex)
    return r, gens, [sum((c * g for c, g in zip(row, gens, strict=False)), r.zero) + row[nvars] for row in rows]


@settings(max_examples=150, deadline=None)
@given(affine_systems())
def test_affine_systems_match_linsolve(system: tuple[int, list[list[int]]]) -> None:
    nvars, rows = system
    _, gens, polys = _polys(nvars, rows)
    symbols = sympy.symbols(f"x0:{nvars}")
    reference = sympy.linsolve(
        [sum(c * s for c, s in zip(row, symbols, strict=False)) + row[nvars] for row in rows], *symbols
    )
    result = analyse(polys, nvars)
    if not reference:
        assert result.dimension is Dimension.EMPTY
        return
    (point,) = reference
    free = set().union(*(sympy.sympify(v).free_symbols for v in point))
    if free:
        assert result.dimension is Dimension.POSITIVE
        # Every equation, and every product of one with a variable, lies in the ideal; a free
        # variable minus a constant does not.
        for p in polys:
            assert result.contains(p)
            assert result.contains(p * gens[0])
        variable = sorted(free, key=str)[0]
        assert not result.contains(gens[symbols.index(variable)] - 7)
        return
    assert result.dimension is Dimension.FINITE
    (solution,) = real_solutions(result)
    assert solution == tuple(Fraction(int(sympy.Rational(v).p), int(sympy.Rational(v).q)) for v in point)


def test_nonlinear_systems_still_use_groebner_bases() -> None:
    _, (x, y), _ = _polys(2, [[0, 0, 0]])
    result = analyse([x * y - 1, x - y], 2)
    assert result.dimension is Dimension.FINITE
    assert sorted(real_solutions(result)) == [(Fraction(-1), Fraction(-1)), (Fraction(1), Fraction(1))]
