"""gametheory: model strategic dilemmas as games, solve them exactly, and see how equilibria move.

Examples
--------
>>> import gametheory as gt
>>> game = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> [str(eq) for eq in gt.pure_equilibria(game)]
['Player 1: s2; Player 2: s2; payoffs 1, 1']
"""

from gametheory import exceptions
from gametheory.exceptions import (
    ExpressionError,
    GameTheoryError,
    InvalidGameError,
    InvalidPayoffError,
    InvalidProfileError,
    ParameterError,
    ParseError,
    SolverError,
    UnsupportedGameError,
)
from gametheory.games import NormalFormGame, Profile, parameter, parse_expression
from gametheory.solvers import Clique, Component, Equilibrium, is_nash, pure_equilibria, regret

__version__ = "0.1.0"

__all__ = [
    "Clique",
    "Component",
    "Equilibrium",
    "ExpressionError",
    "GameTheoryError",
    "InvalidGameError",
    "InvalidPayoffError",
    "InvalidProfileError",
    "NormalFormGame",
    "ParameterError",
    "ParseError",
    "Profile",
    "SolverError",
    "UnsupportedGameError",
    "__version__",
    "exceptions",
    "is_nash",
    "parameter",
    "parse_expression",
    "pure_equilibria",
    "regret",
]
