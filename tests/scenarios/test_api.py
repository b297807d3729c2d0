"""API style of the scenarios: keyword-only descriptive parameters; left out means symbolic."""

from __future__ import annotations

import inspect

import pytest
import sympy

import gametheory.scenarios as scenarios

BUILDERS = [
    scenarios.strike_or_restrain,
    scenarios.stay_or_withdraw,
    scenarios.escalation_chicken,
    scenarios.plausible_deniability,
    scenarios.escalation_cycle,
    scenarios.host_government,
    scenarios.attribution,
    scenarios.militia_control,
]


@pytest.mark.parametrize("builder", [*BUILDERS, scenarios.regional_reputation], ids=lambda f: f.__name__)
def test_parameters_are_keyword_only(builder):
    for parameter in inspect.signature(builder).parameters.values():
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, f"{builder.__name__}({parameter.name})"


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda f: f.__name__)
def test_every_parameter_left_out_is_a_positive_symbol(builder):
    model = builder()
    game = getattr(model, "stage", model)
    names = inspect.signature(builder).parameters
    assert len(game.parameters) == len(names)
    assert all(isinstance(p, sympy.Symbol) and p.is_positive for p in game.parameters)


@pytest.mark.parametrize("builder", [*BUILDERS, scenarios.regional_reputation], ids=lambda f: f.__name__)
def test_docstrings_name_a_source_and_the_seed_claim(builder):
    doc = inspect.getdoc(builder) or ""
    assert "Parameters" in doc
    assert "Examples" in doc
    assert "seed article" in doc
    assert any(char.isdigit() for char in doc)  # a publication year


def test_all_names_are_exported():
    assert set(scenarios.__all__) >= {builder.__name__ for builder in BUILDERS} | {"regional_reputation"}
