"""One Nash equilibrium of a two-player game by the Lemke-Howson algorithm.

Complementary pivoting on the tableaux of the best-response polytopes
``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}`` (payoffs
shifted positive), starting from the artificial equilibrium ``(0, 0)`` and
dropping ``initial_label`` (Lemke and Howson 1964; von Stengel 2007).
Labels ``0..m-1`` are the row player's pure strategies and ``m..m+n-1`` the
column player's. The lexicographic minimum-ratio rule makes the path well
defined in degenerate games. Exact games pivot on integer tableaux without
fractions (each entry is the basis determinant times the true value), so
the answer is exact; float games pivot in float64.
"""

from __future__ import annotations

import numbers
from fractions import Fraction
from functools import singledispatch
from math import lcm
from typing import Any

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.limits import check_time
from gametheory.exceptions import InvalidProfileError, SolverError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.guards import require_two_players
from gametheory.solvers.results import Equilibrium, make_equilibrium
from gametheory.solvers.verify import is_nash

__all__ = ["lemke_howson"]

# Relative tolerance of the float ratio test (payoffs are scaled to [1, 2]).
_FLOAT_TIE = 1e-9


@singledispatch
def lemke_howson(game: Any, **options: Any) -> Any:
    """One Nash equilibrium of a two-player game, by complementary pivoting.

    A :func:`functools.singledispatch` function: normal-form games are
    solved here (option ``initial_label``); two-player trees with perfect
    recall by Lemke's algorithm on the sequence form, returning a
    :class:`~gametheory.solvers.behavior.BehaviorEquilibrium` (see
    :func:`~gametheory.solvers.sequence_form.lemke_howson_tree`, which
    takes ``time_limit=``).

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    initial_label : int, optional
        The label dropped first: ``0..m-1`` for the row player's strategies,
        ``m..m+n-1`` for the column player's. Different labels may lead to
        different equilibria.

    Returns
    -------
    Equilibrium
        An extreme equilibrium (one of :func:`~gametheory.solvers.enumeration.nash_equilibria`):
        exact for exact games, verified within ``tolerance`` for float games.

    Raises
    ------
    InvalidProfileError
        If ``initial_label`` is not an integer in ``range(m + n)``.
    UnsupportedGameError
        If the game does not have two players.
    ParameterError
        If the game has free parameters.
    SolverError
        If a float game's path ends at a profile that fails the Nash check
        (severe round-off).

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> print(lemke_howson(game))
    Player 1: s1; Player 2: s1; payoffs 3, 3
    >>> print(lemke_howson(game, initial_label=1))
    Player 1: s2 1/3, s3 2/3; Player 2: s1 1/3, s2 2/3; payoffs 4, 8/3
    """
    raise UnsupportedGameError(
        f"lemke_howson takes a NormalFormGame or a two-player ExtensiveFormGame, not {type(game).__name__}"
    )


@lemke_howson.register(NormalFormGame)
def _lemke_howson_normal_form(game: NormalFormGame, *, initial_label: int = 0) -> Equilibrium:
    require_two_players(game, "lemke_howson")
    m, n = game.shape
    if isinstance(initial_label, bool) or not isinstance(initial_label, numbers.Integral):
        raise InvalidProfileError(f"initial_label must be an integer label, not {type(initial_label).__name__}")
    if not 0 <= int(initial_label) < m + n:
        raise InvalidProfileError(
            f"initial_label must be in 0..{m + n - 1} (0..{m - 1} are {game.players[0]}'s strategies, "
            f"{m}..{m + n - 1} are {game.players[1]}'s); got {initial_label}"
        )
    label = int(initial_label)
    p_columns, q_columns = _label_columns(m, n)
    if game.is_exact:
        a = _positive_integers(game.payoff_tensor(0))
        b = _positive_integers(game.payoff_tensor(1))
        x, y = _path(_ExactTableau(b.T, *p_columns), _ExactTableau(a, *q_columns), label, m)
        equilibrium = make_equilibrium(game, (x, y))
        if not is_nash(game, equilibrium):  # pragma: no cover - exact pivoting cannot fail
            raise SolverError("internal error: exact Lemke-Howson ended off equilibrium")
        return equilibrium
    # Each player's payoffs scaled by a power of two first (exact), so that nothing overflows.
    floats = _tolerance.normalised(game.float_payoffs())
    a_f, b_f = _scaled(floats[..., 0]), _scaled(floats[..., 1])
    x, y = _path(_FloatTableau(b_f.T, *p_columns), _FloatTableau(a_f, *q_columns), label, m)
    equilibrium = make_equilibrium(game, (x, y))
    if not is_nash(game, equilibrium):
        raise SolverError("Lemke-Howson ended at a profile that fails the Nash check; the game is ill-conditioned")
    return equilibrium


def _label_columns(m: int, n: int) -> tuple[tuple[list[int], list[int]], tuple[list[int], list[int]]]:
    """(variable columns, slack columns) of P and of Q; a column's index is its label.

    P's variables x carry labels 0..m-1 and its slacks m..m+n-1; Q's variables
    y carry labels m..m+n-1 and its slacks 0..m-1.
    """
    rows, columns = list(range(m)), list(range(m, m + n))
    return (rows, columns), (columns, rows)


class _Tableau:
    """A polytope tableau whose columns are indexed by label; the basis maps rows to labels."""

    exact = False

    def __init__(self, matrix: Any, variable_columns: list[int], slack_columns: list[int], dtype: Any) -> None:
        k, d = matrix.shape
        self.rows = k
        self.slack_columns = slack_columns
        table = np.zeros((k, d + k + 1), dtype=dtype)
        table[:, variable_columns] = matrix
        for row, column in enumerate(self.slack_columns):
            table[row, column] = 1
        table[:, -1] = 1
        self.table = table
        self.basis = list(self.slack_columns)
        self.variable_columns = variable_columns

    def values(self) -> list[Any]:
        raise NotImplementedError

    def leaving_row(self, column: int) -> int:
        raise NotImplementedError

    def pivot(self, row: int, column: int) -> int:
        raise NotImplementedError

    def strategy(self) -> np.ndarray:
        """The normalised mixed strategy of the current basic solution."""
        values = self.values()
        zero = Fraction(0) if self.exact else 0.0
        raw = [values[self.basis.index(c)] if c in self.basis else zero for c in self.variable_columns]
        total = sum(raw, zero)
        if not total > 0:
            raise SolverError("Lemke-Howson ended at the artificial equilibrium")  # pragma: no cover
        return np.array([v / total for v in raw], dtype=object if self.exact else np.float64)


class _ExactTableau(_Tableau):
    exact = True

    def __init__(self, matrix: Any, variable_columns: list[int], slack_columns: list[int]) -> None:
        super().__init__(matrix, variable_columns, slack_columns, object)
        self.det = 1

    def values(self) -> list[Any]:
        return [Fraction(int(v), self.det) for v in self.table[:, -1]]

    def leaving_row(self, column: int) -> int:
        table = self.table
        rows = [r for r in range(self.rows) if table[r, column] > 0]
        best = rows[0]
        for row in rows[1:]:
            for col in [table.shape[1] - 1, *self.slack_columns]:
                left, right = table[row, col] * table[best, column], table[best, col] * table[row, column]
                if left != right:
                    best = row if left < right else best
                    break
        return best

    def pivot(self, row: int, column: int) -> int:
        table = self.table
        pivot = table[row, column]
        new = (table * pivot - np.outer(table[:, column], table[row])) // self.det
        new[row] = table[row]
        self.table, self.det = new, pivot
        leaving = self.basis[row]
        self.basis[row] = column
        return leaving


class _FloatTableau(_Tableau):
    def __init__(self, matrix: Any, variable_columns: list[int], slack_columns: list[int]) -> None:
        super().__init__(np.asarray(matrix, dtype=np.float64), variable_columns, slack_columns, np.float64)

    def values(self) -> list[Any]:
        return [max(float(v), 0.0) for v in self.table[:, -1]]

    def leaving_row(self, column: int) -> int:
        table = self.table
        entries = table[:, column]
        rows = np.flatnonzero(entries > _FLOAT_TIE)
        for col in [table.shape[1] - 1, *self.slack_columns]:
            ratios = table[rows, col] / entries[rows]
            best = ratios.min()
            rows = rows[ratios <= best + _FLOAT_TIE * max(1.0, abs(best))]
            if len(rows) == 1:
                break
        return int(rows[0])

    def pivot(self, row: int, column: int) -> int:
        table = self.table
        pivot_row = table[row] / table[row, column]
        table -= np.outer(table[:, column], pivot_row)
        table[row] = pivot_row
        leaving = self.basis[row]
        self.basis[row] = column
        return leaving


def _path(p: _Tableau, q: _Tableau, label: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Follow the complementary path from (0, 0) that drops ``label``; return (x, y)."""
    tableaux = (p, q)
    # Row labels are nonbasic in P at the start, column labels in Q.
    side = 0 if label < m else 1
    entering = label
    limit = 10_000 * (p.rows + q.rows) ** 2
    for _ in range(limit):
        check_time()  # a caller's deadline (find_equilibrium's time_limit) is honoured between pivots
        tableau = tableaux[side]
        leaving = tableau.pivot(tableau.leaving_row(entering), entering)
        if leaving == label:
            return p.strategy(), q.strategy()
        entering, side = leaving, 1 - side
    raise SolverError("Lemke-Howson did not terminate")  # pragma: no cover - lexicographic rule prevents cycling


def _positive_integers(payoffs: np.ndarray) -> np.ndarray:
    """A positive integer matrix with the same best responses: scale to integers, shift to >= 1."""
    scale = lcm(*(Fraction(v).denominator for v in payoffs.flat))
    integers = np.array([int(Fraction(v) * scale) for v in payoffs.flat], dtype=object).reshape(payoffs.shape)
    return integers - min(integers.flat) + 1


def _scaled(payoffs: np.ndarray) -> np.ndarray:
    """Positive affine image with entries in [1, 2] (all ones for a constant matrix)."""
    low, high = float(payoffs.min()), float(payoffs.max())
    return np.ones_like(payoffs) if not high > low else 1.0 + (payoffs - low) / (high - low)
