"""Plots of a two-player game itself: best-response diagram and payoff matrix."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.formatting import format_number
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.plot._axes import label_axes, literal_text, new_axes, probability_square
from gametheory.solvers.guards import require_two_players

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_best_responses", "plot_payoff_matrix"]

#: Fill colour of the cells that are pure equilibria.
EQUILIBRIUM_COLOR = "#ffd966"
#: Text colour of a payoff that is a best response.
BEST_RESPONSE_COLOR = "#c00000"


@literal_text
def plot_best_responses(game: NormalFormGame, *, ax: Axes | None = None) -> Axes:
    """Draw both players' best-response correspondences of a 2x2 game, equilibria marked.

    The horizontal axis is the probability that the row player plays its
    first strategy, the vertical axis the probability that the column player
    plays its first strategy. Equilibria (from ``nash_equilibria``) are where
    the two correspondences meet; a player who is indifferent whatever the
    other does has the whole square as best response (shaded).

    Parameters
    ----------
    game : NormalFormGame
        A numeric 2x2 game.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnsupportedGameError
        If the game is not a numeric 2x2 game.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> pennies = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> ax = plot_best_responses(pennies)
    >>> ax.get_lines()[0].get_xydata().tolist()
    [[0.0, 0.0], [0.0, 0.5], [1.0, 0.5], [1.0, 1.0]]
    """
    from matplotlib.patches import Rectangle

    from gametheory.solvers.enumeration import nash_equilibria

    require_two_players(game, "plot_best_responses")
    if game.shape != (2, 2):
        raise UnsupportedGameError(f"plot_best_responses draws 2x2 games; this game is {game.shape[0]}x{game.shape[1]}")
    payoffs = game.payoffs if game.is_exact else game.float_payoffs()
    a, b = payoffs[..., 0], payoffs[..., 1]
    ax = new_axes(ax)
    row, column = game.players
    # Row: gain of its first strategy over its second when the column player plays its first with prob. q.
    row_ends = (a[0, 1] - a[1, 1], a[0, 0] - a[1, 0])
    column_ends = (b[1, 0] - b[1, 1], b[0, 0] - b[0, 1])
    for who, ends, color, transpose in ((row, row_ends, "tab:blue", False), (column, column_ends, "tab:red", True)):
        label = f"{who}'s best response"
        path = _correspondence(*ends)
        if path is None:
            ax.add_patch(Rectangle((0, 0), 1, 1, color=color, alpha=0.2, label=label))
            continue
        coordinates = [(other, own) if transpose else (own, other) for own, other in path]
        xs, ys = zip(*coordinates, strict=True)
        ax.plot(xs, ys, color=color, linewidth=2.5, alpha=0.8, label=label)
    points = [(float(eq.as_float()[0][0]), float(eq.as_float()[1][0])) for eq in nash_equilibria(game)]
    if points:
        xs, ys = zip(*points, strict=True)
        ax.scatter(xs, ys, s=80, color="k", zorder=3, label="Nash equilibria")
    ax.set_aspect("equal")
    probability_square(ax, game.players, game.strategies, margin=0.05)
    return label_axes(ax)


def _correspondence(at_zero: Any, at_one: Any) -> list[tuple[float, float]] | None:
    """Vertices ``(own probability, other's probability)`` of a 2x2 best-response correspondence.

    ``at_zero`` and ``at_one`` are the gain of the player's first strategy
    when the other plays its first strategy with probability 0 and 1; the
    gain is linear in between. ``None`` means indifferent everywhere.
    """
    if at_zero == 0 and at_one == 0:
        return None
    if (at_zero > 0 and at_one > 0) or (at_zero < 0 and at_one < 0):
        own = 1.0 if at_zero > 0 else 0.0
        return [(own, 0.0), (own, 1.0)]
    switch = at_zero / (at_zero - at_one)
    switch = float(Fraction(switch)) if isinstance(switch, Fraction) else float(switch)
    before = 1.0 if at_zero > 0 else 0.0 if at_zero < 0 else None
    after = 1.0 if at_one > 0 else 0.0 if at_one < 0 else None
    before = 1.0 - after if before is None else before  # type: ignore[operator]
    after = 1.0 - before if after is None else after
    return [(before, 0.0), (before, switch), (after, switch), (after, 1.0)]


@literal_text
def plot_payoff_matrix(game: NormalFormGame, *, ax: Axes | None = None) -> Axes:
    """Draw a two-player game's payoff table with best responses and equilibria highlighted.

    Each cell shows ``row payoff, column payoff``. A payoff that is a best
    response (the row player's best in its column, the column player's best
    in its row) is bold and red; cells that are pure equilibria are filled.
    Mixed equilibria are listed under the table.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> ax = plot_payoff_matrix(dilemma)
    >>> [p.get_gid() for p in ax.patches if p.get_gid()]
    ['equilibrium s2/s2']
    """
    from matplotlib.patches import Rectangle

    from gametheory.solvers.enumeration import nash_equilibria

    require_two_players(game, "plot_payoff_matrix")
    payoffs = game.payoffs if game.is_exact else game.float_payoffs()
    a, b = payoffs[..., 0], payoffs[..., 1]
    # Float games: each player's best responses on that player's own scale, as pure_equilibria decides them.
    compared = payoffs if game.is_exact else _tolerance.normalised(payoffs)
    slack: tuple[Any, ...] = (0, 0) if game.is_exact else tuple(_tolerance.slacks(payoffs))
    row_values, column_values = compared[..., 0], compared[..., 1]
    row_best = np.asarray(row_values >= row_values.max(axis=0, keepdims=True) - slack[0], dtype=bool)
    column_best = np.asarray(column_values >= column_values.max(axis=1, keepdims=True) - slack[1], dtype=bool)
    equilibria = nash_equilibria(game)
    m, n = game.shape
    ax = new_axes(ax)
    rows, columns = game.strategies
    for i in range(m):
        for j in range(n):
            pure = bool(row_best[i, j] and column_best[i, j])
            cell = Rectangle((j, i), 1, 1, facecolor=EQUILIBRIUM_COLOR if pure else "white", edgecolor="k", linewidth=1)
            if pure:
                cell.set_gid(f"equilibrium {rows[i]}/{columns[j]}")
            ax.add_patch(cell)
            for offset, value, best in ((-0.12, a[i, j], row_best[i, j]), (0.12, b[i, j], column_best[i, j])):
                ax.text(
                    j + 0.5 + offset,
                    i + 0.5,
                    format_number(value) + ("," if offset < 0 else ""),
                    ha="right" if offset < 0 else "left",
                    va="center",
                    fontweight="bold" if best else "normal",
                    color=BEST_RESPONSE_COLOR if best else "black",
                )
    ax.set_xlim(0, n)
    ax.set_ylim(m, 0)
    ax.set_xticks(np.arange(n) + 0.5, columns)
    ax.set_yticks(np.arange(m) + 0.5, rows)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set_xlabel(game.players[1])
    ax.set_ylabel(game.players[0])
    ax.tick_params(length=0)
    mixed = [str(eq) for eq in equilibria if not eq.is_pure]
    if mixed:
        ax.annotate(
            "Mixed equilibria:\n" + "\n".join(mixed),
            xy=(0, -0.04),
            xycoords="axes fraction",
            va="top",
            fontsize="small",
        )
    return ax
