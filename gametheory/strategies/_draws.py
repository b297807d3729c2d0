"""The drawing behind :mod:`gametheory.strategies`: arguments are validated in `_validation`, drawn here.

Games are drawn as flat lists of payoffs, which shrink entry by entry
towards zero. A tree is drawn in three passes, each shrinking towards the simplest case:
its shape (decision or chance node, number of branches, where it stops),
then the information sets (each decision node starts its own set or joins
an open one of the same player with the same actions and, for perfect
recall, the same own history), then the payoffs (numbers, or linear
expressions in the parameters with every parameter appearing somewhere).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gametheory.exceptions import GameTheoryError
from gametheory.games.normal_form import NormalFormGame

__all__ = [
    "TreeOptions",
    "build_game",
    "degenerate",
    "games",
    "parameter_values",
    "parametric",
    "profiles",
    "trees",
]

_MAX_CELLS = 4096


@st.composite
def games(
    draw: Any, players_range: tuple[int, int], strategies_range: tuple[int, int], elements: Any, exact: bool
) -> NormalFormGame:
    """A numeric game: the shape first (kept under the cell cap), then the payoffs."""
    num_players = draw(st.integers(*players_range))
    shape: list[int] = []
    for _ in range(num_players):
        # Keep the tensor small: later players get fewer strategies if needed.
        room = _MAX_CELLS // max(1, int(np.prod(shape, dtype=np.int64)))
        remaining = num_players - len(shape) - 1
        high = min(strategies_range[1], max(strategies_range[0], int(room // strategies_range[0] ** remaining)))
        shape.append(draw(st.integers(strategies_range[0], high)))
    size = int(np.prod(shape)) * num_players
    values = draw(st.lists(elements, min_size=size, max_size=size))
    return build_game(values, (*shape, num_players), exact)


def build_game(values: list[Any], shape: tuple[int, ...], exact: bool) -> NormalFormGame:
    array = np.empty(len(values), dtype=object)
    if exact:
        for i, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, int | Fraction):
                raise InvalidArgument(f"exact games need int or Fraction payoffs; the payoffs strategy drew {value!r}")
            array[i] = Fraction(value)
    else:
        array = np.array([float(v) for v in values], dtype=np.float64)
    try:
        return NormalFormGame(array.reshape(shape))
    except GameTheoryError as error:
        raise InvalidArgument(f"the payoffs strategy drew values that do not make a game: {error}") from None


@st.composite
def degenerate(draw: Any, strategies_range: tuple[int, int], elements: Any, exact: bool) -> NormalFormGame:
    """A two-player game with a guaranteed tie between best responses (see ``degenerate_games``)."""
    m = draw(st.integers(*strategies_range))
    n = draw(st.integers(*strategies_range))
    size = m * n
    a = np.array(draw(st.lists(elements, min_size=size, max_size=size)), dtype=object).reshape(m, n)
    b = np.array(draw(st.lists(elements, min_size=size, max_size=size)), dtype=object).reshape(m, n)
    extra = draw(st.sampled_from(("none", "duplicate row", "duplicate column", "constant row player")))
    if extra == "duplicate row":
        a[m - 1], b[m - 1] = a[0], b[0]
    elif extra == "duplicate column":
        a[:, n - 1], b[:, n - 1] = a[:, 0], b[:, 0]
    elif extra == "constant row player":
        a[:, :] = a[0, 0]
    # The guaranteed tie: two best responses to one pure strategy of the opponent.
    if draw(st.booleans()):
        column = draw(st.integers(0, n - 1))
        first, second = draw(st.lists(st.integers(0, m - 1), min_size=2, max_size=2, unique=True))
        best = max(a[:, column])
        a[first, column] = a[second, column] = best
    else:
        row = draw(st.integers(0, m - 1))
        first, second = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
        best = max(b[row, :])
        b[row, first] = b[row, second] = best
    stacked = np.stack([a, b], axis=-1)
    return build_game(list(stacked.flat), stacked.shape, exact)


@st.composite
def parametric(
    draw: Any,
    symbols: tuple[sympy.Symbol, ...],
    players_range: tuple[int, int],
    strategies_range: tuple[int, int],
    max_coefficient: int,
    max_constant: int,
) -> NormalFormGame:
    """A game whose payoffs are linear in ``symbols``, each symbol used at least once."""
    num_players = draw(st.integers(*players_range))
    shape = tuple(draw(st.integers(*strategies_range)) for _ in range(num_players))
    size = int(np.prod(shape)) * num_players
    constants = draw(st.lists(st.integers(-max_constant, max_constant), min_size=size, max_size=size))
    coefficients = st.lists(st.integers(-max_coefficient, max_coefficient), min_size=size, max_size=size)
    cells = [sympy.Integer(c) for c in constants]
    nonzero = [k for c in range(1, max_coefficient + 1) for k in (c, -c)]
    for symbol in symbols:
        # Every parameter occurs: a drawn cell gets a nonzero coefficient (drawn first, so it shrinks to one cell).
        anchor = draw(st.integers(0, size - 1))
        anchor_coefficient = draw(st.sampled_from(nonzero))
        column = draw(coefficients)
        column[anchor] = anchor_coefficient
        cells = [cell + k * symbol for cell, k in zip(cells, column, strict=True)]
    array = np.empty(size, dtype=object)
    array[:] = cells
    return NormalFormGame(array.reshape((*shape, num_players)))


@dataclass(frozen=True)
class TreeOptions:
    """Validated options of :func:`gametheory.strategies.game_trees`."""

    num_players: int
    max_depth: int
    max_actions: int
    elements: Any
    exact: bool
    allow_chance: bool
    max_infoset_size: int
    allow_imperfect_recall: bool
    symbols: tuple[sympy.Symbol, ...]
    max_coefficient: int


@dataclass
class _Node:
    kind: str  # "decision", "chance" or "terminal"
    depth: int
    parent: int | None
    action: int | None
    player: int = -1
    children: list[int] = field(default_factory=list)
    probabilities: tuple[Fraction, ...] = ()
    payoffs: list[Any] = field(default_factory=list)
    infoset: int | None = None


@st.composite
def trees(draw: Any, options: TreeOptions) -> Any:
    """Draw an :class:`~gametheory.games.extensive_form.ExtensiveFormGame` with the given options."""
    from gametheory.games.extensive_form import ExtensiveFormGame

    nodes: list[_Node] = []
    _grow(draw, options, nodes, depth=0, parent=None, action=None)
    if options.max_infoset_size > 1:
        _join_information_sets(draw, options, nodes)
    if options.symbols:
        _add_parameters(draw, options, nodes)
    players = tuple(f"Player {i + 1}" for i in range(options.num_players))
    return ExtensiveFormGame(_build(nodes, 0, players, options.exact), players=players)


def _grow(
    draw: Any, options: TreeOptions, nodes: list[_Node], *, depth: int, parent: int | None, action: int | None
) -> int:
    index = len(nodes)
    # Expanding is drawn as True, so shrinking (towards False) makes leaves.
    if depth > 0 and (depth >= options.max_depth or not draw(st.booleans())):
        payoffs = draw(st.lists(options.elements, min_size=options.num_players, max_size=options.num_players))
        nodes.append(_Node("terminal", depth, parent, action, payoffs=payoffs))
        return index
    kind = draw(st.sampled_from(("decision", "chance"))) if options.allow_chance else "decision"
    count = draw(st.integers(2, options.max_actions))
    node = _Node(kind, depth, parent, action)
    if kind == "decision":
        node.player = draw(st.integers(0, options.num_players - 1))
    else:
        # Integer weights shrink towards 1 (equal probabilities); every branch keeps a positive probability.
        weights = draw(st.lists(st.integers(1, 4), min_size=count, max_size=count))
        node.probabilities = tuple(Fraction(w, sum(weights)) for w in weights)
    nodes.append(node)
    node.children = [_grow(draw, options, nodes, depth=depth + 1, parent=index, action=k) for k in range(count)]
    return index


def _own_history(nodes: list[_Node], index: int) -> tuple[tuple[int | None, int | None], ...]:
    """The mover's own earlier (information set, action) pairs on the path to a node."""
    player, history = nodes[index].player, []
    current = nodes[index]
    while current.parent is not None:
        parent = nodes[current.parent]
        if parent.kind == "decision" and parent.player == player:
            history.append((parent.infoset, current.action))
        current = parent
    return tuple(reversed(history))


def _join_information_sets(draw: Any, options: TreeOptions, nodes: list[_Node]) -> None:
    """Give each decision node, shallowest first, a new set or an open compatible one (0 = new shrinks)."""
    sizes: list[int] = []
    open_sets: dict[Any, list[int]] = {}
    order = sorted((i for i, n in enumerate(nodes) if n.kind == "decision"), key=lambda i: (nodes[i].depth, i))
    for index in order:
        node = nodes[index]
        key: tuple[Any, ...] = (node.player, len(node.children))
        if not options.allow_imperfect_recall:
            key += (_own_history(nodes, index),)
        candidates = [s for s in open_sets.get(key, []) if sizes[s] < options.max_infoset_size]
        choice = draw(st.integers(0, len(candidates))) if candidates else 0
        if choice == 0:
            node.infoset = len(sizes)
            sizes.append(1)
            open_sets.setdefault(key, []).append(node.infoset)
        else:
            node.infoset = candidates[choice - 1]
            sizes[node.infoset] += 1


def _add_parameters(draw: Any, options: TreeOptions, nodes: list[_Node]) -> None:
    """Make each leaf payoff ``constant + sum(coefficient * parameter)``, every parameter used somewhere."""
    leaves = [n for n in nodes if n.kind == "terminal"]
    coefficients = st.integers(-options.max_coefficient, options.max_coefficient)
    nonzero = [k for c in range(1, options.max_coefficient + 1) for k in (c, -c)]
    for leaf in leaves:
        leaf.payoffs = [sympy.Rational(p.numerator, p.denominator) for p in leaf.payoffs]
    for symbol in options.symbols:
        # The anchor is drawn first, so the tree shrinks to one occurrence of each parameter.
        anchor = draw(st.integers(0, len(leaves) * options.num_players - 1))
        anchor_coefficient = draw(st.sampled_from(nonzero))
        column = draw(
            st.lists(
                coefficients, min_size=len(leaves) * options.num_players, max_size=len(leaves) * options.num_players
            )
        )
        column[anchor] = anchor_coefficient
        for k, coefficient in enumerate(column):
            leaf = leaves[k // options.num_players]
            leaf.payoffs[k % options.num_players] += coefficient * symbol


def _build(nodes: list[_Node], index: int, players: tuple[str, ...], exact: bool) -> Any:
    from gametheory.games.tree_nodes import chance, decision, terminal

    node = nodes[index]
    if node.kind == "terminal":
        return terminal(*node.payoffs)
    children = [_build(nodes, child, players, exact) for child in node.children]
    if node.kind == "chance":
        probabilities = node.probabilities if exact else tuple(float(p) for p in node.probabilities)
        return chance(
            {f"c{k + 1}": (p, child) for k, (p, child) in enumerate(zip(probabilities, children, strict=True))}
        )
    return decision(
        players[node.player], {f"a{k + 1}": child for k, child in enumerate(children)}, infoset=node.infoset
    )


def profiles(game: NormalFormGame, max_weight: int) -> st.SearchStrategy[tuple[np.ndarray, ...]]:
    """Mixed profiles of a numeric game: integer weights in ``[0, max_weight]``, normalised."""
    weights = [st.lists(st.integers(0, max_weight), min_size=n, max_size=n) for n in game.shape]
    return st.tuples(*weights).map(lambda drawn: _normalise(game, drawn))


def _normalise(game: NormalFormGame, drawn: Sequence[list[int]]) -> tuple[np.ndarray, ...]:
    strategies = []
    for weights in drawn:
        total = sum(weights)
        if total == 0:
            vector = [Fraction(1)] + [Fraction(0)] * (len(weights) - 1)
        else:
            vector = [Fraction(w, total) for w in weights]
        strategies.append(vector if game.is_exact else [float(x) for x in vector])
    return game.profile(strategies)


def parameter_values(
    symbols: tuple[sympy.Symbol, ...], lo: Fraction, hi: Fraction, exact: bool
) -> st.SearchStrategy[dict[sympy.Symbol, Any]]:
    """Values in ``[lo, hi]`` for each symbol, respecting its sign assumptions."""
    strategies = {}
    for symbol in symbols:
        low = lo
        strict = bool(symbol.is_positive)
        if symbol.is_nonnegative:
            low = max(low, Fraction(0))
        if low > hi or (strict and hi <= 0):
            raise InvalidArgument(f"no value of {symbol} fits [{lo}, {hi}] and its assumptions")
        values = st.fractions(low, hi, max_denominator=12)
        if strict:
            values = values.filter(lambda v: v > 0)
        strategies[symbol] = values if exact else values.map(float)
    return st.fixed_dictionaries(strategies)
