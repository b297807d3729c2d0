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
