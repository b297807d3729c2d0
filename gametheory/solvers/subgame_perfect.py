"""Subgame-perfect equilibria of game trees, and optimal policies of decision trees.

Backward induction over subgames: a subgame whose root and children are all
subgame roots is solved directly (a player keeps every best action, so ties
give several equilibria; nature averages); a subgame with imperfect
information inside is truncated (its proper subgames replaced by their
values) and solved with :func:`~gametheory.solvers.behavior.tree_equilibria`.
The equilibria of different subgames are combined in every way.

Examples
--------
>>> from gametheory.games.tree_nodes import decision, terminal
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> tree = ExtensiveFormGame(decision("Militia", {
...     "Attack": decision("US", {"Retaliate": terminal(-1, -3), "Withdraw": terminal(2, -3)}),
...     "Hold": terminal(0, 0),
... }))
>>> for eq in subgame_perfect_equilibria(tree):
...     print(eq)
Militia: Hold; US: Retaliate; payoffs 0, 0
Militia: Attack; US: Withdraw; payoffs 2, -3
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.reduction import reduced_strategies
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, Node, Outcome, TerminalNode
from gametheory.solvers._subgames import merge_behaviors, subgame_roots
from gametheory.solvers.behavior import (
    BehaviorEquilibrium,
    behavior_payoffs,
    infoset_name,
    require_numeric_tree,
    tree_equilibria,
)

__all__ = ["DecisionTreeSolution", "SubgamePerfectEquilibrium", "solve_decision_tree", "subgame_perfect_equilibria"]

# A partial solution of a subgame: behaviour at its information sets and its value (one entry per player).
_Partial = tuple[dict[int, np.ndarray | None], tuple[Any, ...]]


@dataclass(frozen=True, eq=False)
class SubgamePerfectEquilibrium(BehaviorEquilibrium):
    """A subgame-perfect equilibrium: a behaviour profile that is an equilibrium in every subgame.

    Same fields as :class:`~gametheory.solvers.behavior.BehaviorEquilibrium`.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
    >>> (eq,) = subgame_perfect_equilibria(tree)
    >>> eq.action("A"), eq.payoffs.tolist()
    ('x', [Fraction(1, 1), Fraction(0, 1)])
    """


def subgame_perfect_equilibria(tree: ExtensiveFormGame) -> tuple[SubgamePerfectEquilibrium, ...]:
    """Every subgame-perfect equilibrium of a numeric game tree with perfect recall.

    On perfect-information trees this is backward induction returning every
    pure SPE (a tie gives one equilibrium per best action). Subgames with
    imperfect information are solved with
    :func:`~gametheory.solvers.behavior.tree_equilibria` (their extreme
    equilibria); all combinations across subgames are returned, so many
    ties multiply the number of equilibria.

    Raises
    ------
    UnsupportedGameError
        If ``tree`` is not a tree, or has imperfect recall.
    ParameterError
        If the tree is parametric (see
        :func:`gametheory.parametric.subgame_perfect.subgame_perfect_regimes`).

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("Entrant", {
    ...     "In": decision("Incumbent", {"Fight": terminal(-1, -1), "Accommodate": terminal(1, 1)}),
    ...     "Out": terminal(0, 2),
    ... }))
    >>> [str(eq) for eq in subgame_perfect_equilibria(tree)]
    ['Entrant: In; Incumbent: Accommodate; payoffs 1, 1']
    """
    require_numeric_tree(tree, "subgame_perfect_equilibria", alternative="subgame_perfect_regimes")
    solver = _Solver(tree)
    out = []
    for behavior_map, value in solver.solve(0):
        behavior = tuple(behavior_map.get(i) for i in range(len(tree.information_sets)))
        out.append(SubgamePerfectEquilibrium(behavior, _array(value, tree), tree, solver.tolerance))
    return tuple(out)


@dataclass(frozen=True, eq=False)
class DecisionTreeSolution:
    """The optimal policies of a decision tree and their expected value.

    Attributes
    ----------
    expected_value : number
        The best expected payoff (exact for exact trees).
    policies : tuple of dict
        Every optimal policy found by backward induction, each a mapping from
        information-set name to the action taken.
    game : ExtensiveFormGame
        The tree.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("DM", {
    ...     "Invest": chance({"Boom": ("1/3", terminal(9)), "Bust": ("2/3", terminal(-3))}),
    ...     "Wait": terminal(1),
    ... }))
    >>> solution = solve_decision_tree(tree)
    >>> solution.expected_value, solution.policy
    (Fraction(1, 1), {'DM': 'Invest'})
    >>> len(solution.policies)
    2
    """

    expected_value: Any
    policies: tuple[dict[str, str | None], ...]
    game: ExtensiveFormGame

    @property
    def policy(self) -> dict[str, str | None]:
        """The first optimal policy."""
        return self.policies[0]

    def optimal_actions(self) -> dict[str, tuple[str, ...]]:
        """For each information set, the actions taken by some optimal policy.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> tree = ExtensiveFormGame(decision("DM", {"a": terminal(1), "b": terminal(1), "c": terminal(0)}))
        >>> solve_decision_tree(tree).optimal_actions()
        {'DM': ('a', 'b')}
        """
        out: dict[str, tuple[str, ...]] = {}
        for policy in self.policies:
            for name, action in policy.items():
                if action is not None and action not in out.get(name, ()):
                    out[name] = (*out.get(name, ()), action)
        return out


def solve_decision_tree(tree: ExtensiveFormGame) -> DecisionTreeSolution:
    """Optimal policies and expected value of a one-player tree with chance nodes.

    Backward induction; where the decision maker cannot observe a chance
    move (an information set with several nodes) the best pure policy of that
    part is found by enumeration. Ties give several optimal policies.

    Raises
    ------
    UnsupportedGameError
        If the tree has more than one player, or imperfect recall (where the
        best policy may need randomisation).

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("DM", {
    ...     "Test": chance({"Positive": ("1/2", decision("DM", {"Act": terminal(8), "Skip": terminal(-1)})),
    ...                     "Negative": ("1/2", decision("DM", {"Act": terminal(-4), "Skip": terminal(-1)}))}),
    ...     "Act now": terminal(2),
    ... }))
    >>> solve_decision_tree(tree).expected_value
    Fraction(7, 2)
    """
    require_numeric_tree(tree, "solve_decision_tree", alternative="subgame_perfect_regimes")
    if tree.num_players != 1:
        raise UnsupportedGameError(f"a decision tree has one player; this tree has {tree.num_players}")
    solver = _Solver(tree)
    solutions = solver.solve(0)
    best = max(value[0] for _, value in solutions)
    policies = []
    for behavior_map, value in solutions:
        if solver.equal(value[0], best, 0):
            policies.append({infoset_name(tree, i): _chosen(tree, i, v) for i, v in sorted(behavior_map.items())})
    return DecisionTreeSolution(best, tuple(policies), tree)


def _chosen(tree: ExtensiveFormGame, infoset: int, vector: np.ndarray | None) -> str | None:
    if vector is None:
        return None
    return tree.information_sets[infoset].actions[int(np.argmax([float(p) for p in vector]))]


def _array(values: tuple[Any, ...], tree: ExtensiveFormGame) -> np.ndarray:
    array = np.array(values, dtype=object if tree.is_exact else np.float64)
    array.flags.writeable = False
    return array


class _Solver:
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

    def solve(self, index: int) -> list[_Partial]:
        """The partial solutions of the subgame at ``index``, its parts solved first (post-order, no recursion)."""
        results: dict[int, list[_Partial]] = {}
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

    def _step(self, index: int, own: tuple[Any, ...], parts: list[list[_Partial]]) -> list[_Partial]:
        position = self.tree.positions[index]
        node = position.node
        out: list[_Partial] = []
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

    def _region(self, index: int, parts: list[list[_Partial]]) -> list[_Partial]:
        """Truncate the subgame at its proper subgames, then solve the truncated game in every combination."""
        order, below = self._region_nodes(index)
        out: list[_Partial] = []
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
