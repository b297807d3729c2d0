"""Private: checking inputs of :mod:`gametheory.solvers.perfect_bayesian` and naming information sets and nodes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory.exceptions import InvalidProfileError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers.behavior import infoset_name
from gametheory.solvers.guards import require_numeric_tree

__all__ = ["coerce_beliefs", "coerce_profile", "require_tree", "resolve", "set_names"]


def require_tree(tree: Any, solver: str) -> ExtensiveFormGame:
    """A numeric tree with two or more players and perfect recall, or a library error."""
    require_numeric_tree(tree, solver)
    if tree.num_players < 2:
        raise UnsupportedGameError(f"{solver} needs two or more players")
    if not tree.has_perfect_recall:
        raise UnsupportedGameError(f"{solver} needs a tree with perfect recall; this tree has imperfect recall")
    return tree


def set_names(tree: ExtensiveFormGame) -> tuple[str, ...]:
    """One name per information set: its label when that is unique, else :func:`infoset_name`."""
    labels = [s.label for s in tree.information_sets]
    return tuple(
        label if label and labels.count(label) == 1 else infoset_name(tree, s.index)
        for label, s in zip(labels, tree.information_sets, strict=True)
    )


def resolve(tree: ExtensiveFormGame, key: Any) -> int:
    """The index of the information set called ``key`` (its name, label, key or index)."""
    names = set_names(tree)
    if isinstance(key, int | np.integer) and not isinstance(key, bool) and 0 <= key < len(names):
        return int(key)
    for s, name in zip(tree.information_sets, names, strict=True):
        if key in (name, infoset_name(tree, s.index)) or (s.label and key in (s.label, s.key)):
            return s.index
    raise InvalidProfileError(f"no information set {key!r}; the sets are {', '.join(names)}")


def _vector(values: Any, size: int, what: str, exact: bool) -> tuple[Any, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray):
        raise InvalidProfileError(f"{what} must be a sequence of probabilities, not {type(values).__name__}")
    items = list(np.asarray(values, dtype=object).ravel()) if isinstance(values, np.ndarray) else list(values)
    if len(items) != size:
        raise InvalidProfileError(f"{what} needs {size} probabilities; got {len(items)}")
    try:
        numbers = [Fraction(v) if exact else float(Fraction(v) if isinstance(v, str) else v) for v in items]
    except (TypeError, ValueError):
        raise InvalidProfileError(f"{what} must hold numbers; got {items!r}") from None
    if any(not np.isfinite(float(v)) or v < 0 for v in numbers):
        raise InvalidProfileError(f"{what} has a negative or non-finite probability: {items!r}")
    total = sum(numbers, Fraction(0) if exact else 0.0)
    if (total != 1) if exact else abs(total - 1.0) > 1e-9:
        raise InvalidProfileError(f"{what} must sum to one; it sums to {total}")
    return tuple(numbers)


def _is_exact(values: Any) -> bool:
    return all(isinstance(v, int | Fraction | np.integer | str) for v in values)


def coerce_profile(tree: ExtensiveFormGame, profile: Any) -> tuple[tuple[Any, ...], ...]:
    """A full behaviour profile (a record with ``profile`` or ``behavior``, or one vector per set), checked."""
    vectors = getattr(profile, "profile", None)
    vectors = getattr(profile, "behavior", None) if vectors is None else vectors
    vectors = profile if vectors is None else vectors
    if isinstance(vectors, str | bytes) or not isinstance(vectors, Sequence):
        raise InvalidProfileError(f"a behaviour profile must be a sequence of vectors, not {type(vectors).__name__}")
    sets = tree.information_sets
    if len(vectors) != len(sets):
        raise InvalidProfileError(f"a behaviour profile needs {len(sets)} entries; got {len(vectors)}")
    names = set_names(tree)
    out = []
    for info, name, vector in zip(sets, names, vectors, strict=True):
        if vector is None:
            raise InvalidProfileError(f"behaviour at {name} is unspecified; every information set needs it here")
        exact = tree.is_exact and _is_exact(np.asarray(vector, dtype=object).ravel())
        out.append(_vector(vector, len(info.actions), f"the behaviour at {name}", exact))
    return tuple(out)


def coerce_beliefs(tree: ExtensiveFormGame, beliefs: Any, *, complete: bool) -> dict[int, tuple[Any, ...]]:
    """Beliefs given as a mapping from set names (or indices) to probabilities over the set's nodes, checked.

    With ``complete``, every set of two or more nodes must have one; single-node sets default to ``(1,)``.
    """
    if not isinstance(beliefs, Mapping):
        raise InvalidProfileError(f"beliefs must be a mapping from information sets to probabilities, not {beliefs!r}")
    names = set_names(tree)
    out: dict[int, tuple[Any, ...]] = {}
    for key, values in beliefs.items():
        index = resolve(tree, key)
        size = len(tree.information_sets[index].members)
        exact = tree.is_exact and _is_exact(np.asarray(values, dtype=object).ravel()) if _sized(values) else False
        out[index] = _vector(values, size, f"the belief at {names[index]}", exact)
    if complete:
        for info, name in zip(tree.information_sets, names, strict=True):
            if info.index not in out:
                if len(info.members) > 1:
                    raise InvalidProfileError(f"no belief given at {name}, which has {len(info.members)} nodes")
                out[info.index] = (Fraction(1),)
    return out


def _sized(values: Any) -> bool:
    return isinstance(values, Sequence | np.ndarray) and not isinstance(values, str | bytes)
