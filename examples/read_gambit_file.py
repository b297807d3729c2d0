"""
Reading and writing Gambit files
================================

Write a game in Gambit's ``.nfg`` format, read it back exactly, and solve
it; the same for a tree in ``.efg`` format.
"""

import tempfile
from pathlib import Path

from gametheory.games.reduction import to_normal_form
from gametheory.io import read_efg, read_nfg, write_efg, write_nfg
from gametheory.scenarios import stay_or_withdraw, strike_or_restrain
from gametheory.solvers.enumeration import nash_equilibria

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

with tempfile.TemporaryDirectory() as folder:
    nfg = Path(folder) / "strike_or_restrain.nfg"
    write_nfg(game, nfg, title="Strike or restrain")
    print(nfg.read_text())
    loaded = read_nfg(nfg)
    print("read back equal:", loaded == game)
    for equilibrium in nash_equilibria(loaded):
        print("equilibrium:", equilibrium)

    efg = Path(folder) / "stay_or_withdraw.efg"
    write_efg(tree, efg)
    loaded_tree = read_efg(efg)
    print("tree read back equal:", loaded_tree == tree)
    print("reduced normal form strategies:", to_normal_form(loaded_tree).strategies)
