"""Maximum-likelihood estimation of the logit QRE: :func:`fit_qre` and its record :class:`QREFit`.

The model: each observed play is a draw from the logit QRE (principal branch,
see :func:`gametheory.solvers.qre.logit_qre`; for a tree its agent form) of a game at
precision ``lam`` and payoff parameters ``phi``; with covariates each ``phi``
is linear in them, ``phi_i = b0 + b1 * x_i + ...`` (the strategic logit of
Signorino 1999). The log-likelihood is ``sum n_k log p_k`` (without the
multinomial constant), maximised by L-BFGS-B with ``lam >= 0``.

The gradient is exact: ``dp/dtheta = -J_p^{-1} J_theta`` from the logit
fixed point (implicit differentiation, one adjoint solve per covariate
group), not finite differences along a path. Each evaluation continues the
previous solution (at first the centroid at ``lam = 0``) along the straight
segment in ``(lam, payoffs)``, rejecting any step where the sign of
``det J_p`` differs from its sign at ``lam = 0`` (which would mean a fold was
passed onto another branch); when continuation fails the point is re-solved by
tracing the principal branch from ``lam = 0``. Standard errors come from the
observed information, the central differences of the analytic gradient.

What is not identified, and raises :class:`~gametheory.exceptions.ParameterError`:
``lam`` together with a parameter that scales all of a player's payoff
differences (only their product matters); any set of parameters along which
``lam`` times the payoff differences do not change; a parameter absent from
the payoffs; collinear covariates (a constant column with ``"const"``); more
parameters than independent choice frequencies in aggregate data; and data
in which each player always chose the same strategy (``lam`` would be infinite).
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from gametheory._internal.limits import time_limit_scope
from gametheory._internal.validation import as_generator
from gametheory.estimation import _qre_data as data_
from gametheory.estimation import _qre_optimize as opt
from gametheory.estimation._qre_checks import check_identified, check_options, reduce_game
from gametheory.estimation._qre_kernel import LogitKernel
from gametheory.estimation._qre_model import Likelihood, PayoffModel
from gametheory.estimation._qre_record import covariance as covariance_
from gametheory.estimation._qre_record import frozen, record
from gametheory.estimation._qre_report import html_table, text_table
from gametheory.estimation._qre_tree import TreeKernel, terminal_payoffs
from gametheory.estimation._qre_tree_fit import TreeLikelihood, rename_sets, set_labels, set_names, tree_record
from gametheory.exceptions import ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.qre import QuantalResponseEquilibrium

__all__ = ["QREFit", "fit_qre"]

#: ``lam`` times the payoff range may not exceed this: beyond it play is exact to float precision.
LAM_RANGE_CAP = 1e3


@dataclass(frozen=True, eq=False)
class QREFit:
    """A maximum-likelihood fit of the logit QRE.

    Attributes
    ----------
    lam : float
        The estimated precision.
    estimates : mapping of str to float
        Every estimate: ``"lam"`` first, then the payoff parameters (``"R"``)
        or their covariate coefficients (``"R:const"``, ``"R:troops"``).
    standard_errors : mapping of str to float
        From the observed information (NaN if it is not positive definite).
    confidence_intervals : mapping of str to tuple of float
        ``(low, high)`` at ``level``, by the method ``interval``. Wald
        intervals are truncated at ``lam = 0`` (``lam >= 0``). A profile
        interval whose end was not reached within the search range (see
        :func:`fit_qre`) ends at the range's end, flagged in ``open_ends``.
    level : float
        Coverage of the intervals.
    interval : str
        ``"wald"``, ``"profile"`` or ``"bootstrap"``.
    covariance : numpy.ndarray
        Inverse observed information, in the order of ``estimates``.
    log_likelihood : float
        ``sum n_k log p_k`` at the estimates (no multinomial constant).
    n_observations : int
        Number of observed plays.
    profile : tuple of numpy.ndarray
        Fitted choice probabilities per player (per information set for a tree): shape ``(n_i,)`` for
        aggregate counts, ``(rows, n_i)`` (one row per observation) for a DataFrame.
    qre : QuantalResponseEquilibrium or None
        The fitted QRE of the game at the estimates (aggregate counts only).
    success : bool
        Whether the optimiser converged.
    message : str
        The optimiser's message.
    nit : int
        Its number of iterations.
    players : tuple of str
        Player names.
    strategies : tuple of tuple of str
        Strategy labels (for a tree, the actions of each information set).
    fixed : mapping of str to float
        The payoff parameters held fixed.
    open_ends : mapping of str to tuple of bool
        For profile intervals, ``(low_open, high_open)``: ``True`` where the
        log-likelihood did not drop by ``chi2(1).ppf(level) / 2`` within the
        search range, so the data do not bound the parameter on that side
        and the reported end is only the search limit (``summary()`` says
        so). All ``False`` for the other methods.
    information_sets : tuple of str
        For a tree, the names of its information sets, the order of
        ``profile`` and ``strategies``; empty for a normal-form game.
    """

    lam: float
    estimates: Mapping[str, float]
    standard_errors: Mapping[str, float]
    confidence_intervals: Mapping[str, tuple[float, float]]
    level: float
    interval: str
    covariance: np.ndarray
    log_likelihood: float
    n_observations: int
    profile: tuple[np.ndarray, ...]
    qre: QuantalResponseEquilibrium | None
    success: bool
    message: str
    nit: int
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    fixed: Mapping[str, float]
    open_ends: Mapping[str, tuple[bool, bool]] = field(default_factory=lambda: MappingProxyType({}))
    information_sets: tuple[str, ...] = ()

    def summary(self) -> str:
        """A table of the estimates in the style of statsmodels: coef, std err, z, P>|z| and the interval.

        Examples
        --------
        >>> from gametheory import NormalFormGame, fit_qre
        >>> game = NormalFormGame.from_bimatrix([[3, 0], [0, 1]], [[1, 0], [0, 3]])
        >>> table = fit_qre(game, ([60, 40], [45, 55])).summary()
        >>> table.splitlines()[6].split()
        ['coef', 'std', 'err', 'z', 'P>|z|', '[0.025', '0.975]']
        >>> table.splitlines()[8].split()[0]
        'lam'
        """
        return text_table(self)

    def _repr_html_(self) -> str:
        return html_table(self)

    def __repr__(self) -> str:
        values = ", ".join(f"{k}={v:.4g}" for k, v in self.estimates.items())
        return f"QREFit({values}, log_likelihood={self.log_likelihood:.4f}, n_observations={self.n_observations})"


def fit_qre(
    game: NormalFormGame | ExtensiveFormGame,
    data: Any,
    *,
    parameters: Any = (),
    fixed: Mapping[Any, Any] | None = None,
    start: Mapping[str, float] | None = None,
    interval: str = "wald",
    level: float = 0.95,
    n_bootstrap: int = 200,
    rng: Any = None,
    time_limit: float | None = None,
) -> QREFit:
    """Fit the logit QRE of ``game`` to observed play by maximum likelihood.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A game with any number of players; numeric, or parametric with every
        parameter either estimated (``parameters``) or ``fixed``. A tree
        (with perfect recall and numeric chance probabilities) is fitted by
        its agent-form logit QRE, as :func:`~gametheory.solvers.qre.logit_qre`
        computes it: each information set chooses by the logit rule in ``lam``
        times its actions' expected continuation payoffs, given the later
        sets' QRE choices and beliefs from Bayes' rule. On a tree of perfect
        information this is statistical backwards induction (Signorino 1999).
        The gradient is exact, by implicit differentiation of the agent-QRE
        fixed point.
    data : sequence, mapping or pandas.DataFrame
        Aggregate counts: one array of counts per player (a sequence in the
        order of ``game.players``, or a mapping from player name to counts;
        counts may also be a mapping from strategy label to count; a player
        left out of a mapping is unobserved). Or a DataFrame with one row per
        observed play, a column named after each observed player holding the
        chosen strategy's label, and the covariate columns. For a tree, the
        same with information sets in place of players: counts of each action
        at each set (over the plays that reached it), the sets named by
        :func:`~gametheory.solvers.behavior.infoset_name` (the player's name
        when it has one set) or by their label or key; a DataFrame's column
        for a set holds the action chosen there, missing (``None`` or NaN)
        where the play did not reach it.
    parameters : sequence of str or mapping, optional
        Payoff parameters to estimate: names (``("R",)``), or a mapping from
        name to covariate columns (``{"R": ["const", "troops"]}``, meaning
        ``R = b0 + b1 * troops`` row by row; ``"const"`` is the intercept).
    fixed : mapping, optional
        Values of the game's other parameters.
    start : mapping of str to float, optional
        Starting values by estimate name; the default is 0 for coefficients
        and, for ``lam``, the best point of a grid followed up from ``lam = 0``.
    interval : {"wald", "profile", "bootstrap"}, optional
        Confidence intervals: Wald (from the standard errors; for ``lam``
        truncated at 0, since ``lam >= 0``), profile likelihood, or
        parametric-bootstrap percentiles. A profile interval's ends are where
        ``2 (loglik_max - loglik_profile)`` reaches ``chi2(1).ppf(level)``,
        found by :func:`scipy.optimize.brentq` after stepping outward from
        the estimate (re-maximising the other parameters at each step, from
        the previous step's values). They are searched for within the
        admissible range, ``[0, lam_max]`` for ``lam`` (``lam_max`` times the
        payoff range is 1000) and 50 standard errors either side of the
        estimate for a payoff parameter (50 times ``max(1, |estimate|)``
        without a standard error); the other parameters are kept within
        these ranges while profiling. An end not reached there is reported
        at the range's end and flagged in :attr:`QREFit.open_ends`.
    level : float, optional
        Their coverage, in (0, 1).
    n_bootstrap : int, optional
        Replicates of the bootstrap.
    rng : numpy.random.Generator, int or None, optional
        Randomness of the bootstrap.
    time_limit : float, optional
        Seconds after which to stop with :class:`~gametheory.exceptions.ResourceLimitError`.

    Returns
    -------
    QREFit

    Raises
    ------
    InvalidArgumentError
        On bad data (wrong length, negative or fractional counts, unknown
        labels or columns, missing covariate values, no observations) or options.
    ResourceLimitError
        If ``time_limit`` runs out.
    ParameterError
        On unknown, missing or doubly given parameters, or an estimate that is not identified.
    UnsupportedGameError
        If ``game`` is not a game, or is a tree without perfect recall.

    Examples
    --------
    >>> from gametheory import NormalFormGame, fit_qre
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [0, 1]], [[1, 0], [0, 3]])
    >>> fit = fit_qre(game, ([60, 40], [45, 55]))
    >>> round(fit.lam, 3), fit.n_observations
    (0.432, 100)
    >>> [round(float(p), 3) for p in fit.profile[0]]
    [0.575, 0.425]

    With a payoff parameter of the strike-or-restrain scenario:

    >>> from gametheory.scenarios import strike_or_restrain
    >>> game = strike_or_restrain()
    >>> fixed = {"c": 1, "d": 2, "b": 1, "k": 3, "l": 0.5}
    >>> fit = fit_qre(game, {"US": [30, 70], "Militia": [55, 45]}, parameters=["R"], fixed=fixed)
    >>> sorted(fit.estimates)
    ['R', 'lam']

    A tree: the militia attacks or holds; after an attack the US retaliates,
    absorbs or withdraws (counts of the US's answers to 300 attacks):

    >>> from gametheory.scenarios import stay_or_withdraw
    >>> fixed = {"c": 1, "d": 2, "b": 1, "k": 3, "l": 0.5, "L": 3, "V": 2}
    >>> counts = {"Militia": [300, 100], "US": [135, 30, 135]}
    >>> fit = fit_qre(stay_or_withdraw(), counts, parameters=["R"], fixed=fixed)
    >>> fit.information_sets
    ('Militia', 'US')
    >>> round(fit.lam, 2), round(fit.estimates["R"], 2)
    (1.42, 2.06)
    """
    interval, level, n_bootstrap = check_options(interval, level, n_bootstrap)
    with time_limit_scope(time_limit, "fit_qre"):
        generator = as_generator(rng)
        spec = data_.coerce_spec(parameters)
        reduced, symbols, fixed_values = reduce_game(game, spec, fixed)
        lik, frame, kernel, strategies = _setup(game, reduced, symbols, data, spec)
        names = ["lam", *spec.names]
        beta = np.array([_start(start, name, 0.0) for name in spec.names])
        check_identified(lik, frame, names, beta)
        spread = float(np.ptp(lik.model.payoffs(lik.phi(np.concatenate([[1.0], beta])))))
        spread = spread if spread > 0 else 1.0
        lam_max = LAM_RANGE_CAP / spread
        bounds: list[tuple[float | None, float | None]] = [(0.0, lam_max)] + [(None, None)] * len(beta)
        if start is not None and "lam" in start:
            theta0 = np.concatenate([[_start(start, "lam", 0.0)], beta])
        else:
            theta0 = opt.start_values(lik, beta, spread, lam_max)
        best = opt.maximise(lik, theta0, bounds)
        if best.theta[0] >= 0.999 * lam_max:
            raise ParameterError(
                f"lam diverges (it reached its bound {lam_max:.4g}): the data are fitted best by exact best "
                "responses, so lam is not identified; fix a payoff parameter differently or add data"
            )
        info = opt.information(lik, best.theta, bounds)
        covariance, errors = covariance_(info, names)
        open_ends = np.zeros((len(names), 2), dtype=bool)
        if interval == "wald":
            ci = opt.wald(best.theta, errors, level, bounds)
        elif interval == "profile":
            ci, open_ends = opt.profile(lik, best, errors, level, bounds)
        else:
            ci = opt.bootstrap(lik, best, frame.totals, kernel.sizes, level, bounds, generator, n_bootstrap)
    p = lik.probabilities(best.theta)
    blocks = kernel.blocks(p if frame.groups is None else p[frame.groups])
    profile = tuple(frozen(b[0] if frame.groups is None else b) for b in blocks)
    qre = None
    if frame.groups is None and isinstance(kernel, TreeKernel):
        u = lik.model.payoffs(lik.phi(best.theta))
        qre = tree_record(reduced, symbols, best.theta, kernel, u, np.log(p), profile)
    elif frame.groups is None:
        qre = record(reduced, symbols, best.theta, profile)
    return QREFit(
        lam=float(best.theta[0]),
        estimates=MappingProxyType({n: float(v) for n, v in zip(names, best.theta, strict=True)}),
        standard_errors=MappingProxyType({n: float(v) for n, v in zip(names, errors, strict=True)}),
        confidence_intervals=MappingProxyType({n: (float(a), float(b)) for n, (a, b) in zip(names, ci, strict=True)}),
        level=level,
        interval=interval,
        covariance=frozen(covariance),
        log_likelihood=float(best.loglik),
        n_observations=frame.n_observations,
        profile=profile,
        qre=qre,
        success=best.success,
        message=best.message,
        nit=best.nit,
        players=game.players,
        strategies=strategies,
        fixed=MappingProxyType(fixed_values),
        open_ends=MappingProxyType({n: (bool(a), bool(b)) for n, (a, b) in zip(names, open_ends, strict=True)}),
        information_sets=set_names(game) if isinstance(game, ExtensiveFormGame) else (),
    )


def _setup(
    game: Any, reduced: Any, symbols: list[Any], data: Any, spec: data_.Spec
) -> tuple[Likelihood, data_.Data, LogitKernel, tuple[tuple[str, ...], ...]]:
    """The likelihood, the coerced data, the kernel and the labels of each profile vector."""
    if isinstance(game, ExtensiveFormGame):
        tree_kernel = TreeKernel(reduced)
        labels = set_labels(game)
        frame = data_.coerce_data(rename_sets(game, data), set_names(game), labels, spec, tree=True)
        model = PayoffModel(terminal_payoffs(reduced), symbols)
        lik: Likelihood = TreeLikelihood(tree_kernel, model, data_.design(spec, frame), frame.counts, reduced, symbols)
        return lik, frame, tree_kernel, labels
    frame = data_.coerce_data(data, game.players, game.strategies, spec)
    kernel = LogitKernel(game.shape)
    lik = Likelihood(kernel, PayoffModel(reduced.payoffs, symbols), data_.design(spec, frame), frame.counts)
    return lik, frame, kernel, game.strategies


def _start(start: Mapping[str, float] | None, name: str, default: float) -> float:
    if start is None or name not in start:
        return default
    value = start[name]
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(float(value)):
        raise ParameterError(f"start[{name!r}] must be a finite real number, not {value!r}")
    if name == "lam" and value < 0:
        raise ParameterError(f"start['lam'] must be >= 0, not {value!r}")
    return float(value)
