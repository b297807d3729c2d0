"""Tests for iterated_dominance and dominated_strategies."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gametheory.exceptions import InvalidArgumentError, InvalidProfileError, ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.dominance import DominanceResult, DominatedStrategy, dominated_strategies, iterated_dominance
from gametheory.solvers.pure import pure_equilibria
from gametheory.solvers.verify import is_nash
from gametheory.strategies import normal_form_games

F = Fraction
SMALL_GAMES = normal_form_games(num_players=(2, 3), num_strategies=(1, 3), min_payoff=-4, max_payoff=4)


def _dominates(game: NormalFormGame, record: DominatedStrategy, alive: list[tuple[int, ...]], *, weak: bool) -> bool:
    """Exact check that the witness dominates against every surviving opponents' profile."""
    player = record.player
    margins = []
    others = [alive[j] if j != player else (0,) for j in range(game.num_players)]
    for cell in itertools.product(*others):

        def payoff(s: int, cell: tuple[int, ...] = cell) -> Fraction:
            return game.payoffs[(*cell[:player], s, *cell[player + 1 :], player)]

        mixed = sum((p * payoff(s) for s, p in enumerate(record.witness) if p), F(0))
        margins.append(mixed - payoff(record.strategy))
    if weak:
        return all(m >= 0 for m in margins) and any(m > 0 for m in margins)
    return all(m > 0 for m in margins)


def _replay(game: NormalFormGame, result: object, *, weak: bool) -> None:
    """Every elimination's witness dominates in the game in which it was removed, exactly."""
    alive = [tuple(range(n)) for n in game.shape]
    by_round: dict[int, list[DominatedStrategy]] = {}
    for record in result.eliminated:  # type: ignore[attr-defined]
        by_round.setdefault(record.round, []).append(record)
    for round_ in sorted(by_round):
        for record in by_round[round_]:
            assert record.strategy in alive[record.player]
            assert all(record.witness[s] == 0 for s in range(len(record.witness)) if s not in alive[record.player])
            assert record.witness[record.strategy] == 0
            assert sum(record.witness) == 1
            assert _dominates(game, record, alive, weak=weak)
        removed = {(r.player, r.strategy) for r in by_round[round_]}
        alive = [tuple(s for s in alive[p] if (p, s) not in removed) for p in range(game.num_players)]
    assert tuple(alive) == result.surviving  # type: ignore[attr-defined]


def test_prisoners_dilemma() -> None:
    pd = NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Militia"), strategies=(("C", "D"), ("C", "D"))
    )
    result = iterated_dominance(pd)
    assert result.surviving == ((1,), (1,))
    assert result.game.strategies == (("D",), ("D",))
    assert result.game.players == ("US", "Militia")
    assert [(e.player, e.label, e.round) for e in result.eliminated] == [(0, "C", 1), (1, "C", 1)]
    assert result.eliminated[0].witness.tolist() == [0, 1]
    assert result.rounds == 1


def test_only_a_mixed_strategy_dominates() -> None:
    # Row M pays 1 against both columns; T and B pay 3 in one column and 0 in the other.
    game = NormalFormGame.from_bimatrix(
        [[3, 0], [1, 1], [0, 3]], [[1, 0], [2, 2], [0, 1]], strategies=(("T", "M", "B"), ("L", "R"))
    )
    assert pure_equilibria(game)  # the game is not trivial
    (record,) = dominated_strategies(game, 0)
    assert record.label == "M"
    assert sum(1 for p in record.witness if p > 0) == 2  # no pure strategy dominates M
    assert _dominates(game, record, [(0, 1, 2), (0, 1)], weak=False)
    result = iterated_dominance(game)
    assert result.eliminated[0].label == "M"
    assert "T" in str(result.eliminated[0])
    assert "B" in str(result.eliminated[0])


def test_three_rounds_textbook_game() -> None:
    # Gibbons (1992), figure 1.1.1: Right <- Middle, then Down <- Up, then Left <- Middle.
    game = NormalFormGame.from_bimatrix(
        [[1, 1, 0], [0, 0, 2]],
        [[0, 2, 1], [3, 1, 0]],
        strategies=(("Up", "Down"), ("Left", "Middle", "Right")),
    )
    result = iterated_dominance(game)
    assert [e.label for e in result.eliminated] == ["Right", "Down", "Left"]
    assert [e.round for e in result.eliminated] == [1, 2, 3]
    assert result.surviving == ((0,), (1,))
    assert result.game.strategies == (("Up",), ("Middle",))
    _replay(game, result, weak=False)


def test_weak_versus_strict() -> None:
    game = NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    assert iterated_dominance(game).eliminated == ()
    weak = iterated_dominance(game, weak=True)
    assert weak.surviving == ((0,), (0,))
    assert all("weakly" in str(e) for e in weak.eliminated)
    _replay(game, weak, weak=True)


def test_duplicate_strategies_are_not_dominated() -> None:
    game = NormalFormGame.from_bimatrix([[1, 2], [1, 2]], [[0, 1], [0, 1]])
    assert dominated_strategies(game, 0) == ()
    assert dominated_strategies(game, 0, weak=True) == ()


def test_all_zero_game_keeps_everything() -> None:
    game = NormalFormGame(np.zeros((2, 3, 2, 3), dtype=int))
    for weak in (False, True):
        result = iterated_dominance(game, weak=weak)
        assert result.surviving == ((0, 1), (0, 1, 2), (0, 1))
        assert result.game == game


def test_three_player_game() -> None:
    # Player 3 gets 1 more from s2 than from s1 whatever the others do.
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[a, b, c] = [int(a == b), int(a != b), c + a]
    result = iterated_dominance(NormalFormGame(payoffs))
    assert result.eliminated[0].player == 2
    assert result.surviving[2] == (1,)
    _replay(NormalFormGame(payoffs), result, weak=False)


def test_float_game_mixed_domination() -> None:
    game = NormalFormGame.from_bimatrix([[3.0, 0.0], [1.0, 1.0], [0.0, 3.0]], [[0.0, 0.0]] * 3)
    (record,) = dominated_strategies(game, 0)
    assert record.strategy == 1
    assert record.witness.dtype == np.float64
    assert np.all(record.witness @ np.array([[3.0, 0.0], [1.0, 1.0], [0.0, 3.0]]) > [1.0, 1.0])


def test_float_margins_below_tolerance_do_not_count() -> None:
    game = NormalFormGame.from_bimatrix([[1.0, 1.0], [1.0 + 1e-14, 1.0 + 1e-14]], [[0.0, 0.0]] * 2)
    assert dominated_strategies(game, 0) == ()


@st.composite
def planted_games(draw: st.DrawFn) -> NormalFormGame:
    """Row 0 is strictly below the half-half mix of rows 1 and 2, so it is dominated (often only by the mix)."""
    columns = draw(st.integers(1, 3))
    rows = draw(arrays(np.int64, (2, columns), elements=st.integers(-4, 4)))
    planted = (rows[0] + rows[1]) // 2 - 1
    row_payoffs = np.vstack([planted, rows])
    column_payoffs = draw(arrays(np.int64, (3, columns), elements=st.integers(-4, 4)))
    return NormalFormGame.from_bimatrix(row_payoffs, column_payoffs)


@settings(max_examples=40, deadline=None)
@given(planted_games())
def test_planted_dominated_strategy_is_removed_with_a_valid_witness(game: NormalFormGame) -> None:
    result = iterated_dominance(game)
    assert 0 not in result.surviving[0]
    _replay(game, result, weak=False)
    # Nothing left in the reduced game is strictly dominated, by a pure or a mixed strategy.
    for player in range(game.num_players):
        assert dominated_strategies(result.game, player) == ()


@settings(max_examples=60, deadline=None)
@given(SMALL_GAMES, st.booleans())
def test_witnesses_dominate_exactly(game: NormalFormGame, weak: bool) -> None:
    _replay(game, iterated_dominance(game, weak=weak), weak=weak)


@settings(max_examples=40, deadline=None)
@given(SMALL_GAMES, st.randoms(use_true_random=False))
def test_strict_result_is_order_independent(game: NormalFormGame, random: object) -> None:
    # Remove one dominated strategy at a time, in a random order: the survivors are the same.
    result = iterated_dominance(game)
    alive = [list(range(n)) for n in game.shape]
    while True:
        sub = NormalFormGame(game.payoffs[np.ix_(*alive)])
        candidates = [(p, d.strategy) for p in range(game.num_players) for d in dominated_strategies(sub, p)]
        if not candidates:
            break
        player, local = random.choice(candidates)  # type: ignore[attr-defined]
        del alive[player][local]
    assert tuple(tuple(a) for a in alive) == result.surviving


@settings(max_examples=40, deadline=None)
@given(SMALL_GAMES, st.data())
def test_strict_result_invariant_under_relabelling(game: NormalFormGame, data: st.DataObject) -> None:
    perms = [np.array(data.draw(st.permutations(range(n))), dtype=int) for n in game.shape]
    permuted = NormalFormGame(game.payoffs[np.ix_(*perms)])
    base = iterated_dominance(game).surviving
    moved = iterated_dominance(permuted).surviving
    assert [sorted(int(perm[s]) for s in kept) for perm, kept in zip(perms, moved, strict=True)] == [
        sorted(kept) for kept in base
    ]


@settings(max_examples=40, deadline=None)
@given(SMALL_GAMES)
def test_strict_elimination_keeps_every_pure_equilibrium(game: NormalFormGame) -> None:
    result = iterated_dominance(game)
    reduced = pure_equilibria(result.game)
    assert len(reduced) == len(pure_equilibria(game))
    for eq in reduced:
        cell = [result.surviving[p][eq.support[p][0]] for p in range(game.num_players)]
        assert is_nash(game, cell)


def test_mixed_equilibria_of_reduced_game_are_equilibria() -> None:
    n_player = pytest.importorskip("gametheory.solvers.n_player")
    game = NormalFormGame.from_bimatrix([[3, 0, 1], [0, 3, 1], [-1, -1, -1]], [[0, 3, 1], [3, 0, 1], [5, 5, 0]])
    result = iterated_dominance(game)
    assert result.surviving == ((0, 1), (0, 1))
    for eq in n_player.n_player_equilibria(result.game):
        profile = []
        for p, kept in enumerate(result.surviving):
            vector = [F(0)] * game.shape[p]
            for local, original in enumerate(kept):
                vector[original] = eq.profile[p][local]
            profile.append(vector)
        assert is_nash(game, profile)


def test_rejects_parametric_game() -> None:
    with pytest.raises(ParameterError):
        iterated_dominance(NormalFormGame.from_bimatrix([["R", 0]], [[0, 0]]))


def test_rejects_non_boolean_weak() -> None:
    game = NormalFormGame.from_bimatrix([[1, 0]], [[0, 1]])
    with pytest.raises(InvalidArgumentError, match="weak"):
        iterated_dominance(game, weak="yes")  # type: ignore[arg-type]


def test_rejects_player_out_of_range() -> None:
    game = NormalFormGame.from_bimatrix([[1, 0]], [[0, 1]])
    with pytest.raises(InvalidProfileError, match="out of range"):
        dominated_strategies(game, 2)


def test_rejects_non_game() -> None:
    with pytest.raises(UnsupportedGameError):
        iterated_dominance([[1, 0]])  # type: ignore[arg-type]


@pytest.mark.parametrize(("reputation", "us_keeps"), [(3, "Strike"), (1, "Restrain")])
def test_strike_or_restrain_catch_22(reputation: int, us_keeps: str) -> None:
    # Seed article: when b - k + l > 0 and b > 0 the militia attacks whatever the US does;
    # the US then strikes when the reputation cost R exceeds the strike cost c.
    d, c, b, k, legitimacy = 1, 2, 2, 3, 2
    r = reputation
    game = NormalFormGame.from_bimatrix(
        [[-d - c, -c], [-d - r, 0]],
        [[b - k + legitimacy, 0], [b, 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )
    result = iterated_dominance(game)
    assert result.game.strategies == ((us_keeps,), ("Attack",))
    assert ("Militia", "Hold", 1) in [(e.player_name, e.label, e.round) for e in result.eliminated]


# ---------------------------------------------------------------- per-player scale (issue 9)
def _summary(result: DominanceResult) -> tuple[object, ...]:
    removed = [(e.player, e.strategy, e.round) for e in result.eliminated]
    return (result.surviving, removed)


def _one_player_scaled(game: NormalFormGame, player: int, factor: float) -> NormalFormGame:
    floats = np.array(game.float_payoffs(), dtype=np.float64)
    floats[..., player] *= factor
    return NormalFormGame(floats)


def test_small_players_strict_dominance_is_decided_on_its_own_scale() -> None:
    # The column player's s2 beats s1 by 1e-4 everywhere; the row player's payoffs are about 1e6.
    game = NormalFormGame.from_bimatrix([[1e6, 0.0], [2e6, 1e6]], [[0.0, 1e-4], [0.0, 1e-4]])
    # The old single tolerance (1e-9 times the largest payoff of any player) treated the margins as ties.
    assert game.default_tolerance() > 1e-4
    result = iterated_dominance(game)
    assert result.surviving == ((1,), (1,))
    assert ("Player 2", "s1", 1) in [(e.player_name, e.label, e.round) for e in result.eliminated]


def test_small_players_mixed_dominance_is_decided_on_its_own_scale() -> None:
    # The column player's middle strategy is beaten only by the half-half mix of the others, by 5e-7.
    a = np.array([[1e8, 0.0, 5e7], [0.0, 1e8, 2e7]])
    b = np.array([[3e-6, 1e-6, 0.0], [0.0, 1e-6, 3e-6]])
    game = NormalFormGame.from_bimatrix(a, b)
    assert game.default_tolerance() > 5e-7
    (record,) = dominated_strategies(game, 1)
    assert record.strategy == 1
    assert record.witness.tolist() == pytest.approx([0.5, 0.0, 0.5])
    assert iterated_dominance(game).surviving == ((0,), (0,))


def test_small_players_weak_dominance_is_decided_on_its_own_scale() -> None:
    game = NormalFormGame.from_bimatrix([[1e12, 0.0], [0.0, 1e12]], [[1.0, 1.0], [1.0, 1.5]])
    assert game.default_tolerance() > 0.5
    assert [(e.player, e.strategy) for e in dominated_strategies(game, 1, weak=True)] == [(1, 0)]


def test_tiny_and_huge_payoffs_keep_their_dominance() -> None:
    pd = NormalFormGame.from_bimatrix(
        np.array([[3.0, 0.0], [5.0, 1.0]]) * 1e-300, np.array([[3.0, 5.0], [0.0, 1.0]]) * 1e300
    )
    assert iterated_dominance(pd).surviving == ((1,), (1,))


@settings(max_examples=50, deadline=None)
@given(
    normal_form_games(num_players=(2, 3), num_strategies=(2, 3), min_payoff=-4, max_payoff=4),
    st.data(),
    st.sampled_from([2.0**20, 2.0**-20, 1e6, 1e-6]),
    st.booleans(),
)
def test_scaling_one_player_never_changes_the_dominance_result(
    game: NormalFormGame, data: st.DataObject, factor: float, weak: bool
) -> None:
    player = data.draw(st.integers(0, game.num_players - 1))
    floats = _one_player_scaled(game, 0, 1.0)
    before = _summary(iterated_dominance(floats, weak=weak))
    assert _summary(iterated_dominance(_one_player_scaled(game, player, factor), weak=weak)) == before
    # The float answer is the exact answer (integer payoffs: margins are far above the tolerance or zero).
    assert before == _summary(iterated_dominance(game, weak=weak))
