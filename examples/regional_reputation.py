"""
Reputation across the region (Kreps-Wilson chain store)
=======================================================

A sequence of challengers decides whether to test the US. A small doubt
that the US is resolute deters the early ones; an irresolute US fights to
keep that doubt alive, less and less willingly as the end approaches.
"""

from fractions import Fraction

from gametheory.scenarios import regional_reputation

result = regional_reputation(
    num_challengers=6, challenge_gain=Fraction(1, 2), deterrence_value=2, prior_resolve=Fraction(1, 20)
)
print(result)
print("entry thresholds b^k:", ", ".join(str(t) for t in result.entry_thresholds))
deterred = sum(stage.entry_probability == 0 for stage in result.stages)
print(f"challengers deterred outright: {deterred} of {result.num_challengers}")
