"""Validation, number normalisation and indexing of game trees (helpers of :mod:`extensive_form`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import sympy

from gametheory._internal.formatting import format_number
from gametheory._internal.parameters import free_parameters
from gametheory.exceptions import InvalidGameError
from gametheory.games._numbers import Kind, coerce_array
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, InformationSet, Node, Outcome, Position, TerminalNode

__all__ = ["children_first", "collect_players", "index_tree", "map_numbers", "normalise", "tree_parameters"]

_FLOAT_SUM_TOLERANCE = 1e-9


def children_first(root: Node) -> list[Node]:
    """All nodes in depth-first preorder, without recursion (deep trees are legal)."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def collect_players(root: Node) -> list[str]:
    names: dict[str, None] = {}
    for node in children_first(root):
        if isinstance(node, DecisionNode):
            names.setdefault(node.player, None)
    return list(names)


def map_numbers(node: Node, convert: Any, convert_payoff: Any = None) -> Node:
    """Rebuild a tree with ``convert`` applied to probabilities and ``convert_payoff`` (default same) to payoffs."""
    convert_payoff = convert_payoff or convert

    def own(n: Node) -> tuple[Outcome | None, tuple[Any, ...]]:
        outcome = n.outcome
        if outcome is not None:
            outcome = Outcome(tuple(convert_payoff(p) for p in outcome.payoffs), label=outcome.label)
        return outcome, tuple(convert(p) for p in n.probabilities) if isinstance(n, ChanceNode) else ()

    return rebuild(node, own)


def rebuild(root: Node, own: Any) -> Node:
    """A copy of the tree with each node's ``(outcome, probabilities)`` replaced by ``own(node)``.

    ``own`` is called once per node in depth-first preorder; the copy is assembled bottom-up, without recursion.
    """
    order = children_first(root)
    owns = [own(node) for node in order]
    built: list[Node] = []
    # Reversed preorder: each node finds its children on top of the stack, first child on top.
    for node, (outcome, probabilities) in zip(reversed(order), reversed(owns), strict=True):
        if isinstance(node, TerminalNode):
            built.append(TerminalNode(outcome, label=node.label))
            continue
        children = tuple(built.pop() for _ in node.children)
        if isinstance(node, DecisionNode):
            built.append(
                DecisionNode(node.player, node.actions, children, node.infoset, node.infoset_label, node.label, outcome)
            )
        else:
            built.append(ChanceNode(node.actions, probabilities, children, label=node.label, outcome=outcome))
    return built[0]


def normalise(root: Node, num_players: int) -> tuple[Node, Kind]:
    """Check payoff lengths and chance sums, and convert every number to one kind."""
    payoffs: list[Any] = []
    probabilities: list[Any] = []
    for node in children_first(root):
        if node.outcome is not None:
            if len(node.outcome.payoffs) != num_players:
                raise InvalidGameError(
                    f"an outcome has {len(node.outcome.payoffs)} payoffs but the game has {num_players} players: "
                    f"{node.outcome.payoffs}"
                )
            payoffs.extend(node.outcome.payoffs)
        if isinstance(node, ChanceNode):
            probabilities.extend(node.probabilities)
    pay_values, pay_kind = _coerce_flat(payoffs, "payoffs")
    prob_values, prob_kind = _coerce_flat(probabilities, "chance probabilities")
    kinds = {pay_kind, prob_kind}
    kind = Kind.SYMBOLIC if Kind.SYMBOLIC in kinds else Kind.FLOAT if Kind.FLOAT in kinds else Kind.EXACT
    cast = _caster(kind)
    pay_iter, prob_iter = iter([cast(v) for v in pay_values]), iter([cast(v) for v in prob_values])
    # Values come back in the same preorder in which they were collected.
    normalised = _rebuild_in_order(root, pay_iter, prob_iter)
    for node in children_first(normalised):
        if isinstance(node, ChanceNode):
            _check_probabilities(node, kind)
    return normalised, kind


def _rebuild_in_order(root: Node, payoffs: Any, probabilities: Any) -> Node:
    # Preorder: a node's own numbers are consumed before its children's.
    def own(node: Node) -> tuple[Outcome | None, tuple[Any, ...]]:
        outcome = node.outcome
        if outcome is not None:
            outcome = Outcome(tuple(next(payoffs) for _ in outcome.payoffs), label=outcome.label)
        probs = tuple(next(probabilities) for _ in node.probabilities) if isinstance(node, ChanceNode) else ()
        return outcome, probs

    return rebuild(root, own)


def _coerce_flat(values: list[Any], what: str) -> tuple[list[Any], Kind]:
    if not values:
        return [], Kind.EXACT
    array = np.empty(len(values), dtype=object)
    array[:] = values
    coerced, kind = coerce_array(array, what=what)
    return list(coerced), kind


def _caster(kind: Kind) -> Any:
    if kind is Kind.SYMBOLIC:
        return lambda v: sympy.Rational(v.numerator, v.denominator) if hasattr(v, "denominator") else sympy.sympify(v)
    if kind is Kind.FLOAT:
        return float
    return lambda v: v


def _check_probabilities(node: ChanceNode, kind: Kind) -> None:
    where = f"chance node {node.label!r} with branches {', '.join(node.actions)}"
    for p in node.probabilities:
        numeric = p.is_number if kind is Kind.SYMBOLIC else True
        if numeric and not (0 <= p <= 1):
            raise InvalidGameError(f"probability {format_number(p)} at {where} is not in [0, 1]")
    total = sum(node.probabilities[1:], node.probabilities[0])
    if kind is Kind.FLOAT:
        bad = abs(total - 1.0) > _FLOAT_SUM_TOLERANCE
    elif kind is Kind.SYMBOLIC:
        bad = sympy.simplify(total - 1) != 0
    else:
        bad = total != 1
    if bad:
        raise InvalidGameError(f"probabilities at {where} sum to {format_number(total)}, not 1")


def tree_parameters(root: Node) -> tuple[sympy.Symbol, ...]:
    return free_parameters(_tree_numbers(root))


def _tree_numbers(root: Node) -> Iterator[Any]:
    for node in children_first(root):
        if node.outcome:
            yield from node.outcome.payoffs
        if isinstance(node, ChanceNode):
            yield from node.probabilities


def index_tree(root: Node, players: tuple[str, ...]) -> tuple[tuple[Position, ...], tuple[InformationSet, ...]]:
    rows: list[dict[str, Any]] = []
    stack: list[tuple[Node, int | None, int | None, int]] = [(root, None, None, 0)]
    while stack:
        node, parent, action, depth = stack.pop()
        index = len(rows)
        rows.append({"node": node, "parent": parent, "action": action, "depth": depth, "children": []})
        if parent is not None:
            rows[parent]["children"].append(index)
        for k in reversed(range(len(node.children))):
            stack.append((node.children[k], index, k, depth + 1))
    # Group decision nodes into information sets by (player, key); unkeyed nodes are singletons.
    groups: dict[tuple[str, Any], list[int]] = {}
    for index, row in enumerate(rows):
        node = row["node"]
        if isinstance(node, DecisionNode):
            key = (node.player, ("key", node.infoset) if node.infoset is not None else ("node", index))
            groups.setdefault(key, []).append(index)
    infosets: list[InformationSet] = []
    numbers: dict[str, int] = {}
    for (player, _), members in groups.items():
        first = rows[members[0]]["node"]
        for m in members[1:]:
            node = rows[m]["node"]
            if node.actions != first.actions:
                raise InvalidGameError(
                    f"information set {first.infoset!r} of {player} has nodes with different actions: "
                    f"{first.actions} and {node.actions}"
                )
            if node.infoset_label != first.infoset_label:
                raise InvalidGameError(f"information set {first.infoset!r} of {player} has two different labels")
        numbers[player] = numbers.get(player, 0) + 1
        label = first.infoset_label or (first.infoset if isinstance(first.infoset, str) else "")
        infosets.append(
            InformationSet(
                index=len(infosets),
                player=players.index(player),
                number=numbers[player],
                key=first.infoset,
                label=label,
                actions=first.actions,
                members=tuple(members),
            )
        )
    where = {m: s.index for s in infosets for m in s.members}
    positions = tuple(
        Position(
            index=i,
            node=row["node"],
            parent=row["parent"],
            action=row["action"],
            children=tuple(row["children"]),
            depth=row["depth"],
            infoset=where.get(i),
            player=infosets[where[i]].player if i in where else None,
        )
        for i, row in enumerate(rows)
    )
    return positions, tuple(infosets)
