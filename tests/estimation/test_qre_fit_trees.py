"""Tests of fit_qre on game trees: the agent-form logit QRE (statistical backwards induction)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gametheory import ExtensiveFormGame, fit_qre, qre_residual
from gametheory.estimation._qre_data import coerce_data, coerce_spec, design
from gametheory.estimation._qre_model import PayoffModel
from gametheory.estimation._qre_tree import TreeKernel, terminal_payoffs
from gametheory.estimation._qre_tree_fit import TreeLikelihood, set_labels, set_names
from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.scenarios import stay_or_withdraw
from gametheory.solvers.qre import QRE_TOLERANCE, logit_qre

FIXED = {"c": 1, "d": 2, "b": 1, "k": 3, "l": 0.5, "L": 3, "V": 2}
TRUE_LAM, TRUE_R = 1.5, 2.0


def profile_at(lam: float, r: float) -> tuple[np.ndarray, ...]:
    return logit_qre(stay_or_withdraw().substitute({**FIXED, "R": r}), lam).profile


def signalling() -> ExtensiveFormGame:
    """Chance, then A moves knowing the draw; B sees A's move but not the draw (an information set)."""

    def b_node(key: str, good: tuple[float, float], bad: tuple[float, float]) -> object:
        return decision("B", {"Trust": terminal(*good), "Doubt": terminal(*bad)}, infoset=key)

    high = decision(
        "A",
        {"Send": b_node("sent", (3, "g"), (0, 1)), "Keep": b_node("kept", (1, 0), (0, 1))},
        infoset="high",
    )
    low = decision(
        "A",
        {"Send": b_node("sent", (2, -1), (-1, 1)), "Keep": b_node("kept", (1, 0), (0, 2))},
        infoset="low",
    )
    return ExtensiveFormGame(chance({"H": ("0.6", high), "L": ("0.4", low)}), players=["A", "B"])


def expected_counts(profile: tuple[np.ndarray, ...], n: int) -> dict[str, list[int]]:
    militia, us = profile
    return {
        "Militia": np.round(n * militia).astype(int).tolist(),
        "US": np.round(n * militia[0] * us).astype(int).tolist(),
    }


# ---------------------------------------------------------------------- estimates
def test_expected_counts_give_back_the_truth() -> None:
    fit = fit_qre(
        stay_or_withdraw(), expected_counts(profile_at(TRUE_LAM, TRUE_R), 10**6), parameters=["R"], fixed=FIXED
    )
    assert fit.lam == pytest.approx(TRUE_LAM, abs=2e-3)
    assert fit.estimates["R"] == pytest.approx(TRUE_R, abs=2e-3)
    assert fit.information_sets == ("Militia", "US")
    assert fit.strategies == (("Attack", "Hold"), ("Retaliate", "Absorb", "Withdraw"))
    assert fit.qre is not None
    assert fit.qre.max_residual < QRE_TOLERANCE
    assert qre_residual(fit.qre.game, fit.profile, fit.lam) < QRE_TOLERANCE
    for got, want in zip(fit.profile, profile_at(fit.lam, fit.estimates["R"]), strict=True):
        np.testing.assert_allclose(got, want, atol=1e-9)


def test_consistency_on_a_simulated_sample() -> None:
    rng = np.random.default_rng(12)
    militia, us = profile_at(TRUE_LAM, TRUE_R)
    first = rng.multinomial(50_000, militia)
    counts = {"Militia": first, "US": rng.multinomial(first[0], us)}
    fit = fit_qre(stay_or_withdraw(), counts, parameters=["R"], fixed=FIXED)
    for name, truth in (("lam", TRUE_LAM), ("R", TRUE_R)):
        assert abs(fit.estimates[name] - truth) < 4 * fit.standard_errors[name]
        assert fit.standard_errors[name] < 0.1


def test_observation_level_data_with_a_covariate() -> None:
    # R = 1 + 0.8 * troops row by row; the US's column is missing where the militia held.
    rng = np.random.default_rng(3)
    rows = 6000
    troops = rng.integers(0, 4, rows).astype(float)
    militia, us = [], []
    profiles = {x: profile_at(TRUE_LAM, 1.0 + 0.8 * x) for x in range(4)}
    for x in troops:
        p_m, p_us = profiles[int(x)]
        move = ("Attack", "Hold")[rng.choice(2, p=p_m)]
        militia.append(move)
        us.append(("Retaliate", "Absorb", "Withdraw")[rng.choice(3, p=p_us)] if move == "Attack" else None)
    frame = pd.DataFrame({"Militia": militia, "US": us, "troops": troops})
    fit = fit_qre(stay_or_withdraw(), frame, parameters={"R": ["const", "troops"]}, fixed=FIXED)
    assert fit.n_observations == rows
    assert fit.profile[0].shape == (rows, 2)
    assert fit.profile[1].shape == (rows, 3)
    assert fit.qre is None
    for name, truth in (("lam", TRUE_LAM), ("R:const", 1.0), ("R:troops", 0.8)):
        assert abs(fit.estimates[name] - truth) < 4 * fit.standard_errors[name], name
    # The fitted rows satisfy the agent-QRE equations of their own tree.
    for x in (0.0, 3.0):
        row = int(np.flatnonzero(troops == x)[0])
        r = fit.estimates["R:const"] + fit.estimates["R:troops"] * x
        tree = stay_or_withdraw().substitute({**FIXED, "R": r})
        assert qre_residual(tree, [fit.profile[0][row], fit.profile[1][row]], fit.lam) < QRE_TOLERANCE


def test_a_tree_with_chance_and_an_information_set() -> None:
    tree = signalling()
    truth = logit_qre(tree.substitute({"g": 2.0}), 1.2).profile
    names = set_names(tree)
    # Aggregate counts: reach probabilities times behaviour, from 10^6 plays.
    reach = {"A [high]": 0.6, "A [low]": 0.4}
    sent = 0.6 * truth[names.index("A [high]")][0] + 0.4 * truth[names.index("A [low]")][0]
    reach["B [sent]"], reach["B [kept]"] = sent, 1 - sent
    counts = {name: np.round(1e6 * reach[name] * truth[i]).astype(int) for i, name in enumerate(names)}
    fit = fit_qre(tree, counts, parameters=["g"])
    assert fit.lam == pytest.approx(1.2, abs=5e-3)
    assert fit.estimates["g"] == pytest.approx(2.0, abs=2e-2)
    assert fit.qre is not None
    assert qre_residual(fit.qre.game, fit.profile, fit.lam) < QRE_TOLERANCE
    # Sets may also be named by their keys.
    by_key = {key: counts[name] for key, name in zip(("high", "sent", "kept", "low"), names, strict=True)}
    assert fit_qre(tree, by_key, parameters=["g"]).lam == pytest.approx(fit.lam, rel=1e-6)


@pytest.mark.parametrize(
    "make", [lambda: stay_or_withdraw().fix_parameters({k: v for k, v in FIXED.items() if k != "c"}), signalling]
)
def test_gradient_is_the_implicit_derivative(make: object) -> None:
    tree = make()  # type: ignore[operator]
    symbols = list(tree.parameters)
    kernel = TreeKernel(tree)
    spec = coerce_spec([s.name for s in symbols])
    names, labels = set_names(tree), set_labels(tree)
    counts = {name: np.arange(1, len(labels[i]) + 1) * (3 + i) for i, name in enumerate(names)}
    data = coerce_data(counts, names, labels, spec, tree=True)
    lik = TreeLikelihood(
        kernel, PayoffModel(terminal_payoffs(tree), symbols), design(spec, data), data.counts, tree, symbols
    )
    theta = np.array([0.9, *np.linspace(1.3, 2.1, len(symbols))])
    _, grad = lik.evaluate(theta)
    for j in range(len(theta)):
        step = np.zeros_like(theta)
        step[j] = 1e-4
        numeric = (lik.evaluate(theta + step)[0] - lik.evaluate(theta - step)[0]) / 2e-4
        assert grad[j] == pytest.approx(numeric, rel=1e-5, abs=1e-6)


def test_profile_and_bootstrap_intervals_on_a_tree() -> None:
    counts = expected_counts(profile_at(TRUE_LAM, TRUE_R), 2000)
    profile = fit_qre(stay_or_withdraw(), counts, parameters=["R"], fixed=FIXED, interval="profile")
    low, high = profile.confidence_intervals["R"]
    assert low < TRUE_R < high
    boot = fit_qre(
        stay_or_withdraw(), counts, parameters=["R"], fixed=FIXED, interval="bootstrap", n_bootstrap=20, rng=1
    )
    low, high = boot.confidence_intervals["lam"]
    assert low < TRUE_LAM < high


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("counts", "match"),
    [
        ({"Militia": [5, 5], "Navy": [1, 2, 3]}, "unknown information set 'Navy'"),
        ({"Militia": [5, 5], "US": [1, 2]}, "length 3"),
        ({"Militia": [5, -5], "US": [1, 2, 3]}, "non-negative"),
        ({"Militia": [5, 5], "US": {"Surrender": 1}}, "unknown strategies"),
        ([[5, 5]], "one array per player"),
    ],
)
def test_bad_counts(counts: object, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        fit_qre(stay_or_withdraw(), counts, parameters=["R"], fixed=FIXED)


def test_bad_frames() -> None:
    frame = pd.DataFrame({"Militia": ["Attack", "Hold"], "US": ["Surrender", None]})
    with pytest.raises(InvalidArgumentError, match="unknown actions 'Surrender'"):
        fit_qre(stay_or_withdraw(), frame, parameters=["R"], fixed=FIXED)
    with pytest.raises(InvalidArgumentError, match="information set"):
        fit_qre(stay_or_withdraw(), pd.DataFrame({"Navy": ["x"]}), parameters=["R"], fixed=FIXED)


def test_bad_parameters_and_games() -> None:
    counts = expected_counts(profile_at(TRUE_LAM, TRUE_R), 1000)
    with pytest.raises(ParameterError, match="neither estimated nor fixed"):
        fit_qre(stay_or_withdraw(), counts, parameters=["R"], fixed={"c": 1})
    with pytest.raises(ParameterError, match="do not appear"):
        fit_qre(stay_or_withdraw(), counts, parameters=["Q"], fixed=FIXED)
    # k and l enter only as l - k.
    others = {k: v for k, v in FIXED.items() if k not in ("k", "l")}
    with pytest.raises(ParameterError, match="k, l are not separately identified"):
        fit_qre(stay_or_withdraw(), counts, parameters=["k", "l"], fixed={**others, "R": TRUE_R})
    forgetful = ExtensiveFormGame(
        decision(
            "A",
            {
                "x": decision("A", {"u": terminal(1), "v": terminal(0)}, infoset="s"),
                "y": decision("A", {"u": terminal(0), "v": terminal(1)}, infoset="s"),
            },
        )
    )
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        fit_qre(forgetful, {"A [1]": [1, 1]})
