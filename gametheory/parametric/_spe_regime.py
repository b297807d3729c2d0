"""The record of a subgame-perfect regime, and how regimes sharing a path are labelled or merged."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from gametheory._internal.formatting import condition_text
from gametheory._internal.notebook import regime_html, regime_latex
from gametheory._internal.parameters import exact_values, holds_exactly
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers.behavior import infoset_name

__all__ = ["SubgamePerfectRegime", "merged", "told_apart"]


@dataclass(frozen=True, eq=False)
class SubgamePerfectRegime:
    """A pure subgame-perfect profile and the parameter region where it is one.

    Attributes
    ----------
    conditions : sympy Boolean
        Simplified conditions on the parameters (weak inequalities), given the assumptions.
    behavior : tuple of str
        The action taken at each information set (``game.information_sets`` order).
    path : tuple of (str, str)
        ``(information set name, action)`` for each move on the path of play
        (every branch of a chance node is followed).
    payoffs : tuple of sympy.Expr
        Each player's expected payoff, in player order.
    game : ExtensiveFormGame
        The tree.
    assumptions : sympy Boolean
        The assumptions the conditions were simplified under (``True`` if none).
    label : str
        The path of play, such as ``"Militia: Attack; US: Absorb"``; when
        other regimes of the same call share the path, followed by the
        off-path moves that tell them apart (``"Militia: Hold [off path:
        US: Retaliate]"``). Unique within one call. Defaults to
        :attr:`path_label`.
    members : tuple of SubgamePerfectRegime
        For a regime merged by outcome (``merge="outcome"``), the regimes
        merged, each with its own off-path play and conditions; its
        :attr:`behavior` is the first member's. Empty otherwise.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
    >>> tree = ExtensiveFormGame(decision("A", {"x": terminal("v", 0), "y": terminal(1, 1)}), players=("A", "B"))
    >>> first = subgame_perfect_regimes(tree)[0]
    >>> first.conditions, first.path, first.label
    (v >= 1, (('A', 'x'),), 'A: x')
    >>> first.holds_at({"v": 2}), first.when
    (True, 'v >= 1')
    """

    conditions: Boolean
    behavior: tuple[str, ...]
    path: tuple[tuple[str, str], ...]
    payoffs: tuple[sympy.Expr, ...]
    game: ExtensiveFormGame
    assumptions: Boolean = sympy.true
    label: str = ""
    members: tuple[SubgamePerfectRegime, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.path_label)

    @property
    def profile_label(self) -> str:
        """The full strategy profile: the action at every information set, reached or not, in tree order.

        For a merged regime, its members' profiles joined by ``" or "``.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
        >>> tree = ExtensiveFormGame(decision("A", {
        ...     "In": decision("B", {"Fight": terminal(-1, "f"), "Share": terminal("s", 1)}),
        ...     "Out": terminal(0, 2),
        ... }))
        >>> [r.profile_label for r in subgame_perfect_regimes(tree, merge="outcome")]
        ['A: Out; B: Fight or A: Out; B: Share', 'A: In; B: Share']
        """
        if self.members:
            return " or ".join(m.profile_label for m in self.members)
        return "; ".join(
            f"{infoset_name(self.game, s.index)}: {a}"
            for s, a in zip(self.game.information_sets, self.behavior, strict=True)
        )

    @property
    def path_label(self) -> str:
        """Who does what on the path of play, in path order, such as ``"Militia: Attack; US: Retaliate"``.

        Unreached decisions are left out, so regimes that differ only off the
        path share a path label (and an outcome). Empty if no decision is reached.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
        >>> tree = ExtensiveFormGame(decision("A", {
        ...     "In": decision("B", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)}),
        ...     "Out": terminal(0, 2),
        ... }))
        >>> [(r.path_label, r.profile_label) for r in subgame_perfect_regimes(tree)]
        [('A: In; B: Share', 'A: In; B: Share')]
        """
        return "; ".join(f"{name}: {action}" for name, action in self.path)

    @property
    def when(self) -> str:
        """The conditions as readable mathematics: ``"R >= c and L >= c + d"`` (``"always"`` when none)."""
        return condition_text(self.conditions)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self.game.players

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The tree's parameters."""
        return self.game.parameters

    def holds_at(self, values: Mapping[Any, Any]) -> bool:
        """Whether the regime's conditions hold at the given parameter values (exactly for exact values).

        Examples
        --------
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal("v", 0), "y": terminal(1, 1)}), players=("A", "B"))
        >>> [r.holds_at({"v": 3}) for r in subgame_perfect_regimes(tree)]
        [True, False]
        """
        return holds_exactly(self.conditions, exact_values(self.parameters, values))

    def __str__(self) -> str:
        return f"{self.label} when {self.when}; payoffs " + ", ".join(str(p) for p in self.payoffs)

    def __repr__(self) -> str:
        return f"SubgamePerfectRegime({self})"

    def _repr_html_(self) -> str:
        return regime_html(self.players, self._moves(), self.payoffs, self.conditions, self.label)

    def _repr_latex_(self) -> str:
        return regime_latex(self.players, self._moves(), self.payoffs, self.conditions)

    def _moves(self) -> list[tuple[int, str, str]]:
        # A merged regime's members differ off the path: each such move shows the alternatives.
        behaviors = [m.behavior for m in self.members] or [self.behavior]
        return [
            (s.player, infoset_name(self.game, s.index), " or ".join(dict.fromkeys(b[s.index] for b in behaviors)))
            for s in self.game.information_sets
        ]


def told_apart(regimes: list[SubgamePerfectRegime]) -> tuple[SubgamePerfectRegime, ...]:
    """Label regimes that share a path by the off-path moves in which they differ."""
    groups: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for k, regime in enumerate(regimes):
        groups.setdefault(regime.path, []).append(k)
    labels = [r.path_label for r in regimes]
    for members in groups.values():
        if len(members) < 2:
            continue
        sets = regimes[members[0]].game.information_sets
        differing = [i for i in range(len(sets)) if len({regimes[k].behavior[i] for k in members}) > 1]
        for k in members:
            regime = regimes[k]
            moves = "; ".join(f"{infoset_name(regime.game, i)}: {regime.behavior[i]}" for i in differing)
            labels[k] = f"{labels[k]} [off path: {moves}]" if labels[k] else f"[off path: {moves}]"
    return tuple(dataclasses.replace(r, label=label) for r, label in zip(regimes, labels, strict=True))


def merged(regimes: list[SubgamePerfectRegime]) -> tuple[SubgamePerfectRegime, ...]:
    """One regime per path of play (so per outcome), holding where any of its members does."""
    groups: dict[tuple[tuple[str, str], ...], list[SubgamePerfectRegime]] = {}
    for regime in regimes:
        groups.setdefault(regime.path, []).append(regime)
    out = []
    for members in groups.values():
        first = members[0]
        if len(members) == 1:
            out.append(first)
            continue
        conditions = sympy.Or(*(m.conditions for m in members))
        out.append(dataclasses.replace(first, conditions=conditions, label="", members=tuple(members)))
    return tuple(out)
