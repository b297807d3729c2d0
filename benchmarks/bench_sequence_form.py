"""Sequence-form solvers against pygambit's ``lp_solve`` and ``lcp_solve`` on growing poker-like trees.

Each tree is Kuhn poker generalised: both players ante 1 and get a private
card from ``n`` ranks (dealt by chance, without replacement); player 1 checks
or bets 1, player 2 folds or calls a bet, or checks or bets after a check, and
player 1 then folds or calls. With ``rounds=2`` a check-check leads to a
second betting round of the same shape at stake 2. The reduced normal form
has ``3**n * 4**n`` strategy pairs for one round (2.99 million at ``n = 6``);
the sequence form has ``4n + 1`` sequences per player.

Both libraries solve the same trees: ours are written with
:func:`gametheory.io.generate_efg` and read by pygambit. Times are wall-clock
seconds of one call, exact (rational) arithmetic on both sides; pygambit's
``lcp_solve`` on a tree follows one Lemke path (``stop_after`` applies to the strategic form only).

Run: ``python benchmarks/bench_sequence_form.py [--max-ranks N] [--rounds 1 2]``
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.io.efg import generate_efg
from gametheory.solvers.sequence_form import (
    lemke_howson_tree,
    sequence_form,
    sequence_form_regret,
    solve_zero_sum_tree,
)


def poker(ranks: int, rounds: int = 1) -> ExtensiveFormGame:
    """Generalised Kuhn poker with ``ranks`` cards and one or two betting rounds."""
    deal = Fraction(1, ranks * (ranks - 1))
    branches = {}
    for mine in range(ranks):
        for theirs in range(ranks):
            if mine != theirs:
                sign = 1 if mine > theirs else -1
                branches[f"{mine}-{theirs}"] = (deal, _round(mine, theirs, sign, 1, rounds, ""))
    return ExtensiveFormGame(chance(branches), players=("P1", "P2"), title=f"Poker, {ranks} ranks, {rounds} rounds")


def _round(mine: int, theirs: int, sign: int, stake: int, rounds: int, history: str) -> Any:
    def show(amount: int) -> Any:
        return terminal(sign * amount, -sign * amount)

    pot = stake  # what each player has in before this round's bet
    after_check = show(pot) if rounds == 1 else _round(mine, theirs, sign, 2 * stake, rounds - 1, history + "cc/")
    checked = decision(
        "P2",
        {
            "check": after_check,
            "bet": decision(
                "P1",
                {"fold": terminal(-pot, pot), "call": show(pot + stake)},
                infoset=f"{mine}|{history}cb",
            ),
        },
        infoset=f"{theirs}|{history}c",
    )
    bet = decision("P2", {"fold": terminal(pot, -pot), "call": show(pot + stake)}, infoset=f"{theirs}|{history}b")
    return decision("P1", {"check": checked, "bet": bet}, infoset=f"{mine}|{history}")


def reduced_counts(tree: ExtensiveFormGame) -> tuple[int, int]:
    """Number of reduced pure strategies of each player, counted on the sequence form (no enumeration)."""
    form = sequence_form(tree)
    counts = []
    for matrix in (form.E, form.F):
        size = matrix.shape[1]
        parent = {}
        children: dict[int, list[int]] = {}
        for r in range(1, matrix.shape[0]):
            parent[r] = next(c for c in range(size) if matrix[r, c] == -1)
            children[r] = [c for c in range(size) if matrix[r, c] == 1]
        following: dict[int, list[int]] = {}
        for r, p in parent.items():
            following.setdefault(p, []).append(r)
        count: dict[int, int] = {}
        for r in sorted(parent, reverse=True):  # later sets follow earlier ones
            for c in children[r]:
                count[c] = math.prod(sum(count[k] for k in children[h]) for h in following.get(c, []))
        counts.append(math.prod(sum(count[k] for k in children[h]) for h in following.get(0, [])))
    return counts[0], counts[1]


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-ranks", type=int, default=13)
    parser.add_argument("--rounds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--gambit-cap", type=float, default=60.0, help="skip a pygambit solver once it took this long")
    args = parser.parse_args()
    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover
        gbt = None
    header = (
        f"{'rounds':>6} {'ranks':>5} {'seq/player':>10} {'reduced strategies':>22} {'pairs':>10} "
        f"{'ours LP':>8} {'ours Lemke':>10} {'gambit lp':>9} {'gambit lcp':>10}  value"
    )
    print(header)
    print("-" * len(header))
    slow: set[str] = set()
    for rounds in args.rounds:
        slow.clear()
        for ranks in range(3, args.max_ranks + 1):
            tree = poker(ranks, rounds)
            n1, _ = sequence_form(tree).shape
            r1, r2 = reduced_counts(tree)
            lp_time, solution = timed(lambda tree=tree: solve_zero_sum_tree(tree))
            lemke_time, eq = timed(lambda tree=tree: lemke_howson_tree(tree))
            assert list(sequence_form_regret(tree, eq)) == [0, 0]
            assert eq.payoffs[0] == solution.value
            cells = []
            if gbt is not None:
                theirs = gbt.read_efg(_efg_file(tree))
                for name, call in (
                    ("lp", lambda g=theirs: gbt.nash.lp_solve(g, rational=True)),
                    ("lcp", lambda g=theirs: gbt.nash.lcp_solve(g, rational=True)),
                ):
                    if name in slow:
                        cells.append("skipped")
                        continue
                    seconds, result = timed(call)
                    their_value = Fraction(result.equilibria[0].payoff(next(iter(theirs.players))))
                    assert their_value == solution.value, (name, their_value, solution.value)
                    cells.append(f"{seconds:.3f}")
                    if seconds > args.gambit_cap:
                        slow.add(name)
            else:  # pragma: no cover
                cells = ["n/a", "n/a"]
            print(
                f"{rounds:>6} {ranks:>5} {n1:>10} {f'{r1:,} x {r2:,}':>22} {r1 * r2:>10.3g} "
                f"{lp_time:>8.3f} {lemke_time:>10.3f} {cells[0]:>9} {cells[1]:>10}  {solution.value}",
                flush=True,
            )


def _efg_file(tree: ExtensiveFormGame) -> str:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".efg", delete=False) as handle:
        handle.write(generate_efg(tree))
    return handle.name


if __name__ == "__main__":
    main()
