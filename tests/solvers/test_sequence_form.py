"""The sequence form: hand-derived games, agreement with the reduced normal form and with pygambit, bad input."""

from __future__ import annotations

import dataclasses
import pathlib
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from gametheory.exceptions import (
    InvalidArgumentError,
    InvalidProfileError,
    ParameterError,
    ResourceLimitError,
    UnsupportedGameError,
)
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.reduction import reduced_form
from gametheory.games.tree_nodes import Outcome, chance, decision, terminal
from gametheory.solvers.behavior import behavior_payoffs, tree_equilibria
from gametheory.solvers.sequence_form import (
    lemke_howson_tree,
    sequence_form,
    sequence_form_regret,
    solve_zero_sum_tree,
)
from gametheory.solvers.verify import is_nash
from gametheory.solvers.zero_sum import solve_zero_sum
from gametheory.strategies import game_trees
from tests.support import centipede, imperfect_recall_tree

F = Fraction


def kuhn_poker(*, exact: bool = True, ranks: str = "JQK") -> ExtensiveFormGame:
    """Kuhn poker: ante 1, one card each, one bet of 1; player 1's value is -1/18 with three cards."""
    deal = F(1, len(ranks) * (len(ranks) - 1))
    branches = {}
    for i, mine in enumerate(ranks):
        for j, theirs in enumerate(ranks):
            if i == j:
                continue
            sign = 1 if i > j else -1

            def showdown(stake: int, sign: int = sign) -> Any:
                value = stake * sign
                return terminal(value, -value) if exact else terminal(float(value), -float(value))

            fold1, fold2 = (terminal(-1, 1), terminal(1, -1)) if exact else (terminal(-1.0, 1.0), terminal(1.0, -1.0))
            checked = decision(
                "P2",
                {
                    "check": showdown(1),
                    "bet": decision("P1", {"fold": fold1, "call": showdown(2)}, infoset=f"{mine}, check, bet"),
                },
                infoset=f"{theirs}, check",
            )
            bet = decision("P2", {"fold": fold2, "call": showdown(2)}, infoset=f"{theirs}, bet")
            probability = deal if exact else float(deal)
            branches[mine + theirs] = (probability, decision("P1", {"check": checked, "bet": bet}, infoset=mine))
    return ExtensiveFormGame(chance(branches), players=("P1", "P2"))


def pennies_tree() -> ExtensiveFormGame:
    return ExtensiveFormGame(
        decision(
            "A",
            {
                "H": decision("B", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="guess"),
                "T": decision("B", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="guess"),
            },
        )
    )


# ---------------------------------------------------------------------- hand-derived games
def test_kuhn_poker_sequence_form_sizes_and_value():
    form = sequence_form(kuhn_poker())
    assert form.shape == (13, 13)
    assert form.E.shape == (7, 13)
    assert form.F.shape == (7, 13)
    assert form.sequences[0][0] == ()
    assert form.sequences[0][1] == ("P1 [J]", "check")
    # Every entry is a deal probability 1/6 times a payoff; payoffs are zero-sum.
    assert all(a + b == 0 for a, b in zip(form.A.flat, form.B.flat, strict=True))
    solution = solve_zero_sum_tree(kuhn_poker())
    assert solution.value == F(-1, 18)
    assert solution.tolerance is None
    assert list(solution.equilibrium.payoffs) == [F(-1, 18), F(1, 18)]
    assert list(sequence_form_regret(kuhn_poker(), solution.equilibrium)) == [0, 0]
    # Player 2's optimal strategy is unique: call with K, fold J to a bet, bet K and a third of J after a check.
    eq = solution.equilibrium
    assert eq.probabilities("P2 [J, bet]") == {"fold": 1, "call": 0}
    assert eq.probabilities("P2 [K, bet]") == {"fold": 0, "call": 1}
    assert eq.probabilities("P2 [J, check]") == {"check": F(2, 3), "bet": F(1, 3)}


def test_kuhn_poker_lemke_is_an_exact_equilibrium_with_the_value():
    eq = lemke_howson_tree(kuhn_poker())
    assert eq.is_exact
    assert list(eq.payoffs) == [F(-1, 18), F(1, 18)]
    assert list(sequence_form_regret(kuhn_poker(), eq)) == [0, 0]
    assert list(behavior_payoffs(kuhn_poker(), eq.behavior)) == [F(-1, 18), F(1, 18)]


def test_float_kuhn_poker():
    tree = kuhn_poker(exact=False)
    solution = solve_zero_sum_tree(tree)
    assert solution.value == pytest.approx(-1 / 18, abs=1e-9)
    assert solution.tolerance is not None
    assert solution.tolerance < 1e-6
    eq = lemke_howson_tree(tree)
    assert not eq.is_exact
    assert eq.payoffs[0] == pytest.approx(-1 / 18, abs=1e-9)
    assert max(sequence_form_regret(tree, eq)) <= 1e-9
    assert sequence_form(tree).A.dtype == np.float64


def test_matching_pennies_tree():
    solution = solve_zero_sum_tree(pennies_tree())
    assert solution.value == 0
    assert [list(v) for v in solution.equilibrium.behavior] == [[F(1, 2)] * 2, [F(1, 2)] * 2]
    eq = lemke_howson_tree(pennies_tree())
    assert [list(v) for v in eq.behavior] == [[F(1, 2)] * 2, [F(1, 2)] * 2]
    assert str(solution) == "value 0; A: H 1/2, T 1/2; B: h 1/2, t 1/2"


def test_perfect_information_centipede():
    tree = centipede(6)
    eq = lemke_howson_tree(tree)
    assert list(eq.payoffs) == [2, 0]  # every Nash equilibrium of the centipede takes at once
    assert eq.action("A [1]") == "Take"
    assert list(sequence_form_regret(tree, eq)) == [0, 0]


def test_payoffs_fold_chance_and_internal_outcomes():
    tree = ExtensiveFormGame(
        chance(
            {
                "a": (F(1, 3), decision("A", {"x": terminal(3, 0), "y": terminal(0, 6)}, infoset="I", payoffs=(1, 1))),
                "b": (F(2, 3), decision("A", {"x": terminal(0, 3), "y": terminal(6, 0)}, infoset="I")),
            }
        ),
        players=("A", "B"),
    )
    form = sequence_form(tree)
    assert form.A.tolist() == [[F(1, 3)], [F(1)], [F(4)]]  # 1/3 * 1 at the inner node; 1/3*3, 2/3*6
    assert form.B.tolist() == [[F(1, 3)], [F(2)], [F(2)]]
    x, y = form.realization_plans([[F(1, 2), F(1, 2)]])
    assert x @ form.A @ y == behavior_payoffs(tree, [np.array([F(1, 2)] * 2, dtype=object)])[0]
    assert list(form.E @ x) == list(form.e)
    assert form.behavior(x, y)[0].tolist() == [F(1, 2), F(1, 2)]


def test_unreached_sets_are_none():
    # A ends the game at once; B's set and A's later set are never reached by A's own plan where A stops.
    tree = ExtensiveFormGame(
        decision(
            "A",
            {
                "stop": terminal(5, 0),
                "go": decision(
                    "B", {"l": decision("A", {"u": terminal(0, 1), "d": terminal(1, 0)}), "r": terminal(0, 2)}
                ),
            },
        )
    )
    eq = lemke_howson_tree(tree)
    assert eq.action("A [1]") == "stop"
    assert eq.behavior[2] is None  # A's later set, after A's own "go"
    assert eq.behavior[1] is not None  # B's set: B's own plan reaches it
    assert "(unreached)" in str(eq)


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "solver", [sequence_form, solve_zero_sum_tree, lemke_howson_tree, lambda t: sequence_form_regret(t, [])]
)
def test_bad_trees_are_rejected(solver):
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        solver(imperfect_recall_tree())
    three = ExtensiveFormGame(
        decision("A", {"x": decision("B", {"u": terminal(1, 0, 0)}), "y": decision("C", {"v": terminal(0, 0, 1)})})
    )
    with pytest.raises(UnsupportedGameError, match="two-player"):
        solver(three)
    with pytest.raises(ParameterError, match="c"):
        solver(ExtensiveFormGame(decision("A", {"x": terminal("c", 0), "y": terminal(0, 1)}), players=("A", "B")))
    with pytest.raises(UnsupportedGameError, match="ExtensiveFormGame"):
        solver([[1, 2]])


def test_solve_zero_sum_tree_rejects_general_sum_and_accepts_constant_sum():
    with pytest.raises(UnsupportedGameError, match="zero-sum"):
        solve_zero_sum_tree(centipede(3))
    shifted = ExtensiveFormGame(decision("A", {"x": terminal(3, 2), "y": terminal(1, 4)}), players=("A", "B"))
    solution = solve_zero_sum_tree(shifted)
    assert solution.value == 3
    assert list(solution.equilibrium.payoffs) == [3, 2]


def test_bad_profiles_and_options():
    tree = pennies_tree()
    with pytest.raises(InvalidProfileError, match="2 entries"):
        sequence_form_regret(tree, [[1, 0]])
    with pytest.raises(InvalidProfileError, match="distribution"):
        sequence_form_regret(tree, [[1, 1], [1, 0]])
    with pytest.raises(InvalidProfileError, match="actions"):
        sequence_form_regret(tree, [[1, 0, 0], [1, 0]])
    with pytest.raises(InvalidProfileError, match="unspecified"):
        sequence_form_regret(tree, [None, [1, 0]])
    with pytest.raises(InvalidProfileError, match="entries"):
        sequence_form(tree).behavior([1, 0], [1, 0, 0])
    for solver in (sequence_form, solve_zero_sum_tree, lemke_howson_tree):
        with pytest.raises(InvalidArgumentError, match="time_limit"):
            solver(tree, time_limit=-1)
        with pytest.raises(TypeError):
            solver(tree, 5)  # options are keyword-only


def test_time_limit_is_honoured():
    with pytest.raises(ResourceLimitError, match="lemke_howson_tree"):
        lemke_howson_tree(kuhn_poker(ranks="23456789TJQKA"), time_limit=1e-6)


def test_float_profile_regret_on_exact_tree():
    regrets = sequence_form_regret(pennies_tree(), [[0.75, 0.25], [0.5, 0.5]])
    assert regrets.dtype == np.float64
    assert regrets.tolist() == [0.0, 0.5]


# ---------------------------------------------------------------------- properties on random trees
def _zero_sum(tree: ExtensiveFormGame) -> ExtensiveFormGame:
    def rebuild(node: Any) -> Any:
        outcome = node.outcome
        if outcome is not None:
            outcome = Outcome((outcome.payoffs[0], -outcome.payoffs[0]))
        if not node.children:
            return dataclasses.replace(node, outcome=outcome)
        return dataclasses.replace(node, outcome=outcome, children=tuple(rebuild(c) for c in node.children))

    return ExtensiveFormGame(rebuild(tree.root), players=tree.players)


def _mixed(tree: ExtensiveFormGame, behavior: Any) -> tuple[list[list[Any]], Any]:
    """Kuhn's map from behaviour to mixed strategies over the reduced strategies."""
    reduced = reduced_form(tree)
    profile = []
    for strategies in reduced.assignments:
        mix = []
        for strategy in strategies:
            weight: Any = 1
            for infoset, action in strategy:
                vector = behavior[infoset]
                weight = weight * (0 if vector is None else vector[action])
            mix.append(weight)
        profile.append(mix)
    return profile, reduced.game


TREES = game_trees(num_players=2, max_depth=4, max_actions=3, max_infoset_size=3, min_payoff=-5, max_payoff=5)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES)
def test_zero_sum_value_matches_the_reduced_normal_form(tree):
    tree = _zero_sum(tree)
    solution = solve_zero_sum_tree(tree)
    profile, game = _mixed(tree, solution.equilibrium.behavior)
    assert solution.value == solve_zero_sum(game).value
    assert is_nash(game, profile)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES)
def test_lemke_equilibrium_is_nash_in_the_reduced_normal_form(tree):
    eq = lemke_howson_tree(tree)
    assert list(sequence_form_regret(tree, eq)) == [0, 0]
    profile, game = _mixed(tree, eq.behavior)
    assert is_nash(game, profile)
    assert list(game.expected_payoffs(game.profile(profile))) == list(eq.payoffs)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(game_trees(num_players=2, max_depth=3, max_actions=3, exact=False))
def test_float_lemke_equilibrium_is_nash(tree):
    eq = lemke_howson_tree(tree)
    assert eq.tolerance is not None
    assert max(sequence_form_regret(tree, eq)) <= eq.tolerance
    profile, game = _mixed(tree, eq.behavior)
    assert is_nash(game, profile, tol=max(eq.tolerance, 1e-9) * 10)


# ---------------------------------------------------------------------- agreement with pygambit
def _catalog_trees() -> list[str]:
    gbt = pytest.importorskip("pygambit")
    root = pathlib.Path(gbt.__file__).parent / "catalog_data"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.efg"))


def _load(relative: str) -> tuple[ExtensiveFormGame, Any]:
    from gametheory.io.efg import read_efg

    gbt = pytest.importorskip("pygambit")
    path = pathlib.Path(gbt.__file__).parent / "catalog_data" / relative
    return read_efg(path), gbt.read_efg(str(path))


def _from_gambit(tree: ExtensiveFormGame, gambit_game: Any, profile: Any) -> list[Any]:
    """A pygambit behaviour profile in our layout (sets matched by player and Gambit's number)."""
    behavior = []
    for infoset in tree.information_sets:
        theirs = list(list(gambit_game.players)[infoset.player].infosets)[infoset.number - 1]
        assert [a.label for a in theirs.actions] == list(infoset.actions)
        vector = [F(profile[action]) for action in theirs.actions]
        # lp_solve can leave a set at all zeros (as on an all-zero game): read it as the centroid, as Gambit does.
        behavior.append(vector if sum(vector) else [F(1, len(vector))] * len(vector))
    return behavior


def _two_player_recall(relative: str) -> bool:
    tree, _ = _load(relative)
    return tree.num_players == 2 and tree.has_perfect_recall


try:
    CATALOG = [relative for relative in _catalog_trees() if _two_player_recall(relative)]
except pytest.skip.Exception:  # pragma: no cover - pygambit missing
    CATALOG = []


def test_catalog_has_two_player_perfect_recall_trees():
    pytest.importorskip("pygambit")
    assert len(CATALOG) >= 20


@pytest.mark.parametrize("relative", CATALOG)
def test_catalog_agrees_with_pygambit(relative):
    gbt = pytest.importorskip("pygambit")
    tree, theirs = _load(relative)
    ours = lemke_howson_tree(tree)
    assert list(sequence_form_regret(tree, ours)) == [0, 0]
    (their_eq,) = gbt.nash.lcp_solve(theirs, rational=True, stop_after=None).equilibria[:1]
    their_profile = _from_gambit(tree, theirs, their_eq)
    assert list(sequence_form_regret(tree, their_profile)) == [0, 0]  # pygambit's answer passes our check
    all_equilibria = tree_equilibria(tree)
    if len(all_equilibria) == 1:
        assert list(ours.payoffs) == list(all_equilibria[0].payoffs)
        assert list(behavior_payoffs(tree, their_profile)) == list(ours.payoffs)
    if theirs.is_const_sum:
        solution = solve_zero_sum_tree(tree)
        (lp,) = gbt.nash.lp_solve(theirs, rational=True).equilibria
        lp_profile = _from_gambit(tree, theirs, lp)
        their_value = F(lp.payoff(next(iter(theirs.players))))
        assert solution.value == their_value
        assert ours.payoffs[0] == their_value  # every equilibrium of a zero-sum game pays the value
        assert list(sequence_form_regret(tree, lp_profile)) == [0, 0]


def test_exact_simplex_fallback(monkeypatch):
    from gametheory.solvers import _sequence_lp

    monkeypatch.setattr(_sequence_lp, "_DENOMINATORS", ())  # no rounding: the exact simplex solves the LP
    solution = solve_zero_sum_tree(kuhn_poker())
    assert solution.value == F(-1, 18)
    assert "exact rational simplex" in solution.message
    assert list(sequence_form_regret(kuhn_poker(), solution.equilibrium)) == [0, 0]


def test_solve_zero_sum_and_lemke_howson_dispatch_trees_to_the_sequence_form() -> None:
    import gametheory as gt

    tree = kuhn_poker()
    assert gt.solve_zero_sum(tree).value == Fraction(-1, 18)
    equilibrium = gt.lemke_howson(tree)
    assert all(r == 0 for r in gt.sequence_form_regret(tree, equilibrium))
    with pytest.raises(gt.UnsupportedGameError, match="takes a NormalFormGame or a two-player ExtensiveFormGame"):
        gt.lemke_howson("not a game")
