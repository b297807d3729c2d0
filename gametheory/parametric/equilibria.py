"""Every equilibrium of a two-player parametric game, as formulas with their regions.

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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy.polys.domains import QQ
from sympy.polys.fields import FracElement
from sympy.polys.rings import PolyElement

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
    to_sympy,
)
from gametheory.parametric.assumptions import parse_assumptions
from gametheory.parametric.results import Branch

__all__ = ["parametric_equilibria"]


@dataclass
class _Candidate:
    """A mixed strategy of one player as formulas: a vertex candidate with support ``support``."""

    support: tuple[int, ...]
    x: tuple[FracElement, ...]
    values: tuple[FracElement, ...]  # the opponent's payoff from each of its pure strategies
    systems: list[tuple[tuple[int, ...], FracElement]]  # (K, determinant) that determine x
    base: Formula = True
    earlier: list[_Candidate] = field(default_factory=list)
    index: int = 0


def parametric_equilibria(game: NormalFormGame, *, assume: Any = None) -> tuple[Branch, ...]:
    """Every equilibrium branch of a two-player parametric game.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game whose payoffs may contain sympy symbols.
    assume : optional
        Assumptions on the parameters, used to simplify the conditions:
        a sympy relation or conjunction (``(R > 0) & (c > 0)``), an
        iterable of relations, or a mapping ``{parameter: (low, high)}`` of
        closed intervals (``None`` = unbounded). Assumptions that the
        symbols carry (``positive=True``) are always used.

    Returns
    -------
    tuple of Branch
        Ordered by support size, then support. At every parameter value
        (within the assumptions), the branches whose conditions hold give
        exactly the extreme Nash equilibria of the substituted game.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players.
    ParameterError
        If ``assume`` names an unknown parameter or is malformed.

    Notes
    -----
    The work grows with the number of support pairs, so this is meant for
    small games: a 2x2 takes a fraction of a second, a 3x3 about a second,
    a 4x4 a few seconds. Payoffs must be rational functions of the
    parameters (built with ``+ - * /`` and integer powers).

    Examples
    --------
    The strike-or-restrain dilemma with positive parameters:

    >>> import sympy
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> R, b, c, d, k, l = sympy.symbols("R b c d k l", positive=True)
    >>> game = NormalFormGame.from_bimatrix(
    ...     [[-d - c, -c], [-d - R, 0]], [[b - k + l, 0], [b, 0]],
    ...     players=("US", "Militia"),
    ...     strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    ... )
    >>> for branch in parametric_equilibria(game):
    ...     print(branch.label, "|", branch.conditions)
    US: Strike; Militia: Attack | (R >= c) & (b + l >= k)
    US: Restrain; Militia: Attack | R <= c
    US: Strike; Militia mixes Attack/Hold | (R > c) & Eq(b + l, k)
    US mixes Strike/Restrain; Militia: Attack | Eq(R, c) & (b + l < k)
    US mixes Strike/Restrain; Militia mixes Attack/Hold | (R > c) & (b + l < k)
    >>> parametric_equilibria(game)[-1].profile[1]
    (c/R, (R - c)/R)
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


@functools.lru_cache(maxsize=64)
def _without_assumptions(game: NormalFormGame) -> tuple[Branch, ...]:
    return _derive(game, None)


def _derive(game: NormalFormGame, assume: Any) -> tuple[Branch, ...]:
    assumptions = parse_assumptions(game.parameters, assume)
    knowledge = assumptions.knowledge
    a = _matrix(game.payoffs[..., 0], knowledge)
    b = _matrix(game.payoffs[..., 1], knowledge)
    rows = _candidates(b, knowledge)  # the row player's mix is pinned down by the column player's payoffs
    columns = _candidates([list(col) for col in zip(*a, strict=True)], knowledge)
    row_side = _side_conditions(rows, len(b[0]), knowledge)
    column_side = _side_conditions(columns, len(a), knowledge)
    found = []
    for r in rows:
        for s in columns:
            mine = row_side.get((id(r), s.support))
            theirs = column_side.get((id(s), r.support))
            if mine is None or theirs is None:
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
            Branch(
                support=(r.support, s.support),
                profile=(tuple(_tidy(p) for p in r.x), tuple(_tidy(p) for p in s.x)),
                payoffs=(_tidy(s.values[i0]), _tidy(r.values[j0])),
                conditions=to_sympy(condition),
                label=label,
                players=game.players,
                strategies=game.strategies,
                parameters=game.parameters,
                assumptions=assumptions.boolean,
            )
        )
    return tuple(branches)


@functools.lru_cache(maxsize=65536)
def _tidy(element: FracElement) -> sympy.Expr:
    """A readable sympy form: factored when that is shorter (``-c*(R + d)/R``)."""
    return _tidy_poly(element.numer) / _tidy_poly(element.denom)


def _tidy_poly(poly: PolyElement) -> sympy.Expr:
    if not poly:
        return sympy.Integer(0)
    coefficient, factors = poly.factor_list()
    if len(factors) <= 1 and all(m == 1 for _, m in factors):
        return poly.as_expr()
    return sympy.Mul(sympy.sympify(QQ.to_sympy(coefficient)), *(g.as_expr() ** m for g, m in factors))


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
                converted.append(knowledge.field.from_expr(expr))
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
    zero = knowledge.field.zero
    out: list[_Candidate] = []
    for size in range(1, own + 1):
        for support in itertools.combinations(range(own), size):
            groups: dict[tuple[FracElement, ...], _Candidate] = {}
            for k in itertools.combinations(range(other), size):
                solved = _solve(m, support, k, zero)
                if solved is None:
                    continue
                x, det = solved
                if x not in groups:
                    values = tuple(sum((x[i] * m[i][j] for i in support), zero) for j in range(other))
                    groups[x] = _Candidate(support, x, values, [], index=len(groups))
                groups[x].systems.append((k, det))
                if size == 1:
                    break  # a pure strategy is always a vertex
            previous: list[_Candidate] = []
            for candidate in groups.values():
                candidate.earlier = list(previous)
                candidate.base = _base(candidate, knowledge)
                previous.append(candidate)
                out.append(candidate)
    return out


def _solve(
    m: list[list[FracElement]], support: tuple[int, ...], k: tuple[int, ...], zero: FracElement
) -> tuple[tuple[FracElement, ...], FracElement] | None:
    """Solve ``sum(x) == 1`` and equal opponent payoffs over ``k`` for ``x`` on ``support``.

    Gaussian elimination over the field of rational functions: returns the
    solution and the determinant, or None when the system is singular.
    """
    size = len(support)
    one = zero.field.one
    rows = [[m[i][j] - m[i][k[0]] for i in support] + [zero] for j in k[1:]]
    rows.append([one] * size + [one])
    det = one
    for col in range(size):
        pivot = next((r for r in range(col, size) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        if pivot != col:
            rows[col], rows[pivot] = rows[pivot], rows[col]
            det = -det
        lead = rows[col][col]
        det = det * lead
        for r in range(size):
            if r != col and rows[r][col] != 0:
                ratio = rows[r][col] / lead
                rows[r] = [a - ratio * b for a, b in zip(rows[r], rows[col], strict=True)]
    x = [zero] * len(m)
    for position, i in enumerate(support):
        x[i] = rows[position][size] / rows[position][position]
    return tuple(x), det


def _base(candidate: _Candidate, knowledge: Knowledge) -> Formula:
    """Positive probabilities on the support, and defined formulas."""
    if len(candidate.support) == 1:
        return True
    parts: list[Formula] = []
    parts += [nonzero(q, knowledge) for q in {p.denom for p in candidate.x}]
    parts += [relation(candidate.x[i], ">", knowledge) for i in candidate.support]
    return all_of(parts)


def _side_conditions(
    candidates: Sequence[_Candidate], num_other: int, knowledge: Knowledge
) -> dict[tuple[int, tuple[int, ...]], Formula]:
    """For each candidate and opponent support ``J``: the simplified conditions on this side."""
    out: dict[tuple[int, tuple[int, ...]], Formula] = {}
    for candidate in candidates:
        values = candidate.values
        for size in range(1, num_other + 1):
            for support in itertools.combinations(range(num_other), size):
                j0 = support[0]
                parts: list[Formula] = [candidate.base]
                for j in range(num_other):
                    if j != j0:
                        parts.append(relation(values[j] - values[j0], "==" if j in support else "<=", knowledge))
                if len(candidate.support) > 1:
                    parts.append(
                        any_of(
                            all_of(
                                [relation(det, "!=", knowledge), relation(values[k[0]] - values[j0], "==", knowledge)]
                            )
                            for k, det in candidate.systems
                        )
                    )
                for earlier in candidate.earlier:
                    # Leave a point to an earlier formula when that formula is also determined there.
                    for k, det in earlier.systems:
                        tight = [relation(values[j] - values[j0], "!=", knowledge) for j in k]
                        parts.append(any_of([relation(det, "==", knowledge), *tight]))
                condition = conjunction(parts, knowledge)
                if condition is not False:
                    out[(id(candidate), support)] = condition
    return out


def _label(game: NormalFormGame, row: tuple[int, ...], column: tuple[int, ...]) -> str:
    parts = []
    for player, support in enumerate((row, column)):
        name = game.players[player]
        labels = [game.strategies[player][i] for i in support]
        parts.append(f"{name}: {labels[0]}" if len(labels) == 1 else f"{name} mixes {'/'.join(labels)}")
    return "; ".join(parts)
