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
Entrant: In; Incumbent: Fight when (c <= -1) & (f <= 0); payoffs -f, -c
Entrant: Out; Incumbent: Fight when (f >= 0) & (c <= -1); payoffs 0, 2
Entrant: In; Incumbent: Share when c >= -1; payoffs 1, 1
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from gametheory._internal.limits import check_time, time_limit_scope
from gametheory._internal.notebook import regime_html, regime_latex
from gametheory._internal.parameters import exact_parameter_value, named_values
from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode
from gametheory.parametric._simplify import Knowledge, conjunction, relation
from gametheory.parametric.assumptions import parse_assumptions
from gametheory.parametric.conditions import Condition, to_sympy
from gametheory.parametric.regions import full_dimensional, measure_zero
from gametheory.parametric.relations import Relation
from gametheory.solvers.behavior import infoset_name

__all__ = ["KEEP", "SubgamePerfectRegime", "full_dimensional", "subgame_perfect_regimes"]

#: The values of ``keep=`` in :func:`subgame_perfect_regimes`.
KEEP = ("all", "full-dimensional")


@dataclass(frozen=True, eq=False)
class SubgamePerfectRegime:
    """A pure subgame-perfect profile and the parameter region where it is one.

    Attributes
    ----------
    conditions : sympy Boolean
        Simplified conditions on the parameters (weak inequalities), given the assumptions.
    behavior : tuple of str
        The action taken at each information set (``game.information_sets`` order).
    path : tuple of (str, str)
        ``(information set name, action)`` for each move on the path of play
        (every branch of a chance node is followed).
    payoffs : tuple of sympy.Expr
        Each player's expected payoff, in player order.
    game : ExtensiveFormGame
        The tree.
    assumptions : sympy Boolean
        The assumptions the conditions were simplified under (``True`` if none).

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal("v", 0), "y": terminal(1, 1)}), players=("A", "B"))
    >>> first = subgame_perfect_regimes(tree)[0]
    >>> first.conditions, first.path, first.path_label
    (v >= 1, (('A', 'x'),), 'A: x')
    >>> first.holds_at({"v": 2})
    True
    """

    conditions: Boolean
    behavior: tuple[str, ...]
    path: tuple[tuple[str, str], ...]
    payoffs: tuple[sympy.Expr, ...]
    game: ExtensiveFormGame
    assumptions: Boolean = sympy.true

    @property
    def label(self) -> str:
        """The behaviour at every information set, such as ``"Militia: Hold; US: Retaliate"`` (unique per call).

        The same as :attr:`profile_label`; :attr:`path_label` names only the moves on the path of play.
        """
        return self.profile_label

    @property
    def profile_label(self) -> str:
        """The full strategy profile: the action at every information set, reached or not, in tree order."""
        return "; ".join(
            f"{infoset_name(self.game, s.index)}: {a}"
            for s, a in zip(self.game.information_sets, self.behavior, strict=True)
        )

    @property
    def path_label(self) -> str:
        """Who does what on the path of play, in path order, such as ``"Militia: Attack; US: Retaliate"``.

        Unreached decisions are left out, so regimes that differ only off the
        path share a path label (and an outcome). Empty if no decision is reached.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> tree = ExtensiveFormGame(decision("A", {
        ...     "In": decision("B", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)}),
        ...     "Out": terminal(0, 2),
        ... }))
        >>> [(r.path_label, r.profile_label) for r in subgame_perfect_regimes(tree)]
        [('A: In; B: Share', 'A: In; B: Share')]
        """
        return "; ".join(f"{name}: {action}" for name, action in self.path)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self.game.players

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The tree's parameters."""
        return self.game.parameters

    def holds_at(self, values: Mapping[Any, Any]) -> bool:
        """Whether the regime's conditions hold at the given parameter values (exactly for exact values).

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal("v", 0), "y": terminal(1, 1)}), players=("A", "B"))
        >>> [r.holds_at({"v": 3}) for r in subgame_perfect_regimes(tree)]
        [True, False]
        """
        given = named_values(self.parameters, values, require_all=False)
        mapping = {symbol: exact_parameter_value(symbol.name, value) for symbol, value in given.items()}
        result = self.conditions.xreplace(mapping)
        if result not in (sympy.true, sympy.false):
            missing = ", ".join(sorted(s.name for s in result.free_symbols))
            raise ParameterError(f"no value given for parameter(s) {missing}")
        return bool(result)

    def __str__(self) -> str:
        return f"{self.label} when {self.conditions}; payoffs " + ", ".join(str(p) for p in self.payoffs)

    def __repr__(self) -> str:
        return f"SubgamePerfectRegime({self})"

    def _repr_html_(self) -> str:
        return regime_html(self.players, self._moves(), self.payoffs, self.conditions, self.path_label)

    def _repr_latex_(self) -> str:
        return regime_latex(self.players, self._moves(), self.payoffs, self.conditions)

    def _moves(self) -> list[tuple[int, str, str]]:
        sets = zip(self.game.information_sets, self.behavior, strict=True)
        return [(s.player, infoset_name(self.game, s.index), a) for s, a in sets]


def subgame_perfect_regimes(
    tree: ExtensiveFormGame, *, assume: Any = None, keep: str = "all", time_limit: float | None = None
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
        If ``keep`` is not one of ``"all"``, ``"full-dimensional"``.
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
    """
    if keep not in KEEP:
        raise InvalidArgumentError(f"keep must be one of {', '.join(map(repr, KEEP))}, not {keep!r}")
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
        return tuple(r for r in out if not measure_zero(r.conditions, assumptions))
    return tuple(out)


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
