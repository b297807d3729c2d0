"""Comparative statics of logit QRE predictions: exact derivatives by implicit differentiation.

:func:`~gametheory.parametric.statics.comparative_statics` differentiates
formulas; a logit QRE has none, so :func:`qre_comparative_statics`
differentiates its fixed point instead. In log-probabilities ``y`` the QRE
of a :class:`~gametheory.sensitivity.models.QREModel` solves
``H(y, theta) = 0`` (each player's probabilities sum to one, and
``y_ik - y_i0 = lam * (v_ik - v_i0)``), so on the principal branch

    ``dy/dtheta = -(dH/dy)^-1 dH/dtheta``,

where ``dH/dtheta`` comes from the payoff formulas differentiated once with
sympy and compiled to numpy (or is ``-(v_ik - v_i0)`` when ``theta`` is
``lam``). Every point of a grid is differentiated at once: one stacked
linear solve.

Unlike a mixed Nash equilibrium, where a player's own payoffs do not move
its own probabilities, a QRE shows the *own-payoff effect*: raising a
player's payoff from a strategy raises that strategy's probability.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from gametheory.exceptions import InvalidArgumentError, ParameterError
from gametheory.games.normal_form import NormalFormGame
from gametheory.sensitivity._compile import numpy_function
from gametheory.sensitivity._qre_batch import implicit_derivatives
from gametheory.sensitivity.models.qre import QREModel

__all__ = ["SIGN_TOLERANCE", "QREStatics", "qre_comparative_statics"]

#: Derivatives within this of zero have sign 0 in :attr:`QREStatics.signs`.
SIGN_TOLERANCE = 1e-10


@dataclass(frozen=True, eq=False)
class QREStatics:
    """Derivatives of a QRE model's probabilities and payoffs in one parameter, at many points.

    Returned by :func:`qre_comparative_statics`. ``shape`` is the broadcast
    shape of the values given.

    Attributes
    ----------
    model : QREModel
        The model differentiated.
    parameter : sympy.Symbol
        The parameter (a payoff parameter, or ``lam``).
    values : mapping of str to numpy.ndarray
        The values of the model's free parameters, each of shape ``shape``.
    probabilities : tuple of numpy.ndarray
        The QRE: one array per player, shape ``shape + (n_i,)``.
    payoffs : numpy.ndarray
        Each player's expected payoff, shape ``shape + (N,)``.
    derivatives : tuple of numpy.ndarray
        ``d p / d parameter``, laid out like ``probabilities``; NaN where the
        payoffs are undefined or the branch folds (``dH/dy`` singular).
    payoff_derivatives : numpy.ndarray
        ``d payoff / d parameter``, laid out like ``payoffs``.
    signs : tuple of numpy.ndarray
        The sign (-1.0, 0.0 or 1.0) of each of ``derivatives``, 0 within
        :data:`SIGN_TOLERANCE`; NaN where the derivative is.
    players : tuple of str
        The players' labels.
    strategies : tuple of tuple of str
        Each player's strategy labels.
    """

    model: QREModel
    parameter: sympy.Symbol
    values: Mapping[str, np.ndarray]
    probabilities: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    derivatives: tuple[np.ndarray, ...]
    payoff_derivatives: np.ndarray
    signs: tuple[np.ndarray, ...]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]

    def derivative(self, player: int | str, strategy: int | str) -> np.ndarray:
        """``d p / d parameter`` of one strategy's probability at every point (shape ``shape``).

        Parameters
        ----------
        player : int or str
            A player's index or label.
        strategy : int or str
            One of its strategies, by index or label.

        Returns
        -------
        numpy.ndarray

        Raises
        ------
        InvalidArgumentError
            If the player or strategy is unknown.

        Examples
        --------
        >>> from gametheory import NormalFormGame
        >>> from gametheory.sensitivity import QREModel
        >>> game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
        >>> statics = qre_comparative_statics(QREModel(game, lam=1.0), "a", at={"a": [0.0, 2.0]})
        >>> statics.derivative(0, "s1").round(4).tolist()
        [0.1122, 0.186]
        """
        i = _index(player, self.players, "player")
        k = _index(strategy, self.strategies[i], f"strategy of player {self.players[i]!r}")
        return self.derivatives[i][..., k]


def qre_comparative_statics(model: QREModel, parameter: Any, *, at: Mapping[str, Any]) -> QREStatics:
    """Derivatives of a QRE model's probabilities and payoffs with respect to ``parameter``, at points ``at``.

    The numeric counterpart of
    :func:`~gametheory.parametric.statics.comparative_statics` for
    :class:`~gametheory.sensitivity.models.QREModel`, which has no formulas
    to differentiate (``comparative_statics`` returns formulas, so it does
    not take a QRE model): the derivatives are exact up to rounding, by
    implicit differentiation of the logit fixed point on the principal
    branch (see the module's docstring), at every point at once.

    Parameters
    ----------
    model : QREModel
        The model; its fixed parameters stay fixed.
    parameter : str or sympy.Symbol
        One of ``model.parameters``: a payoff parameter, or ``lam`` when the
        model's ``lam`` is a parameter.
    at : mapping
        A value (a number or an array; arrays broadcast together) for each
        of ``model.parameters``.

    Returns
    -------
    QREStatics

    Raises
    ------
    InvalidArgumentError
        If ``model`` is not a QREModel.
    ParameterError
        If ``parameter`` is not one of the model's free parameters, or a
        value is missing, unknown, not finite or contradicts its assumptions.

    See Also
    --------
    gametheory.parametric.statics.comparative_statics : The same for a branch's formulas.

    Examples
    --------
    The inspection game: in the mixed Nash equilibrium the US's strike cost
    ``c`` moves only the militia's probabilities; in the QRE it also lowers
    the US's own probability of striking (the own-payoff effect).

    >>> from gametheory.scenarios import strike_or_restrain
    >>> from gametheory.sensitivity import QREModel
    >>> model = QREModel(strike_or_restrain(), lam=2.0).fix({"b": 1, "d": 0.5, "k": 2, "l": 1, "R": 2})
    >>> statics = qre_comparative_statics(model, "c", at={"c": [0.5, 1.0]})
    >>> statics.derivative("US", "Strike").round(4).tolist()
    [-0.244, -0.3209]
    >>> [s.tolist() for s in statics.signs[0]]
    [[-1.0, 1.0], [-1.0, 1.0]]

    With ``lam`` as a parameter, at ``lam = 0`` (uniform play) each
    probability moves by ``p * (v - mean v)``:

    >>> model = QREModel(strike_or_restrain(), lam="lam").fix({"b": 1, "d": 0.5, "k": 2, "l": 1, "R": 2, "c": 0.5})
    >>> [d.tolist() for d in qre_comparative_statics(model, "lam", at={"lam": 0}).derivatives]
    [[0.125, -0.125], [0.125, -0.125]]
    """
    if not isinstance(model, QREModel):
        raise InvalidArgumentError(f"qre_comparative_statics takes a QREModel, not {type(model).__name__}")
    name = parameter.name if isinstance(parameter, sympy.Symbol) else parameter
    symbol = next((p for p in model.parameters if p.name == name), None)
    if symbol is None:
        known = ", ".join(p.name for p in model.parameters) or "none"
        fixed = " (it is fixed)" if isinstance(name, str) and name in model.fixed else ""
        raise ParameterError(f"unknown parameter {name!r}{fixed}; the model's free parameters are {known}")
    try:
        shape = np.broadcast_shapes(*(np.shape(value) for value in at.values()))
    except ValueError as error:
        raise ParameterError(f"the values do not broadcast together: {error}") from None
    grid = model.solve_grid(at, shape)  # checks the values
    game = model.game
    every = {n: np.asarray(v, dtype=np.float64) for n, v in at.items()}
    every |= {s.name: np.asarray(float(v)) for s, v in _fixed(model).items()}  # as solve_grid: fixed values win
    size = int(np.prod(shape, dtype=np.int64))
    args = [every[s.name] for s in game.parameters]
    exprs = [sympy.sympify(v) for v in game.payoffs.reshape(-1)]  # the parser's expressions, not user text
    slopes = [sympy.diff(e, symbol) for e in exprs]
    with np.errstate(all="ignore"):  # poles: NaN or inf, masked below
        tensors = _tensors(numpy_function(tuple(game.parameters), exprs)(*args), game, shape)
        dtensors = _tensors(numpy_function(tuple(game.parameters), slopes)(*args), game, shape)
    profile = [p.reshape(size, p.shape[-1]) for p in grid.probabilities]
    defined = np.isfinite(grid.payoffs.reshape(size, -1)).all(axis=1)
    safe = [np.where(defined[:, None], p, 1.0 / p.shape[1]) for p in profile]
    wrt_lam = isinstance(model.lam, sympy.Symbol) and model.lam.name == symbol.name
    with np.errstate(all="ignore"):
        dp, du = implicit_derivatives(
            np.nan_to_num(tensors), np.nan_to_num(dtensors), safe, grid.lam.reshape(size), wrt_lam=wrt_lam
        )
    for array in (*dp, du):
        array[~defined] = np.nan
    derivatives = tuple(d.reshape(*shape, d.shape[-1]) for d in dp)
    return QREStatics(
        model=model,
        parameter=symbol,
        values=types.MappingProxyType({n: np.broadcast_to(every[n], shape) for n in sorted(at)}),
        probabilities=grid.probabilities,
        payoffs=grid.payoffs,
        derivatives=derivatives,
        payoff_derivatives=du.reshape(*shape, game.num_players),
        signs=tuple(np.where(np.abs(d) <= SIGN_TOLERANCE, 0.0, np.sign(d)) for d in derivatives),
        players=game.players,
        strategies=game.strategies,
    )


def _fixed(model: QREModel) -> dict[sympy.Symbol, Any]:
    by_name = {s.name: s for s in model.game.parameters}
    return {by_name[n]: v for n, v in model.fixed.items() if n in by_name}


def _tensors(outputs: list[Any], game: NormalFormGame, shape: tuple[int, ...]) -> np.ndarray:
    """Payoff values in C order over ``game.shape + (N,)`` as an array ``(P, N, n_1, ..., n_N)``."""
    flat = np.stack([np.broadcast_to(np.asarray(v, dtype=np.float64), shape).ravel() for v in outputs], axis=-1)
    cells = flat.reshape(-1, *game.shape, game.num_players)
    return np.moveaxis(cells, -1, 1)


def _index(key: int | str, labels: tuple[str, ...], what: str) -> int:
    if isinstance(key, str) and key in labels:
        return labels.index(key)
    if isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(labels):
        return key
    raise InvalidArgumentError(f"unknown {what} {key!r}; expected one of {list(labels)} or an index")
