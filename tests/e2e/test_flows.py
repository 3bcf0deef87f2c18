"""What a student does with the pages, checked the way they would check it: by reading the
numbers, the chart descriptions, the controls and the address bar.

Expected numbers come from the same models the pages use (``sim``), computed here in the
test process, so the browser must show the model's own values.
"""

from __future__ import annotations

import csv
import io
import math
import re
from urllib.parse import urlencode

import numpy as np
import pytest
from playwright.sync_api import expect

import figures.dose
import figures.growth
from content.labels import PRESET_LABELS
from figures import style, words
from sim import cascade
from sim.export import DISCLAIMER, app_version
from sim.plasticity import PlasticityParams
from sim.scenarios import PRESETS
from sim.schedule import make_schedule
from ui.labels import DRUG_NAMES, ROUTE_NAMES
from ui.simulate import run_preset, step_for

from .e2e_helpers import (
    chart_descriptions,
    description,
    metrics,
    open_page,
    query_params,
    select,
    slider,
    wait_idle,
    wait_rerun,
)

DOSE_SLIDER = "Dose (mg/kg)"
PEAK = "Peak plasma level"


def dose_page_model(route="iv-infusion", dose=0.5, unit="mg/kg", weight=70.0, minutes=40.0,
                    drug="racemic", hours=6.0):
    """What the dose page simulates for these controls (ui/pages/dose.py -> run_schedule)."""
    schedule = make_schedule(route, dose, unit, weight_kg=weight, duration_min=minutes,
                             drug=drug, sessions=1, every_h=0.0)
    scenario = cascade.Scenario(schedule=schedule, hypothesis="disinhibition", hours=hours,
                                step_min=step_for(hours),
                                plasticity=PlasticityParams(stress=0.0))
    return scenario, cascade.simulate(scenario)


def peak_text(result) -> str:
    return f"{result['plasma_ng_per_ml'].max():.0f} ng/mL"


def url(path: str, **query: str) -> str:
    return path + ("?" + urlencode(query) if query else "")


def test_keyboard_slider_move_updates_description_and_url(page, app_url):
    open_page(page, app_url, "dose")
    before = chart_descriptions(page)[0]
    thumb = slider(page, DOSE_SLIDER)
    expect(thumb).to_have_value("0.5")

    thumb.focus()
    for _ in range(3):
        thumb.press("ArrowRight")  # step 0.05: 0.50 -> 0.65
    expect(page).to_have_url(re.compile(r"[?&]dose=0\.65(&|$)"))
    wait_rerun(page)

    expect(thumb).to_have_value("0.65")
    expect(page.locator('[data-testid="stSliderThumbValue"]').first).to_have_text("0.65 mg/kg")
    assert query_params(page) == {"dose": ["0.65"]}
    _, model = dose_page_model(dose=0.65)
    after = chart_descriptions(page)[0]
    assert after != before, "the chart description did not follow the slider"
    assert after == figures.dose.describe_dose(model)
    expect(page.get_by_text(after, exact=True)).to_be_visible()  # the caption under the chart
    assert metrics(page)[PEAK] == peak_text(model)


def test_choosing_the_nasal_spray_changes_the_numbers(page, app_url):
    """The dose page's published settings are its drug/route boxes (ui/links.py)."""
    open_page(page, app_url, "dose")
    before = metrics(page)

    select(page, "Drug", DRUG_NAMES["esketamine"])

    expect(page.get_by_role("combobox", name="Esketamine dose (mg)", exact=True)).to_have_value(
        "56")
    expect(slider(page, DOSE_SLIDER)).to_have_count(0)  # mg/kg makes no sense for the spray
    expect(page.get_by_text("modelled as the nasal spray")).to_be_visible()
    _, model = dose_page_model(route="intranasal", dose=56.0, unit="mg", drug="esketamine")
    after = metrics(page)
    assert after[PEAK] == peak_text(model) != before[PEAK]
    assert chart_descriptions(page)[0] == figures.dose.describe_dose(model)
    assert query_params(page)["drug"] == [DRUG_NAMES["esketamine"]]

    select(page, "Esketamine dose (mg)", "84")
    _, model84 = dose_page_model(route="intranasal", dose=84.0, unit="mg", drug="esketamine")
    assert metrics(page)[PEAK] == peak_text(model84) != after[PEAK]


def test_story_compares_two_scenarios_and_their_difference(page, app_url):
    open_page(page, app_url, "story")
    story = description(page, "In A (")
    difference = description(page, "B − A for")
    assert story.startswith(f"In A ({PRESET_LABELS['standard-iv']}, disinhibition)")
    assert f"; in B ({PRESET_LABELS['iv-course']}, disinhibition)" in story
    b_week = metrics(page)["B: drug's share at 7 days"]

    select(page, "Scenario B: published dose", PRESET_LABELS["esketamine-nasal-84"])

    story2 = description(page, "In A (")
    assert f"; in B ({PRESET_LABELS['esketamine-nasal-84']}, disinhibition)" in story2
    assert story2 != story
    assert description(page, "B − A for") != difference
    expect(page.get_by_text("You have changed A or B since choosing this comparison")
           ).to_be_visible()
    assert metrics(page)["B: drug's share at 7 days"] != b_week
    assert query_params(page)["b_preset"] == [PRESET_LABELS["esketamine-nasal-84"]]

    select(page, "Difference B − A of", words.OUTPUTS["plasma_ng_per_ml"].name)

    assert description(page, "B − A for").startswith("B − A for plasma level")
    assert query_params(page)["diff"] == [words.OUTPUTS["plasma_ng_per_ml"].name]
    assert description(page, "In A (") == story2, "the difference choice must not change A/B"


def test_a_shared_dose_link_shows_the_same_view(page, app_url):
    route = "iv-bolus"
    open_page(page, app_url, "dose", urlencode(
        {"dose": "0.8", "route": ROUTE_NAMES[route], "weight": "80", "hours": "3"}))

    expect(page.get_by_text("could not be used")).to_have_count(0)
    expect(page.get_by_role("combobox", name="Route", exact=True)).to_have_value(
        ROUTE_NAMES[route])
    expect(slider(page, DOSE_SLIDER)).to_have_value("0.8")
    expect(slider(page, "Body weight (kg)")).to_have_value("80")
    expect(slider(page, "Time shown (h)")).to_have_value("3")
    expect(slider(page, "Infusion time (min)")).to_have_count(0)  # not an infusion
    _, model = dose_page_model(route=route, dose=0.8, weight=80.0, hours=3.0)
    assert chart_descriptions(page)[0] == figures.dose.describe_dose(model)
    assert metrics(page)[PEAK] == peak_text(model)
    assert metrics(page)["Time to peak"] == "0 min"


def test_a_shared_growth_link_shows_the_same_view(page, app_url):
    hypothesis, stress = "direct-block", 0.5
    open_page(page, app_url, "growth", urlencode(
        {"hypothesis": words.HYPOTHESIS_NAMES[hypothesis], "stress": str(stress)}))

    expect(page.get_by_text("could not be used")).to_have_count(0)
    expect(page.get_by_role("combobox", name="What starts BDNF (proposed idea)", exact=True)
           ).to_have_value(words.HYPOTHESIS_NAMES[hypothesis])
    expect(slider(page, "Chronic stress (0 = none, 1 = severe)")).to_have_value("0.5")
    hours = style.span_hours("auto", PRESETS["standard-iv"].hours)
    _, result = run_preset("standard-iv", hypothesis, stress, hours)
    assert metrics(page)["Highest BDNF (× baseline)"] == f"{result['bdnf_rel'].max():.2f}"
    assert metrics(page)["Spine density before (×)"] == f"{result['synapse_rel'][0]:.2f}"


@pytest.mark.parametrize("bad", ["abc", "1e309", "<script>alert(1)</script>"])
def test_a_bad_link_shows_a_notice_and_the_defaults(page, app_url, bad):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(page, app_url, "dose", urlencode({"dose": bad, "weight": bad, "route": bad}))

    notice = page.locator('[data-testid="stAlertContentInfo"]').filter(
        has_text="could not be used")
    expect(notice).to_be_visible()
    for label in ("Dose", "Body weight", "Route"):
        expect(notice).to_contain_text(label)
    expect(notice).to_contain_text(bad[:40] if bad != "1e309" else "1e309")
    assert dialogs == [], "a script from the link ran"
    assert page.locator('[data-testid="stMain"] script').count() == 0
    expect(slider(page, DOSE_SLIDER)).to_have_value("0.5")
    expect(slider(page, "Body weight (kg)")).to_have_value("70")
    expect(page.get_by_role("combobox", name="Route", exact=True)).to_have_value(
        ROUTE_NAMES["iv-infusion"])
    _, model = dose_page_model()
    assert metrics(page)[PEAK] == peak_text(model)


def test_reset_to_defaults_restores_the_defaults(page, app_url):
    open_page(page, app_url, "dose", urlencode({"dose": "1.5", "hours": "3", "weight": "90"}))
    expect(slider(page, DOSE_SLIDER)).to_have_value("1.5")
    changed = metrics(page)[PEAK]

    page.get_by_role("button", name="Reset to defaults", exact=True).click()
    wait_rerun(page)

    expect(slider(page, DOSE_SLIDER)).to_have_value("0.5")
    expect(slider(page, "Time shown (h)")).to_have_value("6")
    expect(slider(page, "Body weight (kg)")).to_have_value("70")
    _, model = dose_page_model()
    assert metrics(page)[PEAK] == peak_text(model) != changed
    assert chart_descriptions(page)[0] == figures.dose.describe_dose(model)
    expect(page).not_to_have_url(re.compile(r"[?&](dose|weight|hours)="))


def test_the_csv_download_matches_the_view_and_the_model(page, app_url, tmp_path):
    open_page(page, app_url, "dose", urlencode({"dose": "0.8", "weight": "80"}))
    shown_peak = metrics(page)[PEAK]

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download this scenario (CSV)", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "ketamine-dose-scenario.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text(encoding="utf-8")

    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[0] == f"# Ketamine Mechanisms Explorer {app_version()}"
    assert header[1] == f"# {DISCLAIMER}"
    assert "# body weight: 80 kg" in header
    assert "# dose: 64 mg racemic by iv-infusion at 0 h over 40 min" in header  # 0.8 × 80
    assert any(line.startswith("# hypothesis: disinhibition") for line in header)
    assert any(line.startswith("# simulated: 6 h") for line in header)
    assert any(" = " in line and "source:" in line for line in header), "parameters listed"
    assert header[-1].startswith("# units: ")

    rows = list(csv.reader(io.StringIO("\n".join(
        line for line in text.splitlines() if not line.startswith("#")))))
    columns, values = rows[0], np.array(rows[1:], dtype=float)
    plasma = values[:, columns.index("plasma_ng_per_ml")]
    _, model = dose_page_model(dose=0.8, weight=80.0)
    assert len(plasma) == len(model.time_h)
    assert math.isclose(plasma.max(), model["plasma_ng_per_ml"].max(), rel_tol=1e-7)
    assert f"{plasma.max():.0f} ng/mL" == shown_peak


def test_switching_hypothesis_changes_the_growth_description(page, app_url):
    open_page(page, app_url, "growth")
    growth = chart_descriptions(page)[0]

    select(page, "What starts BDNF (proposed idea)", words.HYPOTHESIS_NAMES["metabolite"])

    growth2 = chart_descriptions(page)[0]
    assert growth2 != growth, "the description did not follow the hypothesis"
    hours = style.span_hours("auto", PRESETS["standard-iv"].hours)
    _, result = run_preset("standard-iv", "metabolite", 0.0, hours)
    assert growth2 == figures.growth.growth_figure(result, "")[1]
    expect(page.get_by_text(growth2, exact=True)).to_be_visible()
    assert query_params(page)["hypothesis"] == [words.HYPOTHESIS_NAMES["metabolite"]]
    wait_idle(page)
