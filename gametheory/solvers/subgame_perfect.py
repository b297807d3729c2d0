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

from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory.exceptions import UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers._backward_induction import BackwardInduction
from gametheory.solvers.behavior import BehaviorEquilibrium, infoset_name
from gametheory.solvers.guards import require_numeric_tree

__all__ = ["DecisionTreeSolution", "SubgamePerfectEquilibrium", "solve_decision_tree", "subgame_perfect_equilibria"]


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
    solver = BackwardInduction(tree)
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
    tolerance : float or None
        ``None`` when exact; otherwise the float tolerance within which
        values count as tied, in payoff units (as on the equilibrium records).

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
    tolerance: float | None = None

    @property
    def players(self) -> tuple[str, ...]:
        """Player names (the tree's one decision maker)."""
        return self.game.players

    @property
    def is_exact(self) -> bool:
        """True when the expected value is an exact rational."""
        return self.tolerance is None

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
    solver = BackwardInduction(tree)
    solutions = solver.solve(0)
    best = max(value[0] for _, value in solutions)
    policies = []
    for behavior_map, value in solutions:
        if solver.equal(value[0], best, 0):
            policies.append({infoset_name(tree, i): _chosen(tree, i, v) for i, v in sorted(behavior_map.items())})
    return DecisionTreeSolution(best, tuple(policies), tree, solver.tolerance)


def _chosen(tree: ExtensiveFormGame, infoset: int, vector: np.ndarray | None) -> str | None:
    if vector is None:
        return None
    return tree.information_sets[infoset].actions[int(np.argmax([float(p) for p in vector]))]


def _array(values: tuple[Any, ...], tree: ExtensiveFormGame) -> np.ndarray:
    array = np.array(values, dtype=object if tree.is_exact else np.float64)
    array.flags.writeable = False
    return array
