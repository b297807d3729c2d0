"""Exact thresholds of cooperation in the repeated prisoner's dilemma.

The stage game is a symmetric 2x2 prisoner's dilemma with action 0 =
cooperate and action 1 = defect, and the row player's payoffs

=========  =========  =========
\\          cooperate  defect
=========  =========  =========
cooperate  R          S
defect     T          P
=========  =========  =========

with ``T > R > P > S`` (temptation, reward, punishment, sucker). Every
threshold is returned exactly: a :class:`~fractions.Fraction` for exact
payoffs, a sympy expression for symbolic ones (a float for float payoffs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from gametheory.exceptions import InvalidGameError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame

__all__ = ["PrisonersDilemma", "generosity", "grim_trigger_threshold", "tit_for_tat_threshold"]

_ORDER = (("temptation", "reward"), ("reward", "punishment"), ("punishment", "sucker"))
_SHORT = {"temptation": "T", "reward": "R", "punishment": "P", "sucker": "S"}


@dataclass(frozen=True)
class PrisonersDilemma:
    """The four payoffs of a symmetric prisoner's dilemma, checked for ``T > R > P > S``.

    Parameters
    ----------
    temptation, reward, punishment, sucker
        ``T``, ``R``, ``P`` and ``S``: numbers (ints and Fractions stay
        exact), sympy expressions, or strings parsed safely (``"b - c"``).
        Symbolic payoffs pass when no inequality is known to fail; the
        formulas then hold wherever ``T > R > P > S``.

    Raises
    ------
    InvalidGameError
        Naming the inequality that fails, e.g. ``T > R``.

    Examples
    --------
    >>> pd = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0)
    >>> pd.reward
    Fraction(3, 1)
    >>> print(pd.to_game())
    Player 1 \\ Player 2  Cooperate  Defect
    Cooperate            3, 3       0, 5
    Defect               5, 0       1, 1
    >>> PrisonersDilemma(temptation=2, reward=3, punishment=1, sucker=0)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.InvalidGameError: not a prisoner's dilemma: T > R fails (temptation 2, reward 3)
    """

    temptation: Any
    reward: Any
    punishment: Any
    sucker: Any

    def __post_init__(self) -> None:
        raw = (self.temptation, self.reward, self.punishment, self.sucker)
        if any(isinstance(v, list | tuple | np.ndarray) for v in raw):
            raise InvalidGameError("each prisoner's dilemma payoff must be a single number or expression")
        # The stage game coerces all four at once, so they share one kind (exact, float or symbolic).
        t, r, p, s = raw
        stage = NormalFormGame.from_bimatrix([[r, s], [t, p]], [[r, t], [s, p]])
        row = stage.payoff_tensor(0)
        for name, value in zip(
            ("temptation", "reward", "punishment", "sucker"), (row[1, 0], row[0, 0], row[1, 1], row[0, 1]), strict=True
        ):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_parametric", stage.is_parametric)
        for high, low in _ORDER:
            _check_greater(getattr(self, high), getattr(self, low), high, low)

    @classmethod
    def from_game(cls, game: NormalFormGame) -> PrisonersDilemma:
        """Read ``T, R, P, S`` from a symmetric 2x2 stage game (cooperate = action 0).

        Raises
        ------
        UnsupportedGameError
            If the game is not a two-player 2x2 game.
        InvalidGameError
            If it is not symmetric or not a prisoner's dilemma.

        Examples
        --------
        >>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> PrisonersDilemma.from_game(game).temptation
        Fraction(5, 1)
        """
        if not isinstance(game, NormalFormGame):
            raise UnsupportedGameError(f"a stage game must be a NormalFormGame, not {type(game).__name__}")
        if game.shape != (2, 2):
            raise UnsupportedGameError(
                f"a prisoner's dilemma stage game is a two-player 2x2 game, not shape {game.shape}"
            )
        a, b = game.payoff_tensor(0), game.payoff_tensor(1)
        for i in range(2):
            for j in range(2):
                if not _equal(a[i, j], b[j, i]):
                    raise InvalidGameError(
                        f"the stage game is not symmetric: row payoff at ({i}, {j}) is {a[i, j]} "
                        f"but column payoff at ({j}, {i}) is {b[j, i]}"
                    )
        return cls(temptation=a[1, 0], reward=a[0, 0], punishment=a[1, 1], sucker=a[0, 1])

    @property
    def is_parametric(self) -> bool:
        """True when some payoff is a sympy expression in free parameters."""
        return bool(self._parametric)  # type: ignore[attr-defined]

    def to_game(
        self,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] = (("Cooperate", "Defect"), ("Cooperate", "Defect")),
    ) -> NormalFormGame:
        """The stage game as a :class:`NormalFormGame` (action 0 = cooperate).

        Examples
        --------
        >>> PrisonersDilemma(temptation="b", reward="b - c", punishment=0, sucker="-c").to_game().parameters
        (b, c)
        """
        t, r, p, s = self.temptation, self.reward, self.punishment, self.sucker
        return NormalFormGame.from_bimatrix([[r, s], [t, p]], [[r, t], [s, p]], players=players, strategies=strategies)


def grim_trigger_threshold(stage: NormalFormGame | PrisonersDilemma) -> Any:
    """The critical discount factor ``delta* = (T - R) / (T - P)`` for grim-trigger cooperation.

    Both players using grim trigger (cooperate until the other defects,
    then defect forever) is a subgame-perfect equilibrium of the infinitely
    repeated game with discount factor ``delta`` exactly when
    ``delta >= delta*``.

    Derivation: cooperating forever is worth ``R / (1 - delta)``. The best
    deviation defects now and, since the other side then defects forever,
    keeps defecting: ``T + delta P / (1 - delta)``. Cooperation holds when
    ``R >= (1 - delta) T + delta P``, that is ``delta (T - P) >= T - R``.
    After a defection, mutual defection forever is the stage equilibrium
    repeated, so punishing is credible.

    Parameters
    ----------
    stage : NormalFormGame or PrisonersDilemma
        A symmetric 2x2 prisoner's dilemma (see :class:`PrisonersDilemma`).

    Returns
    -------
    Fraction, float or sympy.Expr
        Exact for exact or symbolic payoffs.

    Examples
    --------
    >>> grim_trigger_threshold(PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0))
    Fraction(1, 2)
    >>> T, R, P, S = sympy.symbols("T R P S", real=True)
    >>> grim_trigger_threshold(PrisonersDilemma(temptation=T, reward=R, punishment=P, sucker=S))
    (-R + T)/(-P + T)
    """
    pd = _as_pd(stage)
    t, r, p = pd.temptation, pd.reward, pd.punishment
    return _simplify((t - r) / (t - p))


def tit_for_tat_threshold(stage: NormalFormGame | PrisonersDilemma) -> Any:
    """The continuation probability ``w`` above which tit-for-tat is collectively stable.

    ``w* = max((T - R) / (T - P), (T - R) / (R - S))`` (Axelrod 1981; Axelrod
    and Hamilton 1981): a population of tit-for-tat players cannot be
    invaded by any strategy when the probability ``w`` of meeting again
    satisfies ``w >= w*``.

    Derivation: against tit-for-tat a player can only do best with one of
    three plans: tit-for-tat itself, worth ``R / (1 - w)``; always defect,
    worth ``T + w P / (1 - w)``; or alternating defect/cooperate, worth
    ``(T + w S) / (1 - w**2)``. Always defect does not pay when
    ``w (T - P) >= T - R``, and alternation does not pay when
    ``R (1 + w) >= T + w S``, i.e. ``w (R - S) >= T - R``.

    Parameters
    ----------
    stage : NormalFormGame or PrisonersDilemma
        A symmetric 2x2 prisoner's dilemma.

    Returns
    -------
    Fraction, float or sympy.Expr

    Examples
    --------
    >>> tit_for_tat_threshold(PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0))
    Fraction(2, 3)
    >>> T, R, P, S = sympy.symbols("T R P S", real=True)
    >>> tit_for_tat_threshold(PrisonersDilemma(temptation=T, reward=R, punishment=P, sucker=S))
    Max((-R + T)/(-P + T), (-R + T)/(R - S))
    """
    pd = _as_pd(stage)
    t, r, p, s = pd.temptation, pd.reward, pd.punishment, pd.sucker
    return _bound(pd, sympy.Max, max, (t - r) / (t - p), (t - r) / (r - s))


def generosity(stage: NormalFormGame | PrisonersDilemma) -> Any:
    """The generosity of generous tit-for-tat: ``g = min(1 - (T - R)/(R - S), (R - P)/(T - P))``.

    Generous tit-for-tat always cooperates after the other side cooperated
    and, after a defection, still cooperates with probability ``q``. Nowak
    and Sigmund (1992) take the largest ``q`` that no exploiter profits
    from, in the long-run average payoff per round:

    * always defect against it earns ``q T + (1 - q) P``, less than ``R``
      when ``q < (R - P) / (T - P)``;
    * alternating defect/cooperate earns ``(T + q R + (1 - q) S) / 2``,
      less than ``R`` when ``q < 1 - (T - R) / (R - S)``.

    A result ``<= 0`` (when ``2R <= T + S``) means no generosity is safe.

    Parameters
    ----------
    stage : NormalFormGame or PrisonersDilemma
        A symmetric 2x2 prisoner's dilemma.

    Returns
    -------
    Fraction, float or sympy.Expr

    Examples
    --------
    >>> generosity(PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0))
    Fraction(1, 3)
    >>> T, R, P, S = sympy.symbols("T R P S", real=True)
    >>> generosity(PrisonersDilemma(temptation=T, reward=R, punishment=P, sucker=S))
    Min((-P + R)/(-P + T), (2*R - S - T)/(R - S))
    """
    pd = _as_pd(stage)
    t, r, p, s = pd.temptation, pd.reward, pd.punishment, pd.sucker
    return _bound(pd, sympy.Min, min, 1 - (t - r) / (r - s), (r - p) / (t - p))


def _as_pd(stage: Any) -> PrisonersDilemma:
    if isinstance(stage, PrisonersDilemma):
        return stage
    if isinstance(stage, NormalFormGame):
        return PrisonersDilemma.from_game(stage)
    raise UnsupportedGameError(f"expected a NormalFormGame or PrisonersDilemma, not {type(stage).__name__}")


def _bound(pd: PrisonersDilemma, symbolic: Any, numeric: Any, first: Any, second: Any) -> Any:
    """The larger or smaller of two threshold formulas: ``sympy.Max``/``Min`` when symbolic, else a number."""
    if pd.is_parametric:
        return symbolic(_simplify(first), _simplify(second))
    return _simplify(numeric(first, second))


def _check_greater(high: Any, low: Any, high_name: str, low_name: str) -> None:
    difference = high - low
    if isinstance(difference, sympy.Basic):
        holds = difference.is_positive
        failed = holds is False
    else:
        failed = not difference > 0
    if failed:
        raise InvalidGameError(
            f"not a prisoner's dilemma: {_SHORT[high_name]} > {_SHORT[low_name]} fails "
            f"({high_name} {high}, {low_name} {low})"
        )


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, sympy.Basic) or isinstance(b, sympy.Basic):
        return bool(sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0)
    return bool(a == b)


def _simplify(value: Any) -> Any:
    if isinstance(value, sympy.Basic):
        return sympy.together(value)
    if isinstance(value, float | np.floating):
        return float(value)
    return value
