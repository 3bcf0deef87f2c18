"""The dose page as a student uses it: every control, bad links, and numbers that match sim."""

import functools
import random
from pathlib import Path

import helpers
import pytest
from helpers import BAD_URL_VALUES, assert_drawn_from, charts, metric, readouts, values

import figures.dose
from content import pages
from figures import style
from sim import cascade
from sim.schedule import make_schedule
from ui.labels import DRUG_NAMES, ROUTE_NAMES

PAGE = str(Path(__file__).resolve().parents[1] / pages.file("dose"))
SLIDERS = ("dose", "minutes", "weight", "hours")


page = functools.partial(helpers.page, PAGE)  # the dose page with URL query values set


def test_defaults_show_the_published_peak():
    """Zanos 2018 Table 1: ~185 ng/mL at the end of 0.5 mg/kg over 40 min; the page's peak
    is the model's peak."""
    app = page()
    assert not app.exception
    model = cascade.simulate(cascade.Scenario(make_schedule("iv-infusion", 0.5), hours=6.0))
    assert metric(app, "Peak plasma level") == f"{model['plasma_ng_per_ml'].max():.0f} ng/mL"
    assert metric(app, "Time to peak") == "40 min"
    assert "Conceptual teaching model" in app.warning[0].value
    assert any("peaks at 188 ng/mL 40 minutes" in c.value for c in app.caption)


@pytest.mark.parametrize("key", SLIDERS)
def test_every_slider_at_its_extremes_and_at_random_values(key):
    app = page()
    slider = app.slider(key=key)
    rng = random.Random(key)
    values = [slider.min, slider.max] + [
        round(rng.uniform(slider.min, slider.max) / slider.step) * slider.step for _ in range(3)
    ]
    for value in values:
        app.slider(key=key).set_value(value).run()
        assert not app.exception, (key, value)
        assert readouts(app), "the page must still show its numbers"


@pytest.mark.parametrize("route", ["iv-infusion", "iv-bolus", "im", "intranasal", "oral"])
def test_every_route_runs_and_peaks_where_sim_says(route):
    app = page(route=ROUTE_NAMES[route], dose="1.0", hours="12")
    assert not app.exception
    model = cascade.simulate(cascade.Scenario(make_schedule(route, 1.0), hours=12.0))
    assert metric(app, "Peak plasma level") == f"{model['plasma_ng_per_ml'].max():.0f} ng/mL"


def test_esketamine_spray_doses():
    for dose in ("28", "56", "84"):
        app = page(drug=DRUG_NAMES["esketamine"], esk_dose=dose)
        assert not app.exception and not app.info
        model = cascade.simulate(cascade.Scenario(
            make_schedule("intranasal", float(dose), "mg", drug="esketamine"), hours=6.0))
        assert metric(app, "Peak plasma level") == f"{model['plasma_ng_per_ml'].max():.0f} ng/mL"


@pytest.mark.parametrize(
    "bad", [*BAD_URL_VALUES, "-5", "99", "iv-bolus"]  # and out of range, a code not a label
)
def test_bad_url_values_are_ignored_with_a_notice(bad):
    app = page(dose=bad, weight=bad, route=bad)
    assert not app.exception
    assert app.info and "could not be used" in app.info[0].value
    assert metric(app, "Peak plasma level") == "188 ng/mL"  # defaults apply


def test_a_shared_url_reproduces_the_view():
    app = page(dose="1.5", route=ROUTE_NAMES["iv-bolus"], weight="80", hours="3")
    assert not app.exception and not app.info
    assert app.slider(key="dose").value == pytest.approx(1.5)
    model = cascade.simulate(cascade.Scenario(make_schedule("iv-bolus", 1.5, weight_kg=80.0),
                                              hours=3.0))
    assert metric(app, "Peak plasma level") == f"{model['plasma_ng_per_ml'].max():.0f} ng/mL"


def test_a_dose_outside_the_model_shows_a_message_not_a_traceback():
    """2 mg/kg over 10 min is faster than the model's infusion ceiling (100 ug/kg/min)."""
    app = page(dose="2.0", minutes="10")
    assert not app.exception
    assert app.error and "outside what the model covers" in app.error[0].value


def test_reset_restores_the_defaults():
    app = page(dose="1.5")
    app.button(key="reset").click().run()
    assert app.slider(key="dose").value == pytest.approx(0.5)
    assert metric(app, "Peak plasma level") == "188 ng/mL"


def test_page_offers_the_scenario_as_csv_and_as_a_bundle():
    app = page()
    labels = [b.proto.label for b in app.get("download_button")]
    assert len(labels) == 2 and "CSV" in labels[0] and "zip" in labels[1]


def test_descriptions_read_like_sentences():
    """Generated from the numbers, in words people use (no 2.33e+03, no '0 minutes after')."""

    bolus = cascade.simulate(cascade.Scenario(make_schedule("iv-bolus", 2.0), hours=24.0))
    text = figures.dose.describe_level(bolus, "plasma_ng_per_ml", "Plasma level", "ng/mL")
    peak = bolus["plasma_ng_per_ml"].max()
    assert text.startswith(f"Plasma level peaks at {peak:,.0f} ng/mL right at the first dose")
    nothing = cascade.simulate(cascade.Scenario(make_schedule("iv-bolus", 0.0), hours=1.0))
    assert figures.dose.describe_level(nothing, "dissociation", "Dissociation", "") == (
        "Dissociation stays at zero.")
    assert style.when(1 / 60) == "1 minute" and style.when(0.5) == "30 minutes"


def test_one_chart_draws_the_models_levels_dissociation_blood_pressure_and_sedation():
    """Four panels on one time axis; every line is the model's run (thinned to the points a
    chart can show, peaks kept), each line in its own colour and dash."""

    from sim.pk import NG_PER_ML_PER_UM

    app = page(dose="0.8", hours="24")
    model = cascade.simulate(cascade.Scenario(make_schedule("iv-infusion", 0.8), hours=24.0))
    (chart,) = charts(app)
    lines = {t["name"]: t for t in chart["data"]}
    expected = {"Blood plasma (ng/mL)": model["plasma_ng_per_ml"],
                "Brain, effect site (ng/mL equivalent)": model["brain_um"] * NG_PER_ML_PER_UM,
                "Dissociation (0-1, conceptual scale)": model["dissociation"],
                "Systolic blood pressure change (mmHg)": model["systolic_bp_change_mmhg"],
                "Sedation (0 awake, 0.5 unresponsive, 1 surgical anaesthesia)":
                    model["sedation"]}
    assert set(lines) == set(expected)
    for name, y in expected.items():
        assert_drawn_from(lines[name], model.time_h, y, rtol=1e-6)  # sent in single precision
        assert len(values(lines[name]["x"])) < len(model.time_h) / 2, "thinned for drawing"
    assert len({(t["line"]["color"], t["line"]["dash"]) for t in chart["data"]}) == 5
    titles = [chart["layout"][f"yaxis{s}"]["title"]["text"] for s in ("", "2", "3", "4")]
    assert titles == [title for title, *_ in figures.dose.DOSE_PANELS]
    assert chart["layout"]["yaxis2"]["range"] == [0, 1.05], "dissociation keeps its 0-1 scale"
    assert chart["layout"]["yaxis4"]["range"] == [0, 1.05], "sedation keeps its 0-1 scale"
    description = next(c.value for c in app.caption if "Dissociation peaks" in c.value)
    assert figures.dose.describe_dose(model) in description
    checked = figures.dose.dose_panels(model)[0].checked()  # Plotly checks the plain dict
    assert [a.title.text for a in (checked.layout.yaxis, checked.layout.yaxis2,
                                   checked.layout.yaxis3, checked.layout.yaxis4)] == titles


def test_an_anaesthetic_dose_shows_the_person_unresponsive():
    """Idvall 1979 / Ketalar label: a 2 mg/kg IV bolus anaesthetises within a minute; the
    page says so in its readout, its chart (a shaded span) and its description, and a
    research infusion says 'awake'."""

    app = page(route="IV bolus (injection)", dose="2.0", hours="1")
    assert not app.exception
    assert metric(app, "Deepest state") == "unresponsive"
    (chart,) = charts(app)
    labels = [s.get("label", {}).get("text") for s in chart["layout"]["shapes"]]
    assert "unresponsive (anaesthetised)" in labels
    assert any("The person is unresponsive (anaesthetised) from" in c.value for c in app.caption)
    assert metric(page(), "Deepest state") == "awake"
