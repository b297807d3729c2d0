"""Tests of gametheory.plot.matrix: best-response diagrams and payoff tables, checked by content."""

from __future__ import annotations

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from gametheory.exceptions import ParameterError, UnsupportedGameError  # noqa: E402
from gametheory.games.normal_form import NormalFormGame  # noqa: E402
from gametheory.plot.matrix import BEST_RESPONSE_COLOR, EQUILIBRIUM_COLOR, plot_best_responses, plot_payoff_matrix  # noqa: E402
from tests.support import render_png  # noqa: E402

PENNIES = NormalFormGame.from_bimatrix(
    [[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("Even", "Odd"), strategies=(("Heads", "Tails"), ("Heads", "Tails"))
)
DILEMMA = NormalFormGame.from_bimatrix(
    [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Column"), strategies=(("C", "D"), ("C", "D"))
)


def lines_by_label(ax) -> dict:
    return {line.get_label(): line.get_xydata().tolist() for line in ax.get_lines()}


def equilibrium_points(ax) -> list:
    (points,) = [c for c in ax.collections if c.get_label() == "Nash equilibria"]
    return sorted(map(tuple, np.asarray(points.get_offsets()).tolist()))


def test_matching_pennies_best_responses_cross_at_the_mixed_equilibrium() -> None:
    ax = plot_best_responses(PENNIES)
    render_png(ax)
    lines = lines_by_label(ax)
    # Even plays Heads (p = 1) when Odd plays Heads with q > 1/2; Odd plays Heads (q = 1) when p < 1/2.
    assert lines["Even's best response"] == [[0, 0], [0, 0.5], [1, 0.5], [1, 1]]
    assert lines["Odd's best response"] == [[0, 1], [0.5, 1], [0.5, 0], [1, 0]]
    assert equilibrium_points(ax) == [(0.5, 0.5)]
    assert ax.get_xlabel() == "P(Even plays Heads)"
    assert ax.get_ylabel() == "P(Odd plays Heads)"


def test_dominant_strategies_give_straight_best_responses() -> None:
    ax = plot_best_responses(DILEMMA)
    lines = lines_by_label(ax)
    assert lines["Row's best response"] == [[0, 0], [0, 1]]
    assert lines["Column's best response"] == [[0, 0], [1, 0]]
    assert equilibrium_points(ax) == [(0.0, 0.0)]


def test_indifferent_player_has_the_whole_square() -> None:
    game = NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[2, 0], [0, 1]])
    ax = plot_best_responses(game)
    (square,) = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_label() == "Player 1's best response"]
    assert (square.get_width(), square.get_height()) == (1, 1)
    # Column plays s1 exactly when P(row plays s1) >= 1/3; every such pair is an equilibrium.
    np.testing.assert_allclose(equilibrium_points(ax), [(0, 0), (1 / 3, 0), (1 / 3, 1), (1, 1)])


def test_best_response_kink_at_an_end_point() -> None:
    # Row is indifferent only when the column plays its second strategy (q = 0).
    game = NormalFormGame.from_bimatrix([[1, 0], [0, 0]], [[1, 0], [0, 1]])
    lines = lines_by_label(plot_best_responses(game))
    assert lines["Player 1's best response"] == [[0, 0], [0, 0], [1, 0], [1, 1]]


def test_best_responses_on_the_given_axes() -> None:
    ax = Figure().add_subplot()
    assert plot_best_responses(PENNIES, ax=ax) is ax


def test_best_responses_need_a_2x2_game() -> None:
    with pytest.raises(UnsupportedGameError, match="2x2"):
        plot_best_responses(NormalFormGame.from_bimatrix([[1, 0, 0], [0, 1, 0]], [[0, 1, 0], [1, 0, 0]]))


def test_best_responses_need_numbers() -> None:
    with pytest.raises(ParameterError):
        plot_best_responses(NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]]))


def test_payoff_matrix_highlights_best_responses_and_equilibria() -> None:
    ax = plot_payoff_matrix(DILEMMA)
    render_png(ax)
    cells = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(cells) == 4
    filled = [p for p in cells if matplotlib.colors.to_hex(p.get_facecolor()) == EQUILIBRIUM_COLOR]
    assert [(p.get_x(), p.get_y()) for p in filled] == [(1, 1)]  # (D, D)
    best = sorted(
        (round(t.get_position()[0], 2), round(t.get_position()[1], 2), t.get_text())
        for t in ax.texts
        if t.get_fontweight() == "bold" and matplotlib.colors.to_hex(t.get_color()) == BEST_RESPONSE_COLOR
    )
    # Row's best replies are 5 (vs C) and 1 (vs D); Column's are 5 (vs C) and 1 (vs D).
    assert best == [(0.38, 1.5, "5,"), (1.38, 1.5, "1,"), (1.62, 0.5, "5"), (1.62, 1.5, "1")]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["C", "D"]
    assert ax.get_xlabel() == "Column"
    assert ax.get_ylabel() == "Row"


def test_payoff_matrix_lists_mixed_equilibria() -> None:
    ax = plot_payoff_matrix(PENNIES)
    notes = [t.get_text() for t in ax.texts if t.get_text().startswith("Mixed")]
    assert notes == ["Mixed equilibria:\nEven: Heads 1/2, Tails 1/2; Odd: Heads 1/2, Tails 1/2; payoffs 0, 0"]
    assert not any(p.get_gid() for p in ax.patches)


def test_payoff_matrix_of_a_rectangular_float_game() -> None:
    game = NormalFormGame.from_bimatrix([[1.5, 0.0], [0.0, 1.0], [0.5, 0.5]], [[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]])
    ax = plot_payoff_matrix(game)
    render_png(ax)
    assert len([p for p in ax.patches if isinstance(p, Rectangle)]) == 6
    assert sorted(p.get_gid() for p in ax.patches if p.get_gid()) == ["equilibrium s1/s1", "equilibrium s2/s2"]
    assert "1.5," in [t.get_text() for t in ax.texts]


def test_payoff_matrix_needs_two_players() -> None:
    three = NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        plot_payoff_matrix(three)


def test_payoff_matrix_judges_each_players_best_responses_on_its_own_scale() -> None:
    # Row's payoffs are 1e6, Column's 1e-3: the old single tolerance (1e-3) made every Column payoff a best reply.
    game = NormalFormGame.from_bimatrix([[1e6, 0.0], [0.0, 1e6]], [[0.0, 1e-3], [1e-3, 0.0]])
    ax = plot_payoff_matrix(game)
    assert not any(p.get_gid() for p in ax.patches)
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert sorted(bold) == ["0.001", "0.001", "1e+06,", "1e+06,"]


def test_dollar_signs_in_labels_are_drawn_literally() -> None:
    """Matplotlib reads $...$ as TeX and fails on an unbalanced $; labels are the user's words."""
    import matplotlib

    matplotlib.use("Agg")
    from gametheory import NormalFormGame
    from gametheory.plot import plot_best_responses, plot_payoff_matrix

    game = NormalFormGame.from_bimatrix(
        [[1, 0], [0, 1]],
        [[1, 0], [0, 1]],
        players=("Buyer $", "Seller"),
        strategies=(("Pay $5 or $10", "Offer $5 % fee $2"), ("l", "r")),
    )
    for plot in (plot_payoff_matrix, plot_best_responses):
        ax = plot(game)
        ax.figure.canvas.draw()
        texts = [*ax.get_xticklabels(), *ax.get_yticklabels(), *ax.texts, ax.xaxis.label, ax.yaxis.label]
        dollars = [t for t in texts if "$" in t.get_text()]
        assert dollars, plot.__name__
        assert not any(t.get_parse_math() for t in dollars), plot.__name__
