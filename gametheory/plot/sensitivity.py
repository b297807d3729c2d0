"""Plots of sensitivity results: equilibrium paths, regime maps and tornado charts."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from gametheory.exceptions import InvalidArgumentError
from gametheory.plot._axes import label_axes, new_axes, require_result
from gametheory.sensitivity.regime_map import RegimeMap
from gametheory.sensitivity.selection import outcome_values
from gametheory.sensitivity.sweep import Sweep
from gametheory.sensitivity.tornado import Tornado

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_equilibrium_path", "plot_regime_map", "plot_tornado"]

#: Regions covering less of the map than this fraction are named in the legend instead of labelled in place.
SMALL_REGION = 0.05


def plot_equilibrium_path(
    result: Sweep,
    outcome: Any,
    *,
    thresholds: Iterable[Any] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot an outcome of every equilibrium branch against the one swept parameter.

    Each branch is one line, with gaps where it is not an equilibrium (a
    branch holding at isolated points, such as a boundary, is drawn as dots).
    Dashed vertical lines mark the thresholds, each labelled with its value.

    Parameters
    ----------
    result : Sweep
        A sweep over one parameter.
    outcome : Payoff, Probability or callable
        What to plot (see :mod:`gametheory.sensitivity.selection`).
    thresholds : iterable, optional
        Threshold values (numbers or ``Threshold`` records). Default: for a
        parametric game, the exact thresholds from
        :func:`~gametheory.sensitivity.thresholds.thresholds` inside the swept
        range; for a game function, the midpoints where the regime changes.
        Pass ``()`` to draw none.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.

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
    for value, text in _threshold_marks(result, thresholds):
        ax.axvline(value, linestyle="--", color="0.4", linewidth=1)
        ax.annotate(
            f"{name} = {text}",
            xy=(value, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-2, -4),
            textcoords="offset points",
            rotation=90,
            ha="right",
            va="top",
            fontsize="small",
        )
    return label_axes(ax, xlabel=name, ylabel=str(outcome))


def _threshold_marks(result: Sweep, thresholds: Iterable[Any] | None) -> list[tuple[float, str]]:
    x = result.axes[0]
    if thresholds is None:
        if result.game is not None:
            from gametheory.sensitivity.thresholds import thresholds as find_thresholds

            thresholds = find_thresholds(
                result.game,
                result.parameters[0],
                fixed=dict(result.fixed),
                interval=(float(x.min()), float(x.max())),
            )
        else:
            changes = np.flatnonzero(np.diff(result.regime) != 0)
            thresholds = [(x[i] + x[i + 1]) / 2 for i in changes]
    marks = []
    for item in thresholds:
        value = getattr(item, "value", item)
        # Short exact values (3/2) are shown exactly; floats converted exactly (2.1 -> 18915.../2^52) are not.
        short = isinstance(value, sympy.Rational) and value.q <= 1000
        text = str(value) if short else f"{float(value):.6g}"
        marks.append((float(value), text))
    return marks


def plot_regime_map(regime_map: RegimeMap, *, ax: Axes | None = None) -> Axes:
    """Plot which regime holds where over two parameters, labelled, with the boundary curves.

    Parameters
    ----------
    regime_map : RegimeMap
        From :func:`~gametheory.sensitivity.regime_map.regime_map`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity.regime_map import regime_map
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> ax = plot_regime_map(regime_map(game, x=("R", np.linspace(0, 2, 21)), y=("c", np.linspace(0, 2, 21))))
    >>> [line.get_label() for line in ax.get_lines()]
    ['c = R']
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    require_result(regime_map, RegimeMap, "plot_regime_map")
    ax = new_axes(ax)
    x, y = regime_map.x_values, regime_map.y_values
    count = len(regime_map.regimes)
    colors = [_color(i) for i in range(count)]
    ax.pcolormesh(
        x,
        y,
        regime_map.regime,
        shading="nearest",
        cmap=ListedColormap(colors),
        vmin=-0.5,
        vmax=count - 0.5,
        alpha=0.6,
    )
    xx, yy = np.meshgrid(x, y)
    small = []
    for code, label in enumerate(regime_map.regimes):
        cells = regime_map.regime == code
        if not cells.any():
            continue
        if cells.mean() < SMALL_REGION:
            # Slivers (often the boundary itself) get a legend entry, not a label crowding the boundary.
            small.append(Patch(facecolor=colors[code], alpha=0.6, label=label))
            continue
        # Put the label on the region's cell nearest its centroid, so it stays inside non-convex regions.
        cx, cy = xx[cells].mean(), yy[cells].mean()
        spread_x, spread_y = max(np.ptp(x), 1e-12), max(np.ptp(y), 1e-12)
        distance = ((xx[cells] - cx) / spread_x) ** 2 + ((yy[cells] - cy) / spread_y) ** 2
        k = int(np.argmin(distance))
        text = "\n".join(textwrap.wrap(label.replace(" | ", " |\n"), 28, replace_whitespace=False))
        ax.text(xx[cells][k], yy[cells][k], text, ha="center", va="center", fontsize="x-small")
    xs, ys = sympy.Symbol(regime_map.x), sympy.Symbol(regime_map.y)
    dense_x = np.linspace(x.min(), x.max(), 400)
    dense_y = np.linspace(y.min(), y.max(), 400)
    for boundary in regime_map.boundaries:
        renamed = _by_name(boundary.expression, regime_map.x, regime_map.y, xs, ys)
        curves = [_by_name(c, regime_map.x, regime_map.y, xs, ys) for c in boundary.curves]
        if not curves:
            grid_x, grid_y = np.meshgrid(dense_x, dense_y)
            f = sympy.lambdify((xs, ys), renamed, modules="numpy")
            ax.contour(grid_x, grid_y, np.broadcast_to(f(grid_x, grid_y), grid_x.shape), levels=[0], colors="k")
            continue
        for curve in curves:
            label = f"{curve.lhs} = {curve.rhs}"
            f = sympy.lambdify((xs, ys), curve.rhs, modules="numpy")
            with np.errstate(all="ignore"):
                if curve.lhs == ys:
                    ax.plot(dense_x, np.broadcast_to(f(dense_x, 0.0), dense_x.shape), color="k", label=label)
                else:
                    ax.plot(np.broadcast_to(f(0.0, dense_y), dense_y.shape), dense_y, color="k", label=label)
    handles = [line for line in ax.get_lines() if not str(line.get_label()).startswith("_")] + small
    if handles:
        # Outside the map, on the right, so it hides no region.
        # Below the axes: regime labels are long, and a legend at the side would squeeze the map.
        ax.legend(handles=handles, fontsize="x-small", loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=1)
    ax.set_xlim(x.min(), x.max())
    ax.set_ylim(y.min(), y.max())
    ax.set_xlabel(regime_map.x)
    ax.set_ylabel(regime_map.y)
    return ax


def _by_name(expr: Any, x: str, y: str, xs: sympy.Symbol, ys: sympy.Symbol) -> Any:
    # The game's symbols may carry assumptions; plot with plain symbols of the same names.
    mapping = {s: xs if s.name == x else ys for s in expr.free_symbols if s.name in (x, y)}
    return expr.xreplace(mapping)


def _color(i: int) -> str:
    palette = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9"]
    return palette[i % len(palette)]


def plot_tornado(result: Tornado, *, ax: Axes | None = None) -> Axes:
    """Plot a tornado chart: one bar per parameter, the largest swing on top.

    Each bar runs from the outcome at the base values to the outcome at the
    low end (blue) and at the high end (orange) of the parameter's range. A
    parameter over whose range the outcome is not monotone gets a hatched
    grey bar spanning the whole range of outcomes and a ``*`` on its label.

    Parameters
    ----------
    result : Tornado
        From :func:`~gametheory.sensitivity.tornado.tornado`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.

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
    """
    require_result(result, Tornado, "plot_tornado")
    ax = new_axes(ax)
    base = result.base_outcome
    count = len(result.bars)
    labels = []
    for rank, bar in enumerate(result.bars):
        position = count - 1 - rank
        if not bar.monotone:
            ax.barh(position, bar.maximum - bar.minimum, left=bar.minimum, height=0.8, color="0.85", hatch="//")
        ax.barh(position, bar.outcome_low - base, left=base, height=0.6, color="tab:blue", label="low end")
        ax.barh(position, bar.outcome_high - base, left=base, height=0.6, color="tab:orange", label="high end")
        labels.append(f"{bar.parameter} ({bar.low:g} to {bar.high:g})" + ("" if bar.monotone else " *"))
    ax.set_yticks(range(count - 1, -1, -1), labels)
    ax.axvline(base, color="k", linewidth=1)
    ax.set_xlabel(str(result.outcome))
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles, strict=True))
    if any(not bar.monotone for bar in result.bars):
        ax.annotate(
            "* not monotone over the range",
            xy=(1, 0),
            xycoords="axes fraction",
            ha="right",
            va="bottom",
            fontsize="small",
        )
    ax.legend(unique.values(), unique.keys(), fontsize="small")
    return ax
