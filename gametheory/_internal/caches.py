"""The registry of the library's caches (private), emptied by :func:`gametheory.clear_caches`.

Every internal cache is declared with :func:`cached` (a bounded
:func:`functools.lru_cache` that registers itself) or, for another kind of
cache, registered with :func:`register`; :func:`clear_caches` then empties
them all, including caches added later. This module imports nothing from
the library, so any layer (``games`` included) may use it.

Sizes are kept small: the caches pay off within one analysis (one game
derived once for its sweep, thresholds and regime map; one polynomial
factored once for many branches), not across thousands of games.

Examples
--------
>>> @cached(maxsize=8)
... def square(x):
...     return x * x
>>> square(3), square.cache_info().currsize
(9, 1)
>>> clear_caches()
>>> square.cache_info().currsize
0
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["cached", "clear_caches", "register"]

T = TypeVar("T")

_CLEARERS: list[Callable[[], None]] = []
_LOCK = threading.Lock()


def register(clear: Callable[[], None]) -> Callable[[], None]:
    """Register a function that empties one cache; :func:`clear_caches` will call it.

    Returns ``clear`` unchanged.

    Examples
    --------
    >>> memo = {"key": "value"}
    >>> _ = register(memo.clear)
    >>> clear_caches()
    >>> memo
    {}
    """
    with _LOCK:
        _CLEARERS.append(clear)
    return clear


def cached(maxsize: int) -> Callable[[Callable[..., T]], functools._lru_cache_wrapper[T]]:
    """A :func:`functools.lru_cache` of ``maxsize`` entries, registered for :func:`clear_caches`.

    Examples
    --------
    >>> @cached(maxsize=2)
    ... def double(x):
    ...     return 2 * x
    >>> double(4), double.cache_info().maxsize
    (8, 2)
    """

    def decorate(function: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
        wrapper = functools.lru_cache(maxsize=maxsize)(function)
        register(wrapper.cache_clear)
        return wrapper

    return decorate


def clear_caches() -> None:
    """Empty every internal cache of :mod:`gametheory`.

    The library caches work that several calls on the same game share: the
    derivation of a parametric game's branches (reused by sweeps,
    thresholds and regime maps), compiled formulas, factored polynomials,
    substituted games. The caches are bounded, but after analysing many
    distinct games they may hold tens of megabytes; this frees them. Answers
    do not change, the next call on a game only recomputes what it needs.
    Safe to call at any time, from any thread.

    Examples
    --------
    >>> import gametheory as gt
    >>> game = gt.NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> before = gt.parametric_equilibria(game)
    >>> gt.clear_caches()
    >>> gt.parametric_equilibria(game) == before  # derived again, the same answer
    True
    """
    with _LOCK:
        clearers = list(_CLEARERS)
    for clear in clearers:
        clear()
