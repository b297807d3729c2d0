"""The README's main example runs, prints the right facts, and saves its figures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "catch22.py"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    pytest.importorskip("matplotlib")
    folder = tmp_path_factory.mktemp("catch22")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(folder)], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, folder


def test_strike_or_restrain_facts(run: tuple[str, Path]) -> None:
    out, _ = run
    # Hand derivation at d=4, c=2, R=3, b=2, k=5, l=1: the militia attacks with c/R = 2/3 and
    # the US strikes with b/(k - l) = 1/2; the US gets -(q d + c) = -(8/3 + 2) = -14/3.
    assert "US: Strike 1/2, Restrain 1/2; Militia: Attack 2/3, Hold 1/3; payoffs -14/3, 0" in out
    assert "holds when (R > c) & (b + l < k)" in out
    assert "Militia mixes (c/R, (R - c)/R)" in out
    assert "R = 2: below it US: Restrain; Militia: Attack" in out
    assert "the catch-22: US: Strike; Militia: Attack; payoffs -6, 1" in out


def test_stay_or_withdraw_facts(run: tuple[str, Path]) -> None:
    out, _ = run
    for name in ("retaliation trap", "deterrence", "absorb", "withdraw"):
        assert f"{name}  (" in out
    # L=8 > d + c = 6 and R = 3 > c = 2: the US would retaliate, and b - k + l < 0 deters the attack.
    assert "Militia: Hold; US: Retaliate; payoffs 0, 0" in out
    # Thresholds: the US absorbs rather than retaliates below R = c = 2, and withdraws below L = d + c = 6.
    assert "reputation cost R = 2: absorb below it, deterrence above it." in out
    assert "withdrawal loss L = 6: withdraw below it, deterrence above it." in out


def test_chicken_reputation_raises_iran_escalation(run: tuple[str, Path]) -> None:
    out, _ = run
    # Iran escalates with q making the US indifferent: -q war + (1 - q) win = -q (backdown + R),
    # so q = win / (war + win - backdown - R) = 2 / (11 - R) with war 10, win 2, backdown 1.
    for cost, probability in ((0, "2/11"), (2, "2/9"), (4, "2/7")):
        assert f"US reputation cost {cost}: Iran escalates with probability {probability}" in out


def test_figures_are_saved(run: tuple[str, Path]) -> None:
    out, folder = run
    for name in ("equilibrium_path.png", "regime_map.png", "tornado.png"):
        assert (folder / name).stat().st_size > 10_000
    assert f"Figures saved in {folder}" in out
