"""Records that line up, and one entry point for every kind of game (issue 10)."""

from __future__ import annotations

import dataclasses
import pickle
import warnings

import pytest

import gametheory as gt
from gametheory.exceptions import InvalidArgumentError, UnsupportedGameError
from gametheory.games.bayesian import BayesianGame
from gametheory.solvers import (
    BayesianEquilibrium,
    BehaviorEquilibrium,
    Clique,
    Component,
    DecisionTreeSolution,
    DominanceResult,
    Equilibrium,
    SubgamePerfectEquilibrium,
    ZeroSumSolution,
)
from gametheory.solvers.enumeration import nash_equilibria

GAME = gt.NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]], players=("R", "C"))
TREE = gt.ExtensiveFormGame(
    gt.decision("A", {"x": gt.decision("B", {"l": gt.terminal(2, 1), "r": gt.terminal(0, 0)}), "y": gt.terminal(1, 2)})
)
BAYESIAN = BayesianGame({("t", "u"): [[[2, 1], [0, 0]], [[0, 0], [1, 2]]]}, {("t", "u"): 1})


# ---------------------------------------------------------------- dispatch
def test_nash_equilibria_dispatches_on_the_kind_of_game() -> None:
    assert all(isinstance(eq, Equilibrium) for eq in nash_equilibria(GAME))
    assert [eq.key() for eq in nash_equilibria(TREE)] == [eq.key() for eq in gt.tree_equilibria(TREE)]
    assert all(isinstance(eq, BehaviorEquilibrium) for eq in nash_equilibria(TREE))
    assert [str(eq) for eq in nash_equilibria(BAYESIAN)] == [str(eq) for eq in gt.bayesian_equilibria(BAYESIAN)]
    assert {gt.ExtensiveFormGame, BayesianGame, gt.NormalFormGame} <= set(nash_equilibria.registry)


@pytest.mark.parametrize("bad", [[[1, 0], [0, 1]], "game", None, 3])
def test_nash_equilibria_names_what_it_takes(bad: object) -> None:
    with pytest.raises(UnsupportedGameError, match="NormalFormGame, ExtensiveFormGame or BayesianGame, not"):
        nash_equilibria(bad)


def test_a_bad_time_limit_is_reported_for_every_kind_of_game() -> None:
    for game in (GAME, TREE, BAYESIAN, "game"):
        with pytest.raises(InvalidArgumentError):
            nash_equilibria(game, time_limit=-1)


def test_a_new_kind_of_game_plugs_in_by_registering() -> None:
    class Wrapped:
        def __init__(self, game: gt.NormalFormGame) -> None:
            self.game = game

    @nash_equilibria.register(Wrapped)
    def _(game: Wrapped, *, time_limit: float | None = None) -> tuple[Equilibrium, ...]:
        return nash_equilibria(game.game, time_limit=time_limit)

    # The registration stays (a registry entry cannot be removed); Wrapped is local to this test.
    assert nash_equilibria(Wrapped(GAME)) == nash_equilibria(GAME)


def test_the_top_level_name_is_the_dispatcher() -> None:
    assert gt.nash_equilibria is nash_equilibria
    assert "Examples" in (nash_equilibria.__doc__ or "")


# ---------------------------------------------------------------- shared fields
def _records() -> list[object]:
    zero_sum = gt.solve_zero_sum(gt.NormalFormGame.zero_sum([[1, -1], [-1, 1]]))
    return [
        nash_equilibria(GAME)[0],
        nash_equilibria(TREE)[0],
        gt.subgame_perfect_equilibria(TREE)[0],
        nash_equilibria(BAYESIAN)[0],
        zero_sum,
    ]


@pytest.mark.parametrize("record", _records(), ids=lambda r: type(r).__name__)
def test_every_equilibrium_record_has_the_shared_fields(record: object) -> None:
    assert record.game is not None  # type: ignore[attr-defined]
    assert record.players == record.game.players  # type: ignore[attr-defined]
    assert record.is_exact is True  # type: ignore[attr-defined]
    assert record.tolerance is None  # type: ignore[attr-defined]


def test_float_records_report_their_tolerance_under_the_same_name() -> None:
    floats = gt.NormalFormGame.from_bimatrix([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])
    (eq,) = nash_equilibria(floats)
    assert eq.game is floats
    assert not eq.is_exact
    assert eq.tolerance == pytest.approx(floats.default_tolerance())
    tree = gt.ExtensiveFormGame(
        gt.decision("A", {"x": gt.terminal(1.5, 0.0), "y": gt.terminal(0.0, 1.0)}), players=("A", "B")
    )
    (spe,) = gt.subgame_perfect_equilibria(tree)
    assert not spe.is_exact
    assert spe.tolerance is not None
    solution = gt.solve_decision_tree(gt.ExtensiveFormGame(gt.decision("D", {"a": gt.terminal(0.5)})))
    assert not solution.is_exact
    assert solution.tolerance is not None
    result = gt.iterated_dominance(floats)
    assert not result.is_exact
    assert result.tolerance == floats.default_tolerance()


def test_exact_decision_trees_and_dominance_say_so() -> None:
    solution = gt.solve_decision_tree(gt.ExtensiveFormGame(gt.decision("D", {"a": gt.terminal(1)})))
    assert solution.is_exact
    assert solution.tolerance is None
    assert solution.players == ("D",)
    result = gt.iterated_dominance(GAME)
    assert result.is_exact
    assert result.tolerance is None
    assert result.players == ("R", "C")


def test_equilibrium_keeps_its_game_out_of_equality_and_pickles() -> None:
    eq = nash_equilibria(GAME)[0]
    assert eq.game is GAME
    stripped = dataclasses.replace(eq, game=None)
    assert stripped == eq
    assert hash(stripped) == hash(eq)
    assert pickle.loads(pickle.dumps(eq)).game == GAME


# ---------------------------------------------------------------- renamed and removed fields
def test_bayesian_profile_holds_the_probabilities_and_the_old_name_warns() -> None:
    eq = nash_equilibria(BAYESIAN)[0]
    assert isinstance(eq, BayesianEquilibrium)
    assert "profile" in {f.name for f in dataclasses.fields(eq)}
    assert "strategies" not in {f.name for f in dataclasses.fields(eq)}
    with pytest.warns(DeprecationWarning, match=r"\.profile"):
        old = eq.strategies
    assert old is eq.profile


def test_zero_sum_success_is_no_field_and_reads_true_with_a_warning() -> None:
    solution = gt.solve_zero_sum(gt.NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]))
    assert "success" not in {f.name for f in dataclasses.fields(ZeroSumSolution)}
    with pytest.warns(DeprecationWarning, match="always True"):
        assert solution.success is True
    assert solution.strategies == solution.equilibrium.strategies


def test_the_library_itself_reads_no_deprecated_name() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        for record in _records():
            str(record)
            repr(record)


# ---------------------------------------------------------------- value equality
def test_components_and_cliques_compare_by_value() -> None:
    first, second = gt.equilibrium_components(GAME), gt.equilibrium_components(GAME)
    assert first == second
    assert first is not second
    assert hash(first) == hash(second)
    assert len({*first, *second}) == len(first)
    (clique,) = first[0].cliques
    same = Clique(tuple(x.copy() for x in clique.row_extremes), tuple(y.copy() for y in clique.column_extremes))
    assert same == clique
    assert hash(same) == hash(clique)
    assert Clique(clique.column_extremes, clique.row_extremes) != clique
    assert clique != "clique"


def test_a_component_with_other_equilibria_differs() -> None:
    (component,) = gt.equilibrium_components(GAME)
    assert Component(component.equilibria[:1]) != component
    assert Component(component.equilibria, component.cliques) == component


def test_record_types_are_unchanged_in_the_public_api() -> None:
    for record in (DecisionTreeSolution, DominanceResult, SubgamePerfectEquilibrium, Component, Clique):
        assert record.__name__ in gt.__all__
