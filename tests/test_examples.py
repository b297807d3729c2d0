"""Every example script runs, exits 0, and prints the facts it is about (catch22.py is tested by the lead)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

FACTS = {
    "escalation_chicken.py": [
        "equilibrium: US: Limit; Iran: Escalate; payoffs -4, 3",
        "equilibrium: US: Escalate 1/3, Limit 2/3; Iran: Escalate 1/4, Restrain 3/4; payoffs -1, -2/3",
        "equilibrium: US: Escalate; Iran: Restrain; payoffs 2, -2",
        "Iran escalates with probability -2/(R - 11)",
        "at R = 0: 0.182; at R = 8: 0.667",
    ],
    "stay_or_withdraw.py": [
        "regime Hold: when (R >= c) & (L >= c + d) & (b + l <= k)",
        "regime Attack -> Withdraw: when (L <= R + d) & (L <= c + d)",
        "deterrence: militia Hold, US Retaliate",
        "retaliation trap: militia Attack, US Retaliate",
        "absorb: militia Attack, US Absorb",
        "withdraw: militia Attack, US Withdraw",
    ],
    "plausible_deniability.py": [
        "equilibrium: Iran: Order 1/4, Refrain 3/4; US: Retaliate 3/4, Absorb 1/4; payoffs -5/8, -1",
        "alpha = 1/4: Iran orders with probability 1/7",
        "alpha = 3/4: Iran orders with probability 1",
    ],
    "escalation_cycle.py": [
        "grim trigger sustains restraint when delta >= 1/2",
        "tit-for-tat is collectively stable when w >= 2/3",
        "generous tit-for-tat may forgive with probability up to 1/3",
        "symbolically: (-R + T)/(-P + T)",
        "Strike/Hold, Restrain/Attack, Strike/Hold, Restrain/Attack",
    ],
    "regional_reputation.py": [
        "challenger 3: reputation 1/20, challenges; an irresolute US fights with probability 7/19",
        "challenger 6: reputation 1/2, challenges with probability 1/2; an irresolute US fights with probability 0",
        "entry thresholds b^k: 1/64, 1/32, 1/16, 1/8, 1/4, 1/2",
        "challengers deterred outright: 2 of 6",
    ],
    "host_government.py": [
        "security loss 2: US: Strike 1/3, Restrain 2/3; Militia: Attack 1/2, Hold 1/2; Iraqi government: Expel",
        "security loss 5: US: Strike 1/3, Restrain 2/3; Militia: Attack 1/2, Hold 1/2; Iraqi government: Host",
    ],
    "read_gambit_file.py": [
        'NFG 1 R "Strike or restrain" { "US" "Militia" }',
        "read back equal: True",
        "equilibrium: US: Strike 1/3, Restrain 2/3; Militia: Attack 1/2, Hold 1/2; payoffs -5/2, 0",
        "tree read back equal: True",
        "reduced normal form strategies: (('Retaliate', 'Absorb', 'Withdraw'), ('Attack', 'Hold'))",
    ],
    "monte_carlo.py": [
        "US: Strike; Militia: Attack",
        "US mixes Strike/Restrain; Militia mixes Attack/Hold",
        "US: Restrain; Militia: Attack",
        "mean attack probability: 0.7",
    ],
    "dask_sweep.py": [
        "points solved: 16",
        "regime: US: Restrain; Militia: Attack",
        "regime: US mixes Strike/Restrain; Militia mixes Attack/Hold",
    ],
}


@functools.cache
def _run(name: str) -> str:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    completed = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert completed.returncode == 0, f"{name} exited {completed.returncode}:\n{completed.stderr[-2000:]}"
    return completed.stdout


NEEDS = {"dask_sweep.py": "dask.distributed", "monte_carlo.py": "scipy.stats"}


@pytest.mark.parametrize("name", sorted(FACTS))
def test_example_prints_its_facts(name):
    if name in NEEDS:
        pytest.importorskip(NEEDS[name])
    output = _run(name)
    for fact in FACTS[name]:
        assert fact in output, f"{name} did not print {fact!r}; it printed:\n{output}"


def test_monte_carlo_regime_probabilities_sum_to_one():
    pytest.importorskip("scipy.stats")
    lines = [line for line in _run("monte_carlo.py").splitlines() if line[:6].strip().replace(".", "").isdigit()]
    total = sum(float(line.split()[0]) for line in lines)
    assert abs(total - 1) < 0.002


def test_every_example_is_covered():
    scripts = {path.name for path in EXAMPLES.glob("*.py")} - {"catch22.py"}
    assert scripts == set(FACTS)
