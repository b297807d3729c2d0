"""A tokenizer for Gambit's text formats that records line and column.

The token rules follow Gambit's own lexer: whitespace separates tokens and is
otherwise insignificant; ``{``, ``}`` and ``,`` are tokens of their own; a
quoted string is one ``TEXT`` token; numbers are integers, decimals (with an
optional exponent) or ratios such as ``-3/4``; anything else is a ``SYMBOL``
(``NFG``, ``R``, ``p``, ...). Inside a string ``\\"`` stands for a quote and
``\\\\`` for one backslash; any other backslash is kept as it is.

Two deliberate differences from Gambit's lexer, both on input Gambit never
writes: a number must be followed by whitespace, a brace, a comma or a quote
(``2x`` and ``2-1/2`` are errors here, where Gambit silently splits them), and
``\\\\`` is one backslash (Gambit keeps both, so a label ending in a
backslash cannot be written for Gambit at all).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametheory._internal.bigints import fraction_from_str, int_to_str
from gametheory.exceptions import ParseError, UnsupportedGameError

__all__ = [
    "Kind",
    "Token",
    "TokenStream",
    "format_fraction",
    "format_number",
    "is_decimal",
    "normalize_labels",
    "quote",
    "read_header",
    "require_numeric",
    "to_fraction",
    "tokenize",
]


class Kind(enum.Enum):
    """Token categories."""

    NUMBER = "number"
    TEXT = "quoted text"
    SYMBOL = "symbol"
    LBRACE = "'{'"
    RBRACE = "'}'"
    COMMA = "','"
    EOF = "end of file"


@dataclass(frozen=True)
class Token:
    """One token with its one-based line and column."""

    kind: Kind
    text: str
    line: int
    column: int

    def describe(self) -> str:
        """A short description for error messages."""
        if self.kind is Kind.EOF:
            return "end of file"
        if self.kind is Kind.TEXT:
            shown = self.text if len(self.text) <= 30 else self.text[:27] + "..."
            return f'text "{shown}"'
        if self.kind is Kind.NUMBER:
            return f"number {self.text}"
        return repr(self.text)


_SCANNER = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<punct>[{},])
  | (?P<text>"(?:[^"\\]|\\.)*")
  | (?P<open>")
  | (?P<number>[+-]?(?:\d+/\d+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?=[\s{},"]|$))
  | (?P<bad>[-+.\d][^\s{},"]*)
  | (?P<symbol>[^\s{},"]+)
    """,
    re.VERBOSE | re.DOTALL,
)
_PUNCTUATION = {"{": Kind.LBRACE, "}": Kind.RBRACE, ",": Kind.COMMA}
_ESCAPE = re.compile(r'\\(["\\])')
# Exponents beyond this are almost surely corrupt input and would build huge integers.
_MAX_EXPONENT = 400


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with one ``EOF`` token.

    Raises
    ------
    ParseError
        On an unterminated string or a malformed number.

    Examples
    --------
    >>> [t.text for t in tokenize('NFG 1 R "a \\\\"b\\\\"" { 3/4 }')]
    ['NFG', '1', 'R', 'a "b"', '{', '3/4', '}', '']
    """
    if not isinstance(text, str):
        raise ParseError(f"expected text, got {type(text).__name__}")
    tokens: list[Token] = []
    line, line_start = 1, 0
    for match in _SCANNER.finditer(text):
        kind, start, end = match.lastgroup, match.start(), match.end()
        column = start - line_start + 1
        if kind == "punct":
            tokens.append(Token(_PUNCTUATION[match.group()], match.group(), line, column))
        elif kind == "number":
            tokens.append(Token(Kind.NUMBER, match.group(), line, column))
        elif kind == "symbol":
            tokens.append(Token(Kind.SYMBOL, match.group(), line, column))
        elif kind == "text":
            tokens.append(Token(Kind.TEXT, _ESCAPE.sub(r"\1", text[start + 1 : end - 1]), line, column))
        elif kind == "open":
            raise ParseError("end of file inside a quoted label", line=line, column=column)
        elif kind == "bad":
            shown = match.group() if end - start <= 40 else match.group()[:37] + "..."
            raise ParseError(f"malformed number {shown!r}", line=line, column=column)
        if kind in ("space", "text"):
            newlines = text.count("\n", start, end)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", start, end) + 1
    tokens.append(Token(Kind.EOF, "", line, len(text) - line_start + 1))
    return tokens


def to_fraction(token: Token) -> Fraction:
    """The exact value of a ``NUMBER`` token (decimals are read exactly)."""
    text = token.text
    exponent = re.search(r"[eE]([+-]?\d+)$", text) if "e" in text or "E" in text else None
    if exponent and abs(int(exponent.group(1))) > _MAX_EXPONENT:
        raise ParseError(f"number {text!r} is out of range", line=token.line, column=token.column)
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        # Python's int() stops at 4300 digits; exact payoffs may be longer.
        long_value = fraction_from_str(text) if len(text) > 4000 else None
        if long_value is None:
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise ParseError(f"malformed number {shown!r}", line=token.line, column=token.column) from None
        value = long_value
    return value


def is_decimal(token: Token) -> bool:
    """True for a number written with a decimal point or an exponent."""
    return token.kind is Kind.NUMBER and any(c in token.text for c in ".eE")


class TokenStream:
    """A cursor over a token list with helpers that raise :class:`ParseError`."""

    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0
        # Payoff files repeat the same few numbers; Fractions are immutable, so parsed values are shared.
        self._values: dict[str, Fraction] = {}

    @property
    def current(self) -> Token:
        """The next unread token."""
        return self.tokens[self.index]

    @property
    def remaining(self) -> int:
        """How many tokens are left before the end of file."""
        return len(self.tokens) - 1 - self.index

    def error(self, message: str, token: Token | None = None) -> ParseError:
        """A ParseError located at ``token`` (default: the current token)."""
        token = token or self.current
        return ParseError(message, line=token.line, column=token.column)

    def next(self) -> Token:
        """Consume and return the current token."""
        token = self.tokens[self.index]
        if token.kind is not Kind.EOF:
            self.index += 1
        return token

    def peek(self, kind: Kind) -> bool:
        """True if the current token has this kind."""
        return self.current.kind is kind

    def accept(self, kind: Kind) -> Token | None:
        """Consume the current token if it has this kind."""
        return self.next() if self.current.kind is kind else None

    def expect(self, kind: Kind, what: str | None = None) -> Token:
        """Consume a token of this kind or raise ParseError naming what was expected."""
        token = self.current
        if token.kind is not kind:
            raise self.error(f"expected {what or kind.value}, found {token.describe()}")
        return self.next()

    def expect_symbol(self, allowed: tuple[str, ...], what: str) -> Token:
        """Consume a SYMBOL whose text is one of ``allowed``."""
        token = self.current
        if token.kind is not Kind.SYMBOL or token.text not in allowed:
            raise self.error(f"expected {what}, found {token.describe()}")
        return self.next()

    def number(self, what: str = "a number") -> Fraction:
        """Consume a NUMBER token and return its exact value."""
        token = self.expect(Kind.NUMBER, what)
        value = self._values.get(token.text)
        if value is None:
            value = self._values[token.text] = to_fraction(token)
        return value

    def integer(self, what: str, *, low: int = 0, high: int | None = None) -> int:
        """Consume a NUMBER token that must be an integer in ``[low, high]``."""
        token = self.expect(Kind.NUMBER, what)
        if not re.fullmatch(r"[+-]?\d+", token.text):
            raise self.error(f"expected {what} (an integer), found {token.text!r}", token)
        if len(token.text.lstrip("+-")) > 18:
            raise self.error(f"{what} is too large: {token.text[:20]}...", token)
        value = int(token.text)
        if value < low or (high is not None and value > high):
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise self.error(f"{what} must be {bound}, not {value}", token)
        return value

    def text(self, what: str) -> str:
        """Consume a TEXT token and return its content."""
        return self.expect(Kind.TEXT, what).text

    def text_list(self, before: str, item: str) -> list[str]:
        """Consume ``{ "a" "b" ... }`` and return the texts; ``before`` and ``item`` name them in errors."""
        self.expect(Kind.LBRACE, f"'{{' before {before}")
        texts = []
        while self.peek(Kind.TEXT):
            texts.append(self.next().text)
        self.expect(Kind.RBRACE, f"{item} or '}}'")
        return texts


def read_header(stream: TokenStream, magic: str, version: int) -> str:
    """Consume a Gambit file's ``NFG 1 R "title"`` opening and return the title.

    Examples
    --------
    >>> read_header(TokenStream('EFG 2 R "Entry" { }'), "EFG", 2)
    'Entry'
    >>> read_header(TokenStream('EFG 3 R ""'), "EFG", 2)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParseError: line 1, column 5: only version 2 of the .efg format is supported
    """
    extension = "." + magic.lower()
    stream.expect_symbol((magic,), f"'{magic}' at the start of a {extension} file")
    token = stream.current
    if stream.integer("the format version") != version:
        raise stream.error(f"only version {version} of the {extension} format is supported", token)
    stream.expect_symbol(("R", "D"), "the number type 'R' or 'D'")
    return stream.text("the game's title in quotes")


def require_numeric(game: Any, extension: str) -> None:
    """Refuse to write a parametric game to a Gambit file, which holds numbers only.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> try:
    ...     require_numeric(NormalFormGame.from_bimatrix([["c"]], [[0]]), ".nfg")
    ... except UnsupportedGameError as error:
    ...     print(error)
    the .nfg format holds numbers only; substitute the parameters first, or save the game as JSON
    """
    if game.is_parametric:
        raise UnsupportedGameError(
            f"the {extension} format holds numbers only; substitute the parameters first, or save the game as JSON"
        )


def quote(label: str) -> str:
    """Quote a label for a Gambit file, escaping backslashes and quotes.

    Examples
    --------
    >>> print(quote('say "hi"'))
    "say \\"hi\\""
    """
    return '"' + label.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_fraction(value: Fraction) -> str:
    """Write an exact number as Gambit does: ``3``, ``-3/4``.

    Examples
    --------
    >>> format_fraction(Fraction(-3, 4))
    '-3/4'
    """
    numerator = int_to_str(value.numerator)  # numbers of any size, past Python's 4300-digit str() limit
    return numerator if value.denominator == 1 else f"{numerator}/{int_to_str(value.denominator)}"


def format_number(value: Any) -> str:
    """Write a payoff or probability for a Gambit file: exact as ``-3/4``, a float as its shortest decimal.

    Examples
    --------
    >>> format_number(Fraction(6, 2)), format_number(0.1), format_number(2.0), format_number(1e300)
    ('3', '0.1', '2', '1e+300')
    """
    if isinstance(value, Fraction):
        return format_fraction(value)
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def normalize_labels(labels: list[str]) -> list[str]:
    """Make labels unique and non-empty the way Gambit does.

    A label that is empty or shared by several entries becomes ``label_1``,
    ``label_2``, ... skipping names already in use.

    Examples
    --------
    >>> normalize_labels(["", "x", "x", "y"])
    ['_1', 'x_1', 'x_2', 'y']
    """
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    out = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            visited[label] = visited.get(label, 0) + 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out
