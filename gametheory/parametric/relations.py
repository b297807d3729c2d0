"""How a value is compared with zero: the :class:`Relation` of a condition's atoms.

Examples
--------
>>> Relation.of(sympy.Symbol("x") >= 1).negated
Relation.LT
"""

from __future__ import annotations

import enum
import inspect
from typing import Any

import sympy

from gametheory.exceptions import ParameterError

__all__ = ["Relation"]


class Relation(enum.Enum):
    """How a value is compared with zero: ``>``, ``>=``, ``<``, ``<=``, ``==`` or ``!=``.

    Examples
    --------
    >>> import numpy as np
    >>> Relation.GE.negated, Relation.GE.flipped, Relation.GE.signs
    (Relation.LT, Relation.LE, frozenset({0, 1}))
    >>> Relation.GT.holds(np.array([-1.0, 1e-12, 1.0]), 1e-9).tolist()
    [False, False, True]
    """

    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="
    EQ = "=="
    NE = "!="

    def __repr__(self) -> str:
        return f"Relation.{self.name}"

    @property
    def signs(self) -> frozenset[int]:
        """The signs (-1, 0, 1) of the values for which the relation holds."""
        return _SIGNS[self]

    @property
    def negated(self) -> Relation:
        """The relation that holds exactly where this one fails (``>`` gives ``<=``)."""
        return _NEGATED[self]

    @property
    def flipped(self) -> Relation:
        """The relation for the negated value (``x > 0`` is ``-x < 0``)."""
        return _FLIPPED[self]

    @property
    def is_strict(self) -> bool:
        """True for ``>`` and ``<``."""
        return self in (Relation.GT, Relation.LT)

    @property
    def sympy_class(self) -> type:
        """The sympy relational class (``sympy.StrictGreaterThan`` for ``>``)."""
        return _SYMPY[self]

    @staticmethod
    def from_signs(signs: frozenset[int]) -> Relation:
        """The relation holding for exactly these signs (a proper, non-empty subset of -1, 0, 1).

        Examples
        --------
        >>> Relation.from_signs(frozenset({-1, 1}))
        Relation.NE
        """
        return _FROM_SIGNS[signs]

    @staticmethod
    def of(relational: Any) -> Relation:
        """The relation of a sympy relational (``x >= y`` gives ``Relation.GE``).

        Examples
        --------
        >>> Relation.of(sympy.Symbol("x") < 1)
        Relation.LT
        """
        found = _FROM_SYMPY.get(type(relational))
        if found is None:
            raise ParameterError(f"{relational} is not a relation (>, >=, <, <=, ==, !=)")
        return found

    def holds(self, value: Any, tolerance: Any) -> Any:
        """Whether ``value RELATION 0``, with values within ``tolerance`` of zero counted as zero (vectorised).

        ``x > 0`` needs ``x > tolerance``, ``x >= 0`` needs ``x >= -tolerance``
        and ``x == 0`` needs ``|x| <= tolerance``; ``tolerance`` (not negative)
        may be an array that broadcasts with ``value``, one limit per point.

        Examples
        --------
        >>> import numpy as np
        >>> Relation.EQ.holds(np.array([0.0, 1e-12, 1.0]), 1e-9).tolist()
        [True, True, False]
        """
        return _TESTS[self](value, tolerance)

    def compare(self, left: Any, right: Any) -> bool:
        """Exact ``left RELATION right`` for Python numbers.

        Examples
        --------
        >>> Relation.LE.compare(1, 2)
        True
        """
        return bool(_TESTS[self](left - right, 0))


# Relation(">=") looks a member up by its symbol; Enum's functional API (names=...) is not for users.
Relation.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [inspect.Parameter("value", inspect.Parameter.POSITIONAL_ONLY)]
)

_SIGNS = {
    Relation.GT: frozenset({1}),
    Relation.GE: frozenset({0, 1}),
    Relation.LT: frozenset({-1}),
    Relation.LE: frozenset({-1, 0}),
    Relation.EQ: frozenset({0}),
    Relation.NE: frozenset({-1, 1}),
}
_FROM_SIGNS = {signs: relation for relation, signs in _SIGNS.items()}
_NEGATED = {r: _FROM_SIGNS[frozenset({-1, 0, 1}) - s] for r, s in _SIGNS.items()}
_FLIPPED = {r: _FROM_SIGNS[frozenset(-x for x in s)] for r, s in _SIGNS.items()}
_TESTS = {
    Relation.GT: lambda d, tol: d > tol,
    Relation.GE: lambda d, tol: d >= -tol,
    Relation.LT: lambda d, tol: d < -tol,
    Relation.LE: lambda d, tol: d <= tol,
    Relation.EQ: lambda d, tol: abs(d) <= tol,
    Relation.NE: lambda d, tol: abs(d) > tol,
}
_SYMPY: dict[Relation, type] = {
    Relation.GT: sympy.StrictGreaterThan,
    Relation.GE: sympy.GreaterThan,
    Relation.LT: sympy.StrictLessThan,
    Relation.LE: sympy.LessThan,
    Relation.EQ: sympy.Equality,
    Relation.NE: sympy.Unequality,
}
_FROM_SYMPY = {cls: relation for relation, cls in _SYMPY.items()}
