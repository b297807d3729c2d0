"""Decimal text of integers beyond Python's 4,300-digit conversion limit."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory._internal.bigints import approx_str, fraction_from_str, int_from_str, int_to_str


@given(st.integers(min_value=-(10**30), max_value=10**30), st.integers(min_value=0, max_value=12000))
def test_integers_of_any_size_round_trip(head: int, shift: int) -> None:
    value = head * 7**shift + shift  # digits all the way down, up to about 10,000 of them
    text = int_to_str(value)
    assert int_from_str(text) == value
    if len(text) < 4000:
        assert text == str(value)


@pytest.mark.parametrize("text", ["", "1.5", "--1", "1e5", "0x10", " "])
def test_int_from_str_rejects_anything_but_digits(text: str) -> None:
    with pytest.raises(ValueError, match="not an integer"):
        int_from_str(text)


def test_fraction_from_str_reads_long_ratios_and_decimals() -> None:
    numerator = 7**6000
    assert fraction_from_str(f"{int_to_str(numerator)}/3") == Fraction(numerator, 3)
    assert fraction_from_str("9" * 5000 + ".5e-2") == (10**5000 - 1 + Fraction(1, 2)) / 100
    assert fraction_from_str("12e3", decimals=False) is None
    assert fraction_from_str("1/0") is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(10**5000, "~1e+5000"), (-(10**5000) * 3 // 2, "~-1.5e+5000"), (Fraction(1, 10**5000), "~1e-5000"), (0, "0")],
    ids=["huge", "negative", "tiny", "zero"],
)
def test_approx_str_is_short_and_readable(value: Fraction, text: str) -> None:
    assert approx_str(value) == text
