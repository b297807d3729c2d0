"""
Stay or withdraw: a sequential entry-deterrence game
====================================================

The militia attacks or holds; after an attack the US retaliates, absorbs
it, or withdraws. Backward induction with symbols gives four regimes, and
deterrence is the only one in which no attack happens.
"""

from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.scenarios import stay_or_withdraw, stay_or_withdraw_regime
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria

# %%
# The tree, with every parameter symbolic.
tree = stay_or_withdraw()
print(tree)

# %%
# The regimes, named by :func:`~gametheory.scenarios.stay_or_withdraw_regime`: which path is played, and when.
for regime in subgame_perfect_regimes(tree):
    path = " -> ".join(action for _, action in regime.path)
    print(f"{stay_or_withdraw_regime(regime)} ({path}): when {regime.conditions}")

# %%
# One numeric case per regime.
base = {
    "casualty_cost": 2,
    "strike_cost": 1,
    "reputation_cost": 3,
    "withdrawal_loss": 10,
    "attack_gain": 1,
    "strike_damage": 3,
    "legitimacy_gain": 1,
    "militia_prize": 5,
}
cases = {
    "deterrence": {},
    "retaliation trap": {"strike_damage": 1},
    "absorb": {"reputation_cost": 1, "strike_cost": 3},
    "withdraw": {"withdrawal_loss": 2},
}
for name, change in cases.items():
    (spe,) = subgame_perfect_equilibria(stay_or_withdraw(**{**base, **change}))
    print(f"{name}: militia {spe.action('Militia')}, US {spe.action('US')} (regime: {stay_or_withdraw_regime(spe)})")

# %%
# A regime map over the withdrawal loss ``L`` and the reputation cost ``R``, the other parameters at the base
# case: deterrence needs both a costly withdrawal and a reputation cost above the strike cost ``c = 1``.
import matplotlib.pyplot as plt
import numpy as np

from gametheory.plot import plot_regime_map
from gametheory.sensitivity import regime_map

fixed = {"d": 2, "c": 1, "b": 1, "k": 3, "l": 1, "V": 5}
regimes = regime_map(tree, ("L", np.linspace(0.25, 8, 311)), ("R", np.linspace(0.05, 3, 296)), fixed=fixed)
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
plot_regime_map(regimes, ax=ax, labels={"L": "loss from withdrawing", "R": "reputation cost of absorbing"})
