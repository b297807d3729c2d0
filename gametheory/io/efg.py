"""Gambit's extensive-form ``.efg`` files (version 2): read, parse, generate, write.

A file lists the nodes of the tree in depth-first order, one entry per node:

* ``c "label" n "infoset label" { "a" 1/2 "b" 1/2 } k ...``: a chance node
  in chance information set ``n``, with its branches and probabilities;
* ``p "label" i n "infoset label" { "a" "b" } k ...``: a decision node of
  player ``i`` in that player's information set ``n``;
* ``t "label" k ...``: a terminal node.

``k`` is an outcome number (``0`` for none), followed the first time by the
outcome's label and payoffs, ``"Win" { 1, -1 }``. The information set part
may be left out for a set defined earlier. Outcomes may sit on any node and
their payoffs add up along the path.

Numbers are read exactly (``0.8`` is ``4/5``). Information sets become keys
of :class:`~gametheory.games.tree_nodes.DecisionNode`: a set of one node
without a label has key ``None``; a set whose label is unique among its
player's sets has its label as key; any other set keeps its label as
``infoset_label`` and has as key its number among the player's sets, counted
in order of first appearance. Empty or repeated player and action labels are
made unique the way Gambit does (``"_1"``, ``"x_2"``).

Examples
--------
>>> text = '''EFG 2 R "Entry" { "Militia" "US" }
... ""
... p "" 1 1 "" { "Attack" "Hold" } 0
... p "" 2 1 "" { "Retaliate" "Absorb" } 0
... t "" 1 "war" { -1, -2 }
... t "" 2 "absorb" { 2, -1 }
... t "" 3 "quiet" { 0, 0 }
... '''
>>> game = parse_efg(text)
>>> print(game)
Militia
  Attack -> US
    Retaliate -> (-1, -2)
    Absorb -> (2, -1)
  Hold -> (0, 0)
>>> parse_efg(generate_efg(game)) == game
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from gametheory.exceptions import GameTheoryError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, TerminalNode
from gametheory.io._efg_reader import TreeReader
from gametheory.io._files import read_text, write_text
from gametheory.io._tokens import (
    Kind,
    TokenStream,
    format_fraction,
    format_number,
    normalize_labels,
    quote,
    read_header,
    require_numeric,
)

__all__ = ["generate_efg", "parse_efg", "read_efg", "write_efg"]


def read_efg(path: Any) -> ExtensiveFormGame:
    """Read a Gambit ``.efg`` file (version 2).

    Parameters
    ----------
    path : str, os.PathLike or file object
        The file, as a path or an open text or binary file.

    Returns
    -------
    ExtensiveFormGame
        An exact game tree, with the file's title and comment.

    Raises
    ------
    ParseError
        If the file is malformed; the message gives the line and column.

    Examples
    --------
    >>> import io
    >>> game = read_efg(io.StringIO('EFG 2 R "coin" { "Bettor" } c "" 1 "" { "H" 1/2 "T" 1/2 } 0 '
    ...                             't "" 1 "win" { 1 } t "" 2 "lose" { -1 }'))
    >>> game.root.probabilities
    (Fraction(1, 2), Fraction(1, 2))
    """
    return parse_efg(read_text(path))


def parse_efg(text: str) -> ExtensiveFormGame:
    """Parse the text of a Gambit ``.efg`` file (version 2).

    Parameters
    ----------
    text : str
        The file's content.

    Returns
    -------
    ExtensiveFormGame

    Raises
    ------
    ParseError
        If the text is malformed, with the line and column of the problem:
        unknown node types, references to undefined information sets or
        outcomes, redefinitions that disagree, probabilities that are
        negative or do not sum to one, trailing text.

    Examples
    --------
    >>> game = parse_efg('''EFG 2 R "" { "1" "2" }
    ... p "" 1 1 "" { "L" "R" } 0
    ... p "" 2 1 "guess" { "l" "r" } 0
    ... t "" 1 "" { 1, -1 } t "" 2 "" { -1, 1 }
    ... p "" 2 1 "guess" { "l" "r" } 0
    ... t "" 2 "" { -1, 1 } t "" 1 "" { 1, -1 }''')
    >>> game.is_perfect_information
    False
    >>> game.information_sets[1].key
    'guess'
    """
    stream = TokenStream(text)
    title = read_header(stream, "EFG", 2)
    players_token = stream.current
    players = stream.text_list("the player names", "a quoted player name")
    comment_token = stream.accept(Kind.TEXT)
    names = normalize_labels(players)
    reader = TreeReader(stream, names)
    records = reader.read_nodes()
    stream.expect(Kind.EOF, "the end of the file after the last node of the tree")
    root = reader.build(records)
    try:
        return ExtensiveFormGame(
            root,
            players=names,
            title=title,
            comment=comment_token.text if comment_token else "",
        )
    except GameTheoryError as error:
        raise stream.error(str(error), players_token) from None


def generate_efg(tree: ExtensiveFormGame) -> str:
    """Return the text of an ``.efg`` file (version 2) for a numeric game tree.

    Every outcome is written in full wherever it appears, as Gambit does.
    Float numbers are written with the shortest decimal that reads back as
    the same float, except that the last probability of a chance node is
    written as one minus the others, so that they sum to one exactly. Chance
    nodes each get their own chance information set.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A numeric tree (substitute the parameters of a parametric tree first,
        or save it as JSON).

    Raises
    ------
    UnsupportedGameError
        If the tree is parametric: the format holds numbers only.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, terminal
    >>> tree = ExtensiveFormGame(chance({"H": ("1/2", terminal(1)), "T": ("1/2", terminal(-1))}), players=("Bettor",))
    >>> print(generate_efg(tree))
    EFG 2 R "" { "Bettor" }
    ""
    <BLANKLINE>
    c "" 1 "" { "H" 1/2 "T" 1/2 } 0
    t "" 1 "" { 1 }
    t "" 2 "" { -1 }
    <BLANKLINE>
    """
    if not isinstance(tree, ExtensiveFormGame):
        raise UnsupportedGameError(f"generate_efg takes an ExtensiveFormGame, not {type(tree).__name__}")
    require_numeric(tree, ".efg")
    outcome_numbers = {outcome: k + 1 for k, outcome in enumerate(tree.outcomes)}
    lines = [f"EFG 2 R {quote(tree.title)} {{ {' '.join(quote(p) for p in tree.players)} }}", quote(tree.comment), ""]
    chance_sets = 0
    for position in tree.positions:
        node = position.node
        if isinstance(node, TerminalNode):
            head = f"t {quote(node.label)}"
        elif isinstance(node, ChanceNode):
            chance_sets += 1
            branches = " ".join(f"{quote(a)} {p}" for a, p in zip(node.actions, _probabilities(node), strict=True))
            head = f'c {quote(node.label)} {chance_sets} "" {{ {branches} }}'
        else:
            assert position.infoset is not None
            infoset = tree.information_sets[position.infoset]
            actions = " ".join(quote(a) for a in node.actions)
            head = f"p {quote(node.label)} {infoset.player + 1} {infoset.number} {quote(infoset.label)} {{ {actions} }}"
        if node.outcome is None:
            lines.append(f"{head} 0")
        else:
            payoffs = ", ".join(format_number(x) for x in node.outcome.payoffs)
            lines.append(f"{head} {outcome_numbers[node.outcome]} {quote(node.outcome.label)} {{ {payoffs} }}")
    return "\n".join(lines) + "\n"


def write_efg(tree: ExtensiveFormGame, path: Any) -> None:
    """Write a numeric game tree to an ``.efg`` file (see :func:`generate_efg`).

    Parameters
    ----------
    tree : ExtensiveFormGame
    path : str, os.PathLike or file object

    Examples
    --------
    >>> import io
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
    >>> buffer = io.StringIO()
    >>> write_efg(tree, buffer)
    >>> _ = buffer.seek(0)
    >>> read_efg(buffer) == tree
    True
    """
    write_text(path, generate_efg(tree))


def _probabilities(node: ChanceNode) -> list[str]:
    texts = [format_number(p) for p in node.probabilities]
    if not isinstance(node.probabilities[0], Fraction):
        # Float probabilities need not sum to one exactly as decimals: write the last as one minus the others.
        rest = sum((Fraction(t) for t in texts[:-1]), Fraction(0))
        texts[-1] = format_fraction(1 - rest)
    return texts
