"""Private: naming the regimes of :mod:`gametheory.parametric.perfect_bayesian` (labels, kinds, nodes)."""

from __future__ import annotations

from collections.abc import Sequence

from gametheory._internal.tree_paths import node_names
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode
from gametheory.solvers.behavior import infoset_name

__all__ = ["first_node", "kind_of", "labels"]


def first_node(tree: ExtensiveFormGame, infoset: int) -> str:
    """The first node of a set, named by the moves that tell it from the others (as the numeric solver does)."""
    return node_names(tree, infoset)[0]


def _path(tree: ExtensiveFormGame, choice: Sequence[int], names: Sequence[str]) -> list[int]:
    """The information sets the profile reaches, level by level."""
    out: list[int] = []
    queue = [0]  # breadth first: all types' moves before the responses to them
    for index in queue:
        position = tree.positions[index]
        if position.infoset is not None and isinstance(position.node, DecisionNode):
            if position.infoset not in out:
                out.append(position.infoset)
            queue.append(position.children[choice[position.infoset]])
        else:
            queue.extend(position.children)
    return out


def labels(tree: ExtensiveFormGame, choices: Sequence[Sequence[int]], names: Sequence[str]) -> list[str]:
    """Path labels, with the moves off the path added where two regimes share one.

    In a signalling tree (see :func:`kind_of`) each type's path is spelled out,
    ``"Pooling: Strong -> Beer -> Retreat; Weak -> Beer -> Retreat"``; otherwise
    the label lists who does what on the path, ``"US [attack]: Strike"``.
    """
    sets = tree.information_sets
    movers = [infoset_name(tree, s.index) for s in sets]  # "US [after Quiche]": who moves, and where
    paths = [_path(tree, c, names) for c in choices]
    plain = []
    for choice, path in zip(choices, paths, strict=True):
        kind = kind_of(tree, choice)
        if kind is None:
            plain.append("; ".join(f"{movers[s]}: {sets[s].actions[choice[s]]}" for s in path))
        else:
            plain.append(f"{kind.capitalize()}: " + "; ".join(_type_paths(tree, choice)))
    out = []
    for label, choice, path in zip(plain, choices, paths, strict=True):
        if plain.count(label) > 1:
            rest = [f"{names[s.index]} -> {s.actions[choice[s.index]]}" for s in sets if s.index not in path]
            label = f"{label}; off path: {'; '.join(rest)}"
        out.append(label)
    return out


def _type_paths(tree: ExtensiveFormGame, choice: Sequence[int]) -> list[str]:
    """For each branch of the root chance node, its label and the actions that follow it."""
    root = tree.positions[0]
    out = []
    for branch, child in zip(root.node.actions, root.children, strict=True):  # type: ignore[union-attr]
        parts = [branch]
        position = tree.positions[child]
        while isinstance(position.node, DecisionNode) and position.infoset is not None:
            action = choice[position.infoset]
            parts.append(position.node.actions[action])
            position = tree.positions[position.children[action]]
        out.append(" -> ".join(parts))
    return out


def kind_of(tree: ExtensiveFormGame, choice: Sequence[int]) -> str | None:
    """Pooling, separating or semi-separating, when the root draws a type for one sender alone in each set."""
    root = tree.positions[0]
    if not isinstance(root.node, ChanceNode) or len(root.children) < 2:
        return None
    senders = [tree.positions[c] for c in root.children]
    if not all(isinstance(p.node, DecisionNode) and p.infoset is not None for p in senders):
        return None
    sets = [p.infoset for p in senders]
    if len({p.player for p in senders}) != 1 or len(set(sets)) != len(sets):
        return None
    if any(len(tree.information_sets[s].members) != 1 for s in sets if s is not None):
        return None
    sent = [tree.information_sets[s].actions[choice[s]] for s in sets if s is not None]
    if len(set(sent)) == 1:
        return "pooling"
    if len(set(sent)) == len(sent):
        return "separating"
    return "semi-separating"
