"""Importing gametheory must stay light: no plotting, testing or optional dependencies."""

from __future__ import annotations

import subprocess
import sys

# scipy costs about 0.6 s to import: the solvers that use it import it on first use.
HEAVY = [
    "matplotlib",
    "hypothesis",
    "pandas",
    "tqdm",
    "dask",
    "pygambit",
    "nashpy",
    "scipy",
    "gametheory.plot",
    "gametheory.strategies",
    # Loaded on first use (PEP 562): the parametric layer, the analyses, files and scenarios.
    "gametheory.parametric",
    "gametheory.sensitivity",
    "gametheory.estimation",
    "gametheory.dynamics",
    "gametheory.repeated",
    "gametheory.io",
    "gametheory.scenarios",
    "gametheory.report",
]


def test_import_does_not_pull_heavy_dependencies() -> None:
    code = f"import sys, gametheory; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_py_typed_is_shipped() -> None:
    from importlib.resources import files

    assert files("gametheory").joinpath("py.typed").is_file()


def test_lazy_names_are_the_subpackages_objects() -> None:
    import gametheory
    import gametheory.estimation
    import gametheory.parametric

    assert gametheory.parametric_equilibria is gametheory.parametric.parametric_equilibria
    assert gametheory.fit_qre is gametheory.estimation.fit_qre
    assert gametheory.sensitivity.__name__ == "gametheory.sensitivity"
    assert set(gametheory.__all__) <= set(dir(gametheory))
    for name in gametheory.__all__:
        assert getattr(gametheory, name) is not None, name


def test_unknown_attribute_is_an_attribute_error() -> None:
    import pytest

    import gametheory

    with pytest.raises(AttributeError, match="no_such_solver"):
        getattr(gametheory, "no_such_solver")  # noqa: B009 - the name is the point
