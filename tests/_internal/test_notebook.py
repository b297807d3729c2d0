"""Tests of the notebook display builders (HTML tables and LaTeX arrays)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

import numpy as np
import sympy

from gametheory._internal.formatting import condition_text, format_mix
from gametheory._internal.notebook import (
    Math,
    equilibrium_html,
    equilibrium_latex,
    html_table,
    latex_array,
    latex_number,
    latex_text,
    sweep_html,
    sweep_latex,
)

HOSTILE = "<script>alert(1)</script>"


def parse(fragment: str) -> ET.Element:
    return ET.fromstring(f"<root>{fragment}</root>")


def test_html_table_escapes_every_cell_and_parses() -> None:
    page = html_table([(HOSTILE, 1), ("a&b", 2)], [[HOSTILE, "$\\", "x & y"]], caption="<b>")
    root = parse(page)
    assert root.find(".//script") is None
    assert root.find(".//b") is None
    text = "".join(root.itertext())
    assert HOSTILE in text
    assert "$\\" in text
    assert "x & y" in text
    assert "<b>" in text
    assert root.find(".//th[@colspan='2']") is not None


def test_latex_text_escapes_special_characters() -> None:
    assert latex_text("a&b") == r"\mathrm{a\&b}"
    assert latex_text("$\\") == r"\mathrm{\$\backslash{}}"
    escaped = latex_text("%#_{}~^ x")
    assert escaped == r"\mathrm{\%\#\_\{\}\sim{}\hat{}\ x}"
    assert "<" not in latex_text(HOSTILE)
    assert ">" not in latex_text(HOSTILE)
    assert latex_text("") == ""


def test_latex_number_forms() -> None:
    assert latex_number(Fraction(-1, 2)) == r"-\frac{1}{2}"
    assert latex_number(Fraction(3)) == "3"
    assert latex_number(0.25) == "0.25"
    assert latex_number(sympy.Symbol("a") / 2) == r"\frac{a}{2}"


def test_latex_array_keeps_math_cells_and_pads_rows() -> None:
    table = latex_array(["A", "B", "C"], [["x&y", Math(r"\frac{1}{2}")]], footer=r"\text{when } a > 0")
    assert table.startswith("$")
    assert table.endswith("$")
    assert r"\mathrm{x\&y} & \frac{1}{2} &  \\" in table
    assert r"\text{when } a > 0" in table
    assert r"\multicolumn" not in table


def test_condition_text_is_readable() -> None:
    r, c, b, k = sympy.symbols("R c b k")
    assert condition_text(sympy.And(r > c, sympy.Eq(b, k))) in ("R > c and b = k", "b = k and R > c")
    assert condition_text(sympy.Or(r >= c, r <= 0)) in ("R >= c or R <= 0", "R <= 0 or R >= c")
    assert condition_text(sympy.Or(r >= c, r <= 0), relations="unicode") in ("R ≥ c or R ≤ 0", "R ≤ 0 or R ≥ c")
    assert "(R > 0 or c > 0)" in condition_text(sympy.And(sympy.Or(r > 0, c > 0), b < k))
    assert "(R > 0 and c > 0)" in condition_text(sympy.Or(sympy.And(r > 0, c > 0), b < k))
    assert condition_text(sympy.Ne(r, c)) == "R != c"
    assert condition_text(sympy.Ne(r, c), relations="unicode") == "R ≠ c"
    assert condition_text(sympy.Not(sympy.Symbol("p"))) == "not (p)"
    assert condition_text(sympy.true) == "always"
    assert condition_text(sympy.false) == "never"


def test_mixes_print_with_names_and_stay_unambiguous() -> None:
    half = Fraction(1, 2)
    assert format_mix(["Strike"], [Fraction(1)]) == "Strike"
    assert format_mix(["Strike", "Restrain"], [Fraction(1, 3), Fraction(2, 3)]) == "Strike 1/3, Restrain 2/3"
    assert format_mix(["1", "2"], [half, half]) == "1 (p=1/2), 2 (p=1/2)"
    assert format_mix(["a, b", "c"], [half, half]) == "a, b (p=1/2), c (p=1/2)"
    assert format_mix(["x", "y"], [sympy.Symbol("c") / (sympy.Symbol("R") + 1), 0.5]).startswith("x (p=c/(R + 1))")


def test_equilibrium_builders_show_labels_probabilities_and_payoffs() -> None:
    half = Fraction(1, 2)
    args = ((HOSTILE, "B"), (("a&b", "$\\"), ("u", "v")), ((half, half), (1, 0)), ((0, 1), (0,)), (half, 3))
    text = "".join(parse(equilibrium_html(*args)).itertext())
    assert HOSTILE in text
    assert "a&b: 1/2" in text
    assert "$\\: 1/2" in text
    assert "u" in text
    assert "3" in text
    latex = equilibrium_latex(*args)
    assert r"\mathrm{a\&b} = \frac{1}{2}" in latex
    assert r"\mathrm{\$\backslash{}}" in latex
    assert "<" not in latex


def test_sweep_builders_count_grid_points() -> None:
    codes = np.array([[0, 1], [1, 1]])
    text = "".join(parse(sweep_html(("first", HOSTILE), codes, caption="grid")).itertext())
    assert "first" in text
    assert HOSTILE in text
    assert "25.0%" in text
    assert "75.0%" in text
    assert r"75.0\%" in sweep_latex(("first", "a&b"), codes)
    assert "-" in "".join(parse(sweep_html(("only",), np.zeros((0,), dtype=int), caption="empty")).itertext())
