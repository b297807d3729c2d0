"""JSON layout of game trees, used by :mod:`gametheory.io.json`.

A tree document holds ``players``, optional ``title`` and ``comment``, and a
``root`` node. Each node is an object with a ``type``:

* ``{"type": "decision", "player": "US", "actions": [...], "children": [...]}``
  with optional ``infoset`` (a string or integer key) and ``infoset_label``;
* ``{"type": "chance", "actions": [...], "probabilities": [...], "children": [...]}``;
* ``{"type": "terminal"}``.

Any node may have ``payoffs`` (its outcome, one entry per player),
``outcome_label`` and ``label``.
"""

from __future__ import annotations

from typing import Any

from gametheory.exceptions import GameTheoryError, ParseError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, Node, Outcome, TerminalNode
from gametheory.io._json_context import Context

__all__ = ["read_tree", "write_tree"]

_TREE_KEYS = frozenset({"format", "version", "kind", "parameters", "players", "title", "comment", "root"})
_NODE_KEYS = {
    "decision": {
        "type",
        "label",
        "payoffs",
        "outcome_label",
        "player",
        "actions",
        "children",
        "infoset",
        "infoset_label",
    },
    "chance": {"type", "label", "payoffs", "outcome_label", "actions", "probabilities", "children"},
    "terminal": {"type", "label", "payoffs", "outcome_label"},
}


def read_tree(document: dict[str, Any], context: Context) -> ExtensiveFormGame:
    """Build an :class:`ExtensiveFormGame` from a parsed JSON document."""
    unknown = sorted(set(document) - _TREE_KEYS)
    if unknown:
        raise context.error(f"unknown key {unknown[0]!r} in a game tree", unknown[0])
    if "root" not in document:
        raise context.error('a game tree needs a "root" node', None)
    players = document.get("players")
    if players is not None and not isinstance(players, list):
        raise context.error("expected a list of player names", "players")
    title, comment = document.get("title", ""), document.get("comment", "")
    for key, value in (("title", title), ("comment", comment)):
        if not isinstance(value, str):
            raise context.error("expected a string", key)
    root = _read_node(document["root"], context, "root")
    try:
        return ExtensiveFormGame(root, players=players, title=title, comment=comment)
    except GameTheoryError as error:
        raise context.error(str(error), "root") from None


def _read_node(value: Any, context: Context, path: str) -> Node:
    """Read a node and everything below it, in the order a recursive reader would, with an explicit stack."""
    built: list[Node] = []
    # Entries: (JSON value, path, header); a header means the children are built and the node can be.
    stack: list[tuple[Any, str, tuple[Any, ...] | None]] = [(value, path, None)]
    while stack:
        item, where, header = stack.pop()
        if header is None:
            header = _read_header(item, context, where)
            children = header[3]
            if children is None:
                built.append(_construct(item, context, where, header, ()))
                continue
            stack.append((item, where, header))
            stack.extend((c, f"{where}.children[{i}]", None) for i, c in reversed(list(enumerate(children))))
            continue
        start = len(built) - len(header[3])
        nodes = tuple(built[start:])
        del built[start:]
        built.append(_construct(item, context, where, header, nodes))
    return built[0]


def _read_header(value: Any, context: Context, path: str) -> tuple[Any, ...]:
    """Check a node's own keys; return its kind, label, outcome, and actions and children (``None`` if terminal)."""
    if not isinstance(value, dict):
        raise context.error("expected a node object", "root", path)
    kind = value.get("type")
    if kind not in _NODE_KEYS:
        raise context.error(f'expected "type": "decision", "chance" or "terminal", found {kind!r}', "root", path)
    unknown = sorted(set(value) - _NODE_KEYS[kind])
    if unknown:
        raise context.error(f"unknown key {unknown[0]!r} in a {kind} node", "root", path)
    label = _string(value, "label", context, path)
    outcome = None
    if "payoffs" in value:
        payoffs = value["payoffs"]
        if not isinstance(payoffs, list):
            raise context.error("expected a list of payoffs", "root", f"{path}.payoffs")
        numbers = tuple(context.number(x, "root", f"{path}.payoffs[{i}]") for i, x in enumerate(payoffs))
        outcome = Outcome(numbers, label=_string(value, "outcome_label", context, path))
    if kind == "terminal":
        return kind, label, outcome, None, None
    actions = value.get("actions")
    children = value.get("children")
    if not isinstance(actions, list) or not isinstance(children, list):
        raise context.error('expected lists "actions" and "children"', "root", path)
    return kind, label, outcome, children, actions


def _construct(
    value: dict[str, Any], context: Context, path: str, header: tuple[Any, ...], nodes: tuple[Node, ...]
) -> Node:
    kind, label, outcome, _, actions = header
    try:
        if kind == "terminal":
            return TerminalNode(outcome, label=label)
        if kind == "chance":
            probabilities = value.get("probabilities")
            if not isinstance(probabilities, list):
                raise context.error('expected a list "probabilities"', "root", path)
            numbers = tuple(
                context.number(p, "root", f"{path}.probabilities[{i}]") for i, p in enumerate(probabilities)
            )
            return ChanceNode(tuple(actions), numbers, nodes, label=label, outcome=outcome)
        infoset = value.get("infoset")
        if infoset is not None and (isinstance(infoset, bool) or not isinstance(infoset, str | int)):
            raise context.error("an information set key must be a string or an integer", "root", f"{path}.infoset")
        return DecisionNode(
            value.get("player"),  # type: ignore[arg-type]  # checked by DecisionNode
            tuple(actions),
            nodes,
            infoset,
            _string(value, "infoset_label", context, path),
            label,
            outcome,
        )
    except ParseError:
        raise
    except GameTheoryError as error:
        raise context.error(str(error), "root", path) from None


def _string(value: dict[str, Any], key: str, context: Context, path: str) -> str:
    text = value.get(key, "")
    if not isinstance(text, str):
        raise context.error("expected a string", "root", f"{path}.{key}")
    return text


def write_tree(game: ExtensiveFormGame, context: Context) -> dict[str, Any]:
    """The JSON body of a game tree."""
    body: dict[str, Any] = {"players": list(game.players)}
    if game.title:
        body["title"] = game.title
    if game.comment:
        body["comment"] = game.comment
    body["root"] = _write_node(game.root, context)
    return body


def _write_node(root: Node, context: Context) -> dict[str, Any]:
    """The JSON object of a node and everything below it, written in preorder with an explicit stack."""
    written: list[dict[str, Any]] = []
    stack: list[tuple[Node, list[dict[str, Any]]]] = [(root, written)]
    while stack:
        node, siblings = stack.pop()
        out = _write_own(node, context)
        siblings.append(out)
        if not isinstance(node, TerminalNode):
            stack.extend((child, out["children"]) for child in reversed(node.children))
    return written[0]


def _write_own(node: Node, context: Context) -> dict[str, Any]:
    """A node's object with an empty list of children, to be filled in."""
    out: dict[str, Any] = {}
    if isinstance(node, DecisionNode):
        out = {"type": "decision", "player": node.player}
        if node.infoset is not None:
            out["infoset"] = node.infoset
        if node.infoset_label:
            out["infoset_label"] = node.infoset_label
    elif isinstance(node, ChanceNode):
        out = {"type": "chance"}
    else:
        out = {"type": "terminal"}
    if node.label:
        out["label"] = node.label
    if node.outcome is not None:
        out["payoffs"] = [context.write_number(x) for x in node.outcome.payoffs]
        if node.outcome.label:
            out["outcome_label"] = node.outcome.label
    if not isinstance(node, TerminalNode):
        out["actions"] = list(node.actions)
        if isinstance(node, ChanceNode):
            out["probabilities"] = [context.write_number(p) for p in node.probabilities]
        out["children"] = []
    return out
