"""Tests of replicator dynamics: rest points, stability, the ODE itself, bad input."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.dynamics.replicator import replicator_dynamics, symmetric_replicator_dynamics
from gametheory.exceptions import InvalidGameError, InvalidProfileError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame

F = Fraction
COORDINATION = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])  # battle of the sexes
INSPECTION = NormalFormGame.zero_sum([[3, -1], [-2, 1]])


@pytest.mark.parametrize("row", [0, 1])
@pytest.mark.parametrize("column", [0, 1])
def test_pure_profiles_are_rest_points(row: int, column: int) -> None:
    start = [np.eye(2)[row], np.eye(2)[column]]
    run = replicator_dynamics(COORDINATION, initial=start)
    assert run.distance(start).max() < 1e-12


@pytest.mark.parametrize(
    ("game", "equilibrium"),
    [
        (INSPECTION, [[F(3, 7), F(4, 7)], [F(2, 7), F(5, 7)]]),
        # Battle of the sexes: row mixes (2/3, 1/3), column (1/3, 2/3).
        (COORDINATION, [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]]),
    ],
)
def test_interior_equilibrium_is_a_rest_point(game: NormalFormGame, equilibrium: list[list[Fraction]]) -> None:
    run = replicator_dynamics(game, initial=equilibrium, times=np.linspace(0, 20, 201))
    assert run.distance(equilibrium).max() < 1e-7


def test_strict_equilibrium_attracts_nearby_states() -> None:
    run = replicator_dynamics(COORDINATION, initial=[[0.8, 0.2], [0.7, 0.3]], times=np.linspace(0, 30, 301))
    assert run.distance([[1, 0], [1, 0]])[-1] < 1e-3


def test_zero_sum_orbits_keep_away_from_the_boundary() -> None:
    # Interior orbits of a 2x2 zero-sum game with an interior equilibrium are closed cycles.
    run = replicator_dynamics(INSPECTION, initial=[[0.5, 0.5], [0.5, 0.5]], times=np.linspace(0, 30, 3001))
    assert run.profiles[0].min() > 0.01
    assert run.distance([[F(3, 7), F(4, 7)], [F(2, 7), F(5, 7)]])[-1] > 0.01


def velocity(a: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    row_fitness, column_fitness = a @ y, x @ b
    return x * (row_fitness - x @ row_fitness), y * (column_fitness - y @ column_fitness)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(2, 3), columns=st.integers(2, 3))
def test_trajectory_solves_the_replicator_equation(seed: int, rows: int, columns: int) -> None:
    data = np.random.default_rng(seed)
    a, b = data.standard_normal((rows, columns)), data.standard_normal((rows, columns))
    start = [data.dirichlet(np.ones(rows)), data.dirichlet(np.ones(columns))]
    times = np.linspace(0, 2, 2001)
    run = replicator_dynamics(NormalFormGame.from_bimatrix(a, b), initial=start, times=times)
    x, y = run.profiles
    assert np.allclose(x.sum(axis=1), 1, atol=1e-7)
    assert np.allclose(y.sum(axis=1), 1, atol=1e-7)
    assert x.min() > -1e-9
    assert y.min() > -1e-9
    step = times[1] - times[0]
    for k in (100, 1000, 1900):
        dx, dy = velocity(a, b, x[k], y[k])
        assert np.allclose((x[k + 1] - x[k - 1]) / (2 * step), dx, atol=1e-4)
        assert np.allclose((y[k + 1] - y[k - 1]) / (2 * step), dy, atol=1e-4)


def test_symmetric_hawk_dove_converges_to_the_mixed_state() -> None:
    hawk_dove = NormalFormGame.from_bimatrix([[0, 3], [1, 2]], [[0, 1], [3, 2]])
    run = symmetric_replicator_dynamics(hawk_dove, initial=[0.95, 0.05], times=np.linspace(0, 30, 301))
    assert run.distance([[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]])[-1] < 1e-4
    assert np.array_equal(run.profiles[0], run.profiles[1])


def test_symmetric_dynamics_of_an_asymmetric_game() -> None:
    with pytest.raises(UnsupportedGameError, match="symmetric"):
        symmetric_replicator_dynamics(COORDINATION)


def test_decreasing_times() -> None:
    with pytest.raises(InvalidGameError, match="increasing"):
        replicator_dynamics(COORDINATION, times=[0, 2, 1])


def test_single_time_point() -> None:
    with pytest.raises(InvalidGameError, match="at least two"):
        replicator_dynamics(COORDINATION, times=[0])


def test_initial_state_that_is_not_a_distribution() -> None:
    with pytest.raises(InvalidProfileError, match="sum"):
        replicator_dynamics(COORDINATION, initial=[[0.5, 0.6], [0.5, 0.5]])


def test_three_player_game() -> None:
    with pytest.raises(UnsupportedGameError, match="two-player"):
        replicator_dynamics(NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int)))


def test_agrees_with_nashpys_integrators() -> None:
    nashpy_replicator = pytest.importorskip("nashpy.learning.replicator_dynamics")
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    game = NormalFormGame.from_bimatrix(a, b)
    grid = np.linspace(0, 5, 51)
    ours = replicator_dynamics(game, initial=[[0.2, 0.3, 0.5], [0.6, 0.4]], times=grid)
    xs, ys = nashpy_replicator.asymmetric_replicator_dynamics(
        a, b, x0=np.array([0.2, 0.3, 0.5]), y0=np.array([0.6, 0.4]), timepoints=grid
    )
    np.testing.assert_allclose(ours.profiles[0], xs, atol=1e-7)
    np.testing.assert_allclose(ours.profiles[1], ys, atol=1e-7)
    square = rng.normal(size=(3, 3))
    symmetric = NormalFormGame.from_bimatrix(square, square.T)
    run = symmetric_replicator_dynamics(symmetric, initial=[0.2, 0.3, 0.5], times=grid)
    reference = nashpy_replicator.replicator_dynamics(square, y0=np.array([0.2, 0.3, 0.5]), timepoints=grid)
    np.testing.assert_allclose(run.profiles[0], reference, atol=1e-7)
