"""The tit-for-tat cycle of strikes and attacks as a repeated prisoner's dilemma."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import sympy

from gametheory.exceptions import ParameterError
from gametheory.games.normal_form import NormalFormGame
from gametheory.repeated.thresholds import PrisonersDilemma, generosity, grim_trigger_threshold, tit_for_tat_threshold
from gametheory.scenarios._parameters import value_or_symbol

__all__ = ["EscalationCycle", "escalation_cycle"]


@dataclass(frozen=True)
class EscalationCycle:
    """The stage game of the escalation cycle and its cooperation thresholds.

    Attributes
    ----------
    stage : NormalFormGame
        Players ``("US", "Militia")``; the US chooses Restrain or Strike, the
        militia Hold or Attack (cooperate is action 0).
    dilemma : PrisonersDilemma
        The stage payoffs ``T, R, P, S``.
    grim_trigger_threshold : number or sympy.Expr
        Smallest discount factor at which grim-trigger restraint is an
        equilibrium: ``(T - R) / (T - P)``.
    tit_for_tat_threshold : number or sympy.Expr
        Smallest continuation probability at which tit-for-tat is
        collectively stable (Axelrod 1984).
    generosity : number or sympy.Expr
        Largest forgiveness probability of generous tit-for-tat (Nowak and
        Sigmund 1992), the tolerance that ends an alternating cycle.
    assumptions : sympy Boolean
        Where the formulas hold: ``(T > R) & (R > P) & (P > S)`` for the
        payoffs left symbolic (``sympy.true`` when all are numbers, which are
        checked). Pass it on as ``assume=`` to the parametric solvers.
    """

    stage: NormalFormGame
    dilemma: PrisonersDilemma
    grim_trigger_threshold: Any
    tit_for_tat_threshold: Any
    generosity: Any
    assumptions: Any = sympy.true


def escalation_cycle(
    *,
    temptation: Any = None,
    reward: Any = None,
    punishment: Any = None,
    sucker: Any = None,
) -> EscalationCycle:
    """Tit-for-tat strikes and attacks: a repeated prisoner's dilemma with its thresholds.

    Models the seed article's section "Tit-for-Tat: A cycle of escalation":
    the February 2 strikes "did not dissuade these militias", who attacked
    again on the following days, and each answer invited the next. Each
    round, the US chooses Restrain (cooperate) or Strike (defect), the
    militia Hold (cooperate) or Attack (defect); the stage game is a
    symmetric prisoner's dilemma with ``T > R > P > S`` (Axelrod 1984, *The
    Evolution of Cooperation*). With tit-for-tat on both sides, one mistaken
    strike sets off an alternating cycle of retaliation
    (:func:`gametheory.repeated.play_match` shows it); mutual restraint is
    sustainable when the shadow of the future is long enough, which the
    thresholds quantify.

    Parameters
    ----------
    temptation : number or sympy.Expr, optional
        ``T``: hitting the other side while it holds back.
    reward : number or sympy.Expr, optional
        ``R``: mutual restraint (here ``R`` is the prisoner's dilemma reward,
        not the reputation cost of the other scenarios).
    punishment : number or sympy.Expr, optional
        ``P``: mutual attacks and strikes.
    sucker : number or sympy.Expr, optional
        ``S``: holding back while being hit.

    Parameters left out are positive symbols ``T, R, P, S`` (shift payoffs
    so that all are positive; this does not change the thresholds). Sympy
    cannot assume the order ``T > R > P > S`` on symbols, so the symbolic
    thresholds hold only where it does: the result's ``assumptions`` state
    it. Numbers are checked: any two given as numbers must respect the order.

    Returns
    -------
    EscalationCycle

    Raises
    ------
    ParameterError
        If a parameter is not a real number, or two numeric payoffs break
        ``T > R > P > S`` (for example ``temptation=1, sucker=3``).

    Examples
    --------
    >>> cycle = escalation_cycle(temptation=5, reward=3, punishment=1, sucker=0)
    >>> cycle.grim_trigger_threshold, cycle.tit_for_tat_threshold, cycle.generosity
    (Fraction(1, 2), Fraction(2, 3), Fraction(1, 3))
    >>> escalation_cycle().grim_trigger_threshold
    (-R + T)/(-P + T)
    >>> escalation_cycle().assumptions
    (P > S) & (R > P) & (T > R)
    >>> escalation_cycle(temptation=1, sucker=3)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: the stage game is a prisoner's dilemma only when T > R > P > S, \
but temptation T = 1 is not above sucker S = 3
    """
    names = ("temptation", "reward", "punishment", "sucker")
    values = [
        value_or_symbol(value, name=name, symbol=name[0].upper())
        for name, value in zip(names, (temptation, reward, punishment, sucker), strict=True)
    ]
    conditions = []
    for (i, high), (j, low) in itertools.combinations(enumerate(values), 2):
        order = sympy.Gt(sympy.sympify(high), sympy.sympify(low))
        if order == sympy.false:
            raise ParameterError(
                "the stage game is a prisoner's dilemma only when T > R > P > S, but "
                f"{names[i]} {names[i][0].upper()} = {high} is not above {names[j]} {names[j][0].upper()} = {low}"
            )
        if j == i + 1:
            conditions.append(order)
    dilemma = PrisonersDilemma(temptation=values[0], reward=values[1], punishment=values[2], sucker=values[3])
    stage = dilemma.to_game(players=("US", "Militia"), strategies=(("Restrain", "Strike"), ("Hold", "Attack")))
    return EscalationCycle(
        stage=stage,
        dilemma=dilemma,
        grim_trigger_threshold=grim_trigger_threshold(dilemma),
        tit_for_tat_threshold=tit_for_tat_threshold(dilemma),
        generosity=generosity(dilemma),
        assumptions=sympy.And(*conditions),
    )
