"""Game trees drawn top-down: players, actions, chance probabilities, payoffs, information sets, equilibria.

The layout is tidy and iterative (deep trees are legal): leaves are evenly
spaced from left to right in depth-first order, each parent is centred over
its first and last child, and each node sits one level below its parent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from gametheory._internal.formatting import format_number
from gametheory.exceptions import InvalidArgumentError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode
from gametheory.plot._axes import literal_text, new_axes
from gametheory.plot._tree_layout import (
    action_labels,
    behavior_table,
    belief_table,
    is_played,
    payoff_labels,
    tree_layout,
)
from gametheory.solvers.behavior import infoset_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_tree", "tree_layout"]

#: Colour and width of the edges of actions an equilibrium plays with positive probability.
PLAYED: dict[str, Any] = {"color": "#c0392b", "linewidth": 3.2}
#: Colour and width of every other edge.
EDGE: dict[str, Any] = {"color": "0.55", "linewidth": 1.2}
#: Colour of information sets and beliefs.
INFOSET_COLOR = "#1f63a8"
#: Action labels sit this far along their edge, from the parent.
LABEL_AT = 0.6
_FONT = 10.0  # points, unless the tree is too wide
_CHAR = 0.6  # average character width, in ems
_LINE = 1.3  # line height, in ems


@literal_text
def plot_tree(tree: ExtensiveFormGame, *, equilibrium: Any = None, ax: Axes | None = None) -> Axes:
    """Draw a game tree top-down, with an equilibrium's actions highlighted if one is given.

    Decision nodes are dark circles labelled with the mover, chance nodes open
    diamonds, terminal nodes small grey squares with the payoffs below them
    (totals along the path, in player order: a tuple when short, else one
    line per player, as the legend says). Every edge carries its action
    label; chance edges add their probability in parentheses. Nodes of one
    information set with more than one node are joined by a dashed blue line
    labelled with the set's name. Parametric payoffs and probabilities are
    printed as formulas.

    With ``equilibrium``, the edges of the actions played with positive
    probability are thick and red (at every information set, reached or
    not); mixed probabilities are printed under their action's label. If the
    record has ``beliefs`` (one entry per information set: ``None`` or the
    probability of each member node, as
    :func:`~gametheory.solvers.behavior.beliefs` returns), each belief is
    printed in blue beside its node.

    Parameters
    ----------
    tree : ExtensiveFormGame
        The tree.
    equilibrium : optional
        Anything with a ``behavior`` holding one entry per information set
        (in ``tree.information_sets`` order): the probability of each
        action, a mapping from action to probability, an action label
        played for sure, or ``None`` (nothing highlighted there). Such are
        :class:`~gametheory.solvers.subgame_perfect.SubgamePerfectEquilibrium`,
        :class:`~gametheory.solvers.behavior.BehaviorEquilibrium` and
        :class:`~gametheory.parametric.subgame_perfect.SubgamePerfectRegime`.
        A :class:`~gametheory.solvers.bayesian.BayesianEquilibrium` (drawn
        on ``game.to_tree()``) shows its tree equilibrium and its beliefs.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure sized to the tree (wider with
        more leaves, taller with more levels). On a given Axes the font
        shrinks (down to 5 points) to fit the leaves into its width.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidArgumentError
        If ``tree`` is not a game tree, or ``equilibrium`` does not fit it.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria
    >>> tree = ExtensiveFormGame(decision("Militia", {
    ...     "Attack": decision("US", {"Retaliate": terminal(-3, -1), "Withdraw": terminal(-5, 2)}),
    ...     "Hold": terminal(0, 0),
    ... }), players=("US", "Militia"))
    >>> (spe,) = subgame_perfect_equilibria(tree)
    >>> ax = plot_tree(tree, equilibrium=spe)
    >>> sorted(t.get_text() for t in ax.texts if t.get_gid().startswith("payoff"))
    ['(-3, -1)', '(-5, 2)', '(0, 0)']
    >>> sorted(line.get_gid() for line in ax.get_lines() if line.get_linewidth() == PLAYED["linewidth"])
    ['edge:2', 'edge:4']
    """
    if not isinstance(tree, ExtensiveFormGame):
        raise InvalidArgumentError(f"plot_tree needs an ExtensiveFormGame, not {type(tree).__name__}")
    played = behavior_table(tree, equilibrium) if equilibrium is not None else None
    belief = belief_table(tree, equilibrium) if equilibrium is not None else {}
    x, y = tree_layout(tree)
    actions = action_labels(tree, played)
    payoffs, stacked = payoff_labels(tree)
    leaves = max(1, int(x.max()) + 1 if len(x) else 1)
    depth = int(-y.min())
    payoff_lines = tree.num_players if stacked else 1
    action_lines = max((text.count("\n") + 1 for text in actions.values()), default=1)
    unit = max(
        max((len(line) for t in payoffs.values() for line in t.split("\n")), default=1) + 1.5,
        (max((len(line) for t in actions.values() for line in t.split("\n")), default=1) + 2) / LABEL_AT,
    )
    if ax is None:
        font = _FONT if leaves * unit * _CHAR * _FONT / 72 < 40 else max(5.0, 40 * 72 / (leaves * unit * _CHAR))
        level = max(0.95, ((action_lines + 3) * _LINE * font) / 72)
        width = min(60.0, max(4.0, leaves * unit * _CHAR * font / 72 + 1.0))
        height = min(60.0, max(2.5, depth * level + (payoff_lines * _LINE * font + 60) / 72 + 0.8))
        ax = new_axes(None, figsize=(width, height))
        axes_height = height - 0.8
    else:
        ax = new_axes(ax)
        box = ax.get_window_extent()  # pixels
        dpi = ax.figure.dpi
        font = float(np.clip(box.width / dpi * 72 / (leaves * unit * _CHAR), 5, _FONT))
        axes_height = box.height / dpi
    _draw_edges(ax, tree, x, y, played, actions, font)
    _draw_nodes(ax, tree, x, y, font)
    for index, text in payoffs.items():
        ax.annotate(
            text,
            (x[index], y[index]),
            xytext=(0, -7),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=font,
            linespacing=1.15,
            gid=f"payoff:{index}",
        )
    _draw_infosets(ax, tree, x, y, belief, font)
    # Room below the deepest leaves for their payoffs, in levels (one level spans axes_height / (depth + margins)).
    below_in = (payoff_lines * _LINE * font + 12) / 72
    top = 0.35
    below = below_in * (depth + top) / max(axes_height - below_in, 0.5) if depth else 0.6
    ax.set_xlim(-0.5, leaves - 0.5)
    ax.set_ylim(-depth - below, top)
    ax.set_axis_off()
    _legend(ax, tree, equilibrium is not None, stacked, font)
    return ax


def _draw_edges(
    ax: Axes,
    tree: ExtensiveFormGame,
    x: np.ndarray,
    y: np.ndarray,
    played: list[list[Any] | None] | None,
    actions: dict[int, str],
    font: float,
) -> None:
    from matplotlib.lines import Line2D

    for index, text in actions.items():
        parent = tree.positions[index].parent
        assert parent is not None
        on_path = is_played(tree, index, played)
        style = PLAYED if on_path else EDGE
        ax.add_line(
            Line2D(
                [x[parent], x[index]],
                [y[parent], y[index]],
                zorder=1,
                gid=f"edge:{index}",
                solid_capstyle="round",
                **style,
            )
        )
        at = (x[parent] + LABEL_AT * (x[index] - x[parent]), y[parent] + LABEL_AT * (y[index] - y[parent]))
        ax.annotate(
            text,
            at,
            ha="center",
            va="center",
            fontsize=font,
            linespacing=1.1,
            zorder=3,
            color=PLAYED["color"] if on_path else "black",
            gid=f"action:{index}",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
        )


def _draw_nodes(ax: Axes, tree: ExtensiveFormGame, x: np.ndarray, y: np.ndarray, font: float) -> None:
    kinds: dict[type, dict[str, Any]] = {
        DecisionNode: {"marker": "o", "markersize": 8, "color": "0.15"},
        ChanceNode: {
            "marker": "D",
            "markersize": 7,
            "markerfacecolor": "white",
            "markeredgecolor": "0.15",
            "markeredgewidth": 1.5,
        },
        TerminalNode: {"marker": "s", "markersize": 4, "color": "0.5"},
    }
    for kind, style in kinds.items():
        where = [p.index for p in tree.positions if isinstance(p.node, kind)]
        if where:
            ax.plot(x[where], y[where], linestyle="none", zorder=4, gid=f"nodes:{kind.__name__}", **style)
    for p in tree.positions:
        if isinstance(p.node, DecisionNode):
            side = _away_from_parent(tree, x, p.index)
            ax.annotate(
                p.node.player,
                (x[p.index], y[p.index]),
                xytext=(7 * side, 4),
                textcoords="offset points",
                ha="left" if side > 0 else "right",
                va="bottom",
                fontsize=font,
                fontweight="bold",
                zorder=5,
                gid=f"player:{p.index}",
            )


def _away_from_parent(tree: ExtensiveFormGame, x: np.ndarray, index: int) -> int:
    parent = tree.positions[index].parent
    return -1 if parent is not None and x[parent] > x[index] else 1


def _draw_infosets(
    ax: Axes, tree: ExtensiveFormGame, x: np.ndarray, y: np.ndarray, belief: dict[int, Any], font: float
) -> None:
    for infoset in tree.information_sets:
        if len(infoset.members) < 2:
            continue
        members = sorted(infoset.members, key=lambda m: (x[m], y[m]))
        ax.plot(
            x[members],
            y[members],
            linestyle=(0, (5, 3)),
            color=INFOSET_COLOR,
            linewidth=1.5,
            zorder=2,
            gid=f"infoset:{infoset.index}",
        )
        middle = (x[members[0]] + x[members[-1]]) / 2, (y[members[0]] + y[members[-1]]) / 2
        ax.annotate(
            infoset.label or infoset_name(tree, infoset.index),
            middle,
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=font,
            fontstyle="italic",
            color=INFOSET_COLOR,
            zorder=3,
            gid=f"infoset_label:{infoset.index}",
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
        )
    for index, value in belief.items():
        side = _away_from_parent(tree, x, index)
        ax.annotate(
            f"belief {format_number(value)}",
            (x[index], y[index]),
            xytext=(7 * side, 6 + _LINE * font),
            textcoords="offset points",
            ha="left" if side > 0 else "right",
            va="bottom",
            fontsize=font,
            color=INFOSET_COLOR,
            zorder=5,
            gid=f"belief:{index}",
        )


def _legend(ax: Axes, tree: ExtensiveFormGame, highlighted: bool, stacked: bool, font: float) -> None:
    from matplotlib.lines import Line2D

    present = {type(p.node) for p in tree.positions}
    handles = []
    if DecisionNode in present:
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=7, color="0.15", label="decision"))
    if ChanceNode in present:
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="D",
                markersize=6,
                markerfacecolor="white",
                markeredgecolor="0.15",
                label="chance",
            )
        )
    if any(len(s.members) > 1 for s in tree.information_sets):
        handles.append(Line2D([], [], linestyle=(0, (5, 3)), color=INFOSET_COLOR, label="information set"))
    if highlighted:
        handles.append(Line2D([], [], label="equilibrium action", **PLAYED))
    players = ", ".join(tree.players)
    title = f"payoffs, top to bottom: {players}" if stacked else f"payoffs: ({players})"
    ax.legend(
        handles=handles,
        title=title,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=max(1, len(handles)),
        fontsize=font,
        title_fontsize=font,
        frameon=False,
        handlelength=2.2,
        borderaxespad=0.2,
    )
