"""The command line: ``python -m gametheory solve FILE [--exact] [--format json]``, and ``report``.

``report FILE --output PATH [--set NAME=VALUE ...]`` writes a self-contained
interactive HTML page (:func:`gametheory.report.write_report`); ``--set``
gives a parameter's exact base value (``3``, ``-1/2``, ``0.25``; others are 1).

``solve`` prints every Nash equilibrium of a game file, the way
``gambit-enummixed`` does: a comment line saying how many there are and in
which arithmetic, then one line per equilibrium. Files may be Gambit
``.nfg`` or ``.efg`` files or this library's JSON (the format is recognised
by :func:`gametheory.io.read_game`: from the content, or else the extension). Trees are solved through
their reduced normal form. ``python -m gametheory --version`` prints the
version.

Arithmetic: Gambit files are read exactly. A file whose numbers are all
integers or ratios (``3/4``) is solved exactly; a file with decimals
(``0.8``, ``1e-3``) is solved in floating point, with the tolerance stated,
unless ``--exact`` asks for exact arithmetic on the decimals as written.
JSON files keep their own kind (floats are floats), and ``--exact`` reads
their floats as the decimals they print as.

Continua: the listed equilibria are the extreme ones. In a degenerate
two-player game several of them can be extreme points of one connected set
(a continuum) of equilibria, found by
:func:`gametheory.equilibrium_components`; the text output then ends with a
comment line per continuum, ``# note: equilibria 1 and 2 are extreme points
of one continuum of equilibria (component 1)``, numbering equilibria and
components from 1 in the order printed.

JSON output (``--format json``): every number of the game is a JSON string,
whatever the arithmetic, so a reader parses one type:

- exact values are integers or ratios in lowest terms: ``"2"``, ``"-3/5"``;
- floating-point values (float games, and irrational equilibria of exact
  games) are Python's shortest round-trip form: ``"0.5"``, ``"1e+300"``.

Both forms are read exactly by :class:`fractions.Fraction` (integers of
more than 4,300 digits need :func:`sys.set_int_max_str_digits` or
``gametheory._internal.bigints.fraction_from_str``), and the float forms
by ``float``. This covers each equilibrium's ``"profile"`` (one list of
probabilities per player, in strategy order) and ``"payoffs"``, and the
``"tolerance"`` of the report and of each equilibrium (``null`` when
exact). Only counts and indices are JSON integers: each equilibrium's
``"component"`` is the number (from 1) of the component of the
equilibrium set it is an extreme point of; equilibria with the same number
span a continuum. It is ``null`` for games of more than two players, where
components are not computed.

Exit status: 0 on success; 1 when the file cannot be read, parsed or
solved (a bad game file, a parametric game, a solver error), with one line,
``gametheory: error: ...``, on standard error; 2 for a usage error (no
command or an unknown one, a bad option, or a FILE that does not exist),
as ``argparse`` does.

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "pd.nfg"
>>> _ = path.write_text('NFG 1 R "PD" { "Row" "Col" } { { "C" "D" } { "C" "D" } } 3 3 5 0 0 5 1 1')
>>> main(["solve", str(path)])
# 1 equilibrium of pd.nfg, exact arithmetic
Row: D; Col: D; payoffs 1, 1
0

A degenerate game: after ``Hold`` the US is indifferent, so the US's
threats form a continuum of equilibria with three extreme points.

>>> _ = path.with_suffix(".efg").write_text(
...     'EFG 2 R "" { "Militia" "US" } "" p "" 1 1 "" { "Attack" "Hold" } 0'
...     ' p "" 2 1 "" { "Retaliate" "Absorb" "Withdraw" } 0'
...     ' t "" 1 "" { -1, -3 } t "" 2 "" { 2, -2 } t "" 3 "" { 4, -5 } t "" 0'
... )
>>> main(["solve", str(path.with_suffix(".efg"))])
# 4 equilibria of pd.efg, exact arithmetic
Militia: Hold; US: Retaliate 2/3, Absorb 1/3; payoffs 0, 0
Militia: Hold; US: Retaliate 4/5, Withdraw 1/5; payoffs 0, 0
Militia: Hold; US: Retaliate; payoffs 0, 0
Militia: Attack; US: Absorb; payoffs 2, -2
# note: equilibria 1, 2 and 3 are extreme points of one continuum of equilibria (component 1)
0

The same game in JSON:

>>> main(["solve", str(path.with_suffix(".efg")), "--format", "json"])  # doctest: +ELLIPSIS
{
  "file": ".../pd.efg",
  "arithmetic": "exact",
  "tolerance": null,
  ...
  "equilibria": [
    {
      "exact": true,
      "tolerance": null,
      "component": 1,
      "profile": [
        [
          "0",
          "1"
        ],
        [
          "2/3",
          "1/3",
          "0"
        ]
      ],
      "payoffs": [
        "0",
        "0"
      ]
    },
...
0
"""

from __future__ import annotations

import argparse
import json
import numbers
import pathlib
import sys
import warnings
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory import __version__
from gametheory._internal.bigints import int_to_str
from gametheory.exceptions import GameTheoryError, ParameterError, ResourceLimitError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.io.formats import has_decimals, read_game
from gametheory.solvers.results import Equilibrium

__all__ = ["main"]

_PROGRAM = "gametheory"

#: Each command and its one-line summary, for ``--help`` and the message when no command is given.
_COMMANDS = {
    "solve": "print every Nash equilibrium of a .nfg, .efg or .json game file",
    "report": "write a self-contained interactive HTML report of a .nfg, .efg or .json game file",
}

_EXIT_STATUS = """\
exit status:
  0  success
  1  the file cannot be read, parsed or solved (one line on standard error)
  2  usage error: no command or an unknown one, a bad option, or a FILE that does not exist
"""

_REPORT = """\
Write one self-contained HTML file (nothing is loaded from the network) about a game:
a parametric game's branches as formulas, thresholds, a regime map, a tornado chart
and sliders that re-evaluate the formulas in the page; a numeric game's equilibria."""
_SET = "a parameter's exact base value: 3, -1/2 or 0.25 (repeatable; parameters not set are 1)"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 on a bad file or a game the solvers cannot handle,
        2 on a bad command line (including a FILE that does not exist).

    Examples
    --------
    >>> main(["solve", "no-such-file.nfg"])
    2
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command not in _COMMANDS:
        return _no_command(parser)
    try:
        if args.command == "report":
            return _report(args)
        return _solve(pathlib.Path(args.file), exact=args.exact, output=args.format)
    except FileNotFoundError:
        return _fail(f"{args.file}: no such file", status=2)
    except OSError as error:
        return _fail(f"{args.file}: {error.strerror or error}")
    except GameTheoryError as error:
        return _fail(f"{args.file}: {error}")
    except RecursionError:
        return _fail(f"{args.file}: the game is nested too deeply")
    except Exception as error:  # a bug, but the command line still answers in one line
        return _fail(f"{args.file}: unexpected {type(error).__name__}: {error} (please report this)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROGRAM,
        description="Game-theoretic analysis from the command line.",
        epilog=_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{_PROGRAM} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    solve = commands.add_parser(
        "solve",
        help=_COMMANDS["solve"],
        description=(
            "Print every Nash equilibrium of a game file (trees through their reduced normal form).\n"
            "A closing '# note:' line names the equilibria that are extreme points of one continuum.\n"
            "In JSON output every probability, payoff and tolerance is a string: exact values as\n"
            "integers or ratios ('3/5'), float values as decimals ('0.6')."
        ),
        epilog=_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    solve.add_argument("file", metavar="FILE", help="a Gambit .nfg or .efg file, or a gametheory .json file")
    solve.add_argument("--exact", action="store_true", help="compute in exact arithmetic even if the file has decimals")
    solve.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    report = commands.add_parser("report", help=_COMMANDS["report"], description=_REPORT, epilog=_EXIT_STATUS)
    report.formatter_class = argparse.RawDescriptionHelpFormatter
    report.add_argument("file", metavar="FILE", help="a Gambit .nfg or .efg file, or a gametheory .json file")
    report.add_argument("--output", metavar="PATH", required=True, help="the HTML file to write")
    report.add_argument("--set", metavar="NAME=VALUE", action="append", default=[], help=_SET)
    return parser


def _report(args: argparse.Namespace) -> int:
    from gametheory.report.command import report_file

    print(f"wrote {report_file(args.file, args.output, settings=args.set)}")
    return 0


def _no_command(parser: argparse.ArgumentParser) -> int:
    """Say that a command is needed and which there are; return the usage-error status."""
    parser.print_usage(sys.stderr)
    print(f"{_PROGRAM}: error: no command given; the commands are:", file=sys.stderr)
    for name, summary in _COMMANDS.items():
        print(f"  {name:<8}{summary}", file=sys.stderr)
    print(f"Run '{_PROGRAM} COMMAND --help' for a command's options.", file=sys.stderr)
    return 2


def _fail(message: str, *, status: int = 1) -> int:
    line = " ".join(message.split())  # one line, however the message was wrapped
    first_line = line if len(line) <= 300 else line[:297] + "..."
    print(f"{_PROGRAM}: error: {first_line}", file=sys.stderr)
    return status


def _solve(path: pathlib.Path, *, exact: bool, output: str) -> int:
    from gametheory.games.reduction import to_normal_form

    game = read_game(path)
    decimals = has_decimals(path)
    if isinstance(game, ExtensiveFormGame):
        if game.is_parametric:
            raise ParameterError(_parametric_message(game.parameters))
        game = to_normal_form(game)
    if game.is_parametric:
        raise ParameterError(_parametric_message(game.parameters))
    if exact and not game.is_exact:
        game = _exact_game(game)
    elif decimals and not exact:
        try:
            game = NormalFormGame(game.float_payoffs(), players=game.players, strategies=game.strategies)
        except UnsupportedGameError:  # a decimal such as 1e400 is beyond floats: keep it exact
            print(
                f"{_PROGRAM}: warning: a payoff is beyond the float range; solving in exact arithmetic", file=sys.stderr
            )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        equilibria, components = _equilibria(game)
    for warning in caught:
        print(f"{_PROGRAM}: warning: {' '.join(str(warning.message).split())}", file=sys.stderr)
    # Exact games can still have irrational equilibria (N players), which come back as floats.
    tolerances = [eq.tolerance for eq in equilibria if eq.tolerance is not None]
    tolerance = max(tolerances) if tolerances else (None if game.is_exact else game.default_tolerance())
    if output == "json":
        print(json.dumps(_json_report(path, game, equilibria, components, tolerance), indent=2))
    else:
        count = f"{len(equilibria)} equilibri{'um' if len(equilibria) == 1 else 'a'}"
        if tolerance is None:
            arithmetic = "exact arithmetic"
        elif game.is_exact:
            arithmetic = (
                f"exact arithmetic; {len(tolerances)} irrational equilibri{'um' if len(tolerances) == 1 else 'a'}"
                f" in floating point (tolerance {tolerance:.3g})"
            )
        else:
            each = ", ".join(f"{t:.3g}" for t in game.player_tolerances())
            arithmetic = f"float arithmetic (tolerance {tolerance:.3g}; per player {each})"
        print(f"# {count} of {path.name}, {arithmetic}")
        for equilibrium in equilibria:
            print(equilibrium)
        for note in _continuum_notes(components):
            print(f"# note: {note}")
    return 0


def _equilibria(game: NormalFormGame) -> tuple[tuple[Equilibrium, ...], list[int] | None]:
    """Every extreme equilibrium, in the order of ``nash_equilibria``, and each one's component number (from 1).

    The component numbers are ``None`` for games of more than two players,
    and when grouping the equilibria would outgrow the memory budget.
    """
    from gametheory.solvers.components import equilibrium_components
    from gametheory.solvers.enumeration import nash_equilibria

    if game.num_players != 2:
        return nash_equilibria(game), None
    try:
        found = equilibrium_components(game)  # one enumeration gives both the equilibria and their grouping
    except ResourceLimitError as error:
        print(f"{_PROGRAM}: warning: equilibria not grouped into components: {error}", file=sys.stderr)
        return nash_equilibria(game), None
    number = {id(eq): k for k, component in enumerate(found, start=1) for eq in component.equilibria}
    # nash_equilibria lists the same records sorted by profile; components keep that order within and between them.
    equilibria = tuple(sorted((eq for component in found for eq in component.equilibria), key=Equilibrium.key))
    return equilibria, [number[id(eq)] for eq in equilibria]


def _continuum_notes(components: Sequence[int] | None) -> list[str]:
    """One sentence per component of more than one extreme equilibrium, numbering equilibria from 1."""
    if components is None:
        return []
    members: dict[int, list[int]] = {}
    for index, component in enumerate(components, start=1):
        members.setdefault(component, []).append(index)
    notes = []
    for component, indices in sorted(members.items()):
        if len(indices) > 1:
            listed = ", ".join(map(str, indices[:-1])) + f" and {indices[-1]}"
            notes.append(
                f"equilibria {listed} are extreme points of one continuum of equilibria (component {component})"
            )
    return notes


def _parametric_message(parameters: Sequence[Any]) -> str:
    names = ", ".join(p.name for p in parameters)
    return f"the game has parameters ({names}); substitute numbers for them before solving"


def _exact_game(game: NormalFormGame) -> NormalFormGame:
    payoffs = np.empty(game.payoffs.shape, dtype=object)
    payoffs.flat[:] = [Fraction(repr(float(x))) for x in game.payoffs.flat]
    return NormalFormGame(payoffs, players=game.players, strategies=game.strategies)


def _json_number(value: Any) -> str:
    """The one JSON form of a number: a string, ``"3"`` or ``"3/5"`` when exact, ``"0.6"`` for a float."""
    if isinstance(value, numbers.Rational) and not isinstance(value, bool | np.bool_):
        value = Fraction(int(value.numerator), int(value.denominator))
        numerator = int_to_str(value.numerator)  # str() stops at 4300 digits
        return numerator if value.denominator == 1 else f"{numerator}/{int_to_str(value.denominator)}"
    return repr(float(value))


def _json_tolerance(value: float | None) -> str | None:
    return None if value is None else _json_number(float(value))


def _json_report(
    path: pathlib.Path,
    game: NormalFormGame,
    equilibria: Sequence[Equilibrium],
    components: Sequence[int] | None,
    tolerance: float | None,
) -> dict[str, Any]:
    return {
        "file": str(path),
        "arithmetic": "exact" if game.is_exact else "float",
        "tolerance": _json_tolerance(tolerance),
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "equilibria": [
            {
                "exact": eq.tolerance is None,
                "tolerance": _json_tolerance(eq.tolerance),
                "component": None if components is None else components[k],
                "profile": [[_json_number(p) for p in strategy] for strategy in eq.profile],
                "payoffs": [_json_number(v) for v in eq.payoffs],
            }
            for k, eq in enumerate(equilibria)
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
