"""Private helpers of :func:`gametheory.testing.assert_in_every_equilibrium`.

Parsing a parameter region, deciding a claim branch by branch with the exact
procedure of :mod:`gametheory.testing._linear_conditions`, and the sampling fallback.
A claim here is a :class:`gametheory.testing.Claim` (used by duck typing, so
that this module need not import :mod:`gametheory.testing`), and a numeric
check is a function ``holds(numeric_game, equilibrium) -> bool``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory._internal.formatting import format_number
from gametheory.exceptions import GameTheoryError, ParameterError
from gametheory.games.normal_form import NormalFormGame
from gametheory.testing._linear_conditions import find_witness

__all__ = ["check_point", "parse_region", "prove", "sample_points"]

Check = Callable[[NormalFormGame, Any], bool]


def parse_region(
    game: NormalFormGame, region: Any, bounds: Any
) -> tuple[sympy.Basic, dict[sympy.Symbol, tuple[Fraction, Fraction]]]:
    by_name = {p.name: p for p in game.parameters}
    conditions: list[sympy.Basic] = []
    boxes: dict[sympy.Symbol, tuple[Fraction, Fraction]] = {}
    for symbol in game.parameters:
        boxes[symbol] = (Fraction(0), Fraction(10)) if symbol.is_positive else (Fraction(-10), Fraction(10))
    if bounds is not None:
        if not isinstance(bounds, Mapping):
            raise ParameterError(f"bounds must be a mapping from parameter to (low, high), not {type(bounds).__name__}")
        for key, interval in bounds.items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            if name not in by_name:
                raise ParameterError(f"unknown parameter {name!r} in bounds; the game's are {', '.join(by_name)}")
            low, high = (Fraction(x) for x in interval)
            if low > high:
                raise ParameterError(f"empty interval ({low}, {high}) for parameter {name}")
            boxes[by_name[name]] = (low, high)
            conditions += [sympy.Ge(by_name[name], _rational(low)), sympy.Le(by_name[name], _rational(high))]
    if region is None:
        items: list[Any] = []
    elif isinstance(region, sympy.Basic):
        items = [region]
    elif isinstance(region, Iterable) and not isinstance(region, str | Mapping):
        items = list(region)
    else:
        raise ParameterError(f"region must be a sympy condition or an iterable of them, not {type(region).__name__}")
    for item in items:
        if not isinstance(item, sympy.logic.boolalg.Boolean):
            raise ParameterError(f"region item {item!r} is not a sympy condition such as R > c")
        conditions.append(_rename(item, by_name))
    return sympy.And(*conditions), boxes


def _rational(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


def _rename(condition: sympy.Basic, by_name: dict[str, sympy.Symbol]) -> sympy.Basic:
    """Use the game's own symbols (a user's ``Symbol('R')`` may differ in assumptions)."""
    unknown = sorted(s.name for s in condition.free_symbols if s.name not in by_name)
    if unknown:
        raise ParameterError(f"region mentions unknown parameter(s) {', '.join(unknown)}")
    return condition.xreplace({s: by_name[s.name] for s in condition.free_symbols})


def check_point(numeric: NormalFormGame, holds: Check, what: str, values: Mapping[Any, Any]) -> None:
    """Raise an AssertionError naming the first equilibrium of ``numeric`` in which the claim fails."""
    from gametheory.solvers.enumeration import nash_equilibria

    for equilibrium in nash_equilibria(numeric):
        if not holds(numeric, equilibrium):
            raise AssertionError(f"claim '{what}' fails at {_where(values)} in the equilibrium {equilibrium}")


def _where(values: Mapping[Any, Any]) -> str:
    return ", ".join(f"{k} = {format_number(_to_fraction(v))}" for k, v in values.items()) or "this game"


def _to_fraction(value: Any) -> Any:
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return value


def sample_points(
    game: NormalFormGame,
    condition: sympy.Basic,
    boxes: dict[sympy.Symbol, tuple[Fraction, Fraction]],
    samples: int,
    generator: np.random.Generator,
) -> Iterable[dict[sympy.Symbol, sympy.Rational]]:
    found, tries = 0, 0
    while found < samples:
        tries += 1
        if tries > 50 * samples:
            if found == 0:
                raise ParameterError(f"no sampled point satisfies the region {condition}; is it empty?")
            return
        values = {}
        for symbol, (low, high) in boxes.items():
            step = Fraction(int(generator.integers(0, 241)), 240)
            value = low + (high - low) * step
            if symbol.is_positive and value <= 0:
                value = (high - low) / 480 if high > low else high
            values[symbol] = sympy.Rational(value.numerator, value.denominator)
        if condition.xreplace(values) == sympy.true:
            found += 1
            yield values


def prove(game: NormalFormGame, claim: Any, condition: sympy.Basic, generator: np.random.Generator) -> str | None:
    """Decide the claim branch by branch; None when proved, else why not (raises on a counterexample)."""
    from gametheory.parametric.equilibria import parametric_equilibria

    if game.num_players != 2:
        return f"exact proofs need two players, and this game has {game.num_players}"
    symbols = list(game.parameters)
    if find_witness(condition, symbols, rng=generator).status == "infeasible":
        raise ParameterError(f"the region {condition} is empty (for the game's parameters and their assumptions)")
    try:
        branches = parametric_equilibria(game)
    except GameTheoryError as error:
        return f"its equilibria cannot be derived as formulas ({error})"
    player, strategy = claim._indices(game)
    undecided = []
    for branch in branches:
        fails = sympy.And(
            condition, branch.conditions, sympy.Not(claim.condition(game, branch.profile[player][strategy]))
        )
        if fails == sympy.false:
            continue
        decision = find_witness(fails, symbols, rng=generator)
        if decision.status == "infeasible":
            continue
        if decision.point is not None:
            _refute(game, claim, branch, decision.point)  # raises when the counterexample is confirmed
        undecided.append(f"'{branch.label}' (when {branch.conditions})")
    if undecided:
        return "could not decide whether the region meets the branch(es) " + ", ".join(undecided)
    return None


def _refute(game: NormalFormGame, claim: Any, branch: Any, point: dict[sympy.Symbol, Any]) -> None:
    """Raise the counterexample at ``point`` once confirmed on the numeric game; return if it is not confirmed."""
    from gametheory.solvers.verify import is_nash

    numeric = game.substitute(point)
    try:
        equilibrium = branch.equilibrium_at(point)
    except GameTheoryError:
        equilibrium = None
    if equilibrium is not None and is_nash(numeric, equilibrium) and not claim.holds(numeric, equilibrium):
        raise AssertionError(
            f"claim '{claim.describe(game)}' fails at {_where(point)} in the equilibrium {equilibrium} "
            f"(found exactly: the equilibrium branch '{branch.label}', which holds when {branch.conditions}, "
            "meets the region there)"
        )
    check_point(numeric, claim.holds, claim.describe(game), point)
