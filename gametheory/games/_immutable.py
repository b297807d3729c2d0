"""The immutability shared by the game classes: attributes are written in ``__init__`` only, the hash once.

Examples
--------
>>> class Pair(Immutable):
...     __slots__ = ("_a", "_b")
...     def __init__(self, a, b):
...         self._a, self._b = a, b
...         self._hash = None  # written last: from here on the object is frozen
...     def __hash__(self):
...         return self._cached_hash(lambda: hash((self._a, self._b)))
>>> pair = Pair(1, 2)
>>> hash(pair) == hash((1, 2))
True
>>> pair._a = 3
Traceback (most recent call last):
...
AttributeError: Pair is immutable
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Immutable"]


class Immutable:
    """Base class: assigning an attribute after ``_hash`` is set (the last step of ``__init__``) raises.

    Subclasses define ``__hash__`` (Python drops an inherited one when a class defines ``__eq__``) as
    ``self._cached_hash(compute)``, which computes the hash once and stores it in ``_hash``.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> isinstance(NormalFormGame.from_bimatrix([[1]], [[2]]), Immutable)
    True
    """

    __slots__ = ("_hash",)
    _hash: int | None

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "_hash"):
            raise AttributeError(f"{type(self).__name__} is immutable")
        object.__setattr__(self, name, value)

    def _cached_hash(self, compute: Callable[[], int]) -> int:
        value = self._hash
        if value is None:
            value = compute()
            # The cache is the one attribute written after construction.
            object.__setattr__(self, "_hash", value)
        return value
