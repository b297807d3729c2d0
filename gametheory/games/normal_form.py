"""Normal-form (strategic-form) games with N players.

A :class:`NormalFormGame` is an immutable value: a payoff tensor of shape
``(n_1, ..., n_N, N)`` together with player names and strategy labels.
Entry ``payoffs[s_1, ..., s_N, i]`` is player ``i``'s payoff when each
player ``j`` plays pure strategy ``s_j``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from gametheory._internal import tolerance as _tolerance
from gametheory._internal.parameters import free_parameters, substitution
from gametheory.exceptions import (
    InvalidGameError,
    InvalidPayoffError,
    InvalidProfileError,
    ParameterError,
)
from gametheory.games import _profiles
from gametheory.games._display import html_tables, text_tables
from gametheory.games._immutable import Immutable
from gametheory.games._labels import player_names, strategy_labels
from gametheory.games._numbers import KIND_LABELS, Kind, coerce_array, exact_floats

__all__ = ["NormalFormGame"]


class NormalFormGame(Immutable):
    """An immutable N-player game in normal form.

    Parameters
    ----------
    payoffs : array_like
        Payoff tensor of shape ``(n_1, ..., n_N, N)``. Entries that are all
        int, :class:`~fractions.Fraction` or sympy ``Rational`` make an exact
        game; any float makes a float game; any sympy symbol, or a string
        such as ``"-d - R"`` (parsed safely), makes a parametric game.
    players : sequence of str, optional
        Player names. Defaults to ``"Player 1"``, ``"Player 2"``, ...
    strategies : sequence of sequence of str, optional
        One tuple of strategy labels per player. Defaults to ``"s1"``,
        ``"s2"``, ... for every player.

    Raises
    ------
    InvalidGameError
        On a wrong shape, fewer than two players, an empty strategy set, or
        duplicate or mismatched labels.
    InvalidPayoffError
        On NaN, infinite, boolean or non-numeric payoffs.

    Examples
    --------
    >>> game = NormalFormGame.from_bimatrix(
    ...     [[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     players=("Row", "Column"),
    ...     strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")),
    ... )
    >>> game.shape
    (2, 2)
    >>> game.is_exact
    True
    >>> print(game)
    Row \\ Column  Cooperate  Defect
    Cooperate     3, 3       0, 5
    Defect        5, 0       1, 1
    """

    __slots__ = ("_kind", "_parameters", "_payoffs", "_players", "_strategies")

    def __init__(
        self,
        payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> None:
        array, kind = coerce_array(payoffs)
        if array.ndim < 3:
            raise InvalidGameError(
                f"payoffs must have shape (n_1, ..., n_N, N) with N >= 2 players; got shape {array.shape}"
            )
        num_players = array.ndim - 1
        if array.shape[-1] != num_players:
            raise InvalidGameError(
                f"payoffs of shape {array.shape} describe {num_players} players, "
                f"so the last axis must have length {num_players}, not {array.shape[-1]}"
            )
        if 0 in array.shape:
            raise InvalidGameError(f"every player needs at least one strategy; got shape {array.shape}")
        self._payoffs = array
        self._kind = kind
        self._players = player_names(players, num_players)
        self._strategies = strategy_labels(strategies, array.shape[:-1], self._players)
        self._parameters = free_parameters(array.flat) if kind is Kind.SYMBOLIC else ()
        self._hash = None

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_bimatrix(
        cls,
        row_payoffs: Any,
        column_payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> NormalFormGame:
        """Build a two-player game from the row and column players' matrices.

        Parameters
        ----------
        row_payoffs, column_payoffs : array_like
            ``m x n`` matrices: entry ``[i, j]`` is the payoff when the row
            player plays ``i`` and the column player plays ``j``.
        players, strategies
            As for :class:`NormalFormGame`.

        Examples
        --------
        >>> NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]).shape
        (2, 2)
        """
        a, _ = coerce_array(row_payoffs, what="row player's payoffs")
        b, _ = coerce_array(column_payoffs, what="column player's payoffs")
        if a.ndim != 2 or b.ndim != 2:
            raise InvalidGameError(f"bimatrix payoffs must be two matrices; got shapes {a.shape} and {b.shape}")
        if a.shape != b.shape:
            raise InvalidGameError(f"the two payoff matrices differ in shape: {a.shape} and {b.shape}")
        stacked = np.empty((*a.shape, 2), dtype=object)
        stacked[..., 0] = a
        stacked[..., 1] = b
        if a.dtype.kind == "f" and b.dtype.kind == "f":
            stacked = stacked.astype(np.float64)
        return cls(stacked, players=players, strategies=strategies)

    @classmethod
    def zero_sum(
        cls,
        row_payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> NormalFormGame:
        """Build the two-player zero-sum game in which the column player gets ``-A``.

        Examples
        --------
        >>> game = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
        >>> game.payoffs[0, 1].tolist()
        [Fraction(-1, 1), Fraction(1, 1)]
        """
        a, _ = coerce_array(row_payoffs, what="row player's payoffs")
        if a.ndim != 2:
            raise InvalidGameError(f"a zero-sum game needs one payoff matrix; got shape {a.shape}")
        return cls.from_bimatrix(a, -a, players=players, strategies=strategies)

    # ------------------------------------------------------------------ attributes
    @property
    def payoffs(self) -> np.ndarray:
        """Read-only payoff tensor of shape ``(n_1, ..., n_N, N)``."""
        return self._payoffs

    @property
    def num_players(self) -> int:
        """Number of players."""
        return self._payoffs.ndim - 1

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of pure strategies of each player."""
        return tuple(self._payoffs.shape[:-1])

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy labels, one tuple per player."""
        return self._strategies

    @property
    def is_exact(self) -> bool:
        """True when every payoff is a rational number held exactly."""
        return self._kind is Kind.EXACT

    @property
    def is_parametric(self) -> bool:
        """True when some payoff is a sympy expression in free parameters."""
        return self._kind is Kind.SYMBOLIC

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free parameters (sympy symbols) of a parametric game, sorted by name."""
        return self._parameters

    def payoff_tensor(self, player: int) -> np.ndarray:
        """Player ``player``'s payoffs, an array of shape ``(n_1, ..., n_N)``.

        Examples
        --------
        >>> game = NormalFormGame.from_bimatrix([[1, 2]], [[3, 4]])
        >>> game.payoff_tensor(1).tolist()
        [[Fraction(3, 1), Fraction(4, 1)]]
        """
        self._check_player(player)
        return self._payoffs[..., player]

    def float_payoffs(self) -> np.ndarray:
        """The payoff tensor as ``float64`` (numeric games only).

        Examples
        --------
        >>> NormalFormGame.from_bimatrix([[1, 2]], [[3, 4]]).float_payoffs()[0, 1]
        array([2., 4.])

        Raises
        ------
        ParameterError
            If the game is parametric.
        UnsupportedGameError
            If an exact payoff is beyond the float range (such as ``10**400``;
            the exact solvers still solve such games).
        """
        self._require_numeric("float payoffs")
        if self._kind is Kind.FLOAT:
            return self._payoffs
        out = np.array(exact_floats(self._payoffs.flat), dtype=np.float64).reshape(self._payoffs.shape)
        out.flags.writeable = False
        return out

    # ------------------------------------------------------------------ profiles
    # Defined in gametheory.games._profiles, beside the validation of profiles.
    profile = _profiles.profile
    deviation_payoffs = _profiles.deviation_payoffs
    expected_payoffs = _profiles.expected_payoffs
    best_responses = _profiles.best_responses

    def default_tolerance(self) -> float:
        """The largest of :meth:`player_tolerances` (``1e-9`` times a player's payoff spread).

        Float decisions use each player's own tolerance; this single number
        bounds them all (it is what a record's ``tolerance`` reports).

        Examples
        --------
        >>> tolerance = NormalFormGame.from_bimatrix([[1000.0, 0.0]], [[0.0, 1.0]]).default_tolerance()
        >>> f"{tolerance:.0e}"
        '1e-06'
        """
        return max(self.player_tolerances(), default=0.0)

    def player_tolerances(self) -> tuple[float, ...]:
        """Each player's float tolerance: ``1e-9`` times the spread of that player's payoffs.

        The spread is the player's largest payoff minus its smallest (taken
        as at least ``1e-4`` times its largest absolute payoff, so that
        round-off stays far below the tolerance). Every float decision about
        player ``i`` (best responses, regret, pure equilibria, supports of
        enumerated equilibria) treats payoffs of ``i`` within this amount as
        equal, so one player's large payoffs never hide another player's
        incentives, and multiplying a player's payoffs by a positive number
        or adding a constant to them changes no decision. A player whose
        payoffs are all equal has tolerance 0: they tie exactly.

        Examples
        --------
        >>> game = NormalFormGame.from_bimatrix([[1e6, 0], [0, 1e6]], [[0, 1e-3], [1e-3, 0]])
        >>> [f"{t:.0e}" for t in game.player_tolerances()]
        ['1e-03', '1e-12']
        """
        self._require_numeric("a numeric tolerance")
        return _tolerance.tolerances(self.float_payoffs())

    # ------------------------------------------------------------------ parameters
    def substitute(self, values: Mapping[Any, Any]) -> NormalFormGame:
        """Replace every parameter by a number and return a numeric game.

        Parameters
        ----------
        values : mapping
            From a parameter (a sympy Symbol or its name) to a number. Ints,
            Fractions and sympy Rationals keep the game exact; floats make a
            float game.

        Raises
        ------
        ParameterError
            If a key is not a parameter of the game, a parameter is missing,
            or a value is not a finite real number.

        Examples
        --------
        >>> game = NormalFormGame.from_bimatrix([["-c", 0]], [["b", 0]])
        >>> from fractions import Fraction
        >>> game.substitute({"c": 2, "b": Fraction(1, 3)}).payoffs[0, 0].tolist()
        [Fraction(-2, 1), Fraction(1, 3)]
        """
        mapping = substitution(self._parameters, values, require_all=True)
        return self._replace_payoffs(mapping)

    def fix_parameters(self, values: Mapping[Any, Any]) -> NormalFormGame:
        """Replace some parameters by numbers; the game may stay parametric.

        Examples
        --------
        >>> game = NormalFormGame.from_bimatrix([["-c", "R"]], [["b", 0]])
        >>> game.fix_parameters({"c": 1}).parameters
        (R, b)
        """
        return self._replace_payoffs(substitution(self._parameters, values, require_all=False))

    def _replace_payoffs(self, mapping: dict[sympy.Symbol, Any]) -> NormalFormGame:
        if not mapping:
            return self
        flat = [expr.xreplace(mapping) for expr in self._payoffs.flat]
        array = np.empty(self._payoffs.shape, dtype=object)
        array.flat[:] = flat
        try:
            return NormalFormGame(array, players=self._players, strategies=self._strategies)
        except InvalidPayoffError as error:
            raise ParameterError(f"these parameter values make a payoff undefined: {error}") from None

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self._players == other._players
            and self._strategies == other._strategies
            and self._kind is other._kind
            and self._payoffs.shape == other._payoffs.shape
            and bool(np.all(self._payoffs == other._payoffs))
        )

    def __hash__(self) -> int:
        return self._cached_hash(
            lambda: hash((self._players, self._strategies, self._payoffs.shape, tuple(self._payoffs.flat)))
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._payoffs, self._players, self._strategies))

    def __repr__(self) -> str:
        size = "x".join(str(n) for n in self.shape)
        names = ", ".join(self._players)
        return f"<NormalFormGame {size} {KIND_LABELS[self._kind]}, players: {names}>\n{self}"

    def __str__(self) -> str:
        return text_tables(self)

    def _repr_html_(self) -> str:
        return html_tables(self)

    # ------------------------------------------------------------------ helpers
    def _check_player(self, player: int) -> None:
        if not isinstance(player, int | np.integer) or not 0 <= player < self.num_players:
            raise InvalidProfileError(f"player index {player!r} is out of range for {self.num_players} players")

    def _require_numeric(self, what: str) -> None:
        if self._kind is Kind.SYMBOLIC:
            names = ", ".join(p.name for p in self._parameters)
            raise ParameterError(f"{what} needs numeric payoffs; substitute values for the parameters ({names}) first")


def _rebuild(payoffs: np.ndarray, players: tuple[str, ...], strategies: tuple[tuple[str, ...], ...]) -> NormalFormGame:
    return NormalFormGame(payoffs, players=players, strategies=strategies)
