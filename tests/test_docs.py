"""The documentation pages' code runs: every ``>>>`` example in docs/**/*.md is a doctest."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES_WITHOUT_EXAMPLES = {"benchmarks.md", "reference/index.md", "reference/records.md"}
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts and "auto_examples" not in p.parts)


def test_pages_exist():
    names = {p.relative_to(DOCS).as_posix() for p in PAGES}
    assert {"index.md", "tutorial/catch22.md", "how-to/property-testing.md", "explanation/scenarios.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_examples_run(page):
    if page.name == "dask-sweep.md":
        pytest.importorskip("dask.distributed")
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
        report=True,
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {page.name}"
    if page.relative_to(DOCS).as_posix() not in PAGES_WITHOUT_EXAMPLES:
        assert result.attempted > 0, f"no examples were collected from {page.name}"
