"""Does Iran control the militias? A signalling game: the scale of an attack is the signal."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import sympy

from gametheory.exceptions import ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.scenarios._parameters import value_or_symbol

__all__ = ["MILITIA_CONTROL_PARAMETERS", "militia_control"]

#: Each parameter's symbol and a description (for axis labels), by keyword.
MILITIA_CONTROL_PARAMETERS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "prior": ("p", "prior that Iran controls the militia p"),
        "reputation_cost": ("R", "reputation cost R"),
        "escalation_cost": ("c", "cost of escalating against Iran c"),
        "misattribution_cost": ("m", "cost of hitting Iran wrongly m"),
        "attack_gain": ("g", "militia's gain from a lethal attack g"),
        "restraint_cost": ("e", "Iran's cost of a lethal attack e"),
        "iran_loss": ("k", "Iran's loss when the US hits Iran k"),
        "militia_loss": ("l", "militia's loss when the US hits it l"),
    }
)

#: The signals (the militia's actions) and the US's responses.
MEASURED, LETHAL = "Measured attack", "Lethal attack"
HIT_IRAN, HIT_MILITIA = "Retaliate against Iran", "Retaliate against the militia"


def militia_control(
    *,
    prior: Any = None,
    reputation_cost: Any = None,
    escalation_cost: Any = None,
    misattribution_cost: Any = None,
    attack_gain: Any = None,
    restraint_cost: Any = None,
    iran_loss: Any = None,
    militia_loss: Any = None,
) -> ExtensiveFormGame:
    """Iran's control of a militia is private; the scale of the militia's attack is the signal the US reads.

    The seed article asks "how much authority does Iran have over them?",
    notes that US intelligence "reckons that Iran does not direct and command
    the attacks", that the attacks of Iran and its militias "have been
    measured and calculated, avoiding conflagration, until January 28" (the
    lethal Tower 22 strike), and that the US "does not intend to get dragged
    into confrontation with Iran" yet "cannot hold out by appearing weaker".
    This is a two-type signalling game in the tradition of Spence (1973) and
    Cho and Kreps (1987): chance draws the militia's type, *Iran controls* it
    (probability ``p``) or it is *autonomous*. The militia, acting for its
    type, sends the signal: a *measured* or a *lethal* attack. A lethal
    attack is costlier for a militia Iran controls, because Iran bears the
    risk of the war it wants to avoid; that cost difference is what can make
    the scale of an attack informative. The US sees the attack, not the
    type, and retaliates *against Iran* or *only against the militia*.

    Payoffs (US, Militia):

    * the militia gains ``g`` from a lethal attack (0 from a measured one);
      if Iran controls it, the lethal attack also costs ``e``;
    * retaliation against Iran costs the US ``c`` (escalation), plus ``m``
      if Iran did not control the attack; it costs a militia Iran controls
      ``k`` (Iran's loss) and an autonomous militia nothing;
    * retaliation only against the militia costs the US its reputation ``R``
      if Iran was in control (it looks weak to the principal), else nothing,
      and costs the militia ``l`` whatever its type.

    So with belief ``mu`` that Iran controls, the US retaliates against Iran
    when ``mu >= (c + m) / (R + m)``: the belief threshold.

    Parameters
    ----------
    prior : number or sympy.Expr, optional
        ``p``: the probability that Iran controls the militia, in ``[0, 1]``.
        Left out, it is the positive symbol ``p``; the chance node's other
        branch is ``1 - p``, and
        :func:`~gametheory.parametric.perfect_bayesian.perfect_bayesian_regimes`
        bounds it to ``(0, 1)``.
    reputation_cost : number or sympy.Expr, optional
        ``R``: the US's loss from answering Iran's attack by hitting only its proxy.
    escalation_cost : number or sympy.Expr, optional
        ``c``: the US's loss from retaliating against Iran (the risk of war).
    misattribution_cost : number or sympy.Expr, optional
        ``m``: the US's further loss from retaliating against Iran for an attack it did not control.
    attack_gain : number or sympy.Expr, optional
        ``g``: the militia's gain from a lethal rather than a measured attack.
    restraint_cost : number or sympy.Expr, optional
        ``e``: the cost of a lethal attack to a militia Iran controls (Iran's risk of escalation).
    iran_loss : number or sympy.Expr, optional
        ``k``: the loss of a militia Iran controls when the US retaliates against Iran.
    militia_loss : number or sympy.Expr, optional
        ``l``: the militia's loss when the US retaliates against it.

    Returns
    -------
    ExtensiveFormGame
        Players ``("US", "Militia")``. The militia's sets are labelled
        ``"Iran controls"`` and ``"Autonomous"``, the US's
        ``"after Measured attack"`` and ``"after Lethal attack"``.
        Parameters left out are positive symbols (see
        :data:`MILITIA_CONTROL_PARAMETERS` for their names and descriptions).

    Raises
    ------
    ParameterError
        If a parameter is not a real number, or ``prior`` is a number outside ``[0, 1]``.

    Examples
    --------
    >>> tree = militia_control()
    >>> [str(s) for s in tree.parameters]
    ['R', 'c', 'e', 'g', 'k', 'l', 'm', 'p']
    >>> [s.label for s in tree.information_sets]
    ['Iran controls', 'after Measured attack', 'after Lethal attack', 'Autonomous']
    >>> militia_control(prior=2)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: prior (p) is a probability and must lie in [0, 1], not 2
    """
    given = {
        "prior": prior,
        "reputation_cost": reputation_cost,
        "escalation_cost": escalation_cost,
        "misattribution_cost": misattribution_cost,
        "attack_gain": attack_gain,
        "restraint_cost": restraint_cost,
        "iran_loss": iran_loss,
        "militia_loss": militia_loss,
    }
    v = {
        name: value_or_symbol(value, name=name, symbol=MILITIA_CONTROL_PARAMETERS[name][0])
        for name, value in given.items()
    }
    p = v["prior"]
    if _is_number(p) and not 0 <= p <= 1:
        raise ParameterError(f"prior (p) is a probability and must lie in [0, 1], not {p}")
    rep, c, m = v["reputation_cost"], v["escalation_cost"], v["misattribution_cost"]
    g, e, k, loss = v["attack_gain"], v["restraint_cost"], v["iran_loss"], v["militia_loss"]

    def us(controlled: bool, signal: str, gain: Any) -> Any:
        iran = terminal(-c, gain - k) if controlled else terminal(-c - m, gain)
        militia = terminal(-rep, gain - loss) if controlled else terminal(0, gain - loss)
        return decision("US", {HIT_IRAN: iran, HIT_MILITIA: militia}, infoset=f"after {signal}")

    def militia(controlled: bool) -> Any:
        lethal = g - e if controlled else g
        return decision(
            "Militia",
            {MEASURED: us(controlled, MEASURED, 0), LETHAL: us(controlled, LETHAL, lethal)},
            infoset="Iran controls" if controlled else "Autonomous",
        )

    root = chance({"Iran controls": (p, militia(True)), "Autonomous": (1 - p, militia(False))})
    return ExtensiveFormGame(root, players=("US", "Militia"), title="Does Iran control the militias?")


def _is_number(value: Any) -> bool:
    return not isinstance(value, sympy.Basic) or bool(value.is_number)
