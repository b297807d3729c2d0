"""Tests of the match-history plots: render with Agg and check what is drawn."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from matplotlib.figure import Figure

from gametheory.exceptions import InvalidArgumentError
from gametheory.plot.repeated import plot_match, plot_match_payoffs
from gametheory.repeated.match import play_match
from gametheory.repeated.strategies import AlwaysDefect, TitForTat
from gametheory.repeated.thresholds import PrisonersDilemma
from tests.support import render_png

GAME = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game(
    players=("US", "Militia"), strategies=(("Restrain", "Strike"), ("Hold", "Attack"))
)


def test_match_plot_shows_the_echo_and_the_error() -> None:
    match = play_match(GAME, TitForTat(), TitForTat(), rounds=8, forced_errors=[(3, 1)])
    ax = plot_match(match)
    assert render_png(ax).startswith(b"\x89PNG")
    row, column = ax.lines[:2]
    assert row.get_xdata().tolist() == list(range(1, 9))
    # The row band is at 1.5 (Restrain) / 2.5 (Strike); the column band at 0 (Hold) / 1 (Attack).
    assert row.get_ydata().tolist() == [1.5] * 4 + [2.5, 1.5, 2.5, 1.5]
    assert column.get_ydata().tolist() == [0, 0, 0, 1, 0, 1, 0, 1]
    assert row.get_label() == "US (Tit for tat)"
    # Short tick labels (the actions) in each player's colour; the player names on the right-hand axis.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Restrain", "Strike", "Hold", "Attack"]
    colours = [t.get_color() for t in ax.get_yticklabels()]
    assert colours == [row.get_color()] * 2 + [column.get_color()] * 2
    assert row.get_color() != column.get_color()
    (names,) = ax.child_axes
    assert [t.get_text() for t in names.get_yticklabels()] == ["US\n(Tit for tat)", "Militia\n(Tit for tat)"]
    assert names.get_yticks().tolist() == [2.0, 0.5]
    assert [t.get_color() for t in names.get_yticklabels()] == [row.get_color(), column.get_color()]
    (errors,) = ax.collections
    assert errors.get_offsets().tolist() == [[4.0, 1.0]]
    assert errors.get_label() == "implementation error"
    assert ax.get_title() == "Tit for tat vs Tit for tat"
    assert ax.get_xlabel() == "Round"


def test_match_plot_without_errors_has_no_error_markers() -> None:
    ax = plot_match(play_match(GAME, TitForTat(), AlwaysDefect(), rounds=5))
    assert len(ax.collections) == 0
    assert ax.get_legend() is None  # nothing to explain: the bands are named on the right-hand axis
    names = [t.get_text() for t in ax.child_axes[0].get_yticklabels()]
    assert names == ["US\n(Tit for tat)", "Militia\n(Always defect)"]


def test_payoff_plot_is_cumulative() -> None:
    match = play_match(GAME, TitForTat(), TitForTat(), rounds=6, forced_errors=[(2, 0)])
    ax = plot_match_payoffs(match)
    render_png(ax)
    us, militia = ax.lines[:2]
    assert us.get_ydata().tolist() == np.cumsum([3, 3, 5, 0, 5, 0]).tolist()
    assert militia.get_ydata().tolist() == np.cumsum([3, 3, 0, 5, 0, 5]).tolist()
    (marker,) = ax.lines[2:]
    assert marker.get_xdata()[0] == 3
    assert ax.get_ylabel() == "Cumulative payoff"


def test_given_axes_are_used() -> None:
    ax = Figure().add_subplot()
    assert plot_match(play_match(GAME, TitForTat(), TitForTat(), rounds=2), ax=ax) is ax


def test_match_plot_needs_a_match() -> None:
    with pytest.raises(InvalidArgumentError, match="plot_match needs a Match result, not NormalFormGame"):
        plot_match(GAME)  # type: ignore[arg-type]


def test_match_payoffs_plot_needs_a_match() -> None:
    with pytest.raises(InvalidArgumentError, match="plot_match_payoffs needs a Match result, not tuple"):
        plot_match_payoffs((GAME, 3))  # type: ignore[arg-type]


def test_match_plot_layout_keeps_labels_and_legend_clear() -> None:
    game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game(
        players=("United States of America", "Kata'ib Hezbollah"),
        strategies=(("Restrain", "Strike"), ("Hold", "Attack")),
    )
    match = play_match(game, TitForTat(), TitForTat(), rounds=30, forced_errors=[(3, 1), (17, 0)])
    ax = plot_match(match)
    figure = ax.figure
    assert figure.get_layout_engine() is not None  # constrained layout on the figure made here
    render_png(ax)
    renderer = figure.canvas.get_renderer()
    figure_box = figure.bbox
    # Every tick label, name and the title lie inside the figure: nothing is clipped.
    texts = [*ax.get_yticklabels(), *ax.child_axes[0].get_yticklabels(), ax.title]
    for text in texts:
        box = text.get_window_extent(renderer)
        assert figure_box.x0 - 0.5 <= box.x0, text.get_text()
        assert box.x1 <= figure_box.x1 + 0.5, text.get_text()
        assert figure_box.y0 - 0.5 <= box.y0, text.get_text()
        assert box.y1 <= figure_box.y1 + 0.5, text.get_text()
    # The legend lies above every point of the traces, in a single row.
    legend = ax.get_legend()
    legend_box = legend.get_window_extent(renderer)
    points = np.vstack([line.get_xydata() for line in ax.lines])
    top_of_traces = ax.transData.transform(points)[:, 1].max()
    assert legend_box.y0 > top_of_traces
    assert [t.get_text() for t in legend.get_texts()] == ["implementation error"]
    # The legend fits in the axes' width.
    axes_box = ax.get_window_extent(renderer)
    assert axes_box.x0 <= legend_box.x0
    assert legend_box.x1 <= axes_box.x1
    assert all(tick == int(tick) for tick in ax.get_xticks())
