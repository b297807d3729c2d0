"""Private: the record of :mod:`gametheory.parametric.perfect_bayesian` (re-exported there)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from gametheory._internal.formatting import condition_text
from gametheory._internal.notebook import regime_html, regime_latex
from gametheory._internal.parameters import exact_parameter_value, exact_values, holds_exactly
from gametheory.exceptions import InvalidProfileError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers.behavior import infoset_name

__all__ = ["PerfectBayesianRegime", "set_names"]


def set_names(tree: ExtensiveFormGame) -> tuple[str, ...]:
    """One name per information set: its label when unique, else :func:`infoset_name` (as the numeric solver)."""
    labels = [s.label for s in tree.information_sets]
    return tuple(
        label if label and labels.count(label) == 1 else infoset_name(tree, s.index)
        for label, s in zip(labels, tree.information_sets, strict=True)
    )


@dataclass(frozen=True, eq=False)
class PerfectBayesianRegime:
    """A pure perfect Bayesian profile with its beliefs, and the parameter region where it is one.

    Attributes
    ----------
    profile : tuple of tuple of sympy.Expr
        The probability of each action at every information set, in
        ``game.information_sets`` order (as
        :attr:`~gametheory.solvers.perfect_bayesian.PerfectBayesianEquilibrium.profile`).
    payoffs : tuple of sympy.Expr
        Each player's expected payoff.
    beliefs : mapping of str to tuple of sympy.Expr
        For each set on the path of play (by name, as the numeric solver names
        it), the belief over its nodes in tree order, by Bayes' rule from the
        chance probabilities and the profile.
    off_path : mapping of str to sympy Boolean
        For each set off the path, the beliefs that support the profile there:
        conditions on its belief variable (:attr:`belief_symbols`, the
        probability of the set's *first* node) and the parameters, such as
        ``mu[after Quiche] <= 1/2``; ``True`` when any belief does, an
        equality where Bayes' rule after the mover's own deviation pins it.
    conditions : sympy Boolean
        Where the regime exists, on the parameters only (a supporting belief
        exists at every off-path set): weak inequalities, including the
        chance probabilities' bounds.
    kind : str or None
        For signalling trees, ``"pooling"``, ``"separating"`` or ``"semi-separating"``; else None.
    label : str
        The moves on the path of play, unique within one result (moves off
        the path are added when two regimes share a path).
    behavior : tuple of str
        The action taken at each information set.
    belief_symbols : mapping of str to sympy.Symbol
        The belief variable of each off-path set where any belief is admissible.
    belief_nodes : mapping of str to str
        The node whose probability that variable is, for each such set.
    game : ExtensiveFormGame
        The tree.
    assumptions : sympy Boolean
        The assumptions used: the given ones and the chance probabilities' bounds.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> from gametheory.parametric.perfect_bayesian import perfect_bayesian_regimes
    >>> us = lambda a: decision("US", {"Strike": terminal(a, 0), "Wait": terminal(0, 0)}, infoset="attack")
    >>> tree = ExtensiveFormGame(chance({"Ordered": ("p", us(1)), "Rogue": ("1 - p", us(-1))}),
    ...                          players=("US", "Iran"))
    >>> strike = perfect_bayesian_regimes(tree)[0]
    >>> strike.label, strike.conditions, strike.beliefs["attack"]
    ('US: Strike', (p >= 1/2) & (p > 0) & (p < 1), (p, 1 - p))
    >>> strike.holds_at({"p": Fraction(3, 4)})
    True
    """

    profile: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    beliefs: Mapping[str, tuple[sympy.Expr, ...]]
    off_path: Mapping[str, Boolean]
    conditions: Boolean
    kind: str | None
    label: str
    behavior: tuple[str, ...]
    belief_symbols: Mapping[str, sympy.Symbol]
    belief_nodes: Mapping[str, str]
    game: ExtensiveFormGame
    assumptions: Boolean = sympy.true

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self.game.players

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The tree's parameters."""
        return self.game.parameters

    @property
    def profile_label(self) -> str:
        """The action at every information set, reached or not, in tree order."""
        return "; ".join(f"{n}: {a}" for n, a in zip(set_names(self.game), self.behavior, strict=True))

    def holds_at(self, values: Mapping[Any, Any]) -> bool:
        """Whether the regime's conditions hold at the given parameter values (exactly for exact values).

        Examples
        --------
        >>> from fractions import Fraction
        >>> from gametheory.games.tree_nodes import chance, decision, terminal
        >>> from gametheory.parametric.perfect_bayesian import perfect_bayesian_regimes
        >>> us = lambda a: decision("US", {"Strike": terminal(a, 0), "Wait": terminal(0, 0)}, infoset="attack")
        >>> tree = ExtensiveFormGame(chance({"Ordered": ("p", us(1)), "Rogue": ("1 - p", us(-1))}),
        ...                          players=("US", "Iran"))
        >>> [r.holds_at({"p": Fraction(1, 4)}) for r in perfect_bayesian_regimes(tree)]
        [False, True]
        """
        return holds_exactly(self.conditions, exact_values(self.parameters, values))

    def supports(self, values: Mapping[Any, Any], beliefs: Mapping[str, Any]) -> bool:
        """Whether, at these parameter values, the given off-path beliefs support the regime.

        ``beliefs`` maps off-path set names to the probability of the set's
        first node; sets left out are not constrained. The regime's conditions
        must hold too.

        Examples
        --------
        >>> from gametheory.games.tree_nodes import chance, decision, terminal
        >>> from gametheory.parametric.perfect_bayesian import perfect_bayesian_regimes
        >>> from fractions import Fraction
        >>> def us(t):
        ...     return decision("US", {"Hit": terminal(1 if t == "Iran" else -1, -2), "Skip": terminal(0, 1)},
        ...                     infoset="after Loud")
        >>> def sender(t):
        ...     return decision("M", {"Loud": us(t), "Quiet": terminal(0, -1)}, infoset=t)
        >>> tree = ExtensiveFormGame(chance({"Iran": ("p", sender("Iran")), "Rogue": ("1 - p", sender("Rogue"))}),
        ...                          players=("US", "M"))
        >>> quiet = [r for r in perfect_bayesian_regimes(tree) if r.behavior == ("Quiet", "Hit", "Quiet")][0]
        >>> print(quiet.off_path["after Loud"])
        mu[after Loud] >= 1/2
        >>> third = {"p": Fraction(1, 3)}
        >>> quiet.supports(third, {"after Loud": Fraction(3, 4)}), quiet.supports(third, {"after Loud": Fraction(1, 4)})
        (True, False)
        """
        mapping = exact_values(self.parameters, values)
        if not holds_exactly(self.conditions, mapping):
            return False
        for name, belief in beliefs.items():
            if name not in self.off_path:
                raise InvalidProfileError(f"{name!r} is not an off-path set of this regime")
            symbol = self.belief_symbols.get(name)
            region = self.off_path[name]
            if symbol is not None:
                mapping[symbol] = exact_parameter_value(name, belief, what="belief at")
            if not holds_exactly(region, mapping):
                return False
        return True

    def __str__(self) -> str:
        parts = [self.label]
        for info, name in zip(self.game.information_sets, set_names(self.game), strict=True):
            if name in self.off_path:
                who = self.game.players[info.player]
                text = _region_text(
                    self.off_path[name], self.belief_symbols.get(name), who, self.belief_nodes.get(name)
                )
                parts.append(f"{name} (off path) {text}")
        parts.append(f"holds when {condition_text(self.conditions)}")
        return "; ".join(parts)

    def __repr__(self) -> str:
        return f"PerfectBayesianRegime({self})"

    def _repr_html_(self) -> str:
        return regime_html(self.players, self._moves(), self.payoffs, self.conditions, self.label)

    def _repr_latex_(self) -> str:
        return regime_latex(self.players, self._moves(), self.payoffs, self.conditions)

    def _moves(self) -> list[tuple[int, str, str]]:
        sets = zip(self.game.information_sets, set_names(self.game), self.behavior, strict=True)
        return [(s.player, name, a) for s, name, a in sets]


def _region_text(region: Boolean, symbol: sympy.Symbol | None, player: str, node: str | None) -> str:
    """``"the US believes Iran controls with probability >= 1/2"`` from ``mu >= 1/2``."""
    if region == sympy.true:
        return f"any belief of {player} supports it"
    if symbol is None or node is None:
        return f"{player}'s belief satisfies {region}"
    bounds = []
    for part in sympy.And.make_args(region):
        if isinstance(part, sympy.Equality) and part.lhs == symbol:
            bounds.append(f"{part.rhs}")
        elif isinstance(part, sympy.GreaterThan | sympy.LessThan) and part.lhs == symbol:
            bounds.append(f"{'>=' if isinstance(part, sympy.GreaterThan) else '<='} {part.rhs}")
        else:
            bounds.append(f"such that {str(part).replace(symbol.name, 'P')}")
    return f"{player} believes {node} with probability " + " and ".join(bounds)
