"""
Fit strike-or-restrain to the attack record
===========================================

The seed article reports a record: about 180 attacks claimed by the
"Islamic Resistance in Iraq" between October 18, 2023 and February 4, 2024,
US strikes on February 2 and 7, and attacks continuing "in low intensity"
afterwards. :func:`~gametheory.estimation.fit_qre` fits the logit quantal
response equilibrium (QRE) of :func:`~gametheory.scenarios.strike_or_restrain`
to a small table built from it, estimating the precision ``lam`` and the
US's reputation cost ``R`` with the other payoffs fixed, and
:func:`~gametheory.plot.plot_qre_probabilities` draws the fitted QRE
probabilities, with a band over the interval of ``lam``, against ``R``.

Every number below is marked as taken from the article or as illustrative.
The table is a teaching device, not a data set: the article gives the total
number of attacks, not how they fell on days, and it mentions only two US
strikes.
"""

import matplotlib.pyplot as plt
import numpy as np

from gametheory.estimation import fit_qre
from gametheory.plot import plot_qre_probabilities
from gametheory.scenarios import strike_or_restrain

# %%
# The table: one observation per day from October 18, 2023 (article: the first claimed attack) to February 7,
# 2024 (article: the second US strike), 113 days. On each day the US struck or restrained, and the militia
# attacked or held.
DAYS = 113  # article: October 18, 2023 to February 7, 2024, inclusive
STRIKE_DAYS = 2  # article: US strikes on February 2 and February 7 (other strikes are not in the article)
ATTACK_DAYS = 90  # illustrative: the article gives ~180 attacks by February 4, not the days they fell on
counts = {"US": [STRIKE_DAYS, DAYS - STRIKE_DAYS], "Militia": [ATTACK_DAYS, DAYS - ATTACK_DAYS]}
print(f"days observed: {DAYS} (October 18, 2023 to February 7, 2024)")
print(f"US strike days: {STRIKE_DAYS} (article); militia attack days: {ATTACK_DAYS} (illustrative)")

# %%
# The payoffs held fixed, all illustrative: the militia's gain from an attack ``b`` sets the unit, a strike
# costs it ``k`` and gains it legitimacy ``l``; an attack costs the US ``d`` (which cancels from the US's
# choice), and a strike costs the US ``c``. Estimated: ``lam`` and the reputation cost ``R``.
FIXED = {"b": 1, "k": 3, "l": 0.5, "d": 3, "c": 10}  # illustrative
game = strike_or_restrain()
fit = fit_qre(game, counts, parameters=["R"], fixed=FIXED)
print(fit.summary())

# %%
# Two frequencies, two estimates: the fit reproduces the observed frequencies exactly, and the intervals say how
# precisely 113 days pin ``lam`` and ``R`` down.
strike, attack = fit.profile[0][0], fit.profile[1][0]
print(
    f"fitted P(US strikes) = {strike:.3f}, P(militia attacks) = {attack:.3f} "
    f"(observed {STRIKE_DAYS / DAYS:.3f}, {ATTACK_DAYS / DAYS:.3f})"
)

# %%
# The implied reputation cost relative to the strike cost. The militia's frequent attacks fix ``lam``; the US's
# rare strikes then say by how much striking was worse than restraining: ``c - R q`` payoff units (in units of
# ``b``), ``q`` the attack frequency. So ``R / c`` depends on the assumed ``c`` and, whatever ``c``, stays below
# ``1 / q``; with a strike cost below the gap the fit needs ``R < 0``, a restraint firmer than these payoffs explain.
gap = -np.log(strike / (1 - strike)) / fit.lam
print(f"striking was worse than restraining by c - R q = {gap:.2f}; so R/c < 1/q = {1 / attack:.2f} for any c")
for cost in (2, 5, 10, 20):  # illustrative strike costs
    scaled = fit if cost == FIXED["c"] else fit_qre(game, counts, parameters=["R"], fixed={**FIXED, "c": cost})
    low, high = scaled.confidence_intervals["R"]
    print(f"c = {cost}: R/c = {scaled.estimates['R'] / cost:.2f}, 95% interval {low / cost:.2f} to {high / cost:.2f}")

# %%
# The fitted QRE probabilities against the reputation cost ``R``, at the estimated ``lam`` with a band over its
# 95% interval, the estimate of ``R`` and its interval shaded, and the observed frequencies (with 95% binomial
# intervals) at the estimate.
values = np.linspace(0.5, 25, 99)
band = fit.confidence_intervals["lam"]
fig, ax = plt.subplots(figsize=(10, 4.5), layout="constrained")
for player, strategy in (("US", "Strike"), ("Militia", "Attack")):
    plot_qre_probabilities(
        game, "R", values, player=player, strategy=strategy, lam=fit.lam, fixed=FIXED, band=band, ax=ax
    )
r_low, r_high = fit.confidence_intervals["R"]
ax.axvspan(r_low, r_high, color="0.85", zorder=0, label=f"95% interval of R: {r_low:.1f} to {r_high:.1f}")
ax.axvline(fit.estimates["R"], color="0.3", linestyle="--", linewidth=1, label=f"estimate R = {fit.estimates['R']:.1f}")
for share, color in ((STRIKE_DAYS / DAYS, "C0"), (ATTACK_DAYS / DAYS, "C1")):
    half = 1.96 * np.sqrt(share * (1 - share) / DAYS)
    ax.errorbar(fit.estimates["R"], share, yerr=half, fmt="o", color=color, capsize=3)
ax.plot([], [], "o", color="0.3", label="observed share of days")
ax.set_ylim(-0.02, 1.02)
ax.set_xlabel(f"US reputation cost R (strike cost c = {FIXED['c']}, illustrative)")
ax.set_ylabel("probability")
ax.set_title("Strike-or-restrain fitted to the attack record (illustrative table)")
ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))  # outside: it would hide a curve
plt.show()
