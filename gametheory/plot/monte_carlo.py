"""Plots of Monte Carlo results: how likely each regime is, and how the recorded outcomes are distributed."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np

from gametheory.exceptions import InvalidArgumentError
from gametheory.plot._axes import literal_text, new_axes, require_result
from gametheory.sensitivity.monte_carlo import MonteCarlo

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_monte_carlo"]

#: Regime labels are wrapped to lines of at most this many characters.
LABEL_WIDTH = 42
#: Most histogram bins per outcome.
MAX_BINS = 40


@literal_text
def plot_monte_carlo(result: MonteCarlo, *, ax: Axes | None = None, outcome_ax: Axes | None = None) -> Axes:
    """Plot the probability of each regime as horizontal bars, and a histogram of each recorded outcome.

    The regimes are sorted, the most likely on top; each bar is labelled with
    its probability. The histograms (one per outcome in ``result.outcomes``,
    drawn as shaded steps, over the draws where the outcome is finite, that
    is where an equilibrium holds) go below the bars or to ``outcome_ax``.

    Parameters
    ----------
    result : MonteCarlo
        From :func:`~gametheory.sensitivity.monte_carlo.monte_carlo`.
    ax : matplotlib.axes.Axes, optional
        Where to draw the regime bars. Without it, a new figure is made, with
        the bars on top and below them one histogram per outcome, in the
        order of ``result.outcomes`` (reach them as ``ax.figure.axes[1:]``).
    outcome_ax : matplotlib.axes.Axes, optional
        With ``ax``: where to draw the histograms, all outcomes on this one
        Axes. With ``ax`` alone, no histogram is drawn.

    Raises
    ------
    InvalidArgumentError
        If ``result`` is not a MonteCarlo record, or ``outcome_ax`` is given without ``ax``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes of the regime bars.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity.monte_carlo import monte_carlo
    >>> from gametheory.sensitivity.selection import Payoff
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> result = monte_carlo(game, {"R": lambda rng, n: rng.uniform(0, 3, n)}, n=300, rng=1, fixed={"c": 1},
    ...                      outcomes={"row payoff": Payoff(0)})
    >>> ax = plot_monte_carlo(result)
    >>> [tick.get_text() for tick in ax.get_yticklabels()]  # most likely on top
    ['Player 1: s1; Player 2: s1', 'Player 1: s2; Player 2: s1']
    >>> histogram = ax.figure.axes[1]
    >>> histogram.get_xlabel(), int(sum(histogram.patches[0].get_data().values))  # every draw has an equilibrium
    ('row payoff', 300)
    """
    require_result(result, MonteCarlo, "plot_monte_carlo")
    ranked = sorted(result.regime_probability.items(), key=lambda item: (-item[1], item[0]))
    outcomes = {name: np.asarray(values, dtype=float) for name, values in result.outcomes.items()}
    panels: list[tuple[Axes, dict[str, np.ndarray]]] = []
    if ax is None and outcome_ax is not None:
        raise InvalidArgumentError("plot_monte_carlo: give ax (for the regime bars) together with outcome_ax")
    if ax is None:
        bars_height = 0.45 * len(ranked) + 0.8
        ax = new_axes(None, figsize=(8, bars_height + 2.6 * len(outcomes) + 0.4))
        if outcomes:  # one panel per outcome, below the bars: outcomes may be on different scales
            figure = ax.figure
            figure.delaxes(ax)
            ax, *below = figure.subplots(1 + len(outcomes), 1, height_ratios=[bars_height] + [2.2] * len(outcomes))
            panels = [(panel, {name: values}) for panel, (name, values) in zip(below, outcomes.items(), strict=True)]
    else:
        ax = new_axes(ax)
        if outcome_ax is not None and outcomes:
            panels = [(new_axes(outcome_ax), outcomes)]
    _draw_regimes(ax, ranked, result.n)
    for panel, shown in panels:
        _draw_outcomes(panel, shown, result.n)
    return ax


def _draw_regimes(ax: Axes, ranked: list[tuple[str, float]], n: int) -> None:
    count = len(ranked)
    rows = np.arange(count - 1, -1, -1)  # the most likely on top
    shares = [share for _, share in ranked]
    bars = ax.barh(rows, shares, height=0.65, color="#4c78a8")
    for bar, (label, share) in zip(bars, ranked, strict=True):
        bar.set_gid(f"regime:{label}")
        ax.annotate(
            f"{share:.3f}",
            (share, bar.get_y() + bar.get_height() / 2),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize="small",
        )
    labels = [_wrap(label) for label, _ in ranked]
    ax.set_yticks(rows, labels, fontsize="small")
    ax.set_ylim(-0.6, count - 0.4)
    ax.set_xlim(0, 1.12)
    ax.set_xticks(np.linspace(0, 1, 6))
    ax.set_xlabel(f"probability of the regime ({n:,} draws)")
    ax.spines[["top", "right"]].set_visible(False)


def _wrap(label: str) -> str:
    if len(label) <= LABEL_WIDTH:
        return label
    # One line per player's part ("US: Strike; Militia: Attack"), each wrapped if still too long.
    parts = ["\n".join(textwrap.wrap(part, LABEL_WIDTH, break_on_hyphens=False)) for part in label.split("; ")]
    return ";\n".join(part for part in parts if part) or label


def _draw_outcomes(ax: Axes, outcomes: dict[str, np.ndarray], n: int) -> None:
    noted = len(outcomes) > 1
    for name, values in outcomes.items():
        finite = values[np.isfinite(values)]
        missing = n - finite.size
        noted = noted or missing > 0
        label = name if not missing else f"{name} ({missing / n:.1%} of draws without equilibrium)"
        if finite.size == 0:
            ax.plot([], [], label=f"{name} (no draw with an equilibrium)")
            noted = True
            continue
        low, high = float(finite.min()), float(finite.max())
        bins = min(MAX_BINS, max(1, len(np.histogram_bin_edges(finite, bins="auto")) - 1))
        value_range = (low - 0.5, high + 0.5) if low == high else (low, high)
        counts, edges = np.histogram(finite, bins=bins, range=value_range)
        (line,) = ax.plot([], [])  # the next colour of the cycle
        color = line.get_color()
        line.remove()
        ax.stairs(counts, edges, fill=True, alpha=0.35, color=color, gid=f"outcome:{name}")
        ax.stairs(counts, edges, color=color, linewidth=1.2, label=label)
    ax.set_xlabel("outcome" if len(outcomes) > 1 else next(iter(outcomes)))
    ax.set_ylabel("draws")
    if noted:
        ax.legend(fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
