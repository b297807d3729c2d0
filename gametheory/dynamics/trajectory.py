"""The frozen record that every learning dynamic returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory.exceptions import InvalidProfileError

__all__ = ["Trajectory"]


@dataclass(frozen=True, eq=False)
class Trajectory:
    """How two players' mixed strategies move over time under a learning dynamic.

    Attributes
    ----------
    method : str
        The dynamic, e.g. ``"fictitious play"``.
    times : numpy.ndarray
        Shape ``(T,)``: iteration numbers, or ODE times for continuous
        dynamics.
    profiles : tuple of numpy.ndarray
        One array of shape ``(T, n_i)`` per player: the player's mixed
        strategy (or empirical frequency, or average strategy) at each time.
    players : tuple of str
        Player names, from the game.
    strategies : tuple of tuple of str
        Strategy labels, from the game.
    plays : numpy.ndarray or None
        Shape ``(T - 1, 2)``: the pure actions chosen at each step of a
        discrete dynamic that picks actions (fictitious play); ``None``
        otherwise.

    Examples
    --------
    >>> import numpy as np
    >>> t = Trajectory(
    ...     method="example",
    ...     times=np.array([0.0, 1.0]),
    ...     profiles=(np.array([[1.0, 0.0], [0.5, 0.5]]), np.array([[0.0, 1.0], [0.0, 1.0]])),
    ...     players=("Row", "Column"),
    ...     strategies=(("a", "b"), ("c", "d")),
    ... )
    >>> [p.tolist() for p in t.final()]
    [[0.5, 0.5], [0.0, 1.0]]
    >>> t.distance([[0.5, 0.5], [0, 1]]).tolist()
    [0.5, 0.0]
    """

    method: str
    times: np.ndarray
    profiles: tuple[np.ndarray, ...]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    plays: np.ndarray | None = None

    def __post_init__(self) -> None:
        for array in (self.times, *self.profiles, *(() if self.plays is None else (self.plays,))):
            array.flags.writeable = False

    def __len__(self) -> int:
        return int(self.times.shape[0])

    def at(self, index: int) -> tuple[np.ndarray, ...]:
        """The profile at position ``index`` (negative indices count from the end).

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> from gametheory.dynamics import regret_matching
        >>> run = regret_matching(NormalFormGame.zero_sum([[1, -1], [-1, 1]]), iterations=3)
        >>> [p.tolist() for p in run.at(0)]
        [[0.5, 0.5], [0.5, 0.5]]
        """
        return tuple(p[index] for p in self.profiles)

    def final(self) -> tuple[np.ndarray, ...]:
        """The last profile.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> from gametheory.dynamics import fictitious_play
        >>> dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> [p.tolist() for p in fictitious_play(dilemma, iterations=4, rng=0).final()]
        [[0.0, 1.0], [0.0, 1.0]]
        """
        return self.at(-1)

    def distance(self, profile: Any) -> np.ndarray:
        """Largest absolute difference from ``profile`` over all probabilities, at each time.

        Parameters
        ----------
        profile : sequence
            One probability vector per player (Fractions are fine).

        Returns
        -------
        numpy.ndarray
            Shape ``(T,)``: the sup-norm distance at each time.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> from gametheory.dynamics import fictitious_play
        >>> dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> fictitious_play(dilemma, iterations=2, rng=0).distance([[0, 1], [0, 1]]).tolist()
        [0.5, 0.0, 0.0]
        """
        if len(profile) != len(self.profiles):
            raise InvalidProfileError(f"a profile needs {len(self.profiles)} strategies, got {len(profile)}")
        gaps = []
        for path, target in zip(self.profiles, profile, strict=True):
            vector = np.array([float(x) for x in target], dtype=np.float64)
            if vector.shape != path.shape[1:]:
                raise InvalidProfileError(f"strategy of length {vector.shape[0]} does not fit {path.shape[1]} actions")
            gaps.append(np.max(np.abs(path - vector), axis=1))
        return np.max(np.stack(gaps), axis=0)
