"""Sphinx configuration: MyST pages, numpydoc API reference, sphinx-gallery for examples/.

The built site loads nothing from the network when viewed: the theme's assets are local, and MathJax comes from
the ``sphinx-mathjax-offline`` package, which copies MathJax into ``_static/mathjax``.
"""

from __future__ import annotations

import os
import sys
import types
import typing
from pathlib import Path

import gametheory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

project = "gametheory"
author = "The gametheory developers"
copyright = "2026, The gametheory developers"
release = version = gametheory.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # serves MathJax from _static/mathjax instead of a CDN
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "conftest.py",
    "**/README.md",
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
    "sg_execution_times.rst",
    "auto_examples/sg_execution_times.rst",
]
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_heading_anchors = 3

autosummary_generate = True
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_typehints = "none"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()
# numpydoc turns every "Examples" section into a doctest block; the docstrings run in CI with --doctest-modules.
suppress_warnings = ["autosummary.import_cycle"]

sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "examples"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/[^/]*\.py$",
    "ignore_pattern": r"(__init__|conftest)\.py$",
    "plot_gallery": "True",
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "abort_on_example_error": True,
    # The execution-times pages load jQuery and DataTables from CDNs: leave them out.
    "write_computation_times": False,
    # Show what the examples print, not the repr of a cell's last expression (such as a plot's Axes).
    "capture_repr": (),
}

html_theme = "pydata_sphinx_theme"
html_title = "gametheory"
html_static_path = ["_static"]
html_css_files = ["gametheory.css"]
# One sidebar, on the left: the whole table of contents, then the page's sections. Without a right-hand
# sidebar the article is wide enough for the examples' 120-character lines (see _static/gametheory.css).
html_theme_options = {
    "navbar_center": [],
    "navbar_end": ["theme-switcher"],
    "secondary_sidebar_items": [],
    "show_toc_level": 2,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
html_sidebars = {"**": ["global-toc.html", "page-toc.html"]}
html_show_sourcelink = False
templates_path = ["_templates"]


def _skip_type_aliases(app: object, what: str, name: str, obj: object, skip: bool, options: object) -> bool | None:
    """Type aliases such as ``Strategy = tuple[...]`` have no signature autodoc can format: leave them out."""
    if isinstance(obj, types.GenericAlias | typing._GenericAlias):  # type: ignore[attr-defined]
        return True
    return None


def setup(app: object) -> None:
    app.connect("autodoc-skip-member", _skip_type_aliases)  # type: ignore[attr-defined]
