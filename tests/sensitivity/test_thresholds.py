"""Tests for gametheory.sensitivity.thresholds: exact values where the equilibria change."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity.thresholds import Threshold, thresholds
from gametheory.solvers.enumeration import nash_equilibria

STRIKE = NormalFormGame.from_bimatrix(
    [["-d - c", "-c"], ["-d - R", 0]],
    [["b - k + l", 0], ["b", 0]],
    players=("US", "Militia"),
    strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
)
FIXED = {"b": 1, "c": 2, "d": 1, "k": 4, "l": 1}
RESTRAIN = "US: Restrain; Militia: Attack"
CATCH22 = "US: Strike; Militia: Attack"
MIXED = "US mixes Strike/Restrain; Militia mixes Attack/Hold"


def supports_at(game: NormalFormGame, name: str, value: sympy.Expr, fixed: dict) -> frozenset:
    point = {**fixed, name: Fraction(int(value.p), int(value.q))}
    return frozenset(eq.support for eq in nash_equilibria(game.substitute(point)))


def assert_real(game: NormalFormGame, found: tuple[Threshold, ...], fixed: dict, eps: Fraction) -> None:
    """Just left, at and just right of each threshold, the equilibria are not all of one kind."""
    for threshold in found:
        assert threshold.value.is_Rational
        name = threshold.parameter.name
        left = supports_at(game, name, threshold.value - eps, fixed)
        at = supports_at(game, name, threshold.value, fixed)
        right = supports_at(game, name, threshold.value + eps, fixed)
        assert not left == at == right, threshold


def test_reputation_cost_threshold_is_the_strike_cost() -> None:
    (found,) = thresholds(STRIKE, "R", fixed=FIXED)
    assert found.value == 2
    assert isinstance(found.value, sympy.Rational)
    assert found.below == (RESTRAIN,)
    assert found.above == (MIXED,)
    # At R == c the US is indifferent against an attack: a degenerate continuum.
    assert found.at == (RESTRAIN, "US mixes Strike/Restrain; Militia: Attack")
    assert_real(STRIKE, (found,), FIXED, Fraction(1, 100))


def test_catch22_threshold_in_the_strike_damage() -> None:
    fixed = {"R": 3, "b": 1, "c": 2, "d": 1, "l": 1}
    (found,) = thresholds(STRIKE, "k", fixed=fixed)
    # b + l > k  <=>  k < 2: the militia attacks whatever the US does.
    assert found.value == 2
    assert found.below == (CATCH22,)
    assert found.above == (MIXED,)
    assert_real(STRIKE, (found,), fixed, Fraction(1, 100))


def test_thresholds_are_sorted_and_real() -> None:
    game = NormalFormGame.from_bimatrix([["a", 0, 1], [0, "1 - a", 0]], [[1, 0, "a"], [0, 1, 0]])
    found = thresholds(game, "a", fixed={})
    values = [t.value for t in found]
    assert values == sorted(values)
    assert len(values) >= 2
    assert_real(game, found, {}, Fraction(1, 1000))


def test_irrational_thresholds_are_exact() -> None:
    game = NormalFormGame.from_bimatrix([["x**2 - 2", 0], [0, 1]], [[1, 0], [0, 1]])
    assert [t.value for t in thresholds(game, "x", fixed={})] == [-sympy.sqrt(2), sympy.sqrt(2)]


def test_interval_restricts_the_search() -> None:
    game = NormalFormGame.from_bimatrix([["x**2 - 2", 0], [0, 1]], [[1, 0], [0, 1]])
    assert [t.value for t in thresholds(game, "x", fixed={}, interval=(0, None))] == [sympy.sqrt(2)]
    assert thresholds(game, "x", fixed={}, interval=(-1, 1)) == ()


def test_positive_symbol_domain_has_no_side_below_zero() -> None:
    p = sympy.Symbol("p", nonnegative=True)
    game = NormalFormGame.from_bimatrix([[p, 0], [0, 1]], [[1, 0], [0, 1]])
    (found,) = thresholds(game, "p", fixed={})
    assert found.value == 0
    assert found.below is None
    assert found.above is not None


coefficient = st.integers(min_value=-2, max_value=2)


@settings(max_examples=20, deadline=None)
@given(entries=st.lists(st.tuples(coefficient, coefficient), min_size=8, max_size=8))
def test_every_threshold_of_a_random_2x2_is_real(entries: list[tuple[int, int]]) -> None:
    x = sympy.Symbol("x", real=True)
    cells = [a + s * x for a, s in entries]
    cells[0] += 3 * x  # never cancels the entry's own -2x..2x, so x stays a parameter
    game = NormalFormGame.from_bimatrix([cells[0:2], cells[2:4]], [cells[4:6], cells[6:8]])
    found = thresholds(game, "x", fixed={})
    assert_real(game, found, {}, Fraction(1, 1000))
    # Between consecutive thresholds nothing changes: one sample point per gap agrees with its neighbours.
    for left, right in itertools.pairwise(found):
        assert left.above == right.below


def test_threshold_prints_its_sides() -> None:
    (found,) = thresholds(STRIKE, "R", fixed=FIXED)
    text = str(found)
    assert text.startswith("R = 2")
    assert f"below: {RESTRAIN}" in text
    assert float(found) == 2.0


def test_unknown_parameter() -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'Q'"):
        thresholds(STRIKE, "Q", fixed=FIXED)


def test_missing_fixed_value() -> None:
    with pytest.raises(ParameterError, match="missing: l"):
        thresholds(STRIKE, "R", fixed={"b": 1, "c": 2, "d": 1, "k": 4})


def test_fixing_the_moving_parameter() -> None:
    with pytest.raises(ParameterError, match="do not fix it"):
        thresholds(STRIKE, "R", fixed={**FIXED, "R": 1})


def test_unknown_fixed_parameter() -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'z'"):
        thresholds(STRIKE, "R", fixed={**FIXED, "z": 1})


def test_fixed_value_violating_the_symbol() -> None:
    p, q = sympy.symbols("p q", positive=True)
    game = NormalFormGame.from_bimatrix([[p, 0], [0, q]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="violates"):
        thresholds(game, "p", fixed={"q": -1})


def test_fixed_not_a_mapping() -> None:
    with pytest.raises(ParameterError, match="mapping"):
        thresholds(STRIKE, "R", fixed=[1, 2])  # type: ignore[arg-type]


def test_non_numeric_fixed_value() -> None:
    with pytest.raises(ParameterError, match="real number"):
        thresholds(STRIKE, "R", fixed={**FIXED, "b": "one"})


def test_empty_interval() -> None:
    with pytest.raises(ParameterError, match="empty"):
        thresholds(STRIKE, "R", fixed=FIXED, interval=(3, 1))


def test_interval_not_a_pair() -> None:
    with pytest.raises(ParameterError, match="pair"):
        thresholds(STRIKE, "R", fixed=FIXED, interval=(1,))


def test_not_a_game() -> None:
    with pytest.raises(UnsupportedGameError, match="NormalFormGame"):
        thresholds("game", "R", fixed=FIXED)  # type: ignore[arg-type]


def test_a_pole_of_a_payoff_separates_regimes_without_a_game_at_it() -> None:
    # The payoff 1/x does not exist at x == 0, but the equilibria differ on its two sides.
    game = NormalFormGame.from_bimatrix([["1/x", 0], [0, 1]], [[1, 0], [0, 1]])
    (found,) = thresholds(game, "x", fixed={})
    assert found.value == 0
    assert found.at is None
    assert found.below == ("Player 1: s2; Player 2: s2",)
    assert len(found.above) == 3
    assert "at: (no game here)" in str(found)


# ---------------------------------------------------------------------- bounded work


def test_time_limit_stops_thresholds_promptly() -> None:
    import time

    import numpy as np

    from gametheory.exceptions import ResourceLimitError

    rng = np.random.default_rng(0)
    a = rng.integers(-3, 4, (5, 5)).astype(object)
    b = rng.integers(-3, 4, (5, 5)).astype(object)
    a[0, 0], a[1, 2], b[2, 1], b[3, 3] = "x", "y", "x + y", "2*y"
    game = NormalFormGame.from_bimatrix(a.tolist(), b.tolist())
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match=r"thresholds exceeded the time limit of 0\.3 s"):
        thresholds(game, "x", fixed={"y": 1}, time_limit=0.3)
    assert time.monotonic() - start < 2.3


def test_a_generous_time_limit_gives_the_same_thresholds() -> None:
    from gametheory.scenarios import stay_or_withdraw

    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    assert thresholds(game, "a", fixed={}, time_limit=600) == thresholds(game, "a", fixed={})
    fixed = {"d": 1, "c": 2, "R": 3, "b": 1, "k": 3, "l": 1, "V": 1}
    tree = stay_or_withdraw()
    assert thresholds(tree, "L", fixed=fixed, time_limit=600) == thresholds(tree, "L", fixed=fixed)


def test_thresholds_time_limit_is_validated() -> None:
    from gametheory.exceptions import InvalidArgumentError

    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidArgumentError, match="time_limit"):
        thresholds(game, "a", fixed={}, time_limit="soon")  # type: ignore[arg-type]
