"""Stay or withdraw: the militia attacks or holds, then the US answers, absorbs, or leaves."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from gametheory.exceptions import GameTheoryError, InvalidArgumentError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import decision, terminal
from gametheory.scenarios._parameters import value_or_symbol

__all__ = ["STAY_OR_WITHDRAW_REGIMES", "stay_or_withdraw", "stay_or_withdraw_regime"]

#: The names of the four regimes of :func:`stay_or_withdraw`, keyed by behavior:
#: (the militia's move, the US's answer to an attack), as in
#: ``SubgamePerfectRegime.behavior`` and ``SubgamePerfectEquilibrium.behavior``.
STAY_OR_WITHDRAW_REGIMES: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("Attack", "Withdraw"): "withdraw",
        ("Attack", "Absorb"): "absorb",
        ("Attack", "Retaliate"): "retaliation trap",
        ("Hold", "Retaliate"): "deterrence",
    }
)


def stay_or_withdraw(
    *,
    casualty_cost: Any = None,
    strike_cost: Any = None,
    reputation_cost: Any = None,
    withdrawal_loss: Any = None,
    attack_gain: Any = None,
    strike_damage: Any = None,
    legitimacy_gain: Any = None,
    militia_prize: Any = None,
) -> ExtensiveFormGame:
    """The militia moves first; after an attack the US retaliates, absorbs it, or withdraws.

    Models the seed article's claims that the attacks "make it risky for the
    US to leave at this juncture" and that "leaving would produce significant
    losses in reputation, interests, and power", and that the militias
    anticipate the US's answer. The model is sequential entry deterrence
    (Selten 1978, "The chain store paradox"): the militia (the entrant)
    chooses Attack or Hold; Hold ends the game at ``(0, 0)``. After an
    attack the US chooses:

    * Retaliate: ``-d - c`` for the US, ``b - k + l`` for the militia;
    * Absorb: ``-d - R`` for the US, ``b`` for the militia;
    * Withdraw: ``-L`` for the US, ``b + V`` for the militia.

    Backward induction gives four regimes: *withdraw* (leaving is the US's
    cheapest answer, ``L < d + min(c, R)``); *absorb* (``R`` is the smallest
    cost and the militia attacks); the *retaliation trap* (the US retaliates,
    but ``b + l > k`` so the militia attacks anyway); and *deterrence* (the US
    retaliates and ``b + l < k``, so the militia holds), the only regime with
    no attack.

    Parameters
    ----------
    casualty_cost, strike_cost, reputation_cost, attack_gain, strike_damage, legitimacy_gain
        As for :func:`~gametheory.scenarios.strike_or_restrain` (symbols
        ``d, c, R, b, k, l``).
    withdrawal_loss : number or sympy.Expr, optional
        ``L``: the US's loss of reputation, interests and power from leaving.
    militia_prize : number or sympy.Expr, optional
        ``V``: what the militia gains when the US leaves.

    Returns
    -------
    ExtensiveFormGame
        Players ``("US", "Militia")``; the militia moves at the root.
        Parameters left out are positive symbols.

    Examples
    --------
    >>> tree = stay_or_withdraw(casualty_cost=2, strike_cost=1, reputation_cost=3, withdrawal_loss=10,
    ...                         attack_gain=1, strike_damage=3, legitimacy_gain=1, militia_prize=5)
    >>> from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria
    >>> [str(eq) for eq in subgame_perfect_equilibria(tree)]
    ['Militia: Hold; US: Retaliate; payoffs 0, 0']
    """
    d = value_or_symbol(casualty_cost, name="casualty_cost", symbol="d")
    c = value_or_symbol(strike_cost, name="strike_cost", symbol="c")
    r = value_or_symbol(reputation_cost, name="reputation_cost", symbol="R")
    loss = value_or_symbol(withdrawal_loss, name="withdrawal_loss", symbol="L")
    b = value_or_symbol(attack_gain, name="attack_gain", symbol="b")
    k = value_or_symbol(strike_damage, name="strike_damage", symbol="k")
    l_ = value_or_symbol(legitimacy_gain, name="legitimacy_gain", symbol="l")
    v = value_or_symbol(militia_prize, name="militia_prize", symbol="V")
    answer = decision(
        "US",
        {
            "Retaliate": terminal(-d - c, b - k + l_),
            "Absorb": terminal(-d - r, b),
            "Withdraw": terminal(-loss, b + v),
        },
    )
    return ExtensiveFormGame(decision("Militia", {"Attack": answer, "Hold": terminal(0, 0)}), players=("US", "Militia"))


def stay_or_withdraw_regime(regime_or_behavior: Any) -> str:
    """The name of a regime of :func:`stay_or_withdraw`: withdraw, absorb, retaliation trap or deterrence.

    * ``"withdraw"``: the militia attacks and the US leaves (leaving is its
      cheapest answer);
    * ``"absorb"``: the militia attacks and the US absorbs it;
    * ``"retaliation trap"``: the US retaliates, and the militia attacks anyway;
    * ``"deterrence"``: the threat of retaliation keeps the militia from
      attacking, the only regime without an attack.

    Parameters
    ----------
    regime_or_behavior : SubgamePerfectRegime, SubgamePerfectEquilibrium or (str, str)
        A regime of :func:`~gametheory.parametric.subgame_perfect.subgame_perfect_regimes`,
        an equilibrium of :func:`~gametheory.solvers.subgame_perfect.subgame_perfect_equilibria`
        (anything with a ``behavior``), or the behavior itself: the militia's
        action and the US's answer to an attack.

    Returns
    -------
    str
        One of the values of :data:`STAY_OR_WITHDRAW_REGIMES`.

    Raises
    ------
    InvalidArgumentError
        If the behavior is not one of the four regimes (for example
        ``("Hold", "Absorb")``, which needs a non-positive attack gain).

    Examples
    --------
    >>> stay_or_withdraw_regime(("Hold", "Retaliate"))
    'deterrence'
    >>> from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
    >>> sorted(stay_or_withdraw_regime(regime) for regime in subgame_perfect_regimes(stay_or_withdraw()))
    ['absorb', 'deterrence', 'retaliation trap', 'withdraw']
    """
    behavior = getattr(regime_or_behavior, "behavior", regime_or_behavior)
    action = getattr(regime_or_behavior, "action", None)
    if callable(action) and not isinstance(behavior, str):
        # An equilibrium holds probability vectors; its action() names the pure choices.
        with contextlib.suppress(GameTheoryError, LookupError):
            behavior = (action("Militia"), action("US"))
    if isinstance(behavior, tuple | list) and all(isinstance(action, str) for action in behavior):
        name = STAY_OR_WITHDRAW_REGIMES.get(tuple(behavior))
        if name is not None:
            return name
    known = "; ".join(f"{militia} then {us}: {name}" for (militia, us), name in STAY_OR_WITHDRAW_REGIMES.items())
    raise InvalidArgumentError(
        f"{behavior!r} is not a regime of stay_or_withdraw; its behaviors (militia, US) are {known}"
    )
