"""Tests of nash_equilibria (two-player vertex enumeration)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.pure import pure_equilibria
from gametheory.solvers.verify import is_nash, regret
from gametheory.strategies import bimatrix_games

F = Fraction
# Small integer bimatrix games; the narrow payoff range makes ties and degeneracy common.
SMALL_GAMES = bimatrix_games(num_strategies=(1, 4), min_payoff=-3, max_payoff=3)


# ---------------------------------------------------------------- strategies
@st.composite
def normal_games(draw, max_size=6, min_size=2):
    """Float games with standard-normal payoffs: nondegenerate with probability one."""
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return NormalFormGame.from_bimatrix(rng.standard_normal((m, n)), rng.standard_normal((m, n)))


def keys(equilibria):
    return [eq.key() for eq in equilibria]


def strike_or_restrain(d, c, r, b, k, l):  # noqa: E741
    return NormalFormGame.from_bimatrix(
        [[-d - c, -c], [-d - r, 0]],
        [[b - k + l, 0], [b, 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


# ---------------------------------------------------------------- examples
def test_matching_pennies_has_one_mixed_equilibrium():
    (eq,) = nash_equilibria(NormalFormGame.zero_sum([[1, -1], [-1, 1]]))
    assert eq.key() == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    assert eq.is_exact


def test_battle_of_the_sexes_has_three_equilibria():
    game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert keys(nash_equilibria(game)) == [
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
        ((F(1), F(0)), (F(1), F(0))),
    ]


def test_issue_degenerate_game_returns_both_extreme_points():
    game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    assert keys(nash_equilibria(game)) == [((F(0), F(1)), (F(1), F(0))), ((F(2, 7), F(5, 7)), (F(1), F(0)))]


def test_issue_degenerate_game_in_floats_gives_the_same_points():
    game = NormalFormGame.from_bimatrix([[-3.0, 3.0], [-3.0, 5.0]], [[2.0, 7.0], [4.0, 2.0]])
    found = nash_equilibria(game)
    assert [eq.tolerance is not None for eq in found] == [True, True]
    np.testing.assert_allclose(found[1].profile[0], [2 / 7, 5 / 7])
    np.testing.assert_allclose(found[1].profile[1], [1, 0])
    assert found[1].profile[0].dtype == np.float64


@pytest.mark.parametrize("value", [0, 0.0])
def test_all_zero_game_has_every_pure_profile_as_extreme_equilibrium(value):
    game = NormalFormGame.from_bimatrix([[value] * 3] * 2, [[value] * 3] * 2)
    found = nash_equilibria(game)
    assert len(found) == 6
    assert all(eq.is_pure for eq in found)


def test_duplicate_strategy_gives_a_segment_of_equilibria():
    # The column player's two strategies are copies: any mix of them is a best response.
    game = NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    assert keys(nash_equilibria(game)) == [((F(1), F(0)), (F(0), F(1))), ((F(1), F(0)), (F(1), F(0)))]


def test_ties_in_payoffs():
    game = NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    assert keys(nash_equilibria(game)) == [
        ((F(0), F(1)), (F(1), F(0))),
        ((F(1), F(0)), (F(0), F(1))),
        ((F(1), F(0)), (F(1), F(0))),
    ]


def test_one_by_n_game_gives_the_best_responses():
    game = NormalFormGame.from_bimatrix([[0, 0, 0]], [[2, 5, 5]])
    assert keys(nash_equilibria(game)) == [((F(1),), (F(0), F(0), F(1))), ((F(1),), (F(0), F(1), F(0)))]


def test_n_by_one_float_game():
    game = NormalFormGame.from_bimatrix([[1.0], [3.0], [2.0]], [[0.0], [0.0], [0.0]])
    (eq,) = nash_equilibria(game)
    assert eq.support == ((1,), (0,))


def test_one_by_one_game():
    (eq,) = nash_equilibria(NormalFormGame.from_bimatrix([[4]], [[-1]]))
    assert eq.key() == ((F(1),), (F(1),))


def test_prisoners_dilemma_float_has_one_pure_equilibrium():
    game = NormalFormGame.from_bimatrix([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])
    (eq,) = nash_equilibria(game)
    assert eq.support == ((1,), (1,))
    assert eq.tolerance == game.default_tolerance()


def test_strike_or_restrain_mixed_regime():
    # R > c and b + l < k: the US strikes with p = b / (k - l); the militia attacks with q = c / R.
    game = strike_or_restrain(d=1, c=1, r=2, b=1, k=3, l=1)
    (eq,) = nash_equilibria(game)
    assert eq.key() == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    game = strike_or_restrain(d=2, c=1, r=3, b=1, k=5, l=1)
    (eq,) = nash_equilibria(game)
    assert eq.key() == ((F(1, 4), F(3, 4)), (F(1, 3), F(2, 3)))


def test_strike_or_restrain_restraint_regime():
    # R < c: restraint dominates and the militia attacks.
    (eq,) = nash_equilibria(strike_or_restrain(d=1, c=2, r=1, b=1, k=3, l=1))
    assert str(eq) == "US: Restrain; Militia: Attack; payoffs -2, 1"


def test_strike_or_restrain_catch_22_regime():
    # R > c and b + l > k: the militia attacks whatever the US does, and the US strikes.
    (eq,) = nash_equilibria(strike_or_restrain(d=1, c=1, r=2, b=2, k=1, l=1))
    assert str(eq) == "US: Strike; Militia: Attack; payoffs -2, 2"


def test_strike_or_restrain_float_parameters():
    (eq,) = nash_equilibria(strike_or_restrain(d=1.5, c=0.5, r=2.0, b=1.0, k=3.0, l=0.5))
    np.testing.assert_allclose(eq.profile[0], [1 / 2.5, 1.5 / 2.5])
    np.testing.assert_allclose(eq.profile[1], [0.25, 0.75])


def test_exact_fraction_payoffs():
    game = NormalFormGame.from_bimatrix([[F(1, 3), 0], [0, F(1, 6)]], [[F(1, 6), 0], [0, F(1, 3)]])
    # Each player mixes so that the other is indifferent: (1/6) x1 = (1/3) x2 and (1/3) y1 = (1/6) y2.
    assert keys(nash_equilibria(game))[1] == ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))


def test_many_labels_use_several_bitmask_words():
    # 2 x 70: 72 labels need two 64-bit words; the column player has one best response.
    rng = np.random.default_rng(3)
    a = rng.integers(-5, 5, (2, 70))
    b = np.zeros((2, 70), dtype=int)
    b[:, 41] = 1
    found = nash_equilibria(NormalFormGame.from_bimatrix(a, b))
    assert {eq.support[1] for eq in found} == {(41,)}
    assert len(found) == (1 if a[0, 41] != a[1, 41] else 2)


def test_large_float_game_is_fast_and_verified():
    rng = np.random.default_rng(12)
    game = NormalFormGame.from_bimatrix(rng.standard_normal((12, 12)), rng.standard_normal((12, 12)))
    found = nash_equilibria(game)
    assert len(found) % 2 == 1
    assert all(is_nash(game, eq) for eq in found)


def test_degenerate_float_game_falls_back_to_exact_rationals():
    game = NormalFormGame.from_bimatrix([[0.5, 0.5, 0.25], [0.5, 0.0, 0.25]], [[0.5, 0.5, 0.0], [0.5, 0.0, 1.0]])
    found = nash_equilibria(game)
    exact = nash_equilibria(
        NormalFormGame.from_bimatrix(
            [[F(1, 2), F(1, 2), F(1, 4)], [F(1, 2), 0, F(1, 4)]], [[F(1, 2), F(1, 2), 0], [F(1, 2), 0, 1]]
        )
    )
    assert len(found) == len(exact)
    for f, e in zip(found, exact, strict=True):
        for p, q in zip(f.profile, e.as_float(), strict=True):
            np.testing.assert_allclose(p, q)


BATTLE = ([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])


def _battle_answer():
    return [((1.0, 0.0), (1.0, 0.0)), ((0.0, 1.0), (0.0, 1.0)), ((2 / 3, 1 / 3), (1 / 3, 2 / 3))]


def _rounded(found):
    return sorted(tuple(tuple(round(float(v), 12) for v in p) for p in eq.profile) for eq in found)


@pytest.mark.parametrize(
    "kernel_answer",
    [
        pytest.param(None, id="kernel-gives-up"),
        pytest.param((np.empty((0, 2)), np.empty((0, 2))), id="even-count"),
        pytest.param((np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])), id="candidate-not-nash"),
    ],
)
def test_float_kernel_failures_fall_back_to_the_exact_algorithm(monkeypatch, kernel_answer):
    import gametheory.solvers.enumeration as enumeration

    monkeypatch.setattr(enumeration, "float_equilibria", lambda a, b: kernel_answer)
    found = nash_equilibria(NormalFormGame.from_bimatrix(*BATTLE))
    assert _rounded(found) == sorted(tuple(tuple(round(v, 12) for v in p) for p in k) for k in _battle_answer())
    assert all(eq.profile[0].dtype == np.float64 for eq in found)


# ---------------------------------------------------------------- bad input and delegation
def test_parametric_game_is_rejected():
    game = NormalFormGame.from_bimatrix([["R", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="R"):
        nash_equilibria(game)


def test_not_a_game_is_rejected():
    with pytest.raises(UnsupportedGameError):
        nash_equilibria([[1, 0], [0, 1]])


def test_three_players_are_delegated_to_the_n_player_solver(monkeypatch):
    n_player = pytest.importorskip("gametheory.solvers.n_player")
    sentinel = object()
    monkeypatch.setattr(n_player, "n_player_equilibria", lambda game: (sentinel,))
    game = NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int))
    assert nash_equilibria(game) == (sentinel,)


# ---------------------------------------------------------------- properties
@settings(max_examples=80, deadline=None)
@given(SMALL_GAMES)
def test_every_exact_equilibrium_is_exactly_nash(game):
    found = nash_equilibria(game)
    assert found, "every finite game has an equilibrium"
    for eq in found:
        assert eq.is_exact
        assert all(r == 0 for r in regret(game, eq))
    assert keys(found) == sorted(keys(found))
    assert len(set(keys(found))) == len(found)


@settings(max_examples=40, deadline=None)
@given(normal_games())
def test_every_float_equilibrium_is_nash_within_its_tolerance(game):
    found = nash_equilibria(game)
    for eq in found:
        assert eq.tolerance is not None
        assert is_nash(game, eq, tol=eq.tolerance)


@settings(max_examples=40, deadline=None)
@given(normal_games())
def test_nondegenerate_games_have_an_odd_number_of_equilibria(game):
    assert len(nash_equilibria(game)) % 2 == 1


@settings(max_examples=60, deadline=None)
@given(SMALL_GAMES, st.data())
def test_invariant_under_positive_affine_transforms(game, data):
    scales = [data.draw(st.fractions(F(1, 10), F(10)).filter(lambda s: s > 0)) for _ in range(2)]
    shifts = [data.draw(st.fractions(-10, 10)) for _ in range(2)]
    a, b = game.payoff_tensor(0), game.payoff_tensor(1)
    moved = NormalFormGame.from_bimatrix(a * scales[0] + shifts[0], b * scales[1] + shifts[1])
    assert keys(nash_equilibria(moved)) == keys(nash_equilibria(game))


@settings(max_examples=60, deadline=None)
@given(SMALL_GAMES, st.randoms(use_true_random=False))
def test_invariant_under_relabelling_strategies(game, random):
    m, n = game.shape
    rows, columns = list(range(m)), list(range(n))
    random.shuffle(rows)
    random.shuffle(columns)
    a, b = game.payoff_tensor(0), game.payoff_tensor(1)
    permuted = NormalFormGame.from_bimatrix(a[np.ix_(rows, columns)], b[np.ix_(rows, columns)])
    expected = sorted(
        (tuple(eq.profile[0][rows].tolist()), tuple(eq.profile[1][columns].tolist())) for eq in nash_equilibria(game)
    )
    assert keys(nash_equilibria(permuted)) == expected


@settings(max_examples=60, deadline=None)
@given(SMALL_GAMES)
def test_pure_equilibria_are_among_the_extreme_equilibria(game):
    assert set(keys(pure_equilibria(game))) <= set(keys(nash_equilibria(game)))


@settings(max_examples=40, deadline=None)
@given(bimatrix_games(num_strategies=(1, 4), min_payoff=-2, max_payoff=2))
def test_float_and_exact_games_agree(game):
    floats = NormalFormGame.from_bimatrix(game.float_payoffs()[..., 0], game.float_payoffs()[..., 1])
    exact = nash_equilibria(game)
    found = nash_equilibria(floats)
    assert len(found) == len(exact)
    for f, e in zip(found, exact, strict=True):
        for p, q in zip(f.profile, e.as_float(), strict=True):
            np.testing.assert_allclose(p, q, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(normal_games(max_size=4))
def test_agrees_with_nashpy_vertex_enumeration_on_nondegenerate_games(game):
    nashpy = pytest.importorskip("nashpy")
    a, b = game.float_payoffs()[..., 0], game.float_payoffs()[..., 1]
    theirs = sorted((tuple(np.round(x, 8)), tuple(np.round(y, 8))) for x, y in nashpy.Game(a, b).vertex_enumeration())
    ours = sorted(
        (tuple(np.round(eq.profile[0], 8)), tuple(np.round(eq.profile[1], 8))) for eq in nash_equilibria(game)
    )
    assert ours == theirs


# ---------------------------------------------------------------- per-player scale (issue 9)
SMALL_INTEGER_GAMES = bimatrix_games(num_strategies=(2, 4), min_payoff=-5, max_payoff=5)


def _floats(game: NormalFormGame, player: int = 0, factor: float = 1.0, shift: float = 0.0) -> NormalFormGame:
    floats = np.array(game.float_payoffs(), dtype=np.float64)
    # The shift is in units of the player's payoff spread (max - min): a constant 1e9 times larger
    # than every payoff difference would make them ties within the float tolerance, rightly.
    spread = float(np.ptp(floats[..., player]))
    floats[..., player] = (floats[..., player] + shift * spread) * factor
    return NormalFormGame(floats)


def _same(first: tuple, second: tuple) -> None:
    """Every equilibrium of each list is within 1e-7 of one of the other with the same support.

    (Rounding 3e-6 can split a degenerate vertex into two almost equal ones, so lengths may differ.)
    """
    for one, other in ((first, second), (second, first)):
        for eq in one:
            assert any(
                eq.support == match.support
                and all(np.allclose(p, q, atol=1e-7) for p, q in zip(eq.as_float(), match.as_float(), strict=True))
                for match in other
            ), eq


def test_mixed_equilibrium_when_one_player_has_large_payoffs() -> None:
    game = NormalFormGame.from_bimatrix([[1e6, 0], [0, 1e6]], [[0, 1e-3], [1e-3, 0]])
    (eq,) = nash_equilibria(game)
    assert eq.support == ((0, 1), (0, 1))
    assert pure_equilibria(game) == ()


def test_payoffs_near_the_float_limit_are_solved() -> None:
    game = NormalFormGame.from_bimatrix([[1e308, -1e308], [-1e308, 1e308]], [[-1e308, 1e308], [1e308, -1e308]])
    (eq,) = nash_equilibria(game)
    np.testing.assert_allclose(eq.as_float()[0], [0.5, 0.5])
    assert eq.payoffs.tolist() == [0.0, 0.0]


@settings(max_examples=60, deadline=None)
@given(SMALL_INTEGER_GAMES, st.integers(0, 1), st.sampled_from([1e6, 2.0**-40]), st.sampled_from([0.0, -7.0, 20.0]))
def test_scaling_or_shifting_one_player_never_changes_the_equilibria(
    game: NormalFormGame, player: int, factor: float, shift: float
) -> None:
    # Degenerate games included: these factors and shifts are exact in floats.
    _same(nash_equilibria(_floats(game, player, factor, shift)), nash_equilibria(_floats(game)))


@settings(max_examples=60, deadline=None)
@given(
    bimatrix_games(num_strategies=(2, 4), exact=False),
    st.integers(0, 1),
    st.sampled_from([1e-6, 1e6]),
    st.sampled_from([0.0, -7.0, 20.0]),
)
def test_scaling_or_shifting_one_player_of_a_float_game_never_changes_the_equilibria(
    game: NormalFormGame, player: int, factor: float, shift: float
) -> None:
    # Rounding 3 * 1e-6 can move an exactly degenerate vertex, so inexact factors are checked on float games.
    # The tolerance is relative to each player's payoff spread, which neither a factor nor a shift changes.
    _same(nash_equilibria(_floats(game, player, factor, shift)), nash_equilibria(_floats(game)))


@settings(max_examples=50, deadline=None)
@given(SMALL_INTEGER_GAMES, st.tuples(st.integers(-990, 990), st.integers(-990, 990)))
def test_dyadic_float_games_give_the_exact_games_equilibria(game: NormalFormGame, powers: tuple[int, int]) -> None:
    exact = np.empty(game.payoffs.shape, dtype=object)
    for cell in np.ndindex(game.payoffs.shape):
        exact[cell] = Fraction(game.payoffs[cell]) * Fraction(2) ** powers[cell[-1]]
    _same(nash_equilibria(NormalFormGame(exact.astype(np.float64))), nash_equilibria(NormalFormGame(exact)))


@settings(max_examples=60, deadline=None)
@given(bimatrix_games(num_strategies=(2, 4), min_payoff=-2, max_payoff=2), st.randoms(use_true_random=False))
def test_near_ties_are_ties_in_both_pure_and_nash_equilibria(game: NormalFormGame, random) -> None:
    floats = np.array(game.float_payoffs(), dtype=np.float64)
    # Noise far below each player's own tolerance: 1e-12 of its payoff spread, counted as at least 1e-4
    # of its largest payoff (a player whose payoffs are all 0 gets none: any noise is its whole signal).
    axes = tuple(range(floats.ndim - 1))
    scales = np.maximum(np.ptp(floats, axis=axes), 1e-4 * np.max(np.abs(floats), axis=axes))
    noise = np.array([random.uniform(-1e-12, 1e-12) for _ in range(floats.size)]).reshape(floats.shape)
    noisy = floats + noise * scales
    noisy_game = NormalFormGame(noisy)
    pure = {eq.support for eq in pure_equilibria(noisy_game)}
    found = {eq.support for eq in nash_equilibria(noisy_game) if eq.is_pure}
    assert pure == found
    assert pure == {eq.support for eq in pure_equilibria(game)}


# ---------------------------------------------------------------------- bounded work (time_limit, memory guard)


def _random_integer_game(size: int, seed: int = 1) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_bimatrix(
        rng.integers(0, 100, (size, size)).tolist(), rng.integers(0, 100, (size, size)).tolist()
    )


def _identity_game(size: int) -> NormalFormGame:
    identity = np.eye(size, dtype=int).tolist()
    return NormalFormGame.from_bimatrix(identity, identity)


def _random_float_game(size: int, seed: int = 1) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_bimatrix(rng.standard_normal((size, size)), rng.standard_normal((size, size)))


@pytest.mark.parametrize(
    "game",
    [_random_integer_game(20), _identity_game(16), _random_float_game(20)],
    ids=[
        "random 20x20 integer game (exhausts memory)",
        "16x16 identity game (a minute)",
        "random 20x20 float game (a minute and 2 GB in one qhull call)",
    ],
)
def test_time_limit_stops_a_long_enumeration_promptly(game: NormalFormGame) -> None:
    import time

    from gametheory.exceptions import ResourceLimitError

    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match=r"nash_equilibria exceeded the time limit of 0.5 s"):
        nash_equilibria(game, time_limit=0.5)
    assert time.monotonic() - start < 2.5


@pytest.mark.parametrize(
    "game",
    [
        _random_integer_game(6),
        _identity_game(5),
        NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]]),
        NormalFormGame.from_bimatrix(np.random.default_rng(3).random((5, 4)), np.random.default_rng(4).random((5, 4))),
        NormalFormGame(np.random.default_rng(5).integers(0, 5, (2, 2, 2, 3))),
    ],
)
def test_a_generous_time_limit_gives_the_same_answer(game: NormalFormGame) -> None:
    assert nash_equilibria(game, time_limit=600) == nash_equilibria(game)


def test_time_limit_reaches_trees_and_bayesian_games() -> None:
    from gametheory.games.bayesian import BayesianGame
    from gametheory.games.extensive_form import ExtensiveFormGame
    from gametheory.games.tree_nodes import decision, terminal
    from gametheory.solvers.bayesian import bayesian_equilibria
    from gametheory.solvers.behavior import tree_equilibria

    tree = ExtensiveFormGame(
        decision(
            "Militia",
            {
                "Attack": decision("US", {"Retaliate": terminal(-1, -2), "Absorb": terminal(1, -1)}),
                "Hold": terminal(0, 0),
            },
        )
    )
    expected = [str(eq) for eq in tree_equilibria(tree)]
    assert [str(eq) for eq in tree_equilibria(tree, time_limit=600)] == expected
    assert [str(eq) for eq in nash_equilibria(tree, time_limit=600)] == expected
    bayesian = BayesianGame({("t", "u"): [[[2, 1], [0, 0]], [[0, 0], [1, 2]]]}, {("t", "u"): 1})
    assert len(bayesian_equilibria(bayesian, time_limit=600)) == len(nash_equilibria(bayesian)) == 3


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf"), "1", True])
def test_time_limit_is_validated(bad: object) -> None:
    from gametheory.exceptions import InvalidArgumentError

    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    with pytest.raises(InvalidArgumentError, match="time_limit"):
        nash_equilibria(game, time_limit=bad)  # type: ignore[arg-type]


def test_vertex_enumeration_stops_before_outgrowing_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 20x20 game's tables grow until the memory guard stops them, with the estimate: no MemoryError."""
    import time

    from gametheory._internal import limits
    from gametheory.exceptions import ResourceLimitError

    monkeypatch.setattr(limits, "memory_budget", lambda: 8 * 2**20)
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match=r"vertex enumeration .* would need about [0-9.]+ GB"):
        nash_equilibria(_random_integer_game(20))
    assert time.monotonic() - start < 10


def test_float_vertex_enumeration_stops_before_outgrowing_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """A float game too large for qhull is enumerated by pivoting, whose tables are guarded too."""
    import time

    from gametheory._internal import limits
    from gametheory.exceptions import ResourceLimitError

    monkeypatch.setattr(limits, "memory_budget", lambda: 2**16)
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match=r"vertex enumeration .* would need about [0-9.]+ GB"):
        nash_equilibria(_random_float_game(18))
    assert time.monotonic() - start < 10


def test_vertex_bound_is_the_upper_bound_theorem() -> None:
    from gametheory.solvers._vertex_float import vertex_bound

    # A polygon with 4 edges has 4 vertices, a 3-polytope with 6 facets at most 8 (the cube).
    assert [vertex_bound(2, 2), vertex_bound(3, 3), vertex_bound(2, 5)] == [4, 8, 7]
    assert vertex_bound(14, 14) <= 200_000 < vertex_bound(16, 16)


def _with_kernel(monkeypatch: pytest.MonkeyPatch, kernel: str) -> None:
    import gametheory.solvers._vertex_float as vertex_float

    qhull, support = {"support": (200_000, 10**9), "qhull": (200_000, 0), "pivoting": (0, 0)}[kernel]
    monkeypatch.setattr(vertex_float, "QHULL_MAX_VERTICES", qhull)
    monkeypatch.setattr(vertex_float, "SUPPORT_MAX_BASES", support)


@settings(max_examples=40, deadline=None)
@given(st.one_of(normal_games(max_size=7), bimatrix_games(num_strategies=(2, 4), min_payoff=-2, max_payoff=2)))
def test_the_three_float_vertex_enumerations_give_the_same_answer(game: NormalFormGame) -> None:
    """Solving every basis, qhull and the pivoting search agree bit for bit, degenerate games included."""
    floats = NormalFormGame(np.array(game.float_payoffs(), dtype=np.float64))
    answers = []
    for kernel in ("support", "qhull", "pivoting"):
        with pytest.MonkeyPatch.context() as monkeypatch:
            _with_kernel(monkeypatch, kernel)
            answers.append(nash_equilibria(floats))
    assert answers[0] == answers[1] == answers[2]


@pytest.mark.parametrize("kernel", ["support", "qhull", "pivoting"])
def test_each_float_vertex_enumeration_solves_a_larger_game(monkeypatch: pytest.MonkeyPatch, kernel: str) -> None:
    game = _random_float_game(9, seed=4)
    expected = nash_equilibria(game)
    _with_kernel(monkeypatch, kernel)
    found = nash_equilibria(game, time_limit=600)
    assert found == expected
    assert len(found) % 2 == 1
    assert all(is_nash(game, eq) for eq in found)
