"""The user-facing assertions: they pass when they should, fail when they should, and say why."""

from __future__ import annotations

import re
import warnings
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import InvalidArgumentError, InvalidProfileError, ParameterError
from gametheory.games.normal_form import NormalFormGame
from gametheory.scenarios import host_government, strike_or_restrain
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.strategies import parameter_values, parametric_games
from gametheory.testing import (
    Claim,
    UnprovedClaimWarning,
    assert_equilibrium,
    assert_in_every_equilibrium,
    assert_same_equilibria,
    avoids,
    plays,
    uses,
)
from gametheory.testing._linear_conditions import find_witness, proved_infeasible

HALF = Fraction(1, 2)
PD = NormalFormGame.from_bimatrix(
    [[3, 0], [5, 1]],
    [[3, 5], [0, 1]],
    players=("US", "Militia"),
    strategies=(("Restrain", "Strike"), ("Hold", "Attack")),
)
PENNIES = NormalFormGame.zero_sum([[1, -1], [-1, 1]])


# ------------------------------------------------------------------ assert_equilibrium
def test_assert_equilibrium_accepts_an_exact_equilibrium():
    assert_equilibrium(PENNIES, [[HALF, HALF], [HALF, HALF]])


def test_assert_equilibrium_accepts_labels_and_equilibrium_records():
    assert_equilibrium(PD, ["Strike", "Attack"])
    for equilibrium in nash_equilibria(PD):
        assert_equilibrium(PD, equilibrium)


def test_assert_equilibrium_message_names_the_deviation():
    with pytest.raises(AssertionError) as error:
        assert_equilibrium(PD, ["Restrain", "Hold"])
    message = str(error.value)
    assert "(exact check)" in message
    assert "US gets 3 but would get 5 by switching to Strike (regret 2)" in message
    assert "Militia gets 3 but would get 5 by switching to Attack (regret 2)" in message


def test_assert_equilibrium_names_only_players_who_gain():
    with pytest.raises(AssertionError) as error:
        assert_equilibrium(PD, ["Restrain", "Attack"])
    assert "US gets 0" in str(error.value)
    assert "Militia" not in str(error.value)


def test_assert_equilibrium_float_tolerance():
    assert_equilibrium(PENNIES, [[0.5, 0.5], [0.5 + 1e-12, 0.5 - 1e-12]])
    with pytest.raises(AssertionError, match="tolerance 1e-09"):
        assert_equilibrium(PENNIES, [[0.5, 0.5], [0.6, 0.4]], tol=1e-9)
    assert_equilibrium(PENNIES, [[0.5, 0.5], [0.6, 0.4]], tol=0.5)


def test_assert_equilibrium_checks_each_player_on_its_own_scale():
    # Player 2 regrets 1e-3 at (s1, s1); the old single tolerance (1e-9 of Row's 1e6) accepted it.
    game = NormalFormGame.from_bimatrix([[1e6, 0.0], [0.0, 1e6]], [[0.0, 1e-3], [1e-3, 0.0]])
    with pytest.raises(AssertionError, match=r"Player 2 gets 0 .*tolerance 1e-12\)"):
        assert_equilibrium(game, [0, 0])


def test_assert_equilibrium_rejects_parametric_game():
    with pytest.raises(ParameterError, match="substitute"):
        assert_equilibrium(strike_or_restrain(), ["Strike", "Attack"])


def test_assert_equilibrium_rejects_non_game():
    with pytest.raises(TypeError, match="NormalFormGame"):
        assert_equilibrium([[1, 0], [0, 1]], [[1, 0], [1, 0]])


def test_assert_equilibrium_rejects_bad_profile():
    with pytest.raises(InvalidProfileError):
        assert_equilibrium(PD, [[HALF, HALF]])


# ------------------------------------------------------------------ assert_same_equilibria
def test_same_equilibria_ignores_order_and_mixes_exact_with_float():
    a = [[[1, 0], [0, 1]], [[HALF, HALF], [HALF, HALF]]]
    b = [[[0.5, 0.5], [0.5, 0.5]], [[1.0, 0.0], [0.0, 1.0]]]
    assert_same_equilibria(a, b)


def test_same_equilibria_accepts_equilibrium_records():
    assert_same_equilibria(nash_equilibria(PENNIES), [[[HALF, HALF], [HALF, HALF]]])


def test_same_equilibria_exact_profiles_must_be_equal():
    nearly = Fraction(1, 2) + Fraction(1, 10**15)
    with pytest.raises(AssertionError, match="only in the first"):
        assert_same_equilibria([[[HALF, HALF], [1, 0]]], [[[nearly, 1 - nearly], [1, 0]]])


def test_same_equilibria_float_tolerance():
    assert_same_equilibria([[[0.5, 0.5], [1, 0]]], [[[0.5 + 1e-12, 0.5 - 1e-12], [1, 0]]])
    with pytest.raises(AssertionError):
        assert_same_equilibria([[[0.5, 0.5], [1, 0]]], [[[0.51, 0.49], [1, 0]]], tol=1e-3)


def test_same_equilibria_duplicates_count():
    profile = [[1, 0], [1, 0]]
    with pytest.raises(AssertionError, match=r"only in the second \(1 of 2\)"):
        assert_same_equilibria([profile], [profile, profile])


def test_same_equilibria_message_lists_both_sides():
    with pytest.raises(AssertionError) as error:
        assert_same_equilibria([[[1, 0], [0, 1]]], [[[0, 1], [1, 0]]])
    assert str(error.value) == (
        "the equilibria differ:\n"
        "  only in the first (1 of 1): (1, 0), (0, 1)\n"
        "  only in the second (1 of 1): (0, 1), (1, 0)"
    )


def test_same_equilibria_different_shapes_differ():
    with pytest.raises(AssertionError):
        assert_same_equilibria([[[1, 0], [0, 1]]], [[[1, 0, 0], [0, 1]]])


def test_same_equilibria_rejects_games():
    with pytest.raises(InvalidArgumentError, match=r"collections of equilibria, not games.*nash_equilibria\(game_a\)"):
        assert_same_equilibria(PD, PENNIES)


def test_same_equilibria_rejects_a_game_as_second_argument():
    with pytest.raises(InvalidArgumentError, match="the second argument is a NormalFormGame"):
        assert_same_equilibria(nash_equilibria(PD), PD)


def test_same_equilibria_rejects_a_single_equilibrium():
    (equilibrium,) = nash_equilibria(PD)
    with pytest.raises(InvalidArgumentError, match="wrap a single equilibrium in a list"):
        assert_same_equilibria(equilibrium, [equilibrium])


def test_same_equilibria_rejects_a_number():
    with pytest.raises(InvalidArgumentError, match="the first argument is a int"):
        assert_same_equilibria(3, [])


def test_same_equilibria_rejects_non_profiles():
    with pytest.raises(InvalidProfileError):
        assert_same_equilibria([3], [])


def test_same_equilibria_rejects_non_numbers():
    with pytest.raises(InvalidProfileError, match="not a number"):
        assert_same_equilibria([[["a", "b"]]], [])


# ------------------------------------------------------------------ claims
R, c, b, k, legitimacy = sympy.symbols("R c b k l")
CATCH_22 = [c < R, b + legitimacy > k]


def test_claims_describe_themselves_with_labels():
    game = strike_or_restrain()
    assert plays("Militia", "Attack").describe(game) == "Militia plays Attack"
    assert uses(0, 1).describe(game) == "US uses Restrain"
    assert avoids("US", 0).describe(game) == "US avoids Strike"


def test_claim_with_unknown_label_is_rejected():
    with pytest.raises(InvalidProfileError, match="unknown player 'Iran'"):
        assert_in_every_equilibrium(strike_or_restrain(), plays("Iran", "Attack"))


def test_claim_with_index_out_of_range_is_rejected():
    with pytest.raises(InvalidProfileError, match="out of range"):
        assert_in_every_equilibrium(strike_or_restrain(), plays(0, 5))


def test_catch_22_is_proved_exactly():
    # Positive symbols: b > 0 etc. hold everywhere, so no bounds are needed for the proof.
    result = assert_in_every_equilibrium(strike_or_restrain(), plays("Militia", "Attack"), region=CATCH_22)
    assert result == "proved"


def test_catch_22_the_us_strikes():
    assert assert_in_every_equilibrium(strike_or_restrain(), plays("US", "Strike"), region=CATCH_22) == "proved"


def test_false_claim_fails_with_values_and_equilibrium():
    with pytest.raises(AssertionError) as error:
        assert_in_every_equilibrium(strike_or_restrain(), plays("US", "Restrain"), region=CATCH_22, rng=0)
    message = str(error.value)
    assert message.startswith("claim 'US plays Restrain' fails at R = ")
    assert "in the equilibrium US: Strike; Militia: Attack" in message


def test_claim_failing_only_on_a_boundary_is_refuted_exactly():
    # At R == c the US is indifferent: (Restrain, Attack) is an equilibrium too, so "the US strikes" is false.
    # No random sample lands on R == c; the exact procedure finds that point.
    game = strike_or_restrain()
    with pytest.raises(AssertionError) as error:
        assert_in_every_equilibrium(game, plays("US", "Strike"), region=[c <= R, b + legitimacy > k], rng=1)
    assert str(error.value) == (
        "claim 'US plays Strike' fails at R = 1, b = 1, c = 1, d = 1, k = 1, l = 1 in the equilibrium "
        "US: Restrain; Militia: Attack; payoffs -2, 1 (found exactly: the equilibrium branch "
        "'US: Restrain; Militia: Attack', which holds when R <= c, meets the region there)"
    )


def test_boundary_counterexample_is_a_real_equilibrium():
    # Independent check of the witness printed above: solve the game there and find the violating equilibrium.
    point = {"R": 1, "b": 1, "c": 1, "d": 1, "k": 1, "l": 1}
    profiles = {tuple(tuple(v) for v in eq.profile) for eq in nash_equilibria(strike_or_restrain().substitute(point))}
    assert ((0, 1), (1, 0)) in profiles


def test_boundary_counterexample_does_not_depend_on_the_seed():
    game = strike_or_restrain()
    messages = set()
    for seed in (None, 0, 7):
        with pytest.raises(AssertionError) as error:
            assert_in_every_equilibrium(game, plays("US", "Strike"), region=[c <= R, b + legitimacy > k], rng=seed)
        messages.add(str(error.value))
    assert len(messages) == 1


def test_mixed_branch_reaching_a_boundary_is_refuted():
    # In the inspection regime the militia attacks with c / R; at R == c that is 1, so it need not hold back.
    with pytest.raises(AssertionError, match=r"claim 'Militia uses Hold' fails at R = 1, .*c = 1, .*found exactly"):
        assert_in_every_equilibrium(strike_or_restrain(), uses("Militia", "Hold"), region=[c <= R, b + legitimacy < k])


def test_boundary_is_excluded_by_a_strict_region():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = assert_in_every_equilibrium(strike_or_restrain(), plays("US", "Strike"), region=CATCH_22)
    assert result == "proved"


def test_claims_on_more_than_two_players_warn_that_they_are_sampled():
    values = {"casualty_cost": 3, "strike_cost": 1, "reputation_cost": 2, "attack_gain": 1, "strike_damage": 1}
    game = host_government(**values, legitimacy_gain=1, expulsion_risk=1, political_cover=1, sovereignty_cost=2)
    with pytest.warns(UnprovedClaimWarning, match="exact proofs need two players, and this game has 3"):
        result = assert_in_every_equilibrium(game, plays("Militia", "Attack"), samples=5, rng=0)
    assert result == "sampled"


def test_empty_region_of_a_claim_is_reported_exactly():
    with pytest.raises(ParameterError, match="is empty"):
        assert_in_every_equilibrium(strike_or_restrain(), plays("US", "Strike"), region=[c < R, c > R])


def test_claim_that_fails_only_outside_the_region_holds():
    # Without the catch-22 condition the militia sometimes mixes: the claim fails there.
    with pytest.raises(AssertionError, match="Militia plays Attack"):
        assert_in_every_equilibrium(strike_or_restrain(), plays("Militia", "Attack"), region=[c < R], rng=0)


def test_mixed_regime_uses_both_strategies():
    region = [c < R, b + legitimacy < k]
    assert assert_in_every_equilibrium(strike_or_restrain(), uses("US", "Restrain"), region=region) == "proved"
    assert assert_in_every_equilibrium(strike_or_restrain(), uses("Militia", "Hold"), region=region) == "proved"


def test_callable_claims_are_sampled():
    def militia_attacks(equilibrium):
        return equilibrium.profile[1][0] == 1

    game = strike_or_restrain()
    assert assert_in_every_equilibrium(game, militia_attacks, region=CATCH_22, samples=20, rng=3) == "sampled"
    with pytest.raises(AssertionError, match="claim 'militia_attacks' fails"):
        assert_in_every_equilibrium(game, militia_attacks, region=[b + legitimacy < k], samples=50, rng=3)


def test_numeric_games_are_checked_directly():
    game = strike_or_restrain(
        casualty_cost=1, strike_cost=1, reputation_cost=2, attack_gain=1, strike_damage=1, legitimacy_gain=1
    )
    assert assert_in_every_equilibrium(game, plays("Militia", "Attack")) == "proved"
    with pytest.raises(AssertionError, match="fails at this game"):
        assert_in_every_equilibrium(game, avoids("US", "Strike"))


def test_bounds_restrict_the_sampled_region():
    game = NormalFormGame.from_bimatrix([["x", 0]], [[0, 1]], strategies=(("a",), ("L", "R")))
    assert assert_in_every_equilibrium(game, plays(1, "R"), bounds={"x": (-5, 5)}, samples=10, rng=0) == "proved"


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"region": [sympy.Symbol("z") > 0]}, ParameterError, "unknown parameter"),
        ({"region": "R > c"}, ParameterError, "sympy condition"),
        ({"region": [1]}, ParameterError, "not a sympy condition"),
        ({"bounds": {"z": (0, 1)}}, ParameterError, "unknown parameter"),
        ({"bounds": {"R": (2, 1)}}, ParameterError, "empty interval"),
        ({"bounds": [("R", (0, 1))]}, ParameterError, "mapping"),
        ({"samples": 0}, ValueError, "samples"),
    ],
)
def test_bad_region_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        assert_in_every_equilibrium(strike_or_restrain(), lambda eq: True, **kwargs)


def test_empty_region_is_reported():
    with pytest.raises(ParameterError, match="empty"):
        assert_in_every_equilibrium(strike_or_restrain(), lambda eq: True, region=[R > 20], samples=5, rng=0)


def test_bad_claim_is_rejected():
    with pytest.raises(TypeError, match="claim"):
        assert_in_every_equilibrium(strike_or_restrain(), "the militia attacks")


def test_claim_record_is_frozen():
    claim = plays(0, 0)
    assert isinstance(claim, Claim)
    with pytest.raises(AttributeError):
        claim.player = 1  # type: ignore[misc]


# ------------------------------------------------------------------ the exact decision procedure
x, y = sympy.symbols("x y", real=True)


@pytest.mark.parametrize(
    ("condition", "infeasible"),
    [
        ((x > 0) & (x <= 0), True),
        ((x >= 0) & (x <= 0), False),
        ((x + y > 1) & (x < 0) & (y < 1), True),
        ((x + y > 1) & (x < 1) & (y < 1), False),
        (sympy.Eq(x, y) & (x > y), True),
        ((x * y > 0) & (x > 0) & (y < 0), True),
        ((x * y > 0) & (x < 0), False),
        (((x - 1) / y < 0) & (x > 1) & (y > 0), True),
        ((x**2 > 1) & (x > 0), False),
        (((x > 1) | (x < -1)) & (x > -1) & (x < 1), True),
    ],
)
def test_linear_infeasibility(condition, infeasible):
    assert proved_infeasible(condition, [x, y]) is infeasible


@pytest.mark.parametrize(
    ("condition", "status"),
    [
        ((x > 0) & (x <= 0), "infeasible"),
        ((x >= y) & (x <= y) & (y > 2), "satisfiable"),
        (sympy.Ne(x, y) & (x >= y) & (x <= y + 1), "satisfiable"),
        (sympy.Ne(x, 1) & (x >= 1) & (x <= 1), "infeasible"),
        ((x * y > 0) & (x < 0), "satisfiable"),
        (((x - 1) ** 2 > 0) & (x >= 1) & (x <= 1), "infeasible"),
        (((x - 1) / y <= 0) & (x > 1) & (y > 0), "infeasible"),
        ((x**2 > 3) & (x > 0), "satisfiable"),
        (sympy.Eq(x**2, 2), "unknown"),  # only irrational points: sampling is all that is left
    ],
)
def test_find_witness_decides_and_its_points_satisfy(condition, status):
    decision = find_witness(condition, [x, y], rng=0)
    assert decision.status == status
    if status == "satisfiable":
        assert condition.xreplace(decision.point) == sympy.true
    else:
        assert decision.point is None


def test_find_witness_respects_symbol_assumptions():
    p, q = sympy.symbols("p q", positive=True)
    assert find_witness(p + q < 0, [p, q]).status == "infeasible"
    point = find_witness(p < q, [p, q]).point
    assert point is not None
    assert 0 < point[p] < point[q]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_proofs_are_sound_on_random_parametric_games(data):
    game = data.draw(parametric_games(parameters=("x", "y"), max_constant=3, max_coefficient=2))
    claim = data.draw(st.sampled_from([plays(0, 0), uses(1, 1), avoids(0, 1)]))
    region = [sympy.Symbol("x") > 0, sympy.Symbol("y") > sympy.Symbol("x")]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnprovedClaimWarning)
            result = assert_in_every_equilibrium(game, claim, region=region, samples=5, rng=0)
    except AssertionError as error:
        # The counterexample is real: at the values printed, some equilibrium violates the claim.
        where = re.match(r"claim '.*' fails at (.*) in the equilibrium", str(error)).group(1)
        values = {name: Fraction(value) for name, value in (item.split(" = ") for item in where.split(", "))}
        assert values["y"] > values["x"] > 0
        assert not all(claim.holds(game, eq) for eq in nash_equilibria(game.substitute(values)))
        return
    if result == "proved":
        values = data.draw(parameter_values(game, min_value=Fraction(1, 10), max_value=5))
        if values[game.parameters[1]] > values[game.parameters[0]]:
            for equilibrium in nash_equilibria(game.substitute(values)):
                assert claim.holds(game, equilibrium)
