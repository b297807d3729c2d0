"""A game as one self-contained, interactive HTML report: :func:`write_report`."""

from __future__ import annotations

import itertools
import os
import pathlib
from collections.abc import Mapping
from typing import Any

from gametheory._internal.formatting import format_mix, format_number
from gametheory.exceptions import GameTheoryError, InvalidArgumentError, UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.normal_form import NormalFormGame
from gametheory.games.reduction import to_normal_form
from gametheory.report._analysis import (
    DEFAULT_VALUE,
    analysis_game,
    base_values,
    exact_text,
    parameter_infos,
    parametric_regimes,
    readable,
)
from gametheory.report._figures import (
    literal_text,
    matrix_figure,
    regime_map_figure,
    slider_ranges,
    tornado_figure,
    tree_figure,
)
from gametheory.report._page import figure, page, parametric_sections, section, table
from gametheory.solvers.enumeration import nash_equilibria
from gametheory.solvers.perfect_bayesian import perfect_bayesian_equilibria
from gametheory.solvers.subgame_perfect import subgame_perfect_equilibria

__all__ = ["write_report"]

#: Payoff tables with more cells than this are left out of the page.
MAX_TABLE_CELLS = 2500


def write_report(
    game: NormalFormGame | ExtensiveFormGame,
    path: str | os.PathLike[str],
    *,
    values: Mapping[Any, Any] | None = None,
    title: str | None = None,
) -> pathlib.Path:
    """Write a self-contained HTML report of a game: tables, formulas, figures and sliders, all inline.

    For a parametric game the page shows the payoffs, every equilibrium
    branch (normal form, through
    :func:`~gametheory.parametric.equilibria.parametric_equilibria`) or
    subgame-perfect regime (perfect-information tree, through
    :func:`~gametheory.parametric.subgame_perfect.subgame_perfect_regimes`)
    as formulas with their conditions, the exact thresholds of each
    parameter with the others at their base values, a regime map over the
    first two parameters, a tornado chart of the first player's payoff (in
    the equilibrium best for them), and one slider per parameter. Moving a
    slider re-evaluates every branch's conditions and formulas in the page
    (compiled to JavaScript; no server) and updates the regime, the
    equilibrium and the highlighted branch. The sliders decide relations in
    double precision, two sides counting as equal when they differ by no
    more than rounding can explain (``1e-12`` times the sides' size with
    every term made positive); the exact formulas are printed beside them. Opening ``report.html#R=3&c=1/2`` starts the
    sliders at those values. A tree of imperfect information is analysed by
    its perfect Bayesian regimes (beliefs included), or through its reduced
    normal form when :func:`~gametheory.perfect_bayesian_regimes` does not
    cover it; a numeric one lists its perfect Bayesian equilibria.

    A numeric game gets its equilibria (Nash for a game in normal form,
    subgame-perfect for a tree) and figures (the payoff matrix of a
    two-player game; the tree with an equilibrium's actions highlighted).

    The file loads nothing when viewed: figures are PNG ``data:`` URIs,
    style and script are inline, and every label is escaped.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game; payoffs may be numbers or formulas in parameters.
    path : str or path-like
        Where to write the HTML file (overwritten if it exists).
    values : mapping, optional
        Base values of parameters (Symbol or name to number); a parameter
        not given is set to 1. Floats are read as the decimals they print
        as (``0.1`` is 1/10).
    title : str, optional
        The page's title; by default the game's title, or "Game report".

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ParameterError
        If ``values`` names a parameter the game does not have, or gives a
        value that is not a finite real number.
    UnsupportedGameError
        If the game is not a game in normal form or a tree, or a parametric
        game outside what the parametric analysis handles (such as three
        players in normal form).
    ExpressionError
        If a formula uses a function the page cannot evaluate.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([["-c", "-c"], ["-R", 0]], [[1, 0], [1, 0]],
    ...                                     players=("US", "Militia"))
    >>> out = write_report(game, pathlib.Path(tempfile.mkdtemp()) / "report.html", values={"R": 2, "c": 1})
    >>> text = out.read_text()
    >>> "R ≥ c" in text, 'type="range"' in text, "http://" in text
    (True, True, False)
    """
    if not isinstance(game, NormalFormGame | ExtensiveFormGame):
        raise UnsupportedGameError(
            f"write_report takes a NormalFormGame or an ExtensiveFormGame, not {type(game).__name__}"
        )
    if title is not None and not isinstance(title, str):
        raise InvalidArgumentError(f"title must be a string, not {type(title).__name__}")
    base = base_values(game.parameters, values)
    heading = title or (game.title if isinstance(game, ExtensiveFormGame) and game.title else "Game report")
    with literal_text():
        text = _parametric_page(game, base, heading) if game.parameters else _numeric_page(game, heading)
    target = pathlib.Path(path)
    target.write_text(text, encoding="utf-8")
    return target


def _parametric_page(game: NormalFormGame | ExtensiveFormGame, base: dict[Any, Any], title: str) -> str:
    analysed = analysis_game(game)
    regimes = parametric_regimes(analysed, base)
    parameters = parameter_infos(analysed, base)
    ranges = slider_ranges(parameters)
    if isinstance(analysed, ExtensiveFormGame):
        kind = (
            "Subgame-perfect regimes (formulas)"
            if analysed.is_perfect_information
            else "Perfect Bayesian regimes (formulas)"
        )
    elif isinstance(game, ExtensiveFormGame):
        kind = "Equilibrium branches of the reduced normal form (formulas)"
    else:
        kind = "Equilibrium branches (formulas)"
    sections, data, formulas = parametric_sections(regimes, parameters, game.players, kind=kind)
    if isinstance(analysed, NormalFormGame):
        data["strategies"] = [list(s) for s in analysed.strategies]
    the_game = _game_section(game)
    first = game.players[0]
    figures = [
        section(
            "Regime map",
            figure(
                regime_map_figure(analysed, base, ranges),
                "Which branches hold where over the first two parameters, the others at their base values.",
                "regime map",
            ),
            anchor="regime-map",
        ),
        section(
            "Tornado chart",
            figure(
                tornado_figure(analysed, base, ranges, first),
                f"How {first}'s payoff (in the equilibrium best for {first}) moves as each parameter runs over its "
                "slider range, the others at their base values.",
                "tornado chart",
            ),
            anchor="tornado",
        ),
    ]
    listed = ", ".join(f"{s.name} = {exact_text(v)}" for s, v in base.items())
    subtitle = (
        f"{_kind(game)} · players {', '.join(game.players)} · base values {listed} "
        f"(parameters not given are {DEFAULT_VALUE})"
    )
    return page(title, subtitle, [the_game, *sections, *figures], data=data, formulas=formulas)


def _numeric_page(game: NormalFormGame | ExtensiveFormGame, title: str) -> str:
    parts = [_game_section(game)]
    if isinstance(game, ExtensiveFormGame):
        equilibria: tuple[Any, ...]
        if game.is_perfect_information:
            equilibria, what = subgame_perfect_equilibria(game), "Subgame-perfect equilibria"
        else:
            try:
                equilibria, what = perfect_bayesian_equilibria(game), "Perfect Bayesian equilibria"
            except GameTheoryError:
                equilibria = nash_equilibria(to_normal_form(game))
                what = "Nash equilibria of the reduced normal form"
        rows = [[k, str(eq)] for k, eq in enumerate(equilibria, start=1)]
        parts.append(section(what, table(["#", "Equilibrium"], rows, formula_columns=(1,)), anchor="equilibria"))
        shown = equilibria[0] if equilibria and hasattr(equilibria[0], "behavior") else None
        caption = "The tree, with the first equilibrium's actions in red." if shown is not None else "The tree."
        parts.append(section("Game tree", figure(tree_figure(game, shown), caption, "game tree"), anchor="figures"))
    else:
        found = nash_equilibria(game)
        rows = [[k, *_mix(eq), ", ".join(format_number(v) for v in eq.payoffs)] for k, eq in enumerate(found, 1)]
        header = ["#", *game.players, "Payoffs"]
        parts.append(section("Nash equilibria", table(header, rows, formula_columns=()), anchor="equilibria"))
        result = matrix_figure(game)
        if result[0] is not None or result[1]:
            caption = "Best responses in bold red; pure equilibria filled; mixed equilibria listed below."
            parts.append(section("Payoff matrix", figure(result, caption, "payoff matrix"), anchor="figures"))
    subtitle = f"{_kind(game)} · players {', '.join(game.players)}"
    return page(title, subtitle, parts)


def _mix(equilibrium: Any) -> list[str]:
    return [
        format_mix([labels[i] for i in used], [row[i] for i in used])
        for labels, row, used in zip(equilibrium.strategies, equilibrium.profile, equilibrium.support, strict=True)
    ]


def _kind(game: NormalFormGame | ExtensiveFormGame) -> str:
    numbers = "parametric" if game.parameters else "numeric"
    if isinstance(game, ExtensiveFormGame):
        return f"{numbers.capitalize()} game tree"
    return f"{numbers.capitalize()} game in normal form"


def _game_section(game: NormalFormGame | ExtensiveFormGame) -> str:
    if isinstance(game, ExtensiveFormGame):
        return section("The game", figure(tree_figure(game), "The game tree.", "game tree"), anchor="game")
    cells = game.payoffs.size
    if cells > MAX_TABLE_CELLS:
        body = f'<p class="note">The payoff table has {cells} entries and is not shown.</p>'
    elif game.num_players == 2:
        header = [f"{game.players[0]} \\ {game.players[1]}", *game.strategies[1]]
        rows = [
            [label, *(", ".join(readable(v) for v in game.payoffs[i, j]) for j in range(len(game.strategies[1])))]
            for i, label in enumerate(game.strategies[0])
        ]
        body = table(header, rows, formula_columns=tuple(range(1, len(header))))
    else:
        rows = []
        for index in _profiles(game):
            labels = [game.strategies[p][i] for p, i in enumerate(index)]
            rows.append([*labels, ", ".join(readable(v) for v in game.payoffs[index])])
        body = table([*game.players, "Payoffs"], rows, formula_columns=(game.num_players,))
    return section("The game", "<p>Payoffs, in player order.</p>" + body, anchor="game")


def _profiles(game: NormalFormGame) -> list[tuple[int, ...]]:
    return list(itertools.product(*(range(len(s)) for s in game.strategies)))
