"""
Does Iran control the militias? Signalling with a private type
==============================================================

Whether Iran controls a militia is private; the scale of the militia's attack
(measured or lethal) is the signal the US reads before it retaliates against
Iran or only against the militia. Perfect Bayesian regimes with symbols give
the pooling, separating and semi-separating equilibria, the beliefs that
support them, and the belief threshold above which the US retaliates against
Iran, as a formula in the reputation cost.
"""

import sympy

from gametheory.parametric import perfect_bayesian_regimes
from gametheory.scenarios import MILITIA_CONTROL_PARAMETERS, militia_control

# %%
# The tree: chance draws the type (Iran controls the militia with probability ``p``), the militia picks
# the scale of its attack, and the US sees the attack but not the type.
tree = militia_control()
print(tree)

# %%
# Fix the militia's side (a lethal attack gains ``g = 1`` and costs a militia Iran controls ``e = 3``;
# retaliation costs Iran ``k = 1`` and the militia ``l = 2``) and keep the US's side symbolic: the
# prior ``p``, the reputation cost ``R``, the escalation cost ``c`` and the cost ``m`` of hitting Iran
# wrongly.
militia_side = {"attack_gain": 1, "restraint_cost": 3, "iran_loss": 1, "militia_loss": 2}
regimes = perfect_bayesian_regimes(militia_control(**militia_side))
for regime in regimes:
    print(regime)

# %%
# The belief threshold. With belief ``mu`` that Iran controls the militia, retaliating against Iran gives
# the US ``-c - (1 - mu) m`` and retaliating against the militia ``-mu R``, so the US retaliates against
# Iran when ``mu >= (c + m)/(R + m)``. The pooling regime's off-path belief is bounded by this threshold,
# and it holds when the prior is above it; below it, the autonomous militias mix (semi-separating) so
# that a measured attack leaves the US exactly at the threshold.
(pooling,) = [r for r in regimes if r.kind == "pooling"]
threshold = pooling.off_path["after Lethal attack"].rhs
symbols = {s.name: s for s in tree.parameters}
assert sympy.solve(sympy.Eq(pooling.beliefs["after Measured attack"][0], threshold), symbols["p"]) == [threshold]
print(f"belief threshold: the US retaliates against Iran when P(Iran controls) >= {threshold}")
print(f"with c = m = 1: P(Iran controls) >= {threshold.xreplace({symbols['c']: 1, symbols['m']: 1})}")
(semi,) = [r for r in regimes if r.kind == "semi-separating"]
semi_belief = semi.beliefs["after Measured attack"][0]
print(f"semi-separating: after a measured attack the US believes P(Iran controls) = {semi_belief}")

# %%
# A regime map over the prior ``p`` and the reputation cost ``R`` (``c = m = 1``): above the threshold
# curve ``p = 2/(R + 1)`` the militias pool on measured attacks and the US retaliates against Iran; below
# it they semi-separate; when the reputation cost is below the escalation cost (``R < 1``) they separate
# and the US never retaliates against Iran.
import matplotlib.pyplot as plt
import numpy as np

from gametheory.plot import plot_regime_map
from gametheory.sensitivity import regime_map

descriptions = dict(MILITIA_CONTROL_PARAMETERS.values())
result = regime_map(
    militia_control(**militia_side, escalation_cost=1, misattribution_cost=1),
    ("p", np.linspace(0.01, 0.99, 197)),
    ("R", np.linspace(0.05, 8, 160)),
)
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
plot_regime_map(result, ax=ax, labels=descriptions)
plt.show()
