"""Iterated elimination of strategies dominated by pure or mixed strategies, for N players."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.exact_lp import LPStatus, maximize
from gametheory._internal.formatting import format_number
from gametheory.exceptions import InvalidArgumentError, InvalidProfileError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.guards import require_numeric

__all__ = ["DominanceResult", "DominatedStrategy", "dominated_strategies", "iterated_dominance"]


@dataclass(frozen=True, eq=False)
class DominatedStrategy:
    """A strategy removed because a (possibly mixed) strategy dominates it.

    Attributes
    ----------
    player : int
        Index of the player.
    strategy : int
        Index of the dominated strategy in the game that was passed in.
    label : str
        Its label.
    witness : numpy.ndarray
        A dominating mixed strategy over the player's strategies in the game
        that was passed in (zero on strategies already removed): Fractions
        for exact games, ``float64`` otherwise. It dominates ``strategy``
        against every profile of the opponents' strategies that survived
        the rounds before ``round``.
    round : int
        The elimination round, counted from 1. All strategies dominated in
        a round are removed together.
    player_name : str
        The player's name, for display.
    witness_labels : tuple of str
        The player's strategy labels, for display of the witness.
    weak : bool
        Whether this is weak (rather than strict) dominance.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> print(dominated_strategies(pd, 0)[0])
    Player 1's s1 is strictly dominated by s2 (round 1)
    """

    player: int
    strategy: int
    label: str
    witness: np.ndarray
    round: int
    player_name: str
    witness_labels: tuple[str, ...]
    weak: bool

    def __str__(self) -> str:
        kind = "weakly" if self.weak else "strictly"
        used = [i for i, p in enumerate(self.witness) if p > 0]
        if len(used) == 1:
            by = self.witness_labels[used[0]]
        else:
            by = ", ".join(f"{self.witness_labels[i]} {format_number(self.witness[i])}" for i in used)
        return f"{self.player_name}'s {self.label} is {kind} dominated by {by} (round {self.round})"


@dataclass(frozen=True, eq=False)
class DominanceResult:
    """Outcome of :func:`iterated_dominance`.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game, with the surviving strategies and their labels.
    eliminated : tuple of DominatedStrategy
        The removed strategies in the order of removal (by round, then
        player, then strategy index), each with a dominating witness.
    surviving : tuple of tuple of int
        For each player, the indices (in the original game) of the
        strategies that survive.
    weak : bool
        Whether weak dominance was used.
    rounds : int
        Number of rounds that removed at least one strategy.
    tolerance : float or None
        ``None`` for an exact game; otherwise the largest of the players'
        float tolerances within which payoff margins count as zero
        (:meth:`NormalFormGame.default_tolerance` of the game passed in).

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")))
    >>> result = iterated_dominance(pd)
    >>> result.surviving, result.is_exact
    (((1,), (1,)), True)
    >>> print(result)
    Player 1's C is strictly dominated by D (round 1)
    Player 2's C is strictly dominated by D (round 1)
    Surviving: Player 1: D; Player 2: D
    """

    game: NormalFormGame
    eliminated: tuple[DominatedStrategy, ...]
    surviving: tuple[tuple[int, ...], ...]
    weak: bool
    rounds: int
    tolerance: float | None = None

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self.game.players

    @property
    def is_exact(self) -> bool:
        """True for an exact game (exact witnesses and comparisons)."""
        return self.tolerance is None

    def __str__(self) -> str:
        lines = [str(e) for e in self.eliminated]
        names = self.game.players
        kept = "; ".join(f"{names[p]}: {', '.join(labels)}" for p, labels in enumerate(self.game.strategies))
        return "\n".join([*lines, f"Surviving: {kept}"])


def dominated_strategies(game: NormalFormGame, player: int, *, weak: bool = False) -> tuple[DominatedStrategy, ...]:
    """The strategies of one player that a pure or mixed strategy dominates (one step, no iteration).

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with any number of players.
    player : int
        Index of the player.
    weak : bool, default False
        If False, strategy ``s`` is dominated when some mixed strategy pays
        strictly more against every opponents' profile. If True, when it
        pays at least as much against every profile and strictly more
        against one.

    Returns
    -------
    tuple of DominatedStrategy
        In strategy order, with ``round == 1``.

    Notes
    -----
    A pure dominating strategy is looked for first (vectorised); otherwise
    one linear program per candidate decides domination by a mixture: an
    exact rational simplex for exact games, so the answer and the witness
    are exact, and HiGHS for float games, where margins must exceed the
    player's own tolerance (:meth:`NormalFormGame.player_tolerances`: the
    scale of the other players' payoffs plays no part; the witness is
    checked again against that tolerance before it is reported).

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> # The middle row is dominated only by the half-half mixture of the others.
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]])
    >>> (d,) = dominated_strategies(game, 0)
    >>> d.strategy, d.witness.tolist()
    (1, [Fraction(1, 2), Fraction(0, 1), Fraction(1, 2)])
    """
    require_numeric(game, "dominated_strategies")
    if not isinstance(player, int | np.integer) or isinstance(player, bool) or not 0 <= player < game.num_players:
        raise InvalidProfileError(f"player index {player!r} is out of range for {game.num_players} players")
    _check_weak(weak)
    found = _dominated(game, int(player), tuple(range(game.shape[player])), weak)
    return tuple(_record(game, int(player), s, w, 1, weak) for s, w in found)


def iterated_dominance(game: NormalFormGame, *, weak: bool = False) -> DominanceResult:
    """Iterated elimination of dominated strategies, including domination by mixed strategies.

    In each round, every player's strategies that are dominated in the
    current reduced game (see :func:`dominated_strategies`) are removed
    together; rounds repeat until nothing is dominated.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with any number of players.
    weak : bool, default False
        Eliminate weakly rather than strictly dominated strategies.

    Returns
    -------
    DominanceResult

    Notes
    -----
    The result of strict elimination does not depend on the order of
    removal, and every Nash equilibrium of the reduced game is one of the
    original game (with zero weight on removed strategies). Weak elimination
    can depend on the order (this function's order is the simultaneous one
    described above) and can remove equilibria; every equilibrium of the
    weakly reduced game is still an equilibrium of the original.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    >>> iterated_dominance(game).surviving
    ((0, 1), (0, 1))
    >>> iterated_dominance(game, weak=True).surviving
    ((0,), (0,))
    """
    require_numeric(game, "iterated_dominance")
    _check_weak(weak)
    alive = [tuple(range(n)) for n in game.shape]
    eliminated: list[DominatedStrategy] = []
    rounds = 0
    while True:
        found = []
        sub = _restrict(game, alive)
        for player in range(game.num_players):
            if len(alive[player]) > 1:
                for local, witness in _dominated(sub, player, tuple(range(len(alive[player]))), weak):
                    full = _expand(witness, alive[player], game.shape[player], game.is_exact)
                    found.append((player, alive[player][local], full))
        if not found:
            break
        rounds += 1
        for player, strategy, witness in found:
            eliminated.append(_record(game, player, strategy, witness, rounds, weak))
        removed = {(p, s) for p, s, _ in found}
        alive = [tuple(s for s in alive[p] if (p, s) not in removed) for p in range(game.num_players)]
    return DominanceResult(
        game=_restrict(game, alive),
        eliminated=tuple(eliminated),
        surviving=tuple(alive),
        weak=weak,
        rounds=rounds,
        tolerance=None if game.is_exact else game.default_tolerance(),
    )


# ---------------------------------------------------------------------- helpers


def _check_weak(weak: object) -> None:
    if not isinstance(weak, bool | np.bool_):
        raise InvalidArgumentError(f"weak must be True or False, not {weak!r}")


def _restrict(game: NormalFormGame, alive: list[tuple[int, ...]]) -> NormalFormGame:
    if all(len(a) == n for a, n in zip(alive, game.shape, strict=True)):
        return game
    payoffs = game.payoffs[np.ix_(*alive)]
    labels = [tuple(game.strategies[p][s] for s in a) for p, a in enumerate(alive)]
    return NormalFormGame(payoffs, players=game.players, strategies=labels)


def _expand(witness: np.ndarray, alive: tuple[int, ...], n: int, exact: bool) -> np.ndarray:
    out = np.array([Fraction(0)] * n, dtype=object) if exact else np.zeros(n)
    for local, s in enumerate(alive):
        out[s] = witness[local]
    return out


def _record(
    game: NormalFormGame, player: int, strategy: int, witness: np.ndarray, round_: int, weak: bool
) -> DominatedStrategy:
    witness = witness.copy()
    witness.flags.writeable = False
    return DominatedStrategy(
        player=player,
        strategy=strategy,
        label=game.strategies[player][strategy],
        witness=witness,
        round=round_,
        player_name=game.players[player],
        witness_labels=game.strategies[player],
        weak=weak,
    )


def _dominated(
    game: NormalFormGame, player: int, candidates: tuple[int, ...], weak: bool
) -> list[tuple[int, np.ndarray]]:
    """(strategy, witness) for each dominated candidate, witnesses over the player's strategies in ``game``."""
    exact = game.is_exact
    if exact:
        payoffs, tol = game.payoff_tensor(player), 0.0
    else:
        # The player's own payoffs scaled by a power of two (exact), against the player's own tolerance:
        # another player's scale never decides this player's dominance.
        floats = game.float_payoffs()
        payoffs, tol = _tolerance.normalised(floats)[..., player], float(_tolerance.slacks(floats)[player])
    # Rows: the player's strategies; columns: every profile of the opponents.
    u = np.moveaxis(payoffs, player, 0).reshape(game.shape[player], -1)
    n = u.shape[0]
    out = []
    for s in candidates:
        others = [k for k in range(n) if k != s]
        if not others:
            continue
        diff = u[others] - u[s]  # diff[k, c] = gain of playing others[k] instead of s against c
        witness = _pure_witness(diff, weak, tol)
        if witness is None:
            witness = _exact_mixed_witness(diff, weak) if exact else _float_mixed_witness(diff, weak, tol)
        if witness is not None:
            full = np.array([Fraction(0)] * n, dtype=object) if exact else np.zeros(n)
            full[others] = witness
            out.append((s, full))
    return out


def _pure_witness(diff: np.ndarray, weak: bool, tol: float) -> np.ndarray | None:
    ok = (np.all(diff >= -tol, axis=1) & np.any(diff > tol, axis=1)) if weak else np.all(diff > tol, axis=1)
    hits = np.flatnonzero(ok)
    if len(hits) == 0:
        return None
    exact = diff.dtype == object
    witness = np.array([Fraction(0)] * len(diff), dtype=object) if exact else np.zeros(len(diff))
    witness[hits[0]] = Fraction(1) if exact else 1.0
    return witness


def _exact_mixed_witness(diff: np.ndarray, weak: bool) -> np.ndarray | None:
    k, c = diff.shape
    if k < 2:
        return None
    columns = [[diff[i, j] for i in range(k)] for j in range(c)]
    if weak:
        # max sum_c sigma.diff[:, c]  s.t.  sigma.diff[:, c] >= 0 for every c, sum sigma = 1.
        objective = [sum(diff[i], Fraction(0)) for i in range(k)]
        result = maximize(
            objective, [[-v for v in col] for col in columns], [Fraction(0)] * c, [[Fraction(1)] * k], [Fraction(1)]
        )
        if result.status is not LPStatus.OPTIMAL or result.value is None or result.value <= 0:
            return None
        sigma = result.x
    else:
        # max e  s.t.  e <= sigma.(diff[:, c] - low) for every c, sum sigma = 1; shifting by the
        # smallest entry `low` keeps e >= 0 without cutting off the optimum.
        low = min(diff.flat)
        a_ub = [[-(v - low) for v in col] + [Fraction(1)] for col in columns]
        result = maximize(
            [Fraction(0)] * k + [Fraction(1)],
            a_ub,
            [Fraction(0)] * c,
            [[Fraction(1)] * k + [Fraction(0)]],
            [Fraction(1)],
        )
        if result.status is not LPStatus.OPTIMAL or result.value is None or result.value + low <= 0:
            return None
        sigma = result.x[:k]
    return np.array(sigma, dtype=object)


def _float_mixed_witness(diff: np.ndarray, weak: bool, tol: float) -> np.ndarray | None:
    from scipy.optimize import linprog

    k, c = diff.shape
    if k < 2:
        return None
    if weak:
        lp = linprog(
            -diff.sum(axis=1), A_ub=-diff.T, b_ub=np.zeros(c), A_eq=np.ones((1, k)), b_eq=[1.0], method="highs"
        )
    else:
        lp = linprog(
            np.r_[np.zeros(k), -1.0],
            A_ub=np.c_[-diff.T, np.ones(c)],
            b_ub=np.zeros(c),
            A_eq=np.r_[np.ones(k), 0.0][None, :],
            b_eq=[1.0],
            bounds=[(0, None)] * k + [(None, None)],
            method="highs",
        )
    if not lp.success:
        return None
    sigma = np.clip(lp.x[:k], 0.0, None)
    sigma = sigma / sigma.sum()
    # Check the cleaned witness against the stated tolerance, so a report is never wrong.
    margins = sigma @ diff
    if weak:
        return sigma if bool(np.all(margins >= -tol) and np.any(margins > tol)) else None
    return sigma if bool(np.all(margins > tol)) else None
