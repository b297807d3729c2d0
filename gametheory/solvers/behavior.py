"""Equilibria of game trees in behaviour strategies, through the reduced normal form.

:func:`tree_equilibria` solves the reduced strategic form with
:func:`gametheory.solvers.enumeration.nash_equilibria` and maps each mixed
equilibrium back to behaviour strategies (Kuhn's theorem: needs perfect
recall). :func:`beliefs` gives the beliefs that an equilibrium implies at
the information sets it reaches, by Bayes' rule.

Examples
--------
>>> from gametheory.games.tree_nodes import decision, terminal
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> tree = ExtensiveFormGame(decision("A", {
...     "H": decision("B", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="guess"),
...     "T": decision("B", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="guess"),
... }))
>>> (eq,) = tree_equilibria(tree)
>>> print(eq)
A: H 1/2, T 1/2; B: h 1/2, t 1/2; payoffs 0, 0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.formatting import format_mix, format_number
from gametheory._internal.limits import check_time, time_limit_scope
from gametheory.exceptions import InvalidProfileError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.reduction import reduced_form
from gametheory.games.tree_nodes import ChanceNode
from gametheory.solvers._kuhn import Behavior, behavior_from_mixed, frozen
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.guards import require_numeric_tree
from gametheory.solvers.results import PROBABILITY_ROUNDOFF

__all__ = [
    "BehaviorEquilibrium",
    "behavior_payoffs",
    "beliefs",
    "infoset_name",
    "reach_probabilities",
    "tree_equilibria",
]


@dataclass(frozen=True, eq=False)
class BehaviorEquilibrium:
    """An equilibrium of a game tree in behaviour strategies.

    Attributes
    ----------
    behavior : tuple of (numpy.ndarray or None)
        One entry per information set (in ``game.information_sets`` order): the
        probability of each action. ``None`` marks a set that the mover's own
        strategy never lets be reached, where any choice gives the same play.
    payoffs : numpy.ndarray
        Each player's expected payoff, in player order.
    game : ExtensiveFormGame
        The tree, for labels (``players`` gives its player names, as every
        equilibrium record does).
    tolerance : float or None
        ``None`` when exact; otherwise the float tolerance used, in payoff
        units (the largest over the players; each player's choices are
        decided on that player's own scale). Probabilities are compared up
        to float round-off, whatever this tolerance.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
    >>> (eq,) = tree_equilibria(tree)
    >>> eq.action("A")
    'x'
    """

    behavior: Behavior
    payoffs: np.ndarray
    game: ExtensiveFormGame
    tolerance: float | None = None

    def probabilities(self, infoset: int | str) -> dict[str, Any] | None:
        """Action probabilities at an information set, given by index or by :func:`infoset_name`.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
        >>> (eq,) = tree_equilibria(tree)
        >>> eq.probabilities("A")
        {'x': Fraction(1, 1), 'y': Fraction(0, 1)}
        """
        actions, vector = self._at(infoset)
        return None if vector is None else dict(zip(actions, vector.tolist(), strict=True))

    def action(self, infoset: int | str) -> str | None:
        """The action chosen for sure at an information set, or None if it mixes or is unspecified.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
        >>> (eq,) = tree_equilibria(tree)
        >>> eq.action(0)
        'x'
        """
        actions, vector = self._at(infoset)
        sure = [] if vector is None else [k for k, p in enumerate(vector) if _is_one(p, self.tolerance)]
        return actions[sure[0]] if sure else None

    def _at(self, infoset: int | str) -> tuple[tuple[str, ...], np.ndarray | None]:
        index = _infoset_index(self.game, infoset)
        return self.game.information_sets[index].actions, self.behavior[index]

    @property
    def is_pure(self) -> bool:
        """True when every specified information set has an action played for sure."""
        return all(v is None or any(_is_one(p, self.tolerance) for p in v) for v in self.behavior)

    @property
    def is_exact(self) -> bool:
        """True when probabilities and payoffs are exact rationals."""
        return self.tolerance is None

    @property
    def players(self) -> tuple[str, ...]:
        """Player names (the tree's), as :attr:`Equilibrium.players <gametheory.solvers.results.Equilibrium>`."""
        return self.game.players

    def reach_probabilities(self) -> np.ndarray:
        """Probability of reaching each position (see :func:`reach_probabilities`).

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
        >>> (eq,) = tree_equilibria(tree)
        >>> eq.reach_probabilities().tolist()
        [Fraction(1, 1), Fraction(1, 1), Fraction(0, 1)]
        """
        return reach_probabilities(self.game, self.behavior)

    def key(self) -> tuple[Any, ...]:
        """A hashable key of the behaviour profile, for sorting and de-duplication.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
        >>> (eq,) = tree_equilibria(tree)
        >>> eq.key()
        ((Fraction(1, 1), Fraction(0, 1)),)
        """
        return tuple(None if v is None else tuple(v.tolist()) for v in self.behavior)

    def __str__(self) -> str:
        parts = []
        for infoset, vector in zip(self.game.information_sets, self.behavior, strict=True):
            name = infoset_name(self.game, infoset.index)
            if vector is None:
                parts.append(f"{name}: (unreached)")
                continue
            used = [(a, p) for a, p in zip(infoset.actions, vector, strict=True) if not _is_zero(p, self.tolerance)]
            parts.append(f"{name}: " + format_mix([a for a, _ in used], [p for _, p in used]))
        return "; ".join(parts) + "; payoffs " + ", ".join(format_number(v) for v in self.payoffs)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self})"


def infoset_name(tree: ExtensiveFormGame, infoset: int) -> str:
    """A readable name for an information set: the player, plus the set's label when the player has several.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("A", {"x": decision("A", {"u": terminal(1)}, infoset="later"),
    ...                                         "y": terminal(0)}))
    >>> infoset_name(tree, 0), infoset_name(tree, 1)
    ('A [1]', 'A [later]')
    """
    sets = tree.information_sets
    info = sets[infoset]
    player = tree.players[info.player]
    if sum(1 for s in sets if s.player == info.player) == 1:
        return player
    return f"{player} [{info.label or info.number}]"


def _infoset_index(tree: ExtensiveFormGame, infoset: int | str) -> int:
    if (
        isinstance(infoset, int | np.integer)
        and not isinstance(infoset, bool)
        and 0 <= infoset < len(tree.information_sets)
    ):
        return int(infoset)
    for s in tree.information_sets:
        if infoset == infoset_name(tree, s.index):
            return s.index
    labelled = [s.index for s in tree.information_sets if s.label and infoset in (s.label, s.key)]
    if len(labelled) == 1:
        return labelled[0]
    names = ", ".join(infoset_name(tree, s.index) for s in tree.information_sets)
    raise InvalidProfileError(f"no information set {infoset!r}; the sets are {names}")


# ``tolerance`` bounds payoffs, not probabilities: a float probability is compared up to round-off only
# (as Equilibrium.support does), whatever the payoff scale.
def _is_one(p: Any, tolerance: float | None) -> bool:
    return bool(p == 1) if tolerance is None else abs(float(p) - 1.0) <= PROBABILITY_ROUNDOFF


def _is_zero(p: Any, tolerance: float | None) -> bool:
    return bool(p == 0) if tolerance is None else abs(float(p)) <= PROBABILITY_ROUNDOFF


def reach_probabilities(tree: ExtensiveFormGame, behavior: Sequence[Any]) -> np.ndarray:
    """Probability of reaching each position under a behaviour profile (with chance moves).

    A ``None`` entry of ``behavior`` is treated as any fixed choice; it must
    only occur at sets reached with probability zero.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1), "y": terminal(0)}))
    >>> reach_probabilities(tree, [np.array([Fraction(1, 3), Fraction(2, 3)], dtype=object)]).tolist()
    [Fraction(1, 1), Fraction(1, 3), Fraction(2, 3)]
    """
    if len(behavior) != len(tree.information_sets):
        raise InvalidProfileError(
            f"a behaviour profile needs {len(tree.information_sets)} entries; got {len(behavior)}"
        )
    exact = all(v is None or np.asarray(v).dtype == object for v in behavior) and not _float_tree(tree)
    one: Any = Fraction(1) if exact else 1.0
    reach = np.empty(len(tree.positions), dtype=object if exact else np.float64)
    for position in tree.positions:
        if position.parent is None:
            reach[position.index] = one
            continue
        parent = tree.positions[position.parent]
        base = reach[parent.index]
        assert position.action is not None
        if isinstance(parent.node, ChanceNode):
            p = parent.node.probabilities[position.action]
        else:
            assert parent.infoset is not None
            vector = behavior[parent.infoset]
            if vector is None:
                if base != 0:
                    name = infoset_name(tree, parent.infoset)
                    raise InvalidProfileError(f"behaviour at {name} is unspecified but the set is reached")
                p = 0
            else:
                p = vector[position.action]
        reach[position.index] = base * (p if exact else float(p))
    return reach


def _float_tree(tree: ExtensiveFormGame) -> bool:
    return not tree.is_exact and not tree.is_parametric


def behavior_payoffs(tree: ExtensiveFormGame, behavior: Sequence[Any]) -> np.ndarray:
    """Each player's expected payoff under a behaviour profile.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(4, 0), "y": terminal(0, 2)}), players=("A", "B"))
    >>> behavior_payoffs(tree, [np.array([0.25, 0.75])]).tolist()
    [1.0, 1.5]
    """
    reach = reach_probabilities(tree, behavior)
    total = [reach.dtype.type(0) if reach.dtype != object else Fraction(0)] * tree.num_players
    for position in tree.positions:
        outcome = position.node.outcome
        if outcome is not None and reach[position.index] != 0:
            total = [t + reach[position.index] * v for t, v in zip(total, outcome.payoffs, strict=True)]
    return np.array(total, dtype=reach.dtype)


def beliefs(equilibrium: BehaviorEquilibrium) -> tuple[np.ndarray | None, ...]:
    """Beliefs implied at each information set by Bayes' rule.

    Returns, per information set, the probability of each member node (in
    ``members`` order) given that the set is reached, or ``None`` when the
    equilibrium reaches the set with probability zero (Bayes' rule is silent).

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> us = lambda a, b: decision("US", {"Strike": terminal(a, 0), "Wait": terminal(b, 0)}, infoset="attack")
    >>> tree = ExtensiveFormGame(chance({"Ordered": ("1/4", us(1, -1)), "Rogue": ("3/4", us(-1, 0))}),
    ...                          players=("US", "Iran"))
    >>> (eq,) = tree_equilibria(tree)
    >>> beliefs(eq)[0].tolist()
    [Fraction(1, 4), Fraction(3, 4)]
    """
    reach = equilibrium.reach_probabilities()
    out: list[np.ndarray | None] = []
    for infoset in equilibrium.game.information_sets:
        weights = np.array([reach[m] for m in infoset.members], dtype=reach.dtype)
        total = sum(weights.tolist())
        if _is_zero(total, equilibrium.tolerance):
            out.append(None)
        else:
            out.append(weights / total)
    return tuple(out)


def tree_equilibria(tree: ExtensiveFormGame, *, time_limit: float | None = None) -> tuple[BehaviorEquilibrium, ...]:
    """Every Nash equilibrium of a game tree (the extreme ones of the reduced form), as behaviour strategies.

    Solves :func:`~gametheory.games.reduction.to_normal_form` with
    :func:`gametheory.solvers.enumeration.nash_equilibria` and maps each
    equilibrium back: the probability of action ``a`` at set ``I`` is the
    weight of the strategies choosing ``a`` at ``I`` over the weight of those
    that can reach ``I``. Different mixed equilibria that give the same
    behaviour are reported once.

    In the example, holding is an equilibrium whenever the US would
    retaliate with probability at least 1/2: both ends of that segment are
    returned.

    The reduced form grows exponentially with the number of information sets
    a player has (a player who observes ``m`` earlier moves with ``k``
    actions each has up to ``k ** m`` strategies), and degenerate trees can
    have very many extreme equilibria; use
    :func:`~gametheory.solvers.subgame_perfect.subgame_perfect_equilibria`
    where subgames let the problem split. ``time_limit`` (seconds, default
    none) bounds the work, as for
    :func:`~gametheory.solvers.enumeration.nash_equilibria`.

    Raises
    ------
    UnsupportedGameError
        If the tree has fewer than two players or imperfect recall.
    ParameterError
        If the tree is parametric.
    ResourceLimitError
        Past ``time_limit``.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("Militia", {
    ...     "Attack": decision("US", {"Retaliate": terminal(-1, -2), "Absorb": terminal(1, -1)}),
    ...     "Hold": terminal(0, 0),
    ... }))
    >>> for eq in tree_equilibria(tree):
    ...     print(eq)
    Militia: Hold; US: Retaliate 1/2, Absorb 1/2; payoffs 0, 0
    Militia: Hold; US: Retaliate; payoffs 0, 0
    Militia: Attack; US: Absorb; payoffs 1, -1
    """
    require_numeric_tree(tree, "tree_equilibria")
    if tree.num_players < 2:
        raise UnsupportedGameError(
            "tree_equilibria needs two or more players; for a one-player tree use solve_decision_tree"
        )
    with time_limit_scope(time_limit, "tree_equilibria"):
        reduced = reduced_form(tree)
        seen: dict[tuple[Any, ...], BehaviorEquilibrium] = {}
        for eq in nash_equilibria(reduced.game):
            check_time()
            behavior = behavior_from_mixed(tree, reduced.assignments, eq.profile)
            record = BehaviorEquilibrium(behavior, frozen(eq.payoffs), tree, eq.tolerance)
            seen.setdefault(record.key(), record)
    return tuple(seen.values())


@nash_equilibria.register(ExtensiveFormGame)
def _nash_equilibria_of_tree(
    tree: ExtensiveFormGame, *, time_limit: float | None = None
) -> tuple[BehaviorEquilibrium, ...]:
    with time_limit_scope(time_limit, "nash_equilibria"):
        return tree_equilibria(tree)
