"""The sensitivity helpers on game trees: sweeps, thresholds and regime maps.

A parametric perfect-information tree is analysed through its subgame-perfect
regimes (:func:`~gametheory.parametric.subgame_perfect.subgame_perfect_regimes`):
each regime is one *column* of a :class:`~gametheory.sensitivity.sweep.Sweep`,
its conditions are compiled to numpy once and decided on the whole grid, and
regimes overlap on boundaries (weak inequalities), as ties give several SPE.
A game function returning trees is solved point by point with
:func:`~gametheory.solvers.subgame_perfect.subgame_perfect_equilibria`.

Layout of a tree in a ``Sweep``: ``strategies[i]`` lists player ``i``'s
actions at each of the player's information sets (in
``tree.information_sets`` order), named ``"Retaliate"`` when the player has
one information set and ``"US (after attack): Retaliate"`` otherwise (see
:func:`~gametheory.solvers.behavior.infoset_name`); ``probabilities[i]`` holds
the probability of each of those actions, so a pure regime has a 1 at the
chosen action of every information set and 0 elsewhere. The public functions
are :func:`~gametheory.sensitivity.sweep.sweep`,
:func:`~gametheory.sensitivity.thresholds.thresholds` and
:func:`~gametheory.sensitivity.regime_map.regime_map`, which dispatch here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import sympy

from gametheory._internal.caches import cached
from gametheory._internal.parameters import exact_parameter_value
from gametheory._internal.tolerance import RELATIVE_TOLERANCE
from gametheory.exceptions import InvalidGameError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode
from gametheory.parametric.subgame_perfect import SubgamePerfectRegime, subgame_perfect_regimes
from gametheory.sensitivity._compile import (
    Columns,
    CompiledGame,
    compile_expressions,
    evaluate,
)
from gametheory.sensitivity._engine import assemble_columns, check_assumptions, grid_values
from gametheory.solvers.behavior import infoset_name

__all__ = [
    "TreePoint",
    "behavior_strategies",
    "evaluate_tree",
    "evaluate_tree_grid",
    "solve_tree_point",
    "tree_boundaries",
    "tree_columns",
    "tree_parameter_names",
    "tree_thresholds",
]


def tree_parameter_names(tree: ExtensiveFormGame) -> tuple[str, ...]:
    """Names of a parametric perfect-information tree's parameters (error otherwise)."""
    if not tree.is_parametric:
        raise UnsupportedGameError("the tree has no parameters; sensitivity analysis needs a parametric tree")
    if not tree.is_perfect_information:
        raise UnsupportedGameError(
            "parametric sensitivity analysis of trees needs perfect information; pass a function "
            "params -> ExtensiveFormGame instead, solved point by point with subgame_perfect_equilibria"
        )
    return tuple(p.name for p in tree.parameters)


def behavior_strategies(tree: ExtensiveFormGame) -> tuple[tuple[str, ...], ...]:
    """Each player's action labels over all of the player's information sets (the ``Sweep`` layout)."""
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


# ---------------------------------------------------------------------- parametric trees
@cached(maxsize=16)
def _compile_tree(tree: ExtensiveFormGame) -> CompiledGame:
    regimes = subgame_perfect_regimes(tree)
    strategies = behavior_strategies(tree)
    offsets = _offsets(tree)
    formulas = []
    for regime in regimes:
        # Flat pure behaviour per player (1 at each chosen action), then the payoffs.
        profile = [[sympy.Integer(0)] * len(labels) for labels in strategies]
        for infoset, action in zip(tree.information_sets, regime.behavior, strict=True):
            profile[infoset.player][offsets[infoset.index] + infoset.actions.index(action)] = sympy.Integer(1)
        formulas.append([p for row in profile for p in row] + list(regime.payoffs))
    return compile_expressions(
        tuple(tree.parameters),
        [r.label for r in regimes],
        [r.conditions for r in regimes],
        formulas,
        tree.players,
        strategies,
    )


def _fixed_tree(tree: ExtensiveFormGame, fixed: Mapping[str, Any]) -> ExtensiveFormGame:
    # Fewer symbols make the regimes quicker to derive and their conditions shorter.
    exact = {name: exact_parameter_value(name, value) for name, value in fixed.items()}
    return tree.fix_parameters(exact) if exact else tree


def evaluate_tree_grid(
    tree: ExtensiveFormGame,
    names: tuple[str, ...],
    axes: tuple[np.ndarray, ...],
    fixed: Mapping[str, Any],
    tol: float | None,
) -> tuple[Columns, tuple[str, ...], tuple[tuple[str, ...], ...], float]:
    """Decide every SPE regime of a parametric tree on the grid (the tree analogue of ``sweep._evaluate_grid``)."""
    shape, values = grid_values(names, axes)
    return evaluate_tree(tree, values, shape, fixed, tol)


def evaluate_tree(
    tree: ExtensiveFormGame,
    varied: Mapping[str, np.ndarray],
    shape: tuple[int, ...],
    fixed: Mapping[str, Any],
    tol: float | None,
) -> tuple[Columns, tuple[str, ...], tuple[tuple[str, ...], ...], float]:
    """Decide every SPE regime of a parametric tree on arrays of values that broadcast to ``shape``."""
    values = dict(varied) | {name: np.asarray(float(value)) for name, value in fixed.items()}
    # check_assumptions reads only .parameters, which trees have too.
    check_assumptions(cast(Any, tree), values)
    compiled = _compile_tree(_fixed_tree(tree, fixed))
    columns = evaluate(compiled, values, shape, tol=tol)
    return columns, tree.players, compiled.strategies, RELATIVE_TOLERANCE if tol is None else float(tol)


def tree_boundaries(tree: ExtensiveFormGame, x_name: str, y_name: str, result: Any) -> tuple[Any, ...]:
    """The boundary curves of a tree's regime map, from its regimes' conditions."""
    from gametheory.sensitivity.regime_map import boundaries_from_conditions

    fixed_tree = _fixed_tree(tree, result.fixed)
    by_name = {s.name: s for s in tree.parameters}
    compiled = _compile_tree(fixed_tree)
    conditions = [regime.conditions for regime in subgame_perfect_regimes(fixed_tree)]
    return boundaries_from_conditions(
        zip(compiled.labels, conditions, strict=True), by_name[x_name], by_name[y_name], result
    )


# ---------------------------------------------------------------------- thresholds
def tree_thresholds(
    tree: ExtensiveFormGame,
    parameter: Any,
    *,
    fixed: Mapping[Any, Any],
    interval: Sequence[Any] | None = None,
) -> tuple[Any, ...]:
    """Exact values of ``parameter`` where the set of SPE regimes of ``tree`` changes (see ``thresholds``)."""
    from gametheory.sensitivity.thresholds import _fixed_values, _interval, _parameter, scan_thresholds

    tree_parameter_names(tree)
    as_game = cast(Any, tree)  # the helpers read only .parameters
    symbol = _parameter(as_game, parameter)
    substitution = _fixed_values(as_game, symbol, fixed)
    low, high = _interval(symbol, interval)
    fixed_tree = tree.fix_parameters(substitution) if substitution else tree
    regimes: tuple[SubgamePerfectRegime, ...] = subgame_perfect_regimes(fixed_tree)
    conditions = [r.conditions for r in regimes]
    return scan_thresholds(
        regimes, conditions, symbol, (low, high), defined=lambda value: _defined(fixed_tree, symbol, value)
    )


def _defined(tree: ExtensiveFormGame, symbol: sympy.Symbol, value: sympy.Expr) -> bool:
    """False where a payoff or chance probability has a pole (the tree does not exist there)."""
    numbers: list[Any] = []
    for position in tree.positions:
        node = position.node
        if node.outcome is not None:
            numbers.extend(node.outcome.payoffs)
        if isinstance(node, ChanceNode):
            numbers.extend(node.probabilities)
    return not any(
        isinstance(n, sympy.Basic) and n.xreplace({symbol: value}).has(sympy.zoo, sympy.nan, sympy.oo) for n in numbers
    )


# ---------------------------------------------------------------------- game functions returning trees
@dataclass(frozen=True)
class TreePoint:
    """The SPE of a tree at one point: ``(key, flat probabilities per player, payoffs)`` per equilibrium.

    A key gives, per information set, the indices of the actions used (``None`` where unreached).
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    names: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    found: tuple[tuple[tuple[Any, ...], tuple[np.ndarray, ...], np.ndarray], ...]


def solve_tree_point(tree: ExtensiveFormGame) -> TreePoint:
    """Solve a numeric tree with ``subgame_perfect_equilibria`` and lay its equilibria out as in a ``Sweep``."""
    from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria

    strategies = behavior_strategies(tree)
    offsets = _offsets(tree)
    found = []
    for eq in subgame_perfect_equilibria(tree):
        profile = [np.zeros(len(labels)) for labels in strategies]
        key: list[Any] = []
        for infoset, vector in zip(tree.information_sets, eq.behavior, strict=True):
            start, size = offsets[infoset.index], len(infoset.actions)
            if vector is None:
                profile[infoset.player][start : start + size] = np.nan
                key.append(None)
                continue
            floats = np.array([float(p) for p in vector])
            profile[infoset.player][start : start + size] = floats
            key.append(tuple(int(k) for k in np.flatnonzero(floats > 0)))
        found.append((tuple(key), tuple(profile), np.array([float(v) for v in eq.payoffs])))
    names = tuple(infoset_name(tree, s.index) for s in tree.information_sets)
    actions = tuple(s.actions for s in tree.information_sets)
    return TreePoint(tree.players, strategies, names, actions, tuple(found))


def tree_columns(per_point: list[Any]) -> tuple[Columns, tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Columns (one per pattern of actions used) from the solved points of a game function returning trees."""
    if not all(isinstance(p, TreePoint) for p in per_point):
        raise InvalidGameError("the game function returned both trees and normal-form games")
    first = per_point[0]
    shape_key = (first.players, first.strategies, first.names)
    for point in per_point:
        if (point.players, point.strategies, point.names) != shape_key:
            raise InvalidGameError("the game function returned trees with different players or information sets")

    def size(key: tuple[Any, ...]) -> tuple[Any, ...]:
        return (sum(1 if k is None else len(k) for k in key[0]), [(-1,) if k is None else k for k in key[0]], key[1])

    columns = assemble_columns(
        [point.found for point in per_point],
        order=size,
        label=lambda pattern: _pattern_label(pattern, first.names, first.actions),
        players=first.players,
        strategies=first.strategies,
    )
    return columns, first.players, first.strategies


def _pattern_label(key: tuple[Any, ...], names: tuple[str, ...], actions: tuple[tuple[str, ...], ...]) -> str:
    parts = []
    for used, name, labels in zip(key, names, actions, strict=True):
        if used is None:
            parts.append(f"{name}: (unreached)")
        elif len(used) == 1:
            parts.append(f"{name}: {labels[used[0]]}")
        else:
            parts.append(f"{name} mixes " + "/".join(labels[k] for k in used))
    return "; ".join(parts)
