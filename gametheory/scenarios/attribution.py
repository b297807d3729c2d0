"""Deterrence with imperfect attribution: two militias, noisy evidence, and a US that must guess who struck."""

from __future__ import annotations

from typing import Any

import sympy

from gametheory.exceptions import ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import DecisionNode, chance, decision, terminal
from gametheory.scenarios._parameters import value_or_symbol

__all__ = ["attribution"]

_MILITIAS = ("Iran-directed militia", "independent militia")
_TYPES = ("Iran-directed", "independent")
_EVIDENCE = ("evidence points to Iran", "evidence points to independents")
_STRIKES = ("Strike Iran's proxies", "Strike the independents")


def attribution(
    *,
    directed_benefit: Any = None,
    independent_benefit: Any = None,
    retaliation_cost: Any = None,
    punish_gain: Any = None,
    misattribution_cost: Any = None,
    attack_damage: Any = None,
    directed_share: Any = None,
    accuracy: Any = None,
) -> ExtensiveFormGame:
    """Two militias may attack; the US sees noisy evidence of which one did, and strikes one or absorbs.

    Models the seed article's point that the "Islamic Resistance in Iraq"
    brand "facilitates a platform to elude culpability of any one militia",
    while "Iran does not direct and command the attacks" and "certain
    militias are equally anti-US and anti-Iran": some attacks are directed
    by Iran, some are carried out by militias acting on their own, and the
    US must guess who struck.
    It is a small finite version of Baliga, Bueno de Mesquita and Wolitzky,
    "Deterrence with imperfect attribution", *American Political Science
    Review* 114(4), 2020 (BBW below), with two attackers.

    The tree:

    1. Chance gives the opportunity to attack to the Iran-directed militia
       (probability ``gamma``) or to an independent militia (``1 - gamma``);
    2. the militia with the opportunity attacks or holds (its information set
       is labelled ``"Iran-directed"`` or ``"independent"``); holding ends the
       game at ``(0, 0)``;
    3. after an attack, chance draws the evidence: it points to the militia
       that attacked with probability ``q`` (the accuracy) and to the other
       with ``1 - q``;
    4. the US sees only the evidence (information sets
       ``"evidence points to Iran"`` and ``"evidence points to independents"``)
       and chooses "Strike Iran's proxies", "Strike the independents" or
       "Absorb".

    Payoffs ``(US, attacking militia)``: any attack costs the US ``d``; the
    attacker gains ``b1`` (Iran-directed) or ``b2`` (independent) and loses
    ``c`` if the US strikes it; striking the guilty militia gains the US
    ``u``, striking the innocent one costs it ``m``. So after evidence ``s``
    the US strikes a militia only if its posterior that this militia attacked
    is at least ``m / (u + m)``.

    **Mapping to BBW.** Several potential attackers, a defender who observes
    a noisy signal that probabilistically attributes the attack and wants to
    retaliate against the guilty attacker only (so it retaliates when its
    posterior on an attacker's guilt is high enough), privately known
    benefits of attacking, and at most one attacker with an opportunity to
    attack are BBW's; ``b1, b2`` are the attack benefits, ``c`` the harm of
    retaliation, ``u, m`` the defender's benefit of hitting the guilty and
    cost of hitting the innocent, ``gamma`` the opportunity probabilities,
    and the symmetric two-signal structure with accuracy ``q`` the signal
    distributions. **Simplifications.** (i) BBW's attackers and defender
    have privately known payoffs drawn from continuous distributions, which
    makes the equilibrium unique and responses smooth; here payoffs are
    common knowledge, so the militias and the US mix instead (Harsanyi's
    purification reads these mixtures as the shares of types that attack or
    retaliate), and degenerate parameter values can have several perfect
    Bayesian equilibria. (ii) The militia is one player whose information
    set tells which militia it is (the attacker's identity is its type, as
    in a Bayesian game): a strike on the militia that did not have the
    opportunity hurts it in BBW too, but that enters nobody's choice, so the
    tree leaves it out. (iii) There are no false alarms (no evidence without
    an attack) and the US strikes at most one militia per attack.

    **Better attribution can weaken deterrence.** When misattribution costs
    the US more than punishment gains it (``m > u``), the Iran-directed
    militia's benefit exceeds what the evidence alone can deter
    (``c q < b1 < c``) and ``1/2 < q < u gamma / (u gamma + m (1 - gamma))``,
    the unique perfect Bayesian equilibrium has the US strike Iran's proxies
    after every attack (always after evidence pointing to Iran, sometimes
    after evidence pointing to independents), the independents always
    attack (they are never struck), and the Iran-directed militia attacks
    with probability ``p = m (1 - gamma) q / (u gamma (1 - q))``, which
    *rises* with ``q``: the more accurate the evidence, the more evidence
    pointing to the independents clears Iran, and the US keeps striking
    Iran after it, as deterring Iran needs, only if Iran attacks more often.
    The US's indifference there, ``u gamma p (1 - q) = m (1 - gamma) s q``
    with ``s`` the independents' attack probability (here 1), is BBW's
    strategic complementarity: the more the independents attack, the more
    Iran can. With the values of the example below, Iran attacks for sure
    from ``q = 2/3`` on, and only near-perfect attribution (``c q > b1``,
    i.e. ``q > 9/10``) deters both militias.

    Parameters
    ----------
    directed_benefit : number or sympy.Expr, optional
        ``b1``: the Iran-directed militia's (and so Iran's) gain from an attack.
    independent_benefit : number or sympy.Expr, optional
        ``b2``: an independent militia's gain from an attack.
    retaliation_cost : number or sympy.Expr, optional
        ``c``: a militia's loss when the US strikes it.
    punish_gain : number or sympy.Expr, optional
        ``u``: the US's gain from striking the militia that attacked.
    misattribution_cost : number or sympy.Expr, optional
        ``m``: the US's loss from striking the militia that did not attack.
    attack_damage : number or sympy.Expr, optional
        ``d``: the US's loss from any attack, whoever carried it out.
    directed_share : number or sympy.Expr, optional
        ``gamma``: the probability that the opportunity to attack falls to
        the Iran-directed militia, a number in ``[0, 1]``.
    accuracy : number or sympy.Expr, optional
        ``q``: the probability that the evidence points to the militia that
        attacked, a number in ``[1/2, 1]`` (1/2: the evidence says nothing;
        1: perfect attribution). Left out, ``gamma`` and ``q`` are positive
        symbols; sympy cannot also assume ``gamma <= 1`` or ``q >= 1/2``, so
        state it where you analyse the tree.

    Returns
    -------
    ExtensiveFormGame
        Players ``("US", "Militia")``. Parameters left out are positive symbols.

    Raises
    ------
    ParameterError
        If a parameter is not a real number, ``directed_share`` is a number
        outside ``[0, 1]`` or ``accuracy`` a number outside ``[1/2, 1]``.

    Examples
    --------
    With ``m / (u + m) = 2/3`` and ``gamma = 4/5``, the Iran-directed
    militia attacks with probability ``q / (2 (1 - q))``: 1/2 when the
    evidence is worthless, 3/4 when it is right three times in five.

    >>> from fractions import Fraction
    >>> from gametheory import perfect_bayesian_equilibria
    >>> values = dict(directed_benefit=Fraction(9, 10), independent_benefit=Fraction(1, 2), retaliation_cost=1,
    ...               punish_gain=1, misattribution_cost=2, attack_damage=1, directed_share=Fraction(4, 5))
    >>> (pbe,) = perfect_bayesian_equilibria(attribution(accuracy=Fraction(3, 5), **values))
    >>> print(pbe)
    Militia [Iran-directed]: Attack 3/4, Hold 1/4; US [evidence points to Iran]: Strike Iran's proxies; US [evidence points to independents]: Strike Iran's proxies 3/4, Absorb 1/4; Militia [independent]: Attack; payoffs -3/5, 1/10
      on the path at evidence points to Iran: Iran-directed militia 9/11, independent militia 2/11
      on the path at evidence points to independents: Iran-directed militia 2/3, independent militia 1/3
    >>> attribution(accuracy=Fraction(1, 3))
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: accuracy (q) is the probability that the evidence points to the attacker and must lie in [1/2, 1], not 1/3
    """  # noqa: E501
    b1 = value_or_symbol(directed_benefit, name="directed_benefit", symbol="b1")
    b2 = value_or_symbol(independent_benefit, name="independent_benefit", symbol="b2")
    c = value_or_symbol(retaliation_cost, name="retaliation_cost", symbol="c")
    u = value_or_symbol(punish_gain, name="punish_gain", symbol="u")
    m = value_or_symbol(misattribution_cost, name="misattribution_cost", symbol="m")
    d = value_or_symbol(attack_damage, name="attack_damage", symbol="d")
    gamma = value_or_symbol(directed_share, name="directed_share", symbol="gamma")
    q = value_or_symbol(accuracy, name="accuracy", symbol="q")
    if _is_number(gamma) and not 0 <= gamma <= 1:
        raise ParameterError(f"directed_share (gamma) is a probability and must lie in [0, 1], not {gamma}")
    if _is_number(q) and not sympy.Rational(1, 2) <= q <= 1:
        raise ParameterError(
            "accuracy (q) is the probability that the evidence points to the attacker "
            f"and must lie in [1/2, 1], not {q}"
        )
    benefits = (b1, b2)

    def us_move(guilty: int, evidence: str) -> DecisionNode:
        strikes = {
            label: terminal((u if target == guilty else -m) - d, benefits[guilty] - (c if target == guilty else 0))
            for target, label in enumerate(_STRIKES)
        }
        return decision("US", {**strikes, "Absorb": terminal(-d, benefits[guilty])}, infoset=evidence)

    def militia_move(guilty: int) -> DecisionNode:
        right, wrong = _EVIDENCE[guilty], _EVIDENCE[1 - guilty]
        evidence = chance({right: (q, us_move(guilty, right)), wrong: (1 - q, us_move(guilty, wrong))})
        return decision("Militia", {"Attack": evidence, "Hold": terminal(0, 0)}, infoset=_TYPES[guilty])

    root = chance({_MILITIAS[0]: (gamma, militia_move(0)), _MILITIAS[1]: (1 - gamma, militia_move(1))})
    return ExtensiveFormGame(root, players=("US", "Militia"))


def _is_number(value: Any) -> bool:
    return not isinstance(value, sympy.Basic) or bool(value.is_number)
