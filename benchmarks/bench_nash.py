"""Benchmark: all equilibria of random two-player games, against the peers.

Run ``python benchmarks/bench_nash.py`` (``--help`` for options). Two tables
are printed:

1. float games with standard-normal payoffs, n x n for n = 2..14:
   ``gametheory.nash_equilibria`` against nashpy's support and vertex
   enumeration, pygambit's ``enummixed_solve(rational=False)`` and
   quantecon's ``vertex_enumeration``; the equilibrium counts are compared
   with the fastest peer;
2. integer games (payoffs uniform in -10..10), exact: ``nash_equilibria``
   against lrslib's ``lrsnash`` (Debian's ``lrslib`` build, run as a process
   on a game file, process start included; column ``-`` when it is not
   installed; ``--lrsnash-128 PATH`` adds another build, such as lrslib 7
   compiled from source with 128-bit integers), pygambit's
   ``enummixed_solve(rational=True)`` and, for reference, quantecon's float
   ``vertex_enumeration``. ``ratio`` is ours
   divided by lrsnash (below 1: we are faster); ``counts agree`` compares
   the number of equilibria with the exact peers, game by game.
   ``--exact-only`` prints this table alone, for ``--min-n``..``--max-n``.

Times are the median over the games of one size of the best of
``--repeats`` runs per game (one run when it takes over 0.2 s), after one
warm-up call per solver (on a 2 x 2 game). The solvers take turns game by game, so that a
busy machine slows them alike. A peer that is missing is shown as
``-``; a peer whose single run exceeded ``--budget`` seconds is not run on
larger games, and nashpy is not run above ``--nashpy-max-n``, nor pygambit's
rational solver above ``--pygambit-max-n`` (``skip``; it takes seconds at
n = 10 and minutes from n = 12 on).
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from typing import Any

import numpy as np
from _peers import (
    Capped,
    Solver,
    best_of,
    lrsnash_solver,
    nashpy_solver,
    ours,
    pygambit_solver,
    quantecon_solver,
)


def _peers_float(nashpy_max_n: int) -> dict[str, Solver | None]:
    return {
        "nashpy support": nashpy_solver("support_enumeration", max_n=nashpy_max_n),
        "nashpy vertex": nashpy_solver("vertex_enumeration", max_n=nashpy_max_n),
        "pygambit float": pygambit_solver(rational=False),
        "quantecon vertex": quantecon_solver("vertex_enumeration"),
    }


def _call(solver: Solver | None, a: np.ndarray, b: np.ndarray) -> int:
    assert solver is not None
    return solver(a, b)


def _time(solver: Solver | None, a: np.ndarray, b: np.ndarray, repeats: int) -> tuple[float, int]:
    """Best of ``repeats`` runs (a single run when it takes over 0.2 s), and the count found."""
    return best_of(lambda: _call(solver, a, b), repeats, single_above=0.2)


def _run(
    title: str,
    sizes: list[int],
    games: Callable[[int], list[tuple[np.ndarray, np.ndarray]]],
    solvers: dict[str, Solver | None],
    budget: float,
    repeats: int,
    references: tuple[str, ...] = (),
    exact_peers: tuple[str, ...] = (),
) -> None:
    """Print one table; with ``references``, one ratio ours / reference each, counts compared with ``exact_peers``."""
    names = list(solvers)
    print(f"\n{title}")
    ratios = [f"ratio {name.split(' ', 1)[-1]}" for name in references] or ["ratio"]
    header = ["n", *names, *ratios, "counts agree"]
    print(" | ".join(f"{h:>16}" for h in header))
    print("-" * (19 * len(header)))
    over_budget: set[str] = set()
    warmed: set[str] = set()
    for n in sizes:
        cases = games(n)
        active = [name for name in names if solvers[name] is not None and name not in over_budget]
        for name in active:
            if name not in warmed:  # imports, numba compilation: on a 2 x 2 corner of the first game
                try:
                    _call(solvers[name], *(matrix[:2, :2] for matrix in cases[0]))
                except Capped:
                    continue
                warmed.add(name)
        times: dict[str, list[float]] = {name: [] for name in active}
        found: dict[str, list[int]] = {name: [] for name in active}
        capped: set[str] = set()
        # Interleave the solvers game by game, so that a busy machine slows them alike.
        for a, b in cases:
            for name in active:
                if name in capped or name in over_budget:
                    continue
                try:
                    elapsed, count = _time(solvers[name], a, b, repeats)
                except Capped:
                    capped.add(name)
                    continue
                times[name].append(elapsed)
                found[name].append(count)
                if elapsed > budget:
                    over_budget.add(name)
        row: list[str] = [str(n)]
        medians: dict[str, float] = {}
        counts: dict[str, list[int]] = {}
        for name in names:
            if solvers[name] is None:
                row.append("-")
            elif name in capped or (name not in active):
                row.append("skip")
            elif len(times[name]) < len(cases):
                row.append(f">{budget:g} s")
            else:
                medians[name] = statistics.median(times[name])
                counts[name] = found[name]
                row.append(_format(medians[name]))
        ours = names[0]
        peers = {k: v for k, v in medians.items() if k != ours}
        if references:
            for reference in references:
                row.append(f"{medians[ours] / medians[reference]:.2f}" if {reference, ours} <= medians.keys() else "-")
            checked = [name for name in exact_peers if name in counts]
            disagree = [name for name in checked if counts[name] != counts.get(ours)]
            row.append("-" if not checked else "yes" if not disagree else f"NO vs {', '.join(disagree)}")
        elif ours in medians and peers:
            fastest = min(peers, key=peers.__getitem__)
            row.append(f"{peers[fastest] / medians[ours]:.1f}x vs {fastest.split()[0]}")
            row.append("yes" if counts[ours] == counts[fastest] else f"NO {counts[ours]} != {counts[fastest]}")
        else:
            row += ["-", "-"]
        print(" | ".join(f"{c:>16}" for c in row), flush=True)


def _format(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: Any = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-n", type=int, default=2, help="smallest game size n (default 2)")
    parser.add_argument("--max-n", type=int, default=14, help="largest game size n (default 14)")
    parser.add_argument("--nashpy-max-n", type=int, default=7, help="largest size given to nashpy (default 7)")
    parser.add_argument("--max-exact-n", type=int, default=10, help="largest exact game size (default 10)")
    parser.add_argument("--games", type=int, default=5, help="games per size (default 5)")
    parser.add_argument(
        "--budget", type=float, default=10.0, help="seconds after which a float peer stops (default 10)"
    )
    parser.add_argument("--exact-budget", type=float, default=60.0, help="the same for exact peers (default 60)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per game, best taken (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--pygambit-max-n", type=int, default=10, help="largest size given to pygambit rational (default 10)"
    )
    parser.add_argument("--exact-only", action="store_true", help="only the exact table, for --min-n..--max-n")
    parser.add_argument(
        "--lrsnash-128",
        metavar="PATH",
        help="also time this lrsnash executable (e.g. lrslib 7 built from source with 128-bit integers)",
    )
    args = parser.parse_args(argv)

    if not args.exact_only:
        rng = np.random.default_rng(args.seed)
        normal_cases = {
            n: [(rng.standard_normal((n, n)), rng.standard_normal((n, n))) for _ in range(args.games)]
            for n in range(args.min_n, args.max_n + 1)
        }
        float_solvers: dict[str, Solver | None] = {"gametheory": ours, **_peers_float(args.nashpy_max_n)}
        _run(
            "Float games, standard-normal payoffs (ratio = fastest peer / gametheory)",
            list(normal_cases),
            normal_cases.__getitem__,
            float_solvers,
            args.budget,
            args.repeats,
        )

    # One generator per size, so a size has the same games whatever the other options.
    exact_sizes = range(args.min_n, (args.max_n if args.exact_only else args.max_exact_n) + 1)
    integer_cases = {n: _integer_games(n, args.games, args.seed) for n in exact_sizes}
    exact_solvers: dict[str, Solver | None] = {"gametheory exact": ours, "lrsnash (Debian)": lrsnash_solver()}
    if args.lrsnash_128:
        exact_solvers["lrsnash (128-bit)"] = lrsnash_solver(args.lrsnash_128)
    exact_solvers["pygambit rational"] = pygambit_solver(rational=True, max_n=args.pygambit_max_n)
    exact_solvers["quantecon (float)"] = quantecon_solver("vertex_enumeration")
    lrs = tuple(name for name in exact_solvers if name.startswith("lrsnash"))
    _run(
        "Exact games, integer payoffs in -10..10 (ratio = gametheory / lrsnash; counts: lrsnash and pygambit)",
        list(integer_cases),
        integer_cases.__getitem__,
        exact_solvers,
        args.exact_budget,
        args.repeats,
        references=lrs,
        exact_peers=(*lrs, "pygambit rational"),
    )


def _integer_games(n: int, games: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng([seed, n])
    return [(rng.integers(-10, 11, (n, n)), rng.integers(-10, 11, (n, n))) for _ in range(games)]


if __name__ == "__main__":
    main()
