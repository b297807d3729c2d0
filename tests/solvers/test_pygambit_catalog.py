"""Agreement with pygambit's exact ``enummixed`` on its game catalog and on random integer games.

The catalog ships inside the pygambit wheel; nothing is copied into this
repository. Extensive-form games are turned into their strategic form by
pygambit itself (``Game.to_arrays``), so this checks only the solver.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.components import equilibrium_components
from gametheory.solvers.enumeration import nash_equilibria

gbt = pytest.importorskip("pygambit")


def _two_player_catalog() -> list[str]:
    try:
        slugs = list(gbt.catalog.games()["Game"])
    except Exception:  # pragma: no cover - catalog needs pandas; absent in minimal installs
        return []
    chosen = []
    for slug in slugs:
        game = gbt.catalog.load(slug)
        if len(game.players) == 2 and (not game.is_tree or game.is_perfect_recall):
            chosen.append(slug)
    return chosen


CATALOG = _two_player_catalog()


def _ours(game: NormalFormGame) -> set:
    return {eq.key() for eq in nash_equilibria(game)}


def _theirs(gambit_game) -> set:
    found = set()
    for profile in gbt.nash.enummixed_solve(gambit_game, rational=True).equilibria:
        found.add(tuple(tuple(Fraction(profile[s]) for s in player.strategies) for player in gambit_game.players))
    return found


def _from_gambit(gambit_game) -> NormalFormGame:
    a, b = gambit_game.to_arrays(dtype=Fraction)
    return NormalFormGame.from_bimatrix(a, b)


def test_catalog_has_two_player_games():
    assert len(CATALOG) >= 20


@pytest.mark.parametrize("slug", CATALOG)
def test_catalog_game_agrees_with_enummixed(slug):
    gambit_game = gbt.catalog.load(slug)
    game = _from_gambit(gambit_game)
    assert _ours(game) == _theirs(gambit_game)
    # Every extreme equilibrium lands in exactly one component.
    assert sum(len(c.equilibria) for c in equilibrium_components(game)) == len(nash_equilibria(game))


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 5),
    st.integers(1, 5),
    st.integers(1, 6),
    st.integers(0, 2**32 - 1),
)
def test_random_integer_games_agree_with_enummixed(m, n, spread, seed):
    # Small payoff ranges make many games degenerate; large ones are generic.
    rng = np.random.default_rng(seed)
    a = rng.integers(-spread, spread + 1, (m, n))
    b = rng.integers(-spread, spread + 1, (m, n))
    gambit_game = gbt.Game.from_arrays(a.tolist(), b.tolist())
    assert _ours(NormalFormGame.from_bimatrix(a, b)) == _theirs(gambit_game)


def test_medium_integer_game_agrees_with_enummixed():
    rng = np.random.default_rng(2024)
    a = rng.integers(-20, 21, (7, 7))
    b = rng.integers(-20, 21, (7, 7))
    assert _ours(NormalFormGame.from_bimatrix(a, b)) == _theirs(gbt.Game.from_arrays(a.tolist(), b.tolist()))
