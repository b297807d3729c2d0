"""Tests of gametheory.plot.sensitivity: render with Agg and check what the figures contain."""

from __future__ import annotations

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.collections import QuadMesh  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gametheory.exceptions import InvalidArgumentError  # noqa: E402
from gametheory.games.normal_form import NormalFormGame  # noqa: E402
from gametheory.plot.sensitivity import (  # noqa: E402
    SMALL_REGION,
    plot_equilibrium_path,
    plot_regime_map,
    plot_tornado,
)
from gametheory.sensitivity.regime_map import regime_map  # noqa: E402
from gametheory.sensitivity.selection import Payoff, Probability  # noqa: E402
from gametheory.sensitivity.sweep import sweep  # noqa: E402
from gametheory.sensitivity.tornado import tornado  # noqa: E402
from tests.support import render_png, strike_game  # noqa: E402

FIXED = {"b": 1, "c": 2, "d": 1, "k": 5, "l": 1}


def named_lines(ax) -> dict:
    return {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}


def test_equilibrium_path_draws_every_branch_and_the_threshold() -> None:
    values = np.linspace(0.5, 4, 36)
    result = sweep(strike_game(), {"R": values}, fixed=FIXED)
    ax = plot_equilibrium_path(result, Probability("Militia", "Attack"), thresholds=[2])
    render_png(ax)
    lines = named_lines(ax)
    restraint = lines["US: Restrain; Militia: Attack"]
    mixed = lines["US mixes Strike/Restrain; Militia mixes Attack/Hold"]
    x, y = mixed.get_data()
    np.testing.assert_allclose(x, values)
    above = values > 2
    np.testing.assert_allclose(np.asarray(y)[above], 2 / values[above])  # attack probability c/R
    assert np.all(np.isnan(np.asarray(y)[values < 2]))
    assert np.all(np.asarray(restraint.get_data()[1])[values <= 2] == 1.0)
    vertical = [line for line in ax.get_lines() if list(line.get_xdata()) == [2, 2]]
    assert len(vertical) == 1
    assert vertical[0].get_linestyle() == "--"
    assert "R = 2" in [text.get_text() for text in ax.texts]
    assert ax.get_xlabel() == "R"
    assert ax.get_ylabel() == "P(Militia plays Attack)"
    assert ax.get_legend() is not None


def test_equilibrium_path_default_thresholds_are_exact() -> None:
    pytest.importorskip("gametheory.sensitivity.thresholds")
    result = sweep(strike_game(), {"R": np.linspace(0.5, 4, 8)}, fixed=FIXED)
    ax = plot_equilibrium_path(result, Payoff("US"))
    assert "R = 2" in [text.get_text() for text in ax.texts]


def test_equilibrium_path_of_a_game_function_marks_regime_changes() -> None:
    result = sweep(lambda p: strike_game().substitute(p), {"R": [1, 3]}, fixed=FIXED)
    ax = plot_equilibrium_path(result, Payoff("US"))
    assert "R = 2" in [text.get_text() for text in ax.texts]


def test_equilibrium_path_marks_isolated_points() -> None:
    # At R == c exactly (and only there) the US may mix: that branch holds at one grid point.
    result = sweep(strike_game(), {"R": [1, 2, 3, 3.5]}, fixed=FIXED)
    ax = plot_equilibrium_path(result, Payoff("Militia"), thresholds=())
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert [list(line.get_xdata()) for line in dots] == [[2.0]]
    assert len(ax.texts) == 0


def test_equilibrium_path_draws_on_the_given_axes() -> None:
    ax = Figure().add_subplot()
    result = sweep(strike_game(), {"R": [1, 3]}, fixed=FIXED)
    assert plot_equilibrium_path(result, Payoff("US"), thresholds=(), ax=ax) is ax


def test_equilibrium_path_needs_a_one_parameter_sweep() -> None:
    result = sweep(strike_game(), {"R": [1, 3], "c": [1, 2]}, fixed={"b": 1, "d": 1, "k": 5, "l": 1})
    with pytest.raises(InvalidArgumentError, match="one parameter"):
        plot_equilibrium_path(result, Payoff("US"))


def test_regime_map_shows_regions_labels_and_the_boundary() -> None:
    result = regime_map(
        strike_game(),
        x=("R", np.linspace(0.1, 4, 30)),
        y=("c", np.linspace(0.1, 4, 30)),
        fixed={"b": 1, "d": 1, "k": 5, "l": 1},
    )
    ax = plot_regime_map(result)
    render_png(ax)
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    np.testing.assert_array_equal(np.asarray(mesh.get_array()).reshape(result.regime.shape), result.regime)
    texts = {" ".join(text.get_text().split()) for text in ax.texts}
    codes, counts = np.unique(result.regime, return_counts=True)
    share = dict(zip((result.regimes[c] for c in codes), counts / result.regime.size, strict=True))
    assert texts == {" ".join(label.split()) for label, part in share.items() if part >= SMALL_REGION}
    # The sliver R == c (one grid diagonal) is named in the legend with the boundary.
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "c = R"
    assert set(legend[1:]) == {label for label, part in share.items() if part < SMALL_REGION}
    assert "US: Restrain; Militia: Attack | US mixes Strike/Restrain; Militia: Attack" in legend
    (boundary,) = named_lines(ax).values()
    x, y = boundary.get_data()
    np.testing.assert_allclose(y, x)  # the boundary c = R
    assert boundary.get_label() == "c = R"
    assert ax.get_xlabel() == "R"
    assert ax.get_ylabel() == "c"


def test_tornado_chart_bars_follow_the_result() -> None:
    game = strike_game()
    base = {"R": 3, "b": 1, "c": 2, "d": 1, "k": 5, "l": 1}
    result = tornado(game, Payoff("US"), base=base, ranges={"R": (2.5, 4), "c": (1, 2.5), "d": (0.5, 2)})
    ax = plot_tornado(result)
    render_png(ax)
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels == [f"{bar.parameter} ({bar.low:g} to {bar.high:g})" for bar in result.bars]
    positions = list(ax.get_yticks())
    assert positions == sorted(positions, reverse=True)  # largest swing on top
    low = [p for p in ax.patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb("tab:blue")]
    high = [p for p in ax.patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb("tab:orange")]
    assert [p.get_width() for p in low] == pytest.approx([bar.outcome_low - result.base_outcome for bar in result.bars])
    assert [p.get_width() for p in high] == pytest.approx(
        [bar.outcome_high - result.base_outcome for bar in result.bars]
    )
    assert all(p.get_x() == pytest.approx(result.base_outcome) for p in low + high)
    assert not any(p.get_hatch() for p in ax.patches)


def test_tornado_chart_marks_non_monotone_bars() -> None:
    game = NormalFormGame.from_bimatrix([["a"], ["1 - a + b"]], [[0], [0]])
    result = tornado(game, Payoff(0), base={"a": 0.25, "b": 0}, ranges={"a": (0, 1), "b": (0, 0.1)})
    ax = plot_tornado(result)
    render_png(ax)
    assert next(tick.get_text() for tick in ax.get_yticklabels()) == "a (0 to 1) *"
    (hatched,) = [p for p in ax.patches if p.get_hatch()]
    assert hatched.get_x() == pytest.approx(0.5)
    assert hatched.get_width() == pytest.approx(0.5)
    assert "* not monotone over the range" in [text.get_text() for text in ax.texts]


def test_tornado_chart_needs_a_tornado() -> None:
    with pytest.raises(InvalidArgumentError, match="Tornado"):
        plot_tornado("tornado")  # type: ignore[arg-type]


def test_regime_map_plot_needs_a_regime_map() -> None:
    result = sweep(strike_game(), {"R": [1, 3]}, fixed=FIXED)
    with pytest.raises(InvalidArgumentError, match="plot_regime_map needs a RegimeMap result, not Sweep"):
        plot_regime_map(result)  # type: ignore[arg-type]


def test_equilibrium_path_legend_lists_the_drawn_branches() -> None:
    result = sweep(strike_game(), {"R": [1, 3]}, fixed=FIXED)
    ax = plot_equilibrium_path(result, Payoff("US"), thresholds=())
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == list(named_lines(ax))
