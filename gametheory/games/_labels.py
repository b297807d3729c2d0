"""Validation of the player names and strategy labels of a normal-form game.

Examples
--------
>>> player_names(None, 2)
('Player 1', 'Player 2')
>>> strategy_labels(None, (2, 1), ("A", "B"))
(('s1', 's2'), ('s1',))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gametheory.exceptions import InvalidGameError

__all__ = ["check_labels", "player_names", "strategy_labels"]


def player_names(players: Sequence[str] | None, count: int) -> tuple[str, ...]:
    """The player names, ``"Player 1"``, ``"Player 2"``, ... by default; checked.

    Examples
    --------
    >>> player_names(["US", "Iran"], 2)
    ('US', 'Iran')
    """
    if players is None:
        return tuple(f"Player {i + 1}" for i in range(count))
    if isinstance(players, str):
        raise InvalidGameError("players must be a sequence of names, not a single string")
    names = tuple(players)
    if len(names) != count:
        raise InvalidGameError(f"{len(names)} player names given for {count} players")
    check_labels(names, "player names")
    return names


def strategy_labels(
    strategies: Sequence[Sequence[str]] | None, shape: tuple[int, ...], players: tuple[str, ...]
) -> tuple[tuple[str, ...], ...]:
    """One tuple of strategy labels per player, ``"s1"``, ``"s2"``, ... by default; checked.

    Examples
    --------
    >>> strategy_labels([["C", "D"], ["L"]], (2, 1), ("A", "B"))
    (('C', 'D'), ('L',))
    """
    if strategies is None:
        return tuple(tuple(f"s{k + 1}" for k in range(n)) for n in shape)
    if isinstance(strategies, str) or len(strategies) != len(shape):
        raise InvalidGameError(f"strategy labels must be given for each of the {len(shape)} players")
    labels = []
    for player, (names, n) in enumerate(zip(strategies, shape, strict=True)):
        if isinstance(names, str):
            raise InvalidGameError(f"strategy labels of {players[player]} must be a sequence, not a string")
        names = tuple(names)
        if len(names) != n:
            raise InvalidGameError(f"{players[player]} has {n} strategies but {len(names)} labels were given")
        check_labels(names, f"strategy labels of {players[player]}")
        labels.append(names)
    return tuple(labels)


def check_labels(names: tuple[Any, ...], what: str) -> None:
    """Raise :class:`~gametheory.exceptions.InvalidGameError` on an empty, non-string or repeated label.

    Examples
    --------
    >>> check_labels(("a", "a"), "labels")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.InvalidGameError: duplicate labels: a
    """
    for name in names:
        if not isinstance(name, str) or not name:
            raise InvalidGameError(f"{what} must be non-empty strings; got {name!r}")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InvalidGameError(f"duplicate {what}: {', '.join(duplicates)}")
