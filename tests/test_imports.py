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
]


def test_import_does_not_pull_heavy_dependencies() -> None:
    code = f"import sys, gametheory; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_py_typed_is_shipped() -> None:
    from importlib.resources import files

    assert files("gametheory").joinpath("py.typed").is_file()
