"""The documentation: every ``>>>`` example in docs/**/*.md runs as a doctest, and the pages show figures.

The figure tests read the sources (fast, no build): the tutorial and every how-to that draws reference
sphinx-gallery images that an existing example makes, every example draws (so its gallery card is a real
thumbnail) and renders code before output. With ``GAMETHEORY_DOCS_BUILD`` set to a built site, the rendered
pages are checked too, including that nothing is loaded from the network when they are viewed.
"""

from __future__ import annotations

import doctest
import os
import re
import tomllib
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


# --- Figures: the tutorial and the how-tos that draw show real figures, and every gallery example draws. ---

EXAMPLES = DOCS.parent / "examples"
GALLERY_IMAGE = re.compile(r"!\[[^\]]+\]\(\.\./auto_examples/images/sphx_glr_(\w+)_(\d{3})\.png\)")
# Pages that must show figures, with how many at least; any other tutorial or how-to page that calls a
# gametheory.plot function must show one too (see test_pages_that_draw_show_a_figure).
FIGURES = {
    "tutorial/catch22.md": 5,
    "how-to/regime-map.md": 2,
    "how-to/sequential-game.md": 2,
    "how-to/dask-sweep.md": 1,
}
# sphinx-gallery scrapes pyplot's figures: one image per figure made with plt.subplots or plt.figure.
NEW_FIGURE = re.compile(r"\bplt\.(?:subplots|figure)\(")
DRAWS = re.compile(r"\b(?:plot_\w+|ax\.(?:plot|bar|barh|hist|imshow|scatter|step))\(")


def _task_pages() -> list[Path]:
    return [p for p in PAGES if p.relative_to(DOCS).parts[0] in {"tutorial", "how-to"}]


def _gallery_images(page: Path) -> list[tuple[str, int]]:
    return [(name, int(number)) for name, number in GALLERY_IMAGE.findall(page.read_text(encoding="utf-8"))]


def test_listed_pages_show_their_figures():
    for name, minimum in FIGURES.items():
        images = _gallery_images(DOCS / name)
        assert len(images) >= minimum, f"{name} shows {len(images)} gallery figures, expected at least {minimum}"


@pytest.mark.parametrize("page", _task_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_pages_that_draw_show_a_figure(page):
    text = page.read_text(encoding="utf-8")
    if re.search(r"\bfrom gametheory\.plot import\b", text) or page.relative_to(DOCS).as_posix() in FIGURES:
        assert _gallery_images(page), f"{page.name} draws but shows no figure"


@pytest.mark.parametrize("page", _task_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_figure_references_resolve_to_an_example_figure(page):
    """``sphx_glr_<example>_<n>.png`` exists after the build only if examples/<example>.py makes n figures."""
    for name, number in _gallery_images(page):
        script = EXAMPLES / f"{name}.py"
        assert script.is_file(), f"{page.name} shows a figure of {name}.py, which does not exist"
        made = len(NEW_FIGURE.findall(script.read_text(encoding="utf-8")))
        assert 1 <= number <= made, f"{page.name} shows figure {number} of {name}.py, which makes {made}"


SCRIPTS = sorted(EXAMPLES.glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_example_draws_a_figure(script):
    """A gallery card is a placeholder unless its script makes a pyplot figure and draws on it."""
    source = script.read_text(encoding="utf-8")
    assert NEW_FIGURE.search(source), f"{script.name} makes no pyplot figure: its gallery card is a placeholder"
    assert DRAWS.search(source), f"{script.name} draws nothing"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_example_shows_code_before_output(script):
    """sphinx-gallery puts the output above the code of an example made of one code block: split it in cells."""
    source = script.read_text(encoding="utf-8")
    assert re.search(r"^# %%", source, flags=re.MULTILINE), f"{script.name} has a single cell"


def test_install_extras_exist():
    extras = set(
        tomllib.loads((DOCS.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    )
    texts = [*PAGES, *SCRIPTS, DOCS.parent / "README.md"]
    used = {
        (path.name, extra.strip())
        for path in texts
        for group in re.findall(r"gametheory\[([\w,\s-]+)\]", path.read_text(encoding="utf-8"))
        for extra in group.split(",")
    }
    assert used, "no install command names an extra"
    unknown = sorted((name, extra) for name, extra in used if extra not in extras)
    assert not unknown, f"install commands name extras that pyproject.toml lacks: {unknown}"


# --- A built site (opt-in: GAMETHEORY_DOCS_BUILD=path/to/html after sphinx-build): figures rendered, thumbnails
# real, nothing loaded from the network at view time. ---

BUILT = Path(os.environ.get("GAMETHEORY_DOCS_BUILD", DOCS / "_build" / "html"))
needs_build = pytest.mark.skipif(
    "GAMETHEORY_DOCS_BUILD" not in os.environ, reason="set GAMETHEORY_DOCS_BUILD to a built HTML site"
)


@needs_build
def test_built_pages_show_their_figures():
    for name, minimum in FIGURES.items():
        html = (BUILT / name).with_suffix(".html").read_text(encoding="utf-8")
        figures = [src for src in re.findall(r'<img [^>]*src="([^"]+)"', html) if "sphx_glr_" in src]
        assert len(figures) >= minimum, f"{name} shows {len(figures)} figures, expected at least {minimum}"
        for src in figures:
            assert (BUILT / name).parent.joinpath(src).resolve().is_file(), f"{name}: {src} is missing"


@needs_build
def test_built_gallery_cards_have_real_thumbnails():
    """sphinx-gallery makes a placeholder thumbnail for an example without figures: each needs figure 001."""
    index = (BUILT / "auto_examples" / "index.html").read_text(encoding="utf-8")
    for script in SCRIPTS:
        name = script.stem
        assert f"sphx_glr_{name}_thumb.png" in index, f"{script.name} has no gallery card"
        page = (BUILT / "auto_examples" / f"{name}.html").read_text(encoding="utf-8")
        assert f"sphx_glr_{name}_001.png" in page, f"the gallery page of {script.name} shows no figure"
        assert (BUILT / "_images" / f"sphx_glr_{name}_001.png").is_file()


@needs_build
def test_built_site_loads_nothing_from_the_network():
    remote = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(?:https?:)?//', re.IGNORECASE)
    offenders = []
    for page in BUILT.rglob("*.html"):
        for tag in remote.findall(page.read_text(encoding="utf-8")):
            offenders.append(f"{page.relative_to(BUILT)}: {tag}")
    css_url = re.compile(r"url\(\s*['\"]?(?:https?:)?//")
    offenders += [str(css) for css in BUILT.rglob("*.css") if css_url.search(css.read_text(encoding="utf-8"))]
    assert not offenders, offenders[:10]
