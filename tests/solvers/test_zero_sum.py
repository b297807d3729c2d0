"""Tests for solve_zero_sum: hand-solved games, LP duality, invariances, and agreement with enumeration."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.verify import is_nash
from gametheory.solvers.zero_sum import solve_zero_sum

F = Fraction


@st.composite
def integer_matrices(draw: st.DrawFn) -> np.ndarray:
    m = draw(st.integers(1, 4))
    n = draw(st.integers(1, 4))
    return draw(arrays(np.int64, (m, n), elements=st.integers(-6, 6)))


def _exact_guarantees(a: np.ndarray, row: np.ndarray, column: np.ndarray) -> tuple[Fraction, Fraction]:
    m, n = a.shape
    q = [[F(a[i, j]) if isinstance(a[i, j], Fraction) else F(int(a[i, j])) for j in range(n)] for i in range(m)]
    guarantee = min(sum((row[i] * q[i][j] for i in range(m)), F(0)) for j in range(n))
    concession = max(sum((q[i][j] * column[j] for j in range(n)), F(0)) for i in range(m))
    return guarantee, concession


def test_matching_pennies_by_hand() -> None:
    solution = solve_zero_sum(NormalFormGame.zero_sum([[1, -1], [-1, 1]]))
    assert solution.value == 0
    assert solution.row_strategy.tolist() == [F(1, 2), F(1, 2)]
    assert solution.column_strategy.tolist() == [F(1, 2), F(1, 2)]
    with pytest.warns(DeprecationWarning, match="always True"):
        assert solution.success
    assert solution.tolerance is None


def test_rock_paper_scissors_by_hand() -> None:
    solution = solve_zero_sum(NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]))
    assert solution.value == 0
    assert solution.row_strategy.tolist() == [F(1, 3)] * 3
    assert solution.column_strategy.tolist() == [F(1, 3)] * 3


def test_two_by_two_formula() -> None:
    # Without a saddle point, value = (ad - bc) / (a + d - b - c), p = (d - c) / (a + d - b - c).
    a, b, c, d = 2, -1, -1, 1
    solution = solve_zero_sum(NormalFormGame.zero_sum([[a, b], [c, d]]))
    denominator = a + d - b - c
    assert solution.value == F(a * d - b * c, denominator)
    assert solution.row_strategy.tolist() == [F(d - c, denominator), F(a - b, denominator)]
    assert solution.column_strategy.tolist() == [F(d - b, denominator), F(a - c, denominator)]


def test_saddle_point() -> None:
    # Row 2's worst case (2) equals column 2's best case for the row player (2).
    solution = solve_zero_sum(NormalFormGame.zero_sum([[3, 1], [4, 2]]))
    assert solution.value == 2
    assert solution.row_strategy.tolist() == [0, 1]
    assert solution.column_strategy.tolist() == [0, 1]


def test_single_cell_game() -> None:
    solution = solve_zero_sum(NormalFormGame.zero_sum([[F(-7, 3)]]))
    assert solution.value == F(-7, 3)


def test_equilibrium_field_and_str() -> None:
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]], players=("US", "Militia"))
    solution = solve_zero_sum(game)
    assert is_nash(game, solution.equilibrium)
    assert solution.equilibrium.payoffs.tolist() == [0, 0]
    assert "US: s1 1/2, s2 1/2" in str(solution)


@settings(max_examples=60, deadline=None)
@given(integer_matrices())
def test_exact_lp_duality(a: np.ndarray) -> None:
    game = NormalFormGame.zero_sum(a)
    solution = solve_zero_sum(game)
    row, column = solution.row_strategy, solution.column_strategy
    assert all(isinstance(p, Fraction) and p >= 0 for p in [*row, *column])
    assert sum(row) == 1
    assert sum(column) == 1
    guarantee, concession = _exact_guarantees(a, row, column)
    assert guarantee == solution.value
    assert concession == solution.value
    assert game.expected_payoffs([row, column])[0] == solution.value
    assert is_nash(game, [row, column])


@settings(max_examples=40, deadline=None)
@given(integer_matrices(), st.fractions(min_value=F(1, 5), max_value=5), st.fractions(-5, 5))
def test_value_moves_with_positive_affine_transform(a: np.ndarray, scale: Fraction, shift: Fraction) -> None:
    base = solve_zero_sum(NormalFormGame.zero_sum(a))
    scaled = np.array([[scale * int(x) + shift for x in row] for row in a], dtype=object)
    moved = solve_zero_sum(NormalFormGame.zero_sum(scaled))
    assert moved.value == scale * base.value + shift
    # The old optimal strategies stay optimal in the transformed game.
    guarantee, concession = _exact_guarantees(scaled, base.row_strategy, base.column_strategy)
    assert guarantee == moved.value == concession


@settings(max_examples=40, deadline=None)
@given(integer_matrices(), st.data())
def test_value_invariant_under_relabelling(a: np.ndarray, data: st.DataObject) -> None:
    rows = np.array(data.draw(st.permutations(range(a.shape[0]))), dtype=int)
    columns = np.array(data.draw(st.permutations(range(a.shape[1]))), dtype=int)
    base = solve_zero_sum(NormalFormGame.zero_sum(a))
    permuted = solve_zero_sum(NormalFormGame.zero_sum(a[np.ix_(rows, columns)]))
    assert permuted.value == base.value
    # The permuted game's optimal strategies, mapped back, are optimal in the original game.
    row_back = np.empty(len(rows), dtype=object)
    row_back[rows] = permuted.row_strategy
    column_back = np.empty(len(columns), dtype=object)
    column_back[columns] = permuted.column_strategy
    guarantee, concession = _exact_guarantees(a, row_back, column_back)
    assert guarantee == base.value == concession


@settings(max_examples=40, deadline=None)
@given(integer_matrices())
def test_float_game_matches_exact_within_tolerance(a: np.ndarray) -> None:
    exact = solve_zero_sum(NormalFormGame.zero_sum(a))
    floating = solve_zero_sum(NormalFormGame.zero_sum(a.astype(np.float64) / 3.0))
    assert floating.tolerance is not None
    assert floating.row_strategy.dtype == np.float64
    assert abs(floating.value - float(exact.value) / 3.0) <= 10 * floating.tolerance
    a_float = a.astype(np.float64) / 3.0
    assert np.min(floating.row_strategy @ a_float) >= floating.value - floating.tolerance
    assert np.max(a_float @ floating.column_strategy) <= floating.value + floating.tolerance


@settings(max_examples=30, deadline=None)
@given(integer_matrices())
def test_value_equals_every_equilibrium_payoff(a: np.ndarray) -> None:
    enumeration = pytest.importorskip("gametheory.solvers.enumeration")
    game = NormalFormGame.zero_sum(a)
    value = solve_zero_sum(game).value
    equilibria = enumeration.nash_equilibria(game)
    assert equilibria
    assert all(eq.payoffs[0] == value for eq in equilibria)


def test_rejects_non_zero_sum_exact_game() -> None:
    game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(UnsupportedGameError, match="not exactly -A"):
        solve_zero_sum(game)


def test_rejects_non_zero_sum_float_game() -> None:
    game = NormalFormGame.from_bimatrix([[1.0, 0.0]], [[-1.0, 0.1]])
    with pytest.raises(UnsupportedGameError, match="zero-sum"):
        solve_zero_sum(game)


def test_accepts_float_game_within_tolerance() -> None:
    game = NormalFormGame.from_bimatrix([[1.0, -1.0], [-1.0, 1.0]], [[-1.0 + 1e-13, 1.0], [1.0, -1.0]])
    assert abs(solve_zero_sum(game).value) < 1e-9


def test_rejects_three_players() -> None:
    with pytest.raises(UnsupportedGameError, match="two-player"):
        solve_zero_sum(NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int)))


def test_rejects_parametric_game() -> None:
    with pytest.raises(ParameterError):
        solve_zero_sum(NormalFormGame.zero_sum([["R", 0], [0, 1]]))


def test_rejects_non_game() -> None:
    with pytest.raises(UnsupportedGameError):
        solve_zero_sum([[1, -1], [-1, 1]])  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(0, 4), st.integers(0, 2), st.integers(0, 2**32 - 1))
@example(n=3, m_ub=4, m_eq=0, seed=140422806)
def test_exact_simplex_agrees_with_highs(n: int, m_ub: int, m_eq: int, seed: int) -> None:
    # The private exact LP used above: status and optimal value match scipy's HiGHS on random LPs.
    from scipy.optimize import linprog

    from gametheory._internal.exact_lp import LPStatus, maximize

    rng = np.random.default_rng(seed)
    a_ub, b_ub = rng.integers(-5, 6, (m_ub, n)), rng.integers(-3, 8, m_ub)
    a_eq, b_eq = rng.integers(-5, 6, (m_eq, n)), rng.integers(-3, 8, m_eq)
    c = rng.integers(-5, 6, n)

    def q(x: np.ndarray) -> list:
        return [[F(int(v)) for v in row] for row in x] if x.ndim == 2 else [F(int(v)) for v in x]

    ours = maximize(q(c), q(a_ub), q(b_ub), q(a_eq), q(b_eq))
    reference = linprog(
        -c,
        A_ub=a_ub if m_ub else None,
        b_ub=b_ub if m_ub else None,
        A_eq=a_eq if m_eq else None,
        b_eq=b_eq if m_eq else None,
        method="highs",
    )
    expected = {0: LPStatus.OPTIMAL, 2: LPStatus.INFEASIBLE, 3: LPStatus.UNBOUNDED}[reference.status]
    if expected is LPStatus.INFEASIBLE:
        # HiGHS's presolve can call an unbounded LP infeasible (seed 140422806): ask it about feasibility alone.
        feasible = linprog(
            np.zeros(n),
            A_ub=a_ub if m_ub else None,
            b_ub=b_ub if m_ub else None,
            A_eq=a_eq if m_eq else None,
            b_eq=b_eq if m_eq else None,
            method="highs",
        )
        if feasible.status == 0:
            expected = LPStatus.UNBOUNDED
    assert ours.status is expected
    if expected is LPStatus.OPTIMAL:
        assert float(ours.value) == pytest.approx(-reference.fun, abs=1e-7)
        x = ours.x
        assert all(v >= 0 for v in x)
        assert all(
            sum(F(int(a)) * v for a, v in zip(row, x, strict=True)) <= b for row, b in zip(a_ub, b_ub, strict=True)
        )
        assert all(
            sum(F(int(a)) * v for a, v in zip(row, x, strict=True)) == b for row, b in zip(a_eq, b_eq, strict=True)
        )


# ---------------------------------------------------------------- payoff scale (issue 9)
_SEVENTHS = np.array([[3.0, -1.0], [-2.0, 1.0]])  # value 1/7; row (3/7, 4/7), column (2/7, 5/7)


@pytest.mark.parametrize("scale", [1e-300, 1e-200, 1e-20, 1e12, 1e200, 1e300])
def test_payoffs_far_from_one_are_solved_on_their_own_scale(scale: float) -> None:
    # Without pre-scaling, HiGHS rejected payoffs near 1e200 ("Model error") and dropped those
    # near 1e-20 as negligible, returning the pure pair (s2, s2).
    solution = solve_zero_sum(NormalFormGame.zero_sum(_SEVENTHS * scale))
    assert solution.row_strategy.tolist() == pytest.approx([3 / 7, 4 / 7], abs=1e-9)
    assert solution.column_strategy.tolist() == pytest.approx([2 / 7, 5 / 7], abs=1e-9)
    assert solution.value == pytest.approx(scale / 7, rel=1e-9)
    assert solution.tolerance is not None
    assert solution.tolerance <= 1e-8 * scale


def test_large_payoffs_still_print_the_strategies() -> None:
    # The old rule hid every probability at or below the payoff tolerance (here 3000).
    solution = solve_zero_sum(NormalFormGame.zero_sum(_SEVENTHS * 1e12))
    assert str(solution) == "value 1.42857e+11; Player 1: s1 0.428571, s2 0.571429; Player 2: s1 0.285714, s2 0.714286"


@settings(max_examples=50, deadline=None)
@given(integer_matrices(), st.sampled_from([2.0**20, 2.0**-20, 2.0**1000, 2.0**-1000, 1e6, 1e-6, 1e300, 1e-300]))
def test_scaling_the_payoffs_never_changes_the_optimal_strategies(a: np.ndarray, factor: float) -> None:
    floats = a.astype(np.float64)
    base = solve_zero_sum(NormalFormGame.zero_sum(floats))
    game = NormalFormGame.zero_sum(floats * factor)
    scaled = solve_zero_sum(game)
    exact_value = solve_zero_sum(NormalFormGame.zero_sum([[int(v) for v in row] for row in a])).value
    assert scaled.tolerance is not None
    assert abs(scaled.value - float(exact_value) * factor) <= scaled.tolerance
    if np.frexp(factor)[0] == 0.5:  # a power of two: the scaled LP is the same LP, bit for bit
        assert np.array_equal(scaled.row_strategy, base.row_strategy)
        assert np.array_equal(scaled.column_strategy, base.column_strategy)
    assert is_nash(game, scaled.equilibrium, tol=scaled.tolerance)
    row_guarantee, column_concession = _exact_guarantees(a, base.row_strategy, base.column_strategy)
    assert float(row_guarantee) == pytest.approx(float(exact_value), abs=1e-8)
    assert float(column_concession) == pytest.approx(float(exact_value), abs=1e-8)
