"""Equilibria over a grid of parameter values, evaluated from the branch formulas."""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory._internal.limits import check_allocation, point_bytes
from gametheory._internal.notebook import sweep_html, sweep_latex
from gametheory._internal.validation import check_tolerance
from gametheory.exceptions import ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity._engine import (
    as_name,
    as_values,
    grid_values,
    optional_module,
    parameter_names,
    progress_bar,
    regime_codes,
    spelled_as,
    split_parameters,
    to_float,
)
from gametheory.sensitivity.models import AnalysisModel, as_model
from gametheory.sensitivity.selection import Candidates, outcome_values, select

__all__ = ["Sweep", "progress_bar", "sweep"]


@dataclass(frozen=True, eq=False)
class Sweep:
    """Equilibria at every point of a grid of parameter values.

    The grid is the Cartesian product of the swept parameters' values, so
    arrays over the grid have shape ``shape = (len(values_1), ...)``, in the
    order of :attr:`parameters`. Several equilibria can hold at one point, so
    equilibria are kept in *columns*, one per branch: column ``b`` is the
    branch :attr:`branches` ``[b]``, and its probabilities and payoffs are NaN
    where it is not an equilibrium.

    Attributes
    ----------
    parameters : tuple of str
        Names of the swept parameters.
    axes : tuple of numpy.ndarray
        The values of each swept parameter (float64).
    fixed : mapping
        Values of the other parameters.
    players, strategies : tuple
        Labels of the game.
    branches : tuple of str
        Label of each column: a branch of ``parametric_equilibria`` that
        holds somewhere on the grid, or for a game given as a function, a
        support found at some point.
    holds : numpy.ndarray
        Shape ``shape + (B,)``, bool: where each branch is an equilibrium.
    probabilities : tuple of numpy.ndarray
        One per player, shape ``shape + (B, n_i)``: the probability of each
        of the player's strategies in each branch.
    payoffs : numpy.ndarray
        Shape ``shape + (B, N)``: each player's payoff in each branch.
    regime : numpy.ndarray
        Shape ``shape``, int: code of the regime (set of holding branches) at each point.
    regimes : tuple of str
        Label of each regime code: the holding branches' labels joined by ``" | "``.
    game : object or None
        The parametric game (or tree) swept, or None when the game was a
        function (the model's :attr:`~gametheory.sensitivity.models.AnalysisModel.game`).
    tolerance : float or None
        For a model with formulas, the tolerance within which the
        conditions were decided in float arithmetic: the ``tol`` given
        (absolute), or by default ``1e-9``, relative to each condition's own
        scale (the sum of the absolute values of its terms at the point);
        None when each point was solved by a solver (see each game's
        per-player tolerances).

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity.selection import Payoff
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> result = sweep(game, {"R": [0, 1, 2, 3]}, fixed={"c": 1.5})
    >>> for label in result.regime_labels():
    ...     print(label)
    Player 1: s2; Player 2: s1
    Player 1: s2; Player 2: s1
    Player 1: s1; Player 2: s1
    Player 1: s1; Player 2: s1
    >>> result.outcome(Payoff(0)).tolist()
    [0.0, -1.0, -1.5, -1.5]
    """

    parameters: tuple[str, ...]
    axes: tuple[np.ndarray, ...]
    fixed: Mapping[str, Any]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    branches: tuple[str, ...]
    holds: np.ndarray
    probabilities: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    regime: np.ndarray
    regimes: tuple[str, ...]
    game: Any = None
    tolerance: float | None = None

    def __repr__(self) -> str:
        # Arrays of a million points make the default repr useless.
        grid = " x ".join(f"{name} ({len(values)})" for name, values in zip(self.parameters, self.axes, strict=True))
        return f"<Sweep over {grid}: {len(self.branches)} branches, {len(self.regimes)} regimes>"

    def _repr_html_(self) -> str:
        return sweep_html(self.regimes, self.regime, caption=repr(self).strip("<>"))

    def _repr_latex_(self) -> str:
        return sweep_latex(self.regimes, self.regime)

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of the grid."""
        return tuple(len(axis) for axis in self.axes)

    def coordinates(self) -> tuple[np.ndarray, ...]:
        """Each swept parameter's value at every grid point (``numpy.meshgrid`` with ``indexing="ij"``).

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a", "b"]], [[0, 0]])
        >>> a, b = sweep(game, {"a": [0, 1], "b": [5, 6, 7]}).coordinates()
        >>> a.shape, b[1].tolist()
        ((2, 3), [5.0, 6.0, 7.0])
        """
        return tuple(np.meshgrid(*self.axes, indexing="ij"))

    def regime_labels(self) -> np.ndarray:
        """The regime label at every grid point, as an array of str.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a"], [0]], [[0], [0]])
        >>> sweep(game, {"a": [-1, 1]}).regime_labels().tolist()
        ['Player 1: s2; Player 2: s1', 'Player 1: s1; Player 2: s1']
        """
        return np.array(self.regimes, dtype=object)[self.regime]

    def outcome(self, outcome: Any, *, selection: Callable[[Candidates], Any] | None = None) -> np.ndarray:
        """A scalar outcome at every grid point, read from the selected equilibrium.

        Parameters
        ----------
        outcome : Payoff, Probability or callable
            See :mod:`gametheory.sensitivity.selection`.
        selection : rule, optional
            Needed where several equilibria with different outcomes hold.

        Returns
        -------
        numpy.ndarray
            Shape :attr:`shape`; NaN where no equilibrium holds.

        Raises
        ------
        EquilibriumSelectionError
            If several equilibria with different outcomes hold somewhere and
            no ``selection`` was given.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> from gametheory.sensitivity.selection import MaxOutcome, Probability
        >>> coordination = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> result = sweep(coordination, {"a": [-1, 3]})
        >>> result.outcome(Probability(0, 0), selection=MaxOutcome()).tolist()
        [0.0, 1.0]
        """
        values = outcome_values(outcome, self.probabilities, self.payoffs, self.players, self.strategies)
        width, size = len(self.branches), int(np.prod(self.shape))
        coords = [c.ravel() for c in self.coordinates()]

        def describe(point: int) -> str:
            return ", ".join(f"{name} = {c[point]:g}" for name, c in zip(self.parameters, coords, strict=True))

        flat = select(
            values.reshape(size, width),
            self.payoffs.reshape(size, width, len(self.players)),
            self.holds.reshape(size, width),
            self.branches,
            selection,
            self.players,
            describe=describe,
        )
        return flat.reshape(self.shape)

    def to_frame(self) -> Any:
        """A long-format :class:`pandas.DataFrame`: one row per grid point and holding branch.

        Columns: the swept parameters, ``regime``, ``branch`` (empty where no
        equilibrium holds), then ``P(player: strategy)`` for every strategy and
        ``payoff(player)`` for every player.

        Raises
        ------
        ImportError
            If pandas is not installed.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a"], [0]], [[0], [0]])
        >>> frame = sweep(game, {"a": [-1, 1]}).to_frame()
        >>> frame[["a", "branch", "payoff(Player 1)"]].values.tolist()
        [[-1.0, 'Player 1: s2; Player 2: s1', 0.0], [1.0, 'Player 1: s1; Player 2: s1', 1.0]]
        """
        pd = optional_module("pandas", "Sweep.to_frame")
        width, size = len(self.branches), int(np.prod(self.shape))
        holds = self.holds.reshape(size, width)
        point, column = np.nonzero(holds)
        empty = np.flatnonzero(~holds.any(axis=1))
        point = np.concatenate([point, empty])
        column = np.concatenate([column, np.full(empty.size, -1)])
        order = np.lexsort((column, point))
        point, column = point[order], column[order]
        data: dict[str, Any] = {}
        for name, coords in zip(self.parameters, self.coordinates(), strict=True):
            data[name] = coords.ravel()[point]
        data["regime"] = np.array(self.regimes, dtype=object)[self.regime.ravel()[point]]
        data["branch"] = np.array([*self.branches, ""], dtype=object)[column]
        safe = np.where(column >= 0, column, 0)
        missing = column < 0
        for i, (player, labels) in enumerate(zip(self.players, self.strategies, strict=True)):
            block = self.probabilities[i].reshape(size, width, len(labels))
            for s, label in enumerate(labels):
                data[f"P({player}: {label})"] = np.where(missing, np.nan, block[point, safe, s])
        pay = self.payoffs.reshape(size, width, len(self.players))
        for i, player in enumerate(self.players):
            data[f"payoff({player})"] = np.where(missing, np.nan, pay[point, safe, i])
        return pd.DataFrame(data)


def sweep(
    game: NormalFormGame | ExtensiveFormGame | Callable[[dict[str, Any]], Any] | AnalysisModel,
    parameters: Mapping[Any, Iterable[Any]],
    *,
    fixed: Mapping[Any, Any] | None = None,
    tol: float | None = None,
    executor: Any = None,
    progress: Callable[..., Iterable[Any]] | None = None,
) -> Sweep:
    """Equilibria over the grid (Cartesian product) of one or more parameters.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame, callable or AnalysisModel
        Anything :func:`~gametheory.sensitivity.models.as_model` takes: a
        two-player parametric game (its branches' formulas are evaluated on
        the whole grid, see :class:`~gametheory.sensitivity.models.NormalFormModel`),
        a parametric perfect-information tree (its subgame-perfect regimes,
        :class:`~gametheory.sensitivity.models.TreeModel`), a function
        ``params -> game`` solved point by point
        (:class:`~gametheory.sensitivity.models.FunctionModel`), or a model.
    parameters : mapping
        From parameter (name or Symbol) to a 1-D sequence of values.
    fixed : mapping, optional
        Values of the parameters not swept; every parameter of a parametric
        game must be swept or fixed.
    tol : float, optional
        Models with formulas: the two sides of a condition count as equal
        within ``tol`` (absolute), so grid points on a boundary (up to
        rounding) get the boundary's equilibria. Default: within ``1e-9``
        times the sum of the absolute values of the condition's terms.
    executor : concurrent.futures.Executor, optional
        Models solved point by point: solve chunks of points on it (the
        model, or game function, must then be picklable).
    progress : callable, optional
        Models solved point by point: wraps the stream of solved chunks,
        called as ``progress(iterable, total=n)``; pass :func:`progress_bar`.

    Returns
    -------
    Sweep

    Raises
    ------
    ParameterError
        On an unknown, missing, doubly given or non-numeric parameter value,
        or values that contradict an assumption declared on a parameter.
    UnsupportedGameError
        If the game cannot be analysed (see the models).
    ResourceLimitError
        If the grid's results would not fit in memory, before allocating them.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> result = sweep(game, {"a": [-1, 2]})
    >>> for label in result.regimes:
    ...     print(label)
    Player 1: s2; Player 2: s2
    Player 1: s1; Player 2: s1 | Player 1: s2; Player 2: s2 | Player 1 mixes s1/s2; Player 2 mixes s1/s2
    >>> result.holds.shape == (2, len(result.branches))
    True

    A tree: the subgame-perfect regimes of stay-or-withdraw as the reputation
    cost ``R`` of absorbing an attack grows (both hold at ``R = c = 2``).

    >>> from gametheory.scenarios import stay_or_withdraw
    >>> tree = stay_or_withdraw()
    >>> fixed = {"d": 1, "c": 2, "L": 5, "b": 1, "k": 3, "l": 1, "V": 1}
    >>> for label in sweep(tree, {"R": [1, 2, 3]}, fixed=fixed).regime_labels():
    ...     print(label)
    Militia: Attack; US: Absorb
    Militia: Hold | Militia: Attack; US: Absorb
    Militia: Hold
    >>> solved = sweep(lambda p: tree.substitute(p), {"R": [1, 3]}, fixed=fixed)
    >>> solved.branches
    ('Militia: Attack; US: Absorb', 'Militia: Hold; US: Retaliate')
    """
    tol = check_tolerance(tol)
    if not isinstance(parameters, Mapping) or not parameters:
        raise ParameterError("parameters must be a non-empty mapping from parameter to a sequence of values")
    names = tuple(as_name(key) for key in parameters)
    axes_obj = [as_values(name, values) for name, values in zip(names, parameters.values(), strict=True)]
    axes = tuple(_frozen(to_float(axis)) for axis in axes_obj)
    model = as_model(game)
    size = math.prod(len(axis) for axis in axes)
    check_allocation(
        size * point_bytes(model.game), f"a sweep of {size:,} points", hint="sweep fewer values per parameter"
    )
    names = spelled_as(names, parameter_names(model))
    fixed_values = split_parameters(parameter_names(model), names, fixed)
    # The values as given: a model with formulas reads them as floats, a game function gets exact numbers.
    shape, values = grid_values(names, axes_obj)
    evaluation = model.fix(fixed_values).evaluate(values, shape, tol=tol, executor=executor, progress=progress)
    codes, labels = regime_codes(evaluation.holds, evaluation.labels)
    return Sweep(
        parameters=names,
        axes=axes,
        fixed=types.MappingProxyType(dict(fixed_values)),
        players=evaluation.players,
        strategies=evaluation.strategies,
        branches=evaluation.labels,
        holds=_frozen(evaluation.holds),
        probabilities=tuple(_frozen(p) for p in evaluation.probabilities),
        payoffs=_frozen(evaluation.payoffs),
        regime=_frozen(codes),
        regimes=labels,
        game=model.game,
        tolerance=evaluation.tolerance,
    )


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.asarray(array)
    array.flags.writeable = False
    return array
