"""Escalation between the US and Iran as a game of Chicken."""

from __future__ import annotations

from typing import Any

import numpy as np

from gametheory.games.normal_form import NormalFormGame
from gametheory.scenarios._parameters import value_or_symbol

__all__ = ["escalation_chicken"]


def escalation_chicken(
    *,
    us_war_cost: Any = None,
    us_win: Any = None,
    us_backdown_cost: Any = None,
    reputation_cost: Any = None,
    iran_war_cost: Any = None,
    iran_win: Any = None,
    iran_backdown_cost: Any = None,
) -> NormalFormGame:
    """The US and Iran each choose Escalate or hold back: the game of Chicken.

    Models the seed article's point that "the US does not intend to get
    dragged into confrontation with Iran" while it "cannot hold out by
    appearing weaker and unresponsive". The model is Chicken (Rapoport and
    Chammah 1966; Schelling's brinkmanship), with a reputation cost added to
    the US's cost of backing down:

    ============  ===========================  ==================
    US \\ Iran     Escalate                     Restrain
    ============  ===========================  ==================
    Escalate      -W_us, -W_ir                 V_us, -B_ir
    Limit         -(B_us + R), V_ir            0, 0
    ============  ===========================  ==================

    When war costs exceed backing-down costs (``W_us > B_us + R`` and
    ``W_ir > B_ir``) and wins are positive, there are two pure equilibria
    (one side escalates, the other backs down) and a mixed one in which Iran
    escalates with probability ``V_us / (V_us + W_us - B_us - R)``, which
    rises with the US reputation cost ``R``: the more the US stands to lose
    by looking weak, the more Iran must escalate to keep it indifferent.

    Parameters
    ----------
    us_war_cost : number or sympy.Expr, optional
        ``W_us``: the US's loss from mutual escalation (symbol ``W_us``).
    us_win : number or sympy.Expr, optional
        ``V_us``: the US's gain when it escalates and Iran restrains.
    us_backdown_cost : number or sympy.Expr, optional
        ``B_us``: the US's direct cost of limiting while Iran escalates.
    reputation_cost : number or sympy.Expr, optional
        ``R``: the US's extra loss of credibility from backing down.
    iran_war_cost, iran_win, iran_backdown_cost : number or sympy.Expr, optional
        Iran's counterparts ``W_ir``, ``V_ir``, ``B_ir``.

    Returns
    -------
    NormalFormGame
        Players ``("US", "Iran")``, strategies ``(("Escalate", "Limit"),
        ("Escalate", "Restrain"))``. Parameters left out are positive symbols.

    Examples
    --------
    >>> game = escalation_chicken(us_war_cost=10, us_win=2, us_backdown_cost=1, reputation_cost=3,
    ...                           iran_war_cost=8, iran_win=2, iran_backdown_cost=1)
    >>> from gametheory.solvers.pure import pure_equilibria
    >>> [str(eq) for eq in pure_equilibria(game)]
    ['US: Escalate; Iran: Restrain; payoffs 2, -1', 'US: Limit; Iran: Escalate; payoffs -4, 2']
    """
    w_us = value_or_symbol(us_war_cost, name="us_war_cost", symbol="W_us")
    v_us = value_or_symbol(us_win, name="us_win", symbol="V_us")
    b_us = value_or_symbol(us_backdown_cost, name="us_backdown_cost", symbol="B_us")
    r = value_or_symbol(reputation_cost, name="reputation_cost", symbol="R")
    w_ir = value_or_symbol(iran_war_cost, name="iran_war_cost", symbol="W_ir")
    v_ir = value_or_symbol(iran_win, name="iran_win", symbol="V_ir")
    b_ir = value_or_symbol(iran_backdown_cost, name="iran_backdown_cost", symbol="B_ir")
    us = np.array([[-w_us, v_us], [-(b_us + r), 0]], dtype=object)
    iran = np.array([[-w_ir, -b_ir], [v_ir, 0]], dtype=object)
    return NormalFormGame.from_bimatrix(
        us, iran, players=("US", "Iran"), strategies=(("Escalate", "Limit"), ("Escalate", "Restrain"))
    )
