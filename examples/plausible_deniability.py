"""
Plausible deniability: attacks the US cannot attribute
======================================================

Iran orders an attack or not; if not, an autonomous attack happens with
probability alpha. The US sees only that an attack happened. With these
numbers there is no pure equilibrium: Iran orders attacks now and then, and
the US retaliates often enough to make that worth no more than restraint.
"""

from fractions import Fraction

import matplotlib.pyplot as plt

from gametheory.plot import plot_tree
from gametheory.scenarios import plausible_deniability
from gametheory.solvers.behavior import tree_equilibria

values = {
    "punish_gain": 2,
    "misattribution_cost": 3,
    "reputation_cost": 1,
    "order_benefit": 2,
    "autonomous_benefit": 1,
    "retaliation_cost": 4,
}

# %%
tree = plausible_deniability(autonomy=Fraction(1, 2), **values)
print(tree)
for equilibrium in tree_equilibria(tree):
    print("equilibrium:", equilibrium)

# %%
# More autonomous attacks give Iran more cover: it orders more often.
for alpha in (Fraction(1, 4), Fraction(1, 2), Fraction(3, 4)):
    (equilibrium,) = tree_equilibria(plausible_deniability(autonomy=alpha, **values))
    order = equilibrium.probabilities("Iran")["Order"]
    print(f"alpha = {alpha}: Iran orders with probability {order}")

# %%
# The tree with its equilibrium: the US's two nodes form one information set (dashed), so it must answer an
# ordered attack and an autonomous one alike; each player's mixture is printed on its edges.
(equilibrium,) = tree_equilibria(tree)
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
plot_tree(tree, equilibrium=equilibrium, ax=ax)
