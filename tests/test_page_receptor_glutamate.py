"""The NMDA blockade and glutamate surge pages: every control, bad links, numbers that match sim,
and the figure functions' generated sentences."""

import random
import re
from pathlib import Path

import numpy as np
import pytest
from helpers import BAD_URL_VALUES, assert_drawn_from, charts, metric, page, values
from streamlit.testing.v1 import AppTest

import figures.levels
from content import pages
from content.labels import PRESET_LABELS
from figures import glutamate, receptor, style
from figures.style import TITLE_CHARS
from sim import cascade, scenarios
from sim.receptor import block_interneuron, block_pyramidal, mg_unblocked_fraction
from sim.steady import dose_response_table
from ui.simulate import MAX_POINTS, step_for

ROOT = Path(__file__).resolve().parents[1]
RECEPTOR, GLUTAMATE = (str(ROOT / pages.file(name)) for name in ("receptor", "glutamate"))
SLIDERS = [(RECEPTOR, "level"), (RECEPTOR, "mg"), (RECEPTOR, "voltage"), (GLUTAMATE, "hours")]
PRESET_NAMES = ("standard-iv", "esketamine-nasal-84", "im-injection", "anesthetic-bolus",
                "anesthetic-infusion")


def trace(chart: dict, name_start: str) -> dict:
    return next(t for t in chart["data"] if t["name"].startswith(name_start))


def captions(app: AppTest) -> str:
    return "\n".join(c.value for c in app.caption)


# --- pages run --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [RECEPTOR, GLUTAMATE])
def test_page_runs_with_title_label_reset_and_download(path):
    app = page(path)
    assert not app.exception, app.exception
    assert app.title and "Conceptual teaching model" in app.warning[0].value
    assert not app.info, "no notice without a bad link"
    assert app.button(key="reset")
    assert any("CSV" in b.proto.label for b in app.get("download_button"))
    assert len(charts(app)) == 2


@pytest.mark.parametrize(("path", "key"), SLIDERS)
def test_every_slider_at_its_extremes_and_at_random_values(path, key):
    app = page(path)
    slider = app.slider(key=key)
    rng = random.Random(key)
    picks = [slider.min, slider.max] + [
        round(round(rng.uniform(slider.min, slider.max) / slider.step) * slider.step, 6)
        for _ in range(3)
    ]
    for value in picks:
        app.slider(key=key).set_value(value).run()
        assert not app.exception, (key, value, app.exception)
        assert len(charts(app)) == 2, "both charts are still drawn"
        assert app.caption, "and described"


@pytest.mark.parametrize("path", [RECEPTOR, GLUTAMATE])
@pytest.mark.parametrize("bad", BAD_URL_VALUES)
def test_garbage_in_the_url_gives_a_notice_and_the_defaults(path, bad):
    keys = ("level_from", "level", "mg", "voltage") if path == RECEPTOR else ("preset", "hours")
    app = page(path, **{k: bad for k in keys})
    assert not app.exception, app.exception
    assert app.info and "could not be used" in app.info[0].value
    if path == RECEPTOR:
        notice = app.info[0].value
        assert "**Brain level**" in notice and "**Membrane voltage**" in notice
        assert metric(app, "Brain level") == "0.80 µM"  # the default applies
    else:
        assert "**Time shown**" in app.info[0].value and "**Published dose**" in app.info[0].value
        assert app.slider(key="hours").value == pytest.approx(6.0)
    assert "<script>" not in "".join(m.value for m in app.markdown)


# --- NMDA blockade: numbers match sim --------------------------------------------------------

@pytest.mark.parametrize("level", [0.05, 0.8, 2.5, 9.3, 20.0])
def test_block_readouts_and_chart_match_sim(level):
    app = page(RECEPTOR, level=str(level))
    assert not app.exception and not app.info
    assert metric(app, "Brain level") == f"{level:.2f} µM"
    bi, bp = float(block_interneuron(level)), float(block_pyramidal(level))
    assert metric(app, "Interneuron-like receptors blocked") == f"{100 * bi:.0f} %"
    assert metric(app, "Pyramidal-like receptors blocked") == f"{100 * bp:.0f} %"
    chart = charts(app)[0]
    for name, block in (("Interneuron-like receptors", block_interneuron),
                        ("Pyramidal-like receptors", block_pyramidal)):
        curve = trace(chart, name)
        x = values(curve["x"])
        assert len(x) <= MAX_POINTS and x.min() == pytest.approx(0.01) and x.max() == 100
        np.testing.assert_allclose(values(curve["y"]), 100 * block(x), rtol=1e-12)
    chosen = trace(chart, "Chosen level")
    np.testing.assert_allclose(values(chosen["x"]), [level, level])
    assert values(trace(chart, "Interneuron-like at")["y"])[0] == pytest.approx(100 * bi)
    assert chart["layout"]["xaxis"]["type"] == "log"
    assert receptor.describe_block(level, bi, bp) in captions(app)


def test_block_chart_shades_both_ranges_and_names_them():
    chart = charts(page(RECEPTOR))[0]
    rects = [(s["x0"], s["x1"]) for s in chart["layout"]["shapes"] if s["type"] == "rect"]
    assert rects == [figures.levels.SUB_ANAESTHETIC_UM, (figures.levels.ANAESTHETIC_FROM_UM, 100.0)]
    names = [a["text"] for a in chart["layout"]["annotations"]]
    assert names == ["sub-anaesthetic", "anaesthetic"]
    plateau = trace(chart, "Level held in anaesthesia")
    np.testing.assert_allclose(values(plateau["x"]), [9.3, 9.3])


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_a_preset_sets_the_level_to_its_peak_brain_level(name):
    app = page(RECEPTOR)
    app.selectbox(key="level_from").set_value(PRESET_LABELS[name]).run()
    assert not app.exception
    assert "level" not in [s.key for s in app.slider], "the slider makes way for the preset"
    scenario = scenarios.preset_scenario(name, hours=24.0, step_min=step_for(24.0))
    peak = float(cascade.simulate(scenario)["brain_um"].max())
    assert metric(app, "Brain level") == f"{peak:.2f} µM"
    assert metric(app, "Interneuron-like receptors blocked") == (
        f"{100 * float(block_interneuron(peak)):.0f} %")
    preset = scenarios.PRESETS[name]
    assert preset.description in captions(app) and preset.source in captions(app)


def test_the_anaesthetic_bolus_blocks_far_more_pyramidal_receptors_than_the_infusion():
    """A check that could fail: the two presets must not show the same numbers."""
    low, high = page(RECEPTOR), page(RECEPTOR)
    low.selectbox(key="level_from").set_value(PRESET_LABELS["standard-iv"]).run()
    high.selectbox(key="level_from").set_value(PRESET_LABELS["anesthetic-bolus"]).run()
    pct = [int(metric(a, "Pyramidal-like receptors blocked").rstrip(" %")) for a in (low, high)]
    assert pct[0] < 15 < 40 < pct[1]


@pytest.mark.parametrize(("mg", "voltage"), [(1.0, -70.0), (0.0, -70.0), (2.0, 40.0),
                                             (1.2, -100.0), (0.5, -20.0)])
def test_mg_chart_and_readout_match_sim(mg, voltage):
    app = page(RECEPTOR, mg=str(mg), voltage=str(voltage))
    assert not app.exception and not app.info
    free = float(mg_unblocked_fraction(voltage, mg))
    assert metric(app, f"Current free of Mg²⁺ block at {voltage:.0f} mV") == f"{100 * free:.0f} %"
    chart = charts(app)[1]
    curve = trace(chart, "With ")
    v = values(curve["x"])
    assert v.min() == -100 and v.max() == 40 and len(v) <= MAX_POINTS
    np.testing.assert_allclose(values(curve["y"]), 100 * mg_unblocked_fraction(v, mg))
    assert receptor.describe_mg(mg, voltage) in captions(app)


def test_table_toggles_show_the_chart_data():
    app = page(RECEPTOR, level="2.5")
    app.toggle(key="block_table").set_value(True).run()
    frame = app.table[0].value  # at round levels, to 3 significant digits (figures/table.py)
    assert len(frame) == 13
    np.testing.assert_allclose(frame["Interneuron-like receptors blocked (%)"],
                               100 * block_interneuron(frame["Brain level (µM)"].to_numpy()),
                               rtol=5e-3)
    app.toggle(key="mg_plug_table").set_value(True).run()
    assert len(app.table) == 2


def test_reset_restores_the_defaults():
    app = page(RECEPTOR, level="5", mg="0.3", voltage="-20")
    app.button(key="reset").click().run()
    assert metric(app, "Brain level") == "0.80 µM"
    assert app.slider(key="voltage").value == pytest.approx(-70.0)
    assert app.slider(key="mg").value == pytest.approx(1.0)


# --- Glutamate surge: numbers match sim ------------------------------------------------------

def test_surge_screen_is_dose_response_table():
    """The screen's inverted U is the model's steady state, and its marker, key numbers and
    description are the steady state at the slider's level."""
    app = page(GLUTAMATE, level="3 µM")
    assert not app.exception
    chart = charts(app)[0]
    x = values(trace(chart, "Glutamate, first minutes")["x"])
    assert len(x) <= MAX_POINTS and chart["layout"]["xaxis2"]["type"] == "log"
    table = glutamate.as_columns(*dose_response_table(x, "disinhibition"))
    np.testing.assert_allclose(values(trace(chart, "Glutamate, first minutes")["y"]),
                               table["glutamate_rel_unadapted"], rtol=1e-6)
    np.testing.assert_allclose(values(trace(chart, "Glutamate, after the slow")["y"]),
                               table["glutamate_rel"], rtol=1e-6)
    row = glutamate.as_columns(*dose_response_table([3.0], "disinhibition"))
    here = trace(chart, "First minutes at 3 µM")
    assert here["x"] == [3.0] and here["y"][0] == pytest.approx(row["glutamate_rel_unadapted"][0])
    assert metric(app, "Glutamate, first minutes") == (
        f"{row['glutamate_rel_unadapted'][0]:.2f} ×")
    assert metric(app, "State of the person") == "unresponsive"  # 3 uM: past waking (2.7 uM)
    assert glutamate.describe_screen({k: v[0] for k, v in row.items()}) in captions(app)


@pytest.mark.parametrize(("level", "rises"), [("0.2 µM", True), ("1.5 µM", True),
                                              ("10 µM", False)])
def test_surge_screen_rises_then_falls(level, rises):
    """The lesson with no small print: glutamate above baseline at research levels, below
    it at anaesthetic ones (Moghaddam 1997: up at low doses, down at anaesthetic ones)."""
    app = page(GLUTAMATE, level=level)
    value = float(metric(app, "Glutamate, first minutes").split()[0])
    assert (value > 1.0) is rises


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_time_course_is_the_preset_simulation(name):
    app = page(GLUTAMATE, hours="8")
    app.selectbox(key="preset").set_value(PRESET_LABELS[name]).run()
    assert not app.exception
    scenario = scenarios.preset_scenario(name, hours=8.0, step_min=step_for(8.0))
    result = cascade.simulate(scenario)
    chart = charts(app)[1]
    for column, label in glutamate.SURGE_TRACES.items():
        line = trace(chart, label)
        assert len(values(line["y"])) <= MAX_POINTS
        assert_drawn_from(line, result.time_h, result[column], rtol=1e-9)
    assert metric(app, "Peak brain level") == f"{result['brain_um'].max():.2f} µM"
    assert glutamate.describe_surge(result) in captions(app)
    preset = scenarios.PRESETS[name]
    assert preset.description in captions(app) and preset.source in captions(app)


def test_each_page_offers_its_data_as_csv():
    labels = [b.proto.label for b in page(GLUTAMATE).get("download_button")]
    assert labels == ["Download the steady states (CSV)", "Download this scenario (CSV)"]
    labels = [b.proto.label for b in page(RECEPTOR).get("download_button")]
    assert labels == ["Download the block curves (CSV)"]


# --- the figure functions on their own -------------------------------------------------------

def test_describe_block_uses_the_numbers():
    text = receptor.describe_block(0.8, float(block_interneuron(0.8)), float(block_pyramidal(0.8)))
    assert text == ("At 0.8 µM (in the sub-anaesthetic range), 44 % of interneuron-like "
                    "receptors are blocked but only 12 % of pyramidal-like ones.")
    high = receptor.describe_block(9.3, float(block_interneuron(9.3)), float(block_pyramidal(9.3)))
    assert high == ("At 9.3 µM (in the anaesthetic range), 90 % of interneuron-like receptors "
                    "are blocked and 61 % of pyramidal-like ones.")


def test_block_figure_marks_the_level_and_describes_it():
    plain, text = receptor.block_figure(receptor.block_table(figures.levels.log_levels()), 3.0)
    fig = plain.checked()  # Plotly checks the plain dict
    assert "At 3.0 µM (between the sub-anaesthetic and anaesthetic ranges), 75 %" in text
    assert "33 %" in text  # 3 / (3 + 6)
    chosen = next(t for t in fig.data if t.name.startswith("Chosen level"))
    assert list(chosen.x) == [3.0, 3.0]
    styles = {(t.line.color, t.line.dash) for t in fig.data if t.mode == "lines"}
    assert len(styles) == sum(t.mode == "lines" for t in fig.data), "each line looks different"
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text and fig.layout.title.text


def test_describe_mg_uses_the_numbers():
    rest = 100 * float(mg_unblocked_fraction(-70.0, 1.0))
    assert f"{rest:.0f} %" == "4 %"
    assert receptor.describe_mg(1.0, -70.0) == (
        "With 1.0 mM Mg²⁺, only 4 % of NMDA receptor current can flow at rest (-70 mV).")
    depolarised = 100 * float(mg_unblocked_fraction(-20.0, 1.0))
    assert receptor.describe_mg(1.0, -20.0).endswith(f"rising to {depolarised:.0f} % at -20 mV.")
    assert "100 %" in receptor.describe_mg(0.0, -70.0)
    assert "falling to" in receptor.describe_mg(1.0, -90.0)


def test_describe_inverted_u_uses_the_numbers():
    levels = figures.levels.log_levels(200)
    table = glutamate.as_columns(*dose_response_table(levels, "disinhibition"))
    text = glutamate.describe_inverted_u(table)
    i = int(np.argmax(table["glutamate_rel_unadapted"]))
    assert f"rises to {table['glutamate_rel_unadapted'][i]:.1f} times baseline" in text
    assert f"at about {levels[i]:.1f} µM" in text
    assert f"falls to {table['glutamate_rel'][-1]:.2f} times baseline at 100 µM" in text
    assert f"steadily to {table['interneuron_activity_rel'][-1]:.2f} times baseline" in text
    # the surge really is an inverted U: up in the sub-anaesthetic range, down at 100 uM
    assert table["glutamate_rel"][i] > 1.1 and table["glutamate_rel"][-1] < 0.5
    back = float(re.search(r"back to baseline near ([\d.]+) µM", text).group(1))
    assert figures.levels.SUB_ANAESTHETIC_UM[1] < back < figures.levels.IDVALL_PLATEAU_UM


def test_describe_surge_uses_the_numbers():
    result = cascade.simulate(scenarios.preset_scenario("standard-iv", hours=6.0, step_min=1.0))
    text = glutamate.describe_surge(result)
    g = result["glutamate_rel"]
    i = int(np.argmax(g))
    assert text.startswith(f"Glutamate peaks at {g[i]:.1f} times baseline "
                           f"{result.time_h[i] * 60:.0f} minutes after the first dose, then is "
                           "back within 10 % of baseline by")
    low = result["interneuron_activity_rel"].min()
    assert f"interneuron activity is lowest ({low:.2f} times baseline)" in text
    anaesthesia = cascade.simulate(
        scenarios.preset_scenario("anesthetic-infusion", hours=12.0, step_min=2.0))
    story = glutamate.describe_surge(anaesthesia)
    g, t = anaesthesia["glutamate_rel"], anaesthesia.time_h
    dip = int(np.argmin(g[int(np.argmax(g)):])) + int(np.argmax(g))
    assert f"then dips to {g[dip]:.2f} times baseline at {t[dip]:.1f} hours" in story
    assert story.index("back within 10 %") < story.index("dips") < story.index("rises again")
    nothing = cascade.simulate(scenarios.preset_scenario("no-treatment", hours=2.0))
    assert glutamate.describe_surge(nothing) == (
        "Glutamate and both kinds of cell stay at their baseline.")


def test_range_names():
    assert figures.levels.range_name(0.1) == "below the sub-anaesthetic range"
    assert figures.levels.range_name(0.8) == "in the sub-anaesthetic range"
    assert figures.levels.range_name(3.0) == "between the sub-anaesthetic and anaesthetic ranges"
    assert figures.levels.range_name(9.3) == "in the anaesthetic range"


def test_table_csv_has_a_header_and_the_numbers():
    text = style.table_csv(receptor.block_table([1.0, 6.0]), "block")
    lines = text.splitlines()
    assert lines[0].startswith("#") and "not medical advice" in lines[1]
    assert lines[2] == "brain_um,nmda_block_interneuron,nmda_block_pyramidal"
    assert lines[3] == "1,0.5,0.14285714" and lines[4] == "6,0.85714286,0.5"


def test_model_constants_from_params_change_the_curves():
    """The IC50 sliders come from ReceptorParams metadata and feed the model (issue 3)."""
    from helpers import open_page

    from sim.receptor import ReceptorParams, block_interneuron

    app = open_page(pages.file("receptor"), level="0.8", ic50_interneuron="2")
    assert not app.exception and not app.info
    from sim.params import describe

    info = next(i for i in describe(ReceptorParams) if i.name == "ic50_interneuron")
    slider = app.slider(key="ic50_interneuron")
    assert (slider.min, slider.max, slider.step) == (info.min, info.max, info.step)
    assert "Gerhard 2020" in slider.proto.help and "µM" in slider.proto.label
    expected = block_interneuron(0.8, ReceptorParams(ic50_interneuron=2.0))
    assert metric(app, "Interneuron-like receptors blocked") == f"{100 * expected:.0f} %"
    assert "2 µM for interneuron-like" in "".join(c.value for c in app.caption)


def test_a_long_surge_title_wraps_instead_of_clipping():
    """Plotly clips titles that are too wide; the surge chart's title wraps at TITLE_CHARS."""

    app = page(GLUTAMATE)
    app.selectbox(key="preset").set_value(PRESET_LABELS["im-injection"]).run()
    title = charts(app)[1]["layout"]["title"]["text"]
    assert "<br>" in title and PRESET_LABELS["im-injection"] in title.replace("<br>", " ")
    text = re.sub(r"</?b>", "", title)  # the bold tags take no room
    assert all(len(part) <= TITLE_CHARS for part in text.split("<br>"))
