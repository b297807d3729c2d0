"""Logit quantal response equilibrium (QRE) and its principal branch.

In a logit QRE (McKelvey and Palfrey 1995) every player chooses each
strategy with probability proportional to ``exp(lam * expected payoff)``:
at ``lam = 0`` play is uniform, and as ``lam`` grows it approaches a Nash
equilibrium. The equilibria form a correspondence in ``lam``; its
*principal branch* is the curve that starts at the centroid at ``lam = 0``,
which for almost every game leads to a unique Nash equilibrium: a selection
rule. Game trees use the agent form (McKelvey and Palfrey 1998): each
information set chooses by the logit rule, given beliefs from Bayes' rule.

* :func:`logit_qre` follows the branch to a given ``lam``;
* :func:`qre_path` traces it until it reaches a Nash equilibrium (its ``limit``);
* :func:`qre_residual` checks a profile against the logit equations.

The branch is followed by a predictor-corrector method on arc length, in
log-probabilities (Turocy 2005; :mod:`gametheory.solvers._qre_path`), so it
passes turning points in ``lam``. Returned profiles satisfy the logit
equations to ``QRE_TOLERANCE * (1 + lam * M)``, ``M`` the largest absolute
payoff (see :func:`qre_residual`): float rounding of ``lam`` times a payoff
bounds what any method can reach at large ``lam``.

Examples
--------
>>> from gametheory import NormalFormGame
>>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> qre = logit_qre(game, 1.0)
>>> [round(float(p), 4) for p in qre.profile[0]]
[0.2268, 0.7732]
>>> print(qre_path(game).limit)
Player 1: s2; Player 2: s2; payoffs 1, 1
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory._internal.formatting import format_mix, format_number
from gametheory._internal.limits import time_limit_scope
from gametheory.exceptions import InvalidArgumentError, SolverError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers._qre_checks import as_vector, block_names, check_lam, check_options, labels, positive
from gametheory.solvers._qre_limit import normal_limit, tree_limit
from gametheory.solvers._qre_path import trace
from gametheory.solvers._qre_systems import NormalSystem, QRESystem, TreeSystem, flat
from gametheory.solvers.behavior import BehaviorEquilibrium
from gametheory.solvers.guards import require_numeric, require_numeric_tree
from gametheory.solvers.results import Equilibrium

__all__ = ["QRE_TOLERANCE", "QREPath", "QuantalResponseEquilibrium", "logit_qre", "qre_path", "qre_residual"]

#: Every profile returned has :func:`qre_residual` at most this times ``1 + lam * M``, ``M`` the largest
#: absolute payoff.
QRE_TOLERANCE = 1e-9

Game = NormalFormGame | ExtensiveFormGame


@dataclass(frozen=True, eq=False)
class QuantalResponseEquilibrium:
    """A logit quantal response equilibrium on the principal branch.

    Attributes
    ----------
    profile : tuple of numpy.ndarray
        ``float64`` probabilities: one vector per player (normal form), or
        one per information set in ``game.information_sets`` order (trees,
        the layout of :attr:`~gametheory.BehaviorEquilibrium.behavior`). All
        positive.
    lam : float
        The precision ``lam >= 0``.
    payoffs : numpy.ndarray
        Each player's expected payoff.
    game : NormalFormGame or ExtensiveFormGame
        The game.
    players : tuple of str
        Player names.
    strategies : tuple of tuple of str
        Labels of the entries of each vector of ``profile``: strategies, or
        the actions of each information set.
    max_residual : float
        :func:`qre_residual` of the profile: the largest gap between a
        probability and its logit response.
    """

    profile: tuple[np.ndarray, ...]
    lam: float
    payoffs: np.ndarray
    game: Game
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    max_residual: float

    def __str__(self) -> str:
        parts = [
            f"{name}: " + format_mix(labels, [float(p) for p in vector], digits=4)
            for name, labels, vector in zip(block_names(self.game), self.strategies, self.profile, strict=True)
        ]
        payoffs = ", ".join(format_number(float(v), digits=4) for v in self.payoffs)
        return f"lam={format_number(self.lam)}: " + "; ".join(parts) + f"; payoffs {payoffs}"

    def __repr__(self) -> str:
        return f"QuantalResponseEquilibrium({self})"


@dataclass(frozen=True, eq=False)
class QREPath:
    """Points of the principal logit branch, in order along the branch, and the equilibrium it approaches.

    Attributes
    ----------
    lambdas : numpy.ndarray
        ``lam`` at each point (1-D; not always increasing: the branch may
        turn back).
    profiles : tuple of tuple of numpy.ndarray
        ``profiles[k]`` is the profile at point ``k``, laid out as
        :attr:`QuantalResponseEquilibrium.profile`.
    limit : Equilibrium or BehaviorEquilibrium or None
        The Nash equilibrium at the end of the branch: for a normal-form game
        an :class:`~gametheory.Equilibrium`, exact when the game is exact and
        the equilibrium rational, verified with :func:`~gametheory.is_nash`
        (or, failing that, recorded with its measured regret as tolerance);
        for a tree a float :class:`~gametheory.BehaviorEquilibrium` whose
        tolerance is the agent-form regret reached. ``None`` when the trace
        stopped at ``max_lambda`` before reaching an equilibrium.
    game : NormalFormGame or ExtensiveFormGame
        The game.
    players : tuple of str
        Player names.
    strategies : tuple of tuple of str
        Labels of the entries of each profile vector.
    max_residual : float
        The largest :func:`qre_residual` over the points.
    """

    lambdas: np.ndarray
    profiles: tuple[tuple[np.ndarray, ...], ...]
    limit: Equilibrium | BehaviorEquilibrium | None
    game: Game
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    max_residual: float

    def probabilities(self, index: int) -> np.ndarray:
        """Probabilities of player (or information set) ``index`` along the path: one row per point.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> path = qre_path(game, max_lambda=2)
        >>> path.probabilities(0).shape == (len(path.lambdas), 2)
        True
        >>> path.probabilities(0)[0].tolist()
        [0.5, 0.5]
        """
        if isinstance(index, bool) or not isinstance(index, int | np.integer) or not 0 <= index < len(self.strategies):
            raise InvalidArgumentError(f"index must be an int in [0, {len(self.strategies)}), not {index!r}")
        return np.array([profile[index] for profile in self.profiles])


def logit_qre(
    game: Game, lam: float, *, first_step: float = 0.03, max_accel: float = 1.5, time_limit: float | None = None
) -> QuantalResponseEquilibrium:
    """The logit QRE at precision ``lam`` on the principal branch.

    Follows the branch from the centroid (``lam = 0``) and returns its
    first point with the given ``lam``; a local solve from an arbitrary
    start could land on another branch.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A numeric game (exact or float payoffs), with any number of players;
        a tree must have perfect recall (its agent-form QRE is returned).
    lam : float
        The precision, a finite real number ``>= 0``; payoffs are used as
        given, so ``lam`` is in units of one over payoff.
    first_step : float, optional
        Arc length of the first step of the path.
    max_accel : float, optional
        Largest factor (``>= 1``) by which a step may lengthen the next.
    time_limit : float, optional
        Seconds after which to stop with :class:`~gametheory.exceptions.ResourceLimitError`.

    Returns
    -------
    QuantalResponseEquilibrium

    Raises
    ------
    InvalidArgumentError
        If ``lam`` is negative, NaN, infinite or not a real number, or an option is invalid.
    ParameterError
        If the game is parametric.
    UnsupportedGameError
        If ``game`` is not a game, or a tree has imperfect recall.
    SolverError
        If the path cannot be continued (a degenerate game).

    See Also
    --------
    qre_path : the whole branch and its Nash limit.
    qre_residual : the checker.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> print(logit_qre(pennies, 2))
    lam=2: Player 1: s1 0.5, s2 0.5; Player 2: s1 0.5, s2 0.5; payoffs 0, 0
    >>> game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> qre = logit_qre(game, 3)
    >>> qre_residual(game, qre.profile, 3) < QRE_TOLERANCE
    True
    """
    value = check_lam(lam)
    system = _system(game, "logit_qre")
    options = check_options(first_step, max_accel)
    with time_limit_scope(time_limit, "logit_qre"):
        result = trace(system, stop=lambda x: False, target=value, record=False, **options)
    return _record(game, system, result.points[-1][:-1], value)


def qre_path(
    game: Game,
    *,
    max_lambda: float | None = None,
    max_regret: float = 1e-8,
    first_step: float = 0.03,
    max_accel: float = 1.5,
    time_limit: float | None = None,
) -> QREPath:
    """Trace the principal logit branch from ``lam = 0`` towards the Nash equilibrium it selects.

    The trace stops when every player's regret (for trees: the agent-form
    regret at every information set, given beliefs) is at most
    ``max_regret`` times the range of the payoffs (the criterion of
    Gambit's ``logit_solve``), or at ``max_lambda`` if that comes first.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A numeric game; a tree must have perfect recall.
    max_lambda : float, optional
        Stop when ``lam`` first reaches this value (the last point is at it
        exactly). The default is no bound.
    max_regret : float, optional
        Relative regret at which the branch counts as having reached its limit.
    first_step, max_accel, time_limit
        As for :func:`logit_qre`.

    Returns
    -------
    QREPath

    Raises
    ------
    InvalidArgumentError
        On an invalid option.
    ParameterError
        If the game is parametric.
    UnsupportedGameError
        If ``game`` is not a game, or a tree has imperfect recall.
    SolverError
        If the path cannot be continued (a degenerate game).

    Examples
    --------
    >>> from gametheory import NormalFormGame, is_nash
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [1, 2]], [[2, 1], [0, 3]])
    >>> path = qre_path(game)
    >>> print(path.limit)
    Player 1: s2; Player 2: s2; payoffs 2, 3
    >>> is_nash(game, path.limit), float(path.lambdas[0]), bool(path.lambdas[-1] > 5)
    (True, 0.0, True)
    """
    system = _system(game, "qre_path")
    options = check_options(first_step, max_accel)
    bound = positive(max_regret, "max_regret") * system.spread
    target = None if max_lambda is None else check_lam(max_lambda, "max_lambda")

    def done(x: np.ndarray) -> bool:
        profile = flat(system.probabilities(x[:-1]))
        return bool(np.all(system.regrets(profile) <= bound)) or x[-1] * max(system.spread, 1e-300) > _LAM_CAP

    with time_limit_scope(time_limit, "qre_path"):
        result = trace(system, stop=done, target=target, record=True, **options)
        records = [_record(game, system, x[:-1], float(x[-1])) for x in result.points]
        limit: Equilibrium | BehaviorEquilibrium | None = None
        if result.stopped:
            end = records[-1].profile
            reached = max(bound, float(np.max(system.regrets(flat(end)), initial=0.0)))
            if isinstance(game, ExtensiveFormGame):
                assert isinstance(system, TreeSystem)
                limit = tree_limit(game, system, end, bound)
                reached = limit.tolerance if limit.tolerance is not None else 0.0
            else:
                assert isinstance(system, NormalSystem)
                limit = normal_limit(game, system, end, reached)
            if reached > _ACCEPTED_REGRET * system.spread:
                # The trace ended where floats give out (see trace), still far from a Nash equilibrium.
                raise SolverError(
                    f"the logit path reached lam = {records[-1].lam:.6g} with regret {reached:.3g}, "
                    "above the accepted limit; the game may be degenerate there"
                )
    lambdas = np.array([r.lam for r in records])
    lambdas.flags.writeable = False
    return QREPath(
        lambdas=lambdas,
        profiles=tuple(r.profile for r in records),
        limit=limit,
        game=game,
        players=game.players,
        strategies=labels(game),
        max_residual=max(r.max_residual for r in records),
    )


def qre_residual(game: Game, profile: Any, lam: float) -> float:
    """How far ``profile`` is from the logit QRE equations at ``lam``: the checker of :func:`logit_qre`.

    Returns the largest ``|p - softmax(lam * v)|`` over every strategy (or
    action), where ``v`` are the expected payoffs of the choices of each
    player (or, for a tree, of each information set given the beliefs that
    ``profile`` implies by Bayes' rule). Zero exactly at a QRE.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A numeric game.
    profile : sequence or QuantalResponseEquilibrium
        One probability vector per player (normal form), or per information set (trees).
    lam : float
        The precision, ``>= 0``.

    Raises
    ------
    InvalidArgumentError
        On a bad ``lam``.
    InvalidProfileError
        If ``profile`` does not fit the game.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> qre_residual(game, [[0.5, 0.5], [0.5, 0.5]], 0)
    0.0
    >>> round(qre_residual(game, [[0.5, 0.5], [0.5, 0.5]], 1), 4)
    0.3176
    """
    value = check_lam(lam)
    system = _system(game, "qre_residual")
    if isinstance(profile, QuantalResponseEquilibrium):
        profile = profile.profile
    return system.fixed_point_gap(as_vector(game, system, profile), value)


# ---------------------------------------------------------------------- helpers

#: The trace stops when ``lam`` times the payoff range passes this (probabilities are then beyond float resolution).
_LAM_CAP = 1e12

#: The largest regret, times the payoff range, accepted at the end of a trace stopped by float underflow.
_ACCEPTED_REGRET = 1e-6


def _system(game: Any, solver: str) -> QRESystem:
    if isinstance(game, ExtensiveFormGame):
        return TreeSystem(require_numeric_tree(game, solver))
    return NormalSystem(require_numeric(game, solver))


def _record(game: Game, system: QRESystem, y: np.ndarray, lam: float) -> QuantalResponseEquilibrium:
    profile = system.probabilities(y)
    vector = flat(profile)
    payoffs = system.expected_payoffs(vector)
    payoffs.flags.writeable = False
    return QuantalResponseEquilibrium(
        profile=profile,
        lam=lam,
        payoffs=payoffs,
        game=game,
        players=game.players,
        strategies=labels(game),
        max_residual=system.fixed_point_gap(vector, lam),
    )
