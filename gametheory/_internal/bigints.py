"""Decimal text of integers of any size, without Python's 4,300-digit conversion limit.

``str(10**5000)`` and ``int("1" * 5000)`` raise :class:`ValueError` (the limit
guards against quadratic-time conversions of untrusted input). Raising the
limit with :func:`sys.set_int_max_str_digits` would change global state, so
these helpers convert in pieces below the limit instead, splitting the number
in halves by a power of ten: the writers and readers of game files round-trip
exact payoffs of any size, and display code abbreviates them.
"""

from __future__ import annotations

import math
import numbers
import re
from fractions import Fraction
from typing import Any

__all__ = ["approx_str", "fraction_from_str", "int_from_str", "int_to_str", "is_huge"]

# Safely below the default limit of 4300 digits (and below any limit of at least 640 digits set by a user).
_CHUNK = 600
_INTEGER = re.compile(r"[+-]?\d+")
_RATIO = re.compile(r"\s*([+-]?\d+)\s*/\s*(\d+)\s*|\s*([+-]?\d+)\s*")
_DECIMAL = re.compile(r"\s*([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?\s*")
# Numbers with more digits than this are abbreviated for display.
DISPLAY_DIGITS = 1000


def int_to_str(value: int) -> str:
    """The decimal digits of an integer of any size.

    Examples
    --------
    >>> int_to_str(-1234)
    '-1234'
    >>> text = int_to_str(10**5000)
    >>> len(text), text[:3]
    (5001, '100')
    """
    value = int(value)
    if value < 0:
        return "-" + int_to_str(-value)
    if value.bit_length() <= _CHUNK * 3:  # fewer than _CHUNK digits
        return str(value)
    half = math.ceil(value.bit_length() * math.log10(2) / 2)
    high, low = divmod(value, 10**half)
    return int_to_str(high) + int_to_str(low).zfill(half)


def int_from_str(text: str) -> int:
    """The integer written in decimal digits, of any length.

    Raises
    ------
    ValueError
        If the text is not an optionally signed run of decimal digits.

    Examples
    --------
    >>> int_from_str("-" + "9" * 5000) == 1 - 10**5000
    True
    """
    text = text.strip()
    if not _INTEGER.fullmatch(text):
        raise ValueError(f"not an integer: {text[:40]!r}")
    if len(text) <= _CHUNK:
        return int(text)
    if text[0] in "+-":
        value = int_from_str(text[1:])
        return -value if text[0] == "-" else value
    half = len(text) // 2
    return int_from_str(text[:half]) * 10 ** (len(text) - half) + int_from_str(text[half:])


def fraction_from_str(text: str, *, decimals: bool = True) -> Fraction | None:
    """The exact value of ``"n"``, ``"n/d"`` or a decimal ``"-1.5e3"`` of any length, or None for other text.

    The exponent of a decimal is not bounded here: callers bound it, or pass
    ``decimals=False`` to read integers and ratios only.

    Examples
    --------
    >>> fraction_from_str(" -3/4 "), fraction_from_str("2.5e-1"), fraction_from_str("3.5.1")
    (Fraction(-3, 4), Fraction(1, 4), None)
    """
    match = _RATIO.fullmatch(text)
    if match is None:
        decimal = _DECIMAL.fullmatch(text) if decimals else None
        if decimal is None or not (decimal.group(2) or decimal.group(3)):
            return None
        sign, whole, fraction, exponent = decimal.groups()
        value = Fraction(int_from_str(whole + fraction)) * Fraction(10) ** (int(exponent or 0) - len(fraction))
        return -value if sign == "-" else value
    if match.group(3) is not None:
        return Fraction(int_from_str(match.group(3)))
    denominator = int_from_str(match.group(2))
    if denominator == 0:
        return None
    return Fraction(int_from_str(match.group(1)), denominator)


def is_huge(value: Any) -> bool:
    """True for an exact number whose numerator or denominator has more than ``DISPLAY_DIGITS`` digits.

    Examples
    --------
    >>> is_huge(10**2000), is_huge(Fraction(1, 3)), is_huge(1e300)
    (True, False, False)
    """
    if isinstance(value, numbers.Rational):
        bits = max(int(value.numerator).bit_length(), int(value.denominator).bit_length())
        return bits * math.log10(2) > DISPLAY_DIGITS
    return False


def approx_str(value: Any, *, digits: int = 6) -> str:
    """A short decimal approximation of an exact number of any size: ``~1.23457e+4999``.

    Examples
    --------
    >>> approx_str(10**5000), approx_str(-Fraction(2, 3) * 10**400, digits=3), approx_str(0)
    ('~1e+5000', '~-6.67e+399', '0')
    >>> approx_str(1 - Fraction(1, 10**5000)), approx_str(Fraction(10**5000, 3 * 10**5002))
    ('~1', '~0.00333333')
    """
    exact = Fraction(value)
    if exact == 0:
        return "0"
    sign, size = ("-" if exact < 0 else ""), abs(exact)
    exponent = math.floor((size.numerator.bit_length() - size.denominator.bit_length()) * math.log10(2))
    while _power(exponent) > size:
        exponent -= 1
    while _power(exponent + 1) <= size:
        exponent += 1
    mantissa = round(size / _power(exponent - digits + 1))
    if mantissa >= 10**digits:  # rounding up to the next power of ten
        mantissa //= 10
        exponent += 1
    if -5 <= exponent <= 5:  # a huge numerator over a huge denominator can still be near 1
        return f"~{sign}{float(mantissa * _power(exponent - digits + 1)):.{digits}g}"
    text = str(mantissa)
    shown = (text[0] + "." + text[1:]).rstrip("0").rstrip(".")
    return f"~{sign}{shown}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"


def _power(exponent: int) -> Fraction:
    return Fraction(10) ** exponent
