"""Game representations: normal-form games, game trees, Bayesian games, payoff expressions."""

from gametheory.games._profiles import Profile
from gametheory.games.bayesian import BayesianGame
from gametheory.games.expressions import parameter, parse_expression
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.reduction import ReducedForm, reduced_form, to_normal_form
from gametheory.games.tree_nodes import (
    ChanceNode,
    DecisionNode,
    InformationSet,
    Node,
    Outcome,
    Position,
    TerminalNode,
    chance,
    decision,
    terminal,
)

__all__ = [
    "BayesianGame",
    "ChanceNode",
    "DecisionNode",
    "ExtensiveFormGame",
    "InformationSet",
    "Node",
    "NormalFormGame",
    "Outcome",
    "Position",
    "Profile",
    "ReducedForm",
    "TerminalNode",
    "chance",
    "decision",
    "parameter",
    "parse_expression",
    "reduced_form",
    "terminal",
    "to_normal_form",
]
