"""The exact solution of three-player supports where two players mix two strategies and the third three,
support by support, against the exact Groebner path, the certified box path and closed forms."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._nplayer_bilinear import applies as applies_bilinear
from gametheory.solvers._nplayer_bilinear import solve_bilinear
from gametheory.solvers._nplayer_box import BoxSolution
from gametheory.solvers._nplayer_exact import ExactSupport
from gametheory.solvers._nplayer_search import Search, subsets
from gametheory.solvers._nplayer_univariate import applies, solve_univariate
from tests.solvers.test_n_player_univariate import (
    agrees_with_box,
    assert_same_as_groebner,
    check_none_or_right,
    check_solutions,
    random_game,
    system_of,
)

F = Fraction
Support = tuple[tuple[int, ...], ...]
#: A player's payoff difference against two of the others' pure strategies (each >= 0).
Row = Callable[[int, int], int]
ORDERS = list(itertools.permutations(range(3)))


def family(game: NormalFormGame) -> list[ExactSupport]:
    """Every (2, 2, 3) support profile of the game, dominated or not (the answer must be right anyway)."""
    search = Search(game)
    systems = (
        ExactSupport(search.payoffs, search.scales, s) for s in itertools.product(*subsets(game.shape, max(game.shape)))
    )
    return [system for system in systems if sorted(system.sizes) == [2, 2, 3]]


def solve(system: ExactSupport) -> list[BoxSolution] | None:
    """The dispatching entry point, which must agree with the family's own."""
    ours = solve_univariate(system)
    assert ours == solve_bilinear(system)
    return ours


def built(c_rows: Sequence[Row], a_rows: Sequence[Row], b_rows: Sequence[Row], order: Sequence[int]) -> NormalFormGame:
    """Roles A, B (first strategies 0 and 1 mixed) and C (0, 1, 2 mixed); ``order[i]`` is player i's role.

    Each role's first strategy pays 0; strategy ``s >= 1`` pays ``rows[s - 1](p, q)`` against the other
    two roles' pure strategies in role order (C's against (a, b), A's against (b, c), B's against (a, c)).
    With ``x``, ``y`` the probabilities of A's and B's strategy 1, C's rows are bilinear in (x, y).
    """
    shape = (1 + len(a_rows), 1 + len(b_rows), 1 + len(c_rows))
    payoffs = np.zeros((*shape, 3), dtype=int)
    for a, b, c in np.ndindex(*shape):
        payoffs[a, b, c, 0] = a_rows[a - 1](b, c) if a else 0
        payoffs[a, b, c, 1] = b_rows[b - 1](a, c) if b else 0
        payoffs[a, b, c, 2] = c_rows[c - 1](a, b) if c else 0
    return NormalFormGame(np.transpose(payoffs, [*order, 3])[..., list(order)])


def support_of(order: Sequence[int]) -> Support:
    by_role = ((0, 1), (0, 1), (0, 1, 2))
    return tuple(by_role[role] for role in order)


def reduced(order: Sequence[int], x: Any, y: Any, sigma_c: Sequence[Any]) -> list[Any]:
    by_role = ([x], [y], list(sigma_c[1:]))
    return [v for role in order for v in by_role[role]]


# A's strategy 1 pays (2 - b, b - 1, 0)[c] more than its first, B's (0, 2 + a, -1)[c]: u(y) = (2 - y, y - 1, 0),
# v(x) = (0, 2 + x, -1), and sigma_C is proportional to u x v = (1 - y, 2 - y, (2 - y)(2 + x)). (The 7s are
# against a fourth strategy of C, outside its support.)
A_ROW: Row = lambda b, c: (2 - b, b - 1, 0, 7)[c]  # noqa: E731
B_ROW: Row = lambda a, c: (0, 2 + a, -1, 7)[c]  # noqa: E731


def sigma_c(x: Any, y: Any) -> list[Any]:
    w = [1 - y, 2 - y, (2 - y) * (2 + x)]
    return [v / sum(w) for v in w]


# ---------------------------------------------------------------- the family


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ((2, 2, 3), True),
        ((2, 3, 2), True),
        ((3, 2, 2), True),
        ((2, 2, 2), False),
        ((2, 3, 3), False),
        ((3, 3, 3), False),
        ((1, 2, 3), False),
        ((2, 2, 1), False),
        ((3, 3, 2), False),
    ],
)
def test_applies_exactly_to_the_family(sizes: tuple[int, ...], expected: bool) -> None:
    system = system_of(random_game(0, (3, 3, 3)), tuple(tuple(range(k)) for k in sizes))
    assert applies_bilinear(system) is expected
    if not expected:
        assert solve_bilinear(system) is None
    else:
        assert applies(system)  # the dispatcher covers it


@pytest.mark.parametrize(
    ("shape", "support"), [((2, 3), ((0, 1), (0, 1, 2))), ((2, 2, 3, 2), ((0, 1),) * 2 + ((0, 1, 2), (0,)))]
)
def test_applies_to_three_players_only(shape: tuple[int, ...], support: Support) -> None:
    system = system_of(random_game(1, shape), support)
    assert not applies_bilinear(system)
    assert solve_bilinear(system) is None


# ---------------------------------------------------------------- closed forms


@pytest.mark.parametrize("order", ORDERS)
def test_irrational_equilibrium_in_every_player_order(order: tuple[int, ...]) -> None:
    # C is indifferent iff 2 y = x and 4 x y = 1: x = 1/sqrt(2), y = x / 2 (the other root is negative).
    game = built([lambda a, b: 2 * b - a, lambda a, b: 4 * a * b - 1], [A_ROW], [B_ROW], order)
    system = system_of(game, support_of(order))
    (solution,) = solve(system) or []
    x = 2**-0.5
    assert not solution.exact
    assert solution.values == pytest.approx(reduced(order, x, x / 2, sigma_c(x, x / 2)), rel=1e-15, abs=0)
    check_solutions(game, system, [solution])
    assert agrees_with_box(system, [solution])
    if order == (0, 1, 2):
        assert assert_same_as_groebner(game, system, [solution])


@pytest.mark.parametrize(("extra", "expected"), [(None, 2), (lambda a, b: 10 * a - 5, 1), (lambda a, b: 1, 0)])
def test_two_irrational_equilibria_and_an_outside_strategy_of_c(extra: Row | None, expected: int) -> None:
    # x + y = 1 and 5 x y = 1: x = (5 +- sqrt(5)) / 10, y = 1 - x; C's fourth strategy pays 10 x - 5 (better
    # at the larger root only) or 1 (better at both), against C's equilibrium payoff 0.
    c_rows = [lambda a, b: a + b - 1, lambda a, b: 5 * a * b - 1, *([extra] if extra else [])]
    game = built(c_rows, [A_ROW], [B_ROW], (2, 0, 1))
    system = system_of(game, support_of((2, 0, 1)))
    ours = solve(system)
    assert ours is not None
    roots = [(5 - math.sqrt(5)) / 10, (5 + math.sqrt(5)) / 10][:expected]
    assert sorted((s.values for s in ours), key=lambda v: v[2]) == [
        pytest.approx(reduced((2, 0, 1), x, 1 - x, sigma_c(x, 1 - x)), rel=1e-15, abs=0) for x in roots
    ]
    check_solutions(game, system, ours)
    assert assert_same_as_groebner(game, system, ours)


@pytest.mark.parametrize(
    ("role", "extra", "expected"),
    [
        (2, lambda a, b: 2 * b - a, 1),  # a copy of C's strategy 1: regret exactly 0 at the irrational root
        (2, lambda a, b: 1000 * b - 353, 0),  # 1000 y - 353 = 0.55..
        (2, lambda a, b: 1000 * b - 354, 1),  # -0.44..
        (0, A_ROW, 1),  # a copy of A's strategy 1
        (0, lambda b, c: 100 * b - 35, 0),  # 100 y - 35 = 0.35..
        (0, lambda b, c: 100 * b - 36, 1),
        (1, B_ROW, 1),
        (1, lambda a, c: 100 * a - 70, 0),  # 100 x - 70 = 0.71..
        (1, lambda a, c: 100 * a - 71, 1),
    ],
)
def test_a_regret_decided_at_an_irrational_point(role: int, extra: Row, expected: int) -> None:
    # The equilibrium x = 1/sqrt(2), y = x / 2 with every player's payoff 0; a third strategy for A or B
    # or a fourth for C pays ``extra``: a tie, a gain or a loss, decided exactly.
    rows: list[list[Row]] = [[A_ROW], [B_ROW], [lambda a, b: 2 * b - a, lambda a, b: 4 * a * b - 1]]
    rows[role].append(extra)
    for order in [(0, 1, 2), (2, 1, 0)]:
        game = built(rows[2], rows[0], rows[1], order)
        system = system_of(game, support_of(order))
        ours = solve(system)
        assert ours is not None
        assert len(ours) == expected
        x = 2**-0.5
        assert [s.values for s in ours] == [
            pytest.approx(reduced(order, x, x / 2, sigma_c(x, x / 2)), rel=1e-15)
        ] * expected
        check_solutions(game, system, ours)
    assert assert_same_as_groebner(game, system, ours)


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 2, 0)])
@pytest.mark.parametrize(
    ("c_rows", "x", "y"),
    [
        ([lambda a, b: 2 * b - a, lambda a, b: 16 * a * b - 2], F(1, 2), F(1, 4)),  # 8 x**2 = 2
        ([lambda a, b: 2 * b - 1, lambda a, b: 3 * a - 1], F(1, 3), F(1, 2)),  # h of degree 1
        ([lambda a, b: 2 * a - 1, lambda a, b: 3 * b - a], F(1, 2), F(1, 6)),  # P_1 = 0: y from C's second row
        ([lambda a, b: 3 * a * b - 1, lambda a, b: 3 * a + 3 * b - 4], F(1, 3), F(1, 1)),  # roots 1/3, 1: y = 1
    ],
)
def test_rational_equilibrium_is_exact(c_rows: list[Row], x: Fraction, y: Fraction, order: tuple[int, ...]) -> None:
    game = built(c_rows, [A_ROW], [B_ROW], order)
    system = system_of(game, support_of(order))
    expected = [] if y == 1 else [BoxSolution(tuple(reduced(order, x, y, sigma_c(x, y))), exact=True)]
    assert solve(system) == expected
    assert assert_same_as_groebner(game, system, expected)


# ---------------------------------------------------------------- random games


def test_random_three_by_three_by_three_games() -> None:
    # 20 random games, 540 supports in the family: all decided but one (C's equations share the factor
    # 2 y - 1, a line of solutions), 11 equilibria, 2 of them rational; every answer as the box path's.
    results = []
    for seed in range(20):
        game = random_game(seed, (3, 3, 3))
        for system in family(game):
            ours = solve(system)
            results.append(ours)
            if ours is not None:
                check_solutions(game, system, ours)
                assert agrees_with_box(system, ours)
                if seed < 3:
                    assert assert_same_as_groebner(game, system, ours)
    assert len(results) == 540
    assert sum(r is None for r in results) == 1
    assert sum(len(r) for r in results if r) == 11
    assert sum(s.exact for r in results if r for s in r) == 2


@pytest.mark.parametrize(("shape", "seeds", "count"), [((2, 2, 3), 40, 4), ((3, 3, 2), 8, 2), ((2, 3, 2), 40, 8)])
def test_random_small_games_against_the_exact_path(shape: tuple[int, ...], seeds: int, count: int) -> None:
    found = 0
    for seed in range(seeds):
        game = random_game(seed, shape)
        for system in family(game):
            ours = solve(system)
            assert ours is not None
            check_solutions(game, system, ours)
            assert assert_same_as_groebner(game, system, ours)
            found += len(ours)
    assert found == count


@st.composite
def degenerate_games(draw: st.DrawFn) -> NormalFormGame:
    """Payoffs in a tiny range (ties everywhere), maybe a duplicated strategy or a constant player."""
    shape = draw(st.sampled_from([(2, 2, 3), (2, 3, 2), (3, 2, 2), (3, 3, 3), (2, 2, 4)]))
    high = draw(st.integers(1, 2))
    payoffs = draw(arrays(np.int64, (*shape, 3), elements=st.integers(-high, high)))
    if draw(st.booleans()):
        axis = draw(st.sampled_from([i for i, n in enumerate(shape) if n >= 3]))
        payoffs = np.take(payoffs, [0, 1, 1, *range(3, shape[axis])], axis=axis)
    if draw(st.booleans()):
        payoffs[..., draw(st.integers(0, 2))] = draw(st.integers(-1, 1))
    return NormalFormGame(payoffs)


@settings(max_examples=40, deadline=None)
@given(degenerate_games())
def test_degenerate_games_none_or_right(game: NormalFormGame) -> None:
    check_none_or_right(game, list(family(game)), solve)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 3), (3, 3, 3), (3, 2, 3), (2, 3, 4)]))
def test_random_games_against_the_box_path(seed: int, shape: tuple[int, ...]) -> None:
    game = random_game(seed, shape)
    for system in family(game):
        ours = solve(system)
        if ours is not None:
            check_solutions(game, system, ours)
            agrees_with_box(system, ours)


# ---------------------------------------------------------------- degenerate supports are declined


def test_a_line_of_solutions_of_cs_equations_is_declined() -> None:
    # C's equations (2 x - 1)(2 y - 1) = 0 and (2 x - 1)(y + 1) = 0 hold on the line x = 1/2: a continuum of
    # equilibria (sigma_C follows y), which neither [] nor any finite list describes.
    c_rows: list[Row] = [lambda a, b: (2 * a - 1) * (2 * b - 1), lambda a, b: (2 * a - 1) * (b + 1)]
    game = built(c_rows, [A_ROW], [B_ROW], (0, 1, 2))
    system = system_of(game, support_of((0, 1, 2)))
    assert solve(system) is None
    for y in (F(1, 3), F(2, 3)):  # two of its points
        assert system.is_equilibrium(reduced((0, 1, 2), F(1, 2), y, sigma_c(F(1, 2), y)))


@pytest.mark.parametrize(
    ("c_rows", "expected"),
    [
        # P_1 = Q_1 = 0 at x = 1/2 but C's rows do not both vanish there: no solution on that line.
        ([lambda a, b: (2 * a - 1) * (2 * b - 1) + 1, lambda a, b: (2 * a - 1) * (b + 1)], []),
        # A common factor 2 y - 1: h = 0 identically.
        ([lambda a, b: (2 * b - 1) * (a + 1), lambda a, b: (2 * b - 1) * (3 * a - 2)], None),
    ],
)
def test_vanishing_leading_coefficients(c_rows: list[Row], expected: list[BoxSolution] | None) -> None:
    game = built(c_rows, [A_ROW], [B_ROW], (0, 1, 2))
    system = system_of(game, support_of((0, 1, 2)))
    assert solve(system) == expected
    assert assert_same_as_groebner(game, system, []) or expected is None


def test_a_continuum_of_cs_mixes_is_declined() -> None:
    # C's equations y = x and 4 x y = 1: x = y = 1/2, where A's row (0, 2 + y, -1) and B's (0, 2 + x, -1) are
    # equal: sigma_C is cut out by one equation, a segment of equilibria.
    c_rows: list[Row] = [lambda a, b: 2 * b - 2 * a, lambda a, b: 4 * a * b - 1]
    game = built(c_rows, [lambda b, c: (0, 2 + b, -1, 0)[c]], [B_ROW], (0, 1, 2))
    system = system_of(game, support_of((0, 1, 2)))
    assert solve(system) is None
    for s1 in (F(1, 10), F(2, 10)):
        assert system.is_equilibrium((F(1, 2), F(1, 2), s1, s1 * F(5, 2)))
    # A indifferent whatever the others do: the same.
    game = built(c_rows, [lambda b, c: 0], [B_ROW], (0, 1, 2))
    assert solve(system_of(game, support_of((0, 1, 2)))) is None


def test_no_mix_of_c_when_the_cofactors_sum_to_zero() -> None:
    # A's row (1, 1, 0) and B's (0, 0, 1): only sigma_C ~ (1, -1, 0) is orthogonal to both, of sum 0.
    c_rows: list[Row] = [lambda a, b: 2 * b - 2 * a, lambda a, b: 4 * a * b - 1]
    game = built(c_rows, [lambda b, c: (1, 1, 0)[c]], [lambda a, c: (0, 0, 1)[c]], (0, 1, 2))
    system = system_of(game, support_of((0, 1, 2)))
    assert solve(system) == []
    assert assert_same_as_groebner(game, system, [])
