"""A three-player scenario: the Iraqi government caught between the US and the militias."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from gametheory.games.normal_form import NormalFormGame
from gametheory.scenarios._parameters import value_or_symbol

__all__ = ["host_government"]


def host_government(
    *,
    casualty_cost: Any = None,
    strike_cost: Any = None,
    reputation_cost: Any = None,
    attack_gain: Any = None,
    strike_damage: Any = None,
    legitimacy_gain: Any = None,
    basing_value: Any = None,
    expulsion_gain: Any = None,
    sovereignty_cost: Any = None,
    militia_pressure: Any = None,
    security_loss: Any = None,
) -> NormalFormGame:
    """US, militia and Iraqi government: strike or restrain, attack or hold, expel or host.

    Models the seed article's observation that "Iraq is at a delicate
    crossroads oscillating the pressure from Iranian-backed groups and the
    growing strained relation with the United States", and that a US strike
    in Baghdad "intensified the pressure for immediate dismissal of the US
    military". It is this library's own design: the strike-or-restrain
    inspection game (Tsebelis 1989) with the host government as a third
    player, in the spirit of models of host-nation bargaining over foreign
    bases. Each player chooses simultaneously:

    * the US: Strike or Restrain, with the payoffs of
      :func:`~gametheory.scenarios.strike_or_restrain`, minus ``basing_value``
      if the government expels it;
    * the militia: Attack or Hold, as in strike-or-restrain, plus
      ``expulsion_gain`` if the government expels the US;
    * the Iraqi government: Host the US or Expel it. Hosting costs it
      ``sovereignty_cost`` when the US strikes on Iraqi soil and
      ``militia_pressure`` when the militias attack (they press the
      government to act). Expelling costs it ``security_loss`` (training,
      air support and money against the Islamic State's remnants).

    The government expels exactly when ``security_loss`` is below its
    expected cost of hosting, so US strikes and militia attacks together
    push Baghdad towards expulsion, the militias' aim.

    Parameters
    ----------
    casualty_cost, strike_cost, reputation_cost, attack_gain, strike_damage, legitimacy_gain
        As for :func:`~gametheory.scenarios.strike_or_restrain` (symbols
        ``d, c, R, b, k, l``).
    basing_value : number or sympy.Expr, optional
        ``E``: what the US loses when expelled (symbol ``E``).
    expulsion_gain : number or sympy.Expr, optional
        ``V``: what the militia gains when the US is expelled.
    sovereignty_cost : number or sympy.Expr, optional
        ``s``: the government's domestic cost of hosting a US that strikes in Iraq.
    militia_pressure : number or sympy.Expr, optional
        ``p``: the government's cost of hosting the US while the militias attack.
    security_loss : number or sympy.Expr, optional
        ``g``: the government's loss from expelling the US.

    Returns
    -------
    NormalFormGame
        A 2x2x2 game with players ``("US", "Militia", "Iraqi government")``
        and strategies ``("Strike", "Restrain")``, ``("Attack", "Hold")``,
        ``("Host", "Expel")``. Parameters left out are positive symbols.

    Examples
    --------
    >>> game = host_government(casualty_cost=3, strike_cost=1, reputation_cost=2, attack_gain=2,
    ...                        strike_damage=1, legitimacy_gain=1, basing_value=4, expulsion_gain=3,
    ...                        sovereignty_cost=2, militia_pressure=2, security_loss=3)
    >>> from gametheory.solvers.pure import pure_equilibria
    >>> [str(eq) for eq in pure_equilibria(game)]
    ['US: Strike; Militia: Attack; Iraqi government: Expel; payoffs -8, 5, -3']
    """
    d = value_or_symbol(casualty_cost, name="casualty_cost", symbol="d")
    c = value_or_symbol(strike_cost, name="strike_cost", symbol="c")
    r = value_or_symbol(reputation_cost, name="reputation_cost", symbol="R")
    b = value_or_symbol(attack_gain, name="attack_gain", symbol="b")
    k = value_or_symbol(strike_damage, name="strike_damage", symbol="k")
    l_ = value_or_symbol(legitimacy_gain, name="legitimacy_gain", symbol="l")
    e = value_or_symbol(basing_value, name="basing_value", symbol="E")
    v = value_or_symbol(expulsion_gain, name="expulsion_gain", symbol="V")
    s = value_or_symbol(sovereignty_cost, name="sovereignty_cost", symbol="s")
    p = value_or_symbol(militia_pressure, name="militia_pressure", symbol="p")
    g = value_or_symbol(security_loss, name="security_loss", symbol="g")
    payoffs = np.empty((2, 2, 2, 3), dtype=object)
    for us, militia, government in itertools.product(range(2), repeat=3):
        strike, attack, expel = us == 0, militia == 0, government == 1
        us_payoff = -(d if attack else 0) - (c if strike else 0) - (r if attack and not strike else 0)
        militia_payoff = (b - (k - l_ if strike else 0)) if attack else 0
        if expel:
            us_payoff -= e
            militia_payoff += v
            government_payoff = -g
        else:
            government_payoff = -(s if strike else 0) - (p if attack else 0)
        payoffs[us, militia, government] = (us_payoff, militia_payoff, government_payoff)
    return NormalFormGame(
        payoffs,
        players=("US", "Militia", "Iraqi government"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold"), ("Host", "Expel")),
    )
