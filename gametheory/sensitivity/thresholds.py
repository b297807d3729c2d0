"""Exact thresholds: the parameter values at which a game's equilibria change.

With every other parameter fixed, each regime condition of the model (the
branches of :func:`~gametheory.parametric.equilibria.parametric_equilibria`,
the regimes of a tree, ...) becomes a condition in one parameter. Its (in)equalities can only change truth at the
real roots of their polynomials; those roots are the candidate thresholds.
A candidate is kept only when the set of branches that hold just below it,
at it, or just above it really differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from gametheory._internal.limits import check_time, time_limit_scope
from gametheory._internal.names import normalize_name
from gametheory._internal.parameters import exact_parameter_value
from gametheory.exceptions import ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity._engine import spelled_as
from gametheory.sensitivity._threshold_line import LineConditions, exact_fraction
from gametheory.sensitivity.models import AnalysisModel, as_model

__all__ = ["Threshold", "thresholds"]


@dataclass(frozen=True)
class Threshold:
    """A value of a parameter at which the equilibria change.

    Attributes
    ----------
    parameter : sympy.Symbol
        The parameter that moves.
    value : sympy.Expr
        The exact threshold (a rational or an algebraic number).
    below, at, above : tuple of str or None
        Labels of the branches that hold just below the threshold, at it,
        and just above it. ``below`` or ``above`` is ``None`` when that side
        lies outside the parameter's domain (for example below 0 for a
        positive parameter); ``at`` is ``None`` when a payoff has a pole
        there (such as ``1/x`` at ``x = 0``), so the game does not exist.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> (only,) = thresholds(game, "a", fixed={})
    >>> only.value, only.above
    (0, ('Player 1: s1; Player 2: s1', 'Player 1: s2; Player 2: s2', 'Player 1 mixes s1/s2; Player 2 mixes s1/s2'))
    >>> print(only)
    a = 0
      below: Player 1: s2; Player 2: s2
      at: Player 1: s1; Player 2: s1 | Player 1: s2; Player 2: s2 | Player 1 mixes s1/s2; Player 2: s1
      above: Player 1: s1; Player 2: s1 | Player 1: s2; Player 2: s2 | Player 1 mixes s1/s2; Player 2 mixes s1/s2
    """

    parameter: sympy.Symbol
    value: sympy.Expr
    below: tuple[str, ...] | None
    at: tuple[str, ...] | None
    above: tuple[str, ...] | None

    def __float__(self) -> float:
        return float(self.value)

    def __str__(self) -> str:
        def show(labels: tuple[str, ...] | None) -> str:
            if labels is None:
                return "(no game here)"
            return " | ".join(labels) if labels else "no equilibrium"

        return (
            f"{self.parameter} = {self.value}\n  below: {show(self.below)}\n  at: {show(self.at)}\n"
            f"  above: {show(self.above)}"
        )


def thresholds(
    game: NormalFormGame | ExtensiveFormGame | AnalysisModel,
    parameter: Any,
    *,
    fixed: Mapping[Any, Any],
    interval: Sequence[Any] | None = None,
    time_limit: float | None = None,
) -> tuple[Threshold, ...]:
    """The exact values of ``parameter`` at which the equilibria of ``game`` change.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame or AnalysisModel
        A model with exact regimes (see :func:`~gametheory.sensitivity.models.as_model`):
        a two-player parametric game (its equilibrium branches), a parametric
        perfect-information tree (its subgame-perfect regimes), or a model
        whose :meth:`~gametheory.sensitivity.models.AnalysisModel.regimes` are not None.
    parameter : sympy.Symbol or str
        The parameter that moves.
    fixed : mapping
        A value for every other parameter (Symbol or name to number).
        Floats are read as the decimals they print as (``0.1`` is 1/10).
    interval : (low, high), optional
        Only report thresholds with ``low <= value <= high``; either bound
        may be None. By default the whole real line (or the parameter's
        domain, when its symbol is positive or non-negative). A model that
        declares open bounds for a parameter (``model.bounds``, as
        :class:`~gametheory.sensitivity.models.PerfectBayesianModel` does for a
        chance probability: ``(0, 1)``) gets thresholds strictly inside them.
    time_limit : float, optional
        Seconds after which to stop with :class:`~gametheory.exceptions.ResourceLimitError`,
        deriving the branches included; the default is no limit.

    Returns
    -------
    tuple of Threshold
        In increasing order of value.

    Raises
    ------
    ParameterError
        On an unknown parameter, a missing or extra fixed value, a fixed
        value that violates the symbol's assumptions, or a bad interval.
    UnsupportedGameError
        If the game is not a two-player parametric game or a model with exact regimes.
    ResourceLimitError
        Past ``time_limit``.

    Examples
    --------
    Strike or restrain: with the other costs fixed, the US's course changes
    when the reputation cost ``R`` reaches the strike cost ``c = 2``.

    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix(
    ...     [["-d - c", "-c"], ["-d - R", 0]], [["b - k + l", 0], ["b", 0]],
    ...     players=("US", "Militia"), strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    ... )
    >>> found = thresholds(game, "R", fixed={"b": 1, "c": 2, "d": 1, "k": 3, "l": 1}, interval=(0, None))
    >>> [(t.value, t.below, t.above) for t in found]
    [(2, ('US: Restrain; Militia: Attack',), ('US mixes Strike/Restrain; Militia mixes Attack/Hold',))]

    On a tree: in stay-or-withdraw the US withdraws after an attack while the
    loss ``L`` from leaving is below ``d + min(c, R) = 3``.

    >>> from gametheory.scenarios import stay_or_withdraw
    >>> (found,) = thresholds(stay_or_withdraw(), "L", fixed={"d": 1, "c": 2, "R": 3, "b": 1, "k": 3, "l": 1, "V": 1})
    >>> print(found)
    L = 3
      below: Militia: Attack; US: Withdraw
      at: Militia: Hold | Militia: Attack; US: Withdraw
      above: Militia: Hold
    """
    with time_limit_scope(time_limit, "thresholds"):
        return _thresholds(game, parameter, fixed, interval)


def _thresholds(
    game: Any, parameter: Any, fixed: Mapping[Any, Any], interval: Sequence[Any] | None
) -> tuple[Threshold, ...]:
    model = as_model(game)
    symbols = model.parameters
    if symbols is None:
        raise UnsupportedGameError(
            "thresholds needs exact regimes: a parametric NormalFormGame or ExtensiveFormGame, or a model "
            f"with formulas, not {type(game).__name__} solved point by point"
        )
    symbol = _parameter(symbols, parameter)
    substitution = _fixed_values(symbols, symbol, fixed)
    low, high = _interval(symbol, interval)
    fixed_model = model.fix({s.name: value for s, value in substitution.items()})
    regimes = fixed_model.regimes()
    if regimes is None:
        raise UnsupportedGameError(f"thresholds needs a model with exact regimes; {type(game).__name__} has none")
    # A model may declare a parameter's open bounds (a chance probability lies in (0, 1)).
    bounds = getattr(model, "bounds", None) or {}
    domain = bounds.get(symbol.name)
    return scan_thresholds(
        regimes,
        [regime.conditions for regime in regimes],
        symbol,
        (low, high),
        defined=lambda value: fixed_model.defined_at({symbol.name: value}),
        domain=None if domain is None else tuple(sympy.Rational(v) for v in domain),
    )


def scan_thresholds(
    regimes: Sequence[Any],
    conditions: Sequence[Any],
    symbol: sympy.Symbol,
    interval: tuple[Any, Any],
    *,
    defined: Callable[[sympy.Expr], bool],
    domain: tuple[sympy.Expr, sympy.Expr] | None = None,
) -> tuple[Threshold, ...]:
    """The values of ``symbol`` in ``interval`` where the set of holding regimes changes.

    ``regimes[i]`` (branches or tree regimes, each with a ``label``) holds
    where ``conditions[i]`` does; ``defined(value)`` says whether the game
    exists at ``value`` (it does not at a pole of a payoff). ``domain``,
    open bounds ``(low, high)`` the model declares for the parameter, keeps
    every threshold strictly inside them.
    """
    low, high = interval
    line = LineConditions(conditions, symbol)
    # Neighbours outside the interval still bound the sides of a threshold inside it.
    candidates = [r for r in line.roots() if _in_domain(symbol, r)]
    lowest, highest = _domain(symbol)
    if domain is not None:
        candidates = [r for r in candidates if domain[0] < r < domain[1]]
        lowest = domain[0] if lowest is None else max(lowest, domain[0])
        highest = domain[1] if highest is None else min(highest, domain[1])
    bounds = [lowest, *candidates, highest]
    gaps: dict[int, sympy.Expr] = {}  # a rational point inside each gap between neighbours, found once

    def inside(gap: int) -> sympy.Expr:
        if gap not in gaps:
            exact = line.between(bounds[gap], bounds[gap + 1]) if None not in bounds[gap : gap + 2] else None
            gaps[gap] = _between(*bounds[gap : gap + 2]) if exact is None else sympy.Rational(*exact.as_integer_ratio())
        return gaps[gap]

    def labels(truths: list[bool | None], value: sympy.Expr) -> tuple[str, ...]:
        out = []
        for regime, condition, truth in zip(regimes, conditions, truths, strict=True):
            if truth is None:  # not a polynomial in the parameter: decided by sympy, as always
                truth = _truth(regime, condition, symbol, value)
            if truth:
                out.append(regime.label)
        return tuple(out)

    def side(gap: int) -> tuple[str, ...]:
        point = inside(gap)
        return labels(line.truths_at(_fraction(point)), point)

    result: list[Threshold] = []
    for index, value in enumerate(candidates):
        check_time()
        if (low is not None and value < low) or (high is not None and value > high):
            continue
        left, right = bounds[index], bounds[index + 2]
        below = side(index) if left is None or left < value else None
        above = side(index + 1) if right is None or value < right else None
        # At a pole of some payoff the game does not exist: only the two sides can differ.
        at = None
        if defined(value):
            exact = exact_fraction(value)
            if exact is not None:
                truths = line.truths_at(exact)
            else:  # irrational: no other root lies strictly between the neighbouring gaps' points
                truths = line.truths_at_root((_fraction(inside(index)), _fraction(inside(index + 1))))
            at = labels(truths, value)
        changed = below != above if at is None else (at != below or at != above)
        if changed:
            result.append(Threshold(parameter=symbol, value=value, below=below, at=at, above=above))
    return tuple(result)


def _fraction(value: sympy.Expr) -> Fraction:
    exact = exact_fraction(value)
    assert exact is not None  # the points between thresholds are rational
    return exact


def _parameter(symbols: tuple[sympy.Symbol, ...], parameter: Any) -> sympy.Symbol:
    name = parameter.name if isinstance(parameter, sympy.Symbol) else parameter
    if not isinstance(name, str):
        raise ParameterError(f"the parameter must be a sympy Symbol or a name, not {parameter!r}")
    for symbol in symbols:
        if normalize_name(symbol.name) == normalize_name(name):
            return symbol
    known = ", ".join(p.name for p in symbols) or "none"
    raise ParameterError(f"unknown parameter {name!r}; the game's parameters are {known}")


def _exact(name: str, value: Any) -> sympy.Expr:
    return exact_parameter_value(name, value)


def _fixed_values(
    symbols: tuple[sympy.Symbol, ...], symbol: sympy.Symbol, fixed: Mapping[Any, Any]
) -> dict[sympy.Symbol, Any]:
    if not isinstance(fixed, Mapping):
        raise ParameterError(f"fixed must be a mapping from parameters to values, not {type(fixed).__name__}")
    by_name = {p.name: p for p in symbols}
    out: dict[sympy.Symbol, Any] = {}
    for key, value in fixed.items():
        (name,) = spelled_as([key.name if isinstance(key, sympy.Symbol) else str(key)], tuple(by_name))
        if name not in by_name:
            raise ParameterError(f"unknown parameter {name!r} in fixed; the game's parameters are {', '.join(by_name)}")
        if name == symbol.name:
            raise ParameterError(f"{name} is the parameter that moves; do not fix it")
        number = _exact(name, value)
        if not _in_domain(by_name[name], number):
            raise ParameterError(f"fixed value {number} of {name} violates the symbol's assumptions")
        out[by_name[name]] = number
    missing = sorted(set(by_name) - {s.name for s in out} - {symbol.name})
    if missing:
        raise ParameterError(f"fixed needs a value for every other parameter; missing: {', '.join(missing)}")
    return out


def _interval(symbol: sympy.Symbol, interval: Sequence[Any] | None) -> tuple[sympy.Expr | None, sympy.Expr | None]:
    if interval is None:
        return None, None
    if isinstance(interval, str) or not isinstance(interval, Sequence) or len(interval) != 2:
        raise ParameterError(f"interval must be a pair (low, high), not {interval!r}")
    low, high = (None if v is None else _exact(f"interval bound of {symbol}", v) for v in interval)
    if low is not None and high is not None and low > high:
        raise ParameterError(f"interval ({low}, {high}) is empty")
    return low, high


def _domain(symbol: sympy.Symbol) -> tuple[sympy.Expr | None, sympy.Expr | None]:
    """Bounds of the values the symbol's assumptions allow (0 for a positive symbol, else None)."""
    if symbol.is_nonnegative:
        return sympy.Integer(0), None
    if symbol.is_nonpositive:
        return None, sympy.Integer(0)
    return None, None


def _in_domain(symbol: sympy.Symbol, value: sympy.Expr | None) -> bool:
    if value is None:
        return False
    if symbol.is_positive:
        return bool(value > 0)
    if symbol.is_nonnegative:
        return bool(value >= 0)
    if symbol.is_negative:
        return bool(value < 0)
    if symbol.is_nonpositive:
        return bool(value <= 0)
    return True


def _between(left: sympy.Expr | None, right: sympy.Expr | None) -> sympy.Expr:
    """A rational strictly between two algebraic numbers (not both None; None = infinity)."""
    if left is None:
        assert right is not None
        return sympy.floor(right) - 1
    if right is None:
        return sympy.floor(left) + 1
    if isinstance(left, sympy.Rational) and isinstance(right, sympy.Rational):
        return (left + right) / 2
    middle = sympy.Rational(str(sympy.N((left + right) / 2, 60)))
    if not left < middle < right:
        raise ParameterError(f"thresholds {left} and {right} are too close to separate")
    return middle


def _truth(regime: Any, condition: Boolean, symbol: sympy.Symbol, value: sympy.Expr) -> bool:
    truth = condition.xreplace({symbol: value})
    if truth not in (sympy.true, sympy.false):
        truth = sympy.simplify(truth)
    if truth not in (sympy.true, sympy.false):
        raise ParameterError(f"cannot decide the conditions of {regime.label!r} at {symbol} = {value}: {truth}")
    return bool(truth == sympy.true)
