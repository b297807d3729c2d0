"""Private: recognise signalling games among game trees, and classify equilibria of them.

A tree is a *signalling game* when

* the root is a chance node (it picks the sender's *type*; one branch per type);
* each branch leads to a decision node of one and the same player, the
  *sender*, alone in its information set, and every such node has the same
  actions (the *messages*);
* each message leads to a decision node of another player, the *receiver*,
  and the receiver's information sets are exactly one per message, holding
  that message's node for every type (in type order); all of them have the
  same actions (the *responses*);
* every response leads to a terminal node.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode

__all__ = ["SignallingForm", "kind_of", "signalling_form"]


@dataclass(frozen=True)
class SignallingForm:
    """The parts of a signalling game, by index."""

    types: tuple[str, ...]
    prior: tuple[Any, ...]
    sender: int
    receiver: int
    messages: tuple[str, ...]
    responses: tuple[str, ...]
    sender_sets: tuple[int, ...]
    receiver_sets: tuple[int, ...]
    #: payoffs[t][m][a]: the (sender, receiver) payoffs, outcomes summed along the path.
    payoffs: tuple[tuple[tuple[tuple[Any, Any], ...], ...], ...]

    def sender_payoff(self, t: int, m: int, response: Any) -> Any:
        """The sender's expected payoff as type ``t`` sending ``m`` against a response distribution."""
        return sum((Fraction(p) * Fraction(self.payoffs[t][m][a][0]) for a, p in enumerate(response)), Fraction(0))

    def receiver_payoff(self, t: int, m: int, a: int) -> Fraction:
        """The receiver's payoff after type ``t`` sends ``m`` and the receiver answers ``a``."""
        return Fraction(self.payoffs[t][m][a][1])

    def type_payoffs(self, behavior: Any) -> tuple[Fraction, ...]:
        """Each type's expected payoff under a full behaviour profile."""
        out = []
        for t, s in enumerate(self.sender_sets):
            total = Fraction(0)
            for m, q in enumerate(behavior[s]):
                if q != 0:
                    total += Fraction(q) * self.sender_payoff(t, m, behavior[self.receiver_sets[m]])
            out.append(total)
        return tuple(out)


def signalling_form(tree: ExtensiveFormGame) -> SignallingForm | None:
    """The signalling structure of ``tree``, or None when it is not a signalling game (see the module notes)."""
    root = tree.positions[0]
    if not isinstance(root.node, ChanceNode) or len(root.children) < 1:
        return None
    senders = [tree.positions[c] for c in root.children]
    if not all(isinstance(p.node, DecisionNode) for p in senders):
        return None
    sender = senders[0].player
    messages = senders[0].node.actions  # type: ignore[union-attr]
    sender_sets = []
    for p in senders:
        assert p.infoset is not None
        assert isinstance(p.node, DecisionNode)
        if p.player != sender or p.node.actions != messages or len(tree.information_sets[p.infoset].members) != 1:
            return None
        sender_sets.append(p.infoset)
    receiver_sets: list[int] = []
    receiver: int | None = None
    responses: tuple[str, ...] | None = None
    for m in range(len(messages)):
        nodes = [tree.positions[tree.positions[p.index].children[m]] for p in senders]
        if not all(isinstance(n.node, DecisionNode) for n in nodes):
            return None
        infosets = {n.infoset for n in nodes}
        if len(infosets) != 1:
            return None
        (infoset,) = infosets
        assert infoset is not None
        info = tree.information_sets[infoset]
        if info.members != tuple(n.index for n in nodes) or (receiver is not None and info.player != receiver):
            return None
        if info.player == sender or (responses is not None and info.actions != responses):
            return None
        receiver, responses = info.player, info.actions
        if not all(isinstance(tree.positions[c].node, TerminalNode) for n in nodes for c in n.children):
            return None
        receiver_sets.append(infoset)
    assert receiver is not None
    assert responses is not None
    assert sender is not None
    payoffs = tuple(
        tuple(
            tuple(
                _pair(tree, c, sender, receiver) for c in tree.positions[tree.positions[p.index].children[m]].children
            )
            for m in range(len(messages))
        )
        for p in senders
    )
    return SignallingForm(
        types=root.node.actions,
        prior=root.node.probabilities,
        sender=sender,
        receiver=receiver,
        messages=messages,
        responses=responses,
        sender_sets=tuple(sender_sets),
        receiver_sets=tuple(receiver_sets),
        payoffs=payoffs,
    )


def _pair(tree: ExtensiveFormGame, position: int, sender: int, receiver: int) -> tuple[Any, Any]:
    total = tree.accumulated_payoffs(position)
    return total[sender], total[receiver]


def kind_of(form: SignallingForm, behavior: Any) -> str:
    """``"pooling"`` when every type sends one same message for sure, ``"separating"`` when each type sends
    its own message for sure and no two types share one, else ``"semi-separating"``."""
    sent = []
    for s in form.sender_sets:
        sure = [m for m, q in enumerate(behavior[s]) if q == 1 or abs(float(q) - 1.0) <= 1e-12]
        if not sure:
            return "semi-separating"
        sent.append(sure[0])
    if len(set(sent)) == 1:
        return "pooling"
    if len(set(sent)) == len(sent):
        return "separating"
    return "semi-separating"
