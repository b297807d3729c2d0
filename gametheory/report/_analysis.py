"""What a report shows, computed from the game: regimes as formulas and JavaScript, thresholds, ranges.

Everything here is plain data (strings, numbers, tuples) for the page
builder of :mod:`gametheory.report._page`; the figures are drawn by
:mod:`gametheory.report._figures`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from gametheory._internal.formatting import condition_text, format_number
from gametheory._internal.parameters import exact_parameter_value, named_values
from gametheory.exceptions import GameTheoryError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.reduction import to_normal_form
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.parametric.perfect_bayesian import perfect_bayesian_regimes
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.report._javascript import compile_condition, compile_expression, identifiers, js_function
from gametheory.sensitivity.thresholds import thresholds
from gametheory.solvers.behavior import infoset_name

__all__ = [
    "DEFAULT_VALUE",
    "ParameterInfo",
    "RegimeInfo",
    "ThresholdInfo",
    "base_values",
    "parameter_infos",
    "parametric_regimes",
    "readable",
]

#: The value of a parameter the caller gives none for.
DEFAULT_VALUE = 1


@dataclass(frozen=True)
class RegimeInfo:
    """One equilibrium branch or subgame-perfect regime: formulas as text and as JavaScript."""

    label: str
    conditions: str
    moves: tuple[tuple[str, str], ...]  # (player, probabilities or actions as text)
    payoffs: tuple[str, ...]
    condition_js: str
    profile_js: str | None  # a function returning one list of probabilities per player; None for tree regimes
    payoffs_js: str
    holds: bool  # at the base values, decided exactly


@dataclass(frozen=True)
class ThresholdInfo:
    """A threshold of one parameter, the others at their base values."""

    value: str
    approx: float
    below: str
    at: str
    above: str


@dataclass(frozen=True)
class ParameterInfo:
    """A parameter, its base value, its slider range and its thresholds."""

    name: str
    base: sympy.Expr
    low: float
    high: float
    thresholds: tuple[ThresholdInfo, ...]
    note: str  # why the thresholds are missing, if they are


def readable(value: Any) -> str:
    """A formula or number as text people read: ``-c·(R + d)/R``, ``2/3``, ``x^2``."""
    return format_number(value).replace("**", "^").replace("*", "·")


def base_values(parameters: Sequence[sympy.Symbol], values: Mapping[Any, Any] | None) -> dict[sympy.Symbol, sympy.Expr]:
    """The exact value of every parameter: the given one, else :data:`DEFAULT_VALUE`."""
    given = named_values(tuple(parameters), values or {}, require_all=False)
    return {s: exact_parameter_value(s.name, given.get(s, DEFAULT_VALUE)) for s in parameters}


def analysis_game(game: NormalFormGame | ExtensiveFormGame) -> NormalFormGame | ExtensiveFormGame:
    """The game the parametric analyses run on.

    A tree of imperfect information keeps its beliefs (its perfect Bayesian regimes, as the
    sensitivity tools analyse it) when :func:`perfect_bayesian_regimes` covers it, and goes
    through its reduced normal form (Nash branches) otherwise.
    """
    if isinstance(game, ExtensiveFormGame) and not game.is_perfect_information:
        try:
            perfect_bayesian_regimes(game)
        except UnsupportedGameError:
            return to_normal_form(game)
    return game


def parametric_regimes(
    game: NormalFormGame | ExtensiveFormGame, base: Mapping[sympy.Symbol, sympy.Expr]
) -> tuple[RegimeInfo, ...]:
    """Every branch (normal form) or subgame-perfect regime (perfect-information tree), compiled."""
    names = identifiers(tuple(base))
    values = {s.name: v for s, v in base.items()}
    if isinstance(game, ExtensiveFormGame):
        regimes = subgame_perfect_regimes(game) if game.is_perfect_information else perfect_bayesian_regimes(game)
        return tuple(_tree_regime(r, names, values) for r in regimes)
    return tuple(_branch(b, names, values) for b in parametric_equilibria(game))


def _branch(branch: Any, names: dict[sympy.Symbol, str], values: Mapping[str, Any]) -> RegimeInfo:
    moves = []
    for player, labels, row, used in zip(
        branch.players, branch.strategies, branch.profile, branch.support, strict=True
    ):
        if len(used) == 1:
            moves.append((player, labels[used[0]]))
        else:
            moves.append((player, ", ".join(f"{labels[i]} = {readable(row[i])}" for i in used)))
    rows = ", ".join("[" + ", ".join(compile_expression(p, names) for p in row) + "]" for row in branch.profile)
    return RegimeInfo(
        label=branch.label,
        conditions=readable_condition(branch.conditions),
        moves=tuple(moves),
        payoffs=tuple(readable(v) for v in branch.payoffs),
        condition_js=js_function(compile_condition(branch.conditions, names), names),
        profile_js=js_function(f"[{rows}]", names),
        payoffs_js=js_function("[" + ", ".join(compile_expression(v, names) for v in branch.payoffs) + "]", names),
        holds=branch.holds_at(values),
    )


def _tree_regime(regime: Any, names: dict[sympy.Symbol, str], values: Mapping[str, Any]) -> RegimeInfo:
    game = regime.game
    moves: dict[str, list[str]] = {}
    for info_set, action in zip(game.information_sets, regime.behavior, strict=True):
        player, where = game.players[info_set.player], infoset_name(game, info_set.index)
        moves.setdefault(player, []).append(action if where == player else f"{where}: {action}")
    return RegimeInfo(
        label=regime.label,
        conditions=readable_condition(regime.conditions),
        moves=tuple((player, "; ".join(acts)) for player, acts in moves.items()),
        payoffs=tuple(readable(v) for v in regime.payoffs),
        condition_js=js_function(compile_condition(regime.conditions, names), names),
        profile_js=None,
        payoffs_js=js_function("[" + ", ".join(compile_expression(v, names) for v in regime.payoffs) + "]", names),
        holds=regime.holds_at(values),
    )


def readable_condition(conditions: Any) -> str:
    """Conditions as readable text: ``R ≥ c and b + l = k``."""
    return condition_text(conditions, relations="unicode").replace("**", "^").replace("*", "·")


def parameter_infos(
    game: NormalFormGame | ExtensiveFormGame, base: Mapping[sympy.Symbol, sympy.Expr]
) -> tuple[ParameterInfo, ...]:
    """Each parameter's thresholds with the others at base, and a slider range covering them and the base."""
    out = []
    for symbol, value in base.items():
        fixed = {s.name: v for s, v in base.items() if s != symbol}
        note = ""
        try:
            found = thresholds(game, symbol.name, fixed=fixed)
        except GameTheoryError as error:
            found, note = (), f"thresholds not available: {error}"
        infos = tuple(
            ThresholdInfo(
                value=readable(t.value),
                approx=float(t.value),
                below=_labels(t.below),
                at=_labels(t.at),
                above=_labels(t.above),
            )
            for t in found
        )
        low, high = _range(symbol, float(value), [t.approx for t in infos])
        out.append(ParameterInfo(symbol.name, value, low, high, infos, note))
    return tuple(out)


def _labels(labels: tuple[str, ...] | None) -> str:
    if labels is None:
        return "(no game here)"
    return " | ".join(labels) if labels else "no equilibrium"


def _range(symbol: sympy.Symbol, base: float, marks: Sequence[float]) -> tuple[float, float]:
    """From below the smallest to above the largest of the base and the thresholds, within the symbol's domain."""
    points = [base, *(m for m in marks if math.isfinite(m))]
    low, high = min(points), max(points)
    span = high - low if high > low else max(1.0, abs(base))
    low, high = low - span / 2, high + span / 2
    if symbol.is_nonnegative and low < 0:
        low = 0.0
    if symbol.is_positive and low <= 0:
        low = _nice(min(p for p in points if p > 0) / 10) if any(p > 0 for p in points) else 1e-3
    return _nice(low), _nice(high)


def _nice(value: float) -> float:
    """The value rounded to three significant digits, so slider ends read well."""
    return float(f"{value:.3g}")


def exact_text(value: sympy.Expr) -> str:
    """An exact base value as people type it: ``3``, ``1/3``."""
    if isinstance(value, sympy.Rational):
        return format_number(Fraction(int(value.p), int(value.q)))
    return readable(value)


def check_parametric(game: Any) -> None:
    """Raise if the report cannot analyse this game's formulas."""
    if not isinstance(game, NormalFormGame | ExtensiveFormGame):
        raise UnsupportedGameError(
            f"write_report takes a NormalFormGame or an ExtensiveFormGame, not {type(game).__name__}"
        )
