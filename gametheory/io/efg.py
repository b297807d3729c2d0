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

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametheory.exceptions import GameTheoryError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, Node, Outcome, TerminalNode
from gametheory.io._files import read_text, write_text
from gametheory.io._tokens import (
    Kind,
    Token,
    TokenStream,
    format_fraction,
    format_number,
    normalize_labels,
    quote,
    read_header,
    require_numeric,
)

__all__ = ["generate_efg", "parse_efg", "read_efg", "write_efg"]

# Guards against corrupt files that claim absurd sizes.
_MAX_NODES = 2_000_000


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
    reader = _TreeReader(stream, names)
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


@dataclass
class _Record:
    """One node entry of the file, before the tree is assembled."""

    kind: str
    label: str
    token: Token
    infoset: tuple[int, int] | None = None  # (player, number); player 0 is chance
    outcome: int = 0
    size: int = 0


@dataclass
class _Infoset:
    label: str
    actions: list[str]
    probabilities: list[Fraction] | None
    raw_actions: list[str]
    members: int = 0


class _TreeReader:
    def __init__(self, stream: TokenStream, players: list[str]) -> None:
        self.stream = stream
        self.players = players
        self.num_players = len(players)
        self.infosets: dict[tuple[int, int], _Infoset] = {}
        self.outcomes: dict[int, Outcome] = {}

    def read_nodes(self) -> list[_Record]:
        records: list[_Record] = []
        open_slots = 1
        while open_slots:
            if len(records) >= _MAX_NODES:
                raise self.stream.error(f"the tree has more than {_MAX_NODES} nodes")
            record = self.read_node()
            records.append(record)
            open_slots += record.size - 1
        return records

    def read_node(self) -> _Record:
        stream = self.stream
        token = stream.current
        if token.kind is not Kind.SYMBOL or token.text not in ("c", "p", "t"):
            raise stream.error(f"expected a node type 'c', 'p' or 't', found {token.describe()}")
        stream.next()
        record = _Record(kind=token.text, label=stream.text("the node's label in quotes"), token=token)
        if record.kind == "c":
            number = stream.integer("the number of the chance information set")
            record.infoset = (0, number)
        elif record.kind == "p":
            player = stream.integer("the number of the player who moves", low=1, high=max(self.num_players, 1))
            if self.num_players == 0:
                raise stream.error("a decision node needs a player, but the file lists no players", token)
            number = stream.integer("the number of the information set")
            record.infoset = (player, number)
        if record.infoset is not None:
            record.size = len(self.read_infoset(record.infoset, token).actions)
        record.outcome = self.read_outcome()
        return record

    def read_infoset(self, key: tuple[int, int], token: Token) -> _Infoset:
        stream = self.stream
        known = self.infosets.get(key)
        where = "the chance information set" if key[0] == 0 else f"information set {key[1]} of player {key[0]}"
        if stream.peek(Kind.TEXT):
            label = stream.next().text
            stream.expect(Kind.LBRACE, f"'{{' before the actions of {where}")
            actions: list[str] = []
            probabilities: list[Fraction] | None = [] if key[0] == 0 else None
            while True:
                actions.append(stream.text(f"a quoted action label in {where}"))
                if probabilities is not None:
                    probabilities.append(stream.number(f"the probability of action {actions[-1]!r}"))
                if stream.accept(Kind.RBRACE):
                    break
            infoset = _Infoset(label, normalize_labels(actions), probabilities, actions)
            if known is None:
                self.infosets[key] = infoset
                known = infoset
            elif (known.label, known.raw_actions, known.probabilities) != (label, actions, probabilities):
                raise stream.error(f"{where} is defined again differently", token)
        elif known is None:
            raise stream.error(f"{where} is used before it is defined (give its label and actions)", token)
        known.members += 1
        return known

    def read_outcome(self) -> int:
        stream = self.stream
        token = stream.current
        number = stream.integer("an outcome number (0 for none)")
        if not stream.peek(Kind.TEXT):
            if number and number not in self.outcomes:
                raise stream.error(f"outcome {number} is used before its payoffs are given", token)
            return number
        if number == 0:
            raise stream.error("outcome 0 means no outcome and cannot have a label or payoffs", token)
        label = stream.next().text
        stream.expect(Kind.LBRACE, f"'{{' before the payoffs of outcome {number}")
        payoffs = []
        for player in range(self.num_players):
            payoffs.append(stream.number(f"player {player + 1}'s payoff in outcome {number}"))
            stream.accept(Kind.COMMA)
        stream.expect(Kind.RBRACE, f"'}}' after the {self.num_players} payoffs of outcome {number}")
        outcome = Outcome(tuple(payoffs), label=label)
        if number in self.outcomes and self.outcomes[number] != outcome:
            raise stream.error(f"outcome {number} is defined again with a different label or payoffs", token)
        self.outcomes[number] = outcome
        return number

    def build(self, records: list[_Record]) -> Node:
        keys = self.infoset_keys()
        built: list[Node] = []
        # Reversed preorder: each node finds its children on top of the stack, first child on top.
        for record in reversed(records):
            children = tuple(built.pop() for _ in range(record.size))
            outcome = self.outcomes.get(record.outcome) if record.outcome else None
            if record.kind == "t":
                node: Node = TerminalNode(outcome, label=record.label)
            else:
                assert record.infoset is not None
                infoset = self.infosets[record.infoset]
                if record.kind == "c":
                    assert infoset.probabilities is not None
                    self.check_probabilities(infoset.probabilities, record.token)
                    node = ChanceNode(
                        tuple(infoset.actions),
                        tuple(infoset.probabilities),
                        children,
                        label=record.label,
                        outcome=outcome,
                    )
                else:
                    key, infoset_label = keys[record.infoset]
                    node = DecisionNode(
                        self.players[record.infoset[0] - 1],
                        tuple(infoset.actions),
                        children,
                        key,
                        infoset_label,
                        record.label,
                        outcome,
                    )
            built.append(node)
        assert len(built) == 1
        return built[0]

    def infoset_keys(self) -> dict[tuple[int, int], tuple[Any, str]]:
        counts: dict[tuple[int, str], int] = {}
        for (player, _), infoset in self.infosets.items():
            counts[player, infoset.label] = counts.get((player, infoset.label), 0) + 1
        keys: dict[tuple[int, int], tuple[Any, str]] = {}
        # Integer keys count each player's sets in order of first appearance, as the game numbers them.
        ordinals: dict[int, int] = {}
        for (player, number), infoset in self.infosets.items():
            ordinals[player] = ordinals.get(player, 0) + 1
            if infoset.members == 1 and not infoset.label:
                keys[player, number] = (None, "")
            elif infoset.label and counts[player, infoset.label] == 1:
                keys[player, number] = (infoset.label, "")
            else:
                keys[player, number] = (ordinals[player], infoset.label)
        return keys

    def check_probabilities(self, probabilities: list[Fraction], token: Token) -> None:
        for p in probabilities:
            if not 0 <= p <= 1:
                raise self.stream.error(f"chance probability {format_fraction(p)} is not between 0 and 1", token)
        if sum(probabilities) != 1:
            total = format_fraction(sum(probabilities, Fraction(0)))
            raise self.stream.error(f"chance probabilities sum to {total}, not 1", token)


def _probabilities(node: ChanceNode) -> list[str]:
    texts = [format_number(p) for p in node.probabilities]
    if not isinstance(node.probabilities[0], Fraction):
        # Float probabilities need not sum to one exactly as decimals: write the last as one minus the others.
        rest = sum((Fraction(t) for t in texts[:-1]), Fraction(0))
        texts[-1] = format_fraction(1 - rest)
    return texts
