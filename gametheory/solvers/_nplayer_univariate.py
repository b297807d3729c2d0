"""Exact solving of three-player supports by elimination to one univariate polynomial.

The family: A mixes two strategies, B and C ``k >= 2`` each. With ``sigma_A = (1 - x, x)``, B's
equations and the sum-to-one row read ``Q_B(x) sigma_C = e_k``, entries of degree <= 1 in x; the
cofactors ``c = adj(Q_B) e_k`` give ``d_B sigma_C = c`` at every solution, ``d_B = det Q_B = sum(c)``;
likewise ``b``, ``d_C`` from C's. A's equation ``sigma_B^T M sigma_C = 0`` times ``d_B d_C`` is the
univariate ``g = b^T M c = 0``. Unless ``d_B`` and all of ``c`` (or ``d_C`` and ``b``) vanish together
in (0, 1), where solutions may escape ``g`` and the method gives up, the solutions are the roots of
``g`` in (0, 1) with ``d_B d_C != 0``, where ``sigma_B = b / d_C`` and ``sigma_C = c / d_B``: positive
iff all of ``c`` share a strict sign (``d_B``'s) and all of ``b`` do. Regrets are polynomials over
``d_B``, ``d_C`` or both.

Roots are isolated by Descartes' rule of signs and bisection in Python integers. Rational ones
(denominators dividing ``g``'s leading coefficient) are decided exactly; at an irrational one each
sign is decided on a certified bracket by a derivative bound, or when the value is too small, by
whether ``gcd(g, p)`` changes sign across it. What cannot be decided gives None.

:func:`applies` and :func:`solve_univariate` also cover a second family, three players mixing 2, 2 and 3
strategies (in any order), solved in :mod:`._nplayer_bilinear`: C's two equations are bilinear in the
2-mixers' probabilities (x, y), their resultant in y has degree <= 2 in x, and each root's signs are
decided exactly in ``Z[sqrt(D)]``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from fractions import Fraction
from operator import mul
from typing import Any

from gametheory._internal.univariate import (
    exact_quotient,
    float_unit_root,
    integer_gcd,
    scaled_value,
    unit_bracket,
    unit_roots,
    unit_variations,
)
from gametheory.solvers import _nplayer_bilinear as bilinear
from gametheory.solvers._nplayer_box import BoxSolution
from gametheory.solvers._nplayer_exact import ExactSupport

__all__ = ["applies", "solve_univariate"]

#: Integer coefficients of a polynomial in x, lowest degree first.
Poly = list[int]
#: A leaf of the root isolation: (a, depth, local) for the interval (a, a + 1) / 2**depth.
Leaf = tuple[int, int, Poly]

#: Bits of the first bracket of an irrational root: enough to reject most roots (a wrong sign).
_COARSE = 32
#: Bits of the bracket from which roots are accepted (at least; doubled when a sign needs more).
_FINE = 100
_DOUBLINGS = 4
#: Absolute accuracy (bits) of the float probabilities returned at irrational roots.
_ACCURACY = 64


def applies(system: ExactSupport) -> bool:
    """Whether the support is in a family: three players mixing 2, k and k (k >= 2), or 2, 2 and 3 strategies."""
    return _roles(system) is not None or bilinear.applies(system)


def solve_univariate(system: ExactSupport) -> list[BoxSolution] | None:
    """Every equilibrium on the support: all its probabilities positive, no profitable outside strategy.

    Parameters
    ----------
    system : ExactSupport
        A support profile in the family of :func:`applies`, with integer payoffs.

    Returns
    -------
    list of BoxSolution or None
        ``Fraction`` values (``exact=True``) at rational points, floats accurate to double precision
        otherwise (every decision still exact); None outside the families or when undecided.
    """
    if bilinear.applies(system):
        return bilinear.solve_bilinear(system)
    roles = _roles(system)
    tables = [] if roles is None else [_table(system, i, *(j for j in roles if j != i)) for i in roles]
    if roles is None or None in tables:
        return None
    return _Elimination(system, roles, *(t for t in tables if t is not None)).solve()


def _roles(system: ExactSupport) -> tuple[int, int, int] | None:
    """Players (A, B, C), A mixing two strategies and B before C; None outside the family."""
    sizes = system.sizes
    for a in range(3) if len(sizes) == 3 else ():
        b, c = (i for i in range(3) if i != a)
        if sizes[a] == 2 and sizes[b] == sizes[c] >= 2:
            return a, b, c
    return None


def _table(system: ExactSupport, player: int, first: int, second: int) -> list[list[list[int]]] | None:
    """The player's rows as nested lists ``[row][first's index][second's index]``; None unless all ints."""
    rows = system.exact_rows[player]
    out: list[list[list[int]]] = (rows.transpose(0, 2, 1) if first > second else rows).tolist()
    return out if all(type(v) is int for row in out for line in row for v in line) else None


class _Elimination:
    """One support's univariate eliminant g, the cofactor vectors and the regret polynomials."""

    def __init__(self, system: ExactSupport, roles: tuple[int, int, int], *tables: list[list[list[int]]]) -> None:
        self.system, self.roles = system, roles
        table_a, table_b, table_c = tables  # [row][first other][second other], the others in role order
        k = system.sizes[roles[1]]
        # B's rows as k linear polynomials in x, (1 - x) t[0] + x t[1], acting on C's mix; C's on B's.
        rows_b = [[[t[0][j], t[1][j] - t[0][j]] for j in range(k)] for t in table_b]
        rows_c = [[[t[0][j], t[1][j] - t[0][j]] for j in range(k)] for t in table_c]
        self.cvec, self.bvec = _cofactors(rows_b[: k - 1]), _cofactors(rows_c[: k - 1])
        self.g = _trim(_bilinear(self.bvec, table_a[0], self.cvec))
        self.outside = table_a[1:], rows_b[k - 1 :], rows_c[k - 1 :]
        self.gcds: dict[int, Poly] = {}

    @functools.cached_property
    def regrets(self) -> list[tuple[Poly, int]]:
        """Regret polynomials with the sign they are multiplied by: 0 of d_B d_C (A's), 1 of d_B, 2 of d_C."""
        table_a, rows_b, rows_c = self.outside
        out = [(_bilinear(self.bvec, m, self.cvec), 0) for m in table_a]
        return out + [(_dot(r, self.cvec), 1) for r in rows_b] + [(_dot(r, self.bvec), 2) for r in rows_c]

    def solve(self) -> list[BoxSolution] | None:
        """Every equilibrium of the support, or None if undecided (see :func:`solve_univariate`)."""
        if not self.g or _singular_inside(self.cvec) or _singular_inside(self.bvec):
            return None
        # Roots at x = 0 or 1 belong to smaller supports; without them no bracket ends on a root.
        while self.g[0] == 0:
            self.g = self.g[1:]
        while len(self.g) > 1 and sum(self.g) == 0:
            self.g = exact_quotient(self.g, [-1, 1])
        roots = unit_roots(self.g)
        if roots is None:  # a multiple root: isolate the square-free part g / gcd(g, g')
            self.g = exact_quotient(self.g, integer_gcd(self.g, [i * v for i, v in enumerate(self.g)][1:]))
            roots = unit_roots(self.g)
        if roots is None:
            return None
        out: list[BoxSolution] = []
        for root in roots:
            found = self.rational(root) if isinstance(root, Fraction) else self.leaf(root)
            if found is None:
                return None
            out += found
        return out

    def assemble(self, x: Any, sb: Sequence[Any], sc: Sequence[Any]) -> tuple[Any, ...]:
        """Reduced coordinates in the order of ``system.blocks``: x for A, each mix after its first for B, C."""
        values: list[Any] = [None] * self.system.nvars
        for player, own in zip(self.roles, ([x], sb[1:], sc[1:]), strict=True):
            values[self.system.blocks[player]] = own
        return tuple(values)

    def rational(self, x: Fraction) -> list[BoxSolution] | None:
        """The solution at a rational root of g, checked exactly: [it] if an equilibrium, else []; None if odd."""
        mixes = []
        for vec in (self.bvec, self.cvec):
            values = [scaled_value(p, x.numerator, x.denominator, len(vec) - 1) for p in vec]
            if sum(values) == 0:  # d = 0 while the cofactors do not all vanish: no solution at x
                return []
            mixes.append([Fraction(v, sum(values)) for v in values])
        point, system = self.assemble(x, *mixes), self.system
        if any(any(r[: system.neq[i]]) for i, r in enumerate(system.rows_at(point))):
            return None  # the elimination disagrees with the system: never guess
        return [BoxSolution(point, exact=True)] if system.is_equilibrium(point) else []

    def leaf(self, leaf: Leaf) -> list[BoxSolution] | None:
        """The solution at the root of g in a leaf: exact if rational, else floats with exact decisions."""
        start, depth, local = leaf
        lead = abs(self.g[-1])
        fine, bits, guess = max(_FINE, 2 * lead.bit_length() + 16), _COARSE, float_unit_root(local)
        for _ in range(_DOUBLINGS + 1):
            found = unit_bracket(local, bits, guess)
            if isinstance(found, Fraction):
                return self.rational((start + found) / 2**depth)
            # The bracket [x - e, x + e] in units of 2**-scale.
            scale, x, e = bits + depth + 1, (start << bits + 1) + found[0] + found[1], found[1] - found[0]
            if bits == fine:
                # A rational root's denominator divides the leading coefficient: as 2 e lead**2 < 2**scale,
                # it would be the fraction nearest x with such a denominator.
                rational = Fraction(x, 1 << scale).limit_denominator(lead)
                if scaled_value(self.g, rational.numerator, rational.denominator, len(self.g) - 1) == 0:
                    return self.rational(rational)
            verdict = self.verdict(x, e, scale)
            if verdict is False:
                return []
            if verdict and bits >= fine and (values := self.floats(x, e, scale)) is not None:
                return [BoxSolution(self.assemble(*values), exact=False)]
            bits = fine if bits < fine else 2 * bits
        return None

    def sign(self, p: Poly, x: int, e: int, scale: int) -> int | None:
        """The sign of p at the root of g in ``[x - e, x + e] 2**-scale``; None if that bracket is too wide."""
        degree, den = len(p) - 1, 1 << scale
        if degree <= 0:
            return _sign(p[0]) if p else 0
        v = scaled_value(p, x, den, degree)
        # On [0, 1], |p(t) - p(x)| <= |t - x| sum(i |p_i|).
        if abs(v) > e * sum(i * abs(c) for i, c in enumerate(p)) << scale * (degree - 1):
            return _sign(v)
        # g's one root in the bracket is simple: gcd(g, p) changes sign across it iff p vanishes there
        # (an end of the bracket at a root of g, possible after bisection, leaves the sign undecided).
        h = self.gcds[id(p)] = self.gcds.get(id(p)) or integer_gcd(self.g, p)
        ends = [_sign(scaled_value(h, t, den, len(h) - 1)) for t in (x - e, x + e)] if len(h) > 1 else [1, 1]
        return 0 if ends[0] * ends[1] < 0 else None

    def verdict(self, x: int, e: int, scale: int) -> bool | None:
        """Whether the root is an equilibrium of the support; None if some sign needs a narrower bracket."""
        sides: list[int] = []
        for vec in (self.bvec, self.cvec):
            signs = [self.sign(p, x, e, scale) for p in vec]
            if 0 in signs or (1 in signs and -1 in signs):
                return False  # a zero probability, or d = 0 (no solution there)
            if None in signs:
                return None
            sides.append(1 if 1 in signs else -1)
        factors = (sides[0] * sides[1], sides[1], sides[0])  # the signs of d_B d_C, d_B, d_C
        undecided = False
        for p, owner in self.regrets:
            s = self.sign(p, x, e, scale)
            if s is not None and s * factors[owner] > 0:
                return False
            undecided |= s is None
        return not undecided or None

    def floats(self, x: int, e: int, scale: int) -> tuple[float, list[float], list[float]] | None:
        """x and B's and C's mixes at the bracket's middle as floats; None unless within 2**-_ACCURACY of the root's."""
        den, degree = 1 << scale, len(self.bvec) - 1
        mixes = []
        for vec in (self.bvec, self.cvec):
            values = [scaled_value(p, x, den, degree) for p in vec]
            # Each |p(t) - p(x)| <= e 2**-scale sum(i |p_i|): small against |d(x)|, every ratio is accurate.
            spread = sum(i * abs(c) for p in vec for i, c in enumerate(p))
            if abs(sum(values)) <= 2 * e * spread << scale * (degree - 1) + _ACCURACY:
                return None
            mixes.append([v / sum(values) for v in values])
        return x / den, mixes[0], mixes[1]


def _trim(p: Poly) -> Poly:
    while p and not p[-1]:
        p.pop()
    return p


def _add(p: Poly, q: Poly) -> Poly:
    out, q = (list(p), q) if len(p) >= len(q) else (list(q), p)
    for i, v in enumerate(q):
        out[i] += v
    return out


def _mul(p: Poly, q: Poly) -> Poly:
    out = [0] * (len(p) + len(q) - 1) if p and q else []
    for i, u in enumerate(p):
        for j, v in enumerate(q):
            out[i + j] += u * v
    return out


def _dot(row: list[Poly], vector: list[Poly]) -> Poly:
    return functools.reduce(_add, map(_mul, row, vector), [])


def _bilinear(left: list[Poly], matrix: list[list[int]], right: list[Poly]) -> Poly:
    """``left^T matrix right`` for an integer matrix and vectors of polynomials of one length."""
    columns = list(zip(*right, strict=True))  # coefficient j of every polynomial of ``right``
    return _dot(left, [[sum(map(mul, line, col)) for col in columns] for line in matrix])


def _cofactors(rows: list[list[Poly]]) -> list[Poly]:
    """``(-1)**j det(rows without column j)`` for each column of a (k - 1) x k matrix of linear polynomials.

    ``rows @ cofactors = 0`` (each entry is a determinant with a repeated row), so they are
    ``adj(Q) e_k`` for ``Q`` = rows over a row of ones, and sum to ``det Q``. All have length k.
    Laplace expansion (k is small), 2 x 2 minors written out.
    """

    def det(cols: tuple[int, ...]) -> Poly:
        top = len(rows) - len(cols)
        if len(cols) == 1:
            return rows[top][cols[0]]
        if len(cols) == 2:
            (p0, p1), (q0, q1) = rows[top][cols[0]], rows[top + 1][cols[1]]
            (r0, r1), (s0, s1) = rows[top][cols[1]], rows[top + 1][cols[0]]
            return [p0 * q0 - r0 * s0, p0 * q1 + p1 * q0 - r0 * s1 - r1 * s0, p1 * q1 - r1 * s1]
        terms = [_mul(rows[top][col], det(cols[:i] + cols[i + 1 :])) for i, col in enumerate(cols)]
        return functools.reduce(_add, (t if i % 2 == 0 else [-v for v in t] for i, t in enumerate(terms)))

    k = len(rows) + 1
    minors = [det(tuple(col for col in range(k) if col != j)) for j in range(k)]
    return [list(m) if j % 2 == 0 else [-v for v in m] for j, m in enumerate(minors)]


def _sign(v: int) -> int:
    return (v > 0) - (v < 0)


def _singular_inside(cofactors: list[Poly]) -> bool:
    """Whether ``d = sum(cofactors)`` and every cofactor might vanish together in (0, 1).

    There ``d sigma = c`` says nothing, and a solution could escape ``g``.
    """
    polys = [functools.reduce(_add, cofactors), *cofactors]
    if any(_trim(list(p)) and unit_variations(p) == 0 for p in polys):
        return False  # one of them has no root in (0, 1)
    # Two cofactors' resultant, written out for formal degree 1 or 2: nonzero, they share no root at all.
    (p0, p1, *p2), (q0, q1, *q2) = cofactors[:2]
    if len(p2) == 1 and (p2[0] * q0 - p0 * q2[0]) ** 2 - (p2[0] * q1 - p1 * q2[0]) * (p1 * q0 - p0 * q1):
        return False
    if not p2 and p0 * q1 - p1 * q0:
        return False
    h = functools.reduce(integer_gcd, polys)
    return not h or (len(h) > 1 and unit_variations(h) > 0)
