"""Benchmark: all equilibria of random N-player games, against pygambit's ``enumpoly_solve``.

Run ``python benchmarks/bench_n_player.py`` (``--help`` for options). For
each shape (default 3x3x3 with 20 games and 4x4x4 with 4 games) the games
have integer payoffs uniform in -10..10 (``numpy.random.default_rng(seed)``,
seeds 0, 1, ...). ``gametheory.n_player_equilibria`` (exact) runs in this
process; pygambit's ``enumpoly_solve`` runs in a worker process that is
killed and restarted when a game takes longer than ``--timeout`` seconds,
which is then counted as its time (enumpoly sometimes hangs). The worker
times the call itself, so its start-up is not counted. The solvers take
turns game by game, so that a busy machine slows them alike; times are the
best of ``--repeats`` runs (one run when it takes over 0.5 s).

The summary table gives, per shape, the median time of each solver, the
median of the per-game ratios ours / enumpoly (below 1: we are faster), the
number of games where the counts of equilibria agree, and the totals. The
per-game table lists both counts; where they differ, ``ours Nash`` says
whether every profile we return passes :func:`~gametheory.solvers.verify.is_nash`
and ``enumpoly only`` how many of enumpoly's profiles match none of ours
(within 1e-6); those would be equilibria we miss.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import time
import warnings
from typing import Any

import numpy as np

from gametheory.exceptions import ContinuumWarning
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.n_player import n_player_equilibria
from gametheory.solvers.verify import is_nash


def _worker(connection: Any) -> None:
    import pygambit

    while True:
        payoffs = connection.recv()
        if payoffs is None:
            return
        game = pygambit.Game.from_arrays(*[payoffs[..., i] for i in range(payoffs.shape[-1])])
        start = time.perf_counter()
        result = pygambit.nash.enumpoly_solve(game)
        elapsed = time.perf_counter() - start
        profiles = [[[float(eq[s]) for s in player.strategies] for player in game.players] for eq in result.equilibria]
        connection.send((elapsed, profiles))


class Enumpoly:
    """pygambit's enumpoly_solve in a worker process that a time-out kills."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.process: Any = None
        self.connection: Any = None

    def _start(self) -> None:
        self.connection, child = mp.Pipe()
        self.process = mp.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()

    def solve(self, payoffs: np.ndarray) -> tuple[float, list[Any] | None]:
        """Seconds and the profiles found, or (timeout, None) when it did not finish in time."""
        if self.process is None:
            self._start()
        self.connection.send(payoffs)
        # Generous slack for the worker's first import of pygambit.
        if self.connection.poll(self.timeout + 5):
            elapsed, profiles = self.connection.recv()
            if elapsed <= self.timeout:
                return elapsed, profiles
            return self.timeout, None
        self.process.kill()
        self.process.join()
        self.process = None
        return self.timeout, None

    def close(self) -> None:
        if self.process is not None:
            self.connection.send(None)
            self.process.join(5)


def available() -> bool:
    try:
        import pygambit  # noqa: F401
    except ImportError:
        return False
    return True


def _ours(game: NormalFormGame, time_limit: float) -> tuple[float, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ContinuumWarning)
        start = time.perf_counter()
        result = n_player_equilibria(game, time_limit=time_limit)
        return time.perf_counter() - start, result


def _matches(profile: list[list[float]], ours: Any) -> bool:
    return any(
        all(
            np.allclose(np.asarray(p, dtype=float), np.asarray(q, dtype=float), atol=1e-6)
            for p, q in zip(profile, eq.profile, strict=True)
        )
        for eq in ours
    )


def run(
    shape: tuple[int, ...], games: int, repeats: int, timeout: float, time_limit: float, peer: Enumpoly | None
) -> dict[str, Any]:
    rows = []
    for seed in range(games):
        payoffs = np.random.default_rng(seed).integers(-10, 11, size=(*shape, len(shape)))
        game = NormalFormGame(payoffs)
        ours_time, ours_result = float("inf"), None
        theirs_time, theirs = float("inf"), None
        for attempt in range(repeats):
            elapsed, ours_result = _ours(game, time_limit)
            ours_time = min(ours_time, elapsed)
            if peer is not None and (attempt == 0 or (theirs is not None and theirs_time <= 0.5)):
                elapsed, profiles = peer.solve(payoffs)
                if attempt == 0 or profiles is not None:
                    theirs_time, theirs = min(theirs_time, elapsed), profiles
            if ours_time > 0.5 and (peer is None or theirs_time > 0.5):
                break
        assert ours_result is not None
        row = {"seed": seed, "ours": ours_time, "n_ours": len(ours_result), "theirs": theirs_time if peer else None}
        row["n_theirs"] = None if theirs is None else len(theirs)
        row["nash"] = all(is_nash(game, eq.profile) for eq in ours_result)
        row["only_theirs"] = None if theirs is None else sum(not _matches(p, ours_result) for p in theirs)
        rows.append(row)
        print(_row_text(shape, row), flush=True)
    return {"shape": shape, "rows": rows}


def _row_text(shape: tuple[int, ...], row: dict[str, Any]) -> str:
    theirs = "-" if row["theirs"] is None else f"{row['theirs']:.3f}"
    count = "timeout" if row["n_theirs"] is None else str(row["n_theirs"])
    only = "-" if row["only_theirs"] is None else str(row["only_theirs"])
    ratio = "-" if row["theirs"] is None else f"{row['ours'] / row['theirs']:.2f}"
    shape_text = "x".join(map(str, shape))
    return (
        f"| {shape_text} | {row['seed']:>4} | {row['ours']:8.3f} | {theirs:>8} | {ratio:>6} | {row['n_ours']:>4} | "
        f"{count:>7} | {'yes' if row['nash'] else 'NO':>4} | {only:>4} |"
    )


def summary(results: list[dict[str, Any]]) -> str:
    lines = [
        "| shape | games | ours median (s) | enumpoly median (s) | median ratio | enumpoly time-outs | counts agree | "
        "equilibria ours / enumpoly | enumpoly-only profiles |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        rows = result["rows"]
        shape = "x".join(map(str, result["shape"]))
        ours = statistics.median(r["ours"] for r in rows)
        if rows[0]["theirs"] is None:
            lines.append(
                f"| {shape} | {len(rows)} | {ours:.3f} | - | - | - | - | {sum(r['n_ours'] for r in rows)} / - | - |"
            )
            continue
        theirs = statistics.median(r["theirs"] for r in rows)
        ratio = statistics.median(r["ours"] / r["theirs"] for r in rows)
        timeouts = sum(r["n_theirs"] is None for r in rows)
        agree = sum(r["n_theirs"] == r["n_ours"] for r in rows)
        total_theirs = sum(r["n_theirs"] or 0 for r in rows)
        only = sum(r["only_theirs"] or 0 for r in rows)
        lines.append(
            f"| {shape} | {len(rows)} | {ours:.3f} | {theirs:.3f} | {ratio:.2f} | {timeouts} | {agree}/{len(rows)} | "
            f"{sum(r['n_ours'] for r in rows)} / {total_theirs} | {only} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games-3", type=int, default=20, help="3x3x3 games (default 20)")
    parser.add_argument("--games-4", type=int, default=4, help="4x4x4 games (default 4)")
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs per game (default 3)")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="enumpoly time-out per game in seconds (default 10)"
    )
    parser.add_argument("--time-limit", type=float, default=1800.0, help="our time_limit per game (default 1800)")
    args = parser.parse_args()
    peer = Enumpoly(args.timeout) if available() else None
    if peer is None:
        print("pygambit is not installed: only our times are shown")
    print("| shape | seed | ours (s) | enumpoly (s) | ratio | ours | enumpoly | ours Nash | enumpoly only |")
    print("|---|---|---|---|---|---|---|---|---|")
    results = []
    try:
        for shape, games in (((3, 3, 3), args.games_3), ((4, 4, 4), args.games_4)):
            if games:
                results.append(run(shape, games, args.repeats, args.timeout, args.time_limit, peer))
    finally:
        if peer is not None:
            peer.close()
    print()
    print(summary(results))


if __name__ == "__main__":
    main()
