"""Simulated matches of a repeated 2x2 stage game, with implementation noise."""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.formatting import format_number
from gametheory._internal.limits import check_allocation, check_time, time_limit_scope
from gametheory._internal.validation import as_generator
from gametheory.exceptions import (
    InvalidArgumentError,
    InvalidGameError,
    InvalidProfileError,
    UnsupportedGameError,
)
from gametheory.games.normal_form import NormalFormGame
from gametheory.repeated.strategies import DEFECT, History, strategy_name
from gametheory.solvers.guards import require_numeric

__all__ = ["Match", "play_match"]

# Memory of one round of an exact match (estimate, bytes); a float match needs about half.
_ROUND_BYTES = 200


@dataclass(frozen=True, eq=False)
class Match:
    """The full record of one simulated match.

    Attributes
    ----------
    game : NormalFormGame
        The stage game.
    names : tuple of str
        The two strategies' names, row player first.
    intended : numpy.ndarray
        Shape ``(rounds, 2)``: the action each strategy chose in each round.
    played : numpy.ndarray
        Shape ``(rounds, 2)``: the action actually played, after noise.
    payoffs : numpy.ndarray
        Shape ``(rounds, 2)``: each player's stage payoff in each round
        (Fractions for exact games, ``float64`` otherwise).
    discount : Fraction or float
        The discount factor used for :attr:`discounted_totals`.
    totals, discounted_totals : numpy.ndarray
        Each player's sum of payoffs, and sum of ``discount**t * payoff``
        over rounds ``t = 0, 1, ...`` (equal when ``discount`` is 1).

    Examples
    --------
    >>> from gametheory.repeated.strategies import TitForTat, AlwaysDefect
    >>> from gametheory.repeated.thresholds import PrisonersDilemma
    >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    >>> match = play_match(game, TitForTat(), AlwaysDefect(), rounds=4)
    >>> print(match)
    Tit for tat vs Always defect: 4 rounds, 0 errors, totals 3, 8
    >>> match.played_labels()[:2]
    (('Cooperate', 'Defect'), ('Defect', 'Defect'))
    """

    game: NormalFormGame
    names: tuple[str, str]
    intended: np.ndarray
    played: np.ndarray
    payoffs: np.ndarray
    discount: Fraction | float
    totals: np.ndarray
    discounted_totals: np.ndarray

    @property
    def rounds(self) -> int:
        """Number of rounds played."""
        return int(self.played.shape[0])

    @property
    def errors(self) -> np.ndarray:
        """Boolean array ``(rounds, 2)``: where noise flipped the intended action."""
        return self.intended != self.played

    @property
    def players(self) -> tuple[str, ...]:
        """The stage game's player names."""
        return self.game.players

    def played_labels(self) -> tuple[tuple[str, str], ...]:
        """The played actions of every round as strategy labels from the game.

        Examples
        --------
        >>> from gametheory.repeated.strategies import AlwaysDefect, TitForTat
        >>> from gametheory.repeated.thresholds import PrisonersDilemma
        >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
        >>> play_match(game, TitForTat(), AlwaysDefect(), rounds=2).played_labels()
        (('Cooperate', 'Defect'), ('Defect', 'Defect'))
        """
        labels = self.game.strategies
        return tuple((labels[0][a], labels[1][b]) for a, b in self.played.tolist())

    def cooperation_rate(self) -> np.ndarray:
        """Each player's share of rounds in which it played action 0 (cooperate).

        Examples
        --------
        >>> from gametheory.repeated.strategies import AlwaysDefect, TitForTat
        >>> from gametheory.repeated.thresholds import PrisonersDilemma
        >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
        >>> play_match(game, TitForTat(), AlwaysDefect(), rounds=4).cooperation_rate().tolist()
        [0.25, 0.0]
        """
        if self.rounds == 0:
            return np.zeros(2)
        return np.mean(self.played == 0, axis=0)

    def mean_payoffs(self) -> np.ndarray:
        """Each player's average payoff per round (exact for exact games).

        Examples
        --------
        >>> from gametheory.repeated.strategies import AlwaysDefect, TitForTat
        >>> from gametheory.repeated.thresholds import PrisonersDilemma
        >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
        >>> play_match(game, TitForTat(), AlwaysDefect(), rounds=4).mean_payoffs().tolist()
        [Fraction(3, 4), Fraction(2, 1)]
        """
        return self.totals / self.rounds

    def __str__(self) -> str:
        totals = ", ".join(format_number(v) for v in self.totals)
        errors = int(self.errors.sum())
        return f"{self.names[0]} vs {self.names[1]}: {self.rounds} rounds, {errors} errors, totals {totals}"


def play_match(
    game: NormalFormGame,
    row: Any,
    column: Any,
    *,
    rounds: int | None = None,
    continuation: float | Fraction | None = None,
    noise: float | Fraction = 0.0,
    discount: float | Fraction = 1,
    forced_errors: Iterable[tuple[int, int]] = (),
    rng: np.random.Generator | int | None = None,
    time_limit: float | None = None,
) -> Match:
    """Simulate a repeated match between two strategies.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player 2x2 stage game; action 0 is cooperate and
        action 1 defect (labels come from the game).
    row, column : Strategy
        Callables ``(history, rng) -> 0 or 1`` (see
        :mod:`gametheory.repeated.strategies`).
    rounds : int, optional
        A fixed number of rounds. Give exactly one of ``rounds`` and
        ``continuation``.
    continuation : float, optional
        Probability ``w`` in ``[0, 1)`` that another round follows each
        round; the length is then geometric with mean ``1 / (1 - w)``.
    noise : float, optional
        Probability that an intended action is flipped, independently for
        each player and round.
    discount : float or Fraction, optional
        Factor ``delta`` in ``(0, 1]`` for :attr:`Match.discounted_totals`.
        Exact games with a Fraction or int discount give exact totals.
    forced_errors : iterable of (round, player), optional
        Flip these intended actions (0-based round and player index)
        whatever the noise draws say; rounds past the end are ignored.
    rng : numpy.random.Generator, int or None
        Source of all randomness (noise, match length, random strategies).
    time_limit : float, optional
        Seconds the simulation may take (strategies are user code called
        once per player and round); ``None`` for no limit.

    Returns
    -------
    Match

    Raises
    ------
    UnsupportedGameError
        If the stage game is not a numeric two-player 2x2 game.
    InvalidProfileError
        If a strategy returns something other than 0 or 1.
    InvalidGameError
        If an option is out of range.
    ResourceLimitError
        If the match's records would not fit in memory (a continuation
        probability very close to 1, or a huge ``rounds``), before allocating them,
        or if the match runs past ``time_limit``.

    Notes
    -----
    With ``continuation=w``, the expected total payoff equals the
    discounted value, with ``delta = w``, of the same strategies playing
    for ever; that is why the thresholds in
    :mod:`gametheory.repeated.thresholds` apply to both readings.

    Examples
    --------
    One forced error starts tit-for-tat's echo of retaliation:

    >>> from gametheory.repeated.strategies import TitForTat
    >>> from gametheory.repeated.thresholds import PrisonersDilemma
    >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    >>> match = play_match(game, TitForTat(), TitForTat(), rounds=6, forced_errors=[(2, 0)])
    >>> match.played.tolist()
    [[0, 0], [0, 0], [1, 0], [0, 1], [1, 0], [0, 1]]
    """
    with time_limit_scope(time_limit, "play_match"):
        return _simulate(game, row, column, rounds, continuation, noise, discount, forced_errors, rng)


def _simulate(
    game: NormalFormGame,
    row: Any,
    column: Any,
    rounds: Any,
    continuation: Any,
    noise: Any,
    discount: Any,
    forced_errors: Iterable[tuple[int, int]],
    rng: Any,
) -> Match:
    require_numeric(game, "play_match")
    if game.shape != (2, 2):
        raise UnsupportedGameError(f"play_match needs a two-player 2x2 stage game; this game has shape {game.shape}")
    check_strategy(row, "the row strategy")
    check_strategy(column, "the column strategy")
    noise_p = _probability(noise, "noise")
    delta = _discount(discount)
    forced = _forced_errors(forced_errors)
    generator = as_generator(rng)
    length = _match_length(rounds, continuation, generator)
    # Per round: noise draws, flips, intended and played actions, payoffs (objects for exact games), weights.
    check_allocation(
        length * (_ROUND_BYTES if game.is_exact else _ROUND_BYTES // 2),
        f"a match of {length:,} rounds",
        hint="use fewer rounds or a smaller continuation probability",
    )
    flips = generator.random((length, 2)) < float(noise_p) if noise_p > 0 else np.zeros((length, 2), dtype=bool)
    for round_, player in forced:
        if round_ < length:
            flips[round_, player] = True

    table = game.payoffs if game.is_exact else game.float_payoffs()
    intended = np.zeros((length, 2), dtype=np.int8)
    played = np.zeros((length, 2), dtype=np.int8)
    payoffs = np.zeros((length, 2), dtype=table.dtype)
    seen, seen_payoffs = played.view(), payoffs.view()
    seen.flags.writeable = False
    seen_payoffs.flags.writeable = False
    strategies = (row, column)
    defections = [0, 0]
    for t in range(length):
        check_time()
        for player in (0, 1):
            history = History(
                own=seen[:t, player],
                opponent=seen[:t, 1 - player],
                own_payoffs=seen_payoffs[:t, player],
                opponent_defections=defections[1 - player],
            )
            intended[t, player] = _action(strategies[player](history, generator), strategies[player])
        played[t] = intended[t] ^ flips[t]
        payoffs[t] = table[played[t, 0], played[t, 1]]
        defections[0] += int(played[t, 0] == DEFECT)
        defections[1] += int(played[t, 1] == DEFECT)

    totals, discounted = _totals(payoffs, delta)
    for array in (intended, played, payoffs, totals, discounted):
        array.flags.writeable = False
    return Match(
        game=game,
        names=(strategy_name(row), strategy_name(column)),
        intended=intended,
        played=played,
        payoffs=payoffs,
        discount=delta,
        totals=totals,
        discounted_totals=discounted,
    )


def check_strategy(strategy: Any, what: str) -> None:
    """Reject a strategy that cannot be called as ``strategy(history, rng)``.

    Examples
    --------
    >>> check_strategy(7, "the row strategy")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.InvalidArgumentError: the row strategy must be a callable (history, rng) -> 0 or 1, ...
    """
    if not callable(strategy):
        shown = repr(strategy) if len(repr(strategy)) <= 40 else repr(strategy)[:37] + "..."
        raise InvalidArgumentError(
            f"{what} must be a callable (history, rng) -> 0 or 1, not {shown} ({type(strategy).__name__})"
        )


def _match_length(rounds: Any, continuation: Any, generator: np.random.Generator) -> int:
    if (rounds is None) == (continuation is None):
        raise InvalidGameError("give exactly one of rounds= (a fixed length) and continuation= (a probability)")
    if rounds is not None:
        if isinstance(rounds, bool) or not isinstance(rounds, numbers.Integral) or rounds < 1:
            raise InvalidGameError(f"rounds must be a positive integer, not {rounds!r}")
        return int(rounds)
    w = _probability(continuation, "continuation")
    if w >= 1:
        raise InvalidGameError("continuation must be below 1, or the match never ends")
    return int(generator.geometric(1.0 - float(w)))


def _forced_errors(errors: Any) -> list[tuple[int, int]]:
    out = []
    for item in errors:
        pair = tuple(item) if isinstance(item, tuple | list) else ()
        valid = len(pair) == 2 and all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in pair)
        if not valid or pair[0] < 0 or pair[1] not in (0, 1):
            raise InvalidGameError(f"a forced error is a pair (round >= 0, player 0 or 1), not {item!r}")
        out.append((int(pair[0]), int(pair[1])))
    return out


def _probability(value: Any, what: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidGameError(f"{what} must be a probability, not {type(value).__name__}")
    number: Any = value  # numbers.Real does not declare comparisons for the type checker
    if not 0 <= number <= 1:
        raise InvalidGameError(f"{what} must be a probability in [0, 1], not {value}")
    return value


def _discount(value: Any) -> Fraction | float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidGameError(f"discount must be a number in (0, 1], not {type(value).__name__}")
    number: Any = value
    if not 0 < number <= 1:
        raise InvalidGameError(f"discount must be in (0, 1], not {value}")
    if isinstance(value, Fraction | numbers.Integral):
        return Fraction(value)
    return float(value)


def _action(value: Any, strategy: Any) -> int:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral) or value not in (0, 1):
        raise InvalidProfileError(
            f"strategy {strategy_name(strategy)!r} returned {value!r}; an action is 0 (cooperate) or 1 (defect)"
        )
    return int(value)


def _totals(payoffs: np.ndarray, delta: Fraction | float) -> tuple[np.ndarray, np.ndarray]:
    length = payoffs.shape[0]
    if payoffs.dtype == object and isinstance(delta, Fraction):
        weights = np.empty(length, dtype=object)
        weight = Fraction(1)
        for t in range(length):
            weights[t] = weight
            weight *= delta
        totals = np.array([sum(payoffs[:, i], Fraction(0)) for i in (0, 1)], dtype=object)
        discounted = np.array([sum(weights * payoffs[:, i], Fraction(0)) for i in (0, 1)], dtype=object)
        return totals, discounted
    values = payoffs.astype(np.float64)
    weights_f = float(delta) ** np.arange(length, dtype=np.float64)
    return values.sum(axis=0), weights_f @ values
