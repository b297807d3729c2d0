"""Evaluate exact polynomials and branch conditions on numpy arrays, straight from the derivation.

A sweep needs only numbers from the derived branches, so it reads their
polynomials (sympy ``PolyElement``) directly instead of going through sympy
expressions. Each polynomial is evaluated by Horner's rule one variable at a
time, so that on a grid (each parameter varying along its own axis) the inner
sums stay on one axis and only the outer products fill the whole grid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sympy.polys.fields import FracElement
from sympy.polys.rings import PolyElement

from gametheory.parametric._conditions import Atom, Conj, Disj, Formula
from gametheory.parametric._linear import is_linear

__all__ = ["condition_tree", "polynomial_function", "rational_function"]

# A condition as a tree: ("const", bool), ("rel", index, op), ("and" | "or", children), ("not", child).
Node = tuple[Any, ...]
_Terms = list[tuple[tuple[int, ...], float]]


def polynomial_function(polys: Sequence[PolyElement]) -> Callable[..., list[Any]]:
    """Numpy function of the ring's generators returning the value of each polynomial.

    Examples
    --------
    >>> import numpy as np
    >>> from sympy.polys.domains import QQ
    >>> from sympy.polys.rings import ring
    >>> _, R, c = ring("R,c", QQ)
    >>> function = polynomial_function([2 * R * c - R + 1, QQ(1, 2) + 0 * R])
    >>> values = function(np.array([[1.0], [2.0]]), np.array([[0.0, 3.0]]))
    >>> values[0].tolist(), float(values[1])
    ([[0.0, 6.0], [-1.0, 11.0]], 0.5)
    """
    plans = [[(monomial, float(coefficient)) for monomial, coefficient in poly.terms()] for poly in polys]

    def evaluate_all(*args: Any) -> list[Any]:
        powers: dict[tuple[int, int], Any] = {}
        return [_horner(terms, args, 0, powers) for terms in plans]

    return evaluate_all


def rational_function(fractions: Sequence[FracElement]) -> Callable[..., list[Any]]:
    """Numpy function of the field's generators returning the value of each rational function.

    Examples
    --------
    >>> import numpy as np
    >>> from sympy.polys.domains import QQ
    >>> from sympy.polys.fields import field
    >>> _, R, c = field("R,c", QQ)
    >>> [v.tolist() for v in rational_function([c / R, (R - c) / R])(np.array([2.0, 4.0]), np.array(1.0))]
    [[0.5, 0.25], [0.5, 0.75]]
    """
    polys: list[PolyElement] = []
    for fraction in fractions:
        polys += [fraction.numer, fraction.denom]
    evaluate_polys = polynomial_function(polys)
    divides = [fraction.denom != 1 for fraction in fractions]

    def evaluate_all(*args: Any) -> list[Any]:
        values = evaluate_polys(*args)
        return [
            numer / denom if divide else numer
            for numer, denom, divide in zip(values[::2], values[1::2], divides, strict=True)
        ]

    return evaluate_all


def condition_tree(formula: Formula, relations: dict[Atom, int]) -> Node:
    """The tree of a derived condition; each atom is registered in ``relations`` (atom -> index).

    Examples
    --------
    >>> condition_tree(True, {})
    ('const', True)
    """
    if isinstance(formula, bool):
        return ("const", formula)
    if isinstance(formula, Conj | Disj):
        kind = "and" if isinstance(formula, Conj) else "or"
        return (kind, tuple(condition_tree(part, relations) for part in formula.parts))
    return ("rel", relations.setdefault(formula, len(relations)), formula.rel)


def atom_differences(atoms: Sequence[Atom]) -> Callable[..., list[Any]]:
    """Numpy function giving, for each atom ``prod(g ** m) rel 0``, the value compared with zero.

    A linear atom in one parameter is scaled to read ``x rel -b/a``, as the
    displayed condition does, so that the tolerance applies to the parameter
    itself (``c <= 1/2`` compares ``c - 1/2``, not ``2*c - 1``).
    """
    factors = list(dict.fromkeys(g for atom in atoms for g, _ in atom.factors))
    index = {g: i for i, g in enumerate(factors)}
    evaluate_factors = polynomial_function(factors)
    plans = [([(index[g], int(m)) for g, m in atom.factors], _scale(atom)) for atom in atoms]

    def evaluate_all(*args: Any) -> list[Any]:
        values = evaluate_factors(*args)
        out = []
        for powers, scale in plans:
            # Most atoms are one factor to the first power: then the value is shared, not copied.
            value: Any = None
            for i, m in powers:
                term = values[i] if m == 1 else values[i] ** m
                value = term if value is None else value * term
            out.append(value if scale == 1.0 else value / scale)
        return out

    return evaluate_all


def _scale(atom: Atom) -> float:
    g = atom.single
    if g is None or not is_linear(g) or len(g) > 2 or sum(1 for m in g.itermonoms() if any(m)) != 1:
        return 1.0
    return float(g.LC)


def _horner(terms: _Terms, args: Sequence[Any], level: int, powers: dict[tuple[int, int], Any]) -> Any:
    if level == len(args) or not terms:
        return np.float64(sum(coefficient for _, coefficient in terms))
    groups: dict[int, _Terms] = {}
    for term in terms:
        groups.setdefault(term[0][level], []).append(term)
    if len(groups) == 1 and 0 in groups:
        return _horner(terms, args, level + 1, powers)
    total: Any = None
    for exponent, group in groups.items():
        value = _horner(group, args, level + 1, powers)
        if exponent:
            key = (level, exponent)
            if key not in powers:
                powers[key] = args[level] ** exponent if exponent > 1 else args[level]
            value = value * powers[key]
        total = value if total is None else total + value
    return total
