"""Tests for gametheory.games.expressions: the safe payoff parser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sympy

from gametheory.exceptions import ExpressionError, GameTheoryError
from gametheory.games.expressions import parse_expression
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
