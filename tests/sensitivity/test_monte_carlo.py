"""Tests of gametheory.sensitivity.monte_carlo: reproducibility, frequencies, agreement with solving, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from gametheory.exceptions import InvalidArgumentError, ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import decision, terminal
from gametheory.sensitivity.monte_carlo import monte_carlo
from gametheory.sensitivity.selection import EquilibriumSelectionError, MaxOutcome, Payoff, Probability
from gametheory.solvers.enumeration import nash_equilibria
from tests.support import strike_game

DISTRIBUTIONS = {
    "R": stats.uniform(0, 4),
    "c": stats.lognorm(0.5, scale=2),
    "l": lambda rng, n: rng.uniform(0, 2, size=n),
}
FIXED = {"b": 1, "d": 1, "k": 2.5}
OUTCOMES = {"attack": Probability("Militia", "Attack"), "us": Payoff("US")}


def run(rng, n: int = 2000):
    return monte_carlo(strike_game(), DISTRIBUTIONS, n=n, rng=rng, fixed=FIXED, outcomes=OUTCOMES)


@settings(max_examples=20)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_fixed_rng_is_reproducible(seed: int) -> None:
    first, second = run(seed, n=200), run(np.random.default_rng(seed), n=200)
    for name in DISTRIBUTIONS:
        np.testing.assert_array_equal(first.samples[name], second.samples[name])
    np.testing.assert_array_equal(first.regime, second.regime)
    assert first.regime_probability == second.regime_probability
    np.testing.assert_array_equal(first.outcomes["attack"], second.outcomes["attack"])


def test_different_seeds_draw_differently() -> None:
    assert not np.array_equal(run(1, n=50).samples["R"], run(2, n=50).samples["R"])


def test_regime_probabilities_match_the_hand_derivation() -> None:
    result = run(7)
    R, c, lift = (result.samples[name] for name in ("R", "c", "l"))
    catch_22 = 1 + lift > 2.5
    # Hand derivation: restraint where R < c; above it the catch-22 (b + l > k) has the US strike,
    # otherwise both mix.
    expected = {
        "US: Restrain; Militia: Attack": np.mean(c > R),
        "US: Strike; Militia: Attack": np.mean((c < R) & catch_22),
        "US mixes Strike/Restrain; Militia mixes Attack/Hold": np.mean((c < R) & ~catch_22),
    }
    for label, probability in expected.items():
        assert result.regime_probability[label] == pytest.approx(probability)
    assert sum(result.regime_probability.values()) == pytest.approx(1.0)
    assert result.branch_probability["US: Restrain; Militia: Attack"] == pytest.approx(np.mean(c >= R))


def test_outcomes_and_summary() -> None:
    result = run(11)
    R, c, lift = (result.samples[name] for name in ("R", "c", "l"))
    mixed = (c < R) & (1 + lift < 2.5)
    np.testing.assert_allclose(result.outcomes["attack"][mixed], (c / R)[mixed])
    np.testing.assert_allclose(result.outcomes["attack"][~mixed], 1.0)
    summary = result.summary["attack"]
    assert summary.mean == pytest.approx(result.outcomes["attack"].mean())
    assert summary.quantiles[0.5] == pytest.approx(np.median(result.outcomes["attack"]))
    assert summary.missing == 0


@settings(max_examples=10)
@given(seed=st.integers(min_value=0, max_value=1000))
def test_each_draw_agrees_with_nash_equilibria(seed: int) -> None:
    result = run(seed, n=15)
    game = strike_game()
    for i in range(result.n):
        point = {name: float(result.samples[name][i]) for name in DISTRIBUTIONS} | FIXED
        solved = {
            tuple(np.round(np.concatenate(eq.as_float()), 9) + 0.0) for eq in nash_equilibria(game.substitute(point))
        }
        found = {
            tuple(np.round(np.concatenate([p[i, b] for p in result.probabilities]), 9) + 0.0)
            for b in np.flatnonzero(result.holds[i])
        }
        assert found == solved


def test_callable_game_gives_the_same_regimes() -> None:
    def game_of(params: dict) -> NormalFormGame:
        return strike_game().substitute(params)

    formulas = run(3, n=60)
    solved = monte_carlo(game_of, DISTRIBUTIONS, n=60, rng=3, fixed=FIXED, outcomes=OUTCOMES)
    assert dict(formulas.regime_probability) == dict(solved.regime_probability)
    np.testing.assert_allclose(formulas.outcomes["us"], solved.outcomes["us"])


def test_to_frame() -> None:
    pytest.importorskip("pandas")
    frame = run(5, n=30).to_frame()
    assert list(frame.columns) == ["R", "c", "l", "regime", "attack", "us"]
    assert len(frame) == 30


def test_selection_needed_when_equilibria_disagree() -> None:
    coordination = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(EquilibriumSelectionError):
        monte_carlo(coordination, {"a": stats.uniform(1, 2)}, n=10, rng=0, outcomes={"row": Payoff(0)})
    result = monte_carlo(
        coordination, {"a": stats.uniform(1, 2)}, n=10, rng=0, outcomes={"row": Payoff(0)}, selection=MaxOutcome()
    )
    np.testing.assert_allclose(result.outcomes["row"], result.samples["a"])


def test_zero_draws() -> None:
    with pytest.raises(ParameterError, match="positive integer"):
        monte_carlo(strike_game(), DISTRIBUTIONS, n=0, rng=0, fixed=FIXED)


def test_distribution_that_is_not_one() -> None:
    with pytest.raises(ParameterError, match="frozen distribution or a callable"):
        monte_carlo(strike_game(), {"R": 3}, n=5, rng=0, fixed=FIXED | {"c": 1, "l": 1})


def test_distribution_with_the_wrong_shape() -> None:
    with pytest.raises(ParameterError, match="shape"):
        monte_carlo(strike_game(), {"R": lambda rng, n: np.ones(n + 1)}, n=5, rng=0, fixed=FIXED | {"c": 1, "l": 1})


def test_distribution_with_non_finite_values() -> None:
    with pytest.raises(ParameterError, match="non-finite"):
        monte_carlo(strike_game(), {"R": lambda rng, n: np.full(n, np.inf)}, n=5, rng=0, fixed=FIXED | {"c": 1, "l": 1})


def test_unknown_parameter() -> None:
    with pytest.raises(ParameterError, match="unknown parameter"):
        monte_carlo(strike_game(), {"x": stats.norm()}, n=5, rng=0, fixed=FIXED | {"R": 1, "c": 1, "l": 1})


def test_missing_parameter() -> None:
    with pytest.raises(ParameterError, match="no value given"):
        monte_carlo(strike_game(), {"R": stats.norm()}, n=5, rng=0)


@pytest.mark.parametrize("draws", [lambda rng, n: rng.normal(size=n) + 1j, lambda rng, n: [complex(1, 0)] * n])
def test_complex_draws_are_rejected_not_truncated(draws: object) -> None:
    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="complex"):
        monte_carlo(game, {"a": draws}, n=3, rng=0)


@pytest.mark.parametrize("rng", ["seed", 1.5])
def test_a_bad_rng_is_an_invalid_argument(rng: object) -> None:
    from gametheory.exceptions import InvalidArgumentError

    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidArgumentError, match="rng"):
        monte_carlo(game, {"a": lambda r, n: r.normal(size=n)}, n=3, rng=rng)


def test_too_many_draws_for_memory_raise_before_drawing() -> None:
    from gametheory.exceptions import ResourceLimitError

    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ResourceLimitError, match=r"a Monte Carlo run of 100,000,000,000 draws would need about"):
        monte_carlo(game, {"a": stats.uniform(0, 1)}, n=10**11, rng=0)


def test_merge_by_outcome_counts_the_profiles_of_one_path_together() -> None:
    fight_or_share = decision("B", {"Fight": terminal(-1, "f"), "Share": terminal("s", 1)})
    tree = ExtensiveFormGame(decision("A", {"In": fight_or_share, "Out": terminal(0, 2)}))
    draws = {"f": stats.uniform(-2, 4), "s": stats.uniform(-2, 4)}
    every = monte_carlo(tree, draws, n=2000, rng=3)
    merged = monte_carlo(tree, draws, n=2000, rng=3, merge="outcome")
    assert set(merged.regimes) == {"A: Out", "A: In; B: Share"}
    assert len(every.regimes) > len(merged.regimes)
    out = sum(p for label, p in every.regime_probability.items() if label.startswith("A: Out"))
    assert merged.regime_probability["A: Out"] == pytest.approx(out)
    assert merged.branches == every.branches
    with pytest.raises(InvalidArgumentError, match="merge"):
        monte_carlo(tree, draws, n=10, rng=3, merge="path")
