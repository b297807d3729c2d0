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
from collections.abc import Callable
from typing import Any

from gametheory.exceptions import ParseError, UnsupportedGameError
from gametheory.games.expressions import parameter
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.io._files import read_text, write_text
from gametheory.io._json_context import Context, minimal_assumptions, read_int, read_parameters
from gametheory.io._json_deep import dumps, loads
from gametheory.io._json_matrix import read_normal_form, write_normal_form
from gametheory.io._json_tree import read_tree, write_tree

__all__ = ["generate_json", "parse_json", "read_json", "write_json"]

FORMAT_NAME = "gametheory"
FORMAT_VERSION = 1

# The reader and writer of each kind of game.
_READERS: dict[str, Callable[[dict[str, Any], Context], Any]] = {
    "normal_form": read_normal_form,
    "extensive_form": read_tree,
}
_WRITERS: list[tuple[type, str, Callable[[Any, Context], dict[str, Any]]]] = [
    (NormalFormGame, "normal_form", write_normal_form),
    (ExtensiveFormGame, "extensive_form", write_tree),
]


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
        document = loads(text, parse_int=read_int)
    except json.JSONDecodeError as error:
        raise ParseError(f"invalid JSON: {error.msg}", line=error.lineno, column=error.colno) from None
    except (ValueError, RecursionError) as error:
        raise ParseError(f"invalid JSON: {error}") from None
    context = Context(text)
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
    context.symbols = read_parameters(document.get("parameters", {}), context)
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
    context = Context("")
    matches = [(kind, writer) for cls, kind, writer in _WRITERS if isinstance(game, cls)]
    if not matches:
        raise UnsupportedGameError(f"cannot write {type(game).__name__} as JSON; expected a game")
    kind, writer = matches[0]
    body = writer(game, context)
    head: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "kind": kind}
    parameters = {s.name: minimal_assumptions(s) for s in context.written_symbols.values() if s != parameter(s.name)}
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
