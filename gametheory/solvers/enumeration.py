"""Every extreme Nash equilibrium of a two-player game, by vertex enumeration.

The equilibria of a bimatrix game ``(A, B)`` are the completely labelled
vertex pairs of the best-response polytopes
``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``
(von Stengel, "Equilibrium computation for two-player games in strategic
and extensive form", 2007), once the payoffs are shifted to be positive.

* Exact games: the row player's polytope is enumerated exactly on integer
  tableaux, a whole search level at a time in float64 while the integers
  fit with a proven rounding bound (:mod:`gametheory.solvers._vertex_fast`)
  and in Python integers otherwise (:mod:`gametheory.solvers._vertex_exact`).
  Each vertex's partners in the column player's polytope are then found
  exactly (:mod:`gametheory.solvers._vertex_partners`): one small linear
  system for a nondegenerate vertex, the vertices of a face otherwise, so
  degenerate games are answered in full.
* Float games: qhull with tolerance-aware labels
  (:mod:`gametheory.solvers._vertex_float`). If the game turns out to be
  degenerate within the tolerance, or the count of equilibria is even (a
  nondegenerate game has an odd number), or a candidate fails the Nash
  check, the floats are converted exactly to rationals and the exact
  algorithm answers instead, so degenerate float games are answered in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import singledispatch
from math import lcm
from typing import Any

import numpy as np

import gametheory.solvers.n_player as _n_player
from gametheory._internal import tolerance as _tolerance
from gametheory._internal.limits import check_time, time_limit_scope
from gametheory.exceptions import SolverError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._vertex_fast import VertexTable, polytope_vertices
from gametheory.solvers._vertex_float import float_equilibria
from gametheory.solvers._vertex_partners import partner_pairs
from gametheory.solvers.guards import require_numeric, require_two_players
from gametheory.solvers.pure import stable_mask
from gametheory.solvers.results import Equilibrium

__all__ = ["nash_equilibria"]


@singledispatch
def nash_equilibria(game: Any, *, time_limit: float | None = None) -> tuple[Any, ...]:
    """Every extreme Nash equilibrium of a game, in a deterministic order.

    For two players these are all the vertices of all the components of the
    equilibrium set (see :func:`~gametheory.solvers.components.equilibrium_components`
    to group them), sorted by profile. Games with more players are passed
    to :func:`gametheory.solvers.n_player.n_player_equilibria`. A game tree
    is solved through its reduced normal form, and the equilibria are mapped
    back to behaviour strategies (:func:`gametheory.solvers.behavior.tree_equilibria`);
    a Bayesian game is solved through its tree and reported type by type
    (:func:`gametheory.solvers.bayesian.bayesian_equilibria`).

    This is a :func:`functools.singledispatch` function: the solvers for
    trees and Bayesian games register themselves beside their own code, and
    a new kind of game plugs in with ``nash_equilibria.register(MyGame)``.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame or BayesianGame
        A numeric game.
    time_limit : float, optional
        Seconds after which to stop with :class:`~gametheory.exceptions.ResourceLimitError`
        (checked throughout the enumeration, so it stops within a fraction
        of a second of the limit); the default is no limit.

    Returns
    -------
    tuple of Equilibrium, BehaviorEquilibrium or BayesianEquilibrium
        One record type per kind of game. Exact games give Fraction profiles
        verified exactly. Float games give ``float64`` profiles, each
        verified with :func:`~gametheory.solvers.verify.is_nash` within its
        ``tolerance``.

    Raises
    ------
    ParameterError
        If the game has free parameters.
    UnsupportedGameError
        If ``game`` is none of the game classes above (or a tree with
        imperfect recall or fewer than two players).
    ResourceLimitError
        Past ``time_limit``, or before the enumeration's tables would
        outgrow the memory budget (large degenerate games).

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> matching_pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> [str(eq) for eq in nash_equilibria(matching_pennies)]
    ['Player 1: s1 1/2, s2 1/2; Player 2: s1 1/2, s2 1/2; payoffs 0, 0']

    A degenerate game: the row player's mix ``(p, 1 - p)`` is an equilibrium
    against the first column for every ``p`` in ``[0, 2/7]``; both ends are returned.

    >>> game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    >>> for eq in nash_equilibria(game):
    ...     print(eq)
    Player 1: s2; Player 2: s1; payoffs -3, 4
    Player 1: s1 2/7, s2 5/7; Player 2: s1; payoffs -3, 24/7

    Stop after a minute at most:

    >>> len(nash_equilibria(game, time_limit=60))
    2

    A game tree gives behaviour strategies:

    >>> from gametheory import ExtensiveFormGame, decision, terminal
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
    >>> [str(eq) for eq in nash_equilibria(tree)]
    ['A: x; payoffs 1, 0']
    """
    # Reached only for a type without a registered solver (after time_limit is checked, as for every game).
    with time_limit_scope(time_limit, "nash_equilibria"):
        raise UnsupportedGameError(
            f"nash_equilibria takes a NormalFormGame, ExtensiveFormGame or BayesianGame, not {type(game).__name__}"
        )


@nash_equilibria.register(NormalFormGame)
def _normal_form_equilibria(game: NormalFormGame, *, time_limit: float | None = None) -> tuple[Equilibrium, ...]:
    if time_limit is None:  # no new limit (an enclosing one stays in force): small games skip the scope's cost
        return _solve_normal_form(game)
    with time_limit_scope(time_limit, "nash_equilibria"):
        return _solve_normal_form(game)


def _solve_normal_form(game: NormalFormGame) -> tuple[Equilibrium, ...]:
    require_numeric(game, "nash_equilibria")
    if game.num_players > 2:
        return tuple(_n_player.n_player_equilibria(game))  # looked up at call time
    return extreme_equilibria(game).equilibria


@dataclass(frozen=True)
class ExtremeEquilibria:
    """Extreme equilibria together with the vertex pairs they come from (private).

    ``pairs[k] = (i, j)`` says that ``equilibria[k]`` pairs the row player's
    ``i``-th extreme strategy with the column player's ``j``-th one.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    >>> extreme_equilibria(game).pairs
    ((0, 0), (1, 0))
    """

    equilibria: tuple[Equilibrium, ...]
    pairs: tuple[tuple[int, int], ...]
    tolerance: float | None


def extreme_equilibria(game: NormalFormGame) -> ExtremeEquilibria:
    """Extreme equilibria of a numeric two-player game with their vertex pairs.

    Used by :func:`nash_equilibria` and by the components solver, which needs
    to know which extreme strategies the equilibria share.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> len(extreme_equilibria(NormalFormGame.zero_sum([[0, 0], [0, 0]])).equilibria)
    4
    """
    require_two_players(game, "nash_equilibria")
    if game.is_exact:
        return _exact(game, game.payoff_tensor(0), game.payoff_tensor(1), None)
    # Each player's payoffs scaled by a power of two (exact), and its tolerance: computed once.
    scales = _tolerance.player_scales(game.float_payoffs())
    scaled = scales.normalised
    found = float_equilibria(scaled[..., 0], scaled[..., 1])
    # A nondegenerate game has an odd number of equilibria; an even count means trouble.
    if found is not None and len(found[0]) % 2 == 1:
        result = _from_float(game, *found, scales)
        # A stable cell missing from the candidates is a near-tie (within the tolerance) the kernel took as strict.
        if result is not None and _same_pure(*found, stable_mask(game, scales=scales)):
            return result
    # Degenerate (or numerically delicate) float game: solve exactly the floats with
    # each player's ties within its tolerance made exact, as pure_equilibria and is_nash see them.
    merged = _tolerance.merged_ties(scales.floats)
    return _exact(game, merged[..., 0], merged[..., 1], scales)


def _same_pure(xs: np.ndarray, ys: np.ndarray, stable: np.ndarray) -> bool:
    """Whether the pure profiles among the distinct ``(xs[k], ys[k])`` are exactly the ``stable`` cells."""
    pure = (xs.max(axis=1) == 1) & (ys.max(axis=1) == 1)
    cells = stable[xs[pure].argmax(axis=1), ys[pure].argmax(axis=1)]
    return bool(cells.all()) and len(cells) == np.count_nonzero(stable)


def _from_float(
    game: NormalFormGame, xs: np.ndarray, ys: np.ndarray, scales: _tolerance.PlayerScales
) -> ExtremeEquilibria | None:
    records = _verified_records(game, xs, ys, scales)
    if records is None:
        return None
    order = sorted(range(len(records)), key=lambda k: records[k].key())
    # In a nondegenerate game every extreme strategy is in exactly one equilibrium.
    pairs = tuple((k, k) for k in range(len(order)))
    return ExtremeEquilibria(tuple(records[k] for k in order), pairs, max(scales.tolerances, default=0.0))


def _exact(
    game: NormalFormGame, a: np.ndarray, b: np.ndarray, scales: _tolerance.PlayerScales | None
) -> ExtremeEquilibria:
    m, n = a.shape
    p_vertices = polytope_vertices(_positive_integers(b).T)
    pairs, partners = partner_pairs(p_vertices, _positive_integers(a))
    xs = _strategies(p_vertices, [i for i, _ in pairs], m)
    ys = np.empty((len(pairs), n), dtype=object)
    for k, (_, j) in enumerate(pairs):
        total = sum(partners[j])
        ys[k] = [Fraction(v, total) for v in partners[j]]
    if scales is not None:
        xs, ys = xs.astype(np.float64), ys.astype(np.float64)
        records = _verified_records(game, xs, ys, scales, measured=True)
    else:
        records = _integer_verified_records(game, xs, ys)
    if records is None:  # pragma: no cover - exact vertex pairs are equilibria by construction
        raise SolverError("internal error: an exact vertex pair failed the equilibrium check")
    order = sorted(range(len(records)), key=lambda k: records[k].key())
    # Renumber the extreme strategies in order of first appearance, for deterministic components.
    row_ids: dict[int, int] = {}
    column_ids: dict[int, int] = {}
    renumbered = []
    for k in order:
        i, j = pairs[k]
        renumbered.append((row_ids.setdefault(i, len(row_ids)), column_ids.setdefault(j, len(column_ids))))
    tolerance = None if scales is None else max(scales.tolerances, default=0.0)
    return ExtremeEquilibria(tuple(records[k] for k in order), tuple(renumbered), tolerance)


def _verified_records(
    game: NormalFormGame,
    xs: np.ndarray,
    ys: np.ndarray,
    scales: _tolerance.PlayerScales | None,
    *,
    measured: bool = False,
) -> list[Equilibrium] | None:
    """Equilibrium records for aligned strategy arrays, or ``None`` if one fails the Nash check.

    The regrets of all candidates are computed at once (exactly for Fraction
    arrays); this replaces one ``is_nash`` call per equilibrium. Float games
    (``scales`` given) are checked on each player's payoffs scaled by a power
    of two (exact), against the player's own tolerance.
    """
    payoffs = game.payoffs if scales is None else scales.normalised
    a, b = payoffs[..., 0], payoffs[..., 1]
    row_deviation = _checked_dot(ys, a.T)  # (K, m): each row strategy against y
    column_deviation = _checked_dot(xs, b)  # (K, n): each column strategy against x
    row_value = (row_deviation * xs).sum(axis=1)
    column_value = (column_deviation * ys).sum(axis=1)
    if len(xs) == 0:
        return []
    regrets = np.stack([row_deviation.max(axis=1) - row_value, column_deviation.max(axis=1) - column_value], axis=1)
    if scales is None:
        values = np.stack([row_value, column_value], axis=1)
        return None if np.any(regrets > 0) else _records(game, xs, ys, values, None)
    if measured:
        # Exact equilibria of the game with merged ties: record the true regret if it exceeds the tolerance.
        with np.errstate(over="ignore"):
            measured_regrets = np.ldexp(regrets.astype(np.float64), scales.powers)
        limits = np.maximum(np.array(scales.tolerances), measured_regrets)
    elif np.any(regrets > scales.slacks):
        return None
    else:
        limits = np.broadcast_to(np.array(scales.tolerances), regrets.shape)
    values = np.ldexp(np.stack([row_value, column_value], axis=1), scales.powers)
    values = _tolerance.bimatrix_without_roundoff(scales, xs, ys, values)
    return _records(game, xs, ys, values, limits.tolist())


def _integer_verified_records(game: NormalFormGame, xs: np.ndarray, ys: np.ndarray) -> list[Equilibrium] | None:
    """:func:`_verified_records` for an exact game, in integers: the same records, without Fraction arithmetic.

    Payoffs are scaled to integers and strategies written over a common
    denominator, so regrets and values are integer dot products.
    """
    if len(xs) == 0:
        return []
    x_num, x_den = _row_numerators(xs)
    y_num, y_den = _row_numerators(ys)
    a, a_den = _matrix_numerators(game.payoffs[..., 0])
    b, b_den = _matrix_numerators(game.payoffs[..., 1])
    row_deviation = y_num.dot(a.T)  # (K, m), in units of 1 / (y_den * a_den)
    column_deviation = x_num.dot(b)
    row_value = (row_deviation * x_num).sum(axis=1)  # in units of 1 / (x_den * y_den * a_den)
    column_value = (column_deviation * y_num).sum(axis=1)
    if np.any(row_deviation.max(axis=1) * x_den > row_value) or np.any(
        column_deviation.max(axis=1) * y_den > column_value
    ):
        return None
    values = np.empty((len(xs), 2), dtype=object)
    values[:, 0] = [Fraction(int(v), int(d)) for v, d in zip(row_value, x_den * y_den * a_den, strict=True)]
    values[:, 1] = [Fraction(int(v), int(d)) for v, d in zip(column_value, x_den * y_den * b_den, strict=True)]
    return _records(game, xs, ys, values, None)


def _row_numerators(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Integer numerators (object array) of each row over its positive common denominator, and those denominators."""
    rows = [[_fraction(v) for v in row] for row in values]
    denominators = [lcm(*(f.denominator for f in row)) for row in rows]
    numerators = np.empty(values.shape, dtype=object)
    numerators[...] = [
        [f.numerator * (d // f.denominator) for f in row] for row, d in zip(rows, denominators, strict=True)
    ]
    return numerators, np.array(denominators, dtype=object)


def _matrix_numerators(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Integer numerators (object array) of a matrix over its positive common denominator, and that denominator."""
    fractions = [_fraction(v) for v in values.flat]
    denominator = lcm(*(f.denominator for f in fractions))
    numerators = [f.numerator * (denominator // f.denominator) for f in fractions]
    return np.array(numerators, dtype=object).reshape(values.shape), denominator


def _records(
    game: NormalFormGame, xs: np.ndarray, ys: np.ndarray, values: np.ndarray, limits: list[list[float]] | None
) -> list[Equilibrium]:
    records = []
    for k in range(len(xs)):
        value = np.array(values[k])
        value.flags.writeable = False
        per_player = None if limits is None else tuple(limits[k])
        records.append(
            Equilibrium(
                profile=(_frozen(xs[k]), _frozen(ys[k])),
                payoffs=value,
                players=game.players,
                strategies=game.strategies,
                tolerance=None if per_player is None else max(per_player),
                player_tolerances=per_player,
                game=game,
            )
        )
    return records


def _checked_dot(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``left.dot(right)``; exact (object) products in chunks of rows, checking the time limit between them."""
    if left.dtype != object or len(left) == 0:
        return left.dot(right)
    step = max(1, 20_000 // max(1, right.size))  # about a tenth of a second of Fraction arithmetic
    chunks = []
    for start in range(0, len(left), step):
        check_time()
        chunks.append(left[start : start + step].dot(right))
    return np.concatenate(chunks)


def _fraction(value: Any) -> Fraction:
    """``value`` as a Fraction, without copying one that already is (exact payoffs are)."""
    return value if type(value) is Fraction else Fraction(value)


def _positive_integers(payoffs: np.ndarray) -> np.ndarray:
    """A positive integer matrix with the same best responses: scale to integers, shift to >= 1."""
    fractions = [_fraction(v) for v in payoffs.flat]
    scale = lcm(*(f.denominator for f in fractions))
    integers = [f.numerator * (scale // f.denominator) for f in fractions]
    shift = 1 - min(integers)
    return np.array([v + shift for v in integers], dtype=object).reshape(payoffs.shape)


def _strategies(vertices: VertexTable, indices: list[int], size: int) -> np.ndarray:
    """Mixed strategies (rows of Fractions) from the coordinates of the vertices ``indices``."""
    out = np.empty((len(indices), size), dtype=object)
    for k, i in enumerate(indices):
        numerators, _ = vertices.coordinates(i)
        total = sum(numerators)
        out[k] = [Fraction(v, total) for v in numerators]
    return out


def _frozen(strategy: np.ndarray) -> np.ndarray:
    out = np.array(strategy, dtype=strategy.dtype)
    out.flags.writeable = False
    return out
