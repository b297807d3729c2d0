"""The univariate elimination for three players (one mixing two strategies, the others k each),
support by support, against the exact Groebner path, the certified box path and closed forms."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._nplayer_box import BoxSolution, solve_batch
from gametheory.solvers._nplayer_exact import ExactSupport
from gametheory.solvers._nplayer_search import Search, subsets
from gametheory.solvers._nplayer_univariate import applies, solve_univariate
from gametheory.solvers.verify import is_nash
from tests.support import irrational_three_player_game

F = Fraction
Support = tuple[tuple[int, ...], ...]


def system_of(game: NormalFormGame, support: Support) -> ExactSupport:
    search = Search(game)
    return ExactSupport(search.payoffs, search.scales, support)


def family(game: NormalFormGame) -> list[ExactSupport]:
    """Every support profile of the game in the (2, k, k) family (dominated or not: the answer must be right anyway)."""
    search = Search(game)
    systems = (
        ExactSupport(search.payoffs, search.scales, s) for s in itertools.product(*subsets(game.shape, max(game.shape)))
    )
    return [system for system in systems if applies(system) and sorted(system.sizes) != [2, 2, 3]]


def full_profile(game: NormalFormGame, system: ExactSupport, values: tuple[Any, ...]) -> list[list[Any]]:
    """Each player's probabilities over all its strategies from the support's reduced coordinates."""
    zero = values[0] * 0
    out = []
    for n, strategies, block in zip(game.shape, system.support, system.blocks, strict=True):
        own = list(values[block])
        vector = [zero] * n
        for index, p in zip(strategies, [1 - sum(own, zero), *own], strict=True):
            vector[index] = p
        out.append(vector)
    return out


def groebner(game: NormalFormGame, support: Support) -> list[Any] | None:
    """The exact path's equilibria on exactly this support; None when it finds a continuum (it may miss points)."""
    search = Search(game)
    search.explore(support, support)
    if support in search.continua:
        return None
    found = list(search.found.values())
    assert all(eq.support == support for eq in found)
    return found


def check_solutions(game: NormalFormGame, system: ExactSupport, ours: list[BoxSolution]) -> None:
    """Each solution is an equilibrium with this support: exactly when exact, by is_nash to 1e-12 when not."""
    for solution in ours:
        assert len(solution.values) == system.nvars
        profile = full_profile(game, system, solution.values)
        if solution.exact:
            assert all(isinstance(v, Fraction) for v in solution.values)
            assert system.is_root(solution.values)
            assert system.is_equilibrium(solution.values)
        else:
            assert all(isinstance(v, float) for v in solution.values)
            assert is_nash(game, [np.array(p, dtype=float) for p in profile])
        assert all(p > 0 for s, row in zip(system.support, profile, strict=True) for p in (row[i] for i in s))


def assert_same_as_groebner(game: NormalFormGame, system: ExactSupport, ours: list[BoxSolution]) -> bool:
    """The exact path's equilibria (exact ones identical, floats within 1e-12); False if it met a continuum."""
    reference = groebner(game, system.support)
    if reference is None:
        return False
    assert len(ours) == len(reference)
    for solution in ours:
        profile = full_profile(game, system, solution.values)
        if solution.exact:
            exact = [tuple(map(tuple, map(list, eq.profile))) for eq in reference if eq.is_exact]
            assert tuple(map(tuple, profile)) in exact
        else:
            assert any(
                not eq.is_exact
                and all(
                    np.allclose(p, np.array(q, dtype=float), atol=1e-12)
                    for p, q in zip(eq.as_float(), profile, strict=True)
                )
                for eq in reference
            )
    return True


def agrees_with_box(system: ExactSupport, ours: list[BoxSolution]) -> bool:
    """Same equilibria as the certified box path; False if that left the support undecided."""
    (box,) = solve_batch([system])
    if box is None:
        return False
    assert len(box) == len(ours)
    for solution in box:
        assert any(
            np.allclose(np.array(solution.values, dtype=float), np.array(o.values, dtype=float), atol=1e-9)
            for o in ours
        )
        if solution.exact:  # box recognises rationals with small denominators; ours all rationals
            assert any(o.exact and o.values == solution.values for o in ours)
    return True


def random_game(seed: int, shape: tuple[int, ...], high: int = 10) -> NormalFormGame:
    return NormalFormGame(np.random.default_rng(seed).integers(-high, high + 1, size=(*shape, len(shape))))


# ---------------------------------------------------------------- the family


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ((2, 2, 2), True),
        ((2, 3, 3), True),
        ((3, 2, 3), True),
        ((3, 3, 2), True),
        ((2, 2, 3), True),  # the second family (tests/solvers/test_n_player_bilinear.py)
        ((2, 3, 2), True),
        ((3, 2, 2), True),
        ((3, 3, 3), False),
        ((1, 3, 3), False),
        ((1, 2, 2), False),
        ((2, 1, 1), False),
        ((1, 1, 1), False),
    ],
)
def test_applies_exactly_to_the_family(sizes: tuple[int, ...], expected: bool) -> None:
    system = system_of(random_game(0, (3, 3, 3)), tuple(tuple(range(k)) for k in sizes))
    assert applies(system) is expected
    if not expected:
        assert solve_univariate(system) is None


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 2, 2, 2)])
def test_applies_to_three_players_only(shape: tuple[int, ...]) -> None:
    system = system_of(random_game(1, shape), tuple((0, 1) for _ in shape))
    assert not applies(system)
    assert solve_univariate(system) is None


def test_the_family_of_a_four_by_four_by_four_game() -> None:
    sizes = {tuple(s.sizes) for s in family(random_game(2, (4, 4, 4)))}
    assert sizes == {p for k in (2, 3, 4) for p in set(itertools.permutations((2, k, k)))}


# ---------------------------------------------------------------- closed forms


def cyclic_game() -> NormalFormGame:
    """Three players, two strategies: every player's first strategy with probability 1/sqrt(2)."""
    return irrational_three_player_game()


def test_irrational_equilibrium_of_two_by_two_by_two() -> None:
    # Player 1 is indifferent iff 2 q r = 1, player 2 iff p = r, player 3 iff q = p: p = q = r = 1/sqrt(2).
    system = system_of(cyclic_game(), ((0, 1), (0, 1), (0, 1)))
    (solution,) = solve_univariate(system) or []
    assert not solution.exact
    assert solution.values == pytest.approx([1 - 2**-0.5] * 3, rel=0, abs=1e-15)


def weights_game(m: tuple[int, int, int], a_position: int = 0, extra: int | None = None) -> NormalFormGame:
    """A (2 strategies, or 3 with ``extra``) and B, C (3 each), A at ``a_position`` in the player order.

    B's payoff is 1 for matching C (so C mixes uniformly); C's is ``l_c(x) = 1 + c x`` for matching B
    (so ``sigma_B[b] ~ 1 / (1 + b x)``, ``x`` = A's second strategy); A's second strategy pays
    ``m[b]`` more than its first. A is indifferent iff ``sum(m[b] / (1 + b x)) = 0``. A's third
    strategy (``extra``) copies its second (``extra = 1``) or pays the constant ``extra``.
    """
    n_a = 2 if extra is None else 3
    payoffs = np.zeros((n_a, 3, 3, 3), dtype=int)
    for a, b, c in np.ndindex(n_a, 3, 3):
        payoffs[a, b, c, 1] = int(b == c)
        payoffs[a, b, c, 2] = int(b == c) * (1 + (c if a else 0))
        payoffs[a, b, c, 0] = m[b] if a == 1 or (a == 2 and extra == 1) else (extra if a == 2 else 0)
    order = [1, 2]
    order.insert(a_position, 0)  # order[i] = the role of player i
    return NormalFormGame(np.transpose(payoffs, [*order, 3])[..., order])


def weights_support(a_position: int, a_support: tuple[int, ...] = (0, 1)) -> Support:
    support: list[tuple[int, ...]] = [(0, 1, 2), (0, 1, 2)]
    support.insert(a_position, a_support)
    return tuple(support)


def expected_weights(x: Any, a_position: int) -> list[Any]:
    """Reduced coordinates of the weights game's equilibrium at A's probability x."""
    sigma_b = [1 / (1 + b * x) for b in range(3)]
    sigma_b = [v / sum(sigma_b) for v in sigma_b]
    third = (x - x + 1) / 3
    blocks: list[list[Any]] = [sigma_b[1:], [third, third]]
    blocks.insert(a_position, [x])
    return [v for block in blocks for v in block]


@pytest.mark.parametrize("a_position", [0, 1, 2])
def test_irrational_equilibrium_with_two_three_three_in_every_player_order(a_position: int) -> None:
    # 1 + 1 / (1 + x) - 3 / (1 + 2 x) = 0  <=>  2 x**2 + 2 x - 1 = 0: x = (sqrt(3) - 1) / 2.
    game = weights_game((1, 1, -3), a_position)
    system = system_of(game, weights_support(a_position))
    (solution,) = solve_univariate(system) or []
    assert not solution.exact
    assert solution.values == pytest.approx(expected_weights((math.sqrt(3) - 1) / 2, a_position), rel=1e-15)
    assert agrees_with_box(system, [solution])
    assert assert_same_as_groebner(game, system, [solution])


@pytest.mark.parametrize(("m", "x"), [((3, 0, -5), F(1, 3)), ((1, 0, -2), F(1, 2))])
@pytest.mark.parametrize("a_position", [0, 2])
def test_rational_equilibrium_is_exact(m: tuple[int, int, int], x: Fraction, a_position: int) -> None:
    # 3 (1 + x)(1 + 2 x) - 5 (1 + x) = 2 (3 x - 1)(x + 1); (1 + x)(1 + 2 x) - 2 (1 + x) = (2 x - 1)(x + 1).
    system = system_of(weights_game(m, a_position), weights_support(a_position))
    assert solve_univariate(system) == [BoxSolution(tuple(expected_weights(x, a_position)), exact=True)]


@pytest.mark.parametrize(("extra", "expected"), [(1, 1), (0, 1), (-1, 1), (2, 0)])
def test_a_strategy_outside_the_support_decides_at_an_irrational_root(extra: int, expected: int) -> None:
    # A's equilibrium payoff is 0; its third strategy copies the second (regret exactly 0 at the
    # irrational root: decided by a gcd), pays 0 (a tie), -1 (no gain) or 2 (a profitable deviation).
    game = weights_game((1, 1, -3), 1, extra)
    system = system_of(game, weights_support(1))
    ours = solve_univariate(system)
    assert ours is not None
    assert len(ours) == expected
    if expected:
        assert ours[0].values == pytest.approx(expected_weights((math.sqrt(3) - 1) / 2, 1), rel=1e-15)
    check_solutions(game, system, ours)
    assert assert_same_as_groebner(game, system, ours)
    if extra == 1:  # the copy's support has the same equilibrium, mixing over the copy instead
        copy = system_of(game, weights_support(1, (0, 2)))
        assert [s.values for s in solve_univariate(copy) or []] == [ours[0].values]
        # Mixing the two copies: A's equation vanishes identically, so the method declines.
        assert solve_univariate(system_of(game, weights_support(1, (1, 2)))) is None


# ---------------------------------------------------------------- random games


@pytest.mark.parametrize("seed", [0, 6])
def test_random_three_by_three_by_three_against_the_exact_path(seed: int) -> None:
    game = random_game(seed, (3, 3, 3))
    found = []
    for system in family(game):
        ours = solve_univariate(system)
        assert ours is not None  # generic: every support decided
        check_solutions(game, system, ours)
        assert assert_same_as_groebner(game, system, ours)
        found += ours
    assert len(found) == 3
    assert sum(s.exact for s in found) == (1 if seed == 0 else 0)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 3, 3), (2, 3, 3), (3, 3, 2)]))
def test_random_games_against_the_box_path(seed: int, shape: tuple[int, ...]) -> None:
    game = random_game(seed, shape)
    for system in family(game):
        ours = solve_univariate(system)
        if ours is not None:  # None is rare but legitimate (a player indifferent at some x in (0, 1))
            check_solutions(game, system, ours)
            agrees_with_box(system, ours)


def test_random_games_are_almost_always_decided() -> None:
    # 20 random 3x3x3 games: 720 supports in the family; a handful have a point where the
    # elimination breaks down (one player's cofactors all vanish at a rational x) and are declined.
    results = [solve_univariate(system) for seed in range(20) for system in family(random_game(seed, (3, 3, 3)))]
    assert len(results) == 720
    assert sum(r is None for r in results) <= 5
    assert sum(len(r) for r in results if r) == 30


@pytest.mark.parametrize(
    ("seed", "support"),
    [
        (25, ((0, 1, 2, 3), (0, 1, 2, 3), (0, 3))),
        (13, ((0, 1, 2, 3), (0, 2), (0, 1, 2, 3))),
        (15, ((0, 2), (0, 1, 2, 3), (0, 1, 2, 3))),
    ],
)
def test_two_four_four_supports_of_four_by_four_by_four(seed: int, support: Support) -> None:
    game = random_game(seed, (4, 4, 4))
    system = system_of(game, support)
    ours = solve_univariate(system)
    assert ours is not None
    assert len(ours) == 1
    assert not ours[0].exact
    check_solutions(game, system, ours)
    assert agrees_with_box(system, ours)
    if seed == 25:
        assert assert_same_as_groebner(game, system, ours)


def test_every_family_support_of_a_four_by_four_by_four_game_against_the_box_path() -> None:
    game = random_game(0, (4, 4, 4))
    results = [(system, solve_univariate(system)) for system in family(game)]
    assert all(ours is not None for _, ours in results)
    assert sum(len(ours or []) for _, ours in results) == 5
    for system, ours in results:
        check_solutions(game, system, ours or [])
        assert agrees_with_box(system, ours or [])


# ---------------------------------------------------------------- degenerate games


@st.composite
def degenerate_games(draw: st.DrawFn) -> NormalFormGame:
    """Payoffs in a tiny range (ties everywhere), maybe a duplicated strategy or a constant player."""
    shape = draw(st.sampled_from([(2, 2, 2), (2, 3, 3), (3, 2, 3), (3, 3, 2)]))
    high = draw(st.integers(1, 2))
    payoffs = draw(arrays(np.int64, (*shape, 3), elements=st.integers(-high, high)))
    if 3 in shape and draw(st.booleans()):
        axis = draw(st.sampled_from([i for i, n in enumerate(shape) if n == 3]))
        payoffs = np.take(payoffs, [0, 1, 1], axis=axis)
    if draw(st.booleans()):
        payoffs[..., draw(st.integers(0, 2))] = draw(st.integers(-1, 1))
    return NormalFormGame(payoffs)


def check_none_or_right(game: NormalFormGame, systems: list[ExactSupport], solve: Any) -> None:
    """On degenerate games an exact solver may give up (None); any answer it gives must be right."""
    for system in systems:
        ours = solve(system)
        if ours is None:
            continue
        check_solutions(game, system, ours)
        if not assert_same_as_groebner(game, system, ours):
            # The exact path met a continuum of complex solutions (outside the simplex, or it
            # would be None here) and may miss points: compare with the box path instead.
            agrees_with_box(system, ours)


@settings(max_examples=40, deadline=None)
@given(degenerate_games())
def test_degenerate_games_none_or_right(game: NormalFormGame) -> None:
    check_none_or_right(game, list(family(game)), solve_univariate)


@pytest.mark.parametrize("player", [0, 1, 2])
def test_a_player_with_constant_payoffs_is_declined(player: int) -> None:
    payoffs = np.random.default_rng(4).integers(-3, 4, size=(3, 3, 3, 3))
    payoffs[..., player] = 1
    game = NormalFormGame(payoffs)
    for system in family(game):
        # Constant for A: its equation vanishes identically (g = 0). For B or C: its cofactors
        # all vanish identically, so solutions can escape g.
        assert solve_univariate(system) is None


@pytest.mark.parametrize("weights", [(1, 1), (1, 2)])
def test_an_equilibrium_where_the_elimination_breaks_down_is_declined(weights: tuple[int, int]) -> None:
    # C's payoff difference is w_b (2 x - 1): at x = 1/2 every cofactor of C's system vanishes, so
    # sigma_B is not b / d_C there. B matches C (z = 1/2), A's equation then says y = 1/3: the one
    # equilibrium (1/2, 1/3, 1/2), which g cannot see (returning [] would be wrong).
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[a, b, c] = [a * (1 if b == 0 else -2), int(b == c), weights[b] * int(c == a)]
    game = NormalFormGame(payoffs)
    system = system_of(game, ((0, 1), (0, 1), (0, 1)))
    assert solve_univariate(system) is None
    (eq,) = groebner(game, system.support) or []
    assert [list(p) for p in eq.profile] == [[F(1, 2)] * 2, [F(2, 3), F(1, 3)], [F(1, 2)] * 2]


def test_a_known_continuum_outside_the_interval_does_not_hide_an_isolated_equilibrium() -> None:
    # At x = 1 C's equations vanish (a continuum there, which the exact path cannot cut down,
    # so it returns nothing); inside (0, 1) the support has one rational equilibrium at x = 1/9.
    payoffs = [
        [
            [[0, 1, 0], [1, 0, -1], [1, -1, 1]],
            [[0, -1, -1], [0, 1, -1], [1, -1, 0]],
            [[0, 1, 1], [-1, -1, 1], [0, 1, -1]],
        ],
        [[[0, 0, 0], [1, 0, 0], [0, 0, 0]], [[1, 1, -1], [0, 0, 1], [1, 1, 1]], [[0, 1, -1], [-1, 0, 0], [-1, 0, 0]]],
    ]
    game = NormalFormGame(np.array(payoffs))
    system = system_of(game, ((0, 1), (0, 1, 2), (0, 1, 2)))
    ours = solve_univariate(system)
    assert ours == [BoxSolution((F(1, 9), F(14, 31), F(12, 31), F(241, 489), F(112, 489)), exact=True)]
    assert groebner(game, system.support) is None
    check_solutions(game, system, ours)
    agrees_with_box(system, ours)  # the box path may leave it undecided (the continuum touches its first box)
