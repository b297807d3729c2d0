"""The exceptions that :mod:`gametheory` raises.

Every error raised on bad input derives from :class:`GameTheoryError` and
also from :class:`ValueError` or :class:`TypeError`, so callers can catch
either the library's own base class or the built-in category.

Examples
--------
>>> from gametheory import NormalFormGame
>>> from gametheory.exceptions import InvalidGameError
>>> try:
...     NormalFormGame.from_bimatrix([[1, 2]], [[1, 2], [3, 4]])
... except InvalidGameError as error:
...     print(type(error).__name__)
InvalidGameError
"""

from __future__ import annotations

__all__ = [
    "ContinuumWarning",
    "EquilibriumSelectionError",
    "ExpressionError",
    "GameTheoryError",
    "GameTheoryWarning",
    "InvalidArgumentError",
    "InvalidGameError",
    "InvalidPayoffError",
    "InvalidProfileError",
    "ParameterError",
    "ParseError",
    "ResourceLimitError",
    "SolverError",
    "UnprovedClaimWarning",
    "UnsupportedGameError",
]


class GameTheoryError(Exception):
    """Base class of every exception raised by :mod:`gametheory`."""


class InvalidArgumentError(GameTheoryError, ValueError, TypeError):
    """An option has the wrong type or value (``tol=-1``, ``rng="seed"``, ...).

    It is both a :class:`ValueError` and a :class:`TypeError`, so callers
    may catch whichever category they expect.
    """


class InvalidGameError(GameTheoryError, ValueError):
    """A game cannot be built: wrong shape, empty strategy set, bad labels."""


class InvalidPayoffError(InvalidGameError):
    """A payoff is NaN, infinite, or of a type that is not a number."""


class InvalidProfileError(GameTheoryError, ValueError):
    """A strategy profile does not fit the game or is not a distribution."""


class ParameterError(GameTheoryError, ValueError):
    """A parameter is unknown, missing, or given a value that is not a number."""


class ExpressionError(GameTheoryError, ValueError):
    """A payoff expression string is malformed or uses a forbidden construct."""


class UnsupportedGameError(GameTheoryError, ValueError):
    """A solver was given a game outside the class it handles.

    For example a two-player solver given three players, or a solver that
    needs numeric payoffs given a parametric game.
    """


class ParseError(GameTheoryError, ValueError):
    """A game file is malformed.

    Parameters
    ----------
    message : str
        What is wrong.
    line, column : int, optional
        One-based position of the problem in the text, when known.
    """

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        where = ""
        if line is not None:
            where = f"line {line}" + (f", column {column}" if column is not None else "") + ": "
        super().__init__(where + message)


class SolverError(GameTheoryError, RuntimeError):
    """A solver failed to produce an answer (for example, it did not converge)."""


class ResourceLimitError(SolverError):
    """A computation stopped before exceeding its time limit or the memory it may use.

    Raised past a solver's ``time_limit=`` (seconds), and before an
    allocation estimated beyond the memory budget (half of the memory
    available to the process), with the estimate in the message. It is a
    :class:`SolverError`, hence a :class:`RuntimeError`: the input is valid,
    the work is too large. Ask for less (a smaller game, grid or horizon) or
    allow more time.
    """


class EquilibriumSelectionError(GameTheoryError, ValueError):
    """Several equilibria with different outcomes hold and no selection rule was given."""


class GameTheoryWarning(UserWarning):
    """Base class of the warnings issued by :mod:`gametheory`."""


class ContinuumWarning(GameTheoryWarning):
    """Some support's indifference conditions have a continuum of solutions that could not be reduced to points.

    The equilibria returned are still equilibria, but equilibria inside
    that continuum (if any lie in the simplex) are not all listed.
    """


class UnprovedClaimWarning(GameTheoryWarning):
    """A claim about every equilibrium could not be decided exactly and was only checked at random points.

    :func:`gametheory.testing.assert_in_every_equilibrium` then returns
    ``"sampled"``: passing samples is evidence, not a proof. Turn it into an
    error with ``warnings.simplefilter("error", UnprovedClaimWarning)``.
    """
