"""Nodes of game trees and the builder functions that make trees read like the game.

A tree is made of three kinds of node, all frozen values:

* :class:`DecisionNode`: a player chooses one of several labelled actions;
* :class:`ChanceNode`: nature picks a branch with given probabilities;
* :class:`TerminalNode`: the game ends.

Any node may carry an :class:`Outcome` (a payoff vector); payoffs add up
along the path, as in Gambit. The builders :func:`decision`, :func:`chance`
and :func:`terminal` are the readable way to write a tree:

Examples
--------
>>> tree = decision("Militia", {
...     "Attack": decision("US", {"Retaliate": terminal(-3, 1), "Absorb": terminal(-2, 2)}),
...     "Hold": terminal(0, 0),
... })
>>> tree.actions
('Attack', 'Hold')
>>> tree.children[1]
TerminalNode(outcome=Outcome(payoffs=(0, 0), label=''), label='')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from gametheory.exceptions import InvalidGameError
from gametheory.games._node_values import NodeValue

__all__ = [
    "ChanceNode",
    "DecisionNode",
    "InformationSet",
    "Node",
    "Outcome",
    "Position",
    "TerminalNode",
    "chance",
    "decision",
    "terminal",
]


@dataclass(frozen=True)
class Outcome:
    """A payoff vector attached to a node, one entry per player in player order.

    Attributes
    ----------
    payoffs : tuple
        Numbers (int, Fraction, float), sympy expressions or expression strings.
    label : str
        Optional name of the outcome (Gambit's outcome label).

    Examples
    --------
    >>> Outcome((1, "-c"), label="Strike")
    Outcome(payoffs=(1, '-c'), label='Strike')
    """

    payoffs: tuple[Any, ...]
    label: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.payoffs, str | bytes) or not isinstance(self.payoffs, Sequence):
            raise InvalidGameError(f"an outcome's payoffs must be a sequence, not {type(self.payoffs).__name__}")
        object.__setattr__(self, "payoffs", tuple(self.payoffs))
        _check_text(self.label, "outcome label")


@dataclass(frozen=True, eq=False, repr=False)
class TerminalNode(NodeValue):
    """A node where the game ends. Without an outcome, every payoff (added along the path) is zero here.

    Examples
    --------
    >>> TerminalNode(Outcome((1, 2))).outcome.payoffs
    (1, 2)
    """

    outcome: Outcome | None = None
    label: str = ""

    def __post_init__(self) -> None:
        _check_outcome(self.outcome)
        _check_text(self.label, "node label")

    @property
    def children(self) -> tuple[Node, ...]:
        """No children: an empty tuple."""
        return ()


@dataclass(frozen=True, eq=False, repr=False)
class DecisionNode(NodeValue):
    """A node where ``player`` chooses one of ``actions``, leading to ``children``.

    Attributes
    ----------
    player : str
        Name of the player who moves.
    actions : tuple of str
        Distinct, non-empty action labels.
    children : tuple of Node
        The node each action leads to.
    infoset : str, int or None
        Key of the information set: decision nodes of the same player with the
        same key cannot be told apart. ``None`` makes a singleton set.
    infoset_label : str
        Display label of the information set; defaults to the key when it is a string.
    label : str
        Optional node label.
    outcome : Outcome or None
        Payoffs collected on reaching this node.

    Examples
    --------
    >>> node = DecisionNode("US", ("Stay", "Leave"), (terminal(1, 0), terminal(0, 1)), infoset="after attack")
    >>> node.infoset
    'after attack'
    """

    player: str
    actions: tuple[str, ...]
    children: tuple[Node, ...]
    infoset: Hashable | None = None
    infoset_label: str = ""
    label: str = ""
    outcome: Outcome | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.player, str) or not self.player:
            raise InvalidGameError(f"a decision node's player must be a non-empty name; got {self.player!r}")
        actions, children = _check_branches(self.actions, self.children, f"decision node of {self.player}")
        object.__setattr__(self, "actions", actions)
        object.__setattr__(self, "children", children)
        if self.infoset is not None and (isinstance(self.infoset, bool) or not isinstance(self.infoset, str | int)):
            raise InvalidGameError(f"an information set key must be a string or an int; got {self.infoset!r}")
        _check_text(self.infoset_label, "information set label")
        _check_text(self.label, "node label")
        _check_outcome(self.outcome)


@dataclass(frozen=True, eq=False, repr=False)
class ChanceNode(NodeValue):
    """A node where nature picks branch ``k`` with probability ``probabilities[k]``.

    Probabilities may be exact, float or symbolic (sympy expressions or
    strings such as ``"1 - alpha"``); the game checks that they sum to one.

    Examples
    --------
    >>> node = ChanceNode(("Heads", "Tails"), ("1/2", "1/2"), (terminal(1, -1), terminal(-1, 1)))
    >>> node.probabilities
    ('1/2', '1/2')
    """

    actions: tuple[str, ...]
    probabilities: tuple[Any, ...]
    children: tuple[Node, ...]
    label: str = ""
    outcome: Outcome | None = None

    def __post_init__(self) -> None:
        actions, children = _check_branches(self.actions, self.children, "chance node")
        object.__setattr__(self, "actions", actions)
        object.__setattr__(self, "children", children)
        if isinstance(self.probabilities, str | bytes) or not isinstance(self.probabilities, Sequence):
            raise InvalidGameError("a chance node's probabilities must be a sequence")
        probabilities = tuple(self.probabilities)
        if len(probabilities) != len(actions):
            raise InvalidGameError(f"a chance node has {len(actions)} branches but {len(probabilities)} probabilities")
        object.__setattr__(self, "probabilities", probabilities)
        _check_text(self.label, "node label")
        _check_outcome(self.outcome)


#: Any node of a game tree.
Node: TypeAlias = DecisionNode | ChanceNode | TerminalNode


@dataclass(frozen=True)
class Position:
    """One node of a game, located in the tree (positions are numbered in depth-first preorder).

    Attributes
    ----------
    index : int
        Place in :attr:`ExtensiveFormGame.positions` (the root is 0).
    node : Node
        The node itself (with numbers normalised to the game's kind).
    parent : int or None
        Index of the parent position.
    action : int or None
        Index of the action (or chance branch) at the parent that leads here.
    children : tuple of int
        Indices of the child positions, in action order.
    depth : int
        Number of moves from the root.
    infoset : int or None
        Index into :attr:`ExtensiveFormGame.information_sets` for decision nodes.
    player : int or None
        Index of the player who moves here (decision nodes only).
    """

    index: int
    node: Node
    parent: int | None
    action: int | None
    children: tuple[int, ...]
    depth: int
    infoset: int | None
    player: int | None


@dataclass(frozen=True)
class InformationSet:
    """Decision nodes of one player that the player cannot tell apart.

    Attributes
    ----------
    index : int
        Place in :attr:`ExtensiveFormGame.information_sets` (ordered by first
        appearance in depth-first order).
    player : int
        Index of the player who moves.
    number : int
        One-based number among this player's information sets (Gambit's numbering).
    key : str, int or None
        The key given on the nodes (``None`` for a singleton set made from an unkeyed node).
    label : str
        Display label (the ``infoset_label`` given, else the key when it is a string).
    actions : tuple of str
        The actions available at every node of the set.
    members : tuple of int
        Position indices of the nodes in the set.
    """

    index: int
    player: int
    number: int
    key: Hashable | None
    label: str
    actions: tuple[str, ...]
    members: tuple[int, ...]


def terminal(*payoffs: Any, label: str = "", outcome_label: str = "") -> TerminalNode:
    """A terminal node with the given payoffs (one per player); with none, payoffs are zero.

    Examples
    --------
    >>> terminal(-1, "b + V").outcome.payoffs
    (-1, 'b + V')
    >>> terminal().outcome is None
    True
    """
    if len(payoffs) == 1 and isinstance(payoffs[0], Sequence) and not isinstance(payoffs[0], str):
        payoffs = tuple(payoffs[0])
    outcome = Outcome(payoffs, label=outcome_label) if payoffs else None
    return TerminalNode(outcome, label=label)


def decision(
    player: str,
    actions: Mapping[str, Node],
    *,
    infoset: Hashable | None = None,
    infoset_label: str = "",
    label: str = "",
    payoffs: Sequence[Any] | None = None,
    outcome_label: str = "",
) -> DecisionNode:
    """A decision node: ``player`` picks an action; ``actions`` maps each label to the node it leads to.

    Parameters
    ----------
    player : str
        Who moves.
    actions : mapping of str to Node
        Action labels, in order, and where each leads.
    infoset : str or int, optional
        Information set key: give the same key to nodes the player cannot tell apart.
    infoset_label : str, optional
        Display label of the information set (defaults to the key when it is a string).
    label : str, optional
        Node label.
    payoffs : sequence, optional
        Payoffs collected on reaching this node (they add to those further down).
    outcome_label : str, optional
        Label of that outcome.

    Examples
    --------
    >>> node = decision("US", {"Retaliate": terminal(-2, 1), "Absorb": terminal(-1, 2)}, infoset="attacked")
    >>> node.player, node.actions
    ('US', ('Retaliate', 'Absorb'))
    """
    if not isinstance(actions, Mapping):
        raise InvalidGameError(
            f"actions of {player!r} must be a mapping from label to node, not {type(actions).__name__}"
        )
    outcome = Outcome(tuple(payoffs), label=outcome_label) if payoffs is not None else None
    return DecisionNode(
        player,
        tuple(actions.keys()),
        tuple(actions.values()),
        infoset=infoset,
        infoset_label=infoset_label,
        label=label,
        outcome=outcome,
    )


def chance(
    branches: Mapping[str, tuple[Any, Node]],
    *,
    label: str = "",
    payoffs: Sequence[Any] | None = None,
    outcome_label: str = "",
) -> ChanceNode:
    """A chance node: ``branches`` maps each label to ``(probability, node)``.

    Examples
    --------
    >>> node = chance({"Autonomous": ("alpha", terminal(1, 1)), "Quiet": ("1 - alpha", terminal(0, 0))})
    >>> node.probabilities
    ('alpha', '1 - alpha')
    """
    if not isinstance(branches, Mapping):
        raise InvalidGameError(
            f"chance branches must be a mapping from label to (probability, node), not {type(branches).__name__}"
        )
    probabilities, children = [], []
    for key, branch in branches.items():
        if not isinstance(branch, tuple) or len(branch) != 2:
            raise InvalidGameError(f"chance branch {key!r} must be a pair (probability, node); got {branch!r}")
        probabilities.append(branch[0])
        children.append(branch[1])
    outcome = Outcome(tuple(payoffs), label=outcome_label) if payoffs is not None else None
    return ChanceNode(tuple(branches.keys()), tuple(probabilities), tuple(children), label=label, outcome=outcome)


def _check_branches(actions: Any, children: Any, where: str) -> tuple[tuple[str, ...], tuple[Node, ...]]:
    if isinstance(actions, str) or not isinstance(actions, Sequence):
        raise InvalidGameError(f"the actions of a {where} must be a sequence of labels")
    if not isinstance(children, Sequence):
        raise InvalidGameError(f"the children of a {where} must be a sequence of nodes")
    actions, children = tuple(actions), tuple(children)
    if not actions:
        raise InvalidGameError(f"a {where} needs at least one action")
    if len(actions) != len(children):
        raise InvalidGameError(f"a {where} has {len(actions)} actions but {len(children)} children")
    for action in actions:
        if not isinstance(action, str) or not action:
            raise InvalidGameError(f"action labels of a {where} must be non-empty strings; got {action!r}")
    duplicates = sorted(label for label, count in Counter(actions).items() if count > 1)
    if duplicates:
        raise InvalidGameError(f"duplicate action labels at a {where}: {', '.join(duplicates)}")
    for child in children:
        if not isinstance(child, DecisionNode | ChanceNode | TerminalNode):
            raise InvalidGameError(f"a child of a {where} is not a node: {child!r}")
    return actions, children


def _check_outcome(outcome: Any) -> None:
    if outcome is not None and not isinstance(outcome, Outcome):
        raise InvalidGameError(f"a node's outcome must be an Outcome or None, not {type(outcome).__name__}")


def _check_text(text: Any, what: str) -> None:
    if not isinstance(text, str):
        raise InvalidGameError(f"{what} must be a string, not {type(text).__name__}")
