"""The parts of a tree drawing that need no matplotlib: the layout, the labels, and the equilibrium's choices.

Used by :func:`gametheory.plot.tree.plot_tree`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from gametheory._internal.formatting import format_number
from gametheory.exceptions import InvalidArgumentError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode
from gametheory.solvers.behavior import beliefs as bayes_beliefs
from gametheory.solvers.behavior import infoset_name

__all__ = [
    "action_labels",
    "behavior_table",
    "belief_table",
    "is_played",
    "levels",
    "payoff_labels",
    "positive",
    "sure",
    "tree_layout",
]

_ROUNDOFF = 1e-9  # float probabilities this close to 0 or 1 are 0 or 1
_ALIGN_PASSES = 20
_TUPLE, _TUPLE_LEAVES = 14, 12  # longest payoff tuple, and most leaves, drawn as tuples
_WRAP = 14  # action labels longer than this are wrapped


def tree_layout(tree: ExtensiveFormGame) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates of every position of a tree: leaves at ``x = 0, 1, 2, ...``, level ``k`` at ``y = -k``.

    Leaves are numbered left to right in depth-first order; each parent is
    centred over its first and last child. A node's level is its depth,
    except that the nodes of an information set are put on one level (the
    lowest of them) with their subtrees pushed down, so that the dashed line
    joining them is horizontal. Passes over the positions, no recursion: a
    tree thousands of levels deep is fine.

    Parameters
    ----------
    tree : ExtensiveFormGame
        The tree.

    Returns
    -------
    x, y : numpy.ndarray
        One entry per position, in ``tree.positions`` order.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> tree = ExtensiveFormGame(decision("A", {"l": decision("B", {"u": terminal(1, 0), "v": terminal(2, 1)}),
    ...                                         "r": terminal(0, 3)}))
    >>> x, y = tree_layout(tree)
    >>> x.tolist(), y.tolist()
    ([1.25, 0.5, 0.0, 1.0, 2.0], [0.0, -1.0, -2.0, -2.0, -1.0])
    """
    if not isinstance(tree, ExtensiveFormGame):
        raise InvalidArgumentError(f"tree_layout needs an ExtensiveFormGame, not {type(tree).__name__}")
    positions = tree.positions
    x = np.zeros(len(positions))
    y = 0.0 - levels(tree)  # no -0.0 at the root
    leaves = [p.index for p in positions if not p.children]  # preorder: left to right
    x[leaves] = np.arange(len(leaves), dtype=float)
    for p in reversed(positions):  # preorder reversed: every child before its parent
        if p.children:
            x[p.index] = (x[p.children[0]] + x[p.children[-1]]) / 2
    return x, y


def levels(tree: ExtensiveFormGame) -> np.ndarray:
    """Each position's level: its depth, pushed down so that the nodes of an information set share a level.

    Repeated preorder passes (a child one level below its parent, a member of
    a set no higher than the set's lowest member) until nothing moves; if
    that does not settle within a few passes (long chains of sets pushing
    each other), plain depths are used.
    """
    positions = tree.positions
    depth = np.array([p.depth for p in positions], dtype=float)
    shared = [s for s in tree.information_sets if len(s.members) > 1]
    if not shared:
        return depth
    level = depth.copy()
    for _ in range(_ALIGN_PASSES):
        lowest = {s.index: max(level[m] for m in s.members) for s in shared}
        before = level.copy()
        for p in positions:
            level[p.index] = 0.0 if p.parent is None else level[p.parent] + 1
            if p.infoset in lowest:
                level[p.index] = max(level[p.index], lowest[p.infoset])
        if np.array_equal(level, before):
            return level
    return depth


def behavior_table(tree: ExtensiveFormGame, equilibrium: Any) -> list[list[Any] | None]:
    """Per information set, each action's probability (``None`` where the record specifies nothing)."""
    record = equilibrium
    if not hasattr(record, "behavior") and hasattr(record, "equilibrium"):
        record = record.equilibrium  # a Bayesian equilibrium: its tree equilibrium
    behavior = getattr(record, "behavior", None)
    sets = tree.information_sets
    if isinstance(behavior, str | bytes) or not isinstance(behavior, Sequence) or len(behavior) != len(sets):
        raise InvalidArgumentError(
            f"equilibrium must have a behavior with one entry per information set ({len(sets)}); "
            f"got {type(equilibrium).__name__}"
        )
    out: list[list[Any] | None] = []
    for infoset, entry in zip(sets, behavior, strict=True):
        if entry is None:
            out.append(None)
        elif isinstance(entry, str):
            if entry not in infoset.actions:
                raise InvalidArgumentError(f"{entry!r} is not an action at {infoset_name(tree, infoset.index)}")
            out.append([1 if a == entry else 0 for a in infoset.actions])
        elif isinstance(entry, Mapping):
            out.append([entry.get(a, 0) for a in infoset.actions])
        else:
            values = list(entry)
            if len(values) != len(infoset.actions):
                raise InvalidArgumentError(
                    f"the behavior at {infoset_name(tree, infoset.index)} has {len(values)} probabilities "
                    f"for {len(infoset.actions)} actions"
                )
            out.append(values)
    return out


def belief_table(tree: ExtensiveFormGame, equilibrium: Any) -> dict[int, Any]:
    """Belief at each member of an information set of several nodes, by position."""
    if not hasattr(equilibrium, "behavior") and hasattr(equilibrium, "equilibrium"):
        raw: Any = bayes_beliefs(equilibrium.equilibrium)
    else:
        raw = getattr(equilibrium, "beliefs", None)
        if raw is None:
            return {}
    sets = tree.information_sets
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence) or len(raw) != len(sets):
        raise InvalidArgumentError(f"an equilibrium's beliefs must have one entry per information set ({len(sets)})")
    out = {}
    for infoset, entry in zip(sets, raw, strict=True):
        if entry is None or len(infoset.members) < 2:
            continue
        values = [entry.get(m) for m in infoset.members] if isinstance(entry, Mapping) else list(entry)
        if len(values) != len(infoset.members):
            raise InvalidArgumentError(f"the beliefs at {infoset_name(tree, infoset.index)} do not match its nodes")
        out.update({m: v for m, v in zip(infoset.members, values, strict=True) if v is not None})
    return out


def positive(p: Any) -> bool:
    if isinstance(p, sympy.Basic) and not p.is_number:
        return sympy.sympify(p).is_zero is not True
    return abs(float(p)) > _ROUNDOFF


def sure(p: Any) -> bool:
    if isinstance(p, sympy.Basic) and not p.is_number:
        return sympy.simplify(p - 1) == 0
    return abs(float(p) - 1) <= _ROUNDOFF


def action_labels(tree: ExtensiveFormGame, played: list[list[Any] | None] | None) -> dict[int, str]:
    """Label of the edge into each non-root position: the action, wrapped, then any probability."""
    out = {}
    for p in tree.positions:
        if p.parent is None or p.action is None:
            continue
        parent = tree.positions[p.parent]
        node = parent.node
        assert isinstance(node, DecisionNode | ChanceNode)
        text = "\n".join(textwrap.wrap(node.actions[p.action], _WRAP)) or node.actions[p.action]
        if isinstance(node, ChanceNode):
            text += f"\n({format_number(node.probabilities[p.action])})"
        elif played is not None and parent.infoset is not None:
            vector = played[parent.infoset]
            if vector is not None and positive(vector[p.action]) and not sure(vector[p.action]):
                text += f"\n({format_number(vector[p.action])})"
        out[p.index] = text
    return out


def payoff_labels(tree: ExtensiveFormGame) -> tuple[dict[int, str], bool]:
    """Payoff text of each leaf, and whether the texts are stacked (one line per player) rather than tuples."""
    values = {
        p.index: [format_number(v) for v in tree.accumulated_payoffs(p.index)]
        for p in tree.positions
        if isinstance(p.node, TerminalNode)
    }
    # Tuples when short and few; one line per player is narrower, for long formulas and many leaves.
    long = any(len(", ".join(v)) + 2 > _TUPLE for v in values.values()) or len(values) > _TUPLE_LEAVES
    stacked = long and tree.num_players > 1
    if stacked:
        return {i: "\n".join(v) for i, v in values.items()}, True
    return {i: "(" + ", ".join(v) + ")" for i, v in values.items()}, False


def is_played(tree: ExtensiveFormGame, index: int, played: list[list[Any] | None] | None) -> bool:
    position = tree.positions[index]
    if played is None or position.parent is None or position.action is None:
        return False
    infoset = tree.positions[position.parent].infoset
    vector = None if infoset is None else played[infoset]
    return vector is not None and positive(vector[position.action])
