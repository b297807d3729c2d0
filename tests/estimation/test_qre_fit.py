"""Tests of maximum-likelihood QRE estimation: consistency, coverage, the gradient, pygambit, covariates, bad input."""

from __future__ import annotations

import math
import time
import warnings

import numpy as np
import pytest

import gametheory
from gametheory import NormalFormGame, fit_qre
from gametheory.estimation import QREFit
from gametheory.estimation._qre_data import coerce_data, coerce_spec, design
from gametheory.estimation._qre_kernel import LogitKernel
from gametheory.estimation._qre_model import Likelihood, PayoffModel
from gametheory.exceptions import InvalidArgumentError, ParameterError, ResourceLimitError, UnsupportedGameError
from gametheory.scenarios import strike_or_restrain
from gametheory.solvers.qre import logit_qre

FIXED = {"c": 1, "d": 2, "b": 1, "k": 3, "l": 0.5}
TRUE_LAM, TRUE_R = 1.5, 2.0
COORDINATION = NormalFormGame.from_bimatrix([[3, 0], [0, 1]], [[1, 0], [0, 3]])


def strike() -> NormalFormGame:
    return strike_or_restrain()


def qre_probabilities(lam: float, r: float) -> tuple[np.ndarray, ...]:
    return logit_qre(strike().substitute({**FIXED, "R": r}), lam).profile


def simulate(rng: np.random.Generator, n: int, lam: float = TRUE_LAM, r: float = TRUE_R) -> list[np.ndarray]:
    return [rng.multinomial(n, p) for p in qre_probabilities(lam, r)]


# ---------------------------------------------------------------------- estimates
def test_consistency_on_a_large_sample() -> None:
    counts = simulate(np.random.default_rng(1), 200_000)
    fit = fit_qre(strike(), counts, parameters=["R"], fixed=FIXED)
    assert isinstance(fit, QREFit)
    assert fit.success
    assert fit.lam == pytest.approx(TRUE_LAM, rel=0.05)
    assert fit.estimates["R"] == pytest.approx(TRUE_R, rel=0.05)
    assert fit.estimates["lam"] == fit.lam
    assert fit.n_observations == 200_000
    for name in ("lam", "R"):
        low, high = fit.confidence_intervals[name]
        assert low < fit.estimates[name] < high
        assert fit.standard_errors[name] > 0
    # The fitted profile is a QRE of the fitted game and matches the observed frequencies (2 data, 2 parameters).
    assert fit.qre is not None
    assert fit.qre.max_residual < 1e-8
    np.testing.assert_allclose(fit.profile[0], counts[0] / counts[0].sum(), atol=1e-6)


def test_wald_intervals_cover_the_truth_at_their_nominal_rate() -> None:
    # 200 simulated datasets of 400 plays each, lam estimated alone. With a fixed seed the rate is
    # deterministic (0.925 when written); the band [0.88, 0.99] is 3+ binomial standard errors wide each side.
    rng = np.random.default_rng(2024)
    game = strike().fix_parameters({**FIXED, "R": TRUE_R})
    probabilities = qre_probabilities(TRUE_LAM, TRUE_R)
    covered = 0
    for _ in range(200):
        counts = [rng.multinomial(400, p) for p in probabilities]
        low, high = fit_qre(game, counts).confidence_intervals["lam"]
        covered += low <= TRUE_LAM <= high
    assert 0.88 <= covered / 200 <= 0.99


def test_the_gradient_agrees_with_finite_differences() -> None:
    spec = coerce_spec(["R"])
    game = strike().fix_parameters(FIXED)
    data = coerce_data([np.array([30, 70]), np.array([55, 45])], game.players, game.strategies, spec)
    lik = Likelihood(
        LogitKernel(game.shape), PayoffModel(game.payoffs, list(game.parameters)), design(spec, data), data.counts
    )
    for theta in ([0.8, 1.3], [2.0, 0.4], [0.3, 3.0]):
        point = np.array(theta)
        _, grad = lik.evaluate(point)
        numeric = np.empty(2)
        for j in range(2):
            step = np.zeros(2)
            step[j] = 1e-6
            numeric[j] = (lik.evaluate(point + step)[0] - lik.evaluate(point - step)[0]) / 2e-6
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-6)


def test_agrees_with_pygambit_estimator_on_aggregate_counts() -> None:
    gbt = pytest.importorskip("pygambit")
    counts = [[60, 40], [45, 55]]
    a, b = np.array([[3, 0], [0, 1]]), np.array([[1, 0], [0, 3]])
    their_game = gbt.Game.from_arrays(a, b)
    theirs = gbt.qre.logit_estimate(their_game.mixed_strategy_profile(data=counts))
    ours = fit_qre(COORDINATION, counts)
    assert ours.lam == pytest.approx(theirs.lam, abs=1e-4)
    assert ours.log_likelihood == pytest.approx(theirs.log_like, abs=1e-6)
    np.testing.assert_allclose(
        np.concatenate(ours.profile), [theirs.profile[s] for s in their_game.strategies], atol=1e-5
    )


def test_observation_level_data_recover_linear_coefficients() -> None:
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(7)
    troops = rng.integers(0, 4, size=8000).astype(float)
    b0, b1, lam = 0.5, 1.0, 1.5
    rows = {"US": [], "Militia": []}
    cache = {t: qre_probabilities(lam, b0 + b1 * t) for t in np.unique(troops)}
    for t in troops:
        us, militia = cache[t]
        rows["US"].append(("Strike", "Restrain")[rng.choice(2, p=us)])
        rows["Militia"].append(("Attack", "Hold")[rng.choice(2, p=militia)])
    frame = pd.DataFrame({**rows, "troops": troops})
    fit = fit_qre(strike(), frame, parameters={"R": ["const", "troops"]}, fixed=FIXED)
    assert set(fit.estimates) == {"lam", "R:const", "R:troops"}
    for name, truth in (("lam", lam), ("R:const", b0), ("R:troops", b1)):
        low, high = fit.confidence_intervals[name]
        assert low - 0.1 < truth < high + 0.1, name
        assert abs(fit.estimates[name] - truth) < 4 * fit.standard_errors[name] + 0.05, name
    assert fit.profile[0].shape == (8000, 2)
    assert fit.qre is None
    # A bare name in parameters is an intercept-only parameter; the same data then fit a single R.
    single = fit_qre(strike(), frame, parameters=["R"], fixed=FIXED)
    assert set(single.estimates) == {"lam", "R"}
    assert single.log_likelihood <= fit.log_likelihood + 1e-9


def test_profile_and_bootstrap_intervals() -> None:
    counts = simulate(np.random.default_rng(3), 2000)
    game = strike().fix_parameters({**FIXED, "R": TRUE_R})
    wald = fit_qre(game, counts)
    prof = fit_qre(game, counts, interval="profile", level=0.9)
    boot = fit_qre(game, counts, interval="bootstrap", n_bootstrap=40, rng=5)
    again = fit_qre(game, counts, interval="bootstrap", n_bootstrap=40, rng=np.random.default_rng(5))
    assert boot.confidence_intervals == again.confidence_intervals
    for fit in (prof, boot):
        low, high = fit.confidence_intervals["lam"]
        assert low < fit.lam < high
        assert (high - low) == pytest.approx(np.diff(wald.confidence_intervals["lam"])[0], rel=0.5)
    assert prof.level == 0.9
    assert prof.interval == "profile"


def test_summary_and_html() -> None:
    fit = fit_qre(strike(), simulate(np.random.default_rng(4), 500), parameters=["R"], fixed=FIXED)
    text = fit.summary()
    for word in ("coef", "std err", "P>|z|", "[0.025", "0.975]", "lam", "R", "Log-likelihood"):
        assert word in text
    assert "<table>" in fit._repr_html_()
    with pytest.raises(AttributeError):
        fit.lam = 1.0  # type: ignore[misc]


def test_exported_from_the_top_level() -> None:
    assert gametheory.fit_qre is fit_qre
    assert "fit_qre" in gametheory.__all__
    assert "QREFit" in gametheory.__all__


def test_mapping_counts_and_an_unobserved_player() -> None:
    both = fit_qre(COORDINATION, {"Player 1": {"s1": 60, "s2": 40}, "Player 2": [45, 55]})
    assert both.lam == pytest.approx(fit_qre(COORDINATION, ([60, 40], [45, 55])).lam)
    one = fit_qre(COORDINATION, {"Player 1": [60, 40]})
    assert one.n_observations == 100
    assert one.lam > 0


# ---------------------------------------------------------------------- identification
def test_lam_and_an_overall_payoff_scale_are_not_identified() -> None:
    scaled = NormalFormGame.from_bimatrix([["3*s", 0], [0, "s"]], [["s", 0], [0, "3*s"]])
    with pytest.raises(ParameterError, match="lam, s are not separately identified"):
        fit_qre(scaled, ([60, 40], [45, 55]), parameters=["s"])
    # Scaling one player's payoffs only is identified through the other player's choices.
    one = NormalFormGame.from_bimatrix([["3*s", 0], [0, "s"]], [[1, 0], [0, 3]])
    fit = fit_qre(one, ([60, 40], [45, 55]), parameters=["s"])
    assert fit.success
    assert np.isfinite(fit.standard_errors["s"])


def test_too_many_parameters_for_aggregate_counts() -> None:
    with pytest.raises(ParameterError, match="independent"):
        fit_qre(strike(), ([30, 70], [55, 45]), parameters=["R", "c"], fixed={"d": 2, "b": 1, "k": 3, "l": 0.5})


def test_constant_covariate_with_const_is_not_identified() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"US": ["Strike", "Restrain"] * 5, "Militia": ["Hold"] * 10, "troops": [2.0] * 10})
    with pytest.raises(ParameterError, match="collinear"):
        fit_qre(strike(), frame, parameters={"R": ["const", "troops"]}, fixed=FIXED)


def test_all_counts_in_one_cell_make_lam_infinite() -> None:
    with pytest.raises(ParameterError, match="infinite"):
        fit_qre(COORDINATION, ([100, 0], [100, 0]))


def test_parameter_absent_from_the_game() -> None:
    with pytest.raises(ParameterError, match="do not appear"):
        fit_qre(COORDINATION, ([60, 40], [45, 55]), parameters=["R"])


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("data", "match"),
    [
        (([60, 40, 1], [45, 55]), "length 2"),
        (([60, -40], [45, 55]), "non-negative"),
        (([60.5, 40], [45, 55]), "whole numbers"),
        ((["a", 40], [45, 55]), "integers"),
        (([60, 40],), "one array per player"),
        (([0, 0], [0, 0]), "empty"),
        ({"Nobody": [1, 2]}, "unknown players"),
        ({"Player 1": {"s9": 3}}, "unknown strategies"),
        ("counts", "DataFrame"),
    ],
)
def test_bad_counts(data: object, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        fit_qre(COORDINATION, data)


def test_bad_frames() -> None:
    pd = pytest.importorskip("pandas")
    good = {"US": ["Strike", "Restrain"], "Militia": ["Hold", "Attack"], "troops": [1.0, 2.0]}
    spec = {"parameters": {"R": ["const", "troops"]}, "fixed": FIXED}
    cases = [
        ({**good, "troops": [1.0, math.nan]}, spec, "missing"),
        ({**good, "US": ["Strike", "Flee"]}, spec, "unknown actions"),
        (good, {**spec, "parameters": {"R": ["const", "tanks"]}}, "unknown covariate"),
        ({"troops": [1.0, 2.0]}, spec, "column of chosen actions"),
        ({**good, "troops": ["a", "b"]}, spec, "numeric"),
    ]
    for columns, options, match in cases:
        with pytest.raises(InvalidArgumentError, match=match):
            fit_qre(strike(), pd.DataFrame(columns), **options)
    with pytest.raises(InvalidArgumentError, match="empty"):
        fit_qre(strike(), pd.DataFrame({"US": [], "troops": []}), **spec)
    with pytest.raises(InvalidArgumentError, match="need observation-level"):
        fit_qre(strike(), ([1, 2], [2, 1]), **spec)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"parameters": ["Q"], "fixed": FIXED}, "do not appear"),
        ({"parameters": ["R"], "fixed": {**FIXED, "zz": 1}}, "not parameters"),
        ({"parameters": ["R"], "fixed": {**FIXED, "R": 1}}, "both estimated and fixed"),
        ({"parameters": ["R"], "fixed": {"c": 1}}, "neither estimated nor fixed"),
        ({"parameters": ["R"], "fixed": {**FIXED, "c": math.nan}}, "finite"),
        ({"parameters": ["lam"], "fixed": FIXED}, "always estimated"),
        ({"parameters": ["R"], "fixed": FIXED, "start": {"lam": -1}}, ">= 0"),
    ],
)
def test_bad_parameters(options: dict, match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        fit_qre(strike(), ([30, 70], [55, 45]), **options)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"interval": "jackknife"}, "interval"),
        ({"level": 1.5}, "level"),
        ({"n_bootstrap": 1}, "n_bootstrap"),
        ({"rng": "seed"}, "rng"),
    ],
)
def test_bad_options(options: dict, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        fit_qre(COORDINATION, ([60, 40], [45, 55]), **options)


def test_non_games_are_unsupported() -> None:
    with pytest.raises(UnsupportedGameError, match="ExtensiveFormGame"):
        fit_qre("not a game", ([1, 2], [2, 1]))


def test_evaluations_stay_on_the_principal_branch() -> None:
    # The coordination game has three QRE at large lam; jumping there and back must follow logit_qre's branch.
    game = NormalFormGame.from_bimatrix([[1, 0], [0, 1.2]], [[1, 0], [0, 1.2]])
    spec = coerce_spec(())
    data = coerce_data([np.array([5, 5]), np.array([5, 5])], game.players, game.strategies, spec)
    kernel = LogitKernel(game.shape)
    lik = Likelihood(kernel, PayoffModel(game.payoffs, []), design(spec, data), data.counts)
    for lam in (12.0, 0.5, 30.0, 6.0):
        expected = np.concatenate(logit_qre(game, lam).profile)
        np.testing.assert_allclose(lik.probabilities(np.array([lam]))[0], expected, atol=1e-8)
        np.testing.assert_allclose(
            np.exp(kernel.principal(lam, lik.model.payoffs(np.zeros((1, 0)))))[0], expected, atol=1e-8
        )


# ---------------------------------------------------------------------- profile intervals
DOCSTRING_DATA = {"US": [30, 70], "Militia": [55, 45]}
CHI2_HALF = 3.841458820694124 / 2  # chi2(1).ppf(0.95) / 2


def profile_drop(fit: QREFit, name: str, value: float) -> float:
    """``loglik_max - loglik_profile(value)`` from scratch, the other parameter maximised from many starts."""
    from gametheory.estimation import _qre_optimize as opt

    game = strike().fix_parameters(FIXED)
    spec = coerce_spec(["R"])
    counts = [np.array(DOCSTRING_DATA["US"]), np.array(DOCSTRING_DATA["Militia"])]
    data = coerce_data(counts, game.players, game.strategies, spec)
    names = list(fit.estimates)
    theta = np.array([fit.estimates[n] for n in names])
    errors = np.array([fit.standard_errors[n] for n in names])
    lam_max = 1e3 / 4.0  # LAM_RANGE_CAP over the payoff range at R = 0, as in fit_qre
    box = opt.search_ranges(theta, errors, [(0.0, lam_max), (None, None)])
    j = names.index(name)
    other = 1 - j
    best = -np.inf
    for guess in [*np.linspace(box[other][0], box[other][1], 7).tolist(), theta[other]]:
        lik = Likelihood(
            LogitKernel(game.shape), PayoffModel(game.payoffs, list(game.parameters)), design(spec, data), data.counts
        )
        start = theta.copy()
        start[j], start[other] = value, guess
        best = max(best, opt.maximise(lik, start, box, free=np.array([other])).loglik)
    return fit.log_likelihood - best


def test_profile_intervals_on_the_docstring_data_are_quick_bounded_and_exact() -> None:
    # Used to take minutes, overflow in exp and report R down to -8.8e7 (R is unbounded below on these data:
    # lam -> 0 with lam * R fixed keeps the fit within 0.49 of the best).
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_qre(strike(), DOCSTRING_DATA, parameters=["R"], fixed=FIXED, interval="profile", time_limit=60)
    assert time.perf_counter() - start < 10
    low, high = fit.confidence_intervals["lam"]
    assert 0 < low < fit.lam < high < math.inf
    assert fit.open_ends["lam"] == (False, False)
    for end in (low, high):
        assert profile_drop(fit, "lam", end) == pytest.approx(CHI2_HALF, abs=1e-4)
    r_low, r_high = fit.confidence_intervals["R"]
    assert fit.open_ends["R"] == (True, False)
    assert r_low == pytest.approx(fit.estimates["R"] - 50 * fit.standard_errors["R"])
    assert r_low < fit.estimates["R"] < r_high
    assert profile_drop(fit, "R", r_high) == pytest.approx(CHI2_HALF, abs=1e-4)
    assert 0 < profile_drop(fit, "R", r_low) < CHI2_HALF
    assert "R: interval open below" in fit.summary()
    assert "open below" in fit._repr_html_()
    # Wald fits report no open ends.
    assert fit_qre(COORDINATION, ([60, 40], [45, 55])).open_ends == {"lam": (False, False)}


def test_profile_and_wald_intervals_agree_on_a_large_sample() -> None:
    counts = simulate(np.random.default_rng(1), 200_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        prof = fit_qre(strike(), counts, parameters=["R"], fixed=FIXED, interval="profile")
    wald = fit_qre(strike(), counts, parameters=["R"], fixed=FIXED)
    for name in ("lam", "R"):
        w_low, w_high = wald.confidence_intervals[name]
        half = (w_high - w_low) / 2
        for p_end, w_end in zip(prof.confidence_intervals[name], (w_low, w_high), strict=True):
            assert abs(p_end - w_end) <= 0.1 * half, name
        assert prof.open_ends[name] == (False, False)


def test_the_wald_interval_of_lam_stays_nonnegative() -> None:
    fit = fit_qre(strike(), DOCSTRING_DATA, parameters=["R"], fixed=FIXED)
    z = 1.959963984540054
    assert fit.lam - z * fit.standard_errors["lam"] < 0  # the untruncated interval would go below 0
    low, high = fit.confidence_intervals["lam"]
    assert low == 0.0
    assert high == pytest.approx(fit.lam + z * fit.standard_errors["lam"])
    assert fit.confidence_intervals["R"][0] == pytest.approx(fit.estimates["R"] - z * fit.standard_errors["R"])


def test_continuation_to_extreme_payoffs_raises_no_overflow_warning() -> None:
    game = strike().fix_parameters(FIXED)
    spec = coerce_spec(["R"])
    data = coerce_data([np.array([30, 70]), np.array([55, 45])], game.players, game.strategies, spec)
    lik = Likelihood(
        LogitKernel(game.shape), PayoffModel(game.payoffs, list(game.parameters)), design(spec, data), data.counts
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for theta in ([0.8, -0.1], [0.01, -1e6], [0.8, -0.1], [5.0, 1e4]):
            value, _ = lik.evaluate(np.array(theta))
            assert np.isfinite(value)


def test_time_limit() -> None:
    with pytest.raises(ResourceLimitError, match="fit_qre exceeded the time limit"):
        fit_qre(strike(), DOCSTRING_DATA, parameters=["R"], fixed=FIXED, interval="profile", time_limit=1e-4)
    with pytest.raises(InvalidArgumentError, match="time_limit"):
        fit_qre(COORDINATION, ([60, 40], [45, 55]), time_limit=-1)
