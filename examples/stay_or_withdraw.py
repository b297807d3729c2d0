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
