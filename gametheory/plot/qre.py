"""Plots of quantal response: the principal logit branch, and QRE probabilities over a parameter."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from gametheory.exceptions import InvalidArgumentError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.plot._axes import label_axes, literal_text, new_axes, require_result
from gametheory.sensitivity.models.qre import QREModel
from gametheory.solvers.behavior import infoset_name
from gametheory.solvers.qre import QREPath

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_qre_path", "plot_qre_probabilities"]

#: Above this largest ``lam`` the path is drawn on a symmetric-log axis, linear below ``SYMLOG_LINEAR``.
SYMLOG_FROM = 20.0
#: Where the symmetric-log axis of :func:`plot_qre_path` turns from linear to logarithmic.
SYMLOG_LINEAR = 1.0
#: How many values of ``lam`` in the band's range are solved for its envelope.
BAND_POINTS = 9


@literal_text
def plot_qre_path(path: QREPath, *, player: int | str | None = None, ax: Axes | None = None) -> Axes:
    """Plot the principal logit QRE branch: each strategy's probability against ``lam``, and its Nash limit.

    One line per strategy (for a tree, per action of each information set),
    labelled ``"player: strategy"``, in the order of the points along the
    branch (so a branch that turns back in ``lam`` is drawn as it goes).
    The Nash equilibrium the branch approaches, ``path.limit``, is marked by
    a diamond in each line's colour at the right edge, labelled
    ``"Nash limit"``, with a dotted line at its level. When ``lam`` reaches
    past :data:`SYMLOG_FROM` the ``lam`` axis is symmetric-log: linear up to
    :data:`SYMLOG_LINEAR`, logarithmic beyond, so both the departure from
    uniform play and the approach to the limit are visible.

    Parameters
    ----------
    path : QREPath
        From :func:`~gametheory.solvers.qre.qre_path`.
    player : int or str, optional
        Only this player (for a tree: this information set, by index or by
        :func:`~gametheory.solvers.behavior.infoset_name`). Default: all.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidArgumentError
        If ``path`` is not a QREPath or ``player`` is unknown.

    Examples
    --------
    >>> from gametheory import NormalFormGame, qre_path
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [1, 2]], [[2, 1], [0, 3]],
    ...                                     players=("US", "Militia"), strategies=(("Strike", "Restrain"),
    ...                                                                            ("Attack", "Hold")))
    >>> path = qre_path(game)
    >>> ax = plot_qre_path(path)
    >>> [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    ['US: Strike', 'US: Restrain', 'Militia: Attack', 'Militia: Hold', 'Nash limit']
    >>> ax = plot_qre_path(path, player="Militia")
    >>> [float(line.get_ydata()[0]) for line in ax.get_lines() if line.get_gid() == "nash-limit"]
    [0.0, 1.0]
    """
    require_result(path, QREPath, "plot_qre_path")
    names = _block_names(path)
    shown = range(len(names)) if player is None else [_block_index(names, player, path)]
    ax = new_axes(ax)
    lambdas = np.asarray(path.lambdas, dtype=np.float64)
    limit = _limit_profile(path)
    end = float(lambdas.max()) if lambdas.size else 0.0
    marked = False
    for block in shown:
        probabilities = path.probabilities(block)
        for k, strategy in enumerate(path.strategies[block]):
            (line,) = ax.plot(lambdas, probabilities[:, k], label=f"{names[block]}: {strategy}")
            vector = None if limit is None else limit[block]
            if vector is None:
                continue
            value = float(vector[k])
            color = line.get_color()
            ax.axhline(value, color=color, linestyle=":", linewidth=0.8, alpha=0.7)
            ax.plot(
                [end],
                [value],
                linestyle="none",
                marker="D",
                markersize=7,
                color=color,
                markerfacecolor="white",
                markeredgecolor=color,
                markeredgewidth=1.5,
                clip_on=False,
                zorder=3,
                gid="nash-limit",
                label="_nolegend_",
            )
            marked = True
    if marked:  # one legend entry for every limit marker, in neutral grey
        ax.plot(
            [], [], linestyle="none", marker="D", markerfacecolor="white", markeredgecolor="0.3", label="Nash limit"
        )
    if end > SYMLOG_FROM:
        ax.set_xscale("symlog", linthresh=SYMLOG_LINEAR, linscale=0.5)
    ax.set_xlim(0.0, end if end > 0 else 1.0)
    ax.set_ylim(-0.03, 1.03)
    ax.grid(True, alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return label_axes(ax, xlabel="precision λ", ylabel="probability", legend="best")


@literal_text
def plot_qre_probabilities(
    model: NormalFormGame | QREModel,
    parameter: str,
    values: Any,
    *,
    player: int | str,
    strategy: int | str | None = None,
    lam: float | None = None,
    fixed: Mapping[str, Any] | None = None,
    band: Sequence[float] | None = None,
    label: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot logit QRE probabilities against one parameter, optionally with a band over a range of ``lam``.

    The QRE (principal branch) is solved at every value at once by
    :class:`~gametheory.sensitivity.models.qre.QREModel`. One line per
    strategy shown. With ``band=(low, high)``, for example a confidence
    interval of ``lam`` from :func:`~gametheory.estimation.fit_qre`, each
    line gets a shaded band: at each value of the parameter, the range of
    the probability over ``lam`` in ``[low, high]`` (its envelope over
    :data:`BAND_POINTS` values of ``lam``, ``lam`` itself included).

    Draw onto the Axes of :func:`~gametheory.plot.plot_equilibrium_path`
    (with a :class:`~gametheory.sensitivity.selection.Probability` outcome)
    to put the QRE prediction beside the Nash equilibria.

    Parameters
    ----------
    model : NormalFormGame or QREModel
        A parametric game, or a QRE model (with ``lam`` a number, or a parameter).
    parameter : str
        The parameter on the horizontal axis.
    values : array_like
        Its values: a 1-D sequence of finite numbers.
    player : int or str
        The player, by index or name.
    strategy : int or str, optional
        The strategy whose probability is drawn. Default: every strategy of ``player``.
    lam : float, optional
        The precision. Required unless ``model`` is a QREModel with a numeric ``lam``.
    fixed : mapping, optional
        Values of the other parameters, by name.
    band : pair of float, optional
        ``(low, high)``: the range of ``lam`` spanned by the band. Needs ``lam`` as a parameter
        (a game, or ``QREModel(game, lam="lam")``).
    label : str, optional
        Legend label of the line (followed by the strategy when several are drawn).
        Default: ``"player: strategy (QRE, λ = lam)"``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure's axes.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidArgumentError
        On a bad model, values, player, strategy, ``lam`` or band.
    ParameterError
        If a parameter other than ``parameter`` is given no value, or a value contradicts its assumptions.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory.scenarios import strike_or_restrain
    >>> game = strike_or_restrain()
    >>> fixed = {"c": 1, "d": 3, "b": 1, "k": 3, "l": 0.5}
    >>> values = np.linspace(0.1, 4, 40)
    >>> ax = plot_qre_probabilities(game, "R", values, player="Militia", strategy="Attack", lam=2.0,
    ...                             fixed=fixed, band=(1.0, 3.0))
    >>> [line.get_label() for line in ax.get_lines()]
    ['Militia: Attack (QRE, λ = 2)']
    >>> [c.get_gid() for c in ax.collections]
    ['qre-band:Militia: Attack']

    On the equilibrium-path plot, beside the Nash equilibria:

    >>> from gametheory.plot import plot_equilibrium_path
    >>> from gametheory.sensitivity import Probability, sweep
    >>> ax = plot_equilibrium_path(sweep(game, {"R": values}, fixed=fixed), Probability("Militia", "Attack"))
    >>> ax = plot_qre_probabilities(game, "R", values, player="Militia", strategy="Attack", lam=2.0,
    ...                             fixed=fixed, ax=ax)
    >>> ax.get_lines()[-1].get_label()
    'Militia: Attack (QRE, λ = 2)'
    """
    qre = _as_model(model, fixed)
    x = _values(values, parameter)
    name = qre.lam.name if isinstance(qre.lam, sympy.Symbol) else None
    free = {p.name for p in qre.parameters}
    if name is not None and name in free:
        if lam is None:
            raise InvalidArgumentError("plot_qre_probabilities: give lam, the precision")
        precision = _nonnegative(lam, "lam")
    else:
        if lam is not None:
            raise InvalidArgumentError("plot_qre_probabilities: the model's lam is fixed; do not give lam")
        if band is not None:
            raise InvalidArgumentError(
                "plot_qre_probabilities: a band needs lam as a parameter: pass the game, or QREModel(game, lam='lam')"
            )
        precision = float(qre.lam) if not isinstance(qre.lam, sympy.Symbol) else math.nan
    game = qre.game
    index = _index(game.players, player, "player")
    strategies = game.strategies[index]
    columns = range(len(strategies)) if strategy is None else [_index(strategies, strategy, "strategy")]
    lam_values = {} if name is None or name not in free else {name: precision}
    grid = qre.solve_grid({parameter: x, **lam_values}, (x.size,))
    envelope = None
    if band is not None and name is not None:
        low, high = _band(band)
        lams = np.unique(np.r_[np.linspace(low, high, BAND_POINTS), precision])
        wide = qre.solve_grid({parameter: x[:, None], name: lams[None, :]}, (x.size, lams.size))
        envelope = (np.min(wide.probabilities[index], axis=1), np.max(wide.probabilities[index], axis=1), low, high)
    fresh = ax is None
    ax = new_axes(ax)
    suffix = "" if math.isnan(precision) else f" (QRE, λ = {precision:.3g})"
    for k in columns:
        text = f"{game.players[index]}: {strategies[k]}"
        line_label = text + suffix if label is None else label
        if label is not None and len(columns) > 1:
            line_label = f"{label}: {strategies[k]}"
        (line,) = ax.plot(x, grid.probabilities[index][:, k], label=line_label)
        if envelope is not None:
            lower, upper, low, high = envelope
            ax.fill_between(
                x,
                lower[:, k],
                upper[:, k],
                color=line.get_color(),
                alpha=0.2,
                linewidth=0,
                gid=f"qre-band:{text}",
                label=f"{text}, λ from {low:.3g} to {high:.3g}",
            )
    if fresh:
        ax.set_ylim(-0.02, 1.02)
        ax.spines[["top", "right"]].set_visible(False)
        return label_axes(ax, xlabel=parameter, ylabel="QRE probability")
    return label_axes(ax)


# ---------------------------------------------------------------------- helpers


def _block_names(path: QREPath) -> tuple[str, ...]:
    game = path.game
    if isinstance(game, ExtensiveFormGame):
        return tuple(infoset_name(game, i) for i in range(len(game.information_sets)))
    return tuple(path.players)


def _block_index(names: tuple[str, ...], player: Any, path: QREPath) -> int:
    return _index(names, player, "information set" if isinstance(path.game, ExtensiveFormGame) else "player")


def _limit_profile(path: QREPath) -> list[np.ndarray | None] | None:
    limit = path.limit
    if limit is None:
        return None
    vectors = getattr(limit, "behavior", None)
    if vectors is None:
        vectors = limit.profile  # type: ignore[union-attr]
    return [None if v is None else np.asarray(v, dtype=np.float64) for v in vectors]


def _as_model(model: Any, fixed: Mapping[str, Any] | None) -> QREModel:
    if isinstance(model, NormalFormGame):
        taken = {p.name for p in model.parameters}
        name = next(n for n in ("lam", "lam_", "lam__", "precision") if n not in taken)
        qre = QREModel(model, lam=name)
    elif isinstance(model, QREModel):
        qre = model
    else:
        raise InvalidArgumentError(
            f"plot_qre_probabilities needs a NormalFormGame or a QREModel, not {type(model).__name__}"
        )
    if fixed:
        if not isinstance(fixed, Mapping):
            raise InvalidArgumentError(f"fixed must be a mapping of parameter names to values, not {fixed!r}")
        qre = qre.fix(dict(fixed))
    return qre


def _values(values: Any, parameter: Any) -> np.ndarray:
    if not isinstance(parameter, str):
        raise InvalidArgumentError(f"parameter must be a parameter name, not {parameter!r}")
    try:
        x = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"values of {parameter} must be numbers") from None
    if x.ndim != 1 or x.size == 0 or not np.all(np.isfinite(x)):
        raise InvalidArgumentError(f"values of {parameter} must be a non-empty 1-D sequence of finite numbers")
    return x


def _nonnegative(value: Any, name: str) -> float:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number) and number >= 0:
            return number
    raise InvalidArgumentError(f"{name} must be a finite real number >= 0, not {value!r}")


def _band(band: Any) -> tuple[float, float]:
    if isinstance(band, str) or not isinstance(band, Sequence | np.ndarray) or len(band) != 2:
        raise InvalidArgumentError(f"band must be a pair (low, high) of values of lam, not {band!r}")
    low, high = (_nonnegative(v, "each end of band") for v in band)
    if low > high:
        raise InvalidArgumentError(f"band must have low <= high, not {tuple(band)!r}")
    return low, high


def _index(labels: Sequence[str], value: Any, what: str) -> int:
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and 0 <= int(value) < len(labels):
        return int(value)
    if isinstance(value, str) and value in labels:
        return list(labels).index(value)
    raise InvalidArgumentError(f"unknown {what} {value!r}: give an index below {len(labels)} or one of {list(labels)}")
