"""Where outputs leave the range the model was built for: said in the data, not computed
silently (issue 18). The app's charts and the CSV/JSON read these notes."""

import json

import numpy as np

from sim import cascade, export, scenarios
from sim.cascade import COLUMNS, CONTRACT_COLUMNS, RANGE_LIMITED, Scenario
from sim.schedule import Schedule, make_schedule


def run(schedule: Schedule, hours: float = 48.0) -> cascade.Result:
    return cascade.simulate(Scenario(schedule, hours=hours, step_min=5))


def test_sedation_follows_the_contract_columns_and_the_range_flag_comes_last():
    assert COLUMNS[:len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert COLUMNS[len(CONTRACT_COLUMNS)] == "sedation"
    assert COLUMNS[-1] == "outside_model_range"


def test_research_doses_stay_inside_the_range():
    for name in ("standard-iv", "iv-course", "esketamine-nasal-84", "esketamine-induction",
                 "im-injection", "oral"):
        result = cascade.simulate(scenarios.preset_scenario(name, step_min=10))
        assert result.notes == (), name
        assert not result["outside_model_range"].any(), name


def test_anaesthesia_flags_the_awake_brain_models_from_when_a_person_goes_under():
    result = cascade.simulate(scenarios.preset_scenario("anesthetic-bolus", step_min=0.5))
    (note,) = result.notes
    first = result.time_h[np.argmax(result["sedation"] >= 0.5)]
    assert note.from_h == first and note.columns == RANGE_LIMITED
    assert "anaesthesia" in note.reason
    flag = result["outside_model_range"]
    assert not flag[result.time_h < first].any() and flag[result.time_h >= first].all()


def test_esketamine_beyond_its_label_is_flagged():
    """SPRAVATO label: nasal spray, at most twice a week; the relief model was compared with
    those schedules only."""
    thrice = make_schedule("intranasal", 84.0, "mg", drug="esketamine", sessions=3, every_h=48)
    (note,) = run(thrice, hours=24 * 7).notes
    assert note.from_h == 96 and "two esketamine sessions in a week" in note.reason
    twice = make_schedule("intranasal", 84.0, "mg", drug="esketamine", sessions=4,
                          every_h=84)
    assert run(twice, hours=24 * 14).notes == ()
    by_vein = make_schedule("iv-infusion", 0.3, drug="esketamine")
    (note,) = run(by_vein).notes
    assert note.from_h == 0 and "nasal spray" in note.reason


def test_the_notes_travel_with_the_data():
    scenario = scenarios.preset_scenario("anesthetic-infusion", hours=6, step_min=5)
    result = cascade.simulate(scenario)
    columns, values = export.table(result)
    data = json.loads(export.to_json(columns, values, result.units, {},
                                     export.range_notes(result)))
    (note,) = data["outside_model_range"]
    assert note["columns"] == list(RANGE_LIMITED) and "anaesthesia" in note["reason"]
    csv = export.commented_csv(result, scenario, "anesthetic-infusion")
    assert "# outside the model's range from " in csv
    assert csv.splitlines()[-1].endswith(",1")
