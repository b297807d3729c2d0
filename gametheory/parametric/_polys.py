"""Polynomial gcds and factorisations for the derivation, in python-flint when it is installed.

sympy's pure-Python multivariate gcd and factoriser took about half of the
time of deriving the branches of a small game; python-flint's are some fifty
times faster. Both answers are unique once normalised (integer polynomials
with positive leading coefficient), so the results are identical with and
without python-flint.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import sympy
from sympy.polys.domains import QQ
from sympy.polys.fields import FracElement
from sympy.polys.rings import PolyElement

from gametheory._internal.caches import cached

__all__ = ["cancel", "factor_list", "flint_context", "fraction_from_expr"]


@cached(maxsize=64)
def flint_context(names: tuple[str, ...]) -> Any:
    """python-flint's integer polynomial context for these variables, or None (not installed, too old).

    Examples
    --------
    >>> context = flint_context(("x", "y"))
    >>> context is None or context.nvars() == 2
    True
    """
    try:
        import flint

        return flint.fmpz_mpoly_ctx.get(names, "lex")
    except Exception:  # any failure only means the slower sympy code is used
        return None


def _context(poly: PolyElement) -> Any:
    return _ring_context(poly.ring)


@cached(maxsize=64)
def _ring_context(ring: Any) -> Any:
    # Positional names: python-flint only needs the number of variables (and rejects non-ASCII names).
    return flint_context(tuple(f"x{i}" for i in range(ring.ngens)))


def _integral(poly: PolyElement) -> tuple[int, dict[tuple[int, ...], int]]:
    """``(d, terms)``: the smallest ``d > 0`` making ``d * poly`` integral, and its integer terms."""
    terms = poly.terms()
    scale = functools.reduce(math.lcm, (int(QQ.denom(c)) for _, c in terms), 1)
    return scale, {m: int(QQ.numer(c)) * (scale // int(QQ.denom(c))) for m, c in terms}


def _to_ring(ring: Any, flint_poly: Any, factor: Any = 1) -> PolyElement:
    # python-flint's exponents are fmpz; sympy's monomials are tuples of int.
    return ring.from_dict({tuple(map(int, m)): QQ(int(c)) * factor for m, c in flint_poly.to_dict().items()})


def factor_list(poly: PolyElement) -> tuple[Any, list[tuple[PolyElement, int]]]:
    """``poly.factor_list()``: the rational content and the primitive irreducible factors.

    Both factorisers return integer factors with positive leading coefficient
    in lex order, which are unique, so the answers are the same.

    Examples
    --------
    >>> from sympy.polys.domains import QQ
    >>> from sympy.polys.rings import ring
    >>> _, x, y = ring("x,y", QQ)
    >>> content, factors = factor_list(2 * x**2 - 2 * y**2)
    >>> content, sorted(str(g) for g, _ in factors)
    (2, ['x + y', 'x - y'])
    """
    if poly and not poly.is_ground and all(sum(monomial) == 1 or not any(monomial) for monomial in poly.itermonoms()):
        return _linear_factor_list(poly)  # the usual case, and irreducible: no factoriser needed
    context = _context(poly)
    if context is None or not poly:
        return poly.factor_list()
    scale, terms = _integral(poly)
    try:
        content, pairs = context.from_dict(terms).factor()
    except (OverflowError, ValueError):  # python-flint 0.9 overflows on coefficients from 2**31
        return poly.factor_list()
    ring = poly.ring
    return QQ(int(content), scale), [(_to_ring(ring, g), int(e)) for g, e in pairs]


def _linear_factor_list(poly: PolyElement) -> tuple[Any, list[tuple[PolyElement, int]]]:
    # A non-constant linear polynomial is its content times one primitive factor with positive leading term.
    scale, terms = _integral(poly)
    divisor = math.gcd(*terms.values())
    if poly.LC < 0:
        divisor = -divisor
    factor = poly.ring.from_dict({m: QQ(c // divisor) for m, c in terms.items()})
    return QQ(divisor, scale), [(factor, 1)]


def cancel(numer: PolyElement, denom: PolyElement) -> tuple[PolyElement, PolyElement]:
    """``numer.cancel(denom)`` for polynomials over QQ: the fraction in lowest terms, in sympy's normal form.

    The steps are sympy's (clear denominators, the integer gcd, scale back, a
    positive leading coefficient below) with the gcd computed by python-flint.

    Examples
    --------
    >>> from sympy.polys.domains import QQ
    >>> from sympy.polys.rings import ring
    >>> _, x, y = ring("x,y", QQ)
    >>> cancel(2 * x**2 - 2 * y**2, -4 * x + 4 * y)
    (-x - y, 2)
    """
    if not denom:
        raise ZeroDivisionError("polynomial division by zero")
    context = _context(numer)
    if context is None or not numer:
        return numer.cancel(denom)
    numer_scale, numer_terms = _integral(numer)
    denom_scale, denom_terms = _integral(denom)
    f, g = context.from_dict(numer_terms), context.from_dict(denom_terms)
    h = f.gcd(g)
    # numer / denom == (f / h) * denom_scale / ((g / h) * numer_scale), with the integer factors reduced.
    common = math.gcd(numer_scale, denom_scale)
    p_factor, q_factor = denom_scale // common, numer_scale // common
    if h.is_one():
        # Nothing cancels (the usual case): rescale sympy's polynomials instead of converting back.
        if g.leading_coefficient() < 0:
            p_factor, q_factor = -p_factor, -q_factor
        return _rescaled(numer, QQ(numer_scale * p_factor)), _rescaled(denom, QQ(denom_scale * q_factor))
    p, q = f / h, g / h
    if q.leading_coefficient() < 0:
        p_factor, q_factor = -p_factor, -q_factor
    return _to_ring(numer.ring, p, p_factor), _to_ring(numer.ring, q, q_factor)


def _rescaled(poly: PolyElement, factor: Any) -> PolyElement:
    return poly if factor == 1 else poly.mul_ground(factor)


def fraction_from_expr(field: Any, expr: sympy.Expr) -> FracElement:
    """``field.from_expr(expr)``, quicker for sums, products and integer powers of parameters and rationals.

    Those are combined as numerator and denominator polynomials with a single
    gcd at the end, in :func:`cancel`'s normal form (denominator with positive
    leading coefficient, which sympy's own conversion of ``1/(c - R)`` does not
    guarantee); anything else is left to sympy (which raises on what is not a
    rational function of the field's generators). A zero denominator raises
    ``ZeroDivisionError``, as sympy does.

    Examples
    --------
    >>> import sympy
    >>> from sympy.polys.domains import QQ
    >>> from sympy.polys.fields import field
    >>> F, R, c = field("R,c", QQ)
    >>> R_, c_ = sympy.symbols("R c")
    >>> expr = -c_ / 2 - R_ / 2 + R_**2 / (R_ + c_)
    >>> fraction_from_expr(F, expr)
    (R**2 - 2*R*c - c**2)/(2*R + 2*c)
    >>> fraction_from_expr(F, 1 / (c_ - R_))
    -1/(R - c)
    """
    gens = dict(zip(field.symbols, field.ring.gens, strict=True))
    pair = _fraction_terms(expr, field.ring, gens)
    if pair is None:
        return field.from_expr(expr)
    return field.raw_new(*cancel(*pair))


def _fraction_terms(expr: Any, ring: Any, gens: dict[Any, PolyElement]) -> tuple[PolyElement, PolyElement] | None:
    if expr.is_Rational:
        return ring.ground_new(QQ(int(expr.p), int(expr.q))), ring.one
    if expr.is_Symbol:
        gen = gens.get(expr)
        return None if gen is None else (gen, ring.one)
    if expr.is_Add or expr.is_Mul:
        parts = [_fraction_terms(arg, ring, gens) for arg in expr.args]
        if any(part is None for part in parts):
            return None
        numer, denom = parts[0]  # type: ignore[misc]
        for n, d in parts[1:]:  # type: ignore[misc]
            if expr.is_Mul:
                numer, denom = numer * n, denom * d
            elif denom == d:
                numer = numer + n
            else:
                numer, denom = numer * d + n * denom, denom * d
        return numer, denom
    if expr.is_Pow and expr.exp.is_Integer:
        base = _fraction_terms(expr.base, ring, gens)
        if base is None:
            return None
        exponent = int(expr.exp)
        if exponent < 0 and not base[0]:
            raise ZeroDivisionError(f"{expr.base} is zero and is raised to a negative power")
        numer, denom = base if exponent >= 0 else base[::-1]
        return numer ** abs(exponent), denom ** abs(exponent)
    return None
