"""Axes handling shared by the plot functions; matplotlib is imported only when a plot is drawn.

Examples
--------
>>> ax = new_axes(None)
>>> probability_square(ax, ("US", "Militia"), (("Strike", "Restrain"), ("Attack", "Hold")), margin=0.02)
>>> label_axes(ax, title="Phase").get_xlabel()
'P(US plays Strike)'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from gametheory.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["label_axes", "new_axes", "probability_square", "require_result"]

LegendLocation = Literal["best", "upper left", "upper right", "lower left", "lower right"]


def new_axes(ax: Axes | None, **figure_options: Any) -> Axes:
    """Return ``ax``, or the Axes of a new :class:`matplotlib.figure.Figure` (no pyplot global state).

    Examples
    --------
    >>> new_axes(None).get_figure() is not None
    True
    """
    try:
        from matplotlib.axes import Axes as MatplotlibAxes
        from matplotlib.figure import Figure
    except ImportError:
        raise ImportError("plotting needs matplotlib: pip install matplotlib") from None
    if ax is not None:
        if not isinstance(ax, MatplotlibAxes):
            raise InvalidArgumentError(f"ax must be a matplotlib Axes, not {type(ax).__name__}")
        return ax
    # Constrained layout keeps legends and labels placed outside the axes inside the figure.
    figure = Figure(**{"layout": "constrained", **figure_options})
    return figure.add_subplot()


def label_axes(
    ax: Axes,
    *,
    xlabel: str | None = None,
    ylabel: str | None = None,
    title: str | None = None,
    legend: LegendLocation | None = "best",
) -> Axes:
    """Set the axis labels and title given, and draw a small legend at ``legend`` if anything is labelled.

    Examples
    --------
    >>> ax = new_axes(None)
    >>> label_axes(ax, xlabel="Round").get_legend() is None  # nothing labelled: no empty legend
    True
    """
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    if legend is not None and ax.get_legend_handles_labels()[0]:
        ax.legend(loc=legend, fontsize="small")
    return ax


def probability_square(ax: Axes, players: Sequence[str], strategies: Sequence[Sequence[str]], *, margin: float) -> None:
    """Make the axes the unit square of two players' probabilities of playing their first strategies.

    Examples
    --------
    >>> ax = new_axes(None)
    >>> probability_square(ax, ("A", "B"), (("x", "y"), ("u", "v")), margin=0.05)
    >>> ax.get_ylabel(), [float(limit) for limit in ax.get_xlim()]
    ('P(B plays u)', [-0.05, 1.05])
    """
    ax.set_xlim(-margin, 1 + margin)
    ax.set_ylim(-margin, 1 + margin)
    ax.set_xlabel(f"P({players[0]} plays {strategies[0][0]})")
    ax.set_ylabel(f"P({players[1]} plays {strategies[1][0]})")


def require_result(value: Any, kind: type, function: str) -> None:
    """Raise an InvalidArgumentError naming ``function`` unless ``value`` is a ``kind`` record.

    Examples
    --------
    >>> require_result([1, 2], dict, "plot_something")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.InvalidArgumentError: plot_something needs a dict result, not list
    """
    if not isinstance(value, kind):
        raise InvalidArgumentError(f"{function} needs a {kind.__name__} result, not {type(value).__name__}")
