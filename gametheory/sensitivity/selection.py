"""Scalar outcomes of an equilibrium, and rules that pick one equilibrium when several hold.

An *outcome* turns equilibria into numbers: :class:`Payoff` (a player's
equilibrium payoff), :class:`Probability` (the probability that a player uses
a strategy), or any callable ``f(probabilities, payoffs) -> array`` that works
on arrays laid out like :class:`~gametheory.sensitivity.sweep.Sweep`'s
(``probabilities[i][..., s]`` and ``payoffs[..., i]``).

A *selection rule* says which equilibrium an outcome is read from where
several hold. The rules are small frozen records (no strings with hidden
meaning); any callable ``rule(candidates) -> indices`` taking
:class:`Candidates` works too. Without a rule, several equilibria whose
outcome values differ raise :class:`EquilibriumSelectionError`.

Examples
--------
>>> import numpy as np
>>> candidates = Candidates(
...     outcome=np.array([[0.2, 0.7]]), payoffs=np.array([[[1.0, 0.0], [0.0, 3.0]]]),
...     holds=np.array([[True, True]]), labels=("A", "B"),
... )
>>> MaxOutcome()(candidates).tolist(), BestFor(0)(candidates).tolist(), Prefer(("B",))(candidates).tolist()
([1], [0], [1])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory.exceptions import EquilibriumSelectionError, InvalidProfileError

__all__ = [
    "LIMIT_LABEL",
    "BestFor",
    "Candidates",
    "EquilibriumSelectionError",
    "LogitLimit",
    "MaxOutcome",
    "MinOutcome",
    "Payoff",
    "Prefer",
    "Probability",
]


@dataclass(frozen=True)
class Payoff:
    """A player's equilibrium payoff, as an outcome.

    Parameters
    ----------
    player : int or str
        Index or name of the player.

    Examples
    --------
    >>> Payoff("US")
    Payoff(player='US')
    """

    player: int | str

    def __str__(self) -> str:
        return f"payoff of {self.player}"


@dataclass(frozen=True)
class Probability:
    """The probability that ``player`` plays ``strategy`` in equilibrium, as an outcome.

    Examples
    --------
    >>> str(Probability("Militia", "Attack"))
    'P(Militia plays Attack)'
    """

    player: int | str
    strategy: int | str

    def __str__(self) -> str:
        return f"P({self.player} plays {self.strategy})"


@dataclass(frozen=True)
class Candidates:
    """What a selection rule sees at ``P`` points with ``B`` candidate equilibria (columns).

    Attributes
    ----------
    outcome : numpy.ndarray
        Shape ``(P, B)``: the outcome of each candidate (NaN where it does not hold).
    payoffs : numpy.ndarray
        Shape ``(P, B, N)``: each player's payoff in each candidate.
    holds : numpy.ndarray
        Shape ``(P, B)``, bool: where each candidate is an equilibrium.
    labels : tuple of str
        Label of each column (branch).
    """

    outcome: np.ndarray
    payoffs: np.ndarray
    holds: np.ndarray
    labels: tuple[str, ...]


def _argbest(score: np.ndarray, holds: np.ndarray) -> np.ndarray:
    # Highest score among the holding columns; the first column wins ties.
    masked = np.where(holds, np.nan_to_num(score, nan=-np.inf), -np.inf)
    return np.argmax(masked, axis=-1)


@dataclass(frozen=True)
class MaxOutcome:
    """Pick the equilibrium with the largest outcome (an optimistic bound).

    Examples
    --------
    >>> MaxOutcome()
    MaxOutcome()
    """

    def __call__(self, candidates: Candidates) -> np.ndarray:
        return _argbest(candidates.outcome, candidates.holds)


@dataclass(frozen=True)
class MinOutcome:
    """Pick the equilibrium with the smallest outcome (a pessimistic bound).

    Examples
    --------
    >>> MinOutcome()
    MinOutcome()
    """

    def __call__(self, candidates: Candidates) -> np.ndarray:
        return _argbest(-candidates.outcome, candidates.holds)


@dataclass(frozen=True)
class BestFor:
    """Pick the equilibrium that gives ``player`` the highest payoff (a player's preferred equilibrium).

    ``player`` is an index, or a name resolved against the game's players.

    Examples
    --------
    >>> BestFor("US").player
    'US'
    """

    player: int | str

    def __call__(self, candidates: Candidates) -> np.ndarray:
        if not isinstance(self.player, int):
            raise InvalidProfileError(f"BestFor({self.player!r}) must be resolved to a player index first")
        return _argbest(candidates.payoffs[..., self.player], candidates.holds)


@dataclass(frozen=True)
class Prefer:
    """Pick the first holding branch in a priority list of branch labels (others after, in column order).

    Examples
    --------
    >>> Prefer(("US: Restrain; Militia: Hold",)).labels
    ('US: Restrain; Militia: Hold',)
    """

    labels: tuple[str, ...]

    def __call__(self, candidates: Candidates) -> np.ndarray:
        unknown = [label for label in self.labels if label not in candidates.labels]
        if unknown:
            raise EquilibriumSelectionError(
                f"Prefer names unknown branch(es) {unknown}; the branches are {list(candidates.labels)}"
            )
        rank = {label: i for i, label in enumerate(self.labels)}
        width = len(candidates.labels)
        priority = np.array(
            [-rank.get(label, len(self.labels) + b / width) for b, label in enumerate(candidates.labels)]
        )
        return _argbest(np.broadcast_to(priority, candidates.holds.shape), candidates.holds)


#: Label of the column holding the limit of the principal logit QRE branch (see :class:`LogitLimit`).
LIMIT_LABEL = "QRE limit"


@dataclass(frozen=True)
class LogitLimit:
    """Pick the equilibrium the principal logit QRE branch approaches (``qre_path(game).limit``).

    As ``lam`` grows from 0, the principal branch of logit quantal response
    equilibria leads from uniform play to one Nash equilibrium (McKelvey and
    Palfrey 1995): a selection rule with a behavioural story, where
    :class:`MaxOutcome` and :class:`BestFor` are bounds. Finding it takes
    the game at each point, which a rule (it sees only the candidates'
    outcomes and payoffs) does not have, so the model computes it:
    :class:`~gametheory.sensitivity.models.LogitLimitModel` lays out every Nash
    equilibrium plus a column labelled ``"QRE limit"`` holding the branch's
    limit, and this rule reads that column (NaN where the path found none).

    Raises
    ------
    EquilibriumSelectionError
        When called on candidates without a ``"QRE limit"`` column (a model
        other than ``LogitLimitModel``).

    Examples
    --------
    >>> import numpy as np
    >>> candidates = Candidates(
    ...     outcome=np.array([[0.0, 1.0, 1.0]]), payoffs=np.zeros((1, 3, 2)),
    ...     holds=np.array([[True, True, True]]), labels=("A", "B", "QRE limit"),
    ... )
    >>> LogitLimit()(candidates).tolist()
    [2]

    With the model, in a coordination game where both pure equilibria hold:

    >>> from gametheory import NormalFormGame
    >>> from gametheory.sensitivity import LogitLimitModel, Payoff, tornado
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> result = tornado(LogitLimitModel(game), Payoff(0), base={"a": 2}, ranges={"a": (0.5, 3)}, num=3,
    ...                  selection=LogitLimit())
    >>> result.bars[0].outcomes.tolist()
    [1.0, 1.75, 2.0, 3.0]
    """

    def __call__(self, candidates: Candidates) -> np.ndarray:
        if LIMIT_LABEL not in candidates.labels:
            raise EquilibriumSelectionError(
                "LogitLimit() reads the limit of the principal QRE branch, which the model must compute: "
                "analyse LogitLimitModel(game) instead of the game"
            )
        column = candidates.labels.index(LIMIT_LABEL)
        return np.full(candidates.holds.shape[:-1], column, dtype=np.intp)


def resolve_player(player: int | str, players: Sequence[str]) -> int:
    """Index of a player given by index or name."""
    if isinstance(player, str):
        if player not in players:
            raise InvalidProfileError(f"unknown player {player!r}; the players are {', '.join(players)}")
        return players.index(player)
    if isinstance(player, bool) or not isinstance(player, int | np.integer) or not 0 <= player < len(players):
        raise InvalidProfileError(f"player index {player!r} is out of range for {len(players)} players")
    return int(player)


def outcome_values(
    outcome: Any,
    probabilities: tuple[np.ndarray, ...],
    payoffs: np.ndarray,
    players: Sequence[str],
    strategies: Sequence[Sequence[str]],
) -> np.ndarray:
    """Evaluate an outcome on arrays ``probabilities[i][..., s]`` and ``payoffs[..., i]``."""
    if isinstance(outcome, Payoff):
        return payoffs[..., resolve_player(outcome.player, players)]
    if isinstance(outcome, Probability):
        i = resolve_player(outcome.player, players)
        strategy = outcome.strategy
        if isinstance(strategy, str):
            if strategy not in strategies[i]:
                raise InvalidProfileError(
                    f"{players[i]} has no strategy {strategy!r}; it has {', '.join(strategies[i])}"
                )
            strategy = strategies[i].index(strategy)
        if (
            isinstance(strategy, bool)
            or not isinstance(strategy, int | np.integer)
            or not 0 <= strategy < len(strategies[i])
        ):
            raise InvalidProfileError(f"strategy index {strategy!r} is out of range for {players[i]}")
        return probabilities[i][..., int(strategy)]
    if callable(outcome):
        values = np.asarray(outcome(probabilities, payoffs), dtype=np.float64)
        if values.shape != payoffs.shape[:-1]:
            raise InvalidProfileError(
                f"the outcome function returned shape {values.shape}; expected {payoffs.shape[:-1]}"
            )
        return values
    raise InvalidProfileError(f"an outcome must be Payoff, Probability or a callable, not {type(outcome).__name__}")


def select(
    outcome: np.ndarray,
    payoffs: np.ndarray,
    holds: np.ndarray,
    labels: tuple[str, ...],
    selection: Callable[[Candidates], Any] | None,
    players: Sequence[str],
    *,
    describe: Callable[[int], str] = str,
) -> np.ndarray:
    """The selected outcome at each of ``P`` points (NaN where no equilibrium holds).

    Without a rule, points where holding equilibria have different outcome
    values raise :class:`EquilibriumSelectionError`; ``describe(point)`` names
    the first such point in the message.
    """
    count = holds.sum(axis=-1)
    if selection is None:
        high = np.where(holds, outcome, -np.inf).max(axis=-1, initial=-np.inf)
        low = np.where(holds, outcome, np.inf).min(axis=-1, initial=np.inf)
        spread = np.where(count > 1, high - low, 0.0)
        scale = 1e-9 * (1.0 + np.abs(np.where(count > 0, high, 0.0)))
        ambiguous = np.flatnonzero(spread > scale)
        if ambiguous.size:
            point = int(ambiguous[0])
            names = [labels[b] for b in np.flatnonzero(holds[point])]
            raise EquilibriumSelectionError(
                f"{len(names)} equilibria with different outcomes hold at {describe(point)} ({'; '.join(names)}); "
                "pass selection=, e.g. MaxOutcome(), MinOutcome(), BestFor(player) or Prefer(labels)"
            )
        index = np.argmax(holds, axis=-1)
    else:
        if isinstance(selection, BestFor):
            selection = BestFor(resolve_player(selection.player, players))
        if not callable(selection):
            raise EquilibriumSelectionError(f"selection must be a rule such as MaxOutcome(), not {selection!r}")
        candidates = Candidates(outcome=outcome, payoffs=payoffs, holds=holds, labels=labels)
        index = np.asarray(selection(candidates), dtype=np.intp)
        if index.shape != count.shape:
            raise EquilibriumSelectionError(f"the selection rule returned shape {index.shape}; expected {count.shape}")
    chosen = np.take_along_axis(outcome, index[..., None], axis=-1)[..., 0]
    valid = np.take_along_axis(holds, index[..., None], axis=-1)[..., 0]
    return np.where((count > 0) & valid, chosen, np.nan)
