"""Tests for the shared limits and cache registry: deadlines, the memory guard, clear_caches."""

from __future__ import annotations

import math
import threading
import time
from fractions import Fraction

import numpy as np
import pytest

import gametheory as gt
from gametheory._internal import caches, limits
from gametheory._internal.limits import (
    Deadline,
    check_allocation,
    check_time,
    memory_budget,
    time_limit_scope,
    validate_time_limit,
)
from gametheory.exceptions import InvalidArgumentError, ResourceLimitError, SolverError


def test_resource_limit_error_is_a_solver_error_and_exported() -> None:
    assert issubclass(ResourceLimitError, SolverError)
    assert issubclass(ResourceLimitError, RuntimeError)
    assert gt.ResourceLimitError is ResourceLimitError
    assert "ResourceLimitError" in gt.__all__
    assert "clear_caches" in gt.__all__


@pytest.mark.parametrize("value", [1, 0.5, Fraction(1, 3), np.float64(2.0), 10**6])
def test_valid_time_limits(value: object) -> None:
    assert validate_time_limit(value) == pytest.approx(float(value))  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0, -1, math.nan, math.inf, -math.inf, True, "1", 1j, [1], 10**400])
def test_invalid_time_limits(value: object) -> None:
    with pytest.raises(InvalidArgumentError, match="time_limit"):
        validate_time_limit(value)


def test_deadline_expires_and_names_the_call() -> None:
    deadline = Deadline(0.05, "the solver")
    assert not deadline.expired()
    deadline.check()
    time.sleep(0.06)
    assert deadline.expired()
    with pytest.raises(ResourceLimitError, match=r"the solver exceeded the time limit of 0.05 s"):
        deadline.check()
    Deadline(None, "never").check()


def test_check_time_does_nothing_outside_a_scope() -> None:
    check_time()


def test_scope_raises_promptly_and_is_restored() -> None:
    def spin() -> None:
        while True:
            check_time()

    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match="outer"), time_limit_scope(0.05, "outer"):
        spin()
    assert time.monotonic() - start < 0.5
    check_time()  # the deadline is gone after the scope


def test_nested_scopes_keep_the_earlier_deadline() -> None:
    with time_limit_scope(0.05, "outer") as outer:
        with time_limit_scope(100, "inner") as inner:
            assert inner is outer
        with time_limit_scope(None, "unlimited") as inner:
            assert inner is outer
        with time_limit_scope(0.01, "tighter") as inner:
            assert inner is not outer
            time.sleep(0.02)
            with pytest.raises(ResourceLimitError, match="tighter"):
                check_time()
        check_time()  # back to the outer deadline, not yet expired


def test_scope_validates_even_none_and_bad_values() -> None:
    with pytest.raises(InvalidArgumentError), time_limit_scope(-1, "x"):
        pass  # pragma: no cover


def test_deadlines_are_per_thread() -> None:
    errors: list[BaseException] = []

    def other() -> None:
        try:
            check_time()  # the main thread's expired deadline does not apply here
        except BaseException as error:  # pragma: no cover - would be the bug
            errors.append(error)

    with time_limit_scope(0.01, "main"):
        time.sleep(0.02)
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert not errors


def test_memory_budget_is_positive_and_below_the_machine() -> None:
    budget = memory_budget()
    assert budget > 2**20
    try:
        physical = limits.os.sysconf("SC_PHYS_PAGES") * limits.os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        return
    assert budget <= physical // 2


def test_check_allocation_reports_the_estimate_in_gigabytes() -> None:
    check_allocation(1000, "a small table")
    with pytest.raises(ResourceLimitError, match=r"a huge table would need about 1\.1e\+03 GB.*; ask for less"):
        check_allocation(1.1e12, "a huge table", hint="ask for less")


def test_check_allocation_follows_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "memory_budget", lambda: 1000)
    with pytest.raises(ResourceLimitError, match="budget"):
        check_allocation(1001, "a table")
    check_allocation(1000, "a table")


def test_cached_functions_are_registered_and_cleared() -> None:
    calls = []

    @caches.cached(maxsize=4)
    def square(x: int) -> int:
        calls.append(x)
        return x * x

    assert square(3) == 9
    assert square(3) == 9
    assert calls == [3]
    gt.clear_caches()
    assert square.cache_info().currsize == 0
    assert square(3) == 9
    assert calls == [3, 3]


def test_clear_caches_empties_the_library_caches() -> None:
    from gametheory.parametric._derivation import _without_assumptions
    from gametheory.sensitivity._compile import compile_game

    game = gt.NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    before = gt.parametric_equilibria(game)
    gt.sensitivity.sweep(game, {"a": [0.0, 1.0]})
    assert _without_assumptions.cache_info().currsize > 0
    assert compile_game.cache_info().currsize > 0
    gt.clear_caches()
    assert _without_assumptions.cache_info().currsize == 0
    assert compile_game.cache_info().currsize == 0
    assert gt.parametric_equilibria(game) == before


def test_every_library_lru_cache_is_registered_and_bounded() -> None:
    """No module keeps an unregistered or unbounded functools cache (so clear_caches reaches them all)."""
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(gt.__path__, prefix="gametheory."):
        if info.name.startswith(("gametheory.plot", "gametheory.strategies", "gametheory.__main__")):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if callable(getattr(value, "cache_info", None)) and getattr(value, "__module__", None) == info.name:
                assert value.cache_clear in caches._CLEARERS, f"{info.name}.{name} is not registered"
                assert value.cache_info().maxsize is not None, f"{info.name}.{name} is unbounded"


def test_internal_sits_below_every_other_layer() -> None:
    """The shared internals import nothing of the library but its exceptions (so ``games`` may use them)."""
    from pathlib import Path

    for module in (caches, limits):
        source = Path(str(module.__file__)).read_text(encoding="utf-8")
        imported = {
            line.split()[1] for line in source.splitlines() if line.startswith(("from gametheory", "import gametheory"))
        }
        assert imported <= {"gametheory.exceptions"}, module.__name__
