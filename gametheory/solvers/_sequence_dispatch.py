"""Two-player trees plug into ``solve_zero_sum`` and ``lemke_howson`` through the sequence form.

Imported by :mod:`gametheory.solvers`, so the registrations are in place
whenever the solvers are.
"""

from __future__ import annotations

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers.behavior import BehaviorEquilibrium
from gametheory.solvers.lemke_howson import lemke_howson
from gametheory.solvers.sequence_form import TreeZeroSumSolution, lemke_howson_tree, solve_zero_sum_tree
from gametheory.solvers.zero_sum import solve_zero_sum

__all__: list[str] = []


@solve_zero_sum.register(ExtensiveFormGame)
def _solve_zero_sum_tree(tree: ExtensiveFormGame, *, time_limit: float | None = None) -> TreeZeroSumSolution:
    return solve_zero_sum_tree(tree, time_limit=time_limit)


@lemke_howson.register(ExtensiveFormGame)
def _lemke_howson_tree(tree: ExtensiveFormGame, *, time_limit: float | None = None) -> BehaviorEquilibrium:
    return lemke_howson_tree(tree, time_limit=time_limit)
