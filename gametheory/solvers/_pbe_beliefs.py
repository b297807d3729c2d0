"""Private kernel of :mod:`gametheory.solvers.perfect_bayesian`: values, admissible beliefs, belief regions.

Everything here works on a numeric tree with perfect recall and a *full*
behaviour profile (a probability vector at every information set). Numbers
stay exact (Fractions) for exact trees; float trees are compared with a
tolerance in payoff units.

For an information set ``h`` of player ``i`` with nodes ``x_1 .. x_k``:

* ``admissible(h)``: the beliefs allowed by the consistency notion. Let ``r``
  be the root of the smallest subgame containing ``h`` and ``w(x)`` the
  probability of going from ``r`` to ``x`` under chance and the *other*
  players' behaviour (``i``'s own moves counted as taken). If some ``w(x) > 0``
  the belief is ``w / sum(w)`` (Bayes' rule, on the path or after ``i``'s own
  deviation); otherwise every belief in the simplex is admissible.
* ``constraints(h)``: for each pure continuation plan ``s`` of ``i`` from
  ``h`` (an action at ``h`` and at each of ``i``'s later sets), the linear
  inequality ``sum_x mu(x) (V_sigma(x) - V_s(x)) >= 0``: ``i``'s behaviour from
  ``h`` on is optimal against the belief ``mu``. Their intersection with the
  admissible beliefs is the region of supporting beliefs.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from gametheory._internal.exact_lp import LPStatus, maximize
from gametheory._internal.limits import check_time
from gametheory._internal.tree_paths import continuation_plans, subgame_root
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode

__all__ = [
    "Constraint",
    "admissible",
    "constraints",
    "feasible_belief",
    "interval",
    "on_path_beliefs",
    "payoff_tolerance",
    "reach",
    "satisfies",
]

#: A linear inequality ``sum(coefficients[k] * mu[k]) >= bound`` on a belief ``mu``.
Constraint = tuple[tuple[Fraction, ...], Fraction]

#: Largest number of pure continuation plans examined at one information set.
MAX_PLANS = 20_000


def payoff_tolerance(tree: ExtensiveFormGame) -> float | None:
    """``None`` for exact trees; else ``1e-9`` times the largest absolute payoff (at least ``1e-12``)."""
    if tree.is_exact:
        return None
    largest = max((abs(float(v)) for p in tree.positions if p.node.outcome for v in p.node.outcome.payoffs), default=0)
    return max(1e-9 * largest, 1e-12)


def _probability(tree: ExtensiveFormGame, behavior: Sequence[Any], position: int) -> Any:
    """Probability of the move into ``position`` from its parent."""
    here = tree.positions[position]
    assert here.parent is not None
    assert here.action is not None
    parent = tree.positions[here.parent]
    if isinstance(parent.node, ChanceNode):
        return parent.node.probabilities[here.action]
    assert parent.infoset is not None
    return behavior[parent.infoset][here.action]


def reach(tree: ExtensiveFormGame, behavior: Sequence[Any], *, skip: int | None = None, start: int = 0) -> list[Any]:
    """Probability of each position given ``start``, ignoring the moves of player ``skip`` (counted as taken)."""
    out: list[Any] = [Fraction(0)] * len(tree.positions)
    out[start] = Fraction(1)
    for position in tree.positions[start + 1 :]:
        if position.parent is None or out[position.parent] == 0:
            continue
        parent = tree.positions[position.parent]
        p = 1 if skip is not None and parent.player == skip else _probability(tree, behavior, position.index)
        out[position.index] = out[position.parent] * p
    return out


def _own_payoff(tree: ExtensiveFormGame, position: int, player: int) -> Any:
    outcome = tree.positions[position].node.outcome
    return 0 if outcome is None else outcome.payoffs[player]


def _value(tree: ExtensiveFormGame, behavior: Sequence[Any], player: int, node: int, plan: dict[int, int]) -> Any:
    """``player``'s expected payoff from ``node`` on (its own outcome excluded), following ``plan`` where it moves."""
    position = tree.positions[node]
    if not position.children:
        return 0
    infoset = position.infoset
    if infoset is not None and infoset in plan:
        child = position.children[plan[infoset]]
        return _own_payoff(tree, child, player) + _value(tree, behavior, player, child, plan)
    total: Any = 0
    for child in position.children:
        p = _probability(tree, behavior, child)
        if p != 0:
            total += p * (_own_payoff(tree, child, player) + _value(tree, behavior, player, child, plan))
    return total


def admissible(tree: ExtensiveFormGame, behavior: Sequence[Any], infoset: int) -> tuple[Any, ...] | None:
    """The belief Bayes' rule pins down at ``infoset`` (see the module notes), or None when it is free."""
    info = tree.information_sets[infoset]
    weights = reach(tree, behavior, skip=info.player, start=subgame_root(tree, infoset))
    chosen = [weights[m] for m in info.members]
    total = sum(chosen, Fraction(0))
    if total == 0:
        return None
    return tuple(w / total for w in chosen)


def on_path_beliefs(tree: ExtensiveFormGame, behavior: Sequence[Any], infoset: int) -> tuple[Any, ...] | None:
    """Bayes' rule from the root at ``infoset``, or None when the profile reaches it with probability zero."""
    weights = reach(tree, behavior)
    chosen = [weights[m] for m in tree.information_sets[infoset].members]
    total = sum(chosen, Fraction(0))
    return None if total == 0 else tuple(w / total for w in chosen)


def constraints(tree: ExtensiveFormGame, behavior: Sequence[Any], infoset: int) -> list[Constraint]:
    """The inequalities on beliefs at ``infoset`` under which the mover's behaviour from there on is optimal."""
    info = tree.information_sets[infoset]
    player = info.player
    ours = [_value(tree, behavior, player, m, {}) for m in info.members]
    seen: dict[Constraint, None] = {}
    for plan in continuation_plans(tree, infoset, limit=MAX_PLANS, solver="perfect_bayesian_equilibria"):
        check_time()
        theirs = [_value(tree, behavior, player, m, plan) for m in info.members]
        row = tuple(Fraction(a) - Fraction(b) for a, b in zip(ours, theirs, strict=True))
        if any(c != 0 for c in row):
            seen.setdefault((row, Fraction(0)), None)
    return list(seen)


def satisfies(rows: Sequence[Constraint], belief: Sequence[Any], tolerance: float | None) -> bool:
    """Whether ``belief`` meets every inequality (within ``tolerance`` for floats)."""
    slack = 0 if tolerance is None else tolerance
    for coefficients, bound in rows:
        left = sum((c * Fraction(b) for c, b in zip(coefficients, belief, strict=True)), Fraction(0))
        if left < bound - Fraction(slack):
            return False
    return True


def feasible_belief(rows: Sequence[Constraint], size: int, tolerance: float | None) -> tuple[Fraction, ...] | None:
    """A belief over ``size`` nodes meeting every inequality (an exact LP), or None when there is none."""
    # Half the slack: a belief found here passes :func:`satisfies` despite float round-off.
    slack = Fraction(0) if tolerance is None else Fraction(tolerance) / 2
    a_ub = [[-c for c in coefficients] for coefficients, _ in rows]
    b_ub = [-(bound - slack) for _, bound in rows]
    result = maximize([Fraction(0)] * size, a_ub, b_ub, [[Fraction(1)] * size], [Fraction(1)])
    return result.x if result.status is LPStatus.OPTIMAL else None


def interval(rows: Sequence[Constraint], tolerance: float | None) -> tuple[Fraction, Fraction] | None:
    """For a two-node set: the exact interval of the first node's probability meeting every inequality."""
    lo, hi = Fraction(0), Fraction(1)
    slack = Fraction(0) if tolerance is None else Fraction(tolerance)
    for (c1, c2), bound in rows:
        # c1 q + c2 (1 - q) >= bound  <=>  (c1 - c2) q >= bound - c2
        slope, rhs = c1 - c2, bound - slack - c2
        if slope > 0:
            lo = max(lo, rhs / slope)
        elif slope < 0:
            hi = min(hi, rhs / slope)
        elif rhs > 0:
            return None
    lo, hi = max(lo, Fraction(0)), min(hi, Fraction(1))
    return (lo, hi) if lo <= hi else None
