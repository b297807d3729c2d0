"""Private: the frozen records of :mod:`gametheory.solvers.perfect_bayesian` (re-exported there)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.formatting import format_number
from gametheory._internal.tree_paths import node_names
from gametheory.exceptions import InvalidProfileError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers._pbe_beliefs import Constraint, feasible_belief, interval, satisfies
from gametheory.solvers._pbe_profiles import coerce_beliefs, set_names
from gametheory.solvers.behavior import BehaviorEquilibrium

__all__ = ["BeliefRegion", "PerfectBayesianEquilibrium", "region_of"]


@dataclass(frozen=True)
class BeliefRegion:
    """The beliefs at an off-path information set under which an equilibrium's behaviour there is optimal.

    The region is the set of probability vectors ``mu`` over the set's nodes
    (in tree order) meeting every inequality ``sum(c[k] * mu[k]) >= b`` of
    ``inequalities`` (inequalities that hold on the whole simplex are left
    out) and, when Bayes' rule from the mover's own deviation pins the belief
    down, equal to ``pinned``.

    Attributes
    ----------
    infoset : str
        The set's name.
    player : str
        Who moves there.
    nodes : tuple of str
        Each node described by the moves that tell it apart from the others.
    inequalities : tuple of ((tuple of Fraction), Fraction)
        ``(c, b)`` pairs, exact (float trees are converted exactly).
    pinned : tuple or None
        The belief Bayes' rule requires there, or None when any belief is admissible.
    tolerance : float or None
        None when exact; else the slack allowed in each inequality.

    Examples
    --------
    >>> region = BeliefRegion("after Quiche", "Receiver", ("Strong", "Weak"),
    ...                       (((Fraction(-1), Fraction(1)), Fraction(0)),), None, None)
    >>> print(region)
    after Quiche, Receiver believes Strong with probability <= 1/2
    >>> region.contains((Fraction(1, 4), Fraction(3, 4))), region.interval
    (True, (Fraction(0, 1), Fraction(1, 2)))
    """

    infoset: str
    player: str
    nodes: tuple[str, ...]
    inequalities: tuple[Constraint, ...]
    pinned: tuple[Any, ...] | None
    tolerance: float | None = None

    def contains(self, belief: Any) -> bool:
        """Whether ``belief`` (probabilities over the set's nodes, in tree order) lies in the region.

        Examples
        --------
        >>> BeliefRegion("h", "B", ("x",), (), None).contains((1,))
        True
        """
        if len(belief) != len(self.nodes):
            raise InvalidProfileError(f"a belief at {self.infoset} needs {len(self.nodes)} probabilities")
        if self.pinned is not None:
            same = all(
                (a == b) if self.tolerance is None else abs(float(a) - float(b)) <= 1e-9
                for a, b in zip(self.pinned, belief, strict=True)
            )
            if not same:
                return False
        return satisfies(self.inequalities, belief, self.tolerance)

    def some_belief(self) -> tuple[Any, ...]:
        """One belief in the region (the pinned one, else a vertex found by exact linear programming).

        Examples
        --------
        >>> BeliefRegion("h", "B", ("x", "y"), (((Fraction(1), Fraction(0)), Fraction(1, 3)),), None).some_belief()
        (Fraction(1, 3), Fraction(2, 3))
        """
        if self.pinned is not None:
            return self.pinned
        found = feasible_belief(self.inequalities, len(self.nodes), self.tolerance)
        if found is None:
            raise InvalidProfileError(f"no belief at {self.infoset} supports the equilibrium")
        return found

    @property
    def interval(self) -> tuple[Fraction, Fraction] | None:
        """For a two-node set, the probability of the first node as an exact closed interval (else None)."""
        if len(self.nodes) != 2:
            return None
        if self.pinned is not None:
            return (Fraction(self.pinned[0]), Fraction(self.pinned[0]))
        return interval(self.inequalities, None) or interval(self.inequalities, self.tolerance)

    def __str__(self) -> str:
        where = self.infoset if self.infoset.startswith("after ") else f"at {self.infoset}"
        if self.pinned is not None:
            told = ", ".join(f"{n} {format_number(p)}" for n, p in zip(self.nodes, self.pinned, strict=True))
            return f"{where}, {self.player} believes {told} (Bayes' rule after its own deviation)"
        if not self.inequalities:
            return f"{where}, any belief of {self.player} supports it"
        span = self.interval
        if span is not None:
            lo, hi = (format_number(v if self.tolerance is None else float(v)) for v in span)
            first = f"{where}, {self.player} believes {self.nodes[0]} with probability"
            if span[0] == span[1]:
                return f"{first} {lo}"
            if span[1] == 1:
                return f"{first} >= {lo}"
            if span[0] == 0:
                return f"{first} <= {hi}"
            return f"{first} between {lo} and {hi}"
        text = []
        for coefficients, bound in self.inequalities:
            terms = " + ".join(f"{format_number(c)} P({n})" for c, n in zip(coefficients, self.nodes, strict=True) if c)
            text.append(f"{terms} >= {format_number(bound)}")
        return f"{where}, {self.player}'s beliefs satisfy " + "; ".join(text)


def region_of(
    tree: ExtensiveFormGame, infoset: int, rows: list[Constraint], pinned: Any, tolerance: float | None
) -> BeliefRegion:
    """The region record for one set, dropping inequalities that hold on the whole simplex."""
    kept = tuple(row for row in rows if min(row[0]) < row[1])
    info = tree.information_sets[infoset]
    return BeliefRegion(
        set_names(tree)[infoset], tree.players[info.player], node_names(tree, infoset), kept, pinned, tolerance
    )


@dataclass(frozen=True, eq=False)
class PerfectBayesianEquilibrium:
    """A perfect Bayesian equilibrium: a full behaviour profile with the beliefs that support it.

    Attributes
    ----------
    profile : tuple of numpy.ndarray
        The probability of each action at *every* information set, in
        ``game.information_sets`` order (as ``BehaviorEquilibrium.behavior``, but never None).
    payoffs : numpy.ndarray
        Each player's expected payoff.
    beliefs : mapping of str to tuple
        For each set reached with positive probability (by name: its label,
        else :func:`~gametheory.solvers.behavior.infoset_name`), the belief
        over its nodes in tree order, by Bayes' rule.
    belief_regions : mapping of str to BeliefRegion
        For each set off the path, the exact region of supporting beliefs.
    kind : str or None
        For signalling games, ``"pooling"``, ``"separating"`` or ``"semi-separating"``; else None.
    game : ExtensiveFormGame
        The tree.
    tolerance : float or None
        None when exact; else the payoff tolerance used.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.solvers.perfect_bayesian import perfect_bayesian_equilibria
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
    >>> (pbe,) = perfect_bayesian_equilibria(tree)
    >>> print(pbe)
    A: x; payoffs 1, 0
    """

    profile: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    beliefs: Mapping[str, tuple[Any, ...]]
    belief_regions: Mapping[str, BeliefRegion]
    kind: str | None
    game: ExtensiveFormGame
    tolerance: float | None = None

    @property
    def players(self) -> tuple[str, ...]:
        """Player names (the tree's)."""
        return self.game.players

    @property
    def is_exact(self) -> bool:
        """True when probabilities, payoffs and beliefs are exact rationals."""
        return self.tolerance is None

    def as_behavior(self) -> BehaviorEquilibrium:
        """The profile as a :class:`~gametheory.solvers.behavior.BehaviorEquilibrium`.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.solvers.perfect_bayesian import perfect_bayesian_equilibria
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
        >>> perfect_bayesian_equilibria(tree)[0].as_behavior().action("A")
        'x'
        """
        return BehaviorEquilibrium(self.profile, self.payoffs, self.game, self.tolerance)

    def supports(self, beliefs: Mapping[Any, Any]) -> bool:
        """Whether the given beliefs at off-path sets (by name or index) support this equilibrium.

        Sets left out are not constrained; a set on the path is supported
        only by its Bayes belief.

        Raises
        ------
        InvalidProfileError
            If a belief has the wrong length, a negative entry, or does not sum to one.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.solvers.perfect_bayesian import perfect_bayesian_equilibria
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
        >>> perfect_bayesian_equilibria(tree)[0].supports({"A": (1,)})
        True
        """
        names = set_names(self.game)
        for index, belief in coerce_beliefs(self.game, beliefs, complete=False).items():
            name = names[index]
            if name in self.belief_regions:
                if not self.belief_regions[name].contains(belief):
                    return False
            elif not all(abs(float(a) - float(b)) <= 1e-9 for a, b in zip(self.beliefs[name], belief, strict=True)):
                return False
        return True

    def key(self) -> tuple[tuple[Any, ...], ...]:
        """A hashable key of the profile, for sorting and de-duplication.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.solvers.perfect_bayesian import perfect_bayesian_equilibria
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
        >>> perfect_bayesian_equilibria(tree)[0].key()
        ((Fraction(1, 1), Fraction(0, 1)),)
        """
        return tuple(tuple(v.tolist()) for v in self.profile)

    def __str__(self) -> str:
        lines = [str(self.as_behavior())]
        if self.kind is not None:
            lines[0] = f"{self.kind}: {lines[0]}"
        names = set_names(self.game)
        for info, name in zip(self.game.information_sets, names, strict=True):
            if name in self.beliefs and len(info.members) > 1:
                nodes = node_names(self.game, info.index)
                told = ", ".join(f"{n} {format_number(p)}" for n, p in zip(nodes, self.beliefs[name], strict=True))
                lines.append(f"  on the path at {name}: {told}")
        for region in self.belief_regions.values():
            if len(region.nodes) > 1:
                lines.append(f"  off the path: {region}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self})"
