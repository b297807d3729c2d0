"""Text and HTML rendering of normal-form games as payoff tables (one table per profile of the other players).

Examples
--------
>>> from gametheory.games.normal_form import NormalFormGame
>>> print(text_tables(NormalFormGame.from_bimatrix([[1, 0]], [[2, 3]])))
Player 1 \\ Player 2  s1    s2
s1                   1, 2  0, 3
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator

from gametheory._internal.formatting import format_number
from gametheory.games._profiles import GameLike

__all__ = ["TableGame", "html_tables", "payoff_tables", "text_tables"]


# What the tables need of a game (so this module does not import NormalFormGame).
TableGame = GameLike


def payoff_tables(game: TableGame) -> Iterator[tuple[str, list[list[str]]]]:
    """Yield ``(header, rows)`` per table; row 0 and column 0 hold the labels.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> next(payoff_tables(NormalFormGame.from_bimatrix([[1]], [[2]])))
    ('', [['Player 1 \\\\ Player 2', 's1'], ['s1', '1, 2']])
    """
    players, strategies, payoffs = game.players, game.strategies, game.payoffs
    corner = f"{players[0]} \\ {players[1]}"
    others = range(2, game.num_players)
    for rest in itertools.product(*(range(game.shape[p]) for p in others)):
        header = ", ".join(f"{players[p]} plays {strategies[p][s]}" for p, s in zip(others, rest, strict=True))
        table = [[corner, *strategies[1]]]
        for i, label in enumerate(strategies[0]):
            cells = (", ".join(format_number(x) for x in payoffs[(i, j, *rest)]) for j in range(game.shape[1]))
            table.append([label, *cells])
        yield header, table


def text_tables(game: TableGame) -> str:
    """The payoff tables as aligned plain text, separated by blank lines.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> text_tables(NormalFormGame.from_bimatrix([[1]], [[2]])).splitlines()[1]
    's1                   1, 2'
    """
    return "\n\n".join(_text_table(header, rows) for header, rows in payoff_tables(game))


def html_tables(game: TableGame) -> str:
    """The payoff tables as HTML ``<table>`` elements (labels in ``<th>``, escaped).

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> html_tables(NormalFormGame.from_bimatrix([[1]], [[2]], players=("US", "Militia")))
    '<table><tr><th>US \\\\ Militia</th><th>s1</th></tr><tr><th>s1</th><td>1, 2</td></tr></table>'
    """
    parts = []
    for header, rows in payoff_tables(game):
        cells = "".join(
            "<tr>" + "".join(_html_cell(c, header=i == 0 or r == 0) for i, c in enumerate(row)) + "</tr>"
            for r, row in enumerate(rows)
        )
        caption = f"<caption>{html.escape(header)}</caption>" if header else ""
        parts.append(f"<table>{caption}{cells}</table>")
    return "".join(parts)


def _html_cell(text: str, *, header: bool) -> str:
    tag = "th" if header else "td"
    return f"<{tag}>{html.escape(text)}</{tag}>"


def _text_table(header: str, rows: list[list[str]]) -> str:
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(([header] if header else []) + lines)
