"""The outputs registry (sim/outputs.py): every column the models produce is declared there
once, and the CSV, the JSON, the command line and the figures' vocabulary read it."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from figures import words
from sim import cascade, export, outputs, scenarios
from sim.__main__ import main
from sim.steady import DOSE_RESPONSE_COLUMNS, DOSE_RESPONSE_UNITS, dose_response_table


@pytest.fixture(scope="module")
def run() -> tuple[cascade.Scenario, cascade.Result]:
    scenario = scenarios.preset_scenario("anesthetic-bolus", hours=2.0)
    return scenario, cascade.simulate(scenario)


def cli_json(capsys, *argv: str):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_every_output_is_declared_once_and_fully():
    columns = [o.column for o in outputs.OUTPUTS]
    assert len(columns) == len(set(columns))
    for o in outputs.OUTPUTS:
        assert o.name.strip() and o.unit.strip() and o.short_unit.strip(), o.column
        assert o.description.endswith("."), o.column
        assert outputs.output(o.column) is o


def test_every_column_the_cascade_produces_is_in_the_registry(run):
    _, result = run
    assert result.columns == cascade.COLUMNS
    assert set(result.columns) <= set(outputs.BY_COLUMN)
    assert result.units == {c: outputs.output(c).unit for c in result.columns}


def test_every_column_of_the_steady_state_table_is_in_the_registry():
    columns, values = dose_response_table([0.0, 1.0], "disinhibition")
    assert tuple(columns) == DOSE_RESPONSE_COLUMNS and values.shape == (2, len(columns))
    assert set(columns) <= set(outputs.BY_COLUMN)
    assert DOSE_RESPONSE_UNITS == {c: outputs.output(c).unit_at_steady_state for c in columns}


def test_the_range_limited_columns_are_the_registry_s():
    assert cascade.RANGE_LIMITED == tuple(o.column for o in outputs.OUTPUTS if o.range_limited)
    assert "glutamate_rel" in cascade.RANGE_LIMITED and "brain_um" not in cascade.RANGE_LIMITED


def test_the_downloaded_csv_states_the_registry_s_units(run):
    scenario, result = run
    text = export.commented_csv(result, scenario, "anesthetic-bolus")
    units_line = next(line for line in text.splitlines() if line.startswith("# units: "))
    assert units_line == "# units: " + "; ".join(
        f"{o.column} = {o.unit}" for o in map(outputs.output, cascade.COLUMNS))
    header = next(line for line in text.splitlines() if not line.startswith("#"))
    assert header.split(",") == list(cascade.COLUMNS)
    limited = next(line for line in text.splitlines() if line.startswith("# outside"))
    assert ", ".join(cascade.RANGE_LIMITED) in limited


def test_the_command_line_json_gives_the_registry_s_units(capsys):
    data = cli_json(capsys, "run", "--preset", "standard-iv", "--hours", "1", "--format", "json")
    assert data["units"] == {c: outputs.output(c).unit for c in data["columns"]}
    steady = cli_json(capsys, "dose-response", "--brain-um", "0,1", "--format", "json")
    assert steady["units"] == {c: outputs.output(c).unit_at_steady_state
                               for c in steady["columns"]}
    assert steady["units"]["brain_um"] != outputs.output("brain_um").unit  # says "held"


def test_the_command_line_lists_the_registry(capsys):
    assert cli_json(capsys, "outputs", "--format", "json") == [
        dataclasses.asdict(o) for o in outputs.OUTPUTS]
    assert main(["outputs"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [o.column for o in outputs.OUTPUTS]
    assert all(o.description in line and o.unit in line
               for o, line in zip(outputs.OUTPUTS, lines, strict=True))


def test_the_figures_name_outputs_as_the_registry_does():
    for column, shown in words.OUTPUTS.items():
        declared = outputs.output(column)
        assert shown.name == declared.name
        assert shown.unit == declared.short_unit or shown.scale != 1.0, column
    table = words.columns_table({"time_h": np.array([0.0, 1.0]), "bdnf_rel": np.ones(2)},
                                ["bdnf_rel"])
    assert list(table) == ["Time since the first dose (h)", "BDNF (× baseline)"]


def test_an_unknown_column_is_a_key_error():
    with pytest.raises(KeyError):
        outputs.output("serotonin_rel")
