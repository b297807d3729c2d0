"""Subgame-perfect regimes of perfect-information trees with symbolic payoffs.

Backward induction with symbols: at each decision node every action is kept
together with the condition (on the parameters) under which it is a best
reply, and infeasible combinations are pruned exactly. Each surviving
combination is a *regime*: a pure subgame-perfect profile with the region of
parameters where it is one. Boundaries are included (weak inequalities), so
regimes overlap where the mover is indifferent, exactly as ties give several
SPE in :func:`~gametheory.solvers.subgame_perfect.subgame_perfect_equilibria`.
``keep="full-dimensional"`` (or :func:`full_dimensional`) drops the regimes
that hold only on such ties, a set of measure zero.

A regime is labelled by its path of play (who does what on the path); the
full strategy profile, with the unreached moves, is :attr:`~SubgamePerfectRegime.profile_label`.
Regimes that share a path but differ off it are told apart by the off-path
moves in which they differ (``"Entrant: Out [off path: Incumbent: Fight]"``),
or merged into one regime per outcome with ``merge="outcome"``.

Examples
--------
>>> from gametheory.games.tree_nodes import decision, terminal
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> tree = ExtensiveFormGame(decision("Entrant", {
...     "In": decision("Incumbent", {"Fight": terminal("-f", "-c"), "Share": terminal(1, 1)}),
...     "Out": terminal(0, 2),
... }))
>>> for regime in subgame_perfect_regimes(tree):
...     print(regime)
Entrant: In; Incumbent: Fight when c <= -1 and f <= 0; payoffs -f, -c
Entrant: Out when f >= 0 and c <= -1; payoffs 0, 2
Entrant: In; Incumbent: Share when c >= -1; payoffs 1, 1
"""

from __future__ import annotations

import itertools
from typing import Any

import sympy

from gametheory._internal.limits import check_time, time_limit_scope
from gametheory.exceptions import InvalidArgumentError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode
from gametheory.parametric._simplify import Knowledge, conjunction, relation
from gametheory.parametric._spe_regime import SubgamePerfectRegime, merged, told_apart
from gametheory.parametric.assumptions import parse_assumptions
from gametheory.parametric.conditions import Condition, to_sympy
from gametheory.parametric.regions import full_dimensional, measure_zero
from gametheory.parametric.relations import Relation
from gametheory.solvers.behavior import infoset_name

__all__ = ["KEEP", "MERGE", "SubgamePerfectRegime", "full_dimensional", "subgame_perfect_regimes"]

#: The values of ``keep=`` in :func:`subgame_perfect_regimes`.
KEEP = ("all", "full-dimensional")

#: The values of ``merge=`` in :func:`subgame_perfect_regimes` (and the regime maps of trees).
MERGE = ("none", "outcome")


def subgame_perfect_regimes(
    tree: ExtensiveFormGame,
    *,
    assume: Any = None,
    keep: str = "all",
    merge: str = "none",
    time_limit: float | None = None,
) -> tuple[SubgamePerfectRegime, ...]:
    """Every pure subgame-perfect profile of a perfect-information tree, with its parameter region.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A perfect-information tree; payoffs and chance probabilities may be symbolic.
    assume : optional
        Assumptions on the parameters, as for
        :func:`gametheory.parametric.assumptions.parse_assumptions` (a sympy
        relation such as ``R > 0``, a list of them, or ranges such as
        ``{"R": "positive"}``, ``{"R": (0, 10)}`` (closed) or
        ``{"R": sympy.Interval.open(0, 10)}``). Symbols' own assumptions are
        always used. Strict assumptions remove the regimes that need a
        boundary value: ``"positive"`` drops those holding only at ``R = 0``.
    keep : {"all", "full-dimensional"}
        ``"all"`` (the default) keeps every regime, also those that hold only
        where a mover is indifferent; ``"full-dimensional"`` keeps only the
        regimes whose region has positive volume within the assumptions, as
        :func:`full_dimensional` does.
    merge : {"none", "outcome"}
        ``"none"`` (the default) returns one regime per strategy profile;
        ``"outcome"`` merges the regimes that share an outcome (the same
        path of play, hence the same payoffs) and differ only off the path:
        one regime per outcome, holding where any of its ``members`` does.
    time_limit : float, optional
        Seconds after which to stop with :class:`~gametheory.exceptions.ResourceLimitError`;
        the default is no limit.

    Returns
    -------
    tuple of SubgamePerfectRegime
        Regimes whose conditions are satisfiable, in action order. At every
        parameter point, the regimes whose conditions hold are exactly the
        pure SPE of the substituted tree.

    Raises
    ------
    UnsupportedGameError
        If the tree has imperfect information.
    InvalidArgumentError
        If ``keep`` is not one of ``"all"``, ``"full-dimensional"``, or
        ``merge`` not one of ``"none"``, ``"outcome"``.
    ResourceLimitError
        Past ``time_limit``.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("US", {"Strike": terminal("-c", "-k"), "Restrain": terminal("-R", 0)}),
    ...                          players=("US", "Militia"))
    >>> [str(r.conditions) for r in subgame_perfect_regimes(tree, assume={"c": (0, None)})]
    ['R >= c', 'R <= c']
    >>> [r.label for r in subgame_perfect_regimes(tree, assume={"c": (0, None), "R": (0, 0)})]
    ['US: Strike', 'US: Restrain']
    >>> [r.label for r in subgame_perfect_regimes(tree, assume={"c": (0, None), "R": (0, 0)}, keep="full-dimensional")]
    ['US: Restrain']

    Two regimes with the same outcome, told apart by the move off the path, or merged:

    >>> entry = ExtensiveFormGame(decision("A", {
    ...     "In": decision("B", {"Fight": terminal(-1, "f"), "Share": terminal("s", 1)}),
    ...     "Out": terminal(0, 2),
    ... }))
    >>> for regime in subgame_perfect_regimes(entry):
    ...     print(regime)
    A: Out [off path: B: Fight] when f >= 1; payoffs 0, 2
    A: In; B: Share when s >= 0 and f <= 1; payoffs s, 1
    A: Out [off path: B: Share] when f <= 1 and s <= 0; payoffs 0, 2
    >>> for regime in subgame_perfect_regimes(entry, merge="outcome"):
    ...     print(regime)
    A: Out when f >= 1 or (f <= 1 and s <= 0); payoffs 0, 2
    A: In; B: Share when s >= 0 and f <= 1; payoffs s, 1
    """
    if keep not in KEEP:
        raise InvalidArgumentError(f"keep must be one of {', '.join(map(repr, KEEP))}, not {keep!r}")
    if merge not in MERGE:
        raise InvalidArgumentError(f"merge must be one of {', '.join(map(repr, MERGE))}, not {merge!r}")
    if not isinstance(tree, ExtensiveFormGame):
        raise UnsupportedGameError(f"subgame_perfect_regimes takes an ExtensiveFormGame, not {type(tree).__name__}")
    if not tree.is_perfect_information:
        raise UnsupportedGameError(
            "subgame_perfect_regimes needs perfect information (every information set a single node); "
            "substitute values and use subgame_perfect_equilibria for this tree"
        )
    parameters = tree.parameters
    assumptions = parse_assumptions(parameters, assume)
    knowledge = assumptions.knowledge
    solver = _Regimes(tree, knowledge)
    out = []
    with time_limit_scope(time_limit, "subgame_perfect_regimes"):
        for formula, choice, value in solver.solve(0):
            check_time()
            behavior = tuple(tree.information_sets[i].actions[choice[i]] for i in range(len(tree.information_sets)))
            out.append(
                SubgamePerfectRegime(
                    conditions=to_sympy(formula),
                    behavior=behavior,
                    path=_path(tree, choice),
                    payoffs=tuple(sympy.simplify(v) for v in value),
                    game=tree,
                    assumptions=assumptions.boolean,
                )
            )
    if keep == "full-dimensional":
        out = [r for r in out if not measure_zero(r.conditions, assumptions)]
    return merged(out) if merge == "outcome" else told_apart(out)


_Partial = tuple[Condition, dict[int, int], tuple[sympy.Expr, ...]]


class _Regimes:
    def __init__(self, tree: ExtensiveFormGame, knowledge: Knowledge) -> None:
        self.tree = tree
        self.knowledge = knowledge

    def own(self, index: int) -> tuple[sympy.Expr, ...]:
        outcome = self.tree.positions[index].node.outcome
        if outcome is None:
            return (sympy.Integer(0),) * self.tree.num_players
        return tuple(sympy.sympify(_to_sympy(p)) for p in outcome.payoffs)

    def solve(self, index: int) -> list[_Partial]:
        """The regimes of the subtree at ``index``, children solved first (post-order, no recursion)."""
        results: dict[int, list[_Partial]] = {}
        stack = [(index, False)]
        while stack:
            i, ready = stack.pop()
            children = self.tree.positions[i].children
            if not ready:
                stack.append((i, True))
                stack.extend((c, False) for c in reversed(children))
                continue
            results[i] = self._combine(i, [results.pop(c) for c in children])
        return results[index]

    def _combine(self, index: int, solved: list[list[_Partial]]) -> list[_Partial]:
        position = self.tree.positions[index]
        node = position.node
        own = self.own(index)
        if isinstance(node, TerminalNode):
            return [(True, {}, own)]
        out: list[_Partial] = []
        for combo in itertools.product(*solved):
            check_time()
            base = conjunction([f for f, _, _ in combo], self.knowledge)
            if base is False:
                continue
            merged: dict[int, int] = {}
            for _, choice, _ in combo:
                merged.update(choice)
            values = [v for _, _, v in combo]
            if isinstance(node, ChanceNode):
                probabilities = [_to_sympy(p) for p in node.probabilities]
                total = tuple(
                    sympy.expand(own[i] + sum(p * v[i] for p, v in zip(probabilities, values, strict=True)))
                    for i in range(len(own))
                )
                out.append((base, merged, total))
                continue
            player = position.player
            assert player is not None
            assert position.infoset is not None
            for k, v in enumerate(values):
                parts = [base] + [
                    relation(sympy.expand(v[player] - w[player]), Relation.GE, self.knowledge)
                    for j, w in enumerate(values)
                    if j != k
                ]
                formula = conjunction(parts, self.knowledge)
                if formula is False:
                    continue
                value = tuple(sympy.expand(a + b) for a, b in zip(own, v, strict=True))
                out.append((formula, {**merged, position.infoset: k}, value))
        return out


def _to_sympy(value: Any) -> sympy.Expr:
    if hasattr(value, "denominator") and not isinstance(value, sympy.Basic):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.sympify(value)


def _path(tree: ExtensiveFormGame, choice: dict[int, int]) -> tuple[tuple[str, str], ...]:
    out = []
    stack = [0]
    while stack:
        position = tree.positions[stack.pop()]
        if position.infoset is not None and isinstance(position.node, DecisionNode):
            action = choice[position.infoset]
            out.append((infoset_name(tree, position.infoset), position.node.actions[action]))
            stack.append(position.children[action])
        else:
            stack.extend(reversed(position.children))
    return tuple(out)
