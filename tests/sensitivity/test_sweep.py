"""Tests of gametheory.sensitivity.sweep: agreement with point-by-point solving, layout, errors."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.exceptions import GameTheoryError, InvalidGameError, ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity.selection import EquilibriumSelectionError, MaxOutcome, MinOutcome, Payoff, Probability
from gametheory.sensitivity.sweep import Sweep, sweep
from gametheory.solvers.enumeration import nash_equilibria
from tests.support import strike_game

PARAMETERS = ("R", "b", "c", "d", "k", "l")


def strike_callable(params: dict) -> NormalFormGame:
    """The same game with its numbers produced by a function (module level, so processes can pickle it)."""
    return strike_game().substitute(params)


def equilibria_at(result: Sweep, index: tuple[int, ...]) -> set[tuple[float, ...]]:
    """The profiles (rounded, flattened) of the branches holding at one grid point."""
    out = set()
    for b in np.flatnonzero(result.holds[index]):
        flat = np.concatenate([p[index][b] for p in result.probabilities])
        out.add(tuple(np.round(flat, 9) + 0.0))
    return out


def solved_at(game: NormalFormGame) -> set[tuple[float, ...]]:
    return {tuple(np.round(np.concatenate(eq.as_float()), 9) + 0.0) for eq in nash_equilibria(game)}


def payoffs_at(result: Sweep, index: tuple[int, ...]) -> set[tuple[float, ...]]:
    return {tuple(np.round(result.payoffs[index][b], 9) + 0.0) for b in np.flatnonzero(result.holds[index])}


small = st.integers(min_value=-3, max_value=3)


@settings(max_examples=40)
@given(point=st.fixed_dictionaries(dict.fromkeys(PARAMETERS, small)), swept=st.sampled_from(PARAMETERS))
def test_sweep_agrees_with_point_by_point_solving(point: dict, swept: str) -> None:
    # Integer grids hit the degenerate boundaries (R == c, b + l == k, zeros) exactly.
    game = strike_game()
    values = list(range(-3, 4))
    fixed = {k: v for k, v in point.items() if k != swept}
    result = sweep(game, {swept: values}, fixed=fixed)
    for i, value in enumerate(values):
        exact = game.substitute(fixed | {swept: value})
        assert equilibria_at(result, (i,)) == solved_at(exact)
        assert payoffs_at(result, (i,)) == {
            tuple(np.round(np.asarray(eq.payoffs, dtype=float), 9) + 0.0) for eq in nash_equilibria(exact)
        }


@settings(max_examples=10)  # deriving the branches of a 3x3 takes a fraction of a second each
@given(
    constants=st.lists(st.integers(-3, 3), min_size=18, max_size=18),
    slopes=st.dictionaries(st.integers(0, 17), st.sampled_from([-1, 1, 2]), min_size=1, max_size=3),
    grid=st.lists(st.fractions(-3, 3, max_denominator=4), min_size=1, max_size=6, unique=True),
)
def test_sweep_of_a_random_3x3_agrees_with_solving(constants: list, slopes: dict, grid: list) -> None:
    a = sympy.Symbol("a")
    payoffs = np.empty((3, 3, 2), dtype=object)
    payoffs.flat[:] = [c + slopes.get(i, 0) * a for i, c in enumerate(constants)]
    game = NormalFormGame(payoffs)
    values = [float(v) for v in grid]  # quarters are exact in binary
    result = sweep(game, {"a": values})
    for i, value in enumerate(grid):
        assert equilibria_at(result, (i,)) == solved_at(game.substitute({"a": value}))


def test_two_dimensional_grid_layout_and_regimes() -> None:
    game = strike_game()
    result = sweep(game, {"R": [0.5, 1, 3], "b": [1, 2]}, fixed={"c": 2, "d": 1, "k": 5, "l": 1})
    assert result.shape == (3, 2)
    assert result.holds.shape == (3, 2, len(result.branches))
    assert result.probabilities[0].shape == (3, 2, len(result.branches), 2)
    assert result.payoffs.shape == (3, 2, len(result.branches), 2)
    r, b = result.coordinates()
    assert r[:, 0].tolist() == [0.5, 1, 3]
    assert b[0].tolist() == [1, 2]
    # Hand derivation: with b + l < k the militia attacks a restrained US only when R <= c;
    # above R = c the US strikes with probability b/(k - l) and the militia attacks with probability c/R.
    labels = result.regime_labels()
    assert labels[0, 0] == "US: Restrain; Militia: Attack"
    assert labels[2, 1] == "US mixes Strike/Restrain; Militia mixes Attack/Hold"
    attack = result.outcome(Probability("Militia", "Attack"))
    strike = result.outcome(Probability("US", "Strike"))
    assert attack[2, 0] == pytest.approx(2 / 3)
    assert strike[2, 1] == pytest.approx(2 / 4)
    assert attack[0, 1] == 1.0


def test_catch_22_regime() -> None:
    # b + l > k: attacking is dominant, the US strikes when R > c.
    result = sweep(strike_game(), {"R": [1, 3]}, fixed={"b": 2, "c": 2, "d": 1, "k": 2, "l": 1})
    assert result.regime_labels().tolist() == ["US: Restrain; Militia: Attack", "US: Strike; Militia: Attack"]


def test_sweep_record_is_immutable() -> None:
    result = sweep(strike_game(), {"R": [1, 3]}, fixed={"b": 2, "c": 2, "d": 1, "k": 2, "l": 1})
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.regime = None  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        result.payoffs[0, 0, 0] = 1.0
    with pytest.raises(TypeError):
        result.fixed["b"] = 3  # type: ignore[index]


def test_callable_game_agrees_with_the_parametric_sweep() -> None:
    fixed = {"b": 1, "c": 2, "d": 1, "k": 5, "l": 1}
    values = [0, 1, 2, 3, 4]
    formulas = sweep(strike_game(), {"R": values}, fixed=fixed)
    solved = sweep(strike_callable, {"R": values}, fixed=fixed)
    assert solved.game is None
    assert formulas.game == strike_game()
    assert solved.tolerance is None
    assert formulas.tolerance == 1e-9  # relative: each condition on its own scale
    for i in range(len(values)):
        assert equilibria_at(formulas, (i,)) == equilibria_at(solved, (i,))
        branch_labels = {formulas.branches[b] for b in np.flatnonzero(formulas.holds[i])}
        assert branch_labels == {solved.branches[b] for b in np.flatnonzero(solved.holds[i])}


def test_callable_game_receives_exact_values_unchanged() -> None:
    seen = []

    def game_of(params: dict) -> NormalFormGame:
        seen.append(params)
        return strike_game().substitute(params)

    sweep(game_of, {"R": [Fraction(1, 3)]}, fixed={"b": 1, "c": 2, "d": 1, "k": 5, "l": 1})
    assert seen == [{"R": Fraction(1, 3), "b": 1, "c": 2, "d": 1, "k": 5, "l": 1}]


@pytest.mark.parametrize("pool", [concurrent.futures.ThreadPoolExecutor, concurrent.futures.ProcessPoolExecutor])
def test_executor_gives_the_same_result(pool: type) -> None:
    fixed = {"b": 1, "c": 2, "d": 1, "k": 5, "l": 1}
    values = np.linspace(0, 4, 9)
    serial = sweep(strike_callable, {"R": values}, fixed=fixed)
    with pool(max_workers=2) as executor:
        parallel = sweep(strike_callable, {"R": values}, fixed=fixed, executor=executor)
    assert parallel.branches == serial.branches
    np.testing.assert_array_equal(parallel.holds, serial.holds)
    np.testing.assert_allclose(parallel.payoffs, serial.payoffs)


def test_progress_callable_wraps_the_solved_chunks() -> None:
    calls = []

    def progress(iterable, *, total):
        calls.append(total)
        yield from iterable

    sweep(strike_callable, {"R": [1, 2, 3]}, fixed={"b": 1, "c": 2, "d": 1, "k": 5, "l": 1}, progress=progress)
    assert calls == [3]


def test_to_frame_has_one_row_per_holding_branch() -> None:
    pd = pytest.importorskip("pandas")
    result = sweep(strike_game(), {"R": [1, 2, 3]}, fixed={"b": 1, "c": 2, "d": 1, "k": 5, "l": 1})
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == int(result.holds.sum())
    assert {"R", "regime", "branch", "P(US: Strike)", "P(Militia: Hold)", "payoff(US)"} <= set(frame.columns)
    at_two = frame[frame["R"] == 2]
    assert set(at_two["branch"]) == {result.branches[b] for b in np.flatnonzero(result.holds[1])}


def test_outcome_needs_a_selection_rule_when_equilibria_disagree() -> None:
    coordination = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    result = sweep(coordination, {"a": [-1, 2]})
    with pytest.raises(EquilibriumSelectionError, match="a = 2"):
        result.outcome(Payoff(0))
    assert result.outcome(Payoff(0), selection=MaxOutcome()).tolist() == [1.0, 2.0]
    assert result.outcome(Payoff(0), selection=MinOutcome()).tolist() == pytest.approx([1.0, 2 / 3])


def test_symbol_assumptions_are_enforced() -> None:
    r = sympy.Symbol("r", positive=True)
    game = NormalFormGame.from_bimatrix([[r, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="positive"):
        sweep(game, {"r": [-1, 1]})


def test_unknown_parameter() -> None:
    with pytest.raises(ParameterError, match="unknown parameter"):
        sweep(strike_game(), {"x": [1]}, fixed={"R": 1, "b": 1, "c": 1, "d": 1, "k": 1, "l": 1})


def test_missing_parameter() -> None:
    with pytest.raises(ParameterError, match="no value given"):
        sweep(strike_game(), {"R": [1]}, fixed={"b": 1})


def test_parameter_both_swept_and_fixed() -> None:
    with pytest.raises(ParameterError, match="both varied and fixed"):
        sweep(strike_game(), {"R": [1]}, fixed={"R": 1, "b": 1, "c": 1, "d": 1, "k": 1, "l": 1})


def test_non_numeric_value() -> None:
    with pytest.raises(ParameterError, match="real number"):
        sweep(strike_game(), {"R": ["x"]}, fixed={"b": 1, "c": 1, "d": 1, "k": 1, "l": 1})


def test_non_finite_value() -> None:
    with pytest.raises(ParameterError, match="not finite"):
        sweep(strike_game(), {"R": [np.nan]}, fixed={"b": 1, "c": 1, "d": 1, "k": 1, "l": 1})


def test_empty_values() -> None:
    with pytest.raises(ParameterError, match="no values"):
        sweep(strike_game(), {"R": []}, fixed={"b": 1, "c": 1, "d": 1, "k": 1, "l": 1})


def test_two_dimensional_values() -> None:
    with pytest.raises(ParameterError, match="1-D"):
        sweep(strike_game(), {"R": [[1, 2]]}, fixed={"b": 1, "c": 1, "d": 1, "k": 1, "l": 1})


def test_empty_parameter_mapping() -> None:
    with pytest.raises(ParameterError, match="non-empty mapping"):
        sweep(strike_game(), {})


def test_numeric_game_is_rejected() -> None:
    with pytest.raises(UnsupportedGameError, match="no parameters"):
        sweep(NormalFormGame.from_bimatrix([[1]], [[1]]), {"a": [1]})


def test_three_player_parametric_game_is_rejected() -> None:
    payoffs = np.full((2, 2, 2, 3), sympy.Symbol("a"), dtype=object)
    with pytest.raises(UnsupportedGameError, match="two-player"):
        sweep(NormalFormGame(payoffs), {"a": [1]})


def test_non_callable_game_is_rejected() -> None:
    with pytest.raises(UnsupportedGameError, match="callable"):
        sweep(42, {"a": [1]})  # type: ignore[arg-type]


def test_callable_returning_a_non_game_is_rejected() -> None:
    with pytest.raises(InvalidGameError, match="not a NormalFormGame"):
        sweep(lambda params: "game", {"a": [1]})  # type: ignore[arg-type, return-value]


def test_bad_executor_is_rejected() -> None:
    with pytest.raises(TypeError, match="Executor"):
        sweep(strike_callable, {"R": [1]}, fixed={"b": 1, "c": 2, "d": 1, "k": 5, "l": 1}, executor=object())


def test_errors_are_library_errors() -> None:
    with pytest.raises(GameTheoryError):
        sweep(strike_game(), {"R": [1]})


def test_non_finite_value_in_an_array() -> None:
    with pytest.raises(ParameterError, match="not all finite"):
        sweep(strike_game(), {"R": np.array([1.0, np.inf])}, fixed={"b": 1, "c": 1, "d": 1, "k": 1, "l": 1})


def test_to_frame_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    result = sweep(strike_game(), {"R": [1]}, fixed={"b": 1, "c": 2, "d": 1, "k": 5, "l": 1})
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        result.to_frame()


def test_fixed_values_that_cancel_every_parameter() -> None:
    # With b = 0 the payoff a*b no longer depends on a: the full game is compiled instead.
    game = NormalFormGame.from_bimatrix([["a*b"], [0]], [[0], [0]])
    result = sweep(game, {"a": [-1, 1]}, fixed={"b": 0})
    assert result.regime_labels().tolist() == ["Player 1: s1; Player 2: s1 | Player 1: s2; Player 2: s1"] * 2
    assert equilibria_at(result, (0,)) == solved_at(game.substitute({"a": -1, "b": 0}))


def test_dask_client_executor() -> None:
    distributed = pytest.importorskip("distributed")
    fixed = {"b": 1, "c": 2, "d": 1, "k": 5, "l": 1}
    serial = sweep(strike_callable, {"R": [1, 2, 3]}, fixed=fixed)
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as client:
        parallel = sweep(strike_callable, {"R": [1, 2, 3]}, fixed=fixed, executor=client.get_executor())
    assert parallel.regimes == serial.regimes
    np.testing.assert_array_equal(parallel.regime, serial.regime)


def test_optional_module_names_the_feature_and_the_package() -> None:
    from gametheory.sensitivity._engine import optional_module

    assert optional_module("fractions", "x").Fraction is Fraction
    with pytest.raises(ImportError, match=r"^Sweep.to_frame needs no_such_pkg_r1: pip install no_such_pkg_r1$"):
        optional_module("no_such_pkg_r1.sub", "Sweep.to_frame")


def test_a_subnormal_fixed_value_gives_the_same_regimes_as_a_tiny_normal_one() -> None:
    game = NormalFormGame.from_bimatrix([["a", "c"], [0, 1]], [[1, 0], [0, 1]])
    subnormal = sweep(game, {"a": [-1, 0, 2]}, fixed={"c": 5e-324})
    tiny = sweep(game, {"a": [-1, 0, 2]}, fixed={"c": 1e-300})
    assert subnormal.regimes == tiny.regimes
    assert subnormal.regime.tolist() == tiny.regime.tolist() == [0, 1, 2]
    assert np.all(np.isfinite(subnormal.payoffs[subnormal.holds]))


def test_a_fixed_value_beyond_the_float_range_is_a_clear_error() -> None:
    game = NormalFormGame.from_bimatrix([["a", "c"], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="parameter c is beyond the float range"):
        sweep(game, {"a": [-1, 2]}, fixed={"c": 10**400})


def test_exact_coefficients_beyond_the_float_range_are_scaled_not_overflowed() -> None:
    game = NormalFormGame.from_bimatrix([["a", 10**400], [0, 1]], [[1, 0], [0, 1]])
    result = sweep(game, {"a": [-1.0, 1.0]})
    exact = [nash_equilibria(game.substitute({"a": a})) for a in (-1, 1)]
    assert [len(labels.split(" | ")) for labels in result.regime_labels()] == [len(e) for e in exact]


def test_one_players_large_payoffs_do_not_swamp_the_others_conditions() -> None:
    # Issue 9: the old tolerance (1e-9 times the largest parameter, here 1e12) decided c = 1 +- 1e-6 as c = 1.
    game = NormalFormGame.from_bimatrix([["K*a", 0], [0, "K"]], [[1, "c"], ["c", 1]])
    values = [0.5, 1 - 1e-6, 1.0, 1 + 1e-6, 2.0]
    swept = sweep(game, {"c": values}, fixed={"a": 2, "K": 10**12})
    for k, c in enumerate(values):
        point = game.substitute({"a": 2, "K": 10**12, "c": Fraction(c)})
        labels = swept.regimes[swept.regime[k]].split(" | ")
        assert len(labels) == len(nash_equilibria(point)), c


# ---------------------------------------------------------------------- bounded memory


def test_a_grid_too_large_for_memory_raises_before_allocating() -> None:
    from gametheory.exceptions import ResourceLimitError
    from gametheory.sensitivity.regime_map import regime_map

    game = NormalFormGame.from_bimatrix([["a", 0], [0, "b"]], [[1, 0], [0, 1]])
    axis = np.linspace(0.0, 1.0, 200_000)  # 4e10 points
    with pytest.raises(ResourceLimitError, match=r"a sweep of 40,000,000,000 points would need about [0-9.e+]+ GB"):
        sweep(game, {"a": axis, "b": axis})
    with pytest.raises(ResourceLimitError, match="a sweep of 40,000,000,000 points"):
        regime_map(game, ("a", axis), ("b", axis))
    with pytest.raises(ResourceLimitError, match="a sweep of 10,000,000,000 points"):
        sweep(lambda values: game.substitute(values), {"a": axis, "b": axis[:50_000]})


@pytest.mark.parametrize("spelling", ["\u00b5", "\u03bc"])  # micro sign, Greek mu: one name in NFKC form
def test_parameter_names_match_in_nfkc_form(spelling: str) -> None:
    import sympy

    from gametheory.sensitivity import monte_carlo, thresholds

    for symbol in ("\u00b5", sympy.Symbol("\u00b5")):  # parsed text (normalised) and a user's own Symbol
        game = NormalFormGame.from_bimatrix([[symbol, "c"], [0, 1]], [[1, 0], [0, 1]])
        result = sweep(game, {spelling: [-1, 2]}, fixed={"c": 0})
        assert result.regimes[0] == "Player 1: s2; Player 2: s2"
        assert sweep(game, {"c": [0]}, fixed={spelling: -1}).regimes == result.regimes[:1]
        (threshold,) = thresholds(game, spelling, fixed={"c": 0})
        assert threshold.value == 0
        draws = monte_carlo(game, {spelling: lambda rng, n: rng.uniform(-2, -1, n)}, n=10, rng=0, fixed={"c": 0})
        assert set(draws.regime_probability) == {"Player 1: s2; Player 2: s2"}


def test_notebook_display_of_a_sweep() -> None:
    import xml.etree.ElementTree as ET

    hostile = "<script>alert(1)</script>"
    labels = {"players": (hostile, "A&B"), "strategies": (("x", "y"), ("$\\",))}
    game = NormalFormGame.from_bimatrix([["a"], [0]], [[0], [0]], **labels)
    result = sweep(game, {"a": [-1, 1, 2, 3]})
    root = ET.fromstring(f"<root>{result._repr_html_()}</root>")
    assert root.find(".//script") is None
    text = "".join(root.itertext())
    for label in result.regimes:
        assert label in text
    assert hostile in text
    assert "$\\" in text
    assert "25.0%" in text
    assert "75.0%" in text
    latex = result._repr_latex_()
    assert r"A\&B" in latex
    assert r"\$\backslash{}" in latex
    assert r"75.0\%" in latex
    assert "<script" not in latex
