"""Strategies for a repeated 2x2 stage game (action 0 = cooperate, action 1 = defect).

A strategy is any callable ``strategy(history, rng) -> action``:

* ``history`` is a :class:`History` seen from the strategy's own side: the
  actions both players actually played in earlier rounds (after
  implementation noise) and its own payoffs so far;
* ``rng`` is the match's :class:`numpy.random.Generator`, the only source of
  randomness a strategy may use;
* the return value is ``0`` (cooperate) or ``1`` (defect).

The built-in strategies are frozen dataclasses, so they are immutable values
that compare equal by content. A strategy keeps no state between rounds:
whatever it needs to remember it reads from the history. A ``name``
attribute, when present, labels it in results and plots.

Examples
--------
>>> def tit_for_two_tats(history, rng):
...     return int(history.opponent[-2:].tolist() == [1, 1])
>>> tit_for_two_tats(History.empty(), None)
0
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np

from gametheory.exceptions import InvalidProfileError

__all__ = [
    "COOPERATE",
    "DEFECT",
    "Alternator",
    "AlwaysCooperate",
    "AlwaysDefect",
    "GenerousTitForTat",
    "GrimTrigger",
    "History",
    "RandomStrategy",
    "Strategy",
    "TitForTat",
    "WinStayLoseShift",
    "strategy_name",
]

#: Action index of cooperation in the stage game.
COOPERATE = 0
#: Action index of defection in the stage game.
DEFECT = 1

_EMPTY = np.zeros(0, dtype=np.int8)
_EMPTY.flags.writeable = False


@dataclass(frozen=True, eq=False)
class History:
    """What a player knows at the start of a round, from its own side.

    Attributes
    ----------
    own, opponent : numpy.ndarray
        Read-only arrays of the actions played (0 or 1) in earlier rounds,
        oldest first.
    own_payoffs : numpy.ndarray
        Read-only array of this player's payoff in each earlier round.
    opponent_defections : int
        How many times the opponent has defected so far (kept up to date
        by the match, so grim trigger need not scan the history).

    Examples
    --------
    >>> History.empty().rounds
    0
    """

    own: np.ndarray
    opponent: np.ndarray
    own_payoffs: np.ndarray
    opponent_defections: int = 0

    @property
    def rounds(self) -> int:
        """Number of rounds played so far."""
        return len(self.own)

    @classmethod
    def empty(cls) -> History:
        """The history before the first round.

        Examples
        --------
        >>> History.empty().opponent.tolist()
        []
        """
        return cls(own=_EMPTY, opponent=_EMPTY, own_payoffs=_EMPTY)


@runtime_checkable
class Strategy(Protocol):
    """The protocol every strategy follows: ``strategy(history, rng) -> 0 or 1``.

    Examples
    --------
    >>> def always_defect(history, rng):
    ...     return 1
    >>> isinstance(always_defect, Strategy)
    True
    """

    def __call__(self, history: History, rng: np.random.Generator) -> int: ...


@dataclass(frozen=True)
class AlwaysCooperate:
    """Cooperate in every round.

    Examples
    --------
    >>> AlwaysCooperate()(History.empty(), None)
    0
    """

    name: ClassVar[str] = "Always cooperate"

    def __call__(self, history: History, rng: Any) -> int:
        return COOPERATE


@dataclass(frozen=True)
class AlwaysDefect:
    """Defect in every round.

    Examples
    --------
    >>> AlwaysDefect()(History.empty(), None)
    1
    """

    name: ClassVar[str] = "Always defect"

    def __call__(self, history: History, rng: Any) -> int:
        return DEFECT


@dataclass(frozen=True)
class TitForTat:
    """Cooperate first, then copy the opponent's previous action.

    Examples
    --------
    >>> TitForTat()(History.empty(), None)
    0
    """

    name: ClassVar[str] = "Tit for tat"

    def __call__(self, history: History, rng: Any) -> int:
        return COOPERATE if history.rounds == 0 else int(history.opponent[-1])


@dataclass(frozen=True)
class GrimTrigger:
    """Cooperate until the opponent defects once, then defect for ever.

    Examples
    --------
    >>> GrimTrigger()(History.empty(), None)
    0
    """

    name: ClassVar[str] = "Grim trigger"

    def __call__(self, history: History, rng: Any) -> int:
        return DEFECT if history.opponent_defections > 0 else COOPERATE


@dataclass(frozen=True)
class GenerousTitForTat:
    """Tit-for-tat that forgives a defection with probability ``generosity``.

    Parameters
    ----------
    generosity : float or Fraction
        Probability of cooperating after the opponent defected, in
        ``[0, 1]``. The default ``1/3`` is Nowak and Sigmund's value for
        Axelrod's payoffs ``T, R, P, S = 5, 3, 1, 0``; compute it for your
        stage game with :func:`gametheory.repeated.generosity`.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory.repeated.thresholds import PrisonersDilemma, generosity
    >>> gtft = GenerousTitForTat(generosity(PrisonersDilemma(temptation=4, reward=3, punishment=1, sucker=0)))
    >>> gtft.generosity
    Fraction(2, 3)
    >>> gtft(History.empty(), np.random.default_rng(0))
    0
    """

    generosity: float | Fraction = Fraction(1, 3)

    def __post_init__(self) -> None:
        _check_probability(self.generosity, "generosity")

    @property
    def name(self) -> str:
        """Label with the generosity, e.g. ``Generous tit for tat (1/3)``."""
        return f"Generous tit for tat ({self.generosity})"

    def __call__(self, history: History, rng: np.random.Generator) -> int:
        if history.rounds == 0 or history.opponent[-1] == COOPERATE:
            return COOPERATE
        return COOPERATE if rng.random() < float(self.generosity) else DEFECT


@dataclass(frozen=True)
class WinStayLoseShift:
    """Pavlov: cooperate first, then cooperate exactly when both played the same action last round.

    This is win-stay, lose-shift with an aspiration level between ``P`` and
    ``R``: after ``R`` or ``T`` (a "win") it repeats its action, after ``P``
    or ``S`` it switches.

    Examples
    --------
    >>> WinStayLoseShift()(History.empty(), None)
    0
    """

    name: ClassVar[str] = "Win-stay, lose-shift"

    def __call__(self, history: History, rng: Any) -> int:
        if history.rounds == 0:
            return COOPERATE
        return COOPERATE if history.own[-1] == history.opponent[-1] else DEFECT


@dataclass(frozen=True)
class Alternator:
    """Alternate between the two actions, starting with ``first``.

    Starting with defection it is the "alternating" deviation that
    tit-for-tat's stability threshold guards against.

    Examples
    --------
    >>> Alternator()(History.empty(), None)
    1
    """

    first: int = DEFECT

    def __post_init__(self) -> None:
        if self.first not in (COOPERATE, DEFECT) or isinstance(self.first, bool):
            raise InvalidProfileError(f"first must be 0 (cooperate) or 1 (defect), not {self.first!r}")

    @property
    def name(self) -> str:
        """``Alternator (defect first)`` or ``Alternator (cooperate first)``."""
        return "Alternator (" + ("defect" if self.first == DEFECT else "cooperate") + " first)"

    def __call__(self, history: History, rng: Any) -> int:
        return (self.first + history.rounds) % 2


@dataclass(frozen=True)
class RandomStrategy:
    """Cooperate with probability ``cooperation`` in every round, independently.

    Examples
    --------
    >>> import numpy as np
    >>> RandomStrategy(1)(History.empty(), np.random.default_rng(0))
    0
    """

    cooperation: float | Fraction = Fraction(1, 2)

    def __post_init__(self) -> None:
        _check_probability(self.cooperation, "cooperation")

    @property
    def name(self) -> str:
        """Label with the cooperation probability."""
        return f"Random ({self.cooperation})"

    def __call__(self, history: History, rng: np.random.Generator) -> int:
        return COOPERATE if rng.random() < float(self.cooperation) else DEFECT


def strategy_name(strategy: Any) -> str:
    """A readable name for a strategy: its ``name``, else its ``__name__``, else its type.

    Examples
    --------
    >>> strategy_name(TitForTat())
    'Tit for tat'
    >>> def sneaky(history, rng):
    ...     return 1
    >>> strategy_name(sneaky)
    'sneaky'
    """
    name = getattr(strategy, "name", None)
    if isinstance(name, str):
        return name
    name = getattr(strategy, "__name__", None)
    return name if isinstance(name, str) else type(strategy).__name__


def _check_probability(value: Any, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction | np.integer | np.floating):
        raise InvalidProfileError(f"{what} must be a probability, not {type(value).__name__}")
    if not 0 <= value <= 1:
        raise InvalidProfileError(f"{what} must be a probability in [0, 1], not {value}")
