"""Shared internals of :mod:`gametheory`: not public API, and free to change.

This package sits below every other one (``games`` and everything above it
may import it; it imports only :mod:`gametheory.exceptions`):

* :mod:`gametheory._internal.limits`: time limits (``time_limit=``) and the
  memory guard, which raise :class:`~gametheory.exceptions.ResourceLimitError`;
* :mod:`gametheory._internal.caches`: the registry of the library's caches,
  emptied by :func:`gametheory.clear_caches`;
* :mod:`gametheory._internal.tolerance`: each player's float tolerance and the
  power-of-two scaling behind every float decision;
* :mod:`gametheory._internal.parameters` and :mod:`~gametheory._internal.names`:
  parameter names (one NFKC spelling) and values given by name;
* :mod:`gametheory._internal.formatting` and :mod:`~gametheory._internal.bigints`:
  numbers for display, integers beyond Python's 4,300-digit ``str`` limit;
* :mod:`gametheory._internal.exact_lp`: the exact simplex method;
* :mod:`gametheory._internal.validation`: ``rng=`` and ``tol=`` checks.

Examples
--------
>>> from gametheory._internal.limits import Deadline
>>> Deadline(None, "nash_equilibria").expired()
False
"""

__all__: list[str] = []
