"""The adapter for parametric normal-form games: their equilibrium branches, as formulas."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import sympy

from gametheory._internal.parameters import exact_parameter_value
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.sensitivity._compile import compile_fixed, fixed_game
from gametheory.sensitivity._engine import support_label
from gametheory.sensitivity.models._base import GameModel
from gametheory.sensitivity.models._formulas import evaluate_formulas
from gametheory.sensitivity.models.protocol import Evaluation, PointSolution, Regime
from gametheory.solvers import nash_equilibria

__all__ = ["NormalFormModel", "solve_normal_form"]


class NormalFormModel(GameModel):
    """A two-player parametric :class:`~gametheory.games.normal_form.NormalFormGame` as an analysis model.

    Its columns are the branches of
    :func:`~gametheory.parametric.equilibria.parametric_equilibria`: they are
    derived once for the game with the fixed values substituted (floats read
    by their decimal repr, so ``0.1`` is 1/10), and their formulas and
    conditions are evaluated on whole arrays with numpy, so nothing is solved
    point by point. ``probabilities[i]`` holds player ``i``'s mixed strategy
    in each branch.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with parameters.
    fixed : mapping, optional
        Values of fixed parameters, by name (see :meth:`fix`).

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> model = NormalFormModel(game).fix({"c": 1})
    >>> model.parameters
    (R,)
    >>> model.evaluate({"R": np.array([0.5, 2.0])}, (2,)).labels
    ('Player 1: s1; Player 2: s1', 'Player 1: s2; Player 2: s1')
    """

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The parameters not fixed (error if the game is not a two-player parametric game)."""
        game = self._game
        if not game.is_parametric:
            raise UnsupportedGameError("the game has no parameters; sensitivity analysis needs a parametric game")
        if game.num_players != 2:
            raise UnsupportedGameError(
                f"parametric analysis handles two-player games; this game has {game.num_players}"
            )
        return self._free()

    def evaluate(
        self,
        values: Mapping[str, np.ndarray],
        shape: tuple[int, ...],
        *,
        tol: float | None = None,
        executor: Any = None,
        progress: Callable[..., Iterable[Any]] | None = None,
    ) -> Evaluation:
        """Decide every branch on arrays of values that broadcast to ``shape`` (``executor``, ``progress`` unused).

        A branch condition's two sides count as equal within ``tol``
        (absolute); by default within ``1e-9`` times the sum of the absolute
        values of its terms at each point, so one player's large payoffs
        never swamp another player's conditions.

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a"], [0]], [[0], [0]])
        >>> NormalFormModel(game).evaluate({"a": np.array([-1.0, 0.0])}, (2,), tol=0.5).holds.tolist()
        [[False, True], [True, True]]
        """
        compiled = compile_fixed(self._game, self._fixed)
        return evaluate_formulas(compiled, self._game.parameters, self._fixed, values, shape, tol, self._game.players)

    def regimes(self) -> tuple[Regime, ...]:
        """The branches of the game with the fixed values substituted, exactly.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a - b"], [0]], [[0], [0]])
        >>> [str(r.conditions) for r in NormalFormModel(game).fix({"b": 1}).regimes()]
        ['a >= 1', 'a <= 1']
        """
        by_name = {s.name: s for s in self._game.parameters}
        mapping = {by_name[name]: exact_parameter_value(name, value) for name, value in self._fixed.items()}
        free = self.parameters
        return tuple(
            Regime(
                label=branch.label,
                conditions=sympy.sympify(branch.conditions).xreplace(mapping),
                profile=tuple(tuple(sympy.sympify(p).xreplace(mapping) for p in row) for row in branch.profile),
                payoffs=tuple(sympy.sympify(v).xreplace(mapping) for v in branch.payoffs),
                players=branch.players,
                strategies=branch.strategies,
                parameters=free,
            )
            for branch in parametric_equilibria(fixed_game(self._game, self._fixed))
        )

    def defined_at(self, values: Mapping[str, Any]) -> bool:
        """False where a payoff has a pole at these exact values (with the fixed ones).

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["1/(x - y)"], [0]], [[0], [0]])
        >>> NormalFormModel(game).fix({"y": 1}).defined_at({"x": 1})
        False
        """
        by_name = {s.name: s for s in self._game.parameters}
        given = {**self._fixed, **values}
        mapping = {by_name[name]: exact_parameter_value(name, value) for name, value in given.items()}
        return not any(
            sympy.sympify(payoff).xreplace(mapping).has(sympy.zoo, sympy.nan, sympy.oo)
            for payoff in self._game.payoffs.flat
        )


def solve_normal_form(game: NormalFormGame) -> PointSolution:
    """Every Nash equilibrium of a numeric game, laid out as sweep columns (one key per support).

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> solution = solve_normal_form(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    >>> sorted(label for _, label, _, _ in solution.equilibria)
    ['Player 1 mixes s1/s2; Player 2 mixes s1/s2', 'Player 1: s1; Player 2: s1', 'Player 1: s2; Player 2: s2']
    """
    found = tuple(
        (
            # Columns ordered by support size (pure first), then by support.
            (tuple(len(s) for s in eq.support), eq.support),
            support_label(eq.support, game.players, game.strategies),
            eq.as_float(),
            np.asarray(eq.payoffs, dtype=np.float64),
        )
        for eq in nash_equilibria(game)
    )
    return PointSolution(game.players, game.strategies, found, kind="normal-form games")
