"""Plots (matplotlib is imported only when a plot is drawn): every function takes ``ax=`` and returns the Axes.

Without ``ax``, each function draws on a new :class:`matplotlib.figure.Figure`
(never pyplot's global state); reach it with ``ax.figure``.
"""

from gametheory.plot.dynamics import plot_phase, plot_trajectory
from gametheory.plot.matrix import plot_best_responses, plot_payoff_matrix
from gametheory.plot.monte_carlo import plot_monte_carlo
from gametheory.plot.qre import plot_qre_path, plot_qre_probabilities
from gametheory.plot.repeated import plot_match, plot_match_payoffs
from gametheory.plot.sensitivity import plot_equilibrium_path, plot_regime_map, plot_tornado
from gametheory.plot.tree import plot_tree

__all__ = [
    "plot_best_responses",
    "plot_equilibrium_path",
    "plot_match",
    "plot_match_payoffs",
    "plot_monte_carlo",
    "plot_payoff_matrix",
    "plot_phase",
    "plot_qre_path",
    "plot_qre_probabilities",
    "plot_regime_map",
    "plot_tornado",
    "plot_trajectory",
    "plot_tree",
]
