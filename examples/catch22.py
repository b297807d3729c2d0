"""
The US catch-22 in Iraq
=======================

The main example: the seed article's dilemmas, solved exactly, with the
reputation-cost thresholds at which the US's best course changes.

* **Strike or restrain** (an inspection game): when does the US answer
  militia attacks, and when is it caught in the catch-22 where the militia
  attacks whatever the US does?
* **Stay or withdraw** (a sequential entry-deterrence game): when does the
  threat of retaliation deter attacks, and when does the US leave?
* **Escalation chicken** between the US and Iran: how a higher US reputation
  cost makes Iran more willing to escalate.

Run it as ``python examples/catch22.py [OUTPUT_FOLDER]``; the figures go to
``examples/output/catch22`` unless a folder is given.
"""

# %%
# Set-up: the baseline assumptions of this example (in arbitrary units of value).
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

import gametheory as gt
from gametheory import scenarios
from gametheory.sensitivity import MinOutcome, Payoff, Probability, regime_map, sweep, thresholds, tornado

BASE = {"d": 4, "c": 2, "R": 3, "b": 2, "k": 5, "l": 1}
NAMES = {
    "d": "casualty cost",
    "c": "strike cost",
    "R": "reputation cost",
    "b": "attack gain",
    "k": "strike damage",
    "l": "legitimacy gain",
}
# Where the figures go: the folder given on the command line, or output/catch22 beside this script.
examples_folder = Path(globals().get("__file__", "catch22.py")).resolve().parent
output = Path(sys.argv[1]) if len(sys.argv) > 1 else examples_folder / "output" / "catch22"
output.mkdir(parents=True, exist_ok=True)

# %%
# Strike or restrain: every equilibrium, as formulas, with where it holds
# -------------------------------------------------------------------------
game = scenarios.strike_or_restrain()
print("STRIKE OR RESTRAIN (US rows, militia columns)")
print(game)
print()
print("Equilibria as formulas, for positive parameters:")
branches = gt.parametric_equilibria(game)
for branch in branches:
    print(f"  {branch.label}")
    print(f"      holds when {branch.conditions}")
    if any(len(support) > 1 for support in branch.support):
        for player, probabilities in zip(game.players, branch.profile, strict=True):
            print(f"      {player} mixes {probabilities}")

# %%
# At the baseline, the equilibrium and what it means
numeric = game.substitute(BASE)
print()
print("At the baseline " + ", ".join(f"{NAMES[k]} {k}={v}" for k, v in BASE.items()) + ":")
for eq in gt.nash_equilibria(numeric):
    print(f"  {eq}")
    assert gt.is_nash(numeric, eq)
(mixed,) = gt.nash_equilibria(numeric)
print(
    f"  The militia attacks with probability {mixed.profile[1][0]} = c/R, set by the US's own costs,"
    f" and the US strikes with probability {mixed.profile[0][0]} = b/(k - l), set by the militia's."
)

# %%
# The exact reputation-cost thresholds
print()
print("Where the US's best course changes as the reputation cost R moves (others at baseline):")
fixed = {k: v for k, v in BASE.items() if k != "R"}
for threshold in thresholds(game, "R", fixed=fixed):
    below = " | ".join(threshold.below or ())
    above = " | ".join(threshold.above or ())
    print(f"  R = {threshold.value}: below it {below}; above it {above}.")
print("  In words: while an unanswered attack costs the US less than a strike (R < c), it restrains;")
print("  once R exceeds c it must sometimes strike, and the militia keeps attacking with probability c/R.")

catch22 = {**BASE, "l": 4}
(trap,) = gt.nash_equilibria(game.substitute(catch22))
print()
print(f"With a legitimacy gain l=4, so that b + l > k, the catch-22: {trap}")

# %%
# Stay or withdraw: the sequential game and its four regimes
# ----------------------------------------------------------
tree = scenarios.stay_or_withdraw()
print()
print("STAY OR WITHDRAW (the militia moves first; the US answers an attack)")
NAMES_TREE = {"R": "reputation cost", "L": "withdrawal loss"}


regime_names = {}
for regime in gt.subgame_perfect_regimes(tree):
    name = regime_names[regime.label] = scenarios.stay_or_withdraw_regime(regime)
    print(f"  {name:>16}  ({regime.label}) when {regime.conditions}")
tree_base = {"d": 4, "c": 2, "R": 3, "L": 8, "b": 2, "k": 5, "l": 1, "V": 2}
for spe in gt.subgame_perfect_equilibria(tree.substitute(tree_base)):
    print(f"  At the baseline (withdrawal loss L=8, militia prize V=2): {spe}")
for name in ("R", "L"):
    others = {key: value for key, value in tree_base.items() if key != name}
    for threshold in thresholds(tree, name, fixed=others):
        below = " | ".join(regime_names[label] for label in threshold.below or ())
        above = " | ".join(regime_names[label] for label in threshold.above or ())
        print(f"  {NAMES_TREE[name]} {name} = {threshold.value}: {below} below it, {above} above it.")
print("  In words: the threat to retaliate deters attacks only while striking back costs the US less than")
print("  leaving (L > d + c) and than leaving attacks unanswered (R > c); otherwise the militia attacks.")

# %%
# Escalation chicken: the reputation cost makes Iran bolder
# ---------------------------------------------------------
chicken = scenarios.escalation_chicken()
print()
print("ESCALATION CHICKEN (US against Iran)")
values = {
    "us_war_cost": 10,
    "us_win": 2,
    "us_backdown_cost": 1,
    "iran_war_cost": 8,
    "iran_win": 2,
    "iran_backdown_cost": 1,
}
for cost in (0, 2, 4):
    numeric_chicken = scenarios.escalation_chicken(reputation_cost=cost, **values)
    mixed_eq = next(eq for eq in gt.nash_equilibria(numeric_chicken) if not eq.is_pure)
    escalation = mixed_eq.profile[1][0]
    print(f"  US reputation cost {cost}: Iran escalates with probability {escalation} in the mixed equilibrium")

# %%
# Figures: the equilibrium path against R, a regime map over (R, c), a tornado chart
# -----------------------------------------------------------------------------------
import matplotlib.pyplot as plt

from gametheory import plot

path = sweep(game, {"R": np.linspace(0.5, 6, 221)}, fixed=fixed)
_, ax = plt.subplots(figsize=(7, 4.5))
plot.plot_equilibrium_path(
    path, Probability("Militia", "Attack"), thresholds=thresholds(game, "R", fixed=fixed), ax=ax, labels=NAMES
)
ax.figure.savefig(output / "equilibrium_path.png", dpi=120, bbox_inches="tight")

regimes = regime_map(
    game,
    x=("R", np.linspace(0.25, 6, 120)),
    y=("c", np.linspace(0.25, 6, 120)),
    fixed={k: v for k, v in BASE.items() if k not in {"R", "c"}},
)
_, ax = plt.subplots(figsize=(6, 4.5))
plot.plot_regime_map(regimes, ax=ax, labels=NAMES)
ax.figure.savefig(output / "regime_map.png", dpi=120, bbox_inches="tight")

ranges = {name: (Fraction(value) / 2, Fraction(value) * 3 / 2) for name, value in BASE.items()}
# Where a range crosses a regime boundary two equilibria hold: read the worst one for the US.
chart = tornado(game, Payoff("US"), base=BASE, ranges=ranges, selection=MinOutcome())
_, ax = plt.subplots(figsize=(7, 4.5), layout="constrained")  # the parameter labels need room on the left
plot.plot_tornado(chart, ax=ax)
ax.figure.savefig(output / "tornado.png", dpi=120, bbox_inches="tight")
print()
print("Largest swing in the US's equilibrium payoff: " + ", ".join(f"{bar.parameter}" for bar in chart.bars[:3]))
# The folder is shown relative to the working directory when it lies below it.
shown = output.relative_to(Path.cwd()) if output.is_relative_to(Path.cwd()) else output
print(f"Figures saved in {shown}")
