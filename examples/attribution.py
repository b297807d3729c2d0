"""
Attribution: when better evidence weakens deterrence
====================================================

Attacks in Iraq come from militias that Iran directs and from militias
acting on their own, all under the same brand. The US sees evidence that
points to Iran or to the independents, right with probability ``q`` (the
accuracy), and strikes Iran's proxies, strikes the independents, or absorbs.
This is a small version of Baliga, Bueno de Mesquita and Wolitzky's
*Deterrence with imperfect attribution* (APSR 2020), solved for its perfect
Bayesian equilibria at each accuracy.

With these numbers, better evidence first makes the Iran-directed militia
attack *more*: the more accurate the evidence, the more evidence pointing
to the independents clears Iran, so the US strikes Iran less after it. Only
near-perfect attribution deters.
"""

from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np

from gametheory.scenarios import attribution
from gametheory.sensitivity import sweep
from gametheory.sensitivity.models import PointModel, PointSolution
from gametheory.solvers.perfect_bayesian import perfect_bayesian_equilibria

VALUES = {
    "directed_benefit": Fraction(9, 10),
    "independent_benefit": Fraction(1, 2),
    "retaliation_cost": 1,
    "punish_gain": 1,
    "misattribution_cost": 2,
    "attack_damage": 1,
    "directed_share": Fraction(4, 5),
}

# %%
# One accuracy: the perfect Bayesian equilibrium and the US's beliefs after each piece of evidence.
for accuracy in (Fraction(11, 20), Fraction(3, 5)):
    (pbe,) = perfect_bayesian_equilibria(attribution(accuracy=accuracy, **VALUES))
    print(f"accuracy {accuracy}: {pbe}")
    attack = pbe.as_behavior().probabilities("Iran-directed")["Attack"]
    print(f"accuracy {accuracy}: the Iran-directed militia attacks with probability {attack}")


# %%
# A sweep over the accuracy. ``PointModel`` turns "solve one point" into a model the sensitivity tools analyse;
# here each point is solved for its perfect Bayesian equilibria. Each column of the sweep is one pattern of
# actions; several can hold at one accuracy (at worthless evidence, and when nobody attacks and the US's
# behaviour off the path may vary).
class AttributionModel(PointModel):
    """The perfect Bayesian equilibria of ``attribution`` at one accuracy (the other values fixed)."""

    def solve(self, point):
        tree = attribution(**point)
        strategies = tuple(
            tuple(f"{s.label}: {a}" for s in tree.information_sets if s.player == i for a in s.actions)
            for i in range(2)
        )
        found = []
        for pbe in perfect_bayesian_equilibria(tree):
            profile = tuple(
                np.concatenate(
                    [np.array(pbe.profile[s.index], dtype=float) for s in tree.information_sets if s.player == i]
                )
                for i in range(2)
            )
            key = tuple(tuple(np.flatnonzero(p > 0)) for p in profile)
            found.append((key, str(pbe).splitlines()[0], profile, np.array(pbe.payoffs, dtype=float)))
        return PointSolution(tree.players, strategies, tuple(found), kind="trees")


accuracies = [Fraction(1, 2) + Fraction(k, 60) for k in range(31)]  # 2/3 and 9/10 are on the grid
result = sweep(AttributionModel(fixed=VALUES), {"accuracy": accuracies})


def span(player, label):
    """The lowest and highest probability of one action over the equilibria at each accuracy."""
    column = result.strategies[player].index(label)
    values = result.probabilities[player][:, :, column]
    return np.nanmin(values, axis=1), np.nanmax(values, axis=1)


iran_low, iran_high = span(1, "Iran-directed: Attack")
independent_low, independent_high = span(1, "independent: Attack")
rises = np.flatnonzero(np.diff(iran_low) > 0)
print(
    f"the Iran-directed militia attacks more as accuracy rises from {accuracies[rises[0]]} "
    f"to {accuracies[rises[-1] + 1]}: from {iran_low[rises[0]]:.2f} to {iran_low[rises[-1] + 1]:.2f}"
)
# Deterred from the first grid point after which nobody attacks in any equilibrium (c q > b1: q > 9/10).
attacked = np.flatnonzero(np.maximum(iran_high, independent_high) > 0)
print(f"no militia attacks in any equilibrium from accuracy {accuracies[attacked[-1] + 1]} on")

# %%
# Attack probabilities (top) and the US's strike probabilities after each piece of evidence (bottom). Where
# several equilibria hold, the band spans them; past 9/10 nobody attacks, and the US's strikes are threats made
# off the path. Between 1/2 and 2/3 better evidence makes the Iran-directed militia attack more.
q = np.array([float(a) for a in accuracies])
fig, (ax, us_ax) = plt.subplots(2, 1, figsize=(7, 6.5), sharex=True, layout="constrained")
militias = [
    ((iran_low, iran_high), "Iran-directed militia", "tab:red", "-", "o", 3),
    ((independent_low, independent_high), "independent militia", "tab:blue", "--", "s", 2),
]
for (low, high), label, colour, style, marker, order in militias:
    ax.plot(q, high, color=colour, linestyle=style, marker=marker, markersize=3, label=label, zorder=order)
    ax.fill_between(q, low, high, color=colour, alpha=0.25, linewidth=0)
ax.axvspan(0.5, 2 / 3, color="0.9", zorder=0)
ax.text(0.583, 0.3, "better evidence,\nmore attacks", ha="center", fontsize=9)
ax.text(0.96, 0.5, "near-perfect\nevidence\ndeters", ha="center", fontsize=9)
ax.set_ylabel("probability of attacking")
ax.set_ylim(-0.05, 1.1)
ax.legend(loc="lower left")
ax.set_title("Perfect Bayesian equilibria of the attribution game")
strikes = [
    (
        "evidence points to Iran",
        "Strike Iran's proxies",
        "Iran's proxies, after evidence pointing to Iran",
        "tab:red",
        "-",
    ),
    (
        "evidence points to independents",
        "Strike Iran's proxies",
        "Iran's proxies, after evidence pointing to independents",
        "tab:orange",
        "--",
    ),
    (
        "evidence points to independents",
        "Strike the independents",
        "the independents, after evidence pointing to independents",
        "tab:blue",
        ":",
    ),
]
for evidence, action, label, colour, style in strikes:
    low, high = span(0, f"{evidence}: {action}")
    us_ax.plot(q, high, color=colour, linestyle=style, label=label)
    us_ax.fill_between(q, low, high, color=colour, alpha=0.2, linewidth=0)
us_ax.axvspan(0.5, 2 / 3, color="0.9", zorder=0)
us_ax.set_xlabel("accuracy q: probability that the evidence points to the militia that attacked")
us_ax.text(0.95, 0.25, "threats off\nthe path", ha="center", fontsize=9)
us_ax.set_ylabel("probability that the US strikes")
us_ax.set_ylim(-0.05, 1.1)
us_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), fontsize=8, title="the US strikes", title_fontsize=8)
