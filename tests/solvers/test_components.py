"""Tests of equilibrium_components (cliques and components of the equilibrium set)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings

from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.components import equilibrium_components
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.verify import is_nash
from gametheory.strategies import bimatrix_games

F = Fraction
# Narrow integer payoffs make ties and degenerate games common.
SMALL_GAMES = bimatrix_games(num_strategies=(1, 4), min_payoff=-2, max_payoff=2)


def as_keys(vectors):
    return [tuple(v.tolist()) for v in vectors]


def test_issue_degenerate_game_is_one_component_with_both_extreme_points():
    game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    (component,) = equilibrium_components(game)
    assert [eq.key() for eq in component.equilibria] == [
        ((F(0), F(1)), (F(1), F(0))),
        ((F(2, 7), F(5, 7)), (F(1), F(0))),
    ]
    (clique,) = component.cliques
    assert as_keys(clique.row_extremes) == [(F(0), F(1)), (F(2, 7), F(5, 7))]
    assert as_keys(clique.column_extremes) == [(F(1), F(0))]
    assert not component.is_singleton


def test_nondegenerate_game_has_singleton_components():
    game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    components = equilibrium_components(game)
    assert [c.is_singleton for c in components] == [True, True, True]
    assert [c.equilibria[0] for c in components] == list(nash_equilibria(game))
    assert all(len(c.cliques) == 1 for c in components)


def test_nondegenerate_float_game_has_singleton_components():
    rng = np.random.default_rng(5)
    game = NormalFormGame.from_bimatrix(rng.standard_normal((5, 5)), rng.standard_normal((5, 5)))
    components = equilibrium_components(game)
    assert len(components) == len(nash_equilibria(game))
    assert all(c.is_singleton and len(c.cliques) == 1 for c in components)


def test_all_zero_game_is_one_clique():
    game = NormalFormGame.from_bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    (component,) = equilibrium_components(game)
    assert len(component.equilibria) == 4
    (clique,) = component.cliques
    assert len(clique.row_extremes) == 2
    assert len(clique.column_extremes) == 2


def test_component_made_of_two_overlapping_cliques():
    # (s1, any y) and (any x, s1) are equilibria: two cliques sharing the pure profile (s1, s1).
    game = NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    (component,) = equilibrium_components(game)
    assert len(component.equilibria) == 3
    shapes = sorted((len(c.row_extremes), len(c.column_extremes)) for c in component.cliques)
    assert shapes == [(1, 2), (2, 1)]


def test_separate_components_are_ordered_by_their_first_equilibrium():
    # Coordination with a duplicated strategy: a segment of equilibria and an isolated one apart from it.
    game = NormalFormGame.from_bimatrix([[2, 2, 0], [0, 0, 1]], [[1, 1, 0], [0, 0, 2]])
    components = equilibrium_components(game)
    firsts = [c.equilibria[0].key() for c in components]
    assert firsts == sorted(firsts)
    assert sorted(len(c.equilibria) for c in components) == [1, 2, 2]


def test_three_players_are_rejected():
    game = NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        equilibrium_components(game)


def test_parametric_game_is_rejected():
    game = NormalFormGame.from_bimatrix([["c", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError):
        equilibrium_components(game)


@settings(max_examples=80, deadline=None)
@given(SMALL_GAMES)
def test_components_partition_the_extreme_equilibria(game):
    components = equilibrium_components(game)
    listed = [eq.key() for c in components for eq in c.equilibria]
    assert sorted(listed) == [eq.key() for eq in nash_equilibria(game)]
    assert len(set(listed)) == len(listed)
    # Different components share no extreme strategy.
    for one, other in itertools.combinations(components, 2):
        for player in range(2):
            mine = {tuple(eq.profile[player].tolist()) for eq in one.equilibria}
            theirs = {tuple(eq.profile[player].tolist()) for eq in other.equilibria}
            assert not mine & theirs


@settings(max_examples=80, deadline=None)
@given(SMALL_GAMES)
def test_cliques_are_convex_sets_of_equilibria_and_maximal(game):
    extremes = {eq.key() for eq in nash_equilibria(game)}
    all_rows = {k[0] for k in extremes}
    all_columns = {k[1] for k in extremes}
    for component in equilibrium_components(game):
        assert component.cliques
        for clique in component.cliques:
            rows, columns = as_keys(clique.row_extremes), as_keys(clique.column_extremes)
            assert all((x, y) in extremes for x in rows for y in columns)
            # The barycentre of the clique is an equilibrium: the set is convex.
            x = sum(clique.row_extremes) / len(rows)
            y = sum(clique.column_extremes) / len(columns)
            assert is_nash(game, [x, y])
            # Maximal: no other extreme strategy pairs with the whole other side.
            assert not any(all((x2, y) in extremes for y in columns) for x2 in all_rows - set(rows))
            assert not any(all((x, y2) in extremes for x in rows) for y2 in all_columns - set(columns))


# ---------------------------------------------------------------------- bounded work


def _identity_game(size: int) -> NormalFormGame:
    identity = np.eye(size, dtype=int).tolist()
    return NormalFormGame.from_bimatrix(identity, identity)


def test_time_limit_stops_the_16x16_identity_game_promptly() -> None:
    import time

    from gametheory.exceptions import ResourceLimitError

    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match="equilibrium_components exceeded the time limit"):
        equilibrium_components(_identity_game(16), time_limit=0.5)
    assert time.monotonic() - start < 2.5


def test_a_generous_time_limit_gives_the_same_components() -> None:
    game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5], [1, 1]], [[2, 7], [4, 2], [2, 2]])
    assert [c.equilibria for c in equilibrium_components(game, time_limit=600)] == [
        c.equilibria for c in equilibrium_components(game)
    ]


def test_thousands_of_extreme_strategies_do_not_recurse() -> None:
    """The 10x10 identity game has 1,023 equilibria: the clique search is iterative, not 1,023 calls deep."""
    components = equilibrium_components(_identity_game(10))
    assert len(components) == 1023
    assert all(len(c.equilibria) == 1 and len(c.cliques) == 1 for c in components)


def test_clique_tables_beyond_the_memory_budget_raise_first(monkeypatch: pytest.MonkeyPatch) -> None:
    from gametheory._internal import limits
    from gametheory.exceptions import ResourceLimitError

    game = _identity_game(6)  # 63 extreme equilibria
    nash_equilibria(game)
    monkeypatch.setattr(limits, "memory_budget", lambda: 1000)
    with pytest.raises(ResourceLimitError, match="grouping 63 extreme equilibria into cliques"):
        equilibrium_components(game)
