"""Solvers: plain functions that take a game first and return frozen records."""

from gametheory.solvers.bayesian import BayesianEquilibrium, bayesian_equilibria
from gametheory.solvers.behavior import BehaviorEquilibrium, beliefs, tree_equilibria
from gametheory.solvers.components import equilibrium_components
from gametheory.solvers.dominance import DominanceResult, DominatedStrategy, dominated_strategies, iterated_dominance
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.lemke_howson import lemke_howson
from gametheory.solvers.n_player import ContinuumWarning, n_player_equilibria
from gametheory.solvers.pure import pure_equilibria
from gametheory.solvers.results import Clique, Component, Equilibrium
from gametheory.solvers.subgame_perfect import (
    DecisionTreeSolution,
    SubgamePerfectEquilibrium,
    solve_decision_tree,
    subgame_perfect_equilibria,
)
from gametheory.solvers.verify import is_nash, regret
from gametheory.solvers.zero_sum import ZeroSumSolution, solve_zero_sum

__all__ = [
    "BayesianEquilibrium",
    "BehaviorEquilibrium",
    "Clique",
    "Component",
    "ContinuumWarning",
    "DecisionTreeSolution",
    "DominanceResult",
    "DominatedStrategy",
    "Equilibrium",
    "SubgamePerfectEquilibrium",
    "ZeroSumSolution",
    "bayesian_equilibria",
    "beliefs",
    "dominated_strategies",
    "equilibrium_components",
    "is_nash",
    "iterated_dominance",
    "lemke_howson",
    "n_player_equilibria",
    "nash_equilibria",
    "pure_equilibria",
    "regret",
    "solve_decision_tree",
    "solve_zero_sum",
    "subgame_perfect_equilibria",
    "tree_equilibria",
]
