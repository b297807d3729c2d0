"""
The tit-for-tat escalation cycle
================================

Strikes and attacks as a repeated prisoner's dilemma. One mistaken strike
between two tit-for-tat players echoes back and forth; the thresholds say
how patient both sides must be for restraint to last.
"""

import matplotlib.pyplot as plt

from gametheory.plot import plot_match
from gametheory.repeated import TitForTat, play_match
from gametheory.scenarios import escalation_cycle

cycle = escalation_cycle(temptation=5, reward=3, punishment=1, sucker=0)
print(cycle.stage)
print("grim trigger sustains restraint when delta >=", cycle.grim_trigger_threshold)
print("tit-for-tat is collectively stable when w >=", cycle.tit_for_tat_threshold)
print("generous tit-for-tat may forgive with probability up to", cycle.generosity)
print("symbolically:", escalation_cycle().grim_trigger_threshold)

# %%
# A noisy match: after the first error the strikes alternate.
match = play_match(cycle.stage, TitForTat(), TitForTat(), rounds=12, noise=0.1, rng=7)
labels = [f"{cycle.stage.strategies[0][a]}/{cycle.stage.strategies[1][b]}" for a, b in match.played.tolist()]
print("rounds:", ", ".join(labels))

fig, ax = plt.subplots(figsize=(8, 3.5), layout="constrained")
plot_match(match, ax=ax)
