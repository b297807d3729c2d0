"""Compile a parametric game's branches to numpy once, and evaluate them on whole grids.

The branches of a matrix game come from the derivation behind
``parametric_equilibria``, read as polynomials; a tree's regimes come as
sympy expressions. For speed on millions of points, the distinct sides of
all branch conditions are evaluated once per call (branches share most of
them), and a branch's probability and payoff formulas only when it holds
somewhere. Conditions are decided by the evaluator that
:meth:`NumericBranch.condition <gametheory.parametric.results.NumericBranch.condition>`
uses (:mod:`gametheory.parametric.evaluation`): a difference within ``tol``
of zero counts as zero.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from gametheory._internal.caches import cached
from gametheory._internal.pages import ordinary_pages
from gametheory._internal.parameters import exact_parameter_value
from gametheory._internal.polynomials import rational_function
from gametheory._internal.tolerance import RELATIVE_TOLERANCE
from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.conditions import Atom, Condition, Conj, Disj, from_sympy
from gametheory.parametric.derivation import derive
from gametheory.parametric.evaluation import CompiledConditions, compile_conditions

__all__ = [
    "Columns",
    "CompiledGame",
    "compile_expressions",
    "compile_fixed",
    "compile_game",
    "default_tolerance",
    "evaluate",
    "fixed_game",
    "numpy_function",
]


@dataclass(frozen=True)
class Columns:
    """Equilibria at many points, one column per branch that holds somewhere.

    ``holds`` has shape ``shape + (B,)``, each player's probabilities
    ``shape + (B, n_i)``, payoffs ``shape + (B, N)``; NaN where a column does not hold.
    """

    labels: tuple[str, ...]
    holds: np.ndarray
    probabilities: tuple[np.ndarray, ...]
    payoffs: np.ndarray


@dataclass(frozen=True, eq=False)
class CompiledGame:
    """A parametric game's branches, with their conditions and formulas compiled to numpy.

    ``conditions`` decides every branch's condition at once, and
    ``formulas[b](*args)`` gives branch ``b``'s flat probabilities (player by
    player), then its payoffs; ``args`` are the parameters ``names``.
    """

    names: tuple[str, ...]
    labels: tuple[str, ...]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    conditions: CompiledConditions
    formulas: tuple[Callable[..., list[Any]], ...]


@cached(maxsize=16)
def compile_game(game: NormalFormGame) -> CompiledGame:
    """Derive the branches of ``game`` once and compile them (cached per game).

    The polynomials of the derivation are evaluated directly: the readable
    sympy forms of ``parametric_equilibria`` are not needed for numbers.
    """
    derivation = derive(game)  # its polynomial variables are the game's parameters, in order
    return CompiledGame(
        names=tuple(s.name for s in game.parameters),
        labels=_unique_labels([b.label for b in derivation.branches]),
        players=game.players,
        strategies=game.strategies,
        conditions=compile_conditions(b.condition for b in derivation.branches),
        formulas=tuple(
            rational_function([p for player in b.profile for p in player] + list(b.payoffs))
            for b in derivation.branches
        ),
    )


def compile_expressions(
    symbols: tuple[sympy.Symbol, ...],
    labels: list[str],
    conditions: list[Any],
    formulas: list[list[sympy.Expr]],
    players: tuple[str, ...],
    strategies: tuple[tuple[str, ...], ...],
) -> CompiledGame:
    """Compile branches given as conditions and formulas (flat probabilities, then payoffs).

    Each condition is a :data:`~gametheory.parametric.conditions.Condition`
    on polynomials in ``symbols``, or a sympy boolean of relations between
    rational functions of ``symbols``.
    """
    return CompiledGame(
        names=tuple(s.name for s in symbols),
        labels=_unique_labels(labels),
        players=players,
        strategies=strategies,
        conditions=compile_conditions(_condition(c, symbols) for c in conditions),
        formulas=tuple(_lazy_numpy_function(symbols, exprs) for exprs in formulas),
    )


def _condition(condition: Any, symbols: tuple[sympy.Symbol, ...]) -> Condition:
    if isinstance(condition, bool | Atom | Conj | Disj):
        return condition
    try:
        return from_sympy(condition, symbols)
    except (ParameterError, sympy.SympifyError):
        raise UnsupportedGameError(f"cannot evaluate the branch condition {condition} numerically") from None


def _lazy_numpy_function(symbols: tuple[sympy.Symbol, ...], exprs: list[sympy.Expr]) -> Callable[..., list[Any]]:
    # Compiled on first use: most branches hold nowhere on a given grid.
    compiled: list[Callable[..., list[Any]]] = []

    def evaluate_all(*args: Any) -> list[Any]:
        if not compiled:
            compiled.append(numpy_function(symbols, [sympy.sympify(e) for e in exprs]))
        return compiled[0](*args)

    return evaluate_all


def numpy_function(symbols: tuple[sympy.Symbol, ...], exprs: list[sympy.Expr]) -> Callable[..., list[Any]]:
    """A numpy function of ``symbols`` returning the value of each expression, like ``sympy.lambdify``.

    Branch formulas are rational functions, so a walk over the expression
    trees does; it costs nothing to build, whereas ``lambdify`` prints and
    compiles source code (about a millisecond per call, which dominated the
    time of a sweep). Anything else falls back to ``lambdify``.

    Examples
    --------
    >>> import numpy as np, sympy
    >>> R, c = sympy.symbols("R c")
    >>> probability, constant = numpy_function((R, c), [c / R, sympy.Rational(1, 2)])(np.array([2.0, 4.0]), 1.0)
    >>> probability.tolist(), float(constant)
    ([0.5, 0.25], 0.5)
    """
    known = set(symbols)
    if not all(_rational_tree(expr) and expr.free_symbols <= known for expr in exprs):
        # The module itself, not "numpy": lambdify would star-import numpy, whose lazy
        # submodules (f2py, testing, ...) cost about 0.3 s on a process's first call.
        function = sympy.lambdify(symbols, exprs, modules=[np])
        return lambda *args: list(function(*args))

    def evaluate_all(*args: Any) -> list[Any]:
        memo: dict[sympy.Basic, Any] = dict(zip(symbols, args, strict=True))
        return [_numeric(expr, memo) for expr in exprs]

    return evaluate_all


@cached(maxsize=1024)
def _rational_tree(expr: sympy.Basic) -> bool:
    if isinstance(expr, sympy.Symbol | sympy.Number):
        return bool(expr.is_finite) and not isinstance(expr, sympy.core.numbers.ImaginaryUnit)
    if isinstance(expr, sympy.Pow):
        return expr.exp.is_Integer and _rational_tree(expr.base)
    if isinstance(expr, sympy.Add | sympy.Mul):
        return all(_rational_tree(arg) for arg in expr.args)
    return False


def _numeric(expr: sympy.Basic, memo: dict[sympy.Basic, Any]) -> Any:
    found = memo.get(expr)
    if found is not None:
        return found
    if isinstance(expr, sympy.Number):
        value: Any = np.float64(float(expr))
    elif isinstance(expr, sympy.Add):
        value = functools.reduce(np.add, [_numeric(arg, memo) for arg in expr.args])
    elif isinstance(expr, sympy.Mul):
        # Divide by the factors with negative exponents, as the printed formula c/R would.
        numerator, denominator = [], []
        for arg in expr.args:
            if isinstance(arg, sympy.Pow) and arg.exp.is_negative:
                denominator.append(arg.base if arg.exp == -1 else arg.base ** (-arg.exp))
            elif isinstance(arg, sympy.Rational) and arg.q != 1:
                numerator.append(sympy.Integer(arg.p))
                denominator.append(sympy.Integer(arg.q))
            else:
                numerator.append(arg)
        top = functools.reduce(np.multiply, [_numeric(arg, memo) for arg in numerator], np.float64(1.0))
        value = top / functools.reduce(np.multiply, [_numeric(arg, memo) for arg in denominator], np.float64(1.0))
    else:  # an integer power of a rational tree
        assert isinstance(expr, sympy.Pow)
        base = _numeric(expr.base, memo)
        exponent = int(expr.exp)
        value = np.float64(1.0) / base ** (-exponent) if exponent < 0 else base**exponent
    memo[expr] = value
    return value


def compile_fixed(game: NormalFormGame, fixed: Mapping[str, Any]) -> CompiledGame:
    """Compile ``game`` with the ``fixed`` parameters substituted first.

    Fewer free parameters make the derivation several times faster and the
    conditions shorter. If fixing leaves no parameter (they cancel), the full
    game is compiled instead.
    """
    return compile_game(fixed_game(game, fixed))


def fixed_game(game: NormalFormGame, fixed: Mapping[str, Any]) -> NormalFormGame:
    """``game`` with the ``fixed`` values substituted exactly, unless that leaves no parameter.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["a + b", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> fixed_game(game, {"b": 0.5}).parameters
    (a,)
    """
    # The type is part of the key: 0.1 == Fraction(0.1), but they fix different exact values.
    key = tuple(sorted((name, type(value), value) for name, value in fixed.items()))
    try:
        return _fixed_game(game, key)
    except TypeError:  # an unhashable value: substitute without the cache
        return _fixed_game.__wrapped__(game, key)


@cached(maxsize=32)
def _fixed_game(game: NormalFormGame, fixed: tuple[tuple[str, type, Any], ...]) -> NormalFormGame:
    # Cached: substituting into every payoff and validating the new game costs more than a warm sweep's formulas.
    exact = {name: exact_parameter_value(name, value) for name, _, value in fixed}
    target = game.fix_parameters(exact) if exact else game
    return target if target.is_parametric else game


def _unique_labels(labels: list[str]) -> tuple[str, ...]:
    # Two branches may share a support (and so a label); number the repeats.
    out: list[str] = []
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return tuple(out)


def default_tolerance(values: Mapping[str, np.ndarray]) -> float:
    """Tolerance for deciding branch conditions in floats.

    ``1e-9`` times the largest parameter magnitude, and at least ``1e-9``.
    """
    scale = max((float(np.max(np.abs(v))) for v in values.values() if np.size(v)), default=0.0)
    return 1e-9 * max(1.0, scale)


# Points per block of the grid: every temporary of one block is small and reused from the heap, so a
# sweep maps fresh memory only for its results (page faults on fresh memory dominated cold sweeps).
BLOCK_POINTS = 1 << 16


def _masks(
    compiled: CompiledGame, args: list[np.ndarray], shape: tuple[int, ...], tol: float | None
) -> list[np.ndarray]:
    """Where each branch's condition holds (boolean arrays of ``shape``).

    With ``tol=None`` each side is decided relative to its own scale: its
    value counts as zero within ``RELATIVE_TOLERANCE`` times the sum of the
    absolute values of its terms, at each point.
    """
    conditions = compiled.conditions
    if not conditions.conditions:
        return []
    values = conditions.values(*args)
    limits: list[Any]
    if tol is None:
        limits = [RELATIVE_TOLERANCE * np.asarray(m, dtype=np.float64) for m in conditions.magnitudes(*args)]
    else:
        limits = [tol] * len(values)
    return [np.broadcast_to(mask, shape) for mask in conditions.decide(values, limits)]


def _blocks(args: list[np.ndarray], shape: tuple[int, ...]) -> list[tuple[Any, list[np.ndarray], tuple[int, ...]]]:
    """Slices of the grid's first axis of about ``BLOCK_POINTS`` points, with the arguments cut to each."""
    if not shape:
        return [(Ellipsis, args, shape)]
    rows = max(1, BLOCK_POINTS // max(1, math.prod(shape[1:])))
    out = []
    for start in range(0, shape[0], rows):
        cut = slice(start, min(start + rows, shape[0]))
        # An argument varying along the first axis is cut; one that broadcasts along it is shared.
        block_args = [a[cut] if a.ndim == len(shape) and a.shape[0] != 1 else a for a in args]
        out.append((cut, block_args, (cut.stop - cut.start, *shape[1:])))
    return out


def evaluate(
    compiled: CompiledGame, values: Mapping[str, np.ndarray], shape: tuple[int, ...], *, tol: float | None = None
) -> Columns:
    """Evaluate every branch on arrays of parameter values (keyed by name) that broadcast to ``shape``.

    Only the branches that hold somewhere become columns. A branch
    condition's difference within ``tol`` (absolute) of zero counts as zero:
    on a boundary hit up to rounding, strict inequalities fail and equalities
    hold, as they do exactly. By default (``tol=None``) each condition is
    decided on its own scale: within ``1e-9`` times the sum of the absolute
    values of its terms at that point, so a player's large payoffs never
    swamp another player's conditions.

    The grid is evaluated in blocks of about ``BLOCK_POINTS`` points, each
    written straight into the results, so no temporary spans the grid.
    """
    tol = None if tol is None else float(tol)
    args = [np.asarray(values[name], dtype=np.float64) for name in compiled.names]
    blocks = _blocks(args, shape)
    with np.errstate(all="ignore"):
        # First pass: the conditions, keeping each block's masks only for the branches holding in it.
        held: list[dict[int, np.ndarray]] = []
        anywhere: set[int] = set()
        for _, block_args, block_shape in blocks:
            found = {b: mask for b, mask in enumerate(_masks(compiled, block_args, block_shape, tol)) if mask.any()}
            anywhere.update(found)
            held.append(found)
        active = sorted(anywhere)
        width = len(active)
        # Filled branch-major, so every write is contiguous; the records expose
        # views with the branch and strategy axes last.
        # On ordinary pages: a fresh process's first touch of huge pages can stall (see _internal.pages).
        holds = ordinary_pages((width, *shape), dtype=bool)
        probabilities = [ordinary_pages((width, len(s), *shape)) for s in compiled.strategies]
        payoffs = ordinary_pages((width, len(compiled.players), *shape))
        targets = [(player, s) for player, labels in enumerate(compiled.strategies) for s in range(len(labels))]
        for (cut, block_args, block_shape), found in zip(blocks, held, strict=True):
            offset = np.empty(block_shape)
            for k, b in enumerate(active):
                mask = found.get(b)
                if mask is None:  # the branch holds nowhere in this block
                    holds[k, cut] = False
                    for player, s in targets:
                        probabilities[player][k, s, cut] = np.nan
                    payoffs[k, :, cut] = np.nan
                    continue
                holds[k, cut] = mask
                # Adding 0 where the branch holds and NaN elsewhere masks it in one pass,
                # and also turns the -0.0 of formulas such as -R*0 into 0.0.
                np.copyto(offset, np.nan)
                np.copyto(offset, 0.0, where=mask)
                outputs = iter(compiled.formulas[b](*block_args))
                for player, s in targets:
                    np.add(next(outputs), offset, out=probabilities[player][k, s, cut])
                for player in range(len(compiled.players)):
                    np.add(next(outputs), offset, out=payoffs[k, player, cut])
    last = (-2, -1)
    return Columns(
        tuple(compiled.labels[b] for b in active),
        np.moveaxis(holds, 0, -1),
        tuple(np.moveaxis(p, (0, 1), last) for p in probabilities),
        np.moveaxis(payoffs, (0, 1), last),
    )
