"""
Three players: the Iraqi government between the US and the militias
===================================================================

Baghdad tolerates the US presence or demands an exit. Its demand makes a US
strike costlier (it hastens the expulsion) and a militia attack more
rewarding (the militia can pose as enforcing it), so in equilibrium *both*
sides hit more often, which in turn makes tolerating costlier: pressure
feeds on itself. Solved exactly with the N-player equilibrium solver.
"""

import matplotlib.pyplot as plt
import numpy as np

from gametheory.scenarios import host_government
from gametheory.solvers.n_player import n_player_equilibria

base = {
    "casualty_cost": 3,
    "strike_cost": 1,
    "reputation_cost": 4,
    "attack_gain": 1,
    "strike_damage": 3,
    "legitimacy_gain": 0,
    "expulsion_risk": 1,
    "political_cover": 1,
    "sovereignty_cost": 3,
    "militia_pressure": 4,
}
print(host_government(support_loss=3, **base))

# %%
# Tolerating costs Baghdad 3 x + 4 y (x, y: the strike and attack probabilities): 2 in the calm equilibrium,
# 4 under pressure. A costly exit (5) keeps the calm; a cheap one (1) brings pressure; in between (3) both hold.
found = []
for loss in (5, 3, 1):
    for equilibrium in n_player_equilibria(host_government(support_loss=loss, **base)):
        print(f"support loss {loss}: {equilibrium}")
        found.append((f"loss {loss}", equilibrium))

# %%
# The equilibria by support loss: in every one where Baghdad may demand an exit, the US strikes and the militia
# attacks more often than in the calm one.
fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
bars = {
    "P(US strikes)": [float(eq.profile[0][0]) for _, eq in found],
    "P(militia attacks)": [float(eq.profile[1][0]) for _, eq in found],
    "P(Baghdad demands exit)": [float(eq.profile[2][1]) for _, eq in found],
}
positions = np.arange(len(found))
for offset, (label, heights) in zip((-0.27, 0, 0.27), bars.items(), strict=True):
    ax.bar(positions + offset, heights, width=0.27, label=label)
ax.set_xticks(positions, [f"{name}\nequilibrium {i + 1}" for i, (name, _) in enumerate(found)])
ax.set_ylabel("probability")
ax.set_ylim(0, 1.05)
ax.legend(loc="upper left", frameon=False)

# %%
# A large political cover turns the pressure equilibrium into a catch-22: the militia attacks whatever the US does.
for equilibrium in n_player_equilibria(host_government(support_loss=5, **{**base, "political_cover": 3})):
    print(f"political cover 3: {equilibrium}")
