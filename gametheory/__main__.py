"""The command line: ``python -m gametheory solve FILE [--exact] [--format json]``.

``solve`` prints every Nash equilibrium of a game file, the way
``gambit-enummixed`` does: a comment line saying how many there are and in
which arithmetic, then one line per equilibrium. Files may be Gambit
``.nfg`` or ``.efg`` files or this library's JSON (the format is recognised
by :func:`gametheory.io.read_game`: from the content, or else the extension). Trees are solved through
their reduced normal form.

Arithmetic: Gambit files are read exactly. A file whose numbers are all
integers or ratios (``3/4``) is solved exactly; a file with decimals
(``0.8``, ``1e-3``) is solved in floating point, with the tolerance stated,
unless ``--exact`` asks for exact arithmetic on the decimals as written.
JSON files keep their own kind (floats are floats), and ``--exact`` reads
their floats as the decimals they print as.

On a bad file the command prints one line, ``gametheory: error: ...``, to
standard error and exits with status 1 (2 for a bad command line).

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "pd.nfg"
>>> _ = path.write_text('NFG 1 R "PD" { "Row" "Col" } { { "C" "D" } { "C" "D" } } 3 3 5 0 0 5 1 1')
>>> main(["solve", str(path)])
# 1 equilibrium of pd.nfg, exact arithmetic
Row: D; Col: D; payoffs 1, 1
0
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import warnings
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory._internal.bigints import int_to_str
from gametheory.exceptions import GameTheoryError, ParameterError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.io.formats import has_decimals, read_game
from gametheory.solvers.results import Equilibrium

__all__ = ["main"]

_PROGRAM = "gametheory"


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
        2 on a bad command line.

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
    if args.command != "solve":
        parser.print_usage(sys.stderr)
        return 2
    try:
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
    parser = argparse.ArgumentParser(prog=_PROGRAM, description="Game-theoretic analysis from the command line.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    solve = commands.add_parser(
        "solve",
        help="print every Nash equilibrium of a .nfg, .efg or .json game file",
        description="Print every Nash equilibrium of a game file (trees through their reduced normal form).",
    )
    solve.add_argument("file", metavar="FILE", help="a Gambit .nfg or .efg file, or a gametheory .json file")
    solve.add_argument("--exact", action="store_true", help="compute in exact arithmetic even if the file has decimals")
    solve.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return parser


def _fail(message: str, *, status: int = 1) -> int:
    first_line = " ".join(message.split("\n", 1)[0].split())
    print(f"{_PROGRAM}: error: {first_line}", file=sys.stderr)
    return status


def _solve(path: pathlib.Path, *, exact: bool, output: str) -> int:
    from gametheory.games.reduction import to_normal_form
    from gametheory.solvers.enumeration import nash_equilibria

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
        equilibria = nash_equilibria(game)
    for warning in caught:
        print(f"{_PROGRAM}: warning: {' '.join(str(warning.message).split())}", file=sys.stderr)
    # Exact games can still have irrational equilibria (N players), which come back as floats.
    tolerances = [eq.tolerance for eq in equilibria if eq.tolerance is not None]
    tolerance = max(tolerances) if tolerances else (None if game.is_exact else game.default_tolerance())
    if output == "json":
        print(json.dumps(_json_report(path, game, equilibria, tolerance), indent=2))
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
    return 0


def _parametric_message(parameters: Sequence[Any]) -> str:
    names = ", ".join(p.name for p in parameters)
    return f"the game has parameters ({names}); substitute numbers for them before solving"


def _exact_game(game: NormalFormGame) -> NormalFormGame:
    payoffs = np.empty(game.payoffs.shape, dtype=object)
    payoffs.flat[:] = [Fraction(repr(float(x))) for x in game.payoffs.flat]
    return NormalFormGame(payoffs, players=game.players, strategies=game.strategies)


def _json_number(value: Any) -> Any:
    if isinstance(value, Fraction):
        if value.denominator == 1 and value.numerator.bit_length() <= 13_000:  # json.dumps stops at 4300 digits
            return value.numerator
        numerator = int_to_str(value.numerator)
        return numerator if value.denominator == 1 else f"{numerator}/{int_to_str(value.denominator)}"
    return float(value)


def _json_report(
    path: pathlib.Path, game: NormalFormGame, equilibria: Sequence[Equilibrium], tolerance: float | None
) -> dict[str, Any]:
    return {
        "file": str(path),
        "arithmetic": "exact" if game.is_exact else "float",
        "tolerance": tolerance,
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "equilibria": [
            {
                "exact": eq.tolerance is None,
                "tolerance": eq.tolerance,
                "profile": [[_json_number(p) for p in strategy] for strategy in eq.profile],
                "payoffs": [_json_number(v) for v in eq.payoffs],
            }
            for eq in equilibria
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
