"""Repeated play: stage-game strategies, simulated matches, tournaments and exact thresholds.

Examples
--------
>>> from gametheory.repeated import PrisonersDilemma, TitForTat, grim_trigger_threshold, play_match
>>> pd = PrisonersDilemma(temptation=5, reward=3, punishment=1, sucker=0)
>>> grim_trigger_threshold(pd)
Fraction(1, 2)
>>> play_match(pd.to_game(), TitForTat(), TitForTat(), rounds=3).played.tolist()
[[0, 0], [0, 0], [0, 0]]
"""

from gametheory.repeated.match import Match, play_match
from gametheory.repeated.strategies import (
    COOPERATE,
    DEFECT,
    Alternator,
    AlwaysCooperate,
    AlwaysDefect,
    GenerousTitForTat,
    GrimTrigger,
    History,
    RandomStrategy,
    Strategy,
    TitForTat,
    WinStayLoseShift,
    strategy_name,
)
from gametheory.repeated.thresholds import (
    PrisonersDilemma,
    generosity,
    grim_trigger_threshold,
    tit_for_tat_threshold,
)
from gametheory.repeated.tournament import Tournament, tournament

__all__ = [
    "COOPERATE",
    "DEFECT",
    "Alternator",
    "AlwaysCooperate",
    "AlwaysDefect",
    "GenerousTitForTat",
    "GrimTrigger",
    "History",
    "Match",
    "PrisonersDilemma",
    "RandomStrategy",
    "Strategy",
    "TitForTat",
    "Tournament",
    "WinStayLoseShift",
    "generosity",
    "grim_trigger_threshold",
    "play_match",
    "strategy_name",
    "tit_for_tat_threshold",
    "tournament",
]
