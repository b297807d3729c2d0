"""The sequence form of a two-player tree: sequences, sparse payoffs, plans and best responses (private).

One pass over the positions (depth-first preorder) records, at every node,
each player's last own sequence and the product of the chance probabilities
above it; an outcome at a node then adds its payoffs, times that product, to
the entry of the two sequences leading there. With perfect recall the
sequence leading to an information set is the same at every node of it.

Sequences of a player are numbered 0 (the empty sequence), then for each of
the player's information sets in ``tree.information_sets`` order, one per
action. Realisation plans are lists of numbers over these sequences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.limits import check_time
from gametheory.exceptions import InvalidProfileError, ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode
from gametheory.solvers.behavior import infoset_name
from gametheory.solvers.results import PROBABILITY_ROUNDOFF

__all__ = [
    "Layout",
    "behavior_from_plans",
    "best_response",
    "build_layout",
    "centroid",
    "constraint_entries",
    "dense_arrays",
    "payoff_vectors",
    "plan_from_behavior",
    "plan_payoffs",
    "require_two_player_tree",
]


#: A float plan reaching a set with at most this weight may leave its behaviour open (``None``).
_FLOAT_REACH = 1e-9


@dataclass(frozen=True, eq=False)
class Layout:
    """Everything the sequence-form solvers need, built once per tree.

    ``infosets[i]`` are the tree's information-set indices of player ``i``;
    ``offset[h]`` is the index of the first sequence ``(h, first action)``
    among its player's sequences and ``parent[h]`` the index of the sequence
    leading to ``h``. ``rows``/``cols``/``pay_a``/``pay_b`` are the nonzero
    payoff entries (chance folded in, duplicates summed). ``constant`` is the
    payoff sum common to every terminal node, or None when it differs.
    ``scale[i]`` is player ``i``'s largest absolute payoff at a terminal node.
    """

    tree: ExtensiveFormGame
    exact: bool
    sizes: tuple[int, int]
    infosets: tuple[tuple[int, ...], tuple[int, ...]]
    offset: dict[int, int]
    parent: dict[int, int]
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    pay_a: tuple[Any, ...]
    pay_b: tuple[Any, ...]
    constant: Any
    scale: tuple[float, float]

    @property
    def zero(self) -> Any:
        return Fraction(0) if self.exact else 0.0

    @property
    def one(self) -> Any:
        return Fraction(1) if self.exact else 1.0


def require_two_player_tree(tree: Any, solver: str) -> ExtensiveFormGame:
    """Check that ``tree`` is a numeric two-player tree with perfect recall, with one message per failure."""
    if not isinstance(tree, ExtensiveFormGame):
        raise UnsupportedGameError(f"{solver} takes an ExtensiveFormGame, not {type(tree).__name__}")
    if tree.num_players != 2:
        raise UnsupportedGameError(f"{solver} handles two-player trees only; this tree has {tree.num_players} players")
    if tree.is_parametric:
        names = ", ".join(p.name for p in tree.parameters)
        raise ParameterError(f"{solver} needs numeric payoffs; substitute values for the parameters ({names}) first")
    if not tree.has_perfect_recall:
        raise UnsupportedGameError(f"{solver} needs perfect recall; this tree has imperfect recall")
    return tree


def build_layout(tree: ExtensiveFormGame) -> Layout:
    """Index the sequences and collect the payoff entries of a checked two-player tree."""
    exact = tree.is_exact
    one: Any = Fraction(1) if exact else 1.0
    zero: Any = Fraction(0) if exact else 0.0
    infosets: tuple[list[int], list[int]] = ([], [])
    offset: dict[int, int] = {}
    sizes = [1, 1]
    for infoset in tree.information_sets:
        infosets[infoset.player].append(infoset.index)
        offset[infoset.index] = sizes[infoset.player]
        sizes[infoset.player] += len(infoset.actions)
    positions = tree.positions
    count = len(positions)
    seq1, seq2 = [0] * count, [0] * count
    reach: list[Any] = [one] * count
    total: list[tuple[Any, Any]] = [(zero, zero)] * count
    parent: dict[int, int] = {}
    entries: dict[tuple[int, int], list[Any]] = {}
    terminal_sums: set[Any] = set()
    largest = [0.0, 0.0]
    for position in positions:
        if position.index % 4096 == 0:
            check_time()
        k = position.index
        if position.parent is not None:
            up = positions[position.parent]
            s1, s2, p, acc = seq1[up.index], seq2[up.index], reach[up.index], total[up.index]
            node = up.node
            assert position.action is not None
            if isinstance(node, ChanceNode):
                p = p * node.probabilities[position.action]
            elif isinstance(node, DecisionNode):
                assert up.infoset is not None
                if up.player == 0:
                    s1 = offset[up.infoset] + position.action
                else:
                    s2 = offset[up.infoset] + position.action
            seq1[k], seq2[k], reach[k], total[k] = s1, s2, p, acc
        if position.infoset is not None and position.infoset not in parent:
            parent[position.infoset] = seq1[k] if position.player == 0 else seq2[k]
        outcome = position.node.outcome
        if outcome is not None:
            u1, u2 = outcome.payoffs
            total[k] = (total[k][0] + u1, total[k][1] + u2)
            if reach[k] != 0:
                cell = entries.setdefault((seq1[k], seq2[k]), [zero, zero])
                cell[0] += reach[k] * u1
                cell[1] += reach[k] * u2
        if isinstance(position.node, TerminalNode):
            acc = total[k]
            terminal_sums.add(acc[0] + acc[1])
            largest = [max(largest[0], abs(float(acc[0]))), max(largest[1], abs(float(acc[1])))]
    nonzero = [(key, cell) for key, cell in entries.items() if cell[0] != 0 or cell[1] != 0]
    return Layout(
        tree=tree,
        exact=exact,
        sizes=(sizes[0], sizes[1]),
        infosets=(tuple(infosets[0]), tuple(infosets[1])),
        offset=offset,
        parent=parent,
        rows=tuple(key[0] for key, _ in nonzero),
        cols=tuple(key[1] for key, _ in nonzero),
        pay_a=tuple(cell[0] for _, cell in nonzero),
        pay_b=tuple(cell[1] for _, cell in nonzero),
        constant=_common(terminal_sums, exact, largest),
        scale=(largest[0], largest[1]),
    )


def _common(sums: set[Any], exact: bool, largest: list[float]) -> Any:
    if not sums:
        return Fraction(0) if exact else 0.0
    if exact:
        return next(iter(sums)) if len(sums) == 1 else None
    values = [float(s) for s in sums]
    slack = 1e-9 * max(max(largest), 1e-300)
    return values[0] if max(values) - min(values) <= slack else None


def payoff_vectors(layout: Layout, x: Sequence[Any] | None, y: Sequence[Any] | None) -> tuple[list[Any], list[Any]]:
    """``A @ y`` (over player 1's sequences) and ``B.T @ x`` (over player 2's); a missing plan gives zeros."""
    n1, n2 = layout.sizes
    ay: list[Any] = [layout.zero] * n1
    bx: list[Any] = [layout.zero] * n2
    for i, j, a, b in zip(layout.rows, layout.cols, layout.pay_a, layout.pay_b, strict=True):
        if y is not None and y[j] != 0:
            ay[i] += a * y[j]
        if x is not None and x[i] != 0:
            bx[j] += b * x[i]
    return ay, bx


def plan_payoffs(layout: Layout, x: Sequence[Any], y: Sequence[Any]) -> tuple[Any, Any]:
    """``(x @ A @ y, x @ B @ y)``."""
    first, second = layout.zero, layout.zero
    for i, j, a, b in zip(layout.rows, layout.cols, layout.pay_a, layout.pay_b, strict=True):
        weight = x[i] * y[j]
        if weight != 0:
            first += a * weight
            second += b * weight
    return first, second


def best_response(layout: Layout, player: int, payoff: list[Any]) -> tuple[Any, list[Any], dict[int, int]]:
    """The best-response value ``max x @ payoff`` over ``player``'s realisation plans, a pure plan reaching it
    and the best action chosen at every one of the player's information sets.

    Backward induction over the player's own information sets: a set's value
    is the best over its actions of the action's payoff plus the values of
    the sets that follow it.
    """
    value = list(payoff)
    choice: dict[int, int] = {}
    tree = layout.tree
    for h in reversed(layout.infosets[player]):
        start = layout.offset[h]
        width = len(tree.information_sets[h].actions)
        options = value[start : start + width]
        best = max(range(width), key=lambda a: options[a])
        choice[h] = best
        value[layout.parent[h]] += options[best]
    plan = [layout.zero] * layout.sizes[player]
    plan[0] = layout.one
    for h in layout.infosets[player]:
        plan[layout.offset[h] + choice[h]] = plan[layout.parent[h]]
    return value[0], plan, choice


def plan_from_behavior(layout: Layout, player: int, behavior: Any) -> list[Any]:
    """The realisation plan of ``player``'s part of a behaviour profile (``None`` only at unreached sets)."""
    tree = layout.tree
    plan: list[Any] = [layout.zero] * layout.sizes[player]
    plan[0] = layout.one
    for h in layout.infosets[player]:
        base = plan[layout.parent[h]]
        vector = behavior[h]
        actions = tree.information_sets[h].actions
        if vector is None:
            # A float plan may reach a set with a weight at round-off level where the behaviour was left open.
            if base != 0 and (layout.exact or abs(base) > _FLOAT_REACH):
                raise InvalidProfileError(
                    f"behaviour at information set {h} of {tree.players[player]} is unspecified but the set is reached"
                )
            continue
        values = list(vector)
        if len(values) != len(actions):
            raise InvalidProfileError(
                f"information set {h} has {len(actions)} actions but the behaviour gives {len(values)} probabilities"
            )
        for a, p in enumerate(values):
            plan[layout.offset[h] + a] = base * (p if layout.exact else float(p))
    return plan


def behavior_from_plans(layout: Layout, plans: tuple[Sequence[Any], Sequence[Any]]) -> tuple[np.ndarray | None, ...]:
    """Behaviour strategies ``x(s a) / x(s)``; ``None`` where the player's own plan never reaches the set."""
    tree = layout.tree
    out: list[np.ndarray | None] = [None] * len(tree.information_sets)
    for player in (0, 1):
        plan = plans[player]
        for h in layout.infosets[player]:
            start, width = layout.offset[h], len(tree.information_sets[h].actions)
            children = plan[start : start + width]
            if layout.exact:
                base = plan[layout.parent[h]]
                if base == 0:
                    continue
                vector = np.array([Fraction(c) / base for c in children], dtype=object)
            else:
                weights = np.clip(np.asarray(children, dtype=np.float64), 0.0, None)
                mass = float(weights.sum())
                if mass <= PROBABILITY_ROUNDOFF:
                    continue
                vector = weights / mass
                vector[vector <= PROBABILITY_ROUNDOFF] = 0.0
                vector /= vector.sum()
            vector.flags.writeable = False
            out[h] = vector
    return tuple(out)


def centroid(layout: Layout) -> tuple[np.ndarray, ...]:
    """The behaviour profile playing every action of every set with equal probability."""
    out = []
    for infoset in layout.tree.information_sets:
        width = len(infoset.actions)
        if layout.exact:
            out.append(np.array([Fraction(1, width)] * width, dtype=object))
        else:
            out.append(np.full(width, 1.0 / width))
    return tuple(out)


def constraint_entries(layout: Layout, player: int) -> list[tuple[int, int, int]]:
    """The nonzero entries ``(row, sequence, coefficient)`` of ``E`` (player 0) or ``F`` (player 1).

    Row 0 says the empty sequence has weight 1; row ``r`` says the weights of
    the sequences extending the ``r``-th information set add up to the
    weight of the sequence leading there.
    """
    tree = layout.tree
    out = [(0, 0, 1)]
    for r, h in enumerate(layout.infosets[player], start=1):
        out.append((r, layout.parent[h], -1))
        out.extend((r, layout.offset[h] + a, 1) for a in range(len(tree.information_sets[h].actions)))
    return out


def dense_arrays(layout: Layout) -> tuple[Any, tuple[np.ndarray, ...]]:
    """Sequence labels per player and the read-only arrays ``A, B, E, e, F, f``."""
    tree = layout.tree
    n1, n2 = layout.sizes
    dtype = object if layout.exact else np.float64
    zero = layout.zero
    a = np.full((n1, n2), zero, dtype=dtype)
    b = np.full((n1, n2), zero, dtype=dtype)
    for i, j, u, v in zip(layout.rows, layout.cols, layout.pay_a, layout.pay_b, strict=True):
        a[i, j], b[i, j] = u, v
    arrays: list[np.ndarray] = [a, b]
    for player in (0, 1):
        sets = layout.infosets[player]
        matrix = np.full((len(sets) + 1, layout.sizes[player]), zero, dtype=dtype)
        for r, s, c in constraint_entries(layout, player):
            matrix[r, s] = layout.one * c
        right = np.full(len(sets) + 1, zero, dtype=dtype)
        right[0] = layout.one
        arrays += [matrix, right]
    for array in arrays:
        array.flags.writeable = False
    labels = tuple(
        (
            (),
            *(
                (infoset_name(tree, h), action)
                for h in layout.infosets[p]
                for action in tree.information_sets[h].actions
            ),
        )
        for p in (0, 1)
    )
    return labels, tuple(arrays)
