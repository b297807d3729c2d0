"""Symbolic perfect Bayesian regimes against hand derivations and the numeric solver."""

from __future__ import annotations

import functools
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import UnsupportedGameError, perfect_bayesian_equilibria, perfect_bayesian_regimes
from gametheory.exceptions import InvalidArgumentError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.parametric import full_dimensional
from gametheory.scenarios import militia_control

p, b, R, c, m = sympy.symbols("p b R c m", positive=True)


def beer_quiche() -> ExtensiveFormGame:
    """Cho and Kreps with a symbolic prior p of Strong and a symbolic value b of not being challenged."""

    def receiver(t: str, msg: str) -> object:
        liked = 1 if (t == "Strong") == (msg == "Beer") else 0
        return decision(
            "Receiver",
            {"Duel": terminal(liked, 1 if t == "Weak" else -1), "Retreat": terminal(liked + b, 0)},
            infoset=f"after {msg}",
        )

    def sender(t: str) -> object:
        return decision("Sender", {"Beer": receiver(t, "Beer"), "Quiche": receiver(t, "Quiche")}, infoset=t)

    return ExtensiveFormGame(chance({"Strong": (p, sender("Strong")), "Weak": (1 - p, sender("Weak"))}))


def by_behavior(regimes: tuple) -> dict:
    return {r.behavior: r for r in regimes}


def test_beer_quiche_pooling_on_beer_by_hand() -> None:
    # Sets in tree order: Strong, after Beer, after Quiche, Weak.
    regimes = by_behavior(perfect_bayesian_regimes(beer_quiche()))
    beer = regimes[("Beer", "Retreat", "Duel", "Beer")]
    assert beer.kind == "pooling"
    # Retreating after beer needs P(Strong) = p >= 1/2 (a duel pays 1 - 2p); Weak stays with beer (b) rather
    # than quiche against a duel (1) when b >= 1; the duel after quiche needs P(Strong | quiche) <= 1/2.
    assert sympy.simplify(beer.conditions.xreplace({p: F(3, 4), b: 2})) is sympy.true
    assert beer.holds_at({"p": F(1, 2), "b": 1})
    assert not beer.holds_at({"p": F(2, 5), "b": 2})
    assert not beer.holds_at({"p": F(3, 4), "b": F(1, 2)})
    assert beer.beliefs["after Beer"] == (p, 1 - p)
    mu = beer.belief_symbols["after Quiche"]
    assert beer.off_path["after Quiche"] == (mu <= sympy.Rational(1, 2))
    assert (
        beer.payoffs == (sympy.factor(p * (1 + b) + (1 - p) * b), 0) or sympy.simplify(beer.payoffs[0] - (p + b)) == 0
    )
    assert "after Quiche (off path) Receiver believes Strong with probability <= 1/2" in str(beer)
    # The quiche pooling is the mirror image: Strong must be deterred from beer, which needs b >= 1 too.
    quiche = regimes[("Quiche", "Duel", "Retreat", "Quiche")]
    assert quiche.holds_at({"p": F(3, 4), "b": 2})
    assert not quiche.holds_at({"p": F(3, 4), "b": F(1, 2)})
    # Separating (each type its favourite, Weak dueled) needs Weak to prefer quiche and a duel (1) to
    # beer and peace (b): b <= 1.
    separating = regimes[("Beer", "Retreat", "Duel", "Quiche")]
    assert separating.kind == "separating"
    assert separating.beliefs["after Beer"] == (1, 0)
    assert separating.beliefs["after Quiche"] == (0, 1)
    assert separating.holds_at({"p": F(1, 9), "b": 1})
    assert not separating.holds_at({"p": F(1, 9), "b": F(11, 10)})


def test_militia_control_threshold_by_hand() -> None:
    # With belief mu that Iran controls, hitting Iran gives -c - (1 - mu) m and hitting the militia -mu R:
    # the US hits Iran iff mu >= (c + m) / (R + m).
    tree = militia_control(attack_gain=1, restraint_cost=3, iran_loss=1, militia_loss=2)
    (pooling,) = [r for r in perfect_bayesian_regimes(tree) if r.kind == "pooling"]
    assert pooling.behavior == (
        "Measured attack",
        "Retaliate against Iran",
        "Retaliate against the militia",
        "Measured attack",
    )
    mu = pooling.belief_symbols["after Lethal attack"]
    assert pooling.off_path["after Lethal attack"] == (mu <= (c + m) / (R + m))
    threshold = sympy.solve(sympy.Eq(R * p + m * p, c + m), p)[0]
    assert sympy.simplify(threshold - (c + m) / (R + m)) == 0
    point = {"R": 3, "c": 1, "m": 1}
    assert pooling.holds_at({**point, "p": F(1, 2)})
    assert not pooling.holds_at({**point, "p": F(49, 100)})
    assert pooling.supports({**point, "p": F(3, 4)}, {"after Lethal attack": F(1, 2)})
    assert not pooling.supports({**point, "p": F(3, 4)}, {"after Lethal attack": F(3, 5)})
    # The prior's bounds are part of the conditions.
    assert not pooling.holds_at({**point, "p": 1})


POSITIVE = st.fractions(min_value=F(1, 10), max_value=5, max_denominator=12)
PRIOR = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)
NAMES = ("R", "c", "e", "g", "k", "l", "m")


@pytest.fixture(scope="module")
def militia_regimes() -> tuple:
    return perfect_bayesian_regimes(militia_control())


def _exact(expr: sympy.Expr, point: dict) -> F:
    value = sympy.cancel(expr.xreplace({s: sympy.Rational(str(point[s.name])) for s in expr.free_symbols}))
    return F(int(value.p), int(value.q))


def _numeric_profile(regime: object, point: dict) -> tuple:
    return tuple(tuple(_exact(sympy.sympify(v), point) for v in vector) for vector in regime.profile)


def _on_a_tie(regimes: tuple, point: dict) -> bool:
    for regime in regimes:
        for atom in regime.conditions.atoms(sympy.core.relational.Relational):
            values = {s: sympy.Rational(str(point[s.name])) for s in atom.free_symbols}
            if sympy.expand((atom.lhs - atom.rhs).xreplace(values)) == 0:
                return True
    return False


def _check_point(regimes: tuple, point: dict, build: object = militia_control) -> None:
    """The pure regimes holding at ``point`` are exactly the numeric solver's pure equilibria; every regime
    holding is a numeric equilibrium with the same beliefs, kind and payoffs; away from ties every numeric
    equilibrium outcome is a regime's."""
    tree = build().substitute(point)  # type: ignore[operator]
    numeric = perfect_bayesian_equilibria(tree)
    every = {tuple(tuple(F(v) for v in x) for x in e.profile): e for e in numeric}
    holding = {_numeric_profile(r, point): r for r in regimes if r.holds_at(point)}
    pure = {k for k in every if all(v in (0, 1) for x in k for v in x)}
    assert {k for k in holding if all(v in (0, 1) for x in k for v in x)} == pure
    # Every regime holding is a numeric equilibrium; away from ties (where more kinds of mixing appear), every
    # numeric equilibrium in which a sender mixes is a regime, and every equilibrium outcome is some regime's.
    assert set(holding) <= set(every)
    if not _on_a_tie(regimes, point):
        assert {k for k, e in every.items() if e.kind == "semi-separating"} <= set(holding)
        payoffs = {tuple(_exact(v, point) for v in r.payoffs) for r in holding.values()}
        assert {tuple(e.payoffs.tolist()) for e in every.values()} <= payoffs
    for profile, regime in holding.items():
        pbe = every[profile]
        assert pbe.kind == regime.kind
        for name, belief in regime.beliefs.items():
            assert tuple(_exact(sympy.sympify(v), point) for v in belief) == tuple(pbe.beliefs[name])
        for name, region in pbe.belief_regions.items():
            if region.pinned is not None or regime.belief_symbols.get(name) is None:
                continue
            low, high = region.interval
            assert regime.supports(point, {name: low})
            assert regime.supports(point, {name: high})
            if low > 0:
                assert not regime.supports(point, {name: low - F(1, 1000)})
            if high < 1:
                assert not regime.supports(point, {name: high + F(1, 1000)})
        assert tuple(_exact(sympy.sympify(v), point) for v in regime.payoffs) == tuple(pbe.payoffs.tolist())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.tuples(*[POSITIVE] * len(NAMES)), prior=PRIOR)
def test_regimes_are_exactly_the_numeric_equilibria(militia_regimes: tuple, values: tuple, prior: F) -> None:
    _check_point(militia_regimes, {**dict(zip(NAMES, values, strict=True)), "p": prior})


@settings(max_examples=15, deadline=None)
@given(value=POSITIVE, prior=PRIOR)
def test_beer_quiche_regimes_are_the_numeric_equilibria(value: F, prior: F) -> None:
    _check_point(_beer_quiche_regimes(), {"b": value, "p": prior}, beer_quiche)


@functools.cache
def _beer_quiche_regimes() -> tuple:
    return perfect_bayesian_regimes(beer_quiche())


def test_semi_separating_regime_by_hand(militia_regimes: tuple) -> None:
    # The autonomous militia mixes; after a measured attack the US is indifferent at the belief
    # (c + m)/(R + m) = 1/2, which Bayes' rule gives when the autonomous type sends it with probability
    # sigma = p (R - c) / ((1 - p)(c + m)) = 1/3; the US hits Iran with probability g/l = 1/2 after it.
    point = {"R": 3, "c": 1, "m": 1, "g": 1, "l": 2, "e": 3, "k": 1, "p": F(1, 4)}
    (semi,) = [r for r in militia_regimes if r.kind == "semi-separating" and r.holds_at(point)]
    assert _numeric_profile(semi, point) == ((1, 0), (F(1, 2), F(1, 2)), (0, 1), (F(1, 3), F(2, 3)))
    assert semi.beliefs["after Measured attack"] == ((c + m) / (R + m), (R - c) / (R + m))
    _check_point(militia_regimes, point)


def test_pooling_supported_only_by_a_mixed_answer_off_the_path(militia_regimes: tuple) -> None:
    # Pooling on measured attacks, answered by retaliation against Iran (p = 3/4 >= (c + m)/(R + m) = 1/2).
    # After a lethal attack, retaliating against Iran for sure would tempt the autonomous militia
    # (g = 1 > 0) and against the militia for sure the one Iran controls (g - e - l = -11/4 > -k = -3):
    # the US must mix, retaliating against Iran with probability at least (e + l - g - k)/(l - k) = 1/4.
    point = {"R": 3, "c": 1, "m": 1, "g": 1, "l": 2, "e": F(7, 4), "k": 3, "p": F(3, 4)}
    holding = [r for r in militia_regimes if r.holds_at(point)]
    assert all(r.kind == "pooling" for r in holding)
    (mixed,) = [r for r in holding if "mixes" in r.label]
    assert _numeric_profile(mixed, point) == ((1, 0), (1, 0), (F(1, 4), F(3, 4)), (1, 0))
    symbol = mixed.belief_symbols["after Lethal attack"]
    assert mixed.off_path["after Lethal attack"] == sympy.Eq(symbol, (c + m) / (R + m))
    assert "US believes Iran controls with probability (c + m)/(R + m)" in str(mixed)
    _check_point(militia_regimes, point)


def test_labels_are_unique_and_readable(militia_regimes: tuple) -> None:
    labels = [r.label for r in militia_regimes]
    assert len(set(labels)) == len(labels)
    kinds = ("Pooling: Iran controls -> ", "Separating: Iran controls -> ", "Semi-separating: ")
    assert all(label.startswith(kinds) for label in labels)
    assert "Separating: Iran controls -> Measured attack -> Retaliate against Iran; " in labels[1]
    assert sum("off path" in label for label in labels) >= 2


def test_keep_full_dimensional() -> None:
    tree = ExtensiveFormGame(
        chance(
            {
                "A": (p, decision("X", {"u": terminal(1, 0), "v": terminal(1, 0)}, infoset="h")),
                "B": (1 - p, decision("X", {"u": terminal(0, 0), "v": terminal(0, 0)}, infoset="h")),
            }
        ),
        players=("X", "Y"),
    )
    everything = perfect_bayesian_regimes(tree)
    assert len(everything) == 2
    assert len(perfect_bayesian_regimes(tree, keep="full-dimensional")) == 2
    assert full_dimensional(everything) == everything
    with pytest.raises(InvalidArgumentError):
        perfect_bayesian_regimes(tree, keep="some")


def test_ties_are_measure_zero() -> None:
    # Striking costs (R - c)**2 whoever attacked: it is optimal only on the tie R = c.
    us = decision("US", {"Strike": terminal(-((R - c) ** 2), 0), "Wait": terminal(0, 0)}, infoset="attack")
    tree = ExtensiveFormGame(chance({"O": (p, us), "N": (1 - p, us)}), players=("US", "Iran"))
    regimes = perfect_bayesian_regimes(tree)
    assert [r.behavior for r in regimes] == [("Strike",), ("Wait",)]
    assert regimes[0].holds_at({"p": F(1, 2), "R": 1, "c": 1})
    assert not regimes[0].holds_at({"p": F(1, 2), "R": 2, "c": 1})
    assert [r.behavior for r in perfect_bayesian_regimes(tree, keep="full-dimensional")] == [("Wait",)]


def test_three_node_off_path_sets_are_refused() -> None:
    def receiver(t: int) -> object:
        return decision("R", {"x": terminal(t, t), "y": terminal(0, 1 - t)}, infoset="after m")

    def sender(t: int) -> object:
        return decision("S", {"m": receiver(t), "n": terminal(1, 0)}, infoset=f"type {t}")

    tree = ExtensiveFormGame(chance({f"t{t}": (F(1, 3), sender(t)) for t in range(3)}), players=("R", "S"))
    with pytest.raises(UnsupportedGameError, match="at most 2"):
        perfect_bayesian_regimes(tree)
    with pytest.raises(UnsupportedGameError):
        perfect_bayesian_regimes("not a tree")  # type: ignore[arg-type]


def _two_by_two(payoffs: dict) -> ExtensiveFormGame:  # type: ignore[type-arg]
    """A 2-type, 2-message, 2-response signalling game with prior p of type A (found in review)."""

    def sender(t: str) -> object:
        return decision(
            "S",
            {m: decision("R", {r: terminal(*payoffs[(t, m, r)]) for r in "uv"}, infoset=f"after {m}") for m in "xy"},
            infoset=t,
        )

    return ExtensiveFormGame(chance({"A": ("p", sender("A")), "B": ("1 - p", sender("B"))}), players=("S", "R"))


def test_hybrid_equilibria_where_both_types_and_the_receiver_mix_are_regimes() -> None:
    tree = _two_by_two(
        {
            ("A", "x", "u"): (0, "2 - a"),
            ("A", "x", "v"): (3, "1 + 2*a"),
            ("A", "y", "u"): (-2, -3),
            ("A", "y", "v"): (1, -2),
            ("B", "x", "u"): (-2, "2 + 2*a"),
            ("B", "x", "v"): (3, 1),
            ("B", "y", "u"): (-1, "2 + a"),
            ("B", "y", "v"): ("-3 - a", -3),
        }
    )
    point = {"a": F(-90, 101), "p": F(10, 37)}
    (hybrid,) = [r for r in perfect_bayesian_regimes(tree) if r.label.startswith("Hybrid")]
    assert hybrid.holds_at(point)
    values = {s: sympy.Rational(point[s.name]) for s in tree.parameters}
    profile = [tuple(sympy.Rational(sympy.sympify(v).xreplace(values)) for v in vector) for vector in hybrid.profile]
    numeric = tree.fix_parameters(point)
    equilibria = perfect_bayesian_equilibria(numeric)
    found = [tuple(tuple(sympy.Rational(p) for p in v) for v in eq.profile) for eq in equilibria]
    assert tuple(profile) in found
    assert hybrid.kind == "semi-separating"


def test_a_receiver_indifferent_after_one_type_does_not_break_the_mixed_regimes() -> None:
    """The indifference belief is 0 here: no semi-separating candidate, and no division by zero."""
    tree = _two_by_two(
        {
            ("A", "x", "u"): (1, "a"),
            ("A", "x", "v"): (0, 0),
            ("A", "y", "u"): (0, 1),
            ("A", "y", "v"): (0, 0),
            ("B", "x", "u"): (1, 0),
            ("B", "x", "v"): (0, 0),
            ("B", "y", "u"): (0, 0),
            ("B", "y", "v"): (1, 1),
        }
    )
    regimes = perfect_bayesian_regimes(tree)
    assert regimes
    assert all(sympy.Symbol("zoo") not in r.conditions.free_symbols for r in regimes)
