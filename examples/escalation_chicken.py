"""
Escalation between the US and Iran (Chicken)
============================================

Two pure equilibria (one side backs down) and a mixed one. A higher US
reputation cost makes Iran escalate *more* often in the mixed equilibrium:
Iran must make a US that hates backing down indifferent again.
"""

from fractions import Fraction

import matplotlib.pyplot as plt

from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.scenarios import escalation_chicken
from gametheory.solvers.enumeration import nash_equilibria

VALUES = {
    "us_war_cost": 10,
    "us_win": 2,
    "us_backdown_cost": 1,
    "iran_war_cost": 8,
    "iran_win": 3,
    "iran_backdown_cost": 2,
}

# %%
# The equilibria at a reputation cost of 3.
game = escalation_chicken(reputation_cost=3, **VALUES)
print(game)
for equilibrium in nash_equilibria(game):
    print("equilibrium:", equilibrium)

# %%
# The mixed equilibrium as a formula in the reputation cost R.
branches = parametric_equilibria(escalation_chicken(**VALUES))
mixed = next(b for b in branches if all(len(support) == 2 for support in b.support))
print("Iran escalates with probability", mixed.profile[1][0])

# %%
# Iran's escalation probability rises with R.
costs = [Fraction(k, 2) for k in range(0, 17)]
probabilities = []
for r in costs:
    game = escalation_chicken(reputation_cost=r, **VALUES)
    mixed_equilibria = [eq for eq in nash_equilibria(game) if not eq.is_pure]
    probabilities.append(float(mixed_equilibria[0].profile[1][0]))
print(f"at R = 0: {probabilities[0]:.3f}; at R = 8: {probabilities[-1]:.3f}")

fig, ax = plt.subplots()
ax.plot([float(r) for r in costs], probabilities, marker="o")
ax.set_xlabel("US reputation cost R")
ax.set_ylabel("P(Iran escalates) in the mixed equilibrium")
