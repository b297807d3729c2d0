"""Private kernels of :mod:`gametheory.testing`: regrets, profile comparison, and label lookup.

The public assertions in :mod:`gametheory.testing` validate their arguments
and raise; the functions here compute what they report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory._internal.formatting import format_number
from gametheory.exceptions import InvalidArgumentError, InvalidProfileError
from gametheory.games.normal_form import NormalFormGame

__all__ = ["as_collection", "difference_report", "regret_report", "strategy_index"]

Vectors = tuple[tuple[Any, ...], ...]


def regret_report(game: NormalFormGame, strategies: Sequence[np.ndarray], tol: float | None) -> str | None:
    """The failure message of ``assert_equilibrium`` for a validated profile, or None if nobody gains."""
    exact = strategies[0].dtype == object
    # Float checks: each player's regret against that player's own tolerance (or the absolute ``tol``).
    limits: tuple[Any, ...] = (
        (0,) * game.num_players
        if exact
        else (game.player_tolerances() if tol is None else (float(tol),) * game.num_players)
    )
    deviations = game.deviation_payoffs(strategies)
    problems = []
    for player, (values, mix) in enumerate(zip(deviations, strategies, strict=True)):
        current = np.dot(values, mix)
        best = int(np.argmax(values))
        gain = values[best] - current
        if gain > limits[player]:
            own = "" if exact or tol is not None else f", tolerance {limits[player]:g}"
            problems.append(
                f"  {game.players[player]} gets {format_number(current)} but would get "
                f"{format_number(values[best])} by switching to {game.strategies[player][best]} "
                f"(regret {format_number(gain)}{own})"
            )
    if not problems:
        return None
    check = "exact check" if exact else ("each player's own tolerance" if tol is None else f"tolerance {tol:g}")
    return f"the profile is not a Nash equilibrium ({check}):\n" + "\n".join(problems)


def difference_report(first: Iterable[Any], second: Iterable[Any], tol: float) -> str | None:
    """The failure message of ``assert_same_equilibria``, or None when the collections match one to one."""
    left = [_as_vectors(item) for item in first]
    right = [_as_vectors(item) for item in second]
    unmatched = list(range(len(right)))
    missing = []
    for vectors in left:
        match = next((j for j in unmatched if _same_profile(vectors, right[j], tol)), None)
        if match is None:
            missing.append(vectors)
        else:
            unmatched.remove(match)
    if not missing and not unmatched:
        return None
    lines = ["the equilibria differ:"]
    if missing:
        lines.append(f"  only in the first ({len(missing)} of {len(left)}): " + "; ".join(map(_show, missing)))
    if unmatched:
        extra = [right[j] for j in unmatched]
        lines.append(f"  only in the second ({len(extra)} of {len(right)}): " + "; ".join(map(_show, extra)))
    return "\n".join(lines)


def as_collection(value: Any, which: str) -> Iterable[Any]:
    """``value`` if it is a collection of equilibria or profiles; otherwise raise, naming ``which`` argument."""
    from gametheory.games.extensive_form import ExtensiveFormGame

    if isinstance(value, NormalFormGame | ExtensiveFormGame):
        raise InvalidArgumentError(
            f"assert_same_equilibria compares two collections of equilibria, not games; the {which} argument is "
            f"a {type(value).__name__}: pass the equilibria, e.g. nash_equilibria(game_a) and nash_equilibria(game_b)"
        )
    if hasattr(value, "profile") or not isinstance(value, Iterable) or isinstance(value, str | bytes | Mapping):
        raise InvalidArgumentError(
            f"assert_same_equilibria compares two collections of equilibria or profiles; the {which} argument is "
            f"a {type(value).__name__} (wrap a single equilibrium in a list)"
        )
    return value


def strategy_index(value: int | str, labels: tuple[str, ...], what: str) -> int:
    """The index of a player or strategy given by index or label (``what`` names it in errors)."""
    if isinstance(value, str):
        if value not in labels:
            raise InvalidProfileError(f"unknown {what} {value!r}; expected one of {', '.join(labels)}")
        return labels.index(value)
    if isinstance(value, int | np.integer) and not isinstance(value, bool) and 0 <= value < len(labels):
        return int(value)
    raise InvalidProfileError(f"{what} {value!r} is out of range (0 to {len(labels) - 1})")


def _as_vectors(item: Any) -> Vectors:
    profile = getattr(item, "profile", item)
    try:
        vectors = tuple(tuple(np.asarray(v, dtype=object).tolist()) for v in profile)
    except TypeError:
        raise InvalidProfileError(f"{item!r} is not an equilibrium or a profile of probability vectors") from None
    if not vectors or any(not isinstance(v, tuple) or not v for v in vectors):
        raise InvalidProfileError(f"{item!r} is not an equilibrium or a profile of probability vectors")
    return tuple(tuple(_number(x) for x in v) for v in vectors)


def _number(value: Any) -> Fraction | float:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return Fraction(int(value))
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, float | np.floating):
        return float(value)
    raise InvalidProfileError(f"probability {value!r} is not a number")


def _same_profile(a: Vectors, b: Vectors, tol: float) -> bool:
    if len(a) != len(b) or any(len(x) != len(y) for x, y in zip(a, b, strict=True)):
        return False
    pairs = [(p, q) for x, y in zip(a, b, strict=True) for p, q in zip(x, y, strict=True)]
    if all(isinstance(p, Fraction) and isinstance(q, Fraction) for p, q in pairs):
        return all(p == q for p, q in pairs)
    return all(abs(float(p) - float(q)) <= tol for p, q in pairs)


def _show(vectors: Vectors) -> str:
    return ", ".join("(" + ", ".join(format_number(p) for p in v) + ")" for v in vectors)
