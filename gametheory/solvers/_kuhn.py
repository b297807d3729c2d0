"""Behaviour strategies from mixed strategies over a tree's reduced strategies (Kuhn's theorem).

Examples
--------
>>> from fractions import Fraction
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> from gametheory.games.reduction import reduced_form
>>> from gametheory.games.tree_nodes import decision, terminal
>>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
>>> reduced = reduced_form(tree)
>>> mix = np.array([Fraction(1, 3), Fraction(2, 3)], dtype=object)
>>> behavior_from_mixed(tree, reduced.assignments, [mix, np.array([Fraction(1)], dtype=object)])[0].tolist()
[Fraction(1, 3), Fraction(2, 3)]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.reduction import Strategy

__all__ = ["Behavior", "behavior_from_mixed", "frozen"]

#: Behaviour at each information set: a probability vector, or None where any choice gives the same play.
Behavior = tuple[np.ndarray | None, ...]


def behavior_from_mixed(
    tree: ExtensiveFormGame, assignments: tuple[tuple[Strategy, ...], ...], profile: Sequence[np.ndarray]
) -> Behavior:
    """Map a mixed profile over reduced strategies to behaviour strategies (perfect recall).

    The probability of action ``a`` at set ``I`` is the weight of the
    strategies choosing ``a`` at ``I`` over the weight of those that can
    reach ``I``; ``None`` where that weight is zero.
    """
    out: list[np.ndarray | None] = []
    for infoset in tree.information_sets:
        strategies, mix = assignments[infoset.player], profile[infoset.player]
        exact = mix.dtype == object
        zero: Any = Fraction(0) if exact else 0.0
        weights = [zero] * len(infoset.actions)
        for strategy, p in zip(strategies, mix, strict=True):
            chosen = dict(strategy).get(infoset.index)
            if chosen is not None:
                weights[chosen] = weights[chosen] + p
        total = sum(weights, zero)
        if total == 0:
            out.append(None)
            continue
        vector = np.array([w / total for w in weights], dtype=object if exact else np.float64)
        out.append(frozen(vector))
    return tuple(out)


def frozen(array: np.ndarray) -> np.ndarray:
    """A read-only copy of ``array``."""
    array = np.array(array, dtype=array.dtype)
    array.flags.writeable = False
    return array
