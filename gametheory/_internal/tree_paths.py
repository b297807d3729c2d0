"""Where a node or an information set sits in a game tree: node names and subgame roots (private).

Shared by the numeric and the symbolic perfect Bayesian solvers. The functions
read a tree's ``positions`` and ``information_sets`` only, so this module
imports no game class.

Examples
--------
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> from gametheory.games.tree_nodes import chance, decision, terminal
>>> answer = lambda: decision("US", {"Strike": terminal(0, 0), "Wait": terminal(1, 1)}, infoset="after attack")
>>> tree = ExtensiveFormGame(chance({"Ordered": ("1/2", answer()), "Autonomous": ("1/2", answer())}),
...                          players=("US", "Iran"))
>>> node_names(tree, 0), subgame_root(tree, 0)
(('Ordered', 'Autonomous'), 0)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from gametheory.exceptions import UnsupportedGameError

__all__ = ["continuation_plans", "node_names", "own_sets_after", "subgame_root"]


def node_names(tree: Any, infoset: int) -> tuple[str, ...]:
    """Each node of a set described by the moves on its path that differ from the other nodes'."""
    paths = []
    for member in tree.information_sets[infoset].members:
        path = []
        position = tree.positions[member]
        while position.parent is not None:
            parent = tree.positions[position.parent]
            path.append(parent.node.actions[position.action])
            position = parent
        paths.append(path[::-1])
    if len(paths) == 1:
        return (", ".join(paths[0]) or "the root",)
    while all(p and p[0] == paths[0][0] for p in paths):
        paths = [p[1:] for p in paths]
    while all(p and p[-1] == paths[0][-1] for p in paths):
        paths = [p[:-1] for p in paths]
    return tuple(", ".join(p) or "the node" for p in paths)


def subgame_root(tree: Any, infoset: int) -> int:
    """The root of the smallest subgame containing every node of ``infoset`` (positions are in preorder)."""
    size = [1] * len(tree.positions)
    for position in reversed(tree.positions):
        if position.parent is not None:
            size[position.parent] += size[position.index]
    members = tree.information_sets[infoset].members
    current: int | None = members[0]
    while current is not None:
        lo, hi = current, current + size[current]
        if all(lo <= m < hi for m in members) and _closed(tree, lo, hi):
            return current
        current = tree.positions[current].parent
    return 0


def _closed(tree: Any, lo: int, hi: int) -> bool:
    """Whether no information set has nodes both inside and outside positions ``lo .. hi - 1``."""
    for info in tree.information_sets:
        inside = [lo <= m < hi for m in info.members]
        if any(inside) and not all(inside):
            return False
    return True


def own_sets_after(tree: Any, infoset: int) -> list[int]:
    """``infoset`` and the mover's information sets that can follow it (perfect recall)."""
    info = tree.information_sets[infoset]
    history = tree.own_history(info.members[0])
    out = [infoset]
    for other in tree.information_sets:
        if other.player != info.player or other.index == infoset:
            continue
        theirs = tree.own_history(other.members[0])
        if len(theirs) > len(history) and theirs[: len(history)] == history and theirs[len(history)][0] == infoset:
            out.append(other.index)
    return out


def continuation_plans(tree: Any, infoset: int, *, limit: int, solver: str) -> Iterator[dict[int, int]]:
    """Every plan of the mover from ``infoset`` on: an action index for it and each of its later sets.

    Raises
    ------
    UnsupportedGameError
        If there are more than ``limit`` plans (``solver`` names the caller).
    """
    sets = own_sets_after(tree, infoset)
    sizes = [len(tree.information_sets[s].actions) for s in sets]
    count = 1
    for size in sizes:
        count *= size
    if count > limit:
        raise UnsupportedGameError(f"{count} continuation plans at one information set: too many for {solver}")
    for choice in itertools.product(*(range(size) for size in sizes)):
        yield dict(zip(sets, choice, strict=True))
