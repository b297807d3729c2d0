"""One vectorised numpy evaluator for :mod:`~gametheory.parametric.conditions`, with an explicit tolerance.

:func:`compile_conditions` compiles conditions once;
:meth:`CompiledConditions.decide` then decides them on arrays of values.
:meth:`Branch.holds_at <gametheory.parametric.results.Branch.holds_at>`
(exactly, on signs), :meth:`NumericBranch.condition
<gametheory.parametric.results.NumericBranch.condition>` and the sweeps of
:mod:`gametheory.sensitivity` all decide conditions with it.

Examples
--------
>>> import numpy as np, sympy
>>> from gametheory.parametric.conditions import from_sympy
>>> R, c = sympy.symbols("R c")
>>> compiled = compile_conditions([from_sympy(R >= c, (R, c))])
>>> values = compiled.values(np.array([1.0, 2.0]), np.array(1.5))
>>> compiled.decide(values, [0.0])[0].tolist()
[False, True]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory._internal.polynomials import SAFE_BITS, polynomial_function
from gametheory.parametric._linear import is_linear
from gametheory.parametric.conditions import Atom, Condition, Conj, Factors, atoms

__all__ = ["CompiledConditions", "compile_conditions"]


@dataclass(frozen=True, eq=False)
class CompiledConditions:
    """Conditions compiled for numpy: the one evaluator of branches, regimes and sweeps.

    Build with :func:`compile_conditions`. The distinct left-hand sides of
    all atoms (``sides``) are evaluated once per call, and each atom is
    decided once however many conditions share it.

    Attributes
    ----------
    conditions : tuple of Condition
        The conditions, in the order :meth:`decide` returns them.
    sides : tuple of Factors
        The distinct left-hand sides of their atoms.
    """

    conditions: tuple[Condition, ...]
    sides: tuple[Factors, ...]
    _index: dict[Atom, int]
    _values: Any
    _magnitudes: Any

    def values(self, *args: Any) -> list[Any]:
        """The value of each side at the parameter arrays ``args`` (in the ring's order).

        A linear side in one parameter is divided by its slope, as its display
        ``x >= -b/a`` reads, so that a tolerance applies to the parameter itself.

        Examples
        --------
        >>> import numpy as np, sympy
        >>> from gametheory.parametric.conditions import from_sympy
        >>> c = sympy.Symbol("c")
        >>> compiled = compile_conditions([from_sympy(2 * c - 1 <= 0, (c,))])
        >>> [float(v) for v in compiled.values(np.array(3.0))]
        [2.5]
        """
        return self._values(*args)

    def magnitudes(self, *args: Any) -> list[Any]:
        """The scale of each side: its polynomials with every coefficient and argument made positive.

        Examples
        --------
        >>> import numpy as np, sympy
        >>> from gametheory.parametric.conditions import from_sympy
        >>> R, c = sympy.symbols("R c")
        >>> compiled = compile_conditions([from_sympy(R - 2 * c > 0, (R, c))])
        >>> [float(v) for v in compiled.magnitudes(np.array(1.0), np.array(-1.0))]
        [3.0]
        """
        return self._magnitudes(*args)

    def decide(self, values: Sequence[Any], tolerances: Sequence[Any]) -> list[Any]:
        """Where each condition holds, given each side's values and tolerance.

        A side's value within its tolerance of zero counts as zero: ``x > 0``
        needs ``x > tol`` and ``x == 0`` needs ``|x| <= tol`` (see
        :meth:`Relation.holds`). Exact signs (-1, 0, 1) with zero tolerances
        give exact decisions.

        Parameters
        ----------
        values : sequence of array_like
            One array per side, as from :meth:`values`; they broadcast together.
        tolerances : sequence of float or array_like
            One (non-negative) tolerance per side.

        Returns
        -------
        list of numpy.ndarray or bool
            One boolean array per condition (a bool for a constant condition).

        Examples
        --------
        >>> import numpy as np, sympy
        >>> from gametheory.parametric.conditions import from_sympy
        >>> x = sympy.Symbol("x")
        >>> compiled = compile_conditions([from_sympy((x >= 0) & (x < 1), (x,)), True])
        >>> values = compiled.values(np.array([-1.0, 0.0, 1.0]))
        >>> [np.asarray(m).tolist() for m in compiled.decide(values, [0.0] * len(values))]
        [[False, True, False], True]
        """
        # A plain recursive function, not a closure: a closure calling itself is a reference
        # cycle, and the arrays it holds (a whole sweep's) would wait for the garbage collector.
        decided: dict[Atom, Any] = {}
        return [_decide(condition, decided, self._index, values, tolerances) for condition in self.conditions]


def _decide(
    condition: Condition,
    decided: dict[Atom, Any],
    index: dict[Atom, int],
    values: Sequence[Any],
    tolerances: Sequence[Any],
) -> Any:
    if isinstance(condition, bool):
        return condition
    if isinstance(condition, Atom):
        found = decided.get(condition)
        if found is None:
            i = index[condition]
            value = np.asarray(values[i], dtype=np.float64)
            found = decided[condition] = condition.relation.holds(value, tolerances[i])
        return found
    combine = np.logical_and if isinstance(condition, Conj) else np.logical_or
    result = _decide(condition.parts[0], decided, index, values, tolerances)
    for part in condition.parts[1:]:
        result = combine(result, _decide(part, decided, index, values, tolerances))
    return result


def compile_conditions(conditions: Iterable[Condition]) -> CompiledConditions:
    """Compile conditions (whose polynomials share one ring) into one numpy evaluator.

    Examples
    --------
    >>> import numpy as np, sympy
    >>> from gametheory.parametric.conditions import from_sympy
    >>> a = sympy.Symbol("a")
    >>> compiled = compile_conditions([from_sympy(a > 0, (a,)), from_sympy(a <= 0, (a,))])
    >>> values = compiled.values(np.array([-1.0, 2.0]))
    >>> [m.tolist() for m in compiled.decide(values, [1e-9])]
    [[False, True], [True, False]]
    """
    conditions = tuple(conditions)
    sides: dict[Factors, int] = {}
    index: dict[Atom, int] = {}
    for condition in conditions:
        for atom in atoms(condition):
            if atom not in index:
                index[atom] = sides.setdefault(atom.factors, len(sides))
    scaled = [_scaled(factors) for factors in sides]
    positive = [
        _scaled(tuple((g.ring.from_dict({m: abs(c) for m, c in g.terms()}), k) for g, k in factors))
        for factors in sides
    ]
    magnitudes = _product_function(positive)
    return CompiledConditions(
        conditions=conditions,
        sides=tuple(sides),
        _index=index,
        _values=_product_function(scaled),
        _magnitudes=lambda *args: magnitudes(*(np.abs(a) for a in args)),
    )


def _scaled(factors: Factors) -> tuple[Factors, float]:
    """The factors and the float their product is divided by (the slope of a linear side in one parameter)."""
    g = factors[0][0] if len(factors) == 1 and factors[0][1] == 1 else None
    if g is None or not is_linear(g) or len(g) > 2 or sum(1 for m in g.itermonoms() if any(m)) != 1:
        return factors, 1.0
    slope = abs(g.LC)  # the leading term is the one in the parameter
    bits = int(slope.numerator).bit_length() - int(slope.denominator).bit_length()
    if abs(bits) > SAFE_BITS:  # beyond the float range: divide exactly instead
        return ((g.quo_ground(slope), 1),), 1.0
    return factors, float(slope)


def _product_function(sides: Sequence[tuple[Factors, float]]) -> Any:
    """Numpy function giving each side's ``prod(g ** m) / scale``, each polynomial evaluated once."""
    polys = list(dict.fromkeys(g for factors, _ in sides for g, _ in factors))
    index = {g: i for i, g in enumerate(polys)}
    evaluate_polys = polynomial_function(polys)
    plans = [([(index[g], int(m)) for g, m in factors], scale) for factors, scale in sides]

    def evaluate_all(*args: Any) -> list[Any]:
        values = evaluate_polys(*args)
        out = []
        for powers, scale in plans:
            # Most sides are one factor to the first power: then the value is shared, not copied.
            value: Any = None
            for i, m in powers:
                term = values[i] if m == 1 else values[i] ** m if m > 0 else 1.0 / values[i] ** -m
                value = term if value is None else value * term
            out.append(value if scale == 1.0 else value / scale)
        return out

    return evaluate_all
