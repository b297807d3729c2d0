"""Tests for NormalFormGame: construction, value semantics, payoffs, parameters, bad input."""

from __future__ import annotations

import pickle
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory import NormalFormGame
from gametheory.exceptions import (
    ExpressionError,
    GameTheoryError,
    InvalidArgumentError,
    InvalidGameError,
    InvalidPayoffError,
    InvalidProfileError,
    ParameterError,
)

PD = NormalFormGame.from_bimatrix(
    [[3, 0], [5, 1]],
    [[3, 5], [0, 1]],
    players=("Row", "Column"),
    strategies=(("C", "D"), ("C", "D")),
)


def strike_or_restrain() -> NormalFormGame:
    return NormalFormGame.from_bimatrix(
        [["-d - c", "-c"], ["-d - R", 0]],
        [["b - k + l", 0], ["b", 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


class TestConstruction:
    def test_exact_from_ints(self) -> None:
        assert PD.is_exact
        assert not PD.is_parametric
        assert PD.payoffs.dtype == object
        assert PD.payoffs[1, 0].tolist() == [Fraction(5), Fraction(0)]

    def test_fractions_and_sympy_rationals_are_exact(self) -> None:
        game = NormalFormGame.from_bimatrix([[Fraction(1, 3), sympy.Rational(2, 7)]], [[0, 1]])
        assert game.is_exact
        assert game.payoffs[0, 1, 0] == Fraction(2, 7)

    def test_float_game(self) -> None:
        game = NormalFormGame.from_bimatrix([[0.5, 1]], [[0, 1]])
        assert not game.is_exact
        assert game.payoffs.dtype == np.float64

    def test_numpy_int_array_is_exact(self) -> None:
        game = NormalFormGame(np.arange(8).reshape(2, 2, 2))
        assert game.is_exact
        assert game.num_players == 2

    def test_three_players(self) -> None:
        game = NormalFormGame(np.zeros((2, 3, 4, 3)))
        assert game.num_players == 3
        assert game.shape == (2, 3, 4)
        assert game.players == ("Player 1", "Player 2", "Player 3")
        assert game.strategies[2] == ("s1", "s2", "s3", "s4")

    def test_zero_sum(self) -> None:
        game = NormalFormGame.zero_sum([[1, -2], [0, 3]])
        assert np.all(game.payoffs[..., 0] == -game.payoffs[..., 1])

    def test_payoffs_are_read_only(self) -> None:
        with pytest.raises(ValueError, match="read-only"):
            PD.payoffs[0, 0, 0] = 7

    def test_attributes_cannot_be_set(self) -> None:
        with pytest.raises(AttributeError):
            PD._payoffs = None  # type: ignore[misc]

    @pytest.mark.parametrize("dtype", [float, int, object])
    def test_later_changes_to_the_input_do_not_leak_in(self, dtype: type) -> None:
        data = np.zeros((2, 2, 2), dtype=dtype)
        game = NormalFormGame(data)
        data[0, 0, 0] = 5
        assert game.payoffs[0, 0, 0] == 0


class TestValueSemantics:
    def test_equal_games_are_equal_and_hash_alike(self) -> None:
        other = NormalFormGame.from_bimatrix(
            [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Column"), strategies=(("C", "D"), ("C", "D"))
        )
        assert other == PD
        assert hash(other) == hash(PD)

    def test_labels_matter(self) -> None:
        assert NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]) != PD

    def test_pickle_round_trip(self) -> None:
        assert pickle.loads(pickle.dumps(PD)) == PD

    def test_str_shows_labels_and_payoffs(self) -> None:
        text = str(PD)
        assert "Row \\ Column" in text
        assert "5, 0" in text
        assert text.splitlines()[1].startswith("C")

    def test_html_table(self) -> None:
        html = PD._repr_html_()
        assert html.count("<tr>") == 3
        assert "<td>1, 1</td>" in html

    def test_repr_names_kind(self) -> None:
        assert "exact" in repr(PD)
        assert "parametric" in repr(strike_or_restrain())

    def test_str_of_three_player_game_has_one_table_per_third_strategy(self) -> None:
        game = NormalFormGame(np.zeros((2, 2, 3, 3), dtype=int))
        assert str(game).count("Player 3 plays") == 3


class TestPayoffs:
    def test_expected_payoffs_exact(self) -> None:
        half = [Fraction(1, 2), Fraction(1, 2)]
        assert PD.expected_payoffs([half, half]).tolist() == [Fraction(9, 4), Fraction(9, 4)]

    def test_expected_payoffs_accepts_labels(self) -> None:
        assert PD.expected_payoffs(["D", "C"]).tolist() == [5, 0]

    def test_deviation_payoffs_three_players(self) -> None:
        rng = np.random.default_rng(1)
        payoffs = rng.integers(-5, 5, size=(2, 3, 2, 3))
        game = NormalFormGame(payoffs)
        profile = [[Fraction(1, 3), Fraction(2, 3)], [Fraction(1, 2), 0, Fraction(1, 2)], [1, 0]]
        deviations = game.deviation_payoffs(profile)
        # Brute force over every cell.
        for player in range(3):
            for s in range(game.shape[player]):
                total = Fraction(0)
                for cell in np.ndindex(*game.shape):
                    if cell[player] != s:
                        continue
                    weight = Fraction(1)
                    for other in range(3):
                        if other != player:
                            weight *= Fraction(profile[other][cell[other]])
                    total += weight * int(payoffs[(*cell, player)])
                assert deviations[player][s] == total

    def test_best_responses(self) -> None:
        assert PD.best_responses(["C", "C"]) == ((1,), (1,))

    @given(st.lists(st.integers(-20, 20), min_size=8, max_size=8), st.fractions(0, 1), st.fractions(0, 1))
    def test_float_and_exact_expected_payoffs_agree(self, values: list[int], p: Fraction, q: Fraction) -> None:
        exact = NormalFormGame(np.array(values).reshape(2, 2, 2))
        approx = NormalFormGame(np.array(values, dtype=float).reshape(2, 2, 2))
        profile = [[p, 1 - p], [q, 1 - q]]
        np.testing.assert_allclose(
            approx.expected_payoffs([[float(p), float(1 - p)], [float(q), float(1 - q)]]),
            np.array(exact.expected_payoffs(profile), dtype=float),
        )


class TestParameters:
    def test_parameters_sorted_by_name(self) -> None:
        assert [p.name for p in strike_or_restrain().parameters] == ["R", "b", "c", "d", "k", "l"]

    def test_substitute_exact(self) -> None:
        game = strike_or_restrain().substitute({"R": 3, "b": 1, "c": 2, "d": 1, "k": 2, "l": Fraction(1, 2)})
        assert game.is_exact
        assert game.payoffs[0, 0].tolist() == [Fraction(-3), Fraction(-1, 2)]
        assert game.players == ("US", "Militia")

    def test_substitute_with_symbols_as_keys(self) -> None:
        game = strike_or_restrain()
        values = dict.fromkeys(game.parameters, 1)
        assert game.substitute(values).is_exact

    def test_substitute_float_gives_float_game(self) -> None:
        game = strike_or_restrain().substitute({"R": 3.5, "b": 1, "c": 2, "d": 1, "k": 2, "l": 0})
        assert not game.is_exact
        assert game.payoffs[1, 0, 0] == -4.5

    def test_unknown_parameter(self) -> None:
        values = {"R": 1, "b": 1, "c": 1, "d": 1, "k": 1, "l": 1, "zeta": 2}
        with pytest.raises(ParameterError, match=r"unknown parameter.*zeta"):
            strike_or_restrain().substitute(values)

    def test_missing_parameter(self) -> None:
        with pytest.raises(ParameterError, match=r"no value given for parameter.*R"):
            strike_or_restrain().substitute({"b": 1, "c": 1, "d": 1, "k": 1, "l": 1})

    def test_non_numeric_value(self) -> None:
        with pytest.raises(ParameterError, match="real number"):
            strike_or_restrain().fix_parameters({"R": "three"})

    def test_nan_value(self) -> None:
        with pytest.raises(ParameterError, match="not finite"):
            strike_or_restrain().fix_parameters({"R": float("nan")})

    def test_value_making_payoff_undefined(self) -> None:
        game = NormalFormGame.from_bimatrix([["1/x", 0]], [[0, 0]])
        with pytest.raises(ParameterError, match="undefined"):
            game.substitute({"x": 0})

    def test_fix_parameters_keeps_the_rest(self) -> None:
        game = strike_or_restrain().fix_parameters({"c": 1, "d": 2})
        assert [p.name for p in game.parameters] == ["R", "b", "k", "l"]

    def test_symbols_with_assumptions_are_kept(self) -> None:
        r = sympy.Symbol("R", positive=True)
        game = NormalFormGame.from_bimatrix([[r, "R + 1"]], [[0, 0]])
        assert game.parameters == (r,)

    def test_numeric_solver_helpers_refuse_parametric(self) -> None:
        with pytest.raises(ParameterError, match="substitute"):
            strike_or_restrain().float_payoffs()


class TestBadInput:
    def test_ragged(self) -> None:
        with pytest.raises(InvalidPayoffError, match="ragged"):
            NormalFormGame.from_bimatrix([[1, 2], [3]], [[1, 2], [3, 4]])

    def test_mismatched_bimatrix(self) -> None:
        with pytest.raises(InvalidGameError, match="differ in shape"):
            NormalFormGame.from_bimatrix([[1, 2]], [[1, 2], [3, 4]])

    def test_last_axis_wrong_length(self) -> None:
        with pytest.raises(InvalidGameError, match="last axis"):
            NormalFormGame(np.zeros((2, 2, 3)))

    def test_fewer_than_two_players(self) -> None:
        with pytest.raises(InvalidGameError, match="N >= 2"):
            NormalFormGame(np.zeros((3, 1)))

    def test_empty_strategy_set(self) -> None:
        with pytest.raises(InvalidGameError, match="at least one strategy"):
            NormalFormGame(np.zeros((0, 2, 2)))

    @pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
    def test_non_finite(self, bad: float) -> None:
        with pytest.raises(InvalidPayoffError, match="NaN or infinite"):
            NormalFormGame.from_bimatrix([[1.0, bad]], [[0.0, 0.0]])

    def test_sympy_infinity(self) -> None:
        with pytest.raises(InvalidPayoffError, match="not finite"):
            NormalFormGame.from_bimatrix([[sympy.oo, 0]], [[0, 0]])

    def test_malformed_string(self) -> None:
        with pytest.raises(ExpressionError, match="malformed"):
            NormalFormGame.from_bimatrix([["1 +", 0]], [[0, 0]])

    def test_single_string(self) -> None:
        with pytest.raises(InvalidPayoffError, match="single string"):
            NormalFormGame("payoffs")

    def test_non_number_object(self) -> None:
        with pytest.raises(InvalidPayoffError, match="not a number"):
            NormalFormGame.from_bimatrix([[object(), 0]], [[0, 0]])

    def test_booleans(self) -> None:
        with pytest.raises(InvalidPayoffError, match="boolean"):
            NormalFormGame(np.ones((2, 2, 2), dtype=bool))

    def test_duplicate_strategy_labels(self) -> None:
        with pytest.raises(InvalidGameError, match=r"duplicate strategy labels.*Strike"):
            NormalFormGame.from_bimatrix([[1], [2]], [[1], [2]], strategies=(("Strike", "Strike"), ("Hold",)))

    def test_duplicate_player_names(self) -> None:
        with pytest.raises(InvalidGameError, match="duplicate player names"):
            NormalFormGame.from_bimatrix([[1]], [[1]], players=("US", "US"))

    def test_wrong_number_of_labels(self) -> None:
        with pytest.raises(InvalidGameError, match="2 strategies but 3 labels"):
            NormalFormGame.from_bimatrix([[1], [2]], [[1], [2]], strategies=(("a", "b", "c"), ("x",)))

    def test_errors_are_value_errors_of_the_hierarchy(self) -> None:
        with pytest.raises(GameTheoryError) as info:
            NormalFormGame(np.zeros((2, 2, 3)))
        assert isinstance(info.value, ValueError)


class TestProfiles:
    def test_wrong_length(self) -> None:
        with pytest.raises(InvalidProfileError, match="one strategy for each of the 2 players"):
            PD.profile([[1, 0]])

    def test_wrong_vector_length(self) -> None:
        with pytest.raises(InvalidProfileError, match="must have 2 probabilities"):
            PD.profile([[1, 0, 0], [1, 0]])

    def test_negative_probability(self) -> None:
        with pytest.raises(InvalidProfileError, match="negative"):
            PD.profile([[Fraction(3, 2), Fraction(-1, 2)], [1, 0]])

    def test_not_summing_to_one_exact(self) -> None:
        with pytest.raises(InvalidProfileError, match="sum to 9/10"):
            PD.profile([[Fraction(1, 2), Fraction(2, 5)], [1, 0]])

    def test_not_summing_to_one_float(self) -> None:
        with pytest.raises(InvalidProfileError, match="not 1"):
            PD.profile([[0.5, 0.4], [1, 0]])

    def test_nan_probability(self) -> None:
        with pytest.raises(InvalidProfileError, match="not finite"):
            PD.profile([[float("nan"), 1.0], [1, 0]])

    def test_unknown_label(self) -> None:
        with pytest.raises(InvalidProfileError, match="no strategy 'X'"):
            PD.profile(["X", "C"])

    def test_index_out_of_range(self) -> None:
        with pytest.raises(InvalidProfileError, match="out of range"):
            PD.profile([2, 0])

    def test_exact_profile_stays_exact(self) -> None:
        profile = PD.profile([[Fraction(1, 3), Fraction(2, 3)], "D"])
        assert profile[0].dtype == object
        assert profile[1].tolist() == [0, 1]

    def test_float_profile_in_exact_game_is_float(self) -> None:
        assert PD.profile([[0.25, 0.75], [1, 0]])[0].dtype == np.float64


class TestOptionValidation:
    def test_python_bool_among_ints(self) -> None:
        with pytest.raises(InvalidPayoffError, match="boolean"):
            NormalFormGame.from_bimatrix([[True, 1]], [[0, 1]])

    @pytest.mark.parametrize("tol", [-1, "x", float("nan"), True])
    def test_bad_tolerance(self, tol: object) -> None:
        with pytest.raises(InvalidArgumentError, match="tol must be a finite number >= 0"):
            PD.best_responses(["C", "C"], tol=tol)  # type: ignore[arg-type]


def test_float_payoffs_beyond_the_float_range_is_a_clear_error_and_exact_solving_still_works() -> None:
    from gametheory.exceptions import UnsupportedGameError
    from gametheory.solvers import equilibrium_components, is_nash, lemke_howson, nash_equilibria, pure_equilibria

    big = NormalFormGame.from_bimatrix([[10**400, 0, 3], [0, 1, 2], [1, 1, 1]], [[1, 0, 2], [0, 1, 1], [3, 1, 2]])
    with pytest.raises(UnsupportedGameError, match=r"payoff ~1e\+400 is beyond the float range"):
        big.float_payoffs()
    equilibria = nash_equilibria(big)
    assert all(is_nash(big, eq) and eq.tolerance is None for eq in equilibria)
    assert {str(eq) for eq in pure_equilibria(big)} <= {str(eq) for eq in equilibria}
    assert sum(len(c.equilibria) for c in equilibrium_components(big)) == len(equilibria)
    assert is_nash(big, lemke_howson(big))


def test_printing_numbers_of_over_4300_digits_abbreviates_them() -> None:
    from gametheory.solvers import nash_equilibria

    game = NormalFormGame.from_bimatrix([[10**5000, 0], [0, 1]], [[1, 0], [0, 1]])
    assert "~1e+5000" in repr(game)
    assert "~1e+5000" in str(game)
    printed = [str(eq) for eq in nash_equilibria(game)]
    assert "Player 1: s1; Player 2: s1; payoffs ~1e+5000, 1" in printed
    assert all(repr(eq) for eq in nash_equilibria(game))


def test_floats_mixed_with_an_exact_number_beyond_the_float_range_are_a_clear_error() -> None:
    with pytest.raises(InvalidPayoffError, match=r"~1e\+400 is beyond the float range"):
        NormalFormGame.from_bimatrix([[10**400, 0.5], [0, 1]], [[1, 0], [0, 1]])


def test_numeric_payoffs_beyond_float_range_fail_fast_not_in_sympy() -> None:
    import time

    start = time.perf_counter()
    with pytest.raises(InvalidPayoffError, match="not finite"):
        NormalFormGame.from_bimatrix([["exp(exp(10))"]], [[0]])
    game = NormalFormGame.from_bimatrix([["exp(exp(exp(x)))"]], [[0]])
    with pytest.raises(ParameterError, match="undefined"):
        game.substitute({"x": 10})
    assert time.perf_counter() - start < 1.0
    assert NormalFormGame.from_bimatrix([["sqrt(2) + exp(1)"]], [[0]]).payoffs[0, 0, 0] == pytest.approx(
        4.1324, abs=1e-4
    )
    with pytest.raises(InvalidPayoffError, match="not a real number"):
        NormalFormGame.from_bimatrix([["log(-2)"]], [[0]])


def test_numeric_sympy_payoffs_of_any_function_are_read_as_floats() -> None:
    import sympy

    game = NormalFormGame.from_bimatrix([[sympy.sin(1), sympy.cosh(2) + sympy.sqrt(3)]], [[0, 0]])
    assert game.payoffs[0, 0, 0] == pytest.approx(0.8414709848078965)
    assert game.payoffs[0, 1, 0] == pytest.approx(5.494246498652508)
    with pytest.raises(InvalidPayoffError, match="not a real number"):
        NormalFormGame.from_bimatrix([[sympy.asin(2)]], [[0]])
