"""Every model parameter describes itself: unit, label, range, step and source."""

import dataclasses

import pytest

from sim import acute, cascade, circuit, pk, plasticity, population, receptor
from sim.params import ILLUSTRATIVE, describe

PARAM_CLASSES = [
    pk.RacemicPK, pk.EsketaminePK, receptor.ReceptorParams, circuit.CircuitParams,
    plasticity.PlasticityParams, acute.AcuteParams, cascade.ReliefParams,
    population.PopulationParams,
]


@pytest.mark.parametrize("cls", PARAM_CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_a_described_parameter(cls):
    names = [f.name for f in dataclasses.fields(cls)]
    infos = describe(cls)
    assert [i.name for i in infos] == names, "a field was declared without param(...)"
    for info in infos:
        assert info.unit and info.label and info.source, info.name
        assert info.min <= info.default <= info.max, info.name
        assert info.step > 0 and (info.max - info.min) / info.step <= 20_000, info.name
        on_grid = (info.default - info.min) / info.step
        assert abs(on_grid - round(on_grid)) < 1e-6, f"{info.name} default is off its step grid"


@pytest.mark.parametrize("cls", PARAM_CLASSES, ids=lambda c: c.__name__)
def test_sources_are_citations_or_say_they_are_illustrative(cls):
    """A source names a paper (an author and a year, a label, or reference.md) or says it was
    chosen for illustration."""
    for info in describe(cls):
        cited = any(ch.isdigit() for ch in info.source) or "label" in info.source
        assert cited or info.source.startswith(ILLUSTRATIVE), (info.name, info.source)


def test_params_are_frozen_and_replace_validates():
    p = pk.RacemicPK()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.clearance = 1.0
    assert p.replace(clearance=20.0).clearance == 20.0
    with pytest.raises(ValueError, match="Clearance CL must be between"):
        p.replace(clearance=-1.0)
    with pytest.raises(ValueError, match="must be a number"):
        p.replace(clearance=float("nan"))
