"""
Plausible deniability: attacks the US cannot attribute
======================================================

Iran orders an attack or not; if not, an autonomous attack happens with
probability alpha. The US sees only that an attack happened, so it acts on a
*belief* that Iran ordered it. The perfect Bayesian equilibria give that
belief with the strategies: with these numbers Iran orders attacks now and
then, just often enough that after an attack the US believes Iran ordered it
with probability 2/5, the belief at which it is indifferent; and the US
retaliates just often enough to make ordering worth no more than restraint.
"""

from fractions import Fraction
from types import SimpleNamespace

import matplotlib.pyplot as plt

from gametheory.plot import plot_tree
from gametheory.scenarios import plausible_deniability
from gametheory.solvers.behavior import tree_equilibria
from gametheory.solvers.perfect_bayesian import perfect_bayesian_equilibria

values = {
    "punish_gain": 2,
    "misattribution_cost": 3,
    "reputation_cost": 1,
    "order_benefit": 2,
    "autonomous_benefit": 1,
    "retaliation_cost": 4,
}

# %%
# The perfect Bayesian equilibria at alpha = 1/2, each with the US's belief after an attack (Bayes' rule).
tree = plausible_deniability(autonomy=Fraction(1, 2), **values)
print(tree)
for equilibrium in perfect_bayesian_equilibria(tree):
    print("equilibrium:", equilibrium)
    ordered, _ = equilibrium.beliefs["attack observed"]
    print(f"after an attack, the US believes Iran ordered it with probability {ordered}")

# %%
# Every Nash equilibrium of the tree is perfect Bayesian here: when alpha > 0 the US's information set is reached
# whatever Iran does, so Bayes' rule fixes its belief and Nash play there is already a best reply to it.
perfect = perfect_bayesian_equilibria(tree)


def completed_by(nash, pbe):
    """Whether the perfect Bayesian equilibrium plays like the Nash one wherever the Nash one says how to play."""
    return all(v is None or v.tolist() == w.tolist() for v, w in zip(nash.behavior, pbe.profile, strict=True))


not_perfect = [eq for eq in tree_equilibria(tree) if not any(completed_by(eq, pbe) for pbe in perfect)]
print("Nash equilibria that are not perfect Bayesian:", ", ".join(map(str, not_perfect)) or "none")

# %%
# Without autonomous attacks (alpha = 0) the set is off the path: Bayes' rule is silent and the equilibria say
# which beliefs support them. Iran refrains as long as the US would retaliate with probability at least 1/2.
for equilibrium in perfect_bayesian_equilibria(plausible_deniability(autonomy=0, **values)):
    print("without autonomous attacks:", equilibrium.as_behavior(), "|", equilibrium.belief_regions["attack observed"])

# %%
# More autonomous attacks give Iran more cover: it orders more often. The US's belief does not move while both
# mix: Iran orders just enough to keep it at the US's cut-off (m - R) / (u + m) = 2/5. Past
# alpha* = (r - o) / (r - a) = 2/3 even certain retaliation no longer deters, and Iran orders every attack.
for alpha in (Fraction(1, 4), Fraction(1, 2), Fraction(3, 4)):
    (equilibrium,) = perfect_bayesian_equilibria(plausible_deniability(autonomy=alpha, **values))
    order = equilibrium.as_behavior().probabilities("Iran")["Order"]
    print(f"alpha = {alpha}: Iran orders with probability {order}")

print("autonomy  Iran orders  US retaliates  US's belief after an attack")
for alpha in (Fraction(1, 6), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(5, 6), Fraction(1)):
    for equilibrium in perfect_bayesian_equilibria(plausible_deniability(autonomy=alpha, **values)):
        behavior = equilibrium.as_behavior()
        order = behavior.probabilities("Iran")["Order"]
        retaliate = behavior.probabilities("attack observed")["Retaliate"]
        belief = equilibrium.beliefs["attack observed"][0]
        print(f"{alpha!s:>8}  {order!s:>11}  {retaliate!s:>13}  {belief!s:>27}")

# %%
# The tree with its perfect Bayesian equilibrium: the US's two nodes form one information set (dashed), so it must
# answer an ordered attack and an autonomous one alike; each player's mixture is printed on its edges and the US's
# belief beside its nodes.
(equilibrium,) = perfect_bayesian_equilibria(tree)
behavior = equilibrium.as_behavior()
beliefs = tuple(equilibrium.beliefs.get(s.label) if len(s.members) > 1 else None for s in tree.information_sets)
drawn = SimpleNamespace(behavior=behavior.behavior, beliefs=beliefs)
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
plot_tree(tree, equilibrium=drawn, ax=ax)
