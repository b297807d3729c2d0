"""Plots of a repeated match's history (matplotlib is imported only here)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from gametheory.plot._axes import label_axes, literal_text, new_axes, require_result
from gametheory.repeated.match import Match

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_match", "plot_match_payoffs"]


@literal_text
def plot_match(match: Match, *, ax: Axes | None = None) -> Axes:
    """Draw the actions both players played in every round, with the errors marked.

    Each player gets a band with two levels, cooperate (lower) and defect
    (upper): the row player's band sits above the column player's. The y
    ticks name the actions in the player's colour, and each player's name
    and strategy sit on a second axis at the right of their band, so long
    labels are neither clipped nor crowded into a legend. Rounds where noise
    flipped an intended action are marked with a cross, explained by a small
    legend above the traces. A figure made here uses constrained layout.

    Parameters
    ----------
    match : Match
        A result of :func:`gametheory.repeated.play_match`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure (not pyplot) is made when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from gametheory.repeated import PrisonersDilemma, TitForTat, play_match
    >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    >>> match = play_match(game, TitForTat(), TitForTat(), rounds=8, forced_errors=[(3, 0)])
    >>> ax = plot_match(match)
    >>> ax.lines[0].get_ydata().tolist()
    [1.5, 1.5, 1.5, 2.5, 1.5, 2.5, 1.5, 2.5]
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Cooperate', 'Defect', 'Cooperate', 'Defect']
    """
    require_result(match, Match, "plot_match")
    ax = new_axes(ax, layout="constrained", figsize=(7.0, 4.0))
    from matplotlib.ticker import MaxNLocator

    rounds = np.arange(1, match.rounds + 1)
    offsets = (1.5, 0.0)
    ticks: list[float] = []
    labels: list[str] = []
    colours: list[Any] = []
    for player in (0, 1):
        levels = offsets[player] + match.played[:, player].astype(np.float64)
        (line,) = ax.plot(
            rounds,
            levels,
            drawstyle="steps-mid",
            marker=".",
            label=f"{match.players[player]} ({match.names[player]})",
        )
        for action in (0, 1):
            ticks.append(offsets[player] + action)
            labels.append(match.game.strategies[player][action])
            colours.append(line.get_color())
    flipped_rounds, flipped_players = np.nonzero(match.errors)
    if len(flipped_rounds):
        ys = np.array([offsets[p] for p in flipped_players]) + match.played[flipped_rounds, flipped_players]
        ax.scatter(flipped_rounds + 1, ys, marker="x", s=80, color="red", zorder=3, label="implementation error")
    ax.set_yticks(ticks, labels)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for tick_label, colour in zip(ax.get_yticklabels(), colours, strict=True):
        tick_label.set_color(colour)
    # Headroom above the upper band keeps the legend clear of the traces.
    ax.set_ylim(-0.5, 3.6)
    names = ax.secondary_yaxis("right")
    bands = [f"{match.players[p]}\n({match.names[p]})" for p in (0, 1)]
    names.set_yticks([offsets[0] + 0.5, offsets[1] + 0.5], bands)
    names.tick_params(length=0)
    for name_label, colour in zip(names.get_yticklabels(), colours[::2], strict=True):
        name_label.set_color(colour)
    label_axes(ax, xlabel="Round", title=f"{match.names[0]} vs {match.names[1]}", legend=None)
    if len(flipped_rounds):
        # Only the error marker needs a key; the bands are named on the right-hand axis.
        ax.legend(handles=ax.collections[-1:], loc="upper center", fontsize="small", frameon=False)
    return ax


@literal_text
def plot_match_payoffs(match: Match, *, ax: Axes | None = None) -> Axes:
    """Draw each player's cumulative payoff over the rounds, with error rounds marked.

    Parameters
    ----------
    match : Match
        A result of :func:`gametheory.repeated.play_match`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from gametheory.repeated import AlwaysDefect, PrisonersDilemma, TitForTat, play_match
    >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    >>> ax = plot_match_payoffs(play_match(game, TitForTat(), AlwaysDefect(), rounds=3))
    >>> ax.lines[1].get_ydata().tolist()
    [5.0, 6.0, 7.0]
    """
    require_result(match, Match, "plot_match_payoffs")
    ax = new_axes(ax)
    rounds = np.arange(1, match.rounds + 1)
    cumulative = np.cumsum(match.payoffs.astype(np.float64), axis=0)
    for player in (0, 1):
        ax.plot(rounds, cumulative[:, player], label=f"{match.players[player]} ({match.names[player]})")
    error_rounds = np.flatnonzero(match.errors.any(axis=1)) + 1
    for i, round_ in enumerate(error_rounds):
        ax.axvline(float(round_), color="gray", linestyle=":", label="implementation error" if i == 0 else None)
    title = f"{match.names[0]} vs {match.names[1]}"
    return label_axes(ax, xlabel="Round", ylabel="Cumulative payoff", title=title, legend="upper left")
