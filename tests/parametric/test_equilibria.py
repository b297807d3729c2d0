"""Tests for gametheory.parametric.equilibria: equilibria as formulas with their regions."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.parametric.results import Branch
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.verify import is_nash

R, b, c, d, k, leg = sympy.symbols("R b c d k l", positive=True)  # leg is the legitimacy gain l
NAMES = ("R", "b", "c", "d", "k", "l")


def strike_or_restrain() -> NormalFormGame:
    # US rows (Strike, Restrain), militia columns (Attack, Hold); payoffs from the core issue.
    return NormalFormGame.from_bimatrix(
        [[-d - c, -c], [-d - R, 0]],
        [[b - k + leg, 0], [b, 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


def holding(branches: tuple[Branch, ...], point: dict[str, Fraction]) -> list[Branch]:
    return [branch for branch in branches if branch.holds_at(point)]


def equilibrium_keys(branches: tuple[Branch, ...], point: dict[str, Fraction]) -> set:
    return {branch.equilibrium_at(point).key() for branch in holding(branches, point)}


# Positive parameter points, many of them on the boundaries R == c and b + l == k.
positive = st.fractions(min_value=Fraction(1, 4), max_value=5, max_denominator=4)


@st.composite
def strike_points(draw: st.DrawFn) -> dict[str, Fraction]:
    point = {name: draw(positive) for name in NAMES}
    if draw(st.booleans()):
        point["R"] = point["c"]
    if draw(st.booleans()) and point["k"] > point["l"]:
        point["b"] = point["k"] - point["l"]
    return point


# ------------------------------------------------------------------ the strike-or-restrain game, derived by hand
#
# Pure profiles (US payoff first):
#   (Restrain, Attack): the US prefers Restrain against Attack iff -d - R >= -d - c, i.e. R <= c;
#                       the militia prefers Attack against Restrain iff b >= 0, always true.
#   (Strike, Attack):   the US needs -d - c >= -d - R, i.e. R >= c; the militia needs b - k + l >= 0.
#   (Strike, Hold):     the US would need -c >= 0: never, as c > 0.
#   (Restrain, Hold):   the militia would need 0 >= b: never, as b > 0.
# Mixed: the militia attacks with probability q that makes the US indifferent:
#   q(-d - c) + (1 - q)(-c) = q(-d - R)  <=>  -qd - c = -qd - qR  <=>  q = c / R,
# and the US strikes with probability p that makes the militia indifferent:
#   p(b - k + l) + (1 - p) b = 0  <=>  b - p(k - l) = 0  <=>  p = b / (k - l).
# Both lie strictly inside (0, 1) iff R > c and b < k - l, i.e. b + l < k.
ATTACK = c / R
STRIKE = b / (k - leg)


def test_restraint_below_the_strike_cost() -> None:
    branches = parametric_equilibria(strike_or_restrain())
    (restraint,) = [br for br in branches if br.support == ((1,), (0,))]
    assert restraint.label == "US: Restrain; Militia: Attack"
    assert restraint.conditions == sympy.Le(R, c)
    assert restraint.payoffs == (-d - R, b)


def test_catch22_strike_and_attack() -> None:
    branches = parametric_equilibria(strike_or_restrain())
    (catch22,) = [br for br in branches if br.support == ((0,), (0,))]
    assert catch22.label == "US: Strike; Militia: Attack"
    assert catch22.conditions == sympy.And(sympy.Ge(R, c), sympy.Ge(b + leg, k))


def test_mixed_regime_formulas() -> None:
    branches = parametric_equilibria(strike_or_restrain())
    (mixed,) = [br for br in branches if br.support == ((0, 1), (0, 1))]
    assert mixed.label == "US mixes Strike/Restrain; Militia mixes Attack/Hold"
    assert sympy.simplify(mixed.profile[1][0] - ATTACK) == 0
    assert sympy.simplify(mixed.profile[1][1] - (1 - ATTACK)) == 0
    assert sympy.simplify(mixed.profile[0][0] - STRIKE) == 0
    assert sympy.simplify(mixed.profile[0][1] - (1 - STRIKE)) == 0
    # The militia is indifferent, so it gets its Hold payoff 0; the US gets its Restrain payoff.
    assert sympy.simplify(mixed.payoffs[1]) == 0
    assert sympy.simplify(mixed.payoffs[0] - ATTACK * (-d - R)) == 0
    assert mixed.conditions == sympy.And(sympy.Gt(R, c), sympy.Lt(b + leg, k))


def test_strike_and_hold_and_restrain_and_hold_never_hold() -> None:
    supports = {br.support for br in parametric_equilibria(strike_or_restrain())}
    assert ((0,), (1,)) not in supports
    assert ((1,), (1,)) not in supports


@settings(max_examples=60, deadline=None)
@given(point=strike_points())
def test_strike_or_restrain_regimes_match_the_hand_derivation(point: dict[str, Fraction]) -> None:
    branches = parametric_equilibria(strike_or_restrain())
    r, bb, cc, kk, ll = point["R"], point["b"], point["c"], point["k"], point["l"]
    found = {br.support: br.equilibrium_at(point) for br in holding(branches, point)}
    # Restraint exactly when R <= c.
    assert (((1,), (0,)) in found) == (r <= cc)
    # Catch-22: whenever b + l > k the militia attacks in every equilibrium.
    if bb + ll > kk:
        assert all(eq.profile[1][0] == 1 for eq in found.values())
    # Mixed regime with the hand-derived probabilities.
    assert (((0, 1), (0, 1)) in found) == (r > cc and bb + ll < kk)
    if ((0, 1), (0, 1)) in found:
        eq = found[((0, 1), (0, 1))]
        assert eq.profile[1][0] == cc / r
        assert eq.profile[0][0] == bb / (kk - ll)


def test_degenerate_boundary_gives_the_extreme_equilibria() -> None:
    # At R == c with b + l < k the US is indifferent against Attack: the militia keeps
    # attacking while the US strikes with probability p in [0, b/(k - l)].
    point = {"R": 2, "c": 2, "b": 1, "k": 4, "l": 1, "d": 1}
    branches = parametric_equilibria(strike_or_restrain())
    got = {br.equilibrium_at(point).key() for br in holding(branches, point)}
    third = Fraction(1, 3)
    assert got == {((0, 1), (1, 0)), ((third, 1 - third), (1, 0))}
    assert got == {eq.key() for eq in nash_equilibria(strike_or_restrain().substitute(point))}


def test_deriving_the_branches_is_deterministic() -> None:
    first = parametric_equilibria(strike_or_restrain())
    again = parametric_equilibria(strike_or_restrain(), assume=[])  # derived afresh, not from the cache
    assert again is not first
    assert first == again
    assert len({br.label for br in first}) == len(first)


# ------------------------------------------------------------------ agreement with nash_equilibria
x, y = sympy.symbols("x y", real=True)
coefficient = st.integers(min_value=-2, max_value=2)
# Small values, so that ties (degenerate points) come up often.
value = st.sampled_from(
    [Fraction(-2), Fraction(-1), Fraction(0), Fraction(1, 2), Fraction(1), Fraction(2), Fraction(3)]
)


@st.composite
def parametric_bimatrix(draw: st.DrawFn, shape: tuple[int, int]) -> NormalFormGame:
    def entry() -> sympy.Expr:
        return draw(coefficient) + draw(coefficient) * x + draw(st.sampled_from([0, 0, 1, -1])) * y

    a = [[entry() for _ in range(shape[1])] for _ in range(shape[0])]
    bm = [[entry() for _ in range(shape[1])] for _ in range(shape[0])]
    a[0][0] += x  # make sure the game is parametric
    return NormalFormGame.from_bimatrix(a, bm)


def check_agreement(game: NormalFormGame, points: list[tuple[Fraction, Fraction]]) -> None:
    branches = parametric_equilibria(game)
    names = [p.name for p in game.parameters]
    for xv, yv in points:
        point = {name: {"x": xv, "y": yv}[name] for name in names}
        numeric = game.substitute(point)
        expected = {eq.key() for eq in nash_equilibria(numeric)}
        held = holding(branches, point)
        got = [br.equilibrium_at(point) for br in held]
        assert {eq.key() for eq in got} == expected, (point, [br.label for br in held])
        assert len(got) == len(expected), "two branches gave the same equilibrium"
        assert all(is_nash(numeric, eq.profile) for eq in got)
        assert all(eq.payoffs.tolist() == numeric.expected_payoffs(eq.profile).tolist() for eq in got)


@settings(max_examples=50, deadline=None)
@given(game=parametric_bimatrix((2, 2)), points=st.lists(st.tuples(value, value), min_size=4, max_size=8))
def test_branches_agree_with_nash_equilibria_2x2(game: NormalFormGame, points: list) -> None:
    check_agreement(game, points)


@settings(max_examples=15, deadline=None)
@given(
    game=st.sampled_from([(2, 3), (3, 2)]).flatmap(parametric_bimatrix),
    points=st.lists(st.tuples(value, value), min_size=4, max_size=8),
)
def test_branches_agree_with_nash_equilibria_2x3(game: NormalFormGame, points: list) -> None:
    check_agreement(game, points)


def test_3x3_with_a_quadratic_payoff_agrees_on_a_grid() -> None:
    game = NormalFormGame.from_bimatrix(
        [[x, 0, 1], [1, x * x - 1, 0], [0, 1, y]],
        [[1, 0, x], [0, 1, 1], [y, 0, 0]],
    )
    grid = [Fraction(v) for v in (-1, 0, Fraction(1, 2), 1, 2)]
    check_agreement(game, list(itertools.product(grid, grid)))


def test_numeric_game_gives_one_branch_per_equilibrium() -> None:
    game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    branches = parametric_equilibria(game)
    assert all(br.conditions == sympy.true for br in branches)
    assert {br.equilibrium_at({}).key() for br in branches} == {eq.key() for eq in nash_equilibria(game)}


# ------------------------------------------------------------------ assumptions
def test_assumptions_simplify_the_conditions() -> None:
    a = sympy.Symbol("a", real=True)
    game = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[1, 0], [0, 1]])
    assumed = parametric_equilibria(game, assume=[a > 0])
    assert [br.conditions for br in assumed] == [sympy.true, sympy.true, sympy.true]
    assert all(br.assumptions == (a > 0) for br in assumed)
    unassumed = parametric_equilibria(game)
    assert len(unassumed) == 4  # the boundary a == 0 adds a degenerate branch


def test_interval_assumption_removes_branches_outside_it() -> None:
    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    branches = parametric_equilibria(game, assume={"a": (None, -1)})
    assert [br.label for br in branches] == ["Player 1: s2; Player 2: s2"]


# ------------------------------------------------------------------ bad input
def test_three_players_are_rejected() -> None:
    game = NormalFormGame([[[[1, 0, 0]]]])
    with pytest.raises(UnsupportedGameError, match="two-player"):
        parametric_equilibria(game)


def test_not_a_game_is_rejected() -> None:
    with pytest.raises(UnsupportedGameError, match="NormalFormGame"):
        parametric_equilibria([[1, 2], [3, 4]])  # type: ignore[arg-type]


def test_non_rational_payoff_is_rejected() -> None:
    game = NormalFormGame.from_bimatrix([["sqrt(a)", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(UnsupportedGameError, match="rational function"):
        parametric_equilibria(game)


def test_unknown_assumed_parameter_is_rejected() -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'z'"):
        parametric_equilibria(strike_or_restrain(), assume={"z": (0, 1)})


def test_assuming_no_catch22_removes_the_strike_attack_branch() -> None:
    branches = parametric_equilibria(strike_or_restrain(), assume=[b + leg < k, c < R])
    assert [br.label for br in branches] == ["US mixes Strike/Restrain; Militia mixes Attack/Hold"]
    assert branches[0].conditions == sympy.true


def test_results_without_assumptions_are_reused() -> None:
    game = strike_or_restrain()
    assert parametric_equilibria(game) is parametric_equilibria(game)


def test_float_coefficients_are_read_exactly() -> None:
    a = sympy.Symbol("a", real=True)
    game = NormalFormGame.from_bimatrix([[sympy.Float(0.5) * a, 0], [0, 1]], [[1, 0], [0, 1]])
    mixed = parametric_equilibria(game)[-1]
    assert mixed.conditions == sympy.Gt(a, 0)
    assert sympy.simplify(mixed.profile[1][0] - 2 / (a + 2)) == 0


def test_float_game_without_parameters() -> None:
    game = NormalFormGame.from_bimatrix([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]])
    branches = parametric_equilibria(game)
    assert [br.support for br in branches] == [((0,), (0,)), ((1,), (1,)), ((0, 1), (0, 1))]
    assert branches[-1].profile[0] == (sympy.Rational(1, 2), sympy.Rational(1, 2))


# ------------------------------------------------------------------ payoffs with denominators, larger games
@st.composite
def fractional_bimatrix(draw: st.DrawFn) -> NormalFormGame:
    # Denominators exercise the scaling by the payoffs' common denominator; y**2 + 1 never vanishes.
    denominators = [sympy.Integer(1), sympy.Integer(2), sympy.Integer(3), y**2 + 1, x**2 + 1]

    def entry() -> sympy.Expr:
        numerator = draw(coefficient) + draw(coefficient) * x + draw(st.sampled_from([0, 0, 1, -1])) * y
        return numerator / draw(st.sampled_from(denominators))

    a = [[entry() for _ in range(2)] for _ in range(2)]
    bm = [[entry() for _ in range(2)] for _ in range(2)]
    a[0][0] += x / 2
    return NormalFormGame.from_bimatrix(a, bm)


@settings(max_examples=25, deadline=None)
@given(game=fractional_bimatrix(), points=st.lists(st.tuples(value, value), min_size=4, max_size=6))
def test_branches_agree_with_nash_equilibria_with_fractional_payoffs(game: NormalFormGame, points: list) -> None:
    check_agreement(game, points)


@pytest.mark.parametrize("seed", [3, 11])
def test_5x5_numeric_game_agrees_with_nash_equilibria(seed: int) -> None:
    # Supports of size 5 need 4 x 4 determinants (the fraction-free elimination path).
    rng = np.random.default_rng(seed)
    game = NormalFormGame.from_bimatrix(rng.integers(-2, 3, (5, 5)).tolist(), rng.integers(-2, 3, (5, 5)).tolist())
    check_agreement(game, [(Fraction(0), Fraction(0))])


def test_5x5_coordination_game_has_every_support_equilibrium() -> None:
    identity = np.eye(5, dtype=int).tolist()
    game = NormalFormGame.from_bimatrix(identity, identity)
    branches = parametric_equilibria(game)
    assert len(branches) == 31  # one equilibrium per non-empty support
    assert branches[-1].profile[0] == (sympy.Rational(1, 5),) * 5
    check_agreement(game, [(Fraction(0), Fraction(0))])


# ---------------------------------------------------------------------- bounded work


def _slow_parametric_game() -> NormalFormGame:
    """A 5x5 game with two parameters: deriving its branches takes well over a second."""
    rng = np.random.default_rng(0)
    a = rng.integers(-3, 4, (5, 5)).astype(object)
    b = rng.integers(-3, 4, (5, 5)).astype(object)
    a[0, 0], a[1, 2], b[2, 1], b[3, 3] = "x", "y", "x + y", "2*y"
    return NormalFormGame.from_bimatrix(a.tolist(), b.tolist())


def test_time_limit_stops_a_long_derivation_promptly_and_caches_nothing() -> None:
    import time

    from gametheory.exceptions import ResourceLimitError
    from gametheory.parametric._derivation import _without_assumptions

    game = _slow_parametric_game()
    _without_assumptions.cache_clear()
    for assume in (None, {"x": (0, None)}):
        start = time.monotonic()
        with pytest.raises(ResourceLimitError, match=r"parametric_equilibria exceeded the time limit of 0\.3 s"):
            parametric_equilibria(game, assume=assume, time_limit=0.3)
        assert time.monotonic() - start < 2.3
    assert _without_assumptions.cache_info().currsize == 0  # nothing of the interrupted derivation is stored


def test_a_generous_time_limit_gives_the_same_branches() -> None:
    game = NormalFormGame.from_bimatrix([["a", 0, 1], [0, "b", 0], [1, 0, 1]], [[1, 0, 0], [0, 1, "a"], [0, 0, 1]])
    assert parametric_equilibria(game, time_limit=600) == parametric_equilibria(game)
    assume = {"a": (0, None)}
    assert parametric_equilibria(game, assume=assume, time_limit=600) == parametric_equilibria(game, assume=assume)


def test_time_limit_is_validated() -> None:
    from gametheory.exceptions import InvalidArgumentError

    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidArgumentError, match="time_limit"):
        parametric_equilibria(game, time_limit=0)


def test_keep_full_dimensional_drops_the_branches_holding_only_on_ties() -> None:
    game = strike_or_restrain()
    every = parametric_equilibria(game)
    full = parametric_equilibria(game, keep="full-dimensional")
    assert 0 < len(full) < len(every)
    dropped = [b for b in every if b not in full]
    # Exactly the branches that need an equality (a tie such as R = c or b + l = k) are dropped.
    assert dropped
    assert all(b.conditions.atoms(sympy.Eq) for b in dropped)
    assert all(not b.conditions.atoms(sympy.Eq) for b in full)
    # At a generic point the same equilibria hold.
    point = {"R": Fraction(3), "b": Fraction(1), "c": Fraction(2), "d": Fraction(1), "k": Fraction(5), "l": Fraction(1)}
    assert [b.label for b in holding(full, point)] == [b.label for b in holding(every, point)]


def test_unknown_keep_is_rejected() -> None:
    with pytest.raises(InvalidArgumentError, match="keep"):
        parametric_equilibria(strike_or_restrain(), keep="generic")
