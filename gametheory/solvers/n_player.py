"""All Nash equilibria of small N-player games by support enumeration and exact polynomial solving."""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
from sympy.polys.domains import QQ
from sympy.polys.orderings import lex
from sympy.polys.rings import PolyElement, ring

from gametheory._internal.limits import check_allocation, check_time, time_limit_scope
from gametheory.exceptions import ContinuumWarning, InvalidArgumentError, SolverError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._polysolve import DIGITS, Dimension, analyse, real_solutions
from gametheory.solvers.guards import require_numeric
from gametheory.solvers.results import Equilibrium, make_equilibrium
from gametheory.solvers.verify import is_nash, regret

__all__ = ["ContinuumWarning", "n_player_equilibria"]

Support = tuple[tuple[int, ...], ...]


def n_player_equilibria(
    game: NormalFormGame, *, max_support_size: int | None = None, time_limit: float | None = None
) -> tuple[Equilibrium, ...]:
    """Every Nash equilibrium of a small N-player game, by support enumeration.

    For each support profile (one non-empty set of strategies per player,
    skipping those where a strategy in a support is weakly dominated by a
    pure strategy against the others' supports), the indifference
    conditions form a system of multilinear polynomial equations with
    rational coefficients. Its lex Groebner basis (sympy, exact) decides
    whether it has finitely many solutions; the real ones are found by
    back-substitution and kept when every probability is positive and no
    strategy outside the support pays more.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with N >= 2 players.
    max_support_size : int, optional
        Largest number of strategies any one player may mix over; the
        default is no limit. Smaller values are faster but only find the
        equilibria whose supports fit.
    time_limit : float, optional
        Seconds after which to stop with :class:`~gametheory.exceptions.ResourceLimitError`
        (checked between and within the polynomial solves); the default is
        no limit.

    Returns
    -------
    tuple of Equilibrium
        Ordered by support (size, then strategy indices), then by profile.

    Raises
    ------
    ParameterError
        If the game is parametric.
    SolverError
        If numerical root finding fails or a computed profile does not pass
        the Nash check (which would be a bug; never a silent wrong answer).
    ResourceLimitError
        Past ``time_limit``, or when the list of support profiles would not
        fit in memory.

    Warns
    -----
    ContinuumWarning
        When a support's equations have a continuum of solutions even after
        every strategy outside the support is made indifferent too (for
        example a player whose payoffs are all equal): equilibria inside
        that continuum may be missing.

    Notes
    -----
    *Exactness.* Exact games give exact rational profiles (``Fraction``,
    verified exactly with :func:`~gametheory.solvers.verify.regret`) when
    the equilibrium is rational. When it is irrational (an algebraic number
    of degree >= 2, which happens from three players on), the roots are
    isolated exactly by sympy, carried at 60 significant digits, and
    returned as ``float64`` profiles verified against each player's own
    tolerance (:meth:`NormalFormGame.player_tolerances`, recorded as the
    equilibrium's ``player_tolerances``). Float games are solved by taking
    each payoff at its exact binary value and returning ``float64``
    profiles with those same tolerances; payoffs that differ only by
    rounding count as different. Each player's payoffs are scaled on their
    own, so one player's large payoffs never swamp another's.

    *Degenerate games.* When the equations of a support have a continuum
    of solutions, strategies outside the support are made indifferent one
    at a time until the system has finitely many solutions. Together with
    the smaller supports this returns the points where a continuum of
    equilibria meets a boundary (a probability becomes zero, or another
    strategy becomes a best response): for two players these are exactly
    the extreme equilibria. Points inside such a set are not listed. If
    the continuum cannot be cut down to points, a
    :class:`ContinuumWarning` says so. A real solution set that is a single
    point of a complex curve (and touches no boundary) would be missed;
    multilinear game systems rarely have one.

    *Size.* The number of support profiles grows as ``prod(2**n_i - 1)``
    and the Groebner bases grow quickly with the number of unknowns
    (computed in grevlex order, then converted to lex by FGLM). Measured on
    one core with random payoffs: 2x2x2 in hundredths of a second, 2x2x2x2
    and 4x4x2 under a second, 3x3x3 about 1 s with small integer payoffs
    and about 6 s with float payoffs (their exact binary values make large
    rationals), 3x3x2x2 about 45 s; five players with two strategies each
    already take many minutes. Use ``max_support_size`` to bound the work.

    Examples
    --------
    Three players each choose 0 or 1; player 1 wants to match player 2,
    player 2 to match player 3, and player 3 to mismatch player 1. The
    unique equilibrium is fully mixed:

    >>> import numpy as np
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    >>> for a, b, c in np.ndindex(2, 2, 2):
    ...     payoffs[a, b, c] = [int(a == b), int(b == c), int(c != a)]
    >>> (eq,) = n_player_equilibria(NormalFormGame(payoffs))
    >>> print(eq)
    Player 1: s1 1/2, s2 1/2; Player 2: s1 1/2, s2 1/2; Player 3: s1 1/2, s2 1/2; payoffs 1/2, 1/2, 1/2
    """
    require_numeric(game, "n_player_equilibria")
    if max_support_size is not None and (
        isinstance(max_support_size, bool) or not isinstance(max_support_size, int | np.integer) or max_support_size < 1
    ):
        raise InvalidArgumentError(f"max_support_size must be a positive int or None, not {max_support_size!r}")
    limit = max(game.shape) if max_support_size is None else int(max_support_size)
    with time_limit_scope(time_limit, "n_player_equilibria"):
        search = _Search(game)
        for support in _supports(game.shape, limit):
            check_time()
            if not search.pruned(support):
                search.explore(support, support)
    if search.continua:
        shown = "; ".join(_describe(game, s) for s in list(search.continua)[:3])
        more = f" and {len(search.continua) - 3} more" if len(search.continua) > 3 else ""
        warnings.warn(
            f"the indifference conditions on {len(search.continua)} support(s) have a continuum of solutions "
            f"({shown}{more}); only its boundary points are returned, so equilibria inside it may be missing",
            ContinuumWarning,
            stacklevel=2,
        )
    found = sorted(search.found.values(), key=_order)
    return tuple(found)


# ---------------------------------------------------------------------- support enumeration


def _supports(shape: tuple[int, ...], limit: int) -> Iterator[Support]:
    counts = [sum(math.comb(n, size) for size in range(1, min(n, limit) + 1)) for n in shape]
    # Each support profile: a tuple of tuples of ints, and its sort key (about 100 bytes per strategy listed).
    check_allocation(
        math.prod(counts) * (200 + 100 * sum(shape)),
        f"the list of {math.prod(counts):,} support profiles",
        hint="pass max_support_size= to enumerate fewer supports",
    )
    per_player = [
        [c for size in range(1, min(n, limit) + 1) for c in itertools.combinations(range(n), size)] for n in shape
    ]
    profiles = list(itertools.product(*per_player))
    profiles.sort(key=lambda s: (sum(len(x) for x in s), tuple(len(x) for x in s), s))
    yield from profiles


def _describe(game: NormalFormGame, support: Support) -> str:
    return ", ".join(
        f"{name}: {{{', '.join(labels[s] for s in sup)}}}"
        for name, labels, sup in zip(game.players, game.strategies, support, strict=True)
    )


def _order(eq: Equilibrium) -> tuple[Any, ...]:
    support = eq.support
    return (sum(len(s) for s in support), support, tuple(float(p) for x in eq.profile for p in x))


def _integer_payoffs(game: NormalFormGame) -> np.ndarray:
    """Each player's payoffs scaled by its own positive factor to coprime integers (object array); keeps equilibria.

    Per player, so a player with payoffs near 1e-300 and one near 1e300 both get small integers.
    """
    payoffs = game.payoffs if game.is_exact else game.float_payoffs()
    out = np.empty(game.payoffs.shape, dtype=object)
    for player in range(game.num_players):
        fractions = [Fraction(v) if game.is_exact else Fraction(float(v)) for v in payoffs[..., player].flat]
        denominator = math.lcm(*(f.denominator for f in fractions))
        integers = [int(f * denominator) for f in fractions]
        common = math.gcd(*integers) or 1
        out[..., player] = np.array([v // common for v in integers], dtype=object).reshape(game.shape)
    return out


class _Search:
    """State of one run: the game, its integer payoffs, and what was found."""

    def __init__(self, game: NormalFormGame) -> None:
        self.game = game
        self.payoffs = _integer_payoffs(game)
        # For float games: the same game at the payoffs' exact binary values (scaled), checked exactly.
        self.exact_game = game if game.is_exact else NormalFormGame(self.payoffs)
        self.n = game.num_players
        self.found: dict[Any, Equilibrium] = {}
        self.visited: set[tuple[Support, Support]] = set()
        self.continua: dict[Support, None] = {}
        self._mp_payoffs: np.ndarray | None = None

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
                tight = _with(tight, absorbed)
                self.visited.add((support, tight))
            cuts = [key for key in candidates if key not in equations and key not in absorbed]
            if not cuts:
                self.continua[support] = None
            for key in cuts:
                self.explore(support, _with(tight, [key]))
            return
        for solution in real_solutions(system):
            if all(isinstance(v, Fraction) for v in solution):
                self._accept_exact(support, solution)
            else:
                self._accept_numeric(support, solution)

    def _equations(self, support: Support, tight: Support, nvars: int) -> dict[tuple[int, int], PolyElement]:
        """Indifference equations: key ``(i, t)`` says player i's strategy t pays as much as its first in support."""
        names = ",".join(f"x{k}" for k in range(nvars))
        r, *gens = ring(names, QQ, lex)
        sigma = []
        k = 0
        for s in support:
            own = gens[k : k + len(s) - 1]
            k += len(s) - 1
            vector = np.empty(len(s), dtype=object)
            vector[:] = [r.one - sum(own, r.zero), *own]
            sigma.append(vector)
        polys: dict[tuple[int, int], PolyElement] = {}
        for i in range(self.n):
            index = tuple(list(tight[i]) if j == i else list(support[j]) for j in range(self.n))
            tensor = self.payoffs[..., i][np.ix_(*index)]
            tensor = np.vectorize(lambda v: r(QQ(v)), otypes=[object])(tensor)
            for j in reversed(range(self.n)):
                if j != i:
                    tensor = np.tensordot(tensor, sigma[j], axes=([j], [0]))
            values = dict(zip(tight[i], tensor, strict=True))
            base = values[support[i][0]]
            polys.update({(i, t): values[t] - base for t in tight[i] if t != support[i][0]})
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
        if self.game.is_exact:
            if any(v != 0 for v in regret(self.game, profile)):
                return
            eq = make_equilibrium(self.game, profile)
        else:
            if any(v != 0 for v in regret(self.exact_game, profile)):
                return
            eq = self._float_equilibrium([np.array([float(p) for p in v]) for v in profile])
        self.found.setdefault(_key(eq), eq)

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
        self.found.setdefault(_key(eq), eq)

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


def _with(tight: Support, keys: list[tuple[int, int]]) -> Support:
    extra: dict[int, set[int]] = {}
    for i, t in keys:
        extra.setdefault(i, set()).add(t)
    return tuple(tuple(sorted({*strategies, *extra.get(i, ())})) for i, strategies in enumerate(tight))


def _key(eq: Equilibrium) -> Any:
    if eq.tolerance is None:
        return eq.key()
    return tuple(tuple(round(float(p), 9) for p in x) for x in eq.profile)
