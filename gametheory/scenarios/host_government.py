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
    expulsion_risk: Any = None,
    political_cover: Any = None,
    sovereignty_cost: Any = None,
    militia_pressure: Any = None,
    support_loss: Any = None,
) -> NormalFormGame:
    """US, militia and Iraqi government: strike or restrain, attack or hold, tolerate or demand an exit.

    Models the seed article's observations that "Iraq is at a delicate
    crossroads oscillating the pressure from Iranian-backed groups and the
    growing strained relation with the United States", that a US strike in
    Baghdad, condemned as a violation of "Iraqi sovereignty", "intensified
    the pressure for immediate dismissal of the US military", and that the
    US does not want to "rupture ties with Iraq". It is this library's own
    design: the strike-or-restrain inspection game (Tsebelis 1989) with the
    host government as a third player whose choice moves the other two's
    incentives, in the spirit of models of host-nation politics of foreign
    bases (Cooley 2008, *Base Politics*). The three choose simultaneously:

    * the US: Strike or Restrain, with the payoffs of
      :func:`~gametheory.scenarios.strike_or_restrain`, except that a
      strike while Baghdad demands an exit costs ``expulsion_risk`` more (it
      hastens the expulsion);
    * the militia: Attack or Hold, as in strike-or-restrain, except that an
      attack while Baghdad demands an exit gains ``political_cover`` more
      (it can pose as enforcing the government's demand);
    * the Iraqi government: Tolerate the US presence or Demand exit.
      Tolerating costs it ``sovereignty_cost`` if the US strikes on Iraqi
      soil and ``militia_pressure`` if the militias attack (as the host of
      the targets, it is pressed by both sides); demanding an exit costs it
      ``support_loss`` (US training and support against the Islamic State's
      remnants, strained relations) whatever happens.

    With ``x``, ``y``, ``z`` the probabilities of Strike, Attack and Demand
    exit, the US strikes iff ``R y > c + e z``, the militia attacks iff
    ``b + m z > (k - l) x``, and the government demands an exit iff
    ``s x + p y > g``. When Baghdad tolerates (``z = 0``) the game is
    strike-or-restrain. Its pressure makes a strike costlier for the US and
    an attack more rewarding for the militia, so in the inspection regime
    (``R > c + e``, ``b + l + m < k``) *both* sides hit more often: the
    militia attacks with ``(c + e z) / R`` (set by the US's costs) and the
    US strikes with ``(b + m z) / (k - l)`` (set by the militia's gains).
    More strikes and attacks make tolerating costlier, so pressure feeds on
    itself: when ``s x + p y < g`` at ``z = 0`` but ``> g`` at ``z = 1``,
    a calm equilibrium (Tolerate) and a violent one (Demand exit) coexist,
    with a mixed one between them. With a large ``political_cover``
    (``b + l + m > k``) the pressure equilibrium is a catch-22: the militia
    attacks whatever the US does.

    Parameters
    ----------
    casualty_cost, strike_cost, reputation_cost, attack_gain, strike_damage, legitimacy_gain
        As for :func:`~gametheory.scenarios.strike_or_restrain` (symbols
        ``d, c, R, b, k, l``).
    expulsion_risk : number or sympy.Expr, optional
        ``e``: the US's extra cost of striking while Baghdad demands an exit.
    political_cover : number or sympy.Expr, optional
        ``m``: the militia's extra gain from attacking while Baghdad demands an exit.
    sovereignty_cost : number or sympy.Expr, optional
        ``s``: the government's cost of a US strike while it tolerates the US presence.
    militia_pressure : number or sympy.Expr, optional
        ``p``: the government's cost of a militia attack while it tolerates the US presence.
    support_loss : number or sympy.Expr, optional
        ``g``: the government's cost of demanding that the US leave.

    Returns
    -------
    NormalFormGame
        A 2x2x2 game with players ``("US", "Militia", "Iraqi government")``
        and strategies ``("Strike", "Restrain")``, ``("Attack", "Hold")``,
        ``("Tolerate", "Demand exit")``. Parameters left out are positive
        symbols.

    Examples
    --------
    Pressure with a large political cover turns the mixed inspection game
    into a catch-22 in which Baghdad demands an exit:

    >>> game = host_government(casualty_cost=3, strike_cost=1, reputation_cost=4, attack_gain=1,
    ...                        strike_damage=3, legitimacy_gain=0, expulsion_risk=1, political_cover=3,
    ...                        sovereignty_cost=3, militia_pressure=4, support_loss=5)
    >>> from gametheory.solvers.pure import pure_equilibria
    >>> [str(eq) for eq in pure_equilibria(game)]
    ['US: Strike; Militia: Attack; Iraqi government: Demand exit; payoffs -5, 1, -5']
    """
    d = value_or_symbol(casualty_cost, name="casualty_cost", symbol="d")
    c = value_or_symbol(strike_cost, name="strike_cost", symbol="c")
    r = value_or_symbol(reputation_cost, name="reputation_cost", symbol="R")
    b = value_or_symbol(attack_gain, name="attack_gain", symbol="b")
    k = value_or_symbol(strike_damage, name="strike_damage", symbol="k")
    l_ = value_or_symbol(legitimacy_gain, name="legitimacy_gain", symbol="l")
    e = value_or_symbol(expulsion_risk, name="expulsion_risk", symbol="e")
    m = value_or_symbol(political_cover, name="political_cover", symbol="m")
    s = value_or_symbol(sovereignty_cost, name="sovereignty_cost", symbol="s")
    p = value_or_symbol(militia_pressure, name="militia_pressure", symbol="p")
    g = value_or_symbol(support_loss, name="support_loss", symbol="g")
    payoffs = np.empty((2, 2, 2, 3), dtype=object)
    for us, militia, government in itertools.product(range(2), repeat=3):
        strike, attack, demand = us == 0, militia == 0, government == 1
        us_payoff = -(d if attack else 0) - (c + (e if demand else 0) if strike else 0)
        us_payoff -= r if attack and not strike else 0
        militia_payoff = b + (m if demand else 0) - (k - l_ if strike else 0) if attack else 0
        government_payoff = -g if demand else -(s if strike else 0) - (p if attack else 0)
        payoffs[us, militia, government] = (us_payoff, militia_payoff, government_payoff)
    return NormalFormGame(
        payoffs,
        players=("US", "Militia", "Iraqi government"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold"), ("Tolerate", "Demand exit")),
    )
