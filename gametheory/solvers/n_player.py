"""All Nash equilibria of small N-player games by support enumeration and exact polynomial solving."""

from __future__ import annotations

import itertools
import warnings

import numpy as np

from gametheory._internal.limits import check_time, time_limit_scope
from gametheory.exceptions import ContinuumWarning, InvalidArgumentError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._nplayer_exact import DominanceTable, ExactSupport
from gametheory.solvers._nplayer_search import Search as _Search
from gametheory.solvers._nplayer_search import describe as _describe
from gametheory.solvers._nplayer_search import order as _order
from gametheory.solvers._nplayer_search import subsets as _subsets
from gametheory.solvers._nplayer_search import support_table as _support_table
from gametheory.solvers._nplayer_search import supports as _supports
from gametheory.solvers._nplayer_univariate import applies as applies_univariate
from gametheory.solvers._nplayer_univariate import solve_univariate
from gametheory.solvers.guards import require_numeric
from gametheory.solvers.results import Equilibrium

__all__ = ["ContinuumWarning", "n_player_equilibria"]


def n_player_equilibria(
    game: NormalFormGame, *, max_support_size: int | None = None, time_limit: float | None = None
) -> tuple[Equilibrium, ...]:
    """Every Nash equilibrium of a small N-player game, by support enumeration.

    For each support profile (one non-empty set of strategies per player,
    skipping those where a strategy in a support is weakly dominated by a
    pure strategy against the others' supports, read from a table built once
    per game), the indifference conditions form a system of multilinear
    polynomial equations with rational coefficients. Pure profiles need no
    equations; when at most two players mix, the system is linear and is
    solved exactly (Fractions). When one of three players mixes two
    strategies and the other two equally many, eliminating the other two
    players' strategies (Cramer's rule) leaves one polynomial in one
    unknown, whose roots in (0, 1) are isolated and decided exactly in
    integers; when two of three players mix two strategies and the third
    three, the third player's two equations leave a quadratic, whose roots
    are decided exactly in the integers extended by its square root. The
    other supports go to a certified interval branch and bound: boxes where
    an equation cannot vanish or an outside strategy pays more are dropped
    (exact ranges over each box, with a rounding margin), and the Krawczyk
    test proves each remaining root unique in its box (and cuts boxes to
    where roots can lie). A root is returned exactly when it is rational
    (recognised and then checked in exact arithmetic); otherwise its signs
    are decided on a tiny certified box. Supports that this leaves undecided
    (continua, singular roots, exact ties at an irrational root) are solved
    exactly: a lex Groebner basis (sympy) decides whether the system has
    finitely many solutions, and the real ones are found by
    back-substitution. Either way a solution is kept when every probability is
    positive and no strategy outside the support pays more.

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
    of degree >= 2, which happens from three players on), the root is
    proved unique in a box of half-width at most 1e-6 (usually 1e-10) by
    the Krawczyk test, or, on the exact path, isolated exactly by sympy and
    carried at 60 significant digits, and returned as ``float64`` profiles
    verified against each player's own tolerance (:meth:`NormalFormGame.player_tolerances`, recorded as the
    equilibrium's ``player_tolerances``). Float games are solved exactly
    after merging each player's payoffs that are tied within that player's
    tolerance (so near-ties count as ties, as in
    :func:`~gametheory.solvers.pure.pure_equilibria`), and give ``float64``
    profiles with those same tolerances. Each player's payoffs are scaled on their
    own, so one player's large payoffs never swamp another's.

    *Degenerate games.* When the equations of a support have a continuum
    of solutions, strategies outside the support are made indifferent one
    at a time until the system has finitely many solutions. Together with
    the smaller supports this returns the points where a continuum of
    equilibria meets a boundary (a probability becomes zero, or another
    strategy becomes a best response): for two players these are exactly
    the extreme equilibria. Points inside such a set are not listed. If
    the continuum cannot be cut down to points, a
    :class:`ContinuumWarning` says so (only for supports that reach the
    exact path: a continuum that the branch and bound proves to lie
    outside the simplex is skipped without a warning). A real solution set
    that is a single point of a complex curve (and touches no boundary)
    would be missed; multilinear game systems rarely have one. A rational
    root whose denominators exceed about 10**7 is returned as a certified
    ``float64`` profile rather than as Fractions.

    *Size.* The number of support profiles grows as ``prod(2**n_i - 1)``,
    and the branch and bound's work with the number of unknowns. Measured
    with random integer payoffs in -10..10 (``benchmarks/bench_n_player.py``):
    3x3x3 in about 15 ms (median), 4x4x4 in a few seconds to about a
    minute (one 4x4x4 support with no solution can take 20 s). A support
    that the branch and bound cannot decide falls back to Groebner bases,
    which can take very long from about eight unknowns on (a continuum of
    solutions in a 4x4x4 game). Use ``max_support_size``
    to bound the work and ``time_limit`` to bound the time.

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
        search = _run(game, limit, certified_numerics=True)
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


def _run(game: NormalFormGame, limit: int, *, certified_numerics: bool) -> _Search:
    """Search every support profile.

    With ``certified_numerics`` (the default path) pure profiles and supports where at most two
    players mix are decided exactly without Groebner bases, and the others by certified interval
    branch and bound, in batches; only supports it leaves undecided go through
    the exact Groebner path. Without it every support takes the exact path (the reference the
    tests compare with).
    """
    search = _Search(game)
    supports = _supports(game.shape, limit)
    if not certified_numerics:
        for support in supports:
            check_time()
            if not search.pruned(support):
                search.explore(support, support)
        return search
    table = DominanceTable(search.payoffs, _subsets(game.shape, limit))
    pruned = table.pruned(_support_table(game.shape, limit)[1])
    batch: list[ExactSupport] = []
    for support in itertools.compress(supports, ~pruned):
        check_time()
        if all(len(s) == 1 for s in support):
            search.accept(support, ())  # not dominated, so every player's strategy is a best reply
            continue
        system = ExactSupport(search.payoffs, search.scales, support)
        if system.is_affine:
            points = system.affine_solutions()
            if points is None:
                search.explore(support, support)
            for values in points or ():
                search.accept(support, values)
            continue
        if system.is_underdetermined:
            search.explore(support, support)  # a continuum or nothing: the exact path cuts it to points
            continue
        # Three players, one mixing two strategies and the others equally many, or two mixing two and
        # one three: exact elimination to one polynomial in one unknown.
        if applies_univariate(system) and (solutions := solve_univariate(system)) is not None:
            search.record(support, solutions)
            continue
        batch.append(system)
        if len(batch) == _BATCH:
            search.certify(batch)
            batch = []
    if batch:
        search.certify(batch)
    return search


#: Support profiles solved together by the interval branch and bound (bounds its memory).
_BATCH = 128
