"""Private: pooling regimes of two-type signalling games that only a mixed off-path answer supports.

Pooling on ``m1`` with the on-path answer ``r1`` may need the receiver to mix
after the unsent message ``m2``: answering it with ``a1`` for sure tempts one
type to deviate, answering ``a2`` for sure tempts the other. With ``rho`` the
probability of ``a1`` after ``m2``, type ``t`` stays with ``m1`` when
``c_t - rho d_t >= 0`` (``c_t`` its gain from ``m1`` over ``m2`` answered by
``a2``, ``d_t`` its gain from ``a1`` over ``a2`` after ``m2``). When one type
(``A``) needs ``rho >= L = c_A / d_A > 0`` and the other (``B``)
``rho <= U = c_B / d_B < 1``, every ``rho`` in ``[L, U]`` works, and the
receiver mixes only if indifferent after ``m2``: its belief there is the
indifference belief. The regime's profile is the extreme one, ``rho = L``
(type ``A`` indifferent); the others differ only off the path.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from gametheory.parametric._pbe_mixed import Signalling
from gametheory.parametric._simplify import Knowledge, conjunction, relation
from gametheory.parametric.conditions import Condition
from gametheory.parametric.relations import Relation

__all__ = ["MixedOffPath", "mixed_off_path"]


@dataclass(frozen=True)
class MixedOffPath:
    """One candidate: conditions, profile by information set, the off-path belief (P(first type)) and label."""

    formula: Condition
    profile: dict[int, tuple[sympy.Expr, sympy.Expr]]
    on_path: tuple[int, tuple[sympy.Expr, sympy.Expr]]
    off_path: tuple[int, sympy.Expr]
    label: str


def mixed_off_path(parts: Signalling, knowledge: Knowledge) -> list[MixedOffPath]:
    """Every pooling candidate supported only by a mixed answer off the path whose conditions are satisfiable."""
    out = []
    for m1 in (0, 1):
        for r1 in (0, 1):
            for a in (0, 1):  # the type that bounds rho from below
                found = _candidate(parts, knowledge, m1, r1, a)
                if found is not None:
                    out.append(found)
    return out


def _candidate(parts: Signalling, knowledge: Knowledge, m1: int, r1: int, a: int) -> MixedOffPath | None:
    def rel(expr: sympy.Expr, how: Relation) -> Condition:
        return relation(sympy.cancel(sympy.expand(expr)), how, knowledge)

    u, s, r, q = parts.payoffs, parts.sender, parts.receiver_index, parts.prior
    m2, b = 1 - m1, 1 - a
    gain = [u[t][m2][0][r] - u[t][m2][1][r] for t in (0, 1)]
    slope = sympy.expand(gain[0] - gain[1])
    if slope == 0:
        return None
    mu = sympy.cancel(-gain[1] / slope)  # P(first type | m2) at which the receiver is indifferent
    c = [u[t][m1][r1][s] - u[t][m2][1][s] for t in (0, 1)]
    d = [sympy.expand(u[t][m2][0][s] - u[t][m2][1][s]) for t in (0, 1)]
    if d[a] == 0 or d[b] == 0:
        return None
    low, high = sympy.cancel(c[a] / d[a]), sympy.cancel(c[b] / d[b])
    on_path = sum(q[t] * (u[t][m1][r1][r] - u[t][m1][1 - r1][r]) for t in (0, 1))
    formula = conjunction(
        [
            rel(on_path, Relation.GE),
            rel(mu, Relation.GE),
            rel(1 - mu, Relation.GE),
            rel(d[a], Relation.LT),
            rel(c[a], Relation.LT),
            rel(d[b], Relation.GT),
            rel(c[b] - d[b], Relation.LT),
            rel(high - low, Relation.GE),
        ],
        knowledge,
    )
    if formula is False:
        return None
    rho = sympy.factor(low)
    unit = {0: (sympy.Integer(1), sympy.Integer(0)), 1: (sympy.Integer(0), sympy.Integer(1))}
    profile = {
        parts.sender_sets[0]: unit[m1],
        parts.sender_sets[1]: unit[m1],
        parts.receiver_sets[m1]: unit[r1],
        parts.receiver_sets[m2]: (rho, sympy.factor(1 - rho)),
    }
    msg, rsp, types = parts.messages, parts.responses, parts.types
    label = (
        f"Pooling: {types[0]} -> {msg[m1]} -> {rsp[r1]}; {types[1]} -> {msg[m1]} -> {rsp[r1]}; "
        f"off path: after {msg[m2]} -> mixes {rsp[0]}/{rsp[1]}, {types[a]} indifferent"
    )
    return MixedOffPath(formula, profile, (parts.receiver_sets[m1], q), (parts.receiver_sets[m2], mu), label)
