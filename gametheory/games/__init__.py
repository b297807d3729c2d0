"""Game representations: normal-form games, trees, and payoff expressions."""

from gametheory.games._profiles import Profile
from gametheory.games.expressions import parameter, parse_expression
from gametheory.games.normal_form import NormalFormGame

__all__ = ["NormalFormGame", "Profile", "parameter", "parse_expression"]
