"""Deriving the equilibrium branches of a two-player parametric game, before display.

This is the work behind :func:`~gametheory.parametric.parametric_equilibria`,
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

import functools
import itertools
import operator
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy.polys.fields import FracElement
from sympy.polys.rings import PolyElement

from gametheory._internal.caches import cached
from gametheory._internal.limits import check_time
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric._conditions import (
    Formula,
    Knowledge,
    all_of,
    any_of,
    conjunction,
    nonzero,
    relation,
)
from gametheory.parametric._polys import cancel, fraction_from_expr
from gametheory.parametric.assumptions import Assumptions, parse_assumptions

__all__ = ["Derivation", "DerivedBranch", "derive"]


@dataclass(frozen=True, eq=False)
class DerivedBranch:
    """One equilibrium branch as exact rational functions, with its simplified condition.

    Attributes
    ----------
    support : tuple of tuple of int
        Each player's support.
    label : str
        The branch's label, unique within its derivation.
    condition : Formula
        Where the branch holds, on irreducible polynomial factors.
    profile : tuple of tuple of FracElement
        Each player's probabilities.
    payoffs : tuple of FracElement
        Each player's expected payoff.
    """

    support: tuple[tuple[int, ...], ...]
    label: str
    condition: Formula
    profile: tuple[tuple[FracElement, ...], ...]
    payoffs: tuple[FracElement, ...]


@dataclass(frozen=True, eq=False)
class Derivation:
    """Every branch of a game, and the assumptions (and polynomial ring) they were derived under."""

    game: NormalFormGame
    branches: tuple[DerivedBranch, ...]
    assumptions: Assumptions


def derive(game: NormalFormGame, assume: Any = None) -> Derivation:
    """Every equilibrium branch of a two-player parametric game, as exact polynomials.

    See :func:`~gametheory.parametric.parametric_equilibria` for the method and
    ``assume``; the result without assumptions is cached per game.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> for branch in derive(game).branches:
    ...     print(branch.label, "|", branch.profile[0][0])
    Player 1: s1; Player 2: s1 | 1
    Player 1: s2; Player 2: s2 | 0
    Player 1 mixes s1/s2; Player 2: s1 | 1/2
    Player 1 mixes s1/s2; Player 2 mixes s1/s2 | 1/2
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"parametric_equilibria takes a NormalFormGame, not {type(game).__name__}")
    if game.num_players != 2:
        raise UnsupportedGameError(
            f"parametric_equilibria handles two-player games only; this game has {game.num_players} players"
        )
    if assume is None:
        return _without_assumptions(game)  # games are immutable, so the answer can be reused
    return _derive(game, assume)


@cached(maxsize=16)
def _without_assumptions(game: NormalFormGame) -> Derivation:
    return _derive(game, None)


@dataclass
class _Candidate:
    """A mixed strategy of one player as formulas: a vertex candidate with support ``support``."""

    support: tuple[int, ...]
    field_: Any  # the rational-function field of the formulas
    size: int  # the player's number of strategies
    # x == cofactors / total, and the opponent's payoffs values[j] == numerators[j] / denominator
    # (all polynomials), so that comparisons need no rational-function arithmetic.
    cofactors: list[PolyElement]
    total: PolyElement
    numerators: tuple[PolyElement, ...]
    denominator: PolyElement
    index: int = 0
    systems: list[tuple[tuple[int, ...], Any]] = field(default_factory=list)  # (K, determinant): see determined()
    base: Formula | None = None  # positive probabilities, defined formulas: see _base (computed when needed)
    earlier: list[_Candidate] = field(default_factory=list)
    differences: dict[tuple[int, int], FracElement] = field(default_factory=dict)
    relations: dict[tuple[int, int, str], Formula] = field(default_factory=dict)

    @functools.cached_property
    def x(self) -> tuple[FracElement, ...]:
        """The mixed strategy in lowest terms (computed when needed: most candidates fail a cheaper test)."""
        out = [self.field_.zero] * self.size
        for i, cofactor in zip(self.support, self.cofactors, strict=True):
            out[i] = self.field_.raw_new(*cancel(cofactor, self.total))
        return tuple(out)

    def determined(self) -> list[tuple[tuple[int, ...], FracElement]]:
        """Each set ``K`` of opponent strategies whose indifference determines ``x``, with its determinant."""
        for position, (k, det) in enumerate(self.systems):
            if isinstance(det, tuple):
                self.systems[position] = (k, self.field_.raw_new(*cancel(*det)))
        return self.systems

    def value(self, j: int) -> FracElement:
        """The opponent's payoff from its pure strategy ``j`` against this mixed strategy."""
        return self.field_.raw_new(*cancel(self.numerators[j], self.denominator))


def _derive(game: NormalFormGame, assume: Any) -> Derivation:
    assumptions = parse_assumptions(game.parameters, assume)
    knowledge = assumptions.knowledge
    a = _matrix(game.payoffs[..., 0], knowledge)
    b = _matrix(game.payoffs[..., 1], knowledge)
    rows = _candidates(b, knowledge)  # the row player's mix is pinned down by the column player's payoffs
    columns = _candidates([list(col) for col in zip(*a, strict=True)], knowledge)
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


def _candidates(m: list[list[FracElement]], knowledge: Knowledge) -> list[_Candidate]:
    """Vertex candidates of the player whose strategies index the rows of ``m``.

    ``m[i][j]`` is the opponent's payoff when this player plays ``i`` and the
    opponent plays ``j``.
    """
    own, other = len(m), len(m[0])
    field_ = knowledge.field
    ring = field_.ring
    # Work with polynomials: scale the payoffs by their common denominator, so that
    # only the final formulas need a (costly) gcd cancellation.
    common = ring.one
    for denom in {value.denom for row in m for value in row}:
        if denom != common:  # mostly 1: skip sympy's gcd
            common = common.lcm(denom)
    scaled = [
        [value.numer if value.denom == common else value.numer * common.exquo(value.denom) for value in row]
        for row in m
    ]
    out: list[_Candidate] = []
    differences: dict[tuple[int, int, int], PolyElement] = {}
    for size in range(1, own + 1):
        for support in itertools.combinations(range(own), size):
            groups: list[_Candidate] = []
            for k in itertools.combinations(range(other), size):
                check_time()
                cofactors = _cofactors(scaled, support, k, ring, differences)
                total = functools.reduce(operator.add, cofactors)
                if not total:
                    continue  # the system is singular
                det = (total, common ** (size - 1))  # made a rational function only when needed
                candidate = next((g for g in groups if _same(g, cofactors, total)), None)
                if candidate is None:
                    if size == 1:  # the cofactor is 1
                        numerators = tuple(scaled[support[0]][j] for j in range(other))
                    else:
                        numerators = tuple(
                            functools.reduce(
                                operator.add,
                                (cofactor * scaled[i][j] for i, cofactor in zip(support, cofactors, strict=True)),
                            )
                            for j in range(other)
                        )
                    candidate = _Candidate(
                        support, field_, own, cofactors, total, numerators, total * common, index=len(groups)
                    )
                    groups.append(candidate)
                candidate.systems.append((k, det))
                if size == 1:
                    break  # a pure strategy is always a vertex
            previous: list[_Candidate] = []
            for candidate in groups:
                candidate.earlier = list(previous)
                previous.append(candidate)
                out.append(candidate)
    return out


def _cofactors(
    scaled: list[list[PolyElement]],
    support: tuple[int, ...],
    k: tuple[int, ...],
    ring: Any,
    differences: dict[tuple[int, int, int], PolyElement],
) -> list[PolyElement]:
    """Cofactors of the row of ones in the system ``sum(x) == 1``, equal payoffs over ``k``.

    By Cramer's rule ``x[support[t]] == cofactors[t] / sum(cofactors)``, and the
    sum is the system's determinant (times a power of the payoffs' common denominator).
    ``differences`` memoises the payoff differences, which many systems share.
    """
    rows = []
    for j in k[1:]:
        row = []
        for i in support:
            key = (i, j, k[0])
            if key not in differences:
                differences[key] = scaled[i][j] - scaled[i][k[0]]
            row.append(differences[key])
        rows.append(row)
    size = len(support)
    out = []
    for t in range(size):
        minor = [[row[c] for c in range(size) if c != t] for row in rows]
        determinant = _det(minor, ring)
        out.append(determinant if (size - 1 + t) % 2 == 0 else -determinant)
    return out


def _det(rows: list[list[PolyElement]], ring: Any) -> PolyElement:
    """Determinant of a square polynomial matrix, without any polynomial gcd.

    Laplace expansion up to 3 x 3 (the common case), fraction-free Bareiss
    elimination (exact divisions only) beyond.
    """
    size = len(rows)
    if size == 0:
        return ring.one
    if size == 1:
        return rows[0][0]
    if size == 2:
        return rows[0][0] * rows[1][1] - rows[0][1] * rows[1][0]
    if size == 3:
        total = ring.zero
        for c in range(3):
            if rows[0][c]:
                minor = [[row[d] for d in range(3) if d != c] for row in rows[1:]]
                term = rows[0][c] * _det(minor, ring)
                total = total + term if c % 2 == 0 else total - term
        return total
    a = [list(row) for row in rows]
    sign, previous = 1, ring.one
    for col in range(size - 1):
        pivot = next((r for r in range(col, size) if a[r][col]), None)
        if pivot is None:
            return ring.zero
        if pivot != col:
            a[col], a[pivot] = a[pivot], a[col]
            sign = -sign
        for r in range(col + 1, size):
            for c in range(col + 1, size):
                a[r][c] = (a[r][c] * a[col][col] - a[r][col] * a[col][c]).exquo(previous)
        previous = a[col][col]
    return a[size - 1][size - 1] * sign


def _same(candidate: _Candidate, cofactors: list[PolyElement], total: PolyElement) -> bool:
    """Whether ``cofactors / total`` is the candidate's mixed strategy (cross-multiplied, no gcd needed)."""
    return all(a * candidate.total == b * total for a, b in zip(cofactors, candidate.cofactors, strict=True))


def _base(candidate: _Candidate, knowledge: Knowledge) -> Formula:
    """Positive probabilities on the support, and defined formulas (memoised on the candidate)."""
    if candidate.base is None:
        if len(candidate.support) == 1:
            candidate.base = True
        else:
            parts: list[Formula] = []
            parts += [nonzero(q, knowledge) for q in {p.denom for p in candidate.x}]
            parts += [relation(candidate.x[i], ">", knowledge) for i in candidate.support]
            candidate.base = all_of(parts)
    return candidate.base


class _SideConditions:
    """One player's conditions for each of its candidates against each opponent support ``J``, memoised."""

    def __init__(self, num_other: int, knowledge: Knowledge) -> None:
        self.num_other = num_other
        self.knowledge = knowledge
        self.memo: dict[tuple[int, tuple[int, ...]], Formula] = {}

    def possible(self, candidate: _Candidate, support: tuple[int, ...]) -> bool:
        """False when a sign condition alone rules the pair out (then :meth:`condition` is False too)."""
        j0 = support[0]
        for j in range(self.num_other):
            if j != j0 and _compare(candidate, j, j0, "==" if j in support else "<=", self.knowledge) is False:
                return False
        return _base(candidate, self.knowledge) is not False

    def condition(self, candidate: _Candidate, support: tuple[int, ...]) -> Formula:
        """The simplified conditions under which ``candidate`` is a best response to support ``J`` and a vertex."""
        key = (id(candidate), support)
        if key not in self.memo:
            self.memo[key] = self._condition(candidate, support)
        return self.memo[key]

    def _condition(self, candidate: _Candidate, support: tuple[int, ...]) -> Formula:
        knowledge = self.knowledge
        j0 = support[0]
        parts: list[Formula] = [_base(candidate, knowledge)]
        for j in range(self.num_other):
            if j != j0:
                parts.append(_compare(candidate, j, j0, "==" if j in support else "<=", knowledge))
        if len(candidate.support) > 1:
            parts.append(
                any_of(
                    all_of([relation(det, "!=", knowledge), _compare(candidate, k[0], j0, "==", knowledge)])
                    for k, det in candidate.determined()
                )
            )
        for earlier in candidate.earlier:
            # Leave a point to an earlier formula when that formula is also determined there.
            for k, det in earlier.determined():
                tight = [_compare(candidate, j, j0, "!=", knowledge) for j in k]
                parts.append(any_of([relation(det, "==", knowledge), *tight]))
        if any(part is False for part in parts):
            return False
        return conjunction(parts, knowledge)


def _compare(candidate: _Candidate, j: int, j0: int, rel: str, knowledge: Knowledge) -> Formula:
    """``values[j] - values[j0] rel 0`` for the opponent's payoffs against ``candidate`` (memoised per candidate)."""
    key = (j, j0, rel)
    found = candidate.relations.get(key)
    if found is None:
        numerator = candidate.numerators[j] - candidate.numerators[j0]
        if not numerator:
            found = rel in ("==", ">=", "<=")
        elif numerator.is_ground and candidate.denominator.is_ground:
            # A constant (the usual case once the other parameters are fixed): decided without any gcd.
            found = _COMPARE[rel](numerator.LC * candidate.denominator.LC, 0)
        else:
            difference = candidate.differences.get((j, j0))
            if difference is None:
                difference = candidate.differences[(j, j0)] = knowledge.field.raw_new(
                    *cancel(numerator, candidate.denominator)
                )
            found = relation(difference, rel, knowledge)
        candidate.relations[key] = found
    return found


_COMPARE = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}


def _label(game: NormalFormGame, row: tuple[int, ...], column: tuple[int, ...]) -> str:
    parts = []
    for player, support in enumerate((row, column)):
        name = game.players[player]
        labels = [game.strategies[player][i] for i in support]
        parts.append(f"{name}: {labels[0]}" if len(labels) == 1 else f"{name} mixes {'/'.join(labels)}")
    return "; ".join(parts)
