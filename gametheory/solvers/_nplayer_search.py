"""The support search behind n_player_equilibria: support lists, the exact Groebner path, found equilibria.

:class:`Search` holds one run's state. Its exact path (:meth:`Search.explore`)
solves a support's indifference equations by a lex Groebner basis (sympy)
and cuts continua by making outside strategies indifferent too; its fast
path records equilibria that the dominance tables, exact affine solves and
the certified interval branch and bound of :mod:`._nplayer_box` found.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
from sympy.polys.domains import QQ
from sympy.polys.orderings import lex
from sympy.polys.rings import PolyElement, ring

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.caches import cached
from gametheory._internal.limits import check_allocation, check_time
from gametheory.exceptions import SolverError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._nplayer_box import BoxSolution, solve_batch
from gametheory.solvers._nplayer_exact import ExactSupport
from gametheory.solvers._polysolve import DIGITS, Dimension, analyse, real_solutions
from gametheory.solvers.results import Equilibrium, make_equilibrium
from gametheory.solvers.verify import is_nash

__all__ = ["Search", "Support", "describe", "key", "order", "subsets", "supports"]

Support = tuple[tuple[int, ...], ...]


# ---------------------------------------------------------------------- support enumeration


def supports(shape: tuple[int, ...], limit: int) -> tuple[Support, ...]:
    """Every support profile with at most ``limit`` strategies a player, smallest first."""
    return support_table(shape, limit)[0]


def support_table(shape: tuple[int, ...], limit: int) -> tuple[tuple[Support, ...], np.ndarray]:
    """The support profiles and, for each, every player's index into :func:`subsets` (one row each).

    The same for every game of one shape, so kept for the next game (a few, small).
    """
    counts = [sum(math.comb(n, size) for size in range(1, min(n, limit) + 1)) for n in shape]
    # Each support profile: a tuple of tuples of ints, its sort key and its index row (about 100
    # bytes per strategy listed).
    check_allocation(
        math.prod(counts) * (200 + 100 * sum(shape)),
        f"the list of {math.prod(counts):,} support profiles",
        hint="pass max_support_size= to enumerate fewer supports",
    )
    return _support_table(tuple(shape), limit)


@cached(maxsize=4)
def _support_table(shape: tuple[int, ...], limit: int) -> tuple[tuple[Support, ...], np.ndarray]:
    candidates = subsets(shape, limit)
    index = [{sub: k for k, sub in enumerate(player)} for player in candidates]
    profiles = list(itertools.product(*candidates))
    profiles.sort(key=lambda s: (sum(len(x) for x in s), tuple(len(x) for x in s), s))
    keys = np.array([[index[i][sub] for i, sub in enumerate(s)] for s in profiles], dtype=np.int64)
    keys.flags.writeable = False
    return tuple(profiles), keys.reshape(len(profiles), len(shape))


def subsets(shape: tuple[int, ...], limit: int) -> list[list[tuple[int, ...]]]:
    """Each player's candidate supports: the non-empty strategy sets of at most ``limit`` strategies."""
    return [[c for size in range(1, min(n, limit) + 1) for c in itertools.combinations(range(n), size)] for n in shape]


def describe(game: NormalFormGame, support: Support) -> str:
    return ", ".join(
        f"{name}: {{{', '.join(labels[s] for s in sup)}}}"
        for name, labels, sup in zip(game.players, game.strategies, support, strict=True)
    )


def order(eq: Equilibrium) -> tuple[Any, ...]:
    support = eq.support
    return (sum(len(s) for s in support), support, tuple(float(p) for x in eq.profile for p in x))


def integer_payoffs(game: NormalFormGame) -> np.ndarray:
    """Each player's payoffs scaled by its own positive factor to coprime integers (object array); keeps equilibria.

    Per player, so a player with payoffs near 1e-300 and one near 1e300 both get small integers.
    A float game's payoffs tied within the player's tolerance are merged first (exactly equal), so
    that near-ties count as ties, as in every float decision.
    """
    payoffs = game.payoffs if game.is_exact else _tolerance.merged_ties(game.float_payoffs())
    out = np.empty(game.payoffs.shape, dtype=object)
    for player in range(game.num_players):
        fractions = [Fraction(v) for v in payoffs[..., player].flat]
        denominator = math.lcm(*(f.denominator for f in fractions))
        integers = [int(f * denominator) for f in fractions]
        common = math.gcd(*integers) or 1
        out[..., player] = np.array([v // common for v in integers], dtype=object).reshape(game.shape)
    return out


class Search:
    """State of one run: the game, its integer payoffs, and what was found."""

    def __init__(self, game: NormalFormGame) -> None:
        self.game = game
        self.payoffs = integer_payoffs(game)
        self.n = game.num_players
        self.found: dict[Any, Equilibrium] = {}
        self.visited: set[tuple[Support, Support]] = set()
        self.continua: dict[Support, None] = {}
        self._mp_payoffs: np.ndarray | None = None
        # Each player's largest absolute payoff: the interval branch and bound works on payoff
        # differences divided by it.
        self.scales = tuple(max(1, *(abs(int(v)) for v in self.payoffs[..., i].flat)) for i in range(self.n))

    # -- pruning: a strategy in a support weakly dominated (by a pure strategy) given the others' supports
    def pruned(self, support: Support) -> bool:
        for i in range(self.n):
            if len(support[i]) == 1 and all(len(s) == 1 for s in support):
                continue
            index = tuple(slice(None) if j == i else list(support[j]) for j in range(self.n))
            u = self._restricted(i, index)
            for s in support[i]:
                # Weak dominance suffices: every opponents' profile in the supports has positive probability.
                if np.any(np.all(u >= u[s], axis=1) & np.any(u > u[s], axis=1)):
                    return True
        return False

    def _restricted(self, player: int, index: tuple[Any, ...]) -> np.ndarray:
        tensor = self.payoffs[..., player]
        for axis, idx in enumerate(index):
            if not isinstance(idx, slice):
                tensor = np.take(tensor, idx, axis=axis)
        return np.moveaxis(tensor, player, 0).reshape(tensor.shape[player], -1)

    # -- fast path: exactly checked rational equilibria, and certified batches of supports
    def accept(self, support: Support, values: tuple[Fraction, ...]) -> None:
        """Record an equilibrium already checked exactly (positive probabilities, no profitable deviation)."""
        profile = self._profile(support, self._split(support, values, Fraction(1)), Fraction(0))
        if self.game.is_exact:
            eq = make_equilibrium(self.game, profile)
        else:
            eq = self._float_equilibrium([np.array([float(p) for p in v]) for v in profile])
        self.found.setdefault(key(eq), eq)

    def certify(self, batch: list[ExactSupport]) -> None:
        for system, solutions in zip(batch, solve_batch(batch), strict=True):
            self.record(system.support, solutions)

    def record(self, support: Support, solutions: list[BoxSolution] | None) -> None:
        """Record a support's certified equilibria; None (undecided) sends it down the exact path."""
        if solutions is None:
            self.explore(support, support)
            return
        for solution in solutions:
            if solution.exact:
                self.accept(support, solution.values)
            else:
                probabilities = self._split(support, solution.values, 1.0)
                profile = self._profile(support, probabilities, 0.0)
                eq = self._float_equilibrium([np.array(v, dtype=np.float64) for v in profile])
                self.found.setdefault(key(eq), eq)

    def _profile(self, support: Support, probabilities: list[list[Any]], zero: Any) -> list[list[Any]]:
        profile = []
        for n, s, ps in zip(self.game.shape, support, probabilities, strict=True):
            vector = [zero] * n
            for idx, p in zip(s, ps, strict=True):
                vector[idx] = p
            profile.append(vector)
        return profile

    # -- one support profile, with the strategies in `tight` made indifferent too
    def explore(self, support: Support, tight: Support) -> None:
        if (support, tight) in self.visited:
            return
        check_time()
        self.visited.add((support, tight))
        nvars = sum(len(s) - 1 for s in support)
        if nvars == 0:
            self._accept_exact(support, ())
            return
        equations = self._equations(support, tight, nvars)
        system = analyse(list(equations.values()), nvars)
        if system.dimension is Dimension.EMPTY:
            return
        if system.dimension is Dimension.POSITIVE:
            full = tuple(tuple(range(k)) for k in self.game.shape)
            candidates = self._equations(support, full, nvars)
            # A strategy whose indifference already follows from the system does not cut the
            # continuum: count it as tight at once instead of branching on it.
            absorbed = [key for key in candidates if key not in equations and system.contains(candidates[key])]
            if absorbed:
                tight = with_tight(tight, absorbed)
                self.visited.add((support, tight))
            cuts = [key for key in candidates if key not in equations and key not in absorbed]
            if not cuts:
                self.continua[support] = None
            for key in cuts:
                self.explore(support, with_tight(tight, [key]))
            return
        for solution in real_solutions(system):
            if all(isinstance(v, Fraction) for v in solution):
                self._accept_exact(support, solution)
            else:
                self._accept_numeric(support, solution)

    def _equations(self, support: Support, tight: Support, nvars: int) -> dict[tuple[int, int], PolyElement]:
        """Indifference equations: key ``(i, t)`` says player i's strategy t pays as much as its first in support."""
        r, *_ = ring(",".join(f"x{k}" for k in range(nvars)), QQ, lex)
        offsets = list(itertools.accumulate((len(s) - 1 for s in support), initial=0))
        polys: dict[tuple[int, int], PolyElement] = {}
        for i in range(self.n):
            others = [j for j in range(self.n) if j != i]
            index = tuple(list(tight[i]) if j == i else list(support[j]) for j in range(self.n))
            tensor = np.moveaxis(self.payoffs[..., i][np.ix_(*index)], i, 0)
            # In the monomial basis: sigma_j = (1 - sum x, x) makes entry 0 the constant term of
            # each factor and entry l - entry 0 the coefficient of x_l.
            for axis in range(1, self.n):
                first = tensor.take([0], axis=axis)
                tensor = np.concatenate(
                    [first, tensor.take(range(1, tensor.shape[axis]), axis=axis) - first], axis=axis
                )
            exponents = []
            for choice in itertools.product(*(range(len(support[j])) for j in others)):
                exponent = [0] * nvars
                for j, a in zip(others, choice, strict=True):
                    if a:
                        exponent[offsets[j] + a - 1] = 1
                exponents.append(tuple(exponent))
            base = tensor[tight[i].index(support[i][0])].ravel()
            for row, t in enumerate(tight[i]):
                if t != support[i][0]:
                    coefficients = tensor[row].ravel() - base
                    polys[(i, t)] = r.from_dict(
                        {e: QQ(int(c)) for e, c in zip(exponents, coefficients, strict=True) if c}
                    )
        return polys

    @staticmethod
    def _split(support: Support, solution: tuple[Any, ...], one: Any) -> list[list[Any]]:
        out = []
        k = 0
        for s in support:
            own = list(solution[k : k + len(s) - 1])
            k += len(s) - 1
            out.append([one - sum(own, 0 * one), *own])
        return out

    def _accept_exact(self, support: Support, solution: tuple[Any, ...]) -> None:
        probabilities = self._split(support, solution, Fraction(1))
        if any(p <= 0 for ps in probabilities for p in ps):
            return
        profile = []
        for n, s, ps in zip(self.game.shape, support, probabilities, strict=True):
            vector = [Fraction(0)] * n
            for idx, p in zip(s, ps, strict=True):
                vector[idx] = p
            profile.append(vector)
        # Outside strategies, exactly, on the integer payoffs (the same game up to each player's scale).
        if not ExactSupport(self.payoffs, self.scales, support).is_equilibrium(solution):
            return
        if self.game.is_exact:
            eq = make_equilibrium(self.game, profile)
        else:
            eq = self._float_equilibrium([np.array([float(p) for p in v]) for v in profile])
        self.found.setdefault(key(eq), eq)

    def _accept_numeric(self, support: Support, solution: tuple[Any, ...]) -> None:
        with mpmath.workdps(DIGITS):
            mp_solution = tuple(
                mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fraction) else v for v in solution
            )
            probabilities = self._split(support, mp_solution, mpmath.mpf(1))
            eps = mpmath.mpf(10) ** (-(DIGITS // 2))
            if any(p <= eps for ps in probabilities for p in ps):
                return
            profile = []
            for n, s, ps in zip(self.game.shape, support, probabilities, strict=True):
                vector = np.array([mpmath.mpf(0)] * n, dtype=object)
                for idx, p in zip(s, ps, strict=True):
                    vector[idx] = p
                profile.append(vector)
            payoffs = self._mp()
            for i in range(self.n):
                tensor = payoffs[..., i]
                # Player i's own scale: another player's large payoffs never loosen this check.
                scale = max(1, max(abs(v) for v in tensor.flat))
                for j in reversed(range(self.n)):
                    if j != i:
                        tensor = np.tensordot(tensor, profile[j], axes=([j], [0]))
                if max(tensor) - tensor[support[i][0]] > eps * scale:
                    return
            floats = [np.array([float(p) for p in v], dtype=np.float64) for v in profile]
        eq = self._float_equilibrium(floats)
        self.found.setdefault(key(eq), eq)

    def _float_equilibrium(self, floats: list[np.ndarray]) -> Equilibrium:
        floats = [v / v.sum() for v in floats]
        # Each player's regret against that player's own tolerance (recorded per player).
        if not is_nash(self.game, floats):  # pragma: no cover - would be a bug
            raise SolverError("a computed equilibrium failed the Nash check; please report this game")
        return make_equilibrium(self.game, floats)

    def _mp(self) -> np.ndarray:
        if self._mp_payoffs is None:
            out = np.empty(self.payoffs.shape, dtype=object)
            out.flat[:] = [mpmath.mpf(int(v)) for v in self.payoffs.flat]
            self._mp_payoffs = out
        return self._mp_payoffs


def with_tight(tight: Support, keys: list[tuple[int, int]]) -> Support:
    extra: dict[int, set[int]] = {}
    for i, t in keys:
        extra.setdefault(i, set()).add(t)
    return tuple(tuple(sorted({*strategies, *extra.get(i, ())})) for i, strategies in enumerate(tight))


def key(eq: Equilibrium) -> Any:
    if eq.tolerance is None:
        return eq.key()
    return tuple(tuple(round(float(p), 9) for p in x) for x in eq.profile)
