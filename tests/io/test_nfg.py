"""Gambit .nfg files: both versions, exact numbers, labels, errors, round trips."""

from __future__ import annotations

import io
import pathlib
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory.exceptions import ParseError, UnsupportedGameError
from gametheory.games.normal_form import NormalFormGame
from gametheory.io.nfg import generate_nfg, parse_nfg, read_nfg, write_nfg

# A 3 x 2 game written both ways. Profiles are listed with player 1 varying fastest:
# (1,1) (2,1) (3,1) (1,2) (2,2) (3,2).
PAYOFF_VERSION = """NFG 1 R "Two person 3 x 2 game" { "Player 1" "Player 2" } { 3 2 }
"a comment
over two lines"

1 1 0 2 0 2 1 1 0 3 2 0
"""

OUTCOME_VERSION = """NFG 1 R "Two person 3 x 2 game" { "Player 1" "Player 2" }

{ { "1" "2" "3" }
{ "1" "2" }
}
""

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""

EXPECTED_ROW = [[1, 1], [0, 0], [0, 2]]
EXPECTED_COLUMN = [[1, 1], [2, 3], [2, 0]]


def test_payoff_version_player_one_varies_fastest() -> None:
    game = parse_nfg(PAYOFF_VERSION)
    assert game.shape == (3, 2)
    assert game.strategies == (("1", "2", "3"), ("1", "2"))
    assert game.payoff_tensor(0).tolist() == EXPECTED_ROW
    assert game.payoff_tensor(1).tolist() == EXPECTED_COLUMN
    assert game.is_exact


def test_outcome_version_gives_the_same_game() -> None:
    assert parse_nfg(OUTCOME_VERSION) == parse_nfg(PAYOFF_VERSION)


def test_three_players_order() -> None:
    # 2 x 2 x 2: entry k of the list is profile (k % 2, (k // 2) % 2, k // 4).
    numbers = " ".join(f"{k} {10 * k} {100 * k}" for k in range(8))
    game = parse_nfg(f'NFG 1 R "" {{ "A" "B" "C" }} {{ 2 2 2 }} {numbers}')
    for k in range(8):
        profile = (k % 2, (k // 2) % 2, k // 4)
        assert game.payoffs[profile].tolist() == [k, 10 * k, 100 * k]


def test_numbers_are_exact() -> None:
    game = parse_nfg('NFG 1 D "" { "A" "B" } { 2 2 } 0.1 -3/4 .5 +2 1e2 -1.5E-1 -.25 7')
    assert game.is_exact
    assert game.payoffs[0, 0].tolist() == [Fraction(1, 10), Fraction(-3, 4)]
    assert game.payoffs[1, 0].tolist() == [Fraction(1, 2), 2]
    assert game.payoffs[0, 1].tolist() == [100, Fraction(-3, 20)]
    assert game.payoffs[1, 1].tolist() == [Fraction(-1, 4), 7]


def test_quoted_labels_with_escaped_quotes_and_spaces() -> None:
    text = (
        r'NFG 1 R "t" { "the \"US\"" "Militia, Iran-backed" } { { "Strike hard" "Re\\strain" } { "{Attack}" } } 1 2 3 4'
    )
    game = parse_nfg(text)
    assert game.players == ('the "US"', "Militia, Iran-backed")
    assert game.strategies == (("Strike hard", "Re\\strain"), ("{Attack}",))
    assert parse_nfg(generate_nfg(game)) == game


def test_empty_and_repeated_labels_are_made_unique_like_gambit() -> None:
    game = parse_nfg('NFG 1 R "" { "A" "A" } { { "" "x" "x" } { "y" } } 1 2 3 4 5 6')
    assert game.players == ("A_1", "A_2")
    assert game.strategies == (("_1", "x_1", "x_2"), ("y",))


def test_null_outcome_is_zero() -> None:
    game = parse_nfg('NFG 1 R "" { "A" "B" } { 2 1 } "" { { "o" 5 6 } } 0 1')
    assert game.payoffs[0, 0].tolist() == [0, 0]
    assert game.payoffs[1, 0].tolist() == [5, 6]


def test_generate_writes_payoff_version_with_labels() -> None:
    game = NormalFormGame.from_bimatrix(
        [[1, Fraction(-1, 2)]], [[3, 4]], players=("R", "C"), strategies=(("u",), ("l", "r"))
    )
    text = generate_nfg(game, title="My game", comment="note")
    assert text.splitlines()[:3] == ['NFG 1 R "My game" { "R" "C" }', '{ { "u" } { "l" "r" } }', '"note"']
    assert text.split("\n\n")[1].split() == ["1", "3", "-1/2", "4"]


def test_float_game_writes_shortest_decimals() -> None:
    game = NormalFormGame.from_bimatrix([[0.1, 2.0]], [[1e-20, -3.5]])
    back = parse_nfg(generate_nfg(game))
    assert back.is_exact
    assert back.payoffs[0, 0, 0] == Fraction(1, 10)
    assert np.array_equal(back.float_payoffs(), game.float_payoffs())


def test_parametric_game_cannot_be_written() -> None:
    game = NormalFormGame.from_bimatrix([["-c", 0]], [["b", 0]])
    with pytest.raises(UnsupportedGameError, match="substitute"):
        generate_nfg(game)


def test_write_to_path_and_read_back(tmp_path: pathlib.Path) -> None:
    game = parse_nfg(PAYOFF_VERSION)
    path = tmp_path / "game.nfg"
    write_nfg(game, path)
    assert read_nfg(path) == game
    assert read_nfg(str(path)) == game


def test_read_from_text_and_binary_file_objects() -> None:
    assert read_nfg(io.StringIO(PAYOFF_VERSION)) == parse_nfg(PAYOFF_VERSION)
    assert read_nfg(io.BytesIO(PAYOFF_VERSION.encode())) == parse_nfg(PAYOFF_VERSION)


def test_write_to_binary_file_object() -> None:
    buffer = io.BytesIO()
    write_nfg(parse_nfg(PAYOFF_VERSION), buffer)
    assert parse_nfg(buffer.getvalue().decode()) == parse_nfg(PAYOFF_VERSION)


# ---------------------------------------------------------------- errors: one test per case


def _error(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse_nfg(text)
    return info.value


def test_error_wrong_file_type() -> None:
    error = _error('EFG 2 R "" { "A" }')
    assert (error.line, error.column) == (1, 1)
    assert "NFG" in str(error)


def test_error_wrong_version() -> None:
    error = _error('NFG 2 R "" { "A" "B" } { 1 1 } 1 2')
    assert (error.line, error.column) == (1, 5)


def test_error_wrong_number_type() -> None:
    assert _error('NFG 1 X "" { "A" "B" } { 1 1 } 1 2').column == 7


def test_error_missing_title() -> None:
    assert "title" in str(_error('NFG 1 R { "A" "B" } { 1 1 } 1 2'))


def test_error_too_few_payoffs() -> None:
    error = _error('NFG 1 R "" { "A" "B" }\n{ 2 2 }\n1 2 3')
    assert "expected 8 payoffs" in str(error)
    assert error.line == 3


def test_error_trailing_tokens() -> None:
    error = _error('NFG 1 R "" { "A" "B" } { 1 1 }\n1 2\n3')
    assert (error.line, error.column) == (3, 1)
    assert "end of the file" in str(error)


def test_error_text_instead_of_payoff() -> None:
    error = _error('NFG 1 R "" { "A" "B" } { 1 1 }\n1 x')
    assert (error.line, error.column) == (2, 3)


def test_error_outcome_index_out_of_range() -> None:
    error = _error('NFG 1 R "" { "A" "B" } { 1 2 } "" { { "o" 1 2 } }\n1 2')
    assert (error.line, error.column) == (2, 3)
    assert "between 0 and 1" in str(error)


def test_error_outcome_with_too_few_payoffs() -> None:
    assert "'}'" in str(_error('NFG 1 R "" { "A" "B" "C" } { 1 1 1 } "" { { "o" 1 2 } } 1'))


def test_error_unterminated_string() -> None:
    error = _error('NFG 1 R "" { "A" "B } { 1 1 } 1 2')
    assert (error.line, error.column) == (1, 18)
    assert "quoted" in str(error)


def test_error_malformed_number() -> None:
    error = _error('NFG 1 R "" { "A" "B" } { 1 1 } 1 2x')
    assert "malformed number '2x'" in str(error)


def test_error_zero_denominator() -> None:
    assert "malformed number '1/0'" in str(_error('NFG 1 R "" { "A" "B" } { 1 1 } 1/0 2'))


def test_error_zero_strategies() -> None:
    assert "at least 1" in str(_error('NFG 1 R "" { "A" "B" } { 0 1 }'))


def test_error_fractional_strategy_count() -> None:
    assert "integer" in str(_error('NFG 1 R "" { "A" "B" } { 1.5 1 } 1 2'))


def test_error_player_without_strategy_labels() -> None:
    assert "no strategies" in str(_error('NFG 1 R "" { "A" "B" } { { } { "x" } } 1 2'))


def test_error_single_player() -> None:
    error = _error('NFG 1 R "" { "A" } { 2 } 1 2')
    assert "two players" in str(error) or "N >= 2" in str(error)
    assert error.line == 1


def test_error_too_many_players() -> None:
    names = " ".join(f'"p{k}"' for k in range(70))
    error = _error(f'NFG 1 R "" {{ {names} }} {{ {" ".join(["1"] * 70)} }} {" ".join(["0"] * 70)}')
    assert "70 players" in str(error)


def test_error_huge_declared_size_fails_fast() -> None:
    assert "payoffs" in str(_error('NFG 1 R "" { "A" "B" } { 99999999 99999999 } 1 2'))


def test_error_empty_text() -> None:
    assert _error("").line == 1


def test_error_not_utf8() -> None:
    with pytest.raises(ParseError, match="UTF-8"):
        read_nfg(io.BytesIO(b'NFG 1 R "\xff" { "A" "B" } { 1 1 } 1 2'))


# ---------------------------------------------------------------- round trips

labels = st.text(min_size=1, max_size=6)


@st.composite
def games(draw: st.DrawFn, *, numbers: st.SearchStrategy) -> NormalFormGame:
    num_players = draw(st.integers(2, 3))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(num_players))
    size = int(np.prod(shape)) * num_players
    values = draw(st.lists(numbers, min_size=size, max_size=size))
    payoffs = np.empty(size, dtype=object)
    payoffs[:] = values
    players = draw(st.lists(labels, min_size=num_players, max_size=num_players, unique=True))
    strategies = [draw(st.lists(labels, min_size=n, max_size=n, unique=True)) for n in shape]
    return NormalFormGame(payoffs.reshape((*shape, num_players)), players=players, strategies=strategies)


exact_numbers = st.fractions(min_value=-1000, max_value=1000, max_denominator=50) | st.integers(-(10**30), 10**30)
float_numbers = st.floats(allow_nan=False, allow_infinity=False, width=64)


@given(games(numbers=exact_numbers), st.text(max_size=10), st.text(max_size=10))
def test_round_trip_exact_games(game: NormalFormGame, title: str, comment: str) -> None:
    assert parse_nfg(generate_nfg(game, title=title, comment=comment)) == game


@given(games(numbers=float_numbers))
def test_round_trip_float_games_recovers_every_float(game: NormalFormGame) -> None:
    back = parse_nfg(generate_nfg(game))
    assert back.players == game.players
    assert back.strategies == game.strategies
    assert np.array_equal(back.float_payoffs(), game.float_payoffs())


@given(games(numbers=exact_numbers))
def test_outcome_version_agrees_with_payoff_version(game: NormalFormGame) -> None:
    # Re-express the payoff body as one outcome per profile, in Gambit's profile order.
    text = generate_nfg(game)
    header, body = text.split("\n\n")
    numbers = body.split()
    n = game.num_players
    outcomes = [numbers[k : k + n] for k in range(0, len(numbers), n)]
    listing = " ".join('{ "" ' + ", ".join(o) + " }" for o in outcomes)
    indices = " ".join(str(k + 1) for k in range(len(outcomes)))
    assert parse_nfg(f"{header}\n{{ {listing} }}\n{indices}\n") == game


def test_error_wrong_version_names_the_supported_one() -> None:
    assert "only version 1 of the .nfg format is supported" in str(_error('NFG 2 R "" { "A" } { 1 } 1'))


def test_error_player_without_strategy_labels_points_at_the_list() -> None:
    error = _error('NFG 1 R "" { "A" "B" } { { "x" } { } } 1 2')
    assert "player 2 has no strategies" in str(error)
    assert (error.line, error.column) == (1, 34)  # the "{" opening player 2's labels


def test_error_unclosed_strategy_labels() -> None:
    assert "a quoted strategy label or '}'" in str(_error('NFG 1 R "" { "A" } { { "x" 1 } } 1'))


def test_a_decimal_beyond_the_float_range_is_read_exactly() -> None:
    game = parse_nfg('NFG 1 R "" { "A" "B" } { 2 2 } 1e400 1 0 0 0 0 1 1')
    assert game.is_exact
    assert game.payoffs[0, 0, 0] == 10**400


@pytest.mark.parametrize(
    "huge", [10**5000 + 1, -(7**6000), Fraction(10**4400 + 1, 3**9001)], ids=["int", "negative", "ratio"]
)
def test_numbers_of_over_4300_digits_round_trip(huge: Fraction) -> None:
    game = NormalFormGame.from_bimatrix([[huge, 0], [0, 1]], [[1, 0], [0, huge]])
    assert parse_nfg(generate_nfg(game)) == game
