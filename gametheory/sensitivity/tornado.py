"""One-way sensitivity of a scalar equilibrium outcome: the tornado diagram's data."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory._internal.validation import check_tolerance
from gametheory.exceptions import ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity._engine import as_name, check_number
from gametheory.sensitivity.models import AnalysisModel, as_model
from gametheory.sensitivity.selection import Candidates
from gametheory.sensitivity.sweep import sweep

__all__ = ["Tornado", "TornadoBar", "tornado"]


@dataclass(frozen=True, eq=False)
class TornadoBar:
    """How the outcome moves as one parameter runs over its range, the others at base.

    Attributes
    ----------
    parameter : str
        The parameter varied.
    low, high : float
        Ends of its range.
    outcome_low, outcome_high : float
        The outcome at ``low`` and at ``high``.
    minimum, maximum : float
        Smallest and largest outcome seen over the range (they differ from
        the ends when the outcome is not monotone).
    swing : float
        ``maximum - minimum``: the bar's length, used to sort the bars.
    monotone : bool
        Whether the outcome is monotone (never both rises and falls) over
        the sampled range.
    values, outcomes : numpy.ndarray
        The sampled parameter values and the outcome at each.
    """

    parameter: str
    low: float
    high: float
    outcome_low: float
    outcome_high: float
    minimum: float
    maximum: float
    swing: float
    monotone: bool
    values: np.ndarray
    outcomes: np.ndarray


@dataclass(frozen=True, eq=False)
class Tornado:
    """One-way sensitivities of an outcome, sorted by swing (largest first).

    Attributes
    ----------
    outcome : object
        The outcome analysed (e.g. ``Payoff("US")``).
    base : mapping
        Base values of every parameter.
    base_outcome : float
        The outcome at the base values.
    bars : tuple of TornadoBar
        One bar per parameter in ``ranges``, largest swing first.
    selection : object or None
        The equilibrium-selection rule used.
    """

    outcome: Any
    base: Mapping[str, Any]
    base_outcome: float
    bars: tuple[TornadoBar, ...]
    selection: Any = None

    def __repr__(self) -> str:
        order = ", ".join(bar.parameter for bar in self.bars)
        return f"<Tornado of {self.outcome} (base {self.base_outcome:.6g}); by swing: {order}>"

    @property
    def parameters(self) -> tuple[str, ...]:
        """The parameters, in the order of the bars."""
        return tuple(bar.parameter for bar in self.bars)


def tornado(
    game: NormalFormGame | ExtensiveFormGame | Callable[[dict[str, Any]], Any] | AnalysisModel,
    outcome: Any,
    *,
    base: Mapping[Any, Any],
    ranges: Mapping[Any, tuple[Any, Any]],
    selection: Callable[[Candidates], Any] | None = None,
    num: int = 101,
    tol: float | None = None,
    executor: Any = None,
    progress: Callable[..., Iterable[Any]] | None = None,
) -> Tornado:
    """One-way sensitivity of a scalar equilibrium outcome, sorted by swing.

    Each parameter in ``ranges`` runs over ``num`` evenly spaced values of its
    range (plus its base value) while every other parameter stays at
    ``base``; the outcome is read from the equilibrium at each value.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame, callable or AnalysisModel
        What to analyse, as for :func:`~gametheory.sensitivity.sweep.sweep`
        (see :func:`~gametheory.sensitivity.models.as_model`).
    outcome : Payoff, Probability or callable
        The scalar outcome (see :mod:`gametheory.sensitivity.selection`).
    base : mapping
        Base value of every parameter.
    ranges : mapping
        From parameter to ``(low, high)`` with ``low < high``.
    selection : rule, optional
        Which equilibrium to read where several hold, e.g. ``MaxOutcome()``,
        ``MinOutcome()``, ``BestFor(player)``, ``Prefer(labels)``. Without
        it, several equilibria with different outcomes raise
        :class:`~gametheory.sensitivity.selection.EquilibriumSelectionError`.
    num : int, optional
        Samples per range (at least 2).
    tol, executor, progress
        Passed to :func:`~gametheory.sensitivity.sweep.sweep`.

    Returns
    -------
    Tornado

    Raises
    ------
    ParameterError
        On a malformed range, a range parameter without a base value, or ``num < 2``.
    EquilibriumSelectionError
        If several equilibria with different outcomes hold and no rule was given.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity.selection import Payoff
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> result = tornado(game, Payoff(0), base={"R": 1, "c": 2}, ranges={"R": (0, 1.5), "c": (1.9, 2.1)})
    >>> [(bar.parameter, round(bar.swing, 3)) for bar in result.bars]
    [('R', 1.5), ('c', 0.0)]
    """
    if isinstance(num, bool) or not isinstance(num, int | np.integer) or num < 2:
        raise ParameterError(f"num must be an integer of at least 2, not {num!r}")
    tol = check_tolerance(tol)
    if not isinstance(base, Mapping):
        raise ParameterError(f"base must be a mapping from parameter to value, not {type(base).__name__}")
    if not isinstance(ranges, Mapping) or not ranges:
        raise ParameterError("ranges must be a non-empty mapping from parameter to (low, high)")
    base_values = {as_name(key): value for key, value in base.items()}
    for name, value in base_values.items():
        check_number(name, value)
    model = as_model(game)
    first = next(iter(base_values), None)
    if first is None:
        raise ParameterError("base must give a value for every parameter")
    base_sweep = sweep(
        model, {first: [base_values[first]]}, fixed=_without(base_values, first), tol=tol, executor=executor
    )
    base_outcome = float(base_sweep.outcome(outcome, selection=selection)[0])
    bars = []
    for key, bounds in ranges.items():
        name = as_name(key)
        if name not in base_values:
            raise ParameterError(f"parameter {name} has a range but no base value")
        low, high = _bounds(name, bounds)
        values = np.union1d(np.linspace(low, high, int(num)), [float(base_values[name])])
        values = values[(values >= low) & (values <= high)]
        result = sweep(
            model, {name: values}, fixed=_without(base_values, name), tol=tol, executor=executor, progress=progress
        )
        outcomes = result.outcome(outcome, selection=selection)
        outcomes.flags.writeable = False
        bars.append(_bar(name, low, high, result.axes[0], outcomes))
    bars.sort(key=lambda bar: (-np.nan_to_num(bar.swing, nan=-np.inf), bar.parameter))
    return Tornado(
        outcome=outcome,
        base=types.MappingProxyType(base_values),
        base_outcome=base_outcome,
        bars=tuple(bars),
        selection=selection,
    )


def _without(values: Mapping[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != name}


def _bounds(name: str, bounds: Any) -> tuple[float, float]:
    if isinstance(bounds, str | bytes) or np.ndim(bounds) != 1 or len(bounds) != 2:
        raise ParameterError(f"the range of {name} must be a pair (low, high), not {bounds!r}")
    low, high = (check_number(name, v) for v in bounds)
    if not low < high:
        raise ParameterError(f"the range of {name} must have low < high; got ({low}, {high})")
    return low, high


def _bar(name: str, low: float, high: float, values: np.ndarray, outcomes: np.ndarray) -> TornadoBar:
    finite = outcomes[np.isfinite(outcomes)]
    minimum = float(finite.min()) if finite.size else float("nan")
    maximum = float(finite.max()) if finite.size else float("nan")
    steps = np.diff(finite)
    slack = 1e-9 * (1.0 + (np.abs(finite).max() if finite.size else 0.0))
    monotone = bool(np.all(steps >= -slack) or np.all(steps <= slack))
    return TornadoBar(
        parameter=name,
        low=low,
        high=high,
        outcome_low=float(outcomes[0]),
        outcome_high=float(outcomes[-1]),
        minimum=minimum,
        maximum=maximum,
        swing=maximum - minimum,
        monotone=monotone,
        values=values,
        outcomes=outcomes,
    )
