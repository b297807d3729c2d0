"""Evaluate exact sympy polynomials (``PolyElement``) and rational functions on numpy arrays.

Each polynomial is evaluated by Horner's rule one variable at a time, so that
on a grid (each variable varying along its own axis) the inner sums stay on
one axis and only the outer products fill the whole grid. Coefficients beyond
the float range are scaled exactly by a power of two first.

Examples
--------
>>> import numpy as np
>>> from sympy.polys.domains import QQ
>>> from sympy.polys.rings import ring
>>> _, x = ring("x", QQ)
>>> [v.tolist() for v in polynomial_function([x**2 - 1])(np.array([0.0, 2.0]))]
[[-1.0, 3.0]]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from sympy.polys.fields import FracElement
from sympy.polys.rings import PolyElement

__all__ = ["SAFE_BITS", "polynomial_function", "rational_function"]

_Terms = list[tuple[tuple[int, ...], float]]
# Coefficients within 2**±SAFE_BITS are used as they are; others are scaled by a power of two first.
SAFE_BITS = 960


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
    plans = [_plan(poly) for poly in polys]

    def evaluate_all(*args: Any) -> list[Any]:
        powers: dict[tuple[int, int], Any] = {}
        return [_ldexp(_horner(terms, args, 0, powers), shift) for shift, terms in plans]

    return evaluate_all


def _plan(poly: PolyElement) -> tuple[int, _Terms]:
    """The terms of ``poly`` with float coefficients, as ``(shift, terms)``: ``poly = 2**shift * sum(terms)``.

    The shift is 0 unless a coefficient is beyond the float range (``10**400``,
    or ``1/5e-324``); then the coefficients are scaled exactly by a power of
    two, and the value is scaled back at the end (to ``inf`` only if the value
    itself is beyond the range).
    """
    exact = [(monomial, Fraction(int(c.numerator), int(c.denominator))) for monomial, c in poly.terms()]
    sizes = [c.numerator.bit_length() - c.denominator.bit_length() for _, c in exact if c]
    shift = max(sizes) if sizes and (max(sizes) > SAFE_BITS or max(sizes) < -SAFE_BITS) else 0
    scale = Fraction(2) ** -shift
    return shift, [(monomial, float(c * scale)) for monomial, c in exact]


def _ldexp(value: Any, shift: int) -> Any:
    if not shift:
        return value
    with np.errstate(over="ignore"):
        return np.ldexp(value, shift)


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
    plans: list[tuple[int, _Terms]] = []
    for fraction in fractions:
        plans += [_plan(fraction.numer), _plan(fraction.denom)]
    divides = [fraction.denom != 1 for fraction in fractions]

    def evaluate_all(*args: Any) -> list[Any]:
        powers: dict[tuple[int, int], Any] = {}
        values = [_horner(terms, args, 0, powers) for _, terms in plans]
        # Scaled numerator and denominator are divided first, so only a value beyond the float range overflows.
        return [
            _ldexp(numer / denom if divide else numer, numer_plan[0] - denom_plan[0])
            for numer, denom, divide, numer_plan, denom_plan in zip(
                values[::2], values[1::2], divides, plans[::2], plans[1::2], strict=True
            )
        ]

    return evaluate_all


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
