"""Logit QRE: a vectorised sweep against per-point loops, and the principal branch against pygambit.

(a) The QRE of strike-or-restrain (``gametheory.scenarios.strike_or_restrain``)
    at ``lam = 2`` on a grid of 100,000 (R, c) points, with ``QREModel``
    (payoffs compiled once, one batched Newton continuation for all points),
    against a Python loop of ``logit_qre`` per point and of pygambit's
    ``logit_solve_lambda`` per point, both timed on a random sample of points
    and extrapolated. Agreement is checked on the sample.
(b) ``qre_path`` against pygambit's ``logit_solve`` (both to relative regret
    1e-8) on the same random games of growing size; times, and the largest
    difference between the two limits.

Run: ``.venv/bin/python benchmarks/bench_qre.py [--quick]``.
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np

from gametheory import NormalFormGame
from gametheory.scenarios import strike_or_restrain
from gametheory.sensitivity import QREModel
from gametheory.solvers.qre import logit_qre, qre_path

try:
    import pygambit
except ImportError:  # pragma: no cover - optional peer
    pygambit = None

FIXED = {"b": 1, "d": 0.5, "k": 2, "l": 1}
LAM = 2.0


def gambit_game(payoffs: np.ndarray) -> object:
    """A pygambit game from a payoff array of shape ``shape + (N,)`` (floats)."""
    return pygambit.Game.from_arrays(*[payoffs[..., i] for i in range(payoffs.shape[-1])])


def gambit_profile(profile: object, game: object) -> list[np.ndarray]:
    return [np.array([float(profile[s]) for s in player.strategies]) for player in game.players]


def sweep_benchmark(points: int, sample: int, rng: np.random.Generator) -> None:
    side = round(np.sqrt(points))
    r_axis, c_axis = np.linspace(0.1, 5, side), np.linspace(0.1, 5, points // side)
    model = QREModel(strike_or_restrain(), lam=LAM).fix(FIXED)
    shape = (len(r_axis), len(c_axis))
    values = {"R": r_axis[:, None], "c": c_axis[None, :]}
    model.solve_grid({"R": r_axis[:2, None], "c": c_axis[None, :2]}, (2, 2))  # compile once, untimed
    start = time.perf_counter()
    grid = model.solve_grid(values, shape)
    batched = time.perf_counter() - start
    total = shape[0] * shape[1]
    picks = rng.choice(total, size=sample, replace=False)
    game = strike_or_restrain()
    numeric = [game.substitute({"R": r_axis[k // shape[1]], "c": c_axis[k % shape[1]], **FIXED}) for k in picks]
    start = time.perf_counter()
    ours = [logit_qre(g, LAM) for g in numeric]
    loop = (time.perf_counter() - start) / sample * total
    diff = max(
        float(np.max(np.abs(grid.probabilities[i][np.unravel_index(k, shape)] - q.profile[i])))
        for k, q in zip(picks, ours, strict=True)
        for i in range(2)
    )
    rows = [
        ("QREModel.solve_grid (batched)", batched, "measured", f"{diff:.1e} vs logit_qre"),
        ("logit_qre per point", loop, f"from {sample} points", ""),
    ]
    if pygambit is not None:
        games = [gambit_game(np.asarray(g.float_payoffs(), dtype=np.float64)) for g in numeric]
        start = time.perf_counter()
        theirs = [pygambit.qre.logit_solve_lambda(g, [LAM])[0] for g in games]
        gambit = (time.perf_counter() - start) / sample * total
        gdiff = max(
            float(np.max(np.abs(grid.probabilities[i][np.unravel_index(k, shape)] - gambit_profile(t.profile, g)[i])))
            for k, t, g in zip(picks, theirs, games, strict=True)
            for i in range(2)
        )
        rows.append(("pygambit logit_solve_lambda per point", gambit, f"from {sample} points", f"{gdiff:.1e}"))
    print(f"\n(a) QRE sweep of strike-or-restrain at lam = {LAM}: {total:,} points, {grid.fallbacks} fallbacks")
    print(f"{'method':40s} {'time (s)':>10s} {'speed-up':>9s}  {'how':22s} max |diff| of probabilities")
    for name, seconds, how, note in rows:
        print(f"{name:40s} {seconds:10.2f} {seconds / batched:8.0f}x  {how:22s} {note}")


def path_benchmark(shapes: list[tuple[int, ...]], repeats: int, rng: np.random.Generator) -> None:
    print("\n(b) principal branch to its Nash limit (relative regret 1e-8), random games, median over games")
    header = f"{'game':>10s} {'qre_path (s)':>13s} {'pygambit logit_solve (s)':>25s} {'ratio':>7s}"
    print(header + f" {'max |limit diff|':>17s}")
    for shape in shapes:
        ours, theirs, diffs = [], [], []
        for _ in range(repeats):
            payoffs = rng.integers(-10, 11, size=(*shape, len(shape))).astype(np.float64)
            game = NormalFormGame(payoffs)
            start = time.perf_counter()
            limit = qre_path(game).limit
            ours.append(time.perf_counter() - start)
            if pygambit is None:
                continue
            ggame = gambit_game(payoffs)
            start = time.perf_counter()
            result = pygambit.nash.logit_solve(ggame).equilibria[0]
            theirs.append(time.perf_counter() - start)
            if limit is not None:
                mine = limit.as_float()
                other = gambit_profile(result, ggame)
                diffs.append(max(float(np.max(np.abs(a - b))) for a, b in zip(mine, other, strict=True)))
        label = "x".join(str(n) for n in shape)
        t_ours = float(np.median(ours))
        t_theirs = float(np.median(theirs)) if theirs else float("nan")
        diff = max(diffs) if diffs else float("nan")
        print(f"{label:>10s} {t_ours:13.4f} {t_theirs:25.4f} {t_ours / t_theirs:7.1f} {diff:17.1e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 points and fewer games")
    args = parser.parse_args()
    rng = np.random.default_rng(2024)
    peer = getattr(pygambit, "__version__", "-")
    print(f"Python {platform.python_version()}, numpy {np.__version__}, pygambit {peer}")
    sweep_benchmark(10_000 if args.quick else 100_000, 50 if args.quick else 200, rng)
    shapes = [(2, 2), (3, 3), (5, 5), (10, 10), (15, 15), (20, 20), (3, 3, 3), (4, 4, 4)]
    path_benchmark(shapes[:4] + shapes[6:7] if args.quick else shapes, 3 if args.quick else 5, rng)


if __name__ == "__main__":
    main()
