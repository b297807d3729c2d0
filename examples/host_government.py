"""
Three players: the Iraqi government between the US and the militias
===================================================================

Baghdad tolerates the US presence or demands an exit. Its demand makes a US
strike costlier (it hastens the expulsion) and a militia attack more
rewarding (the militia can pose as enforcing it), so in equilibrium *both*
sides hit more often, which in turn makes tolerating costlier: pressure
feeds on itself. Solved exactly with the N-player equilibrium solver.
"""

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
for loss in (5, 3, 1):
    for equilibrium in n_player_equilibria(host_government(support_loss=loss, **base)):
        print(f"support loss {loss}: {equilibrium}")

# %%
# A large political cover turns the pressure equilibrium into a catch-22: the militia attacks whatever the US does.
for equilibrium in n_player_equilibria(host_government(support_loss=5, **{**base, "political_cover": 3})):
    print(f"political cover 3: {equilibrium}")
