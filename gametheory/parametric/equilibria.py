"""Every equilibrium of a two-player parametric game, as formulas with their regions.

The branches are derived by symbolic vertex enumeration (see
``gametheory.parametric.derivation`` for the method); this module turns
them into readable sympy formulas and conditions, factored where that is
shorter.
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.polys.domains import QQ
from sympy.polys.fields import FracElement
from sympy.polys.rings import PolyElement

from gametheory._internal.caches import cached
from gametheory._internal.limits import check_time, time_limit_scope
from gametheory.exceptions import InvalidArgumentError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric._polys import factor_list
from gametheory.parametric.conditions import to_sympy
from gametheory.parametric.derivation import Derivation, DerivedBranch, derive
from gametheory.parametric.regions import full_dimensional
from gametheory.parametric.results import Branch

__all__ = ["KEEP", "parametric_equilibria"]

#: The values of ``keep=`` in :func:`parametric_equilibria` (as in ``subgame_perfect_regimes``).
KEEP = ("all", "full-dimensional")


def parametric_equilibria(
    game: NormalFormGame, *, assume: Any = None, keep: str = "all", time_limit: float | None = None
) -> tuple[Branch, ...]:
    """Every equilibrium branch of a two-player parametric game.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game whose payoffs may contain sympy symbols.
    assume : optional
        Assumptions on the parameters, used to simplify the conditions:
        a sympy relation or conjunction (``(R > 0) & (c > 0)``), an
        iterable of relations, or a mapping ``{parameter: (low, high)}`` of
        closed intervals (``None`` = unbounded). Assumptions that the
        symbols carry (``positive=True``) are always used.
    keep : {"all", "full-dimensional"}
        ``"all"`` (the default) keeps every branch, also those that hold
        only on a set of measure zero (a tie such as ``Eq(R, c)``);
        ``"full-dimensional"`` keeps only the branches whose region has
        positive volume within the assumptions, as
        :func:`~gametheory.parametric.regions.full_dimensional` does.
    time_limit : float, optional
        Seconds after which to stop with :class:`~gametheory.exceptions.ResourceLimitError`;
        the default is no limit. Nothing of an interrupted derivation is cached.

    Returns
    -------
    tuple of Branch
        Ordered by support size, then support. At every parameter value
        (within the assumptions), the branches whose conditions hold give
        exactly the extreme Nash equilibria of the substituted game.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players.
    ParameterError
        If ``assume`` names an unknown parameter or is malformed.
    InvalidArgumentError
        If ``keep`` is not one of ``"all"``, ``"full-dimensional"``.
    ResourceLimitError
        Past ``time_limit``.

    Notes
    -----
    The work grows with the number of support pairs, so this is meant for
    small games: with two parameters a 2x2 takes a few milliseconds, a 3x3
    up to a tenth of a second, a 4x4 a few seconds. Payoffs must be
    rational functions of the parameters (built with ``+ - * /`` and integer
    powers).

    Examples
    --------
    The strike-or-restrain dilemma with positive parameters:

    >>> import sympy
    >>> from gametheory.games.normal_form import NormalFormGame
    >>> R, b, c, d, k, l = sympy.symbols("R b c d k l", positive=True)
    >>> game = NormalFormGame.from_bimatrix(
    ...     [[-d - c, -c], [-d - R, 0]], [[b - k + l, 0], [b, 0]],
    ...     players=("US", "Militia"),
    ...     strategies=(("Strike", "Restrain"), ("Attack", "Hold")),
    ... )
    >>> for branch in parametric_equilibria(game):
    ...     print(branch.label, "|", branch.when)
    US: Strike; Militia: Attack | R >= c and b + l >= k
    US: Restrain; Militia: Attack | R <= c
    US: Strike; Militia mixes Attack/Hold | R > c and b + l = k
    US mixes Strike/Restrain; Militia: Attack | R = c and b + l < k
    US mixes Strike/Restrain; Militia mixes Attack/Hold | R > c and b + l < k
    >>> parametric_equilibria(game)[-1].profile[1]
    (c/R, (R - c)/R)

    Without the branches that hold only on ties:

    >>> for branch in parametric_equilibria(game, keep="full-dimensional"):
    ...     print(branch.label)
    US: Strike; Militia: Attack
    US: Restrain; Militia: Attack
    US mixes Strike/Restrain; Militia mixes Attack/Hold
    """
    if keep not in KEEP:
        raise InvalidArgumentError(f"keep must be one of {', '.join(map(repr, KEEP))}, not {keep!r}")
    with time_limit_scope(time_limit, "parametric_equilibria"):
        # Without assumptions the branches are cached with the derivation, as games are immutable.
        branches = _branches(derive(game)) if assume is None else _to_branches(derive(game, assume=assume))
    return full_dimensional(branches) if keep == "full-dimensional" else branches


@cached(maxsize=16)
def _branches(derivation: Derivation) -> tuple[Branch, ...]:
    return _to_branches(derivation)


def _to_branches(derivation: Derivation) -> tuple[Branch, ...]:
    return tuple(_branch(derivation, derived) for derived in derivation.branches)


def _branch(derivation: Derivation, derived: DerivedBranch) -> Branch:
    check_time()
    return Branch(
        support=derived.support,
        profile=tuple(tuple(_tidy(p) for p in player) for player in derived.profile),
        payoffs=tuple(_tidy(v) for v in derived.payoffs),
        conditions=to_sympy(derived.condition),
        label=derived.label,
        players=derivation.game.players,
        strategies=derivation.game.strategies,
        parameters=derivation.game.parameters,
        assumptions=derivation.assumptions.boolean,
        condition=derived.condition,
    )


@cached(maxsize=4096)
def _tidy(element: FracElement) -> sympy.Expr:
    """A readable sympy form: factored when that is shorter (``-c*(R + d)/R``)."""
    return _tidy_poly(element.numer) / _tidy_poly(element.denom)


def _tidy_poly(poly: PolyElement) -> sympy.Expr:
    if not poly:
        return sympy.Integer(0)
    coefficient, factors = factor_list(poly)
    if len(factors) <= 1 and all(m == 1 for _, m in factors):
        return poly.as_expr()
    return sympy.Mul(sympy.sympify(QQ.to_sympy(coefficient)), *(g.as_expr() ** m for g, m in factors))
