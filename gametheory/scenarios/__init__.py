"""Ready-made models of the seed article's claims (US vs Iranian-backed militias in Iraq).

Each scenario is a function with descriptive keyword-only parameters. A
parameter left out becomes a *positive* sympy symbol (costs, gains and
probabilities are magnitudes), so ``strike_or_restrain()`` is fully
parametric and ``strike_or_restrain(strike_cost=1, ...)`` partly or fully
numeric. Players and strategies carry readable labels.

==========================  ======================================  ===============================
Scenario                    Published model                         Claim of the seed article
==========================  ======================================  ===============================
strike_or_restrain          inspection game (Tsebelis 1989)         the US catch-22
stay_or_withdraw            entry deterrence (Selten 1978)          leaving is costly, risky
escalation_chicken          Chicken (brinkmanship)                  no war with Iran, yet no weakness
plausible_deniability       attribution (Baliga et al. 2020)        the IRI brand gives deniability
attribution                 imperfect attribution (Baliga et al.)   better evidence, weaker deterrence
escalation_cycle            repeated PD (Axelrod 1984)              the tit-for-tat cycle
regional_reputation         chain store (Kreps and Wilson 1982)     losses in reputation
host_government             this library's 3-player design          Baghdad caught in between
militia_control             signalling (Spence 1973; Cho-Kreps)     how much authority does Iran have?
==========================  ======================================  ===============================

Examples
--------
>>> from gametheory.scenarios import strike_or_restrain
>>> strike_or_restrain().players
('US', 'Militia')
"""

from gametheory.scenarios.attribution import attribution
from gametheory.scenarios.escalation_chicken import escalation_chicken
from gametheory.scenarios.escalation_cycle import EscalationCycle, escalation_cycle
from gametheory.scenarios.host_government import host_government
from gametheory.scenarios.militia_control import MILITIA_CONTROL_PARAMETERS, militia_control
from gametheory.scenarios.plausible_deniability import plausible_deniability
from gametheory.scenarios.regional_reputation import RegionalReputation, ReputationStage, regional_reputation
from gametheory.scenarios.stay_or_withdraw import STAY_OR_WITHDRAW_REGIMES, stay_or_withdraw, stay_or_withdraw_regime
from gametheory.scenarios.strike_or_restrain import strike_or_restrain

__all__ = [
    "MILITIA_CONTROL_PARAMETERS",
    "STAY_OR_WITHDRAW_REGIMES",
    "EscalationCycle",
    "RegionalReputation",
    "ReputationStage",
    "attribution",
    "escalation_chicken",
    "escalation_cycle",
    "host_government",
    "militia_control",
    "plausible_deniability",
    "regional_reputation",
    "stay_or_withdraw",
    "stay_or_withdraw_regime",
    "strike_or_restrain",
]
