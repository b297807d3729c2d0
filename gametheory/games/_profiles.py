"""Mixed-strategy profiles of a normal-form game: validation, and the payoffs and best responses they give.

The public functions here are the methods :meth:`NormalFormGame.profile`,
:meth:`~NormalFormGame.deviation_payoffs`, :meth:`~NormalFormGame.expected_payoffs`
and :meth:`~NormalFormGame.best_responses`, defined out of the class body so
that :mod:`gametheory.games.normal_form` stays readable in one sitting; they
need only what :class:`GameLike` describes, so this module does not import
the class.

Examples
--------
>>> from gametheory.games.normal_form import NormalFormGame
>>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
>>> best_responses(game, ["s1", "s1"]) == game.best_responses(["s1", "s1"])
True
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Protocol

import numpy as np
import sympy

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.validation import check_tolerance
from gametheory.exceptions import InvalidProfileError

__all__ = [
    "PROBABILITY_TOLERANCE",
    "GameLike",
    "Profile",
    "as_profile",
    "best_responses",
    "deviation_payoffs",
    "expected_payoffs",
    "profile",
]

#: A validated profile: one read-only probability vector per player.
Profile = tuple[np.ndarray, ...]

#: How far a float probability vector's sum may be from one.
PROBABILITY_TOLERANCE = 1e-9


class GameLike(Protocol):
    """What this module needs of a game: :class:`~gametheory.games.normal_form.NormalFormGame` has it."""

    @property
    def num_players(self) -> int: ...
    @property
    def shape(self) -> tuple[int, ...]: ...
    @property
    def players(self) -> tuple[str, ...]: ...
    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]: ...
    @property
    def is_exact(self) -> bool: ...
    @property
    def payoffs(self) -> np.ndarray: ...
    def float_payoffs(self) -> np.ndarray: ...


def profile(self: GameLike, strategies: Sequence[Any]) -> Profile:
    """Validate a mixed-strategy profile and return it in canonical form.

    Parameters
    ----------
    strategies : sequence
        One entry per player: a probability vector, or a pure strategy
        given by its index or its label. An :class:`~gametheory.Equilibrium`
        is also accepted.

    Returns
    -------
    tuple of numpy.ndarray
        Fractions for exact games and exact input, ``float64`` otherwise.

    Raises
    ------
    InvalidProfileError
        On a wrong number of players, a vector of the wrong length,
        negative probabilities, or probabilities that do not sum to one.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> from fractions import Fraction
    >>> game.profile([[Fraction(1, 2), Fraction(1, 2)], "s2"])
    (array([Fraction(1, 2), Fraction(1, 2)], dtype=object), array([Fraction(0, 1), Fraction(1, 1)], dtype=object))
    """
    return as_profile(self, strategies)


def deviation_payoffs(self: GameLike, profile: Sequence[Any]) -> tuple[np.ndarray, ...]:
    """Each player's payoff from each pure strategy against the others' mix.

    Entry ``[i][s]`` is player ``i``'s expected payoff from playing pure
    strategy ``s`` while every other player follows ``profile``.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> from fractions import Fraction
    >>> [v.tolist() for v in game.deviation_payoffs([[1, 0], [Fraction(1, 4), Fraction(3, 4)]])]
    [[Fraction(1, 4), Fraction(3, 4)], [Fraction(0, 1), Fraction(1, 1)]]
    """
    strategies = as_profile(self, profile)
    payoffs = self.payoffs if strategies[0].dtype == object else self.float_payoffs()
    out = []
    for player in range(self.num_players):
        tensor = payoffs[..., player]
        # Contract the other players' axes from the last one down so axis numbers stay valid.
        for other in reversed(range(self.num_players)):
            if other != player:
                tensor = np.tensordot(tensor, strategies[other], axes=([other], [0]))
        out.append(tensor)
    return tuple(out)


def expected_payoffs(self: GameLike, profile: Sequence[Any]) -> np.ndarray:
    """Each player's expected payoff under a mixed-strategy profile.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> from fractions import Fraction
    >>> game.expected_payoffs([[Fraction(1, 2), Fraction(1, 2)], [1, 0]]).tolist()
    [Fraction(1, 2), Fraction(1, 2)]
    """
    strategies = as_profile(self, profile)
    if strategies[0].dtype == object:
        # Exact: only the strategies played count, so contract the payoffs over the supports alone.
        played = [np.flatnonzero([p != 0 for p in s]) for s in strategies]
        tensor = self.payoffs[np.ix_(*played)]
        for player in reversed(range(self.num_players)):
            tensor = np.tensordot(tensor, strategies[player][played[player]], axes=([player], [0]))
        return np.array(list(tensor), dtype=object)
    deviations = deviation_payoffs(self, strategies)
    values = [np.dot(deviations[i], strategies[i]) for i in range(self.num_players)]
    return np.array(values, dtype=strategies[0].dtype)


def best_responses(self: GameLike, profile: Sequence[Any], *, tol: float | None = None) -> tuple[tuple[int, ...], ...]:
    """Each player's pure best responses to the others' strategies in ``profile``.

    Parameters
    ----------
    profile : sequence
        A mixed-strategy profile (see :meth:`NormalFormGame.profile`).
    tol : float, optional
        For float arithmetic, strategies within ``tol`` (absolute, in
        payoff units, the same for every player) of the best payoff
        count as best responses. Defaults to each player's own
        tolerance (see :meth:`NormalFormGame.player_tolerances`); exact
        games compare exactly and ignore it.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> from fractions import Fraction
    >>> game.best_responses([[1, 0], [Fraction(1, 2), Fraction(1, 2)]])
    ((0, 1), (1,))
    """
    strategies = as_profile(self, profile)
    tol = check_tolerance(tol)
    if strategies[0].dtype == object:
        values_per_player = deviation_payoffs(self, strategies)
        slack = np.zeros(self.num_players, dtype=object)
    else:
        floats = self.float_payoffs()
        values_per_player = _tolerance.deviations(_tolerance.normalised(floats), strategies)
        slack = _tolerance.slacks(floats, tol)
    result = []
    for values, limit in zip(values_per_player, slack, strict=True):
        best = max(values)
        result.append(tuple(int(s) for s in np.flatnonzero(values >= best - limit)))
    return tuple(result)


def as_profile(game: GameLike, strategies: Any) -> Profile:
    """Validate ``strategies`` for ``game``; see :meth:`NormalFormGame.profile`.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> as_profile(NormalFormGame.from_bimatrix([[1, 0]], [[0, 1]]), ["s1", 1])[1].tolist()
    [Fraction(0, 1), Fraction(1, 1)]
    """
    strategies = getattr(strategies, "profile", strategies)
    if isinstance(strategies, str | bytes) or not isinstance(strategies, Sequence | np.ndarray):
        raise InvalidProfileError(
            f"a profile must be a sequence with one strategy per player, not {type(strategies).__name__}"
        )
    if len(strategies) != game.num_players:
        raise InvalidProfileError(
            f"a profile needs one strategy for each of the {game.num_players} players; got {len(strategies)}"
        )
    vectors = [_vector(game, player, s) for player, s in enumerate(strategies)]
    exact = game.is_exact and all(v.dtype == object for v in vectors)
    out = []
    for player, vector in enumerate(vectors):
        if exact:
            total = sum(vector, Fraction(0))
            if total != 1:
                raise InvalidProfileError(f"probabilities of {game.players[player]} sum to {total}, not 1")
        else:
            vector = np.array([float(x) for x in vector], dtype=np.float64)
            total = float(vector.sum())
            if abs(total - 1.0) > PROBABILITY_TOLERANCE * max(1, len(vector)):
                raise InvalidProfileError(f"probabilities of {game.players[player]} sum to {total!r}, not 1")
        vector.flags.writeable = False
        out.append(vector)
    return tuple(out)


def _vector(game: GameLike, player: int, strategy: Any) -> np.ndarray:
    n = game.shape[player]
    name = game.players[player]
    if isinstance(strategy, str):
        labels = game.strategies[player]
        if strategy not in labels:
            raise InvalidProfileError(f"{name} has no strategy {strategy!r}; its strategies are {', '.join(labels)}")
        strategy = labels.index(strategy)
    if isinstance(strategy, numbers.Integral) and not isinstance(strategy, bool):
        if not 0 <= int(strategy) < n:
            raise InvalidProfileError(f"pure strategy index {strategy} is out of range for {name}, who has {n}")
        pure = np.full(n, Fraction(0), dtype=object)
        pure[int(strategy)] = Fraction(1)
        return pure
    try:
        raw = np.asarray(strategy, dtype=object)
    except ValueError:
        raise InvalidProfileError(f"strategy of {name} is not a vector of probabilities") from None
    if raw.ndim != 1 or len(raw) != n:
        raise InvalidProfileError(f"strategy of {name} must have {n} probabilities; got shape {raw.shape}")
    values = [_probability(x, name) for x in raw]
    if all(isinstance(v, Fraction) for v in values):
        vector = np.empty(n, dtype=object)
        vector[:] = values
        return vector
    return np.array([float(v) for v in values], dtype=np.float64)


def _probability(value: Any, name: str) -> Fraction | float:
    if isinstance(value, bool | np.bool_):
        raise InvalidProfileError(f"probability {value!r} of {name} is a boolean")
    if isinstance(value, Fraction):
        number: Fraction | float = value
    elif isinstance(value, numbers.Integral):
        number = Fraction(int(value))
    elif isinstance(value, sympy.Rational):
        number = Fraction(int(value.p), int(value.q))
    elif isinstance(value, numbers.Real) or (isinstance(value, sympy.Basic) and value.is_number):
        number = float(value)
        if not np.isfinite(number):
            raise InvalidProfileError(f"probability {value!r} of {name} is not finite")
    else:
        raise InvalidProfileError(f"probability {value!r} of {name} is not a number")
    if number < 0:
        raise InvalidProfileError(f"probability {value!r} of {name} is negative")
    return number
