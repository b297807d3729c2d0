"""Reading the ``assume=`` argument of the parametric solvers.

Assumptions narrow the parameter space in which conditions are simplified:
``R > 0``, ``b + l < k``, or a mapping from parameters to ranges. A range is a
sign word (``"positive"`` means ``R > 0``, ``"nonnegative"`` means ``R >= 0``),
a pair ``(low, high)``, whose bounds are *closed* (``(0, None)`` means
``R >= 0``), or a :class:`sympy.Interval`, which carries its openness
(``sympy.Interval.open(0, 5)`` means ``0 < R < 5``). Assumptions that the
parameter symbols carry themselves (``Symbol("R", positive=True)``) are always
used as well.

Strict assumptions matter: under ``R > 0`` the regimes that hold only at
``R = 0`` are infeasible and disappear, while under ``R >= 0`` they remain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from gametheory._internal.parameters import exact_parameter_value
from gametheory.exceptions import ParameterError
from gametheory.parametric._simplify import Knowledge, infeasible, relation
from gametheory.parametric.conditions import Atom, Conj
from gametheory.parametric.relations import Relation

__all__ = ["SIGN_WORDS", "Assumptions", "parse_assumptions"]

#: The sign words accepted as a parameter's range in ``assume=``, with the relation to zero each means.
SIGN_WORDS: Mapping[str, Relation] = {
    "positive": Relation.GT,
    "negative": Relation.LT,
    "nonnegative": Relation.GE,
    "nonpositive": Relation.LE,
}

_RELATIONALS = frozenset(relation.sympy_class for relation in Relation)


class Assumptions:
    """Parsed assumptions: a sympy boolean for display and the knowledge used to simplify.

    Examples
    --------
    >>> R = sympy.Symbol("R", real=True)
    >>> parse_assumptions((R,), {"R": (0, None)}).boolean
    R >= 0
    """

    def __init__(self, boolean: Boolean, knowledge: Knowledge) -> None:
        self.boolean = boolean
        self.knowledge = knowledge

    def __repr__(self) -> str:
        return f"Assumptions({self.boolean})"


def parse_assumptions(parameters: Sequence[sympy.Symbol], assume: Any) -> Assumptions:
    """Read ``assume`` for a game with the given parameters.

    Parameters
    ----------
    parameters : sequence of sympy.Symbol
        The game's parameters.
    assume : None, sympy boolean, iterable of relationals, or mapping
        ``None`` (only the symbols' own assumptions); a sympy relational or
        conjunction such as ``(R > 0) & (c > 0)``; an iterable of those; or
        a mapping from a parameter (Symbol or name) to its range, one of

        - ``"positive"`` (``R > 0``), ``"negative"`` (``R < 0``),
          ``"nonnegative"`` (``R >= 0``) or ``"nonpositive"`` (``R <= 0``);
        - a pair ``(low, high)``: the *closed* interval, ``None`` meaning
          unbounded, so ``(0, None)`` is ``R >= 0``, not ``R > 0``;
        - a :class:`sympy.Interval`, open or closed at each end as it says:
          ``sympy.Interval.open(0, 5)`` is ``0 < R < 5``,
          ``sympy.Interval.Lopen(0, sympy.oo)`` is ``R > 0``.

        Symbols are matched to the game's parameters by name.

    Returns
    -------
    Assumptions

    Raises
    ------
    ParameterError
        On an unknown parameter name, an empty interval, an unknown sign
        word, a range of another kind, or an assumption that is not a
        relation between the parameters.

    Examples
    --------
    >>> R, c = sympy.symbols("R c", real=True)
    >>> parse_assumptions((R, c), [R > 0, c > 0]).boolean
    (R > 0) & (c > 0)
    >>> parse_assumptions((R, c), {"R": "positive", "c": sympy.Interval.Ropen(0, 1)}).boolean
    (c >= 0) & (R > 0) & (c < 1)
    >>> parse_assumptions((R, c), {"x": (0, 1)})
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: unknown parameter 'x' in assume; the parameters are R, c
    """
    by_name = {p.name: p for p in parameters}
    knowledge = Knowledge(parameters)
    if assume is None:
        return Assumptions(sympy.true, knowledge)
    if isinstance(assume, Mapping):
        relations = _interval_relations(assume, by_name)
    elif isinstance(assume, Boolean) and not isinstance(assume, sympy.Expr):
        relations = list(sympy.And.make_args(assume))
    elif isinstance(assume, Iterable) and not isinstance(assume, str):
        relations = []
        for item in assume:
            if not isinstance(item, Boolean) or isinstance(item, sympy.Expr):
                raise ParameterError(f"each assumption must be a sympy relation such as R > 0, not {item!r}")
            relations.extend(sympy.And.make_args(item))
    else:
        raise ParameterError(
            f"assume must be None, a sympy relation, an iterable of relations or a mapping of intervals, not {assume!r}"
        )
    clean = []
    for item in relations:
        item = _rename(item, by_name)
        if item == sympy.true:
            continue
        if item == sympy.false:
            raise ParameterError("the assumptions are contradictory")
        clean.append(item)
        if type(item) in _RELATIONALS:
            formula = relation(item.lhs - item.rhs, Relation.of(item), knowledge)
            if formula is False:
                raise ParameterError(f"assumption {item} contradicts the parameters' own assumptions")
            atoms = formula.parts if isinstance(formula, Conj) else (formula,)
            for atom in atoms:
                if isinstance(atom, Atom) and not knowledge.add(atom):
                    raise ParameterError("the assumptions are contradictory")
    if infeasible(knowledge):
        raise ParameterError(f"the assumptions are contradictory: {sympy.And(*clean)}")
    boolean = sympy.And(*clean) if clean else sympy.true
    return Assumptions(boolean, knowledge)


def _rename(item: Boolean, by_name: dict[str, sympy.Symbol]) -> Boolean:
    if not isinstance(item, Boolean) or isinstance(item, sympy.Expr):
        raise ParameterError(f"each assumption must be a sympy relation such as R > 0, not {item!r}")
    mapping = {}
    for symbol in item.free_symbols:
        name = getattr(symbol, "name", str(symbol))
        if name not in by_name:
            raise ParameterError(
                f"unknown parameter {name!r} in assume; the parameters are {', '.join(by_name) or 'none'}"
            )
        mapping[symbol] = by_name[name]
    return item.xreplace(mapping)


def _interval_relations(assume: Mapping[Any, Any], by_name: dict[str, sympy.Symbol]) -> list[Boolean]:
    out: list[Boolean] = []
    for key, bounds in assume.items():
        name = key.name if isinstance(key, sympy.Symbol) else str(key)
        if name not in by_name:
            raise ParameterError(
                f"unknown parameter {name!r} in assume; the parameters are {', '.join(by_name) or 'none'}"
            )
        out.extend(_range_relations(by_name[name], bounds))
    return out


def _range_relations(symbol: sympy.Symbol, bounds: Any) -> list[Boolean]:
    """The relations saying that ``symbol`` lies in the range ``bounds`` (sign word, pair or Interval)."""
    name = symbol.name
    if isinstance(bounds, str):
        word = SIGN_WORDS.get(bounds)
        if word is None:
            raise ParameterError(
                f"unknown range {bounds!r} for {name} in assume; use one of {', '.join(map(repr, SIGN_WORDS))}, "
                "a pair (low, high) or a sympy.Interval"
            )
        return [word.sympy_class(symbol, 0)]
    if isinstance(bounds, sympy.Interval):
        low, high = _interval_bound(name, bounds.start), _interval_bound(name, bounds.end)
        low_open, high_open = bool(bounds.left_open), bool(bounds.right_open)
    elif bounds is sympy.S.EmptySet:
        raise ParameterError(f"the interval for {name} is empty")
    elif isinstance(bounds, sympy.Set):
        raise ParameterError(f"the range for {name} must be an Interval, not the set {bounds}")
    elif isinstance(bounds, Sequence) and len(bounds) == 2:
        low, high = (_bound(name, b) for b in bounds)
        low_open = high_open = False
    else:
        raise ParameterError(
            f"the range for {name} must be a pair (low, high), a sympy.Interval or one of "
            f"{', '.join(map(repr, SIGN_WORDS))}, not {bounds!r}"
        )
    if low is not None and high is not None and (low > high or (low == high and (low_open or high_open))):
        raise ParameterError(f"the interval for {name} is empty: low {low}, high {high}")
    out: list[Boolean] = []
    if low is not None:
        out.append(sympy.StrictGreaterThan(symbol, low) if low_open else sympy.GreaterThan(symbol, low))
    if high is not None:
        out.append(sympy.StrictLessThan(symbol, high) if high_open else sympy.LessThan(symbol, high))
    return out


def _interval_bound(name: str, value: sympy.Expr) -> sympy.Expr | None:
    return None if value in (sympy.oo, -sympy.oo) else _bound(name, value)


def _bound(name: str, value: Any) -> sympy.Expr | None:
    return None if value is None else exact_parameter_value(name, value, what="bound for")
