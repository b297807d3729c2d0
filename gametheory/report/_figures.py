"""The report's figures, drawn by :mod:`gametheory.plot` and inlined as PNG ``data:`` URIs.

Each builder returns ``(uri, note)``: the image, or None with a sentence
saying why the figure is missing (a game the analysis does not cover is
reported in the page, not raised).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from gametheory.exceptions import GameTheoryError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.plot import plot_payoff_matrix, plot_regime_map, plot_tornado, plot_tree
from gametheory.sensitivity.regime_map import regime_map
from gametheory.sensitivity.selection import MaxOutcome, Payoff
from gametheory.sensitivity.tornado import tornado

__all__ = ["GRID", "literal_text", "matrix_figure", "png_uri", "regime_map_figure", "tornado_figure", "tree_figure"]

#: Grid points per axis of the regime map.
GRID = 161
_DPI = 110

Figure = tuple[str | None, str]


def literal_text() -> Any:
    """A context in which matplotlib draws every text literally: ``$5 or $10`` is not mathematics.

    Labels come from the game file, so a ``$`` must neither start TeX nor crash the drawing.
    """
    import matplotlib

    return matplotlib.rc_context({"text.parse_math": False})


def png_uri(ax: Any) -> str:
    """The figure holding ``ax`` as a ``data:image/png;base64,...`` URI."""
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight", facecolor="white")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def regime_map_figure(
    game: NormalFormGame | ExtensiveFormGame,
    base: Mapping[sympy.Symbol, Any],
    ranges: Mapping[str, tuple[float, float]],
) -> Figure:
    """The regime map over the first two parameters, the others at base."""
    names = [s.name for s in base]
    if len(names) < 2:
        return None, "The regime map needs two parameters; this game has one."
    x, y = names[0], names[1]
    fixed = {s.name: v for s, v in base.items() if s.name not in (x, y)}
    try:
        result = regime_map(
            game, x=(x, np.linspace(*ranges[x], GRID)), y=(y, np.linspace(*ranges[y], GRID)), fixed=fixed
        )
        return png_uri(plot_regime_map(result)), ""
    except GameTheoryError as error:
        return None, f"The regime map is not available: {error}"


def tornado_figure(
    game: NormalFormGame | ExtensiveFormGame,
    base: Mapping[sympy.Symbol, Any],
    ranges: Mapping[str, tuple[float, float]],
    player: str,
) -> Figure:
    """The tornado of ``player``'s payoff in the equilibrium best for them, each parameter over its slider range."""
    values = {s.name: v for s, v in base.items()}
    try:
        result = tornado(game, Payoff(player), base=values, ranges=dict(ranges), selection=MaxOutcome(), num=41)
        return png_uri(plot_tornado(result)), ""
    except GameTheoryError as error:
        return None, f"The tornado chart is not available: {error}"


def tree_figure(tree: ExtensiveFormGame, equilibrium: Any = None) -> Figure:
    """The tree, with an equilibrium's actions highlighted if one is given."""
    try:
        return png_uri(plot_tree(tree, equilibrium=equilibrium)), ""
    except GameTheoryError as error:
        return None, f"The tree cannot be drawn: {error}"


def matrix_figure(game: NormalFormGame) -> Figure:
    """The payoff matrix with best responses and equilibria, for two players."""
    if game.num_players != 2:
        return None, ""
    try:
        return png_uri(plot_payoff_matrix(game)), ""
    except GameTheoryError as error:
        return None, f"The payoff matrix cannot be drawn: {error}"


def slider_ranges(parameters: Sequence[Any]) -> dict[str, tuple[float, float]]:
    """Each parameter's slider range, by name."""
    return {p.name: (p.low, p.high) for p in parameters}
