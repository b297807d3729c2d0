"""Bayesian games: players with private types drawn from a common prior.

A :class:`BayesianGame` holds, for each profile of types, a normal-form game
and its prior probability. :meth:`BayesianGame.to_tree` turns it into an
extensive-form game in which nature draws the types first and each player
then chooses knowing only their own type (Harsanyi's transformation).

Examples
--------
>>> game = BayesianGame(
...     {("Hardliner", "US"): [[[3, -1], [1, 0]], [[0, 1], [0, 0]]],
...      ("Moderate", "US"): [[[-1, -1], [1, 0]], [[0, 1], [0, 0]]]},
...     {("Hardliner", "US"): "1/3", ("Moderate", "US"): "2/3"},
...     players=("Iran", "US"), actions=(("Attack", "Wait"), ("Strike", "Hold")),
... )
>>> game.types
(('Hardliner', 'Moderate'), ('US',))
>>> game.to_tree().information_sets[0].label
'Hardliner'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from gametheory.exceptions import InvalidGameError
from gametheory.games._immutable import Immutable
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, Node, Outcome, TerminalNode

__all__ = ["BayesianGame"]

TypeProfile = tuple[str, ...]


class BayesianGame(Immutable):
    """An immutable game of incomplete information with a common prior over type profiles.

    Parameters
    ----------
    payoffs : mapping
        From a type profile (a tuple with one type label per player) to the
        game played when those are the types: a :class:`NormalFormGame` or a
        payoff tensor of shape ``(n_1, ..., n_N, N)``. Every profile must have
        the same actions.
    prior : mapping
        From a type profile to its probability (exact, float or symbolic, or
        an expression string). Profiles left out have probability zero; the
        probabilities must sum to one.
    players : sequence of str, optional
        Player names (default: those of the first NormalFormGame, else "Player 1", ...).
    actions : sequence of sequence of str, optional
        Action labels per player (default: the strategies of the first
        NormalFormGame, else "s1", "s2", ...).

    Raises
    ------
    InvalidGameError
        On type profiles of the wrong length, prior entries for profiles
        without payoffs, games that differ in shape, or a prior that does not
        sum to one.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> BayesianGame({("t", "u"): g}, {("t", "u"): 1}).num_players
    2
    """

    __slots__ = ("_actions", "_games", "_players", "_prior", "_types")

    def __init__(
        self,
        payoffs: Mapping[TypeProfile, Any],
        prior: Mapping[TypeProfile, Any],
        *,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
    ) -> None:
        if not isinstance(payoffs, Mapping) or not payoffs:
            raise InvalidGameError("payoffs must be a non-empty mapping from type profiles to games")
        if not isinstance(prior, Mapping):
            raise InvalidGameError("prior must be a mapping from type profiles to probabilities")
        first = next(iter(payoffs.values()))
        if isinstance(first, NormalFormGame):
            players = first.players if players is None else players
            actions = first.strategies if actions is None else actions
        games: dict[TypeProfile, NormalFormGame] = {}
        for key, value in payoffs.items():
            key = _type_profile(key)
            game = value if isinstance(value, NormalFormGame) else NormalFormGame(value)
            games[key] = NormalFormGame(game.payoffs, players=players, strategies=actions)
        shapes = {g.shape for g in games.values()}
        if len(shapes) > 1:
            raise InvalidGameError(f"the games of different type profiles differ in shape: {sorted(shapes)}")
        sample = next(iter(games.values()))
        n = sample.num_players
        for key in games:
            if len(key) != n:
                raise InvalidGameError(f"type profile {key} has {len(key)} types but the game has {n} players")
        self._players = sample.players
        self._actions = sample.strategies
        self._games = games
        self._types = tuple(tuple(dict.fromkeys(key[i] for key in games)) for i in range(n))
        self._prior = _prior(prior, games)
        self._hash = None

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def num_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Action labels of each player (the same for all their types)."""
        return self._actions

    @property
    def types(self) -> tuple[tuple[str, ...], ...]:
        """Type labels of each player, in order of first appearance."""
        return self._types

    @property
    def prior(self) -> dict[TypeProfile, Any]:
        """The prior probability of each type profile given in the prior (a copy; others are zero)."""
        return dict(self._prior)

    @property
    def type_profiles(self) -> tuple[TypeProfile, ...]:
        """The type profiles that have payoffs, in the order given."""
        return tuple(self._games)

    def game(self, types: Sequence[str]) -> NormalFormGame:
        """The normal-form game played when the types are ``types``.

        Examples
        --------
        >>> g = BayesianGame({("t", "u"): [[[1, 2]]]}, {("t", "u"): 1})
        >>> g.game(("t", "u")).shape
        (1, 1)
        """
        key = _type_profile(types)
        if key not in self._games:
            raise InvalidGameError(f"no payoffs for type profile {key}")
        return self._games[key]

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free parameters of the payoffs and the prior, sorted by name."""
        return self.to_tree().parameters

    def to_tree(self) -> ExtensiveFormGame:
        """The extensive form: nature draws the types, then each player moves knowing only their own type.

        Type profiles with prior probability zero are left out. Each player's
        information sets are keyed and labelled by their type.

        Examples
        --------
        >>> g = BayesianGame({("t", "u"): [[[1, 2], [0, 0]]]}, {("t", "u"): 1})
        >>> print(g.to_tree())
        Chance
          t/u (1) -> Player 1 [t]
            s1 -> Player 2 [u]
              s1 -> (1, 2)
              s2 -> (0, 0)
        """
        branches = []
        for key, probability in self._prior.items():
            if probability == 0:
                continue
            branches.append(("/".join(key), probability, self._subtree(key, 0, ())))
        if not branches:
            raise InvalidGameError("the prior gives every type profile probability zero")
        actions, probabilities, children = zip(*branches, strict=True)
        root = ChanceNode(tuple(actions), tuple(probabilities), tuple(children))
        return ExtensiveFormGame(root, players=self._players)

    def _subtree(self, key: TypeProfile, player: int, moves: tuple[int, ...]) -> Node:
        if player == self.num_players:
            return TerminalNode(Outcome(tuple(self._games[key].payoffs[moves])))
        children = tuple(self._subtree(key, player + 1, (*moves, a)) for a in range(len(self._actions[player])))
        return DecisionNode(
            self._players[player], self._actions[player], children, infoset=key[player], label="/".join(key)
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianGame):
            return NotImplemented
        return self._games == other._games and self._prior == other._prior

    def __hash__(self) -> int:
        return self._cached_hash(lambda: hash(tuple(self._games.items())))

    def __repr__(self) -> str:
        types = "; ".join(f"{p}: {', '.join(t)}" for p, t in zip(self._players, self._types, strict=True))
        return f"<BayesianGame players: {', '.join(self._players)}; types {types}>"


def _type_profile(key: Any) -> TypeProfile:
    if isinstance(key, str) or not isinstance(key, Sequence):
        raise InvalidGameError(f"a type profile must be a tuple of type labels, one per player; got {key!r}")
    key = tuple(key)
    for label in key:
        if not isinstance(label, str) or not label:
            raise InvalidGameError(f"type labels must be non-empty strings; got {label!r}")
    return key


def _prior(prior: Mapping[Any, Any], games: dict[TypeProfile, NormalFormGame]) -> dict[TypeProfile, Any]:
    keys = [_type_profile(k) for k in prior]
    unknown = [k for k in keys if k not in games]
    if unknown:
        raise InvalidGameError(f"the prior names type profiles without payoffs: {unknown}")
    if not keys:
        raise InvalidGameError("the prior is empty")
    # Validate the numbers as a chance node would: one kind, in [0, 1], summing to one.
    probe = ChanceNode(
        tuple(f"p{i}" for i in range(len(keys))), tuple(prior.values()), tuple(TerminalNode() for _ in keys)
    )
    try:
        checked = ExtensiveFormGame(probe, players=("prior",)).root
    except InvalidGameError as error:
        raise InvalidGameError(f"invalid prior: {error}") from None
    values = dict(zip(keys, checked.probabilities, strict=True))  # type: ignore[union-attr]
    return {k: values[k] for k in keys}
