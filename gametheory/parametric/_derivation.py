"""Deriving the equilibrium branches of a two-player parametric game, before display.

This is the kernel of :func:`~gametheory.parametric.derivation.derive` and
so of :func:`~gametheory.parametric.parametric_equilibria`,
which turns each :class:`DerivedBranch` into a readable sympy
:class:`~gametheory.parametric.Branch`. Sweeps evaluate the derived
polynomials directly, without that conversion.

The method is vertex enumeration done symbolically. An extreme equilibrium
``(x, y)`` pairs a mixed strategy ``x`` of the row player that is a vertex of
its best-response polytope with such a ``y`` of the column player, each a
best response to the other. ``x`` with support ``I`` is a vertex exactly
when, for some set ``K`` of ``|I|`` columns that are best responses to ``x``,
the column player's indifference over ``K`` determines ``x`` uniquely
(a non-zero determinant). Solving those small linear systems by Cramer's rule
gives ``x`` as rational functions of the parameters; the conditions are that
the probabilities are positive, that the supports are best responses, and
that some determining system is non-singular. On degenerate boundaries
(ties, ``|I| != |J|``) this returns the extreme equilibria, as
``nash_equilibria`` does on the substituted game.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy
from sympy.polys.fields import FracElement

from gametheory._internal.caches import cached
from gametheory._internal.limits import check_time
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric._candidates import Candidate, candidates
from gametheory.parametric._polys import cancel, fraction_from_expr
from gametheory.parametric._simplify import Knowledge, conjunction, nonzero, relation
from gametheory.parametric.assumptions import Assumptions, parse_assumptions
from gametheory.parametric.conditions import Condition, all_of, any_of
from gametheory.parametric.relations import Relation

__all__ = ["Derivation", "DerivedBranch"]


@dataclass(frozen=True, eq=False)
class DerivedBranch:
    """One equilibrium branch as exact rational functions, with its simplified condition.

    Attributes
    ----------
    support : tuple of tuple of int
        Each player's support.
    label : str
        The branch's label, unique within its derivation.
    condition : Condition
        Where the branch holds, on irreducible polynomial factors.
    profile : tuple of tuple of FracElement
        Each player's probabilities.
    payoffs : tuple of FracElement
        Each player's expected payoff.
    """

    support: tuple[tuple[int, ...], ...]
    label: str
    condition: Condition
    profile: tuple[tuple[FracElement, ...], ...]
    payoffs: tuple[FracElement, ...]


@dataclass(frozen=True, eq=False)
class Derivation:
    """Every branch of a game, and the assumptions (and polynomial ring) they were derived under."""

    game: NormalFormGame
    branches: tuple[DerivedBranch, ...]
    assumptions: Assumptions


@cached(maxsize=16)
def _without_assumptions(game: NormalFormGame) -> Derivation:
    return _derive(game, None)


def _derive(game: NormalFormGame, assume: Any) -> Derivation:
    assumptions = parse_assumptions(game.parameters, assume)
    knowledge = assumptions.knowledge
    a = _matrix(game.payoffs[..., 0], knowledge)
    b = _matrix(game.payoffs[..., 1], knowledge)
    rows = candidates(b, knowledge)  # the row player's mix is pinned down by the column player's payoffs
    columns = candidates([list(col) for col in zip(*a, strict=True)], knowledge)
    row_side = _SideConditions(len(b[0]), knowledge)
    column_side = _SideConditions(len(a), knowledge)
    found = []
    for r in rows:
        for s in columns:
            check_time()
            # The cheap exact test first: most pairs fail it, and then no simplification is needed.
            if not (row_side.possible(r, s.support) and column_side.possible(s, r.support)):
                continue
            mine = row_side.condition(r, s.support)
            if mine is False:
                continue
            theirs = column_side.condition(s, r.support)
            if theirs is False:
                continue
            condition = conjunction([mine, theirs], knowledge)
            if condition is False:
                continue
            found.append((r, s, condition))
    found.sort(
        key=lambda t: (len(t[0].support) + len(t[1].support), t[0].support, t[1].support, t[0].index, t[1].index)
    )
    branches = []
    labels: dict[str, int] = {}
    for r, s, condition in found:
        label = _label(game, r.support, s.support)
        labels[label] = labels.get(label, 0) + 1
        if labels[label] > 1:
            label = f"{label} #{labels[label]}"
        i0, j0 = r.support[0], s.support[0]
        branches.append(
            DerivedBranch(
                support=(r.support, s.support),
                label=label,
                condition=condition,
                profile=(r.x, s.x),
                payoffs=(s.value(i0), r.value(j0)),
            )
        )
    return Derivation(game, tuple(branches), assumptions)


def _matrix(array: Any, knowledge: Knowledge) -> list[list[FracElement]]:
    out = []
    for row in array.tolist():
        converted = []
        for value in row:
            expr = sympy.sympify(value)
            # Floats become the rationals they denote, so that conditions are decided exactly.
            if expr.has(sympy.Float):
                expr = sympy.nsimplify(expr, rational=True)
            try:
                converted.append(fraction_from_expr(knowledge.field, expr))
            except ZeroDivisionError:
                raise UnsupportedGameError(f"payoff {expr} divides by zero") from None
            except (ValueError, TypeError, sympy.PolynomialError):
                raise UnsupportedGameError(
                    f"payoff {expr} is not a rational function of the parameters; parametric_equilibria "
                    "needs payoffs built from the parameters with + - * /"
                ) from None
        out.append(converted)
    return out


def _base(candidate: Candidate, knowledge: Knowledge) -> Condition:
    """Positive probabilities on the support, and defined formulas (memoised on the candidate)."""
    if candidate.base is None:
        if len(candidate.support) == 1:
            candidate.base = True
        else:
            parts: list[Condition] = []
            parts += [nonzero(q, knowledge) for q in {p.denom for p in candidate.x}]
            parts += [relation(candidate.x[i], Relation.GT, knowledge) for i in candidate.support]
            candidate.base = all_of(parts)
    return candidate.base


class _SideConditions:
    """One player's conditions for each of its candidates against each opponent support ``J``, memoised."""

    def __init__(self, num_other: int, knowledge: Knowledge) -> None:
        self.num_other = num_other
        self.knowledge = knowledge
        self.memo: dict[tuple[int, tuple[int, ...]], Condition] = {}

    def possible(self, candidate: Candidate, support: tuple[int, ...]) -> bool:
        """False when a sign condition alone rules the pair out (then :meth:`condition` is False too)."""
        j0 = support[0]
        for j in range(self.num_other):
            if (
                j != j0
                and _compare(candidate, j, j0, Relation.EQ if j in support else Relation.LE, self.knowledge) is False
            ):
                return False
        return _base(candidate, self.knowledge) is not False

    def condition(self, candidate: Candidate, support: tuple[int, ...]) -> Condition:
        """The simplified conditions under which ``candidate`` is a best response to support ``J`` and a vertex."""
        key = (id(candidate), support)
        if key not in self.memo:
            self.memo[key] = self._condition(candidate, support)
        return self.memo[key]

    def _condition(self, candidate: Candidate, support: tuple[int, ...]) -> Condition:
        knowledge = self.knowledge
        j0 = support[0]
        parts: list[Condition] = [_base(candidate, knowledge)]
        for j in range(self.num_other):
            if j != j0:
                parts.append(_compare(candidate, j, j0, Relation.EQ if j in support else Relation.LE, knowledge))
        if len(candidate.support) > 1:
            parts.append(
                any_of(
                    all_of(
                        [relation(det, Relation.NE, knowledge), _compare(candidate, k[0], j0, Relation.EQ, knowledge)]
                    )
                    for k, det in candidate.determined()
                )
            )
        for earlier in candidate.earlier:
            # Leave a point to an earlier formula when that formula is also determined there.
            for k, det in earlier.determined():
                tight = [_compare(candidate, j, j0, Relation.NE, knowledge) for j in k]
                parts.append(any_of([relation(det, Relation.EQ, knowledge), *tight]))
        if any(part is False for part in parts):
            return False
        return conjunction(parts, knowledge)


def _compare(candidate: Candidate, j: int, j0: int, rel: Relation, knowledge: Knowledge) -> Condition:
    """``values[j] - values[j0] rel 0`` for the opponent's payoffs against ``candidate`` (memoised per candidate)."""
    key = (j, j0, rel)
    found = candidate.relations.get(key)
    if found is None:
        numerator = candidate.numerators[j] - candidate.numerators[j0]
        if not numerator:
            found = 0 in rel.signs
        elif numerator.is_ground and candidate.denominator.is_ground:
            # A constant (the usual case once the other parameters are fixed): decided without any gcd.
            found = rel.compare(numerator.LC * candidate.denominator.LC, 0)
        else:
            difference = candidate.differences.get((j, j0))
            if difference is None:
                difference = candidate.differences[(j, j0)] = knowledge.field.raw_new(
                    *cancel(numerator, candidate.denominator)
                )
            found = relation(difference, rel, knowledge)
        candidate.relations[key] = found
    return found


def _label(game: NormalFormGame, row: tuple[int, ...], column: tuple[int, ...]) -> str:
    parts = []
    for player, support in enumerate((row, column)):
        name = game.players[player]
        labels = [game.strategies[player][i] for i in support]
        parts.append(f"{name}: {labels[0]}" if len(labels) == 1 else f"{name} mixes {'/'.join(labels)}")
    return "; ".join(parts)
