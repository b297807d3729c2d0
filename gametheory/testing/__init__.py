"""Assertions for property-testing your own games, with readable failure messages.

* :func:`assert_equilibrium`: a profile is a Nash equilibrium (exactly, for
  exact games); on failure the message names each player's best deviation.
* :func:`assert_same_equilibria`: two collections of equilibria are equal as
  sets, ignoring order (exactly, or within a tolerance).
* :func:`assert_in_every_equilibrium`: a claim such as "the militia attacks"
  holds in every equilibrium, at every parameter value of a region. Claims
  built with :func:`plays`, :func:`uses` or :func:`avoids` are decided
  exactly from the equilibrium formulas: proved, or refuted with an exact
  counterexample (often on a boundary such as ``R == c``). Only what cannot
  be decided is checked at random parameter points, with an
  :class:`UnprovedClaimWarning`.

Examples
--------
>>> from gametheory.games.normal_form import NormalFormGame
>>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> assert_equilibrium(game, ["s2", "s2"])
>>> assert_equilibrium(game, ["s1", "s1"])
Traceback (most recent call last):
...
AssertionError: the profile is not a Nash equilibrium (exact check):
  Player 1 gets 3 but would get 5 by switching to s2 (regret 2)
  Player 2 gets 3 but would get 5 by switching to s2 (regret 2)
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from gametheory._internal.validation import as_generator, check_tolerance
from gametheory.exceptions import InvalidArgumentError, ParameterError, UnprovedClaimWarning
from gametheory.games.normal_form import NormalFormGame
from gametheory.testing._claim_regions import check_point, parse_region, prove, sample_points
from gametheory.testing._profiles import as_collection, difference_report, regret_report, strategy_index

__all__ = [
    "Claim",
    "UnprovedClaimWarning",
    "assert_equilibrium",
    "assert_in_every_equilibrium",
    "assert_same_equilibria",
    "avoids",
    "plays",
    "uses",
]


# ---------------------------------------------------------------------- single profiles
def assert_equilibrium(game: NormalFormGame, profile: Any, *, tol: float | None = None) -> None:
    """Assert that ``profile`` is a Nash equilibrium of ``game``.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game.
    profile : sequence or Equilibrium
        One mixed strategy per player, or pure strategies by index or label.
    tol : float, optional
        Largest regret accepted in float arithmetic, absolute and the same
        for every player (default: each player's own tolerance,
        :meth:`NormalFormGame.player_tolerances`); exact games and profiles
        are checked exactly.

    Raises
    ------
    AssertionError
        Naming, for each player who could gain, the payoff, the best
        deviation and the regret.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> assert_equilibrium(pennies, [[0.5, 0.5], [0.5, 0.5]])
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidArgumentError(f"assert_equilibrium needs a NormalFormGame, not {type(game).__name__}")
    if game.is_parametric:
        raise ParameterError("assert_equilibrium needs a numeric game; substitute values for its parameters first")
    tol = check_tolerance(tol)
    message = regret_report(game, game.profile(profile), tol)
    if message is not None:
        raise AssertionError(message)


# ---------------------------------------------------------------------- collections of equilibria
def assert_same_equilibria(first: Iterable[Any], second: Iterable[Any], *, tol: float = 1e-9) -> None:
    """Assert that two collections of equilibria are the same set, in any order.

    Parameters
    ----------
    first, second : iterable
        Equilibria (anything with a ``profile``) or profiles (one probability
        vector per player). Duplicates count: each item of one collection is
        matched with a distinct item of the other.
    tol : float, default 1e-9
        Largest difference between matched probabilities when either side is
        in floating point. Two exact (Fraction or int) profiles must be equal.

    Raises
    ------
    AssertionError
        Listing the profiles found only in the first and only in the second.
    InvalidArgumentError
        If an argument is a game or a single equilibrium rather than a
        collection (compare ``nash_equilibria(a)`` with ``nash_equilibria(b)``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> half = [Fraction(1, 2), Fraction(1, 2)]
    >>> assert_same_equilibria([[half, half], [[1, 0], [0, 1]]], [[[1, 0], [0, 1]], [[0.5, 0.5], [0.5, 0.5]]])
    >>> assert_same_equilibria([[half, half]], [[[1, 0], [0, 1]]])
    Traceback (most recent call last):
    ...
    AssertionError: the equilibria differ:
      only in the first (1 of 1): (1/2, 1/2), (1/2, 1/2)
      only in the second (1 of 1): (1, 0), (0, 1)
    """
    tol = check_tolerance(tol) or 0.0
    message = difference_report(as_collection(first, "first"), as_collection(second, "second"), tol)
    if message is not None:
        raise AssertionError(message)


# ---------------------------------------------------------------------- claims over a parameter region
@dataclass(frozen=True)
class Claim:
    """A statement about one player's strategy that an equilibrium may satisfy.

    Build claims with :func:`plays`, :func:`uses` or :func:`avoids`.

    Attributes
    ----------
    player : int or str
        Player index or name.
    strategy : int or str
        Strategy index or label.
    relation : str
        ``"plays"`` (probability 1), ``"uses"`` (positive probability) or
        ``"avoids"`` (probability 0).

    Examples
    --------
    >>> plays("Militia", "Attack")
    Claim(player='Militia', strategy='Attack', relation='plays')
    """

    player: int | str
    strategy: int | str
    relation: str

    def describe(self, game: NormalFormGame) -> str:
        """The claim in words, with the game's labels.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([[0, 1]], [[1, 0]], players=("US", "Militia"),
        ...                                     strategies=(("Strike",), ("Attack", "Hold")))
        >>> plays("Militia", 0).describe(game)
        'Militia plays Attack'
        """
        player, strategy = self._indices(game)
        return f"{game.players[player]} {self.relation} {game.strategies[player][strategy]}"

    def holds(self, game: NormalFormGame, equilibrium: Any, *, tol: float = 0.0) -> bool:
        """Whether the claim holds in a numeric equilibrium of ``game``.

        Examples
        --------
        >>> from gametheory import NormalFormGame, pure_equilibria
        >>> game = NormalFormGame.from_bimatrix([[0, 1]], [[1, 0]])
        >>> (equilibrium,) = pure_equilibria(game)
        >>> plays(1, 0).holds(game, equilibrium), avoids(1, 0).holds(game, equilibrium)
        (True, False)
        """
        limit = check_tolerance(tol) or 0.0
        player, strategy = self._indices(game)
        probability = equilibrium.profile[player][strategy]
        if self.relation == "plays":
            return bool(probability >= 1 - limit)
        if self.relation == "uses":
            return bool(probability > limit)
        return bool(probability <= limit)

    def condition(self, game: NormalFormGame, probability: sympy.Expr) -> sympy.Basic:
        """The claim as a sympy condition on a symbolic probability.

        Examples
        --------
        >>> import sympy
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([[0, 1]], [[1, 0]])
        >>> q = sympy.Symbol("q")
        >>> uses(1, 0).condition(game, q)
        q > 0
        """
        del game
        if self.relation == "plays":
            return sympy.Eq(probability, 1)
        if self.relation == "uses":
            return sympy.Gt(probability, 0)
        return sympy.Eq(probability, 0)

    def _indices(self, game: NormalFormGame) -> tuple[int, int]:
        player = strategy_index(self.player, game.players, "player")
        strategy = strategy_index(self.strategy, game.strategies[player], f"strategy of {game.players[player]}")
        return player, strategy


def plays(player: int | str, strategy: int | str) -> Claim:
    """Claim that ``player`` plays ``strategy`` with probability one.

    Examples
    --------
    >>> plays(1, "Attack").relation
    'plays'
    """
    return Claim(player, strategy, "plays")


def uses(player: int | str, strategy: int | str) -> Claim:
    """Claim that ``player`` plays ``strategy`` with positive probability.

    Examples
    --------
    >>> uses("US", "Strike").relation
    'uses'
    """
    return Claim(player, strategy, "uses")


def avoids(player: int | str, strategy: int | str) -> Claim:
    """Claim that ``player`` never plays ``strategy``.

    Examples
    --------
    >>> avoids("US", "Restrain").relation
    'avoids'
    """
    return Claim(player, strategy, "avoids")


def assert_in_every_equilibrium(
    game: NormalFormGame,
    claim: Claim | Callable[[Any], bool],
    *,
    region: Any = None,
    bounds: Mapping[Any, tuple[Any, Any]] | None = None,
    samples: int = 100,
    rng: Any = None,
) -> str:
    """Assert that a claim holds in every equilibrium, everywhere in a parameter region.

    For a two-player parametric game and a :class:`Claim`, every equilibrium
    branch of :func:`gametheory.parametric.parametric_equilibria` is decided
    exactly against the region: the condition "region and branch conditions
    and not claim" is rewritten into linear cases (products of linear
    factors split by sign) and each case is decided by Fourier-Motzkin
    elimination over the rationals. Either no parameter value satisfies it
    (the branch never violates the claim), or back-substitution gives an
    exact rational point that does, often on a boundary such as ``R == c``:
    the claim then fails there, with that point and the equilibrium as the
    counterexample. Only when a branch cannot be decided this way (its
    conditions have irreducible nonlinear parts, or are too large) is the
    claim checked at ``samples`` random rational points of the region, and an
    :class:`UnprovedClaimWarning` says so. Claims given as plain callables,
    and games with more than two players, are always checked by sampling.

    Parameters
    ----------
    game : NormalFormGame
        A parametric game (a numeric game is checked once).
    claim : Claim or callable
        A :class:`Claim` (see :func:`plays`, :func:`uses`, :func:`avoids`),
        or a callable taking an :class:`~gametheory.Equilibrium` and
        returning a bool (checked by sampling only).
    region : sympy Boolean or iterable of them, optional
        Where the claim should hold, e.g. ``(R > c) & (b + l > k)`` or
        ``[R > c, b + l > k]`` (all must hold). Symbols are matched to the
        game's parameters by name; the game's symbol assumptions (positive
        parameters) also apply.
    bounds : mapping, optional
        Closed intervals ``{parameter or name: (low, high)}`` that also
        restrict the region and bound the sampled points (default ``[0, 10]``
        for positive parameters and ``[-10, 10]`` for the others, used for
        sampling only).
    samples : int, default 100
        Number of random parameter points for the sampling check.
    rng : numpy.random.Generator, int or None
        Source of the random points.

    Returns
    -------
    str
        ``"proved"`` when the exact check decided every branch, otherwise
        ``"sampled"`` (for a :class:`Claim`, with an
        :class:`UnprovedClaimWarning` naming what could not be decided).

    Raises
    ------
    AssertionError
        With the parameter values and the equilibrium at which the claim
        fails (and, when found exactly, the branch that meets the region).
    ParameterError
        If the region is empty, names unknown parameters, or is malformed.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix(
    ...     [["-d - c", "-c"], ["-d - R", 0]], [["b - k + l", 0], ["b", 0]],
    ...     players=("US", "Militia"), strategies=(("Strike", "Restrain"), ("Attack", "Hold")))
    >>> R, c, b, k, l = sympy.symbols("R c b k l")
    >>> positive = {name: (1, 10) for name in "Rbcdkl"}
    >>> assert_in_every_equilibrium(game, plays("Militia", "Attack"), region=[R > c, b + l > k], bounds=positive)
    'proved'

    At ``R == c`` the US is indifferent, so "the US strikes" fails on that boundary:

    >>> assert_in_every_equilibrium(game, plays("US", "Strike"), region=[R >= c, b + l > k], bounds=positive)
    Traceback (most recent call last):
    ...
    AssertionError: claim 'US plays Strike' fails at R = 1, b = 1, c = 1, d = 1, k = 1, l = 1 in the equilibrium \
US: Restrain; Militia: Attack; payoffs -2, 1 ...
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidArgumentError(f"assert_in_every_equilibrium needs a NormalFormGame, not {type(game).__name__}")
    if not isinstance(claim, Claim) and not callable(claim):
        raise InvalidArgumentError(
            "claim must be a Claim (see plays, uses, avoids) or a callable taking an equilibrium"
        )
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InvalidArgumentError(f"samples must be a positive int, not {samples!r}")
    generator = as_generator(rng)
    if isinstance(claim, Claim):
        claim._indices(game)
    if not game.is_parametric:
        check_point(game, *_numeric_check(game, claim), {})
        return "proved"
    condition, boxes = parse_region(game, region, bounds)
    if isinstance(claim, Claim):
        reason = prove(game, claim, condition, generator)
        if reason is None:
            return "proved"
        warnings.warn(
            f"claim '{claim.describe(game)}' was not proved: {reason}; it is only checked at {samples} random "
            "points of the region, which can miss a counterexample",
            UnprovedClaimWarning,
            stacklevel=2,
        )
    holds, what = _numeric_check(game, claim)
    for values in sample_points(game, condition, boxes, samples, generator):
        check_point(game.substitute(values), holds, what, values)
    return "sampled"


def _numeric_check(game: NormalFormGame, claim: Any) -> tuple[Any, str]:
    if isinstance(claim, Claim):
        return claim.holds, claim.describe(game)
    return (lambda _numeric, equilibrium: bool(claim(equilibrium))), getattr(claim, "__name__", "the claim")
