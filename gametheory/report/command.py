"""The ``report`` command of ``python -m gametheory``: a game file to an HTML report."""

from __future__ import annotations

import os
import pathlib
import re
from collections.abc import Sequence
from fractions import Fraction

from gametheory.exceptions import InvalidArgumentError, ParameterError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.io.formats import read_game
from gametheory.report.writer import write_report

__all__ = ["parse_setting", "report_file"]


_EXPONENT = re.compile(r"[eE]\s*([-+]?\d+)\s*$")
# The sliders compute in float64: values beyond these bounds would overflow or vanish there.
_LARGEST = Fraction(10) ** 300
_SMALLEST = 1 / _LARGEST


def parse_setting(text: str) -> tuple[str, Fraction]:
    """Read ``NAME=VALUE``, the value an exact number: an integer, a ratio ``a/b`` or a decimal.

    The value is read by :class:`fractions.Fraction`, never evaluated as code.

    Raises
    ------
    ParameterError
        If the text is not ``NAME=VALUE`` or the value is not such a number.

    Examples
    --------
    >>> parse_setting("R=3"), parse_setting("c = -1/2"), parse_setting("k=0.25")
    (('R', Fraction(3, 1)), ('c', Fraction(-1, 2)), ('k', Fraction(1, 4)))
    >>> parse_setting("R=exit()")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: --set R: the value must be a number such as 3, -1/2 or 0.25, not "exit()"
    >>> parse_setting("R=1e400")
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: --set R: "1e400" is beyond the range the report can show ...
    """
    name, equals, value = str(text).partition("=")
    name, value = name.strip(), value.strip()
    if not equals or not name:
        raise ParameterError(f"--set expects NAME=VALUE, not {text!r}")
    shown = value if len(value) <= 40 else value[:37] + "..."
    # Checked before Fraction reads it: "1e999999999" would make Fraction build a billion-digit integer.
    exponent = _EXPONENT.search(value)
    if len(value) > 400 or (exponent is not None and abs(int(exponent.group(1))) > 400):
        raise ParameterError(f'--set {name}: "{shown}" is beyond the range the report can show (about 1e-300 to 1e300)')
    try:
        number = Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise ParameterError(
            f'--set {name}: the value must be a number such as 3, -1/2 or 0.25, not "{shown}"'
        ) from None
    if number != 0 and not _SMALLEST <= abs(number) <= _LARGEST:
        raise ParameterError(f'--set {name}: "{shown}" is beyond the range the report can show (about 1e-300 to 1e300)')
    return name, number


def report_file(
    file: str | os.PathLike[str], output: str | os.PathLike[str], *, settings: Sequence[str] = ()
) -> pathlib.Path:
    """Read a game file and write its HTML report with :func:`~gametheory.report.writer.write_report`.

    Parameters
    ----------
    file : str or path-like
        A Gambit ``.nfg`` or ``.efg`` file, or this library's JSON.
    output : str or path-like
        The HTML file to write; its folder must exist.
    settings : sequence of str
        ``NAME=VALUE`` base values (see :func:`parse_setting`); parameters
        not set are 1.

    Returns
    -------
    pathlib.Path
        The report written.

    Raises
    ------
    ParameterError
        On a malformed setting, a parameter set twice, or an unknown parameter.
    InvalidArgumentError
        If the output cannot be written, or is the game file.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "pd.nfg").write_text('NFG 1 R "" { "Row" "Col" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> report_file(folder / "pd.nfg", folder / "pd.html").name
    'pd.html'
    >>> report_file(folder / "pd.nfg", folder / "pd.html", settings=["x=1"])
    Traceback (most recent call last):
    ...
    gametheory.exceptions.ParameterError: unknown parameter 'x'; the parameters are none
    """
    values: dict[str, Fraction] = {}
    for text in settings:
        name, value = parse_setting(text)
        if name in values:
            raise ParameterError(f"--set {name} is given twice")
        values[name] = value
    path, target = pathlib.Path(file), pathlib.Path(output)
    game = read_game(path)
    if not target.parent.is_dir():
        raise InvalidArgumentError(f"cannot write {target}: the folder {target.parent} does not exist")
    if target.exists() and target.resolve() == path.resolve():
        raise InvalidArgumentError(f"cannot write {target}: it is the game file itself")
    title = (game.title if isinstance(game, ExtensiveFormGame) else "") or path.name
    try:
        return write_report(game, target, values=values, title=title)
    except OSError as error:
        raise InvalidArgumentError(f"cannot write {target}: {error.strerror or error}") from None
