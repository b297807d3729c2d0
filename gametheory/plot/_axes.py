"""Axes handling shared by the plot functions; matplotlib is imported only when a plot is drawn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["new_axes"]


def new_axes(ax: Axes | None, **figure_options: Any) -> Axes:
    """Return ``ax``, or the Axes of a new :class:`matplotlib.figure.Figure` (no pyplot global state)."""
    if ax is not None:
        return ax
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise ImportError("plotting needs matplotlib: pip install matplotlib") from None
    figure = Figure(**figure_options)
    return figure.add_subplot()
