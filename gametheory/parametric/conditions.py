"""Conditions on parameters: one representation for branches, regimes and sweeps.

A :data:`Condition` is ``True``, ``False``, an :class:`Atom` (a product of
polynomial factors compared with zero by a :class:`Relation`), or a
conjunction (:class:`Conj`) or disjunction (:class:`Disj`) of conditions. It
is frozen and hashable. The derivation of parametric equilibria builds its
conditions in this form (simplified exactly); :func:`to_sympy` gives the
readable sympy boolean shown as :attr:`Branch.conditions
<gametheory.parametric.results.Branch.conditions>`, and :func:`from_sympy`
reads a sympy boolean of rational relations back. Numbers are decided by one
vectorised evaluator, :func:`gametheory.parametric.evaluation.compile_conditions`,
which branches and sweeps share.

Examples
--------
>>> import sympy
>>> a, b = sympy.symbols("a b")
>>> condition = from_sympy((a >= 1) & (b < a), (a, b))
>>> sorted(atom.relation.value for atom in condition.parts), to_sympy(condition)
(['<', '>='], (a >= 1) & (b < a))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any, TypeAlias

import sympy
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue
from sympy.polys.domains import QQ
from sympy.polys.fields import field
from sympy.polys.rings import PolyElement

from gametheory._internal.caches import cached
from gametheory.exceptions import ParameterError
from gametheory.parametric._linear import is_linear
from gametheory.parametric._polys import fraction_from_expr
from gametheory.parametric.relations import Relation

__all__ = [
    "Atom",
    "Condition",
    "Conj",
    "Disj",
    "Factors",
    "Relation",
    "all_of",
    "any_of",
    "atoms",
    "from_sympy",
    "to_sympy",
]


#: Polynomial factors with their (integer) powers: the left-hand side ``prod(g ** m)`` of an atom.
Factors: TypeAlias = tuple[tuple[PolyElement, int], ...]


@dataclass(frozen=True)
class Atom:
    """``prod(g ** m for g, m in factors) RELATION 0``.

    The derivation's atoms have irreducible factors with positive leading
    term and positive powers; :func:`from_sympy` may also give a numerator
    and a denominator (power -1). The polynomials live in one ring over the
    parameters, in the parameters' order.

    Attributes
    ----------
    factors : tuple of (PolyElement, int)
        The left-hand side, a product of powers of polynomials.
    relation : Relation
        How it is compared with zero.
    single : PolyElement or None
        The polynomial ``g`` when the atom is ``g RELATION 0``, else None.
    """

    factors: Factors
    relation: Relation
    single: PolyElement | None = _field(init=False, compare=False, repr=False)
    _hash: int | None = _field(init=False, compare=False, repr=False, default=None)

    def __post_init__(self) -> None:
        one = len(self.factors) == 1 and self.factors[0][1] == 1
        object.__setattr__(self, "single", self.factors[0][0] if one else None)

    def __hash__(self) -> int:
        # Atoms key many memos: hashed once, when first needed (most atoms never are).
        found = self._hash
        if found is None:
            found = hash((self.factors, self.relation))
            object.__setattr__(self, "_hash", found)
        return found

    @property
    def negated(self) -> Atom:
        """The atom that holds exactly where this one fails."""
        return Atom(self.factors, self.relation.negated)


@dataclass(frozen=True)
class Conj:
    """All of ``parts`` hold (build with :func:`all_of`, which flattens and drops constants).

    Attributes
    ----------
    parts : tuple of Condition
        At least two conditions, none of them a constant or a conjunction.
    """

    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Disj:
    """Some of ``parts`` holds (build with :func:`any_of`, which flattens and drops constants).

    Attributes
    ----------
    parts : tuple of Condition
        At least two conditions, none of them a constant or a disjunction.
    """

    parts: tuple[Condition, ...]


Condition: TypeAlias = bool | Atom | Conj | Disj


def all_of(parts: Iterable[Condition]) -> Condition:
    """The conjunction of ``parts``, flattened, without constants and repeats.

    Examples
    --------
    >>> all_of([True, True]), all_of([True, False])
    (True, False)
    """
    return _combine(parts, Conj, identity=True)


def any_of(parts: Iterable[Condition]) -> Condition:
    """The disjunction of ``parts``, flattened, without constants and repeats.

    Examples
    --------
    >>> any_of([False, False]), any_of([False, True])
    (False, True)
    """
    return _combine(parts, Disj, identity=False)


def _combine(parts: Iterable[Condition], kind: type[Conj] | type[Disj], *, identity: bool) -> Condition:
    """``parts`` joined by ``kind``: ``identity`` is the constant that drops out, its negation absorbs."""
    out: list[Condition] = []
    for part in parts:
        if part is (not identity):
            return not identity
        if part is identity:
            continue
        out.extend(part.parts if isinstance(part, kind) else [part])
    if not out:
        return identity
    return out[0] if len(out) == 1 else kind(tuple(dict.fromkeys(out)))


def atoms(condition: Condition) -> Iterable[Atom]:
    """The atoms of ``condition``, depth first (with repeats).

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> [atom.relation for atom in atoms(from_sympy((x > 0) | (x < -1), (x,)))]
    [Relation.GT, Relation.LT]
    """
    if isinstance(condition, Atom):
        yield condition
    elif isinstance(condition, Conj | Disj):
        for part in condition.parts:
            yield from atoms(part)


# ---------------------------------------------------------------------------------------- sympy
def to_sympy(condition: Condition) -> Boolean:
    """A readable sympy boolean: ``R > c`` rather than ``R - c > 0``.

    Examples
    --------
    >>> R, c = sympy.symbols("R c")
    >>> to_sympy(from_sympy((2 * R - 2 * c > 0) | (c <= 1), (R, c)))
    (c <= 1) | (2*R > 2*c)
    """
    if isinstance(condition, bool):
        return sympy.true if condition else sympy.false
    if isinstance(condition, Conj):
        return sympy.And(*(to_sympy(p) for p in condition.parts), evaluate=False)
    if isinstance(condition, Disj):
        return sympy.Or(*(to_sympy(p) for p in condition.parts), evaluate=False)
    return _atom_to_sympy(condition)


@cached(maxsize=4096)
def _atom_to_sympy(atom: Atom) -> Boolean:
    # Branches share most atoms, so each is converted once.
    expr = sympy.Mul(*(g.as_expr() ** m for g, m in atom.factors))
    make = atom.relation.sympy_class
    single = atom.single
    if single is not None and is_linear(single) and len(expr.free_symbols) == 1:
        # a*x + b rel 0 with a > 0 reads better as x rel -b/a.
        (symbol,) = expr.free_symbols
        slope = expr.coeff(symbol)
        if slope < 0:
            make = atom.relation.flipped.sympy_class
        return make(symbol, -(expr - slope * symbol) / slope, evaluate=False)
    if single is not None:
        terms = sympy.Add.make_args(expr)
        lhs = sympy.Add(*(t for t in terms if not t.is_number and not t.could_extract_minus_sign()))
        rhs = -sympy.Add(*(t for t in terms if t.is_number or t.could_extract_minus_sign()))
        if lhs == 0:
            lhs, rhs = -rhs, sympy.Integer(0)
        return make(lhs, rhs, evaluate=False)
    return make(expr, 0, evaluate=False)


def from_sympy(boolean: Any, symbols: Sequence[sympy.Symbol]) -> Condition:
    """Read a sympy boolean of relations between rational functions of ``symbols``.

    ``Not`` is pushed into the relations; each relation ``lhs REL rhs``
    becomes the atom ``lhs - rhs REL 0``, its numerator over its denominator
    when the denominator is not constant. The polynomials live in the ring
    over ``symbols``, in that order.

    Raises
    ------
    ParameterError
        If a part is not a relation between rational functions of ``symbols``.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> negated = from_sympy(~((x > 1) & (y <= x)), (x, y))
    >>> set(negated.parts) == {from_sympy(x <= 1, (x, y)), from_sympy(y > x, (x, y))}
    True
    >>> from_sympy(sympy.true, (x,))
    True
    """
    return _from_sympy(sympy.sympify(boolean), _field_of(tuple(symbols)), False)


@cached(maxsize=64)
def _field_of(symbols: tuple[sympy.Symbol, ...]) -> Any:
    return field(symbols or (sympy.Dummy("unused"),), QQ)[0]


def _from_sympy(boolean: Any, field_: Any, negate: bool) -> Condition:
    if isinstance(boolean, bool | BooleanTrue | BooleanFalse):
        return bool(boolean) != negate
    if isinstance(boolean, sympy.Not):
        return _from_sympy(boolean.args[0], field_, not negate)
    if isinstance(boolean, sympy.And | sympy.Or):
        parts = [_from_sympy(arg, field_, negate) for arg in boolean.args]
        return all_of(parts) if isinstance(boolean, sympy.And) != negate else any_of(parts)
    relation = Relation.of(boolean)
    if negate:
        relation = relation.negated
    try:
        fraction = fraction_from_expr(field_, sympy.sympify(boolean.lhs - boolean.rhs))
    except (ValueError, TypeError, ZeroDivisionError, sympy.PolynomialError):
        raise ParameterError(f"{boolean} is not a relation between rational functions of the parameters") from None
    numer, denom = fraction.numer, fraction.denom
    if not denom.is_ground:
        return Atom(((numer, 1), (denom, -1)), relation)
    numer = numer.quo_ground(denom.LC)
    if numer.is_ground:
        return relation.compare(numer.LC, 0)
    return Atom(((numer, 1),), relation)
