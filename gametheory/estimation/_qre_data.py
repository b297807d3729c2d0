"""Coercion of the data and the parameter specification of :func:`~gametheory.fit_qre` (private).

Aggregate counts become one group; a DataFrame becomes one group per distinct
row of the covariates used, with the counts of each player's actions in it.
pandas is never imported: a DataFrame is recognised by its ``columns`` and
``__getitem__`` (duck typing), so ``import gametheory`` stays free of it.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory.exceptions import InvalidArgumentError, ParameterError

__all__ = ["Data", "Spec", "coerce_data", "coerce_spec", "design", "is_frame"]

CONSTANT = "const"


@dataclass(frozen=True)
class Spec:
    """Estimated payoff parameters, each a linear function of named covariate columns."""

    columns: dict[str, tuple[str, ...]]

    @property
    def names(self) -> list[str]:
        """The coefficient names, in order: ``"R"`` for a constant-only parameter, else ``"R:column"``."""
        out = []
        for name, columns in self.columns.items():
            out.extend([name] if columns == (CONSTANT,) else [f"{name}:{c}" for c in columns])
        return out

    @property
    def covariates(self) -> list[str]:
        """Every column used other than the constant, in first-use order."""
        return list(dict.fromkeys(c for cols in self.columns.values() for c in cols if c != CONSTANT))


@dataclass(frozen=True)
class Data:
    """Counts ``(G, n)`` and observations ``(G, N)`` per group and player, covariates ``(G, 1 + C)`` (a constant
    column first), and each original row's group (``None`` for aggregate counts)."""

    counts: np.ndarray
    totals: np.ndarray
    covariates: np.ndarray
    groups: np.ndarray | None

    @property
    def n_observations(self) -> int:
        """Number of observed plays: the largest count total over the players, summed over groups."""
        return int(self.totals.max(axis=1).sum())


def coerce_spec(parameters: Any) -> Spec:
    """``("R", ...)`` or ``{"R": ["const", "x"], ...}`` as a :class:`Spec`."""
    if isinstance(parameters, str):
        parameters = (parameters,)
    if isinstance(parameters, Mapping):
        items = list(parameters.items())
    elif isinstance(parameters, Sequence):
        items = [(name, (CONSTANT,)) for name in parameters]
    else:
        raise InvalidArgumentError(
            f"parameters must be a sequence of names or a mapping, not {type(parameters).__name__}"
        )
    columns: dict[str, tuple[str, ...]] = {}
    for name, cols in items:
        if not isinstance(name, str):
            raise ParameterError(f"parameter names must be strings, not {name!r}")
        if name == "lam":
            raise ParameterError("'lam' is always estimated; do not list it in parameters")
        if name in columns:
            raise ParameterError(f"parameter {name!r} is listed twice")
        cols = (cols,) if isinstance(cols, str) else tuple(cols)
        if not cols or not all(isinstance(c, str) for c in cols) or len(set(cols)) != len(cols):
            raise ParameterError(f"the covariates of {name!r} must be distinct column names, not {cols!r}")
        columns[name] = cols
    return Spec(columns)


def is_frame(data: Any) -> bool:
    """Whether ``data`` looks like a pandas DataFrame."""
    return hasattr(data, "columns") and hasattr(data, "iloc") and hasattr(data, "__getitem__")


def coerce_data(
    data: Any, players: tuple[str, ...], strategies: tuple[tuple[str, ...], ...], spec: Spec, *, tree: bool = False
) -> Data:
    """Counts per group and covariates from aggregate counts or a DataFrame.

    For a tree, ``players`` are the information sets, and a DataFrame's
    missing entries (``None``, NaN) mark sets that the play did not reach.
    """
    if is_frame(data):
        counts, covariates, groups = _from_frame(data, players, strategies, spec, tree)
    else:
        if spec.covariates:
            raise InvalidArgumentError(
                f"covariates {spec.covariates} need observation-level data (a DataFrame), not aggregate counts"
            )
        counts, covariates, groups = _from_counts(data, players, strategies)[None, :], np.ones((1, 1)), None
    sizes = [len(s) for s in strategies]
    totals = np.add.reduceat(counts, np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int), axis=1)
    if totals.sum() == 0:
        raise InvalidArgumentError("the data are empty: no observation of any player")
    return Data(counts, totals, covariates, groups)


def _from_counts(data: Any, players: tuple[str, ...], strategies: tuple[tuple[str, ...], ...]) -> np.ndarray:
    if isinstance(data, Mapping):
        unknown = [k for k in data if k not in players]
        if unknown:
            raise InvalidArgumentError(f"unknown players {unknown} in the counts; the players are {list(players)}")
        per_player = [data.get(name) for name in players]
    elif isinstance(data, Sequence) and not isinstance(data, str):
        if len(data) != len(players):
            raise InvalidArgumentError(f"counts need one array per player ({len(players)}), not {len(data)}")
        per_player = list(data)
    else:
        raise InvalidArgumentError(
            f"data must be counts per player (a sequence or a mapping) or a DataFrame, not {type(data).__name__}"
        )
    out = []
    for name, labels, counts in zip(players, strategies, per_player, strict=True):
        out.append(np.zeros(len(labels)) if counts is None else _count_vector(name, labels, counts))
    return np.concatenate(out)


def _count_vector(name: str, labels: tuple[str, ...], counts: Any) -> np.ndarray:
    if isinstance(counts, Mapping):
        unknown = [k for k in counts if k not in labels]
        if unknown:
            raise InvalidArgumentError(f"unknown strategies {unknown} of {name}; its strategies are {list(labels)}")
        counts = [counts.get(label, 0) for label in labels]
    try:
        array = np.asarray(counts)
    except Exception:  # pragma: no cover - numpy raises many types here
        raise InvalidArgumentError(f"the counts of {name} are not an array of numbers") from None
    if array.ndim != 1 or len(array) != len(labels):
        raise InvalidArgumentError(
            f"the counts of {name} must be a 1-D array of length {len(labels)} (one per strategy), "
            f"not shape {array.shape}"
        )
    if array.dtype == bool or not all(isinstance(v, numbers.Real) for v in array.tolist()):
        raise InvalidArgumentError(f"the counts of {name} must be integers, not {counts!r}")
    values = array.astype(np.float64)
    if not np.all(np.isfinite(values)) or np.any(values != np.round(values)):
        raise InvalidArgumentError(f"the counts of {name} must be whole numbers, not {counts!r}")
    if np.any(values < 0):
        raise InvalidArgumentError(f"the counts of {name} must be non-negative, not {counts!r}")
    return values


def _missing(value: Any) -> bool:
    """``None``, a float NaN or pandas' ``NA``/``NaT``."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


def _from_frame(
    frame: Any, players: tuple[str, ...], strategies: tuple[tuple[str, ...], ...], spec: Spec, tree: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    columns = [str(c) for c in frame.columns]
    if len(frame) == 0:
        raise InvalidArgumentError("the data are empty: the DataFrame has no rows")
    observed = [i for i, name in enumerate(players) if name in columns]
    if not observed:
        kind = "an information set" if tree else "a player"
        raise InvalidArgumentError(f"the DataFrame needs a column of chosen actions named after {kind} {list(players)}")
    missing = [c for c in spec.covariates if c not in columns]
    if missing:
        raise InvalidArgumentError(f"unknown covariate columns {missing}; the columns are {columns}")
    rows = len(frame)
    x = np.ones((rows, len(spec.covariates)))
    for j, column in enumerate(spec.covariates):
        values = frame[column].to_numpy()
        try:
            x[:, j] = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidArgumentError(f"covariate {column!r} must be numeric") from None
        if not np.all(np.isfinite(x[:, j])):
            raise InvalidArgumentError(f"covariate {column!r} has missing or infinite values")
    sizes = [len(s) for s in strategies]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    choice = np.full((rows, len(players)), -1)
    for i in observed:
        index = {label: k for k, label in enumerate(strategies[i])}
        actions = frame[players[i]].tolist()
        reached = np.array([not (tree and _missing(a)) for a in actions], dtype=bool)
        bad = sorted({repr(a) for a, r in zip(actions, reached, strict=True) if r and a not in index})
        if bad:
            raise InvalidArgumentError(
                f"unknown actions {', '.join(bad)} of {players[i]}; its strategies are {list(strategies[i])}"
            )
        choice[:, i] = [index[a] if r else -1 for a, r in zip(actions, reached, strict=True)]
    if x.shape[1]:
        unique, groups = np.unique(x, axis=0, return_inverse=True)
        groups = np.asarray(groups).reshape(-1)
    else:
        unique, groups = np.zeros((1, 0)), np.zeros(rows, dtype=int)
    counts = np.zeros((len(unique), int(offsets[-1])))
    for i in observed:
        rows_i = choice[:, i] >= 0
        np.add.at(counts, (groups[rows_i], offsets[i] + choice[rows_i, i]), 1.0)
    return counts, np.hstack([np.ones((len(unique), 1)), unique]), groups


def design(spec: Spec, data: Data) -> np.ndarray:
    """``D`` of shape ``(G, M, K)``: ``phi_gm = sum_k D[g, m, k] beta_k``; checks each parameter's columns."""
    names = [CONSTANT, *spec.covariates]
    groups = data.covariates.shape[0]
    blocks = list(spec.columns.items())
    size = sum(len(cols) for _, cols in blocks)
    out = np.zeros((groups, len(blocks), size))
    k = 0
    for m, (name, cols) in enumerate(blocks):
        sub = data.covariates[:, [names.index(c) for c in cols]]
        if np.linalg.matrix_rank(sub, tol=1e-10 * max(1.0, float(np.abs(sub).max()))) < len(cols):
            raise ParameterError(
                f"the covariates {list(cols)} of {name!r} are collinear in the data (for example a constant column "
                "together with 'const'): their coefficients are not identified"
            )
        out[:, m, k : k + len(cols)] = sub
        k += len(cols)
    return out
