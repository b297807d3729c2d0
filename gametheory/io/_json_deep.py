"""JSON text of any nesting depth: the standard library's codec, with iterative fallbacks for deep documents.

:func:`json.loads` and :func:`json.dumps` recurse once per level of nesting
and stop with ``RecursionError`` near a thousand levels, which a game tree
that long reaches. :func:`loads` and :func:`dumps` use them whenever they
can and otherwise walk the document with explicit stacks, producing the
same values and the same text.

Examples
--------
>>> deep = []
>>> for _ in range(5000):
...     deep = [deep]
>>> text = dumps(deep)
>>> text[:3], len(text)
('[[[', 10002)
>>> dumps(loads(text)) == text
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but not in the stubs
from json.encoder import encode_basestring
from json.scanner import NUMBER_RE
from typing import Any

__all__ = ["dumps", "loads"]

_SPACE = re.compile(r"[ \t\n\r]*")
_CONSTANTS = {"null": None, "true": True, "false": False, "NaN": float("nan"), "Infinity": float("inf")}
_CONSTANTS["-Infinity"] = float("-inf")


def loads(text: str, *, parse_int: Callable[[str], Any] = int) -> Any:
    """Like :func:`json.loads` (same values and errors), for documents of any depth."""
    try:
        return json.loads(text, parse_int=parse_int)
    except RecursionError:
        return _loads(text, parse_int)


def dumps(value: Any) -> str:
    """Like ``json.dumps(value, ensure_ascii=False)`` (same text), for values of any depth."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except RecursionError:
        return _dumps(value)


def _loads(text: str, parse_int: Callable[[str], Any]) -> Any:
    # Each open container is [container, pending key]; a value read is attached to the innermost one.
    stack: list[list[Any]] = []
    index = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    while True:
        char = text[index : index + 1]
        value: Any
        if char == "{":
            index = _SPACE.match(text, index + 1).end()  # type: ignore[union-attr]
            if text[index : index + 1] != "}":
                key, index = _key(text, index)
                stack.append([{}, key])
                continue
            value, index = {}, index + 1
        elif char == "[":
            index = _SPACE.match(text, index + 1).end()  # type: ignore[union-attr]
            if text[index : index + 1] != "]":
                stack.append([[], None])
                continue
            value, index = [], index + 1
        else:
            value, index = _scalar(text, index, parse_int)
        while True:
            index = _SPACE.match(text, index).end()  # type: ignore[union-attr]
            if not stack:
                if index != len(text):
                    raise json.JSONDecodeError("Extra data", text, index)
                return value
            container = stack[-1][0]
            if isinstance(container, dict):
                container[stack[-1][1]] = value
            else:
                container.append(value)
            char = text[index : index + 1]
            if char == ",":
                index = _SPACE.match(text, index + 1).end()  # type: ignore[union-attr]
                if isinstance(container, dict):
                    stack[-1][1], index = _key(text, index)
                break
            if char != ("}" if isinstance(container, dict) else "]"):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, index)
            value, index = stack.pop()[0], index + 1


def _key(text: str, index: int) -> tuple[str, int]:
    """Read ``"key":`` at ``index``; return the key and the index of the value after it."""
    if text[index : index + 1] != '"':
        raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, index)
    key, index = scanstring(text, index + 1, True)
    index = _SPACE.match(text, index).end()  # type: ignore[union-attr]
    if text[index : index + 1] != ":":
        raise json.JSONDecodeError("Expecting ':' delimiter", text, index)
    return key, _SPACE.match(text, index + 1).end()  # type: ignore[union-attr]


def _scalar(text: str, index: int, parse_int: Callable[[str], Any]) -> tuple[Any, int]:
    if text[index : index + 1] == '"':
        return scanstring(text, index + 1, True)
    for word, constant in _CONSTANTS.items():
        if text.startswith(word, index):
            return constant, index + len(word)
    match = NUMBER_RE.match(text, index)
    if match is None:
        raise json.JSONDecodeError("Expecting value", text, index)
    integer, fraction, exponent = match.groups()
    if fraction or exponent:
        return float(integer + (fraction or "") + (exponent or "")), match.end()
    return parse_int(integer), match.end()


def _dumps(value: Any) -> str:
    pieces: list[str] = []
    # Items are values still to write, or finished pieces of text (told apart by their class).
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Text):
            pieces.append(item)
        elif isinstance(item, dict):
            todo: list[Any] = [_Text("{")]
            for k, (key, entry) in enumerate(item.items()):
                if not isinstance(key, str):
                    raise TypeError(f"keys must be str, not {type(key).__name__}")
                todo += [_Text((", " if k else "") + encode_basestring(key) + ": "), entry]
            todo.append(_Text("}"))
            stack.extend(reversed(todo))
        elif isinstance(item, list | tuple):
            todo = [_Text("[")]
            for k, entry in enumerate(item):
                todo += [_Text(", "), entry] if k else [entry]
            todo.append(_Text("]"))
            stack.extend(reversed(todo))
        elif isinstance(item, str):
            pieces.append(encode_basestring(item))
        elif type(item) is int:
            pieces.append(int.__repr__(item))
        else:
            pieces.append(json.dumps(item, ensure_ascii=False))
    return "".join(pieces)


class _Text(str):
    """A piece of finished JSON text (told apart from string values, which still need quoting)."""

    __slots__ = ()
