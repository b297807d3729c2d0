"""Frozen records for equilibria as formulas: :class:`Branch` and its numeric evaluator.

A :class:`Branch` is one family of equilibria of a parametric game: the
probabilities and payoffs as sympy formulas in the parameters, and the
conditions under which those formulas are an equilibrium, as a
:data:`~gametheory.parametric.conditions.Condition` and as the sympy boolean
it displays as. :meth:`Branch.numeric` compiles the formulas once with numpy
so that a sweep over millions of parameter points is a handful of array
operations; conditions are decided by the evaluator of
:mod:`gametheory.parametric.evaluation`, which the sweeps use too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from gametheory._internal.caches import cached
from gametheory._internal.formatting import condition_text, format_mix
from gametheory._internal.notebook import equilibrium_html, equilibrium_latex
from gametheory._internal.parameters import exact_parameter_value, named_values
from gametheory._internal.validation import check_tolerance
from gametheory.exceptions import ParameterError
from gametheory.parametric.conditions import Condition, from_sympy
from gametheory.parametric.evaluation import CompiledConditions, compile_conditions
from gametheory.solvers.results import Equilibrium

__all__ = ["Branch", "NumericBranch"]


@dataclass(frozen=True)
class Branch:
    """One branch of a parametric game's equilibria, as formulas with their region.

    Attributes
    ----------
    support : tuple of tuple of int
        Strategies each player uses with positive probability.
    profile : tuple of tuple of sympy.Expr
        One tuple of probability formulas per player, with one entry per
        pure strategy (zero outside the support), laid out like
        :attr:`Equilibrium.profile <gametheory.solvers.results.Equilibrium.profile>`.
    payoffs : tuple of sympy.Expr
        Each player's expected payoff, in player order.
    conditions : sympy.logic.boolalg.Boolean
        Where the branch is an equilibrium: a simplified combination of
        (in)equalities in the parameters, valid under ``assumptions``.
    label : str
        Readable description, such as ``"US: Restrain; Militia: Attack"`` or
        ``"US mixes Strike/Restrain; Militia mixes Attack/Hold"``. Unique
        within one call: a second branch with the same supports (a
        different formula, on a degenerate boundary) is labelled ``"... #2"``.
    players : tuple of str
        Player names.
    strategies : tuple of tuple of str
        Strategy labels, one tuple per player.
    parameters : tuple of sympy.Symbol
        The game's parameters, in the game's order.
    assumptions : sympy.logic.boolalg.Boolean
        The assumptions the conditions were simplified under (``True`` if
        none). Outside them the conditions may not describe the game.
    condition : Condition or None
        The same conditions as :attr:`conditions`, in the form the numeric
        checks decide (:mod:`gametheory.parametric.conditions`). When not
        given it is read from :attr:`conditions`; None if those are not
        relations between rational functions of the parameters.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> from gametheory.parametric.equilibria import parametric_equilibria
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> first = parametric_equilibria(game)[0]
    >>> first.label, first.conditions
    ('Player 1: s1; Player 2: s1', a >= 0)
    >>> first.holds_at({"a": 2}), first.holds_at({"a": -1})
    (True, False)
    >>> print(parametric_equilibria(game)[-1])
    Player 1 mixes s1/s2; Player 2 mixes s1/s2
      Player 1: s1 1/2, s2 1/2
      Player 2: s1 (p=1/(a + 1)), s2 (p=a/(a + 1))
      payoffs: a/(a + 1), 1/2
      when: a > 0
    """

    support: tuple[tuple[int, ...], ...]
    profile: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    conditions: Boolean
    label: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    parameters: tuple[sympy.Symbol, ...]
    assumptions: Boolean = sympy.true
    condition: Condition | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.condition is None:
            object.__setattr__(self, "condition", _read_condition(self.conditions, self.parameters))

    def __getstate__(self) -> dict[str, Any]:
        # The condition's polynomials do not pickle; it is read back from the sympy conditions.
        state = dict(self.__dict__)
        state["condition"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    @property
    def is_pure(self) -> bool:
        """True when every player uses a single strategy."""
        return all(len(s) == 1 for s in self.support)

    @property
    def when(self) -> str:
        """The conditions as readable mathematics: ``"R > c and b + l = k"`` (``"always"`` when none).

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> [b.when for b in parametric_equilibria(game)]
        ['a >= 0', 'always', 'a = 0', 'a > 0']
        """
        return condition_text(self.conditions)

    def holds_at(self, values: Mapping[Any, Any]) -> bool:
        """Whether the branch is an equilibrium at the given parameter values, decided exactly.

        Parameters
        ----------
        values : mapping
            From each parameter (Symbol or name) to a number. Floats are
            read as the decimals they print as (``0.1`` is 1/10).

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> [b.holds_at({"a": 0}) for b in parametric_equilibria(game)]
        [True, True, True, False]
        """
        mapping = self._exact_values(values)
        if self.condition is None:
            raise ParameterError(f"cannot decide the branch's conditions {self.conditions}")
        compiled = _compiled(self.condition)
        # Each side's exact sign, decided with zero tolerance: an exact decision by the one evaluator.
        signs = [_exact_sign(side, mapping, values) for side in compiled.sides]
        return bool(compiled.decide(signs, [0.0] * len(signs))[0])

    def equilibrium_at(self, values: Mapping[Any, Any]) -> Equilibrium:
        """The branch's equilibrium at the given parameter values, with exact probabilities.

        Raises
        ------
        ParameterError
            If the branch does not hold there, or a value is missing.

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> mixed = parametric_equilibria(game)[-1]
        >>> print(mixed.equilibrium_at({"a": 3}))
        Player 1: s1 1/2, s2 1/2; Player 2: s1 1/4, s2 3/4; payoffs 3/4, 1/2
        """
        if not self.holds_at(values):
            raise ParameterError(f"branch {self.label!r} does not hold at {dict(values)}")
        mapping = self._exact_values(values)
        profile = []
        for row in self.profile:
            array = np.empty(len(row), dtype=object)
            array[:] = [_fraction(p.xreplace(mapping)) for p in row]
            array.flags.writeable = False
            profile.append(array)
        payoffs = np.empty(len(self.payoffs), dtype=object)
        payoffs[:] = [_fraction(v.xreplace(mapping)) for v in self.payoffs]
        payoffs.flags.writeable = False
        return Equilibrium(profile=tuple(profile), payoffs=payoffs, players=self.players, strategies=self.strategies)

    def numeric(self) -> NumericBranch:
        """A vectorised numpy evaluator of this branch (compiled once, then cached).

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> fast = parametric_equilibria(game)[0].numeric()
        >>> fast.condition({"a": [-1.0, 0.0, 2.0]}).tolist()
        [False, True, True]
        """
        return _numeric(self)

    def _exact_values(self, values: Mapping[Any, Any]) -> dict[sympy.Symbol, sympy.Expr]:
        given = named_values(self.parameters, values, require_all=True)
        return {symbol: exact_parameter_value(symbol.name, value) for symbol, value in given.items()}

    def __str__(self) -> str:
        lines = [self.label]
        for name, labels, row, used in zip(self.players, self.strategies, self.profile, self.support, strict=True):
            lines.append(f"  {name}: " + format_mix([labels[i] for i in used], [row[i] for i in used]))
        lines.append("  payoffs: " + ", ".join(str(v) for v in self.payoffs))
        lines.append(f"  when: {condition_text(self.conditions)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        args = (self.players, self.strategies, self.profile, self.support, self.payoffs)
        return equilibrium_html(*args, caption=self.label, conditions=self.conditions)

    def _repr_latex_(self) -> str:
        args = (self.players, self.strategies, self.profile, self.support, self.payoffs)
        return equilibrium_latex(*args, conditions=self.conditions)


@dataclass(frozen=True, eq=False)
class NumericBranch:
    """Numpy functions evaluating a :class:`Branch` over arrays of parameter values.

    Every method takes a mapping from each parameter (Symbol or name) to an
    array; the arrays are broadcast together.

    Attributes
    ----------
    branch : Branch
        The branch compiled.
    names : tuple of str
        Parameter names, in the order of :attr:`Branch.parameters`.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> from gametheory.parametric.equilibria import parametric_equilibria
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> mixed = parametric_equilibria(game)[-1].numeric()
    >>> row, column = mixed.probabilities({"a": [1.0, 3.0]})
    >>> column.tolist()
    [[0.5, 0.5], [0.25, 0.75]]
    >>> mixed.payoffs({"a": [1.0, 3.0]})[:, 0].tolist()
    [0.5, 0.75]
    """

    branch: Branch
    names: tuple[str, ...]
    _probability_functions: tuple[tuple[Callable[..., Any], ...], ...]
    _payoff_functions: tuple[Callable[..., Any], ...]
    _condition_function: Callable[[tuple[np.ndarray, ...], float], np.ndarray]

    def probabilities(self, values: Mapping[Any, Any]) -> tuple[np.ndarray, ...]:
        """One float array per player, of shape ``(*broadcast_shape, n_i)``.

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> row, column = parametric_equilibria(game)[-1].numeric().probabilities({"a": 1.0})
        >>> row.tolist(), column.tolist()
        ([0.5, 0.5], [0.5, 0.5])
        """
        args, shape = self._arguments(values)
        return tuple(
            np.stack([np.broadcast_to(np.asarray(f(*args), dtype=np.float64), shape) for f in row], axis=-1)
            for row in self._probability_functions
        )

    def payoffs(self, values: Mapping[Any, Any]) -> np.ndarray:
        """Expected payoffs, a float array of shape ``(*broadcast_shape, num_players)``.

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> parametric_equilibria(game)[-1].numeric().payoffs({"a": [1.0, 3.0]}).tolist()
        [[0.5, 0.5], [0.75, 0.5]]
        """
        args, shape = self._arguments(values)
        return np.stack(
            [np.broadcast_to(np.asarray(f(*args), dtype=np.float64), shape) for f in self._payoff_functions], axis=-1
        )

    def condition(self, values: Mapping[Any, Any], *, tol: float = 0.0) -> np.ndarray:
        """Boolean array: where the branch's conditions hold.

        Parameters
        ----------
        values : mapping
            Parameter arrays.
        tol : float, optional
            Differences within ``tol`` of zero count as zero (so ``x > y``
            needs ``x - y > tol`` and ``x == y`` needs ``|x - y| <= tol``).
            The default ``0.0`` compares the floats as they are.

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> boundary = parametric_equilibria(game)[2].numeric()  # holds only at a == 0
        >>> boundary.condition({"a": [0.0, 1e-12]}).tolist()
        [True, False]
        >>> boundary.condition({"a": [0.0, 1e-12]}, tol=1e-9).tolist()
        [True, True]
        """
        limit = check_tolerance(tol)
        args, shape = self._arguments(values)
        return np.broadcast_to(self._condition_function(args, 0.0 if limit is None else limit), shape)

    def _arguments(self, values: Mapping[Any, Any]) -> tuple[tuple[np.ndarray, ...], tuple[int, ...]]:
        mapping = named_values(self.branch.parameters, values, require_all=True)
        args = tuple(np.asarray(mapping[p], dtype=np.float64) for p in self.branch.parameters)
        shape = np.broadcast_shapes(*(a.shape for a in args)) if args else ()
        return args, shape


def _fraction(value: sympy.Expr) -> Fraction:
    if not isinstance(value, sympy.Rational):
        raise ParameterError(f"formula evaluated to {value}, not a rational number")
    return Fraction(int(value.p), int(value.q))


def _condition_function(branch: Branch) -> Callable[[tuple[np.ndarray, ...], float], np.ndarray]:
    if branch.condition is None:
        raise ParameterError(f"cannot evaluate condition {branch.conditions} numerically")
    compiled = _compiled(branch.condition)

    def decide(args: tuple[np.ndarray, ...], tol: float) -> np.ndarray:
        values = compiled.values(*args)
        return np.asarray(compiled.decide(values, [tol] * len(values))[0])

    return decide


@cached(maxsize=256)
def _numeric(branch: Branch) -> NumericBranch:
    symbols = branch.parameters

    def compile_expr(expr: sympy.Expr) -> Callable[..., Any]:
        return sympy.lambdify(symbols, expr, modules=[np])  # not "numpy": that star-imports numpy

    probabilities = tuple(tuple(compile_expr(p) for p in row) for row in branch.profile)
    payoffs = tuple(compile_expr(v) for v in branch.payoffs)
    return NumericBranch(
        branch=branch,
        names=tuple(p.name for p in symbols),
        _probability_functions=probabilities,
        _payoff_functions=payoffs,
        _condition_function=_condition_function(branch),
    )


def _read_condition(conditions: Boolean, parameters: tuple[sympy.Symbol, ...]) -> Condition | None:
    try:
        return from_sympy(conditions, parameters)
    except ParameterError:
        return None


@cached(maxsize=256)
def _compiled(condition: Condition) -> CompiledConditions:
    return compile_conditions([condition])


def _exact_sign(factors: Any, mapping: dict[sympy.Symbol, sympy.Expr], values: Any) -> int:
    """The sign of ``prod(g ** m)`` at an exact point."""
    sign = 1
    for g, m in factors:
        ring_symbols = g.ring.symbols
        value = sympy.sympify(g.as_expr()).xreplace({s: mapping.get(s, s) for s in ring_symbols})
        if value.is_zero:
            if m < 0:
                raise ParameterError(f"cannot decide the branch's conditions at {values}: {g.as_expr()} is zero")
            return 0
        if value.is_positive:
            continue
        if value.is_negative:
            sign *= (-1) ** (m % 2)
            continue
        raise ParameterError(f"cannot decide the branch's conditions at {values}: the sign of {value} is unknown")
    return sign
