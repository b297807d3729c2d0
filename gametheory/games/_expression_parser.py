"""The parser behind :func:`gametheory.games.expressions.parse_expression`, with bounded work.

The text is split into Python tokens (:mod:`tokenize`, which never runs
anything). Sums, products, powers, signs, parentheses and whitelisted calls
are read here, iteratively along each chain, so a sum of thousands of terms
never recurses; nesting (parentheses, calls, powers) is limited by
:data:`MAX_NESTING_DEPTH`. Any other piece of text is handed to
:func:`ast.parse`, never evaluated, to name the construct it holds
(``Call``, ``Attribute``, ...) in the error.

Before sympy computes a power, sum or product of numbers, the bit-size of
the result is estimated and compared with :data:`MAX_NUMBER_BITS`, so a
bomb such as ``9**9**9**9`` or ``1e99999999`` fails in microseconds.

Examples
--------
>>> from gametheory.games.expressions import parameter
>>> parse("2*x + 1", {}, parameter)
2*x + 1
"""

from __future__ import annotations

import ast
import io
import keyword
import math
import re
import tokenize
import unicodedata
from collections.abc import Callable
from typing import Any

import sympy

from gametheory.exceptions import ExpressionError

__all__ = [
    "FUNCTIONS",
    "MAX_EXP_NESTING",
    "MAX_FUNCTION_ARGUMENTS",
    "MAX_LITERAL_DIGITS",
    "MAX_NESTING_DEPTH",
    "MAX_NUMBER_BITS",
    "MAX_ROOT_BITS",
    "MAX_SYMBOLIC_EXPONENT",
    "MAX_TERM_WORK",
    "parse",
]

#: Deepest nesting of parentheses, function calls and powers (``x**y**z`` nests twice).
MAX_NESTING_DEPTH = 50
#: Largest exact number, in bits of numerator plus denominator (about 19,700 decimal digits),
#: checked on an estimate before sympy computes it.
MAX_NUMBER_BITS = 65_536
#: Most significant digits in one number literal (below Python's 4,300-digit conversion limit).
MAX_LITERAL_DIGITS = 4_000
#: Largest number (in bits) whose root (``sqrt``, ``x**(1/3)``...) is taken: sympy factors it.
MAX_ROOT_BITS = 256
#: Largest exponent magnitude on a symbolic base (``x**64``).
MAX_SYMBOLIC_EXPONENT = 64
#: Most arguments of ``min``/``max``: sympy compares them pairwise.
MAX_FUNCTION_ARGUMENTS = 8
#: Budget of term operations per expression: each sum or product costs the number of terms
#: it touches (a product of a number and a sum multiplies every term of the sum).
MAX_TERM_WORK = 25_000
#: Most exp() calls nested inside one another around a parameter (``exp(exp(exp(x)))`` is 3).
MAX_EXP_NESTING = 3

#: Functions that may appear in an expression, with how many arguments each takes.
FUNCTIONS: dict[str, tuple[Callable[..., Any], int, int]] = {
    "exp": (sympy.exp, 1, 1),
    "log": (sympy.log, 1, 2),
    "sqrt": (sympy.sqrt, 1, 1),
    "abs": (sympy.Abs, 1, 1),
    "Abs": (sympy.Abs, 1, 1),
    "min": (sympy.Min, 1, MAX_FUNCTION_ARGUMENTS),
    "Min": (sympy.Min, 1, MAX_FUNCTION_ARGUMENTS),
    "max": (sympy.Max, 1, MAX_FUNCTION_ARGUMENTS),
    "Max": (sympy.Max, 1, MAX_FUNCTION_ARGUMENTS),
}

RESERVED = frozenset({"inf", "nan", "oo", "zoo"})

_OPEN = {"(": ")", "[": "]", "{": "}"}
_SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
_DECIMAL = re.compile(r"(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[+-]?\d+))?")
_LOG2_10 = math.log2(10)
_DISTRIBUTE = 10  # work per term when a product or a sign is distributed over a sum
_COMPARE = 50  # work per pair of arguments and term when min/max compares its arguments

# A parsed value: the sympy expression and an upper bound on the bits of the exact numbers in it.
_Value = tuple[sympy.Expr, int]


def parse(text: str, symbols: dict[str, sympy.Symbol], make_symbol: Callable[[str], sympy.Symbol]) -> sympy.Expr:
    """Parse ``text`` (stripped, at most the maximum length) into a sympy expression.

    ``symbols`` maps NFKC-normalised names to the symbols to use; names not in
    it are made with ``make_symbol`` and added. Raises ``ExpressionError``.

    Examples
    --------
    >>> from gametheory.games.expressions import parameter
    >>> parse("-(a - 1)**2", {}, parameter)
    -(a - 1)**2
    """
    parser = _Parser(text, symbols, make_symbol)
    return parser.expr(0, len(parser.tokens), 0)[0]


def _tokens(text: str, fail: Callable[[str], ExpressionError]) -> tuple[list[tokenize.TokenInfo], list[int]]:
    try:
        raw = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, ValueError):
        raise fail("unbalanced brackets or an unterminated string") from None
    tokens = [token for token in raw if token.type not in _SKIPPED]
    while tokens and tokens[-1].type in (tokenize.NEWLINE, tokenize.DEDENT):
        tokens.pop()
    match = [-1] * len(tokens)
    stack: list[int] = []
    for i, token in enumerate(tokens):
        if token.type in (tokenize.ERRORTOKEN, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            raise fail(f"unexpected {token.string.strip() or 'line break'!r}")
        if token.string in _OPEN and token.type == tokenize.OP:
            stack.append(i)
        elif token.string in _OPEN.values() and token.type == tokenize.OP:
            if not stack or _OPEN[tokens[stack[-1]].string] != token.string:
                raise fail(f"unbalanced {token.string!r}")
            match[stack.pop()] = i
    if stack:
        raise fail(f"unbalanced {tokens[stack[-1]].string!r}")
    return tokens, match


def _exact(value: sympy.Expr, estimate: int) -> _Value:
    # Once a number is computed, its true size replaces the estimate.
    if value.is_Rational:
        return value, int(value.p).bit_length() + int(value.q).bit_length()
    return value, estimate


class _Parser:
    def __init__(self, text: str, symbols: dict[str, sympy.Symbol], make_symbol: Callable[[str], sympy.Symbol]):
        self.text = text
        self.symbols = symbols
        self.make_symbol = make_symbol
        self.work = 0
        self.tokens, self.match = _tokens(text, self.malformed)

    # Errors.
    def shown(self) -> str:
        return repr(self.text) if len(self.text) <= 100 else repr(self.text[:80]) + f"... ({len(self.text)} characters)"

    def malformed(self, why: str) -> ExpressionError:
        return ExpressionError(f"malformed expression {self.shown()}: {why}")

    def too_large(self, what: str) -> ExpressionError:
        return ExpressionError(f"{what} is too large in expression {self.shown()}")

    # Grammar: expr = term (('+'|'-') term)*; term = factor (('*'|'/') factor)*;
    # factor = ('+'|'-')* primary ('**' ('+'|'-')* primary)*; primary = number | name | '(' expr ')' | f(args).
    def split(self, lo: int, hi: int, operators: tuple[str, ...], *, binary_only: bool) -> list[tuple[str, int, int]]:
        """Pieces of tokens[lo:hi] between top-level operators, each with the operator before it."""
        pieces, start, before, i = [], lo, "", lo
        while i < hi:
            token = self.tokens[i]
            if token.type == tokenize.OP and token.string in _OPEN:
                i = self.match[i] + 1
                continue
            if (
                token.type == tokenize.OP
                and token.string in operators
                and (not binary_only or self.ends_operand(i - 1, lo))
            ):
                pieces.append((before, start, i))
                before, start = token.string, i + 1
            i += 1
        pieces.append((before, start, hi))
        return pieces

    def ends_operand(self, i: int, lo: int) -> bool:
        if i < lo:
            return False
        token = self.tokens[i]
        if token.type == tokenize.NAME:
            return not keyword.iskeyword(token.string) or token.string in ("True", "False", "None")
        return token.type in (tokenize.NUMBER, tokenize.STRING) or token.string in _OPEN.values()

    def expr(self, lo: int, hi: int, depth: int) -> _Value:
        if lo >= hi:
            raise self.malformed("an operand is missing")
        terms = []
        for operator, start, stop in self.split(lo, hi, ("+", "-"), binary_only=True):
            value, bits = self.term(start, stop, depth)
            terms.append(self.negate((value, bits)) if operator == "-" else (value, bits))
        if len(terms) == 1:
            return terms[0]
        return self.combine(sympy.Add, terms, "sum")

    def term(self, lo: int, hi: int, depth: int) -> _Value:
        factors = []
        for operator, start, stop in self.split(lo, hi, ("*", "/"), binary_only=False):
            value, bits = self.factor(start, stop, depth)
            if operator == "/":
                if value == 0:
                    raise ExpressionError(f"division by zero in expression {self.shown()}")
                value = self.power((value, bits), (sympy.Integer(-1), 2))[0]
            factors.append((value, bits))
        if len(factors) == 1:
            return factors[0]
        return self.combine(sympy.Mul, factors, "product")

    def combine(self, operation: Callable[..., sympy.Expr], values: list[_Value], what: str) -> _Value:
        bits = sum(b for _, b in values) + sum(1 for _, b in values if b)
        if bits > MAX_NUMBER_BITS:
            raise self.too_large(f"a number in a {what} (about {bits} bits)")
        # A product may distribute a number over a sum, which costs more per term than adding it.
        weight = _DISTRIBUTE if operation is sympy.Mul else 1
        self.charge(sum(weight * len(v.args) if v.is_Add else 1 for v, _ in values))
        result = _exact(operation(*(v for v, _ in values)), bits)
        if operation is sympy.Mul:
            for factor in result[0].args if result[0].is_Mul else (result[0],):
                self.check_symbolic_exponent(factor)
        return result

    def check_symbolic_exponent(self, value: sympy.Expr) -> None:
        # x*x*...*x is a power too: bound the exponents that products build.
        exponent = value.exp if value.is_Pow and not value.base.is_number else None
        if exponent is not None and exponent.is_Rational and abs(exponent) > MAX_SYMBOLIC_EXPONENT:
            raise self.too_large(f"exponent {value.exp} on a symbolic base (at most {MAX_SYMBOLIC_EXPONENT})")

    def negate(self, value: _Value) -> _Value:
        # Negating a sum negates every term.
        self.charge(_DISTRIBUTE * len(value[0].args) if value[0].is_Add else 1)
        return -value[0], value[1]

    def charge(self, work: int) -> None:
        self.work += work
        if self.work > MAX_TERM_WORK:
            raise self.too_large(f"the number of terms (over {MAX_TERM_WORK} term operations)")

    def factor(self, lo: int, hi: int, depth: int) -> _Value:
        operands = self.split(lo, hi, ("**",), binary_only=False)
        if len(operands) > 1 and depth + len(operands) - 1 > MAX_NESTING_DEPTH:
            raise ExpressionError(
                f"expression {self.shown()} is nested too deeply (at most {MAX_NESTING_DEPTH} levels)"
            )
        # Right to left: a ** -b ** c is a ** (-(b ** c)).
        result: _Value | None = None
        for index in range(len(operands) - 1, -1, -1):
            _, start, stop = operands[index]
            negative = False
            while start < stop and self.tokens[start].type == tokenize.OP and self.tokens[start].string in "+-":
                negative ^= self.tokens[start].string == "-"
                start += 1
            if start == stop:
                raise self.malformed("an operand is missing")
            base = self.primary(start, stop, depth + index)
            result = base if result is None else self.power(base, result)
            if negative:
                result = self.negate(result)
        assert result is not None
        return result

    def power(self, base: _Value, exponent: _Value) -> _Value:
        (b, b_bits), (e, _) = base, exponent
        if not e.is_number or b in (0, 1):
            return b**e, b_bits
        if not e.is_Rational:
            return b**e, b_bits  # sympy leaves a number to an irrational power unevaluated
        magnitude = -(-abs(int(e.p)) // int(e.q))
        if not b.is_number and magnitude > MAX_SYMBOLIC_EXPONENT:
            raise self.too_large(f"exponent {e} on a symbolic base (at most {MAX_SYMBOLIC_EXPONENT})")
        if b == -1:
            return b**e, b_bits
        bits = max(b_bits, 1) * max(magnitude, 1)
        if bits > MAX_NUMBER_BITS:
            raise self.too_large(f"exponent {e} (the power would have about {bits} bits)")
        if b.is_number and not (e.is_Integer and b.is_Rational) and b_bits > MAX_ROOT_BITS:
            raise self.too_large(f"a number of about {b_bits} bits raised to a non-integer power")
        return _exact(b**e, bits)

    def primary(self, lo: int, hi: int, depth: int) -> _Value:
        first = self.tokens[lo]
        if hi - lo == 1 and first.type == tokenize.NUMBER:
            return self.number(first.string)
        if hi - lo == 1 and first.type == tokenize.NAME and not keyword.iskeyword(first.string):
            return self.name(first.string), 0
        if depth + 1 > MAX_NESTING_DEPTH:
            raise ExpressionError(
                f"expression {self.shown()} is nested too deeply (at most {MAX_NESTING_DEPTH} levels)"
            )
        if first.string == "(" and self.match[lo] == hi - 1:
            if hi - lo == 2:
                raise self.malformed("empty parentheses")
            return self.expr(lo + 1, hi - 1, depth + 1)
        is_call = first.type == tokenize.NAME and hi - lo >= 3 and self.tokens[lo + 1].string == "("
        if is_call and self.match[lo + 1] == hi - 1 and first.string in FUNCTIONS:
            return self.call(first.string, lo + 2, hi - 1, depth + 1)
        raise self.forbidden(lo, hi)

    def call(self, name: str, lo: int, hi: int, depth: int) -> _Value:
        function, fewest, most = FUNCTIONS[name]
        pieces = self.split(lo, hi, (",",), binary_only=False) if lo < hi else []
        if pieces and pieces[-1][1] == pieces[-1][2] and len(pieces) > 1:
            pieces.pop()  # a trailing comma, as Python allows
        if any(self.tokens[i].string == "=" for _, start, stop in pieces for i in range(start, stop)):
            raise ExpressionError(f"function {name!r} takes positional arguments only in {self.shown()}")
        if not fewest <= len(pieces) <= most:
            expected = str(fewest) if fewest == most else f"{fewest} to {most}"
            plural = "s" if most > 1 else ""
            raise ExpressionError(
                f"function {name!r} takes {expected} argument{plural}, not {len(pieces)}, in {self.shown()}"
            )
        args = [self.expr(start, stop, depth) for _, start, stop in pieces]
        for value, bits in args:
            if value.is_number and bits > MAX_ROOT_BITS and name in ("sqrt",):
                raise self.too_large(f"a number of about {bits} bits under sqrt")
        self.charge(_COMPARE * len(args) ** 2 * max(len(v.args) if v.is_Add else 1 for v, _ in args))
        if name == "exp" and args[0][0].is_number:
            # sympy would spend hours on exp(exp(exp(exp(1)))): bound the size from the (bounded) argument.
            bits = _exp_bits(args[0][0])
            if bits > MAX_NUMBER_BITS:
                raise self.too_large(f"exp of a number whose result has about {bits} bits")
            args = [(args[0][0], max(args[0][1], bits))]
        elif name == "exp" and _exp_depth(args[0][0]) >= MAX_EXP_NESTING:
            raise ExpressionError(f"exp nested more than {MAX_EXP_NESTING} deep in {self.shown()}")
        try:
            return function(*(v for v, _ in args)), sum(b for _, b in args)
        except (TypeError, ValueError, ArithmeticError) as error:
            raise ExpressionError(f"cannot apply {name!r} in {self.shown()}: {error}") from None

    def number(self, literal: str) -> _Value:
        text = literal.replace("_", "")
        if text[-1:] in ("j", "J"):
            raise ExpressionError(f"complex number {literal!r} in expression {self.shown()}")
        if text[:2].lower() in ("0x", "0o", "0b"):
            value = sympy.Integer(int(text, 0))
            return value, int(value.p).bit_length() + 1
        found = _DECIMAL.fullmatch(text)
        if not found:
            raise ExpressionError(f"cannot read number {literal!r} in {self.shown()}")
        digits = (found["int"] + (found["frac"] or "")).lstrip("0")
        exponent_text = (found["exp"] or "0").lstrip("+")
        if len(digits) > MAX_LITERAL_DIGITS or len(exponent_text.lstrip("-0")) > 7:
            raise self.too_large(f"number {literal[:20]!r}{'...' if len(literal) > 20 else ''}")
        exponent = int(exponent_text) - len(found["frac"] or "")
        if not digits:
            return sympy.Integer(0), 1
        bits = math.ceil((len(digits) + abs(exponent)) * _LOG2_10) + 2
        if bits > MAX_NUMBER_BITS:
            raise self.too_large(f"number {literal[:20]!r}{'...' if len(literal) > 20 else ''} (about {bits} bits)")
        mantissa = int(digits)
        value = sympy.Integer(mantissa * 10**exponent) if exponent >= 0 else sympy.Rational(mantissa, 10**-exponent)
        return _exact(value, bits)

    def name(self, raw: str) -> sympy.Symbol:
        name = unicodedata.normalize("NFKC", raw)
        if not name.isidentifier() or name.startswith("_") or name in FUNCTIONS or name in RESERVED:
            raise ExpressionError(f"name {raw!r} cannot be used as a parameter in {self.shown()}")
        if name not in self.symbols:
            self.symbols[name] = self.make_symbol(name)
        return self.symbols[name]

    def forbidden(self, lo: int, hi: int) -> ExpressionError:
        # Not arithmetic: let Python's own parser (never evaluated) name the construct, for a clear error.
        first, last = self.tokens[lo], self.tokens[hi - 1]
        lines = self.text.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        piece = self.text[offsets[first.start[0] - 1] + first.start[1] : offsets[last.end[0] - 1] + last.end[1]]
        try:
            node = ast.parse(piece, mode="eval").body
        except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
            return self.malformed(getattr(error, "msg", None) or "invalid syntax")
        return ExpressionError(f"forbidden construct {type(node).__name__} in expression {self.shown()}")


def _exp_bits(argument: sympy.Expr) -> int:
    """About how many bits ``exp(argument)`` has, for a numeric argument (huge when it cannot be told)."""
    try:
        real = float(sympy.re(argument).evalf(15))
    except (TypeError, ValueError, ArithmeticError):
        return MAX_NUMBER_BITS + 1
    if real != real or abs(real) == float("inf"):
        return MAX_NUMBER_BITS + 1
    return int(abs(real) / 0.6931471805599453) + 1


def _exp_depth(expression: sympy.Basic) -> int:
    """How many exp() calls are nested inside one another at most."""
    deepest, stack = 0, [(expression, 0)]
    while stack:
        node, depth = stack.pop()
        depth += isinstance(node, sympy.exp)
        deepest = max(deepest, depth)
        stack.extend((arg, depth) for arg in node.args)
    return deepest
