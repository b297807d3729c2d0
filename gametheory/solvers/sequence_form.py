"""The sequence form of two-player game trees (Koller, Megiddo and von Stengel 1996).

A player's *sequences* are the empty sequence and the (information set,
action) pairs; with perfect recall every information set is reached by one
sequence of its mover. A *realisation plan* gives each sequence the
probability that the player's own moves follow it: ``E x = e``, ``x >= 0``
for player 1 and ``F y = f``, ``y >= 0`` for player 2. Expected payoffs are
``x @ A @ y`` and ``x @ B @ y``, where ``A`` and ``B`` hold, for each pair of
sequences, the payoffs of the nodes they lead to times the chance
probabilities on the way. The sizes grow linearly with the tree, where the
reduced normal form grows exponentially. :func:`sequence_form` gives the
matrices, :func:`solve_zero_sum_tree` solves zero-sum trees by linear
programming, :func:`lemke_howson_tree` finds an equilibrium by Lemke's
algorithm, and :func:`sequence_form_regret` checks any profile.

Examples
--------
>>> from gametheory.games.tree_nodes import decision, terminal
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> pennies = ExtensiveFormGame(decision("A", {
...     "H": decision("B", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="guess"),
...     "T": decision("B", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="guess"),
... }))
>>> print(solve_zero_sum_tree(pennies))
value 0; A: H 1/2, T 1/2; B: h 1/2, t 1/2
>>> eq = lemke_howson_tree(pennies)
>>> sequence_form_regret(pennies, eq).tolist()
[Fraction(0, 1), Fraction(0, 1)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gametheory._internal.formatting import format_number
from gametheory._internal.limits import time_limit_scope
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers._sequence_build import (
    Layout,
    behavior_from_plans,
    build_layout,
    dense_arrays,
    plan_from_behavior,
    require_two_player_tree,
)
from gametheory.solvers._sequence_check import certified, checked_plans, coerced, lemke_equilibrium, regrets
from gametheory.solvers._sequence_lp import certified_gap, zero_sum_plans
from gametheory.solvers.behavior import BehaviorEquilibrium

__all__ = [
    "SequenceForm",
    "TreeZeroSumSolution",
    "lemke_howson_tree",
    "sequence_form",
    "sequence_form_regret",
    "solve_zero_sum_tree",
]


@dataclass(frozen=True, eq=False)
class SequenceForm:
    """The sequence form of a two-player tree with perfect recall.

    Attributes
    ----------
    game : ExtensiveFormGame
        The tree.
    sequences : tuple of two tuples
        Each player's sequences, in the order of the rows of ``A`` (player 1)
        and of its columns (player 2): first the empty sequence ``()``, then
        one ``(information set name, action)`` pair per action of each of the
        player's information sets, in ``game.information_sets`` order (names
        as :func:`~gametheory.solvers.behavior.infoset_name`).
    A, B : numpy.ndarray
        Payoffs of players 1 and 2 over pairs of sequences, chance
        probabilities folded in (Fractions for exact trees, float64 otherwise);
        most entries are zero.
    E, e : numpy.ndarray
        Player 1's plan constraints ``E @ x == e``: row 0 fixes the empty
        sequence at 1; row ``r`` says the actions of the ``r``-th information
        set of player 1 share the weight of the sequence leading there.
    F, f : numpy.ndarray
        The same for player 2: ``F @ y == f``.
    infosets : tuple of two tuples of int
        Index (into ``game.information_sets``) of the set behind each row
        ``1, 2, ...`` of ``E`` and of ``F``.
    """

    game: ExtensiveFormGame
    sequences: tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]
    A: np.ndarray
    B: np.ndarray
    E: np.ndarray
    e: np.ndarray
    F: np.ndarray
    f: np.ndarray
    infosets: tuple[tuple[int, ...], tuple[int, ...]]
    _layout: Layout = field(repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        """Number of sequences of each player."""
        return self._layout.sizes

    def realization_plans(self, behavior: Any) -> tuple[np.ndarray, np.ndarray]:
        """Both players' realisation plans under a behaviour profile (or a :class:`BehaviorEquilibrium`).

        Examples
        --------
        >>> from fractions import Fraction
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> tree = ExtensiveFormGame(decision("A", {"x": decision("B", {"u": terminal(1, 0), "v": terminal(0, 1)}),
        ...                                         "y": terminal(0, 0)}))
        >>> form = sequence_form(tree)
        >>> x, y = form.realization_plans([[Fraction(1, 4), Fraction(3, 4)], [1, 0]])
        >>> x.tolist(), y.tolist()
        ([Fraction(1, 1), Fraction(1, 4), Fraction(3, 4)], [Fraction(1, 1), Fraction(1, 1), Fraction(0, 1)])
        """
        layout, vectors = coerced(self._layout, behavior)
        dtype = object if layout.exact else np.float64
        return tuple(np.array(plan_from_behavior(layout, p, vectors), dtype=dtype) for p in (0, 1))  # type: ignore[return-value]

    def behavior(self, x: Any, y: Any) -> tuple[np.ndarray | None, ...]:
        """The behaviour profile of two realisation plans: ``x(s a) / x(s)``, ``None`` where ``x(s) = 0``.

        Examples
        --------
        >>> from fractions import Fraction
        >>> from gametheory.games.tree_nodes import decision, terminal
        >>> from gametheory.games.extensive_form import ExtensiveFormGame
        >>> tree = ExtensiveFormGame(decision("A", {"x": terminal(1, 0), "y": terminal(0, 1)}), players=("A", "B"))
        >>> sequence_form(tree).behavior([1, Fraction(1, 3), Fraction(2, 3)], [1])[0].tolist()
        [Fraction(1, 3), Fraction(2, 3)]
        """
        return behavior_from_plans(self._layout, checked_plans(self._layout, x, y))


@dataclass(frozen=True, eq=False)
class TreeZeroSumSolution:
    """The value and optimal behaviour strategies of a two-player zero-sum (or constant-sum) tree.

    Attributes
    ----------
    value : Fraction or float
        What player 1 can guarantee, and player 2 hold player 1 to.
    equilibrium : BehaviorEquilibrium
        The optimal strategies, laid out as for :func:`~gametheory.solvers.behavior.tree_equilibria`
        (``None`` at sets the mover's own strategy never reaches).
    realization_plans : tuple of numpy.ndarray
        The same strategies as realisation plans over :attr:`SequenceForm.sequences`.
    success : bool
        Always True: failures raise :class:`~gametheory.exceptions.SolverError`.
    message : str
        How the answer was computed.
    tolerance : float or None
        ``None`` when exact; else a bound on each strategy's shortfall from ``value``.
    nit : int
        Simplex pivots or HiGHS iterations.
    """

    value: Any
    equilibrium: BehaviorEquilibrium
    realization_plans: tuple[np.ndarray, np.ndarray]
    success: bool
    message: str
    tolerance: float | None
    nit: int

    def __str__(self) -> str:
        text = str(self.equilibrium)
        return f"value {format_number(self.value)}; " + text.rsplit("; payoffs", 1)[0]


def sequence_form(tree: ExtensiveFormGame, *, time_limit: float | None = None) -> SequenceForm:
    """The sequence form of a two-player tree with perfect recall: payoff matrices and plan constraints.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A numeric two-player tree with perfect recall.
    time_limit : float, optional
        Seconds allowed (default none).

    Returns
    -------
    SequenceForm

    Raises
    ------
    UnsupportedGameError
        If the tree does not have two players or has imperfect recall.
    ParameterError
        If the tree is parametric.
    ResourceLimitError
        Past ``time_limit``.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(chance({
    ...     "high": ("1/2", decision("A", {"bet": terminal(2, -2), "fold": terminal(-1, 1)}, infoset="high")),
    ...     "low": ("1/2", decision("A", {"bet": decision("B", {"call": terminal(-2, 2), "pass": terminal(1, -1)}),
    ...                                   "fold": terminal(-1, 1)}, infoset="low")),
    ... }), players=("A", "B"))
    >>> form = sequence_form(tree)
    >>> form.sequences[0]
    ((), ('A [high]', 'bet'), ('A [high]', 'fold'), ('A [low]', 'bet'), ('A [low]', 'fold'))
    >>> form.A[3].tolist()
    [Fraction(0, 1), Fraction(-1, 1), Fraction(1, 2)]
    >>> form.E.tolist() == [[1, 0, 0, 0, 0], [-1, 1, 1, 0, 0], [-1, 0, 0, 1, 1]]
    True
    """
    require_two_player_tree(tree, "sequence_form")
    with time_limit_scope(time_limit, "sequence_form"):
        layout = build_layout(tree)
    labels, (a, b, e_matrix, e, f_matrix, f) = dense_arrays(layout)
    return SequenceForm(layout.tree, labels, a, b, e_matrix, e, f_matrix, f, layout.infosets, layout)


def solve_zero_sum_tree(tree: ExtensiveFormGame, *, time_limit: float | None = None) -> TreeZeroSumSolution:
    """Solve a two-player zero-sum tree by the sequence-form linear program (von Stengel 1996).

    One variable per sequence, one constraint per information set. Float
    trees are solved with HiGHS; exact trees too, and the strategies found
    are rounded to fractions and proved optimal exactly (the best reply to
    each gives the same value), or else solved by the exact rational simplex.
    Constant-sum trees are accepted (``value`` is player 1's payoff).

    Parameters
    ----------
    tree : ExtensiveFormGame
        A numeric two-player tree with perfect recall, zero-sum or constant-sum.
    time_limit : float, optional
        Seconds allowed (default none).

    Returns
    -------
    TreeZeroSumSolution

    Raises
    ------
    UnsupportedGameError
        If the tree does not have two players, has imperfect recall or is not constant-sum.
    ParameterError
        If the tree is parametric.
    SolverError
        If the float LP fails or its answer cannot be verified.

    See Also
    --------
    sequence_form_regret : the check that every answer passes.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> bluff = ExtensiveFormGame(chance({
    ...     "high": ("1/2", decision("A", {"bet": decision("B", {"call": terminal(2, -2), "fold": terminal(1, -1)},
    ...                                                    infoset="bet"), "check": terminal(1, -1)}, infoset="high")),
    ...     "low": ("1/2", decision("A", {"bet": decision("B", {"call": terminal(-2, 2), "fold": terminal(1, -1)},
    ...                                                   infoset="bet"), "check": terminal(-1, 1)}, infoset="low")),
    ... }), players=("A", "B"))
    >>> solution = solve_zero_sum_tree(bluff)
    >>> solution.value
    Fraction(1, 3)
    >>> solution.equilibrium.probabilities("A [low]")
    {'bet': Fraction(1, 3), 'check': Fraction(2, 3)}
    """
    require_two_player_tree(tree, "solve_zero_sum_tree")
    with time_limit_scope(time_limit, "solve_zero_sum_tree"):
        layout = build_layout(tree)
        if layout.constant is None:
            raise UnsupportedGameError(
                "solve_zero_sum_tree needs a zero-sum (or constant-sum) tree: the payoffs at the terminal nodes "
                "do not always add up to the same number"
            )
        x, y, message, nit = zero_sum_plans(layout)
        equilibrium, plans = certified(layout, (x, y), "solve_zero_sum_tree")
        gap = certified_gap(layout, list(plans[0]), list(plans[1]))
        value = equilibrium.payoffs[0]
        tolerance = equilibrium.tolerance
        if tolerance is not None:
            tolerance = max(tolerance, float(gap))
    return TreeZeroSumSolution(
        value=value,
        equilibrium=equilibrium,
        realization_plans=plans,
        success=True,
        message=message + (" Verified exactly." if tolerance is None else f" Verified within {tolerance:.3g}."),
        tolerance=tolerance,
        nit=nit,
    )


def lemke_howson_tree(tree: ExtensiveFormGame, *, time_limit: float | None = None) -> BehaviorEquilibrium:
    """One equilibrium of a two-player tree by Lemke's algorithm on the sequence-form LCP.

    The complementary pivoting path of Koller, Megiddo and von Stengel
    (1996) starts from the centroid (every action equally likely) and ends
    at an equilibrium; its size is linear in the tree. Exact trees pivot on
    integers and give an exact equilibrium; float trees pivot in float64.
    Degeneracy is resolved lexicographically. Every answer is certified by
    :func:`sequence_form_regret` before it is returned.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A numeric two-player tree with perfect recall.
    time_limit : float, optional
        Seconds allowed (default none).

    Returns
    -------
    BehaviorEquilibrium
        ``None`` at the sets that the mover's own strategy never reaches.

    Raises
    ------
    UnsupportedGameError
        If the tree does not have two players or has imperfect recall.
    ParameterError
        If the tree is parametric.
    SolverError
        If the answer fails its check (float trees only).
    ResourceLimitError
        Past ``time_limit``.

    See Also
    --------
    sequence_form_regret : the check that every answer passes.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("Militia", {
    ...     "Attack": decision("US", {"Retaliate": terminal(-1, -2), "Absorb": terminal(1, -1)}),
    ...     "Hold": terminal(0, 0),
    ... }))
    >>> print(lemke_howson_tree(tree))
    Militia: Attack; US: Absorb; payoffs 1, -1
    """
    require_two_player_tree(tree, "lemke_howson_tree")
    with time_limit_scope(time_limit, "lemke_howson_tree"):
        layout = build_layout(tree)
        equilibrium = lemke_equilibrium(layout, "lemke_howson_tree")
    return equilibrium


def sequence_form_regret(tree: ExtensiveFormGame, profile: Any) -> np.ndarray:
    """How much each player gains by a best response to a behaviour profile of a two-player tree.

    Each best reply is found by backward induction over the player's own
    information sets, in time linear in the tree. A profile is a Nash equilibrium
    exactly when both regrets are zero (within the float tolerance for float
    profiles). ``None`` entries are allowed at sets the mover's own strategy
    never reaches.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A numeric two-player tree with perfect recall.
    profile : BehaviorEquilibrium or sequence
        One probability vector (or ``None``) per information set.

    Returns
    -------
    numpy.ndarray
        The two regrets, exact when the tree and the profile are.

    Raises
    ------
    InvalidProfileError
        If the profile does not fit the tree or is not a distribution at each set.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> from gametheory.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame(decision("A", {"x": decision("B", {"u": terminal(2, 1), "v": terminal(0, 0)}),
    ...                                         "y": terminal(1, 1)}))
    >>> sequence_form_regret(tree, [[1, 0], [0, 1]]).tolist()  # A could take y, B could play u
    [Fraction(1, 1), Fraction(1, 1)]
    >>> sequence_form_regret(tree, [[0, 1], [0, 1]]).tolist()  # B's choice is never reached: an equilibrium
    [Fraction(0, 1), Fraction(0, 1)]
    """
    require_two_player_tree(tree, "sequence_form_regret")
    layout, vectors = coerced(build_layout(tree), profile)
    return regrets(layout, plan_from_behavior(layout, 0, vectors), plan_from_behavior(layout, 1, vectors))
