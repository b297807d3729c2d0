"""Perfect Bayesian equilibria, their beliefs, and the signalling refinements, against hand derivations."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, given, settings

from gametheory import (
    InvalidProfileError,
    NormalFormGame,
    UnsupportedGameError,
    is_bayes_consistent,
    is_nash,
    is_sequentially_rational,
    perfect_bayesian_equilibria,
    satisfies_d1,
    satisfies_intuitive_criterion,
    to_normal_form,
    tree_equilibria,
)
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import chance, decision, terminal
from gametheory.solvers.sequence_form import sequence_form_regret
from gametheory.strategies import game_trees
from tests.support import imperfect_recall_tree


def beer_quiche(strong: str = "9/10") -> ExtensiveFormGame:
    """Cho and Kreps: the sender gets 1 for its favourite breakfast (Strong: beer, Weak: quiche) and 2 if not
    challenged; the receiver gets 1 for dueling Weak, -1 for dueling Strong, 0 for retreating."""

    def receiver(t: str, m: str) -> object:
        liked = 1 if (t == "Strong") == (m == "Beer") else 0
        return decision(
            "Receiver",
            {"Duel": terminal(liked, 1 if t == "Weak" else -1), "Retreat": terminal(liked + 2, 0)},
            infoset=f"after {m}",
        )

    def sender(t: str) -> object:
        return decision("Sender", {"Beer": receiver(t, "Beer"), "Quiche": receiver(t, "Quiche")}, infoset=t)

    return ExtensiveFormGame(chance({"Strong": (strong, sender("Strong")), "Weak": (f"1 - {strong}", sender("Weak"))}))


def check(tree: ExtensiveFormGame, pbe: object) -> None:
    """The defining properties: Nash, sequentially rational given the reported beliefs, Bayes on the path."""
    if tree.num_players == 2:
        assert all(r == 0 for r in sequence_form_regret(tree, pbe.profile))
    beliefs = dict(pbe.beliefs)
    for name, region in pbe.belief_regions.items():
        beliefs[name] = region.some_belief()
        assert region.contains(beliefs[name])
    assert is_sequentially_rational(tree, pbe, beliefs)
    assert is_bayes_consistent(tree, pbe, beliefs)


def by_profile(results: tuple) -> dict:
    return {tuple(tuple(v.tolist()) for v in r.profile): r for r in results}


# Information sets in tree order: Sender [Strong], after Beer, after Quiche, Sender [Weak].
BEER = ((1, 0), (0, 1), (1, 0), (1, 0))


def test_beer_quiche_two_pooling_families_with_exact_thresholds() -> None:
    tree = beer_quiche()
    results = perfect_bayesian_equilibria(tree)
    assert len(results) == 4
    assert all(r.kind == "pooling" and r.is_exact for r in results)
    for r in results:
        check(tree, r)
    found = by_profile(results)
    # Pooling on beer: Weak gets 2 and would get 1 + 2 (1 - d) from quiche, so the duel probability d
    # after quiche must be >= 1/2, which needs P(Strong | quiche) <= 1/2.
    beer = found[BEER]
    assert beer.beliefs["after Beer"] == (F(9, 10), F(1, 10))
    assert beer.belief_regions["after Quiche"].interval == (0, F(1, 2))
    assert str(beer.belief_regions["after Quiche"]) == "after Quiche, Receiver believes Strong with probability <= 1/2"
    assert beer.payoffs.tolist() == [F(29, 10), 0]
    half = found[((1, 0), (0, 1), (F(1, 2), F(1, 2)), (1, 0))]
    assert half.belief_regions["after Quiche"].interval == (F(1, 2), F(1, 2))
    # Pooling on quiche: the mirror image, Strong must be deterred from beer.
    quiche = found[((0, 1), (1, 0), (0, 1), (0, 1))]
    assert quiche.belief_regions["after Beer"].interval == (0, F(1, 2))
    assert quiche.supports({"after Beer": (F(1, 4), F(3, 4))})
    assert not quiche.supports({"after Beer": (F(3, 4), F(1, 4))})
    assert "off the path: after Beer, Receiver believes Strong with probability <= 1/2" in str(quiche)


def test_intuitive_criterion_and_d1_remove_the_quiche_pooling() -> None:
    tree = beer_quiche()
    for pbe in perfect_bayesian_equilibria(tree):
        on_beer = pbe.profile[0][0] == 1
        intuitive, d1 = satisfies_intuitive_criterion(tree, pbe), satisfies_d1(tree, pbe)
        assert bool(intuitive) is on_beer
        # D1 deletes Strong at quiche (Weak gains whenever Strong would), so the belief after quiche is
        # Weak for sure: a duel, not the mixture that needs P(Strong) = 1/2.
        assert bool(d1) is (by_profile((pbe,)).keys() == {BEER})
        if not on_beer:
            assert (intuitive.off_path_message, intuitive.sender_type, intuitive.excluded_types) == (
                "Beer",
                "Strong",
                ("Weak",),
            )
            assert d1.off_path_message == "Beer"
            assert d1.excluded_types == ("Weak",)
            assert "Strong would send Beer" in str(intuitive)


def test_semi_separating_beer_quiche_with_a_weak_prior() -> None:
    # With P(Strong) = 1/3 no pooling survives: Strong drinks beer; Weak mixes so that P(Strong | beer) = 1/2
    # (1/3 / (1/3 + 2/3 q) = 1/2 gives q = 1/2); the receiver duels after beer with probability 1/2, which
    # makes Weak indifferent (2 (1 - 1/2) = 1 from quiche met by a duel).
    tree = beer_quiche("1/3")
    (pbe,) = perfect_bayesian_equilibria(tree)
    check(tree, pbe)
    assert pbe.kind == "semi-separating"
    assert by_profile((pbe,)) == {((1, 0), (F(1, 2), F(1, 2)), (1, 0), (F(1, 2), F(1, 2))): pbe}
    assert pbe.beliefs["after Beer"] == (F(1, 2), F(1, 2))
    assert pbe.beliefs["after Quiche"] == (0, 1)
    assert pbe.payoffs.tolist() == [F(4, 3), F(1, 3)]
    assert not pbe.belief_regions


def job_market() -> ExtensiveFormGame:
    """High and Low workers (1/2 each); education costs High 1/2 and Low 3/2; a high wage is 2, a low one 1;
    the employer gets 1 for matching the wage to the type."""

    def employer(t: str, m: str, cost: F) -> object:
        return decision(
            "Employer",
            {"HighWage": terminal(2 - cost, int(t == "High")), "LowWage": terminal(1 - cost, int(t == "Low"))},
            infoset=m,
        )

    def worker(t: str, cost: F) -> object:
        return decision("Worker", {"Educate": employer(t, "educated", cost), "Skip": employer(t, "not", F(0))})

    return ExtensiveFormGame(chance({"High": ("1/2", worker("High", F(1, 2))), "Low": ("1/2", worker("Low", F(3, 2)))}))


def test_job_market_has_a_separating_equilibrium() -> None:
    tree = job_market()
    results = perfect_bayesian_equilibria(tree)
    for r in results:
        check(tree, r)
    separating = [r for r in results if r.kind == "separating"]
    # High educates (2 - 1/2 > 1), Low does not (1 > 2 - 3/2); beliefs are certain on both messages.
    (sep,) = separating
    assert sep.as_behavior().action("Worker [1]") == "Educate"
    assert (sep.beliefs["educated"], sep.beliefs["not"]) == ((1, 0), (0, 1))
    assert sep.payoffs.tolist() == [F(5, 4), 1]
    assert {r.kind for r in results} <= {"pooling", "separating", "semi-separating"}


def test_entry_game_drops_the_incredible_threat() -> None:
    tree = ExtensiveFormGame(
        decision(
            "Entrant",
            {"In": decision("Incumbent", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)}), "Out": terminal(0, 2)},
        )
    )
    assert len(tree_equilibria(tree)) == 3
    (pbe,) = perfect_bayesian_equilibria(tree)
    assert pbe.kind is None
    assert str(pbe) == "Entrant: In; Incumbent: Share; payoffs 1, 1"


def selten_horse() -> ExtensiveFormGame:
    third = lambda left, right: decision("C", {"L": terminal(*left), "R": terminal(*right)}, infoset="horse")  # noqa: E731
    return ExtensiveFormGame(
        decision(
            "A",
            {
                "Across": decision("B", {"across": terminal(1, 1, 1), "down": third((4, 4, 0), (0, 0, 1))}),
                "Down": third((3, 3, 2), (0, 0, 0)),
            },
        )
    )


def test_selten_horse() -> None:
    # Nash equilibria: (Down, ., L) with B's choice off the path, and (Across, across, p_L <= 1/4).
    # (Down, across, L) is Nash but B, if asked, gets 4 > 1 from down: not perfect Bayesian.
    # C's set is off the path in the second family, reached by no one else's deviation: any belief is
    # admissible; R needs P(Across, down) >= 2/3, a mixture needs exactly 2/3. A and B need p_L <= 1/3, 1/4.
    tree = selten_horse()
    nash = tree_equilibria(tree)
    assert any(eq.behavior[0].tolist() == [0, 1] for eq in nash)
    results = perfect_bayesian_equilibria(tree)
    for r in results:
        check(tree, r)
    found = by_profile(results)
    assert set(found) == {((1, 0), (1, 0), (0, 1)), ((1, 0), (1, 0), (F(1, 4), F(3, 4)))}
    assert found[((1, 0), (1, 0), (0, 1))].belief_regions["horse"].interval == (F(2, 3), 1)
    assert found[((1, 0), (1, 0), (F(1, 4), F(3, 4)))].belief_regions["horse"].interval == (F(2, 3), F(2, 3))
    text = str(found[((1, 0), (1, 0), (0, 1))])
    assert "off the path: at horse, C believes Across, down with probability >= 2/3" in text


def test_own_deviation_pins_the_belief() -> None:
    # Chance picks who the militia is; Iran (not seeing it) attacks or not; then Iran, still not seeing it,
    # escalates or not. If Iran never attacks, Bayes' rule after its own deviation gives the prior.
    def later(a: int) -> object:
        return decision("Iran", {"Escalate": terminal(a, -a), "Stop": terminal(0, 0)}, infoset="later")

    def first(a: int) -> object:
        return decision("Iran", {"Attack": later(a), "Hold": terminal(1, 0)}, infoset="first")

    tree = ExtensiveFormGame(chance({"Loyal": ("1/4", first(2)), "Rogue": ("3/4", first(-1))}), players=("Iran", "US"))
    # Escalating is worth 1/4 * 2 - 3/4 = -1/4 < 0 under the prior, and attacking at best 0 < 1 from Hold.
    (pbe,) = perfect_bayesian_equilibria(tree)
    region = pbe.belief_regions["later"]
    assert pbe.as_behavior().action("first") == "Hold"
    assert region.pinned == (F(1, 4), F(3, 4))
    assert pbe.as_behavior().action("later") == "Stop"
    assert "Bayes' rule after its own deviation" in str(region)
    assert is_bayes_consistent(tree, pbe, {"later": (F(1, 4), F(3, 4))})
    assert not is_bayes_consistent(tree, pbe, {"later": (F(1, 2), F(1, 2))})


def test_float_tree() -> None:
    exact = beer_quiche()
    tree = ExtensiveFormGame(
        chance({a: (p, c) for a, p, c in zip(exact.root.actions, (0.9, 0.1), exact.root.children, strict=True)})
    )
    results = perfect_bayesian_equilibria(tree)
    assert len(results) == 4
    assert all(not r.is_exact and r.tolerance is not None for r in results)
    for r in results:
        off_path = {k: v.some_belief() for k, v in r.belief_regions.items()}
        assert is_sequentially_rational(tree, r, {**r.beliefs, **off_path})
    beer = by_profile(results)[tuple(tuple(float(p) for p in v) for v in BEER)]
    assert str(beer.belief_regions["after Quiche"]) == "after Quiche, Receiver believes Strong with probability <= 0.5"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(game_trees(num_players=2, max_depth=3, max_actions=2, max_infoset_size=2))
def test_random_trees(tree: ExtensiveFormGame) -> None:
    results = perfect_bayesian_equilibria(tree)
    assert results  # a sequential equilibrium exists, and it is one of these
    game = to_normal_form(tree)
    for r in results:
        check(tree, r)
        assert is_nash(game, _mixed(tree, game, r))


def _mixed(tree: ExtensiveFormGame, game: NormalFormGame, pbe: object) -> list:
    """The reduced-form mixed strategy of each player induced by the behaviour profile."""
    from gametheory.games.reduction import reduced_form

    reduced = reduced_form(tree)
    out = []
    for strategies in reduced.assignments:
        weights = []
        for strategy in strategies:
            p = F(1)
            for infoset, action in strategy:
                p *= pbe.profile[infoset][action]
            weights.append(p)
        out.append(weights)
    return out


def test_bad_input() -> None:
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        perfect_bayesian_equilibria(imperfect_recall_tree())
    with pytest.raises(UnsupportedGameError):
        perfect_bayesian_equilibria(NormalFormGame.from_bimatrix([[1]], [[1]]))  # type: ignore[arg-type]
    tree = beer_quiche()
    pbe = by_profile(perfect_bayesian_equilibria(tree))[BEER]
    with pytest.raises(InvalidProfileError, match="needs 2 probabilities"):
        pbe.supports({"after Quiche": (1,)})
    with pytest.raises(InvalidProfileError, match="sum to one"):
        pbe.supports({"after Quiche": (F(1, 2), F(1, 3))})
    with pytest.raises(InvalidProfileError, match="no information set"):
        pbe.supports({"nowhere": (1, 0)})
    with pytest.raises(InvalidProfileError, match="no belief given"):
        is_sequentially_rational(tree, pbe, {"after Beer": (F(9, 10), F(1, 10))})
    with pytest.raises(InvalidProfileError, match="unspecified"):
        is_sequentially_rational(tree, [None, (1, 0), (1, 0), (1, 0)], {})
    with pytest.raises(UnsupportedGameError, match="signalling game"):
        satisfies_d1(selten_horse(), perfect_bayesian_equilibria(selten_horse())[0])
