"""Uncertain parameters: the probability of each regime and the distribution of outcomes."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory._internal.limits import check_allocation, point_bytes
from gametheory._internal.validation import as_generator, check_tolerance
from gametheory.exceptions import InvalidArgumentError, ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.subgame_perfect import MERGE
from gametheory.sensitivity._engine import (
    as_name,
    optional_module,
    parameter_names,
    regime_codes,
    spelled_as,
    split_parameters,
)
from gametheory.sensitivity.models import AnalysisModel, as_model
from gametheory.sensitivity.regime_map import merge_outcomes
from gametheory.sensitivity.selection import Candidates, outcome_values, select

__all__ = ["MonteCarlo", "OutcomeSummary", "monte_carlo"]


@dataclass(frozen=True)
class OutcomeSummary:
    """Summary statistics of one outcome over the samples where an equilibrium holds.

    Attributes
    ----------
    mean, std : float
        Mean and standard deviation.
    quantiles : mapping
        The 5, 25, 50, 75 and 95 % quantiles, keyed by probability.
    missing : float
        Fraction of samples where no equilibrium holds (outcome NaN).
    """

    mean: float
    std: float
    quantiles: Mapping[float, float]
    missing: float


@dataclass(frozen=True, eq=False)
class MonteCarlo:
    """Equilibria at ``n`` random parameter draws.

    Attributes
    ----------
    n : int
        Number of draws.
    samples : mapping
        Each drawn parameter's ``n`` values.
    fixed : mapping
        The parameters held fixed.
    branches : tuple of str
        Column labels, as in :class:`~gametheory.sensitivity.sweep.Sweep`.
    holds : numpy.ndarray
        Shape ``(n, B)``: where each branch is an equilibrium.
    probabilities : tuple of numpy.ndarray
        One per player, shape ``(n, B, n_i)``, NaN where the branch does not hold.
    payoffs : numpy.ndarray
        Shape ``(n, B, N)``.
    regime : numpy.ndarray
        Shape ``(n,)``: the regime code of each draw.
    regimes : tuple of str
        Label of each regime code.
    regime_probability : mapping
        From regime label to the fraction of draws in it.
    branch_probability : mapping
        From branch label to the fraction of draws where it is an equilibrium.
    outcomes : mapping
        From outcome name to its ``n`` values (NaN where no equilibrium holds).
    summary : mapping
        From outcome name to its :class:`OutcomeSummary`.
    players, strategies : tuple
        Labels of the game.
    tolerance : float or None
        As :attr:`Sweep.tolerance <gametheory.sensitivity.sweep.Sweep.tolerance>`.
    """

    n: int
    samples: Mapping[str, np.ndarray]
    fixed: Mapping[str, Any]
    branches: tuple[str, ...]
    holds: np.ndarray
    probabilities: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    regime: np.ndarray
    regimes: tuple[str, ...]
    regime_probability: Mapping[str, float]
    branch_probability: Mapping[str, float]
    outcomes: Mapping[str, np.ndarray]
    summary: Mapping[str, OutcomeSummary]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    tolerance: float | None = None

    def __repr__(self) -> str:
        shares = ", ".join(f"{label}: {share:.3f}" for label, share in self.regime_probability.items())
        return f"<MonteCarlo of {self.n} draws; regimes {shares}>"

    def to_frame(self) -> Any:
        """A :class:`pandas.DataFrame` with one row per draw: samples, regime and outcomes.

        Raises
        ------
        ImportError
            If pandas is not installed.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a", 0]], [[0, 0]])
        >>> result = monte_carlo(game, {"a": lambda rng, n: rng.normal(size=n)}, n=3, rng=0)
        >>> list(result.to_frame().columns)
        ['a', 'regime']
        """
        pd = optional_module("pandas", "MonteCarlo.to_frame")
        data: dict[str, Any] = dict(self.samples)
        data["regime"] = np.array(self.regimes, dtype=object)[self.regime]
        data.update(self.outcomes)
        return pd.DataFrame(data)


def monte_carlo(
    game: NormalFormGame | ExtensiveFormGame | Callable[[dict[str, Any]], Any] | AnalysisModel,
    distributions: Mapping[Any, Any],
    *,
    n: int,
    rng: np.random.Generator | int | None = None,
    fixed: Mapping[Any, Any] | None = None,
    outcomes: Mapping[str, Any] | None = None,
    selection: Callable[[Candidates], Any] | None = None,
    tol: float | None = None,
    executor: Any = None,
    progress: Callable[..., Iterable[Any]] | None = None,
    merge: str = "none",
) -> MonteCarlo:
    """Draw parameters at random and report the probability of each regime and the outcomes' distribution.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame, callable or AnalysisModel
        What to analyse, as for :func:`~gametheory.sensitivity.sweep.sweep`
        (see :func:`~gametheory.sensitivity.models.as_model`).
    distributions : mapping
        From parameter to a scipy.stats frozen distribution (drawn with
        ``dist.rvs(size=n, random_state=rng)``) or a callable
        ``f(rng, n) -> array`` of ``n`` values. Parameters are drawn in the
        mapping's order from one generator, so a fixed ``rng`` reproduces
        the draws.
    n : int
        Number of draws.
    rng : numpy.random.Generator, int or None
        Source of randomness (``numpy.random.default_rng(rng)``).
    fixed : mapping, optional
        Values of the parameters not drawn.
    outcomes : mapping, optional
        From a name to an outcome (``Payoff``, ``Probability`` or callable)
        to record at each draw.
    selection : rule, optional
        Which equilibrium the outcomes are read from where several hold.
    tol, executor, progress
        As for :func:`~gametheory.sensitivity.sweep.sweep`.
    merge : {"none", "outcome"}
        As for :func:`~gametheory.sensitivity.regime_map.regime_map`:
        ``"outcome"`` counts the regimes of a tree that share a path of play
        (and differ only off it) as one, in :attr:`MonteCarlo.regimes` and
        :attr:`MonteCarlo.regime_probability`; the branches stay as they are.

    Returns
    -------
    MonteCarlo

    Raises
    ------
    ParameterError
        On a bad ``n``, an unknown or missing parameter, or a distribution
        that is not a frozen distribution or callable, or returns values of
        the wrong shape or non-finite values.
    InvalidArgumentError
        If ``merge`` is not one of ``"none"``, ``"outcome"``.
    EquilibriumSelectionError
        If outcomes are requested, several equilibria with different
        outcomes hold at some draw, and no rule was given.
    ResourceLimitError
        If the draws' results would not fit in memory, before drawing them.

    Examples
    --------
    >>> from scipy import stats
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity.selection import Payoff
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> result = monte_carlo(game, {"R": stats.uniform(0, 2)}, n=1000, rng=1, fixed={"c": 1},
    ...                      outcomes={"row payoff": Payoff(0)})
    >>> {k: round(v, 1) for k, v in result.regime_probability.items()}
    {'Player 1: s1; Player 2: s1': 0.5, 'Player 1: s2; Player 2: s1': 0.5}
    >>> round(result.summary["row payoff"].mean, 1)
    -0.8
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ParameterError(f"n must be a positive integer, not {n!r}")
    n = int(n)
    if merge not in MERGE:
        raise InvalidArgumentError(f"merge must be one of {', '.join(map(repr, MERGE))}, not {merge!r}")
    model = as_model(game)
    check_allocation(n * (point_bytes(model.game) + 64), f"a Monte Carlo run of {n:,} draws", hint="draw fewer samples")
    tol = check_tolerance(tol)
    generator = as_generator(rng)
    if not isinstance(distributions, Mapping) or not distributions:
        raise ParameterError("distributions must be a non-empty mapping from parameter to distribution")
    names = spelled_as([as_name(key) for key in distributions], parameter_names(model))
    samples = {name: _draw(name, dist, n, generator) for name, dist in zip(names, distributions.values(), strict=True)}
    fixed_values = split_parameters(parameter_names(model), names, fixed)
    fixed_model = model.fix(fixed_values)
    columns = fixed_model.evaluate(samples, (n,), tol=tol, executor=executor, progress=progress)
    players, strategies = columns.players, columns.strategies
    codes, labels = regime_codes(columns.holds, columns.labels)
    outcome_of = getattr(fixed_model, "outcomes", None)
    if merge == "outcome" and outcome_of is not None:
        codes, labels = merge_outcomes(codes, labels, outcome_of())
    counts = np.bincount(codes, minlength=len(labels))
    recorded = {}
    summaries = {}
    for name, outcome in (outcomes or {}).items():
        values_per_branch = outcome_values(outcome, columns.probabilities, columns.payoffs, players, strategies)
        chosen = select(
            values_per_branch,
            columns.payoffs,
            columns.holds,
            columns.labels,
            selection,
            players,
            describe=lambda i: "draw " + ", ".join(f"{k} = {samples[k][i]:g}" for k in names),
        )
        chosen.flags.writeable = False
        recorded[str(name)] = chosen
        summaries[str(name)] = _summary(chosen)
    for array in (*columns.probabilities, columns.payoffs, columns.holds, codes):
        array.flags.writeable = False
    return MonteCarlo(
        n=n,
        samples=types.MappingProxyType(samples),
        fixed=types.MappingProxyType(dict(fixed_values)),
        branches=columns.labels,
        holds=columns.holds,
        probabilities=columns.probabilities,
        payoffs=columns.payoffs,
        regime=codes,
        regimes=labels,
        regime_probability=types.MappingProxyType({label: float(counts[i] / n) for i, label in enumerate(labels)}),
        branch_probability=types.MappingProxyType(
            {label: float(columns.holds[:, b].mean()) for b, label in enumerate(columns.labels)}
        ),
        outcomes=types.MappingProxyType(recorded),
        summary=types.MappingProxyType(summaries),
        players=players,
        strategies=strategies,
        tolerance=columns.tolerance,
    )


def _draw(name: str, distribution: Any, n: int, generator: np.random.Generator) -> np.ndarray:
    if hasattr(distribution, "rvs"):
        values = distribution.rvs(size=n, random_state=generator)
    elif callable(distribution):
        values = distribution(generator, n)
    else:
        raise ParameterError(
            f"the distribution of {name} must be a scipy.stats frozen distribution or a callable (rng, n) -> array, "
            f"not {type(distribution).__name__}"
        )
    try:
        raw = np.asarray(values)
        if np.iscomplexobj(raw):  # float64 would silently drop the imaginary parts
            raise ParameterError(f"the distribution of {name} returned complex numbers; parameters must be real")
        array = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError) as error:
        if isinstance(error, ParameterError):
            raise
        raise ParameterError(f"the distribution of {name} did not return numbers") from None
    if array.shape != (n,):
        raise ParameterError(f"the distribution of {name} returned shape {array.shape}; expected ({n},)")
    if not np.all(np.isfinite(array)):
        raise ParameterError(f"the distribution of {name} returned non-finite values")
    array.flags.writeable = False
    return array


def _summary(values: np.ndarray) -> OutcomeSummary:
    finite = values[np.isfinite(values)]
    levels = (0.05, 0.25, 0.5, 0.75, 0.95)
    if finite.size == 0:
        nan = float("nan")
        return OutcomeSummary(nan, nan, types.MappingProxyType(dict.fromkeys(levels, nan)), 1.0)
    quantiles = np.quantile(finite, levels)
    return OutcomeSummary(
        mean=float(finite.mean()),
        std=float(finite.std()),
        quantiles=types.MappingProxyType({q: float(v) for q, v in zip(levels, quantiles, strict=True)}),
        missing=1.0 - finite.size / values.size,
    )
