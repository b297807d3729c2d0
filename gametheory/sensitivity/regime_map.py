"""Which regime holds where, over two parameters, with the exact boundary curves."""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from gametheory._internal.validation import check_tolerance
from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.subgame_perfect import MERGE
from gametheory.sensitivity._engine import as_name, parameter_names, split_parameters
from gametheory.sensitivity.models import AnalysisModel, as_model
from gametheory.sensitivity.sweep import Sweep, sweep

__all__ = ["Boundary", "RegimeMap", "regime_map"]


@dataclass(frozen=True)
class Boundary:
    """A curve where a branch condition changes sign: the zero set of :attr:`expression`.

    Attributes
    ----------
    expression : sympy.Expr
        A polynomial factor in the two mapped parameters (other parameters
        fixed) whose zero set is the boundary.
    curves : tuple of sympy.Equality
        The boundary solved for ``y`` (``Eq(y, g(x))``, one per solution), or
        for ``x`` when it does not involve ``y`` (a vertical line).
    branches : tuple of str
        Labels of the branches whose conditions contain this boundary.

    Examples
    --------
    >>> import sympy
    >>> R, c = sympy.symbols("R c")
    >>> str(Boundary(R - c, (sympy.Eq(c, R),), ("restraint",)).relation)
    'Eq(R - c, 0)'
    """

    expression: sympy.Expr
    curves: tuple[sympy.Equality, ...]
    branches: tuple[str, ...]

    @property
    def relation(self) -> sympy.Equality:
        """The boundary as the equation ``expression = 0``."""
        return sympy.Eq(self.expression, 0, evaluate=False)


@dataclass(frozen=True, eq=False)
class RegimeMap:
    """The regime at every point of a 2-D grid, with the boundaries between regimes.

    Attributes
    ----------
    x, y : str
        The two mapped parameters.
    x_values, y_values : numpy.ndarray
        Their grid values.
    regime : numpy.ndarray
        Shape ``(len(y_values), len(x_values))`` (image layout: row ``j`` is
        ``y_values[j]``): the regime code at each point.
    regimes : tuple of str
        Label of each regime code (the holding branches joined by ``" | "``;
        their outcomes with ``merge="outcome"``).
    boundaries : tuple of Boundary
        The exact curves, from the branch conditions, across which the
        regime changes somewhere on the grid.
    fixed : mapping
        Values of the other parameters.
    sweep : Sweep
        The underlying sweep over ``(x, y)`` (axis 0 is ``x``), with the
        probabilities and payoffs of every branch.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> result = regime_map(game, x=("R", [0, 1, 2]), y=("c", [0.5, 1.5]))
    >>> result.regime.shape
    (2, 3)
    >>> [str(b.expression) for b in result.boundaries]
    ['R - c']
    """

    x: str
    y: str
    x_values: np.ndarray
    y_values: np.ndarray
    regime: np.ndarray
    regimes: tuple[str, ...]
    boundaries: tuple[Boundary, ...]
    fixed: Mapping[str, Any]
    sweep: Sweep

    def __repr__(self) -> str:
        size = f"{len(self.x_values)} x {len(self.y_values)}"
        counts = f"{len(self.regimes)} regimes, {len(self.boundaries)} boundaries"
        return f"<RegimeMap over {self.x} x {self.y} ({size}): {counts}>"

    def regime_at(self, x: float, y: float) -> str:
        """The label of the regime at the grid point nearest to ``(x, y)``.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([["a - b"], [0]], [[0], [0]])
        >>> regime_map(game, x=("a", [0, 1, 2]), y=("b", [0, 1, 2])).regime_at(2, 0)
        'Player 1: s1; Player 2: s1'
        """
        i = int(np.argmin(np.abs(self.x_values - x)))
        j = int(np.argmin(np.abs(self.y_values - y)))
        return self.regimes[int(self.regime[j, i])]


def regime_map(
    game: NormalFormGame | ExtensiveFormGame | AnalysisModel,
    x: tuple[Any, Iterable[Any]],
    y: tuple[Any, Iterable[Any]],
    *,
    fixed: Mapping[Any, Any] | None = None,
    tol: float | None = None,
    merge: str = "none",
) -> RegimeMap:
    """Map which regime (set of equilibrium branches) holds over two parameters.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame or AnalysisModel
        A model with exact regimes, as for
        :func:`~gametheory.sensitivity.thresholds.thresholds`; the boundaries
        come from the regimes' conditions.
    x, y : tuple
        ``(parameter, values)``: a parameter (name or Symbol) and its 1-D grid.
    fixed : mapping, optional
        Values of every other parameter.
    tol : float, optional
        Passed to :func:`~gametheory.sensitivity.sweep.sweep`.
    merge : {"none", "outcome"}
        ``"none"`` (the default) maps the regimes as they are; ``"outcome"``
        merges the regimes with the same outcome: for a tree, the regimes
        with the same path of play that differ only off it (as
        ``subgame_perfect_regimes(tree, merge="outcome")``), so the map shows
        the distinct outcomes and only the boundaries between them. For
        other models each regime is its own outcome.

    Returns
    -------
    RegimeMap

    Raises
    ------
    ParameterError
        On a malformed axis, an unknown or missing parameter, or ``x == y``.
    InvalidArgumentError
        If ``merge`` is not one of ``"none"``, ``"outcome"``.
    UnsupportedGameError
        If ``game`` is not a parametric two-player game or a model with exact regimes.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]])
    >>> result = regime_map(game, x=("R", [0, 1, 2]), y=("c", [0.5, 1.5]), fixed={})
    >>> result.regime_at(0, 0.5)
    'Player 1: s2; Player 2: s1'
    >>> result.boundaries[0].curves
    (Eq(c, R),)

    A tree: stay-or-withdraw over the reputation cost ``R`` and the loss ``L`` from leaving.

    >>> from gametheory.scenarios import stay_or_withdraw
    >>> tree_map = regime_map(stay_or_withdraw(), x=("R", [1, 3]), y=("L", [1, 5]),
    ...                       fixed={"d": 1, "c": 2, "b": 1, "k": 3, "l": 1, "V": 1})
    >>> tree_map.regime_at(1, 5), tree_map.regime_at(3, 5), tree_map.regime_at(3, 1)
    ('Militia: Attack; US: Absorb', 'Militia: Hold', 'Militia: Attack; US: Withdraw')
    """
    tol = check_tolerance(tol)
    if merge not in MERGE:
        raise InvalidArgumentError(f"merge must be one of {', '.join(map(repr, MERGE))}, not {merge!r}")
    (x_name, x_values), (y_name, y_values) = _axis(x, "x"), _axis(y, "y")
    if x_name == y_name:
        raise ParameterError(f"x and y must be different parameters; both are {x_name}")
    model = as_model(game)
    names = parameter_names(model)
    if names is None:
        raise UnsupportedGameError(
            "regime_map needs exact regimes: a parametric NormalFormGame or ExtensiveFormGame, or a model "
            f"with formulas, not {type(game).__name__} solved point by point"
        )
    fixed_values = split_parameters(names, (x_name, y_name), fixed)
    fixed_model = model.fix(fixed_values)
    regimes = fixed_model.regimes()
    if regimes is None:
        raise UnsupportedGameError(
            f"regime_map needs a parametric model with exact regimes; {type(game).__name__} has none"
        )
    result = sweep(model, {x_name: x_values, y_name: y_values}, fixed=fixed, tol=tol)
    codes, labels = result.regime, result.regimes
    outcome_of = getattr(fixed_model, "outcomes", None)
    outcomes = outcome_of() if merge == "outcome" and outcome_of is not None else {}
    if outcomes:
        codes, labels = merge_outcomes(codes, labels, outcomes)
    regime = np.ascontiguousarray(codes.T)
    regime.flags.writeable = False
    by_name = {s.name: s for s in model.parameters or ()}
    boundaries = boundaries_from_conditions(
        [(outcomes.get(r.label, r.label), r.conditions) for r in regimes],
        by_name[x_name],
        by_name[y_name],
        result,
        codes=codes,
    )
    return RegimeMap(
        x=x_name,
        y=y_name,
        x_values=result.axes[0],
        y_values=result.axes[1],
        regime=regime,
        regimes=labels,
        boundaries=boundaries,
        fixed=types.MappingProxyType(dict(result.fixed)),
        sweep=result,
    )


def _axis(axis: Any, which: str) -> tuple[str, Any]:
    if not isinstance(axis, tuple | list) or len(axis) != 2:
        raise ParameterError(f"{which} must be a pair (parameter, values), not {axis!r}")
    return as_name(axis[0]), axis[1]


def merge_outcomes(
    codes: np.ndarray, labels: Sequence[str], outcomes: Mapping[str, str]
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Regime codes recoded so that regimes holding the same outcomes are one.

    A regime label joins the labels of the columns holding (``" | "``);
    each column label is replaced by its outcome, repeats dropped.

    Examples
    --------
    >>> codes, labels = merge_outcomes(np.array([0, 1, 2, 3]), ["a", "b", "a | b", "c"], {"a": "x", "b": "x", "c": "y"})
    >>> codes.tolist(), labels
    ([0, 0, 0, 1], ('x', 'y'))
    """
    order = {outcome: k for k, outcome in enumerate(dict.fromkeys(outcomes.values()))}
    merged = []
    for label in labels:
        parts = dict.fromkeys(outcomes.get(part, part) for part in label.split(" | "))
        merged.append(" | ".join(sorted(parts, key=lambda part: order.get(part, len(order)))))
    names = tuple(dict.fromkeys(merged))
    table = np.array([names.index(m) for m in merged], dtype=np.intp)
    return table[np.asarray(codes, dtype=np.intp)], names


def boundaries_from_conditions(
    labelled_conditions: Iterable[tuple[str, Any]],
    xs: sympy.Symbol,
    ys: sympy.Symbol,
    result: Sweep,
    *,
    codes: np.ndarray | None = None,
) -> tuple[Boundary, ...]:
    """The exact boundary curves of a regime map, from each regime's (or branch's) conditions.

    Every factor in ``xs`` or ``ys`` of a condition's numerator is a
    candidate curve; only those across which the mapped regime (``codes``,
    by default the sweep's) really changes are kept.
    """
    found: dict[sympy.Expr, list[str]] = {}
    for label, condition in labelled_conditions:
        for relation in sympy.sympify(condition).atoms(sympy.core.relational.Relational):
            numerator = sympy.numer(sympy.together(relation.lhs - relation.rhs))
            for factor, _ in sympy.factor_list(numerator)[1]:
                if not factor.free_symbols & {xs, ys}:
                    continue
                labels = found.setdefault(_canonical(factor), [])
                if label not in labels:
                    labels.append(label)
    x_grid, y_grid = result.coordinates()
    candidates = list(found)
    keep = _separating(candidates, xs, ys, x_grid, y_grid, result.regime if codes is None else codes)
    out = [
        Boundary(expression=expression, curves=_solve(expression, xs, ys), branches=tuple(found[expression]))
        for expression, kept in zip(candidates, keep, strict=True)
        if kept
    ]
    return tuple(sorted(out, key=lambda b: sympy.default_sort_key(b.expression)))


def _canonical(factor: sympy.Expr) -> sympy.Expr:
    # The sign that makes the leading coefficient positive, so R - c and c - R are one boundary.
    expanded = sympy.expand(factor)
    generators = sorted(expanded.free_symbols, key=lambda s: s.name)
    try:
        positive = sympy.Poly(expanded, *generators).LC() > 0
    except sympy.PolynomialError:
        return min(expanded, sympy.expand(-factor), key=sympy.default_sort_key)
    return expanded if positive else sympy.expand(-factor)


def _separating(
    candidates: list[sympy.Expr],
    xs: sympy.Symbol,
    ys: sympy.Symbol,
    x_grid: np.ndarray,
    y_grid: np.ndarray,
    regime: np.ndarray,
) -> list[bool]:
    """Which candidate curves really separate regimes on the grid.

    A curve is kept when, between some pair of neighbouring grid points, it
    is the only candidate that changes sign and the regime changes: so a
    redundant condition that merely runs close to a real boundary is dropped.
    """
    signs = []
    for expression in candidates:
        function = sympy.lambdify((xs, ys), expression, modules=[np])  # not "numpy": that star-imports numpy
        with np.errstate(all="ignore"):
            values = np.broadcast_to(np.asarray(function(x_grid, y_grid), dtype=np.float64), x_grid.shape)
        signs.append(np.sign(values))
    keep = [False] * len(candidates)
    for axis in (0, 1):
        if regime.shape[axis] < 2 or not candidates:
            continue
        crosses = np.stack([np.diff(sign, axis=axis) != 0 for sign in signs])
        alone = crosses & (crosses.sum(axis=0) == 1)
        changes = np.diff(regime, axis=axis) != 0
        for k in range(len(candidates)):
            keep[k] = keep[k] or bool(np.any(alone[k] & changes))
    return keep


def _solve(expression: sympy.Expr, xs: sympy.Symbol, ys: sympy.Symbol) -> tuple[sympy.Equality, ...]:
    for target in (ys, xs):
        if target in expression.free_symbols:
            try:
                solutions = sympy.solve(expression, target)
            except NotImplementedError:
                continue
            real = [s for s in solutions if s.is_real is not False]
            if real:
                return tuple(sympy.Eq(target, s) for s in real)
    return ()
