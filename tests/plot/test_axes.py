"""Tests of the axes helpers shared by the plot modules (gametheory/plot/_axes.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("matplotlib")

from matplotlib.figure import Figure

from gametheory.exceptions import InvalidArgumentError
from gametheory.plot._axes import label_axes, new_axes, probability_square, require_result


def test_new_axes_keeps_given_axes() -> None:
    ax = Figure().add_subplot()
    assert new_axes(ax) is ax


def test_new_axes_makes_a_figure_without_pyplot() -> None:
    ax = new_axes(None, figsize=(3, 2))
    assert list(ax.figure.get_size_inches()) == [3, 2]


def test_label_axes_draws_a_legend_only_when_something_is_labelled() -> None:
    ax = new_axes(None)
    ax.plot([0, 1], [0, 1])
    assert label_axes(ax, xlabel="x", ylabel="y", title="t").get_legend() is None
    ax.plot([0, 1], [1, 0], label="line")
    legend = label_axes(ax, legend="upper left").get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["line"]
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("x", "y", "t")


def test_probability_square_labels_first_strategies() -> None:
    ax = new_axes(None)
    probability_square(ax, ("US", "Militia"), (("Strike", "Restrain"), ("Attack", "Hold")), margin=0.1)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("P(US plays Strike)", "P(Militia plays Attack)")
    assert [float(v) for v in ax.get_ylim()] == pytest.approx([-0.1, 1.1])


def test_require_result_names_function_and_type() -> None:
    require_result({}, dict, "f")
    with pytest.raises(InvalidArgumentError, match="f needs a dict result, not int"):
        require_result(3, dict, "f")


def test_ax_must_be_an_axes() -> None:
    with pytest.raises(InvalidArgumentError, match="ax must be a matplotlib Axes, not str"):
        new_axes("x")  # type: ignore[arg-type]
