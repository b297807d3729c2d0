"""Frozen result records returned by the solvers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.formatting import format_mix, format_number
from gametheory._internal.notebook import equilibrium_html, equilibrium_latex
from gametheory.games.normal_form import NormalFormGame

__all__ = ["Clique", "Component", "Equilibrium", "make_equilibrium"]


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A Nash equilibrium in mixed strategies.

    Attributes
    ----------
    profile : tuple of numpy.ndarray
        One mixed strategy per player: Fractions for exact games, ``float64``
        otherwise.
    payoffs : numpy.ndarray
        Each player's expected payoff, in player order.
    players : tuple of str
        Player names, for display.
    strategies : tuple of tuple of str
        Strategy labels, for display.
    tolerance : float or None
        ``None`` when the equilibrium is exact; otherwise the tolerance
        within which it was verified, in payoff units: no player gains more
        than this by deviating. It is the largest of ``player_tolerances``.
    player_tolerances : tuple of float or None
        For a float equilibrium, each player's own tolerance (``None`` when
        exact, or when the record was built without them): player ``i``
        gains at most ``player_tolerances[i]`` by deviating. By default
        ``1e-9`` times that player's payoff spread (see
        :meth:`~gametheory.games.normal_form.NormalFormGame.player_tolerances`).
    game : NormalFormGame or None
        The game, as the other equilibrium records keep theirs (``None`` when
        the record was built without it). Not part of equality: two records
        are equal when their profiles, players and labels are.

    Notes
    -----
    The tolerances bound payoffs, not probabilities: a strategy is in the
    support, and is printed, whenever its probability is above float
    round-off (``1e-12``), whatever the payoff scale. Payoffs print as they
    are. A pure strategy prints as its name (``US: Strike``), a mix with
    the names (``US: Strike 1/3, Restrain 2/3``); when a label could be
    read as a number, each is written ``1 (p=1/2), 2 (p=1/2)``.

    Examples
    --------
    >>> from gametheory import NormalFormGame, pure_equilibria
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> (eq,) = pure_equilibria(game)
    >>> print(eq)
    Player 1: s2; Player 2: s2; payoffs 1, 1
    >>> eq.support
    ((1,), (1,))
    >>> eq.game is game, eq.is_exact
    (True, True)
    """

    profile: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    tolerance: float | None = None
    player_tolerances: tuple[float, ...] | None = None
    game: NormalFormGame | None = None

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the strategies each player uses with positive probability (above round-off for floats)."""
        return tuple(tuple(int(i) for i in np.flatnonzero(_positive(p, self.tolerance))) for p in self.profile)

    @property
    def is_pure(self) -> bool:
        """True when every player uses a single strategy."""
        return all(len(s) == 1 for s in self.support)

    @property
    def is_exact(self) -> bool:
        """True when the probabilities and payoffs are exact rationals."""
        return self.tolerance is None

    def as_float(self) -> tuple[np.ndarray, ...]:
        """The profile as ``float64`` arrays.

        Examples
        --------
        >>> from fractions import Fraction
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
        >>> make_equilibrium(game, [[Fraction(1, 4), Fraction(3, 4)], [1, 0]]).as_float()[0]
        array([0.25, 0.75])
        """
        return tuple(np.asarray(p, dtype=np.float64) for p in self.profile)

    def key(self) -> tuple[tuple[Any, ...], ...]:
        """A hashable key of the profile, for sorting and de-duplication.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
        >>> make_equilibrium(game, [[1, 0], [0, 1]]).key()
        ((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
        """
        return tuple(tuple(p.tolist()) for p in self.profile)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return self.key() == other.key() and self.players == other.players and self.strategies == other.strategies

    def __hash__(self) -> int:
        return hash((self.key(), self.players))

    def __str__(self) -> str:
        parts = []
        for name, labels, probabilities in zip(self.players, self.strategies, self.profile, strict=True):
            used = np.flatnonzero(_positive(probabilities, self.tolerance))
            parts.append(f"{name}: " + format_mix([labels[i] for i in used], [probabilities[i] for i in used]))
        return "; ".join(parts) + "; payoffs " + ", ".join(format_number(v) for v in self.payoffs)

    def __repr__(self) -> str:
        return f"Equilibrium({self})"

    def _repr_html_(self) -> str:
        return equilibrium_html(self.players, self.strategies, self.profile, self.support, self.payoffs)

    def _repr_latex_(self) -> str:
        return equilibrium_latex(self.players, self.strategies, self.profile, self.support, self.payoffs)


@dataclass(frozen=True, eq=False)
class Clique:
    """A maximal product set of equilibria in a two-player game.

    Every pair ``(x, y)`` with ``x`` in the convex hull of ``row_extremes``
    and ``y`` in the convex hull of ``column_extremes`` is an equilibrium.
    Cliques are values: equal when their extreme strategies are, and hashable.

    Attributes
    ----------
    row_extremes, column_extremes : tuple of numpy.ndarray
        The extreme mixed strategies of each player in the set.
    """

    row_extremes: tuple[np.ndarray, ...]
    column_extremes: tuple[np.ndarray, ...]

    def key(self) -> tuple[tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...]]:
        """A hashable key of the extreme strategies, for sorting and comparison.

        Examples
        --------
        >>> import numpy as np
        >>> Clique((np.array([1, 0]),), (np.array([0.5, 0.5]),)).key()
        (((1, 0),), ((0.5, 0.5),))
        """
        return (
            tuple(tuple(x.tolist()) for x in self.row_extremes),
            tuple(tuple(y.tolist()) for y in self.column_extremes),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Clique):
            return NotImplemented
        return self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())


# eq=True: a component is equal to another with equal equilibria and cliques (both are values), and hashable.
@dataclass(frozen=True)
class Component:
    """A connected set of equilibria: the union of overlapping cliques.

    Attributes
    ----------
    equilibria : tuple of Equilibrium
        The extreme equilibria in the component.
    cliques : tuple of Clique
        Maximal convex product sets whose union is the component.

    Examples
    --------
    >>> from gametheory import NormalFormGame, equilibrium_components
    >>> game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    >>> [len(c.equilibria) for c in equilibrium_components(game)]
    [2]
    >>> equilibrium_components(game) == equilibrium_components(game)
    True
    >>> print(equilibrium_components(game)[0])
    a component of 2 extreme equilibria:
      Player 1: s2; Player 2: s1; payoffs -3, 4
      Player 1: s1 2/7, s2 5/7; Player 2: s1; payoffs -3, 24/7
    """

    equilibria: tuple[Equilibrium, ...]
    cliques: tuple[Clique, ...] = field(default=())

    @property
    def is_singleton(self) -> bool:
        """True when the component is a single (isolated) equilibrium."""
        return len(self.equilibria) == 1

    def __str__(self) -> str:
        count = len(self.equilibria)
        head = "an isolated equilibrium" if count == 1 else f"a component of {count} extreme equilibria"
        return head + ":\n" + "\n".join(f"  {eq}" for eq in self.equilibria)

    def __repr__(self) -> str:
        return "Component(" + ", ".join(repr(eq) for eq in self.equilibria) + ")"


#: Float probabilities at or below this are round-off, not play (independent of the payoff scale).
PROBABILITY_ROUNDOFF = 1e-12


def _positive(probabilities: np.ndarray, tolerance: float | None) -> np.ndarray:
    if tolerance is None:
        return np.array([p > 0 for p in probabilities], dtype=bool)
    return np.asarray(probabilities, dtype=np.float64) > PROBABILITY_ROUNDOFF


def make_equilibrium(game: NormalFormGame, profile: Any, *, tolerance: float | None = None) -> Equilibrium:
    """Build an :class:`Equilibrium` for ``game``, computing the payoffs.

    Solvers call this; it validates the profile and computes each player's
    expected payoff (exactly when the profile is exact). For a float
    profile, ``tolerance=None`` records each player's default tolerance
    (:meth:`NormalFormGame.player_tolerances`); an explicit ``tolerance`` is
    absolute and recorded for every player.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> print(make_equilibrium(game, [[Fraction(1, 2)] * 2, [Fraction(1, 2)] * 2]))
    Player 1: s1 1/2, s2 1/2; Player 2: s1 1/2, s2 1/2; payoffs 1/2, 1/2
    """
    strategies = game.profile(profile)
    exact = strategies[0].dtype == object
    payoffs = game.expected_payoffs(strategies)
    payoffs.flags.writeable = False
    if exact:
        return Equilibrium(strategies, payoffs, game.players, game.strategies, game=game)
    payoffs = _tolerance.without_roundoff(game.float_payoffs(), strategies, payoffs)
    payoffs.flags.writeable = False
    per_player = game.player_tolerances() if tolerance is None else (float(tolerance),) * game.num_players
    return Equilibrium(
        profile=strategies,
        payoffs=payoffs,
        players=game.players,
        strategies=game.strategies,
        tolerance=max(per_player, default=0.0),
        player_tolerances=per_player,
        game=game,
    )
