"""Games and helpers that several test modules share (imported as ``tests.support``).

The games use plain symbols, without the positivity assumptions of the
scenarios in :mod:`gametheory.scenarios`, so that tests see every sign case.
"""

from __future__ import annotations

import functools
import io
from typing import Any

import numpy as np

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import decision, terminal

__all__ = [
    "centipede",
    "imperfect_recall_tree",
    "irrational_three_player_game",
    "render_png",
    "stay_or_withdraw_tree",
    "strike_game",
]


def strike_game() -> NormalFormGame:
    """The seed's strike-or-restrain game: US rows (Strike, Restrain), militia columns (Attack, Hold)."""
    return NormalFormGame.from_bimatrix(
        [["-d - c", "-c"], ["-d - R", 0]],
        [["b - k + l", 0], ["b", 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


def irrational_three_player_game() -> NormalFormGame:
    """Three players, two strategies each, one equilibrium of full support: every first strategy at 1/sqrt(2).

    With x, y, z the probabilities of each player's first strategy, player 1 is indifferent iff
    2 y z = 1, player 2 iff x = z and player 3 iff y = x.
    """
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[a, b, c, 0] = 2 * int(b == 0 and c == 0) if a == 0 else 1
        payoffs[a, b, c, 1] = int(a == 0) if b == 0 else int(c == 0)
        payoffs[a, b, c, 2] = int(b == 0) if c == 0 else int(a == 0)
    return NormalFormGame(payoffs)


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


@functools.lru_cache(maxsize=4)
def centipede(depth: int, last: Any = None) -> ExtensiveFormGame:
    """A centipede game ``depth`` moves long, built bottom-up with the public node builders.

    A and B alternate, A first. Taking at move ``k`` (from 0) pays the mover ``k + 2`` and the other
    ``k``; passing every time pays ``(last, depth)`` (``last`` defaults to ``depth``). Backward
    induction takes at once: the unique subgame-perfect equilibrium takes everywhere and pays (2, 0).
    Games are immutable, so tests share one copy; ``centipede.__wrapped__`` builds a fresh one.
    """
    node = terminal(depth if last is None else last, depth)
    for k in reversed(range(depth)):
        take = terminal(k + 2, k) if k % 2 == 0 else terminal(k, k + 2)
        node = decision("A" if k % 2 == 0 else "B", {"Take": take, "Pass": node})
    return ExtensiveFormGame(node, players=("A", "B"))


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
