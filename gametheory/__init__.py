"""gametheory: model strategic dilemmas as games, solve them exactly, and see how equilibria move.

The top level holds the games, the solvers and the parametric analysis.
Subpackages group the rest: :mod:`gametheory.sensitivity` (thresholds,
sweeps, regime maps, tornado, Monte Carlo), :mod:`gametheory.repeated`,
:mod:`gametheory.dynamics`, :mod:`gametheory.io` (Gambit and JSON files),
:mod:`gametheory.scenarios` (the seed article's models), and, imported
separately, :mod:`gametheory.plot` (matplotlib), :mod:`gametheory.testing`
and :mod:`gametheory.strategies` (Hypothesis).

``import gametheory`` loads the games and the solvers; the parametric layer
and the subpackages load on first use (``gametheory.sensitivity``,
``gametheory.parametric_equilibria``), so a script that only solves games
does not pay for them.

Examples
--------
>>> import gametheory as gt
>>> game = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> [str(eq) for eq in gt.nash_equilibria(game)]
['Player 1: s2; Player 2: s2; payoffs 1, 1']
"""

import importlib
from typing import TYPE_CHECKING, Any

from gametheory import exceptions
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
from gametheory.solvers import (
    BayesianEquilibrium,
    BehaviorEquilibrium,
    BeliefRegion,
    Clique,
    Component,
    DecisionTreeSolution,
    DominanceResult,
    Equilibrium,
    PerfectBayesianEquilibrium,
    QREPath,
    QuantalResponseEquilibrium,
    RefinementResult,
    SequenceForm,
    SubgamePerfectEquilibrium,
    ZeroSumSolution,
    bayesian_equilibria,
    equilibrium_components,
    find_equilibrium,
    is_bayes_consistent,
    is_nash,
    is_sequentially_rational,
    iterated_dominance,
    lemke_howson,
    logit_qre,
    n_player_equilibria,
    nash_equilibria,
    perfect_bayesian_equilibria,
    pure_equilibria,
    qre_path,
    qre_residual,
    regret,
    satisfies_d1,
    satisfies_intuitive_criterion,
    sequence_form,
    sequence_form_regret,
    solve_decision_tree,
    solve_zero_sum,
    subgame_perfect_equilibria,
    tree_equilibria,
)

# Loaded on first use (PEP 562, as in SciPy's SPEC 1): ``import gametheory`` brings the games and the
# solvers; the parametric layer, the analyses, the files and the scenarios load when first touched.
_SUBPACKAGES = frozenset({"dynamics", "estimation", "io", "parametric", "repeated", "scenarios", "sensitivity"})
_LAZY_NAMES = {
    "Branch": "gametheory.parametric",
    "ComparativeStatics": "gametheory.parametric",
    "PerfectBayesianRegime": "gametheory.parametric",
    "SubgamePerfectRegime": "gametheory.parametric",
    "comparative_statics": "gametheory.parametric",
    "parametric_equilibria": "gametheory.parametric",
    "perfect_bayesian_regimes": "gametheory.parametric",
    "subgame_perfect_regimes": "gametheory.parametric",
    "QREFit": "gametheory.estimation",
    "fit_qre": "gametheory.estimation",
}

if TYPE_CHECKING:
    from gametheory import dynamics, estimation, io, parametric, repeated, scenarios, sensitivity
    from gametheory.estimation import QREFit, fit_qre
    from gametheory.parametric import (
        Branch,
        ComparativeStatics,
        PerfectBayesianRegime,
        SubgamePerfectRegime,
        comparative_statics,
        parametric_equilibria,
        perfect_bayesian_regimes,
        subgame_perfect_regimes,
    )


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"gametheory.{name}")
    module = _LAZY_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'gametheory' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__version__ = "0.1.0"

__all__ = [
    "BayesianEquilibrium",
    "BayesianGame",
    "BehaviorEquilibrium",
    "BeliefRegion",
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
    "PerfectBayesianEquilibrium",
    "PerfectBayesianRegime",
    "Profile",
    "QREFit",
    "QREPath",
    "QuantalResponseEquilibrium",
    "RefinementResult",
    "ResourceLimitError",
    "SequenceForm",
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
    "estimation",
    "exceptions",
    "find_equilibrium",
    "fit_qre",
    "io",
    "is_bayes_consistent",
    "is_nash",
    "is_sequentially_rational",
    "iterated_dominance",
    "lemke_howson",
    "logit_qre",
    "n_player_equilibria",
    "nash_equilibria",
    "parameter",
    "parametric",
    "parametric_equilibria",
    "parse_expression",
    "perfect_bayesian_equilibria",
    "perfect_bayesian_regimes",
    "pure_equilibria",
    "qre_path",
    "qre_residual",
    "regret",
    "repeated",
    "satisfies_d1",
    "satisfies_intuitive_criterion",
    "scenarios",
    "sensitivity",
    "sequence_form",
    "sequence_form_regret",
    "solve_decision_tree",
    "solve_zero_sum",
    "subgame_perfect_equilibria",
    "subgame_perfect_regimes",
    "terminal",
    "to_normal_form",
    "tree_equilibria",
]
