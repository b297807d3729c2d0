"""The model protocol: one way in for every analysis, and a new kind of model plugs in with one adapter."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest
import sympy
from scipy import stats

from gametheory import NormalFormGame
from gametheory.exceptions import UnsupportedGameError
from gametheory.parametric import comparative_statics
from gametheory.scenarios import stay_or_withdraw
from gametheory.sensitivity import (
    AnalysisModel,
    Evaluation,
    FunctionModel,
    MaxOutcome,
    NormalFormModel,
    Payoff,
    PointModel,
    PointSolution,
    Probability,
    Regime,
    TreeModel,
    as_model,
    monte_carlo,
    regime_map,
    sweep,
    thresholds,
    tornado,
)

R, c = sympy.symbols("R c", positive=True)
PLAYERS = ("US", "Militia")
STRATEGIES = (("Strike", "Restrain"), ("Attack", "Hold"))


class Cutoff:
    """A closed-form toy model: the US strikes when the reputation cost R is at least the strike cost c.

    The militia always attacks. It is written against the protocol only: no
    game, no solver, nothing registered.
    """

    labels = ("US: Strike; Militia: Attack", "US: Restrain; Militia: Attack")

    def __init__(self, fixed: Mapping[str, Any] | None = None) -> None:
        self.fixed = dict(fixed or {})

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        return tuple(s for s in (R, c) if s.name not in self.fixed)

    @property
    def game(self) -> None:
        return None

    def fix(self, values: Mapping[str, Any]) -> Cutoff:
        return Cutoff({**self.fixed, **values})

    def evaluate(self, values, shape, *, tol=None, executor=None, progress=None) -> Evaluation:
        every = {k: np.asarray(v, dtype=np.float64) for k, v in values.items()}
        every |= {k: np.asarray(float(v)) for k, v in self.fixed.items()}
        r, cost = np.broadcast_arrays(every["R"], every["c"])
        limit = 1e-9 * (np.abs(r) + np.abs(cost)) if tol is None else tol
        holds = np.stack([r - cost >= -limit, r - cost <= limit], axis=-1)
        mask = np.where(holds, 0.0, np.nan)
        us = np.stack([np.broadcast_to([1.0, 0.0], (*shape, 2)), np.broadcast_to([0.0, 1.0], (*shape, 2))], -2)
        militia = np.broadcast_to([1.0, 0.0], (*shape, 2, 2))
        payoffs = np.stack([np.stack([-cost, -np.ones(shape)], -1), np.stack([-r, np.ones(shape)], -1)], -2)
        return Evaluation(
            labels=self.labels,
            holds=holds,
            probabilities=(us + mask[..., None], militia + mask[..., None]),
            payoffs=payoffs + mask[..., None],
            players=PLAYERS,
            strategies=STRATEGIES,
            tolerance=1e-9 if tol is None else tol,
        )

    def regimes(self) -> tuple[Regime, ...]:
        mapping = {s: sympy.nsimplify(self.fixed[s.name]) for s in (R, c) if s.name in self.fixed}
        one, zero = sympy.Integer(1), sympy.Integer(0)
        return tuple(
            Regime(
                label,
                condition.xreplace(mapping),
                (profile, (one, zero)),
                tuple(p.xreplace(mapping) for p in payoffs),
                PLAYERS,
                STRATEGIES,
                self.parameters,
            )
            for label, condition, profile, payoffs in zip(
                self.labels,
                (sympy.Ge(R, c), sympy.Le(R, c)),
                ((one, zero), (zero, one)),
                ((-c, -one), (-R, one)),
                strict=True,
            )
        )

    def defined_at(self, values: Mapping[str, Any]) -> bool:
        return True


class BestReplyToUniform(PointModel):
    """A point-by-point toy rule: in the 2x2 game [[a, 0], [0, 1]], the row player best-replies to a uniform column."""

    parameters = (sympy.Symbol("a"),)

    def solve(self, point: dict[str, Any]) -> PointSolution:
        a = float(point["a"])
        row = 0 if a >= 1 else 1
        profile = (np.eye(2)[row], np.array([0.5, 0.5]))
        label = "Row: s1" if row == 0 else "Row: s2"
        return PointSolution(
            ("Row", "Column"), (("s1", "s2"), ("t1", "t2")), ((row, label, profile, np.array([max(a, 1) / 2, 0.5])),)
        )


# ---------------------------------------------------------------------- a closed-form model, through every tool
def test_a_custom_model_implements_the_protocol_and_passes_through_as_model() -> None:
    model = Cutoff()
    assert isinstance(model, AnalysisModel)
    assert as_model(model) is model


def test_sweep_of_a_custom_model() -> None:
    result = sweep(Cutoff(), {"R": [1, 2, 3]}, fixed={"c": 2})
    assert result.regime_labels().tolist() == [
        "US: Restrain; Militia: Attack",
        "US: Strike; Militia: Attack | US: Restrain; Militia: Attack",
        "US: Strike; Militia: Attack",
    ]
    assert result.outcome(Payoff("US"), selection=MaxOutcome()).tolist() == [-1.0, -2.0, -2.0]
    assert result.game is None
    assert result.tolerance == 1e-9


def test_regime_map_of_a_custom_model_draws_its_exact_boundary() -> None:
    result = regime_map(Cutoff(), x=("R", [1, 2, 3]), y=("c", [0.5, 2.5]))
    assert [str(b.expression) for b in result.boundaries] == ["R - c"]
    assert result.regime_at(3, 0.5) == "US: Strike; Militia: Attack"
    assert result.regime_at(1, 2.5) == "US: Restrain; Militia: Attack"


def test_thresholds_of_a_custom_model() -> None:
    (found,) = thresholds(Cutoff(), "R", fixed={"c": 2})
    assert found.value == 2
    assert found.below == ("US: Restrain; Militia: Attack",)
    assert found.above == ("US: Strike; Militia: Attack",)


def test_tornado_of_a_custom_model() -> None:
    result = tornado(Cutoff(), Payoff("US"), base={"R": 1, "c": 2}, ranges={"R": (0, 3), "c": (1.5, 2.5)}, num=7)
    assert result.parameters == ("R", "c")
    assert result.base_outcome == -1.0
    assert result.bars[0].minimum == -2.0
    assert result.bars[0].maximum == 0.0


def test_monte_carlo_of_a_custom_model() -> None:
    result = monte_carlo(
        Cutoff(),
        {"R": stats.uniform(0, 4)},
        n=2000,
        rng=0,
        fixed={"c": 2},
        outcomes={"strike": Probability("US", "Strike")},
    )
    assert set(result.regime_probability) == {"US: Strike; Militia: Attack", "US: Restrain; Militia: Attack"}
    assert result.regime_probability["US: Strike; Militia: Attack"] == pytest.approx(0.5, abs=0.05)
    assert result.summary["strike"].mean == pytest.approx(0.5, abs=0.05)


def test_a_custom_models_regime_can_be_differentiated() -> None:
    strike, restrain = Cutoff().regimes()
    assert comparative_statics(restrain, "R").payoffs == (-1, 0)
    assert comparative_statics(strike, "R").payoffs == (0, 0)


# ---------------------------------------------------------------------- a point-by-point model
def test_a_point_model_plugs_into_sweep_tornado_and_monte_carlo() -> None:
    model = BestReplyToUniform()
    result = sweep(model, {"a": [0, 2]})
    assert result.branches == ("Row: s1", "Row: s2")
    assert result.regime_labels().tolist() == ["Row: s2", "Row: s1"]
    assert result.tolerance is None
    bars = tornado(model, Payoff("Row"), base={"a": 0}, ranges={"a": (0, 3)}, num=4)
    assert bars.bars[0].maximum == 1.5
    drawn = monte_carlo(model, {"a": lambda rng, n: rng.uniform(0, 2, n)}, n=200, rng=1)
    assert sum(drawn.regime_probability.values()) == pytest.approx(1.0)


def test_a_point_model_runs_on_an_executor() -> None:
    serial = sweep(BestReplyToUniform(), {"a": [0, 1, 2, 3]})
    with ThreadPoolExecutor(max_workers=2) as executor:
        parallel = sweep(BestReplyToUniform(), {"a": [0, 1, 2, 3]}, executor=executor)
    np.testing.assert_array_equal(serial.holds, parallel.holds)


def test_models_without_formulas_have_no_thresholds_or_regime_maps() -> None:
    with pytest.raises(UnsupportedGameError, match="exact regimes"):
        regime_map(lambda p: None, x=("a", [0, 1]), y=("b", [0, 1]))
    with pytest.raises(UnsupportedGameError, match="exact regimes"):
        thresholds(BestReplyToUniform(), "a", fixed={})
    with pytest.raises(UnsupportedGameError, match="exact regimes"):
        thresholds(lambda p: None, "a", fixed={})


def test_the_fixed_values_reach_every_point() -> None:
    seen: list[dict[str, Any]] = []

    def game(params: dict[str, Any]) -> NormalFormGame:
        seen.append(params)
        return NormalFormGame.from_bimatrix([[params["a"] + params["b"]]], [[0]])

    sweep(game, {"a": [1, 2]}, fixed={"b": 10})
    assert seen == [{"a": 1, "b": 10}, {"a": 2, "b": 10}]


# ---------------------------------------------------------------------- the adapters and the door
def test_as_model_adapts_each_kind_once() -> None:
    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    assert isinstance(as_model(game), NormalFormModel)
    assert isinstance(as_model(stay_or_withdraw()), TreeModel)
    assert isinstance(as_model(lambda p: game), FunctionModel)
    with pytest.raises(UnsupportedGameError, match="AnalysisModel"):
        as_model(42)


def test_a_new_game_class_plugs_in_by_registration() -> None:
    class Coin:
        """A stand-in for a new kind of game."""

    as_model.register(Coin, lambda coin: Cutoff())
    assert isinstance(as_model(Coin()), Cutoff)
    assert sweep(Coin(), {"R": [3]}, fixed={"c": 1}).regime_labels().tolist() == ["US: Strike; Militia: Attack"]


def test_the_adapters_agree_with_the_tools() -> None:
    game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    model = as_model(game).fix({"c": 1})
    evaluation = model.evaluate({"R": np.array([0.5, 2.0])}, (2,))
    result = sweep(game, {"R": [0.5, 2.0]}, fixed={"c": 1})
    assert evaluation.labels == result.branches
    np.testing.assert_array_equal(evaluation.holds, result.holds)
    assert (
        [r.label for r in model.regimes()] == [b.label for b in result.sweep.branches]
        if hasattr(result, "sweep")
        else True
    )


def test_tree_regimes_lay_out_pure_behaviour_and_differentiate() -> None:
    fixed = {"d": 1, "c": 2, "L": 5, "b": 1, "k": 3, "l": 1, "V": 1}
    regimes = as_model(stay_or_withdraw()).fix(fixed).regimes()
    labels = [r.label for r in regimes]
    assert "Militia: Hold" in labels  # tree regimes are labelled by their path of play
    absorb = regimes[labels.index("Militia: Attack; US: Absorb")]
    assert absorb.strategies == (("Retaliate", "Absorb", "Withdraw"), ("Attack", "Hold"))
    assert absorb.profile == ((0, 1, 0), (1, 0))
    assert comparative_statics(absorb, "R").probabilities == ((0, 0, 0), (0, 0))
