"""
A sweep on a dask.distributed cluster
=====================================

When payoffs come from your own Python code, each parameter point is solved
separately; any ``concurrent.futures.Executor`` spreads the work, including
a dask.distributed client's. Here a small in-process ``LocalCluster``.
"""

# %%
# The game is built by code, point by point, not from formulas: such a function could run a simulation or look
# up data.
import matplotlib.pyplot as plt
import numpy as np
from dask.distributed import Client, LocalCluster

from gametheory import NormalFormGame
from gametheory.plot import plot_equilibrium_path
from gametheory.sensitivity import Probability, sweep


def strike_or_restrain_game(values):
    """Payoffs computed by code: casualties grow with the number of attacks absorbed."""
    r = values["R"]
    d = 3.0
    return NormalFormGame.from_bimatrix(
        [[-d - 1.0, -1.0], [-d - r, 0.0]],
        [[-2.0, 0.0], [1.0, 0.0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


# %%
# Sixteen points on a two-worker cluster. With worker processes (``processes=True``, the default) the game
# function is pickled: define it in an importable module, and start the cluster under
# ``if __name__ == "__main__":``.
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
with cluster, Client(cluster) as client:
    result = sweep(strike_or_restrain_game, {"R": np.linspace(0.25, 4.0, 16)}, executor=client.get_executor())
print(f"points solved: {result.shape[0]}")
for label in result.regimes:
    print("regime:", label)

# %%
# The militia's attack probability along the sweep, one line per equilibrium branch.
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
plot_equilibrium_path(result, Probability("Militia", "Attack"), ax=ax)
