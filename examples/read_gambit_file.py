"""
Reading and writing Gambit files
================================

Write a game in Gambit's ``.nfg`` format, read it back exactly, and solve
it; the same for a tree in ``.efg`` format.
"""

import shutil
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt

from gametheory.games.reduction import to_normal_form
from gametheory.io import read_efg, read_nfg, write_efg, write_nfg
from gametheory.plot import plot_tree
from gametheory.scenarios import stay_or_withdraw, strike_or_restrain
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria

game = strike_or_restrain(
    casualty_cost=3, strike_cost=1, reputation_cost=2, attack_gain=1, strike_damage=4, legitimacy_gain=1
)
tree = stay_or_withdraw(
    casualty_cost=2,
    strike_cost=1,
    reputation_cost=3,
    withdrawal_loss=10,
    attack_gain=1,
    strike_damage=3,
    legitimacy_gain=1,
    militia_prize=5,
)
folder = Path(tempfile.mkdtemp())

# %%
# A game in normal form: write it as ``.nfg``, read it back exactly, and solve it.
nfg = folder / "strike_or_restrain.nfg"
write_nfg(game, nfg, title="Strike or restrain")
print(nfg.read_text())
loaded = read_nfg(nfg)
print("read back equal:", loaded == game)
for equilibrium in nash_equilibria(loaded):
    print("equilibrium:", equilibrium)

# %%
# A game tree: write it as ``.efg``, read it back, and draw it with its subgame-perfect equilibrium.
efg = folder / "stay_or_withdraw.efg"
write_efg(tree, efg)
loaded_tree = read_efg(efg)
print("tree read back equal:", loaded_tree == tree)
print("reduced normal form strategies:", to_normal_form(loaded_tree).strategies)

(spe,) = subgame_perfect_equilibria(loaded_tree)
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
plot_tree(loaded_tree, equilibrium=spe, ax=ax)
shutil.rmtree(folder)  # tidy up the files written above
