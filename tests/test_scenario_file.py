"""Scenario files and the download bundle: round trips, and hostile files refused in words."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import numpy as np
import pytest

from sim import cascade, export, scenarios
from sim.scenario_file import MAX_FILE_BYTES, ScenarioFileError, scenario_from_json


def saved(name: str, **changes) -> dict:
    scenario = scenarios.preset_scenario(name, **changes)
    return json.loads(export.scenario_json(scenario, name))


@pytest.mark.parametrize("name", sorted(scenarios.PRESETS))
def test_every_preset_survives_a_round_trip(name):
    scenario = scenarios.preset_scenario(name)
    assert scenario_from_json(export.scenario_json(scenario, name)) == scenario


def test_a_file_with_only_a_schedule_gets_the_defaults():
    data = {"schedule": saved("standard-iv")["schedule"]}
    scenario = scenario_from_json(json.dumps(data))
    assert scenario == cascade.Scenario(schedule=scenarios.preset_scenario("standard-iv").schedule)


def test_a_changed_parameter_is_kept():
    data = saved("standard-iv")
    data["plasticity"]["stress"] = 0.7
    assert scenario_from_json(json.dumps(data)).plasticity.stress == 0.7


def with_change(path: tuple, value) -> str:
    data = saved("iv-course")
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(data)


@pytest.mark.parametrize("raw, expected", [
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not JSON"),
    ("this is not json", "not JSON"),
    ("[1, 2, 3]", "should be a set of named values"),
    ("{}", "no 'schedule'"),
    ("[" * 40_000 + "]" * 40_000, "not JSON"),
    ('{"schedule": {"weight_kg": 70, "events": "all of them"}}', "list its doses"),
    ('{"__class__": "os.system", "schedule": {}}', "names this app does not know: '__class__'"),
    ('{"format": "something-else/9", "schedule": {}}', "not a scenario of this app"),
])
def test_malformed_files_are_refused_in_words(raw, expected):
    with pytest.raises(ScenarioFileError, match=expected):
        scenario_from_json(raw)


def test_a_huge_file_is_refused_before_it_is_parsed():
    raw = json.dumps({"schedule": {}, "padding": "x" * (MAX_FILE_BYTES + 1)})
    with pytest.raises(ScenarioFileError, match="at most 100 kB"):
        scenario_from_json(raw)


@pytest.mark.parametrize("path, value, expected", [
    (("hypothesis",), "magic", "hypothesis must be one of"),
    (("hypothesis",), 3, "'hypothesis' should be text"),
    (("hours",), "48", "should be a number"),
    (("hours",), 1e309, "finite"),
    (("hours",), -5, "hours must be above 0"),
    (("schedule", "weight_kg"), 5, "between 30 and 200 kg"),
    (("schedule", "weight_kg"), True, "should be a number"),
    (("schedule", "events", 0, "amount_mg"), -10, "dose 1: dose cannot be negative"),
    (("schedule", "events", 0, "amount_mg"), 7000, "faster than this teaching model's ceiling"),
    (("schedule", "events", 0, "route"), "rectal", "route must be one of"),
    (("schedule", "events", 0, "shell"), "rm -rf", "names this app does not know: 'shell'"),
    (("schedule", "events", 0, "drug"), "esketamine", "one drug"),
    (("schedule", "events"), [{"time_h": 0, "route": "iv-bolus", "amount_mg": 1}] * 61,
     "at most 60"),
    (("schedule", "events"), [{"time_h": 0, "route": "im", "amount_mg": 770}] * 5,
     "add up to 55 mg/kg, above this teaching model's ceiling of 11 mg/kg given at once"),
    (("schedule", "events"), [{"time_h": 24 * day, "route": "iv-infusion", "amount_mg": 10080,
                               "duration_min": 1440} for day in range(7)],
     "144 mg/kg in a day, above this teaching model's ceiling of 15 mg/kg in any 24 hours"),
    (("schedule", "events"), [{"time_h": 0, "route": "iv-infusion", "amount_mg": 280,
                               "duration_min": 40}] * 2, "2 infusions running together"),
    (("schedule", "events"), [{"time_h": 0, "route": "iv-bolus", "amount_mg": 1}] * 2
     + [{"time_h": 9000, "route": "iv-bolus", "amount_mg": 1}], "within 366 days"),
    (("plasticity", "stress"), 3.0, "plasticity: .*stress"),
    (("plasticity", "warp"), 1.0, "names this app does not know: 'warp'"),
    (("receptor",), [1, 2], "should be a set of named values"),
])
def test_hostile_values_are_refused_in_words(path, value, expected):
    with pytest.raises(ScenarioFileError, match=expected):
        scenario_from_json(with_change(path, value))


def test_the_bundle_holds_csv_json_and_readme_that_agree_with_the_model():
    scenario = scenarios.preset_scenario("standard-iv")
    result = cascade.simulate(scenario)
    with zipfile.ZipFile(io.BytesIO(export.bundle_zip(result, scenario, "standard-iv"))) as z:
        assert sorted(z.namelist()) == ["README.md", "scenario.csv", "scenario.json"]
        text = z.read("scenario.csv").decode()
        readme = z.read("README.md").decode()
        reloaded = scenario_from_json(z.read("scenario.json"))
    assert reloaded == scenario
    rows = list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))
    plasma = np.array([float(r["plasma_ng_per_ml"]) for r in rows])
    assert plasma.max() == pytest.approx(result["plasma_ng_per_ml"].max(), rel=1e-6)
    assert export.DISCLAIMER in readme and export.DISCLAIMER in text
    assert export.app_version() in readme
    assert "Zarate 2006" in readme or "Kamp 2020" in readme  # parameter sources listed
    assert "hypothesis" in readme and "disinhibition" in readme
