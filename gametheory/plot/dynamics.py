"""Plots of learning-dynamics trajectories (matplotlib is imported only here)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from gametheory.dynamics.trajectory import Trajectory
from gametheory.exceptions import InvalidProfileError, UnsupportedGameError
from gametheory.plot._axes import label_axes, literal_text, new_axes, probability_square, require_result

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_phase", "plot_trajectory"]


@literal_text
def plot_trajectory(trajectory: Trajectory, *, ax: Axes | None = None, equilibrium: Any = None) -> Axes:
    """Draw every strategy's probability over time, one line per player and strategy.

    Parameters
    ----------
    trajectory : Trajectory
        A result of a :mod:`gametheory.dynamics` function.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure (not pyplot) is made when omitted.
    equilibrium : profile or Equilibrium, optional
        Drawn as dashed horizontal reference lines, one per probability.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from gametheory.dynamics import fictitious_play
    >>> run = fictitious_play(NormalFormGame.zero_sum([[1, -1], [-1, 1]]), iterations=50, rng=0)
    >>> ax = plot_trajectory(run, equilibrium=[[0.5, 0.5], [0.5, 0.5]])
    >>> [line.get_label() for line in ax.lines][:2]
    ['Player 1: s1', 'Player 1: s2']
    """
    require_result(trajectory, Trajectory, "plot_trajectory")
    ax = new_axes(ax)
    reference = _reference(trajectory, equilibrium)
    colors = []
    for player, path in enumerate(trajectory.profiles):
        for s in range(path.shape[1]):
            label = f"{trajectory.players[player]}: {trajectory.strategies[player][s]}"
            (line,) = ax.plot(trajectory.times, path[:, s], label=label)
            colors.append((player, s, line.get_color()))
    # Reference lines come after the data lines, so ax.lines lists the data first.
    if reference is not None:
        for player, s, color in colors:
            ax.axhline(reference[player][s], color=color, linestyle="--", linewidth=0.8)
    continuous = trajectory.plays is None and "replicator" in trajectory.method
    ax.set_ylim(-0.02, 1.02)
    return label_axes(
        ax, xlabel="Time" if continuous else "Iteration", ylabel="Probability", title=trajectory.method.capitalize()
    )


@literal_text
def plot_phase(trajectory: Trajectory, *, ax: Axes | None = None, equilibrium: Any = None) -> Axes:
    """Draw a 2x2 game's trajectory in the unit square of first-strategy probabilities.

    The horizontal axis is the row player's probability of its first
    strategy, the vertical axis the column player's. The start, the end
    and, when given, an equilibrium are marked.

    Parameters
    ----------
    trajectory : Trajectory
        A trajectory of a game in which both players have two strategies.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.
    equilibrium : profile or Equilibrium, optional
        Marked with a star.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from gametheory.dynamics import replicator_dynamics
    >>> game = NormalFormGame.zero_sum([[3, -1], [-2, 1]])
    >>> ax = plot_phase(replicator_dynamics(game, initial=[[0.5, 0.5], [0.5, 0.5]], times=[0, 1, 2]))
    >>> ax.get_xlabel()
    'P(Player 1 plays s1)'
    """
    require_result(trajectory, Trajectory, "plot_phase")
    if any(path.shape[1] != 2 for path in trajectory.profiles):
        raise UnsupportedGameError("a phase plot needs a game in which both players have exactly two strategies")
    ax = new_axes(ax)
    x, y = trajectory.profiles[0][:, 0], trajectory.profiles[1][:, 0]
    ax.plot(x, y, label=trajectory.method)
    ax.plot([x[0]], [y[0]], marker="o", linestyle="none", color="black", label="start")
    ax.plot([x[-1]], [y[-1]], marker="s", linestyle="none", color="gray", label="end")
    reference = _reference(trajectory, equilibrium)
    if reference is not None:
        ax.plot(
            [reference[0][0]],
            [reference[1][0]],
            marker="*",
            markersize=14,
            linestyle="none",
            color="red",
            label="equilibrium",
        )
    probability_square(ax, trajectory.players, trajectory.strategies, margin=0.02)
    return label_axes(ax, title=trajectory.method.capitalize())


def _reference(trajectory: Trajectory, equilibrium: Any) -> list[np.ndarray] | None:
    if equilibrium is None:
        return None
    profile = getattr(equilibrium, "profile", equilibrium)
    if len(profile) != len(trajectory.profiles):
        raise InvalidProfileError(f"equilibrium needs {len(trajectory.profiles)} strategies, got {len(profile)}")
    out = []
    for vector, path in zip(profile, trajectory.profiles, strict=True):
        array = np.array([float(v) for v in vector], dtype=np.float64)
        if array.shape != path.shape[1:]:
            raise InvalidProfileError(
                f"equilibrium strategy of length {array.shape[0]} does not fit {path.shape[1]} actions"
            )
        out.append(array)
    return out
