"""Tests of gametheory.plot.monte_carlo: regime bars and outcome histograms, rendered with Agg."""

from __future__ import annotations

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from gametheory.exceptions import InvalidArgumentError  # noqa: E402
from gametheory.plot import plot_monte_carlo  # noqa: E402
from gametheory.sensitivity.monte_carlo import monte_carlo  # noqa: E402
from gametheory.sensitivity.selection import Payoff, Probability  # noqa: E402
from tests.support import render_png, strike_game  # noqa: E402

FIXED = {"d": 3, "c": 1, "b": 1, "k": 2}


def draws(n: int = 400, outcomes: dict | None = None):
    return monte_carlo(
        strike_game(),
        {"R": lambda rng, size: rng.uniform(0.5, 3.5, size), "l": lambda rng, size: rng.uniform(0, 2, size)},
        fixed=FIXED,
        n=n,
        rng=7,
        outcomes=outcomes,
    )


def regime_bars(ax) -> dict[str, float]:
    return {bar.get_gid().removeprefix("regime:"): bar.get_width() for bar in ax.patches if bar.get_gid()}


def test_bars_match_the_regime_probabilities_sorted_with_readable_labels() -> None:
    result = draws(outcomes={"attack": Probability("Militia", "Attack"), "US payoff": Payoff("US")})
    ax = plot_monte_carlo(result)
    render_png(ax)
    bars = regime_bars(ax)
    assert bars == pytest.approx(dict(result.regime_probability))
    labels = [tick.get_text().replace(";\n", "; ").replace("\n", " ") for tick in ax.get_yticklabels()]
    assert labels == sorted(result.regime_probability, key=lambda label: -result.regime_probability[label])
    shown = {text.get_text() for text in ax.texts}
    assert {f"{share:.3f}" for share in result.regime_probability.values()} <= shown
    # The labels fit in the figure: nothing is clipped on the left.
    renderer = ax.figure.canvas.get_renderer()
    assert min(tick.get_window_extent(renderer).x0 for tick in ax.get_yticklabels()) >= 0


def test_one_histogram_per_outcome_counting_the_finite_draws() -> None:
    result = draws(outcomes={"attack": Probability("Militia", "Attack"), "US payoff": Payoff("US")})
    ax = plot_monte_carlo(result)
    panels = ax.figure.axes[1:]
    assert [panel.get_xlabel() for panel in panels] == ["attack", "US payoff"]
    for panel, name in zip(panels, ["attack", "US payoff"], strict=True):
        (filled,) = [p for p in panel.patches if p.get_gid() == f"outcome:{name}"]
        counts = filled.get_data().values
        assert counts.sum() == np.isfinite(result.outcomes[name]).sum()


def test_missing_outcomes_are_left_out_of_the_histogram_and_noted() -> None:
    result = draws()
    outcomes = {"with gaps": np.where(np.arange(result.n) % 4 == 0, np.nan, np.arange(result.n, dtype=float))}
    gappy = type(result)(**{**result.__dict__, "outcomes": outcomes})
    figure = Figure()
    ax, below = figure.subplots(2, 1)
    assert plot_monte_carlo(gappy, ax=ax, outcome_ax=below) is ax
    (filled,) = [p for p in below.patches if p.get_gid() == "outcome:with gaps"]
    assert filled.get_data().values.sum() == result.n - result.n // 4
    assert "25.0% of draws without equilibrium" in below.get_legend().get_texts()[0].get_text()


def test_without_outcomes_only_the_bars_are_drawn() -> None:
    result = draws()
    ax = plot_monte_carlo(result)
    assert len(ax.figure.axes) == 1
    given = Figure().add_subplot()
    assert plot_monte_carlo(draws(outcomes={"attack": Probability("Militia", "Attack")}), ax=given) is given
    assert len(given.figure.axes) == 1


def test_bad_arguments_are_rejected() -> None:
    with pytest.raises(InvalidArgumentError, match="MonteCarlo"):
        plot_monte_carlo({"a": 1})
    with pytest.raises(InvalidArgumentError, match="outcome_ax"):
        plot_monte_carlo(draws(), outcome_ax=Figure().add_subplot())
