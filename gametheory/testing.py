"""Assertions for property-testing your own games, with readable failure messages.

* :func:`assert_equilibrium`: a profile is a Nash equilibrium (exactly, for
  exact games); on failure the message names each player's best deviation.
* :func:`assert_same_equilibria`: two collections of equilibria are equal as
  sets, ignoring order (exactly, or within a tolerance).
* :func:`assert_in_every_equilibrium`: a claim such as "the militia attacks"
  holds in every equilibrium, at every parameter value of a region. Claims
  built with :func:`plays`, :func:`uses` or :func:`avoids` are proved
  exactly from the equilibrium formulas where the conditions are linear, and
  checked at random parameter points otherwise.

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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory._linear_conditions import proved_infeasible
from gametheory.exceptions import InvalidArgumentError, InvalidProfileError, ParameterError
from gametheory.games._numbers import format_number
from gametheory.games.normal_form import NormalFormGame

__all__ = [
    "Claim",
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
        Largest regret accepted in float arithmetic (default
        :meth:`NormalFormGame.default_tolerance`); exact games and profiles
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
    strategies = game.profile(profile)
    exact = strategies[0].dtype == object
    limit = 0 if exact else (game.default_tolerance() if tol is None else float(tol))
    deviations = game.deviation_payoffs(strategies)
    problems = []
    for player, (values, mix) in enumerate(zip(deviations, strategies, strict=True)):
        current = np.dot(values, mix)
        best = int(np.argmax(values))
        gain = values[best] - current
        if gain > limit:
            problems.append(
                f"  {game.players[player]} gets {format_number(current)} but would get "
                f"{format_number(values[best])} by switching to {game.strategies[player][best]} "
                f"(regret {format_number(gain)})"
            )
    if problems:
        check = "exact check" if exact else f"tolerance {limit:g}"
        raise AssertionError(f"the profile is not a Nash equilibrium ({check}):\n" + "\n".join(problems))


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
    left = [_as_vectors(item) for item in first]
    right = [_as_vectors(item) for item in second]
    unmatched = list(range(len(right)))
    missing = []
    for vectors in left:
        match = next((j for j in unmatched if _same_profile(vectors, right[j], tol)), None)
        if match is None:
            missing.append(vectors)
        else:
            unmatched.remove(match)
    if missing or unmatched:
        lines = ["the equilibria differ:"]
        if missing:
            lines.append(f"  only in the first ({len(missing)} of {len(left)}): " + "; ".join(map(_show, missing)))
        if unmatched:
            extra = [right[j] for j in unmatched]
            lines.append(f"  only in the second ({len(extra)} of {len(right)}): " + "; ".join(map(_show, extra)))
        raise AssertionError("\n".join(lines))


def _as_vectors(item: Any) -> tuple[tuple[Any, ...], ...]:
    profile = getattr(item, "profile", item)
    try:
        vectors = tuple(tuple(np.asarray(v, dtype=object).tolist()) for v in profile)
    except TypeError:
        raise InvalidProfileError(f"{item!r} is not an equilibrium or a profile of probability vectors") from None
    if not vectors or any(not isinstance(v, tuple) or not v for v in vectors):
        raise InvalidProfileError(f"{item!r} is not an equilibrium or a profile of probability vectors")
    return tuple(tuple(_number(x) for x in v) for v in vectors)


def _number(value: Any) -> Fraction | float:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return Fraction(int(value))
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, float | np.floating):
        return float(value)
    raise InvalidProfileError(f"probability {value!r} is not a number")


def _same_profile(a: tuple[tuple[Any, ...], ...], b: tuple[tuple[Any, ...], ...], tol: float) -> bool:
    if len(a) != len(b) or any(len(x) != len(y) for x, y in zip(a, b, strict=True)):
        return False
    pairs = [(p, q) for x, y in zip(a, b, strict=True) for p, q in zip(x, y, strict=True)]
    if all(isinstance(p, Fraction) and isinstance(q, Fraction) for p, q in pairs):
        return all(p == q for p, q in pairs)
    return all(abs(float(p) - float(q)) <= tol for p, q in pairs)


def _show(vectors: tuple[tuple[Any, ...], ...]) -> str:
    return ", ".join("(" + ", ".join(format_number(p) for p in v) + ")" for v in vectors)


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
        player, strategy = self._indices(game)
        probability = equilibrium.profile[player][strategy]
        if self.relation == "plays":
            return bool(probability >= 1 - tol)
        if self.relation == "uses":
            return bool(probability > tol)
        return bool(probability <= tol)

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
        player = _index(self.player, game.players, "player")
        strategy = _index(self.strategy, game.strategies[player], f"strategy of {game.players[player]}")
        return player, strategy


def _index(value: int | str, labels: tuple[str, ...], what: str) -> int:
    if isinstance(value, str):
        if value not in labels:
            raise InvalidProfileError(f"unknown {what} {value!r}; expected one of {', '.join(labels)}")
        return labels.index(value)
    if isinstance(value, int | np.integer) and not isinstance(value, bool) and 0 <= value < len(labels):
        return int(value)
    raise InvalidProfileError(f"{what} {value!r} is out of range (0 to {len(labels) - 1})")


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

    For a two-player parametric game and a :class:`Claim`, each equilibrium
    branch of :func:`gametheory.parametric.parametric_equilibria` that could
    violate the claim is checked against the region: if the linear part of
    "region and branch conditions and not claim" is infeasible (decided
    exactly, by Fourier-Motzkin elimination over the rationals), the branch
    is proved harmless. Branches that cannot be decided this way, and claims
    given as plain callables, are checked at ``samples`` random rational
    points of the region, solving each substituted game exactly.

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
        game's parameters by name.
    bounds : mapping, optional
        Closed intervals ``{parameter or name: (low, high)}`` that also
        restrict the region and bound the sampled points (default ``[0, 10]``
        for positive parameters and ``[-10, 10]`` for the others).
    samples : int, default 100
        Number of random parameter points for the sampling check.
    rng : numpy.random.Generator, int or None
        Source of the random points.

    Returns
    -------
    str
        ``"proved"`` when the exact check covered every branch, otherwise
        ``"sampled"``.

    Raises
    ------
    AssertionError
        With the parameter values and the equilibrium at which the claim
        fails, or the branch (and its conditions) that violates it.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix(
    ...     [["-d - c", "-c"], ["-d - R", 0]], [["b - k + l", 0], ["b", 0]],
    ...     players=("US", "Militia"), strategies=(("Strike", "Restrain"), ("Attack", "Hold")))
    >>> R, c, b, k, l = sympy.symbols("R c b k l")
    >>> positive = {name: (1, 10) for name in "Rbcdkl"}
    >>> assert_in_every_equilibrium(game, plays("Militia", "Attack"), region=[R > c, b + l > k], bounds=positive, rng=1)
    'proved'
    >>> assert_in_every_equilibrium(game, plays("US", "Restrain"), region=[R > c, b + l > k], bounds=positive, rng=1)
    Traceback (most recent call last):
    ...
    AssertionError: claim 'US plays Restrain' fails at ...
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidArgumentError(f"assert_in_every_equilibrium needs a NormalFormGame, not {type(game).__name__}")
    if not isinstance(claim, Claim) and not callable(claim):
        raise InvalidArgumentError(
            "claim must be a Claim (see plays, uses, avoids) or a callable taking an equilibrium"
        )
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InvalidArgumentError(f"samples must be a positive int, not {samples!r}")
    if isinstance(claim, Claim):
        claim._indices(game)
    if not game.is_parametric:
        _check_point(game, game, claim, {})
        return "proved"
    condition, boxes = _region(game, region, bounds)
    if isinstance(claim, Claim) and game.num_players == 2 and _prove(game, claim, condition):
        return "proved"
    generator = np.random.default_rng(rng)
    for values in _points(game, condition, boxes, samples, generator):
        _check_point(game, game.substitute(values), claim, values)
    return "sampled"


def _region(
    game: NormalFormGame, region: Any, bounds: Any
) -> tuple[sympy.Basic, dict[sympy.Symbol, tuple[Fraction, Fraction]]]:
    by_name = {p.name: p for p in game.parameters}
    conditions: list[sympy.Basic] = []
    boxes: dict[sympy.Symbol, tuple[Fraction, Fraction]] = {}
    for symbol in game.parameters:
        boxes[symbol] = (Fraction(0), Fraction(10)) if symbol.is_positive else (Fraction(-10), Fraction(10))
    if bounds is not None:
        if not isinstance(bounds, Mapping):
            raise ParameterError(f"bounds must be a mapping from parameter to (low, high), not {type(bounds).__name__}")
        for key, interval in bounds.items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            if name not in by_name:
                raise ParameterError(f"unknown parameter {name!r} in bounds; the game's are {', '.join(by_name)}")
            low, high = (Fraction(x) for x in interval)
            if low > high:
                raise ParameterError(f"empty interval ({low}, {high}) for parameter {name}")
            boxes[by_name[name]] = (low, high)
            conditions += [sympy.Ge(by_name[name], _rational(low)), sympy.Le(by_name[name], _rational(high))]
    if region is None:
        items: list[Any] = []
    elif isinstance(region, sympy.Basic):
        items = [region]
    elif isinstance(region, Iterable) and not isinstance(region, str | Mapping):
        items = list(region)
    else:
        raise ParameterError(f"region must be a sympy condition or an iterable of them, not {type(region).__name__}")
    for item in items:
        if not isinstance(item, sympy.logic.boolalg.Boolean):
            raise ParameterError(f"region item {item!r} is not a sympy condition such as R > c")
        conditions.append(_rename(item, by_name))
    return sympy.And(*conditions), boxes


def _rational(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


def _rename(condition: sympy.Basic, by_name: dict[str, sympy.Symbol]) -> sympy.Basic:
    """Use the game's own symbols (a user's ``Symbol('R')`` may differ in assumptions)."""
    unknown = sorted(s.name for s in condition.free_symbols if s.name not in by_name)
    if unknown:
        raise ParameterError(f"region mentions unknown parameter(s) {', '.join(unknown)}")
    return condition.xreplace({s: by_name[s.name] for s in condition.free_symbols})


def _check_point(game: NormalFormGame, numeric: NormalFormGame, claim: Any, values: Mapping[Any, Any]) -> None:
    from gametheory.solvers.enumeration import nash_equilibria

    for equilibrium in nash_equilibria(numeric):
        ok = claim.holds(numeric, equilibrium) if isinstance(claim, Claim) else bool(claim(equilibrium))
        if not ok:
            where = ", ".join(f"{k} = {format_number(_to_fraction(v))}" for k, v in values.items()) or "this game"
            what = claim.describe(game) if isinstance(claim, Claim) else getattr(claim, "__name__", "the claim")
            raise AssertionError(f"claim '{what}' fails at {where} in the equilibrium {equilibrium}")


def _to_fraction(value: Any) -> Any:
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return value


def _points(
    game: NormalFormGame,
    condition: sympy.Basic,
    boxes: dict[sympy.Symbol, tuple[Fraction, Fraction]],
    samples: int,
    generator: np.random.Generator,
) -> Iterable[dict[sympy.Symbol, sympy.Rational]]:
    found, tries = 0, 0
    while found < samples:
        tries += 1
        if tries > 50 * samples:
            if found == 0:
                raise ParameterError(f"no sampled point satisfies the region {condition}; is it empty?")
            return
        values = {}
        for symbol, (low, high) in boxes.items():
            step = Fraction(int(generator.integers(0, 241)), 240)
            value = low + (high - low) * step
            if symbol.is_positive and value <= 0:
                value = (high - low) / 480 if high > low else high
            values[symbol] = sympy.Rational(value.numerator, value.denominator)
        if condition.xreplace(values) == sympy.true:
            found += 1
            yield values


def _prove(game: NormalFormGame, claim: Claim, condition: sympy.Basic) -> bool:
    """Whether every equilibrium branch provably satisfies the claim in the region."""
    try:
        from gametheory.parametric.equilibria import parametric_equilibria
    except ImportError:
        return False
    player, strategy = claim._indices(game)
    symbols = list(game.parameters)
    for branch in parametric_equilibria(game):
        fails = sympy.And(
            condition, branch.conditions, sympy.Not(claim.condition(game, branch.profile[player][strategy]))
        )
        if fails == sympy.false:
            continue
        if not proved_infeasible(fails, symbols):
            return False
    return True
