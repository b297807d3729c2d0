"""
Draw a game tree with its subgame-perfect equilibrium
=====================================================

The militia attacks or holds; after an attack the US retaliates, absorbs
it, or withdraws. :func:`~gametheory.plot.plot_tree` draws the tree with
the equilibrium's actions in thick red: first with numbers, then with the
payoffs left as formulas and one regime of backward induction.
"""

import matplotlib.pyplot as plt

from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.plot import plot_tree
from gametheory.scenarios import stay_or_withdraw
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria

# %%
# With numbers: a strike hurts the militia less than an attack gains it, so
# it attacks, and the US retaliates (the retaliation trap).
tree = stay_or_withdraw(
    casualty_cost=2,
    strike_cost=1,
    reputation_cost=3,
    withdrawal_loss=10,
    attack_gain=1,
    strike_damage=1,
    legitimacy_gain=1,
    militia_prize=5,
)
(spe,) = subgame_perfect_equilibria(tree)
print(f"equilibrium: {spe}")
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
plot_tree(tree, equilibrium=spe, ax=ax)
ax.set_title("Stay or withdraw: the retaliation trap")

# %%
# With symbols: the payoffs are printed as formulas, and the regime in which
# the threat of retaliation deters the attack is highlighted.
symbolic = stay_or_withdraw()
deterrence = next(r for r in subgame_perfect_regimes(symbolic) if r.behavior == ("Hold", "Retaliate"))
print(f"deterrence when {deterrence.conditions}")
fig, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
plot_tree(symbolic, equilibrium=deterrence, ax=ax)
ax.set_title("Deterrence: the militia holds")
plt.show()
