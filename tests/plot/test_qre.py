"""Tests of gametheory.plot.qre: the QRE path and QRE probabilities over a parameter, rendered with Agg."""

from __future__ import annotations

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gametheory import NormalFormGame, logit_qre, qre_path  # noqa: E402
from gametheory.exceptions import InvalidArgumentError, ParameterError  # noqa: E402
from gametheory.plot import plot_equilibrium_path, plot_qre_path, plot_qre_probabilities  # noqa: E402
from gametheory.scenarios import stay_or_withdraw, strike_or_restrain  # noqa: E402
from gametheory.sensitivity import Probability, QREModel, sweep  # noqa: E402
from tests.support import render_png  # noqa: E402

NUMERIC = {
    "casualty_cost": 3,
    "strike_cost": 1,
    "reputation_cost": 2,
    "attack_gain": 1,
    "strike_damage": 4,
    "legitimacy_gain": 1,
}
FIXED = {"c": 1, "d": 3, "b": 1, "k": 3, "l": 0.5}
R_VALUES = np.linspace(0.2, 4, 39)


def labelled(ax) -> list[str]:
    return [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]


def limit_markers(ax) -> list:
    return [line for line in ax.get_lines() if line.get_gid() == "nash-limit"]


def bands(ax) -> list[PolyCollection]:
    return [c for c in ax.collections if str(c.get_gid()).startswith("qre-band:")]


# ---------------------------------------------------------------------- plot_qre_path


def test_path_has_one_line_per_strategy_following_the_path() -> None:
    path = qre_path(strike_or_restrain(**NUMERIC))
    ax = plot_qre_path(path)
    render_png(ax)
    assert labelled(ax) == ["US: Strike", "US: Restrain", "Militia: Attack", "Militia: Hold", "Nash limit"]
    lines = [line for line in ax.get_lines() if line.get_label() in labelled(ax)[:4]]
    for k, line in enumerate(lines):
        player, strategy = divmod(k, 2)
        np.testing.assert_array_equal(line.get_xdata(), path.lambdas)
        np.testing.assert_array_equal(line.get_ydata(), path.probabilities(player)[:, strategy])
    assert ax.get_xscale() == "symlog"  # this branch runs out to a very large lam
    assert ax.get_xlabel() == "precision λ"


def test_nash_limit_markers_are_the_limit_probabilities_at_the_right_edge() -> None:
    path = qre_path(strike_or_restrain(**NUMERIC))
    ax = plot_qre_path(path)
    markers = limit_markers(ax)
    expected = np.concatenate(path.limit.as_float())  # 1/3, 2/3, 1/2, 1/2
    assert [float(m.get_ydata()[0]) for m in markers] == pytest.approx(expected.tolist())
    assert all(float(m.get_xdata()[0]) == float(path.lambdas.max()) for m in markers)
    assert ax.get_xlim()[1] == pytest.approx(float(path.lambdas.max()))
    # Each marker has its line's colour; the legend shows one "Nash limit" entry.
    colours = [line.get_color() for line in ax.get_lines() if line.get_label() in labelled(ax)[:4]]
    assert [m.get_markeredgecolor() for m in markers] == colours
    assert [t.get_text() for t in ax.get_legend().get_texts()].count("Nash limit") == 1


def test_path_of_one_player_and_a_linear_axis_for_a_short_path() -> None:
    game = NormalFormGame.from_bimatrix([[3, 0], [1, 2]], [[2, 1], [0, 3]])
    path = qre_path(game)
    ax = plot_qre_path(path, player="Player 2")
    assert labelled(ax) == ["Player 2: s1", "Player 2: s2", "Nash limit"]
    assert [float(m.get_ydata()[0]) for m in limit_markers(ax)] == pytest.approx(path.limit.as_float()[1].tolist())
    assert ax.get_xscale() == "linear"
    assert labelled(plot_qre_path(path, player=0))[:2] == ["Player 1: s1", "Player 1: s2"]


def test_path_stopped_before_its_limit_has_no_marker() -> None:
    path = qre_path(strike_or_restrain(**NUMERIC), max_lambda=2)
    assert path.limit is None
    ax = plot_qre_path(path)
    assert limit_markers(ax) == []
    assert "Nash limit" not in labelled(ax)


def test_path_of_a_tree_is_labelled_by_information_set() -> None:
    tree = stay_or_withdraw(
        casualty_cost=2,
        strike_cost=1,
        reputation_cost=3,
        withdrawal_loss=10,
        attack_gain=1,
        strike_damage=3,
        legitimacy_gain=1,
        militia_prize=5,
    )
    path = qre_path(tree)
    ax = plot_qre_path(path)
    render_png(ax)
    names = labelled(ax)
    assert names[-1] == "Nash limit"
    assert len(names) - 1 == sum(len(s) for s in path.strategies)
    assert len(limit_markers(ax)) == len(names) - 1


def test_path_draws_on_the_given_axes_and_rejects_bad_input() -> None:
    path = qre_path(NormalFormGame.from_bimatrix([[3, 0], [1, 2]], [[2, 1], [0, 3]]))
    ax = Figure().add_subplot()
    assert plot_qre_path(path, ax=ax) is ax
    with pytest.raises(InvalidArgumentError, match="QREPath"):
        plot_qre_path(logit_qre(path.game, 1.0))
    with pytest.raises(InvalidArgumentError, match="unknown player"):
        plot_qre_path(path, player="Iran")
    with pytest.raises(InvalidArgumentError, match="unknown player"):
        plot_qre_path(path, player=2)


# ---------------------------------------------------------------------- plot_qre_probabilities


def test_probabilities_match_the_qre_at_each_value() -> None:
    game = strike_or_restrain()
    ax = plot_qre_probabilities(game, "R", R_VALUES, player="US", lam=2.0, fixed=FIXED)
    render_png(ax)
    assert labelled(ax) == ["US: Strike (QRE, λ = 2)", "US: Restrain (QRE, λ = 2)"]
    assert bands(ax) == []
    strike = ax.get_lines()[0]
    for x, y in zip(strike.get_xdata()[::10], strike.get_ydata()[::10], strict=True):
        point = strike_or_restrain(
            casualty_cost=3,
            strike_cost=1,
            reputation_cost=float(x),
            attack_gain=1,
            strike_damage=3,
            legitimacy_gain=0.5,
        )  # FIXED, with R = x
        assert y == pytest.approx(float(logit_qre(point, 2.0).profile[0][0]), abs=1e-7)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("R", "QRE probability")


def test_band_spans_the_probabilities_over_the_range_of_lam() -> None:
    game = strike_or_restrain()
    ax = plot_qre_probabilities(
        game, "R", R_VALUES, player="Militia", strategy="Attack", lam=2.0, fixed=FIXED, band=(1.0, 4.0)
    )
    render_png(ax)
    (band,) = bands(ax)
    assert band.get_gid() == "qre-band:Militia: Attack"
    assert band.get_label() == "Militia: Attack, λ from 1 to 4"
    (line,) = ax.get_lines()
    assert band.get_facecolor()[0][:3] == pytest.approx(matplotlib.colors.to_rgb(line.get_color()))
    # The band's outline holds the envelope: the lowest and highest probability over lam in [1, 4].
    vertices = band.get_paths()[0].vertices
    model = QREModel(game, lam="lam").fix(FIXED)
    grid = model.solve_grid({"R": R_VALUES[:, None], "lam": np.array([1.0, 2.5, 4.0])[None, :]}, (R_VALUES.size, 3))
    attack = grid.probabilities[1][..., 0]
    for x, low, high in zip(R_VALUES, attack.min(axis=1), attack.max(axis=1), strict=True):
        ys = vertices[np.isclose(vertices[:, 0], x), 1]
        assert ys.min() <= low + 1e-9
        assert ys.max() >= high - 1e-9
        assert ys.min() <= line.get_ydata()[np.isclose(R_VALUES, x)][0] <= ys.max()


def test_overlay_on_the_equilibrium_path_plot() -> None:
    game = strike_or_restrain()
    ax = plot_equilibrium_path(sweep(game, {"R": R_VALUES}, fixed=FIXED), Probability("Militia", "Attack"))
    before = labelled(ax)
    ylabel = ax.get_ylabel()
    out = plot_qre_probabilities(
        game, "R", R_VALUES, player=1, strategy=0, lam=3.0, fixed=FIXED, ax=ax, band=(2, 4), label="QRE"
    )
    render_png(ax)
    assert out is ax
    assert labelled(ax) == [*before, "QRE"]
    assert ax.get_ylabel() == ylabel  # the equilibrium-path plot's labels are kept
    assert len(bands(ax)) == 1
    assert ax.get_legend() is not None


def test_model_with_a_fixed_lam() -> None:
    model = QREModel(strike_or_restrain(), lam=1.5, fixed=FIXED)
    ax = plot_qre_probabilities(model, "R", R_VALUES, player="Militia", strategy="Hold")
    assert labelled(ax) == ["Militia: Hold (QRE, λ = 1.5)"]
    with pytest.raises(InvalidArgumentError, match="band needs lam as a parameter"):
        plot_qre_probabilities(model, "R", R_VALUES, player="Militia", band=(1, 2))
    with pytest.raises(InvalidArgumentError, match="do not give lam"):
        plot_qre_probabilities(model, "R", R_VALUES, player="Militia", lam=2)


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"lam": None}, InvalidArgumentError, "give lam"),
        ({"lam": -1.0}, InvalidArgumentError, "lam must be"),
        ({"lam": float("nan")}, InvalidArgumentError, "lam must be"),
        ({"player": "Iran"}, InvalidArgumentError, "unknown player"),
        ({"strategy": "Withdraw"}, InvalidArgumentError, "unknown strategy"),
        ({"band": (3.0, 1.0)}, InvalidArgumentError, "low <= high"),
        ({"band": (1.0,)}, InvalidArgumentError, "pair"),
        ({"values": [[1.0, 2.0]]}, InvalidArgumentError, "1-D"),
        ({"values": [1.0, float("inf")]}, InvalidArgumentError, "finite"),
        ({"fixed": {"c": 1}}, ParameterError, "no value given"),
        ({"model": "game"}, InvalidArgumentError, "NormalFormGame or a QREModel"),
    ],
)
def test_probabilities_reject_bad_input(options, error, match) -> None:
    arguments = {"model": strike_or_restrain(), "values": R_VALUES, "player": "Militia", "lam": 1.0, "fixed": FIXED}
    arguments.update(options)
    model, values = arguments.pop("model"), arguments.pop("values")
    with pytest.raises(error, match=match):
        plot_qre_probabilities(model, "R", values, **arguments)
