"""Extensive-form games: trees of decision, chance and terminal nodes with information sets.

Build the nodes with :func:`~gametheory.games.tree_nodes.decision`,
:func:`~gametheory.games.tree_nodes.chance` and
:func:`~gametheory.games.tree_nodes.terminal`, then wrap the root in an
:class:`ExtensiveFormGame`, which validates the tree and indexes it.

Examples
--------
>>> from gametheory.games.tree_nodes import decision, terminal
>>> game = ExtensiveFormGame(
...     decision("Militia", {
...         "Attack": decision("US", {"Retaliate": terminal(-3, 1), "Withdraw": terminal(-5, 4)}),
...         "Hold": terminal(0, 0),
...     }),
...     players=("US", "Militia"),
... )
>>> print(game)
Militia
  Attack -> US
    Retaliate -> (-3, 1)
    Withdraw -> (-5, 4)
  Hold -> (0, 0)
>>> game.is_perfect_information
True
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import sympy

from gametheory._internal.formatting import format_number
from gametheory._internal.parameters import substitution
from gametheory.exceptions import InvalidGameError, InvalidPayoffError, ParameterError
from gametheory.games._immutable import Immutable
from gametheory.games._numbers import KIND_LABELS, Kind, coerce_array
from gametheory.games._tree_build import collect_players, index_tree, map_numbers, normalise, tree_parameters
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, InformationSet, Node, Outcome, Position, TerminalNode

__all__ = ["ExtensiveFormGame", "InformationSet", "Position"]


class ExtensiveFormGame(Immutable):
    """An immutable game tree with information sets.

    Parameters
    ----------
    root : Node
        The root node.
    players : sequence of str, optional
        Player names in order (payoff vectors follow it). Defaults to the
        players in order of first appearance in the tree.
    title, comment : str, optional
        Free text kept with the game (Gambit files have both).

    Raises
    ------
    InvalidGameError
        On chance probabilities that are negative or do not sum to one,
        information sets whose nodes differ in player or actions, payoff
        vectors of the wrong length, unknown players, or no players at all.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> game = ExtensiveFormGame(chance({
    ...     "Order": ("p", decision("US", {"Strike": terminal(2, -1), "Wait": terminal(-1, 1)}, infoset="seen")),
    ...     "Rogue": ("1 - p", decision("US", {"Strike": terminal(-2, 0), "Wait": terminal(-1, 0)}, infoset="seen")),
    ... }), players=("US", "Iran"))
    >>> game.parameters
    (p,)
    >>> [s.members for s in game.information_sets]
    [(1, 4)]
    """

    __slots__ = ("_comment", "_infosets", "_kind", "_parameters", "_players", "_positions", "_root", "_title")

    def __init__(self, root: Node, *, players: Sequence[str] | None = None, title: str = "", comment: str = "") -> None:
        if not isinstance(root, DecisionNode | ChanceNode | TerminalNode):
            raise InvalidGameError(f"the root of a game tree must be a node, not {type(root).__name__}")
        if not isinstance(title, str) or not isinstance(comment, str):
            raise InvalidGameError("title and comment must be strings")
        names = collect_players(root)
        if players is None:
            self._players = tuple(names)
        else:
            if isinstance(players, str):
                raise InvalidGameError("players must be a sequence of names, not a single string")
            self._players = tuple(players)
            for name in self._players:
                if not isinstance(name, str) or not name:
                    raise InvalidGameError(f"player names must be non-empty strings; got {name!r}")
            if len(set(self._players)) != len(self._players):
                raise InvalidGameError(f"duplicate player names in {self._players}")
            unknown = [n for n in names if n not in self._players]
            if unknown:
                raise InvalidGameError(f"the tree has moves by {', '.join(unknown)}, who are not among the players")
        if not self._players:
            raise InvalidGameError("a game needs at least one player")
        self._root, self._kind = normalise(root, len(self._players))
        self._title = title
        self._comment = comment
        self._positions, self._infosets = index_tree(self._root, self._players)
        self._parameters = tree_parameters(self._root) if self._kind is Kind.SYMBOLIC else ()
        self._hash = None

    # ------------------------------------------------------------------ attributes
    @property
    def root(self) -> Node:
        """The root node, with every number in the game's kind (Fraction, float or sympy)."""
        return self._root

    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in the order of the payoff vectors."""
        return self._players

    @property
    def num_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def title(self) -> str:
        """The game's title."""
        return self._title

    @property
    def comment(self) -> str:
        """Free-text comment."""
        return self._comment

    @property
    def positions(self) -> tuple[Position, ...]:
        """Every node, located, in depth-first preorder (children in action order)."""
        return self._positions

    @property
    def information_sets(self) -> tuple[InformationSet, ...]:
        """Information sets in order of first appearance in depth-first order."""
        return self._infosets

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """Distinct outcomes in order of first appearance (for numbering them in files).

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> game = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(1, 0), "z": terminal()}),
        ...                          players=("A", "B"))
        >>> len(game.outcomes)
        1
        """
        seen: dict[Outcome, None] = {}
        for position in self._positions:
            if position.node.outcome is not None:
                seen.setdefault(position.node.outcome, None)
        return tuple(seen)

    @property
    def is_exact(self) -> bool:
        """True when every payoff and probability is a rational number held exactly."""
        return self._kind is Kind.EXACT

    @property
    def is_parametric(self) -> bool:
        """True when some payoff or probability holds a free parameter."""
        return self._kind is Kind.SYMBOLIC

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free parameters, sorted by name."""
        return self._parameters

    @property
    def is_perfect_information(self) -> bool:
        """True when every information set holds a single node."""
        return all(len(s.members) == 1 for s in self._infosets)

    @property
    def has_perfect_recall(self) -> bool:
        """True when no player ever forgets what they knew or did.

        Every node of an information set must have the same sequence of the
        player's own earlier (information set, action) pairs on its path.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> drive = decision("Driver", {"Exit": terminal(0), "Continue": decision(
        ...     "Driver", {"Exit": terminal(4), "Continue": terminal(1)}, infoset="junction")}, infoset="junction")
        >>> ExtensiveFormGame(drive).has_perfect_recall
        False
        """
        # A set of one node has one history: skipping those keeps deep perfect-information trees linear.
        for infoset in (s for s in self._infosets if len(s.members) > 1):
            histories = {self.own_history(m) for m in infoset.members}
            if len(histories) > 1:
                return False
        return True

    def own_history(self, position: int) -> tuple[tuple[int, int], ...]:
        """The mover's own earlier ``(information set, action)`` pairs on the path to a decision node.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> game = ExtensiveFormGame(decision("A", {"x": decision("A", {"u": terminal(1), "v": terminal(0)}),
        ...                                         "y": terminal(2)}))
        >>> game.own_history(1)
        ((0, 0),)
        """
        player = self._positions[position].player
        history = []
        current = self._positions[position]
        while current.parent is not None:
            parent = self._positions[current.parent]
            if parent.player == player and parent.infoset is not None and current.action is not None:
                history.append((parent.infoset, current.action))
            current = parent
        return tuple(reversed(history))

    def accumulated_payoffs(self, position: int) -> tuple[Any, ...]:
        """Sum of the outcomes on the path from the root to a position, included.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> game = ExtensiveFormGame(decision("A", {"x": terminal(1, 2)}, payoffs=(10, 0)), players=("A", "B"))
        >>> [str(v) for v in game.accumulated_payoffs(1)]
        ['11', '2']
        """
        total = [self._zero()] * self.num_players
        current: int | None = position
        while current is not None:
            outcome = self._positions[current].node.outcome
            if outcome is not None:
                total = [a + b for a, b in zip(total, outcome.payoffs, strict=True)]
            current = self._positions[current].parent
        return tuple(total)

    def _zero(self) -> Any:
        return {Kind.EXACT: _EXACT_ZERO, Kind.FLOAT: 0.0, Kind.SYMBOLIC: sympy.Integer(0)}[self._kind]

    # ------------------------------------------------------------------ parameters
    def substitute(self, values: Mapping[Any, Any]) -> ExtensiveFormGame:
        """Replace every parameter by a number and return a numeric game.

        Raises
        ------
        ParameterError
            On an unknown or missing parameter, or a value that is not a finite real number.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import chance, terminal
        >>> game = ExtensiveFormGame(chance({"a": ("p", terminal("v")), "b": ("1 - p", terminal(0))}), players=("X",))
        >>> from fractions import Fraction
        >>> game.substitute({"p": Fraction(1, 4), "v": 2}).root.probabilities
        (Fraction(1, 4), Fraction(3, 4))
        """
        return self._replace(substitution(self._parameters, values, require_all=True))

    def fix_parameters(self, values: Mapping[Any, Any]) -> ExtensiveFormGame:
        """Replace some parameters by numbers; the game may stay parametric.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import terminal
        >>> ExtensiveFormGame(terminal("a", "b"), players=("X", "Y")).fix_parameters({"a": 1}).parameters
        (b,)
        """
        return self._replace(substitution(self._parameters, values, require_all=False))

    def _replace(self, mapping: dict[sympy.Symbol, Any]) -> ExtensiveFormGame:
        if not mapping:
            return self
        root = map_numbers(self._root, lambda x: x.xreplace(mapping))
        try:
            return ExtensiveFormGame(root, players=self._players, title=self._title, comment=self._comment)
        except InvalidPayoffError as error:
            raise ParameterError(f"these parameter values make a payoff undefined: {error}") from None
        except InvalidGameError as error:
            raise ParameterError(f"these parameter values do not give a valid game: {error}") from None

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExtensiveFormGame):
            return NotImplemented
        return self._players == other._players and self._kind is other._kind and self._root == other._root

    def __hash__(self) -> int:
        return self._cached_hash(lambda: hash((self._players, self._root)))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._root, self._players, self._title, self._comment))

    def __repr__(self) -> str:
        kind, players = KIND_LABELS[self._kind], ", ".join(self._players)
        lines = list(itertools.islice(self._lines(), _REPR_LINES))
        if len(self._positions) > len(lines):
            lines.append(f"... ({len(self._positions) - len(lines)} more nodes)")
        return f"<ExtensiveFormGame {kind}, {len(self._positions)} nodes, players: {players}>\n" + "\n".join(lines)

    def __str__(self) -> str:
        return "\n".join(self._lines())

    def _lines(self) -> Iterator[str]:
        # One line per position, in preorder (the order of ``positions``), indented by depth: no recursion.
        for position in self._positions:
            node = position.node
            if isinstance(node, TerminalNode):
                text = _payoff_text(node.outcome.payoffs if node.outcome else [self._zero()] * self.num_players)
            else:
                text = "Chance" if isinstance(node, ChanceNode) else node.player
                if position.infoset is not None:
                    infoset = self._infosets[position.infoset]
                    if len(infoset.members) > 1 or infoset.label:
                        text += f" [{infoset.label or infoset.key}]"
                if node.outcome is not None:
                    text += " +" + _payoff_text(node.outcome.payoffs)
            prefix = ""
            if position.parent is not None and position.action is not None:
                parent = self._positions[position.parent].node
                assert isinstance(parent, DecisionNode | ChanceNode)
                label = parent.actions[position.action]
                if isinstance(parent, ChanceNode):
                    label += f" ({format_number(parent.probabilities[position.action])})"
                prefix = f"{label} -> "
            yield " " * (2 * position.depth) + prefix + text


# ``repr`` lists at most this many nodes (``str`` lists them all).
_REPR_LINES = 100
_EXACT_ZERO = coerce_array([0])[0][0]


def _rebuild(root: Node, players: tuple[str, ...], title: str, comment: str) -> ExtensiveFormGame:
    return ExtensiveFormGame(root, players=players, title=title, comment=comment)


def _payoff_text(payoffs: Sequence[Any]) -> str:
    return "(" + ", ".join(format_number(p) for p in payoffs) + ")"
