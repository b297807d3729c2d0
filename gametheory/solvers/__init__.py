"""Solvers: plain functions that take a game first and return frozen records."""

from gametheory.solvers.bayesian import BayesianEquilibrium, bayesian_equilibria
from gametheory.solvers.behavior import BehaviorEquilibrium, beliefs, tree_equilibria
from gametheory.solvers.components import equilibrium_components
from gametheory.solvers.dominance import DominanceResult, DominatedStrategy, dominated_strategies, iterated_dominance
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.lemke_howson import lemke_howson
from gametheory.solvers.n_player import ContinuumWarning, n_player_equilibria
from gametheory.solvers.path_following import find_equilibrium
from gametheory.solvers.perfect_bayesian import (
    BeliefRegion,
    PerfectBayesianEquilibrium,
    is_bayes_consistent,
    is_sequentially_rational,
    perfect_bayesian_equilibria,
)
from gametheory.solvers.pure import pure_equilibria
from gametheory.solvers.qre import QREPath, QuantalResponseEquilibrium, logit_qre, qre_path, qre_residual
from gametheory.solvers.results import Clique, Component, Equilibrium
from gametheory.solvers.sequence_form import (
    SequenceForm,
    TreeZeroSumSolution,
    lemke_howson_tree,
    sequence_form,
    sequence_form_regret,
    solve_zero_sum_tree,
)
from gametheory.solvers.signalling import RefinementResult, satisfies_d1, satisfies_intuitive_criterion
from gametheory.solvers.subgame_perfect import (
    DecisionTreeSolution,
    SubgamePerfectEquilibrium,
    solve_decision_tree,
    subgame_perfect_equilibria,
)
from gametheory.solvers.verify import is_nash, regret
from gametheory.solvers.zero_sum import ZeroSumSolution, solve_zero_sum

# Registers the tree solvers of the sequence form with solve_zero_sum and lemke_howson.
from gametheory.solvers import _sequence_dispatch  # noqa: F401  isort: skip

__all__ = [
    "BayesianEquilibrium",
    "BehaviorEquilibrium",
    "BeliefRegion",
    "Clique",
    "Component",
    "ContinuumWarning",
    "DecisionTreeSolution",
    "DominanceResult",
    "DominatedStrategy",
    "Equilibrium",
    "PerfectBayesianEquilibrium",
    "QREPath",
    "QuantalResponseEquilibrium",
    "RefinementResult",
    "SequenceForm",
    "SubgamePerfectEquilibrium",
    "TreeZeroSumSolution",
    "ZeroSumSolution",
    "bayesian_equilibria",
    "beliefs",
    "dominated_strategies",
    "equilibrium_components",
    "find_equilibrium",
    "is_bayes_consistent",
    "is_nash",
    "is_sequentially_rational",
    "iterated_dominance",
    "lemke_howson",
    "lemke_howson_tree",
    "logit_qre",
    "n_player_equilibria",
    "nash_equilibria",
    "perfect_bayesian_equilibria",
    "pure_equilibria",
    "qre_path",
    "qre_residual",
    "regret",
    "satisfies_d1",
    "satisfies_intuitive_criterion",
    "sequence_form",
    "sequence_form_regret",
    "solve_decision_tree",
    "solve_zero_sum",
    "solve_zero_sum_tree",
    "subgame_perfect_equilibria",
    "tree_equilibria",
]
