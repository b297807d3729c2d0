"""The covariance, frozen arrays and the fitted normal-form QRE of :func:`~gametheory.fit_qre` (private)."""

from __future__ import annotations

from typing import Any

import numpy as np

from gametheory.exceptions import ParameterError
from gametheory.games.normal_form import NormalFormGame
from gametheory.solvers.qre import QuantalResponseEquilibrium, qre_residual

__all__ = ["covariance", "frozen", "record"]


def covariance(info: np.ndarray, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    scale = float(np.max(np.abs(np.diag(info)), initial=0.0))
    eigenvalues, vectors = np.linalg.eigh(info)
    if scale == 0 or eigenvalues[0] <= 1e-10 * scale:
        weak = vectors[:, 0]
        involved = [n for n, w in zip(names, weak, strict=True) if abs(w) > 0.1]
        if eigenvalues[0] >= -1e-10 * scale:
            raise ParameterError(
                f"the observed information is singular: {', '.join(involved)} are not identified from these data"
            )
        nan = np.full(len(names), np.nan)
        return np.full((len(names), len(names)), np.nan), nan
    covariance = np.linalg.inv(info)
    return covariance, np.sqrt(np.diag(covariance))


def frozen(array: np.ndarray) -> np.ndarray:
    out = np.array(array, dtype=np.float64)
    out.flags.writeable = False
    return out


def record(
    reduced: NormalFormGame, symbols: list[Any], theta: np.ndarray, profile: tuple[np.ndarray, ...]
) -> QuantalResponseEquilibrium:
    """The fitted QRE of the normal-form game at ``theta`` (aggregate counts)."""
    game = reduced.substitute({s: float(v) for s, v in zip(symbols, theta[1:], strict=True)}) if symbols else reduced
    lam = float(theta[0])
    u = np.asarray(game.float_payoffs(), dtype=np.float64)
    payoffs = []
    for i in range(game.num_players):
        tensor = u[..., i]
        for k in reversed(range(game.num_players)):
            tensor = np.tensordot(tensor, profile[k], axes=([k], [0]))
        payoffs.append(float(tensor))
    values = frozen(np.array(payoffs))
    return QuantalResponseEquilibrium(
        profile=profile,
        lam=lam,
        payoffs=values,
        game=game,
        players=game.players,
        strategies=game.strategies,
        max_residual=qre_residual(game, profile, lam),
    )
