"""The Nash equilibrium at the end of the principal logit branch (private).

At the end of a traced branch the profile is close to a Nash equilibrium.
For a normal-form game its support is read off the probabilities (a few
thresholds are tried), and the indifference equations on that support are
solved: exactly with rationals when the game is exact (a lex Groebner basis,
:mod:`gametheory.solvers._polysolve`; irrational solutions are carried at 60
digits), else by Newton's method in floats. A solution is accepted only if
it lies close to the end of the branch and passes :func:`~gametheory.is_nash`.
Failing that, the end of the branch itself, with round-off probabilities
dropped, is returned with its measured regret as the record's tolerance.
For a tree, the end of the branch is returned as a float behaviour profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
from sympy.polys.domains import QQ
from sympy.polys.orderings import lex
from sympy.polys.rings import PolyElement, ring

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._polysolve import Dimension, analyse, real_solutions
from gametheory.solvers._qre_systems import NormalSystem, TreeSystem, flat
from gametheory.solvers.behavior import BehaviorEquilibrium
from gametheory.solvers.results import Equilibrium, make_equilibrium
from gametheory.solvers.verify import is_nash, regret

__all__ = ["normal_limit", "tree_limit"]

Support = tuple[tuple[int, ...], ...]

#: Probabilities above these thresholds make the support, tried in turn.
THRESHOLDS = (1e-6, 1e-3, 1e-9)
#: Largest distance (max over probabilities) from the end of the branch to an accepted equilibrium.
CLOSE = 1e-3
#: Probabilities at or below this are dropped from the end of the branch in the fallback, and for trees.
ROUNDOFF = 1e-9
TREE_ROUNDOFF = 1e-6


def normal_limit(game: NormalFormGame, system: NormalSystem, end: tuple[np.ndarray, ...], bound: float) -> Equilibrium:
    """The equilibrium that the branch ending at ``end`` approaches; ``bound`` is the regret reached (payoff units)."""
    tried: set[Support] = set()
    for threshold in THRESHOLDS:
        support = tuple(tuple(int(k) for k in np.flatnonzero(p > threshold)) for p in end)
        if support in tried or any(not s for s in support):
            continue
        tried.add(support)
        found = _exact(game, support, end) if game.is_exact else None
        if found is None:
            found = _polished(game, system, support, end)
        if found is not None:
            return found
    cleaned = [np.where(p > ROUNDOFF, p, 0.0) for p in end]
    cleaned = [p / p.sum() for p in cleaned]
    measured = float(np.max(regret(game, cleaned)))
    return make_equilibrium(game, cleaned, tolerance=max(bound, measured))


def _distance(profile: Sequence[Any], end: tuple[np.ndarray, ...]) -> float:
    return max(float(np.max(np.abs(np.asarray(p, dtype=np.float64) - e))) for p, e in zip(profile, end, strict=True))


def _exact(game: NormalFormGame, support: Support, end: tuple[np.ndarray, ...]) -> Equilibrium | None:
    nvars = sum(len(s) - 1 for s in support)
    if nvars == 0:
        candidates: list[tuple[Any, ...]] = [()]
    else:
        system = analyse(_indifference(game, support, nvars), nvars)
        if system.dimension is not Dimension.FINITE:
            return None
        candidates = real_solutions(system)
    profiles = []
    for solution in candidates:
        exact = all(isinstance(v, Fraction) for v in solution)
        with mpmath.workdps(60):
            one: Any = Fraction(1) if exact else mpmath.mpf(1)
            profile, k = [], 0
            for n, s in zip(game.shape, support, strict=True):
                own = list(solution[k : k + len(s) - 1])
                k += len(s) - 1
                vector = [0 * one] * n
                for index, p in zip(s, [one - sum(own, 0 * one), *own], strict=True):
                    vector[index] = p
                profile.append(vector if exact else np.array([float(v) for v in vector]))
        if all(v >= 0 for p in profile for v in p):
            profiles.append(profile)
    for profile in sorted(profiles, key=lambda p: _distance(p, end)):
        if _distance(profile, end) <= CLOSE and is_nash(game, profile):
            return make_equilibrium(game, profile)
    return None


def _indifference(game: NormalFormGame, support: Support, nvars: int) -> list[PolyElement]:
    """Each player's strategies in the support pay as much as its first one (rational polynomials)."""
    r, *gens = ring(",".join(f"x{k}" for k in range(nvars)), QQ, lex)
    sigma, k = [], 0
    for s in support:
        own = gens[k : k + len(s) - 1]
        k += len(s) - 1
        vector = np.empty(len(s), dtype=object)
        vector[:] = [r.one - sum(own, r.zero), *own]
        sigma.append(vector)
    polys: list[PolyElement] = []
    n = game.num_players
    for i in range(n):
        tensor = game.payoff_tensor(i)[np.ix_(*support)]
        tensor = np.vectorize(lambda v: r(QQ(v.numerator, v.denominator)), otypes=[object])(tensor)
        for j in reversed(range(n)):
            if j != i:
                tensor = np.tensordot(tensor, sigma[j], axes=([j], [0]))
        polys.extend(tensor[t] - tensor[0] for t in range(1, len(support[i])))
    return polys


def _polished(
    game: NormalFormGame, system: NormalSystem, support: Support, end: tuple[np.ndarray, ...]
) -> Equilibrium | None:
    """Newton's method on the indifference equations of ``support``, from the end of the branch."""
    mask = np.concatenate([np.isin(np.arange(n), s) for n, s in zip(game.shape, support, strict=True)])
    p = np.where(mask, np.concatenate(end), 0.0)
    columns = np.flatnonzero(mask)
    o = system.offsets
    for _ in range(30):
        profile = system.split(p)
        pairs = system.pair_matrices(profile)
        values = system.split(system.player_values(profile, pairs))
        rows, jac_rows = [], []
        for i, s in enumerate(support):
            rows.append(profile[i].sum() - 1.0)
            own = np.zeros(system.n)
            own[o[i] + np.array(s)] = 1.0
            jac_rows.append(own)
            for t in s[1:]:
                rows.append(values[i][t] - values[i][s[0]])
                line = np.zeros(system.n)
                for (a, other), matrix in pairs.items():
                    if a == i:
                        line[o[other] : o[other + 1]] = matrix[t] - matrix[s[0]]
                jac_rows.append(line)
        residual = np.array(rows)
        jac = np.array(jac_rows)[:, columns]
        step = np.linalg.lstsq(jac, residual, rcond=None)[0]
        p[columns] -= step
        if np.linalg.norm(step) <= 1e-15 * max(1.0, float(np.linalg.norm(p))):
            break
    if np.any(p < -1e-12) or not np.all(np.isfinite(p)):
        return None
    candidate = [q / q.sum() for q in system.split(np.clip(p, 0.0, None))]
    if _distance(candidate, end) > CLOSE or not is_nash(game, candidate):
        return None
    return make_equilibrium(game, candidate)


def tree_limit(
    tree: ExtensiveFormGame, system: TreeSystem, end: tuple[np.ndarray, ...], bound: float
) -> BehaviorEquilibrium:
    """The end of the branch of a tree as a float behaviour profile, small probabilities dropped.

    Probabilities below :data:`TREE_ROUNDOFF` are round-off; where the path
    converges slowly (an action whose loss is itself vanishing), larger cuts
    are tried too, and the cut with the smallest regret is kept: the first
    whose regret is within ``bound``. The record's tolerance is the regret
    reached (at least ``bound``).
    """
    best: tuple[list[np.ndarray], float] | None = None
    for cut in (TREE_ROUNDOFF, 1e-4, 1e-3):
        cleaned = []
        for p in end:
            q = np.where(p > cut, p, 0.0)
            q = q / q.sum()
            q.flags.writeable = False
            cleaned.append(q)
        regret = float(np.max(system.regrets(flat(cleaned)), initial=0.0))
        if best is None or regret < best[1]:
            best = (cleaned, regret)
        if regret <= bound:
            break
    assert best is not None
    cleaned, regret = best
    payoffs = system.expected_payoffs(flat(cleaned))
    payoffs.flags.writeable = False
    return BehaviorEquilibrium(tuple(cleaned), payoffs, tree, max(bound, regret))
