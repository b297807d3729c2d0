"""Tests of the match-history plots: render with Agg and check what is drawn."""

from __future__ import annotations

import io

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gametheory.exceptions import InvalidArgumentError
from gametheory.plot.repeated import plot_match, plot_match_payoffs
from gametheory.repeated.match import play_match
from gametheory.repeated.strategies import AlwaysDefect, TitForTat
from gametheory.repeated.thresholds import PrisonersDilemma

GAME = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game(
    players=("US", "Militia"), strategies=(("Restrain", "Strike"), ("Hold", "Attack"))
)


def render(ax) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    FigureCanvasAgg(ax.figure).print_png(buffer)
    return buffer.getvalue()


def test_match_plot_shows_the_echo_and_the_error() -> None:
    match = play_match(GAME, TitForTat(), TitForTat(), rounds=8, forced_errors=[(3, 1)])
    ax = plot_match(match)
    assert render(ax).startswith(b"\x89PNG")
    row, column = ax.lines[:2]
    assert row.get_xdata().tolist() == list(range(1, 9))
    # The row band is at 1.5 (Restrain) / 2.5 (Strike); the column band at 0 (Hold) / 1 (Attack).
    assert row.get_ydata().tolist() == [1.5] * 4 + [2.5, 1.5, 2.5, 1.5]
    assert column.get_ydata().tolist() == [0, 0, 0, 1, 0, 1, 0, 1]
    assert row.get_label() == "US (Tit for tat)"
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "US: Restrain",
        "US: Strike",
        "Militia: Hold",
        "Militia: Attack",
    ]
    (errors,) = ax.collections
    assert errors.get_offsets().tolist() == [[4.0, 1.0]]
    assert errors.get_label() == "implementation error"
    assert ax.get_title() == "Tit for tat vs Tit for tat"
    assert ax.get_xlabel() == "Round"


def test_match_plot_without_errors_has_no_error_markers() -> None:
    ax = plot_match(play_match(GAME, TitForTat(), AlwaysDefect(), rounds=5))
    assert len(ax.collections) == 0
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["US (Tit for tat)", "Militia (Always defect)"]


def test_payoff_plot_is_cumulative() -> None:
    match = play_match(GAME, TitForTat(), TitForTat(), rounds=6, forced_errors=[(2, 0)])
    ax = plot_match_payoffs(match)
    render(ax)
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
