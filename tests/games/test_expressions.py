"""Tests for gametheory.games.expressions: the safe payoff parser."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import ExpressionError, GameTheoryError, InvalidArgumentError, InvalidGameError
from gametheory.games.expressions import MAX_NUMBER_BITS, normalize_name, parameter, parse_expression
from gametheory.games.normal_form import NormalFormGame

HOSTILE = [
    "__import__('os').system('touch {path}')",
    "(lambda: __import__('os').system('touch {path}'))()",
    "open('{path}', 'w').write('x')",
    "().__class__.__bases__[0].__subclasses__()",
    "exec(\"open('{path}', 'w')\")",
    "eval('1')",
    "R.__class__",
    "[x for x in ()]",
    "'{path}'",
    "R if R else c",
    "R < c",
    "sympify('1')",
    "f'{{R}}'",
]


@pytest.mark.parametrize("template", HOSTILE)
def test_hostile_string_is_rejected_without_side_effect(template: str, tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    text = template.format(path=target)
    with pytest.raises(ExpressionError):
        parse_expression(text)
    assert not target.exists()


def test_hostile_payoff_in_a_game_is_rejected_without_side_effect(tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    with pytest.raises(ExpressionError, match="forbidden construct"):
        NormalFormGame.from_bimatrix([[f"__import__('os').system('touch {target}')", 0]], [[0, 0]])
    assert not target.exists()


def test_arithmetic_is_parsed_exactly() -> None:
    R, c, d = sympy.symbols("R c d", real=True)
    assert parse_expression("-d - R") == -d - R
    assert parse_expression("0.1 * c") == sympy.Rational(1, 10) * c
    assert parse_expression("(R - c)**2 / 2") == (R - c) ** 2 / 2


def test_symbols_with_assumptions_are_reused() -> None:
    R = sympy.Symbol("R", positive=True)
    assert parse_expression("R + 1", symbols={"R": R}).free_symbols == {R}


def test_whitelisted_functions() -> None:
    assert parse_expression("sqrt(4) + max(1, 2)") == 4


def test_malformed_expression() -> None:
    with pytest.raises(ExpressionError, match="malformed"):
        parse_expression("R +")


def test_empty_expression() -> None:
    with pytest.raises(ExpressionError, match="empty"):
        parse_expression("  ")


def test_not_a_string() -> None:
    with pytest.raises(ExpressionError, match="expected an expression string"):
        parse_expression(3)  # type: ignore[arg-type]


def test_private_name() -> None:
    with pytest.raises(ExpressionError, match="cannot be used"):
        parse_expression("_secret + 1")


def test_huge_exponent() -> None:
    with pytest.raises(ExpressionError, match="too large"):
        parse_expression("9**999999999")


def test_too_long() -> None:
    with pytest.raises(ExpressionError, match="longer"):
        parse_expression("1+" * 6000 + "1")


def test_division_by_zero() -> None:
    with pytest.raises(ExpressionError, match="division by zero"):
        parse_expression("R / 0")


def test_deep_nesting() -> None:
    with pytest.raises(ExpressionError):
        parse_expression("(" * 3000 + "1" + ")" * 3000)


def test_the_issue_example_string() -> None:
    existed = os.path.exists("/tmp/pwned")
    with pytest.raises(GameTheoryError, match="forbidden construct Call"):
        NormalFormGame.from_bimatrix([["__import__('os').system('touch /tmp/pwned')", 0]], [[0, 0]])
    assert os.path.exists("/tmp/pwned") == existed


# Bounded work: expression bombs are rejected from size estimates, before sympy computes anything.

BOMBS = [
    "1e99999999",
    "1e-99999999",
    "1" * 4500,
    "((((9**64)**64)**64)**64)**64",
    "9**9**9**9",
    "2**70000",
    "(2**60000)*(2**60000)",
    "sqrt(2**1000 + 1)",
    "(10**300 + 1)**(1/3)",
    "x**x**" * 30 + "x",
    "(" * 3000 + "1" + ")" * 3000,
    "exp(" * 60 + "x" + ")" * 60,
    "*".join(["(x + 1)"] * 100),
    "2*(" * 40 + "+".join(f"x{i}" for i in range(1500)) + ")" * 40,
    "-(" * 40 + "+".join(f"x{i}" for i in range(1500)) + ")" * 40,
    "max(" + ",".join("+".join(f"x{j}" for j in range(30 * i, 30 * i + 30)) for i in range(8)) + ")",
]


@pytest.mark.parametrize("text", BOMBS, ids=[f"bomb{i}" for i in range(len(BOMBS))])
def test_expression_bombs_are_rejected_quickly(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ExpressionError, match=r"too large|too deeply|longer"):
        parse_expression(text)
    assert time.perf_counter() - start < 1.0


def test_large_numbers_within_the_limits_are_exact() -> None:
    assert parse_expression("2**1000") == sympy.Integer(2) ** 1000
    assert parse_expression("1e300") == sympy.Integer(10) ** 300
    assert parse_expression("1.5e-3") == sympy.Rational(3, 2000)
    assert parse_expression("(9**64)**64") == sympy.Integer(9) ** 4096
    assert parse_expression("0x1F + 1_000") == 1031
    assert MAX_NUMBER_BITS >= 65_536


def test_wrong_number_of_arguments_is_an_expression_error() -> None:
    with pytest.raises(ExpressionError, match="takes 1 argument, not 2"):
        parse_expression("exp(1,2)")
    with pytest.raises(ExpressionError, match="takes 1 to 8 arguments"):
        parse_expression("max(" + ",".join("x" * 9) + ")")
    with pytest.raises(ExpressionError, match="positional"):
        parse_expression("log(x=1)")
    assert parse_expression("log(8, 2)") == 3


def test_a_long_run_of_signs_is_read() -> None:
    assert parse_expression("-" * 9999 + "1") == -1
    assert parse_expression("-" * 9998 + "1") == 1


def test_long_flat_sums_and_products_work() -> None:
    x = parameter("x")
    assert parse_expression("+".join(["x"] * 4999)) == 4999 * x
    names = [f"x{i}" for i in range(1800)]
    total = parse_expression("+".join(names))
    assert len(total.args) == 1800
    assert parse_expression("-".join(names)) == 2 * parameter("x0") - total
    assert len(parse_expression("*".join(names)).args) == 1800
    assert parse_expression("/".join(["2"] * 3000)) == sympy.Rational(2, 2**2999)


def test_operator_precedence_matches_python() -> None:
    a, b, c = (parameter(n) for n in "abc")
    assert parse_expression("-2**-2**2") == sympy.Rational(-1, 16)
    assert parse_expression("a - b + c") == a - b + c
    assert parse_expression("a / b * c") == a * c / b
    assert parse_expression("a ** -b ** c") == a ** (-(b**c))
    assert parse_expression("-(a - b) * -c") == (-(a - b)) * (-c)
    assert parse_expression("max(a, b, )") == sympy.Max(a, b)


@pytest.mark.parametrize("text", ["a // b", "a % b", "a @ b", "~a", "not a", "(a, b)", "a.b", "x[1 + 2]", "f(x)", "1j"])
def test_other_constructs_are_still_rejected(text: str) -> None:
    with pytest.raises(ExpressionError, match=r"forbidden|cannot be used|complex"):
        parse_expression(text)


@pytest.mark.parametrize("text", ["a +\nb", "(a", "a)", "a $ b", "'abc", "()", "a b", "max(,)", "\x00"])
def test_malformed_text(text: str) -> None:
    with pytest.raises(ExpressionError, match=r"malformed|missing"):
        parse_expression(text)


# The ``symbols=`` argument.


@pytest.mark.parametrize(
    "symbols", [[1], "x", 5, {1: sympy.Symbol("x")}, {"x": 5}, {"x": "y"}, {"x": sympy.Integer(1)}]
)
def test_bad_symbols_argument(symbols: object) -> None:
    with pytest.raises(InvalidArgumentError, match="symbols"):
        parse_expression("x + 1", symbols=symbols)  # type: ignore[arg-type]


def test_symbols_with_two_spellings_of_one_name() -> None:
    with pytest.raises(InvalidArgumentError, match="two different symbols"):
        parse_expression("x", symbols={MICRO: sympy.Symbol(MICRO), MU: sympy.Symbol(MU, positive=True)})


# Names are compared in NFKC form, as Python compares identifiers.

MICRO, MU = "\u00b5", "\u03bc"


def test_names_are_normalised() -> None:
    assert normalize_name(MICRO) == MU
    assert parse_expression(MICRO) == parse_expression(MU) == parameter(MICRO) == parameter(MU)
    assert parameter(MICRO).name == MU
    assert parse_expression("\u210c") == parameter("H")


def test_symbols_keys_are_normalised() -> None:
    mu = sympy.Symbol(MICRO, positive=True)
    assert parse_expression(f"{MICRO} + 1", symbols={MICRO: mu}).free_symbols == {mu}
    assert parse_expression(f"{MU} + 1", symbols={MICRO: mu}).free_symbols == {mu}


def test_a_user_symbol_and_a_string_give_one_parameter() -> None:
    mu = sympy.Symbol(MICRO, real=True)
    game = NormalFormGame.from_bimatrix([[mu, MICRO]], [[0, 0]])
    assert game.parameters == (mu,)
    assert game.substitute({MU: 2}).payoffs[0, 1, 0] == 2
    # Two different symbols whose names print alike cannot share a game.
    with pytest.raises(InvalidGameError, match="both named"):
        NormalFormGame.from_bimatrix([[mu, 0]], [[sympy.Symbol(MU, positive=True), 0]])


# Fuzzing: generated expressions raise only ExpressionError, and each call returns within a second.

_ATOMS = st.sampled_from(
    ["x", "y", MICRO, "\u210c", "1", "0", "9", "0.5", "1e99999999", "1e-400", "9" * 300, "2**64", "0x1f",
     "exp(1)", "sqrt(2)", "max(x, 1)", "log(0)", "1/0", "__import__('os')", "x.y", "'s'", "$", "", "(", ")"]
)  # fmt: skip
_OPERATORS = st.sampled_from(["+", "-", "*", "/", "**", " ", ",", "//", "-(", "(", ")"])


@st.composite
def _expression_texts(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["mixed", "sum", "nested", "tower", "text"]))
    if kind == "sum":
        return draw(st.sampled_from(["+", "-", "*", "/"])).join(draw(st.lists(_ATOMS, min_size=1, max_size=5)) * 400)
    if kind == "nested":
        depth = draw(st.integers(1, 400))
        return draw(st.sampled_from(["(", "-(", "exp(", "2*(", "max(x,"])) * depth + draw(_ATOMS) + ")" * depth
    if kind == "tower":
        return "**".join(draw(st.lists(_ATOMS, min_size=2, max_size=40)))
    if kind == "text":
        return draw(st.text(max_size=40))
    parts = draw(st.lists(st.tuples(_ATOMS, _OPERATORS), max_size=30))
    return "".join(a + o for a, o in parts) + draw(_ATOMS)


@settings(max_examples=150, deadline=None)
@given(_expression_texts())
def test_fuzz_parse_expression(text: str) -> None:
    start = time.perf_counter()
    try:
        result = parse_expression(text)
    except ExpressionError:
        pass
    else:
        assert isinstance(result, sympy.Expr)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("inner", ["1", "0.5", "3", "2**64"])
def test_numeric_exp_towers_are_rejected_at_once(inner: str) -> None:
    # exp(exp(exp(exp(exp(1))))) once made sympy compute millions of digits when a game asked its sign.
    start = time.perf_counter()
    with pytest.raises(ExpressionError, match="exp"):
        parse_expression("exp(" * 5 + inner + ")" * 5)
    assert time.perf_counter() - start < 1.0


def test_symbolic_exp_towers_are_bounded() -> None:
    assert parse_expression("exp(exp(exp(x)))").free_symbols == {parameter("x")}
    with pytest.raises(ExpressionError, match="nested more than 3 deep"):
        parse_expression("exp(exp(exp(exp(x))))")
