"""Ranges of support equations over boxes (`_nplayer_ranges.Batch`) against brute force over every corner."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._nplayer_exact import ExactSupport
from gametheory.solvers._nplayer_ranges import Batch
from gametheory.solvers._nplayer_search import Search
from tests.support import irrational_three_player_game


def _batch(shape: tuple[int, ...], seed: int, supports: list[tuple[tuple[int, ...], ...]]) -> Batch:
    payoffs = np.random.default_rng(seed).integers(-10, 11, size=(*shape, len(shape)))
    search = Search(NormalFormGame(payoffs))
    return Batch([ExactSupport(search.payoffs, search.scales, s) for s in supports])


def _brute_force(batch: Batch, owner: int, lo: np.ndarray, hi: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every row's min and max over all corners of every player's box, one corner profile at a time."""
    per_player = []
    for block in batch.blocks:
        corners = []
        for choice in itertools.product(*[(a, b) for a, b in zip(lo[block], hi[block], strict=True)]):
            x = np.array(choice)
            corners.append(np.concatenate([[1.0 - x.sum()], x]))
        per_player.append(corners)
    out = []
    for i, rows in enumerate(batch.rows):
        others = [j for j in range(batch.n) if j != i]
        values = []
        for profile in itertools.product(*(per_player[j] for j in others)):
            tensor = rows[owner]
            for mix in reversed(profile):
                tensor = tensor @ mix
            values.append(tensor)
        stacked = np.array(values)
        out.append((stacked.min(axis=0), stacked.max(axis=0)))
    return out


SUPPORTS_3 = [((0, 1), (0, 1, 2), (0, 2)), ((0, 1, 2), (1, 2), (0, 1, 2)), ((1, 2), (0, 1), (0, 2))]
SUPPORTS_4 = [((0, 1), (0, 1), (0, 1), (0, 1)), ((0, 1, 2), (0, 1), (1, 2), (0, 1))]


@pytest.mark.parametrize(("shape", "supports"), [((3, 3, 3), SUPPORTS_3), ((3, 2, 3, 2), SUPPORTS_4)])
@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**16), boxes=st.integers(0, 2**16))
def test_ranges_are_the_extremes_over_the_corners(
    shape: tuple[int, ...], supports: list[tuple[tuple[int, ...], ...]], seed: int, boxes: int
) -> None:
    batch = _batch(shape, seed, supports)
    rng = np.random.default_rng(boxes)
    count = 6
    owner = rng.integers(0, len(supports), count)
    lo = rng.uniform(-0.02, 0.8, (count, batch.nvars))
    hi = lo + rng.uniform(0, 0.3, (count, batch.nvars)) * (rng.random((count, batch.nvars)) < 0.8)
    lo, hi = np.where(batch.pad[owner], 0.0, lo), np.where(batch.pad[owner], 0.0, hi)
    ranges = batch.ranges(owner, lo, hi)
    for k in range(count):
        for i, (low, high) in enumerate(_brute_force(batch, int(owner[k]), lo[k], hi[k])):
            margin = batch.margins[i][owner[k]]
            # Our bounds include the rounding margin on top of the exact extremes.
            assert np.allclose(ranges[i][0][k] + margin, low, atol=1e-12)
            assert np.allclose(ranges[i][1][k] - margin, high, atol=1e-12)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**16))
def test_jacobian_bounds_contain_finite_differences(seed: int) -> None:
    batch = _batch((3, 3, 3), seed, SUPPORTS_3)
    rng = np.random.default_rng(seed)
    owner = np.array([0, 1, 2])
    lo = np.where(batch.pad[owner], 0.0, rng.uniform(0, 0.6, (3, batch.nvars)))
    hi = np.where(batch.pad[owner], 0.0, lo + 0.2)
    jlo, jhi = batch.jacobian(owner, lo, hi)
    for _ in range(5):
        x = lo + (hi - lo) * rng.random(lo.shape)
        f0, _ = batch.equations_at(owner, x)
        for v in range(batch.nvars):
            step = np.zeros_like(x)
            step[:, v] = 1e-6 * ~batch.pad[owner][:, v]
            f1, _ = batch.equations_at(owner, x + step)
            # The equations are affine in each variable: the difference quotient is the derivative.
            slope = np.where(batch.pad[owner][:, v][:, None], 0.0, (f1 - f0) / 1e-6)
            real = ~batch.pad[owner]
            column_lo, column_hi = jlo[:, :, v], jhi[:, :, v]
            assert np.all(~real | (column_lo <= slope + 1e-5))
            assert np.all(~real | (slope - 1e-5 <= column_hi))


def test_krawczyk_keeps_the_root_and_certifies_it() -> None:
    # The 2x2x2 game with the fully mixed root (1/2, 1/2, 1/2): player i matches or mismatches.
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[a, b, c] = [int(a == b), int(b == c), int(c != a)]
    search = Search(NormalFormGame(payoffs))
    batch = Batch([ExactSupport(search.payoffs, search.scales, ((0, 1), (0, 1), (0, 1)))])
    owner = np.zeros(3, dtype=np.int64)
    lo = np.array([[0.3, 0.4, 0.45], [0.45, 0.45, 0.45], [0.6, 0.6, 0.6]])
    hi = np.array([[0.7, 0.6, 0.55], [0.55, 0.55, 0.55], [0.9, 0.9, 0.9]])
    status, cut_lo, cut_hi = batch.krawczyk(owner, lo, hi)
    # The root stays in the cut box of every box holding it; a box around it is certified; the
    # box away from it is excluded or cut to nothing.
    for k in (0, 1):
        assert np.all(cut_lo[k] <= 0.5)
        assert np.all(cut_hi[k] >= 0.5)
    assert status[1] == 1
    assert status[2] == -1 or np.any(cut_lo[2] > cut_hi[2])


@settings(max_examples=60, deadline=None)
@given(
    below=st.lists(st.floats(1e-4, 0.25), min_size=3, max_size=3),
    above=st.lists(st.floats(1e-4, 0.25), min_size=3, max_size=3),
)
def test_krawczyk_never_loses_an_irrational_root(below: list[float], above: list[float]) -> None:
    # Every player's second strategy has probability 1 - 1/sqrt(2) at the one fully mixed root.
    search = Search(irrational_three_player_game())
    batch = Batch([ExactSupport(search.payoffs, search.scales, ((0, 1), (0, 1), (0, 1)))])
    root = 1 - 2**-0.5
    lo, hi = root - np.array([below]), root + np.array([above])
    status, cut_lo, cut_hi = batch.krawczyk(np.zeros(1, dtype=np.int64), lo, hi)
    assert status[0] != -1
    assert np.all(cut_lo[0] <= root + 1e-15)
    assert np.all(root - 1e-15 <= cut_hi[0])
    # The cut box is inside the box, and a small box is certified.
    assert np.all(lo[0] <= cut_lo[0])
    assert np.all(cut_hi[0] <= hi[0])
    if max(*below, *above) < 0.01:
        assert status[0] == 1
