"""Reputation across the region: the chain store game with incomplete information."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from gametheory._internal.formatting import format_number
from gametheory.exceptions import ParameterError
from gametheory.scenarios._parameters import value_or_symbol

__all__ = ["RegionalReputation", "ReputationStage", "regional_reputation"]


@dataclass(frozen=True)
class ReputationStage:
    """One challenger's move in the sequential equilibrium.

    Attributes
    ----------
    challenger : int
        1 for the first challenger, up to ``num_challengers``.
    remaining : int
        Challengers still to come, this one included (``k``).
    reputation : Fraction
        Probability that the US is resolute, as the challenger sees it.
    entry_probability : Fraction
        Probability that the challenger challenges (0, 1, or ``1 - 1/a`` on the threshold).
    weak_fight_probability : Fraction
        Probability that an irresolute US fights a challenge here.
    fight_probability : Fraction
        Probability, as the challenger sees it, that a challenge is fought.
    """

    challenger: int
    remaining: int
    reputation: Fraction
    entry_probability: Fraction
    weak_fight_probability: Fraction
    fight_probability: Fraction

    def __str__(self) -> str:
        entry = {Fraction(0): "stays out", Fraction(1): "challenges"}.get(
            self.entry_probability, f"challenges with probability {format_number(self.entry_probability)}"
        )
        return (
            f"challenger {self.challenger}: reputation {format_number(self.reputation)}, {entry}; "
            f"an irresolute US fights with probability {format_number(self.weak_fight_probability)}"
        )


@dataclass(frozen=True)
class RegionalReputation:
    """The Kreps-Wilson chain store equilibrium, stage by stage.

    Attributes
    ----------
    num_challengers : int
        ``N``.
    entry_thresholds : tuple
        ``b**k`` for ``k = N, ..., 1``: the challenger with ``k`` challengers
        left (itself included) challenges when the reputation is below
        ``b**k`` and stays out above it. Formulas when ``b`` is symbolic.
    stages : tuple of ReputationStage
        The path on which every challenger who may challenge does and is
        fought (a path of positive probability). Empty when a parameter is
        symbolic, since the path depends on comparing numbers.
    """

    num_challengers: int
    entry_thresholds: tuple[Any, ...]
    stages: tuple[ReputationStage, ...]

    def __str__(self) -> str:
        return "\n".join(str(stage) for stage in self.stages) or "symbolic: thresholds " + ", ".join(
            str(t) for t in self.entry_thresholds
        )


def regional_reputation(
    *,
    num_challengers: int,
    challenge_gain: Any = None,
    deterrence_value: Any = None,
    prior_resolve: Any = None,
) -> RegionalReputation:
    """The US facing a sequence of challengers across the region, with a reputation to keep.

    Formalises the seed article's quotation that "leaving would produce
    significant losses in reputation, interests, and power", and its
    question about regional allies ("could they trust the United States?").
    The model is the chain store game with incomplete information (Kreps and
    Wilson 1982, "Reputation and imperfect information", J. Econ. Theory 27;
    see also Fudenberg and Tirole, *Game Theory*, section 9.2). ``N``
    challengers (militias in Iraq and Syria, the Houthis, ...) move in turn.
    Each challenges or stays out; a challenged US fights or acquiesces.

    * Challenger: 0 if it stays out; ``b`` if it challenges and the US
      acquiesces; ``b - 1`` if the US fights, with ``0 < b < 1``.
    * An irresolute US: ``a > 1`` when a challenger stays out, 0 if it
      acquiesces, -1 if it fights. A resolute US (prior probability
      ``delta``) always fights.

    With ``k`` challengers left and reputation ``p`` (the probability that
    the US is resolute), the sequential equilibrium is: the challenger stays
    out if ``p > b**k``, challenges if ``p < b**k`` and stays out with
    probability ``1/a`` if ``p = b**k``; an irresolute US fights for sure if
    ``p >= b**(k-1)``, and otherwise with probability
    ``p (1 - b**(k-1)) / ((1 - p) b**(k-1))``, which makes the reputation
    after a fight exactly ``b**(k-1)`` (it never fights the last challenger).
    Acquiescing reveals weakness: the reputation drops to 0 and every later
    challenger challenges. So a small prior doubt deters the early
    challengers, and the US's fighting probability rises as reputation is
    spent.

    Parameters
    ----------
    num_challengers : int
        ``N``, at least 1.
    challenge_gain : number or sympy.Expr, optional
        ``b``, in (0, 1): a challenger's gain from an unopposed challenge,
        relative to its loss when fought (symbol ``b``).
    deterrence_value : number or sympy.Expr, optional
        ``a``, above 1: an irresolute US's gain when a challenger stays out,
        relative to its loss from fighting (symbol ``a``).
    prior_resolve : number or sympy.Expr, optional
        ``delta``, in (0, 1): the prior probability that the US is resolute.

    Returns
    -------
    RegionalReputation

    Examples
    --------
    >>> from fractions import Fraction
    >>> result = regional_reputation(num_challengers=5, challenge_gain=Fraction(1, 2),
    ...                              deterrence_value=2, prior_resolve=Fraction(1, 10))
    >>> print(result)
    challenger 1: reputation 1/10, stays out; an irresolute US fights with probability 1
    challenger 2: reputation 1/10, stays out; an irresolute US fights with probability 7/9
    challenger 3: reputation 1/10, challenges; an irresolute US fights with probability 1/3
    challenger 4: reputation 1/4, challenges with probability 1/2; an irresolute US fights with probability 1/3
    challenger 5: reputation 1/2, challenges with probability 1/2; an irresolute US fights with probability 0
    >>> regional_reputation(num_challengers=2).entry_thresholds
    (b**2, b)
    """
    if isinstance(num_challengers, bool) or not isinstance(num_challengers, int) or num_challengers < 1:
        raise ParameterError(f"num_challengers must be a positive int, not {num_challengers!r}")
    b = value_or_symbol(challenge_gain, name="challenge_gain", symbol="b")
    a = value_or_symbol(deterrence_value, name="deterrence_value", symbol="a")
    delta = value_or_symbol(prior_resolve, name="prior_resolve", symbol="delta")
    # Each number is checked whether or not the other parameters are symbolic.
    if _is_number(b) and not 0 < b < 1:
        raise ParameterError(f"challenge_gain must lie strictly between 0 and 1, not {b}")
    if _is_number(a) and not a > 1:
        raise ParameterError(f"deterrence_value must exceed 1, not {a}")
    if _is_number(delta) and not 0 < delta < 1:
        raise ParameterError(f"prior_resolve must lie strictly between 0 and 1, not {delta}")
    thresholds = tuple(_power(b, k) for k in range(num_challengers, 0, -1))
    if not all(_is_number(x) for x in (a, b, delta)):
        return RegionalReputation(num_challengers, thresholds, ())
    b, a, delta = (
        _exact(x, name) for x, name in ((b, "challenge_gain"), (a, "deterrence_value"), (delta, "prior_resolve"))
    )
    stages = []
    p = delta
    for index, k in enumerate(range(num_challengers, 0, -1), start=1):
        entry, weak_fight = stage_behaviour(k, p, challenge_gain=b, deterrence_value=a)
        fight = p + (1 - p) * weak_fight
        stages.append(ReputationStage(index, k, p, entry, weak_fight, fight))
        if entry > 0 and k > 1:
            p = max(p, b ** (k - 1))  # fought: Bayes' rule gives p / fight
    return RegionalReputation(num_challengers, thresholds, tuple(stages))


def stage_behaviour(remaining: int, reputation: Any, *, challenge_gain: Any, deterrence_value: Any) -> tuple[Any, Any]:
    """Equilibrium play with ``remaining`` challengers left and the given reputation.

    Returns the challenger's entry probability and an irresolute US's
    probability of fighting a challenge (Kreps and Wilson 1982).

    Examples
    --------
    >>> from fractions import Fraction
    >>> stage_behaviour(2, Fraction(1, 4), challenge_gain=Fraction(1, 2), deterrence_value=4)
    (Fraction(3, 4), Fraction(1, 3))
    """
    p, b, a = reputation, challenge_gain, deterrence_value
    threshold = b**remaining
    # On the threshold the challenger stays out with probability 1/a: that keeps an irresolute US indifferent.
    entry = Fraction(1) if p < threshold else Fraction(0) if p > threshold else 1 - Fraction(1) / a
    later = b ** (remaining - 1)
    if remaining == 1 or p == 0:
        weak_fight = Fraction(0)
    elif p >= later:
        weak_fight = Fraction(1)
    else:
        weak_fight = p * (1 - later) / ((1 - p) * later)
    return entry, weak_fight


def _power(base: Any, exponent: int) -> Any:
    return Fraction(base) ** exponent if isinstance(base, int | Fraction) else base**exponent


def _is_number(value: Any) -> bool:
    return not isinstance(value, sympy.Basic) or bool(value.is_number)


def _exact(value: Any, name: str) -> Any:
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, float):
        return value
    raise ParameterError(f"{name} must be a rational or float number here, not {value}")
