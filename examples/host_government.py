"""
Three players: the Iraqi government between the US and the militias
===================================================================

The government hosts or expels the US. US strikes and militia attacks both
raise the cost of hosting, so the militias' attacks push Baghdad toward
their aim. Solved with the N-player equilibrium solver.
"""

from gametheory.scenarios import host_government
from gametheory.solvers.n_player import n_player_equilibria

base = {
    "casualty_cost": 3,
    "strike_cost": 1,
    "reputation_cost": 2,
    "attack_gain": 1,
    "strike_damage": 3,
    "legitimacy_gain": 0,
    "basing_value": 4,
    "expulsion_gain": 3,
    "sovereignty_cost": 2,
    "militia_pressure": 6,
}
print(host_government(security_loss=2, **base))

# %%
# Below the expected cost of hosting (11/3 here) the government expels the US.
for loss in (2, 5):
    for equilibrium in n_player_equilibria(host_government(security_loss=loss, **base)):
        print(f"security loss {loss}: {equilibrium}")
