"""Axes handling shared by the plot functions; matplotlib is imported only when a plot is drawn.

Examples
--------
>>> ax = new_axes(None)
>>> probability_square(ax, ("US", "Militia"), (("Strike", "Restrain"), ("Attack", "Hold")), margin=0.02)
>>> label_axes(ax, title="Phase").get_xlabel()
'P(US plays Strike)'
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from gametheory.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

__all__ = [
    "label_axes",
    "legend_outside",
    "literal_text",
    "new_axes",
    "parameter_label",
    "probability_square",
    "require_result",
    "root_figure",
    "wrap_label",
]

#: The largest figure (width, height) in inches that :func:`legend_outside` grows a figure to.
MAX_FIGURE_INCHES = (16.0, 12.0)

LegendLocation = Literal["best", "upper left", "upper right", "lower left", "lower right"]


_Function = TypeVar("_Function", bound=Callable[..., Any])


def literal_text(function: _Function) -> _Function:
    """Make every text a plot function draws literal: labels from games and files may hold ``$``.

    Matplotlib would read ``Pay $5 or $10`` as mathematics, and fail on an
    unbalanced ``$``; labels are the user's words, never TeX.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import matplotlib

        with matplotlib.rc_context({"text.parse_math": False}):
            return function(*args, **kwargs)

    return cast(_Function, wrapper)


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


def parameter_label(name: str, labels: Mapping[Any, str] | None) -> str:
    """The axis label of parameter ``name``: its description from ``labels`` followed by the name.

    Examples
    --------
    >>> parameter_label("R", {"R": "reputation cost"}), parameter_label("c", {"R": "reputation cost"})
    ('reputation cost R', 'c')
    >>> parameter_label("R", {"R": "reputation cost R"})  # the name already ends the description
    'reputation cost R'
    """
    if not labels:
        return name
    by_name = {str(key): str(value) for key, value in labels.items()}
    description = by_name.get(name)
    if not description:
        return name
    words = description.split()
    return description if words and words[-1].strip("()$") == name else f"{description} {name}"


def wrap_label(label: str, width: int = 40) -> str:
    """Wrap a long label over lines of at most ``width`` characters, preferring breaks after ``|`` and ``;``.

    Examples
    --------
    >>> print(wrap_label("US: Strike; Militia: Attack | US mixes Strike/Restrain; Militia: Attack", 30))
    US: Strike; Militia: Attack |
    US mixes Strike/Restrain;
    Militia: Attack
    """
    lines = []
    for part in label.replace(" | ", " |\n").split("\n"):
        if len(part) <= width:
            lines.append(part)
            continue
        pieces = part.replace("; ", ";\n").split("\n")
        current = ""
        for piece in pieces:
            candidate = f"{current} {piece}" if current else piece
            if len(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            wrapped = textwrap.wrap(piece, width) or [piece]
            lines.extend(wrapped[:-1])
            current = wrapped[-1]
        lines.append(current)
    return "\n".join(lines)


def legend_outside(ax: Axes, handles: Sequence[Any], labels: Sequence[str], **options: Any) -> Legend:
    """Draw a legend to the right of the axes and grow the figure so the axes keep their size.

    The legend takes more columns when it is taller than the axes, and the
    figure grows up to :data:`MAX_FIGURE_INCHES`. With a constrained layout
    the layout engine places everything; without a layout engine the axes
    keep their size in inches and the figure widens to the right.

    Examples
    --------
    >>> ax = new_axes(None, figsize=(4, 3))
    >>> line, = ax.plot([0, 1], [0, 1], label="a rather long label for a line")
    >>> legend = legend_outside(ax, [line], [line.get_label()])
    >>> bool(ax.figure.get_figwidth() > 4), bool(legend.get_window_extent().x0 >= ax.get_window_extent().x1)
    (True, True)
    """
    figure = root_figure(ax)
    figure.draw_without_rendering()
    width_before = ax.get_position().width * figure.get_figwidth()
    options = {"fontsize": "x-small", **options}
    columns = 1
    while True:
        legend = ax.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            borderaxespad=0.0,
            ncols=columns,
            **options,
        )
        box = legend.get_window_extent()
        height, width = box.height / figure.dpi, box.width / figure.dpi
        room = ax.get_position().y1 * figure.get_figheight() - 0.1
        too_wide = figure.get_figwidth() + width * (columns + 1) / columns > MAX_FIGURE_INCHES[0]
        if height <= room or too_wide or columns >= len(handles):
            break
        columns += 1
    if height > room:
        figure.set_figheight(min(MAX_FIGURE_INCHES[1], figure.get_figheight() + height - room))
    if figure.get_layout_engine() is not None:
        for _ in range(2):  # the layout engine moves the axes; grow until they are as wide as before
            figure.draw_without_rendering()
            lost = width_before - ax.get_position().width * figure.get_figwidth()
            if lost < 0.02:
                break
            figure.set_figwidth(min(MAX_FIGURE_INCHES[0], figure.get_figwidth() + lost))
    else:
        figure.draw_without_rendering()
        old = figure.get_figwidth()
        new = min(MAX_FIGURE_INCHES[0], max(old, legend.get_window_extent().x1 / figure.dpi + 0.1))
        if new > old + 0.01:
            for other in figure.axes:
                position = other.get_position()
                other.set_position((position.x0 * old / new, position.y0, position.width * old / new, position.height))
            figure.set_figwidth(new)
    return legend


def root_figure(ax: Axes) -> Figure:
    """The top-level :class:`~matplotlib.figure.Figure` of ``ax`` (through any subfigures).

    Examples
    --------
    >>> ax = new_axes(None)
    >>> root_figure(ax) is ax.figure
    True
    """
    figure: Any = ax.figure
    while getattr(figure, "figure", figure) is not figure:
        figure = figure.figure
    return cast("Figure", figure)
