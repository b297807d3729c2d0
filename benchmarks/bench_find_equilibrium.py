"""One equilibrium of a large game: ``find_equilibrium`` against pygambit and nashpy.

(a) Random 3-player games, 12 x 12 x 12, float payoffs (integers uniform in 0..99, as floats):
    ``gametheory.find_equilibrium`` against pygambit's ``gnm_solve`` (global
    Newton method) and ``ipa_solve`` (iterated polymatrix approximation).
(b) Random 2-player games, 60 x 60: float games (as in (a))
    against pygambit's ``lcp_solve(rational=False, stop_after=1)`` and
    nashpy's ``lemke_howson`` (label 0); exact games (integer payoffs in
    -10..10, exact answers) against ``lcp_solve(rational=True, stop_after=1)``.

Float payoffs are integers stored as floats: pygambit converts float payoffs
to exact numbers, and with standard-normal payoffs ``gnm_solve`` did not
finish within 60 s on any of the first two 12 x 12 x 12 games.

Each solver runs on the same games, taking turns game by game. The peers run
in a forked child process (a hung or crashed solver is a failure, counted at
the ``--timeout`` in the times, not the end of the benchmark); only the
solver call is timed. For each game the
ratio is our time divided by the peer's (below 1: we are faster); the table
gives medians over the games, successes (a profile whose relative regret,
regret over the player's payoff spread, is at most 1e-6) and the largest
relative regret among successes.

Run: ``.venv/bin/python benchmarks/bench_find_equilibrium.py [--help]`` (about 20 minutes with the defaults).
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from gametheory import NormalFormGame, find_equilibrium, regret

SUCCESS = 1e-6  # relative regret accepted from any solver

Result = tuple[float, list[np.ndarray] | None]  # (seconds, profile or None)


def relative_regret(game: NormalFormGame, profile: list[np.ndarray]) -> float:
    floats = game.float_payoffs().reshape(-1, game.num_players)
    spread = np.maximum(floats.max(axis=0) - floats.min(axis=0), 1e-300)
    return float(np.max(np.asarray(regret(game, profile), dtype=np.float64) / spread))


def ours(payoffs: np.ndarray) -> Result:
    game = NormalFormGame(payoffs)
    start = time.perf_counter()
    equilibrium = find_equilibrium(game, rng=0)
    # The record's own profile: exact answers are checked exactly (relative regret 0).
    return time.perf_counter() - start, list(equilibrium.profile)


def _gambit(payoffs: np.ndarray, method: str) -> Result:
    import pygambit

    arrays = [payoffs[..., i] for i in range(payoffs.shape[-1])]
    if payoffs.dtype.kind in "iu":
        arrays = [a.astype(object) for a in arrays]  # pygambit reads Python ints as exact rationals
    game = pygambit.Game.from_arrays(*arrays)
    solve: Callable[[], Any] = {
        "gnm": lambda: pygambit.nash.gnm_solve(game),
        "ipa": lambda: pygambit.nash.ipa_solve(game),
        "lcp-float": lambda: pygambit.nash.lcp_solve(game, rational=False, stop_after=1),
        "lcp-rational": lambda: pygambit.nash.lcp_solve(game, rational=True, stop_after=1),
    }[method]
    start = time.perf_counter()
    result = solve()
    seconds = time.perf_counter() - start
    if not result.equilibria:
        return seconds, None
    profile = result.equilibria[0]
    return seconds, [np.array([float(profile[s]) for s in p.strategies]) for p in game.players]


def _child(queue: Any, solve: Callable[[np.ndarray], Result], payoffs: np.ndarray) -> None:
    queue.put(solve(payoffs))


def isolated(solve: Callable[[np.ndarray], Result], payoffs: np.ndarray, timeout: float) -> Result:
    """``solve(payoffs)`` in a forked child; ``(timeout, None)`` if it hangs or dies."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child, args=(queue, solve, payoffs))
    child.start()
    try:
        return queue.get(timeout=timeout)
    except Exception:  # the queue's Empty: timed out or crashed
        return timeout, None
    finally:
        child.join(timeout=1)
        if child.is_alive():
            child.kill()
            child.join()


def gambit(payoffs: np.ndarray, method: str, timeout: float) -> Result:
    """pygambit's solver ``method``, isolated."""
    return isolated(lambda p: _gambit(p, method), payoffs, timeout)


def nashpy_lemke_howson(payoffs: np.ndarray) -> Result:
    import nashpy

    game = nashpy.Game(payoffs[..., 0], payoffs[..., 1])
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, y = game.lemke_howson(initial_dropped_label=0)
    seconds = time.perf_counter() - start
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))) or x.shape != (payoffs.shape[0],):
        return seconds, None
    return seconds, [np.asarray(x, dtype=float), np.asarray(y, dtype=float)]


def run(title: str, games: list[np.ndarray], solvers: dict[str, Callable[[np.ndarray], Result]]) -> None:
    times: dict[str, list[float]] = {name: [] for name in solvers}
    regrets: dict[str, list[float]] = {name: [] for name in solvers}
    successes = dict.fromkeys(solvers, 0)
    for index, payoffs in enumerate(games):
        game = NormalFormGame(payoffs)
        for name, solve in solvers.items():  # turns within each game, so that load affects all alike
            seconds, profile = solve(payoffs)
            times[name].append(seconds)
            if profile is not None:
                value = relative_regret(game, profile)
                if value <= SUCCESS:
                    successes[name] += 1
                    regrets[name].append(value)
        print(f"  game {index + 1}/{len(games)}: " + ", ".join(f"{n} {t[-1]:.3f}s" for n, t in times.items()))
    ours_times = np.array(times["find_equilibrium"])
    print(f"\n{title}: {len(games)} games")
    print(f"{'solver':<30}{'median s':>10}{'ratio':>9}{'success':>9}{'max rel. regret':>17}")
    for name in solvers:
        ratio = np.median(ours_times / np.array(times[name]))
        worst = f"{max(regrets[name]):.1e}" if regrets[name] else "-"
        print(f"{name:<30}{np.median(times[name]):>10.3f}{ratio:>9.2f}{successes[name]:>6}/{len(games):<2}{worst:>17}")
    print("ratio: median over games of find_equilibrium's time / the solver's (below 1: find_equilibrium faster)\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games3", type=int, default=11, help="3-player 12x12x12 games")
    parser.add_argument("--games2", type=int, default=21, help="2-player 60x60 games (each kind)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a pygambit run counts as failed")
    parser.add_argument("--nashpy-timeout", type=float, default=10.0, help="the same for nashpy")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")

    three = [rng.integers(0, 100, size=(12, 12, 12, 3)).astype(float) for _ in range(args.games3)]
    run(
        "3 players, 12x12x12, float",
        three,
        {
            "find_equilibrium": ours,
            "pygambit gnm_solve": lambda p: gambit(p, "gnm", args.timeout),
            "pygambit ipa_solve": lambda p: gambit(p, "ipa", args.timeout),
        },
    )
    floats = [rng.integers(0, 100, size=(60, 60, 2)).astype(float) for _ in range(args.games2)]
    run(
        "2 players, 60x60, float",
        floats,
        {
            "find_equilibrium": ours,
            "pygambit lcp_solve": lambda p: gambit(p, "lcp-float", args.timeout),
            "nashpy lemke_howson": lambda p: isolated(nashpy_lemke_howson, p, args.nashpy_timeout),
        },
    )
    exact = [rng.integers(-10, 11, size=(60, 60, 2)) for _ in range(args.games2)]
    run(
        "2 players, 60x60, exact (integer payoffs, rational answers)",
        exact,
        {"find_equilibrium": ours, "pygambit lcp_solve rational": lambda p: gambit(p, "lcp-rational", args.timeout)},
    )


if __name__ == "__main__":
    main()
