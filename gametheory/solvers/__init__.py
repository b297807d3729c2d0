"""Solvers: plain functions that take a game first and return frozen records."""

from gametheory.solvers.pure import pure_equilibria
from gametheory.solvers.results import Clique, Component, Equilibrium
from gametheory.solvers.verify import is_nash, regret

__all__ = ["Clique", "Component", "Equilibrium", "is_nash", "pure_equilibria", "regret"]
