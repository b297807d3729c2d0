"""Private kernel of :mod:`gametheory.parametric.perfect_bayesian`: a pure profile's symbolic conditions.

For a pure behaviour profile (one action per information set) of a tree
whose payoffs and chance probabilities are formulas, this computes, at
every information set ``h`` of player ``i``:

* the *weights* of its nodes: the probability of reaching each from the root
  (on the path), or, when the profile never reaches ``h``, from the root of
  the smallest subgame holding ``h`` with ``i``'s own moves counted as taken
  (Bayes' rule after ``i``'s own deviation), as in
  :mod:`gametheory.solvers.perfect_bayesian`; no weight at all means every
  belief is admissible;
* the *rows*: for each pure continuation plan of ``i`` from ``h`` (an action
  at ``h`` and at each of ``i``'s later sets), the difference, node by node,
  between ``i``'s payoff from the profile and from the plan; the profile is
  sequentially rational at ``h`` under a belief ``mu`` when
  ``sum(mu[x] * row[x]) >= 0`` for every row.

Chance probabilities that are formulas are taken to be positive (see the
public module), so whether a node is reached is decided by the tree alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from gametheory._internal.limits import check_time
from gametheory._internal.tree_paths import continuation_plans, subgame_root
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode

__all__ = ["MAX_PLANS", "as_expr", "payoffs", "rows", "subgame_weights", "weights"]

#: Largest number of pure continuation plans examined at one information set.
MAX_PLANS = 4096

_ZERO = sympy.Integer(0)
_ONE = sympy.Integer(1)


def as_expr(value: Any) -> sympy.Expr:
    """A payoff or probability as a sympy expression (Fractions exactly)."""
    if hasattr(value, "denominator") and not isinstance(value, sympy.Basic):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.sympify(value)


def _move(tree: ExtensiveFormGame, choice: Sequence[int], position: int) -> sympy.Expr:
    """Probability of the move into ``position`` from its parent under the pure profile ``choice``."""
    here = tree.positions[position]
    assert here.parent is not None
    assert here.action is not None
    parent = tree.positions[here.parent]
    if isinstance(parent.node, ChanceNode):
        return as_expr(parent.node.probabilities[here.action])
    assert parent.infoset is not None
    return _ONE if choice[parent.infoset] == here.action else _ZERO


def _reach(tree: ExtensiveFormGame, choice: Sequence[int], skip: int | None, start: int) -> list[sympy.Expr]:
    out = [_ZERO] * len(tree.positions)
    out[start] = _ONE
    for position in tree.positions[start + 1 :]:
        if position.parent is None or out[position.parent] == 0:
            continue
        parent = tree.positions[position.parent]
        p = _ONE if skip is not None and parent.player == skip else _move(tree, choice, position.index)
        out[position.index] = out[position.parent] * p
    return out


def weights(tree: ExtensiveFormGame, choice: Sequence[int], infoset: int) -> tuple[sympy.Expr, ...] | None:
    """Reach probability of each node of ``infoset`` from the root, or None when the profile never gets there."""
    reach = _reach(tree, choice, None, 0)
    chosen = tuple(sympy.expand(reach[m]) for m in tree.information_sets[infoset].members)
    return None if all(w == 0 for w in chosen) else chosen


def subgame_weights(tree: ExtensiveFormGame, choice: Sequence[int], infoset: int) -> tuple[sympy.Expr, ...] | None:
    """The weights Bayes' rule uses after the mover's own deviation, or None when any belief is admissible."""
    info = tree.information_sets[infoset]
    reach = _reach(tree, choice, info.player, subgame_root(tree, infoset))
    chosen = tuple(sympy.expand(reach[m]) for m in info.members)
    return None if all(w == 0 for w in chosen) else chosen


def _own_payoff(tree: ExtensiveFormGame, position: int, player: int) -> sympy.Expr:
    outcome = tree.positions[position].node.outcome
    return _ZERO if outcome is None else as_expr(outcome.payoffs[player])


def _value(tree: ExtensiveFormGame, choice: Sequence[int], player: int, node: int, plan: dict[int, int]) -> sympy.Expr:
    """``player``'s expected payoff from ``node`` on (its own outcome excluded), following ``plan`` where it moves."""
    position = tree.positions[node]
    if not position.children:
        return _ZERO
    infoset = position.infoset
    if infoset is not None:
        child = position.children[plan.get(infoset, choice[infoset])]
        return _own_payoff(tree, child, player) + _value(tree, choice, player, child, plan)
    total = _ZERO
    for child in position.children:
        p = _move(tree, choice, child)
        if p != 0:
            total += p * (_own_payoff(tree, child, player) + _value(tree, choice, player, child, plan))
    return total


def rows(tree: ExtensiveFormGame, choice: Sequence[int], infoset: int) -> list[tuple[sympy.Expr, ...]]:
    """The rows at ``infoset`` (see the module notes), without those that are identically zero."""
    info = tree.information_sets[infoset]
    player = info.player
    ours = [_value(tree, choice, player, m, {}) for m in info.members]
    seen: dict[tuple[sympy.Expr, ...], None] = {}
    for plan in continuation_plans(tree, infoset, limit=MAX_PLANS, solver="perfect_bayesian_regimes"):
        check_time()
        if all(action == choice[s] for s, action in plan.items()):
            continue
        theirs = [_value(tree, choice, player, m, plan) for m in info.members]
        row = tuple(sympy.expand(a - b) for a, b in zip(ours, theirs, strict=True))
        if any(v != 0 for v in row):
            seen.setdefault(row, None)
    return list(seen)


def payoffs(tree: ExtensiveFormGame, choice: Sequence[int]) -> tuple[sympy.Expr, ...]:
    """Each player's expected payoff under the pure profile ``choice``."""
    return tuple(
        sympy.factor(sympy.expand(_own_payoff(tree, 0, i) + _value(tree, choice, i, 0, {})))
        for i in range(tree.num_players)
    )
