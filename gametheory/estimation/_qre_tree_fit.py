"""Trees in :func:`~gametheory.fit_qre`: the likelihood, the data's set names and the fitted record (private).

Data name information sets by :func:`gametheory.solvers.behavior.infoset_name`
(the player when it has one set, else ``"player [label]"``), or by a set's
label or key when that is unique. The likelihood is that of
:class:`~gametheory.estimation._qre_model.Likelihood` with
:class:`~gametheory.estimation._qre_tree.TreeKernel`: ``sum n_a log p_a``
over the actions chosen at the sets reached, whose gradient comes from the
agent-QRE fixed point by implicit differentiation. When continuation fails,
a group is re-solved by :func:`gametheory.solvers.qre.logit_qre` on the tree
at its parameter values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from gametheory.estimation._qre_data import is_frame
from gametheory.estimation._qre_model import Likelihood, PayoffModel
from gametheory.estimation._qre_tree import TreeKernel
from gametheory.exceptions import InvalidArgumentError, SolverError
from gametheory.games.extensive_form import ExtensiveFormGame
from gametheory.solvers.behavior import infoset_name
from gametheory.solvers.qre import QuantalResponseEquilibrium, logit_qre, qre_residual

__all__ = ["TreeLikelihood", "rename_sets", "set_labels", "set_names", "tree_record"]


def set_names(tree: ExtensiveFormGame) -> tuple[str, ...]:
    """The names of the information sets, in order."""
    return tuple(infoset_name(tree, s.index) for s in tree.information_sets)


def set_labels(tree: ExtensiveFormGame) -> tuple[tuple[str, ...], ...]:
    """The actions of each information set."""
    return tuple(tuple(s.actions) for s in tree.information_sets)


def _aliases(tree: ExtensiveFormGame) -> dict[Any, str]:
    names = set_names(tree)
    out: dict[Any, str] = {}
    counts: dict[Any, int] = {}
    for s in tree.information_sets:
        for alias in {s.label, s.key} - {None, ""}:
            counts[alias] = counts.get(alias, 0) + 1
            out[alias] = names[s.index]
    aliases = {k: v for k, v in out.items() if counts[k] == 1}
    aliases.update({n: n for n in names})
    return aliases


def rename_sets(tree: ExtensiveFormGame, data: Any) -> Any:
    """``data`` with information sets named by :func:`set_names` (aggregate mappings and DataFrame columns)."""
    aliases = _aliases(tree)
    names = set_names(tree)
    if is_frame(data):
        mapping = {c: aliases[c] for c in data.columns if c in aliases and aliases[c] != c}
        return data.rename(columns=mapping) if mapping else data
    if isinstance(data, Mapping):
        out: dict[str, Any] = {}
        for key, value in data.items():
            if key not in aliases:
                raise InvalidArgumentError(f"unknown information set {key!r} in the counts; the sets are {list(names)}")
            if aliases[key] in out:
                raise InvalidArgumentError(f"information set {aliases[key]!r} is given twice in the counts")
            out[aliases[key]] = value
        return out
    return data


class TreeLikelihood(Likelihood):
    """:class:`Likelihood` of a tree, with a fallback solve by :func:`logit_qre` and the tree's scale matrix."""

    def __init__(
        self,
        kernel: TreeKernel,
        model: PayoffModel,
        design: np.ndarray,
        counts: np.ndarray,
        tree: ExtensiveFormGame,
        symbols: list[sympy.Symbol],
    ) -> None:
        super().__init__(kernel, model, design, counts)
        self.tree_kernel = kernel
        self.tree, self.symbols = tree, symbols

    def solve(self, theta: np.ndarray) -> np.ndarray:
        """Log-probabilities ``(G, n)`` on the principal branch at ``theta``."""
        lam = float(theta[0])
        phi = self.phi(theta)
        u = self.model.payoffs(phi)
        if self._state is None:
            y0, lam0, u0 = np.tile(self.kernel.centroid, (u.shape[0], 1)), 0.0, u
        else:
            lam0, u0, y0 = self._state
        y, ok = self.kernel.follow(y0, lam0, u0, lam, u)
        if not ok:
            y = self.kernel.principal(lam, u)
        if not np.all(np.isfinite(y)):
            y = np.stack([self._traced(lam, row) for row in phi])
            polished, _ = self.kernel.newton(y, lam, u)
            y = polished if np.all(np.isfinite(polished)) else y
        self._state = (lam, u, y)
        return y

    def _traced(self, lam: float, phi: np.ndarray) -> np.ndarray:
        values = {s: float(v) for s, v in zip(self.symbols, phi, strict=True)}
        tree = self.tree.substitute(values) if values else self.tree
        try:
            profile = logit_qre(tree, lam).profile
        except SolverError as error:  # pragma: no cover - degenerate trees
            raise SolverError(f"the agent QRE could not be solved at lam={lam:.6g}: {error}") from error
        return np.log(np.maximum(np.concatenate(profile), 1e-300))

    def scale_matrix(self, theta: np.ndarray) -> np.ndarray:
        """Rows ``d (lam * (u_i(z) - u_i(z_0))) / d theta`` over groups, movers ``i`` and terminals ``z``."""
        lam, phi = float(theta[0]), self.phi(theta)
        u = self.model.payoffs(phi)
        du = self.model.derivatives(phi)
        rows = [self.tree_kernel.owned_differences(u)[:, None]]
        d_beta = np.einsum("gm...,gmk->gk...", du, self.design)
        rows.append(lam * self.tree_kernel.owned_differences(d_beta))
        matrix = np.concatenate(rows, axis=1)  # (G, 1 + K, I, Z)
        return np.moveaxis(matrix, 1, -1).reshape(-1, self.size)


def tree_record(
    reduced: ExtensiveFormGame,
    symbols: list[sympy.Symbol],
    theta: np.ndarray,
    kernel: TreeKernel,
    u: np.ndarray,
    y: np.ndarray,
    profile: tuple[np.ndarray, ...],
) -> QuantalResponseEquilibrium:
    """The fitted agent QRE of the tree at ``theta`` (one group: aggregate counts)."""
    values = {s: float(v) for s, v in zip(symbols, theta[1:], strict=True)}
    tree = reduced.substitute(values) if values else reduced
    lam = float(theta[0])
    payoffs = np.array(kernel.expected_payoffs(u, y)[0], dtype=np.float64)
    payoffs.flags.writeable = False
    return QuantalResponseEquilibrium(
        profile=profile,
        lam=lam,
        payoffs=payoffs,
        game=tree,
        players=tree.players,
        strategies=set_labels(tree),
        max_residual=qre_residual(tree, profile, lam),
    )
