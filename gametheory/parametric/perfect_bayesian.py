"""Perfect Bayesian regimes of small trees with symbolic payoffs and chance probabilities.

:func:`perfect_bayesian_regimes` is the symbolic twin of
:func:`~gametheory.solvers.perfect_bayesian.perfect_bayesian_equilibria`:
every pure behaviour profile is checked with formulas, and the ones that can
be perfect Bayesian equilibria come back with the region of parameters where
they are, their beliefs on the path (Bayes' rule from the symbolic prior)
and, off the path, the beliefs that support them, as conditions on a belief
variable and the parameters (a belief threshold as a formula, such as
``mu >= (c + m)/(R + m)``). In two-type signalling games the semi-separating
regimes follow, in closed form.

**Covered.** Trees with perfect recall whose payoffs and chance probabilities
are rational functions of the parameters, and

* every *pure* profile (every mover, senders and receivers, plays one action
  at each information set), provided each information set the profile does
  not reach has at most two nodes (signalling games with two types, and any
  tree whose unreached sets have one or two nodes);
* in signalling games with two types, two messages and two responses, the
  *semi-separating* profiles in which one type mixes between the messages,
  the other sends one for sure, and the receiver mixes after that message
  (indifferent at a belief threshold) and answers the other purely, with
  both mixing probabilities strictly between 0 and 1;
* in the same games, the *hybrid* profiles in which both types mix and the
  receiver mixes after both messages (labelled ``Hybrid: ...``, kind
  ``"semi-separating"``);
* in the same games, the pooling profiles that only a *mixed* answer to the
  unsent message supports (each pure answer would tempt one type away);
  the mixing probability may then lie anywhere in an interval, and the
  regime gives its lower end, where one type is indifferent.

The consistency notion is the numeric solver's (Bayes' rule wherever it
applies, including after the mover's own deviation). Away from ties (where a
mover is indifferent for some other reason), every equilibrium *outcome* of
such a signalling game is a regime's; profiles that differ from a regime
only in an off-path mixture, and the extra equilibria of ties, are not
listed (the numeric solver finds them at a point).

**Chance probabilities.** A chance probability that is a formula is taken to
be *positive* (a symbolic prior ``p`` with branches ``p`` and ``1 - p``
lies in the open interval ``(0, 1)``): these bounds are added to the
assumptions and to every regime's conditions, so the regimes never hold
outside them. Give numbers for a probability that may be zero.

Examples
--------
The US sees an attack and does not know whether Iran ordered it (probability
``p``); striking pays 1 if Iran did and costs 1 if not.

>>> from gametheory.games.tree_nodes import chance, decision, terminal
>>> from gametheory.games.extensive_form import ExtensiveFormGame
>>> us = lambda a: decision("US", {"Strike": terminal(a, 0), "Wait": terminal(0, 0)}, infoset="attack")
>>> tree = ExtensiveFormGame(chance({"Ordered": ("p", us(1)), "Rogue": ("1 - p", us(-1))}), players=("US", "Iran"))
>>> for regime in perfect_bayesian_regimes(tree):
...     print(regime)
US: Strike; holds when p >= 1/2 and p > 0 and p < 1
US: Wait; holds when p <= 1/2 and p > 0 and p < 1
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from gametheory._internal.limits import check_time, time_limit_scope
from gametheory.exceptions import InvalidArgumentError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode
from gametheory.parametric import _pbe_kernel as kernel
from gametheory.parametric._pbe_labels import first_node, kind_of, labels
from gametheory.parametric._pbe_mixed import Signalling, expected_payoffs, hybrid, semi_separating, signalling_parts
from gametheory.parametric._pbe_pooling import mixed_off_path
from gametheory.parametric._pbe_regime import PerfectBayesianRegime, set_names
from gametheory.parametric._simplify import Knowledge, conjunction, relation
from gametheory.parametric.assumptions import Assumptions, parse_assumptions
from gametheory.parametric.conditions import Atom, Condition, Conj, all_of, any_of, to_sympy
from gametheory.parametric.regions import measure_zero
from gametheory.parametric.relations import Relation

__all__ = ["KEEP", "MAX_PROFILES", "PerfectBayesianRegime", "perfect_bayesian_regimes"]

#: The values of ``keep=`` in :func:`perfect_bayesian_regimes`.
KEEP = ("all", "full-dimensional")

#: Largest number of pure profiles :func:`perfect_bayesian_regimes` examines.
MAX_PROFILES = 4096


def perfect_bayesian_regimes(
    tree: ExtensiveFormGame, *, assume: Any = None, keep: str = "all", time_limit: float | None = None
) -> tuple[PerfectBayesianRegime, ...]:
    """Every pure perfect Bayesian profile of a small symbolic tree, with its beliefs and parameter region.

    See the module notes for what is covered and how symbolic chance
    probabilities are bounded.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree with perfect recall; payoffs and chance probabilities may be symbolic.
    assume : optional
        Assumptions on the parameters, as for
        :func:`~gametheory.parametric.subgame_perfect.subgame_perfect_regimes`
        (a sympy relation, a list of them, or ranges such as ``{"R": "positive"}``).
    keep : {"all", "full-dimensional"}
        ``"all"`` keeps every regime, also those that hold only where a mover
        is indifferent; ``"full-dimensional"`` only those whose region has
        positive volume.
    time_limit : float, optional
        Seconds after which to stop with :class:`~gametheory.exceptions.ResourceLimitError`.

    Returns
    -------
    tuple of PerfectBayesianRegime
        In profile order (the first information set's actions vary slowest).
        At every parameter point inside the assumptions, the regimes whose
        conditions hold are exactly the pure perfect Bayesian equilibria of
        the substituted tree.

    Raises
    ------
    UnsupportedGameError
        If the tree has imperfect recall, more than :data:`MAX_PROFILES` pure
        profiles, or an off-path information set of three or more nodes
        whose mover is not indifferent.
    InvalidArgumentError
        If ``keep`` is not one of ``"all"``, ``"full-dimensional"``.
    ResourceLimitError
        Past ``time_limit``.

    Examples
    --------
    >>> from gametheory.scenarios import militia_control
    >>> regimes = perfect_bayesian_regimes(militia_control(
    ...     escalation_cost=1, misattribution_cost=1, attack_gain=1, restraint_cost=3, iran_loss=1, militia_loss=2))
    >>> sorted({r.kind for r in regimes})
    ['pooling', 'semi-separating', 'separating']
    """
    if keep not in KEEP:
        raise InvalidArgumentError(f"keep must be one of {', '.join(map(repr, KEEP))}, not {keep!r}")
    if not isinstance(tree, ExtensiveFormGame):
        raise UnsupportedGameError(f"perfect_bayesian_regimes takes an ExtensiveFormGame, not {type(tree).__name__}")
    if not tree.has_perfect_recall:
        raise UnsupportedGameError("perfect_bayesian_regimes needs a tree with perfect recall")
    count = 1
    for info in tree.information_sets:
        count *= len(info.actions)
    if count > MAX_PROFILES:
        raise UnsupportedGameError(
            f"{count} pure profiles: more than the {MAX_PROFILES} perfect_bayesian_regimes examines; "
            "substitute values and use perfect_bayesian_equilibria"
        )
    given = parse_assumptions(tree.parameters, assume)
    knowledge = given.knowledge
    bounds = _probability_bounds(tree, knowledge)
    assumptions = sympy.And(given.boolean, *bounds)
    names = set_names(tree)
    found: list[tuple[tuple[int, ...], Condition, dict[str, Any], dict[str, Any]]] = []
    with time_limit_scope(time_limit, "perfect_bayesian_regimes"):
        for choice in itertools.product(*(range(len(s.actions)) for s in tree.information_sets)):
            check_time()
            result = _profile(tree, choice, names, knowledge)
            if result is not None:
                found.append((choice, *result))
    names_of_regimes = labels(tree, [c for c, _, _, _ in found], names)
    out = []
    for (choice, formula, beliefs, free), label in zip(found, names_of_regimes, strict=True):
        off_path, symbols, nodes = _regions(free, formula, knowledge)
        conditions = sympy.And(*bounds, to_sympy(formula))
        out.append(
            PerfectBayesianRegime(
                profile=tuple(
                    tuple(sympy.Integer(1 if k == c else 0) for k in range(len(s.actions)))
                    for s, c in zip(tree.information_sets, choice, strict=True)
                ),
                payoffs=kernel.payoffs(tree, choice),
                beliefs=MappingProxyType(beliefs),
                off_path=MappingProxyType(off_path),
                conditions=conditions,
                kind=kind_of(tree, choice),
                label=label,
                behavior=tuple(s.actions[c] for s, c in zip(tree.information_sets, choice, strict=True)),
                belief_symbols=MappingProxyType(symbols),
                belief_nodes=MappingProxyType(nodes),
                game=tree,
                assumptions=assumptions,
            )
        )
    parts = signalling_parts(tree)
    if parts is not None:
        with time_limit_scope(time_limit, "perfect_bayesian_regimes"):
            out += _semi_separating(tree, parts, knowledge, bounds, assumptions)
            out += _mixed_off_path(tree, parts, knowledge, bounds, assumptions)
    if keep == "full-dimensional":
        parsed = Assumptions(assumptions, knowledge)
        return tuple(r for r in out if not measure_zero(r.conditions, parsed))
    return tuple(out)


def _semi_separating(
    tree: ExtensiveFormGame, parts: Signalling, knowledge: Knowledge, bounds: list[Boolean], assumptions: Boolean
) -> list[PerfectBayesianRegime]:
    names = set_names(tree)
    out = []
    for mixed in [*semi_separating(tree, parts, knowledge), *hybrid(tree, parts, knowledge)]:
        check_time()
        profile = tuple(mixed.profile[s.index] for s in tree.information_sets)
        out.append(
            PerfectBayesianRegime(
                profile=profile,
                payoffs=expected_payoffs(parts, mixed.profile),
                beliefs=MappingProxyType({names[i]: belief for i, belief in sorted(mixed.beliefs.items())}),
                off_path=MappingProxyType({}),
                conditions=sympy.And(*bounds, to_sympy(mixed.formula)),
                kind="semi-separating",
                label=mixed.label,
                behavior=tuple(_described(s.actions, v) for s, v in zip(tree.information_sets, profile, strict=True)),
                belief_symbols=MappingProxyType({}),
                belief_nodes=MappingProxyType({}),
                game=tree,
                assumptions=assumptions,
            )
        )
    return out


def _mixed_off_path(
    tree: ExtensiveFormGame, parts: Signalling, knowledge: Knowledge, bounds: list[Boolean], assumptions: Boolean
) -> list[PerfectBayesianRegime]:
    names = set_names(tree)
    out = []
    for found in mixed_off_path(parts, knowledge):
        check_time()
        profile = tuple(found.profile[s.index] for s in tree.information_sets)
        (on_set, belief), (off_set, mu) = found.on_path, found.off_path
        symbol = sympy.Symbol(f"mu[{names[off_set]}]", real=True)
        out.append(
            PerfectBayesianRegime(
                profile=profile,
                payoffs=expected_payoffs(parts, found.profile),
                beliefs=MappingProxyType({names[on_set]: belief}),
                off_path=MappingProxyType({names[off_set]: sympy.Eq(symbol, sympy.factor(mu), evaluate=False)}),
                conditions=sympy.And(*bounds, to_sympy(found.formula)),
                kind="pooling",
                label=found.label,
                behavior=tuple(_described(s.actions, v) for s, v in zip(tree.information_sets, profile, strict=True)),
                belief_symbols=MappingProxyType({names[off_set]: symbol}),
                belief_nodes=MappingProxyType({names[off_set]: parts.types[0]}),
                game=tree,
                assumptions=assumptions,
            )
        )
    return out


def _described(actions: tuple[str, ...], vector: tuple[sympy.Expr, ...]) -> str:
    """The action played for sure, else ``"mixes a/b"``."""
    sure = [a for a, v in zip(actions, vector, strict=True) if v == 1]
    return sure[0] if sure else "mixes " + "/".join(actions)


def _probability_bounds(tree: ExtensiveFormGame, knowledge: Knowledge) -> list[Boolean]:
    """Record that each symbolic chance probability is positive; the bounds as sympy relations, for display."""
    out: list[Boolean] = []
    for position in tree.positions:
        if not isinstance(position.node, ChanceNode):
            continue
        for probability in position.node.probabilities:
            expr = kernel.as_expr(probability)
            if not expr.free_symbols:
                continue
            formula = relation(expr, Relation.GT, knowledge)
            if formula is True:
                continue
            if formula is False:
                raise UnsupportedGameError(f"the chance probability {expr} cannot be positive under the assumptions")
            for atom in formula.parts if isinstance(formula, Conj) else (formula,):
                if isinstance(atom, Atom):
                    knowledge.add(atom)
                    shown = to_sympy(atom)
                    if shown not in out:
                        out.append(shown)
    return out


_Free = dict[str, tuple[str, list[tuple[sympy.Expr, ...]]]]


def _profile(
    tree: ExtensiveFormGame, choice: Sequence[int], names: Sequence[str], knowledge: Knowledge
) -> tuple[Condition, dict[str, Any], _Free] | None:
    """The conditions under which the pure profile is a PBE, its beliefs on the path, and its free off-path sets."""
    parts: list[Condition] = []
    beliefs: dict[str, Any] = {}
    free: _Free = {}
    for info, name in zip(tree.information_sets, names, strict=True):
        rows = kernel.rows(tree, choice, info.index)
        weights = kernel.weights(tree, choice, info.index)
        if weights is not None:
            total = sympy.expand(sum(weights))
            beliefs[name] = tuple(sympy.factor(sympy.cancel(w / total)) for w in weights)
        else:
            weights = kernel.subgame_weights(tree, choice, info.index)
        if weights is not None:
            # sum(w) > 0, so sum(w * row) >= 0 is optimality under the belief w / sum(w).
            parts += [_relation(sum(w * r for w, r in zip(weights, row, strict=True)), knowledge) for row in rows]
        elif len(info.members) == 1:
            parts += [_relation(row[0], knowledge) for row in rows]
        elif rows:
            if len(info.members) > 2:
                raise UnsupportedGameError(
                    f"{name} has {len(info.members)} nodes off the path; perfect_bayesian_regimes handles "
                    "off-path information sets of at most 2 nodes"
                )
            parts.append(_some_belief(rows, knowledge))
            free[name] = (first_node(tree, info.index), rows)
        else:
            free[name] = (first_node(tree, info.index), rows)
        formula = conjunction(parts, knowledge)
        if formula is False:
            return None
        parts = [formula]
    return conjunction(parts, knowledge), beliefs, free


def _relation(expr: sympy.Expr, knowledge: Knowledge, rel: Relation = Relation.GE) -> Condition:
    return relation(sympy.expand(expr), rel, knowledge)


def _some_belief(rows: list[tuple[sympy.Expr, ...]], knowledge: Knowledge) -> Condition:
    """Some ``mu`` in [0, 1] meets every row ``mu * row[0] + (1 - mu) * row[1] >= 0``.

    The supporting beliefs form an interval whose ends are 0, 1 or where a row
    is zero, so it is enough to try those points.
    """
    at_zero = all_of(_relation(d1, knowledge) for _, d1 in rows)
    at_one = all_of(_relation(d0, knowledge) for d0, _ in rows)
    options = [at_zero, at_one]
    if len(rows) > 1:
        for d0, d1 in rows:
            slope = sympy.expand(d0 - d1)
            if slope == 0:
                continue
            root = sympy.cancel(-d1 / slope)
            conditions = [
                _relation(slope, knowledge, Relation.NE),
                _relation(root, knowledge),
                _relation(1 - root, knowledge),
            ]
            conditions += [_relation(sympy.cancel(root * e0 + (1 - root) * e1), knowledge) for e0, e1 in rows]
            options.append(all_of(conditions))
    return any_of(options)


def _regions(
    free: _Free, formula: Condition, knowledge: Knowledge
) -> tuple[dict[str, Boolean], dict[str, Any], dict[str, str]]:
    """Each free off-path set's supporting beliefs, solved for its belief variable where the regime fixes signs."""
    regions: dict[str, Boolean] = {}
    symbols: dict[str, Any] = {}
    nodes: dict[str, str] = {}
    for name, (first, rows) in free.items():
        mu = sympy.Symbol(f"mu[{name}]", real=True)
        symbols[name] = mu
        nodes[name] = first
        parts: list[Boolean] = []
        for d0, d1 in rows:
            slope = sympy.expand(d0 - d1)
            up = slope != 0 and _possible(formula, _relation(slope, knowledge, Relation.GT), knowledge)
            down = slope != 0 and _possible(formula, _relation(slope, knowledge, Relation.LT), knowledge)
            if not up and not down:
                continue
            bound = sympy.factor(sympy.cancel(-d1 / slope))
            if up and not down:
                if _possible(formula, _relation(bound, knowledge, Relation.GT), knowledge):
                    parts.append(sympy.GreaterThan(mu, bound, evaluate=False))
            elif down and not up:
                if _possible(formula, _relation(1 - bound, knowledge, Relation.GT), knowledge):
                    parts.append(sympy.LessThan(mu, bound, evaluate=False))
            else:
                parts.append(sympy.GreaterThan(sympy.expand(slope * mu + d1), 0, evaluate=False))
        regions[name] = sympy.And(*parts) if parts else sympy.true
    return regions, symbols, nodes


def _possible(formula: Condition, extra: Condition, knowledge: Knowledge) -> bool:
    return conjunction([formula, extra], knowledge) is not False
