"""Reading a game file of any supported format, recognised by its content.

:func:`read_game` and :func:`parse_game` tell the formats apart by how the
text begins: ``NFG`` (Gambit's normal form), ``EFG`` (Gambit's extensive
form) or ``{`` (this library's JSON). When the content does not say, the
file's extension (``.nfg``, ``.efg``, ``.json``) chooses the reader, whose
error then locates the problem; otherwise the format is unknown.

Examples
--------
>>> import io
>>> parse_game('NFG 1 R "" { "A" "B" } { 2 1 } 1 0 0 1').shape
(2, 1)
>>> read_game(io.StringIO('EFG 2 R "" { "A" } t "" 1 "" { 3 }')).players
('A',)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from gametheory.exceptions import ParseError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.io._files import read_text
from gametheory.io._tokens import is_decimal, tokenize
from gametheory.io.efg import parse_efg
from gametheory.io.json import parse_json
from gametheory.io.nfg import parse_nfg

__all__ = ["has_decimals", "parse_game", "read_game"]

_PARSERS: dict[str, Callable[[str], Any]] = {".nfg": parse_nfg, ".efg": parse_efg, ".json": parse_json}
_MAGIC = {"NFG": ".nfg", "EFG": ".efg"}


def read_game(source: Any) -> NormalFormGame | ExtensiveFormGame:
    """Read a game from a ``.nfg``, ``.efg`` or JSON file, whichever it is.

    The format is recognised from the content (see :func:`parse_game`); the
    file name's extension is used only when the content does not say, so
    that a malformed ``.nfg`` file gets the ``.nfg`` reader's error with its
    line and column.

    Parameters
    ----------
    source : str, os.PathLike or file object
        The file, as a path or an open text or binary file (whose ``name``,
        if any, gives the extension).

    Returns
    -------
    NormalFormGame or ExtensiveFormGame
        As :func:`~gametheory.io.read_nfg`, :func:`~gametheory.io.read_efg`
        or :func:`~gametheory.io.read_json` would return it.

    Raises
    ------
    ParseError
        If the format is unknown, or the file is malformed in its format.

    See Also
    --------
    has_decimals : whether a Gambit file writes numbers as decimals.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pennies.game"
    >>> _ = path.write_text('NFG 1 R "Pennies" { "Row" "Col" } { 2 2 } 1 -1 -1 1 -1 1 1 -1')
    >>> read_game(path).players
    ('Row', 'Col')
    >>> _ = path.write_text("a game")
    >>> read_game(path)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParseError: unknown game file format: expected a Gambit .nfg or .efg file \
(starting with NFG or EFG) or a gametheory JSON file (starting with '{')
    """
    name = source if isinstance(source, str | os.PathLike) else getattr(source, "name", None)
    suffix = os.path.splitext(name)[1].lower() if isinstance(name, str | os.PathLike) else ""
    text = read_text(source)
    return _PARSERS[_format(text, str(suffix))](text)


def parse_game(text: str) -> NormalFormGame | ExtensiveFormGame:
    """Parse the text of a ``.nfg``, ``.efg`` or JSON game file, recognised by its content.

    Text starting with the word ``NFG`` is read by
    :func:`~gametheory.io.parse_nfg`, with ``EFG`` by
    :func:`~gametheory.io.parse_efg`, and with ``{`` by
    :func:`~gametheory.io.parse_json` (leading whitespace is skipped).

    Parameters
    ----------
    text : str
        The file's content.

    Returns
    -------
    NormalFormGame or ExtensiveFormGame

    Raises
    ------
    ParseError
        If the text starts like none of the formats, or is malformed in its
        format.

    Examples
    --------
    >>> from gametheory.io import generate_json
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[1, "R"]], [[0, "1/2"]])
    >>> parse_game(generate_json(game)) == game
    True
    """
    if not isinstance(text, str):
        raise ParseError(f"expected the text of a game file, got {type(text).__name__}")
    return _PARSERS[_format(text, "")](text)


def has_decimals(source: Any) -> bool:
    """Whether a Gambit game file writes any number as a decimal.

    The Gambit readers read every number exactly; ``0.8`` and ``1e-3`` become
    the fractions they denote. A caller that wants floating point for data
    written as decimals (as the command line does) asks here first: files
    whose numbers are all integers or ratios such as ``3/4`` answer False.
    JSON files answer False: their floats are already floats.

    Parameters
    ----------
    source : str, os.PathLike or file object
        The file, as for :func:`read_game`.

    Returns
    -------
    bool

    Raises
    ------
    ParseError
        If the file cannot be split into Gambit tokens.

    Examples
    --------
    >>> import io
    >>> has_decimals(io.StringIO('NFG 1 R "" { "A" "B" } { 1 1 } 0.5 1/2'))
    True
    >>> has_decimals(io.StringIO('NFG 1 R "" { "A" "B" } { 1 1 } 1 1/2'))
    False
    """
    text = read_text(source)
    if text.lstrip().startswith("{"):
        return False
    return any(is_decimal(token) for token in tokenize(text))


def _format(text: str, suffix: str) -> str:
    """The extension of the format of ``text``: from its first word, else from ``suffix``."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return ".json"
    words = stripped.split(None, 1)
    magic = _MAGIC.get(words[0]) if words else None
    if magic is not None:
        return magic
    if suffix in _PARSERS:
        return suffix
    raise ParseError(
        "unknown game file format: expected a Gambit .nfg or .efg file (starting with NFG or EFG) "
        "or a gametheory JSON file (starting with '{')"
    )
