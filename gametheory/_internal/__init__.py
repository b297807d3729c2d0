"""Shared internals of :mod:`gametheory`: not public API, and free to change.

This package sits below every other one (``games`` and everything above it
may import it; it imports only :mod:`gametheory.exceptions`):

* :mod:`gametheory._internal.limits`: time limits (``time_limit=``) and the
  memory guard, which raise :class:`~gametheory.exceptions.ResourceLimitError`;
* :mod:`gametheory._internal.caches`: the registry of the library's caches,
  emptied by :func:`gametheory.clear_caches`.

Examples
--------
>>> from gametheory._internal.limits import Deadline
>>> Deadline(None, "nash_equilibria").expired()
False
"""

__all__: list[str] = []
