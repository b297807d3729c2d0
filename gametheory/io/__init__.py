"""Reading and writing games: Gambit's ``.nfg`` and ``.efg`` formats, and JSON.

Each format has four functions, as in NetworkX: ``read_*`` (a path or an open
file), ``parse_*`` (text), ``generate_*`` (text) and ``write_*`` (a path or an
open file). Malformed input raises :class:`gametheory.exceptions.ParseError`
with the line and column of the problem. :func:`read_game` and
:func:`parse_game` read any of the three formats, recognised by the content.

The Gambit readers accept what Gambit writes and reads, with two
strictnesses: a number must be separated from the next token (``2x`` is an
error, not ``2`` then ``x``), and inside a label ``\\\\`` is one backslash
(``\\"`` is a quote, as in Gambit). The Gambit formats hold numbers only;
use JSON for parametric games.

Examples
--------
>>> from gametheory.io import generate_nfg, parse_nfg
>>> game = parse_nfg('NFG 1 R "" { "A" "B" } { 2 2 } 1 1 0 0 0 0 1 1')
>>> parse_nfg(generate_nfg(game)) == game
True
"""

from gametheory.io.efg import generate_efg, parse_efg, read_efg, write_efg
from gametheory.io.formats import has_decimals, parse_game, read_game
from gametheory.io.json import generate_json, parse_json, read_json, write_json
from gametheory.io.nashpy import from_nashpy, to_nashpy
from gametheory.io.nfg import generate_nfg, parse_nfg, read_nfg, write_nfg

__all__ = [
    "from_nashpy",
    "generate_efg",
    "generate_json",
    "generate_nfg",
    "has_decimals",
    "parse_efg",
    "parse_game",
    "parse_json",
    "parse_nfg",
    "read_efg",
    "read_game",
    "read_json",
    "read_nfg",
    "to_nashpy",
    "write_efg",
    "write_json",
    "write_nfg",
]
