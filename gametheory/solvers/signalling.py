"""Refinements of perfect Bayesian equilibria of signalling games: the intuitive criterion and D1.

A *signalling game* is a tree whose root is a chance move picking the
sender's type; each type's branch is a decision of one player, the sender,
alone in its information set, with the same messages for every type; each
message leads to a decision of another player, the receiver, whose
information sets are exactly one per message (holding that message's node
for every type), with the same responses everywhere; responses end the game.

Write ``u*(t)`` for type ``t``'s equilibrium payoff, ``u(t, m, a)`` for its
payoff from message ``m`` answered by ``a``, and ``BR(T, m)`` for the
receiver's pure responses to ``m`` that are best for some belief over the
types in ``T``. Only *off-path* messages, sent by no type, are tested.

* **Intuitive criterion** (Cho and Kreps 1987). Type ``t`` is *equilibrium
  dominated* at ``m`` when ``u*(t) > max over a in BR(all types, m) of
  u(t, m, a)``; let ``J(m)`` be the other types. If ``J(m)`` is not empty
  and some type ``t`` has ``u*(t) < min over a in BR(J(m), m) of u(t, m, a)``,
  the equilibrium fails: ``t`` would send ``m`` and be believed.
* **D1** (Cho and Kreps 1987, after Banks and Sobel 1987). Let ``MBR(m)`` be
  the receiver's mixed best responses to ``m`` for some belief over all
  types (the union, over response sets ``S`` optimal together at some
  belief, of the mixtures over ``S``). Type ``t`` is *deleted* at ``m`` when
  some other type ``t'`` strictly gains (``u(t', m, alpha) > u*(t')``) at every
  ``alpha`` in ``MBR(m)`` at which ``t`` weakly gains. The equilibrium fails
  when the receiver's equilibrium response to ``m`` is not a best response
  to any belief over the types not deleted (if every type is deleted, no
  restriction is made). Mixtures are checked exactly by linear programming.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametheory._internal.exact_lp import LPStatus, maximize
from gametheory.exceptions import UnsupportedGameError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers._pbe_profiles import coerce_profile, require_tree
from gametheory.solvers._signalling_form import SignallingForm, signalling_form

__all__ = ["RefinementResult", "satisfies_d1", "satisfies_intuitive_criterion"]


@dataclass(frozen=True)
class RefinementResult:
    """Whether an equilibrium passes a refinement; true when it does.

    Attributes
    ----------
    criterion : str
        ``"intuitive criterion"`` or ``"D1"``.
    satisfied : bool
        Whether the equilibrium passes.
    off_path_message : str or None
        When it fails, the off-path message that breaks it.
    sender_type : str or None
        When it fails, the type that breaks it: for the intuitive criterion
        the type that would send the message and gain; for D1 a type kept
        at that message.
    excluded_types : tuple of str
        The types ruled out at that message (equilibrium dominated, or deleted by D1).
    explanation : str
        A sentence saying why.

    Examples
    --------
    >>> bool(RefinementResult("D1", True, None, None, (), "every off-path response survives D1"))
    True
    """

    criterion: str
    satisfied: bool
    off_path_message: str | None
    sender_type: str | None
    excluded_types: tuple[str, ...]
    explanation: str

    def __bool__(self) -> bool:
        return self.satisfied

    def __str__(self) -> str:
        return self.explanation


def _form(tree: Any, equilibrium: Any, solver: str) -> tuple[SignallingForm, tuple[Any, ...], tuple[Fraction, ...]]:
    require_tree(tree, solver)
    form = signalling_form(tree)
    if form is None:
        raise UnsupportedGameError(f"{solver} needs a signalling game (see gametheory.solvers.signalling)")
    behavior = coerce_profile(tree, equilibrium)
    return form, behavior, form.type_payoffs(behavior)


def _off_path(form: SignallingForm, behavior: Any) -> list[int]:
    return [
        m
        for m in range(len(form.messages))
        if all(behavior[s][m] == 0 or form.prior[t] == 0 for t, s in enumerate(form.sender_sets))
    ]


def _belief_exists(form: SignallingForm, m: int, types: list[int], best: list[int]) -> bool:
    """Whether some belief over ``types`` makes every response in ``best`` a best response to ``m``."""
    rows, bounds = [], []
    for a in best:
        for other in range(len(form.responses)):
            rows.append([form.receiver_payoff(t, m, other) - form.receiver_payoff(t, m, a) for t in types])
            bounds.append(Fraction(0))
    result = maximize([Fraction(0)] * len(types), rows, bounds, [[Fraction(1)] * len(types)], [Fraction(1)])
    return result.status is LPStatus.OPTIMAL


def _responses(form: SignallingForm, m: int, types: list[int]) -> list[int]:
    return [a for a in range(len(form.responses)) if _belief_exists(form, m, types, [a])]


def satisfies_intuitive_criterion(tree: ExtensiveFormGame, equilibrium: Any) -> RefinementResult:
    """Whether an equilibrium of a signalling game passes Cho and Kreps' intuitive criterion.

    See the module notes for the exact definition used.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A signalling game (see the module notes).
    equilibrium : PerfectBayesianEquilibrium or sequence
        The equilibrium (a full behaviour profile).

    Returns
    -------
    RefinementResult
        Truthy when the criterion holds; else it names the message and type.

    Raises
    ------
    UnsupportedGameError
        If the tree is not a signalling game.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> def receiver(t, m):
    ...     liked = 1 if (t == "Strong") == (m == "Beer") else 0
    ...     return decision("Receiver", {"Duel": terminal(liked, 1 if t == "Weak" else -1),
    ...                                  "Retreat": terminal(liked + 2, 0)}, infoset=f"after {m}")
    >>> sender = lambda t: decision("Sender", {"Beer": receiver(t, "Beer"), "Quiche": receiver(t, "Quiche")})
    >>> tree = ExtensiveFormGame(chance({"Strong": ("9/10", sender("Strong")), "Weak": ("1/10", sender("Weak"))}))
    >>> quiche = [[0, 1], [1, 0], [0, 1], [0, 1]]  # both types eat quiche; beer is met with a duel
    >>> result = satisfies_intuitive_criterion(tree, quiche)
    >>> bool(result), result.off_path_message, result.sender_type, result.excluded_types
    (False, 'Beer', 'Strong', ('Weak',))
    """
    form, behavior, star = _form(tree, equilibrium, "satisfies_intuitive_criterion")
    every = list(range(len(form.types)))
    for m in _off_path(form, behavior):
        best = _responses(form, m, every)
        kept = [t for t in every if star[t] <= max(form.sender_payoff(t, m, _pure(form, a)) for a in best)]
        if not kept:
            continue
        answers = _responses(form, m, kept)
        for t in every:
            if star[t] < min(form.sender_payoff(t, m, _pure(form, a)) for a in answers):
                excluded = tuple(form.types[k] for k in every if k not in kept)
                said = ", ".join(excluded) + (" is" if len(excluded) == 1 else " are") if excluded else "no type is"
                names = ", ".join(form.types[k] for k in kept)
                text = (
                    f"fails the intuitive criterion: {said} equilibrium dominated at {form.messages[m]}, "
                    f"and {form.types[t]} would send {form.messages[m]} and gain "
                    f"whatever the receiver answers to {names}"
                )
                return RefinementResult("intuitive criterion", False, form.messages[m], form.types[t], excluded, text)
    return RefinementResult("intuitive criterion", True, None, None, (), "passes the intuitive criterion")


def _pure(form: SignallingForm, a: int) -> tuple[int, ...]:
    return tuple(1 if k == a else 0 for k in range(len(form.responses)))


def _response_sets(form: SignallingForm, m: int, types: list[int]) -> list[tuple[int, ...]]:
    """The sets of responses optimal together at some belief over ``types`` (every such set, small games)."""
    out = []
    for size in range(1, len(form.responses) + 1):
        for chosen in itertools.combinations(range(len(form.responses)), size):
            if _belief_exists(form, m, types, list(chosen)):
                out.append(chosen)
    return out


def _gains_imply(form: SignallingForm, m: int, sets: list[tuple[int, ...]], star: Any, t: int, other: int) -> bool:
    """Whether ``other`` strictly gains at every mixed best response at which ``t`` weakly gains."""
    for chosen in sets:
        k = len(chosen)
        mine = [Fraction(form.payoffs[t][m][a][0]) for a in chosen]
        theirs = [Fraction(form.payoffs[other][m][a][0]) for a in chosen]
        # maximise -u(other, alpha) over alpha in the simplex on ``chosen`` with u(t, alpha) >= u*(t)
        result = maximize([-v for v in theirs], [[-v for v in mine]], [-star[t]], [[Fraction(1)] * k], [Fraction(1)])
        if result.status is LPStatus.OPTIMAL and result.value is not None and -result.value <= star[other]:
            return False
    return True


def satisfies_d1(tree: ExtensiveFormGame, equilibrium: Any) -> RefinementResult:
    """Whether an equilibrium of a signalling game passes the D1 criterion.

    See the module notes for the exact definition used.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A signalling game (see the module notes).
    equilibrium : PerfectBayesianEquilibrium or sequence
        The equilibrium (a full behaviour profile).

    Returns
    -------
    RefinementResult
        Truthy when D1 holds; else it names the message, the types deleted and a type kept.

    Raises
    ------
    UnsupportedGameError
        If the tree is not a signalling game.

    Examples
    --------
    >>> from gametheory.games.tree_nodes import chance, decision, terminal
    >>> def receiver(t, m):
    ...     liked = 1 if (t == "Strong") == (m == "Beer") else 0
    ...     return decision("Receiver", {"Duel": terminal(liked, 1 if t == "Weak" else -1),
    ...                                  "Retreat": terminal(liked + 2, 0)}, infoset=f"after {m}")
    >>> sender = lambda t: decision("Sender", {"Beer": receiver(t, "Beer"), "Quiche": receiver(t, "Quiche")})
    >>> tree = ExtensiveFormGame(chance({"Strong": ("9/10", sender("Strong")), "Weak": ("1/10", sender("Weak"))}))
    >>> bool(satisfies_d1(tree, [[1, 0], [0, 1], [1, 0], [1, 0]]))  # both drink beer; quiche is met with a duel
    True
    >>> satisfies_d1(tree, [[0, 1], [1, 0], [0, 1], [0, 1]]).excluded_types
    ('Weak',)
    """
    form, behavior, star = _form(tree, equilibrium, "satisfies_d1")
    every = list(range(len(form.types)))
    for m in _off_path(form, behavior):
        sets = _response_sets(form, m, every)
        deleted = [t for t in every if any(o != t and _gains_imply(form, m, sets, star, t, o) for o in every)]
        kept = [t for t in every if t not in deleted] or every
        response = behavior[form.receiver_sets[m]]
        used = [a for a, p in enumerate(response) if p != 0 and abs(float(p)) > 1e-12]
        if not _belief_exists(form, m, kept, used):
            excluded = tuple(form.types[t] for t in deleted)
            names = ", ".join(form.types[t] for t in kept)
            text = (
                f"fails D1: at {form.messages[m]}, D1 deletes {', '.join(excluded) or 'no type'}, and the answer "
                f"to {form.messages[m]} is not a best response to any belief over {names}"
            )
            return RefinementResult("D1", False, form.messages[m], form.types[kept[0]], excluded, text)
    return RefinementResult("D1", True, None, None, (), "passes D1")
