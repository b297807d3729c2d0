"""Round-robin tournaments of repeated-game strategies (Axelrod style)."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.limits import time_limit_scope
from gametheory._internal.validation import as_generator
from gametheory.exceptions import InvalidGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.repeated.match import check_strategy, play_match
from gametheory.repeated.strategies import strategy_name

__all__ = ["Tournament", "tournament"]


@dataclass(frozen=True, eq=False)
class Tournament:
    """Result of a round-robin tournament.

    Attributes
    ----------
    names : tuple of str
        The strategies' names, in the order given.
    scores : numpy.ndarray
        ``scores[i, j]`` is strategy ``i``'s mean payoff per round against
        strategy ``j``, averaged over repetitions and over both seatings
        (row and column) when ``i != j``.

    Examples
    --------
    >>> from gametheory.repeated.strategies import AlwaysDefect, TitForTat
    >>> from gametheory.repeated.thresholds import PrisonersDilemma
    >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    >>> result = tournament(game, [TitForTat(), AlwaysDefect()], rounds=10)
    >>> result.scores.tolist()
    [[3.0, 0.9], [1.4, 1.0]]
    >>> result.ranking()
    ('Tit for tat', 'Always defect')
    """

    names: tuple[str, ...]
    scores: np.ndarray

    def mean_scores(self) -> np.ndarray:
        """Each strategy's average of ``scores`` over all opponents (itself included).

        Examples
        --------
        >>> from gametheory.repeated.strategies import AlwaysDefect, TitForTat
        >>> from gametheory.repeated.thresholds import PrisonersDilemma
        >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
        >>> tournament(game, [TitForTat(), AlwaysDefect()], rounds=10).mean_scores().tolist()
        [1.95, 1.2]
        """
        return np.asarray(self.scores.mean(axis=1))

    def ranking(self) -> tuple[str, ...]:
        """Names from the highest mean score to the lowest (ties keep the given order).

        Examples
        --------
        >>> from gametheory.repeated.strategies import AlwaysCooperate, AlwaysDefect
        >>> from gametheory.repeated.thresholds import PrisonersDilemma
        >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
        >>> tournament(game, [AlwaysCooperate(), AlwaysDefect()], rounds=5).ranking()
        ('Always defect', 'Always cooperate')
        """
        order = np.argsort(-self.mean_scores(), kind="stable")
        return tuple(self.names[i] for i in order)


def tournament(
    game: NormalFormGame,
    strategies: Sequence[Any],
    *,
    rounds: int | None = None,
    continuation: float | Fraction | None = None,
    noise: float | Fraction = 0.0,
    repetitions: int = 1,
    rng: np.random.Generator | int | None = None,
    time_limit: float | None = None,
) -> Tournament:
    """Play every pair of strategies (each against itself too) and tabulate mean payoffs.

    Parameters
    ----------
    game : NormalFormGame
        A numeric 2x2 stage game (see :func:`play_match`).
    strategies : sequence of Strategy
        At least one strategy.
    rounds, continuation, noise
        As for :func:`play_match`.
    repetitions : int, optional
        Matches per pairing and seating, averaged.
    rng : numpy.random.Generator, int or None
        One generator drives every match, so a seed reproduces the table.
    time_limit : float, optional
        Seconds the whole tournament may take; ``None`` for no limit.

    Returns
    -------
    Tournament

    Raises
    ------
    ResourceLimitError
        If the tournament runs past ``time_limit``.

    Examples
    --------
    >>> from gametheory.repeated.strategies import GrimTrigger, WinStayLoseShift
    >>> from gametheory.repeated.thresholds import PrisonersDilemma
    >>> game = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0).to_game()
    >>> tournament(game, [GrimTrigger(), WinStayLoseShift()], rounds=20).ranking()
    ('Grim trigger', 'Win-stay, lose-shift')
    """
    if len(strategies) < 1:
        raise InvalidGameError("a tournament needs at least one strategy")
    if isinstance(repetitions, bool) or not isinstance(repetitions, numbers.Integral) or repetitions < 1:
        raise InvalidGameError(f"repetitions must be a positive integer, not {repetitions!r}")
    for index, strategy in enumerate(strategies):
        check_strategy(strategy, f"strategies[{index}]")
    generator = as_generator(rng)
    with time_limit_scope(time_limit, "tournament"):
        return _play_all(game, strategies, rounds, continuation, noise, repetitions, generator)


def _play_all(
    game: NormalFormGame,
    strategies: Sequence[Any],
    rounds: Any,
    continuation: Any,
    noise: Any,
    repetitions: int,
    generator: np.random.Generator,
) -> Tournament:
    k = len(strategies)
    sums = np.zeros((k, k))
    counts = np.zeros((k, k))
    options = {"rounds": rounds, "continuation": continuation, "noise": noise, "rng": generator}
    for i in range(k):
        for j in range(k):
            if j < i:
                continue
            seatings = [(i, j)] if i == j else [(i, j), (j, i)]
            for _ in range(repetitions):
                for a, b in seatings:
                    match = play_match(game, strategies[a], strategies[b], **options)
                    mean = match.mean_payoffs()
                    sums[a, b] += float(mean[0])
                    counts[a, b] += 1
                    if a != b:
                        sums[b, a] += float(mean[1])
                        counts[b, a] += 1
                    else:
                        # Self-play: both seats are the same strategy.
                        sums[a, a] += float(mean[1])
                        counts[a, a] += 1
    scores = sums / counts
    scores.flags.writeable = False
    return Tournament(names=tuple(strategy_name(s) for s in strategies), scores=scores)
