"""Reports: a game as one self-contained, interactive HTML page (:func:`write_report`).

The page holds the game, its equilibria as formulas with their conditions,
thresholds, a regime map, a tornado chart and sliders that re-evaluate the
formulas in the browser; it loads nothing from the network. The command
line writes one with ``python -m gametheory report FILE --output PATH``.
"""

from gametheory.report.writer import write_report

__all__ = ["write_report"]
