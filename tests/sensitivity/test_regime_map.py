"""Tests of gametheory.sensitivity.regime_map: regimes, exact boundaries, errors."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.games.expressions import parameter
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import decision, terminal
from gametheory.sensitivity.regime_map import RegimeMap, regime_map
from gametheory.sensitivity.sweep import sweep
from tests.support import strike_game

FIXED = {"b": 1, "d": 1, "k": 5, "l": 1}


def reputation_map() -> RegimeMap:
    return regime_map(strike_game(), x=("R", np.linspace(0.1, 4, 40)), y=("c", np.linspace(0.1, 4, 40)), fixed=FIXED)


def test_regimes_follow_the_hand_derivation() -> None:
    # b + l < k: restraint (the militia attacks, the US holds back) when R < c; mixing when R > c.
    result = reputation_map()
    assert result.regime_at(1.0, 3.0) == "US: Restrain; Militia: Attack"
    assert result.regime_at(3.0, 1.0) == "US mixes Strike/Restrain; Militia mixes Attack/Hold"


def test_boundary_is_exactly_r_equals_c() -> None:
    result = reputation_map()
    R, c = parameter("R"), parameter("c")
    assert len(result.boundaries) == 1
    (boundary,) = result.boundaries
    assert sympy.simplify(boundary.expression - (R - c)) == 0 or sympy.simplify(boundary.expression + R - c) == 0
    assert [sympy.simplify(curve.lhs - curve.rhs) for curve in boundary.curves] == [c - R]
    assert boundary.relation == sympy.Eq(boundary.expression, 0)
    assert boundary.branches


def test_catch_22_boundary_is_solved_for_y() -> None:
    # Over (b, l) with k fixed, the catch-22 starts where b + l = k: l = k - b.
    result = regime_map(
        strike_game(),
        x=("b", np.linspace(0.1, 3, 30)),
        y=("l", np.linspace(0.1, 3, 30)),
        fixed={"R": 3, "c": 1, "d": 1, "k": 2},
    )
    b, lift = parameter("b"), parameter("l")
    curves = [curve for boundary in result.boundaries for curve in boundary.curves]
    assert curves == [sympy.Eq(lift, 2 - b)]
    assert result.regime_at(2.5, 2.5) == "US: Strike; Militia: Attack"


def test_regime_array_is_the_sweep_in_image_layout() -> None:
    x, y = [0.5, 1.5, 2.5], [1.0, 2.0]
    result = regime_map(strike_game(), x=("R", x), y=("c", y), fixed=FIXED)
    direct = sweep(strike_game(), {"R": x, "c": y}, fixed=FIXED)
    assert result.regime.shape == (2, 3)
    labels = np.array(result.regimes, dtype=object)[result.regime]
    np.testing.assert_array_equal(labels, direct.regime_labels().T)
    assert result.x == "R"
    assert result.y == "c"
    assert result.x_values.tolist() == x
    assert result.y_values.tolist() == y


def test_boundaries_that_do_not_separate_regimes_are_dropped() -> None:
    # With R and c both positive, conditions such as R*c > 0 never change sign on the grid.
    result = reputation_map()
    for boundary in result.boundaries:
        assert {s.name for s in boundary.expression.free_symbols} == {"R", "c"}


def test_same_parameter_twice() -> None:
    with pytest.raises(ParameterError, match="different parameters"):
        regime_map(strike_game(), x=("R", [1]), y=("R", [2]), fixed=FIXED)


def test_malformed_axis() -> None:
    with pytest.raises(ParameterError, match="pair"):
        regime_map(strike_game(), x="R", y=("c", [2]), fixed=FIXED)  # type: ignore[arg-type]


def test_missing_fixed_parameter() -> None:
    with pytest.raises(ParameterError, match="no value given"):
        regime_map(strike_game(), x=("R", [1]), y=("c", [2]))


def test_callable_game_is_rejected() -> None:
    with pytest.raises(UnsupportedGameError, match="parametric"):
        regime_map(lambda p: strike_game(), x=("R", [1]), y=("c", [2]))  # type: ignore[arg-type]


def entry_tree() -> ExtensiveFormGame:
    # Out is an outcome reached whatever B would do after In: two profiles, one outcome.
    fight_or_share = decision("B", {"Fight": terminal(-1, "f"), "Share": terminal("s", 1)})
    return ExtensiveFormGame(decision("A", {"In": fight_or_share, "Out": terminal(0, 2)}))


def test_tree_regimes_are_labelled_by_path_and_merge_by_outcome() -> None:
    grid = np.linspace(-2, 2, 20)
    every = regime_map(entry_tree(), x=("f", grid), y=("s", grid))
    merged = regime_map(entry_tree(), x=("f", grid), y=("s", grid), merge="outcome")
    labels = {part for label in every.regimes for part in label.split(" | ")}
    assert labels == {"A: In; B: Share", "A: Out [off path: B: Fight]", "A: Out [off path: B: Share]"}
    assert set(merged.regimes) == {"A: In; B: Share", "A: Out"}
    assert len(merged.regimes) < len(every.regimes)
    # Merging only renames: a point is in the merged Out regime exactly when some Out profile holds there.
    out = np.char.find(np.array(every.regimes)[every.regime].astype(str), "A: Out") >= 0
    assert np.array_equal(np.array(merged.regimes)[merged.regime] == "A: Out", out)
    # f = 1 still separates Out from In (for s > 0), so both boundaries stay, labelled by outcome.
    assert [str(b.expression) for b in merged.boundaries] == ["s", "f - 1"]
    assert all(set(b.branches) <= set(merged.regimes) for b in merged.boundaries)


def test_merge_drops_a_boundary_between_regimes_of_one_outcome() -> None:
    grid = np.linspace(-2, -0.1, 12)  # s < 0: A stays out, whatever B would do
    every = regime_map(entry_tree(), x=("f", np.linspace(-2, 2, 12)), y=("s", grid))
    merged = regime_map(entry_tree(), x=("f", np.linspace(-2, 2, 12)), y=("s", grid), merge="outcome")
    assert [str(b.expression) for b in every.boundaries] == ["f - 1"]
    assert merged.regimes == ("A: Out",)
    assert merged.boundaries == ()


def test_unknown_merge_is_rejected() -> None:
    with pytest.raises(InvalidArgumentError, match="merge"):
        regime_map(entry_tree(), x=("f", [0, 1]), y=("s", [0, 1]), merge="path")
