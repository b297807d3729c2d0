"""Tests for gametheory.parametric.assumptions: reading ``assume=``."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from gametheory.exceptions import ParameterError
from gametheory.parametric.assumptions import parse_assumptions

R, c = sympy.symbols("R c", real=True)
PARAMETERS = (R, c)


def test_none_uses_only_the_symbols_assumptions() -> None:
    positive = sympy.Symbol("p", positive=True)
    parsed = parse_assumptions((positive,), None)
    assert parsed.boolean == sympy.true
    (g,) = parsed.knowledge.signs
    assert parsed.knowledge.signs[g] == frozenset({1})


def test_relations_are_matched_by_name() -> None:
    plain = sympy.Symbol("R")  # no real=True: still the game's R
    parsed = parse_assumptions(PARAMETERS, plain > c)
    assert parsed.boolean == sympy.Gt(R, c)


def test_iterable_of_relations() -> None:
    assert parse_assumptions(PARAMETERS, [R > 0, c >= 1]).boolean == sympy.And(R > 0, c >= 1)


def test_conjunction() -> None:
    assert parse_assumptions(PARAMETERS, (R > 0) & (c < 2)).boolean == sympy.And(R > 0, c < 2)


def test_intervals_with_open_ends() -> None:
    parsed = parse_assumptions(PARAMETERS, {"R": (0, None), c: (Fraction(1, 2), 3.0)})
    assert parsed.boolean == sympy.And(R >= 0, c >= sympy.Rational(1, 2), c <= 3)


def test_unknown_name_in_interval() -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'x'"):
        parse_assumptions(PARAMETERS, {"x": (0, 1)})


def test_unknown_symbol_in_relation() -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'z'"):
        parse_assumptions(PARAMETERS, [sympy.Symbol("z") > 0])


def test_empty_interval() -> None:
    with pytest.raises(ParameterError, match="empty"):
        parse_assumptions(PARAMETERS, {"R": (2, 1)})


def test_interval_not_a_pair() -> None:
    with pytest.raises(ParameterError, match="pair"):
        parse_assumptions(PARAMETERS, {"R": (0, 1, 2)})


def test_infinite_bound() -> None:
    with pytest.raises(ParameterError, match="finite"):
        parse_assumptions(PARAMETERS, {"R": (0, float("inf"))})


def test_string_assumption_is_rejected() -> None:
    with pytest.raises(ParameterError, match="assume must be"):
        parse_assumptions(PARAMETERS, "R > 0")


def test_non_relation_in_iterable_is_rejected() -> None:
    with pytest.raises(ParameterError, match="sympy relation"):
        parse_assumptions(PARAMETERS, [R])


def test_contradictory_assumptions_are_rejected() -> None:
    with pytest.raises(ParameterError, match="contradictory"):
        parse_assumptions(PARAMETERS, [R > 1, R < 0])


def test_assumption_against_the_symbol_is_rejected() -> None:
    positive = sympy.Symbol("p", positive=True)
    with pytest.raises(ParameterError, match="contradict"):
        parse_assumptions((positive,), [positive < 0])


def test_sign_words_are_strict_or_weak() -> None:
    parsed = parse_assumptions(PARAMETERS, {"R": "positive", "c": "nonpositive"})
    assert parsed.boolean == sympy.And(R > 0, c <= 0)
    parsed = parse_assumptions(PARAMETERS, {"R": "negative", "c": "nonnegative"})
    assert parsed.boolean == sympy.And(R < 0, c >= 0)


def test_pair_bounds_stay_closed() -> None:
    assert parse_assumptions(PARAMETERS, {"R": (0, None)}).boolean == (R >= 0)


def test_sympy_intervals_carry_their_openness() -> None:
    assert parse_assumptions(PARAMETERS, {"R": sympy.Interval.open(0, 5)}).boolean == sympy.And(R > 0, R < 5)
    assert parse_assumptions(PARAMETERS, {"R": sympy.Interval.Lopen(0, 5)}).boolean == sympy.And(R > 0, R <= 5)
    assert parse_assumptions(PARAMETERS, {"R": sympy.Interval(0, sympy.oo)}).boolean == (R >= 0)
    assert parse_assumptions(PARAMETERS, {"R": sympy.Interval.open(0, sympy.oo)}).boolean == (R > 0)
    assert parse_assumptions(PARAMETERS, {"R": sympy.Interval(-sympy.oo, sympy.oo)}).boolean == sympy.true


def test_strict_bound_is_a_strict_fact() -> None:
    parsed = parse_assumptions(PARAMETERS, {"R": "positive"})
    (g,) = [g for g in parsed.knowledge.signs if str(g) == "R"]
    assert parsed.knowledge.signs[g] == frozenset({1})


def test_unknown_sign_word() -> None:
    with pytest.raises(ParameterError, match="unknown range 'postive' for R"):
        parse_assumptions(PARAMETERS, {"R": "postive"})


@pytest.mark.parametrize("value", [0, 1.5, {0, 1}, None, sympy.FiniteSet(0, 1)])
def test_other_ranges_are_rejected(value: object) -> None:
    with pytest.raises(ParameterError, match="range for R"):
        parse_assumptions(PARAMETERS, {"R": value})


def test_point_open_interval_is_empty() -> None:
    with pytest.raises(ParameterError, match="empty"):
        parse_assumptions(PARAMETERS, {"R": sympy.Interval.Ropen(1, 1)})


def test_symbolic_interval_bound_is_rejected() -> None:
    with pytest.raises(ParameterError):
        parse_assumptions(PARAMETERS, {"R": sympy.Interval(0, sympy.Symbol("z"))})
