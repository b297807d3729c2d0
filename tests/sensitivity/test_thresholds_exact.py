"""Tests for the exact line restriction behind gametheory.sensitivity.thresholds.

The conditions of the regimes, restricted to one parameter, are decided by
exact univariate arithmetic (gametheory/sensitivity/_threshold_line.py,
gametheory/_internal/univariate.py). It must agree with substituting the
value into the sympy conditions, which is what defines them: at rational
points, at the roots themselves (ties, where equalities hold), and at
irrational roots.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory._internal.univariate import integer_polynomial, polynomial_of, sign_at, sign_at_ratio, square_free
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.sensitivity._threshold_line import LineConditions
from gametheory.sensitivity.thresholds import thresholds

x = sympy.Symbol("x")
y = sympy.Symbol("y")


def substituted(condition: sympy.Basic, value: sympy.Expr, symbol: sympy.Symbol = x) -> bool:
    """The definition: substitute and let sympy decide."""
    truth = condition.xreplace({symbol: value})
    if truth not in (sympy.true, sympy.false):
        truth = sympy.simplify(truth)
    assert truth in (sympy.true, sympy.false), truth
    return bool(truth)


def random_conditions(entries: list[int], slopes: list[tuple[int, int]], base: int) -> list[sympy.Basic]:
    """The branch conditions of a 3x3 game whose first payoffs move with x and y, along y = base."""
    cells: list[sympy.Expr] = [sympy.Integer(v) for v in entries]
    for index, (a, b) in enumerate(slopes):
        cells[2 * index] += a * x + b * y
    game = NormalFormGame.from_bimatrix(
        [cells[3 * i : 3 * i + 3] for i in range(3)], [cells[9 + 3 * i : 12 + 3 * i] for i in range(3)]
    )
    return [sympy.sympify(branch.conditions).xreplace({y: base}) for branch in parametric_equilibria(game)]


def check_against_substitution(conditions: list[sympy.Basic]) -> None:
    line = LineConditions(conditions, x)
    roots = line.roots()
    assert roots == sorted(roots, key=lambda r: sympy.N(r, 50))
    # Gap points between the roots, the roots themselves (ties), and beyond.
    points: list[sympy.Expr] = []
    if roots:
        points.append(sympy.floor(roots[0]) - 1)
        points.append(sympy.floor(roots[-1]) + 1)
    for left, right in itertools.pairwise(roots):
        middle = line.between(left, right)
        assert middle is not None
        assert left < sympy.Rational(*middle.as_integer_ratio()) < right
        points.append(sympy.Rational(*middle.as_integer_ratio()))
    for point in points:
        truths = line.truths_at(Fraction(int(point.p), int(point.q)))
        assert truths == [substituted(c, point) for c in conditions], point
    bounds = [sympy.floor(roots[0]) - 1, *roots, sympy.floor(roots[-1]) + 1] if roots else []
    for index, root in enumerate(roots):
        if isinstance(root, sympy.Rational):
            truths = line.truths_at(Fraction(int(root.p), int(root.q)))
        else:
            low = line.between(bounds[index], root) or Fraction(int(bounds[index]))
            high = line.between(root, bounds[index + 2]) or Fraction(int(bounds[index + 2]))
            truths = line.truths_at_root((low, high))
        assert truths == [substituted(c, root) for c in conditions], root


small = st.integers(min_value=-4, max_value=4)
slope = st.tuples(st.integers(min_value=-2, max_value=2), st.integers(min_value=-2, max_value=2))


@settings(max_examples=12, deadline=None)
@given(
    entries=st.lists(small, min_size=18, max_size=18),
    slopes=st.lists(slope, min_size=4, max_size=6),
    base=st.integers(min_value=-3, max_value=3),
)
def test_exact_line_restriction_agrees_with_sympy_substitution(
    entries: list[int], slopes: list[tuple[int, int]], base: int
) -> None:
    check_against_substitution(random_conditions(entries, slopes, base))


def test_ties_irrational_and_cubic_roots_agree_with_substitution() -> None:
    conditions = [
        sympy.And(x**2 - 2 >= 0, x < 3),  # irrational roots +-sqrt(2)
        sympy.Eq(x**3 - 2 * x - 5, 0),  # one real root, a CRootOf
        sympy.Or(x**3 - 2 * x - 5 < 0, sympy.Eq(x, 3)),
        sympy.And(sympy.Ne(x, 1), (x - 1) ** 2 * (x + 2) >= 0),  # a double root: no sign change at 1
        sympy.Eq(x, sympy.Rational(7, 2)),
        sympy.true,
        sympy.Not(x > 0),
    ]
    check_against_substitution(conditions)


def test_non_polynomial_conditions_are_left_to_sympy() -> None:
    line = LineConditions([1 / x > 1, sympy.And(x > 1, 1 / x < 2), x > 1], x)
    assert line.truths_at(Fraction(1, 2)) == [None, None, False]
    assert line.roots() == [sympy.Rational(1, 2), 1]  # 1 - 2x, the numerator of 1/x - 2, as before


def test_irrational_threshold_sides_match_substitution() -> None:
    game = NormalFormGame.from_bimatrix([["x**3 - 2*x - 5", 0], [0, 1]], [[1, 0], [0, 1]])
    (found,) = thresholds(game, "x", fixed={})
    assert isinstance(found.value, sympy.CRootOf)
    branches = parametric_equilibria(game)
    holding = [b.label for b in branches if substituted(sympy.sympify(b.conditions), found.value, found.parameter)]
    assert found.at == tuple(holding)
    assert found.below != found.at != found.above


def test_threshold_at_the_domain_bound_of_a_nonnegative_parameter() -> None:
    a = sympy.Symbol("a", nonnegative=True)
    game = NormalFormGame.from_bimatrix([[a, 0], [0, a - 1]], [[1, 0], [0, 1]])
    found = thresholds(game, "a", fixed={})
    assert [t.value for t in found] == [0, 1]
    assert found[0].below is None
    assert found[0].above == found[1].below == ("Player 1: s1; Player 2: s1",)
    # At the bound itself Player 1 is indifferent against s1, so he may mix.
    assert found[0].at == ("Player 1: s1; Player 2: s1", "Player 1 mixes s1/s2; Player 2: s1")
    assert thresholds(game, "a", fixed={}, interval=(0, 0)) == found[:1]


@settings(max_examples=40, deadline=None)
@given(
    coefficients=st.lists(st.fractions(min_value=-5, max_value=5, max_denominator=6), min_size=1, max_size=6),
    point=st.fractions(min_value=-6, max_value=6, max_denominator=8),
)
def test_univariate_arithmetic_agrees_with_sympy(coefficients: list[Fraction], point: Fraction) -> None:
    expr = sum(
        (sympy.Rational(c.numerator, c.denominator) * x**i for i, c in enumerate(coefficients)), sympy.Integer(0)
    )
    p = polynomial_of(sympy.factor(expr), x)
    assert p is not None
    assert sympy.Poly(list(reversed(p)) or [0], x) == sympy.Poly(expr, x)
    value = expr.subs(x, sympy.Rational(point.numerator, point.denominator))
    expected = (1 if value > 0 else 0) - (1 if value < 0 else 0)
    assert sign_at(p, point) == expected
    assert sign_at_ratio(integer_polynomial(p), point.numerator, point.denominator) == expected
    if len(p) > 1:
        simple = sympy.Poly(list(reversed(square_free(p))), x)
        assert simple.degree() == sympy.sqf_part(sympy.Poly(expr, x)).degree()
        assert sympy.rem(sympy.Poly(expr, x), simple).is_zero
