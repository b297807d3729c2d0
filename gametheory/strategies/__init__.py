"""Hypothesis strategies that generate games, profiles and parameter values.

Use them to property-test your own payoff models and analyses. This module
imports :mod:`hypothesis`, so ``import gametheory`` never imports it; import
``gametheory.strategies`` explicitly in your tests. Once the package is
installed, ``hypothesis.strategies.from_type(NormalFormGame)`` works too,
through Hypothesis's entry point.

Every strategy validates its keyword-only arguments when it is defined (bad
arguments raise :class:`hypothesis.errors.InvalidArgument` at once, not at
draw time) and shrinks towards small, simple games: few strategies, payoffs
near zero, pure profiles.

Examples
--------
>>> from hypothesis import find
>>> from gametheory.strategies import bimatrix_games
>>> find(bimatrix_games(), lambda game: True).shape
(1, 1)
"""

# ruff: noqa: E402  (the entry-point hook below must be defined before hypothesis is imported)
from __future__ import annotations


def _register_strategies() -> None:
    """Hypothesis entry point: register default strategies for the library's types.

    Defined before anything else in this module and importing lazily: Hypothesis
    calls it while it is itself being imported, possibly from this module's own
    ``import hypothesis`` line below, when the strategies are not defined yet.
    """
    from hypothesis import strategies as hypothesis_strategies

    from gametheory.games.extensive_form import ExtensiveFormGame as Tree
    from gametheory.games.normal_form import NormalFormGame as Game

    hypothesis_strategies.register_type_strategy(Game, lambda _: normal_form_games())
    hypothesis_strategies.register_type_strategy(Tree, lambda _: game_trees())


from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gametheory.games.normal_form import NormalFormGame
from gametheory.strategies import _draws as draws
from gametheory.strategies._validation import (
    DEFAULT_STRATEGIES,
    check_bound,
    check_bounds,
    check_exact,
    check_int,
    check_parameters,
    count_range,
    game_shape,
    numbers,
    parameters_of,
    payoff_elements,
    tree_options,
)

__all__ = [
    "bimatrix_games",
    "degenerate_games",
    "game_trees",
    "mixed_profiles",
    "normal_form_games",
    "parameter_values",
    "parametric_games",
]


def normal_form_games(
    *,
    num_players: int | tuple[int, int] = 2,
    num_strategies: int | tuple[int, int] = DEFAULT_STRATEGIES,
    payoffs: st.SearchStrategy | None = None,
    exact: bool = True,
    min_payoff: int | Fraction = -10,
    max_payoff: int | Fraction = 10,
) -> st.SearchStrategy[NormalFormGame]:
    """Numeric N-player games in normal form.

    Parameters
    ----------
    num_players : int or (int, int), default 2
        Number of players, or a closed range to draw it from (2 to 6).
    num_strategies : int or (int, int), default (1, 3)
        Number of pure strategies of each player, or a closed range from
        which each player's count is drawn independently (1 to 64). The
        whole payoff tensor is capped at 4096 cells.
    payoffs : SearchStrategy, optional
        Strategy for each payoff entry. By default integers (exact) or
        floats in ``[min_payoff, max_payoff]``.
    exact : bool, default True
        Whether the games hold exact rational payoffs (``game.is_exact``)
        or ``float64`` payoffs. With a custom ``payoffs`` strategy, exact
        games need int or Fraction draws; float games convert draws to float.
    min_payoff, max_payoff : int or Fraction, default -10 and 10
        Bounds of the default payoff strategy.

    Returns
    -------
    SearchStrategy of NormalFormGame

    Raises
    ------
    hypothesis.errors.InvalidArgument
        When an argument is out of range or of the wrong type.

    Examples
    --------
    >>> from hypothesis import find
    >>> game = find(normal_form_games(num_players=3, num_strategies=2), lambda g: True)
    >>> game.shape, game.is_exact
    ((2, 2, 2), True)
    """
    players_range, strategies_range = game_shape(num_players, num_strategies)
    exact = check_exact(exact)
    return draws.games(players_range, strategies_range, payoff_elements(payoffs, exact, min_payoff, max_payoff), exact)


def bimatrix_games(
    *,
    num_strategies: int | tuple[int, int] = DEFAULT_STRATEGIES,
    payoffs: st.SearchStrategy | None = None,
    exact: bool = True,
    min_payoff: int | Fraction = -10,
    max_payoff: int | Fraction = 10,
) -> st.SearchStrategy[NormalFormGame]:
    """Two-player games (``m x n`` bimatrix games).

    The arguments are those of :func:`normal_form_games` with two players.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(bimatrix_games(num_strategies=(2, 3), exact=False), lambda g: True).shape
    (2, 2)
    """
    return normal_form_games(
        num_players=2,
        num_strategies=num_strategies,
        payoffs=payoffs,
        exact=exact,
        min_payoff=min_payoff,
        max_payoff=max_payoff,
    )


def degenerate_games(
    *,
    num_strategies: int | tuple[int, int] = (2, 3),
    exact: bool = True,
    min_payoff: int | Fraction = -10,
    max_payoff: int | Fraction = 10,
) -> st.SearchStrategy[NormalFormGame]:
    """Two-player games that are certainly degenerate.

    A bimatrix game is nondegenerate when no mixed strategy with support of
    size ``k`` has more than ``k`` pure best responses (von Stengel 2002).
    Every game drawn here has a pure strategy of one player against which
    the other player has at least two pure best responses: a tie at the
    maximum of a column of the row player's matrix, or of a row of the
    column player's matrix. On top of that some draws duplicate a strategy
    or make a player's payoffs constant, which are the other classic
    sources of degeneracy.

    Parameters
    ----------
    num_strategies : int or (int, int), default (2, 3)
        Number of pure strategies of each player (at least 2).
    exact, min_payoff, max_payoff
        As for :func:`normal_form_games`.

    Examples
    --------
    >>> from hypothesis import find
    >>> game = find(degenerate_games(), lambda g: True)
    >>> game.shape
    (2, 2)
    """
    strategies_range = count_range(num_strategies, "num_strategies", low=2, high=64)
    exact = check_exact(exact)
    return draws.degenerate(strategies_range, numbers(*check_bounds(min_payoff, max_payoff), exact=exact), exact)


# ---------------------------------------------------------------------- profiles
def mixed_profiles(game: NormalFormGame, *, max_weight: int = 10) -> st.SearchStrategy[tuple[np.ndarray, ...]]:
    """Mixed-strategy profiles of ``game``, validated by :meth:`NormalFormGame.profile`.

    Each player's strategy is drawn as integer weights in ``[0, max_weight]``
    and normalised, so exact games get exact Fraction probabilities and float
    games get ``float64`` ones. Profiles shrink towards every player playing
    their first strategy.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game.
    max_weight : int, default 10
        Largest weight; larger values give finer probabilities.

    Examples
    --------
    >>> from hypothesis import find
    >>> game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> find(mixed_profiles(game), lambda p: True)
    (array([Fraction(1, 1), Fraction(0, 1)], dtype=object), array([Fraction(1, 1), Fraction(0, 1)], dtype=object))
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidArgument(f"mixed_profiles needs a NormalFormGame, not {type(game).__name__}")
    if game.is_parametric:
        raise InvalidArgument("mixed_profiles needs a numeric game; substitute values for its parameters first")
    return draws.profiles(game, check_int(max_weight, "max_weight", low=1))


# ---------------------------------------------------------------------- parametric games
def parametric_games(
    *,
    parameters: Sequence[str | sympy.Symbol] = ("x", "y"),
    num_players: int | tuple[int, int] = 2,
    num_strategies: int | tuple[int, int] = (2, 2),
    max_coefficient: int = 3,
    max_constant: int = 5,
) -> st.SearchStrategy[NormalFormGame]:
    """Parametric games whose payoffs are linear in the given parameters.

    Each payoff is ``constant + sum(coefficient * parameter)`` with small
    integer coefficients; every parameter appears somewhere, so
    ``game.parameters`` are exactly the given ones (sorted by name). Games
    shrink towards a single parameter occurrence on a zero background.

    Parameters
    ----------
    parameters : sequence of str or sympy.Symbol, default ("x", "y")
        Names (made into symbols by :func:`gametheory.parameter`) or
        symbols, possibly with assumptions such as ``positive=True``.
    num_players, num_strategies
        As for :func:`normal_form_games`.
    max_coefficient, max_constant : int, default 3 and 5
        Bounds on the absolute values of the coefficients and constants.

    Examples
    --------
    >>> from hypothesis import find
    >>> game = find(parametric_games(parameters=("R", "c")), lambda g: True)
    >>> game.parameters, game.shape
    ((R, c), (2, 2))
    """
    symbols = check_parameters(parameters)
    players_range = count_range(num_players, "num_players", low=2, high=4)
    strategies_range = count_range(num_strategies, "num_strategies", low=1, high=6)
    max_coefficient = check_int(max_coefficient, "max_coefficient", low=1)
    max_constant = check_int(max_constant, "max_constant", low=0)
    return draws.parametric(symbols, players_range, strategies_range, max_coefficient, max_constant)


def parameter_values(
    game: Any,
    *,
    min_value: int | Fraction = -10,
    max_value: int | Fraction = 10,
    exact: bool = True,
) -> st.SearchStrategy[dict[sympy.Symbol, Any]]:
    """Values for every parameter of a parametric game or tree.

    Draws a mapping from each symbol in ``game.parameters`` to a number in
    ``[min_value, max_value]``, ready for ``game.substitute``. Assumptions on
    the symbols are respected: positive symbols get values above zero,
    nonnegative ones values of at least zero. Exact values are Fractions with
    small denominators; they shrink towards zero and small integers, which
    are often the degenerate boundary cases.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        Anything with a ``parameters`` tuple of sympy symbols.
    min_value, max_value : int or Fraction, default -10 and 10
    exact : bool, default True
        Fractions (exact substituted games) or floats.

    Examples
    --------
    >>> from hypothesis import find
    >>> game = NormalFormGame.from_bimatrix([["-c", 0]], [["b", 0]])
    >>> find(parameter_values(game, min_value=1), lambda v: True)
    {b: Fraction(1, 1), c: Fraction(1, 1)}
    """
    symbols = parameters_of(game)
    lo, hi = check_bound(min_value, "min_value"), check_bound(max_value, "max_value")
    exact = check_exact(exact)
    return draws.parameter_values(symbols, lo, hi, exact)


# ---------------------------------------------------------------------- trees
def game_trees(
    *,
    num_players: int = 2,
    max_depth: int = 3,
    max_actions: int = 3,
    exact: bool = True,
    min_payoff: int | Fraction = -10,
    max_payoff: int | Fraction = 10,
    allow_chance: bool = True,
    max_infoset_size: int = 2,
    allow_imperfect_recall: bool = False,
    parameters: Sequence[str | sympy.Symbol] = (),
    max_coefficient: int = 2,
) -> st.SearchStrategy[Any]:
    """Game trees (:class:`~gametheory.games.extensive_form.ExtensiveFormGame`) with chance and information sets.

    Each inner node is a decision node of a player drawn at random (players
    are named ``"Player 1"``, ...; actions ``"a1"``, ``"a2"``, ...) or, if
    allowed, a chance node (branches ``"c1"``, ``"c2"``, ... with exact
    positive probabilities summing to one). Decision nodes of one player
    with the same actions may share an information set (imperfect
    information); unless imperfect recall is allowed, only nodes with the
    same own history do, so every tree has perfect recall. Leaves carry one
    payoff per player: numbers, or linear expressions in ``parameters``.
    Trees shrink towards a single decision with two actions and zero
    payoffs, towards decision rather than chance nodes, equal chance
    probabilities and singleton information sets.

    Parameters
    ----------
    num_players : int, default 2
        Number of players (1 to 4; one player makes a decision tree).
    max_depth : int, default 3
        Largest number of moves on a path, chance moves included (1 to 6).
    max_actions : int, default 3
        Largest number of actions (or chance branches) at a node (2 to 5).
    exact, min_payoff, max_payoff
        As for :func:`normal_form_games`; they apply to the payoffs (and to
        the constants of symbolic payoffs). Float trees get float chance
        probabilities.
    allow_chance : bool, default True
        Whether chance nodes may be drawn.
    max_infoset_size : int, default 2
        Largest number of nodes in an information set (1 to 4); 1 gives
        perfect-information trees.
    allow_imperfect_recall : bool, default False
        Whether nodes with different own histories (or on one path) may
        share an information set. Needs ``max_infoset_size >= 2``.
    parameters : sequence of str or sympy.Symbol, default ()
        Parameters of symbolic payoffs: each payoff is ``constant + sum(
        coefficient * parameter)`` and every parameter appears somewhere,
        so ``tree.parameters`` are exactly these (sorted by name). Needs
        ``exact=True``.
    max_coefficient : int, default 2
        Largest absolute coefficient of a parameter.

    Returns
    -------
    SearchStrategy of ExtensiveFormGame

    Raises
    ------
    hypothesis.errors.InvalidArgument
        When an argument is out of range, of the wrong type, or the
        arguments contradict each other.

    Examples
    --------
    >>> from hypothesis import find
    >>> tree = find(game_trees(), lambda t: True)
    >>> print(tree)
    Player 1
      a1 -> (0, 0)
      a2 -> (0, 0)
    >>> from gametheory.games.tree_nodes import ChanceNode
    >>> print(find(game_trees(), lambda t: isinstance(t.root, ChanceNode)))
    Chance
      c1 (1/2) -> (0, 0)
      c2 (1/2) -> (0, 0)
    >>> find(game_trees(parameters=("x",), max_depth=1), lambda t: True).parameters
    (x,)
    """
    options = tree_options(
        num_players=num_players,
        max_depth=max_depth,
        max_actions=max_actions,
        exact=exact,
        min_payoff=min_payoff,
        max_payoff=max_payoff,
        allow_chance=allow_chance,
        max_infoset_size=max_infoset_size,
        allow_imperfect_recall=allow_imperfect_recall,
        parameters=parameters,
        max_coefficient=max_coefficient,
    )
    return draws.trees(options)
