"""The Hypothesis strategies generate what they claim, respect their bounds, and shrink."""

from __future__ import annotations

import inspect
import subprocess
import sys
from fractions import Fraction

import hypothesis
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument, NoSuchExample

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria
from gametheory.strategies import (
    bimatrix_games,
    degenerate_games,
    game_trees,
    mixed_profiles,
    normal_form_games,
    parameter_values,
    parametric_games,
)


def find(strategy, condition, *, settings=None):
    """``hypothesis.find``, derandomised so that minimal examples do not change from run to run."""
    base = settings if settings is not None else hypothesis.settings(max_examples=500)
    chosen = hypothesis.settings(base, derandomize=True, database=None)
    return hypothesis.find(strategy, condition, settings=chosen)


def _has_pure_tie(game: NormalFormGame) -> bool:
    """Some pure strategy of one player has two or more pure best responses."""
    a, b = game.payoff_tensor(0), game.payoff_tensor(1)
    rows_tie = any(sum(a[i, j] == max(a[:, j]) for i in range(a.shape[0])) >= 2 for j in range(a.shape[1]))
    cols_tie = any(sum(b[i, j] == max(b[i, :]) for j in range(b.shape[1])) >= 2 for i in range(b.shape[0]))
    return rows_tie or cols_tie


# ------------------------------------------------------------------ they generate what they claim
@given(normal_form_games(num_players=(2, 3), num_strategies=(1, 3)))
def test_normal_form_games_shape_and_exactness(game):
    assert isinstance(game, NormalFormGame)
    assert 2 <= game.num_players <= 3
    assert all(1 <= n <= 3 for n in game.shape)
    assert game.is_exact
    assert all(isinstance(x, Fraction) for x in game.payoffs.flat)


@given(normal_form_games(exact=False, min_payoff=-2, max_payoff=3))
def test_float_games_respect_bounds(game):
    assert not game.is_exact
    assert not game.is_parametric
    assert game.payoffs.dtype == np.float64
    assert np.all(game.payoffs >= -2)
    assert np.all(game.payoffs <= 3)


@given(bimatrix_games(num_strategies=3, min_payoff=Fraction(-1, 2), max_payoff=Fraction(1, 2)))
def test_bimatrix_games_fixed_size_and_fraction_bounds(game):
    assert game.shape == (3, 3)
    assert all(Fraction(-1, 2) <= x <= Fraction(1, 2) for x in game.payoffs.flat)


@given(normal_form_games(payoffs=st.sampled_from([0, 1]), num_strategies=2))
def test_custom_payoff_strategy(game):
    assert set(game.payoffs.flat) <= {0, 1}


@given(degenerate_games(num_strategies=(2, 4)))
def test_degenerate_games_are_degenerate(game):
    assert game.num_players == 2
    assert all(2 <= n <= 4 for n in game.shape)
    assert _has_pure_tie(game)


@given(degenerate_games(exact=False))
def test_degenerate_float_games_are_degenerate(game):
    assert not game.is_exact
    assert _has_pure_tie(game)


def test_random_games_are_not_all_degenerate():
    # The tie check above can fail: it finds a game without a tie, so the degeneracy test has teeth.
    game = find(bimatrix_games(num_strategies=2), lambda g: not _has_pure_tie(g))
    assert not _has_pure_tie(game)


@given(st.data())
def test_mixed_profiles_are_valid_profiles(data):
    game = data.draw(normal_form_games(num_players=(2, 3)))
    profile = data.draw(mixed_profiles(game))
    assert len(profile) == game.num_players
    for vector, n in zip(profile, game.shape, strict=True):
        assert len(vector) == n
        assert all(isinstance(p, Fraction) and p >= 0 for p in vector)
        assert sum(vector) == 1


@given(st.data())
def test_mixed_profiles_of_float_games_are_float(data):
    game = data.draw(bimatrix_games(exact=False))
    profile = data.draw(mixed_profiles(game))
    assert all(v.dtype == np.float64 and abs(v.sum() - 1) < 1e-12 and np.all(v >= 0) for v in profile)


@given(parametric_games(parameters=("R", "c", "b")))
def test_parametric_games_use_every_parameter(game):
    assert game.is_parametric
    assert [p.name for p in game.parameters] == ["R", "b", "c"]
    assert all(sympy.Poly(x, *game.parameters).total_degree() <= 1 for x in game.payoffs.flat)


@given(st.data())
def test_parameter_values_cover_parameters_and_bounds(data):
    game = data.draw(parametric_games(parameters=("x", "y", "z")))
    values = data.draw(parameter_values(game, min_value=-2, max_value=Fraction(7, 2)))
    assert set(values) == set(game.parameters)
    assert all(isinstance(v, Fraction) and -2 <= v <= Fraction(7, 2) for v in values.values())
    assert game.substitute(values).is_exact


@given(st.data())
def test_parameter_values_respect_positive_symbols(data):
    positive = sympy.Symbol("p", positive=True)
    game = data.draw(parametric_games(parameters=(positive,)))
    values = data.draw(parameter_values(game, min_value=-5, max_value=5, exact=False))
    assert isinstance(values[positive], float)
    assert values[positive] > 0


def test_from_type_uses_the_registered_strategy():
    game = find(st.from_type(NormalFormGame), lambda g: True)
    assert isinstance(game, NormalFormGame)


# ------------------------------------------------------------------ they shrink to small, simple examples
def test_games_shrink_to_one_by_one_zero_game():
    game = find(normal_form_games(), lambda g: True)
    assert game.shape == (1, 1)
    assert all(x == 0 for x in game.payoffs.flat)


def test_shrinking_keeps_a_condition_minimal():
    game = find(bimatrix_games(), lambda g: g.shape[0] >= 2 and len({*g.payoffs.flat}) > 1)
    assert game.shape == (2, 1)
    assert sorted(abs(x) for x in game.payoffs.flat) == [0, 0, 0, 1]


def test_degenerate_games_shrink_small():
    assert find(degenerate_games(), lambda g: True).shape == (2, 2)


def test_parametric_games_shrink_to_one_occurrence():
    game = find(parametric_games(parameters=("x",)), lambda g: True)
    occurrences = [entry for entry in game.payoffs.flat if entry != 0]
    assert len(occurrences) == 1


def test_profiles_shrink_to_pure_first_strategies():
    game = NormalFormGame.from_bimatrix([[1, 2, 3]], [[3, 2, 1]])
    profile = find(mixed_profiles(game), lambda p: True)
    assert [v.tolist() for v in profile] == [[1], [1, 0, 0]]


# ------------------------------------------------------------------ bad arguments fail at definition time
@pytest.mark.parametrize(
    ("factory", "kwargs"),
    [
        (normal_form_games, {"num_players": 1}),
        (normal_form_games, {"num_players": 2.5}),
        (normal_form_games, {"num_players": True}),
        (normal_form_games, {"num_strategies": 0}),
        (normal_form_games, {"num_strategies": (3, 2)}),
        (normal_form_games, {"num_strategies": (1, 2, 3)}),
        (normal_form_games, {"num_players": 6, "num_strategies": 5}),
        (normal_form_games, {"exact": "yes"}),
        (normal_form_games, {"payoffs": [1, 2]}),
        (normal_form_games, {"min_payoff": 3, "max_payoff": 1}),
        (normal_form_games, {"min_payoff": 0.5}),
        (bimatrix_games, {"num_strategies": -1}),
        (degenerate_games, {"num_strategies": 1}),
        (parametric_games, {"parameters": ()}),
        (parametric_games, {"parameters": "xy"}),
        (parametric_games, {"parameters": ("x", "x")}),
        (parametric_games, {"parameters": ("_hidden",)}),
        (parametric_games, {"max_coefficient": 0}),
    ],
)
def test_bad_arguments_raise_invalid_argument(factory, kwargs):
    with pytest.raises(InvalidArgument):
        factory(**kwargs)


def test_mixed_profiles_rejects_parametric_game():
    with pytest.raises(InvalidArgument, match="numeric game"):
        mixed_profiles(NormalFormGame.from_bimatrix([["x", 0]], [[0, 0]]))


def test_mixed_profiles_rejects_non_game():
    with pytest.raises(InvalidArgument, match="NormalFormGame"):
        mixed_profiles([[1, 0], [0, 1]])


def test_parameter_values_rejects_numeric_game():
    with pytest.raises(InvalidArgument, match="no parameters"):
        parameter_values(NormalFormGame.from_bimatrix([[1]], [[1]]))


def test_parameter_values_rejects_impossible_positive_range():
    game = NormalFormGame.from_bimatrix([[sympy.Symbol("p", positive=True), 0]], [[0, 0]])
    with pytest.raises(InvalidArgument, match="assumptions"):
        parameter_values(game, min_value=-3, max_value=0)


def test_non_exact_draws_for_exact_games_are_reported():
    with pytest.raises(InvalidArgument, match="int or Fraction"):
        find(normal_form_games(payoffs=st.just(0.5)), lambda g: True)


@settings(max_examples=10)
@given(bimatrix_games(payoffs=st.just(0.5), exact=False))
def test_float_draws_for_float_games_are_converted(game):
    assert np.all(game.payoffs == 0.5)


# ------------------------------------------------------------------ game trees
def _chance_nodes(tree):
    return [p.node for p in tree.positions if isinstance(p.node, ChanceNode)]


def _shared_sets(tree):
    return [s for s in tree.information_sets if len(s.members) > 1]


@given(game_trees(num_players=3, max_depth=3, max_actions=4, min_payoff=-2, max_payoff=2))
def test_game_trees_respect_their_bounds(tree):
    assert isinstance(tree, ExtensiveFormGame)
    assert tree.is_exact
    assert tree.has_perfect_recall
    assert tree.players == ("Player 1", "Player 2", "Player 3")
    assert max(position.depth for position in tree.positions) <= 3
    assert all(len(s.members) <= 2 for s in tree.information_sets)
    for position in tree.positions:
        if isinstance(position.node, TerminalNode):
            assert all(-2 <= x <= 2 for x in position.node.outcome.payoffs)
        else:
            assert 2 <= len(position.children) <= 4


@given(game_trees(max_depth=4, max_actions=2))
def test_chance_probabilities_are_exact_and_positive(tree):
    for node in _chance_nodes(tree):
        assert all(isinstance(p, Fraction) and 0 < p < 1 for p in node.probabilities)
        assert sum(node.probabilities) == 1


@given(game_trees(max_infoset_size=3, max_depth=4))
def test_information_sets_keep_perfect_recall_by_default(tree):
    assert tree.has_perfect_recall
    assert all(len(s.members) <= 3 for s in tree.information_sets)


@given(game_trees(allow_chance=False, max_infoset_size=1))
def test_perfect_information_without_chance_on_request(tree):
    assert tree.is_perfect_information
    assert not _chance_nodes(tree)


def test_chance_nodes_appear_and_shrink_to_a_fair_coin():
    tree = find(game_trees(), lambda t: bool(_chance_nodes(t)))
    assert str(tree) == "Chance\n  c1 (1/2) -> (0, 0)\n  c2 (1/2) -> (0, 0)"


def test_unequal_chance_probabilities_appear():
    tree = find(game_trees(), lambda t: any(len(set(n.probabilities)) > 1 for n in _chance_nodes(t)))
    (node,) = _chance_nodes(tree)
    assert sorted(node.probabilities) == [Fraction(1, 3), Fraction(2, 3)]  # weights 1 and 2: the least uneven


def test_information_sets_appear_and_shrink_small():
    tree = find(game_trees(), lambda t: not t.is_perfect_information)
    assert tree.has_perfect_recall
    (shared,) = _shared_sets(tree)
    assert len(shared.members) == 2
    # Small: a first move, two indistinguishable decisions, perhaps one more decision; zero payoffs.
    assert len(tree.positions) <= 12
    assert all(x == 0 for p in tree.positions if isinstance(p.node, TerminalNode) for x in p.node.outcome.payoffs)


def test_imperfect_recall_only_on_request():
    tree = find(game_trees(allow_imperfect_recall=True), lambda t: not t.has_perfect_recall)
    assert not tree.has_perfect_recall
    # The default never produces it: the search space holds no such tree.
    with pytest.raises(NoSuchExample):
        find(game_trees(max_depth=2), lambda t: not t.has_perfect_recall, settings=settings(max_examples=200))


@given(game_trees(parameters=("x", "y"), max_depth=2))
def test_symbolic_game_trees_use_every_parameter(tree):
    assert tree.is_parametric
    assert [p.name for p in tree.parameters] == ["x", "y"]


@settings(max_examples=30)
@given(st.data())
def test_symbolic_game_trees_substitute_to_exact_trees(data):
    tree = data.draw(game_trees(parameters=("x",), max_depth=2))
    values = data.draw(parameter_values(tree, min_value=-3, max_value=3))
    assert tree.substitute(values).is_exact


def test_symbolic_game_trees_shrink_to_one_occurrence():
    tree = find(game_trees(parameters=("x",)), lambda t: True)
    payoffs = [x for p in tree.positions if isinstance(p.node, TerminalNode) for x in p.node.outcome.payoffs]
    assert len([x for x in payoffs if x != 0]) == 1
    assert len(tree.positions) == 3


@given(game_trees(exact=False))
def test_float_game_trees(tree):
    assert not tree.is_exact
    assert not tree.is_parametric
    for node in _chance_nodes(tree):
        assert all(isinstance(p, float) for p in node.probabilities)
        assert abs(sum(node.probabilities) - 1) < 1e-12


@settings(max_examples=20, deadline=None)
@given(game_trees(max_depth=2))
def test_game_trees_have_a_subgame_perfect_equilibrium(tree):
    assert len(subgame_perfect_equilibria(tree)) >= 1


def test_game_trees_shrink_to_one_decision():
    tree = find(game_trees(), lambda t: True)
    assert len(tree.positions) == 3
    assert isinstance(tree.root, DecisionNode)


def test_from_type_builds_trees():
    assert isinstance(find(st.from_type(ExtensiveFormGame), lambda t: True), ExtensiveFormGame)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"num_players": 0},
        {"num_players": 5},
        {"max_depth": 0},
        {"max_actions": 1},
        {"exact": None},
        {"allow_chance": "yes"},
        {"allow_chance": 1},
        {"max_infoset_size": 0},
        {"max_infoset_size": 5},
        {"max_infoset_size": 1.5},
        {"allow_imperfect_recall": None},
        {"allow_imperfect_recall": True, "max_infoset_size": 1},
        {"parameters": "xy"},
        {"parameters": ("x", "x")},
        {"parameters": ("x",), "exact": False},
        {"max_coefficient": 0},
    ],
)
def test_game_trees_bad_arguments(kwargs):
    with pytest.raises(InvalidArgument):
        game_trees(**kwargs)


# ------------------------------------------------------------------ API style
@pytest.mark.parametrize(
    "factory",
    [
        normal_form_games,
        bimatrix_games,
        degenerate_games,
        parametric_games,
        game_trees,
        mixed_profiles,
        parameter_values,
    ],
    ids=lambda f: f.__name__,
)
def test_options_are_keyword_only_with_defaults(factory):
    parameters = list(inspect.signature(factory).parameters.values())
    if factory in (mixed_profiles, parameter_values):
        assert parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        parameters = parameters[1:]
    for parameter in parameters:
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
        assert parameter.default is not inspect.Parameter.empty


def test_importing_gametheory_does_not_import_heavy_optional_packages():
    code = (
        "import sys, gametheory, gametheory.scenarios, gametheory.testing; "
        "heavy = ('hypothesis', 'matplotlib', 'pandas', 'dask', 'tqdm', 'pygambit'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_strategies_module_imports_before_hypothesis():
    # Hypothesis loads our entry point while it is being imported by this very module.
    code = "import gametheory.strategies as s; from hypothesis import find; print(find(s.bimatrix_games(), bool).shape)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "(1, 1)"
