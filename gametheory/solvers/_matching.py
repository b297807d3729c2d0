"""Matching of completely labelled vertex pairs with numpy bitmasks (private kernel).

A vertex ``x`` of the row player's polytope and a vertex ``y`` of the
column player's form an equilibrium when their label sets cover all
``m + n`` labels. Labels are packed into rows of ``uint64`` words so the
test is a vectorised bitwise OR.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gametheory._internal.limits import check_time

__all__ = ["complete_pairs", "pack_masks"]

_WORD = 64
_ALL_ONES = (1 << _WORD) - 1


def pack_masks(masks: Sequence[int] | np.ndarray, num_labels: int) -> np.ndarray:
    """Pack bitmasks (Python ints, or ``uint64`` already) into a ``uint64`` array of shape ``(len(masks), words)``."""
    words = max(1, -(-num_labels // _WORD))
    if isinstance(masks, np.ndarray) and masks.dtype == np.uint64:
        return masks.reshape(-1, 1)
    out = np.empty((len(masks), words), dtype=np.uint64)
    for w in range(words):
        out[:, w] = [(mask >> (_WORD * w)) & _ALL_ONES for mask in masks]
    return out


def complete_pairs(
    row_masks: Sequence[int] | np.ndarray,
    row_degenerate: Sequence[bool] | np.ndarray,
    column_masks: Sequence[int] | np.ndarray,
    column_degenerate: Sequence[bool] | np.ndarray,
    num_labels: int,
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` whose label sets together cover all ``num_labels`` labels.

    A nondegenerate vertex (exactly as many labels as its dimension) can only
    pair with the vertex labelled by its exact complement, found by sorting;
    a degenerate vertex is tested against every vertex of the other side.
    """
    if len(row_masks) == 0 or len(column_masks) == 0:
        return []
    full = pack_masks([(1 << num_labels) - 1], num_labels)[0]
    rows = pack_masks(row_masks, num_labels)
    columns = pack_masks(column_masks, num_labels)
    pairs: set[tuple[int, int]] = set()
    # Nondegenerate row vertices: look up the complement among the column vertices.
    plain = np.flatnonzero(~np.asarray(row_degenerate, dtype=bool))
    if plain.size:
        wanted = _as_keys(rows[plain] ^ full)
        keys = _as_keys(columns)
        _, found_rows, found_columns = np.intersect1d(wanted, keys, assume_unique=True, return_indices=True)
        pairs.update(zip(plain[found_rows].tolist(), found_columns.tolist(), strict=True))
    for side, (mine, other, degenerate) in enumerate(
        ((rows, columns, row_degenerate), (columns, rows, column_degenerate))
    ):
        for i in np.flatnonzero(np.asarray(degenerate, dtype=bool)):
            check_time()
            covered = np.all((other | mine[i]) == full, axis=1)
            for j in np.flatnonzero(covered).tolist():
                pairs.add((int(i), j) if side == 0 else (j, int(i)))
    return sorted(pairs)


def _as_keys(packed: np.ndarray) -> np.ndarray:
    """One sortable scalar per row (the raw bytes of its words)."""
    packed = np.ascontiguousarray(packed)
    if packed.shape[1] == 1:
        return packed[:, 0]
    return packed.view(np.dtype((np.void, packed.dtype.itemsize * packed.shape[1])))[:, 0]
