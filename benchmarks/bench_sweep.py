"""Benchmark: a parameter sweep from the branch formulas against solving every point.

Run ``python benchmarks/bench_sweep.py`` (``--help`` for options). Two sweeps:

1. the seed's 2x2 strike-or-restrain game over a 1000 x 1000 grid of the
   reputation cost R and the strike cost c (1,000,000 points);
2. a 3x3 escalation game (US: Strike, Restrain, Withdraw; militia: Attack,
   Deniable attack, Hold) over a 316 x 316 grid of R and c (99,856 points).

``gametheory.sensitivity.sweep`` is timed end to end, deriving the branches
included (every cache emptied first): the best, the median and the first of
``--repeat`` runs (the first also maps fresh memory for the results); another
row shows a sweep of the same game once its branches are derived (the
marginal cost of another sweep). The per-point loops (nashpy's support
and vertex enumeration, quantecon's support enumeration, pygambit's
``enummixed_solve``, and our own ``nash_equilibria`` on ``game.substitute``)
are timed on a random sample of the grid points and extrapolated linearly to
the whole grid; the table says so. A cold-start row runs the same sweep
in ``--processes`` fresh Python processes, one after another: the median
of their first sweeps, and the worst ratio of a process's first sweep to
its best (the first maps fresh memory for every result array, and pays
any one-time cost). Numba-compiled quantecon is warmed up
before timing. The last column divides each loop's time by the best
end-to-end sweep's (for the derived-branches row: how much of the end-to-end
time the derivation takes); a last line gives the fastest loop's factor over
the best, median and first sweep.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from typing import Any

import numpy as np
from _peers import Solver, nashpy_solver, ours, pygambit_solver, quantecon_solver

from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity.sweep import sweep

FIXED_2X2 = {"b": 1.0, "d": 1.0, "k": 2.5, "l": 1.0}
FIXED_3X3 = {"b": 1.0, "d": 1.0, "k": 2.5, "l": 1.0, "w": 1.5}


def strike_game() -> NormalFormGame:
    """The seed's strike-or-restrain game, parameters R, b, c, d, k, l."""
    return NormalFormGame.from_bimatrix(
        [["-d - c", "-c"], ["-d - R", 0]],
        [["b - k + l", 0], ["b", 0]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    )


def escalation_game() -> NormalFormGame:
    """A 3x3 extension: the US may withdraw (cost w), the militia may attack deniably (half the gain, no reprisal)."""
    return NormalFormGame.from_bimatrix(
        [["-d - c", "-d/2 - c", "-c"], ["-d - R", "-d/2 - R/2", 0], ["-w", "-w", "-w"]],
        [["b - k + l", "b/2", 0], ["b", "b/2", 0], ["b + l", "b/2 + l", "l"]],
        players=("US", "Militia"),
        strategies=(("Strike", "Restrain", "Withdraw"), ("Attack", "Deniable attack", "Hold")),
    )


def clear_caches() -> None:
    """Empty every cache of the library (derivation, compilation), so the sweep pays the derivation."""
    import importlib
    import pkgutil

    import sympy

    import gametheory

    sympy.core.cache.clear_cache()
    gc.collect()  # the garbage of the emptied caches is not the next run's cost
    for info in pkgutil.walk_packages(gametheory.__path__, prefix="gametheory."):
        if info.name.startswith(("gametheory.plot", "gametheory.strategies", "gametheory.__main__")):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def time_sweep(
    game: NormalFormGame, axes: dict[str, np.ndarray], fixed: dict[str, float], *, cold: bool, repeat: int
) -> tuple[list[float], Any]:
    """Each of ``repeat`` runs' time; ``cold`` empties the caches first, so the branches are derived in the timing."""
    times, result = [], None
    for _ in range(repeat):
        # Release the previous result first: otherwise this run maps a second set of result arrays.
        result = None
        if cold:
            clear_caches()
        start = time.perf_counter()
        result = sweep(game, axes, fixed=fixed)
        times.append(time.perf_counter() - start)
    return times, result


def cold_start(case: str, side: int, repeat: int, processes: int) -> tuple[float, float, float]:
    """First sweep of each of ``processes`` fresh processes: their median, and the median and max of first / best."""
    firsts, ratios = [], []
    for _ in range(processes):
        command = [sys.executable, __file__, "--child", case, "--repeat", str(repeat), f"--side-{case}", str(side)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        times = json.loads(output.strip().splitlines()[-1])
        firsts.append(times[0])
        ratios.append(times[0] / min(times))
    return float(np.median(firsts)), float(np.median(ratios)), max(ratios)


def child(case: str, side: int, repeat: int) -> None:
    """In a fresh process: time ``repeat`` cold sweeps of one case and print the times as JSON."""
    game, fixed = (strike_game(), FIXED_2X2) if case == "2x2" else (escalation_game(), FIXED_3X3)
    grid = {"R": np.linspace(0.01, 4, side), "c": np.linspace(0.01, 4, side)}
    times, _ = time_sweep(game, grid, fixed, cold=True, repeat=repeat)
    print(json.dumps(times))


def per_point_solvers() -> dict[str, Solver]:
    """Solvers of one numeric bimatrix game, each returning its number of equilibria (missing peers left out)."""
    solvers = {
        "gametheory nash_equilibria": ours,
        "nashpy support_enumeration": nashpy_solver("support_enumeration"),
        "nashpy vertex_enumeration": nashpy_solver("vertex_enumeration"),
        "quantecon support_enumeration": quantecon_solver("support_enumeration"),
        "pygambit enummixed_solve": pygambit_solver(rational=False),
    }
    return {name: solve for name, solve in solvers.items() if solve is not None}


def time_loop(solve: Solver, games: list[tuple[np.ndarray, np.ndarray]], total: int) -> float:
    """Time ``solve`` on the sampled games and extrapolate to ``total`` points."""
    start = time.perf_counter()
    for a, b in games:
        solve(a, b)
    elapsed = time.perf_counter() - start
    return elapsed * total / len(games)


def sample_games(
    game: NormalFormGame, axes: dict[str, np.ndarray], fixed: dict[str, float], count: int, rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    names = list(axes)
    out = []
    for _ in range(count):
        point = {name: float(rng.choice(axes[name])) for name in names} | fixed
        payoffs = game.substitute(point).float_payoffs()
        out.append((np.array(payoffs[..., 0]), np.array(payoffs[..., 1])))
    return out


def run_case(
    title: str,
    game: NormalFormGame,
    axes: dict[str, np.ndarray],
    fixed: dict[str, float],
    sample: int,
    repeat: int,
    rng: np.random.Generator,
    cold: tuple[float, float, float],
) -> None:
    total = int(np.prod([len(v) for v in axes.values()]))
    # The first run is also the first time this process maps the sweep's output memory (see the README).
    times, result = time_sweep(game, axes, fixed, cold=True, repeat=repeat)
    elapsed, typical, first = min(times), float(np.median(times)), times[0]
    warm = min(time_sweep(game, axes, fixed, cold=False, repeat=repeat)[0])
    counts = {label: int(n) for label, n in zip(result.regimes, np.bincount(result.regime.ravel()), strict=True)}
    print(f"\n{title}: {total:,} points ({' x '.join(str(len(v)) for v in axes.values())} grid of {', '.join(axes)})")
    print(f"{len(result.branches)} branches, {len(result.regimes)} regimes on the grid: {counts}")
    rows = [
        ("gametheory sweep (formulas, end to end)", elapsed, f"measured, best of {repeat}", 1.0),
        ("  the same, median of the runs", typical, f"measured, median of {repeat}", elapsed / typical),
        ("  the same, first run", first, "measured, first run", elapsed / first),
        ("  first sweep of a fresh process", cold[0], "median over processes", elapsed / cold[0]),
        ("gametheory sweep (branches already derived)", warm, f"measured, best of {repeat}", elapsed / warm),
    ]
    games = sample_games(game, axes, fixed, sample, rng)
    for name, solve in per_point_solvers().items():
        estimate = time_loop(solve, games, total)
        rows.append((name, estimate, f"{sample} points, extrapolated", estimate / elapsed))
    fastest = min(r[1] for r in rows[5:]) if len(rows) > 5 else float("nan")
    width = max(len(r[0]) for r in rows)
    print(f"{'method':<{width}}  {'time (s)':>10}  {'how':<28}  {'sweep is faster by':>18}")
    for name, seconds, how, ratio in rows:
        ours = name.startswith(("gametheory sweep (formulas", "  the same", "  first sweep"))
        speed = "-" if ours else f"{ratio:,.0f}x"
        print(f"{name:<{width}}  {seconds:>10.3f}  {how:<28}  {speed:>18}")
    print(
        f"fastest per-point loop over the sweep: {fastest / elapsed:,.0f}x (best run), "
        f"{fastest / typical:,.0f}x (median run), {fastest / first:,.0f}x (first run)"
    )
    print(f"fresh processes, first sweep / best sweep of the same process: median {cold[1]:.2f}, max {cold[2]:.2f}")


def derivation_times(repeat: int) -> None:
    """Deriving the branches from a cold start (every cache emptied): the seed's 2x2 games and the sweep's 3x3."""
    from gametheory.games.reduction import to_normal_form
    from gametheory.parametric.equilibria import parametric_equilibria
    from gametheory.scenarios.escalation_chicken import escalation_chicken
    from gametheory.scenarios.plausible_deniability import plausible_deniability
    from gametheory.scenarios.strike_or_restrain import strike_or_restrain
    from gametheory.sensitivity._compile import fixed_game

    escalation = escalation_game()
    games = {
        "strike_or_restrain (seed, 2x2)": strike_or_restrain(),
        "escalation_chicken (seed, 2x2)": escalation_chicken(),
        "plausible_deniability (seed, 2x2 reduced form)": to_normal_form(plausible_deniability()),
        "3x3 escalation, all 7 parameters free": escalation,
        "3x3 escalation, b d k l w fixed (as swept)": fixed_game(escalation, FIXED_3X3),
    }
    print(f"\nDeriving the branches from a cold start (sympy's cache and ours emptied), best of {repeat}:")
    width = max(len(name) for name in games)
    for name, game in games.items():
        best = float("inf")
        for _ in range(repeat):
            clear_caches()
            start = time.perf_counter()
            branches = parametric_equilibria(game)
            best = min(best, time.perf_counter() - start)
        print(f"{name:<{width}}  {len(game.parameters)} parameters  {len(branches):>3} branches  {best * 1e3:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--side-2x2", type=int, default=1000, help="grid side for the 2x2 (default 1000: 1e6 points)")
    parser.add_argument("--side-3x3", type=int, default=316, help="grid side for the 3x3 (default 316: ~1e5 points)")
    parser.add_argument("--sample", type=int, default=300, help="points solved per per-point loop (default 300)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each sweep (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sampled points")
    parser.add_argument("--processes", type=int, default=5, help="fresh processes for the cold start (default 5)")
    parser.add_argument("--child", choices=("2x2", "3x3"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.side_2x2 if options.child == "2x2" else options.side_3x3, options.repeat)
        return
    rng = np.random.default_rng(options.seed)
    # The fresh processes run first, while this one holds little memory.
    cold_2x2 = cold_start("2x2", options.side_2x2, options.repeat, options.processes)
    cold_3x3 = cold_start("3x3", options.side_3x3, options.repeat, options.processes)
    grid = {"R": np.linspace(0.01, 4, options.side_2x2), "c": np.linspace(0.01, 4, options.side_2x2)}
    run_case("2x2 strike-or-restrain", strike_game(), grid, FIXED_2X2, options.sample, options.repeat, rng, cold_2x2)
    grid = {"R": np.linspace(0.01, 4, options.side_3x3), "c": np.linspace(0.01, 4, options.side_3x3)}
    run_case("3x3 escalation", escalation_game(), grid, FIXED_3X3, options.sample, options.repeat, rng, cold_3x3)
    derivation_times(options.repeat)


if __name__ == "__main__":
    main()
