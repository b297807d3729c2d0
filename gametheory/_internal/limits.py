"""Bounded work: time limits and a memory guard (private).

*Time limits.* A solver that takes ``time_limit=`` (seconds, or ``None``)
opens a scope around its work::

    with time_limit_scope(time_limit, "nash_equilibria"):
        ...

and its inner loops, however deep and in whichever module, call
:func:`check_time`. The deadline lives in a :class:`contextvars.ContextVar`,
so each thread (and asyncio task) has its own and no signature below the
public one changes. Nested scopes keep the earlier deadline, so the error
names the call whose limit ran out. A check costs a context-variable read
and, under a deadline, one :func:`time.monotonic` call (about 0.1 us), so
loops call it at every step. Cached functions are unaffected: an interrupted
call raises, and :func:`functools.lru_cache` does not store exceptions.

*Memory guard.* :func:`check_allocation` raises before an allocation whose
estimate exceeds :func:`memory_budget`: half of the smallest of the
machine's physical memory, the process's address-space and data-segment
limits (``RLIMIT_AS``, ``RLIMIT_DATA``) and its cgroup memory limit (Linux);
4 GiB where none of these is known. Half, because an estimate counts one
structure, not everything alive beside it.

Both raise :class:`~gametheory.exceptions.ResourceLimitError`.

Examples
--------
>>> import time
>>> from gametheory.exceptions import ResourceLimitError
>>> with time_limit_scope(0.01, "a long loop"):
...     try:
...         while True:
...             check_time()
...     except ResourceLimitError as error:
...         print(error)
a long loop exceeded the time limit of 0.01 s
"""

from __future__ import annotations

import math
import numbers
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any

from gametheory.exceptions import InvalidArgumentError, ResourceLimitError

__all__ = [
    "Deadline",
    "check_allocation",
    "check_time",
    "memory_budget",
    "point_bytes",
    "time_limit_scope",
    "validate_time_limit",
]

#: Budget when the machine's memory cannot be read.
FALLBACK_BUDGET = 4 * 2**30

_CURRENT: ContextVar[Deadline | None] = ContextVar("gametheory_deadline", default=None)


def validate_time_limit(time_limit: Any) -> float | None:
    """``time_limit`` as a float of seconds, or ``None``; anything else is an error.

    Raises
    ------
    InvalidArgumentError
        Unless ``time_limit`` is ``None`` or a finite real number > 0.

    Examples
    --------
    >>> validate_time_limit(2), validate_time_limit(None)
    (2.0, None)
    >>> validate_time_limit(0)
    Traceback (most recent call last):
    ...
    gametheory.exceptions.InvalidArgumentError: time_limit must be a finite number of seconds > 0 or None, not 0
    """
    if time_limit is None:
        return None
    if isinstance(time_limit, numbers.Real) and not isinstance(time_limit, bool):
        try:
            seconds = float(time_limit)
        except (OverflowError, ValueError):
            seconds = math.inf
        if math.isfinite(seconds) and seconds > 0:
            return seconds
    raise InvalidArgumentError(f"time_limit must be a finite number of seconds > 0 or None, not {time_limit!r}")


class Deadline:
    """A point in time after which the work named ``what`` must stop.

    Parameters
    ----------
    time_limit : float or None
        Seconds from now; ``None`` never expires.
    what : str
        The call that set the limit, named in the error.

    Raises
    ------
    InvalidArgumentError
        Unless ``time_limit`` is ``None`` or a finite real number > 0.

    Examples
    --------
    >>> deadline = Deadline(60, "thresholds")
    >>> deadline.expired(), deadline.time_limit
    (False, 60.0)
    """

    __slots__ = ("end", "time_limit", "what")

    def __init__(self, time_limit: Any, what: str) -> None:
        self.time_limit = validate_time_limit(time_limit)
        self.what = what
        self.end = None if self.time_limit is None else time.monotonic() + self.time_limit

    def expired(self) -> bool:
        """Whether the deadline has passed.

        Examples
        --------
        >>> Deadline(None, "sweep").expired()
        False
        """
        return self.end is not None and time.monotonic() > self.end

    def check(self) -> None:
        """Raise :class:`~gametheory.exceptions.ResourceLimitError` if the deadline has passed.

        Examples
        --------
        >>> Deadline(60, "nash_equilibria").check()  # plenty of time left: nothing happens
        """
        if self.end is not None and time.monotonic() > self.end:
            raise ResourceLimitError(f"{self.what} exceeded the time limit of {self.time_limit:g} s")


@contextmanager
def time_limit_scope(time_limit: Any, what: str) -> Iterator[Deadline | None]:
    """Run the body under a deadline of ``time_limit`` seconds, checked by :func:`check_time`.

    ``time_limit`` is validated even when it is ``None`` (no new limit). An
    enclosing scope's earlier deadline stays in force. Yields the deadline
    in force (``None`` when there is none).

    Examples
    --------
    >>> with time_limit_scope(None, "nash_equilibria") as deadline:
    ...     print(deadline)
    None
    """
    deadline = Deadline(time_limit, what)
    current = _CURRENT.get()
    if deadline.end is None or (current is not None and current.end is not None and current.end <= deadline.end):
        yield current
        return
    token = _CURRENT.set(deadline)
    try:
        yield deadline
    finally:
        _CURRENT.reset(token)


def check_time() -> None:
    """Raise :class:`~gametheory.exceptions.ResourceLimitError` if the deadline in force has passed.

    Cheap enough to call at every step of a loop; does nothing outside a
    :func:`time_limit_scope`.

    Examples
    --------
    >>> check_time()  # no deadline in force
    """
    deadline = _CURRENT.get()
    if deadline is not None:
        deadline.check()


def memory_budget() -> int:
    """The largest allocation (bytes) :func:`check_allocation` lets through: see the module notes.

    Examples
    --------
    >>> memory_budget() > 2**20
    True
    """
    limits: list[int] = []
    with suppress(AttributeError, ValueError, OSError):
        limits.append(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    try:
        import resource

        for kind in (resource.RLIMIT_AS, resource.RLIMIT_DATA):
            soft = resource.getrlimit(kind)[0]
            if soft != resource.RLIM_INFINITY and soft > 0:
                limits.append(soft)
    except (ImportError, AttributeError, ValueError, OSError):
        pass
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path, encoding="ascii") as handle:
                text = handle.read().strip()
        except OSError:
            continue
        if text.isdigit() and 0 < int(text) < 2**62:
            limits.append(int(text))
    positive = [v for v in limits if v > 0]
    return min(positive) // 2 if positive else FALLBACK_BUDGET


def point_bytes(game: Any) -> int:
    """A lower estimate of the memory one parameter point of a sweep or Monte Carlo run needs (bytes).

    A game (anything with ``players``) needs its parameter values, and per
    equilibrium column a ``holds`` flag, each player's probabilities and
    payoffs (float64; at least one column is counted); a game function also
    holds one dict of values per point, about a kilobyte.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> point_bytes(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    121
    """
    players = getattr(game, "players", None)
    if players is None:
        return 1024
    shape = getattr(game, "shape", None)
    strategies = sum(shape) if isinstance(shape, tuple) else 2 * len(players)
    return 8 * (len(players) + strategies + 9) + 1


def check_allocation(n_bytes: float, what: str, *, hint: str = "") -> None:
    """Raise :class:`~gametheory.exceptions.ResourceLimitError` if ``n_bytes`` exceeds :func:`memory_budget`.

    Call it with an estimate *before* allocating. ``hint`` (a sentence)
    suggests how to ask for less.

    Examples
    --------
    >>> check_allocation(8 * 1000, "a small table")
    >>> check_allocation(2**70, "a sweep grid of 10**20 points", hint="use fewer points.")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ResourceLimitError: a sweep grid of 10**20 points would need about 1.18e+12 GB ...
    """
    budget = memory_budget()
    if n_bytes > budget:
        message = (
            f"{what} would need about {n_bytes / 1e9:.3g} GB of memory, more than the {budget / 1e9:.3g} GB "
            "budget (half of the memory available to this process)"
        )
        raise ResourceLimitError(f"{message}; {hint}" if hint else message)
