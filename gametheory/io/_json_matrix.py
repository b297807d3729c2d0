"""JSON layout of normal-form games, for :mod:`gametheory.io.json`: nested payoff lists."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from gametheory.exceptions import GameTheoryError, ParseError
from gametheory.games.normal_form import NormalFormGame
from gametheory.io._json_context import Context

__all__ = ["read_normal_form", "write_normal_form"]


def _label_list(document: dict[str, Any], key: str, context: Context) -> Any:
    value = document.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise context.error("expected a list", key)
    return value


def read_normal_form(document: dict[str, Any], context: Context) -> NormalFormGame:
    """The normal-form game of a document whose header has been checked."""
    unknown = sorted(set(document) - {"format", "version", "kind", "parameters", "players", "strategies", "payoffs"})
    if unknown:
        raise context.error(f"unknown key {unknown[0]!r} in a normal-form game", unknown[0])
    if "payoffs" not in document:
        raise context.error('a normal-form game needs "payoffs"', None)
    payoffs = _read_nested(document["payoffs"], context, "payoffs", "payoffs", depth=0)
    try:
        array = np.empty(0, dtype=object) if payoffs == [] else _object_array(payoffs)
        return NormalFormGame(
            array,
            players=_label_list(document, "players", context),
            strategies=_label_list(document, "strategies", context),
        )
    except GameTheoryError as error:
        key = "payoffs" if "payoff" in str(error) or "shape" in str(error) else "strategies"
        raise context.error(str(error), key if key in document else "payoffs") from None


def _read_nested(value: Any, context: Context, key: str, path: str, *, depth: int) -> Any:
    if isinstance(value, list):
        if depth > 32:
            raise context.error("payoffs are nested too deeply", key, path)
        return [_read_nested(v, context, key, f"{path}[{i}]", depth=depth + 1) for i, v in enumerate(value)]
    return context.number(value, key, path)


def _object_array(nested: list[Any]) -> np.ndarray:
    # Build the object array by shape first, so sympy expressions are never treated as sequences.
    shape = []
    level: Any = nested
    while isinstance(level, list):
        shape.append(len(level))
        if not level:
            break
        level = level[0]
    # Compare sizes before allocating: a crafted ragged nesting could claim an enormous shape.
    if _count_leaves(nested) != math.prod(shape) or len(shape) > 33:
        raise ParseError("payoffs are ragged: rows of different lengths")
    out = np.empty(tuple(shape), dtype=object)
    for index in np.ndindex(*shape):
        item: Any = nested
        for i in index:
            if not isinstance(item, list) or i >= len(item):
                raise ParseError("payoffs are ragged: rows of different lengths")
            item = item[i]
        if isinstance(item, list):
            raise ParseError("payoffs are ragged: rows of different lengths")
        out[index] = item
    return out


def _count_leaves(nested: Any) -> int:
    return sum(_count_leaves(v) for v in nested) if isinstance(nested, list) else 1


def write_normal_form(game: NormalFormGame, context: Context) -> dict[str, Any]:
    """The body of the document of a normal-form game."""
    payoffs = np.empty(game.payoffs.shape, dtype=object)
    payoffs.flat[:] = [context.write_number(x) for x in game.payoffs.flat]
    return {
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "payoffs": payoffs.tolist(),
    }
