"""Benchmark: exact thresholds against deriving the branches they come from.

Run ``python benchmarks/bench_thresholds.py`` (``--help`` for options).

For random 3x3 integer games in which two parameters ``x`` and ``y`` enter
several payoffs linearly (and for the seed scenarios in
:mod:`gametheory.scenarios`), it times, cold (every cache of the library and
sympy's emptied first, garbage collected), side by side and game by game:

- ``parametric_equilibria(game)``: deriving the branches with every
  parameter free (for a tree, ``subgame_perfect_regimes(tree)``);
- ``thresholds(game, parameter, fixed=base)``: the threshold scan along one
  parameter through a base point (deriving the branches of the game with
  the other parameters fixed included).

Each is the median of ``--repeat`` runs, taken in turns. It prints the
ratio thresholds / parametric_equilibria per game, then their median and
maximum.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import sympy

from gametheory import clear_caches
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric.equilibria import parametric_equilibria
from gametheory.parametric.subgame_perfect import subgame_perfect_regimes
from gametheory.sensitivity.thresholds import thresholds


def random_game(rng: np.random.Generator, *, entries: int) -> NormalFormGame:
    """A 3x3 integer game; ``entries`` payoffs get ``a*x + b*y`` added (small integer a, b)."""
    x, y = sympy.symbols("x y")
    payoffs: list[Any] = [sympy.Integer(int(v)) for v in rng.integers(-5, 6, size=18)]
    for index in rng.choice(18, size=entries, replace=False):
        a, b = (int(v) for v in rng.integers(-2, 3, size=2))
        if a == 0 and b == 0:
            a = 1
        payoffs[index] += a * x + b * y
    first = [[payoffs[3 * i + j] for j in range(3)] for i in range(3)]
    second = [[payoffs[9 + 3 * i + j] for j in range(3)] for i in range(3)]
    return NormalFormGame.from_bimatrix(first, second)


def cold(run: Callable[[], Any]) -> float:
    clear_caches()
    sympy.core.cache.clear_cache()
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def cases(rng: np.random.Generator, count: int) -> list[tuple[str, Any, str, dict[str, Any]]]:
    from gametheory.games.reduction import to_normal_form
    from gametheory.scenarios import escalation_chicken, plausible_deniability, stay_or_withdraw, strike_or_restrain

    out: list[tuple[str, Any, str, dict[str, Any]]] = [
        ("strike_or_restrain", strike_or_restrain(), "R", {"b": 1, "c": 2, "d": 1, "k": 3, "l": 1}),
        ("stay_or_withdraw (tree)", stay_or_withdraw(), "L", {"d": 1, "c": 2, "R": 3, "b": 1, "k": 3, "l": 1, "V": 1}),
    ]
    for name, game in (
        ("escalation_chicken", escalation_chicken()),
        ("plausible_deniability", to_normal_form(plausible_deniability())),
    ):
        names = [p.name for p in game.parameters]
        out.append((name, game, names[0], {n: index + 1 for index, n in enumerate(names[1:])}))
    for index in range(count):
        game = random_game(rng, entries=int(rng.integers(3, 7)))
        if len(game.parameters) != 2:
            continue
        base = {"y": int(rng.integers(-3, 4))}
        out.append((f"random 3x3 #{index}", game, "x", base))
    return out


def derive(game: Any) -> Any:
    """The exact regimes ``thresholds`` starts from, with every parameter free."""
    if isinstance(game, ExtensiveFormGame):
        return subgame_perfect_regimes(game)
    return parametric_equilibria(game)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, default=20, help="random 3x3 games (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="cold runs of each, median taken (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random games")
    options = parser.parse_args()
    rng = np.random.default_rng(options.seed)
    print(f"{'game':<24} {'branches':>8} {'found':>5} {'parametric_equilibria':>22} {'thresholds':>11} {'ratio':>6}")
    ratios = []
    for name, game, parameter, fixed in cases(rng, options.games):
        derived, scan = [], []
        for _ in range(options.repeat):
            derived.append(cold(lambda game=game: derive(game)))
            scan.append(cold(lambda game=game, p=parameter, f=fixed: thresholds(game, p, fixed=f)))
        branches = len(derive(game))
        found = len(thresholds(game, parameter, fixed=fixed))
        d, s = statistics.median(derived), statistics.median(scan)
        ratios.append(s / d)
        print(f"{name:<24} {branches:>8} {found:>5} {d * 1e3:>19.1f} ms {s * 1e3:>8.1f} ms {s / d:>6.2f}")
    print(f"\nthresholds / parametric_equilibria: median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")


if __name__ == "__main__":
    main()
