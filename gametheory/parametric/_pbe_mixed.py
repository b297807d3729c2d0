"""Private: the semi-separating regimes of two-type signalling games, in closed form.

In a signalling game with two types, two messages and two responses (see
:func:`signalling_parts`), the semi-separating equilibria in which one type
(``B``) mixes have this form: the other type (``A``) sends ``m1`` for sure,
``B`` sends ``m1`` with probability ``sigma`` and ``m2`` otherwise, the
receiver answers ``m2`` (which only ``B`` sends) with a pure best reply
``r2`` against ``B``, and mixes after ``m1``, answering ``a1`` with
probability ``rho``. Then

* the receiver is indifferent after ``m1``: its belief that the type is
  ``A`` is the indifference belief ``mu``, and Bayes' rule
  ``mu = q sigma_A / (q + (1 - q) sigma)`` (``q`` the prior of ``A``) gives
  ``sigma = q (1 - mu) / ((1 - q) mu)``;
* ``B`` is indifferent between ``m1`` and ``m2``, which gives ``rho``;
* ``A`` weakly prefers ``m1``; ``0 < sigma < 1`` and ``0 < rho < 1`` (strictly:
  at the ends the profile is a pure one, or a pooling one in which the
  receiver mixes, outside this class).

Both messages are sent, so no belief is off the path.

*Hybrid equilibria* (:func:`hybrid`): both types mix and the receiver mixes
after both messages. The receiver's indifference beliefs ``mu_1``, ``mu_2``
after the two messages fix the types' mixing by Bayes' rule (two linear
equations), and the types' indifference between the messages fixes the
receiver's (two more). These hold on open sets of parameters too.
Equilibria in which one type mixes and the receiver mixes after the
message only that type sends need a tie and are not derived.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode
from gametheory.parametric._pbe_kernel import as_expr
from gametheory.parametric._simplify import Knowledge, conjunction, relation
from gametheory.parametric.conditions import Condition
from gametheory.parametric.relations import Relation

__all__ = ["MixedRegime", "Signalling", "expected_payoffs", "hybrid", "semi_separating", "signalling_parts"]


@dataclass(frozen=True)
class Signalling:
    """A two-type, two-message, two-response signalling tree, by index."""

    types: tuple[str, str]
    prior: tuple[sympy.Expr, sympy.Expr]
    sender_sets: tuple[int, int]
    receiver_sets: tuple[int, int]  # one per message
    messages: tuple[str, str]
    responses: tuple[str, str]
    receiver: str
    #: payoffs[t][m][a]: the accumulated payoffs of every player.
    payoffs: tuple[Any, ...]
    sender: int
    receiver_index: int


def signalling_parts(tree: ExtensiveFormGame) -> Signalling | None:
    """The parts of a 2 x 2 x 2 signalling tree, or None when ``tree`` is not one."""
    root = tree.positions[0]
    if not isinstance(root.node, ChanceNode) or len(root.children) != 2:
        return None
    senders = [tree.positions[c] for c in root.children]
    if not all(isinstance(p.node, DecisionNode) and p.infoset is not None for p in senders):
        return None
    messages = senders[0].node.actions  # type: ignore[union-attr]
    sender = senders[0].player
    if len(messages) != 2 or any(p.node.actions != messages or p.player != sender for p in senders):  # type: ignore[union-attr]
        return None
    if senders[0].infoset == senders[1].infoset:
        return None
    receiver_sets = []
    payoffs: list[list[list[tuple[sympy.Expr, ...]]]] = [[[], []], [[], []]]
    receiver: int | None = None
    responses: tuple[str, ...] | None = None
    for m in range(2):
        nodes = [tree.positions[p.children[m]] for p in senders]
        infosets = {n.infoset for n in nodes}
        if len(infosets) != 1 or None in infosets or not all(isinstance(n.node, DecisionNode) for n in nodes):
            return None
        (infoset,) = infosets
        assert infoset is not None
        info = tree.information_sets[infoset]
        if info.members != tuple(n.index for n in nodes) or info.player == sender:
            return None
        if (receiver is not None and info.player != receiver) or len(info.actions) != 2:
            return None
        if responses is not None and info.actions != responses:
            return None
        receiver, responses = info.player, info.actions
        receiver_sets.append(infoset)
        for t, node in enumerate(nodes):
            if not all(isinstance(tree.positions[c].node, TerminalNode) for c in node.children):
                return None
            payoffs[t][m] = [tuple(as_expr(v) for v in tree.accumulated_payoffs(c)) for c in node.children]
    assert receiver is not None
    assert responses is not None
    assert sender is not None
    return Signalling(
        types=(root.node.actions[0], root.node.actions[1]),
        prior=(as_expr(root.node.probabilities[0]), as_expr(root.node.probabilities[1])),
        sender_sets=(senders[0].infoset, senders[1].infoset),  # type: ignore[arg-type]
        receiver_sets=(receiver_sets[0], receiver_sets[1]),
        messages=(messages[0], messages[1]),
        responses=(responses[0], responses[1]),
        receiver=tree.players[receiver],
        payoffs=tuple(tuple(tuple(row) for row in per_type) for per_type in payoffs),
        sender=sender,
        receiver_index=receiver,
    )


@dataclass(frozen=True)
class MixedRegime:
    """One semi-separating candidate: its conditions, profile (by information set), beliefs and label."""

    formula: Condition
    profile: dict[int, tuple[sympy.Expr, sympy.Expr]]
    beliefs: dict[int, tuple[sympy.Expr, sympy.Expr]]
    label: str


def semi_separating(tree: ExtensiveFormGame, parts: Signalling, knowledge: Knowledge) -> list[MixedRegime]:
    """Every semi-separating candidate whose conditions are satisfiable (see the module notes)."""
    out = []
    s, r = parts.sender, parts.receiver_index
    u = parts.payoffs
    for b in (0, 1):  # the type that mixes
        a = 1 - b
        for m1 in (0, 1):  # the message both types send
            m2 = 1 - m1
            for r2 in (0, 1):  # the receiver's answer to m2
                check = _candidate(parts, knowledge, a, b, m1, m2, r2, s, r, u)
                if check is not None:
                    out.append(check)
    return out


def _candidate(
    parts: Signalling, knowledge: Knowledge, a: int, b: int, m1: int, m2: int, r2: int, s: int, r: int, u: Any
) -> MixedRegime | None:
    def ge(expr: sympy.Expr, rel: Relation = Relation.GE) -> Condition:
        return relation(sympy.cancel(sympy.expand(expr)), rel, knowledge)

    # The receiver's gain from a1 (response 0) over a2 after m1, for each type.
    gain = [u[t][m1][0][r] - u[t][m1][1][r] for t in (0, 1)]
    slope = sympy.expand(gain[a] - gain[b])
    if slope == 0:
        return None
    mu = sympy.cancel(-gain[b] / slope)  # P(A | m1) at which the receiver is indifferent
    if mu == 0 or mu == 1:  # the receiver is indifferent only at a sure belief: no mixing by B supports it
        return None
    q_a, q_b = parts.prior[a], parts.prior[b]
    sigma = sympy.cancel(q_a * (1 - mu) / (q_b * mu))
    spread = sympy.expand(u[b][m1][0][s] - u[b][m1][1][s])
    if spread == 0:
        return None
    rho = sympy.cancel((u[b][m2][r2][s] - u[b][m1][1][s]) / spread)
    sender_a_m1 = rho * u[a][m1][0][s] + (1 - rho) * u[a][m1][1][s]
    conditions = [
        ge(mu, Relation.GT),
        ge(1 - mu),
        ge(sigma, Relation.GT),
        ge(1 - sigma, Relation.GT),
        ge(rho, Relation.GT),
        ge(1 - rho, Relation.GT),
        ge(sender_a_m1 - u[a][m2][r2][s]),
        ge(u[b][m2][r2][r] - u[b][m2][1 - r2][r]),
    ]
    formula = conjunction(conditions, knowledge)
    if formula is False:
        return None
    sets, answers = parts.sender_sets, parts.receiver_sets
    profile: dict[int, tuple[sympy.Expr, sympy.Expr]] = {
        sets[a]: _vector(m1, sympy.Integer(1)),
        sets[b]: _vector(m1, sympy.factor(sigma)),
        answers[m1]: (sympy.factor(rho), sympy.factor(1 - rho)),
        answers[m2]: _vector(r2, sympy.Integer(1)),
    }
    on_m1 = (mu, sympy.cancel(1 - mu)) if a == 0 else (sympy.cancel(1 - mu), mu)
    on_m2 = (sympy.Integer(0), sympy.Integer(1)) if b == 1 else (sympy.Integer(1), sympy.Integer(0))
    msg, rsp, types = parts.messages, parts.responses, parts.types
    label = (
        f"Semi-separating: {types[a]} -> {msg[m1]}; {types[b]} mixes {msg[m1]}/{msg[m2]}; "
        f"{parts.receiver} mixes after {msg[m1]}; after {msg[m2]} -> {rsp[r2]}"
    )
    return MixedRegime(formula, profile, {answers[m1]: on_m1, answers[m2]: on_m2}, label)


def hybrid(tree: ExtensiveFormGame, parts: Signalling, knowledge: Knowledge) -> list[MixedRegime]:
    """The hybrid candidate (both types and the receiver mix), when its conditions are satisfiable."""
    s, r, u = parts.sender, parts.receiver_index, parts.payoffs

    def ge(expr: sympy.Expr, rel: Relation = Relation.GE) -> Condition:
        return relation(sympy.cancel(sympy.expand(expr)), rel, knowledge)

    q0, q1 = parts.prior
    mus, ratios = [], []
    for m in (0, 1):
        gain = [u[t][m][0][r] - u[t][m][1][r] for t in (0, 1)]
        slope = sympy.expand(gain[0] - gain[1])
        if slope == 0:
            return []
        mu = sympy.cancel(-gain[1] / slope)  # P(type 0 | m) at which the receiver is indifferent
        if mu == 0 or mu == 1:
            return []
        mus.append(mu)
        ratios.append(sympy.cancel(q1 * mu / (q0 * (1 - mu))))  # P(m | type 0) / P(m | type 1) there
    if sympy.cancel(ratios[1] - ratios[0]) == 0:
        return []
    # sigma_t = P(message 0 | type t): sigma_0 = ratio_0 sigma_1 and 1 - sigma_0 = ratio_1 (1 - sigma_1).
    sigma1 = sympy.cancel((ratios[1] - 1) / (ratios[1] - ratios[0]))
    sigma0 = sympy.cancel(ratios[0] * sigma1)
    # rho_m = P(response 0 | m): each type indifferent between the messages.
    a = [u[t][0][0][s] - u[t][0][1][s] for t in (0, 1)]
    b = [u[t][1][0][s] - u[t][1][1][s] for t in (0, 1)]
    c = [u[t][1][1][s] - u[t][0][1][s] for t in (0, 1)]
    det = sympy.expand(b[0] * a[1] - a[0] * b[1])
    if det == 0:
        return []
    rho0 = sympy.cancel((b[0] * c[1] - b[1] * c[0]) / det)
    rho1 = sympy.cancel((a[0] * c[1] - a[1] * c[0]) / det)
    conditions = []
    for value in (*mus, sigma0, sigma1, rho0, rho1):
        conditions += [ge(value, Relation.GT), ge(1 - value, Relation.GT)]
    formula = conjunction(conditions, knowledge)
    if formula is False:
        return []
    sets, answers = parts.sender_sets, parts.receiver_sets
    profile: dict[int, tuple[sympy.Expr, sympy.Expr]] = {
        sets[0]: _vector(0, sympy.factor(sigma0)),
        sets[1]: _vector(0, sympy.factor(sigma1)),
        answers[0]: _vector(0, sympy.factor(rho0)),
        answers[1]: _vector(0, sympy.factor(rho1)),
    }
    beliefs = {answers[m]: (mus[m], sympy.cancel(1 - mus[m])) for m in (0, 1)}
    msg, types = parts.messages, parts.types
    label = (
        f"Hybrid: {types[0]} mixes {msg[0]}/{msg[1]}; {types[1]} mixes {msg[0]}/{msg[1]}; "
        f"{parts.receiver} mixes after both"
    )
    return [MixedRegime(formula, profile, beliefs, label)]


def _vector(index: int, probability: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    rest = sympy.factor(1 - probability)
    return (probability, rest) if index == 0 else (rest, probability)


def expected_payoffs(parts: Signalling, profile: dict[int, tuple[sympy.Expr, sympy.Expr]]) -> tuple[sympy.Expr, ...]:
    """Every player's expected payoff under a profile of the signalling tree."""
    count = len(parts.payoffs[0][0][0])
    total = [sympy.Integer(0)] * count
    for t in (0, 1):
        for m in (0, 1):
            for answer in (0, 1):
                weight = parts.prior[t] * profile[parts.sender_sets[t]][m] * profile[parts.receiver_sets[m]][answer]
                for i in range(count):
                    total[i] += weight * parts.payoffs[t][m][answer][i]
    return tuple(sympy.factor(sympy.cancel(sympy.expand(v))) for v in total)
