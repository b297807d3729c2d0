"""gametheory: model strategic dilemmas as games, solve them exactly, and see how equilibria move.

The top level holds the games, the solvers and the parametric analysis.
Subpackages group the rest: :mod:`gametheory.sensitivity` (thresholds,
sweeps, regime maps, tornado, Monte Carlo), :mod:`gametheory.repeated`,
:mod:`gametheory.dynamics`, :mod:`gametheory.io` (Gambit and JSON files),
:mod:`gametheory.scenarios` (the seed article's models), and, imported
separately, :mod:`gametheory.plot` (matplotlib), :mod:`gametheory.testing`
and :mod:`gametheory.strategies` (Hypothesis).

Examples
--------
>>> import gametheory as gt
>>> game = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> [str(eq) for eq in gt.nash_equilibria(game)]
['Player 1: s2; Player 2: s2; payoffs 1, 1']
"""

from gametheory import dynamics, exceptions, io, parametric, repeated, scenarios, sensitivity
from gametheory._internal.caches import clear_caches
from gametheory.exceptions import (
    ContinuumWarning,
    EquilibriumSelectionError,
    ExpressionError,
    GameTheoryError,
    GameTheoryWarning,
    InvalidArgumentError,
    InvalidGameError,
    InvalidPayoffError,
    InvalidProfileError,
    ParameterError,
    ParseError,
    ResourceLimitError,
    SolverError,
    UnprovedClaimWarning,
    UnsupportedGameError,
)
from gametheory.games import (
    BayesianGame,
    ExtensiveFormGame,
    NormalFormGame,
    Profile,
    chance,
    decision,
    parameter,
    parse_expression,
    terminal,
    to_normal_form,
)
from gametheory.parametric import (
    Branch,
    ComparativeStatics,
    SubgamePerfectRegime,
    comparative_statics,
    parametric_equilibria,
    subgame_perfect_regimes,
)
from gametheory.solvers import (
    BayesianEquilibrium,
    BehaviorEquilibrium,
    Clique,
    Component,
    DecisionTreeSolution,
    DominanceResult,
    Equilibrium,
    SubgamePerfectEquilibrium,
    ZeroSumSolution,
    bayesian_equilibria,
    equilibrium_components,
    is_nash,
    iterated_dominance,
    lemke_howson,
    n_player_equilibria,
    nash_equilibria,
    pure_equilibria,
    regret,
    solve_decision_tree,
    solve_zero_sum,
    subgame_perfect_equilibria,
    tree_equilibria,
)

__version__ = "0.1.0"

__all__ = [
    "BayesianEquilibrium",
    "BayesianGame",
    "BehaviorEquilibrium",
    "Branch",
    "Clique",
    "ComparativeStatics",
    "Component",
    "ContinuumWarning",
    "DecisionTreeSolution",
    "DominanceResult",
    "Equilibrium",
    "EquilibriumSelectionError",
    "ExpressionError",
    "ExtensiveFormGame",
    "GameTheoryError",
    "GameTheoryWarning",
    "InvalidArgumentError",
    "InvalidGameError",
    "InvalidPayoffError",
    "InvalidProfileError",
    "NormalFormGame",
    "ParameterError",
    "ParseError",
    "Profile",
    "ResourceLimitError",
    "SolverError",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectRegime",
    "UnprovedClaimWarning",
    "UnsupportedGameError",
    "ZeroSumSolution",
    "__version__",
    "bayesian_equilibria",
    "chance",
    "clear_caches",
    "comparative_statics",
    "decision",
    "dynamics",
    "equilibrium_components",
    "exceptions",
    "io",
    "is_nash",
    "iterated_dominance",
    "lemke_howson",
    "n_player_equilibria",
    "nash_equilibria",
    "parameter",
    "parametric",
    "parametric_equilibria",
    "parse_expression",
    "pure_equilibria",
    "regret",
    "repeated",
    "scenarios",
    "sensitivity",
    "solve_decision_tree",
    "solve_zero_sum",
    "subgame_perfect_equilibria",
    "subgame_perfect_regimes",
    "terminal",
    "to_normal_form",
    "tree_equilibria",
]
