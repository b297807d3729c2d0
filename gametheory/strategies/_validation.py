"""Argument checks of :mod:`gametheory.strategies`, run when a strategy is defined.

Every check raises :class:`hypothesis.errors.InvalidArgument` at once, so a
bad argument fails where the strategy is built, not at draw time.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gametheory.exceptions import GameTheoryError
from gametheory.games.expressions import parameter
from gametheory.strategies._draws import TreeOptions

__all__ = [
    "DEFAULT_STRATEGIES",
    "MAX_CELLS",
    "check_bound",
    "check_bounds",
    "check_exact",
    "check_int",
    "check_parameters",
    "check_payoffs",
    "count_range",
    "game_shape",
    "numbers",
    "parameters_of",
    "payoff_elements",
    "tree_options",
]

DEFAULT_STRATEGIES = (1, 3)
MAX_CELLS = 4096


def check_int(value: Any, name: str, *, low: int, high: int | None = None) -> int:
    """``value`` as an int in ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise InvalidArgument(f"{name} must be an int, not {type(value).__name__} ({value!r})")
    if value < low or (high is not None and value > high):
        upper = "" if high is None else f" and <= {high}"
        raise InvalidArgument(f"{name} must be >= {low}{upper}; got {value}")
    return int(value)


def count_range(value: Any, name: str, *, low: int, high: int) -> tuple[int, int]:
    """An int ``n`` or a pair ``(min, max)`` of ints, as a closed range."""
    if isinstance(value, tuple | list) and len(value) == 2:
        lo = check_int(value[0], f"{name}[0]", low=low, high=high)
        hi = check_int(value[1], f"{name}[1]", low=low, high=high)
        if lo > hi:
            raise InvalidArgument(f"{name} range ({lo}, {hi}) is empty: the minimum exceeds the maximum")
        return lo, hi
    if isinstance(value, tuple | list):
        raise InvalidArgument(f"{name} must be an int or a (min, max) pair; got {value!r}")
    n = check_int(value, name, low=low, high=high)
    return n, n


def check_bound(value: Any, name: str) -> Fraction:
    """An int or Fraction bound, as a Fraction."""
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise InvalidArgument(f"{name} must be an int or Fraction, not {type(value).__name__} ({value!r})")
    return Fraction(value)


def check_bounds(min_payoff: Any, max_payoff: Any) -> tuple[Fraction, Fraction]:
    """The payoff bounds ``min_payoff <= max_payoff``, as Fractions."""
    lo, hi = check_bound(min_payoff, "min_payoff"), check_bound(max_payoff, "max_payoff")
    if lo > hi:
        raise InvalidArgument(f"min_payoff={lo} exceeds max_payoff={hi}")
    return lo, hi


def check_exact(exact: Any) -> bool:
    """The ``exact`` flag."""
    return check_flag(exact, "exact")


def check_flag(value: Any, name: str) -> bool:
    """A boolean option."""
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name} must be True or False, not {value!r}")
    return value


def check_payoffs(payoffs: Any) -> st.SearchStrategy | None:
    """A custom payoff strategy, or None."""
    if payoffs is not None and not isinstance(payoffs, st.SearchStrategy):
        raise InvalidArgument(f"payoffs must be a Hypothesis strategy of numbers, not {type(payoffs).__name__}")
    return payoffs


def numbers(lo: Fraction, hi: Fraction, *, exact: bool) -> st.SearchStrategy:
    """Payoffs in ``[lo, hi]`` shrinking towards zero (or the bound nearest to it)."""
    if exact:
        if lo.denominator == 1 and hi.denominator == 1:
            return st.integers(int(lo), int(hi)).map(Fraction)
        return st.fractions(lo, hi, max_denominator=12)
    return st.floats(float(lo), float(hi), allow_nan=False, allow_infinity=False).map(lambda x: x + 0.0)


def check_parameters(parameters: Any) -> tuple[sympy.Symbol, ...]:
    """Distinct parameter symbols from names (see :func:`gametheory.parameter`) or symbols."""
    if isinstance(parameters, str) or not isinstance(parameters, Sequence) or not parameters:
        raise InvalidArgument(f"parameters must be a non-empty sequence of names or symbols; got {parameters!r}")
    symbols = []
    for item in parameters:
        if isinstance(item, sympy.Symbol):
            symbols.append(item)
        elif isinstance(item, str):
            try:
                symbols.append(parameter(item))
            except GameTheoryError as error:
                raise InvalidArgument(str(error)) from None
        else:
            raise InvalidArgument(f"a parameter must be a name or a sympy Symbol, not {item!r}")
    names = [s.name for s in symbols]
    if len(set(names)) != len(names):
        raise InvalidArgument(f"duplicate parameter names in {names}")
    return tuple(symbols)


def game_shape(num_players: Any, num_strategies: Any) -> tuple[tuple[int, int], tuple[int, int]]:
    """The ranges of the numbers of players and of strategies of :func:`gametheory.strategies.normal_form_games`."""
    players_range = count_range(num_players, "num_players", low=2, high=6)
    strategies_range = count_range(num_strategies, "num_strategies", low=1, high=64)
    if strategies_range[0] ** players_range[0] > MAX_CELLS:
        raise InvalidArgument(f"games of at least {strategies_range[0]}^{players_range[0]} cells are too large to draw")
    return players_range, strategies_range


def payoff_elements(payoffs: Any, exact: bool, min_payoff: Any, max_payoff: Any) -> st.SearchStrategy:
    """The strategy for each payoff: a custom one, or numbers between the (checked) bounds."""
    bounds = check_bounds(min_payoff, max_payoff)
    elements = check_payoffs(payoffs)
    return numbers(*bounds, exact=exact) if elements is None else elements


def parameters_of(game: Any) -> tuple[sympy.Symbol, ...]:
    """The parameters of a parametric game or tree, which must have some."""
    symbols = getattr(game, "parameters", None)
    if not isinstance(symbols, tuple) or not all(isinstance(s, sympy.Symbol) for s in symbols):
        raise InvalidArgument(f"parameter_values needs a game with parameters, not {type(game).__name__}")
    if not symbols:
        raise InvalidArgument("the game has no parameters to draw values for")
    return symbols


def tree_options(
    *,
    num_players: Any,
    max_depth: Any,
    max_actions: Any,
    exact: Any,
    min_payoff: Any,
    max_payoff: Any,
    allow_chance: Any,
    max_infoset_size: Any,
    allow_imperfect_recall: Any,
    parameters: Any,
    max_coefficient: Any,
) -> TreeOptions:
    """The validated options of :func:`gametheory.strategies.game_trees`."""
    num_players = check_int(num_players, "num_players", low=1, high=4)
    max_depth = check_int(max_depth, "max_depth", low=1, high=6)
    max_actions = check_int(max_actions, "max_actions", low=2, high=5)
    exact = check_exact(exact)
    elements = numbers(*check_bounds(min_payoff, max_payoff), exact=exact)
    allow_chance = check_flag(allow_chance, "allow_chance")
    max_infoset_size = check_int(max_infoset_size, "max_infoset_size", low=1, high=4)
    allow_imperfect_recall = check_flag(allow_imperfect_recall, "allow_imperfect_recall")
    if allow_imperfect_recall and max_infoset_size == 1:
        raise InvalidArgument("allow_imperfect_recall=True needs max_infoset_size >= 2 (recall is lost only in a set)")
    symbols = check_parameters(parameters) if not isinstance(parameters, Sequence) or parameters else ()
    if symbols and not exact:
        raise InvalidArgument("symbolic payoffs (parameters=...) need exact=True")
    max_coefficient = check_int(max_coefficient, "max_coefficient", low=1)
    return TreeOptions(
        num_players=num_players,
        max_depth=max_depth,
        max_actions=max_actions,
        elements=elements,
        exact=exact,
        allow_chance=allow_chance,
        max_infoset_size=max_infoset_size,
        allow_imperfect_recall=allow_imperfect_recall,
        symbols=symbols,
        max_coefficient=max_coefficient,
    )
