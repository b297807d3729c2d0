"""Tests of the immutability shared by the game classes (gametheory/games/_immutable.py)."""

from __future__ import annotations

import pickle

import pytest

from gametheory.games.bayesian import BayesianGame
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import decision, terminal


def _games() -> list[object]:
    normal = NormalFormGame.from_bimatrix([[1, 0]], [["c", 2]])
    tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
    bayesian = BayesianGame({("t", "u"): normal.substitute({"c": 1})}, {("t", "u"): 1})
    return [normal, tree, bayesian]


@pytest.mark.parametrize("game", _games(), ids=type)
def test_attributes_cannot_be_assigned(game: object) -> None:
    with pytest.raises(AttributeError, match=f"{type(game).__name__} is immutable"):
        game._players = ("X", "Y")  # type: ignore[attr-defined]


@pytest.mark.parametrize("game", _games(), ids=type)
def test_hash_is_cached_and_survives_pickling(game: object) -> None:
    first = hash(game)
    assert hash(game) == first
    copy = pickle.loads(pickle.dumps(game))
    assert copy == game
    assert hash(copy) == first
