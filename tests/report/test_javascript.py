"""The sympy-to-JavaScript compiler: the code computes the formula, names no parameter, and refuses what it cannot do.

JavaScript's arithmetic is IEEE float64 like Python's, so the compiled code
is checked by reading it as Python (``Math.pow`` is ``pow``, ``&&`` is
``and``, ...) and comparing with sympy's value of the formula.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory.exceptions import ExpressionError
from gametheory.report._javascript import (
    RELATIVE_TOLERANCE,
    compile_condition,
    compile_expression,
    identifiers,
    js_function,
)

x, y, z = sympy.symbols("x y z")
NAMES = identifiers([x, y, z])


def relation(op: str, a: float, b: float, size: float) -> bool:
    """The page's ``rel``, in Python."""
    zero = abs(a - b) <= RELATIVE_TOLERANCE * size
    return {
        "eq": zero,
        "ne": not zero,
        "lt": not zero and a < b,
        "le": zero or a < b,
        "gt": not zero and a > b,
        "ge": zero or a > b,
    }[op]


def run(code: str, values: dict[str, float]) -> Any:
    """Evaluate compiled JavaScript (the subset the compiler writes) as Python."""
    python = code.replace("Math.pow", "pow").replace("Math.sqrt", "math.sqrt").replace("Math.abs", "abs")
    python = python.replace("Math.min", "min").replace("Math.max", "max")
    python = python.replace("&&", " and ").replace("||", " or ").replace("(!", "(not ")
    python = python.replace("true", "True").replace("false", "False")
    assert "?" not in python
    return eval(python, {"math": math, "pow": pow, "rel": relation, **values})


atoms = st.sampled_from([x, y, z]) | st.fractions(max_denominator=9, min_value=-9, max_value=9).map(sympy.Rational)


def combine(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    return st.one_of(
        st.tuples(children, children).map(lambda t: t[0] + t[1]),
        st.tuples(children, children).map(lambda t: t[0] * t[1]),
        st.tuples(children, st.integers(-3, 3)).map(lambda t: t[0] ** t[1]),
        children.map(sympy.Abs),
        children.map(lambda e: sympy.sqrt(sympy.Abs(e))),
    )


expressions = st.recursive(atoms, combine, max_leaves=8)
points = st.fixed_dictionaries({"p0": st.floats(0.25, 4), "p1": st.floats(-4, -0.25), "p2": st.floats(0.5, 2)})


@given(expressions, points)
def test_compiled_expressions_compute_the_formula(expr: sympy.Expr, point: dict[str, float]) -> None:
    symbols = {x: point["p0"], y: point["p1"], z: point["p2"]}
    try:
        exact = complex(expr.xreplace({s: sympy.Float(v, 30) for s, v in symbols.items()}).evalf(30))
    except (TypeError, ZeroDivisionError):  # zoo, nan: no value to compare with
        return
    if exact.imag != 0 or not math.isfinite(exact.real) or abs(exact.real) > 1e12:
        return
    try:
        value = run(compile_expression(expr, NAMES), point)
    except (ZeroDivisionError, OverflowError, ValueError):
        return  # 0 ** -1 and the like: JavaScript gives Infinity or NaN, which no condition accepts
    assert value == pytest.approx(exact.real, rel=1e-9, abs=1e-9)


@given(expressions, expressions, points)
def test_compiled_relations_decide_like_the_page(lhs: sympy.Expr, rhs: sympy.Expr, point: dict[str, float]) -> None:
    code = compile_condition(sympy.Le(lhs, rhs, evaluate=False), NAMES)
    assert code.startswith('rel("le", ')
    try:
        a, b = run(compile_expression(lhs, NAMES), point), run(compile_expression(rhs, NAMES), point)
        decided = run(code, point)
    except (ZeroDivisionError, OverflowError, ValueError):
        return
    if math.isfinite(a) and math.isfinite(b) and abs(a - b) > 1e-9 * max(abs(a), abs(b)):
        # Sides further apart than any rounding: the page decides as exact arithmetic does.
        assert decided == (a < b)


@pytest.mark.parametrize(
    ("lhs", "rhs", "values", "tie"),
    [
        (x, y, {"p0": 3e-10, "p1": 2e-10}, False),  # small values that differ do not tie
        (x + sympy.Rational(7, 10), x, {"p0": 9e8}, False),  # nor large ones that differ by 0.7
        (x + y, z, {"p0": 0.1, "p1": 0.2, "p2": 0.3}, True),  # 0.1 + 0.2 is 0.3 up to rounding
        (x * y, z, {"p0": 1e-150, "p1": 1e-150, "p2": 0.0}, False),  # 1e-300 is not 0
        (x * 3, y, {"p0": 1e300 / 3, "p1": 1e300}, True),
    ],
)
def test_ties_are_rounding_and_nothing_else(lhs: sympy.Expr, rhs: sympy.Expr, values: dict, tie: bool) -> None:
    point = {"p0": 0.0, "p1": 0.0, "p2": 0.0, **values}
    assert run(compile_condition(sympy.Eq(lhs, rhs, evaluate=False), NAMES), point) is tie


def test_booleans_compile_to_javascript_logic() -> None:
    condition = sympy.Or(sympy.And(x > y, sympy.Eq(z, 1)), sympy.Not(sympy.Ne(x, 2)))
    code = compile_condition(condition, NAMES)
    assert re.fullmatch(r'[()a-z0-9", !&|.\-*+/]+', code.replace("Math.abs", "abs"))
    for p0, p1, p2, holds in [(3, 1, 1, True), (3, 1, 2, False), (2, 5, 0, True), (1, 5, 1, False)]:
        assert run(code, {"p0": p0, "p1": p1, "p2": p2}) is holds


def test_piecewise_is_a_chain_of_conditionals() -> None:
    code = compile_expression(sympy.Piecewise((x, x > 0), (-x, True)), NAMES)
    assert code == '(rel("gt", p0, 0, (Math.abs(p0) + 0)) ? p0 : (true ? (-1 * p0) : NaN))'


def test_parameters_are_numbered_identifiers_whatever_their_names() -> None:
    hostile = sympy.Symbol("alert(1)//</script>")
    names = identifiers([hostile])
    code = js_function(compile_expression(2 * hostile + 1, names), names)
    assert code == "function(p0) { return (1 + (2 * p0)); }"


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        (sympy.sin(x), "sin is not supported"),
        (sympy.exp(x), "exp is not supported"),
        (x**y, "only rational exponents"),
        (x + sympy.Symbol("w"), "not a parameter of the game"),
        (sympy.Float("inf") * x, "Infinity is not supported"),
        (sympy.Integer(10) ** 400 * x, "not finite"),
    ],
)
def test_nodes_it_cannot_compile_are_refused(expr: sympy.Expr, message: str) -> None:
    with pytest.raises(ExpressionError, match=message):
        compile_expression(expr, NAMES)


def test_conditions_it_cannot_compile_are_refused() -> None:
    with pytest.raises(ExpressionError, match="Xor is not supported"):
        compile_condition(sympy.Xor(x > 0, y > 0), NAMES)
