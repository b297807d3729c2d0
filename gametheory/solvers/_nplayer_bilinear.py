"""Exact solving of three-player supports where two players mix two strategies each and the third three.

The family: A and B (in player order) mix two strategies each, C three. With ``sigma_A = (1 - x, x)`` and
``sigma_B = (1 - y, y)``, C's two equations involve (x, y) alone and are bilinear,
``P_0(x) + y P_1(x) = 0`` and ``Q_0(x) + y Q_1(x) = 0`` (each ``P_i``, ``Q_i`` of degree <= 1). Every
solution has ``h(x) = P_0 Q_1 - P_1 Q_0 = 0`` (``Q_1 E_0 - P_1 E_1``, degree <= 2; ``h = 0`` identically
gives up), and at a root of h: ``y = -P_0 / P_1`` (then ``E_1 = -h / P_1 = 0``), or ``-Q_0 / Q_1`` where
``P_1`` vanishes (then ``h = P_0 Q_1`` gives ``P_0 = 0``); where both vanish the equations hold for every y
(a continuum: give up) or none. A's equation ``u(y) . sigma_C = 0`` and B's ``v(x) . sigma_C = 0`` with
``sum(sigma_C) = 1`` give ``sigma_C = w / sum(w)``, ``w = u x v`` (cross product; ``u . w = v . w = 0``):
no solution if ``sum(w) = 0 != w``, a continuum (give up) if ``w = 0``.

A root is ``x = (a + b sqrt(D)) / r`` in integers, ``r > 0`` and ``b = D = 0`` when it is rational. Then y,
w and every regret, times a positive factor, lie in ``Z[sqrt(D)]``, where the sign of ``a + b sqrt(D)`` is
decided exactly by comparing ``a**2`` with ``b**2 D``. Rational points come back as Fractions (checked against
the system's exact rows), irrational ones as floats computed from sqrt(D) to enough bits (in integers) that
each has a relative error below 2**-70 before its one rounding.
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt
from typing import Any

from gametheory.solvers._nplayer_box import BoxSolution
from gametheory.solvers._nplayer_exact import ExactSupport

__all__ = ["applies", "solve_bilinear"]

#: ``a + b sqrt(D)`` as ``(a, b)``, integers; D is fixed per root.
Num = tuple[int, int]
#: A bilinear polynomial ``f0 + f1 x + f2 y + f3 x y`` as ``(f0, f1, f2, f3)``.
Bilinear = tuple[int, int, int, int]

#: Bits of relative accuracy of every ratio before it is rounded to a float.
_ACCURACY = 70


def applies(system: ExactSupport) -> bool:
    """Whether the support is in the family: three players mixing 2, 2 and 3 strategies (any order)."""
    return _roles(system) is not None


def solve_bilinear(system: ExactSupport) -> list[BoxSolution] | None:
    """Every equilibrium on the support: all its probabilities positive, no profitable outside strategy.

    Parameters
    ----------
    system : ExactSupport
        A support profile in the family of :func:`applies`, with integer payoffs.

    Returns
    -------
    list of BoxSolution or None
        ``Fraction`` values (``exact=True``) at rational points, floats accurate to double precision
        otherwise (every decision exact); None outside the family or when degenerate (a continuum).
    """
    roles = _roles(system)
    if roles is None:
        return None
    a, b, c = roles
    # A's rows over (B, C), B's over (A, C), C's over (A, B): A is before B, so C's need no transposing.
    tables = (_table(system, a, c < b), _table(system, b, c < a), _table(system, c, False))
    if None in tables:
        return None
    return _solve(system, roles, *(t for t in tables if t is not None))


def _roles(system: ExactSupport) -> tuple[int, int, int] | None:
    """Players (A, B, C): A and B mixing two strategies, A before B, and C three; None outside the family."""
    sizes = system.sizes
    if len(sizes) != 3 or sorted(sizes) != [2, 2, 3]:
        return None
    a, b = (i for i in range(3) if sizes[i] == 2)
    return a, b, sizes.index(3)


def _table(system: ExactSupport, player: int, swap: bool) -> list[list[list[int]]] | None:
    """The player's rows as nested lists, the others' axes swapped if asked; None unless all ints."""
    rows = system.exact_rows[player]
    out: list[list[list[int]]] = (rows.transpose(0, 2, 1) if swap else rows).tolist()
    return out if all(type(v) is int for row in out for line in row for v in line) else None


def _bilinear(t: list[list[int]]) -> Bilinear:
    """``sum t[i][j] sigma_A[i] sigma_B[j]`` for ``sigma_A = (1 - x, x)``, ``sigma_B = (1 - y, y)``."""
    (t00, t01), (t10, t11) = t
    return t00, t10 - t00, t01 - t00, t11 - t10 - t01 + t00


def _mul(p: Num, q: Num, d: int) -> Num:
    return p[0] * q[0] + p[1] * q[1] * d, p[0] * q[1] + p[1] * q[0]


def _lin(c0: int, c1: int, r: int, x: Num) -> Num:
    """``(c0 + c1 x) r`` for the root ``x = X / r``."""
    return c0 * r + c1 * x[0], c1 * x[1]


def _sign(p: Num, d: int) -> int:
    """The sign of ``a + b sqrt(d)``, exactly."""
    a, b = p
    sa = (a > 0) - (a < 0)
    if not b:
        return sa
    sb = 1 if b > 0 else -1
    if sa == sb or not sa:
        return sb
    diff = a * a - b * b * d
    return sa if diff > 0 else sb if diff < 0 else 0


def _roots(h0: int, h1: int, h2: int) -> list[tuple[Num, int, int]] | None:
    """The real roots of ``h0 + h1 x + h2 x**2`` as ``(X, r, D)``, ``x = X / r``, ``r > 0``; None if h = 0."""
    roots: list[tuple[Num, int, int]]
    if h2:
        disc = h1 * h1 - 4 * h0 * h2
        if disc < 0:
            return []
        k = isqrt(disc)
        if k * k == disc:
            roots = [((-h1 + k, 0), 2 * h2, 0)] + ([((-h1 - k, 0), 2 * h2, 0)] if k else [])
        else:
            roots = [((-h1, 1), 2 * h2, disc), ((-h1, -1), 2 * h2, disc)]
    elif h1:
        roots = [((-h0, 0), h1, 0)]
    else:
        return [] if h0 else None
    return [((-x[0], -x[1]), -r, d) if r < 0 else (x, r, d) for x, r, d in roots]


def _solve(
    system: ExactSupport, roles: tuple[int, int, int], *tables: list[list[list[int]]]
) -> list[BoxSolution] | None:
    table_a, table_b, table_c = tables
    (c0, c1, c2, c3), (d0, d1, d2, d3) = _bilinear(table_c[0]), _bilinear(table_c[1])
    roots = _roots(c0 * d2 - c2 * d0, c0 * d3 + c1 * d2 - c2 * d1 - c3 * d0, c1 * d3 - c3 * d1)
    if roots is None:
        return None
    out: list[BoxSolution] = []
    for x, r, d in roots:
        if _sign(x, d) <= 0 or _sign((r - x[0], -x[1]), d) <= 0:
            continue  # x outside (0, 1)
        # y = yn / yd with yd > 0 (a real number), from whichever of P_1, Q_1 does not vanish at x.
        yd, yn = _lin(c2, c3, r, x), _lin(-c0, -c1, r, x)
        side = _sign(yd, d)
        if not side:
            yd, yn = _lin(d2, d3, r, x), _lin(-d0, -d1, r, x)
            side = _sign(yd, d)
            if not side:  # C's equations read P_0(x) = Q_0(x) = 0 for every y
                if _sign(yn, d) or _sign(_lin(-c0, -c1, r, x), d):
                    continue
                return None
        if side < 0:
            yd, yn = (-yd[0], -yd[1]), (-yn[0], -yn[1])
        if _sign(yn, d) <= 0 or _sign((yd[0] - yn[0], yd[1] - yn[1]), d) <= 0:
            continue  # y outside (0, 1)
        # C's outside strategies, times r yd > 0: yd (f0 + f1 x) r + yn (f2 + f3 x) r.
        for t in table_c[2:]:
            f0, f1, f2, f3 = _bilinear(t)
            value = _mul(yd, _lin(f0, f1, r, x), d), _mul(yn, _lin(f2, f3, r, x), d)
            if _sign((value[0][0] + value[1][0], value[0][1] + value[1][1]), d) > 0:
                break
        else:
            found = _mixed(system, roles, table_a, table_b, (x, r, d, yn, yd))
            if found is None:
                return None
            out += found
    return out


def _mixed(
    system: ExactSupport,
    roles: tuple[int, int, int],
    table_a: list[list[list[int]]],
    table_b: list[list[list[int]]],
    point: tuple[Num, int, int, Num, Num],
) -> list[BoxSolution] | None:
    """C's mix at a solution (x, y) of C's equations, checked: [the equilibrium], [] or None (a continuum)."""
    x, r, d, yn, yd = point

    def over_y(row: list[list[int]]) -> list[Num]:  # row(y) . sigma_C's coefficients times yd > 0
        return [_add(_mul(yd, (row[0][k], 0), d), _mul(yn, (row[1][k] - row[0][k], 0), d)) for k in range(3)]

    def over_x(row: list[list[int]]) -> list[Num]:  # times r > 0
        return [_lin(row[0][k], row[1][k] - row[0][k], r, x) for k in range(3)]

    u, v = over_y(table_a[0]), over_x(table_b[0])
    w = [_sub(_mul(u[(k + 1) % 3], v[(k + 2) % 3], d), _mul(u[(k + 2) % 3], v[(k + 1) % 3], d)) for k in range(3)]
    total = _add(_add(w[0], w[1]), w[2])
    signs = [_sign(p, d) for p in w]
    side = _sign(total, d)
    if not side:
        return None if signs == [0, 0, 0] else []  # w = 0: a continuum of sigma_C; else no sigma_C
    if any(s != side for s in signs):
        return []
    # The outside strategies' regrets are row . w / total (times a positive factor).
    rows = [over_y(row) for row in table_a[1:]] + [over_x(row) for row in table_b[1:]]
    for row in rows:
        if side * _sign(_add(_add(_mul(row[0], w[0], d), _mul(row[1], w[1], d)), _mul(row[2], w[2], d)), d) > 0:
            return []
    a, b, c = roles
    values: list[Any] = [None] * system.nvars
    if not d:
        exact = [Fraction(x[0], r), Fraction(yn[0], yd[0]), Fraction(w[1][0], total[0]), Fraction(w[2][0], total[0])]
        values[system.blocks[a]], values[system.blocks[b]], values[system.blocks[c]] = exact[:1], exact[1:2], exact[2:]
        found = tuple(values)
        at = system.rows_at(found)
        if any(any(row[: system.neq[i]]) for i, row in enumerate(at)) or not system.is_equilibrium(found):
            return None  # the exact rows disagree with the elimination: never guess
        return [BoxSolution(found, exact=True)]
    floats = _floats([(x, (r, 0)), (yn, yd), (w[1], total), (w[2], total)], d)
    values[system.blocks[a]], values[system.blocks[b]], values[system.blocks[c]] = floats[:1], floats[1:2], floats[2:]
    return [BoxSolution(tuple(values), exact=False)]


def _add(p: Num, q: Num) -> Num:
    return p[0] + q[0], p[1] + q[1]


def _sub(p: Num, q: Num) -> Num:
    return p[0] - q[0], p[1] - q[1]


def _floats(ratios: list[tuple[Num, Num]], d: int) -> list[float]:
    """Each ``n / m`` (both nonzero) as a float: sqrt(d) to ``bits`` bits makes each an integer ratio whose
    terms are off by less than ``|b|`` each, doubled until that is below ``2**-_ACCURACY`` of both terms."""
    bits = 2 * max(abs(v).bit_length() for pair in ratios for p in pair for v in p) + _ACCURACY + 8
    while True:
        root = isqrt(d << 2 * bits)  # floor(sqrt(d) 2**bits)
        out = []
        for n, m in ratios:
            top, bottom = (n[0] << bits) + n[1] * root, (m[0] << bits) + m[1] * root
            if abs(top) <= abs(n[1]) << _ACCURACY or abs(bottom) <= abs(m[1]) << _ACCURACY:
                break
            out.append(top / bottom)
        else:
            return out
        bits *= 2
