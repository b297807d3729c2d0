"""Tests of the immutability shared by the game classes (gametheory/games/_immutable.py)."""

from __future__ import annotations

import copy as copy_module
import pickle

import pytest

from gametheory.games.bayesian import BayesianGame
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import decision, terminal
from tests.support import centipede


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


def test_a_5000_level_tree_pickles_and_copies_without_recursion() -> None:
    game = centipede(5000)
    first = hash(game)
    copy = pickle.loads(pickle.dumps(game))
    assert copy == game
    assert hash(copy) == first
    # Nodes pickle as a flat list too, so they can be pickled and copied on their own.
    root = game.root
    assert pickle.loads(pickle.dumps(root)) == root
    assert copy_module.deepcopy(root) == root


def test_shared_subtrees_are_pickled_compared_and_hashed_once() -> None:
    node = terminal(1, 0)
    for _ in range(80):
        node = decision("A", {"left": node, "right": node})  # 2**80 paths, 81 distinct nodes
    data = pickle.dumps(node)
    assert len(data) < 10_000
    copy = pickle.loads(data)
    assert copy == node
    assert hash(copy) == hash(node)
    assert copy.children[0] is copy.children[1]  # type: ignore[union-attr]
