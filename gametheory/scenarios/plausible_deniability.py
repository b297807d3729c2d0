"""Plausible deniability: the US cannot tell an attack Iran ordered from an autonomous one."""

from __future__ import annotations

from typing import Any

import sympy

from gametheory.exceptions import ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.scenarios._parameters import value_or_symbol

__all__ = ["plausible_deniability"]


def plausible_deniability(
    *,
    punish_gain: Any = None,
    misattribution_cost: Any = None,
    reputation_cost: Any = None,
    order_benefit: Any = None,
    autonomous_benefit: Any = None,
    retaliation_cost: Any = None,
    autonomy: Any = None,
) -> ExtensiveFormGame:
    """Iran orders an attack or not; the US sees an attack but not who ordered it.

    Models the seed article's point that the "Islamic Resistance in Iraq"
    brand "facilitates a platform to elude culpability of any one militia
    ... as well as ensuring plausible deniability of Tehran's connection",
    and that "Iran does not direct and command the attacks". It is the
    single-attacker case of the attribution model of Baliga, Bueno de
    Mesquita and Wolitzky ("Deterrence with imperfect attribution", APSR
    114(4), 2020). Iran chooses Order or Refrain. If it refrains, an
    autonomous militia attack happens anyway with probability ``alpha``. The
    US observes only that an attack happened (one information set) and
    chooses Retaliate or Absorb:

    * ordered attack: Retaliate gives the US ``+punish_gain`` and Iran
      ``order_benefit - retaliation_cost``; Absorb gives ``-reputation_cost``
      and ``order_benefit``;
    * autonomous attack: Retaliate gives the US ``-misattribution_cost`` and
      Iran ``autonomous_benefit - retaliation_cost``; Absorb gives
      ``-reputation_cost`` and ``autonomous_benefit``;
    * no attack: ``(0, 0)``.

    **Perfect Bayesian equilibria.** If Iran orders with probability ``q``,
    Bayes' rule gives the US's belief after an attack that Iran ordered it,
    ``mu = q / (q + (1 - q) alpha)``. Retaliating beats absorbing when
    ``mu u - (1 - mu) m >= -R``, i.e. ``mu >= mu* = (m - R) / (u + m)``. With
    ``R < m`` and ``a < o < r``, when ``0 < alpha < alpha* = (r - o) / (r - a)``
    the unique perfect Bayesian equilibrium is mixed: Iran orders with
    probability ``q = mu* alpha / (1 - mu* + mu* alpha)``, just enough to keep
    the US's belief at its cut-off ``mu*``, and the US retaliates with
    probability ``(o - alpha a) / (r (1 - alpha))``, just enough to make Iran
    indifferent. Past ``alpha*``, retaliating for sure no longer deters:
    Iran orders every attack and the US, sure of it, retaliates. When
    ``alpha > 0`` the US's information set is reached whatever Iran does, so
    every Nash equilibrium is perfect Bayesian; with ``alpha = 0`` it is off
    the path and any belief is admissible, and Iran is deterred by a US that
    retaliates with probability at least ``o / r``, which a belief of at
    least ``mu*`` supports.

    Parameters
    ----------
    punish_gain : number or sympy.Expr, optional
        ``u``: the US's gain from punishing an attack Iran ordered.
    misattribution_cost : number or sympy.Expr, optional
        ``m``: the US's loss from retaliating against Iran for an attack it did not order.
    reputation_cost : number or sympy.Expr, optional
        ``R``: the US's loss from leaving an attack unanswered.
    order_benefit : number or sympy.Expr, optional
        ``o``: Iran's gain from an attack it ordered.
    autonomous_benefit : number or sympy.Expr, optional
        ``a``: Iran's gain from an attack it did not order.
    retaliation_cost : number or sympy.Expr, optional
        ``r``: Iran's loss when the US retaliates.
    autonomy : number or sympy.Expr, optional
        ``alpha``: probability of an autonomous attack when Iran refrains,
        a number in ``[0, 1]``. Left out, it is the positive symbol
        ``alpha``; sympy cannot also assume ``alpha <= 1``, so state it
        where you analyse the tree, e.g. ``parametric_equilibria(
        to_normal_form(tree), assume={"alpha": (0, 1)})`` (the chance
        node's other branch has probability ``1 - alpha``).

    Returns
    -------
    ExtensiveFormGame
        Players ``("US", "Iran")``; the US's information set is labelled
        ``"attack observed"``. Parameters left out are positive symbols.

    Raises
    ------
    ParameterError
        If a parameter is not a real number, or ``autonomy`` is a number
        outside ``[0, 1]``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> tree = plausible_deniability(punish_gain=2, misattribution_cost=3, reputation_cost=1, order_benefit=2,
    ...                              autonomous_benefit=1, retaliation_cost=4, autonomy=Fraction(1, 2))
    >>> tree.is_perfect_information
    False
    >>> from gametheory import perfect_bayesian_equilibria
    >>> (pbe,) = perfect_bayesian_equilibria(tree)
    >>> print(pbe)
    Iran: Order 1/4, Refrain 3/4; US: Retaliate 3/4, Absorb 1/4; payoffs -5/8, -1
      on the path at attack observed: Order 2/5, Refrain, Autonomous attack 3/5
    >>> print(plausible_deniability().root.children[1].probabilities)
    (alpha, 1 - alpha)
    >>> plausible_deniability(autonomy=1.5)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: autonomy (alpha) is a probability and must lie in [0, 1], not 1.5
    """
    u = value_or_symbol(punish_gain, name="punish_gain", symbol="u")
    m = value_or_symbol(misattribution_cost, name="misattribution_cost", symbol="m")
    rep = value_or_symbol(reputation_cost, name="reputation_cost", symbol="R")
    o = value_or_symbol(order_benefit, name="order_benefit", symbol="o")
    a = value_or_symbol(autonomous_benefit, name="autonomous_benefit", symbol="a")
    r = value_or_symbol(retaliation_cost, name="retaliation_cost", symbol="r")
    alpha = value_or_symbol(autonomy, name="autonomy", symbol="alpha")
    if _is_number(alpha) and not 0 <= alpha <= 1:
        raise ParameterError(f"autonomy (alpha) is a probability and must lie in [0, 1], not {alpha}")
    ordered = decision(
        "US",
        {"Retaliate": terminal(u, o - r), "Absorb": terminal(-rep, o)},
        infoset="attack observed",
    )
    autonomous = decision(
        "US",
        {"Retaliate": terminal(-m, a - r), "Absorb": terminal(-rep, a)},
        infoset="attack observed",
    )
    refrain = chance({"Autonomous attack": (alpha, autonomous), "No attack": (1 - alpha, terminal(0, 0))})
    return ExtensiveFormGame(decision("Iran", {"Order": ordered, "Refrain": refrain}), players=("US", "Iran"))


def _is_number(value: Any) -> bool:
    return not isinstance(value, sympy.Basic) or bool(value.is_number)
