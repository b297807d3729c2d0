"""Perfect Bayesian equilibria of game trees with perfect recall, with the beliefs that support them.

**The consistency notion.** An assessment is a full behaviour profile (an
action distribution at *every* information set) and a belief at every set.
It is a perfect Bayesian equilibrium here when

1. *sequential rationality*: at every information set, the mover's behaviour
   from there on (at that set and all its own later sets) maximises its
   expected payoff given its belief there and the others' behaviour;
2. *Bayes' rule wherever it applies*: at a set ``h`` of player ``i``, let
   ``r`` be the root of the smallest subgame containing ``h``, and weigh each
   node ``x`` of ``h`` by the probability of going from ``r`` to ``x`` under
   chance and the *other* players' behaviour (``i``'s own moves counted as
   taken; perfect recall makes them the same for every node). When some
   weight is positive, the belief is the normalised weights. This is Bayes'
   rule on the path, after the player's own deviation, and inside every
   subgame; so every such equilibrium is subgame perfect, and a Nash
   equilibrium. When every weight is zero (another player, or chance, has
   left the path to ``h``), any belief over ``h`` is admissible.

This is Fudenberg and Tirole's condition for the beliefs about the others'
private moves, without their further requirement that beliefs at later sets
be consistent with off-path beliefs at earlier ones of *other* players. In
signalling games (see :func:`~gametheory.solvers.signalling.satisfies_d1`
for the structure) the only off-path sets are the receiver's after unsent
messages, where both notions, and Kreps and Wilson's sequential
equilibrium, allow every belief: there they coincide.

**The method.** The on-path behaviour of a perfect Bayesian equilibrium is
that of a Nash equilibrium, and its off-path behaviour keeps it one. Starting
from :func:`~gametheory.solvers.behavior.tree_equilibria` (the extreme
equilibria of the reduced normal form, grouped by on-path behaviour), every
combination of off-path behaviour drawn from the pure actions and the vectors
those equilibria give is checked exactly: at every set the region of
supporting beliefs (an exact polytope; see :class:`BeliefRegion`) must meet
the admissible beliefs. For one on-path behaviour, the off-path behaviours
that keep a Nash equilibrium form a polytope whose vertices are extreme
equilibria of the reduced form or pure choices, so the extreme profiles are
found when the off-path sets' behaviours enter the deviation payoffs
separately (signalling games and one-stage-deviation trees); for deeper
nestings of off-path sets, mixtures that are extreme only jointly may be
missed.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from gametheory._internal.limits import check_time, time_limit_scope
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers import _pbe_beliefs as kernel
from gametheory.solvers._pbe_profiles import coerce_beliefs, coerce_profile, require_tree, set_names
from gametheory.solvers._pbe_records import BeliefRegion, PerfectBayesianEquilibrium, region_of
from gametheory.solvers._signalling_form import kind_of, signalling_form
from gametheory.solvers.behavior import behavior_payoffs, tree_equilibria

__all__ = [
    "BeliefRegion",
    "PerfectBayesianEquilibrium",
    "is_bayes_consistent",
    "is_sequentially_rational",
    "perfect_bayesian_equilibria",
]


def perfect_bayesian_equilibria(
    tree: ExtensiveFormGame, *, time_limit: float | None = None
) -> tuple[PerfectBayesianEquilibrium, ...]:
    """Every perfect Bayesian equilibrium of a small tree with perfect recall, as extreme profiles.

    See the module notes for the consistency notion enforced and the method.
    A continuum of equilibria is given by its extreme profiles. Exact trees
    give exact profiles, payoffs and belief regions; float trees are checked
    within ``1e-9`` times the largest absolute payoff.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A numeric tree with two or more players and perfect recall.
    time_limit : float, optional
        Seconds before :class:`~gametheory.exceptions.ResourceLimitError`.

    Returns
    -------
    tuple of PerfectBayesianEquilibrium

    Raises
    ------
    UnsupportedGameError
        If ``tree`` is not a game tree, has one player or imperfect recall.
    ParameterError
        If the tree is parametric.

    See Also
    --------
    is_sequentially_rational, is_bayes_consistent : the checkers.

    Examples
    --------
    An entry game: the threat to fight is a Nash equilibrium but not credible.

    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> tree = ExtensiveFormGame(decision("Entrant", {
    ...     "In": decision("Incumbent", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)}),
    ...     "Out": terminal(0, 2),
    ... }))
    >>> len(tree_equilibria(tree)), [str(e) for e in perfect_bayesian_equilibria(tree)]
    (3, ['Entrant: In; Incumbent: Share; payoffs 1, 1'])
    """
    require_tree(tree, "perfect_bayesian_equilibria")
    tolerance = kernel.payoff_tolerance(tree)
    found: dict[Any, PerfectBayesianEquilibrium] = {}
    with time_limit_scope(time_limit, "perfect_bayesian_equilibria"):
        groups: dict[Any, list[Any]] = {}
        for eq in tree_equilibria(tree):
            reach = eq.reach_probabilities()
            on_path = tuple(
                (s.index, tuple(eq.behavior[s.index].tolist()))  # type: ignore[union-attr]
                for s in tree.information_sets
                if any(_positive(reach[m], tolerance) for m in s.members)
            )
            groups.setdefault(on_path, []).append(eq)
        for on_path, members in groups.items():
            fixed = dict(on_path)
            options = []
            for s in tree.information_sets:
                if s.index in fixed:
                    options.append([fixed[s.index]])
                    continue
                choices = {_unit(len(s.actions), k, tolerance): None for k in range(len(s.actions))}
                for eq in members:
                    if eq.behavior[s.index] is not None:
                        choices.setdefault(tuple(eq.behavior[s.index].tolist()), None)
                options.append(list(choices))
            for behavior in itertools.product(*options):
                check_time()
                record = _assess(tree, behavior, tolerance)
                if record is not None:
                    found.setdefault(record.key(), record)
    return tuple(found.values())


def _positive(p: Any, tolerance: float | None) -> bool:
    return bool(p > 0) if tolerance is None else float(p) > 1e-12


def _unit(size: int, k: int, tolerance: float | None) -> tuple[Any, ...]:
    zero, one = (Fraction(0), Fraction(1)) if tolerance is None else (0.0, 1.0)
    return tuple(one if j == k else zero for j in range(size))


def _assess(tree: ExtensiveFormGame, behavior: Any, tolerance: float | None) -> PerfectBayesianEquilibrium | None:
    names = set_names(tree)
    beliefs: dict[str, tuple[Any, ...]] = {}
    regions: dict[str, BeliefRegion] = {}
    for info in tree.information_sets:
        rows = kernel.constraints(tree, behavior, info.index)
        on_path = kernel.on_path_beliefs(tree, behavior, info.index)
        if on_path is not None:
            if not kernel.satisfies(rows, on_path, tolerance):
                return None
            beliefs[names[info.index]] = on_path if tolerance is None else tuple(float(b) for b in on_path)
            continue
        pinned = kernel.admissible(tree, behavior, info.index)
        if pinned is not None:
            if not kernel.satisfies(rows, pinned, tolerance):
                return None
        elif kernel.feasible_belief(rows, len(info.members), tolerance) is None:
            return None
        regions[names[info.index]] = region_of(tree, info.index, rows, pinned, tolerance)
    dtype = object if tolerance is None else np.float64
    profile = tuple(_frozen(np.array(v, dtype=dtype)) for v in behavior)
    payoffs = _frozen(behavior_payoffs(tree, profile))
    form = signalling_form(tree)
    return PerfectBayesianEquilibrium(
        profile=profile,
        payoffs=payoffs,
        beliefs=MappingProxyType(beliefs),
        belief_regions=MappingProxyType(regions),
        kind=None if form is None else kind_of(form, profile),
        game=tree,
        tolerance=tolerance,
    )


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.array(array, dtype=array.dtype)
    array.flags.writeable = False
    return array


def is_sequentially_rational(tree: ExtensiveFormGame, profile: Any, beliefs: Mapping[Any, Any]) -> bool:
    """Whether every player's behaviour is optimal from every one of its information sets, given the beliefs.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A numeric tree with two or more players and perfect recall.
    profile : PerfectBayesianEquilibrium, BehaviorEquilibrium or sequence
        A probability vector at every information set.
    beliefs : mapping
        From information-set names (as in :attr:`PerfectBayesianEquilibrium.beliefs`) or indices to
        probabilities over the set's nodes, in tree order; sets of one node may be left out.

    Raises
    ------
    InvalidProfileError
        If a vector or belief has the wrong length, a negative entry, or does not sum to one.

    See Also
    --------
    perfect_bayesian_equilibria, is_bayes_consistent

    Examples
    --------
    >>> from gametheory.games.tree_nodes import decision, terminal
    >>> tree = ExtensiveFormGame(decision("A", {
    ...     "x": decision("B", {"u": terminal(0, 1), "v": terminal(1, 0)}, infoset="guess"),
    ...     "y": decision("B", {"u": terminal(1, 0), "v": terminal(0, 1)}, infoset="guess"),
    ... }))
    >>> half = ["1/2", "1/2"]
    >>> is_sequentially_rational(tree, [half, half], {"guess": half})
    True
    >>> is_sequentially_rational(tree, [half, half], {"guess": (1, 0)})  # sure of x, B should play u
    False
    """
    require_tree(tree, "is_sequentially_rational")
    behavior = coerce_profile(tree, profile)
    given = coerce_beliefs(tree, beliefs, complete=True)
    tolerance = kernel.payoff_tolerance(tree)
    if tolerance is None and _floats(behavior, given):
        tolerance = 1e-9
    return all(
        kernel.satisfies(kernel.constraints(tree, behavior, s.index), given[s.index], tolerance)
        for s in tree.information_sets
    )


def _floats(behavior: Any, given: Mapping[int, Any]) -> bool:
    values = [v for vector in behavior for v in vector] + [v for vector in given.values() for v in vector]
    return any(isinstance(v, float) for v in values)


def is_bayes_consistent(tree: ExtensiveFormGame, profile: Any, beliefs: Mapping[Any, Any]) -> bool:
    """Whether the beliefs follow Bayes' rule wherever it applies (see the module notes).

    On the path the belief must be the conditional probability of each node;
    off the path, wherever Bayes' rule from the player's own deviation (in
    the smallest subgame holding the set) applies, it must be that. Sets
    missing from ``beliefs`` are not checked.

    Raises
    ------
    InvalidProfileError
        If a vector or belief has the wrong length, a negative entry, or does not sum to one.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> us = lambda a: decision("US", {"Strike": terminal(a, 0), "Wait": terminal(0, 0)}, infoset="attack")
    >>> tree = ExtensiveFormGame(chance({"Ordered": ("1/4", us(1)), "Rogue": ("3/4", us(-1))}), players=("US", "Iran"))
    >>> is_bayes_consistent(tree, [[0, 1]], {"attack": ("1/4", "3/4")})
    True
    """
    require_tree(tree, "is_bayes_consistent")
    behavior = coerce_profile(tree, profile)
    given = coerce_beliefs(tree, beliefs, complete=False)
    for index, belief in given.items():
        target = kernel.on_path_beliefs(tree, behavior, index) or kernel.admissible(tree, behavior, index)
        if target is None:
            continue
        close = _floats(behavior, given) or not tree.is_exact
        pairs = zip(target, belief, strict=True)
        if not all(abs(float(a) - float(b)) <= 1e-9 if close else a == b for a, b in pairs):
            return False
    return True
