"""Sensitivity analysis: how the equilibria of a parametric game move with its parameters.

Sweeps, regime maps, tornado diagrams and Monte Carlo all evaluate the
branch formulas of ``parametric_equilibria`` with numpy, or solve point by
point when the game is a Python function of its parameters.
"""

from gametheory.sensitivity.monte_carlo import MonteCarlo, OutcomeSummary, monte_carlo
from gametheory.sensitivity.regime_map import Boundary, RegimeMap, regime_map
from gametheory.sensitivity.selection import (
    BestFor,
    Candidates,
    EquilibriumSelectionError,
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
    "BestFor",
    "Boundary",
    "Candidates",
    "EquilibriumSelectionError",
    "MaxOutcome",
    "MinOutcome",
    "MonteCarlo",
    "OutcomeSummary",
    "Payoff",
    "Prefer",
    "Probability",
    "RegimeMap",
    "Sweep",
    "Threshold",
    "Tornado",
    "TornadoBar",
    "monte_carlo",
    "progress_bar",
    "regime_map",
    "sweep",
    "thresholds",
    "tornado",
]
