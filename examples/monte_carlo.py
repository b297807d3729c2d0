"""
Monte Carlo: how likely is the catch-22?
========================================

Draw the uncertain parameters of strike-or-restrain from distributions and
count how often each regime holds.
"""

from scipy import stats

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
for regime, probability in sorted(result.regime_probability.items(), key=lambda item: -item[1]):
    print(f"{probability:6.3f}  {regime}")
summary = result.summary["attack probability"]
print(f"mean attack probability: {summary.mean:.3f}")
