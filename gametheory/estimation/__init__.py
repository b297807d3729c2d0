"""Fitting games to observed behaviour: maximum-likelihood estimation of the logit QRE.

* :func:`fit_qre` estimates ``lam`` and payoff parameters (optionally linear in
  covariates) from aggregate counts or one row per observed play;
* :class:`QREFit` is its frozen record, with standard errors, intervals and ``summary()``.

Examples
--------
>>> from gametheory import NormalFormGame
>>> from gametheory.estimation import fit_qre
>>> game = NormalFormGame.from_bimatrix([[3, 0], [0, 1]], [[1, 0], [0, 3]])
>>> round(fit_qre(game, ([60, 40], [45, 55])).lam, 3)
0.432
"""

from gametheory.estimation.qre_fit import QREFit, fit_qre

__all__ = ["QREFit", "fit_qre"]
