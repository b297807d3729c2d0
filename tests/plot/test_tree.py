"""Tests of gametheory.plot.tree: render with Agg and check what the tree drawing contains."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from gametheory.exceptions import InvalidArgumentError  # noqa: E402
from gametheory.games.extensive_form import ExtensiveFormGame  # noqa: E402
from gametheory.games.tree_nodes import decision, terminal  # noqa: E402
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes  # noqa: E402
from gametheory.plot import plot_tree  # noqa: E402
from gametheory.plot.tree import EDGE, PLAYED, tree_layout  # noqa: E402
from gametheory.scenarios import plausible_deniability, stay_or_withdraw  # noqa: E402
from gametheory.solvers.behavior import beliefs, tree_equilibria  # noqa: E402
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria  # noqa: E402
from tests.support import centipede, render_png, stay_or_withdraw_tree  # noqa: E402

NUMBERS = {
    "casualty_cost": 2,
    "strike_cost": 1,
    "reputation_cost": 3,
    "withdrawal_loss": 10,
    "attack_gain": 1,
    "strike_damage": 1,
    "legitimacy_gain": 1,
    "militia_prize": 5,
}


@dataclass(frozen=True)
class Assessment:
    """A perfect Bayesian equilibrium as a record: behaviour and beliefs per information set."""

    behavior: tuple[Any, ...]
    beliefs: tuple[Any, ...]


def texts(ax, kind: str) -> dict[int, str]:
    return {int(t.get_gid().split(":")[1]): t.get_text() for t in ax.texts if t.get_gid().startswith(kind + ":")}


def edges(ax) -> dict[int, Any]:
    return {int(line.get_gid().split(":")[1]): line for line in ax.get_lines() if line.get_gid().startswith("edge:")}


def played_positions(tree: ExtensiveFormGame, equilibrium) -> set[int]:
    out = set()
    for p in tree.positions:
        if p.parent is None:
            continue
        infoset = tree.positions[p.parent].infoset
        vector = None if infoset is None else equilibrium.behavior[infoset]
        if vector is not None and vector[p.action] > 0:
            out.add(p.index)
    return out


def wide_tree() -> ExtensiveFormGame:
    """A 64-node tree with 36 leaves: A chooses among three, B between two, A among three, B between two."""
    counter = itertools.count()

    def node(level: int):
        if level == 4:
            k = next(counter)
            return terminal(k % 7 - 3, (5 * k) % 11 - 4)
        actions = {0: ("u", "m", "d"), 1: ("L", "R"), 2: ("a", "b", "c"), 3: ("x", "y")}[level]
        player = "A" if level % 2 == 0 else "B"
        return decision(player, {action: node(level + 1) for action in actions})

    return ExtensiveFormGame(node(0), players=("A", "B"))


def test_texts_include_every_action_and_every_leaf_payoff() -> None:
    tree = stay_or_withdraw()  # parametric: payoffs as formulas
    ax = plot_tree(tree)
    render_png(ax)
    actions = {t.split("\n")[0] for t in texts(ax, "action").values()}
    assert actions == {"Attack", "Hold", "Retaliate", "Absorb", "Withdraw"}
    payoffs = texts(ax, "payoff")
    assert sorted(payoffs.values()) == sorted(["-c - d\nb - k + l", "-R - d\nb", "-L\nV + b", "0\n0"])
    assert set(texts(ax, "player").values()) == {"Militia", "US"}
    assert "US, Militia" in ax.get_legend().get_title().get_text()


def test_numeric_payoffs_are_compact_tuples() -> None:
    ax = plot_tree(stay_or_withdraw(**NUMBERS))
    assert sorted(texts(ax, "payoff").values()) == ["(-10, 6)", "(-3, 1)", "(-5, 1)", "(0, 0)"]


def test_equilibrium_edges_are_exactly_the_played_actions_and_look_different() -> None:
    tree = stay_or_withdraw(**NUMBERS)
    (spe,) = subgame_perfect_equilibria(tree)
    ax = plot_tree(tree, equilibrium=spe)
    render_png(ax)
    lines = edges(ax)
    assert set(lines) == {p.index for p in tree.positions if p.parent is not None}
    played = {i for i, line in lines.items() if line.get_linewidth() == PLAYED["linewidth"]}
    assert played == played_positions(tree, spe)
    assert played == {1, 2}  # Attack, then Retaliate (the retaliation trap)
    for i, line in lines.items():
        expected = PLAYED if i in played else EDGE
        assert (line.get_linewidth(), line.get_color()) == (expected["linewidth"], expected["color"])
    assert ax.get_legend() is not None


def test_a_regime_with_action_labels_highlights_its_path() -> None:
    tree = stay_or_withdraw()
    regime = next(r for r in subgame_perfect_regimes(tree) if r.behavior == ("Hold", "Retaliate"))
    lines = edges(plot_tree(tree, equilibrium=regime))
    played = {i for i, line in lines.items() if line.get_linewidth() == PLAYED["linewidth"]}
    labels = {tree.positions[tree.positions[i].parent].node.actions[tree.positions[i].action] for i in played}
    assert labels == {"Hold", "Retaliate"}


def test_mixed_equilibrium_prints_probabilities_and_chance_probabilities() -> None:
    tree = plausible_deniability(
        punish_gain=2,
        misattribution_cost=3,
        reputation_cost=1,
        order_benefit=2,
        autonomous_benefit=1,
        retaliation_cost=4,
        autonomy=Fraction(1, 2),
    )
    (eq,) = tree_equilibria(tree)
    ax = plot_tree(tree, equilibrium=eq)
    render_png(ax)
    labels = set(texts(ax, "action").values())
    assert {"Order\n(1/4)", "Refrain\n(3/4)", "Retaliate\n(3/4)", "Absorb\n(1/4)"} <= labels
    assert {"Autonomous\nattack\n(1/2)", "No attack\n(1/2)"} <= labels  # chance probabilities
    thick = {i for i, line in edges(ax).items() if line.get_linewidth() == PLAYED["linewidth"]}
    assert thick == played_positions(tree, eq)
    assert not texts(ax, "belief")  # a Nash equilibrium record has no beliefs


def test_information_sets_are_joined_and_labelled() -> None:
    tree = plausible_deniability()
    ax = plot_tree(tree)
    render_png(ax)
    joins = [line for line in ax.get_lines() if line.get_gid().startswith("infoset:")]
    shared = [s for s in tree.information_sets if len(s.members) > 1]
    assert len(joins) == len(shared) == 1
    x, y = joins[0].get_data()
    layout_x, _ = tree_layout(tree)
    assert sorted(x) == sorted(layout_x[list(shared[0].members)])
    assert len(set(y)) == 1  # the set's nodes share a level
    assert list(texts(ax, "infoset_label").values()) == ["attack observed"]
    assert set(texts(ax, "action").values()) >= {"Autonomous\nattack\n(alpha)", "No attack\n(1 - alpha)"}


def test_beliefs_of_an_assessment_are_printed() -> None:
    tree = plausible_deniability(
        punish_gain=2,
        misattribution_cost=3,
        reputation_cost=1,
        order_benefit=2,
        autonomous_benefit=1,
        retaliation_cost=4,
        autonomy=Fraction(1, 2),
    )
    (eq,) = tree_equilibria(tree)
    ax = plot_tree(tree, equilibrium=Assessment(eq.behavior, beliefs(eq)))
    assert sorted(texts(ax, "belief").values()) == ["belief 2/5", "belief 3/5"]


def test_bad_equilibria_are_rejected() -> None:
    tree = stay_or_withdraw_tree()
    with pytest.raises(InvalidArgumentError, match="behavior"):
        plot_tree(tree, equilibrium=object())
    with pytest.raises(InvalidArgumentError, match="not an action"):
        plot_tree(tree, equilibrium=Assessment(("Hold", "Flee"), (None, None)))
    with pytest.raises(InvalidArgumentError, match="ExtensiveFormGame"):
        plot_tree("tree")


def test_draws_on_the_given_axes_and_shrinks_the_font_to_fit() -> None:
    ax = Figure(figsize=(4, 3)).add_subplot()
    assert plot_tree(wide_tree(), ax=ax) is ax
    sizes = {t.get_fontsize() for t in ax.texts}
    assert max(sizes) < 10


def test_layout_of_a_5000_level_chain_needs_no_recursion() -> None:
    tree = centipede(5000)
    x, y = tree_layout(tree)
    assert y.min() == -5000
    leaves = [p.index for p in tree.positions if not p.children]
    np.testing.assert_array_equal(np.sort(x[leaves]), np.arange(len(leaves)))
    for p in tree.positions[:50]:  # parents centred over their first and last children
        if p.children:
            assert x[p.index] == (x[p.children[0]] + x[p.children[-1]]) / 2


def test_a_deep_narrow_tree_is_drawn() -> None:
    ax = plot_tree(centipede(1500))  # deeper than the default recursion limit; not rendered
    assert len(texts(ax, "payoff")) == 1501


def test_sixty_node_tree_has_no_overlapping_leaf_labels() -> None:
    tree = wide_tree()
    assert len(tree.positions) == 64
    (spe, *_) = subgame_perfect_equilibria(tree)
    ax = plot_tree(tree, equilibrium=spe)
    render_png(ax)
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid().startswith("payoff:")]
    assert len(boxes) == 36
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    figure_box = ax.figure.bbox
    for box in boxes:  # nothing clipped at the figure's edges
        assert figure_box.x0 <= box.x0
        assert box.x1 <= figure_box.x1
        assert figure_box.y0 <= box.y0
