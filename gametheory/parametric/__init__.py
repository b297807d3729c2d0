"""Equilibria of parametric games as formulas, with the regions where they hold.

* :func:`parametric_equilibria`: every equilibrium branch of a two-player
  parametric game, as :class:`Branch` records;
* :func:`comparative_statics`: derivatives of a branch's probabilities and
  payoffs with respect to a parameter;
* :func:`perfect_bayesian_regimes`: the pure perfect Bayesian profiles of
  small symbolic trees (signalling games), with beliefs and belief thresholds;
* :func:`full_dimensional`: the branches or regimes that hold on a region
  with volume, without those that need a tie such as ``R = c``.
"""

from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.parametric.perfect_bayesian import PerfectBayesianRegime, perfect_bayesian_regimes
from gametheory.parametric.regions import full_dimensional
from gametheory.parametric.results import Branch, NumericBranch
from gametheory.parametric.statics import ComparativeStatics, comparative_statics
from gametheory.parametric.subgame_perfect import SubgamePerfectRegime, subgame_perfect_regimes

__all__ = [
    "Branch",
    "ComparativeStatics",
    "NumericBranch",
    "PerfectBayesianRegime",
    "SubgamePerfectRegime",
    "comparative_statics",
    "full_dimensional",
    "parametric_equilibria",
    "perfect_bayesian_regimes",
    "subgame_perfect_regimes",
]
