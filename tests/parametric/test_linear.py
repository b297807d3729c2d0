"""Tests for gametheory.parametric._linear: exact implication between linear facts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ

from gametheory.parametric._linear import _few_facts_imply, _simplex_implies

coefficient = st.integers(-2, 2).map(QQ)


def linear(ngens: int, *, constant_only: bool = False) -> st.SearchStrategy[list]:
    variables = st.just([QQ(0)] * ngens) if constant_only else st.lists(coefficient, min_size=ngens, max_size=ngens)
    return st.tuples(variables, coefficient).map(lambda t: [*t[0], t[1]])


@st.composite
def problems(draw: st.DrawFn) -> tuple:
    ngens = draw(st.integers(1, 3))
    count = draw(st.integers(1, 2))
    facts = draw(st.lists(linear(ngens).filter(lambda f: any(f[:-1])), min_size=count, max_size=count))
    goal = draw(st.one_of(linear(ngens), linear(ngens, constant_only=True)))
    stricts = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    return facts, stricts, goal, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(problem=problems())
def test_few_facts_shortcut_agrees_with_the_simplex(problem: tuple) -> None:
    facts, stricts, goal, strict = problem
    assert _few_facts_imply(facts, stricts, goal, strict) == _simplex_implies(facts, stricts, goal, strict)


def test_a_combination_of_two_facts_is_found() -> None:
    # R >= 2c and c >= 1/2 imply R >= 1, though neither does alone.
    one, zero = QQ(1), QQ(0)
    facts = [[one, QQ(-2), zero], [zero, QQ(2), -one]]
    assert _few_facts_imply(facts, [False, False], [one, zero, -one], False)
    assert not _few_facts_imply(facts, [False, False], [one, zero, -one], True)
    assert _few_facts_imply(facts, [False, True], [one, zero, -one], True)


def test_the_simplex_finds_combinations_of_many_facts() -> None:
    # R >= 2c, c >= 1/2 and R <= 5 imply R >= 1 but not R > 1; with c > 1/2 they imply R > 1.
    one, zero = QQ(1), QQ(0)
    facts = [[one, QQ(-2), zero], [zero, QQ(2), -one], [-one, zero, QQ(5)]]
    goal = [one, zero, -one]
    assert _simplex_implies(facts, [False, False, False], goal, False)
    assert not _simplex_implies(facts, [False, False, False], goal, True)
    assert _simplex_implies(facts, [False, True, False], goal, True)
    assert not _simplex_implies(facts, [False, False, False], [zero, one, -one], False)  # c >= 1 does not follow
