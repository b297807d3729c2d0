"""Value semantics of tree nodes without recursion: equality, hash, repr and pickling walk explicit stacks.

Nodes nest as deep as the game is long, so the methods a dataclass would
generate (which recurse through ``children``) fail on trees a thousand levels
deep. :class:`NodeValue` gives the node classes of
:mod:`~gametheory.games.tree_nodes` the same behaviour, computed iteratively:

* ``==`` compares two trees pair by pair (same class, same fields);
* ``hash`` is computed bottom-up once per node and cached on it;
* ``repr`` is the dataclass repr, assembled from a flat list of pieces;
* pickling and copying store the tree as a flat list of nodes (shared
  subtrees once), so the pickle module never recurses either.

Examples
--------
>>> from gametheory.games.tree_nodes import decision, terminal
>>> node = terminal(0, 0)
>>> for _ in range(5000):
...     node = decision("A", {"go": node, "stop": terminal(1, 0)})
>>> import pickle
>>> copy = pickle.loads(pickle.dumps(node))
>>> copy == node and hash(copy) == hash(node)
True
>>> len(repr(node)) > 5000
True
"""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["NodeValue"]

_CHILDREN = "children"
_HASH = "_node_hash"


class NodeValue:
    """Base of the frozen node dataclasses (declared with ``eq=False, repr=False``)."""

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        stack: list[tuple[Any, Any]] = [(self, other)]
        seen: set[tuple[int, int]] = set()  # pairs already compared: shared subtrees are compared once
        while stack:
            a, b = stack.pop()
            if a is b or (id(a), id(b)) in seen:
                continue
            seen.add((id(a), id(b)))
            if a.__class__ is not b.__class__:
                return False
            hash_a, hash_b = a.__dict__.get(_HASH), b.__dict__.get(_HASH)
            if hash_a is not None and hash_b is not None and hash_a != hash_b:
                return False
            if _own(a) != _own(b):
                return False
            children_a, children_b = a.children, b.children
            if len(children_a) != len(children_b):
                return False
            stack.extend(zip(children_a, children_b, strict=True))
        return True

    def __hash__(self) -> int:
        cached = self.__dict__.get(_HASH)
        if cached is not None:
            return int(cached)
        # Post-order: a node's hash is computed once its children's are cached.
        stack: list[tuple[Any, bool]] = [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if _HASH in node.__dict__:
                continue
            if expanded:
                value = hash((node.__class__.__name__, _own(node), tuple(c.__dict__[_HASH] for c in node.children)))
                object.__setattr__(node, _HASH, value)
                continue
            stack.append((node, True))
            stack.extend((child, False) for child in node.children if _HASH not in child.__dict__)
        return int(self.__dict__[_HASH])

    def __repr__(self) -> str:
        pieces: list[str] = []
        stack: list[Any] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                pieces.append(item)
                continue
            names = _field_names(item.__class__)
            todo: list[Any] = []
            for k, name in enumerate(names):
                todo.append(f"{', ' if k else ''}{name}=")
                if name != _CHILDREN:
                    todo.append(repr(getattr(item, name)))
                    continue
                children = item.children
                todo.append("(")
                for j, child in enumerate(children):
                    if j:
                        todo.append(", ")
                    todo.append(child)
                todo.append(",)" if len(children) == 1 else ")")
            pieces.append(f"{item.__class__.__qualname__}(")
            todo.append(")")
            stack.extend(reversed(todo))
        return "".join(pieces)

    def __reduce__(self) -> tuple[Any, ...]:
        # Post-order list of (class, arguments with child indices in place of the children).
        records: list[tuple[type, tuple[Any, ...]]] = []
        numbers: dict[int, int] = {}
        stack: list[tuple[Any, bool]] = [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if id(node) in numbers:
                continue
            if not expanded:
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.children))
                continue
            names = _field_names(node.__class__)
            arguments = tuple(
                tuple(numbers[id(c)] for c in node.children) if name == _CHILDREN else getattr(node, name)
                for name in names
            )
            numbers[id(node)] = len(records)
            records.append((node.__class__, arguments))
        return (_from_records, (records,))


def _from_records(records: list[tuple[type, tuple[Any, ...]]]) -> Any:
    """Rebuild a tree from the flat list written by :meth:`NodeValue.__reduce__` (children come first)."""
    built: list[Any] = []
    for cls, arguments in records:
        names = _field_names(cls)
        values = tuple(
            tuple(built[i] for i in value) if name == _CHILDREN else value
            for name, value in zip(names, arguments, strict=True)
        )
        built.append(cls(*values))
    return built[-1]


_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _own(node: Any) -> tuple[Any, ...]:
    """The node's fields other than its children, in field order."""
    return tuple(getattr(node, name) for name in _field_names(node.__class__) if name != _CHILDREN)
