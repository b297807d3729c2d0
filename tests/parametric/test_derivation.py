"""Tests for gametheory.parametric._derivation: the polynomial algebra behind the branches."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.conditions import to_sympy
from gametheory.parametric.derivation import derive
from gametheory.parametric.equilibria import parametric_equilibria


def test_branches_are_the_derivation_made_readable() -> None:
    R, c = sympy.symbols("R c", positive=True)
    game = NormalFormGame.from_bimatrix([[-c, 1], [-R, 0]], [[1, 0], [0, 1]])
    derivation = derive(game)
    branches = parametric_equilibria(game)
    assert [d.label for d in derivation.branches] == [b.label for b in branches]
    for derived, branch in zip(derivation.branches, branches, strict=True):
        assert derived.support == branch.support
        assert to_sympy(derived.condition) == branch.conditions
        exact = [p for player in derived.profile for p in player] + list(derived.payoffs)
        readable = [p for player in branch.profile for p in player] + list(branch.payoffs)
        assert [sympy.simplify(p.as_expr() - q) for p, q in zip(exact, readable, strict=True)] == [0] * len(exact)


entry_poly = st.tuples(st.integers(-3, 3), st.integers(-2, 2), st.integers(-1, 1))


@settings(max_examples=40, deadline=None)
@given(size=st.integers(0, 4), data=st.data())  # Laplace up to 3 x 3, fraction-free elimination beyond
def test_polynomial_determinant_matches_sympy(size: int, data: st.DataObject) -> None:
    from sympy.polys.domains import QQ
    from sympy.polys.fields import field

    from gametheory.parametric._candidates import _det

    ring = field("x,y", QQ)[0].ring
    gx, gy = ring.gens
    terms = data.draw(st.lists(entry_poly, min_size=size * size, max_size=size * size))
    rows = [[c0 + c1 * gx + c2 * gx * gy for c0, c1, c2 in terms[r * size : (r + 1) * size]] for r in range(size)]
    expected = sympy.Matrix(size, size, [e.as_expr() for row in rows for e in row]).det(method="berkowitz")
    assert sympy.expand(_det(rows, ring).as_expr() - (expected if size else 1)) == 0
