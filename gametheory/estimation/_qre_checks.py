"""Validation of :func:`~gametheory.fit_qre`'s options and parameters, and its identification checks (private)."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from gametheory.estimation._qre_data import Data, Spec
from gametheory.estimation._qre_model import Likelihood
from gametheory.exceptions import InvalidArgumentError, ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame

__all__ = ["INTERVALS", "check_identified", "check_options", "reduce_game"]

INTERVALS = ("wald", "profile", "bootstrap")


def check_options(interval: Any, level: Any, n_bootstrap: Any) -> tuple[str, float, int]:
    """``interval`` one of :data:`INTERVALS`, ``0 < level < 1``, ``n_bootstrap >= 2``."""
    if interval not in INTERVALS:
        raise InvalidArgumentError(f"interval must be one of {INTERVALS}, not {interval!r}")
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < float(level) < 1:
        raise InvalidArgumentError(f"level must be a number strictly between 0 and 1, not {level!r}")
    if isinstance(n_bootstrap, bool) or not isinstance(n_bootstrap, numbers.Integral) or n_bootstrap < 2:
        raise InvalidArgumentError(f"n_bootstrap must be an int >= 2, not {n_bootstrap!r}")
    return str(interval), float(level), int(n_bootstrap)


def reduce_game(
    game: Any, spec: Spec, fixed: Mapping[Any, Any] | None
) -> tuple[Any, list[sympy.Symbol], dict[str, float]]:
    """The game with ``fixed`` substituted, the estimated symbols in order, and the fixed values by name."""
    if isinstance(game, ExtensiveFormGame):
        if not game.has_perfect_recall:
            raise UnsupportedGameError("fit_qre needs a tree with perfect recall (its agent-form QRE)")
        if not game.information_sets:
            raise UnsupportedGameError("fit_qre needs a tree with at least one decision")
    elif not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"fit_qre needs a NormalFormGame or an ExtensiveFormGame, not {type(game).__name__}")
    fixed = {} if fixed is None else fixed
    if not isinstance(fixed, Mapping):
        raise InvalidArgumentError(
            f"fixed must be a mapping from parameter names to numbers, not {type(fixed).__name__}"
        )
    known = [p.name for p in game.parameters]
    unknown = [name for name in spec.columns if name not in known]
    if unknown:
        raise ParameterError(
            f"parameters {unknown} do not appear in the game, so cannot be estimated; its parameters are {known}"
        )
    names = {str(getattr(k, "name", k)): v for k, v in fixed.items()}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ParameterError(f"fixed names {unknown} are not parameters of the game; its parameters are {known}")
    both = [name for name in names if name in spec.columns]
    if both:
        raise ParameterError(f"parameters {both} are both estimated and fixed")
    values = {}
    for name, value in names.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(float(value)):
            raise ParameterError(f"fixed value of {name!r} must be a finite real number, not {value!r}")
        values[name] = float(value)
    reduced = game.fix_parameters(fixed) if fixed else game
    remaining = {p.name: p for p in reduced.parameters}
    missing = [name for name in remaining if name not in spec.columns]
    if missing:
        raise ParameterError(f"parameters {missing} are neither estimated nor fixed: give them in fixed={{...}}")
    absent = [name for name in spec.columns if name not in remaining]
    if absent:
        raise ParameterError(f"parameters {absent} drop out of the payoffs once the others are fixed")
    return reduced, [remaining[name] for name in spec.columns], values


def check_identified(lik: Likelihood, data: Data, names: list[str], beta: np.ndarray) -> None:
    """Raise :class:`ParameterError` when the data or the model leave an estimate unidentified."""
    sizes = lik.kernel.sizes
    offsets = lik.kernel.offsets
    totals = data.totals.sum(axis=0)
    observed = [i for i in range(len(sizes)) if totals[i] > 0]
    pooled = data.counts.sum(axis=0)
    if all(np.count_nonzero(pooled[offsets[i] : offsets[i + 1]]) <= 1 for i in observed):
        raise ParameterError(
            "every observed player always chose the same strategy: the likelihood increases without bound "
            "in lam, so lam is not identified (its estimate would be infinite)"
        )
    if data.groups is None:
        freedom = sum(sizes[i] - 1 for i in observed)
        if len(names) > freedom:
            raise ParameterError(
                f"{len(names)} estimates ({', '.join(names)}) but aggregate counts give only {freedom} independent "
                "choice frequencies: fix some parameters, or use observation-level data with covariates"
            )
    generic = np.concatenate([[0.731], beta + 0.37 + 0.1 * np.sqrt(np.arange(len(beta)) + 2.0)])
    matrix = lik.scale_matrix(generic)
    norms = np.linalg.norm(matrix, axis=0)
    if np.any(norms == 0):
        raise ParameterError(f"{names[int(np.argmin(norms))]!r} does not change any payoff difference: not identified")
    _, singular, vt = np.linalg.svd(matrix / norms, full_matrices=False)
    if singular[-1] <= 1e-8 * singular[0]:
        involved = [n for n, w in zip(names, vt[-1], strict=True) if abs(w) > 1e-6]
        raise ParameterError(
            f"{', '.join(involved)} are not separately identified: moving them together leaves lam times every "
            "payoff difference unchanged (for example a parameter that scales all of a player's payoffs, whose "
            "product with lam alone matters); fix one of them"
        )
