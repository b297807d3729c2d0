"""Helpers of :mod:`gametheory.solvers.subgame_perfect`: where subgames start, and merging their solutions.

Both work in linear time on trees of any depth.

Examples
--------
>>> from gametheory.games.tree_nodes import decision, terminal
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> tree = ExtensiveFormGame(decision("A", {
...     "L": decision("B", {"l": terminal(1, 0), "r": terminal(0, 1)}, infoset="b"),
...     "R": decision("B", {"l": terminal(0, 1), "r": terminal(1, 0)}, infoset="b"),
... }))
>>> subgame_roots(tree, [7, 4, 3, 4, 7, 6, 7])
[True, False, True, True, False, True, True]
"""

from __future__ import annotations

from typing import Any

from gametheory.games.extensive_form import ExtensiveFormGame

__all__ = ["merge_behaviors", "subgame_roots"]


def subgame_roots(tree: ExtensiveFormGame, end: list[int]) -> list[bool]:
    """Whether each position roots a subgame: a singleton set whose subtree no information set straddles.

    The subtree of ``x`` is the preorder range ``[x, end[x])``; it is closed when the lowest and highest
    member of every information set met inside it lie inside it too (computed bottom-up).
    """
    positions = tree.positions
    low = list(range(len(positions)))
    high = list(low)
    for infoset in tree.information_sets:
        first, last = min(infoset.members), max(infoset.members)
        for m in infoset.members:
            low[m], high[m] = first, last
    for position in reversed(positions):
        if position.parent is not None:
            low[position.parent] = min(low[position.parent], low[position.index])
            high[position.parent] = max(high[position.parent], high[position.index])
    members = [len(s.members) for s in tree.information_sets]
    return [
        (p.infoset is None or members[p.infoset] == 1) and low[p.index] >= p.index and high[p.index] < end[p.index]
        for p in positions
    ]


def merge_behaviors(behaviors: list[dict[int, Any]], *, in_place: bool) -> dict[int, Any]:
    """The union of behaviour maps; ``in_place`` adds the others into the largest instead of copying them all.

    Examples
    --------
    >>> first, second = {0: "x"}, {1: "y", 2: "z"}
    >>> merge_behaviors([first, second], in_place=True) is second, second
    (True, {1: 'y', 2: 'z', 0: 'x'})
    """
    if not in_place or not behaviors:
        merged: dict[int, Any] = {}
        for behavior in behaviors:
            merged.update(behavior)
        return merged
    largest = max(behaviors, key=len)
    for behavior in behaviors:
        if behavior is not largest:
            largest.update(behavior)
    return largest
