"""The protocol every analysable model implements, and the records it speaks in.

An :class:`AnalysisModel` is what ``sweep``, ``thresholds``, ``regime_map``,
``tornado`` and ``monte_carlo`` analyse. It knows its parameters, can be
fixed at exact values, evaluates its *columns* (the equilibria, or regimes,
that hold at each point, with their probabilities and payoffs) on arrays of
parameter values, and, when it has formulas, gives its regimes with their
exact conditions. See :mod:`gametheory.sensitivity.models` for the adapters.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np
import sympy

__all__ = ["AnalysisModel", "Evaluation", "PointSolution", "Regime"]


@dataclass(frozen=True, eq=False)
class Evaluation:
    """A model's columns evaluated at many points (what :meth:`AnalysisModel.evaluate` returns).

    Attributes
    ----------
    labels : tuple of str
        One label per column (a branch, a regime, or a kind of equilibrium found).
    holds : numpy.ndarray
        Shape ``shape + (B,)``, bool: where each column holds.
    probabilities : tuple of numpy.ndarray
        One per player, shape ``shape + (B, n_i)``; NaN where the column does not hold.
    payoffs : numpy.ndarray
        Shape ``shape + (B, N)``; NaN where the column does not hold.
    players, strategies : tuple
        The player labels, and each player's strategy (or action) labels.
    tolerance : float or None
        The tolerance the columns were decided with, or None when each point
        was solved by a solver with its own tolerances.
    """

    labels: tuple[str, ...]
    holds: np.ndarray
    probabilities: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    tolerance: float | None = None


@dataclass(frozen=True)
class Regime:
    """One column of a model with formulas: where it holds, exactly, and its formulas.

    Its fields are those :func:`~gametheory.parametric.statics.comparative_statics`
    reads, so a regime can be differentiated like a ``Branch``.

    Attributes
    ----------
    label : str
        The column's label (as in :attr:`Evaluation.labels`).
    conditions : sympy.logic.boolalg.Boolean
        Where it holds: (in)equalities in the model's free parameters.
    profile : tuple of tuple of sympy.Expr
        One tuple of probability formulas per player, laid out like
        :attr:`Evaluation.probabilities`.
    payoffs : tuple of sympy.Expr
        Each player's payoff formula.
    players, strategies : tuple
        Labels, as in :class:`Evaluation`.
    parameters : tuple of sympy.Symbol
        The free parameters the formulas use.
    """

    label: str
    conditions: Any
    profile: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    parameters: tuple[sympy.Symbol, ...]


@dataclass(frozen=True)
class PointSolution:
    """The equilibria of a model at one point, for models solved point by point.

    Attributes
    ----------
    players, strategies : tuple
        Labels, as in :class:`Evaluation`; every point must give the same.
    equilibria : tuple
        ``(key, label, profile, payoffs)`` per equilibrium: equilibria with the
        same hashable, orderable ``key`` at different points share a column
        (columns are sorted by key), ``profile`` holds one float array per
        player, ``payoffs`` one float per player.
    kind : str
        What was solved, in the plural (``"normal-form games"``, ``"trees"``);
        every point must give the same.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    equilibria: tuple[tuple[Hashable, str, tuple[np.ndarray, ...], np.ndarray], ...]
    kind: str = "games"


@runtime_checkable
class AnalysisModel(Protocol):
    """What the sensitivity tools analyse: anything that evaluates its equilibria over parameters.

    Games and functions ``params -> game`` are adapted by
    :func:`~gametheory.sensitivity.models.as_model`; a new solution concept
    plugs in by implementing these six members (the adapters
    :class:`~gametheory.sensitivity.models.NormalFormModel`,
    :class:`~gametheory.sensitivity.models.TreeModel` and
    :class:`~gametheory.sensitivity.models.PointModel` are worked examples).

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity.models import as_model
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> isinstance(as_model(game), AnalysisModel)
    True
    """

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...] | None:
        """The free parameters (symbols carry their assumptions), or None when any name is accepted.

        Raises ``UnsupportedGameError`` when the model cannot be analysed.
        """
        ...

    @property
    def game(self) -> Any:
        """The object analysed, recorded on the results (None for a function)."""
        ...

    def fix(self, values: Mapping[str, Any]) -> AnalysisModel:
        """The model with some parameters fixed at values (exact numbers, or floats read by their repr).

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> from gametheory.sensitivity.models import as_model
        >>> game = NormalFormGame.from_bimatrix([["a + b", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> as_model(game).fix({"b": 1}).parameters
        (a,)
        """
        ...

    def evaluate(
        self,
        values: Mapping[str, np.ndarray],
        shape: tuple[int, ...],
        *,
        tol: float | None = None,
        executor: Any = None,
        progress: Callable[..., Iterable[Any]] | None = None,
    ) -> Evaluation:
        """The columns at every point: ``values`` maps each free parameter to an array broadcasting to ``shape``.

        ``tol`` decides conditions in floats (None: the default, relative to
        each condition's scale); ``executor`` and ``progress`` serve models
        solved point by point. Raises ``InvalidArgumentError`` on a bad ``tol``.

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory import NormalFormGame
        >>> from gametheory.sensitivity.models import as_model
        >>> game = NormalFormGame.from_bimatrix([["a"], [0]], [[0], [0]])
        >>> as_model(game).evaluate({"a": np.array([-1.0, 1.0])}, (2,)).holds.tolist()
        [[False, True], [True, False]]
        """
        ...

    def regimes(self) -> tuple[Regime, ...] | None:
        """The columns with their exact conditions and formulas, or None when the model has no formulas.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> from gametheory.sensitivity.models import as_model
        >>> game = NormalFormGame.from_bimatrix([["a"], [0]], [[0], [0]])
        >>> [(r.label, r.conditions) for r in as_model(game).regimes()]
        [('Player 1: s1; Player 2: s1', a >= 0), ('Player 1: s2; Player 2: s1', a <= 0)]
        """
        ...

    def defined_at(self, values: Mapping[str, Any]) -> bool:
        """Whether the model exists at these exact values of its free parameters (False at a pole).

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> from gametheory.sensitivity.models import as_model
        >>> game = NormalFormGame.from_bimatrix([["1/x"], [0]], [[0], [0]])
        >>> as_model(game).defined_at({"x": 0}), as_model(game).defined_at({"x": 2})
        (False, True)
        """
        ...
