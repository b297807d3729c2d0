"""Models without formulas, solved one point at a time: the base :class:`PointModel` and game functions."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import sympy

from gametheory._internal.validation import check_tolerance
from gametheory.exceptions import InvalidGameError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity._engine import grid_points, solve_points
from gametheory.sensitivity.models.normal_form import solve_normal_form
from gametheory.sensitivity.models.protocol import Evaluation, PointSolution
from gametheory.sensitivity.models.trees import solve_tree

__all__ = ["FunctionModel", "PointModel", "solve_game"]


class PointModel:
    """Base class for models solved point by point: subclasses write :meth:`solve`.

    It supplies the rest of the :class:`~gametheory.sensitivity.models.AnalysisModel`
    protocol: :meth:`fix` keeps the fixed values and passes them to every
    point, :meth:`evaluate` solves each point (on an executor if given) and
    lays the equilibria out in columns, and :meth:`regimes` is None (no
    formulas, so no thresholds or regime maps). Subclasses may set
    ``parameters`` to a tuple of symbols to have names checked.

    Parameters
    ----------
    fixed : mapping, optional
        Values of fixed parameters, by name.

    Examples
    --------
    A toy rule: the row player plays ``s1`` when ``a > 0``, else ``s2``.

    >>> import numpy as np
    >>> from gametheory.sensitivity.models import PointSolution
    >>> class Cutoff(PointModel):
    ...     def solve(self, point):
    ...         row = np.array([1.0, 0.0]) if point["a"] > 0 else np.array([0.0, 1.0])
    ...         label = "s1" if point["a"] > 0 else "s2"
    ...         return PointSolution(("P",), (("s1", "s2"),), ((label, label, (row,), np.array([point["a"]])),))
    >>> Cutoff().evaluate({"a": np.array([-1.0, 2.0])}, (2,)).labels
    ('s1', 's2')
    """

    parameters: tuple[sympy.Symbol, ...] | None = None
    #: Names what was solved, in error messages.
    source = "the model"

    def __init__(self, *, fixed: Mapping[str, Any] | None = None) -> None:
        self._fixed: dict[str, Any] = dict(fixed or {})  # a dict, so that the model pickles

    @property
    def game(self) -> Any:
        """The object analysed, recorded on the results: None unless a subclass says otherwise."""
        return None

    def solve(self, point: dict[str, Any]) -> PointSolution:
        """The equilibria at one point (every parameter, the fixed ones included); subclasses implement it.

        Examples
        --------
        >>> PointModel().solve({})
        Traceback (most recent call last):
        ...
        NotImplementedError: PointModel.solve
        """
        raise NotImplementedError(f"{type(self).__name__}.solve")

    def fix(self, values: Mapping[str, Any]) -> PointModel:
        """A copy of the model with more parameters fixed (the values are passed to :meth:`solve` as given).

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> model = FunctionModel(lambda p: NormalFormGame.from_bimatrix([[p["a"]]], [[0]])).fix({"a": 1})
        >>> model.solve({"a": 1}).equilibria[0][1]
        'Player 1: s1; Player 2: s1'
        """
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy._fixed = {**self._fixed, **values}
        return copy

    def evaluate(
        self,
        values: Mapping[str, np.ndarray],
        shape: tuple[int, ...],
        *,
        tol: float | None = None,
        executor: Any = None,
        progress: Callable[..., Iterable[Any]] | None = None,
    ) -> Evaluation:
        """Solve every point of ``shape`` (``tol`` unused: solvers use their own tolerances).

        Points are dicts from name to value, as given (exact numbers stay
        exact), then the fixed values. ``executor`` (a
        :class:`concurrent.futures.Executor`, or
        ``dask.distributed.Client(...).get_executor()``) solves chunks of points
        in parallel, and the model must then be picklable; ``progress`` wraps
        the stream of solved chunks, called as ``progress(iterable, total=n)``.

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory import NormalFormGame
        >>> model = FunctionModel(lambda p: NormalFormGame.from_bimatrix([[p["a"]], [0]], [[0], [0]]))
        >>> model.evaluate({"a": np.array([-1.0, 1.0])}, (2,)).holds.tolist()
        [[False, True], [True, False]]
        """
        check_tolerance(tol)
        points = [point | dict(self._fixed) for point in grid_points(values, shape)]
        columns, players, strategies = solve_points(
            self.solve, points, executor=executor, progress=progress, source=self.source
        )
        width = len(columns.labels)
        return Evaluation(
            labels=columns.labels,
            holds=columns.holds.reshape(*shape, width),
            probabilities=tuple(p.reshape(*shape, width, p.shape[-1]) for p in columns.probabilities),
            payoffs=columns.payoffs.reshape(*shape, width, len(players)),
            players=players,
            strategies=strategies,
            tolerance=None,
        )

    def regimes(self) -> None:
        """None: a model solved point by point has no formulas.

        Examples
        --------
        >>> PointModel().regimes() is None
        True
        """
        return None

    def defined_at(self, values: Mapping[str, Any]) -> bool:
        """True: a model solved point by point is taken to exist everywhere.

        Examples
        --------
        >>> PointModel().defined_at({"a": 0})
        True
        """
        return True


class FunctionModel(PointModel):
    """A function ``params -> game`` as a model: each point's game is solved with the usual solver.

    The function takes a dict from parameter name to value and returns a
    numeric :class:`~gametheory.games.normal_form.NormalFormGame` (solved with
    ``nash_equilibria``: one column per support found, labelled like
    ``"US: Restrain; Militia mixes Attack/Hold"``) or a numeric
    :class:`~gametheory.games.extensive_form.ExtensiveFormGame` (solved with
    ``subgame_perfect_equilibria``: one column per pattern of actions used,
    laid out as for :class:`~gametheory.sensitivity.models.TreeModel`). Every
    point must give a game of the same kind, players and strategies.

    Parameters
    ----------
    function : callable
        ``params -> NormalFormGame`` or ``params -> ExtensiveFormGame``.
    fixed : mapping, optional
        Values of fixed parameters, by name.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> model = FunctionModel(lambda p: NormalFormGame.from_bimatrix([[p["a"], 0], [0, 1]], [[1, 0], [0, 1]]))
    >>> [label for _, label, _, _ in model.solve({"a": -1}).equilibria]
    ['Player 1: s2; Player 2: s2']
    """

    source = "the game function"

    def __init__(self, function: Callable[[dict[str, Any]], Any], *, fixed: Mapping[str, Any] | None = None) -> None:
        if not callable(function):
            raise UnsupportedGameError(f"expected a callable params -> game, not {type(function).__name__}")
        super().__init__(fixed=fixed)
        self.function = function

    def __repr__(self) -> str:
        return f"FunctionModel({self.function!r}, fixed={dict(self._fixed)!r})"

    def solve(self, point: dict[str, Any]) -> PointSolution:
        """Build the game at ``point`` and solve it.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> model = FunctionModel(lambda p: NormalFormGame.from_bimatrix([[p["a"]]], [[0]]))
        >>> model.solve({"a": 2}).equilibria[0][3].tolist()
        [2.0, 0.0]
        """
        return solve_game(self.function(dict(point)))


@functools.singledispatch
def solve_game(game: Any) -> PointSolution:
    """The equilibria of a numeric game as a point solution: Nash for matrices, subgame-perfect for trees.

    Raises
    ------
    InvalidGameError
        If ``game`` is neither.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> solve_game(NormalFormGame.from_bimatrix([[1]], [[1]])).kind
    'normal-form games'
    """
    raise InvalidGameError(
        f"the game function returned {type(game).__name__}, not a NormalFormGame or ExtensiveFormGame"
    )


solve_game.register(NormalFormGame, solve_normal_form)
solve_game.register(ExtensiveFormGame, solve_tree)
