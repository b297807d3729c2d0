"""Tests of gametheory.plot.sensitivity: render with Agg and check what the figures contain."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.collections import QuadMesh  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from gametheory.exceptions import InvalidArgumentError  # noqa: E402
from gametheory.games.normal_form import NormalFormGame  # noqa: E402
from gametheory.plot.sensitivity import (  # noqa: E402
    SMALL_REGION,
    plot_equilibrium_path,
    plot_regime_map,
    plot_tornado,
)
from gametheory.sensitivity.regime_map import Boundary, RegimeMap, regime_map  # noqa: E402
from gametheory.sensitivity.selection import Payoff, Probability  # noqa: E402
from gametheory.sensitivity.sweep import sweep  # noqa: E402
from gametheory.sensitivity.tornado import tornado  # noqa: E402
from tests.support import render_png, strike_game  # noqa: E402

FIXED = {"b": 1, "c": 2, "d": 1, "k": 5, "l": 1}


def named_lines(ax) -> dict:
    return {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}


def threshold_labels(ax) -> list[str]:
    """The threshold labels, above the plot."""
    return [text.get_text() for text in ax.texts]


def assert_legend_outside(ax) -> None:
    """The legend's rendered box lies outside the axes' box and inside the figure."""
    render_png(ax)
    renderer = ax.figure.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    axes = ax.get_window_extent(renderer)
    assert not legend.overlaps(axes)
    figure = ax.figure.bbox
    assert figure.x0 <= legend.x0
    assert legend.x1 <= figure.x1 + 0.5
    assert figure.y0 <= legend.y0
    assert legend.y1 <= figure.y1 + 0.5


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
    assert threshold_labels(ax) == ["R = 2"]
    renderer = ax.figure.canvas.get_renderer()
    assert ax.texts[0].get_window_extent(renderer).y0 >= ax.get_window_extent(renderer).y1  # above the plot
    assert ax.get_xlabel() == "R"
    assert ax.get_ylabel() == "P(Militia plays Attack)"
    assert ax.get_legend() is not None


def test_equilibrium_path_default_thresholds_are_exact() -> None:
    pytest.importorskip("gametheory.sensitivity.thresholds")
    result = sweep(strike_game(), {"R": np.linspace(0.5, 4, 8)}, fixed=FIXED)
    ax = plot_equilibrium_path(result, Payoff("US"))
    assert threshold_labels(ax) == ["R = 2"]


def test_equilibrium_path_of_a_game_function_labels_grid_thresholds_as_approximate() -> None:
    result = sweep(lambda p: strike_game().substitute(p), {"R": [0.5, 1.25, 3]}, fixed=FIXED)
    ax = plot_equilibrium_path(result, Payoff("US"))
    assert threshold_labels(ax) == ["R ≈ 2.125"]  # the midpoint of 1.25 and 3, not the exact 2
    (line,) = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert list(line.get_xdata()) == [2.125, 2.125]


def test_equilibrium_path_of_a_game_function_locates_thresholds_by_bisection() -> None:
    def game(p):
        return strike_game().substitute(p)

    result = sweep(game, {"R": [0.5, 1.25, 3]}, fixed=FIXED)
    ax = plot_equilibrium_path(result, Payoff("US"), game=game)
    assert threshold_labels(ax) == ["R = 2"]
    (line,) = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert line.get_xdata()[0] == pytest.approx(2, abs=1e-8)


def test_equilibrium_path_marks_isolated_points() -> None:
    # At R == c exactly (and only there) the US may mix: that branch holds at one grid point.
    result = sweep(strike_game(), {"R": [1, 2, 3, 3.5]}, fixed=FIXED)
    ax = plot_equilibrium_path(result, Payoff("Militia"), thresholds=())
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert [list(line.get_xdata()) for line in dots] == [[2.0]]
    assert threshold_labels(ax) == []


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
    sliver = "US: Restrain; Militia: Attack | US mixes Strike/Restrain; Militia: Attack"
    assert share[sliver] >= SMALL_REGION  # the grid diagonal R == c: a sliver, labelled in the legend only
    assert texts == {" ".join(label.split()) for label, part in share.items() if part >= SMALL_REGION} - {sliver}
    # The legend lists the boundary, then every regime (wrapped over lines).
    legend = [" ".join(t.get_text().split()) for t in ax.get_legend().get_texts()]
    assert legend[0] == "c = R"
    assert legend[1:] == [result.regimes[c] for c in codes]
    assert_legend_outside(ax)
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
    assert "* not monotone over the range" in [text.get_text() for text in ax.get_legend().get_texts()]
    assert_legend_outside(ax)


def test_tornado_legend_lies_outside_the_axes_and_labels_describe_parameters() -> None:
    game = strike_game()
    base = {"R": 3, "b": 1, "c": 2, "d": 1, "k": 5, "l": 1}
    result = tornado(game, Payoff("US"), base=base, ranges={"R": (2.5, 4), "c": (1, 2.5), "d": (0.5, 2)})
    ax = plot_tornado(result, labels={"R": "reputation cost", "c": "strike cost"})
    assert_legend_outside(ax)
    ticks = {tick.get_text() for tick in ax.get_yticklabels()}
    assert {"reputation cost R (2.5 to 4)", "strike cost c (1 to 2.5)", "d (0.5 to 2)"} == ticks


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
    assert [" ".join(t.get_text().split()) for t in legend.get_texts()] == list(named_lines(ax))
    assert_legend_outside(ax)


def test_equilibrium_path_legend_outside_widens_a_figure_without_layout_engine() -> None:
    figure = Figure(figsize=(5, 4))
    ax = figure.add_subplot()
    result = sweep(strike_game(), {"R": np.linspace(0.5, 4, 8)}, fixed=FIXED)
    plot_equilibrium_path(result, Payoff("US"), ax=ax, thresholds=[2])
    assert figure.get_figwidth() > 5
    assert ax.get_position().width * figure.get_figwidth() == pytest.approx(0.775 * 5)  # the axes keep their size
    assert_legend_outside(ax)
    # The legend covers no threshold line: the line lies inside the axes, the legend outside.
    renderer = figure.canvas.get_renderer()
    (line,) = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert not line.get_window_extent(renderer).overlaps(ax.get_legend().get_window_extent(renderer))


def test_axis_labels_use_parameter_descriptions() -> None:
    names = {"R": "reputation cost", "c": "strike cost"}
    path = plot_equilibrium_path(sweep(strike_game(), {"R": [1, 3]}, fixed=FIXED), Payoff("US"), labels=names)
    assert path.get_xlabel() == "reputation cost R"
    result = regime_map(strike_game(), x=("R", [1, 2, 3]), y=("c", [1, 2, 3]), fixed={"b": 1, "d": 1, "k": 5, "l": 1})
    ax = plot_regime_map(result, labels=names)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("reputation cost R", "strike cost c")


def many_regimes(count: int = 20, long: bool = False) -> RegimeMap:
    """Ten columns below y = 2 and nine above (the two left columns share a regime there), a corner block.

    So the boundary x = 1 separates regimes only below y = 2, and y = 3 is a candidate that separates
    only in the corner.
    """
    x_values, y_values = np.linspace(0, 10, 101), np.linspace(0, 4, 81)
    xx, yy = np.meshgrid(x_values, y_values)
    column = np.minimum(xx.astype(int), 9)
    regime = np.where(yy > 2, np.maximum(column - 1, 0) + 10, column)
    regime = np.where((xx > 9) & (yy > 3), 19, regime)
    suffix = "; Player B mixes t1/t2; Player C: u1 | Player A: s9; Player B: t2; Player C: u2" if long else ""
    labels = tuple(f"Player A: s{i}{suffix}" for i in range(count))
    x, y = sympy.symbols("x y")
    boundaries = [Boundary(x - k, (sympy.Eq(x, k),), ()) for k in range(1, 10)]
    boundaries += [Boundary(y - 2, (sympy.Eq(y, 2),), ()), Boundary(y - 3, (sympy.Eq(y, 3),), ())]
    return RegimeMap("x", "y", x_values, y_values, regime, labels, tuple(boundaries), {}, None)  # type: ignore[arg-type]


def test_twenty_regimes_have_distinct_colours_and_hatches() -> None:
    result = many_regimes()
    ax = plot_regime_map(result)
    assert_legend_outside(ax)
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    faces = [tuple(np.round(mesh.cmap(mesh.norm(code)), 4)) for code in range(20)]
    hatches = {int(p.get_gid().rsplit("-", 1)[1]): p.get_hatch() for p in ax.patches if p.get_gid()}
    styles = [(faces[code], hatches.get(code)) for code in range(20)]
    assert len(set(styles)) == 20
    # The legend's swatches show the same styles, opaque and outlined (a sliver's swatch stays visible).
    swatches = [h for h in ax.get_legend().legend_handles if isinstance(h, Patch)]
    assert len(swatches) == 20
    assert len({(tuple(np.round(h.get_facecolor(), 4)), h.get_hatch()) for h in swatches}) == 20
    for handle, (face, hatch) in zip(swatches, styles, strict=True):
        assert tuple(np.round(handle.get_facecolor(), 4)) == face
        assert (handle.get_hatch() or None) == (hatch or None)
        assert handle.get_facecolor()[3] == 1
        assert handle.get_linewidth() > 0
        assert max(face[:3]) - min(face[:3]) > 0.05 or max(face[:3]) < 0.85  # not near white


def test_boundaries_are_drawn_only_where_they_separate_regimes() -> None:
    result = many_regimes()
    ax = plot_regime_map(result)
    drawn = named_lines(ax)
    assert "y = 3" in drawn  # it separates the corner block from the column below it
    step_x, step_y = 1.5 * 0.1, 1.5 * 0.05  # one and a half grid cells
    for label, line in drawn.items():
        x, y = (np.asarray(values, dtype=float) for values in line.get_data())
        finite = np.isfinite(x) & np.isfinite(y)
        # The points of each drawn run more than half a grid cell from its ends: a run ends at the exact
        # crossing of another boundary, which can lie up to half a cell from where the nearest grid point
        # (all this check sees) changes regime; the ends are checked exactly in the test below.
        half = 10
        points = finite.copy()
        for shift in range(1, half + 1):
            points &= np.r_[[False] * shift, finite[:-shift]] & np.r_[finite[shift:], [False] * shift]
        assert points.any(), label
        for px, py in zip(x[points], y[points], strict=True):
            if label.startswith("x"):
                sides = result.regime_at(px - step_x, py), result.regime_at(px + step_x, py)
            else:
                sides = result.regime_at(px, py - step_y), result.regime_at(px, py + step_y)
            assert sides[0] != sides[1], (label, px, py)
    # x = 1 separates the first two columns only below y = 2; y = 3 only for x > 9.
    x, y = (np.asarray(values, dtype=float) for values in drawn["x = 1"].get_data())
    assert np.nanmax(y) <= 2.1
    x, y = (np.asarray(values, dtype=float) for values in drawn["y = 3"].get_data())
    assert np.nanmin(x) >= 8.9


def test_region_labels_sit_inside_their_regions() -> None:
    result = many_regimes()
    ax = plot_regime_map(result)
    render_png(ax)
    renderer = ax.figure.canvas.get_renderer()
    to_data = ax.transData.inverted()
    legend_box = ax.get_legend().get_window_extent(renderer)
    number = {str(n): label for n, label in enumerate(result.regimes, start=1)}
    assert len(ax.texts) == 20
    for text in ax.texts:
        label = number.get(text.get_text(), " ".join(text.get_text().split()))
        box = text.get_window_extent(renderer)
        assert not box.overlaps(legend_box)
        for corner in box.corners():
            assert result.regime_at(*to_data.transform(corner)) == label


def test_long_labels_wrap_and_the_figure_stays_a_sensible_size() -> None:
    ax = plot_regime_map(many_regimes(long=True))
    assert_legend_outside(ax)
    width, height = ax.figure.get_size_inches()
    assert width <= 16
    assert height <= 12
    assert max(len(line) for t in ax.get_legend().get_texts() for line in t.get_text().splitlines()) <= 44


@pytest.mark.parametrize(
    ("r_values", "l_values"),
    [
        (np.linspace(0.2, 5, 20), np.linspace(0.2, 6, 20)),  # a coarse grid off the boundaries
        (np.linspace(0.5, 5, 10), np.linspace(0.5, 6, 12)),  # a coarser one through them: ties at grid points
    ],
)
def test_boundaries_stop_where_the_regimes_stop_differing_on_a_coarse_grid(
    r_values: np.ndarray, l_values: np.ndarray
) -> None:
    from fractions import Fraction

    from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
    from gametheory.plot._regime_map import boundary_polylines
    from gametheory.scenarios import stay_or_withdraw

    fixed = {"d": 1, "c": 2, "b": 1, "k": 3, "l": 1, "V": 1}
    tree = stay_or_withdraw()
    result = regime_map(tree, x=("R", r_values), y=("L", l_values), fixed=fixed)
    exact = subgame_perfect_regimes(tree.fix_parameters(fixed))

    def regimes_at(r: float, loss: float) -> frozenset[str]:
        point = {"R": Fraction(r).limit_denominator(10**6), "L": Fraction(loss).limit_denominator(10**6)}
        return frozenset(regime.label for regime in exact if regime.holds_at(point))

    polylines = boundary_polylines(result)
    assert {label for label, _, _ in polylines} == {"L = 3", "R = 2", "L = R + 1"}
    eps = 1e-3 * 5
    checked = 0
    for _, px, py in polylines:
        kept = np.flatnonzero(np.isfinite(px))
        runs = np.split(kept, np.flatnonzero(np.diff(kept) > 1) + 1)
        for run in runs:
            # Both ends (two samples in) and points along the way.
            for k in {*run[2:-2:40].tolist(), int(run[2]), int(run[-3])}:
                du, dv = px[k + 1] - px[k - 1], py[k + 1] - py[k - 1]
                nu, nv = -dv / np.hypot(du, dv) * eps, du / np.hypot(du, dv) * eps
                left, right = regimes_at(px[k] + nu, py[k] + nv), regimes_at(px[k] - nu, py[k] - nv)
                assert left != right, (px[k], py[k])
                checked += 1
    assert checked > 20
    # The three boundaries meet at the junction (2, 3) and none runs past it.
    for label, px, py in polylines:
        finite = np.isfinite(px)
        if label == "L = R + 1":
            assert px[finite].max() == pytest.approx(2, abs=0.01)
        if label == "L = 3":
            assert px[finite].min() == pytest.approx(2, abs=0.01)
        if label == "R = 2":
            assert py[finite].min() == pytest.approx(3, abs=0.01)
