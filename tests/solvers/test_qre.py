"""Tests for the logit QRE, its principal branch and its Nash limit: against pygambit, and by their properties."""

from __future__ import annotations

import io
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.exceptions import (
    InvalidArgumentError,
    InvalidProfileError,
    ParameterError,
    ResourceLimitError,
    UnsupportedGameError,
)
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.solvers.behavior import BehaviorEquilibrium
from gametheory.solvers.qre import (
    QRE_TOLERANCE,
    QREPath,
    QuantalResponseEquilibrium,
    logit_qre,
    qre_path,
    qre_residual,
)
from gametheory.solvers.results import Equilibrium
from gametheory.solvers.verify import is_nash, regret
from gametheory.strategies import bimatrix_games, game_trees, normal_form_games

PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def tolerance(game: NormalFormGame | ExtensiveFormGame, lam: float) -> float:
    """The stated accuracy of the logit equations: QRE_TOLERANCE * (1 + lam * largest absolute payoff)."""
    if isinstance(game, NormalFormGame):
        scale = float(np.max(np.abs(game.float_payoffs())))
    else:
        scale = max(abs(float(v)) for p in game.positions for v in game.accumulated_payoffs(p.index))
    return QRE_TOLERANCE * (1 + lam * scale)


def assert_path_solves(game: NormalFormGame | ExtensiveFormGame, path: QREPath) -> None:
    for lam, profile in zip(path.lambdas, path.profiles, strict=True):
        assert qre_residual(game, profile, lam) <= tolerance(game, lam)


def random_game(seed: int, shape: tuple[int, ...], *, exact: bool = True) -> NormalFormGame:
    """A generic game: payoffs drawn from a wide range, so ties (degeneracy) are unlikely."""
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(-99, 100, size=(*shape, len(shape)))
    return NormalFormGame(payoffs if exact else payoffs / 7.0)


def deterrence_tree() -> ExtensiveFormGame:
    return ExtensiveFormGame(
        decision(
            "Militia",
            {
                "Attack": decision("US", {"Retaliate": terminal(-1, -2), "Absorb": terminal(1, -1)}),
                "Hold": terminal(0, 0),
            },
        )
    )


def deniability_tree() -> ExtensiveFormGame:
    def us(a: int, b: int) -> object:
        return decision("US", {"Strike": terminal(a, 0), "Wait": terminal(b, 0)}, infoset="attack")

    order = chance({"Ordered": ("1/4", us(1, -1)), "Rogue": ("3/4", us(-1, 2))})
    return ExtensiveFormGame(decision("Iran", {"Order": order, "No": terminal(0, 1)}), players=("US", "Iran"))


def guessing_tree() -> ExtensiveFormGame:
    return ExtensiveFormGame(
        decision(
            "A",
            {
                "H": decision("B", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="guess"),
                "T": decision("B", {"h": terminal(-2, 1), "t": terminal(1, -1)}, infoset="guess"),
            },
        )
    )


TREES = [deterrence_tree, deniability_tree, guessing_tree]


# ---------------------------------------------------------------------- known values
def test_known_game() -> None:
    game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    qre = logit_qre(game, 1.0)
    # The value pygambit's logit_solve_lambda gives.
    assert qre.profile[0] == pytest.approx([0.22675064483433358, 0.7732493551656664], abs=1e-9)
    assert qre.lam == 1.0
    assert qre.players == game.players
    assert qre.strategies == game.strategies
    assert qre.game is game
    assert qre.payoffs == pytest.approx(
        [float(qre.profile[0] @ game.float_payoffs()[..., 0] @ qre.profile[1])] * 2, abs=1e-12
    )
    assert qre.max_residual == qre_residual(game, qre, 1.0) < QRE_TOLERANCE
    assert "lam=1" in str(qre)
    assert "QuantalResponseEquilibrium(" in repr(qre)


def test_records_are_frozen() -> None:
    game = NormalFormGame.from_bimatrix([[1, 0], [0, 2]], [[3, 0], [0, 1]])
    qre, path = logit_qre(game, 1), qre_path(game, max_lambda=1)
    with pytest.raises(AttributeError):
        qre.lam = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        path.limit = None  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        qre.profile[0][0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        path.lambdas[0] = 1.0
    assert isinstance(qre, QuantalResponseEquilibrium)
    assert isinstance(path, QREPath)


def test_logit_qre_is_on_the_path_and_lands_on_lam() -> None:
    game = random_game(3, (3, 4))
    path = qre_path(game, max_lambda=0.7)
    assert path.lambdas[-1] == 0.7
    assert path.limit is None
    qre = logit_qre(game, 0.7)
    for a, b in zip(path.profiles[-1], qre.profile, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-10)
    assert path.probabilities(1).shape == (len(path.lambdas), 4)


#: A three-player game (found by search) whose principal branch folds: lam rises to about 0.36659,
#: falls back to about 0.3557, then rises again.
FOLD = np.array(
    [
        [[[0, -3, 9], [7, 9, 5]], [[-5, -7, 8], [1, -7, 7]]],
        [[[-4, 2, 2], [1, -5, -2]], [[2, 9, -1], [-2, -4, -7]]],
    ]
)


def test_path_passes_a_turning_point() -> None:
    game = NormalFormGame(FOLD)
    path = qre_path(game)
    steps = np.diff(path.lambdas)
    assert np.any(steps < 0)
    assert np.any(steps > 0)
    assert_path_solves(game, path)
    assert is_nash(game, path.limit)
    assert [list(p) for p in path.limit.profile] == [[0, 1], [0, 1], [1, 0]]
    # Inside the fold lam is crossed three times; logit_qre returns the first crossing, before the jump
    # (pygambit's logit_solve_lambda returns the last one: about 0.2417 here).
    first = logit_qre(game, 0.3665)
    assert first.max_residual < QRE_TOLERANCE
    assert first.profile[0][0] == pytest.approx(0.54623, abs=1e-4)
    after = logit_qre(game, 0.367)
    assert after.profile[0][0] == pytest.approx(0.23919, abs=1e-4)


# ---------------------------------------------------------------------- against pygambit
gbt = pytest.importorskip("pygambit")


def pygambit_game(game: NormalFormGame) -> object:
    floats = game.float_payoffs()
    return gbt.Game.from_arrays(*[floats[..., i] for i in range(game.num_players)])


NORMAL_CASES = [(seed, shape) for seed, shape in enumerate([(3, 3), (4, 3), (2, 5), (2, 2, 2), (3, 2, 2), (2, 3, 2)])]


@pytest.mark.parametrize(("seed", "shape"), NORMAL_CASES)
def test_qre_agrees_with_pygambit(seed: int, shape: tuple[int, ...]) -> None:
    game = random_game(seed, shape)
    # pygambit's lam is in the units of its payoffs, as ours is; scale lam to the payoff range (~200).
    lams = [0.002, 0.01, 0.05]
    theirs = gbt.qre.logit_solve_lambda(pygambit_game(game), lams)
    for lam, point in zip(lams, theirs, strict=True):
        ours = logit_qre(game, lam)
        assert ours.max_residual < QRE_TOLERANCE
        expected = [np.array([float(point.profile[s]) for s in p.strategies]) for p in point.game.players]
        for a, b in zip(ours.profile, expected, strict=True):
            np.testing.assert_allclose(a, b, atol=1e-7)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("shape", [(3, 3), (4, 4), (2, 2, 2), (3, 2, 2)])
def test_limit_agrees_with_pygambit(seed: int, shape: tuple[int, ...]) -> None:
    game = random_game(100 + seed, shape)
    path = qre_path(game)
    limit = path.limit
    assert isinstance(limit, Equilibrium)
    assert is_nash(game, limit)
    if game.num_players == 2:
        assert limit.is_exact
    (expected,) = gbt.nash.logit_solve(pygambit_game(game)).equilibria
    theirs = [np.array([float(expected[s]) for s in p.strategies]) for p in expected.game.players]
    for a, b in zip(limit.as_float(), theirs, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-4)


def test_limit_is_exact_for_three_players() -> None:
    # Matching pennies of three players: the unique equilibrium is fully mixed and rational.
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[a, b, c] = [int(a == b), int(b == c), int(c != a)]
    game = NormalFormGame(payoffs)
    limit = qre_path(game).limit
    assert isinstance(limit, Equilibrium)
    assert limit.is_exact
    assert [list(p) for p in limit.profile] == [[Fraction(1, 2)] * 2] * 3


def test_float_game_limit_is_verified_by_regret() -> None:
    game = random_game(7, (3, 3), exact=False)
    limit = qre_path(game).limit
    assert isinstance(limit, Equilibrium)
    assert not limit.is_exact
    assert is_nash(game, limit)


def flat_behavior(tree: ExtensiveFormGame, gambit_tree: object, values: list[float]) -> np.ndarray:
    """pygambit's flat action vector (players, then their information sets, then actions) in our infoset order."""
    flat, k = {}, 0
    for player_index, player in enumerate(gambit_tree.players):
        for number, infoset in enumerate(player.infosets, start=1):
            for action in range(len(infoset.actions)):
                flat[player_index, number, action] = values[k]
                k += 1
    return np.array([flat[s.player, s.number, a] for s in tree.information_sets for a in range(len(s.actions))])


def gambit_tree(tree: ExtensiveFormGame) -> object:
    from gametheory.io import generate_efg

    return gbt.read_efg(io.StringIO(generate_efg(tree)))


@pytest.mark.parametrize("make", TREES)
def test_agent_qre_agrees_with_pygambit(make: object) -> None:
    tree = make()  # type: ignore[operator]
    theirs_tree = gambit_tree(tree)
    lams = [0.5, 2.0, 6.0]
    points = gbt.qre.logit_solve_lambda(theirs_tree, lams)
    size = sum(len(s.actions) for s in tree.information_sets)
    for lam, point in zip(lams, points, strict=True):
        ours = logit_qre(tree, lam)
        assert ours.max_residual < QRE_TOLERANCE
        # pygambit 16.7 cannot build the behaviour profile of these records; their flat entries are readable.
        expected = flat_behavior(tree, theirs_tree, [float(point[k]) for k in range(size)])
        np.testing.assert_allclose(np.concatenate(ours.profile), expected, atol=1e-8)


@pytest.mark.parametrize("make", TREES)
def test_tree_limit_agrees_with_pygambit(make: object) -> None:
    tree = make()  # type: ignore[operator]
    path = qre_path(tree)
    assert isinstance(path.limit, BehaviorEquilibrium)
    theirs_tree = gambit_tree(tree)
    (expected,) = gbt.nash.logit_solve(theirs_tree).equilibria
    values = [float(expected[a]) for p in theirs_tree.players for s in p.infosets for a in s.actions]
    theirs = flat_behavior(tree, theirs_tree, values)
    np.testing.assert_allclose(np.concatenate(path.limit.behavior), theirs, atol=1e-5)


# ---------------------------------------------------------------------- properties
@PROPERTY
@given(normal_form_games(num_players=(2, 3), num_strategies=(1, 3)))
def test_uniform_at_zero(game: NormalFormGame) -> None:
    qre = logit_qre(game, 0)
    for p, n in zip(qre.profile, game.shape, strict=True):
        np.testing.assert_allclose(p, np.full(n, 1 / n), atol=1e-15)
    assert qre_residual(game, qre.profile, 0) <= 1e-15


@PROPERTY
@given(normal_form_games(num_players=(2, 3), num_strategies=(2, 3)), st.sampled_from([0.1, 0.5, 2.0]))
def test_fixed_point_and_regret_bound(game: NormalFormGame, lam: float) -> None:
    qre = logit_qre(game, lam)
    assert qre_residual(game, qre.profile, lam) <= tolerance(game, lam)
    # A logit response gives up at most log(n) / lam against a best response (softmax entropy bound).
    bound = np.log(np.array(game.shape)) / lam
    assert np.all(regret(game, qre.profile) <= bound + 1e-9)


@PROPERTY
@given(bimatrix_games(num_strategies=(2, 3), min_payoff=-100, max_payoff=100))
def test_path_regret_falls_to_zero_and_limit_is_nash(game: NormalFormGame) -> None:
    path = qre_path(game)
    assert_path_solves(game, path)
    assert path.lambdas[0] == 0
    spread = float(np.ptp(game.float_payoffs()))
    regrets = [float(np.max(regret(game, p))) for p in path.profiles]
    assert regrets[-1] <= 1e-8 * spread + 1e-15
    for lam, r in zip(path.lambdas[1:], regrets[1:], strict=True):
        assert r <= math.log(3) / lam + 1e-9
    assert path.limit is not None
    assert is_nash(game, path.limit)


@PROPERTY
@given(normal_form_games(num_players=(2, 3), num_strategies=(2, 3), min_payoff=-1000, max_payoff=1000), st.data())
def test_relabelling_strategies_permutes_the_qre(game: NormalFormGame, data: st.DataObject) -> None:
    player = data.draw(st.integers(0, game.num_players - 1))
    order = data.draw(st.permutations(range(game.shape[player])))
    permuted = NormalFormGame(np.take(game.payoffs, order, axis=player))
    lam = 0.05
    ours, theirs = logit_qre(game, lam), logit_qre(permuted, lam)
    for i, (a, b) in enumerate(zip(ours.profile, theirs.profile, strict=True)):
        np.testing.assert_allclose(a[list(order)] if i == player else a, b, atol=1e-9)


@PROPERTY
@given(game_trees(), st.sampled_from([0.0, 0.7, 3.0]))
def test_agent_qre_of_random_trees(tree: ExtensiveFormGame, lam: float) -> None:
    qre = logit_qre(tree, lam)
    assert qre_residual(tree, qre.profile, lam) <= tolerance(tree, lam)
    if lam == 0:
        for p in qre.profile:
            np.testing.assert_allclose(p, np.full(len(p), 1 / len(p)), atol=1e-15)
    path = qre_path(tree)
    assert_path_solves(tree, path)
    assert isinstance(path.limit, BehaviorEquilibrium)


# ---------------------------------------------------------------------- bad input
GAME = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])


@pytest.mark.parametrize("lam", [-1, -1e-9, float("nan"), float("inf"), "1", None, True, 1j, [1.0], 10**400])
def test_bad_lam(lam: object) -> None:
    with pytest.raises(InvalidArgumentError, match="lam"):
        logit_qre(GAME, lam)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="lam"):
        qre_residual(GAME, [[0.5, 0.5], [0.5, 0.5]], lam)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("max_lambda", -1),
        ("max_lambda", float("nan")),
        ("max_regret", 0),
        ("max_regret", "small"),
        ("first_step", 0),
        ("first_step", float("inf")),
        ("max_accel", 0.5),
        ("time_limit", -1),
        ("time_limit", "soon"),
    ],
)
def test_bad_options(option: str, value: object) -> None:
    with pytest.raises(InvalidArgumentError, match=option):
        qre_path(GAME, **{option: value})  # type: ignore[arg-type]


def test_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        qre_path(GAME, 5)  # type: ignore[misc]
    with pytest.raises(TypeError):
        logit_qre(GAME, 1.0, 0.03)  # type: ignore[misc]


def test_parametric_and_wrong_games() -> None:
    parametric = NormalFormGame.from_bimatrix([["c", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="c"):
        logit_qre(parametric, 1.0)
    with pytest.raises(ParameterError):
        qre_path(parametric)
    with pytest.raises(ParameterError):
        qre_path(ExtensiveFormGame(decision("A", {"x": terminal("v", 0), "y": terminal(0, 1)}), players=("A", "B")))
    for wrong in ([[1, 0], [0, 1]], "game", None):
        with pytest.raises(UnsupportedGameError):
            logit_qre(wrong, 1.0)  # type: ignore[arg-type]


def test_bad_profiles_for_the_checker() -> None:
    with pytest.raises(InvalidProfileError):
        qre_residual(GAME, [[0.5, 0.5]], 1.0)
    with pytest.raises(InvalidProfileError):
        qre_residual(deterrence_tree(), [[0.5, 0.5]], 1.0)
    with pytest.raises(InvalidProfileError):
        qre_residual(deterrence_tree(), [[0.5, 0.5], [0.7, 0.7]], 1.0)
    assert qre_residual(deterrence_tree(), [[0.5, 0.5], [0.5, 0.5]], 0) == 0.0


def test_time_limit() -> None:
    with pytest.raises(ResourceLimitError, match="qre_path"):
        qre_path(random_game(1, (4, 4)), time_limit=1e-9)
    with pytest.raises(ResourceLimitError, match="logit_qre"):
        logit_qre(random_game(1, (4, 4)), 10.0, time_limit=1e-9)


# ---------------------------------------------------------------------- edge cases
def test_constant_game_stops_at_once() -> None:
    game = NormalFormGame(np.zeros((2, 3, 2), dtype=int))
    path = qre_path(game)
    assert len(path.lambdas) == 1
    assert path.limit is not None
    assert is_nash(game, path.limit)
    assert logit_qre(game, 50).profile[1] == pytest.approx([1 / 3] * 3)


def test_tree_records_use_information_sets() -> None:
    tree = deniability_tree()
    qre = logit_qre(tree, 2)
    assert qre.strategies == (("Order", "No"), ("Strike", "Wait"))
    assert qre.players == ("US", "Iran")
    assert "Iran" in str(qre)
    assert qre.max_residual < QRE_TOLERANCE
    # Behaviour at the US's set is a logit response given Bayes beliefs (1/4, 3/4) over the chance move.
    values = np.array([0.25 * 1 + 0.75 * -1, 0.25 * -1 + 0.75 * 2])
    expected = np.exp(2 * values) / np.exp(2 * values).sum()
    np.testing.assert_allclose(qre.profile[1], expected, atol=1e-12)


def test_path_that_converges_too_slowly_for_floats_ends_at_a_nash_equilibrium() -> None:
    """Found by Hypothesis: off the path, player 2 and player 1's last set converge only like 1/lam.

    The root's other actions fall below float resolution near lam = 718 (exp(-lam * spread)), so the trace
    hands its end to the limit there instead of failing; the limit is a Nash equilibrium of the tree.
    """
    tree = ExtensiveFormGame(
        decision(
            "Player 1",
            {
                "a1": decision("Player 1", {"a1": terminal(0, 0), "a2": terminal(1, 0)}),
                "a2": decision(
                    "Player 2",
                    {
                        "a1": decision("Player 1", {"a1": terminal(0, -1), "a2": terminal(-1, 1)}, infoset="3"),
                        "a2": decision("Player 1", {"a1": terminal(0, 0), "a2": terminal(0, 0)}, infoset="3"),
                    },
                ),
                "a3": terminal(0, 0),
            },
        ),
        players=("Player 1", "Player 2"),
    )
    path = qre_path(tree)
    assert isinstance(path.limit, BehaviorEquilibrium)
    assert path.limit.behavior[0].tolist() == [1.0, 0.0, 0.0]
    assert path.limit.behavior[1].tolist() == [0.0, 1.0]
    assert path.limit.payoffs.tolist() == [1.0, 0.0]
    assert path.lambdas[-1] > 600
