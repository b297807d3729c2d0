"""Shared test configuration: Hypothesis profiles sized for a 2-core CI machine."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# CI is derandomised so that a run cannot fail by chance; local runs keep exploring new examples.
settings.register_profile(
    "ci",
    max_examples=50,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("GAMETHEORY_HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
