"""Checks shared by the sequence-form solvers: profiles at the door, regrets, certified records (private)."""

from __future__ import annotations

import dataclasses
import numbers
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.tolerance import RELATIVE_TOLERANCE
from gametheory.exceptions import InvalidProfileError, SolverError
from gametheory.solvers._sequence_build import (
    Layout,
    behavior_from_plans,
    best_response,
    payoff_vectors,
    plan_from_behavior,
    plan_payoffs,
)
from gametheory.solvers._sequence_lemke import lemke_plans
from gametheory.solvers.behavior import BehaviorEquilibrium, infoset_name

__all__ = ["certified", "checked_plans", "coerced", "lemke_equilibrium", "regrets"]

#: A float answer whose regret exceeds this, relative to the payoff scale, is rejected.
FLOAT_REJECT = 1e-6


def coerced(layout: Layout, profile: Any) -> tuple[Layout, tuple[Any, ...]]:
    """A behaviour profile checked against the tree; a float profile turns the arithmetic to floats."""
    behavior = profile.behavior if isinstance(profile, BehaviorEquilibrium) else profile
    if isinstance(behavior, str | bytes) or not hasattr(behavior, "__len__"):
        raise InvalidProfileError("a behaviour profile is a sequence with one probability vector per information set")
    sets = layout.tree.information_sets
    if len(behavior) != len(sets):
        raise InvalidProfileError(f"a behaviour profile needs {len(sets)} entries; got {len(behavior)}")
    vectors: list[Any] = []
    exact = layout.exact
    for infoset, vector in zip(sets, behavior, strict=True):
        if vector is None:
            vectors.append(None)
            continue
        values = list(np.asarray(vector, dtype=object).ravel())
        if len(values) != len(infoset.actions):
            raise InvalidProfileError(
                f"{infoset_name(layout.tree, infoset.index)} has {len(infoset.actions)} actions; got {len(values)}"
            )
        exact = exact and all(isinstance(v, numbers.Rational) and not isinstance(v, bool) for v in values)
        vectors.append(values)
    for infoset, values in zip(sets, vectors, strict=True):
        if values is None:
            continue
        floats = [float(v) for v in values]
        if any(not np.isfinite(v) or v < -1e-12 for v in floats) or abs(sum(floats) - 1.0) > 1e-9:
            raise InvalidProfileError(
                f"the behaviour at {infoset_name(layout.tree, infoset.index)} is not a distribution"
            )
    if exact:
        return layout, tuple(None if v is None else [Fraction(p) for p in v] for v in vectors)
    floats_layout = dataclasses.replace(
        layout, exact=False, pay_a=tuple(map(float, layout.pay_a)), pay_b=tuple(map(float, layout.pay_b))
    )
    return floats_layout, tuple(None if v is None else [float(p) for p in v] for v in vectors)


def regrets(layout: Layout, x: list[Any], y: list[Any]) -> np.ndarray:
    ay, bx = payoff_vectors(layout, x, y)
    first, second = plan_payoffs(layout, x, y)
    regret = [best_response(layout, 0, ay)[0] - first, best_response(layout, 1, bx)[0] - second]
    if layout.exact:
        return np.array(regret, dtype=object)
    return np.maximum(np.array(regret, dtype=np.float64), 0.0)


def certified(
    layout: Layout, plans: tuple[list[Any], list[Any]], solver: str
) -> tuple[BehaviorEquilibrium, tuple[np.ndarray, np.ndarray]]:
    """Behaviour from plans, re-derived plans, and the regret check; an equilibrium record or SolverError."""
    behavior = behavior_from_plans(layout, plans)
    x, y = plan_from_behavior(layout, 0, behavior), plan_from_behavior(layout, 1, behavior)
    found = regrets(layout, x, y)
    payoffs = np.array(plan_payoffs(layout, x, y), dtype=object if layout.exact else np.float64)
    payoffs.flags.writeable = False
    dtype = object if layout.exact else np.float64
    arrays = (np.array(x, dtype=dtype), np.array(y, dtype=dtype))
    for array in arrays:
        array.flags.writeable = False
    if layout.exact:
        if any(r != 0 for r in found):  # pragma: no cover - a bug, not an input error
            raise SolverError(f"{solver} found a profile that fails the exact best-response check: regrets {found}")
        return BehaviorEquilibrium(behavior, payoffs, layout.tree, None), arrays
    scales = [max(s, 1e-300) for s in layout.scale]
    if any(r > FLOAT_REJECT * s for r, s in zip(found, scales, strict=True)):
        raise SolverError(f"{solver} found a float profile that fails the best-response check: regrets {found}")
    tolerance = max(max(RELATIVE_TOLERANCE * s for s in layout.scale), float(max(found)))
    return BehaviorEquilibrium(behavior, payoffs, layout.tree, tolerance), arrays


def lemke_equilibrium(layout: Layout, solver: str) -> BehaviorEquilibrium:
    """Lemke's algorithm, certified; float pivoting that fails its check is redone exactly on the floats' values."""
    x, y, _ = lemke_plans(layout)
    try:
        return certified(layout, (x, y), solver)[0]
    except SolverError:
        if layout.exact:  # pragma: no cover - exact pivoting is certified by construction
            raise
    exact = dataclasses.replace(
        layout, exact=True, pay_a=tuple(map(Fraction, layout.pay_a)), pay_b=tuple(map(Fraction, layout.pay_b))
    )
    x, y, _ = lemke_plans(exact)
    return certified(layout, ([float(v) for v in x], [float(v) for v in y]), solver)[0]


def checked_plans(layout: Layout, x: Any, y: Any) -> tuple[list[Any], list[Any]]:
    """Two realisation plans as lists of the tree's numbers, with their lengths checked."""
    plans = []
    for plan, size in zip((x, y), layout.sizes, strict=True):
        values = list(np.asarray(plan, dtype=object).ravel())
        if len(values) != size:
            raise InvalidProfileError(f"a realisation plan needs {size} entries; got {len(values)}")
        plans.append([Fraction(v) if layout.exact and not isinstance(v, float) else v for v in values])
    return plans[0], plans[1]
