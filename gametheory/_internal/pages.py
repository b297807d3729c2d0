"""Large result arrays on ordinary memory pages (private).

numpy advises the kernel to back every array of 4 MiB or more with
transparent huge pages (``madvise(MADV_HUGEPAGE)``). Where the kernel's
``defrag`` setting is ``madvise`` (a common default), that advice makes a
page fault compact memory on the spot when no free 2 MiB page is at hand,
so the first touch of a large fresh array can take several times longer
in one process than in another. Measured on a 2-core VM: a fresh
process's first 1,000,000-point sweep was 1.3x its best run in most
processes and 4.7 to 7.2x in about one in eight; with its result arrays
on ordinary pages, every process was within 1.31x (at the price of about
25 % on the best run: 0.091 s against 0.070 s). The sweep fills its
results once and hands them over, so predictable first touches matter
more than the last quarter of a warm run.

>>> array = ordinary_pages((1000, 1000))
>>> array.shape, array.dtype.name, array.flags.writeable
((1000, 1000), 'float64', True)
"""

from __future__ import annotations

import math
import mmap

import numpy as np
import numpy.typing as npt

__all__ = ["ordinary_pages"]

#: numpy's own threshold for asking for huge pages: smaller arrays are left to numpy.
_LARGE = 4 * 2**20
_POPULATE = getattr(mmap, "MAP_POPULATE", 0)


def ordinary_pages(shape: tuple[int, ...], dtype: npt.DTypeLike = np.float64) -> np.ndarray:
    """An uninitialised array like ``numpy.empty(shape, dtype)``, on ordinary pages when it is large.

    A large one is an anonymous memory map, without huge-page advice, released with the array.
    """
    dtype = np.dtype(dtype)
    size = math.prod(shape) * dtype.itemsize
    if size < _LARGE:
        return np.empty(shape, dtype=dtype)
    try:
        # Populated at once where the system can (one call instead of a fault per 4 KiB page).
        buffer = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | _POPULATE)
    except OSError:  # out of address space or memory: let numpy say so as it always has
        return np.empty(shape, dtype=dtype)
    return np.frombuffer(buffer, dtype=dtype).reshape(shape)
