"""Plots of sensitivity results: equilibrium paths, regime maps and tornado charts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from gametheory.exceptions import InvalidArgumentError
from gametheory.plot._axes import (
    legend_outside,
    literal_text,
    new_axes,
    parameter_label,
    require_result,
    root_figure,
    wrap_label,
)
from gametheory.plot._regime_map import boundary_polylines, draw_hatches, place_region_label, regime_style
from gametheory.plot._thresholds import threshold_levels, threshold_marks
from gametheory.sensitivity.regime_map import RegimeMap
from gametheory.sensitivity.selection import outcome_values
from gametheory.sensitivity.sweep import Sweep
from gametheory.sensitivity.tornado import Tornado

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_equilibrium_path", "plot_regime_map", "plot_tornado"]

#: Regions covering less of the map than this fraction are named in the legend only, not labelled in place.
SMALL_REGION = 0.01


@literal_text
def plot_equilibrium_path(
    result: Sweep,
    outcome: Any,
    *,
    thresholds: Iterable[Any] | None = None,
    ax: Axes | None = None,
    labels: Mapping[Any, str] | None = None,
    game: Any = None,
) -> Axes:
    """Plot an outcome of every equilibrium branch against the one swept parameter.

    Each branch is one line, with gaps where it is not an equilibrium (a
    branch holding at isolated points, such as a boundary, is drawn as dots).
    Dashed vertical lines mark the thresholds, each labelled with its value
    above the axes:
    ``R = 2`` when exact, ``R ≈ 0.875`` when only known to lie between two
    grid points. The legend sits to the right of the axes (the figure is
    widened to make room), so it covers no line.

    Parameters
    ----------
    result : Sweep
        A sweep over one parameter.
    outcome : Payoff, Probability or callable
        What to plot (see :mod:`gametheory.sensitivity.selection`).
    thresholds : iterable, optional
        Threshold values (numbers or ``Threshold`` records), taken as exact.
        Default: for a parametric game, the exact thresholds from
        :func:`~gametheory.sensitivity.thresholds.thresholds` inside the swept
        range; for a sweep solved point by point, where the regime changes:
        located by bisection on ``game`` when it is given, otherwise the
        midpoints between grid points, labelled approximate (``≈``).
        Pass ``()`` to draw none.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.
    labels : mapping, optional
        Descriptions of parameters, by name: ``{"R": "reputation cost"}``
        labels the axis "reputation cost R".
    game : callable or model, optional
        For a sweep of a game function: that function (or model), solved
        again between grid points to locate the thresholds to within
        ``1e-9`` of the swept range.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity.selection import Payoff
    >>> from gametheory.sensitivity.sweep import sweep
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> ax = plot_equilibrium_path(sweep(game, {"R": [0, 1, 2]}, fixed={"c": 1.5}), Payoff(0), thresholds=[1.5])
    >>> [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    ['Player 1: s1; Player 2: s1', 'Player 1: s2; Player 2: s1']

    A game function solved point by point: its threshold is only known
    between grid points unless the function is given again.

    >>> function = lambda p: game.substitute({"c": 1.5, **p})
    >>> def marks(ax):
    ...     return [text.get_text() for text in ax.texts]
    >>> marks(plot_equilibrium_path(sweep(function, {"R": [0, 1, 2]}), Payoff(0)))
    ['R ≈ 1.5']
    >>> marks(plot_equilibrium_path(sweep(function, {"R": [0, 1.2, 2]}), Payoff(0)))
    ['R ≈ 1.6']
    >>> marks(plot_equilibrium_path(sweep(function, {"R": [0, 1.2, 2]}), Payoff(0), game=function))
    ['R = 1.5']
    """
    if not isinstance(result, Sweep) or len(result.parameters) != 1:
        raise InvalidArgumentError("plot_equilibrium_path needs a Sweep over exactly one parameter")
    ax = new_axes(ax)
    x = result.axes[0]
    values = outcome_values(outcome, result.probabilities, result.payoffs, result.players, result.strategies)
    for b, label in enumerate(result.branches):
        holds = result.holds[:, b]
        if not holds.any():
            continue
        (line,) = ax.plot(x, np.where(holds, values[:, b], np.nan), label=label)
        isolated = holds & ~np.r_[False, holds[:-1]] & ~np.r_[holds[1:], False]
        if isolated.any():
            ax.plot(x[isolated], values[isolated, b], linestyle="none", marker="o", color=line.get_color())
    name = result.parameters[0]
    marks = threshold_marks(result, thresholds, game)
    for (value, text), level in zip(marks, threshold_levels(marks, x), strict=True):
        ax.axvline(value, linestyle="--", color="0.4", linewidth=1)
        # Above the plot, so the label hides no line; a label close to the previous one goes a line higher.
        ax.annotate(
            f"{name} {text}",
            xy=(value, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3 + 11 * level),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize="small",
            annotation_clip=False,
        )
    ax.set_xlabel(parameter_label(name, labels))
    ax.set_ylabel(str(outcome))
    lines = [line for line in ax.get_lines() if not str(line.get_label()).startswith("_")]
    if lines:
        legend_outside(ax, lines, [wrap_label(str(line.get_label())) for line in lines], fontsize="small")
    return ax


@literal_text
def plot_regime_map(regime_map: RegimeMap, *, ax: Axes | None = None, labels: Mapping[Any, str] | None = None) -> Axes:
    """Plot which regime holds where over two parameters, labelled, with the boundary curves.

    Each regime has its own face colour and hatch (ten qualitative colours,
    then the same colours hatched, so up to 100 regimes are told apart).
    Boundary curves are drawn only where they separate two regimes. The
    legend, to the right of the axes (the figure is widened to make room,
    up to 16 inches), lists the boundaries and every regime; each region
    covering at least :data:`SMALL_REGION` of the map, and more than a
    sliver (see :data:`~gametheory.plot._regime_map.MIN_DEPTH`), is labelled
    inside its largest part, away from its edges: by its name where that
    fits, otherwise by its number in the legend.

    Parameters
    ----------
    regime_map : RegimeMap
        From :func:`~gametheory.sensitivity.regime_map.regime_map`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.
    labels : mapping, optional
        Descriptions of parameters, by name: ``{"R": "reputation cost"}``
        labels the axis "reputation cost R".

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity.regime_map import regime_map
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> result = regime_map(game, x=("R", np.linspace(0, 2, 21)), y=("c", np.linspace(0, 2, 21)))
    >>> ax = plot_regime_map(result, labels={"R": "reputation cost"})
    >>> [line.get_label() for line in ax.get_lines()], ax.get_xlabel()
    (['c = R'], 'reputation cost R')
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    require_result(regime_map, RegimeMap, "plot_regime_map")
    ax = new_axes(ax)
    x, y = regime_map.x_values, regime_map.y_values
    count = len(regime_map.regimes)
    styles = [regime_style(i) for i in range(count)]
    ax.pcolormesh(
        x,
        y,
        regime_map.regime,
        shading="nearest",
        cmap=ListedColormap([colour for colour, _ in styles]),
        vmin=-0.5,
        vmax=count - 0.5,
    )
    codes, cells = np.unique(np.asarray(regime_map.regime), return_counts=True)
    for code in codes:
        if styles[code][1]:
            draw_hatches(ax, regime_map, int(code), styles[code][1])
    for k, (label, px, py) in enumerate(boundary_polylines(regime_map)):
        ax.plot(px, py, color="k", linewidth=1.5, linestyle=_LINESTYLES[k % len(_LINESTYLES)], label=label)
    ax.set_xlim(x.min(), x.max())
    ax.set_ylim(y.min(), y.max())
    ax.set_xlabel(parameter_label(regime_map.x, labels))
    ax.set_ylabel(parameter_label(regime_map.y, labels))
    lines = [line for line in ax.get_lines() if not str(line.get_label()).startswith("_")]
    patches = [
        Patch(facecolor=styles[c][0], hatch=styles[c][1], edgecolor="0.3", linewidth=0.8, label=regime_map.regimes[c])
        for c in codes
    ]
    names = [str(line.get_label()) for line in lines] + [wrap_label(regime_map.regimes[c]) for c in codes]
    legend_outside(ax, [*lines, *patches], names)
    root_figure(ax).draw_without_rendering()
    numbered = False
    for n, (code, share) in enumerate(zip(codes, cells / regime_map.regime.size, strict=True), start=1):
        if share < SMALL_REGION:
            continue  # tiny regions are named in the legend only
        text = wrap_label(regime_map.regimes[code], 28)
        artist = place_region_label(ax, regime_map, int(code), ((text, "small"), (text, "x-small"), (str(n), "small")))
        numbered = numbered or (artist is not None and artist.get_text() == str(n))
    if numbered:
        numbers = [f"{n}: {name}" for n, name in enumerate(names[len(lines) :], start=1)]
        legend_outside(ax, [*lines, *patches], names[: len(lines)] + numbers)
    return ax


_LINESTYLES = ("-", "--", "-.", ":")


@literal_text
def plot_tornado(result: Tornado, *, ax: Axes | None = None, labels: Mapping[Any, str] | None = None) -> Axes:
    """Plot a tornado chart: one bar per parameter, the largest swing on top.

    Each bar runs from the outcome at the base values to the outcome at the
    low end (blue) and at the high end (orange) of the parameter's range. A
    parameter over whose range the outcome is not monotone gets a hatched
    grey bar spanning the whole range of outcomes and a ``*`` on its label.
    The legend sits to the right of the axes (the figure is widened to make
    room, so it never covers a bar).

    Parameters
    ----------
    result : Tornado
        From :func:`~gametheory.sensitivity.tornado.tornado`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.
    labels : mapping, optional
        Descriptive names of parameters, such as ``{"R": "reputation cost"}``,
        which labels the bar "reputation cost R (0 to 1.5)".

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity.selection import Payoff
    >>> from gametheory.sensitivity.tornado import tornado
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> result = tornado(game, Payoff(0), base={"R": 1, "c": 2}, ranges={"R": (0, 1.5), "c": (1.9, 2.1)})
    >>> [tick.get_text() for tick in plot_tornado(result).get_yticklabels()]  # top to bottom
    ['R (0 to 1.5)', 'c (1.9 to 2.1)']
    >>> ax = plot_tornado(result, labels={"R": "reputation cost"})
    >>> ax.get_yticklabels()[0].get_text()
    'reputation cost R (0 to 1.5)'
    """
    from matplotlib.patches import Patch

    require_result(result, Tornado, "plot_tornado")
    ax = new_axes(ax)
    base = result.base_outcome
    count = len(result.bars)
    ticks = []
    for rank, bar in enumerate(result.bars):
        position = count - 1 - rank
        if not bar.monotone:
            ax.barh(position, bar.maximum - bar.minimum, left=bar.minimum, height=0.8, color="0.85", hatch="//")
        ax.barh(position, bar.outcome_low - base, left=base, height=0.6, color="tab:blue", label="low end")
        ax.barh(position, bar.outcome_high - base, left=base, height=0.6, color="tab:orange", label="high end")
        name = parameter_label(bar.parameter, labels)
        ticks.append(f"{name} ({bar.low:g} to {bar.high:g})" + ("" if bar.monotone else " *"))
    ax.set_yticks(range(count - 1, -1, -1), ticks)
    ax.axvline(base, color="k", linewidth=1)
    ax.set_xlabel(str(result.outcome))
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles, strict=True))
    if any(not bar.monotone for bar in result.bars):
        unique["* not monotone over the range"] = Patch(facecolor="0.85", hatch="//")
    legend_outside(ax, list(unique.values()), list(unique.keys()), fontsize="small")
    return ax
