"""
Reputation across the region (Kreps-Wilson chain store)
=======================================================

A sequence of challengers decides whether to test the US. A small doubt
that the US is resolute deters the early ones; an irresolute US fights to
keep that doubt alive, less and less willingly as the end approaches.
"""

from fractions import Fraction

import matplotlib.pyplot as plt

from gametheory.scenarios import regional_reputation

result = regional_reputation(
    num_challengers=6, challenge_gain=Fraction(1, 2), deterrence_value=2, prior_resolve=Fraction(1, 20)
)

# %%
# The sequential equilibrium, challenger by challenger: the reputation it faces, whether it challenges, and
# how willingly an irresolute US fights.
print(result)
print("entry thresholds b^k:", ", ".join(str(t) for t in result.entry_thresholds))
deterred = sum(stage.entry_probability == 0 for stage in result.stages)
print(f"challengers deterred outright: {deterred} of {result.num_challengers}")

# %%
# The same path drawn: the reputation stays at the prior while the early challengers are deterred, then rises
# each time an irresolute US fights, as the challengers start to test it.
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
challengers = [stage.challenger for stage in result.stages]
series = {
    "US reputation for resolve": [stage.reputation for stage in result.stages],
    "P(challenger challenges)": [stage.entry_probability for stage in result.stages],
    "P(irresolute US fights a challenge)": [stage.weak_fight_probability for stage in result.stages],
}
for (label, values), marker in zip(series.items(), "osD", strict=True):
    ax.plot(challengers, [float(value) for value in values], marker=marker, label=label)
ax.set_xlabel("challenger")
ax.set_ylabel("probability")
ax.set_xticks(challengers)
ax.set_ylim(-0.05, 1.05)
ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
