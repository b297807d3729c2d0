"""The float tolerance, per player: every float decision goes through this module (private).

Each player's payoffs are decided on their own scale. Player ``i``'s payoffs
are multiplied by ``2**-e_i``, where ``2**(e_i - 1) <= max|u_i| < 2**e_i``:
a power of two, so the scaling is exact (no rounding, no overflow, no
underflow worth speaking of) and every normalised payoff lies in ``(-1, 1)``.
Differences of normalised payoffs therefore never overflow, even for
payoffs near ``1e308``, and are exact for payoffs near ``1e-300``.

The default tolerance of player ``i`` is :data:`RELATIVE_TOLERANCE` times
the spread of its payoffs, ``max u_i - min u_i`` (at least
:data:`SPREAD_FLOOR` times ``max|u_i|``): a payoff within that amount of the
best counts as a best response, and a regret up to that amount is accepted.
Like the equilibria themselves, it does not change when a player's payoffs
are multiplied by a positive number or shifted by a constant. A player whose
payoffs are all zero has tolerance zero, and every comparison of its payoffs
is an exact tie, which is right. A tolerance given by the caller (``tol=``) is
absolute, in payoff units, and the same for every player.

Examples
--------
>>> import numpy as np
>>> floats = np.array([[[1e6, 0.0], [0.0, 1e-3]], [[0.0, 1e-3], [1e6, 0.0]]])
>>> [f"{t:.0e}" for t in tolerances(floats)]
['1e-03', '1e-12']
>>> normalised(floats).max(axis=(0, 1)).tolist()
[0.95367431640625, 0.512]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "RELATIVE_TOLERANCE",
    "SPREAD_FLOOR",
    "PlayerScales",
    "bimatrix_without_roundoff",
    "deviations",
    "exponents",
    "merged_ties",
    "normalised",
    "player_scales",
    "slacks",
    "tolerances",
    "without_roundoff",
]

#: Default tolerance of each player, relative to the spread of the player's payoffs (largest - smallest).
RELATIVE_TOLERANCE = 1e-9
#: The spread counts as at least this fraction of the player's largest absolute payoff, so that
#: round-off in expected payoffs (about 1e-16 of the largest payoff) stays far below the tolerance.
SPREAD_FLOOR = 1e-4


class PlayerScales(NamedTuple):
    """Everything the default tolerance needs about a float game, computed once (see :func:`player_scales`)."""

    #: The payoff tensor, shape ``(n_1, ..., n_N, N)``.
    floats: np.ndarray
    #: :func:`exponents`.
    powers: np.ndarray
    #: :func:`normalised`.
    normalised: np.ndarray
    #: :func:`slacks` (default tolerance, normalised units).
    slacks: np.ndarray
    #: :func:`tolerances` (payoff units).
    tolerances: tuple[float, ...]
    #: Each player's largest absolute payoff.
    largest: np.ndarray


def player_scales(floats: np.ndarray) -> PlayerScales:
    """:func:`exponents`, :func:`normalised`, :func:`slacks` and :func:`tolerances` in one pass.

    For solvers that make many float decisions on one game: the same values
    as the separate functions, at a fraction of the cost.

    Examples
    --------
    >>> floats = np.array([[[1e6, 0.0], [0.0, 1e-3]], [[0.0, 1e-3], [1e6, 0.0]]])
    >>> scales = player_scales(floats)
    >>> scales.tolerances == tolerances(floats), np.array_equal(scales.slacks, slacks(floats))
    (True, True)
    """
    players = floats.shape[-1]
    largest = np.abs(floats).reshape(-1, players).max(axis=0) if floats.size else np.zeros(players)
    # The largest normalised payoff is the mantissa of the largest payoff (scaling by 2**-e is exact).
    mantissas, powers = np.frexp(largest)
    scaled = np.ldexp(floats, -powers)
    slack = _relative_slacks(scaled, mantissas)
    return PlayerScales(floats, powers, scaled, slack, _in_payoff_units(slack, powers), largest)


def _relative_slacks(scaled: np.ndarray, mantissas: np.ndarray) -> np.ndarray:
    """:data:`RELATIVE_TOLERANCE` times each player's spread (max - min), normalised; see :data:`SPREAD_FLOOR`."""
    players = scaled.shape[-1]
    flat = scaled.reshape(-1, players)
    spread = flat.max(axis=0) - flat.min(axis=0) if flat.size else np.zeros(players)
    return RELATIVE_TOLERANCE * np.maximum(spread, SPREAD_FLOOR * mantissas)


def _in_payoff_units(slack: np.ndarray, powers: np.ndarray) -> tuple[float, ...]:
    with np.errstate(over="ignore"):
        return tuple(float(v) for v in np.ldexp(slack, powers))


def exponents(floats: np.ndarray) -> np.ndarray:
    """Per player, the exponent ``e`` with ``2**(e - 1) <= max|u| < 2**e`` (0 for an all-zero player).

    ``floats`` has shape ``(n_1, ..., n_N, N)``; the last axis is the player.

    Examples
    --------
    >>> exponents(np.array([[[3.0, 0.0], [-0.25, 0.0]]])).tolist()
    [2, 0]
    """
    players = floats.shape[-1]
    largest = np.abs(floats).reshape(-1, players).max(axis=0) if floats.size else np.zeros(players)
    return np.frexp(largest)[1]


def normalised(floats: np.ndarray) -> np.ndarray:
    """Each player's payoffs times ``2**-e`` (see :func:`exponents`): exact, in ``(-1, 1)``.

    Examples
    --------
    >>> normalised(np.array([[[1e300, 3e-300]]]))[0, 0].round(3).tolist()
    [0.747, 0.502]
    """
    return np.ldexp(floats, -exponents(floats))


def slacks(floats: np.ndarray, tol: float | None = None) -> np.ndarray:
    """Each player's tolerance in the units of :func:`normalised`.

    Default: :data:`RELATIVE_TOLERANCE` times the spread of the player's
    normalised payoffs, at least :data:`SPREAD_FLOOR` times its largest
    (0 for an all-zero player). An explicit ``tol`` is absolute, in payoff
    units, and is converted exactly (it may become ``inf`` for a player with
    tiny payoffs, where every comparison is then a tie).

    Examples
    --------
    >>> floats = np.array([[[4.0, 1e-300]], [[-4.0, 3e-300]]])
    >>> slacks(floats).tolist() == [RELATIVE_TOLERANCE * 1.0, RELATIVE_TOLERANCE * normalised(floats)[1, 0, 1] / 3 * 2]
    True
    >>> slacks(floats, 1.0).tolist()[0]
    0.125
    """
    powers = exponents(floats)
    if tol is not None:
        with np.errstate(over="ignore"):
            return np.ldexp(np.full(len(powers), float(tol)), -powers)
    scaled = np.ldexp(floats, -powers)
    players = floats.shape[-1]
    largest = np.abs(scaled).reshape(-1, players).max(axis=0) if scaled.size else np.zeros(players)
    return _relative_slacks(scaled, largest)


def tolerances(floats: np.ndarray) -> tuple[float, ...]:
    """Each player's default tolerance in payoff units: ``RELATIVE_TOLERANCE`` times its payoff spread.

    Examples
    --------
    >>> tolerances(np.array([[[2.0, 0.0]], [[-2.0, 0.0]]]))
    (4e-09, 0.0)
    """
    return player_scales(floats).tolerances


def deviations(scaled: np.ndarray, profile: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    """Each player's payoff from each pure strategy against the others' mix, on a given tensor.

    Examples
    --------
    >>> tensor = np.array([[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]])
    >>> [d.tolist() for d in deviations(tensor, (np.array([1.0, 0.0]), np.array([0.25, 0.75])))]
    [[0.25, 0.75], [0.0, 1.0]]
    """
    out = []
    players = scaled.shape[-1]
    for player in range(players):
        tensor = scaled[..., player]
        for other in reversed(range(players)):
            if other != player:
                tensor = np.tensordot(tensor, np.asarray(profile[other], dtype=np.float64), axes=([other], [0]))
        out.append(tensor)
    return tuple(out)


def without_roundoff(floats: np.ndarray, profile: tuple[np.ndarray, ...], values: np.ndarray) -> np.ndarray:
    """Expected payoffs ``values`` with pure float round-off (a sum that cancels to about 1e-16 of its terms) made 0.

    This is not a tolerance: a payoff is zeroed only when it is below the
    rounding error of its own computation, so true payoffs always show.

    Examples
    --------
    >>> floats = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    >>> half = np.array([0.5, 0.5])
    >>> without_roundoff(floats, (half, half), np.array([3e-17, 0.25])).tolist()
    [0.0, 0.25]
    """
    magnitudes = np.array([float(np.sum(m)) for m in _expected_abs(np.abs(normalised(floats)), profile)])
    bound = np.ldexp(8 * (sum(floats.shape) + 2) * np.finfo(np.float64).eps * magnitudes, exponents(floats))
    return np.where(np.abs(values) <= bound, 0.0, values)


def bimatrix_without_roundoff(scales: PlayerScales, xs: np.ndarray, ys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """:func:`without_roundoff` for many profiles ``(xs[k], ys[k])`` of a two-player game at once.

    ``values`` has shape ``(K, 2)``: row ``k`` holds the expected payoffs of profile ``k``.

    Examples
    --------
    >>> floats = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    >>> half = np.array([[0.5, 0.5]])
    >>> bimatrix_without_roundoff(player_scales(floats), half, half, np.array([[3e-17, 0.25]])).tolist()
    [[0.0, 0.25]]
    """
    factor = 8 * (sum(scales.floats.shape) + 2) * np.finfo(np.float64).eps
    # The bound is at most factor * max|u| (x and y are distributions): usually no payoff is that small.
    if np.all(np.abs(values) > 2 * factor * scales.largest):
        return values
    magnitude = np.abs(scales.normalised)
    row = ((ys @ magnitude[..., 0].T) * xs).sum(axis=1)
    column = ((xs @ magnitude[..., 1]) * ys).sum(axis=1)
    bound = np.ldexp(factor * np.stack([row, column], axis=1), scales.powers)
    return np.where(np.abs(values) <= bound, 0.0, values)


def _expected_abs(scaled: np.ndarray, profile: tuple[np.ndarray, ...]) -> list[np.ndarray]:
    pairs = zip(deviations(scaled, profile), profile, strict=True)
    return [np.dot(d, np.asarray(s, dtype=np.float64)) for d, s in pairs]


def merged_ties(floats: np.ndarray) -> np.ndarray:
    """Exact (Fraction) payoffs in which each player's payoffs tied within the tolerance are equal.

    Each player's normalised payoffs are sorted, and every run whose
    consecutive gaps are within the player's tolerance takes the value of
    its first member; other payoffs keep their exact value. An exact solver
    run on the result treats near-ties as the float checks do. Scaling by a
    power of two preserves best responses, so the result is in normalised
    units.

    Examples
    --------
    >>> merged = merged_ties(np.array([[[1.0, 2.0]], [[1.0 + 1e-12, 3.0]], [[5.0, 0.0]]]))
    >>> merged[..., 0].ravel().tolist()
    [Fraction(1, 8), Fraction(1, 8), Fraction(5, 8)]
    """
    scaled = normalised(floats)
    limits = slacks(floats)
    out = np.empty(scaled.shape, dtype=object)
    for player in range(scaled.shape[-1]):
        values = scaled[..., player].ravel()
        order = np.argsort(values, kind="stable")
        merged = values.copy()
        for position in range(1, len(order)):
            here, before = order[position], order[position - 1]
            if values[here] - values[before] <= limits[player]:
                merged[here] = merged[before]
        out[..., player] = np.array([_fraction(v) for v in merged], dtype=object).reshape(scaled.shape[:-1])
    return out


def _fraction(value: Any) -> Fraction:
    return Fraction(float(value))
