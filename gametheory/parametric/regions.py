"""Regions of positive volume: dropping regimes and branches that hold only on ties.

The regimes of :func:`~gametheory.parametric.subgame_perfect.subgame_perfect_regimes`
and the branches of :func:`~gametheory.parametric.equilibria.parametric_equilibria`
include their boundaries, so some hold only where a player is indifferent
(``Eq(L, s)``), a set of measure zero. :func:`full_dimensional` keeps the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from gametheory.parametric._simplify import Knowledge, conjunction, relation
from gametheory.parametric.assumptions import Assumptions, parse_assumptions
from gametheory.parametric.conditions import Condition, any_of
from gametheory.parametric.relations import Relation

__all__ = ["full_dimensional", "measure_zero"]


def full_dimensional(regimes: Sequence[Any]) -> tuple[Any, ...]:
    """The regimes or branches whose region has positive volume within their assumptions.

    A region given by weak inequalities has positive volume exactly when its
    strict version (``>=`` read as ``>``) is satisfiable; one that needs an
    equality not implied by the assumptions (such as ``Eq(L, s)``, a tie)
    has none. Regions that cannot be proved of measure zero are kept.

    Parameters
    ----------
    regimes : sequence of SubgamePerfectRegime or Branch
        Anything with ``conditions``, ``parameters`` and ``assumptions``, such
        as the results of :func:`subgame_perfect_regimes` or
        :func:`~gametheory.parametric.equilibria.parametric_equilibria`.

    Returns
    -------
    tuple
        The full-dimensional ones, in the given order.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal("v**2", 0), "y": terminal(0, 1)}), players=("A", "B"))
    >>> [str(r.conditions) for r in subgame_perfect_regimes(tree)]
    ['True', 'Eq(v, 0)']
    >>> [str(r.conditions) for r in full_dimensional(subgame_perfect_regimes(tree))]
    ['True']
    """
    out = []
    parsed: dict[tuple[Any, ...], Assumptions] = {}
    for regime in regimes:
        key = (tuple(regime.parameters), regime.assumptions)
        if key not in parsed:
            parsed[key] = parse_assumptions(regime.parameters, regime.assumptions)
        if not measure_zero(regime.conditions, parsed[key]):
            out.append(regime)
    return tuple(out)


_STRICT = {
    sympy.GreaterThan: Relation.GT,
    sympy.StrictGreaterThan: Relation.GT,
    sympy.LessThan: Relation.LT,
    sympy.StrictLessThan: Relation.LT,
    sympy.Unequality: Relation.NE,
}


def measure_zero(conditions: Boolean, assumptions: Assumptions) -> bool:
    """Whether ``conditions`` provably hold only on a set of measure zero within the assumptions.

    Examples
    --------
    >>> L, s = sympy.symbols("L s", real=True)
    >>> positive = parse_assumptions((L, s), {"L": "positive", "s": "positive"})
    >>> measure_zero(sympy.Eq(L, s), positive), measure_zero(L >= s, positive), measure_zero(L <= 0, positive)
    (True, False, True)
    """
    knowledge = assumptions.knowledge
    interior = _interior(conditions, knowledge)
    return interior is False or conjunction([interior], knowledge) is False


def _interior(boolean: Boolean, knowledge: Knowledge) -> Condition:
    """The conditions with weak inequalities made strict and equalities false (``True`` if not understood)."""
    if boolean in (sympy.true, sympy.false):
        return bool(boolean)
    if isinstance(boolean, sympy.And):
        return conjunction([_interior(a, knowledge) for a in boolean.args], knowledge)
    if isinstance(boolean, sympy.Or):
        return any_of(_interior(a, knowledge) for a in boolean.args)
    if isinstance(boolean, sympy.Equality):
        return False
    strict = _STRICT.get(type(boolean))
    if strict is None:
        return True
    return relation(sympy.expand(boolean.lhs - boolean.rhs), strict, knowledge)
