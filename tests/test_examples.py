"""Every example script runs, exits 0, and prints the facts it is about (catch22.py is tested by the lead).

Facts are whole printed lines, compared exactly (never as substrings, so ``0.7`` cannot pass for
``0.795``); Monte Carlo estimates are parsed and compared with their closed forms within a few
standard errors.
"""

from __future__ import annotations

import functools
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

FACTS = {
    "plot_game_tree.py": [
        "equilibrium: Militia: Attack; US: Retaliate; payoffs -3, 1",
        "deterrence when (R >= c) & (L >= c + d) & (b + l <= k)",
    ],
    "escalation_chicken.py": [
        "equilibrium: US: Limit; Iran: Escalate; payoffs -4, 3",
        "equilibrium: US: Escalate 1/3, Limit 2/3; Iran: Escalate 1/4, Restrain 3/4; payoffs -1, -2/3",
        "equilibrium: US: Escalate; Iran: Restrain; payoffs 2, -2",
        "Iran escalates with probability -2/(R - 11)",
        "at R = 0: 0.182; at R = 8: 0.667",  # 2/11 and 2/3: the formula at R = 0 and R = 8
    ],
    "stay_or_withdraw.py": [
        "retaliation trap (Attack -> Retaliate): when (R >= c) & (L >= c + d) & (b + l >= k)",
        "deterrence (Hold): when (R >= c) & (L >= c + d) & (b + l <= k)",
        "absorb (Attack -> Absorb): when (R <= c) & (L >= R + d)",
        "withdraw (Attack -> Withdraw): when (L <= R + d) & (L <= c + d)",
        "deterrence: militia Hold, US Retaliate (regime: deterrence)",
        "retaliation trap: militia Attack, US Retaliate (regime: retaliation trap)",
        "absorb: militia Attack, US Absorb (regime: absorb)",
        "withdraw: militia Attack, US Withdraw (regime: withdraw)",
    ],
    "plausible_deniability.py": [
        "equilibrium: Iran: Order 1/4, Refrain 3/4; US: Retaliate 3/4, Absorb 1/4; payoffs -5/8, -1",
        "alpha = 1/4: Iran orders with probability 1/7",
        "alpha = 1/2: Iran orders with probability 1/4",
        "alpha = 3/4: Iran orders with probability 1",
        "after an attack, the US believes Iran ordered it with probability 2/5",
        "Nash equilibria that are not perfect Bayesian: none",
    ],
    "militia_control.py": [
        "belief threshold: the US retaliates against Iran when P(Iran controls) >= (c + m)/(R + m)",
        "with c = m = 1: P(Iran controls) >= 2/(R + 1)",
        "Separating: Iran controls -> Measured attack -> Retaliate against the militia; "
        "Autonomous -> Lethal attack -> Retaliate against the militia; holds when R <= c and p < 1",
    ],
    "attribution.py": [
        "accuracy 11/20: the Iran-directed militia attacks with probability 11/18",
        "accuracy 3/5: the Iran-directed militia attacks with probability 3/4",
        "the Iran-directed militia attacks more as accuracy rises from 1/2 to 2/3: from 0.50 to 1.00",
        "no militia attacks in any equilibrium from accuracy 11/12 on",
    ],
    "escalation_cycle.py": [
        "grim trigger sustains restraint when delta >= 1/2",
        "tit-for-tat is collectively stable when w >= 2/3",
        "generous tit-for-tat may forgive with probability up to 1/3",
        "symbolically: (-R + T)/(-P + T)",
        "rounds: Restrain/Hold, Restrain/Hold, Restrain/Hold, Strike/Hold, Restrain/Attack, Strike/Hold, "
        "Restrain/Attack, Strike/Hold, Restrain/Attack, Strike/Hold, Restrain/Attack, Strike/Attack",
    ],
    "regional_reputation.py": [
        "challenger 1: reputation 1/20, stays out; an irresolute US fights with probability 1",
        "challenger 2: reputation 1/20, stays out; an irresolute US fights with probability 15/19",
        "challenger 3: reputation 1/20, challenges; an irresolute US fights with probability 7/19",
        "challenger 4: reputation 1/8, challenges with probability 1/2; an irresolute US fights with probability 3/7",
        "challenger 5: reputation 1/4, challenges with probability 1/2; an irresolute US fights with probability 1/3",
        "challenger 6: reputation 1/2, challenges with probability 1/2; an irresolute US fights with probability 0",
        "entry thresholds b^k: 1/64, 1/32, 1/16, 1/8, 1/4, 1/2",
        "challengers deterred outright: 2 of 6",
    ],
    "host_government.py": [
        "support loss 5: US: Strike 1/3, Restrain 2/3; Militia: Attack 1/4, Hold 3/4; Iraqi government: Tolerate; "
        "payoffs -7/4, 0, -2",
        "support loss 3: US: Strike 1/3, Restrain 2/3; Militia: Attack 1/4, Hold 3/4; Iraqi government: Tolerate; "
        "payoffs -7/4, 0, -2",
        "support loss 3: US: Strike 2/3, Restrain 1/3; Militia: Attack 1/2, Hold 1/2; Iraqi government: Demand exit; "
        "payoffs -7/2, 0, -3",
        "support loss 3: US: Strike 1/2, Restrain 1/2; Militia: Attack 3/8, Hold 5/8; "
        "Iraqi government: Tolerate 1/2, Demand exit 1/2; payoffs -21/8, 0, -3",
        "support loss 1: US: Strike 2/3, Restrain 1/3; Militia: Attack 1/2, Hold 1/2; Iraqi government: Demand exit; "
        "payoffs -7/2, 0, -1",
        "political cover 3: US: Strike; Militia: Attack; Iraqi government: Demand exit; payoffs -5, 1, -5",
        "political cover 3: US: Strike; Militia: Attack 1/2, Hold 1/2; Iraqi government: Tolerate 1/3, "
        "Demand exit 2/3; payoffs -19/6, 0, -5",
        "political cover 3: US: Strike 1/3, Restrain 2/3; Militia: Attack 1/4, Hold 3/4; Iraqi government: Tolerate; "
        "payoffs -7/4, 0, -2",
    ],
    "read_gambit_file.py": [
        'NFG 1 R "Strike or restrain" { "US" "Militia" }',
        '{ { "Strike" "Restrain" } { "Attack" "Hold" } }',
        "-4 -2 -5 1 -1 0 0 0",
        "read back equal: True",
        "equilibrium: US: Strike 1/3, Restrain 2/3; Militia: Attack 1/2, Hold 1/2; payoffs -5/2, 0",
        "tree read back equal: True",
        "reduced normal form strategies: (('Retaliate', 'Absorb', 'Withdraw'), ('Attack', 'Hold'))",
    ],
    "monte_carlo.py": [],  # numbers: see test_monte_carlo_matches_the_closed_form
    "fit_attack_record.py": [
        "US strike days: 2 (article); militia attack days: 90 (illustrative)",
        # Two frequencies, two estimates (lam, R): the fit reproduces the observed shares, 2/113 and 90/113.
        "fitted P(US strikes) = 0.018, P(militia attacks) = 0.796 (observed 0.018, 0.796)",
        "striking was worse than restraining by c - R q = 2.81; so R/c < 1/q = 1.26 for any c",
        "c = 10: R/c = 0.90, 95% interval 0.75 to 1.05",
    ],
    "dask_sweep.py": [
        "points solved: 16",
        "regime: US: Restrain; Militia: Attack",
        "regime: US: Restrain; Militia: Attack | US mixes Strike/Restrain; Militia: Attack",
        "regime: US mixes Strike/Restrain; Militia mixes Attack/Hold",
    ],
}

# Lines with these prefixes must be exactly the facts above that start with them: nothing missing, nothing extra.
COMPLETE = {
    "host_government.py": ("support loss", "political cover"),
    "stay_or_withdraw.py": ("deterrence", "retaliation trap", "absorb", "withdraw"),
    "regional_reputation.py": ("challenger ",),
    "dask_sweep.py": ("regime:",),
    "plausible_deniability.py": ("equilibrium:", "alpha ="),
    "escalation_chicken.py": ("equilibrium:",),
}

NEEDS = {"dask_sweep.py": "dask.distributed", "monte_carlo.py": "scipy.stats"}


@functools.cache
def _run(name: str) -> str:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    completed = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert completed.returncode == 0, f"{name} exited {completed.returncode}:\n{completed.stderr[-2000:]}"
    return completed.stdout


def _lines(name: str) -> list[str]:
    if name in NEEDS:
        pytest.importorskip(NEEDS[name])
    return [line.rstrip() for line in _run(name).splitlines()]


@pytest.mark.parametrize("name", sorted(name for name in FACTS if FACTS[name]))
def test_example_prints_its_facts(name):
    lines = _lines(name)
    for fact in FACTS[name]:
        assert fact in lines, f"{name} did not print the line {fact!r}; it printed:\n" + "\n".join(lines)


@pytest.mark.parametrize("name", sorted(COMPLETE))
def test_example_prints_nothing_else_of_its_kind(name):
    prefixes = COMPLETE[name]
    printed = [line for line in _lines(name) if line.startswith(prefixes)]
    expected = [fact for fact in FACTS[name] if fact.startswith(prefixes)]
    assert sorted(printed) == sorted(expected)


# Monte Carlo (n = 20000) of strike-or-restrain with R ~ U(0.5, 3.5), l ~ U(0, 2), d = 3, c = 1, b = 1, k = 2:
# restraint when R < c = 1: 1/6; catch-22 when R > 1 and l > k - b = 1: (5/6)(1/2); inspection otherwise: 5/12.
# The attack probability is 1 in the first two and c / R in the third: E[1/R | R > 1] = ln(3.5) / 2.5.
CLOSED_FORM = {
    "US: Restrain; Militia: Attack": 1 / 6,
    "US: Strike; Militia: Attack": 5 / 12,
    "US mixes Strike/Restrain; Militia mixes Attack/Hold": 5 / 12,
}
MEAN_ATTACK = 1 / 6 + 5 / 12 + 5 / 12 * math.log(3.5) / 2.5


def test_monte_carlo_matches_the_closed_form():
    lines = _lines("monte_carlo.py")
    rows = [re.fullmatch(r"\s*(\d\.\d{3})  (.+)", line) for line in lines]
    found = {row.group(2): float(row.group(1)) for row in rows if row}
    assert set(found) == set(CLOSED_FORM)
    for regime, probability in CLOSED_FORM.items():
        standard_error = math.sqrt(probability * (1 - probability) / 20_000)
        assert abs(found[regime] - probability) < 4 * standard_error + 5e-4, regime  # + rounding to 3 decimals
    assert abs(sum(found.values()) - 1) <= 0.0015  # three roundings of 0.0005
    (mean_line,) = [line for line in lines if line.startswith("mean attack probability: ")]
    mean = float(mean_line.removeprefix("mean attack probability: "))
    assert abs(mean - MEAN_ATTACK) < 0.008  # 0.7921; about four standard errors (sd of the draws ~0.3)


def test_every_example_is_covered():
    scripts = {path.name for path in EXAMPLES.glob("*.py")} - {"catch22.py"}
    assert scripts == set(FACTS)
