"""Learning dynamics: how two sides adapt over many rounds.

Every dynamic takes a numeric two-player :class:`~gametheory.NormalFormGame`
and returns a frozen :class:`Trajectory`.

Examples
--------
>>> from gametheory import NormalFormGame
>>> from gametheory.dynamics import fictitious_play
>>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
>>> len(fictitious_play(pennies, iterations=10, rng=1))
11
"""

from gametheory.dynamics.fictitious_play import fictitious_play
from gametheory.dynamics.regret_matching import regret_matching
from gametheory.dynamics.replicator import replicator_dynamics, symmetric_replicator_dynamics
from gametheory.dynamics.trajectory import Trajectory

__all__ = [
    "Trajectory",
    "fictitious_play",
    "regret_matching",
    "replicator_dynamics",
    "symmetric_replicator_dynamics",
]
