"""Games and helpers that several test modules share (imported as ``tests.support``).

The games use plain symbols, without the positivity assumptions of the
scenarios in :mod:`gametheory.scenarios`, so that tests see every sign case.
"""

from __future__ import annotations

import io
from typing import Any

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import decision, terminal

__all__ = ["imperfect_recall_tree", "render_png", "stay_or_withdraw_tree", "strike_game"]


def strike_game() -> NormalFormGame:
    """The seed's strike-or-restrain game: US rows (Strike, Restrain), militia columns (Attack, Hold)."""
    return NormalFormGame.from_bimatrix(
        [["-d - c", "-c"], ["-d - R", 0]],
        [["b - k + l", 0], ["b", 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


def stay_or_withdraw_tree() -> ExtensiveFormGame:
    """The militia attacks or holds; after an attack the US retaliates, absorbs it or withdraws."""
    us = decision(
        "US",
        {
            "Retaliate": terminal("-d - c", "b - k + l"),
            "Absorb": terminal("-d - R", "b"),
            "Withdraw": terminal("-L", "b + V"),
        },
    )
    return ExtensiveFormGame(decision("Militia", {"Attack": us, "Hold": terminal(0, 0)}), players=("US", "Militia"))


def imperfect_recall_tree() -> ExtensiveFormGame:
    """Player A forgets whether it moved L or R: one information set across both histories."""
    later = {"x": terminal(1, 0), "y": terminal(0, 1)}
    return ExtensiveFormGame(
        decision(
            "A",
            {
                "L": decision("B", {"u": decision("A", later, infoset="forgot")}),
                "R": decision("B", {"u": decision("A", later, infoset="forgot")}),
            },
        )
    )


def render_png(ax: Any) -> bytes:
    """Draw the Axes' figure to PNG with Agg and return the bytes, checking the PNG signature.

    The figure keeps the Agg canvas, so tests can then ask it for a renderer.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # only plot tests call this

    buffer = io.BytesIO()
    FigureCanvasAgg(ax.figure).print_png(buffer)
    data = buffer.getvalue()
    assert data.startswith(b"\x89PNG")
    return data
