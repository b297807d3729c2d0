"""Gambit's strategic-form ``.nfg`` files: read, parse, generate, write.

Both versions of the format are read: the *payoff version*, which lists the
payoffs of every profile, and the *outcome version*, which defines numbered
outcomes and then gives the outcome of every profile (``0`` is the null
outcome, all payoffs zero). In both, profiles are listed with player 1's
strategy varying fastest. The header gives either strategy counts
(``{ 3 2 }``, labels become ``"1"``, ``"2"``, ...) or strategy labels.

Numbers are read exactly: ``2``, ``-3/4`` and ``0.1`` (which is ``1/10``)
all become :class:`~fractions.Fraction`, so a game read from a file is an
exact game. Empty or repeated labels are made unique the way Gambit does
(``"x"``, ``"x"`` become ``"x_1"``, ``"x_2"``). The title and the comment of
a file are not part of a :class:`~gametheory.games.normal_form.NormalFormGame`
and are dropped on reading.

Examples
--------
>>> text = '''NFG 1 R "Prisoner's dilemma" { "Row" "Column" }
... { { "C" "D" } { "C" "D" } }
... ""
... 3 3 5 0 0 5 1 1
... '''
>>> game = parse_nfg(text)
>>> print(game)
Row \\ Column  C     D
C             3, 3  0, 5
D             5, 0  1, 1
>>> parse_nfg(generate_nfg(game)) == game
True
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory.exceptions import GameTheoryError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.io._files import read_text, write_text
from gametheory.io._tokens import (
    Kind,
    TokenStream,
    format_number,
    normalize_labels,
    quote,
    read_header,
    require_numeric,
)

__all__ = ["generate_nfg", "parse_nfg", "read_nfg", "write_nfg"]

# numpy arrays have at most 64 axes: one per player plus the payoff axis.
_MAX_PLAYERS = 63


def read_nfg(path: Any) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file.

    Parameters
    ----------
    path : str, os.PathLike or file object
        The file, as a path or an open text or binary file.

    Returns
    -------
    NormalFormGame
        An exact game (numbers are read as fractions).

    Raises
    ------
    ParseError
        If the file is malformed; the message gives the line and column.

    Examples
    --------
    >>> import io
    >>> read_nfg(io.StringIO('NFG 1 R "" { "A" "B" } { 1 2 } 1 2 3 4')).strategies
    (('1',), ('1', '2'))
    """
    return parse_nfg(read_text(path))


def parse_nfg(text: str) -> NormalFormGame:
    """Parse the text of a Gambit ``.nfg`` file (payoff or outcome version).

    Parameters
    ----------
    text : str
        The file's content.

    Returns
    -------
    NormalFormGame
        An exact game: every number in the format is rational.

    Raises
    ------
    ParseError
        If the text is malformed, with the line and column of the problem.

    Examples
    --------
    >>> text = '''NFG 1 R "Matching pennies" { "1" "2" }
    ... { { "H" "T" } { "H" "T" } }
    ... ""
    ... { { "win 1" 1, -1 } { "win 2" -1, 1 } }
    ... 1 2 2 1
    ... '''
    >>> parse_nfg(text).payoffs[0, 1].tolist()
    [Fraction(-1, 1), Fraction(1, 1)]
    """
    stream = TokenStream(text)
    read_header(stream, "NFG", 1)
    players_token = stream.current
    players = stream.text_list("the player names", "a quoted player name")
    if len(players) > _MAX_PLAYERS:
        raise stream.error(
            f"{len(players)} players is more than the {_MAX_PLAYERS} a payoff tensor can hold", players_token
        )
    labels = _read_strategies(stream, len(players))
    stream.accept(Kind.TEXT)  # the optional comment
    shape = tuple(len(s) for s in labels)
    if stream.peek(Kind.LBRACE):
        payoffs = _read_outcome_body(stream, shape, len(players))
    elif stream.peek(Kind.NUMBER):
        payoffs = _read_payoff_body(stream, shape, len(players))
    else:
        raise stream.error(f"expected payoffs or a list of outcomes, found {stream.current.describe()}")
    stream.expect(Kind.EOF, "the end of the file after the last payoff")
    try:
        return NormalFormGame(payoffs, players=normalize_labels(players), strategies=labels)
    except GameTheoryError as error:
        raise stream.error(str(error), players_token) from None


def generate_nfg(game: NormalFormGame, *, title: str = "", comment: str = "") -> str:
    """Return the text of a ``.nfg`` file (payoff version, with labels) for a numeric game.

    Exact payoffs are written as integers or ratios (``-3/4``). Float payoffs
    are written with the shortest decimal that reads back as the same float,
    so ``float_payoffs()`` of the game read back equals the original.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (substitute the parameters of a parametric game first,
        or use :func:`gametheory.io.json_format.generate_json`).
    title, comment : str, optional
        The title and comment written to the file.

    Raises
    ------
    UnsupportedGameError
        If the game is parametric: the format holds numbers only.

    Examples
    --------
    >>> game = NormalFormGame.from_bimatrix([[1, 0]], [[Fraction(1, 2), 2]])
    >>> print(generate_nfg(game, title="tiny"))
    NFG 1 R "tiny" { "Player 1" "Player 2" }
    { { "s1" } { "s1" "s2" } }
    ""
    <BLANKLINE>
    1 1/2 0 2
    <BLANKLINE>
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"generate_nfg takes a NormalFormGame, not {type(game).__name__}")
    require_numeric(game, ".nfg")
    numbers = [format_number(x) for x in _profile_major(game.payoffs).flat]
    strategies = " ".join("{ " + " ".join(quote(s) for s in labels) + " }" for labels in game.strategies)
    lines = [
        f"NFG 1 R {quote(title)} {{ {' '.join(quote(p) for p in game.players)} }}",
        f"{{ {strategies} }}",
        quote(comment),
        "",
        " ".join(numbers),
        "",
    ]
    return "\n".join(lines)


def write_nfg(game: NormalFormGame, path: Any, *, title: str = "", comment: str = "") -> None:
    """Write a numeric game to a ``.nfg`` file (see :func:`generate_nfg`).

    Parameters
    ----------
    game : NormalFormGame
        A numeric game.
    path : str, os.PathLike or file object
        Where to write.
    title, comment : str, optional
        The title and comment written to the file.

    Examples
    --------
    >>> import io
    >>> buffer = io.StringIO()
    >>> game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> write_nfg(game, buffer)
    >>> _ = buffer.seek(0)
    >>> read_nfg(buffer) == game
    True
    """
    write_text(path, generate_nfg(game, title=title, comment=comment))


def _read_strategies(stream: TokenStream, num_players: int) -> list[list[str]]:
    stream.expect(Kind.LBRACE, "'{' before the strategy counts or labels")
    labels: list[list[str]] = []
    if stream.peek(Kind.LBRACE):
        for _ in range(num_players):
            token = stream.current
            names = stream.text_list(f"the strategy labels of player {len(labels) + 1}", "a quoted strategy label")
            if not names:
                raise stream.error(f"player {len(labels) + 1} has no strategies", token)
            labels.append(normalize_labels(names))
    else:
        for player in range(num_players):
            token = stream.current
            count = stream.integer(f"the number of strategies of player {player + 1}", low=1)
            # Each strategy needs at least one number in the body: reject absurd counts before building labels.
            if count > stream.remaining:
                raise stream.error(f"player {player + 1} has {count} strategies, more than the file has payoffs", token)
            labels.append([str(k + 1) for k in range(count)])
    stream.expect(Kind.RBRACE, f"'}}' after the strategies of the {num_players} players")
    return labels


def _read_payoff_body(stream: TokenStream, shape: tuple[int, ...], num_players: int) -> np.ndarray:
    count = math.prod(shape) * num_players
    if stream.remaining < count:
        raise stream.error(f"expected {count} payoffs, but the file has only {stream.remaining} tokens left")
    flat = [stream.number(f"payoff number {k + 1} of {count}") for k in range(count)]
    return _from_profile_major(flat, shape, num_players)


def _read_outcome_body(stream: TokenStream, shape: tuple[int, ...], num_players: int) -> np.ndarray:
    stream.expect(Kind.LBRACE, "'{' before the list of outcomes")
    outcomes: list[list[Fraction]] = [[Fraction(0)] * num_players]  # outcome 0 is the null outcome
    while stream.accept(Kind.LBRACE):
        stream.text(f"the quoted label of outcome {len(outcomes)}")
        payoffs = []
        for player in range(num_players):
            payoffs.append(stream.number(f"player {player + 1}'s payoff in outcome {len(outcomes)}"))
            stream.accept(Kind.COMMA)
        stream.expect(Kind.RBRACE, f"'}}' after the {num_players} payoffs of outcome {len(outcomes)}")
        outcomes.append(payoffs)
    stream.expect(Kind.RBRACE, "'{' starting an outcome or '}' ending the list of outcomes")
    count = math.prod(shape)
    if stream.remaining < count:
        raise stream.error(f"expected {count} outcome numbers, but the file has only {stream.remaining} tokens left")
    flat: list[Fraction] = []
    for k in range(count):
        index = stream.integer(f"the outcome of profile {k + 1} of {count}", high=len(outcomes) - 1)
        flat.extend(outcomes[index])
    return _from_profile_major(flat, shape, num_players)


def _from_profile_major(flat: list[Fraction], shape: tuple[int, ...], num_players: int) -> np.ndarray:
    # The file lists profiles with player 1 varying fastest: Fortran order over the strategy axes.
    array = np.empty(len(flat), dtype=object)
    array[:] = flat
    by_profile = array.reshape((math.prod(shape), num_players))
    out = np.empty((*shape, num_players), dtype=object)
    for player in range(num_players):
        out[..., player] = by_profile[:, player].reshape(shape, order="F")
    return out


def _profile_major(payoffs: np.ndarray) -> np.ndarray:
    num_players = payoffs.shape[-1]
    columns = [payoffs[..., p].reshape(-1, order="F") for p in range(num_players)]
    return np.stack(columns, axis=1)
