"""Tests of the trajectory plots: render with Agg and check what is drawn."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from matplotlib.figure import Figure

from gametheory.dynamics.fictitious_play import fictitious_play
from gametheory.dynamics.replicator import replicator_dynamics
from gametheory.exceptions import InvalidArgumentError, InvalidProfileError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.plot.dynamics import plot_phase, plot_trajectory
from tests.support import render_png

F = Fraction
GAME = NormalFormGame.zero_sum(
    [[3, -1], [-2, 1]], players=("US", "Militia"), strategies=(("Strike", "Restrain"), ("Attack", "Hold"))
)
EQ = [[F(3, 7), F(4, 7)], [F(2, 7), F(5, 7)]]


def test_trajectory_plot_draws_every_probability() -> None:
    run = fictitious_play(GAME, iterations=30, rng=0)
    ax = plot_trajectory(run, equilibrium=EQ)
    assert render_png(ax).startswith(b"\x89PNG")
    labels = [line.get_label() for line in ax.lines[:4]]
    assert labels == ["US: Strike", "US: Restrain", "Militia: Attack", "Militia: Hold"]
    assert np.array_equal(ax.lines[0].get_ydata(), run.profiles[0][:, 0])
    assert np.array_equal(ax.lines[3].get_xdata(), run.times)
    references = [line.get_ydata()[0] for line in ax.lines[4:]]
    assert references == pytest.approx([3 / 7, 4 / 7, 2 / 7, 5 / 7])
    assert ax.get_xlabel() == "Iteration"
    assert ax.get_title() == "Fictitious play"


def test_replicator_trajectory_is_plotted_against_time() -> None:
    run = replicator_dynamics(GAME, times=np.linspace(0, 1, 11))
    ax = plot_trajectory(run)
    assert ax.get_xlabel() == "Time"
    assert len(ax.lines) == 4


def test_phase_plot() -> None:
    run = replicator_dynamics(GAME, initial=[[0.5, 0.5], [0.5, 0.5]], times=np.linspace(0, 5, 51))
    ax = plot_phase(run, equilibrium=EQ)
    render_png(ax)
    path, start, _end, star = ax.lines
    assert np.array_equal(path.get_xdata(), run.profiles[0][:, 0])
    assert np.array_equal(path.get_ydata(), run.profiles[1][:, 0])
    assert (start.get_xdata()[0], start.get_ydata()[0]) == (0.5, 0.5)
    assert star.get_xdata()[0] == pytest.approx(3 / 7)
    assert star.get_ydata()[0] == pytest.approx(2 / 7)
    assert [line.get_label() for line in ax.lines] == ["replicator dynamics", "start", "end", "equilibrium"]
    assert ax.get_xlabel() == "P(US plays Strike)"
    assert ax.get_ylabel() == "P(Militia plays Attack)"


def test_given_axes_are_used() -> None:
    ax = Figure().add_subplot()
    assert plot_trajectory(fictitious_play(GAME, iterations=3, rng=0), ax=ax) is ax


def test_phase_plot_needs_two_strategies_each() -> None:
    rps = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    with pytest.raises(UnsupportedGameError, match="two strategies"):
        plot_phase(fictitious_play(rps, iterations=3, rng=0))


def test_equilibrium_of_the_wrong_size() -> None:
    with pytest.raises(InvalidProfileError, match="does not fit"):
        plot_trajectory(fictitious_play(GAME, iterations=3, rng=0), equilibrium=[[1, 0, 0], [1, 0]])


def test_trajectory_plot_needs_a_trajectory() -> None:
    with pytest.raises(InvalidArgumentError, match="plot_trajectory needs a Trajectory result, not list"):
        plot_trajectory([[0.5, 0.5], [0.5, 0.5]])  # type: ignore[arg-type]


def test_phase_plot_needs_a_trajectory() -> None:
    with pytest.raises(InvalidArgumentError, match="plot_phase needs a Trajectory result, not NormalFormGame"):
        plot_phase(GAME)  # type: ignore[arg-type]
