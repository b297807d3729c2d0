"""Comparative statics: how a branch's probabilities and payoffs move with a parameter.

In a mixed equilibrium each player mixes so as to make the *opponent*
indifferent, so a player's probabilities depend on the opponent's payoffs
only (Tsebelis 1989). The derivatives make this visible: in the inspection
game the attacker's probability has zero derivative with respect to the
attacker's own payoffs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Protocol, runtime_checkable

import sympy

from gametheory._internal.parameters import exact_parameter_value, named_values
from gametheory.exceptions import ParameterError

__all__ = ["ComparativeStatics", "Formulas", "comparative_statics"]


@runtime_checkable
class Formulas(Protocol):
    """What :func:`comparative_statics` differentiates: a labelled profile and payoffs as formulas.

    :class:`~gametheory.parametric.results.Branch` implements it, and so do the
    regimes of the sensitivity models
    (:class:`gametheory.sensitivity.models.Regime`), which lets a new kind of
    model be differentiated without this module knowing it.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> from gametheory.parametric.equilibria import parametric_equilibria
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> isinstance(parametric_equilibria(game)[0], Formulas)
    True
    """

    label: str
    profile: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    parameters: tuple[sympy.Symbol, ...]


@dataclass(frozen=True)
class ComparativeStatics:
    """Derivatives of one branch's formulas with respect to one parameter.

    Attributes
    ----------
    branch : Branch or Formulas
        The branch (or a model's regime) differentiated.
    parameter : sympy.Symbol
        The parameter.
    probabilities : tuple of tuple of sympy.Expr
        ``d p / d parameter`` for every probability, laid out like
        :attr:`Branch.profile`.
    payoffs : tuple of sympy.Expr
        ``d payoff / d parameter`` for each player.

    Examples
    --------
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> from gametheory.parametric.equilibria import parametric_equilibria
    >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    >>> mixed = parametric_equilibria(game)[-1]
    >>> statics = comparative_statics(mixed, "a")
    >>> statics.probabilities
    ((0, 0), (-1/(a + 1)**2, (a + 1)**(-2)))
    >>> statics.sign_at({"a": 1})
    ((0, 0), (-1, 1))
    """

    branch: Formulas
    parameter: sympy.Symbol
    probabilities: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]

    def independent(self) -> tuple[tuple[bool, ...], ...]:
        """For each probability: True when it does not depend on the parameter at all.

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> statics = comparative_statics(parametric_equilibria(game)[-1], "a")
        >>> statics.independent()
        ((True, True), (False, False))
        """
        return tuple(tuple(bool(d == 0) for d in row) for row in self.probabilities)

    def at(self, values: Mapping[Any, Any]) -> tuple[tuple[Fraction, ...], ...]:
        """The probability derivatives at a parameter point, as exact Fractions.

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> statics = comparative_statics(parametric_equilibria(game)[-1], "a")
        >>> statics.at({"a": 1})
        ((Fraction(0, 1), Fraction(0, 1)), (Fraction(-1, 4), Fraction(1, 4)))
        """
        given = named_values(self.branch.parameters, values, require_all=True)
        mapping = {symbol: exact_parameter_value(symbol.name, value) for symbol, value in given.items()}
        return tuple(tuple(_fraction(d.xreplace(mapping)) for d in row) for row in self.probabilities)

    def sign_at(self, values: Mapping[Any, Any]) -> tuple[tuple[int, ...], ...]:
        """The sign (-1, 0 or 1) of each probability derivative at a parameter point.

        Examples
        --------
        >>> from gametheory.games.normal_form import NormalFormGame
        >>> from gametheory.parametric.equilibria import parametric_equilibria
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> statics = comparative_statics(parametric_equilibria(game)[-1], "a")
        >>> statics.sign_at({"a": 1})
        ((0, 0), (-1, 1))
        """
        return tuple(tuple((d > 0) - (d < 0) for d in row) for row in self.at(values))

    def __str__(self) -> str:
        lines = [f"d/d{self.parameter} of {self.branch.label}"]
        for name, labels, row in zip(self.branch.players, self.branch.strategies, self.probabilities, strict=True):
            lines.append(f"  {name}: " + ", ".join(f"{label}: {d}" for label, d in zip(labels, row, strict=True)))
        lines.append("  payoffs: " + ", ".join(str(d) for d in self.payoffs))
        return "\n".join(lines)


def comparative_statics(branch: Formulas, parameter: Any) -> ComparativeStatics:
    """Differentiate a branch's probabilities and payoffs with respect to ``parameter``.

    Parameters
    ----------
    branch : Branch or Formulas
        A branch from :func:`~gametheory.parametric.equilibria.parametric_equilibria`,
        or anything with its formula fields, such as a regime of a
        sensitivity model (``as_model(game).fix(...).regimes()``).
    parameter : sympy.Symbol or str
        One of the branch's parameters.

    Returns
    -------
    ComparativeStatics

    Raises
    ------
    ParameterError
        If ``parameter`` is not a parameter of the branch.

    See Also
    --------
    gametheory.sensitivity.qre_comparative_statics : The numeric counterpart
        for a logit QRE model (``QREModel``), which has no formulas and so is
        not accepted here: derivatives at given points, by implicit
        differentiation of the QRE fixed point.

    Examples
    --------
    The inspection game: the militia's attack probability ``c/R`` moves with
    the US's costs, not with the militia's own gain ``b``.

    >>> import sympy
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> from gametheory.parametric.equilibria import parametric_equilibria
    >>> R, b, c, d, k, l = sympy.symbols("R b c d k l", positive=True)
    >>> game = NormalFormGame.from_bimatrix([[-d - c, -c], [-d - R, 0]], [[b - k + l, 0], [b, 0]])
    >>> mixed = parametric_equilibria(game)[-1]
    >>> comparative_statics(mixed, "b").probabilities[1]
    (0, 0)
    >>> comparative_statics(mixed, "R").probabilities[1]
    (-c/R**2, c/R**2)
    """
    if not isinstance(branch, Formulas):
        raise ParameterError(
            f"comparative_statics takes a Branch (or a regime with formulas), not {type(branch).__name__}"
        )
    name = parameter.name if isinstance(parameter, sympy.Symbol) else parameter
    symbol = next((p for p in branch.parameters if p.name == name), None)
    if symbol is None:
        known = ", ".join(p.name for p in branch.parameters) or "none"
        raise ParameterError(f"unknown parameter {name!r}; the branch's parameters are {known}")
    probabilities = tuple(tuple(_derivative(p, symbol) for p in row) for row in branch.profile)
    payoffs = tuple(_derivative(v, symbol) for v in branch.payoffs)
    return ComparativeStatics(branch=branch, parameter=symbol, probabilities=probabilities, payoffs=payoffs)


def _derivative(expr: sympy.Expr, symbol: sympy.Symbol) -> sympy.Expr:
    derivative = sympy.diff(expr, symbol)
    if derivative == 0:
        return sympy.Integer(0)
    factored, cancelled = sympy.factor(derivative), sympy.cancel(derivative)
    return factored if sympy.count_ops(factored) <= sympy.count_ops(cancelled) else cancelled


def _fraction(value: sympy.Expr) -> Fraction:
    if not isinstance(value, sympy.Rational):
        raise ParameterError(f"derivative evaluated to {value}, not a rational number")
    return Fraction(int(value.p), int(value.q))
