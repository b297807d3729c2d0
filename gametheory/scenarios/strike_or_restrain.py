"""The strike-or-restrain dilemma: the US answers militia attacks, or does not."""

from __future__ import annotations

from typing import Any

import numpy as np

from gametheory.games.normal_form import NormalFormGame
from gametheory.scenarios._parameters import value_or_symbol

__all__ = ["strike_or_restrain"]


def strike_or_restrain(
    *,
    casualty_cost: Any = None,
    strike_cost: Any = None,
    reputation_cost: Any = None,
    attack_gain: Any = None,
    strike_damage: Any = None,
    legitimacy_gain: Any = None,
) -> NormalFormGame:
    """The US (row) chooses Strike or Restrain; the militia (column) Attack or Hold.

    Models the seed article's claim that "the US is in a catch-22 situation
    whether they strike or not, the situation invariably favors the militias".
    The game is an inspection game (Tsebelis 1989, "The abuse of probability
    in political analysis: the Robinson Crusoe fallacy", APSR 83(1)):

    ===================  ====================  ==================
    US \\ Militia         Attack                Hold
    ===================  ====================  ==================
    Strike               -d - c, b - k + l     -c, 0
    Restrain             -d - R, b             0, 0
    ===================  ====================  ==================

    With positive parameters it has three regimes: restraint (the US never
    strikes) when ``R < c``; the catch-22 when ``b + l > k``, where the
    militia attacks whatever the US does; and otherwise (``R > c`` and
    ``b + l < k``) the mixed inspection-game equilibrium, in which the attack
    probability ``c / R`` is set by the US's payoffs and the strike
    probability ``b / (k - l)`` by the militia's.

    Parameters
    ----------
    casualty_cost : number or sympy.Expr, optional
        ``d``: what a militia attack costs the US (casualties, damage).
    strike_cost : number or sympy.Expr, optional
        ``c``: the cost to the US of striking (escalation risk, strain with
        Baghdad).
    reputation_cost : number or sympy.Expr, optional
        ``R``: the US's loss of credibility from leaving an attack unanswered.
    attack_gain : number or sympy.Expr, optional
        ``b``: what an attack gains the militia (pressure towards a US exit).
    strike_damage : number or sympy.Expr, optional
        ``k``: what a US strike costs the militia.
    legitimacy_gain : number or sympy.Expr, optional
        ``l``: the militia's gain in legitimacy and recruits from being struck.

    Any parameter left out is a positive sympy symbol named by its letter
    (``d``, ``c``, ``R``, ``b``, ``k``, ``l``).

    Returns
    -------
    NormalFormGame
        Players ``("US", "Militia")``, strategies ``(("Strike", "Restrain"),
        ("Attack", "Hold"))``.

    Examples
    --------
    >>> game = strike_or_restrain()
    >>> [p.name for p in game.parameters]
    ['R', 'b', 'c', 'd', 'k', 'l']
    >>> print(strike_or_restrain(casualty_cost=3, strike_cost=1, reputation_cost=2,
    ...                          attack_gain=1, strike_damage=4, legitimacy_gain=1))
    US \\ Militia  Attack  Hold
    Strike        -4, -2  -1, 0
    Restrain      -5, 1   0, 0
    """
    d = value_or_symbol(casualty_cost, name="casualty_cost", symbol="d")
    c = value_or_symbol(strike_cost, name="strike_cost", symbol="c")
    r = value_or_symbol(reputation_cost, name="reputation_cost", symbol="R")
    b = value_or_symbol(attack_gain, name="attack_gain", symbol="b")
    k = value_or_symbol(strike_damage, name="strike_damage", symbol="k")
    l_ = value_or_symbol(legitimacy_gain, name="legitimacy_gain", symbol="l")
    us = np.array([[-d - c, -c], [-d - r, 0]], dtype=object)
    militia = np.array([[b - k + l_, 0], [b, 0]], dtype=object)
    return NormalFormGame.from_bimatrix(
        us, militia, players=("US", "Militia"), strategies=(("Strike", "Restrain"), ("Attack", "Hold"))
    )
