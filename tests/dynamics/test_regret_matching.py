"""Tests of regret matching, including the column-player matrix that nashpy gets wrong (issue #238)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.dynamics.regret_matching import regret_matching
from gametheory.exceptions import InvalidGameError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.verify import regret

F = Fraction
# Zero-sum with a non-symmetric matrix (A != A.T), so using B instead of B.T for the column player
# changes the answer. Unique equilibrium ((3/7, 4/7), (2/7, 5/7)).
A = np.array([[3.0, -1.0], [-2.0, 1.0]])
GAME = NormalFormGame.zero_sum([[3, -1], [-2, 1]])
EQUILIBRIUM = [[F(3, 7), F(4, 7)], [F(2, 7), F(5, 7)]]


def converges_to(profile: tuple[np.ndarray, ...], equilibrium: list[list[Fraction]], tol: float = 0.02) -> bool:
    return all(
        np.max(np.abs(np.asarray(p, dtype=float) - np.array(e, dtype=float))) < tol
        for p, e in zip(profile, equilibrium, strict=True)
    )


def averaged_regret_matching(
    a: np.ndarray, b: np.ndarray, column_values: Callable[[np.ndarray, np.ndarray], np.ndarray], steps: int
) -> tuple[np.ndarray, np.ndarray]:
    """A minimal regret-matching loop with a pluggable column-payoff rule, to show the test's power."""
    x, y = np.full(a.shape[0], 1 / a.shape[0]), np.full(a.shape[1], 1 / a.shape[1])
    rx, ry, sx, sy = np.zeros_like(x), np.zeros_like(y), np.zeros_like(x), np.zeros_like(y)
    for _ in range(steps):
        ux, uy = a @ y, column_values(b, x)
        sx, sy = sx + x, sy + y
        rx, ry = rx + ux - ux @ x, ry + uy - uy @ y
        x = np.maximum(rx, 0) / np.maximum(rx, 0).sum() if (rx > 0).any() else x
        y = np.maximum(ry, 0) / np.maximum(ry, 0).sum() if (ry > 0).any() else y
    return sx / steps, sy / steps


def test_average_strategies_converge_to_the_unique_equilibrium() -> None:
    run = regret_matching(GAME, iterations=4000)
    assert converges_to(run.final(), EQUILIBRIUM)


def test_the_convergence_check_catches_nashpys_column_matrix() -> None:
    # Correct column payoffs are x @ B; nashpy's regret_minimization uses B @ x.
    right = averaged_regret_matching(A, -A, lambda b, x: x @ b, 4000)
    wrong = averaged_regret_matching(A, -A, lambda b, x: b @ x, 4000)
    assert converges_to(right, EQUILIBRIUM)
    assert not converges_to(wrong, EQUILIBRIUM)


def test_nashpy_regret_minimization_misses_the_equilibrium() -> None:
    nashpy = pytest.importorskip("nashpy")
    (result,) = list(nashpy.Game(A, -A).regret_minimization(iterations=4000))
    if converges_to(tuple(np.asarray(r) for r in result), EQUILIBRIUM):
        pytest.skip("nashpy's regret_minimization now finds the equilibrium: issue #238 looks fixed")
    ours = regret_matching(GAME, iterations=4000)
    assert converges_to(ours.final(), EQUILIBRIUM)


def test_rectangular_games_work() -> None:
    # nashpy's B @ x fails outright on rectangular games; ours runs and converges.
    game = NormalFormGame.zero_sum([[2, -1, 0], [-1, 1, 3]])
    run = regret_matching(game, iterations=4000)
    assert float(sum(regret(game, run.final()))) < 0.05


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(2, 3), columns=st.integers(2, 3))
def test_exploitability_obeys_the_regret_bound(seed: int, rows: int, columns: int) -> None:
    payoffs = np.random.default_rng(seed).integers(-5, 6, (rows, columns))
    game = NormalFormGame.zero_sum(payoffs)
    steps = 1500
    run = regret_matching(game, iterations=steps)
    # Regret matching's average regret is at most (payoff range) * sqrt(actions / T) per player,
    # and in a zero-sum game the averages' total regret is the sum of the two players' average regrets.
    spread = float(payoffs.max() - payoffs.min())
    bound = 2 * spread * np.sqrt(max(rows, columns) / steps)
    assert float(sum(regret(game, run.final()))) <= bound + 1e-9


def test_record_layout() -> None:
    run = regret_matching(GAME, iterations=3, initial=[[1, 0], [0, 1]])
    assert run.times.tolist() == [0, 1, 2, 3]
    assert run.profiles[0][0].tolist() == [1.0, 0.0]
    assert run.profiles[0][1].tolist() == [1.0, 0.0]  # the average of the first mix
    assert run.plays is None
    assert run.method == "regret matching"


def test_zero_iterations() -> None:
    with pytest.raises(InvalidGameError, match="iterations"):
        regret_matching(GAME, iterations=0)


def test_three_player_game() -> None:
    with pytest.raises(UnsupportedGameError, match="two-player"):
        regret_matching(NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int)), iterations=3)
