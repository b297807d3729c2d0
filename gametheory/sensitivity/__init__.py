"""Sensitivity analysis: how the equilibria of a parametric game move with its parameters.

Sweeps, regime maps, thresholds, tornado diagrams and Monte Carlo all
analyse an :class:`~gametheory.sensitivity.models.AnalysisModel`, made once
at the door by :func:`~gametheory.sensitivity.models.as_model`: a parametric
game's branch formulas evaluated with numpy, a tree's subgame-perfect
regimes, or a Python function of the parameters solved point by point.
"""

from gametheory.sensitivity.models import (
    AnalysisModel,
    Evaluation,
    FunctionModel,
    LogitLimitModel,
    NormalFormModel,
    PointModel,
    PointSolution,
    QREGrid,
    QREModel,
    Regime,
    TreeModel,
    as_model,
)
from gametheory.sensitivity.monte_carlo import MonteCarlo, OutcomeSummary, monte_carlo
from gametheory.sensitivity.qre_statics import QREStatics, qre_comparative_statics
from gametheory.sensitivity.regime_map import Boundary, RegimeMap, regime_map
from gametheory.sensitivity.selection import (
    BestFor,
    Candidates,
    EquilibriumSelectionError,
    LogitLimit,
    MaxOutcome,
    MinOutcome,
    Payoff,
    Prefer,
    Probability,
)
from gametheory.sensitivity.sweep import Sweep, progress_bar, sweep
from gametheory.sensitivity.thresholds import Threshold, thresholds
from gametheory.sensitivity.tornado import Tornado, TornadoBar, tornado

__all__ = [
    "AnalysisModel",
    "BestFor",
    "Boundary",
    "Candidates",
    "EquilibriumSelectionError",
    "Evaluation",
    "FunctionModel",
    "LogitLimit",
    "LogitLimitModel",
    "MaxOutcome",
    "MinOutcome",
    "MonteCarlo",
    "NormalFormModel",
    "OutcomeSummary",
    "Payoff",
    "PointModel",
    "PointSolution",
    "Prefer",
    "Probability",
    "QREGrid",
    "QREModel",
    "QREStatics",
    "Regime",
    "RegimeMap",
    "Sweep",
    "Threshold",
    "Tornado",
    "TornadoBar",
    "TreeModel",
    "as_model",
    "monte_carlo",
    "progress_bar",
    "qre_comparative_statics",
    "regime_map",
    "sweep",
    "thresholds",
    "tornado",
]
