"""Tests for Bayesian games and their tree form."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from gametheory.exceptions import InvalidGameError
from gametheory.games.bayesian import BayesianGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.reduction import to_normal_form
from gametheory.games.tree_nodes import ChanceNode, DecisionNode

HAWK = [[[2, -2], [2, 1]], [[0, 0], [0, 0]]]
DOVE = [[[-1, 1], [1, -1]], [[0, 0], [0, 0]]]


def iran_types(prior_hawk: object = "1/3") -> BayesianGame:
    return BayesianGame(
        {("Hawk", "US"): HAWK, ("Dove", "US"): DOVE},
        {("Hawk", "US"): prior_hawk, ("Dove", "US"): 1 - sympy.sympify(prior_hawk)},
        players=("Iran", "US"),
        actions=(("Attack", "Wait"), ("Strike", "Hold")),
    )


def test_attributes():
    game = iran_types()
    assert game.players == ("Iran", "US")
    assert game.types == (("Hawk", "Dove"), ("US",))
    assert game.actions == (("Attack", "Wait"), ("Strike", "Hold"))
    assert game.prior == {("Hawk", "US"): Fraction(1, 3), ("Dove", "US"): Fraction(2, 3)}
    assert game.game(("Dove", "US")).payoffs[0, 0].tolist() == [-1, 1]
    assert game.type_profiles == (("Hawk", "US"), ("Dove", "US"))


def test_tree_has_nature_first_and_type_information_sets():
    tree = iran_types().to_tree()
    assert isinstance(tree.root, ChanceNode)
    assert tree.root.actions == ("Hawk/US", "Dove/US")
    assert tree.root.probabilities == (Fraction(1, 3), Fraction(2, 3))
    sets = tree.information_sets
    assert [(tree.players[s.player], s.label, len(s.members)) for s in sets] == [
        ("Iran", "Hawk", 1),
        ("US", "US", 4),
        ("Iran", "Dove", 1),
    ]
    assert tree.has_perfect_recall
    assert isinstance(tree.positions[1].node, DecisionNode)


def test_reduced_form_is_the_type_agent_strategic_form():
    game = to_normal_form(iran_types().to_tree())
    # Iran's strategies map each type to an action: 4; the US has one type: 2.
    assert game.shape == (4, 2)
    # (Attack, Attack) against Strike: 1/3 * 2 + 2/3 * (-1) = 0 for Iran; 1/3 * (-2) + 2/3 * 1 = 0 for the US.
    assert game.payoffs[0, 0].tolist() == [0, 0]


def test_zero_probability_type_profiles_are_left_out_of_the_tree():
    tree = iran_types(prior_hawk=1).to_tree()
    assert tree.root.actions == ("Hawk/US",)  # type: ignore[union-attr]


def test_normal_form_games_as_payoffs_give_labels():
    g = NormalFormGame.from_bimatrix([[1, 0]], [[0, 1]], players=("X", "Y"), strategies=(("a",), ("b", "c")))
    game = BayesianGame({("t", "u"): g}, {("t", "u"): 1})
    assert game.players == ("X", "Y")
    assert game.actions == (("a",), ("b", "c"))


def test_symbolic_prior():
    game = BayesianGame({("H", "U"): HAWK, ("D", "U"): DOVE}, {("H", "U"): "q", ("D", "U"): "1 - q"})
    assert [p.name for p in game.parameters] == ["q"]
    assert game.to_tree().substitute({"q": Fraction(1, 2)}).is_exact


def test_value_semantics():
    assert iran_types() == iran_types()
    assert hash(iran_types()) == hash(iran_types())
    with pytest.raises(AttributeError):
        iran_types()._players = ()  # type: ignore[misc]


# ---------------------------------------------------------------- bad input, one test per case
def test_prior_not_summing_to_one():
    with pytest.raises(InvalidGameError, match="invalid prior"):
        BayesianGame({("H", "U"): HAWK, ("D", "U"): DOVE}, {("H", "U"): "1/2", ("D", "U"): "1/3"})


def test_negative_prior():
    with pytest.raises(InvalidGameError, match="invalid prior"):
        BayesianGame({("H", "U"): HAWK, ("D", "U"): DOVE}, {("H", "U"): -1, ("D", "U"): 2})


def test_prior_for_profile_without_payoffs():
    with pytest.raises(InvalidGameError, match="without payoffs"):
        BayesianGame({("H", "U"): HAWK}, {("X", "U"): 1})


def test_type_profile_of_wrong_length():
    with pytest.raises(InvalidGameError, match="has 3 types"):
        BayesianGame({("H", "U", "V"): HAWK}, {("H", "U", "V"): 1})


def test_games_of_different_shapes():
    with pytest.raises(InvalidGameError, match="differ in shape"):
        BayesianGame({("H", "U"): HAWK, ("D", "U"): [[[1, 1]]]}, {("H", "U"): 1})


def test_type_profile_that_is_a_string():
    with pytest.raises(InvalidGameError, match="tuple of type labels"):
        BayesianGame({"HU": HAWK}, {"HU": 1})  # type: ignore[dict-item]


def test_empty_payoffs():
    with pytest.raises(InvalidGameError, match="non-empty"):
        BayesianGame({}, {})


def test_empty_prior():
    with pytest.raises(InvalidGameError, match="prior is empty"):
        BayesianGame({("H", "U"): HAWK}, {})


def test_unknown_type_profile_lookup():
    with pytest.raises(InvalidGameError, match="no payoffs"):
        iran_types().game(("Zealot", "US"))
