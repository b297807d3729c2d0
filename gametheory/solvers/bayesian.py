"""Bayesian equilibria of games with private types, with the beliefs they imply.

Examples
--------
>>> from gametheory.games.bayesian import BayesianGame
>>> game = BayesianGame(
...     {("Hawk", "Any"): [[[2, -2], [2, 1]], [[0, 0], [0, 0]]],
...      ("Dove", "Any"): [[[-1, 1], [1, -1]], [[0, 0], [0, 0]]]},
...     {("Hawk", "Any"): "1/2", ("Dove", "Any"): "1/2"},
...     players=("Iran", "US"), actions=(("Attack", "Wait"), ("Strike", "Hold")),
... )
>>> for eq in bayesian_equilibria(game):
...     print(eq)
Iran (Hawk): Attack; Iran (Dove): Attack; US (Any): Hold; payoffs 3/2, 0
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory._internal.formatting import format_mix, format_number
from gametheory._internal.limits import time_limit_scope
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.bayesian import BayesianGame
from gametheory.solvers.behavior import BehaviorEquilibrium, beliefs, tree_equilibria
from gametheory.solvers.enumeration import nash_equilibria

__all__ = ["BayesianEquilibrium", "bayesian_equilibria"]


@dataclass(frozen=True, eq=False)
class BayesianEquilibrium:
    """A Bayesian Nash equilibrium: a strategy for each type of each player.

    Attributes
    ----------
    profile : tuple of dict
        Per player, a mapping from each type (with positive prior
        probability) to its action probabilities: the probabilities are in
        ``profile``, as in :class:`~gametheory.solvers.results.Equilibrium`.
        (Formerly ``strategies``, which now names labels in every record;
        the old name still works, with a :class:`DeprecationWarning`.)
    payoffs : numpy.ndarray
        Each player's ex-ante expected payoff.
    beliefs : tuple of dict
        Per player and type, the posterior over the other players' types
        (joined with ``/``) at the moment the player moves, by Bayes' rule.
    game : BayesianGame
        The game.
    equilibrium : BehaviorEquilibrium
        The same equilibrium on the tree ``game.to_tree()``.

    As every equilibrium record, it also has ``players``, ``tolerance``
    (``None`` when exact; the tree equilibrium's) and ``is_exact``.

    Examples
    --------
    >>> from gametheory.games.bayesian import BayesianGame
    >>> g = BayesianGame({("a", "x"): [[[1, 1], [0, 0]], [[0, 0], [1, 1]]],
    ...                   ("b", "x"): [[[0, 0], [1, 1]], [[1, 1], [0, 0]]]},
    ...                  {("a", "x"): "1/4", ("b", "x"): "3/4"})
    >>> eq = bayesian_equilibria(g)[0]
    >>> eq.beliefs[1]["x"]
    {'a': Fraction(1, 4), 'b': Fraction(3, 4)}
    >>> eq.profile[0]["a"].tolist(), eq.players, eq.is_exact
    ([Fraction(0, 1), Fraction(1, 1)], ('Player 1', 'Player 2'), True)
    """

    profile: tuple[dict[str, np.ndarray], ...]
    payoffs: np.ndarray
    beliefs: tuple[dict[str, dict[str, Any]], ...]
    game: BayesianGame
    equilibrium: BehaviorEquilibrium

    @property
    def strategies(self) -> tuple[dict[str, np.ndarray], ...]:
        """Deprecated name of :attr:`profile` (the action probabilities of each type)."""
        warnings.warn(
            "BayesianEquilibrium.strategies is deprecated: the probabilities are in .profile "
            "(as in Equilibrium, whose .strategies holds labels)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.profile

    @property
    def players(self) -> tuple[str, ...]:
        """Player names (the game's)."""
        return self.game.players

    @property
    def tolerance(self) -> float | None:
        """``None`` when exact; otherwise the float tolerance used, in payoff units (as for the tree equilibrium)."""
        return self.equilibrium.tolerance

    @property
    def is_exact(self) -> bool:
        """True when probabilities and payoffs are exact rationals."""
        return self.tolerance is None

    def __str__(self) -> str:
        parts = []
        for player, actions, strategy in zip(self.game.players, self.game.actions, self.profile, strict=True):
            for type_, vector in strategy.items():
                used = [(a, p) for a, p in zip(actions, vector, strict=True) if float(p) != 0]
                text = format_mix([a for a, _ in used], [p for _, p in used])
                parts.append(f"{player} ({type_}): {text}")
        return "; ".join(parts) + "; payoffs " + ", ".join(format_number(v) for v in self.payoffs)

    def __repr__(self) -> str:
        return f"BayesianEquilibrium({self})"


def bayesian_equilibria(game: BayesianGame, *, time_limit: float | None = None) -> tuple[BayesianEquilibrium, ...]:
    """Every Bayesian Nash equilibrium (the extreme ones), with the beliefs each implies.

    Solves the tree :meth:`BayesianGame.to_tree` with
    :func:`~gametheory.solvers.behavior.tree_equilibria` and reads off each
    type's strategy and, by Bayes' rule at that type's information set, its
    posterior over the other players' types. ``time_limit`` (seconds,
    default none) bounds the work, as for
    :func:`~gametheory.solvers.enumeration.nash_equilibria`.

    Raises
    ------
    UnsupportedGameError
        If ``game`` is not a :class:`BayesianGame`.
    ParameterError
        If the game is parametric.
    ResourceLimitError
        Past ``time_limit``.

    Examples
    --------
    >>> from gametheory.games.bayesian import BayesianGame
    >>> g = BayesianGame({("t", "u"): [[[2, 1], [0, 0]], [[0, 0], [1, 2]]]}, {("t", "u"): 1})
    >>> len(bayesian_equilibria(g))
    3
    """
    if not isinstance(game, BayesianGame):
        raise UnsupportedGameError(f"bayesian_equilibria takes a BayesianGame, not {type(game).__name__}")
    with time_limit_scope(time_limit, "bayesian_equilibria"):
        tree = game.to_tree()
        equilibria = tree_equilibria(tree)
    profiles = [key for key in game.prior if _positive(game.prior[key])]
    out = []
    for eq in equilibria:
        strategies: list[dict[str, np.ndarray]] = [{} for _ in game.players]
        posteriors: list[dict[str, dict[str, Any]]] = [{} for _ in game.players]
        for infoset, belief in zip(tree.information_sets, beliefs(eq), strict=True):
            type_ = str(infoset.key)
            vector = eq.behavior[infoset.index]
            if vector is not None:
                strategies[infoset.player][type_] = vector
            if belief is None:
                continue
            posterior: dict[str, Any] = {}
            for member, weight in zip(infoset.members, belief, strict=True):
                key = profiles[_branch(tree, member)]
                others = "/".join(t for i, t in enumerate(key) if i != infoset.player)
                posterior[others] = posterior.get(others, 0) + weight
            posteriors[infoset.player][type_] = posterior
        out.append(BayesianEquilibrium(tuple(strategies), eq.payoffs, tuple(posteriors), game, eq))
    return tuple(out)


@nash_equilibria.register(BayesianGame)
def _nash_equilibria_of_bayesian_game(
    game: BayesianGame, *, time_limit: float | None = None
) -> tuple[BayesianEquilibrium, ...]:
    with time_limit_scope(time_limit, "nash_equilibria"):
        return bayesian_equilibria(game)


def _positive(p: Any) -> bool:
    return bool(p != 0)


def _branch(tree: Any, position: int) -> int:
    """Index of the root chance branch above ``position``."""
    current = tree.positions[position]
    while current.parent != 0:
        current = tree.positions[current.parent]
    return int(current.action)
