"""The adapter for parametric trees with imperfect information: their perfect Bayesian regimes.

The columns are the regimes of
:func:`~gametheory.parametric.perfect_bayesian.perfect_bayesian_regimes`
(pure profiles, laid out as in :mod:`gametheory.sensitivity.models.trees`:
each player's actions at each of its information sets). A parameter that is
a chance probability has the bounds ``[0, 1]`` (:attr:`PerfectBayesianModel.bounds`);
every regime's conditions include them, so no regime holds outside them and
``thresholds`` reports no threshold beyond them (at most one at the bound itself,
where the regimes stop).

*Points the formulas do not cover.* The regimes cover pure profiles and the
closed-form semi-separating ones (see ``perfect_bayesian_regimes``). At a
point where no regime holds (a fully mixed equilibrium, say), the model does
not report "no equilibrium": it solves that point exactly with
:func:`~gametheory.solvers.perfect_bayesian.perfect_bayesian_equilibria` and
adds a column per kind of equilibrium found there, labelled by the actions
used (``"A mixes x/y; B mixes u/w"``). Those columns have no formulas, so
:meth:`PerfectBayesianModel.regimes` does not list them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import sympy

from gametheory._internal.caches import cached
from gametheory._internal.parameters import exact_parameter_value
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode
from gametheory.parametric.perfect_bayesian import PerfectBayesianRegime, perfect_bayesian_regimes
from gametheory.sensitivity._compile import CompiledGame, compile_expressions
from gametheory.sensitivity._engine import grid_points, solve_points
from gametheory.sensitivity.models._base import GameModel
from gametheory.sensitivity.models._formulas import evaluate_formulas
from gametheory.sensitivity.models.protocol import Evaluation, PointSolution, Regime
from gametheory.sensitivity.models.trees import behavior_columns, behavior_strategies, tree_defined_at
from gametheory.solvers.perfect_bayesian import perfect_bayesian_equilibria

__all__ = ["PerfectBayesianModel"]


class PerfectBayesianModel(GameModel):
    """A parametric tree with imperfect information (a signalling game, say) as a model.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A parametric tree with perfect recall, in the class
        :func:`~gametheory.parametric.perfect_bayesian.perfect_bayesian_regimes` covers.
    assume : optional
        Assumptions on the parameters, as for ``perfect_bayesian_regimes``.
    fixed : mapping, optional
        Values of fixed parameters, by name (see :meth:`fix`).

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory.scenarios import militia_control
    >>> model = PerfectBayesianModel(militia_control()).fix(
    ...     {"c": 1, "m": 1, "g": 1, "e": 3, "k": 1, "l": 2, "R": 3})
    >>> model.bounds
    {'p': (0, 1)}
    >>> model.evaluate({"p": np.array([0.2, 0.8])}, (2,)).holds.tolist()
    [[False, True], [True, False]]
    """

    def __init__(self, tree: ExtensiveFormGame, *, assume: Any = None, fixed: Mapping[str, Any] | None = None) -> None:
        super().__init__(tree, fixed=fixed)
        self._assume = assume

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The parameters not fixed (error unless the tree is parametric)."""
        if not self._game.is_parametric:
            raise UnsupportedGameError("the tree has no parameters; sensitivity analysis needs a parametric tree")
        return self._free()

    @property
    def bounds(self) -> dict[str, tuple[int, int]]:
        """The free parameters that are chance probabilities, each with its bounds ``(0, 1)``.

        Examples
        --------
        >>> from gametheory.scenarios import militia_control
        >>> PerfectBayesianModel(militia_control()).bounds
        {'p': (0, 1)}
        """
        free = {p.name for p in self.parameters}
        out: dict[str, tuple[int, int]] = {}
        for position in self._game.positions:
            if isinstance(position.node, ChanceNode):
                for probability in position.node.probabilities:
                    if isinstance(probability, sympy.Symbol) and probability.name in free:
                        out[probability.name] = (0, 1)
        return out

    def evaluate(
        self,
        values: Mapping[str, np.ndarray],
        shape: tuple[int, ...],
        *,
        tol: float | None = None,
        executor: Any = None,
        progress: Callable[..., Iterable[Any]] | None = None,
    ) -> Evaluation:
        """Decide every regime on arrays of values that broadcast to ``shape`` (``executor``, ``progress`` unused).

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory.scenarios import militia_control
        >>> model = PerfectBayesianModel(militia_control()).fix({"c": 1, "m": 1, "g": 1, "e": 3, "k": 1, "l": 2})
        >>> model.evaluate({"p": np.array([0.3]), "R": np.array([9.0])}, (1,)).holds.tolist()
        [[True]]
        """
        compiled = _compile(self._fixed_game(), self._fixed_assumptions())
        formulas = evaluate_formulas(
            compiled, self._game.parameters, self._fixed, values, shape, tol, self._game.players
        )
        uncovered = np.asarray(~formulas.holds.any(axis=-1), dtype=bool)
        if not uncovered.any():
            return formulas
        # Solve the points no regime covers one by one, rather than report "no equilibrium" there.
        where = np.flatnonzero(uncovered.ravel())
        subset = {name: np.broadcast_to(np.asarray(array), shape).ravel()[where] for name, array in values.items()}
        points = [point | dict(self._fixed) for point in grid_points(subset, (len(where),))]
        solve = functools.partial(_solve_point, self._game)
        columns, _, _ = solve_points(solve, points, executor=executor, progress=progress, source="the tree")
        return _with_columns(formulas, uncovered, columns)

    def regimes(self) -> tuple[Regime, ...]:
        """The perfect Bayesian regimes with the fixed values substituted, exactly.

        Examples
        --------
        >>> from gametheory.scenarios import militia_control
        >>> model = PerfectBayesianModel(militia_control()).fix({"c": 1, "m": 1, "g": 1, "e": 3, "k": 1, "l": 2})
        >>> [str(r.conditions) for r in model.regimes()]
        ['(p < 1) & (R*p + p >= 2)', '(R <= 1) & (p < 1)', '(R > 1) & (p < 1) & (R*p + p < 2)']
        """
        tree = self._fixed_game()
        strategies = behavior_strategies(tree)
        compiled = _compile(tree, self._fixed_assumptions())
        out = []
        for label, regime in zip(compiled.labels, _regimes(tree, self._fixed_assumptions()), strict=True):
            profile = tuple(tuple(row) for row in _flat_profile(tree, regime, strategies))
            out.append(
                Regime(
                    label,
                    regime.conditions,
                    profile,
                    tuple(regime.payoffs),
                    tree.players,
                    strategies,
                    self.parameters,
                )
            )
        return tuple(out)

    def defined_at(self, values: Mapping[str, Any]) -> bool:
        """False where a payoff or chance probability has a pole at these exact values.

        Examples
        --------
        >>> from gametheory.scenarios import militia_control
        >>> PerfectBayesianModel(militia_control(reputation_cost=sympy.sympify("1/x"))).defined_at({"x": 0})
        False
        """
        return tree_defined_at(self._fixed_game(), values)

    def _fixed_assumptions(self) -> Any:
        """The assumptions on the parameters still free (those on fixed ones are dropped)."""
        assume = self._assume
        if assume is None or not self._fixed:
            return _hashable(assume)
        if isinstance(assume, Mapping):
            return _hashable({k: v for k, v in assume.items() if getattr(k, "name", str(k)) not in self._fixed})
        return _hashable(assume)


def _solve_point(tree: ExtensiveFormGame, point: dict[str, Any]) -> PointSolution:
    """The perfect Bayesian equilibria at one point (exact values), as point-solution columns."""
    exact = {name: exact_parameter_value(name, value) for name, value in point.items()}
    return solve_perfect_bayesian(tree.fix_parameters(exact))


def solve_perfect_bayesian(tree: ExtensiveFormGame) -> PointSolution:
    """The perfect Bayesian equilibria of a numeric tree, laid out as sweep columns (keyed by the actions used).

    Examples
    --------
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> tree = ExtensiveFormGame(decision("A", {
    ...     "x": decision("B", {"u": terminal(1, 0), "w": terminal(0, 1)}, infoset="b"),
    ...     "y": decision("B", {"u": terminal(0, 1), "w": terminal(1, 0)}, infoset="b")}), players=("A", "B"))
    >>> [label for _, label, _, _ in solve_perfect_bayesian(tree).equilibria]
    ['A mixes x/y; B mixes u/w']
    """
    return behavior_columns(tree, [(eq.profile, eq.payoffs) for eq in perfect_bayesian_equilibria(tree)])


def _with_columns(formulas: Evaluation, uncovered: np.ndarray, solved: Any) -> Evaluation:
    """``formulas`` with the columns solved at the ``uncovered`` points appended (labels kept distinct)."""
    shape = uncovered.shape
    taken = set(formulas.labels)
    labels = tuple(label if label not in taken else f"{label} (solved at the point)" for label in solved.labels)
    width = len(labels)
    holds = np.zeros((*shape, width), dtype=bool)
    holds[uncovered] = solved.holds
    probabilities = []
    for mine, theirs in zip(formulas.probabilities, solved.probabilities, strict=True):
        extra = np.full((*shape, width, mine.shape[-1]), np.nan)
        extra[uncovered] = theirs
        probabilities.append(np.concatenate([mine, extra], axis=-2))
    payoffs = np.full((*shape, width, formulas.payoffs.shape[-1]), np.nan)
    payoffs[uncovered] = solved.payoffs
    return Evaluation(
        labels=formulas.labels + labels,
        holds=np.concatenate([formulas.holds, holds], axis=-1),
        probabilities=tuple(probabilities),
        payoffs=np.concatenate([formulas.payoffs, payoffs], axis=-2),
        players=formulas.players,
        strategies=formulas.strategies,
        tolerance=formulas.tolerance,
    )


def _hashable(assume: Any) -> Any:
    if isinstance(assume, Mapping):
        items = ((getattr(k, "name", str(k)), tuple(v) if isinstance(v, list) else v) for k, v in assume.items())
        return tuple(sorted(items, key=lambda kv: kv[0]))
    if isinstance(assume, list):
        return tuple(assume)
    return assume


def _unhash(assume: Any) -> Any:
    if isinstance(assume, tuple) and all(isinstance(item, tuple) and len(item) == 2 for item in assume):
        return dict(assume)
    return assume


@cached(maxsize=16)
def _regimes(tree: ExtensiveFormGame, assume: Any) -> tuple[PerfectBayesianRegime, ...]:
    return perfect_bayesian_regimes(tree, assume=_unhash(assume))


def _flat_profile(
    tree: ExtensiveFormGame, regime: PerfectBayesianRegime, strategies: tuple[tuple[str, ...], ...]
) -> list[list[sympy.Expr]]:
    """The regime's behaviour as flat rows per player (each player's sets one after another)."""
    rows: list[list[sympy.Expr]] = [[] for _ in strategies]
    for infoset, vector in zip(tree.information_sets, regime.profile, strict=True):
        rows[infoset.player].extend(vector)
    return rows


@cached(maxsize=16)
def _compile(tree: ExtensiveFormGame, assume: Any) -> CompiledGame:
    regimes = _regimes(tree, assume)
    strategies = behavior_strategies(tree)
    formulas = []
    for regime in regimes:
        profile = _flat_profile(tree, regime, strategies)
        formulas.append([p for row in profile for p in row] + list(regime.payoffs))
    return compile_expressions(
        tuple(tree.parameters),
        [r.label for r in regimes],
        [r.conditions for r in regimes],
        formulas,
        tree.players,
        strategies,
    )
