"""The adapter for parametric perfect-information trees: their subgame-perfect regimes.

Layout of a tree's columns: ``strategies[i]`` lists player ``i``'s actions at
each of the player's information sets (in ``tree.information_sets`` order),
named ``"Retaliate"`` when the player has one information set and
``"US (after attack): Retaliate"`` otherwise (see
:func:`~gametheory.solvers.behavior.infoset_name`); ``probabilities[i]`` holds
the probability of each of those actions, so a pure regime has a 1 at the
chosen action of every information set and 0 elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from gametheory._internal.caches import cached
from gametheory._internal.parameters import exact_parameter_value
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.sensitivity._compile import CompiledGame, compile_expressions
from gametheory.sensitivity.models._base import GameModel
from gametheory.sensitivity.models._formulas import evaluate_formulas
from gametheory.sensitivity.models.protocol import Evaluation, PointSolution, Regime
from gametheory.solvers.behavior import infoset_name
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria

__all__ = ["TreeModel", "behavior_columns", "behavior_strategies", "solve_tree", "tree_defined_at"]


class TreeModel(GameModel):
    """A parametric perfect-information :class:`~gametheory.games.extensive_form.ExtensiveFormGame` as a model.

    Its columns are the subgame-perfect regimes of
    :func:`~gametheory.parametric.subgame_perfect.subgame_perfect_regimes`
    (derived once with the fixed values substituted), each a pure behaviour
    profile laid out as the module describes; their conditions are compiled to
    numpy once and decided on whole arrays. Regimes overlap on boundaries
    (weak inequalities), as ties give several subgame-perfect equilibria.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree with parameters and perfect information.
    fixed : mapping, optional
        Values of fixed parameters, by name (see :meth:`fix`).

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory.scenarios import stay_or_withdraw
    >>> model = TreeModel(stay_or_withdraw()).fix({"d": 1, "c": 2, "L": 5, "b": 1, "k": 3, "l": 1, "V": 1})
    >>> model.evaluate({"R": np.array([1.0, 3.0])}, (2,)).labels
    ('Militia: Hold', 'Militia: Attack; US: Absorb')
    """

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The parameters not fixed (error unless the tree is parametric with perfect information)."""
        tree = self._game
        if not tree.is_parametric:
            raise UnsupportedGameError("the tree has no parameters; sensitivity analysis needs a parametric tree")
        if not tree.is_perfect_information:
            raise UnsupportedGameError(
                "parametric sensitivity analysis of trees needs perfect information; pass a function "
                "params -> ExtensiveFormGame instead, solved point by point with subgame_perfect_equilibria"
            )
        return self._free()

    def evaluate(
        self,
        values: Mapping[str, np.ndarray],
        shape: tuple[int, ...],
        *,
        tol: float | None = None,
        executor: Any = None,
        progress: Callable[..., Iterable[Any]] | None = None,
    ) -> Evaluation:
        """Decide every regime on arrays of values that broadcast to ``shape`` (``executor``, ``progress`` unused).

        ``tol`` as for :meth:`NormalFormModel.evaluate
        <gametheory.sensitivity.models.NormalFormModel.evaluate>`.

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal("v", 0), "y": terminal(1, 1)}), players=("A", "B"))
        >>> TreeModel(tree).evaluate({"v": np.array([0.0, 2.0])}, (2,)).holds.tolist()
        [[False, True], [True, False]]
        """
        compiled = _compile_tree(self._fixed_game())
        return evaluate_formulas(compiled, self._game.parameters, self._fixed, values, shape, tol, self._game.players)

    def regimes(self) -> tuple[Regime, ...]:
        """The subgame-perfect regimes of the tree with the fixed values substituted, exactly.

        Examples
        --------
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal("v", 0), "y": terminal(1, 1)}), players=("A", "B"))
        >>> [(r.label, r.conditions, r.profile) for r in TreeModel(tree).regimes()]
        [('A: x', v >= 1, ((1, 0), ())), ('A: y', v <= 1, ((0, 1), ()))]
        """
        tree = self._fixed_game()
        compiled = _compile_tree(tree)
        free = self.parameters
        out = []
        for label, regime in zip(compiled.labels, subgame_perfect_regimes(tree), strict=True):
            flat = _pure_profile(tree, regime.behavior, compiled.strategies)
            profile = tuple(tuple(row) for row in flat)
            out.append(
                Regime(
                    label, regime.conditions, profile, tuple(regime.payoffs), tree.players, compiled.strategies, free
                )
            )
        return tuple(out)

    def outcomes(self) -> dict[str, str]:
        """From each regime's label to its outcome: the path of play, shared by regimes differing off the path.

        Examples
        --------
        >>> from gametheory.scenarios import stay_or_withdraw
        >>> outcomes = TreeModel(stay_or_withdraw()).outcomes()
        >>> for outcome in sorted(set(outcomes.values())):
        ...     print(outcome)
        Militia: Attack; US: Absorb
        Militia: Attack; US: Retaliate
        Militia: Attack; US: Withdraw
        Militia: Hold
        """
        return {r.label: r.path_label for r in subgame_perfect_regimes(self._fixed_game())}

    def defined_at(self, values: Mapping[str, Any]) -> bool:
        """False where a payoff or chance probability has a pole at these exact values.

        Examples
        --------
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal("1/v", 0), "y": terminal(1, 1)}), players=("A", "B"))
        >>> TreeModel(tree).defined_at({"v": 0}), TreeModel(tree).defined_at({"v": 1})
        (False, True)
        """
        return tree_defined_at(self._fixed_game(), values)


def tree_defined_at(tree: ExtensiveFormGame, values: Mapping[str, Any]) -> bool:
    """False where a payoff or chance probability of ``tree`` has a pole at these exact values.

    Examples
    --------
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal("1/v", 0), "y": terminal(1, 1)}), players=("A", "B"))
    >>> tree_defined_at(tree, {"v": 0})
    False
    """
    by_name = {s.name: s for s in tree.parameters}
    mapping = {by_name[n]: exact_parameter_value(n, v) for n, v in values.items() if n in by_name}
    numbers: list[Any] = []
    for position in tree.positions:
        node = position.node
        if node.outcome is not None:
            numbers.extend(node.outcome.payoffs)
        if isinstance(node, ChanceNode):
            numbers.extend(node.probabilities)
    return not any(
        isinstance(n, sympy.Basic) and n.xreplace(mapping).has(sympy.zoo, sympy.nan, sympy.oo) for n in numbers
    )


def behavior_strategies(tree: ExtensiveFormGame) -> tuple[tuple[str, ...], ...]:
    """Each player's action labels over all of the player's information sets (the columns' layout).

    Examples
    --------
    >>> from gametheory.scenarios import stay_or_withdraw
    >>> behavior_strategies(stay_or_withdraw())
    (('Retaliate', 'Absorb', 'Withdraw'), ('Attack', 'Hold'))
    """
    per_player: list[list[str]] = [[] for _ in tree.players]
    owned = [sum(1 for s in tree.information_sets if s.player == i) for i in range(tree.num_players)]
    for infoset in tree.information_sets:
        prefix = "" if owned[infoset.player] == 1 else f"{infoset_name(tree, infoset.index)}: "
        per_player[infoset.player].extend(prefix + action for action in infoset.actions)
    return tuple(tuple(labels) for labels in per_player)


def _offsets(tree: ExtensiveFormGame) -> list[int]:
    """Where each information set's actions start within its player's column block."""
    used = [0] * tree.num_players
    out = []
    for infoset in tree.information_sets:
        out.append(used[infoset.player])
        used[infoset.player] += len(infoset.actions)
    return out


def _pure_profile(
    tree: ExtensiveFormGame, behavior: tuple[str, ...], strategies: tuple[tuple[str, ...], ...]
) -> list[list[sympy.Expr]]:
    """A pure behaviour profile as flat 0/1 rows per player (1 at each chosen action)."""
    offsets = _offsets(tree)
    profile = [[sympy.Integer(0)] * len(labels) for labels in strategies]
    for infoset, action in zip(tree.information_sets, behavior, strict=True):
        profile[infoset.player][offsets[infoset.index] + infoset.actions.index(action)] = sympy.Integer(1)
    return profile


@cached(maxsize=16)
def _compile_tree(tree: ExtensiveFormGame) -> CompiledGame:
    regimes = subgame_perfect_regimes(tree)
    strategies = behavior_strategies(tree)
    formulas = []
    for regime in regimes:
        # Flat pure behaviour per player, then the payoffs.
        profile = _pure_profile(tree, regime.behavior, strategies)
        formulas.append([p for row in profile for p in row] + list(regime.payoffs))
    return compile_expressions(
        tuple(tree.parameters),
        [r.label for r in regimes],
        [r.conditions for r in regimes],
        formulas,
        tree.players,
        strategies,
    )


def solve_tree(tree: ExtensiveFormGame) -> PointSolution:
    """The subgame-perfect equilibria of a numeric tree, laid out as sweep columns.

    An equilibrium's key gives, per information set, the actions used
    (``(-1,)`` where unreached); its label names them.

    Examples
    --------
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(2, 0), "y": terminal(1, 1)}), players=("A", "B"))
    >>> [label for _, label, _, _ in solve_tree(tree).equilibria]
    ['A: x']
    """
    return behavior_columns(tree, [(eq.behavior, eq.payoffs) for eq in subgame_perfect_equilibria(tree)])


def behavior_columns(tree: ExtensiveFormGame, equilibria: Sequence[tuple[Sequence[Any], Any]]) -> PointSolution:
    """Behaviour profiles (a vector per information set, None where unreached) and payoffs as sweep columns.

    An equilibrium's key gives, per information set, the actions used
    (``(-1,)`` where unreached); its label names them.

    Examples
    --------
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(2, 0), "y": terminal(1, 1)}), players=("A", "B"))
    >>> [label for _, label, _, _ in behavior_columns(tree, [(((0.5, 0.5),), (1.5, 0.5))]).equilibria]
    ['A mixes x/y']
    """
    strategies = behavior_strategies(tree)
    offsets = _offsets(tree)
    names = tuple(infoset_name(tree, s.index) for s in tree.information_sets)
    found = []
    for behavior, payoffs in equilibria:
        profile = [np.zeros(len(labels)) for labels in strategies]
        pattern: list[tuple[int, ...]] = []
        parts = []
        for infoset, vector, name in zip(tree.information_sets, behavior, names, strict=True):
            start, size = offsets[infoset.index], len(infoset.actions)
            if vector is None:
                profile[infoset.player][start : start + size] = np.nan
                pattern.append((-1,))
                parts.append(f"{name}: (unreached)")
                continue
            floats = np.array([float(p) for p in vector])
            profile[infoset.player][start : start + size] = floats
            used = tuple(int(k) for k in np.flatnonzero(floats > 0))
            pattern.append(used)
            if len(used) == 1:
                parts.append(f"{name}: {infoset.actions[used[0]]}")
            else:
                parts.append(f"{name} mixes " + "/".join(infoset.actions[k] for k in used))
        # Columns ordered by the number of actions used (pure first), then by the actions.
        key = (sum(1 if u == (-1,) else len(u) for u in pattern), tuple(pattern))
        found.append((key, "; ".join(parts), tuple(profile), np.array([float(v) for v in payoffs])))
    return PointSolution(tree.players, strategies, tuple(found), kind="trees")
