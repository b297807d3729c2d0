"""One Nash equilibrium of a large game by path-following.

For games too large to enumerate: :func:`find_equilibrium` follows one
path to one equilibrium and certifies it.

* *Two players.* The Lemke-Howson path (:func:`~gametheory.lemke_howson`)
  in float64, from a label drawn with ``rng``; other labels if a path fails.
* *Any number of players.* The principal branch of logit quantal response
  equilibria (:func:`~gametheory.qre_path`, McKelvey and Palfrey 1995;
  Turocy 2005), followed to large precision, where it approaches a Nash
  equilibrium; the end point is polished by Newton's method on the
  indifference equations of its support. When the branch cannot be
  followed (degenerate games), the game is perturbed by tiny random payoffs
  drawn with ``rng`` and the equilibrium of the perturbed game is polished
  on the original game.

Exact games get exact equilibria when the support makes the equilibrium
conditions linear (two players, or two mixing players and the others pure;
see :mod:`gametheory.solvers._path_exact`); otherwise, when three or more
players mix, the equilibrium is generally irrational and the float
equilibrium is returned with its certified per-player tolerance.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.limits import check_time, time_limit_scope
from gametheory._internal.validation import as_generator
from gametheory.exceptions import ResourceLimitError, SolverError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._path_exact import refine_exact, supports_of
from gametheory.solvers._path_polish import polish
from gametheory.solvers.guards import require_numeric
from gametheory.solvers.lemke_howson import lemke_howson
from gametheory.solvers.qre import qre_path
from gametheory.solvers.results import Equilibrium, make_equilibrium
from gametheory.solvers.verify import is_nash

__all__ = ["find_equilibrium"]

#: Lemke-Howson paths tried (from different labels) before the logit branch takes over.
LABELS_TRIED = 4
#: Perturbed games tried after the principal logit branch of the game itself.
PERTURBATIONS = 3
#: Size of a perturbation, relative to each player's payoff spread.
PERTURBATION_SIZE = 1e-6


def find_equilibrium(game: Any, *, rng: Any = None, time_limit: float | None = None) -> Equilibrium:
    """One Nash equilibrium of a normal-form game, by path-following.

    Follows one path (Lemke-Howson for two players, the logit QRE branch
    for more) to its end, polishes the end point on its support and
    certifies the result with :func:`~gametheory.is_nash` before returning
    it. Meant for games too large for :func:`~gametheory.nash_equilibria`
    and :func:`~gametheory.n_player_equilibria`, which find all equilibria.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (exact or float payoffs) with any number of players.
    rng : numpy.random.Generator, int or None, optional
        Picks the Lemke-Howson starting label (two players) and the
        perturbations tried when a path fails; the same seed gives the same
        equilibrium. Different seeds may give different equilibria of a
        two-player game. ``None`` draws fresh entropy.
    time_limit : float, optional
        Seconds after which to stop with
        :class:`~gametheory.exceptions.ResourceLimitError` (a Lemke-Howson
        path, which takes milliseconds, is not interrupted midway).

    Returns
    -------
    Equilibrium
        Exact (``tolerance is None``) for an exact game whenever the
        support makes the equilibrium conditions linear: always for two
        players, and for more players when at most two of them mix (with
        supports of equal size, or rational probabilities of small
        denominator). Otherwise, in particular for an exact game in which
        three or more players mix (whose equilibria are generally
        irrational), a float equilibrium in which no player gains more than
        its ``player_tolerances`` entry (``1e-9`` times its payoff spread)
        by deviating.

    Raises
    ------
    UnsupportedGameError
        If ``game`` is not a normal-form game.
    ParameterError
        If the game has free parameters.
    InvalidArgumentError
        If ``rng`` or ``time_limit`` is invalid.
    ResourceLimitError
        If ``time_limit`` runs out.
    SolverError
        If no path ends at a certified equilibrium (severely ill-conditioned games).

    See Also
    --------
    lemke_howson : the two-player path, with a chosen label.
    qre_path : the logit branch and its limit.

    Examples
    --------
    >>> from gametheory import NormalFormGame, is_nash
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> equilibrium = find_equilibrium(game, rng=0)
    >>> is_nash(game, equilibrium), equilibrium.is_exact
    (True, True)

    A three-player game whose only equilibrium is mixed:

    >>> import numpy as np
    >>> payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    >>> for a, b, c in np.ndindex(2, 2, 2):
    ...     payoffs[a, b, c] = [int(a == b), int(b != c), int(c == a)]
    >>> print(find_equilibrium(NormalFormGame(payoffs), rng=0))
    Player 1: s1 1/2, s2 1/2; Player 2: s1 1/2, s2 1/2; Player 3: s1 1/2, s2 1/2; payoffs 1/2, 1/2, 1/2
    """
    require_numeric(game, "find_equilibrium")
    generator = as_generator(rng)
    with time_limit_scope(time_limit, "find_equilibrium"):
        found = _two_players(game, generator) if game.num_players == 2 else None
        if found is None:
            found = _logit_branch(game, generator)
        if found is None and game.num_players == 2:
            found = _tied_lemke_howson(game)
    if found is None:
        raise SolverError("find_equilibrium: no path ended at a certified equilibrium; the game is ill-conditioned")
    return found


def _certified(game: NormalFormGame, profile: Sequence[np.ndarray]) -> Equilibrium | None:
    """An exact equilibrium near ``profile`` if there is one (exact games), else ``profile`` if it passes is_nash."""
    check_time()
    if game.is_exact:
        exact = refine_exact(game, profile)
        if exact is not None:
            return exact
    floats = [np.asarray(p, dtype=np.float64) for p in profile]
    return make_equilibrium(game, floats) if is_nash(game, floats) else None


def _float_game(game: NormalFormGame) -> NormalFormGame:
    return NormalFormGame(game.float_payoffs()) if game.is_exact else game


def _two_players(game: NormalFormGame, generator: np.random.Generator) -> Equilibrium | None:
    """Lemke-Howson in float64 from labels drawn with ``generator``; exact refinement for exact games."""
    floats = _float_game(game)
    labels = generator.permutation(sum(game.shape))[:LABELS_TRIED]
    for label in labels:
        check_time()
        try:
            found = lemke_howson(floats, initial_label=int(label))
        except SolverError:
            continue
        if floats is game:
            return found  # lemke_howson certified it with is_nash on this very game
        exact = refine_exact(game, found.profile)  # certified with the exact is_nash
        if exact is not None:
            return exact
    if game.is_exact:
        # Exact pivoting cannot fail; slower, so only when the float path and its refinement did.
        return lemke_howson(game, initial_label=int(labels[0]))
    return None


def _tied_lemke_howson(game: NormalFormGame) -> Equilibrium | None:
    """Exact Lemke-Howson on the float game with near-ties merged (the float checks' view of the game)."""
    merged = NormalFormGame(_tolerance.merged_ties(game.float_payoffs()))
    profile = lemke_howson(merged).as_float()
    return make_equilibrium(game, profile) if is_nash(game, profile) else None


def _logit_branch(game: NormalFormGame, generator: np.random.Generator) -> Equilibrium | None:
    """The limit of the principal logit branch of the game, then of slightly perturbed games, polished."""
    floats = game.float_payoffs()
    normalised = _tolerance.normalised(floats)
    for target in _targets(game, floats, generator):
        try:
            path = qre_path(target)
        except ResourceLimitError:
            raise
        except SolverError:
            continue
        limit = path.limit
        ends = [path.profiles[-1]] if not isinstance(limit, Equilibrium) else [limit.profile, path.profiles[-1]]
        for end in ends:
            certified = _certified(game, end)
            if certified is not None:
                return certified
            for support in supports_of(end):
                polished = polish(normalised, support, end)
                certified = None if polished is None else _certified(game, polished)
                if certified is not None:
                    return certified
    return None


def _targets(game: NormalFormGame, floats: np.ndarray, generator: np.random.Generator) -> Iterator[NormalFormGame]:
    """The game with each player's payoffs mapped onto [0, 1], then that game slightly perturbed.

    A positive affine map of one player's payoffs changes no equilibrium, and it makes the path
    the same whatever the payoffs' scale (10**28 times a game is the same game).
    """
    flat = floats.reshape(-1, game.num_players)
    low = flat.min(axis=0)
    spread = flat.max(axis=0) - low
    unit = (floats - low) / np.where(spread > 0, spread, 1.0)
    yield NormalFormGame(unit)
    for _ in range(PERTURBATIONS):
        yield NormalFormGame(unit + PERTURBATION_SIZE * generator.standard_normal(unit.shape))
