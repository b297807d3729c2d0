"""
Monte Carlo: how likely is the catch-22?
========================================

Draw the uncertain parameters of strike-or-restrain from distributions and
count how often each regime holds.
"""

import matplotlib.pyplot as plt
from scipy import stats

from gametheory.plot import plot_monte_carlo
from gametheory.scenarios import strike_or_restrain
from gametheory.sensitivity import Probability, monte_carlo

game = strike_or_restrain()
result = monte_carlo(
    game,
    {
        "R": stats.uniform(0.5, 3.0),  # reputation cost between 0.5 and 3.5
        "l": stats.uniform(0.0, 2.0),  # legitimacy gain between 0 and 2
    },
    fixed={"d": 3, "c": 1, "b": 1, "k": 2},
    n=20_000,
    rng=2024,
    outcomes={"attack probability": Probability("Militia", "Attack")},
)

# %%
# The share of the draws in each regime, and the militia's attack probability over all draws.
for regime, probability in sorted(result.regime_probability.items(), key=lambda item: -item[1]):
    print(f"{probability:6.3f}  {regime}")
summary = result.summary["attack probability"]
print(f"mean attack probability: {summary.mean:.3f}")

# %%
# The regimes as bars, the most likely on top, and below them the distribution of the attack probability:
# a spike at 1 (the militia attacks for sure in the restraint and catch-22 regimes) and the spread of ``c / R``
# in the inspection regime.
fig, (ax, outcome_ax) = plt.subplots(2, 1, figsize=(8, 6), layout="constrained", height_ratios=(1, 1.3))
plot_monte_carlo(result, ax=ax, outcome_ax=outcome_ax)
