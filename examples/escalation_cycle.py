"""
The tit-for-tat escalation cycle
================================

Strikes and attacks as a repeated prisoner's dilemma. One mistaken strike
between two tit-for-tat players echoes back and forth; the thresholds say
how patient both sides must be for restraint to last.
"""

import matplotlib.pyplot as plt

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

fig, ax = plt.subplots()
ax.step(range(len(labels)), match.played[:, 0], where="mid", label="US strikes")
ax.step(range(len(labels)), match.played[:, 1] + 0.05, where="mid", label="Militia attacks")
ax.set_xlabel("round")
ax.legend()
