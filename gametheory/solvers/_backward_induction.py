"""Backward induction over the subgames of a numeric tree, for the subgame-perfect solvers.

A subgame whose root and children are all subgame roots is solved directly
(a player keeps every best action, so ties give several solutions; nature
averages); a subgame with imperfect information inside is truncated (its
proper subgames replaced by their values) and solved with
:func:`~gametheory.solvers.behavior.tree_equilibria`, or by enumerating
pure strategies when it has one player. The solutions of different
subgames are combined in every way.

Examples
--------
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> from gametheory.games.tree_nodes import decision, terminal
>>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1), "y": terminal(1)}))
>>> [value for _, value in BackwardInduction(tree).solve(0)]
[(Fraction(1, 1),), (Fraction(1, 1),)]
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.reduction import reduced_strategies
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, Node, Outcome, TerminalNode
from gametheory.solvers._subgames import merge_behaviors, subgame_roots
from gametheory.solvers.behavior import behavior_payoffs, tree_equilibria

__all__ = ["BackwardInduction", "Partial"]

#: A partial solution of a subgame: behaviour at its information sets and its value (one entry per player).
Partial = tuple[dict[int, np.ndarray | None], tuple[Any, ...]]


class BackwardInduction:
    """Backward induction over the subgames of one tree."""

    def __init__(self, tree: ExtensiveFormGame) -> None:
        self.tree = tree
        self.exact = tree.is_exact
        positions = tree.positions
        # Preorder: the subtree of x is the index range [x, end[x]).
        end = [0] * len(positions)
        for position in reversed(positions):
            end[position.index] = end[position.children[-1]] if position.children else position.index + 1
        self.end = end
        self.is_root = subgame_roots(tree, end)
        self.regions: dict[int, tuple[list[int], list[int]]] = {}
        # Exact trees need no scale (and their payoffs may be beyond float range, like 10**400).
        # Float trees: each player's own tolerance, relative to that player's largest payoff (times the
        # depth, for payoffs summed along a path), so a player's choice is decided on its own scale only.
        self.tolerances: tuple[float, ...] | None = None
        self.tolerance: float | None = None
        if not self.exact:
            depth = max(1, max(p.depth for p in positions))
            scales = [0.0] * tree.num_players
            for outcome in tree.outcomes:
                scales = [max(s, abs(float(v))) for s, v in zip(scales, outcome.payoffs, strict=True)]
            self.tolerances = tuple(_tolerance.RELATIVE_TOLERANCE * s * depth for s in scales)
            self.tolerance = max(self.tolerances)
        self.zero: Any = Fraction(0) if self.exact else 0.0

    def equal(self, a: Any, b: Any, player: int) -> bool:
        """Whether two payoffs of ``player`` tie (exactly, or within that player's own tolerance)."""
        if self.tolerances is None:
            return bool(a == b)
        return abs(float(a) - float(b)) <= self.tolerances[player]

    def own(self, index: int) -> tuple[Any, ...]:
        outcome = self.tree.positions[index].node.outcome
        return tuple(outcome.payoffs) if outcome is not None else (self.zero,) * self.tree.num_players

    def solve(self, index: int) -> list[Partial]:
        """The partial solutions of the subgame at ``index``, its parts solved first (post-order, no recursion)."""
        results: dict[int, list[Partial]] = {}
        stack = [(index, False)]
        while stack:
            i, ready = stack.pop()
            if not ready:
                stack.append((i, True))
                stack.extend((c, False) for c in reversed(self._parts(i)))
                continue
            parts = [results.pop(c) for c in self._parts(i)]
            position = self.tree.positions[i]
            if isinstance(position.node, TerminalNode):
                results[i] = [({}, self.own(i))]
            elif all(self.is_root[c] for c in position.children):
                results[i] = self._step(i, self.own(i), parts)
            else:
                results[i] = self._region(i, parts)
        return results[index]

    def _parts(self, index: int) -> list[int]:
        """The subgames whose solutions the one at ``index`` combines: its children, or the roots below its region."""
        position = self.tree.positions[index]
        if isinstance(position.node, TerminalNode):
            return []
        if all(self.is_root[c] for c in position.children):
            return list(position.children)
        return self._region_nodes(index)[1]

    def _step(self, index: int, own: tuple[Any, ...], parts: list[list[Partial]]) -> list[Partial]:
        position = self.tree.positions[index]
        node = position.node
        out: list[Partial] = []
        combos = list(itertools.product(*parts))
        for combo in combos:
            # A single combination may reuse the children's maps: each is used by this node only.
            merged = merge_behaviors([behavior for behavior, _ in combo], in_place=len(combos) == 1)
            values = [v for _, v in combo]
            if isinstance(node, ChanceNode):
                total = tuple(
                    sum((p * v[i] for p, v in zip(node.probabilities, values, strict=True)), self.zero)
                    for i in range(len(own))
                )
                out.append((merged, tuple(a + b for a, b in zip(own, total, strict=True))))
                continue
            player = position.player
            assert player is not None
            assert position.infoset is not None
            best = max(v[player] for v in values)
            chosen = [k for k, v in enumerate(values) if self.equal(v[player], best, player)]
            for k in chosen:
                pure = np.array(
                    [self._one() if j == k else self.zero for j in range(len(values))],
                    dtype=object if self.exact else np.float64,
                )
                pure.flags.writeable = False
                behavior = merged if len(chosen) == 1 else dict(merged)
                behavior[position.infoset] = pure
                out.append((behavior, tuple(a + b for a, b in zip(own, values[k], strict=True))))
        return out

    def _one(self) -> Any:
        return Fraction(1) if self.exact else 1.0

    def _region_nodes(self, index: int) -> tuple[list[int], list[int]]:
        """The region of the subgame at ``index`` in preorder, and the proper subgames it stops at."""
        if index not in self.regions:
            order: list[int] = []
            below: list[int] = []
            stack = [index]
            while stack:
                i = stack.pop()
                order.append(i)
                if i != index and self.is_root[i] and not isinstance(self.tree.positions[i].node, TerminalNode):
                    below.append(i)
                    continue
                stack.extend(reversed(self.tree.positions[i].children))
            self.regions[index] = (order, below)
        return self.regions[index]

    def _region(self, index: int, parts: list[list[Partial]]) -> list[Partial]:
        """Truncate the subgame at its proper subgames, then solve the truncated game in every combination."""
        order, below = self._region_nodes(index)
        out: list[Partial] = []
        for combo in itertools.product(*parts):
            values = {b: v for b, (_, v) in zip(below, combo, strict=True)}
            merged = merge_behaviors([behavior for behavior, _ in combo], in_place=False)
            truncated = ExtensiveFormGame(self._truncate(order, values), players=self.tree.players)
            # Truncated positions follow ``order`` one for one, so information sets map through their first member.
            mapping = [self.tree.positions[order[s.members[0]]].infoset for s in truncated.information_sets]
            for local_behavior, value in self._solve_truncated(truncated):
                combined = dict(merged)
                for local, vector in enumerate(local_behavior):
                    target = mapping[local]
                    assert target is not None
                    combined[target] = vector
                out.append((combined, value))
        return out

    def _truncate(self, order: list[int], values: dict[int, tuple[Any, ...]]) -> Node:
        """The region (positions ``order``, in preorder) with the subgames in ``values`` replaced by their values."""
        positions = self.tree.positions
        built: list[Node] = []
        # Reversed preorder: each node finds its children on top of the stack, first child on top.
        for index in reversed(order):
            node = positions[index].node
            if index in values:
                built.append(TerminalNode(Outcome(values[index])))
            elif isinstance(node, TerminalNode):
                built.append(node)
            else:
                children = tuple(built.pop() for _ in node.children)
                if isinstance(node, DecisionNode):
                    infoset = positions[index].infoset
                    node = DecisionNode(node.player, node.actions, children, infoset, "", node.label, node.outcome)
                    built.append(node)
                else:
                    built.append(ChanceNode(node.actions, node.probabilities, children, node.label, node.outcome))
        return built[0]

    def _solve_truncated(self, truncated: ExtensiveFormGame) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
        if truncated.num_players >= 2:
            return [(eq.behavior, tuple(eq.payoffs.tolist())) for eq in tree_equilibria(truncated)]
        return self._one_player(truncated)

    def _one_player(self, truncated: ExtensiveFormGame) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
        candidates = []
        for strategy in reduced_strategies(truncated)[0]:
            chosen = dict(strategy)
            behavior = tuple(
                None if s.index not in chosen else _pure(len(s.actions), chosen[s.index], self.exact)
                for s in truncated.information_sets
            )
            candidates.append((behavior, tuple(behavior_payoffs(truncated, behavior).tolist())))
        best = max(value[0] for _, value in candidates)
        return [(b, v) for b, v in candidates if self.equal(v[0], best, 0)]


def _pure(n: int, k: int, exact: bool) -> np.ndarray:
    vector = np.array(
        [Fraction(int(j == k)) if exact else float(j == k) for j in range(n)], dtype=object if exact else np.float64
    )
    vector.flags.writeable = False
    return vector
