"""Dose ceilings hold on what a whole schedule adds up to (sim.schedule.validate_schedule):
at once, infusions running together, any 24 hours, one esketamine session; through every way
a schedule comes in (make_schedule, combine, the command line, a scenario file, the app).

The bypasses are those of "Model fidelity II", finding 8: `--dose 11 --days 0,0,0,0,0` gave
55 mg/kg at once, and seven back-to-back 24 h infusions at the top rate were accepted.
"""

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from helpers import readouts
from streamlit.testing.v1 import AppTest

from content import pages
from sim import export, scenarios
from sim.__main__ import main
from sim.scenario_file import ScenarioFileError, scenario_from_json
from sim.schedule import (
    ESKETAMINE_MAX_MG,
    MAX_DAILY_MG_PER_KG,
    MAX_DOSE_MG_PER_KG,
    MAX_INFUSION_MG_PER_KG_MIN,
    DoseEvent,
    Schedule,
    combine,
    make_schedule,
    validate_schedule,
)

ROOT = Path(__file__).resolve().parents[1]
DOSE_PAGE = str(ROOT / pages.file("dose"))
AT_ONCE = "above this teaching model's ceiling of 11 mg/kg given at once"
IN_A_DAY = "above this teaching model's ceiling of 15 mg/kg in any 24 hours"
FIVE_AT_ONCE = ["run", "--route", "im", "--dose", "11", "--days", "0,0,0,0,0"]
SEVEN_DAYS_AT_TOP_RATE = ["run", "--route", "iv-infusion", "--dose", "144", "--duration-min",
                          "1440", "--sessions", "7", "--every-h", "24"]


def refused(build, *expected: str) -> str:
    """The message of the ValueError that ``build()`` raises; it must contain ``expected``."""
    with pytest.raises(ValueError) as problem:
        build()
    message = str(problem.value)
    for text in expected:
        assert text in message, message
    return message


# --- the bypasses of the finding ------------------------------------------------------------

def test_five_doses_on_day_0_are_one_dose_of_55_mg_per_kg():
    refused(lambda: make_schedule("im", 11, days=(0, 0, 0, 0, 0)),
            "5 doses given together at hour 0 add up to 55 mg/kg", AT_ONCE)


def test_seven_back_to_back_day_long_infusions_at_the_top_rate_are_refused():
    refused(lambda: make_schedule("iv-infusion", 144, duration_min=1440, sessions=7,
                                  every_h=24),
            "an infusion of 0.1 mg/kg/min for 24 h gives 144 mg/kg in a day", IN_A_DAY,
            "shorten the infusion or lower the rate")


def test_one_day_long_infusion_at_the_top_rate_is_refused():
    """144 mg/kg over 24 h is 0.1 mg/kg/min (allowed as a rate) but ten times the daily
    ceiling."""
    refused(lambda: make_schedule("iv-infusion", 144, duration_min=1440), IN_A_DAY)


def test_doses_a_few_hours_apart_add_up_over_the_day():
    message = refused(lambda: make_schedule("oral", 11, sessions=2, every_h=12),
                      "add up to 22 mg/kg", IN_A_DAY)
    assert "lower the dose, or give the doses further apart" in message


def test_combine_checks_the_doses_together():
    refused(lambda: combine(make_schedule("oral", 11), make_schedule("im", 11)), AT_ONCE)
    two_drips = (make_schedule("iv-infusion", 4, duration_min=40),
                 make_schedule("iv-infusion", 4, duration_min=40))
    refused(lambda: combine(*two_drips), "2 infusions running together at hour 0 add up to "
            "200 ug/kg/min", "ceiling of 100 ug/kg/min")


def test_esketamine_sprays_within_two_hours_are_one_session():
    refused(lambda: make_schedule("intranasal", 84, "mg", drug="esketamine", sessions=2,
                                  every_h=1),
            "the session from hour 0 adds up to 168 mg", "84 mg",
            "start sessions at least 2 hours apart")
    make_schedule("intranasal", 84, "mg", drug="esketamine", sessions=2, every_h=2)


def test_infusions_one_after_another_do_not_run_together():
    """A second infusion that starts as the first ends is not concurrent (0.1 mg/kg/min each,
    75 min each: 15 mg/kg in the day, the ceiling)."""
    schedule = make_schedule("iv-infusion", 7.5, duration_min=75, sessions=2, every_h=1.25)
    assert schedule.total_mg == pytest.approx(15 * 70)


# --- ceilings: the exact edge is allowed, just above is refused ------------------------------

@pytest.mark.parametrize("name", sorted(scenarios.PRESETS))
def test_every_preset_is_within_the_ceilings(name):
    validate_schedule(scenarios.PRESETS[name].schedule)


def test_the_anaesthetic_preset_is_idvall_1979_and_below_the_daily_ceiling():
    """2 mg/kg + 41 ug/kg/min for 240 min = 11.84 mg/kg: the day the ceiling is drawn from."""
    schedule = scenarios.PRESETS["anesthetic-infusion"].schedule
    assert schedule.total_mg / schedule.weight_kg == pytest.approx(11.84)
    assert schedule.total_mg / schedule.weight_kg < MAX_DAILY_MG_PER_KG


@pytest.mark.parametrize(("build", "expected"), [
    (lambda k: combine(make_schedule("oral", 5.5 * k), make_schedule("im", 5.5)), AT_ONCE),
    (lambda k: make_schedule("oral", 7.5 * k, sessions=2, every_h=12), IN_A_DAY),
    (lambda k: make_schedule("iv-infusion", 15 * k, duration_min=300), IN_A_DAY),
    (lambda k: combine(make_schedule("iv-infusion", 2 * k, duration_min=40),
                       make_schedule("iv-infusion", 2, duration_min=40)), "running together"),
    (lambda k: combine(make_schedule("iv-bolus", 2 * k),
                       make_schedule("iv-infusion", 13, duration_min=240)), IN_A_DAY),
], ids=["at once", "two a day", "one infusion", "two infusions together", "bolus + drip"])
def test_the_exact_ceiling_is_allowed_and_one_percent_more_is_not(build, expected):
    build(1.0)
    refused(lambda: build(1.01), expected)


def test_the_same_dose_every_24_hours_is_one_dose_a_day():
    """Windows are [t, t + 24 h): 11 mg/kg on days 0, 1 and 2 is 11 mg/kg in any 24 hours."""
    make_schedule("im", 11, days=(0, 1, 2))
    refused(lambda: make_schedule("im", 11, days=(0, 0.99)), IN_A_DAY)


def test_a_day_split_into_sevenths_is_at_the_ceiling():
    """i * (24/7) misses 24 h by a rounding; that dose still belongs to the next day."""
    make_schedule("iv-bolus", MAX_DAILY_MG_PER_KG / 7, sessions=14, every_h=24 / 7)


def test_an_infusion_counts_by_the_part_inside_the_day():
    """An infusion of 10 mg/kg over 10 h from hour 20: 4 h (4 mg/kg) fall in the day of a
    10 mg/kg bolus at hour 0, so that day holds 14 mg/kg. The same infusion at 15 mg/kg puts
    6 mg/kg there (16 in that day), though the infusion's own day holds exactly 15."""
    drip = DoseEvent(20.0, "iv-infusion", 700.0, 600.0)
    validate_schedule(Schedule(70.0, (DoseEvent(0.0, "im", 700.0), drip)))
    heavier = Schedule(70.0, (DoseEvent(0.0, "im", 700.0),
                              DoseEvent(20.0, "iv-infusion", 15 * 70.0, 600.0)))
    refused(lambda: validate_schedule(heavier), "from hour 0 to hour 24 add up to 16 mg/kg",
            IN_A_DAY)


def test_too_fast_an_infusion_names_the_shortest_allowed_duration():
    message = refused(lambda: make_schedule("iv-infusion", 2, duration_min=10),
                      "faster than this teaching model's ceiling of 100 ug/kg/min")
    assert message.endswith("at 2 mg/kg, use at least 20 minutes")


@pytest.mark.parametrize("dose", [0.3, 0.55, 1.23, 2.0, 7.77, 14.99])
def test_the_shortest_duration_named_is_itself_allowed(dose):
    message = refused(lambda: make_schedule("iv-infusion", dose, duration_min=1.0))
    minutes = float(message.rsplit("use at least ", 1)[1].removesuffix(" minutes"))
    assert minutes >= dose / MAX_INFUSION_MG_PER_KG_MIN
    make_schedule("iv-infusion", dose, duration_min=minutes)


def test_an_infusion_above_a_day_s_ceiling_is_told_to_be_smaller():
    refused(lambda: make_schedule("iv-infusion", 20, duration_min=10),
            "lower the dose to at most 15 mg/kg")


def test_constants_are_the_documented_ones():
    assert (MAX_DOSE_MG_PER_KG, MAX_INFUSION_MG_PER_KG_MIN, MAX_DAILY_MG_PER_KG,
            ESKETAMINE_MAX_MG) == (11.0, 0.1, 15.0, 84.0)


# --- the command line ------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [FIVE_AT_ONCE, SEVEN_DAYS_AT_TOP_RATE],
                         ids=["five at once", "seven days at the top rate"])
def test_the_command_line_refuses_the_bypasses_in_one_line(tmp_path, capsys, argv):
    target = tmp_path / "out.csv"
    assert main([*argv, "--hours", "2", "--out", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and not target.exists()
    assert len(err.splitlines()) == 1 and err.startswith("error: ")
    assert "teaching model's ceiling" in err


# --- scenario files --------------------------------------------------------------------------

def saved_with_events(events: list[dict]) -> str:
    data = json.loads(export.scenario_json(scenarios.preset_scenario("standard-iv"),
                                           "standard-iv"))
    data["schedule"]["events"] = events
    return json.dumps(data)


def test_a_scenario_file_with_the_five_doses_at_once_is_refused():
    raw = saved_with_events([{"time_h": 0, "route": "im", "amount_mg": 770}] * 5)
    with pytest.raises(ScenarioFileError, match="55 mg/kg, " + AT_ONCE):
        scenario_from_json(raw)


def test_a_scenario_file_with_seven_day_long_infusions_is_refused():
    raw = saved_with_events([{"time_h": 24.0 * day, "route": "iv-infusion",
                              "amount_mg": 144 * 70, "duration_min": 1440}
                             for day in range(7)])
    with pytest.raises(ScenarioFileError, match=IN_A_DAY):
        scenario_from_json(raw)


# --- the app ---------------------------------------------------------------------------------

def dose_page(session: dict | None = None, **query: str) -> AppTest:
    app = AppTest.from_file(DOSE_PAGE, default_timeout=30)
    for key, value in query.items():
        app.query_params[key] = value
    for key, value in (session or {}).items():
        app.session_state[key] = value
    return app.run()


def test_a_link_for_too_fast_an_infusion_says_what_to_change_and_the_page_still_works():
    """dose=2 and minutes=10 are each in range; together 200 ug/kg/min is above the ceiling."""
    app = dose_page(dose="2.0", minutes="10")
    assert not app.exception
    assert "use at least 20 minutes" in app.error[0].value
    assert not readouts(app)
    app.slider(key="minutes").set_value(20.0).run()
    assert not app.exception and not app.error
    assert readouts(app)["Peak brain level"]


def test_a_loaded_file_beyond_a_ceiling_is_shown_as_a_message_not_a_simulation():
    """A file in the session (e.g. loaded before the ceilings were added) is checked again."""
    raw = saved_with_events([{"time_h": 0, "route": "im", "amount_mg": 770}] * 5)
    app = dose_page({"loaded_scenario": ("five.json", raw)})
    assert not app.exception
    assert any(AT_ONCE in e.value for e in app.error)
    assert not readouts(app)


# --- the fuzz script cannot rot ---------------------------------------------------------------

def test_the_fuzz_script_runs_a_few_cases_of_each_kind():
    spec = importlib.util.spec_from_file_location("fuzz_inputs",
                                                  ROOT / "benchmarks" / "fuzz_inputs.py")
    fuzz = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_inputs"] = fuzz  # its dataclass looks its module up there
    spec.loader.exec_module(fuzz)
    summary = fuzz.run(count=50, seed=1, app_count=1)
    assert summary.failures == []
    assert sum(summary.cases.values()) >= 50
    assert set(summary.cases) >= {"cli", "url", "file", "app"}
    assert summary.accepted and summary.refused


def test_iv_boluses_given_together_add_up_to_the_labels_induction_ceiling():
    """Ketalar label: an IV induction is 1-4.5 mg/kg. Three 2 mg/kg boluses at the same moment
    (6 mg/kg straight into the blood) were accepted under the 11 mg/kg IM ceiling; so was one
    5 mg/kg bolus. Two 2 mg/kg boluses (4 mg/kg) are still allowed, and so is 10 mg/kg IM."""
    from sim.__main__ import main

    with pytest.raises(ValueError, match="3 IV boluses given together .* 4.5 mg/kg"):
        make_schedule("iv-bolus", 2.0, days=(0, 0, 0))
    with pytest.raises(ValueError, match="4.5 mg/kg given at once by iv-bolus"):
        make_schedule("iv-bolus", 5.0)
    make_schedule("iv-bolus", 2.0, days=(0, 0))
    make_schedule("im", 10.0)
    assert main(["run", "--route", "iv-bolus", "--dose", "2", "--days", "0,0,0"]) == 2
