"""Exact simplification of the conditions (:mod:`~gametheory.parametric.conditions`) of parametric equilibria.

Conditions are built from sign conditions on rational functions of the
parameters. Each is reduced to sign conditions on irreducible polynomial
factors ("atoms"), so that evaluating a condition never divides by zero.
A conjunction is then simplified with what is known about the sign of each
factor (symbol assumptions, the user's assumptions, sibling atoms), and
linear atoms implied by the others are dropped, with every implication
certified exactly by a non-negative combination (Farkas' lemma).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import sympy
from sympy.polys.domains import QQ
from sympy.polys.fields import FracElement, field
from sympy.polys.rings import PolyElement

from gametheory._internal.caches import cached
from gametheory.exceptions import ParameterError
from gametheory.parametric._linear import implies as _implies
from gametheory.parametric._linear import is_linear as _is_linear
from gametheory.parametric._polys import factor_list
from gametheory.parametric.conditions import Atom, Condition, Conj, Disj, all_of, any_of
from gametheory.parametric.relations import Relation

__all__ = ["Knowledge", "conjunction", "infeasible", "nonzero", "relation"]

ALL = frozenset({-1, 0, 1})


class Knowledge:
    """Possible signs of polynomial factors, and linear facts for implication checks.

    Polynomials live in the ring of the rational-function field ``field``
    over the parameters, so that arithmetic cancels exactly and fast.
    """

    def __init__(self, symbols: Sequence[sympy.Symbol]) -> None:
        self.symbols = tuple(symbols)
        # A game without parameters still needs a generator for the polynomial ring.
        self.field = field(self.symbols or (sympy.Dummy("unused"),), QQ)[0]
        self.signs: dict[PolyElement, frozenset[int]] = {}
        self.linear: list[tuple[PolyElement, bool]] = []  # (g, strict): g > 0 or g >= 0
        # The atoms added so far: with the symbols, they fix what is known, so they key
        # the memo of simplified conjunctions, shared by every copy of this knowledge.
        self.trail: tuple[Atom, ...] = ()
        self.memo: dict[tuple[Any, ...], Condition] = {}
        for symbol in self.symbols:
            g = self.field.ring.from_expr(symbol)
            signs = _sympy_signs(g)
            if signs != ALL:
                self.add(Atom(((g, 1),), Relation.from_signs(signs)))

    def copy(self) -> Knowledge:
        other = Knowledge.__new__(Knowledge)
        other.symbols = self.symbols
        other.field = self.field
        other.signs = dict(self.signs)
        other.linear = list(self.linear)
        other.trail = self.trail
        other.memo = self.memo
        return other

    def sign(self, g: PolyElement) -> frozenset[int]:
        known = self.signs.get(g)
        if known is None:
            known = _sympy_signs(g)
        return known

    def add(self, atom: Atom) -> bool:
        """Record what ``atom`` says; False when it contradicts what is known."""
        self.trail += (atom,)
        g = atom.single
        if g is None:
            return True
        signs = self.sign(g) & atom.relation.signs
        self.signs[g] = signs
        if not signs:
            return False
        if _is_linear(g):
            if atom.relation in (Relation.GT, Relation.GE):
                self.linear.append((g, atom.relation is Relation.GT))
            elif atom.relation in (Relation.LT, Relation.LE):
                self.linear.append((-g, atom.relation is Relation.LT))
            elif atom.relation is Relation.EQ:
                self.linear += [(g, False), (-g, False)]
        return True


_PLAIN = sympy.Symbol("t").assumptions0
_REAL = sympy.Symbol("t", real=True).assumptions0


@cached(maxsize=4096)
def _sympy_signs(g: PolyElement) -> frozenset[int]:
    if g.is_ground:
        return frozenset({0}) if not g else frozenset({1}) if g.LC > 0 else frozenset({-1})
    # What sympy's assumption system would answer, without its (slow, cold-cache) queries: nothing is
    # known about a polynomial that takes every sign, e.g. one in real symbols without sign assumptions
    # where some symbol appears only to the first power (g == a * v + b, a != 0), or one in symbols
    # without any assumption.
    variables = _variables(g)
    if all(g.ring.symbols[i].assumptions0 in (_PLAIN, _REAL) for i in variables):
        if any(g.ring.symbols[i].assumptions0 == _PLAIN for i in variables):
            return ALL
        if any(max(monomial[i] for monomial in g.itermonoms()) == 1 for i in variables):
            return ALL
    expr = g.as_expr()
    if expr.is_positive:
        return frozenset({1})
    if expr.is_negative:
        return frozenset({-1})
    if expr.is_zero:
        return frozenset({0})
    if expr.is_nonnegative:
        return frozenset({0, 1})
    if expr.is_nonpositive:
        return frozenset({-1, 0})
    if expr.is_nonzero:
        return frozenset({-1, 1})
    return ALL


def _variables(g: PolyElement) -> set[int]:
    return {i for monomial in g.itermonoms() for i, e in enumerate(monomial) if e}


# ---------------------------------------------------------------------------------------- atoms
@cached(maxsize=4096)
def _factors(poly: PolyElement) -> tuple[int, tuple[tuple[PolyElement, int], ...]]:
    """Sign of the constant and the canonical irreducible factors of a non-zero polynomial."""
    coefficient, pairs = factor_list(poly)
    sign = 1 if coefficient > 0 else -1
    out: dict[PolyElement, int] = {}
    for g, m in pairs:
        if g.LC < 0:
            g = -g
            sign *= (-1) ** m
        out[g] = out.get(g, 0) + m
    return sign, tuple(sorted(out.items(), key=_factor_order))


def _factor_order(factor: tuple[PolyElement, int]) -> list[tuple[tuple[int, ...], Any]]:
    # Any fixed order will do (sympy orders the factors again for display); terms are cheaper than str().
    return factor[0].terms()


def relation(expr: Any, rel: Relation, knowledge: Knowledge) -> Condition:
    """``expr rel 0`` for a rational function (sympy expression or field element) with non-zero denominator."""
    if not isinstance(expr, FracElement):
        try:
            expr = knowledge.field.from_expr(expr)
        except (ValueError, TypeError, sympy.PolynomialError):
            raise ParameterError(f"{expr} is not a rational function of the parameters") from None
    numerator, denominator = expr.numer, expr.denom
    if not numerator:
        return 0 in rel.signs
    sign, factors = _factors(numerator)
    if rel not in (Relation.EQ, Relation.NE):
        # sign(N / D) == sign(N * D) wherever D != 0.
        s2, f2 = _factors(denominator)
        merged: dict[PolyElement, int] = dict(factors)
        for g, m in f2:
            merged[g] = merged.get(g, 0) + m
        sign, factors = sign * s2, tuple(sorted(merged.items(), key=_factor_order))
    return _decide(sign, factors, rel, knowledge)


def nonzero(poly: PolyElement, knowledge: Knowledge) -> Condition:
    """``poly != 0`` for a polynomial."""
    if not poly:
        return False
    sign, factors = _factors(poly)
    return _decide(sign, factors, Relation.NE, knowledge)


def _decide(sign: int, factors: Sequence[tuple[sympy.Expr, int]], rel: Relation, knowledge: Knowledge) -> Condition:
    truth = rel.signs
    if len(factors) == 1 and factors[0][1] % 2 == 1:
        # One factor: say exactly which of its possible signs are allowed (g > 0 rather than g != 0 when g >= 0).
        g = factors[0][0]
        known = knowledge.sign(g)
        allowed = frozenset(s for s in known if sign * s in truth)
        if allowed == known:
            return True
        if not allowed:
            return False
        return Atom(((g, 1),), Relation.from_signs(allowed))
    possible = {sign}
    for g, m in factors:
        powered = {s**m for s in knowledge.sign(g)}
        possible = {a * b for a in possible for b in powered}
    if possible <= truth:
        return True
    if not possible & truth:
        return False
    rest: list[tuple[PolyElement, int]] = []
    for g, m in factors:
        signs = knowledge.sign(g)
        if signs == {1} or (m % 2 == 0 and 0 not in signs):
            continue
        if signs == {-1}:
            sign *= (-1) ** m
            continue
        rest.append((g, m))
    if rel is Relation.EQ:
        return any_of(Atom(((g, 1),), Relation.EQ) for g, _ in rest)
    if rel is Relation.NE:
        return all_of(Atom(((g, 1),), Relation.NE) for g, _ in rest)
    if sign < 0:
        rel = rel.flipped
    strict = rel.is_strict
    side: list[Condition] = []  # conditions from factors whose sign is known up to zero
    odd: list[tuple[PolyElement, int]] = []
    for g, m in rest:
        signs = knowledge.sign(g)
        if m % 2 == 0 or signs <= {0, 1} or signs <= {-1, 0}:
            side.append(Atom(((g, 1),), Relation.NE if strict else Relation.EQ))
            if m % 2 == 1 and signs <= {-1, 0}:
                rel = rel.flipped
        else:
            odd.append((g, m % 2))
    core: Condition = Atom(tuple(odd), rel) if odd else rel in (Relation.GT, Relation.GE)
    if strict:
        return all_of([*side, core])
    return any_of([*side, core])


# ---------------------------------------------------------------------------------------- simplification
def _refine(formula: Condition, knowledge: Knowledge) -> Condition:
    if isinstance(formula, bool):
        return formula
    if isinstance(formula, Atom):
        return _decide(1, formula.factors, formula.relation, knowledge)
    if isinstance(formula, Disj):
        return any_of(conjunction([p], knowledge) for p in formula.parts)
    return conjunction(list(formula.parts), knowledge)


def conjunction(parts: Sequence[Condition], knowledge: Knowledge) -> Condition:
    """Simplify the conjunction of ``parts`` given ``knowledge`` (which is not changed)."""
    key = (knowledge.trail, tuple(parts))
    found = knowledge.memo.get(key)
    if found is None:
        found = knowledge.memo[key] = _conjunction(parts, knowledge)
    return found


def _conjunction(parts: Sequence[Condition], knowledge: Knowledge) -> Condition:
    flat = all_of(parts)
    if isinstance(flat, bool):
        return flat
    items: list[Condition] = list(flat.parts) if isinstance(flat, Conj) else [flat]
    for _ in range(8):
        changed = False
        merged_atoms = _merge_single(items, knowledge)
        if merged_atoms is False:
            return False
        items = merged_atoms
        # After the merge each factor carries at most one single-factor atom, which the
        # others cannot refine; a multi-factor atom is refined with the signs they give.
        context = _with_atoms(items, knowledge)
        if context is None:
            return False
        refined: list[Condition] = []
        for item in items:
            new = _refine(item, context) if isinstance(item, Atom) and item.single is None else item
            if new is False:
                return False
            if new != item:
                changed = True
            refined.extend([] if new is True else list(new.parts) if isinstance(new, Conj) else [new])
        if changed:
            items = refined
            continue  # merge the new atoms, then look again
        if infeasible(context):
            return False
        for i, item in enumerate(items):
            if isinstance(item, Disj):
                new = any_of(conjunction([p], context) for p in item.parts)
                if new != item:
                    changed = True
                    if new is False:
                        return False
                    items[i] = new
        merged = all_of(items)
        if merged is False:
            return False
        items = [] if merged is True else list(merged.parts) if isinstance(merged, Conj) else [merged]
        if not changed:
            break
    else:
        # Out of rounds before a fixed point: the atoms may be less simple, but must be consistent.
        merged_atoms = _merge_single(items, knowledge)
        if merged_atoms is False:
            return False
        items = merged_atoms
        context = _with_atoms(items, knowledge)
        if context is None or infeasible(context):
            return False
        if any(_refine(item, context) is False for item in items if isinstance(item, Atom) and item.single is None):
            return False
    items = _drop_implied(items, knowledge)
    return all_of(items)


def _with_atoms(items: list[Condition], knowledge: Knowledge) -> Knowledge | None:
    """A copy of ``knowledge`` with every atom of ``items`` added, or None if they contradict it."""
    context = knowledge.copy()
    for item in items:
        if isinstance(item, Atom) and not context.add(item):
            return None
    return context


def _merge_single(items: list[Condition], knowledge: Knowledge) -> list[Condition] | Literal[False]:
    """Merge the atoms on one factor (``g <= 0`` and ``g != 0`` give ``g < 0``); drop what is known."""
    signs: dict[PolyElement, frozenset[int]] = {}
    others: list[Condition] = []
    for item in items:
        g = item.single if isinstance(item, Atom) else None
        if g is None:
            others.append(item)
            continue
        assert isinstance(item, Atom)
        signs[g] = signs.get(g, knowledge.sign(g)) & item.relation.signs
    out: list[Condition] = []
    for g, allowed in signs.items():
        if not allowed:
            return False
        if allowed != knowledge.sign(g):
            out.append(Atom(((g, 1),), Relation.from_signs(allowed)))
    return out + others


def _drop_implied(items: list[Condition], knowledge: Knowledge) -> list[Condition]:
    kept = list(items)
    for item in items:
        if not isinstance(item, Atom) or item.single is None or item.relation is Relation.EQ:
            continue
        g = item.single
        if not _is_linear(g):
            continue
        context = knowledge.copy()
        for other in kept:
            if other is not item and isinstance(other, Atom):
                context.add(other)
        facts = tuple(context.linear)
        if item.relation is Relation.NE:
            implied = _implies(facts, g, True) or _implies(facts, -g, True)
        else:
            target = g if item.relation in (Relation.GT, Relation.GE) else -g
            implied = _implies(facts, target, item.relation.is_strict)
        if implied:
            kept.remove(item)
    return kept


def infeasible(knowledge: Knowledge) -> bool:
    if not knowledge.linear:
        return False
    return _implies(tuple(knowledge.linear), knowledge.field.ring.zero, True)
