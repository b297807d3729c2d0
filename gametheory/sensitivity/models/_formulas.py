"""Deciding compiled branch formulas on a grid: the shared body of the formula-backed adapters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from gametheory._internal.tolerance import RELATIVE_TOLERANCE
from gametheory._internal.validation import check_tolerance
from gametheory.sensitivity._compile import CompiledGame, evaluate
from gametheory.sensitivity._engine import check_assumptions
from gametheory.sensitivity.models.protocol import Evaluation

__all__ = ["evaluate_formulas"]


def evaluate_formulas(
    compiled: CompiledGame,
    parameters: Sequence[sympy.Symbol],
    fixed: Mapping[str, Any],
    values: Mapping[str, np.ndarray],
    shape: tuple[int, ...],
    tol: Any,
    players: tuple[str, ...],
) -> Evaluation:
    """Every compiled column decided on ``values`` (and the ``fixed`` ones), which broadcast to ``shape``."""
    tol = check_tolerance(tol)
    every = {name: np.asarray(array, dtype=np.float64) for name, array in values.items()}
    every |= {name: np.asarray(float(value)) for name, value in fixed.items()}
    check_assumptions(parameters, every)
    columns = evaluate(compiled, every, shape, tol=tol)
    return Evaluation(
        labels=columns.labels,
        holds=columns.holds,
        probabilities=columns.probabilities,
        payoffs=columns.payoffs,
        players=players,
        strategies=compiled.strategies,
        tolerance=RELATIVE_TOLERANCE if tol is None else float(tol),
    )
