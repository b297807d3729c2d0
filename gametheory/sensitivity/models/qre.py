"""Quantal response as analysis models: logit QRE predictions, and the Nash equilibrium the QRE selects.

:class:`QREModel` makes the logit QRE of a parametric normal-form game, at a
fixed ``lam`` or with ``lam`` as a parameter, a model for ``sweep``, ``tornado``
and ``monte_carlo``; :mod:`gametheory.sensitivity.qre_statics` differentiates
it. Payoffs are compiled to numpy once, and every point of a grid is solved
at once: a batched Newton solve following each point's principal branch in
``lam`` from the centroid (:mod:`gametheory.sensitivity._qre_batch`). A point
whose branch folds back in ``lam``, or which does not converge, is solved by
itself with ``logit_qre``'s arc-length path; :meth:`QREModel.solve_grid`
says how many were.

Its one column, ``"QRE"``, holds everywhere: on the principal branch there
is exactly one QRE at each point, and it moves smoothly with the
parameters. The modal pure profile ("US mostly Strike") is *not* made into
columns: columns say which equilibria hold, and a change of the most likely
strategy is not a change of equilibrium; read it as an outcome instead
(``Probability("US", "Strike")``). With no formulas, :meth:`QREModel.regimes`
is None, so ``thresholds`` and the boundaries of ``regime_map`` refuse the
model with their usual error.

:class:`LogitLimitModel` lays out every Nash equilibrium at each point plus
a column ``"QRE limit"``: the equilibrium that the principal branch
approaches (``qre_path(game).limit``), which the selection rule
:class:`~gametheory.sensitivity.selection.LogitLimit` picks.
"""

from __future__ import annotations

import math
import numbers
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from gametheory._internal.parameters import exact_parameter_value
from gametheory._internal.validation import check_tolerance
from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity._compile import numpy_function
from gametheory.sensitivity._engine import check_assumptions
from gametheory.sensitivity._qre_batch import batched_logit, payoffs_and_gap, probabilities
from gametheory.sensitivity.models.functions import PointModel
from gametheory.sensitivity.models.normal_form import solve_normal_form
from gametheory.sensitivity.models.protocol import Evaluation, PointSolution
from gametheory.sensitivity.selection import LIMIT_LABEL
from gametheory.solvers.qre import logit_qre, qre_path
from gametheory.solvers.results import Equilibrium

__all__ = ["LogitLimitModel", "QREGrid", "QREModel"]


@dataclass(frozen=True, eq=False)
class QREGrid:
    """The logit QRE at every point of a grid (what :meth:`QREModel.solve_grid` returns).

    Attributes
    ----------
    probabilities : tuple of numpy.ndarray
        One per player, shape ``shape + (n_i,)``; NaN where the game is undefined (a payoff's pole).
    payoffs : numpy.ndarray
        Shape ``shape + (N,)``: each player's expected payoff.
    lam : numpy.ndarray
        Shape ``shape``: the precision at each point.
    residual : numpy.ndarray
        Shape ``shape``: the logit fixed-point gap ``max |p - softmax(lam * v)|`` (as
        :func:`~gametheory.solvers.qre.qre_residual`).
    fallbacks : int
        How many points the batched solve left to ``logit_qre``, solved one by one.
    """

    probabilities: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    lam: np.ndarray
    residual: np.ndarray
    fallbacks: int


class QREModel:
    """The logit QRE of a parametric normal-form game, as an analysis model (one column, ``"QRE"``).

    Parameters
    ----------
    game : NormalFormGame
        A game with any number of players; its payoffs may use parameters.
    lam : float or str or sympy.Symbol
        The precision: a finite number ``>= 0``, or the name of a new
        parameter (declared nonnegative) whose values the analyses supply.
    fixed : mapping, optional
        Values of fixed parameters, by name (see :meth:`fix`).

    Raises
    ------
    UnsupportedGameError
        If ``game`` is not a NormalFormGame.
    InvalidArgumentError
        If ``lam`` is negative, NaN, infinite or neither a number nor a name.
    ParameterError
        If ``lam`` names a parameter the game already has.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity import Probability, sweep
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> model = QREModel(game, lam=2.0)
    >>> result = sweep(model, {"R": [0.0, 1.0, 2.0]}, fixed={"c": 1})
    >>> result.branches, np.round(result.outcome(Probability(0, 0)), 3).tolist()
    (('QRE',), [0.119, 0.441, 0.821])
    >>> model = QREModel(game, lam="lam")
    >>> model.parameters
    (R, c, lam)
    """

    def __init__(self, game: NormalFormGame, *, lam: Any, fixed: Mapping[str, Any] | None = None) -> None:
        if not isinstance(game, NormalFormGame):
            raise UnsupportedGameError(f"QREModel needs a NormalFormGame, not {type(game).__name__}")
        self._game = game
        self._lam: float | sympy.Symbol = _check_lam(lam, game)
        self._fixed = types.MappingProxyType(dict(fixed or {}))
        self._function: Callable[..., list[Any]] | None = None

    def __repr__(self) -> str:
        return f"QREModel({self._game!r}, lam={self._lam!r}, fixed={dict(self._fixed)!r})"

    @property
    def game(self) -> NormalFormGame:
        """The game (with no parameter fixed)."""
        return self._game

    @property
    def lam(self) -> float | sympy.Symbol:
        """The precision: a float, or the symbol of the ``lam`` parameter."""
        return self._lam

    @property
    def fixed(self) -> Mapping[str, Any]:
        """The values of the fixed parameters, by name (read-only)."""
        return self._fixed

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The game's parameters not fixed, then ``lam`` if it is a parameter and not fixed."""
        return tuple(p for p in self._symbols() if p.name not in self._fixed)

    def fix(self, values: Mapping[str, Any]) -> QREModel:
        """The model with more parameters fixed (``lam`` too, when it is a parameter).

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> QREModel(game, lam="lam").fix({"lam": 3}).parameters
        (a,)
        """
        model = QREModel(self._game, lam=self._lam, fixed={**self._fixed, **values})
        model._function = self._function
        return model

    def solve_grid(self, values: Mapping[str, Any], shape: tuple[int, ...]) -> QREGrid:
        """The QRE at every point: ``values`` maps each free parameter to an array broadcasting to ``shape``.

        Raises
        ------
        ParameterError
            If a parameter is missing or unknown, or a value contradicts its
            assumptions (a negative ``lam``, a negative value of a positive
            parameter).

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> grid = QREModel(game, lam="lam").solve_grid({"a": np.array([2.0]), "lam": np.array([0.0, 1.0])}, (2,))
        >>> np.round(grid.probabilities[0], 3).tolist(), grid.fallbacks
        ([[0.5, 0.5], [0.684, 0.316]], 0)
        """
        every = self._values(values)
        symbols = self._symbols()
        size = math.prod(shape)
        game = self._game
        tensors = np.empty((size, game.num_players, *game.shape))
        with np.errstate(all="ignore"):
            outputs = self._compiled()(*[every[s.name] for s in game.parameters])
        for index, value in zip(np.ndindex(*game.shape, game.num_players), outputs, strict=True):
            *cell, player = index
            tensors[(slice(None), player, *cell)] = np.broadcast_to(value, shape).ravel()
        name = symbols[-1].name if isinstance(self._lam, sympy.Symbol) else None
        lam = np.broadcast_to(every[name] if name else self._lam, shape).astype(np.float64).ravel()
        defined = np.all(np.isfinite(tensors.reshape(size, -1)), axis=1)
        result = batched_logit(np.where(defined.reshape((size,) + (1,) * (tensors.ndim - 1)), tensors, 0.0), lam)
        profile = probabilities(result.y, game.shape)
        left = np.flatnonzero(defined & ~result.converged)
        own = game.parameters
        for k in left:  # one by one, on logit_qre's arc-length path
            point = game.substitute({s.name: float(np.broadcast_to(every[s.name], shape).flat[k]) for s in own})
            for player, vector in enumerate(logit_qre(point, float(lam[k])).profile):
                profile[player][k] = vector
        payoffs, gap = payoffs_and_gap(np.nan_to_num(tensors), profile, lam)
        for array in (*profile, payoffs, gap):
            array[~defined] = np.nan
        return QREGrid(
            probabilities=tuple(p.reshape(*shape, p.shape[-1]) for p in profile),
            payoffs=payoffs.reshape(*shape, game.num_players),
            lam=lam.reshape(shape),
            residual=gap.reshape(shape),
            fallbacks=int(left.size),
        )

    def evaluate(
        self,
        values: Mapping[str, np.ndarray],
        shape: tuple[int, ...],
        *,
        tol: float | None = None,
        executor: Any = None,
        progress: Callable[..., Iterable[Any]] | None = None,
    ) -> Evaluation:
        """The column ``"QRE"`` at every point (``tol`` checked but unused; ``executor``, ``progress`` unused).

        It holds wherever the payoffs are defined. Profiles meet the logit
        equations to :data:`~gametheory.solvers.qre.QRE_TOLERANCE` ``* (1 + lam * M)``.

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> evaluation = QREModel(game, lam=0).evaluate({"a": np.array([1.0, 5.0])}, (2,))
        >>> evaluation.labels, evaluation.holds.tolist(), evaluation.probabilities[0][:, 0].tolist()
        (('QRE',), [[True], [True]], [[0.5, 0.5], [0.5, 0.5]])
        """
        check_tolerance(tol)
        grid = self.solve_grid(values, shape)
        holds = np.isfinite(grid.payoffs).all(axis=-1)[..., None]
        return Evaluation(
            labels=("QRE",),
            holds=holds,
            probabilities=tuple(p[..., None, :] for p in grid.probabilities),
            payoffs=grid.payoffs[..., None, :],
            players=self._game.players,
            strategies=self._game.strategies,
            tolerance=None,
        )

    def regimes(self) -> None:
        """None: the QRE has no closed-form formulas, so there are no thresholds or regime boundaries.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> QREModel(NormalFormGame.from_bimatrix([["a"]], [[0]]), lam=1).regimes() is None
        True
        """
        return None

    def defined_at(self, values: Mapping[str, Any]) -> bool:
        """False where a payoff has a pole at these exact values, or ``lam`` is negative.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> model = QREModel(NormalFormGame.from_bimatrix([["1/x"], [0]], [[0], [0]]), lam=1)
        >>> model.defined_at({"x": 0}), model.defined_at({"x": 2})
        (False, True)
        """
        given = {**self._fixed, **values}
        if isinstance(self._lam, sympy.Symbol) and self._lam.name in given and float(given[self._lam.name]) < 0:
            return False
        by_name = {s.name: s for s in self._game.parameters}
        mapping = {by_name[n]: exact_parameter_value(n, v) for n, v in given.items() if n in by_name}
        return not any(
            sympy.sympify(payoff).xreplace(mapping).has(sympy.zoo, sympy.nan, sympy.oo)
            for payoff in self._game.payoffs.flat
        )

    # ------------------------------------------------------------------ helpers
    def _symbols(self) -> tuple[sympy.Symbol, ...]:
        extra = (self._lam,) if isinstance(self._lam, sympy.Symbol) else ()
        return tuple(self._game.parameters) + extra

    def _compiled(self) -> Callable[..., list[Any]]:
        # Compiled once per model (and shared with its fixed copies): payoffs in C order, cell by cell.
        if self._function is None:
            exprs = [sympy.sympify(v) for v in self._game.payoffs.reshape(-1)]
            self._function = numpy_function(tuple(self._game.parameters), exprs)
        return self._function

    def _values(self, values: Mapping[str, Any]) -> dict[str, np.ndarray]:
        symbols = self._symbols()
        every = {name: np.asarray(array, dtype=np.float64) for name, array in values.items()}
        every |= {name: np.asarray(float(value)) for name, value in self._fixed.items()}
        known = {s.name for s in symbols}
        unknown = sorted(set(every) - known)
        if unknown:
            raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}; the model's are {sorted(known)}")
        missing = sorted(known - set(every))
        if missing:
            raise ParameterError(f"no value given for parameter(s) {', '.join(missing)}")
        if not all(np.all(np.isfinite(v)) for v in every.values()):
            raise ParameterError("parameter values must be finite")
        check_assumptions(symbols, every)
        return every


class LogitLimitModel(PointModel):
    """Every Nash equilibrium at each point, plus the one the principal logit QRE branch approaches.

    Each point's game is solved with ``nash_equilibria`` (one column per
    support, as for a game function) and with
    :func:`~gametheory.solvers.qre.qre_path`; the path's ``limit`` is copied
    into an extra column labelled ``"QRE limit"``, which the selection rule
    :class:`~gametheory.sensitivity.selection.LogitLimit` reads. Points are
    solved one by one (on an ``executor`` if given): a path per point.

    Parameters
    ----------
    game : NormalFormGame
        A parametric game (any number of players).
    fixed : mapping, optional
        Values of fixed parameters, by name.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity import LogitLimit, Probability, sweep
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> result = sweep(LogitLimitModel(game), {"a": [0.5, 2.0]})
    >>> result.outcome(Probability(0, 0), selection=LogitLimit()).tolist()
    [0.0, 1.0]
    """

    source = "the game"

    def __init__(self, game: NormalFormGame, *, fixed: Mapping[str, Any] | None = None) -> None:
        if not isinstance(game, NormalFormGame):
            raise UnsupportedGameError(f"LogitLimitModel needs a NormalFormGame, not {type(game).__name__}")
        super().__init__(fixed=fixed)
        self._game = game
        self.parameters = tuple(p for p in game.parameters if p.name not in self._fixed)

    def __repr__(self) -> str:
        return f"LogitLimitModel({self._game!r}, fixed={dict(self._fixed)!r})"

    @property
    def game(self) -> NormalFormGame:
        """The game (with no parameter fixed)."""
        return self._game

    def fix(self, values: Mapping[str, Any]) -> LogitLimitModel:
        """The model with more parameters fixed.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a", "b"], [0, 1]], [[1, 0], [0, 1]])
        >>> LogitLimitModel(game).fix({"b": 0}).parameters
        (a,)
        """
        return LogitLimitModel(self._game, fixed={**self._fixed, **values})

    def solve(self, point: dict[str, Any]) -> PointSolution:
        """The Nash equilibria at ``point`` and the limit of its principal QRE branch.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> *nash, limit = LogitLimitModel(game).solve({"a": 2}).equilibria
        >>> len(nash), limit[1], limit[2][0].tolist()
        (3, 'QRE limit', [1.0, 0.0])
        """
        numeric = self._game.substitute(dict(point))
        solution = solve_normal_form(numeric)
        limit = qre_path(numeric).limit
        if not isinstance(limit, Equilibrium):
            return solution
        row = (((math.inf,), ()), LIMIT_LABEL, limit.as_float(), np.asarray(limit.payoffs, dtype=np.float64))
        return PointSolution(solution.players, solution.strategies, (*solution.equilibria, row), solution.kind)


def _check_lam(lam: Any, game: NormalFormGame) -> float | sympy.Symbol:
    if isinstance(lam, str | sympy.Symbol):
        name = lam if isinstance(lam, str) else lam.name
        if not name.isidentifier():
            raise InvalidArgumentError(f"lam must be a number or a parameter name, not {lam!r}")
        if name in {s.name for s in game.parameters}:
            raise ParameterError(f"lam names {name!r}, which is already a parameter of the game's payoffs")
        return sympy.Symbol(name, nonnegative=True, real=True)
    if isinstance(lam, numbers.Real) and not isinstance(lam, bool):
        value = float(lam)
        if math.isfinite(value) and value >= 0:
            return value
    raise InvalidArgumentError(f"lam must be a finite real number >= 0 or a parameter name, not {lam!r}")
