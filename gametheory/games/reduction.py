"""The reduced strategic (normal) form of a game tree.

A pure strategy picks an action at each of a player's information sets. Two
strategies that differ only at information sets which the player's own
earlier choices make unreachable lead to the same play, so the reduced form
keeps one of them, leaving those sets unassigned (as Gambit does).

Examples
--------
>>> from gametheory.games.tree_nodes import decision, terminal
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> tree = ExtensiveFormGame(decision("A", {
...     "Out": terminal(1, 1),
...     "In": decision("B", {"Fight": decision("A", {"Up": terminal(0, 0), "Down": terminal(-1, 2)}),
...                          "Share": terminal(2, 1)}),
... }))
>>> game = to_normal_form(tree)
>>> game.strategies
(('Out', 'In/Up', 'In/Down'), ('Fight', 'Share'))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory.exceptions import UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import ChanceNode, TerminalNode

__all__ = ["NO_MOVE", "ReducedForm", "Strategy", "reduced_form", "reduced_strategies", "to_normal_form"]

#: A reduced pure strategy: sorted ``(information set index, action index)`` pairs.
Strategy = tuple[tuple[int, int], ...]

#: Label of the single strategy of a player who never moves.
NO_MOVE = "(no move)"


@dataclass(frozen=True)
class ReducedForm:
    """The reduced normal form of a tree, with the meaning of each strategy.

    Attributes
    ----------
    game : NormalFormGame
        The reduced strategic form.
    assignments : tuple of tuple of Strategy
        For each player and each of their strategies (in the game's order),
        the ``(information set index, action index)`` pairs it assigns.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
    >>> reduced_form(tree).assignments
    ((((0, 0),), ((0, 1),)), ((),))
    """

    game: NormalFormGame
    assignments: tuple[tuple[Strategy, ...], ...]


def reduced_strategies(tree: ExtensiveFormGame) -> tuple[tuple[Strategy, ...], ...]:
    """Every player's reduced pure strategies, as ``(information set, action)`` assignments.

    A strategy assigns exactly the information sets that the player's own
    assigned actions leave reachable. Works with imperfect recall too.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("A", {"x": decision("A", {"u": terminal(1), "v": terminal(2)}),
    ...                                         "y": terminal(0)}))
    >>> reduced_strategies(tree)
    ((((0, 0), (1, 0)), ((0, 0), (1, 1)), ((0, 1),)),)
    """
    _require_tree(tree)
    return tuple(_player_strategies(tree, p) for p in range(tree.num_players))


def _player_strategies(tree: ExtensiveFormGame, player: int) -> tuple[Strategy, ...]:
    out: list[Strategy] = []
    stack: list[dict[int, int]] = [{}]
    while stack:
        assignment = stack.pop()
        needed = _first_unassigned(tree, player, assignment)
        if needed is None:
            out.append(tuple(sorted(assignment.items())))
            continue
        for action in reversed(range(len(tree.information_sets[needed].actions))):
            stack.append({**assignment, needed: action})
    return tuple(out)


def _first_unassigned(tree: ExtensiveFormGame, player: int, assignment: dict[int, int]) -> int | None:
    positions = tree.positions
    stack = [0]
    while stack:
        position = positions[stack.pop()]
        if position.player == player and position.infoset is not None:
            if position.infoset not in assignment:
                return position.infoset
            stack.append(position.children[assignment[position.infoset]])
        else:
            stack.extend(reversed(position.children))
    return None


def reduced_form(tree: ExtensiveFormGame) -> ReducedForm:
    """The reduced normal form of ``tree`` together with what each strategy assigns.

    See :func:`to_normal_form`.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(chance({"H": ("1/2", decision("A", {"x": terminal(2, 0), "y": terminal(0, 1)})),
    ...                                  "T": ("1/2", terminal(4, 4))}), players=("A", "B"))
    >>> reduced_form(tree).game.payoffs[:, 0].tolist()
    [[Fraction(3, 1), Fraction(2, 1)], [Fraction(2, 1), Fraction(5, 2)]]
    """
    _require_tree(tree)
    if tree.num_players < 2:
        raise UnsupportedGameError(
            "a normal form needs at least two players; for a one-player tree use solve_decision_tree"
        )
    strategies = reduced_strategies(tree)
    index = [{s: k for k, s in enumerate(player_strategies)} for player_strategies in strategies]
    shape = tuple(len(s) for s in strategies)
    n = tree.num_players
    kind_zero, prob_one = _zero_and_one(tree)
    payoffs = np.empty((*shape, n), dtype=object)
    payoffs.fill(kind_zero)
    for leaf, weight, requirements in _leaves(tree, prob_one):
        if weight == 0:
            continue
        consistent = []
        for p in range(n):
            need = requirements[p]
            consistent.append([index[p][s] for s in strategies[p] if _satisfies(s, need)])
        if not all(consistent):
            continue
        values = np.empty(n, dtype=object)
        values[:] = [weight * v for v in tree.accumulated_payoffs(leaf)]
        block = np.ix_(*consistent, range(n))
        payoffs[block] = payoffs[block] + values
    if tree.is_parametric:
        payoffs.flat[:] = [sympy.expand(x) for x in payoffs.flat]
    elif not tree.is_exact:
        payoffs = payoffs.astype(np.float64)
    labels = tuple(_labels(tree, p, strategies[p]) for p in range(n))
    game = NormalFormGame(payoffs, players=tree.players, strategies=labels)
    return ReducedForm(game=game, assignments=strategies)


def to_normal_form(tree: ExtensiveFormGame) -> NormalFormGame:
    """The reduced strategic form of a game tree.

    Strategies that differ only at information sets the player's own moves
    make unreachable are merged. Strategy labels join the chosen actions
    with ``/``, in the order of the player's information sets; a player who
    never moves has the single strategy ``"(no move)"``. Exact, float and
    symbolic payoffs are preserved; chance moves are averaged exactly.

    Raises
    ------
    UnsupportedGameError
        If ``tree`` is not an :class:`ExtensiveFormGame` or has one player.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("Militia", {
    ...     "Attack": decision("US", {"Retaliate": terminal("b - k", "-c"), "Absorb": terminal("b", "-R")}),
    ...     "Hold": terminal(0, 0),
    ... }))
    >>> print(to_normal_form(tree))
    Militia \\ US  Retaliate  Absorb
    Attack        b - k, -c  b, -R
    Hold          0, 0       0, 0
    """
    return reduced_form(tree).game


def _require_tree(tree: Any) -> None:
    if not isinstance(tree, ExtensiveFormGame):
        raise UnsupportedGameError(f"expected an ExtensiveFormGame, not {type(tree).__name__}")


def _zero_and_one(tree: ExtensiveFormGame) -> tuple[Any, Any]:
    if tree.is_parametric:
        return sympy.Integer(0), sympy.Integer(1)
    if tree.is_exact:
        return Fraction(0), Fraction(1)
    return 0.0, 1.0


def _leaves(tree: ExtensiveFormGame, one: Any) -> list[tuple[int, Any, list[dict[int, int]]]]:
    """Each terminal position with its chance weight and each player's required (infoset -> action)."""
    out = []
    positions = tree.positions
    for position in positions:
        if not isinstance(position.node, TerminalNode):
            continue
        weight = one
        requirements: list[dict[int, int]] = [{} for _ in range(tree.num_players)]
        consistent = True
        current = position
        while current.parent is not None:
            parent = positions[current.parent]
            if isinstance(parent.node, ChanceNode) and current.action is not None:
                weight = weight * parent.node.probabilities[current.action]
            elif parent.player is not None and parent.infoset is not None and current.action is not None:
                need = requirements[parent.player]
                # With absent-mindedness a path can meet one set twice with different actions.
                if need.setdefault(parent.infoset, current.action) != current.action:
                    consistent = False
            current = parent
        if consistent:
            out.append((position.index, weight, requirements))
    return out


def _satisfies(strategy: Strategy, need: dict[int, int]) -> bool:
    assigned = dict(strategy)
    return all(assigned.get(infoset) == action for infoset, action in need.items())


def _labels(tree: ExtensiveFormGame, player: int, strategies: tuple[Strategy, ...]) -> tuple[str, ...]:
    infosets = tree.information_sets
    if strategies == ((),):
        return (NO_MOVE,)
    labels = tuple("/".join(infosets[i].actions[a] for i, a in s) for s in strategies)
    if len(set(labels)) == len(labels):
        return labels
    # Fall back to one slot per information set of the player, with "*" where unassigned.
    own = [s.index for s in infosets if s.player == player]
    labels = tuple("/".join(infosets[i].actions[dict(s)[i]] if i in dict(s) else "*" for i in own) for s in strategies)
    if len(set(labels)) == len(labels):
        return labels
    return tuple(f"{label} #{k + 1}" for k, label in enumerate(labels))
