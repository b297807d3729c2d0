"""The reader of Gambit ``.efg`` node records, for :mod:`gametheory.io.efg`.

:class:`TreeReader` reads the node lines of a file (after its header) into
records, checks the information sets and outcomes they share, and assembles
the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametheory.games.tree_nodes import ChanceNode, DecisionNode, Node, Outcome, TerminalNode
from gametheory.io._tokens import Kind, Token, TokenStream, format_fraction, normalize_labels

__all__ = ["MAX_NODES", "TreeReader"]

# Guards against corrupt files that claim absurd sizes.
MAX_NODES = 2_000_000


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


class TreeReader:
    """Reads the node records of one file from its token stream, then builds the tree."""

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
            if len(records) >= MAX_NODES:
                raise self.stream.error(f"the tree has more than {MAX_NODES} nodes")
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
