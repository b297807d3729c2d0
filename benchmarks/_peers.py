"""Helpers shared by the benchmark scripts: timing, and bimatrix solvers of the peer libraries.

Each solver takes the two payoff matrices ``(a, b)`` of a game and returns
its number of distinct equilibria; a factory returns ``None`` when its library is
not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.enumeration import nash_equilibria

Solver = Callable[[np.ndarray, np.ndarray], int]
T = TypeVar("T")


class Capped(Exception):
    """Raised by a peer that is not run at this size."""


def best_of(
    run: Callable[[], T], repeats: int, *, setup: Callable[[], Any] | None = None, single_above: float = float("inf")
) -> tuple[float, T]:
    """Best wall time of ``repeats`` calls of ``run`` (``setup`` runs untimed before each), and the last result.

    A first run slower than ``single_above`` seconds is not repeated.
    """
    best, result = float("inf"), None
    for attempt in range(repeats):
        if setup is not None:
            setup()
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
        if attempt == 0 and best > single_above:
            break
    return best, result  # type: ignore[return-value]


def ours(a: np.ndarray, b: np.ndarray) -> int:
    """``gametheory.nash_equilibria`` on the bimatrix game."""
    return len(nash_equilibria(NormalFormGame.from_bimatrix(a, b)))


def nashpy_solver(method: str, *, max_n: int | None = None) -> Solver | None:
    """nashpy's ``support_enumeration`` or ``vertex_enumeration``; raises :class:`Capped` above ``max_n`` rows."""
    try:
        import nashpy
    except ImportError:
        return None

    def solve(a: np.ndarray, b: np.ndarray) -> int:
        if max_n is not None and a.shape[0] > max_n:
            raise Capped
        with warnings.catch_warnings():  # nashpy warns on an even count (degenerate games)
            warnings.simplefilter("ignore")
            return len(list(getattr(nashpy.Game(a, b), method)()))

    return solve


def quantecon_solver(method: str) -> Solver | None:
    """quantecon's ``support_enumeration`` or ``vertex_enumeration``, compiled (numba) before it is returned."""
    try:
        from quantecon import game_theory as qe
    except ImportError:
        return None

    def solve(a: np.ndarray, b: np.ndarray) -> int:
        return len(getattr(qe, method)(qe.NormalFormGame((qe.Player(a), qe.Player(b.T)))))

    solve(np.eye(2), np.eye(2))  # numba compilation, not timed
    return solve


def pygambit_solver(*, rational: bool, max_n: int | None = None) -> Solver | None:
    """pygambit's ``enummixed_solve``, in exact rationals or in floats; raises :class:`Capped` above ``max_n`` rows."""
    try:
        import pygambit
    except ImportError:
        return None

    def solve(a: np.ndarray, b: np.ndarray) -> int:
        if max_n is not None and a.shape[0] > max_n:
            raise Capped
        # Exact games go in as Python ints, which pygambit reads as rationals.
        game = pygambit.Game.from_arrays(a.tolist(), b.tolist()) if rational else pygambit.Game.from_arrays(a, b)
        equilibria = pygambit.nash.enummixed_solve(game, rational=rational).equilibria
        # enummixed can list one equilibrium more than once: count distinct profiles.
        strategies = list(game.strategies)
        if rational:
            return len({tuple(eq[s] for s in strategies) for eq in equilibria})
        return len({tuple(round(float(eq[s]), 8) for s in strategies) for eq in equilibria})

    return solve


def lrsnash_solver(executable: str = "lrsnash") -> Solver | None:
    """lrslib's ``lrsnash`` (exact, GMP) as a separate process: writes the game file, runs it, reads the count.

    The time includes writing the file and starting the process. Returns
    ``None`` when the executable is not on the path (Debian: ``apt install lrslib``).
    """
    path = shutil.which(executable)
    if path is None:
        return None
    found = re.compile(r"Number of equilibria found:\s*(\d+)")

    def solve(a: np.ndarray, b: np.ndarray) -> int:
        rows = [f"{a.shape[0]} {a.shape[1]}", ""]
        for matrix in (a, b):
            rows += [" ".join(str(int(v)) for v in row) for row in matrix]
            rows.append("")
        handle, name = tempfile.mkstemp(suffix=".nash", text=True)
        try:
            with os.fdopen(handle, "w") as file:
                file.write("\n".join(rows))
            output = subprocess.run([path, name], capture_output=True, text=True, check=True).stdout
        finally:
            os.unlink(name)
        match = found.search(output)
        if match is None:
            raise RuntimeError(f"unexpected lrsnash output: {output[-200:]!r}")
        return int(match.group(1))

    return solve
