"""Components of the equilibrium set of a two-player game.

The set of Nash equilibria of a bimatrix game is a finite union of convex
product sets ("cliques"): if the extreme strategies ``x_1, ..., x_a`` of the
row player each form an equilibrium with each of ``y_1, ..., y_b``, every
pair in the convex hulls is an equilibrium. The maximal such sets are the
maximal bicliques of the bipartite graph whose edges are the extreme
equilibria, found here with the Bron-Kerbosch algorithm; cliques that share
an extreme strategy are joined into components, the maximal connected sets
of equilibria (Avis, Rosenberg, Savani and von Stengel, "Enumeration of Nash
equilibria for two-player games", Economic Theory 42, 2010; as in lrsnash
and Gambit).
"""

from __future__ import annotations

from gametheory._internal.limits import check_allocation, check_time, time_limit_scope
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.enumeration import extreme_equilibria
from gametheory.solvers.guards import require_two_players
from gametheory.solvers.results import Clique, Component

__all__ = ["equilibrium_components"]


def equilibrium_components(game: NormalFormGame, *, time_limit: float | None = None) -> tuple[Component, ...]:
    """The connected components of the equilibrium set of a two-player game.

    Each component lists its extreme equilibria (in the order of
    :func:`~gametheory.solvers.enumeration.nash_equilibria`) and the maximal
    convex product sets ("cliques") whose union it is. Components are
    ordered by their first extreme equilibrium; a nondegenerate game has
    only singleton components.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    time_limit : float, optional
        Seconds after which to stop with :class:`~gametheory.exceptions.ResourceLimitError`;
        the default is no limit.

    Returns
    -------
    tuple of Component

    Raises
    ------
    ParameterError
        If the game has free parameters.
    UnsupportedGameError
        If the game does not have exactly two players.
    ResourceLimitError
        Past ``time_limit``, or before a table would outgrow the memory budget.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    >>> (component,) = equilibrium_components(game)
    >>> [str(eq) for eq in component.equilibria]
    ['Player 1: s2; Player 2: s1; payoffs -3, 4', 'Player 1: s1 2/7, s2 5/7; Player 2: s1; payoffs -3, 24/7']
    >>> (clique,) = component.cliques
    >>> len(clique.row_extremes), len(clique.column_extremes)
    (2, 1)
    """
    with time_limit_scope(time_limit, "equilibrium_components"):
        require_two_players(game, "equilibrium_components")
        found = extreme_equilibria(game)
        cliques = _maximal_bicliques(found.pairs)
    equilibria, pairs = found.equilibria, found.pairs
    rows = {i: equilibria[k].profile[0] for k, (i, _) in enumerate(pairs)}
    columns = {j: equilibria[k].profile[1] for k, (_, j) in enumerate(pairs)}
    component_of = _connected(pairs)
    components = []
    for label in sorted(set(component_of.values())):
        members = [k for k, (i, _) in enumerate(pairs) if component_of[i] == label]
        own = [
            Clique(tuple(rows[i] for i in xs), tuple(columns[j] for j in ys))
            for xs, ys in cliques
            if component_of[xs[0]] == label
        ]
        components.append(Component(tuple(equilibria[k] for k in members), tuple(own)))
    return tuple(components)


def _connected(pairs: tuple[tuple[int, int], ...]) -> dict[int, int]:
    """Map each row vertex to the smallest equilibrium index of its connected component."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(node: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in pairs:
        a, b = find((0, i)), find((1, j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    first: dict[tuple[int, int], int] = {}
    for k, (i, _) in enumerate(pairs):
        first.setdefault(find((0, i)), k)
    return {i: first[find((0, i))] for i, _ in pairs}


def _maximal_bicliques(pairs: tuple[tuple[int, int], ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal bicliques of the bipartite graph with edges ``pairs``, in a deterministic order.

    Bron-Kerbosch with pivoting on the graph in which each side is made a
    clique: its maximal cliques that meet both sides are exactly the maximal
    bicliques. Vertex sets are Python-int bitsets.
    """
    if not pairs:
        return []
    num_rows = 1 + max(i for i, _ in pairs)
    num_columns = 1 + max(j for _, j in pairs)
    size = num_rows + num_columns
    # One bitset of `size` bits per vertex, plus the sets of each level of the search.
    check_allocation(
        3 * size * (size // 8 + 32),
        f"grouping {len(pairs):,} extreme equilibria into cliques",
        hint="use nash_equilibria for the equilibria without their components",
    )
    row_side = (1 << num_rows) - 1
    column_side = ((1 << size) - 1) ^ row_side
    neighbours = [row_side ^ (1 << v) for v in range(num_rows)] + [
        column_side ^ (1 << (num_rows + j)) for j in range(num_columns)
    ]
    for i, j in pairs:
        neighbours[i] |= 1 << (num_rows + j)
        neighbours[num_rows + j] |= 1 << i
    found: list[int] = []
    # An explicit stack, not recursion: cliques can be thousands of vertices deep (identity games).
    stack = [(0, (1 << size) - 1, 0)]
    while stack:
        check_time()
        clique, candidates, excluded = stack.pop()
        if not candidates and not excluded:
            found.append(clique)
            continue
        pivot = max(_bits(candidates | excluded), key=lambda u: (neighbours[u] & candidates).bit_count())
        for v in _bits(candidates & ~neighbours[pivot]):
            stack.append((clique | (1 << v), candidates & neighbours[v], excluded & neighbours[v]))
            candidates &= ~(1 << v)
            excluded |= 1 << v
    out = []
    for clique in found:
        xs = tuple(v for v in _bits(clique) if v < num_rows)
        ys = tuple(v - num_rows for v in _bits(clique) if v >= num_rows)
        if xs and ys:
            out.append((xs, ys))
    return sorted(out)


def _bits(mask: int) -> list[int]:
    """Positions of the set bits, in increasing order."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out
