"""JSON files for this library's own games, parametric games included.

A normal-form game is stored as one JSON object::

    {"format": "gametheory", "version": 1, "kind": "normal_form",
     "players": ["US", "Militia"],
     "strategies": [["Strike", "Restrain"], ["Attack", "Hold"]],
     "parameters": {"R": {"positive": true}},
     "payoffs": [[["-d - c", "b - k + l"], ["-c", 0]], [["-d - R", "b"], [0, 0]]]}

``payoffs`` has the layout of :attr:`NormalFormGame.payoffs`: nested lists
of shape ``(n_1, ..., n_N, N)``. An entry is a JSON integer, a JSON float
(which makes a float game), or a string: an exact ratio such as ``"3/4"``
or an expression in the parameters, read with
:func:`gametheory.games.expressions.parse_expression` (never ``eval``).
``parameters`` is optional; it records sympy assumptions of parameters that
are not plain real symbols.

Examples
--------
>>> from gametheory.games.normal_form import NormalFormGame
>>> game = NormalFormGame.from_bimatrix([["-c", 0]], [["b", "1/2"]])
>>> parse_json(generate_json(game)) == game
True
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from sympy.printing.str import StrPrinter

from gametheory._internal.bigints import fraction_from_str, int_from_str, int_to_str
from gametheory._internal.formatting import format_number
from gametheory.exceptions import GameTheoryError, ParseError, UnsupportedGameError
from gametheory.games.expressions import normalize_name, parameter, parse_expression
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.io._files import read_text, write_text
from gametheory.io._json_deep import dumps, loads
from gametheory.io._json_tree import read_tree, write_tree

__all__ = ["generate_json", "parse_json", "read_json", "write_json"]

FORMAT_NAME = "gametheory"
FORMAT_VERSION = 1

# Readers and writers of further kinds of games (trees) register here.
_READERS: dict[str, Callable[[dict[str, Any], _Context], Any]] = {}
_WRITERS: list[tuple[type, str, Callable[[Any, _Context], dict[str, Any]]]] = []


def read_json(path: Any) -> Any:
    """Read a game from a JSON file written by :func:`write_json`.

    Parameters
    ----------
    path : str, os.PathLike or file object
        The file, as a path or an open text or binary file.

    Returns
    -------
    NormalFormGame or ExtensiveFormGame
        The game the file describes.

    Raises
    ------
    ParseError
        If the file is not valid JSON or does not describe a game.

    Examples
    --------
    >>> import io
    >>> text = '{"format": "gametheory", "version": 1, "kind": "normal_form", "payoffs": [[[1, 0]], [[0, 1]]]}'
    >>> read_json(io.StringIO(text)).shape
    (2, 1)
    """
    return parse_json(read_text(path))


def parse_json(text: str) -> Any:
    """Parse a game from JSON text (see the module documentation for the layout).

    Parameters
    ----------
    text : str
        The JSON document.

    Returns
    -------
    NormalFormGame or ExtensiveFormGame

    Raises
    ------
    ParseError
        On invalid JSON (with its line and column) or a document that does not
        describe a valid game (with the line and column of the offending key
        and a path such as ``payoffs[1][0][1]``). Payoff strings are parsed
        safely; a hostile string is rejected.

    Examples
    --------
    >>> game = parse_json('''{"format": "gametheory", "version": 1, "kind": "normal_form",
    ...     "players": ["US", "Militia"], "strategies": [["Strike"], ["Attack", "Hold"]],
    ...     "payoffs": [[["-d - c", "b - k + l"], ["-c", 0]]]}''')
    >>> game.parameters
    (b, c, d, k, l)
    """
    if not isinstance(text, str):
        raise ParseError(f"expected JSON text, got {type(text).__name__}")
    try:
        document = loads(text, parse_int=_read_int)
    except json.JSONDecodeError as error:
        raise ParseError(f"invalid JSON: {error.msg}", line=error.lineno, column=error.colno) from None
    except (ValueError, RecursionError) as error:
        raise ParseError(f"invalid JSON: {error}") from None
    context = _Context(text)
    if not isinstance(document, dict):
        raise context.error("a game file must hold a JSON object", None)
    if document.get("format") != FORMAT_NAME:
        raise context.error(f'expected "format": "{FORMAT_NAME}"', "format")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
        raise context.error(f"unsupported version {version!r}; this library reads version {FORMAT_VERSION}", "version")
    kind = document.get("kind")
    reader = _READERS.get(kind) if isinstance(kind, str) else None
    if reader is None:
        known = ", ".join(sorted(_READERS))
        raise context.error(f"unknown kind of game {kind!r}; expected one of {known}", "kind")
    context.symbols = _read_parameters(document.get("parameters", {}), context)
    return reader(document, context)


def generate_json(game: Any) -> str:
    """Return the JSON text of a game (normal form, parametric or not, or a tree).

    Exact numbers are written as integers or ratio strings (``"3/4"``),
    floats as JSON floats, and parametric payoffs as expression strings.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame

    Raises
    ------
    UnsupportedGameError
        If the object is not a game, or a payoff cannot be written so that it
        reads back equal (for example a sympy ``Float`` or ``pi`` inside an
        expression).

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> print(generate_json(NormalFormGame.from_bimatrix([[1, "R"]], [[0, "1/2"]])))
    {
      "format": "gametheory",
      "version": 1,
      "kind": "normal_form",
      "players": ["Player 1", "Player 2"],
      "strategies": [["s1"], ["s1", "s2"]],
      "payoffs": [[[1, 0], ["R", "1/2"]]]
    }
    """
    context = _Context("")
    matches = [(kind, writer) for cls, kind, writer in _WRITERS if isinstance(game, cls)]
    if not matches:
        raise UnsupportedGameError(f"cannot write {type(game).__name__} as JSON; expected a game")
    kind, writer = matches[0]
    body = writer(game, context)
    head: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "kind": kind}
    parameters = {s.name: _minimal_assumptions(s) for s in context.written_symbols.values() if s != parameter(s.name)}
    document = {**head, **body}
    if parameters:
        document = {**head, "parameters": dict(sorted(parameters.items())), **body}
    lines = [f"  {json.dumps(key)}: {dumps(value)}" for key, value in document.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_json(game: Any, path: Any) -> None:
    """Write a game to a JSON file (see :func:`generate_json`).

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
    path : str, os.PathLike or file object

    Examples
    --------
    >>> import io
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["-c", 0]], [["b", 0]])
    >>> buffer = io.StringIO()
    >>> write_json(game, buffer)
    >>> _ = buffer.seek(0)
    >>> read_json(buffer) == game
    True
    """
    write_text(path, generate_json(game))


class _Context:
    """State shared while reading or writing one document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.symbols: dict[str, sympy.Symbol] = {}
        self.written_symbols: dict[str, sympy.Symbol] = {}

    def error(self, message: str, key: str | None, path: str = "") -> ParseError:
        """A ParseError located at the first occurrence of ``"key":`` in the text."""
        line = column = None
        if key is not None:
            match = re.search(re.escape(json.dumps(key)) + r"\s*:", self.text)
            if match:
                line = self.text.count("\n", 0, match.start()) + 1
                column = match.start() - (self.text.rfind("\n", 0, match.start()) + 1) + 1
        where = f"{path or key}: " if key is not None else ""
        return ParseError(where + message, line=line, column=column)

    def number(self, value: Any, key: str, path: str) -> Any:
        """Read one JSON number or numeric/expression string."""
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.error(f"expected a number or an expression string, found {json.dumps(value)[:40]}", key, path)
        if isinstance(value, int):
            return Fraction(value)
        if isinstance(value, float):
            return value
        # Exact numbers past Python's 4300-digit int() limit are written as "n" or "n/d" strings.
        exact = fraction_from_str(value, decimals=False) if len(value) > 1000 else None
        if exact is not None:
            return exact
        try:
            return parse_expression(value, symbols=self.symbols)
        except GameTheoryError as error:
            raise self.error(str(error), key, path) from None

    def write_number(self, value: Any) -> Any:
        """The JSON form of an exact, float or symbolic number."""
        if isinstance(value, sympy.Integer):
            value = Fraction(int(value))
        if isinstance(value, Fraction):
            if value.denominator == 1 and value.numerator.bit_length() <= 13_000:  # under 4000 digits
                return value.numerator
            # json.dumps cannot write an int of over 4300 digits: such numbers go in a string.
            numerator = int_to_str(value.numerator)
            return numerator if value.denominator == 1 else f"{numerator}/{int_to_str(value.denominator)}"
        if isinstance(value, float | np.floating):
            return float(value)
        if isinstance(value, sympy.Expr):
            text = _PRINTER.doprint(value)
            names = {s.name: s for s in value.free_symbols if isinstance(s, sympy.Symbol)}
            try:
                same = parse_expression(text, symbols=names) == value
            except GameTheoryError:
                same = False
            if not same:
                raise UnsupportedGameError(
                    f"payoff {format_number(value)} cannot be written as an expression that reads back equal; "
                    "use exact numbers (no floats or constants such as pi) in symbolic payoffs"
                )
            self.written_symbols.update(names)
            return text
        if isinstance(value, int | np.integer):
            return int(value)
        raise UnsupportedGameError(f"cannot write {value!r} of type {type(value).__name__} as JSON")


def _read_int(text: str) -> int:
    """A JSON integer literal, of any length (``int()`` stops at 4300 digits)."""
    return int(text) if len(text) <= 4000 else int_from_str(text)


class _Printer(StrPrinter):
    # Print Euler's number as a call the safe parser accepts.
    def _print_Exp1(self, expr: Any) -> str:
        return "exp(1)"

    # Integers of over 4300 digits, which str() refuses (the reader then rejects them clearly).
    def _print_Integer(self, expr: Any) -> str:
        return int_to_str(expr.p)

    def _print_Rational(self, expr: Any) -> str:
        return int_to_str(expr.p) if expr.q == 1 else f"{int_to_str(expr.p)}/{int_to_str(expr.q)}"


_PRINTER = _Printer()


def _read_parameters(value: Any, context: _Context) -> dict[str, sympy.Symbol]:
    if not isinstance(value, dict):
        raise context.error("expected an object mapping parameter names to assumptions", "parameters")
    symbols: dict[str, sympy.Symbol] = {}
    for name, assumptions in value.items():
        path = f"parameters.{name}"
        try:
            parameter(name)
        except GameTheoryError as error:
            raise context.error(str(error), "parameters", path) from None
        if not isinstance(assumptions, dict) or not all(isinstance(v, bool) for v in assumptions.values()):
            raise context.error('expected an object of assumptions such as {"positive": true}', "parameters", path)
        try:
            symbol = sympy.Symbol(name, **assumptions)
        except (ValueError, TypeError) as error:
            raise context.error(f"inconsistent assumptions: {str(error).splitlines()[0]}", "parameters", path) from None
        # Names match in NFKC form, as in expressions ("\u00b5" is "\u03bc"); the symbol keeps the declared spelling.
        if symbols.setdefault(normalize_name(name), symbol) is not symbol:
            raise context.error("parameter declared twice (two spellings of one name)", "parameters", path)
    return symbols


def _minimal_assumptions(symbol: sympy.Symbol) -> dict[str, bool]:
    # Keep only the assumptions needed to rebuild the same symbol, for a readable file.
    full = dict(sorted(symbol.assumptions0.items()))
    kept = dict(full)
    for key in list(full):
        trial = {k: v for k, v in kept.items() if k != key}
        if sympy.Symbol(symbol.name, **trial).assumptions0 == full:
            kept = trial
    return kept


def _label_list(document: dict[str, Any], key: str, context: _Context) -> Any:
    value = document.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise context.error("expected a list", key)
    return value


def _read_normal_form(document: dict[str, Any], context: _Context) -> NormalFormGame:
    unknown = sorted(set(document) - {"format", "version", "kind", "parameters", "players", "strategies", "payoffs"})
    if unknown:
        raise context.error(f"unknown key {unknown[0]!r} in a normal-form game", unknown[0])
    if "payoffs" not in document:
        raise context.error('a normal-form game needs "payoffs"', None)
    payoffs = _read_nested(document["payoffs"], context, "payoffs", "payoffs", depth=0)
    try:
        array = np.empty(0, dtype=object) if payoffs == [] else _object_array(payoffs)
        return NormalFormGame(
            array,
            players=_label_list(document, "players", context),
            strategies=_label_list(document, "strategies", context),
        )
    except GameTheoryError as error:
        key = "payoffs" if "payoff" in str(error) or "shape" in str(error) else "strategies"
        raise context.error(str(error), key if key in document else "payoffs") from None


def _read_nested(value: Any, context: _Context, key: str, path: str, *, depth: int) -> Any:
    if isinstance(value, list):
        if depth > 32:
            raise context.error("payoffs are nested too deeply", key, path)
        return [_read_nested(v, context, key, f"{path}[{i}]", depth=depth + 1) for i, v in enumerate(value)]
    return context.number(value, key, path)


def _object_array(nested: list[Any]) -> np.ndarray:
    # Build the object array by shape first, so sympy expressions are never treated as sequences.
    shape = []
    level: Any = nested
    while isinstance(level, list):
        shape.append(len(level))
        if not level:
            break
        level = level[0]
    # Compare sizes before allocating: a crafted ragged nesting could claim an enormous shape.
    if _count_leaves(nested) != math.prod(shape) or len(shape) > 33:
        raise ParseError("payoffs are ragged: rows of different lengths")
    out = np.empty(tuple(shape), dtype=object)
    for index in np.ndindex(*shape):
        item: Any = nested
        for i in index:
            if not isinstance(item, list) or i >= len(item):
                raise ParseError("payoffs are ragged: rows of different lengths")
            item = item[i]
        if isinstance(item, list):
            raise ParseError("payoffs are ragged: rows of different lengths")
        out[index] = item
    return out


def _count_leaves(nested: Any) -> int:
    return sum(_count_leaves(v) for v in nested) if isinstance(nested, list) else 1


def _write_normal_form(game: NormalFormGame, context: _Context) -> dict[str, Any]:
    payoffs = np.empty(game.payoffs.shape, dtype=object)
    payoffs.flat[:] = [context.write_number(x) for x in game.payoffs.flat]
    return {
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "payoffs": payoffs.tolist(),
    }


_READERS["normal_form"] = _read_normal_form
_READERS["extensive_form"] = read_tree
_WRITERS.append((NormalFormGame, "normal_form", _write_normal_form))
_WRITERS.append((ExtensiveFormGame, "extensive_form", write_tree))
