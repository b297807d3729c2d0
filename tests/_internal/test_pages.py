"""Large arrays on ordinary pages: numpy arrays like any other, released with the array."""

from __future__ import annotations

import gc
import mmap
import pickle
import sys

import numpy as np
import pytest

from gametheory._internal.pages import ordinary_pages


def _mapping(array: np.ndarray) -> object:
    """What the array's memory belongs to, through views and numpy's memoryview of the buffer."""
    owner: object = array
    while isinstance(owner, np.ndarray) and owner.base is not None:
        owner = owner.base
    return owner.obj if isinstance(owner, memoryview) else owner


@pytest.mark.parametrize("dtype", [np.float64, bool, np.int8])
def test_a_large_array_is_a_writable_memory_map_of_the_right_shape(dtype: type) -> None:
    shape = (3, 2, 1000, 1000)
    array = ordinary_pages(shape, dtype=dtype)
    assert array.shape == shape
    assert array.dtype == np.dtype(dtype)
    assert isinstance(_mapping(array), mmap.mmap)
    array[...] = 1
    assert int(array.sum()) == array.size
    # It behaves as any array: views, reductions, pickling.
    view = np.moveaxis(array, 0, -1)
    assert view.shape == (2, 1000, 1000, 3)
    assert view[1, 7, 5, 2] == 1
    assert np.array_equal(pickle.loads(pickle.dumps(array[0, 0, :3, :3])), np.ones((3, 3), dtype=dtype))


def test_a_small_array_is_an_ordinary_numpy_array() -> None:
    array = ordinary_pages((10, 10))
    assert array.base is None
    assert array.flags.owndata


def test_the_memory_goes_with_the_array() -> None:
    array = ordinary_pages((1000, 1000))
    buffer = _mapping(array)
    assert isinstance(buffer, mmap.mmap)
    assert not buffer.closed
    before = sys.getrefcount(buffer)
    del array
    gc.collect()
    # Only this test's name holds the map now: it is unmapped when that goes too.
    assert sys.getrefcount(buffer) < before
    assert sys.getrefcount(buffer) == 2  # this name and getrefcount's own argument
