"""The level-by-level float64 vertex search against the per-basis exact search, and nash_equilibria against lrsnash."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gametheory.solvers._vertex_fast as vertex_fast
import gametheory.solvers._vertex_lex as vertex_lex
import gametheory.solvers._vertex_partners as vertex_partners
from gametheory import NormalFormGame, nash_equilibria
from gametheory.exceptions import ResourceLimitError
from gametheory.solvers._matching import complete_pairs
from gametheory.solvers._vertex_exact import ExactVertex, exact_vertices
from gametheory.solvers.enumeration import _integer_verified_records, _positive_integers, extreme_equilibria
from gametheory.solvers.verify import is_nash


def _fast(matrix: np.ndarray) -> dict[int, tuple[Fraction, ...]]:
    table = vertex_fast.polytope_vertices(matrix)
    assert list(table.num_labels) == [int(label).bit_count() for label in table.labels]
    out = {}
    for i, label in enumerate(table.labels):
        numerators, denominator = table.coordinates(i)
        out[int(label)] = tuple(Fraction(v, denominator) for v in numerators)
    assert len(out) == len(table.labels)  # one vertex per label set
    return out


def _slow(matrix: np.ndarray) -> dict[int, tuple[Fraction, ...]]:
    return {
        v.labels: tuple(Fraction(x, v.denominator) for x in v.numerators)
        for v in exact_vertices(matrix.tolist())
        if any(v.numerators)
    }


def _counted(function: Callable[..., Any], calls: list[int]) -> Callable[..., Any]:
    """``function``, counting its calls in ``calls``."""

    def wrapper(*args: Any) -> Any:
        calls.append(1)
        return function(*args)

    return wrapper


def _positive(payoffs: np.ndarray) -> np.ndarray:
    return _positive_integers(np.asarray(payoffs, dtype=object))


DEGENERATE = [
    np.zeros((3, 3), dtype=int),  # all-zero game: every point is a vertex pattern of ties
    np.array([[1, 1, 2], [1, 1, 2], [0, 3, 1]]),  # duplicate rows and columns
    np.array([[2, 0], [2, 0], [2, 0]]),
    np.array([[5, 5, 5, 1], [5, 5, 1, 5], [5, 1, 5, 5], [1, 5, 5, 5]]),  # many ties in the ratio tests
    np.kron(np.eye(2, dtype=int), np.ones((2, 3), dtype=int)),
    np.array([[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1]]),
]


@pytest.mark.parametrize("payoffs", DEGENERATE, ids=range(len(DEGENERATE)))
def test_degenerate_polytopes_agree_with_the_exact_search(payoffs: np.ndarray) -> None:
    for matrix in (_positive(payoffs), _positive(payoffs).T):
        assert _fast(matrix) == _slow(matrix)


@settings(max_examples=40, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(1, 5), st.integers(1, 5)), elements=st.integers(-2, 2)))
def test_small_range_polytopes_agree_with_the_exact_search(payoffs: np.ndarray) -> None:
    matrix = _positive(payoffs)
    assert _fast(matrix) == _slow(matrix)


@pytest.mark.parametrize("seed", range(3))
def test_random_polytopes_agree_with_the_exact_search(seed: int) -> None:
    rng = np.random.default_rng(seed)
    matrix = _positive(rng.integers(-10, 11, (7, 8)))
    assert _fast(matrix) == _slow(matrix)


def test_ties_settled_in_python_integers_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no int64 products allowed, every nonzero tie of the ratio tests goes to the Python-integer rule."""
    monkeypatch.setattr(vertex_lex, "_PRODUCT_SAFE", 1.0)
    for payoffs in [*DEGENERATE, np.random.default_rng(5).integers(0, 2, (6, 6))]:
        matrix = _positive(payoffs)
        assert _fast(matrix) == _slow(matrix)


@pytest.mark.parametrize("fit", [2.0**6, 2.0**12])
def test_pivots_beyond_the_float_bound_go_exact_and_come_back(monkeypatch: pytest.MonkeyPatch, fit: float) -> None:
    """With a tiny bound, many pivots fail it: those go to Python integers and return once their entries fit."""
    rng = np.random.default_rng(7)
    matrices = [_positive(rng.integers(-10, 11, (6, 6))), _positive(np.array([[1, 1, 2], [1, 1, 2], [0, 3, 1]]))]
    calls: list[int] = []
    monkeypatch.setattr(vertex_fast, "_pivot", _counted(vertex_fast._pivot, calls))
    monkeypatch.setattr(vertex_fast, "_FIT", fit)
    for matrix in matrices:
        assert _fast(matrix) == _slow(matrix)
    assert calls  # the exact fall-back ran


def test_huge_payoffs_and_many_labels_use_the_exact_search() -> None:
    huge = _positive(np.array([[2**60, 1], [3, 2**61 + 5]], dtype=object))
    assert _fast(huge) == _slow(huge)
    wide = _positive(np.random.default_rng(1).integers(0, 3, (2, 62)))  # 64 labels: more than one uint64
    assert _fast(wide) == _slow(wide)


def test_integer_verification_rejects_a_non_equilibrium() -> None:
    game = NormalFormGame.from_bimatrix([[3, 0], [0, 1]], [[1, 0], [0, 3]])
    pure = np.array([[Fraction(1), Fraction(0)]], dtype=object)
    other = np.array([[Fraction(0), Fraction(1)]], dtype=object)
    assert _integer_verified_records(game, pure, pure) is not None
    assert _integer_verified_records(game, pure, other) is None


@settings(max_examples=25, deadline=None)
@given(
    arrays(np.int64, (3, 4), elements=st.integers(-2, 2)),
    arrays(np.int64, (3, 4), elements=st.integers(-2, 2)),
    st.fractions(min_value=Fraction(1, 7), max_value=3, max_denominator=7),
)
def test_equilibria_are_invariant_under_positive_scaling(a: np.ndarray, b: np.ndarray, scale: Fraction) -> None:
    game = NormalFormGame.from_bimatrix(a, b)
    scaled = NormalFormGame.from_bimatrix(a * scale, b)
    profiles = [tuple(tuple(s) for s in eq.profile) for eq in nash_equilibria(game)]
    assert profiles == [tuple(tuple(s) for s in eq.profile) for eq in nash_equilibria(scaled)]
    assert all(is_nash(game, eq.profile) for eq in nash_equilibria(game))


def _reference_profiles(a: np.ndarray, b: np.ndarray) -> list[tuple[tuple[Fraction, ...], ...]]:
    """Equilibria by the per-basis exact search on both polytopes and bitmask matching (the exact path)."""
    m, n = a.shape
    p = [v for v in exact_vertices(_positive(b).T.tolist()) if any(v.numerators)]
    q = [v for v in exact_vertices(_positive(a).tolist()) if any(v.numerators)]
    low = (1 << n) - 1
    pairs = complete_pairs(
        [v.labels for v in p],
        [v.num_labels > m for v in p],
        [((v.labels & low) << m) | (v.labels >> n) for v in q],
        [v.num_labels > n for v in q],
        m + n,
    )

    def strategy(vertex: ExactVertex) -> tuple[Fraction, ...]:
        return tuple(Fraction(v, sum(vertex.numerators)) for v in vertex.numerators)

    return sorted((strategy(p[i]), strategy(q[j])) for i, j in pairs)


def _profiles(a: np.ndarray, b: np.ndarray) -> list[tuple[tuple[Fraction, ...], ...]]:
    found = extreme_equilibria(NormalFormGame.from_bimatrix(a, b)).equilibria
    return sorted(tuple(tuple(Fraction(v) for v in s) for s in eq.profile) for eq in found)


GAMES = [
    (np.zeros((3, 3), dtype=int), np.zeros((3, 3), dtype=int)),  # all-zero
    (np.array([[1, 1, 2], [1, 1, 2], [0, 3, 1]]), np.array([[2, 2, 0], [2, 2, 0], [1, 0, 3]])),  # duplicates
    (np.array([[-3, 3], [-3, 5]]), np.array([[2, 7], [4, 2]])),  # a segment of equilibria
    (np.ones((2, 4), dtype=int), np.array([[1, 0, 1, 0], [0, 1, 0, 1]])),  # ties everywhere for the row player
    (
        np.kron(np.eye(2, dtype=int), np.ones((2, 2), dtype=int)),
        np.kron(np.eye(2, dtype=int), np.ones((2, 2), dtype=int)),
    ),
]


@pytest.mark.parametrize("game", GAMES, ids=range(len(GAMES)))
def test_partners_agree_with_both_polytopes_on_degenerate_games(game: tuple[np.ndarray, np.ndarray]) -> None:
    a, b = game
    assert _profiles(a, b) == _reference_profiles(a, b)
    assert _profiles(b.T, a.T) == sorted((y, x) for x, y in _reference_profiles(a, b))  # the other player's side


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda m: st.integers(1, 4).flatmap(
            lambda n: st.tuples(
                arrays(np.int64, (m, n), elements=st.integers(-1, 1)),
                arrays(np.int64, (m, n), elements=st.integers(-1, 1)),
            )
        )
    )
)
def test_partners_agree_with_both_polytopes_on_small_games(game: tuple[np.ndarray, np.ndarray]) -> None:
    assert _profiles(*game) == _reference_profiles(*game)


@pytest.mark.parametrize("seed", range(3))
def test_partners_agree_with_both_polytopes_on_random_games(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.integers(-10, 11, (6, 7)), rng.integers(-10, 11, (6, 7))
    assert _profiles(a, b) == _reference_profiles(a, b)


@pytest.mark.parametrize("safe", [2.0**4, 2.0**7])
def test_partner_systems_beyond_the_float_bound_are_solved_exactly(
    monkeypatch: pytest.MonkeyPatch, safe: float
) -> None:
    """2**4: the payoffs themselves exceed the bound; 2**7: elimination steps fail it. Both go to Python integers."""
    rng = np.random.default_rng(3)
    a, b = rng.integers(-10, 11, (5, 5)), rng.integers(-10, 11, (5, 5))
    calls: list[int] = []
    monkeypatch.setattr(vertex_partners, "_solve_exact", _counted(vertex_partners._solve_exact, calls))
    monkeypatch.setattr(vertex_partners, "_SAFE", safe)
    assert _profiles(a, b) == _reference_profiles(a, b)
    assert len(calls) > 10


def test_dependent_support_rows_fall_back_to_the_face() -> None:
    """Identical rows of ``A`` on the support of a mixed ``x``: no tight set is independent; the face is enumerated."""
    a, b = np.array([[1, 0, 2], [1, 0, 2]]), np.array([[1, 0, 0], [0, 1, 0]])
    calls: list[int] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vertex_partners, "_face_partners", _counted(vertex_partners._face_partners, calls))
        assert _profiles(a, b) == _reference_profiles(a, b)
    assert calls


def test_time_limit_stops_a_long_search() -> None:
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.integers(-10, 11, (16, 16)), rng.integers(-10, 11, (16, 16)))
    with pytest.raises(ResourceLimitError):
        nash_equilibria(game, time_limit=0.05)


def test_time_limit_holds_through_masses_of_lexicographic_ties() -> None:
    """A 30x30 game of 0s and 1s has some 100,000 ratio-test ties per level; they are settled in batches."""
    import time

    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.integers(0, 2, (30, 30)), rng.integers(0, 2, (30, 30)))
    start = time.monotonic()
    with pytest.raises(ResourceLimitError):
        nash_equilibria(game, time_limit=1.0)
    assert time.monotonic() - start < 2.5


def _lrsnash_count(a: np.ndarray, b: np.ndarray, tmp_path: Path) -> int:
    path = tmp_path / "game.nash"
    lines = [f"{a.shape[0]} {a.shape[1]}", ""]
    for matrix in (a, b):
        lines += [" ".join(str(int(v)) for v in row) for row in matrix] + [""]
    path.write_text("\n".join(lines))
    output = subprocess.run(["lrsnash", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Number of equilibria found:\s*(\d+)", output)
    assert match is not None
    return int(match.group(1))


@pytest.mark.skipif(shutil.which("lrsnash") is None, reason="lrsnash (Debian lrslib) is not installed")
@pytest.mark.parametrize("seed", range(4))
def test_counts_agree_with_lrsnash(seed: int, tmp_path: Path) -> None:
    rng = np.random.default_rng(seed)
    n = 5 + seed
    a, b = rng.integers(-10, 11, (n, n)), rng.integers(-10, 11, (n, n))
    assert len(nash_equilibria(NormalFormGame.from_bimatrix(a, b))) == _lrsnash_count(a, b, tmp_path)
