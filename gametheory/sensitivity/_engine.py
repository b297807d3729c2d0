"""Shared machinery of the sensitivity tools: parameter checks, grids, regime codes, and solving point by point.

This private module imports no public sensitivity module: the analyses
(``sweep``, ``thresholds``, ...) and the model adapters
(:mod:`gametheory.sensitivity.models`) import it, never the other way. A
model solved point by point gives one point solution per point; they are
laid out in *columns* (one per kind of equilibrium found), ``holds[..., b]``
saying where column ``b`` is an equilibrium, with NaN in the probability and
payoff arrays where it is not, as models with formulas lay out their branches.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from gametheory._internal.names import normalize_name
from gametheory.exceptions import InvalidArgumentError, InvalidGameError, ParameterError
from gametheory.sensitivity._compile import Columns

__all__ = [
    "as_name",
    "as_values",
    "assemble_columns",
    "check_assumptions",
    "check_number",
    "grid_points",
    "grid_values",
    "optional_module",
    "parameter_names",
    "progress_bar",
    "regime_codes",
    "solve_points",
    "spelled_as",
    "split_parameters",
    "support_label",
    "to_float",
]


def regime_codes(holds: np.ndarray, labels: Sequence[str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Code each point by the set of columns that hold there.

    Returns integer codes of shape ``holds.shape[:-1]`` and one label per code:
    the labels of the holding columns joined by ``" | "``, or ``"no equilibrium"``.
    """
    width = holds.shape[-1]
    if width <= 20:
        # Bitmask keys are small: a lookup table is O(points), where np.unique would sort.
        # Branch by branch (rows of the branch-major data sweeps produce, so no copy), in
        # the narrowest integer type, to keep the passes over millions of points short.
        by_branch = np.moveaxis(holds, -1, 0).reshape(width, -1)
        dtype: Any = np.uint8 if width <= 8 else np.uint16 if width <= 16 else np.uint32
        keys: Any = np.zeros(by_branch.shape[1], dtype=dtype)
        for b in range(width):
            keys |= by_branch[b].astype(dtype) << dtype(b)
        seen = np.zeros(1 << width, dtype=bool)
        seen[keys] = True  # a scatter: bincount would first widen the keys
        present = np.flatnonzero(seen)
        table = np.zeros(1 << width, dtype=np.intp)
        table[present] = np.arange(present.size)
        codes = np.take(table, keys)
        sets = [[b for b in range(width) if (int(key) >> b) & 1] for key in present]
    else:
        rows, codes = np.unique(holds.reshape(-1, width), axis=0, return_inverse=True)
        sets = [list(np.flatnonzero(row)) for row in rows]
    names = tuple(" | ".join(labels[b] for b in s) if s else "no equilibrium" for s in sets)
    return codes.reshape(holds.shape[:-1]), names


# ---------------------------------------------------------------------- parameters
def parameter_names(model: Any) -> tuple[str, ...] | None:
    """Names of a model's free parameters, or None when it accepts any (a function solved point by point)."""
    symbols = model.parameters
    return None if symbols is None else tuple(symbol.name for symbol in symbols)


def as_name(key: Any) -> str:
    """A parameter given as a sympy Symbol or a name, as its name."""
    if isinstance(key, sympy.Symbol):
        return key.name
    if not isinstance(key, str):
        raise ParameterError(f"a parameter must be a name or a sympy Symbol, not {type(key).__name__}")
    return key


def spelled_as(names: Sequence[str], known: Sequence[str] | None) -> tuple[str, ...]:
    """Each name in the model's own spelling when the two agree in NFKC form (``"µ"`` is ``"μ"``)."""
    if known is None:
        return tuple(names)
    canonical = {normalize_name(k): k for k in known}
    return tuple(name if name in known else canonical.get(normalize_name(name), name) for name in names)


def as_values(name: str, values: Any) -> np.ndarray:
    """Validate a 1-D sequence of finite real values for parameter ``name``; keep exact numbers exact."""
    if isinstance(values, str | bytes) or np.ndim(values) != 1:
        raise ParameterError(f"values of parameter {name} must be a 1-D sequence of numbers")
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        # Numeric arrays (possibly millions of values) are checked in one go.
        if values.size == 0:
            raise ParameterError(f"no values given for parameter {name}")
        if not np.all(np.isfinite(values)):
            raise ParameterError(f"values of parameter {name} are not all finite")
        return values
    items = list(values)
    if not items:
        raise ParameterError(f"no values given for parameter {name}")
    for item in items:
        check_number(name, item)
    return np.array(items, dtype=object)


def check_number(name: str, value: Any) -> float:
    """Check one parameter value and return it as a float."""
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | float | Fraction | np.integer | np.floating | sympy.Number
    ):
        raise ParameterError(f"value of parameter {name} must be a real number, not {value!r}")
    try:
        number = float(value)
    except OverflowError:  # an exact number such as 10**400: the float evaluation cannot hold it
        raise ParameterError(
            f"value of parameter {name} is beyond the float range (about 1.8e308) that sweeps compute in; "
            "rescale the parameters, or use thresholds() or parametric_equilibria(), which are exact"
        ) from None
    if not math.isfinite(number):
        raise ParameterError(f"value of parameter {name} is not finite: {value!r}")
    return number


def to_float(values: np.ndarray) -> np.ndarray:
    """Array of checked numbers to float64."""
    if values.dtype != object:
        return values.astype(np.float64)
    return np.array([float(v) for v in values.flat], dtype=np.float64).reshape(values.shape)


def split_parameters(
    all_names: Sequence[str] | None, varied: Sequence[str], fixed: Mapping[Any, Any] | None
) -> dict[str, Any]:
    """Check the varied and fixed parameters against the game's; return fixed values by name."""
    fixed_by_name: dict[str, Any] = {}
    if fixed is not None:
        if not isinstance(fixed, Mapping):
            raise ParameterError(f"fixed must be a mapping from parameter to value, not {type(fixed).__name__}")
        for key, value in fixed.items():
            (name,) = spelled_as([as_name(key)], all_names)
            check_number(name, value)
            fixed_by_name[name] = value
    if len(set(varied)) != len(varied):
        raise ParameterError(f"a parameter is varied twice: {', '.join(varied)}")
    both = sorted(set(varied) & set(fixed_by_name))
    if both:
        raise ParameterError(f"parameter(s) {', '.join(both)} are both varied and fixed")
    if all_names is not None:
        unknown = sorted((set(varied) | set(fixed_by_name)) - set(all_names))
        if unknown:
            raise ParameterError(
                f"unknown parameter(s) {', '.join(unknown)}; the game's parameters are {', '.join(all_names)}"
            )
        missing = sorted(set(all_names) - set(varied) - set(fixed_by_name))
        if missing:
            raise ParameterError(f"no value given for parameter(s) {', '.join(missing)}: add them to fixed")
    return fixed_by_name


def check_assumptions(symbols: Sequence[sympy.Symbol], values: Mapping[str, np.ndarray]) -> None:
    """Reject values that contradict assumptions declared on the symbols (e.g. ``positive=True``)."""
    checks = [
        ("positive", lambda v: v > 0),
        ("nonnegative", lambda v: v >= 0),
        ("negative", lambda v: v < 0),
        ("nonpositive", lambda v: v <= 0),
    ]
    for symbol in symbols:
        if symbol.name not in values:
            continue
        array = np.asarray(values[symbol.name], dtype=np.float64)
        for assumption, test in checks:
            if getattr(symbol, f"is_{assumption}") and not np.all(test(array)):
                raise ParameterError(f"parameter {symbol.name} is declared {assumption}, but some values are not")


# ---------------------------------------------------------------------- solving point by point
def support_label(support: Sequence[Sequence[int]], players: Sequence[str], strategies: Sequence[Sequence[str]]) -> str:
    """Readable label of a support: ``"US: Restrain; Militia mixes Attack/Hold"``."""
    parts = []
    for name, used, labels in zip(players, support, strategies, strict=True):
        if len(used) == 1:
            parts.append(f"{name}: {labels[used[0]]}")
        else:
            parts.append(f"{name} mixes " + "/".join(labels[i] for i in used))
    return "; ".join(parts)


def progress_bar(iterable: Iterable[Any], *, total: int | None = None) -> Iterable[Any]:
    """Wrap ``iterable`` in a tqdm progress bar (tqdm is imported only here).

    Pass it as ``progress=progress_bar`` to the sensitivity functions.

    Examples
    --------
    >>> import io, contextlib
    >>> with contextlib.redirect_stderr(io.StringIO()):
    ...     list(progress_bar(range(3), total=3))
    [0, 1, 2]
    """
    tqdm = optional_module("tqdm.auto", "progress_bar").tqdm
    return tqdm(iterable, total=total)


def optional_module(name: str, feature: str) -> Any:
    """Import an optional dependency, or raise an ImportError saying which feature needs it and how to install it.

    Examples
    --------
    >>> optional_module("numpy", "this example").__name__
    'numpy'
    >>> optional_module("no_such_package.sub", "this example")
    Traceback (most recent call last):
    ...
    ImportError: this example needs no_such_package: pip install no_such_package
    """
    try:
        return importlib.import_module(name)
    except ImportError:
        package = name.partition(".")[0]
        raise ImportError(f"{feature} needs {package}: pip install {package}") from None


def grid_points(values: Mapping[str, np.ndarray], shape: tuple[int, ...]) -> list[dict[str, Any]]:
    """One dict per point of ``shape`` (C order), from arrays that broadcast to it; values kept as given.

    Examples
    --------
    >>> grid_points({"a": np.array([[1], [2]], dtype=object), "b": np.array([[5, 6]], dtype=object)}, (2, 2))
    [{'a': 1, 'b': 5}, {'a': 1, 'b': 6}, {'a': 2, 'b': 5}, {'a': 2, 'b': 6}]
    """
    columns = {name: list(np.broadcast_to(np.asarray(array), shape).ravel()) for name, array in values.items()}
    size = math.prod(shape)
    return [{name: column[i] for name, column in columns.items()} for i in range(size)]


def _solve_chunk(solve: Callable[[dict[str, Any]], Any], points: list[dict[str, Any]]) -> list[Any]:
    """Solve each point; runs in worker processes, so it is a module-level function."""
    return [solve(dict(point)) for point in points]


def solve_points(
    solve: Callable[[dict[str, Any]], Any],
    points: list[dict[str, Any]],
    *,
    executor: Any = None,
    progress: Callable[..., Iterable[Any]] | None = None,
    source: str = "the model",
) -> tuple[Columns, tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Solve each point (``solve(point)`` gives a point solution); lay the equilibria out in columns, with the labels.

    ``source`` names what was solved in error messages ("the game function").
    """
    if executor is None:
        chunks = [[p] for p in points]
        results: Iterable[Any] = (_solve_chunk(solve, chunk) for chunk in chunks)
    else:
        if not hasattr(executor, "submit"):
            raise InvalidArgumentError(f"executor must be a concurrent.futures.Executor, not {type(executor).__name__}")
        size = max(1, math.ceil(len(points) / 64))
        chunks = [points[i : i + size] for i in range(0, len(points), size)]
        futures = [executor.submit(_solve_chunk, solve, chunk) for chunk in chunks]
        results = (future.result() for future in futures)
    if progress is not None:
        results = progress(results, total=len(chunks))
    per_point = [found for chunk in results for found in chunk]
    first = per_point[0]
    kinds = {point.kind for point in per_point}
    if len(kinds) > 1:
        raise InvalidGameError(f"{source} returned both " + " and ".join(sorted(kinds, reverse=True)))
    for point in per_point:
        if (point.players, point.strategies) != (first.players, first.strategies):
            raise InvalidGameError(f"{source} returned {first.kind} with different players or strategies")
    columns = assemble_columns([point.equilibria for point in per_point], first.players, first.strategies)
    return columns, first.players, first.strategies


def assemble_columns(
    found_per_point: Sequence[Sequence[tuple[Any, str, Any, Any]]],
    players: Sequence[str],
    strategies: Sequence[Sequence[str]],
) -> Columns:
    """Lay out equilibria solved point by point as columns, one per kind of equilibrium.

    ``found_per_point[i]`` lists ``(key, label, profile, payoffs)`` for each
    equilibrium at point ``i``; the ``k``-th equilibrium with the same key at
    one point goes to column ``(key, k)``, labelled ``label`` (with `` (k)``
    from the second on). Columns are sorted by ``(key, k)``.

    Examples
    --------
    >>> columns = assemble_columns(
    ...     [[("a", "A", ([1.0], [1.0]), [0.0, 0.0])], []], players=("P", "Q"), strategies=(("x",), ("y",)),
    ... )
    >>> columns.labels, columns.holds.tolist()
    (('A',), [[True], [False]])
    """
    keys: dict[tuple[Any, int], int] = {}
    names: dict[tuple[Any, int], str] = {}
    placed = []
    for found in found_per_point:
        seen: dict[Any, int] = {}
        row = []
        for key, label, profile, pay in found:
            seen[key] = seen.get(key, 0) + 1
            slot = (key, seen[key])
            names.setdefault(slot, label)
            row.append((keys.setdefault(slot, len(keys)), profile, pay))
        placed.append(row)
    ordered = sorted(keys)
    remap = {keys[k]: i for i, k in enumerate(ordered)}
    labels = tuple(names[k] + (f" ({k[1]})" if k[1] > 1 else "") for k in ordered)
    size, width = len(placed), len(ordered)
    holds = np.zeros((size, width), dtype=bool)
    probabilities = [np.full((size, width, len(s)), np.nan) for s in strategies]
    payoffs = np.full((size, width, len(players)), np.nan)
    for i, row in enumerate(placed):
        for column, profile, pay in row:
            b = remap[column]
            holds[i, b] = True
            for player, p in enumerate(profile):
                probabilities[player][i, b] = p
            payoffs[i, b] = pay
    return Columns(labels, holds, tuple(probabilities), payoffs)


def grid_values(names: Sequence[str], axes: Sequence[np.ndarray]) -> tuple[tuple[int, ...], dict[str, np.ndarray]]:
    """The grid's shape, and each axis reshaped to vary along its own dimension (so formulas broadcast).

    Examples
    --------
    >>> shape, values = grid_values(["R", "c"], [np.arange(3.0), np.arange(2.0)])
    >>> shape, values["R"].shape, values["c"].shape
    ((3, 2), (3, 1), (1, 2))
    """
    shape = tuple(len(axis) for axis in axes)
    values = {
        name: np.asarray(axis).reshape([-1 if d == dimension else 1 for d in range(len(axes))])
        for dimension, (name, axis) in enumerate(zip(names, axes, strict=True))
    }
    return shape, values
