"""Parameter names in one canonical spelling (NFKC), wherever they enter the library."""

from __future__ import annotations

import unicodedata

__all__ = ["normalize_name"]


def normalize_name(name: str) -> str:
    """The canonical spelling of a parameter name: its NFKC normal form, as Python normalises identifiers.

    Every place where a name enters the library (expression text, ``symbols=``
    keys, parameter values given by name, JSON parameter declarations)
    compares names in this form, so the micro sign ``"\u00b5"`` and the Greek
    letter mu ``"\u03bc"`` name the same parameter, as they do in Python code.

    Parameters
    ----------
    name : str

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_name("\u00b5") == "\u03bc"
    True
    >>> normalize_name("R")
    'R'
    """
    return unicodedata.normalize("NFKC", name)
