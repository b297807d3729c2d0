"""Every game in pygambit's catalog parses, and agrees with what pygambit reads.

The catalog files are found inside the installed pygambit package at test
time; none are copied into this repository.
"""

from __future__ import annotations

import itertools
import pathlib
from fractions import Fraction
from typing import Any

import pytest

from gametheory.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode
from gametheory.io.efg import generate_efg, parse_efg, read_efg
from gametheory.io.json import generate_json, parse_json
from gametheory.io.nfg import generate_nfg, parse_nfg, read_nfg

pygambit = pytest.importorskip("pygambit")


def _catalog_files() -> list[pathlib.Path]:
    root = pathlib.Path(pygambit.__file__).parent / "catalog_data"
    return sorted(root.rglob("*.nfg")) + sorted(root.rglob("*.efg"))


FILES = _catalog_files()
NFG = [f for f in FILES if f.suffix == ".nfg"]
EFG = [f for f in FILES if f.suffix == ".efg"]
IDS = lambda files: [f"{f.parent.name}/{f.name}" for f in files]  # noqa: E731


def _exact(value: Any) -> Fraction:
    return Fraction(str(value))


def test_catalog_is_found() -> None:
    assert len(NFG) >= 4
    assert len(EFG) >= 30


@pytest.mark.parametrize("path", NFG, ids=IDS(NFG))
def test_nfg_matches_pygambit(path: pathlib.Path) -> None:
    ours = read_nfg(path)
    theirs = pygambit.read_nfg(str(path))
    players = list(theirs.players)
    assert ours.players == tuple(p.label for p in players)
    assert ours.strategies == tuple(tuple(s.label for s in p.strategies) for p in players)
    assert ours.is_exact
    for profile in itertools.product(*(range(n) for n in ours.shape)):
        expected = [_exact(theirs[profile][p]) for p in players]
        assert list(ours.payoffs[profile]) == expected, profile


@pytest.mark.parametrize("path", NFG, ids=IDS(NFG))
def test_nfg_round_trip(path: pathlib.Path) -> None:
    game = read_nfg(path)
    assert parse_nfg(generate_nfg(game)) == game
    assert parse_json(generate_json(game)) == game


def _walk(ours: Any, theirs: Any) -> list[tuple[Any, Any]]:
    pairs, stack = [], [(ours.root, theirs.root)]
    while stack:
        a, b = stack.pop()
        pairs.append((a, b))
        stack.extend(reversed(list(zip(a.children, list(b.children), strict=True))))
    return pairs


@pytest.mark.parametrize("path", EFG, ids=IDS(EFG))
def test_efg_matches_pygambit(path: pathlib.Path) -> None:
    ours = read_efg(path)
    theirs = pygambit.read_efg(str(path))
    players = list(theirs.players)
    assert ours.players == tuple(p.label for p in players)
    assert ours.title == theirs.title
    pairs = _walk(ours, theirs)
    assert len(pairs) == len(ours.positions)
    infoset_pairs: dict[int, Any] = {}
    for (node, their_node), position in zip(pairs, ours.positions, strict=True):
        assert node is position.node
        if not their_node.outcome:  # pygambit's empty outcome is falsy, not None
            assert node.outcome is None
        else:
            assert node.outcome is not None
            assert list(node.outcome.payoffs) == [_exact(their_node.outcome[p]) for p in players]
        if their_node.is_terminal:
            assert isinstance(node, TerminalNode)
            continue
        their_actions = list(their_node.infoset.actions)
        assert node.actions == tuple(a.label for a in their_actions)
        if their_node.player.is_chance:
            assert isinstance(node, ChanceNode)
            assert list(node.probabilities) == [_exact(a.prob) for a in their_actions]
        else:
            assert isinstance(node, DecisionNode)
            assert node.player == their_node.player.label
            # The same partition into information sets: the pairing is one-to-one.
            assert position.infoset is not None
            infoset_pairs.setdefault(position.infoset, their_node.infoset)
            assert infoset_pairs[position.infoset] == their_node.infoset
    assert len({id(s) for s in infoset_pairs.values()}) == len(infoset_pairs) == len(ours.information_sets)


@pytest.mark.parametrize("path", EFG, ids=IDS(EFG))
def test_efg_round_trip(path: pathlib.Path) -> None:
    game = read_efg(path)
    again = parse_efg(generate_efg(game))
    assert again == game
    assert again.title == game.title
    assert again.comment == game.comment
    assert parse_json(generate_json(game)) == game


@pytest.mark.parametrize("path", NFG, ids=IDS(NFG))
def test_pygambit_reads_the_nfg_we_write(path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    game = read_nfg(path)
    target = tmp_path / "out.nfg"
    target.write_text(generate_nfg(game, title='a "quoted" title'))
    theirs = pygambit.read_nfg(str(target))
    players = list(theirs.players)
    assert theirs.title == 'a "quoted" title'
    assert tuple(tuple(s.label for s in p.strategies) for p in players) == game.strategies
    for profile in itertools.product(*(range(n) for n in game.shape)):
        assert [_exact(theirs[profile][p]) for p in players] == list(game.payoffs[profile])


@pytest.mark.parametrize("path", EFG[:5], ids=IDS(EFG[:5]))
def test_pygambit_reads_what_we_write(path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    game = read_efg(path)
    target = tmp_path / "out.efg"
    target.write_text(generate_efg(game))
    theirs = pygambit.read_efg(str(target))
    original = pygambit.read_efg(str(path))
    assert [p.label for p in theirs.players] == [p.label for p in original.players]
    assert len(list(theirs.nodes)) == len(list(original.nodes))


TWO_PLAYER = [f for f in FILES if (read_nfg(f) if f.suffix == ".nfg" else read_efg(f)).num_players == 2]


@pytest.mark.parametrize("path", TWO_PLAYER, ids=IDS(TWO_PLAYER))
def test_equilibria_agree_with_pygambit_enummixed(path: pathlib.Path) -> None:
    from gametheory.games.reduction import to_normal_form
    from gametheory.solvers.enumeration import nash_equilibria

    theirs_game = pygambit.read_nfg(str(path)) if path.suffix == ".nfg" else pygambit.read_efg(str(path))
    try:
        result = pygambit.nash.enummixed_solve(theirs_game, rational=True)
    except RuntimeError as error:  # pygambit refuses imperfect recall
        pytest.skip(str(error))
    game = read_nfg(path) if path.suffix == ".nfg" else to_normal_form(read_efg(path))
    players = list(theirs_game.players)
    theirs = sorted(tuple(_exact(eq.payoff(p)) for p in players) for eq in result.equilibria)
    ours = sorted(tuple(eq.payoffs.tolist()) for eq in nash_equilibria(game))
    assert ours == theirs
