"""Two-player zero-sum games solved by linear programming."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from fractions import Fraction
from functools import singledispatch
from typing import Any

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.exact_lp import LPStatus, maximize
from gametheory._internal.formatting import format_mix, format_number
from gametheory.exceptions import SolverError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.guards import require_two_players
from gametheory.solvers.results import PROBABILITY_ROUNDOFF, Equilibrium, make_equilibrium

__all__ = ["ZeroSumSolution", "solve_zero_sum"]


@dataclass(frozen=True, eq=False)
class ZeroSumSolution:
    """The value and optimal (maximin) strategies of a two-player zero-sum game.

    Attributes
    ----------
    value : Fraction or float
        The value of the game to the row player.
    row_strategy, column_strategy : numpy.ndarray
        Optimal mixed strategies: Fractions for exact games, ``float64``
        otherwise. The row strategy guarantees at least ``value`` against
        every column; the column strategy concedes at most ``value``.
    equilibrium : Equilibrium
        The same pair as an :class:`Equilibrium` of the game; ``game``,
        ``players``, ``strategies`` and ``is_exact`` read through to it, as
        on every equilibrium record.
    message : str
        How the answer was computed.
    tolerance : float or None
        ``None`` when exact. For float games, a bound such that the row
        strategy guarantees ``value - tolerance`` and the column strategy
        concedes at most ``value + tolerance``.
    nit : int
        Number of simplex pivots (exact LP) or solver iterations (HiGHS).

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> rps = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> print(solve_zero_sum(rps))
    value 0; Player 1: s1 1/3, s2 1/3, s3 1/3; Player 2: s1 1/3, s2 1/3, s3 1/3

    Notes
    -----
    There is no ``success`` field: a failed solve raises
    :class:`~gametheory.exceptions.SolverError` instead of returning a
    partial answer, so it could only ever be True. Reading ``.success``
    still gives True, with a :class:`DeprecationWarning`.
    """

    value: Any
    row_strategy: np.ndarray
    column_strategy: np.ndarray
    equilibrium: Equilibrium
    message: str
    tolerance: float | None
    nit: int

    @property
    def success(self) -> bool:
        """Deprecated: always True (a failed solve raises :class:`~gametheory.exceptions.SolverError`)."""
        warnings.warn(
            "ZeroSumSolution.success is deprecated: it is always True, since a failed solve raises SolverError",
            DeprecationWarning,
            stacklevel=2,
        )
        return True

    @property
    def game(self) -> NormalFormGame | None:
        """The game solved (the equilibrium's)."""
        return self.equilibrium.game

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self.equilibrium.players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy labels, one tuple per player."""
        return self.equilibrium.strategies

    @property
    def is_exact(self) -> bool:
        """True when the value and strategies are exact rationals."""
        return self.tolerance is None

    def __str__(self) -> str:
        parts = [f"value {format_number(self.value)}"]
        eq = self.equilibrium
        for name, labels, strategy in zip(
            eq.players, eq.strategies, (self.row_strategy, self.column_strategy), strict=True
        ):
            used = [i for i in range(len(strategy)) if _positive(strategy[i], self.tolerance)]
            parts.append(f"{name}: " + format_mix([labels[i] for i in used], [strategy[i] for i in used]))
        return "; ".join(parts)


def _positive(p: Any, tolerance: float | None) -> bool:
    # As Equilibrium.support: a float probability counts when above round-off, whatever the payoff scale.
    return bool(p > 0) if tolerance is None else bool(float(p) > PROBABILITY_ROUNDOFF)


@singledispatch
def solve_zero_sum(game: Any, **options: Any) -> Any:
    """Solve a two-player zero-sum game: its value and optimal strategies, by LP.

    A :func:`functools.singledispatch` function: normal-form games are
    solved here; two-player trees with perfect recall are solved by the
    sequence-form linear program and return a
    :class:`~gametheory.solvers.sequence_form.TreeZeroSumSolution`
    (see :func:`~gametheory.solvers.sequence_form.solve_zero_sum_tree`,
    which takes ``time_limit=``).

    Exact games (Fractions) are solved with an exact rational simplex
    (Bland's rule, written for this library) and give the exact value; the
    row strategy is read from the dual of the column player's LP and both
    are verified exactly. Float games are solved with
    :func:`scipy.optimize.linprog` (HiGHS) and the achieved guarantee is
    measured and reported as ``tolerance``.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A numeric two-player game whose payoffs satisfy ``B == -A``
        (exactly for exact games, within :meth:`NormalFormGame.default_tolerance`
        for float games).

    Returns
    -------
    ZeroSumSolution
        For a normal-form game (``TreeZeroSumSolution`` for a tree).

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players or is not zero-sum.
    ParameterError
        If the game is parametric.
    SolverError
        If the float LP solver fails.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> solution = solve_zero_sum(pennies)
    >>> solution.value, solution.row_strategy.tolist()
    (Fraction(0, 1), [Fraction(1, 2), Fraction(1, 2)])
    >>> solve_zero_sum(NormalFormGame.zero_sum([[2.0, -1.0], [-1.0, 1.0]])).value  # doctest: +ELLIPSIS
    0.2...
    """
    raise UnsupportedGameError(
        f"solve_zero_sum takes a NormalFormGame or a two-player ExtensiveFormGame, not {type(game).__name__}"
    )


@solve_zero_sum.register(NormalFormGame)
def _solve_normal_form(game: NormalFormGame) -> ZeroSumSolution:
    require_two_players(game, "solve_zero_sum")
    a = game.payoff_tensor(0)
    if game.is_exact:
        if any(x + y != 0 for x, y in zip(a.flat, game.payoff_tensor(1).flat, strict=True)):
            raise UnsupportedGameError("solve_zero_sum needs a zero-sum game: the column payoffs are not exactly -A")
        return _solve_exact(game, a)
    floats = game.float_payoffs()
    gap = float(np.max(np.abs(floats[..., 0] + floats[..., 1])))
    if gap > game.default_tolerance():
        raise UnsupportedGameError(
            f"solve_zero_sum needs a zero-sum game: A + B is as large as {gap:.3g}, "
            f"above the tolerance {game.default_tolerance():.3g}"
        )
    return _solve_float(game, np.asarray(floats[..., 0]), int(_tolerance.exponents(floats)[0]))


def _solve_exact(game: NormalFormGame, a: np.ndarray) -> ZeroSumSolution:
    m, n = a.shape
    # Shift so every payoff is >= 1: the value is then positive and the
    # classic normalisation w = y / value turns the column player's problem
    # into max sum(w) s.t. A' w <= 1, w >= 0, whose dual gives the row strategy.
    shift = _ONE - min(a.flat)
    shifted = [[a[i, j] + shift for j in range(n)] for i in range(m)]
    result = maximize([_ONE] * n, shifted, [_ONE] * m)
    if result.status is not LPStatus.OPTIMAL or result.value is None or result.value <= 0:  # pragma: no cover
        raise SolverError(f"exact simplex ended with status {result.status.value} on a zero-sum game")
    shifted_value = 1 / result.value
    column = np.array([w * shifted_value for w in result.x], dtype=object)
    row = np.array([u * shifted_value for u in result.duals], dtype=object)
    value = shifted_value - shift
    guarantee = min(sum((row[i] * a[i, j] for i in range(m)), _ZERO) for j in range(n))
    concession = max(sum((a[i, j] * column[j] for j in range(n)), _ZERO) for i in range(m))
    if guarantee != value or concession != value or sum(row) != 1 or min(row) < 0:  # pragma: no cover
        raise SolverError("exact simplex returned strategies that fail the exact duality check")
    row.flags.writeable = False
    column.flags.writeable = False
    return ZeroSumSolution(
        value=value,
        row_strategy=row,
        column_strategy=column,
        equilibrium=make_equilibrium(game, (row, column)),
        message="Optimal solution found by the exact rational simplex (Bland's rule); verified exactly.",
        tolerance=None,
        nit=result.nit,
    )


def _solve_float(game: NormalFormGame, payoffs: np.ndarray, power: int) -> ZeroSumSolution:
    from scipy.optimize import linprog

    # Solved on A times 2**-power, so every entry is in (-1, 1): exact, and HiGHS neither rejects
    # payoffs near 1e300 nor drops payoffs near 1e-300 as negligible. Values are scaled back at the end.
    a = np.ldexp(payoffs, -power)
    m, n = a.shape
    # Variables (x_1..x_m, v): maximise v subject to v <= (x^T A)_j for every column j.
    row_lp = linprog(
        c=np.r_[np.zeros(m), -1.0],
        A_ub=np.c_[-a.T, np.ones(n)],
        b_ub=np.zeros(n),
        A_eq=np.r_[np.ones(m), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * m + [(None, None)],
        method="highs",
    )
    column_lp = linprog(
        c=np.r_[np.zeros(n), 1.0],
        A_ub=np.c_[a, -np.ones(m)],
        b_ub=np.zeros(m),
        A_eq=np.r_[np.ones(n), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * n + [(None, None)],
        method="highs",
    )
    for lp, who in ((row_lp, "row"), (column_lp, "column")):
        if not lp.success:
            raise SolverError(f"linprog (HiGHS) failed on the {who} player's LP: {lp.message}")
    row = _clean(row_lp.x[:m])
    column = _clean(column_lp.x[:n])
    guarantee = float(np.min(row @ a))
    concession = float(np.max(a @ column))
    scaled_value = float(row @ a @ column)
    gap = max(scaled_value - guarantee, concession - scaled_value)
    with np.errstate(over="ignore"):
        value, measured = (float(v) for v in np.ldexp([scaled_value, gap], power))
    tolerance = max(game.default_tolerance(), measured)
    return ZeroSumSolution(
        value=value,
        row_strategy=row,
        column_strategy=column,
        equilibrium=make_equilibrium(game, (row, column), tolerance=tolerance),
        message=f"Optimal solution found by linprog (HiGHS): {row_lp.message}",
        tolerance=tolerance,
        nit=int(row_lp.nit + column_lp.nit),
    )


def _clean(x: np.ndarray) -> np.ndarray:
    out = np.clip(np.asarray(x, dtype=np.float64), 0.0, None)
    out = out / out.sum()
    out.flags.writeable = False
    return out


_ZERO = Fraction(0)
_ONE = Fraction(1)
