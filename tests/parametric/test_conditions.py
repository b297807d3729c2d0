"""Tests for the one condition form: Relation, Condition (Atom, Conj, Disj), sympy conversion, the evaluator."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ
from sympy.polys.fields import field

from gametheory.exceptions import ParameterError
from gametheory.games.normal_form import NormalFormGame
from gametheory.parametric import Branch, parametric_equilibria
from gametheory.parametric.conditions import Atom, Conj, Disj, Relation, all_of, any_of, from_sympy, to_sympy
from gametheory.parametric.derivation import derive
from gametheory.parametric.evaluation import compile_conditions

FIELD, R, C = field("R,c", QQ)
RING = FIELD.ring
R_, C_ = sympy.symbols("R c")


# ---------------------------------------------------------------------- Relation
@pytest.mark.parametrize("relation", list(Relation))
def test_negation_and_flip_agree_with_signs(relation: Relation) -> None:
    assert relation.negated.signs == frozenset({-1, 0, 1}) - relation.signs
    assert relation.flipped.signs == frozenset(-s for s in relation.signs)
    assert relation.negated.negated is relation
    assert relation.flipped.flipped is relation
    assert Relation.from_signs(relation.signs) is relation
    assert Relation.of(relation.sympy_class(R_, C_, evaluate=False)) is relation


@pytest.mark.parametrize("relation", list(Relation))
def test_holds_counts_values_within_tol_as_zero(relation: Relation) -> None:
    values = np.array([-1.0, -1e-12, 0.0, 1e-12, 1.0])
    expected = [(-1 in relation.signs), *([0 in relation.signs] * 3), (1 in relation.signs)]
    assert relation.holds(values, 1e-9).tolist() == expected
    # Without tolerance the tiny values keep their signs.
    assert relation.holds(values, 0.0).tolist() == [s in relation.signs for s in (-1, -1, 0, 1, 1)]


def test_relation_of_rejects_what_is_not_a_relation() -> None:
    with pytest.raises(ParameterError):
        Relation.of(sympy.And(R_ > 0, C_ > 0))


# ---------------------------------------------------------------------- the condition tree
def test_atoms_are_hashable_values() -> None:
    a = Atom(((RING.gens[0], 1),), Relation.GT)
    assert a == Atom(((RING.gens[0], 1),), Relation.GT)
    assert len({a, Atom(((RING.gens[0], 1),), Relation.GT), a.negated}) == 2
    assert a.negated.relation is Relation.LE


def test_all_of_and_any_of_flatten_and_drop_constants() -> None:
    a = Atom(((RING.gens[0], 1),), Relation.GT)
    b = Atom(((RING.gens[1], 1),), Relation.EQ)
    assert all_of([True, a, all_of([a, b])]) == Conj((a, b))
    assert any_of([False, a, any_of([b, a])]) == Disj((a, b))
    assert all_of([a, False]) is False
    assert any_of([a, True]) is True


def test_from_sympy_pushes_negation_into_the_relations() -> None:
    condition = from_sympy(~((R_ > 1) | sympy.Eq(C_, R_)), (R_, C_))
    assert isinstance(condition, Conj)
    assert sorted(atom.relation.value for atom in condition.parts) == ["!=", "<="]  # type: ignore[union-attr]


def test_from_sympy_keeps_a_denominator_and_folds_constants() -> None:
    quotient = from_sympy(sympy.StrictGreaterThan(C_ / R_, sympy.Rational(1, 2)), (R_, C_))
    assert isinstance(quotient, Atom)
    assert [m for _, m in quotient.factors] == [1, -1]
    assert from_sympy(sympy.Integer(2) > 1, (R_,)) is True
    with pytest.raises(ParameterError):
        from_sympy(sympy.sqrt(R_) > 1, (R_, C_))


def test_derived_conditions_read_back_to_the_same_display() -> None:
    R, b, c, d, k, loss = sympy.symbols("R b c d k l", positive=True)
    game = NormalFormGame.from_bimatrix(
        [[-d - c, -c], [-d - R, 0]], [[b - k + loss, 0], [b, 0]], players=("US", "Militia")
    )
    for branch in parametric_equilibria(game):
        assert to_sympy(branch.condition) == branch.conditions
        assert to_sympy(from_sympy(branch.conditions, branch.parameters)) == branch.conditions


# ---------------------------------------------------------------------- the evaluator
def test_sides_are_scaled_like_their_display() -> None:
    # 2c - 1 <= 0 reads c <= 1/2: the value compared with the tolerance is c - 1/2.
    half = Atom((((2 * RING.gens[1] - 1), 1),), Relation.LE)
    product = Atom(((RING.gens[0], 1), (RING.gens[0] - RING.gens[1], 2)), Relation.GT)
    values = compile_conditions([all_of([half, product])]).values(np.array(3.0), np.array(1.0))
    assert float(values[0]) == 0.5
    assert float(values[1]) == 3.0 * 2.0**2


def test_each_side_is_evaluated_once_and_each_atom_decided_once() -> None:
    a = Atom(((RING.gens[0], 1),), Relation.GT)
    b = Atom(((RING.gens[1], 1),), Relation.EQ)
    a_weak = Atom(((RING.gens[0], 1),), Relation.GE)
    compiled = compile_conditions([Conj((a, Disj((b, a)))), any_of([a_weak, b]), True, False])
    assert compiled.sides == (a.factors, b.factors)
    masks = compiled.decide([np.array([-1.0, 0.0, 2.0]), np.array([0.0, 1.0, 1.0])], [0.0, 0.0])
    assert [np.asarray(m).tolist() for m in masks] == [[False, False, True], [True, True, True], True, False]


def test_tolerances_may_differ_per_side_and_point() -> None:
    compiled = compile_conditions([from_sympy(sympy.Eq(R_, C_), (R_, C_))])
    values = compiled.values(np.array([1.0, 1000.0]), np.array([1.0 + 1e-8, 1000.0 + 1e-8]))
    tolerances = [1e-9 * np.asarray(compiled.magnitudes(np.array([1.0, 1000.0]), np.array([1.0, 1000.0]))[0])]
    assert compiled.decide(values, tolerances)[0].tolist() == [False, True]


terms = st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(
    spec=terms,
    relation=st.sampled_from(list(Relation)),
    r=st.integers(-4, 4),
    c=st.integers(-4, 4),
)
def test_exact_signs_and_floats_decide_alike(spec: list, relation: Relation, r: int, c: int) -> None:
    expr = sum((a * R_**i * C_**j for a, i, j in spec), sympy.Integer(0))
    condition = from_sympy(relation.sympy_class(expr, 0, evaluate=False), (R_, C_))
    expected = bool(relation.sympy_class(expr.subs({R_: r, C_: c}), 0))
    compiled = compile_conditions([condition])
    values = compiled.values(np.array(float(r)), np.array(float(c)))
    assert bool(compiled.decide(values, [0.0] * len(values))[0]) == expected


# ---------------------------------------------------------------------- branches use the evaluator
def test_branch_checks_decide_with_the_condition() -> None:
    game = NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    branches = parametric_equilibria(game)
    derived = derive(game).branches
    for branch, raw in zip(branches, derived, strict=True):
        assert branch.condition == raw.condition
        for a in (-1, 0, sympy.Rational(1, 3), 2):
            exact = bool(branch.conditions.subs({branch.parameters[0]: a}))
            assert branch.holds_at({"a": a}) == exact
            assert bool(branch.numeric().condition({"a": float(a)})) == exact


def test_a_hand_built_branch_reads_its_condition_and_pickles() -> None:
    a = sympy.Symbol("a")
    branch = Branch(
        support=((0,), (0,)),
        profile=((sympy.Integer(1), sympy.Integer(0)), (sympy.Integer(1), sympy.Integer(0))),
        payoffs=(a, sympy.Integer(1)),
        conditions=sympy.And(a >= 0, a < 3),
        label="x",
        players=("A", "B"),
        strategies=(("s1", "s2"), ("s1", "s2")),
        parameters=(a,),
    )
    assert [branch.holds_at({"a": v}) for v in (-1, 0, 3)] == [False, True, False]
    assert branch.numeric().condition({"a": [-1.0, 0.0, 3.0]}).tolist() == [False, True, False]
    again = pickle.loads(pickle.dumps(branch))
    assert again == branch
    assert again.condition == branch.condition
