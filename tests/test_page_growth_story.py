"""The BDNF & synaptic growth page and The whole story page: every control, bad links, charts
whose data are the model's output, and the figure functions' generated sentences."""

import random
from pathlib import Path

import numpy as np
import pytest
from helpers import (
    BAD_URL_VALUES,
    assert_drawn_from,
    captions,
    charts,
    metric,
    page,
    readouts,
    readouts_note,
    values,
)
from streamlit.testing.v1 import AppTest

from content import pages
from content.labels import PRESET_LABELS
from figures import growth, story, style, words
from figures.style import OKABE_ITO, peak_time, when
from sim import cascade, scenarios
from sim.plasticity import HYPOTHESES, PlasticityParams
from sim.population import response_fraction
from ui.simulate import MAX_POINTS, step_for

ROOT = Path(__file__).resolve().parents[1]
GROWTH, STORY, GLUTAMATE = (str(ROOT / pages.file(name))
                             for name in ("growth", "story", "glutamate"))
GARBAGE = (*BAD_URL_VALUES, "ketamine-megadose")  # and a preset that does not exist
GROWTH_PRESETS = ("standard-iv", "iv-course", "esketamine-nasal-84", "esketamine-induction",
                  "oral", "anesthetic-infusion")
WEEK = 168.0


def chart_titled(app: AppTest, start: str) -> dict:
    """The chart whose title starts so (the story page draws the synapse picture first)."""
    return next(c for c in charts(app)
                if c["layout"]["title"]["text"].removeprefix("<b>").startswith(start))


def story_chart(app: AppTest) -> dict:
    return next(c for c in charts(app) if "from minutes to weeks" in c["layout"]["title"]["text"])


def trace(chart: dict, name_start: str, row: int | None = None) -> dict:
    """The first trace whose name starts so (in panel ``row`` of a multi-panel chart)."""
    axis = None if row is None else ("y" if row == 1 else f"y{row}")
    return next(t for t in chart["data"] if t["name"].startswith(name_start)
                and (axis is None or t.get("yaxis", "y") == axis))


def model(name: str, hypothesis: str = "disinhibition", stress: float = 0.0,
          hours: float | None = None) -> cascade.Result:
    """The simulation, built here from sim alone (not through the page's helpers)."""
    hours = hours or max(WEEK, scenarios.PRESETS[name].hours)
    scenario = scenarios.preset_scenario(name, hypothesis=hypothesis, hours=hours,
                                         step_min=step_for(hours),
                                         plasticity=PlasticityParams(stress=stress))
    return cascade.simulate(scenario)


# The story's and BDNF & growth's lines are sent in single precision (figures.style.typed): 24
# bits, so values agree with the model to a relative 6e-8; these tolerances leave room for
# that and no more.
# Values below 1e-30 (a plasma level weeks after a dose, say 1e-117 ng/mL) round to zero.
SINGLE = 2e-7
TINY = 1e-30


def assert_single(actual, desired):
    np.testing.assert_allclose(actual, desired, rtol=SINGLE, atol=TINY)


def at_times(x_hours: np.ndarray, fine: cascade.Result, whole: cascade.Result, column: str):
    """What the model says at each time: the fine run up to its end, the whole run after."""
    out = np.empty(len(x_hours))
    for k, t in enumerate(x_hours.astype(float)):
        run = fine if t <= fine.time_h[-1] * (1 + SINGLE) else whole
        i = int(np.argmin(np.abs(run.time_h - t)))
        assert abs(run.time_h[i] - t) <= SINGLE * max(t, 1.0), f"{t} h is not a computed time"
        out[k] = run[column][i]
    return out


def slider_picks(slider, seed: str) -> list[float]:
    rng = random.Random(seed)
    return [slider.min, slider.max] + [
        round(round(rng.uniform(slider.min, slider.max) / slider.step) * slider.step, 6)
        for _ in range(3)]


# --- both pages run ---------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "n_charts", "n_csv"), [(GROWTH, 2, 1), (STORY, 3, 2)])
def test_page_runs_with_title_label_reset_and_download(path, n_charts, n_csv):
    app = page(path)
    assert not app.exception, app.exception
    assert app.title and "Conceptual teaching model" in app.warning[0].value
    assert not app.info, "no notice without a bad link"
    assert app.button(key="reset")
    assert sum("(CSV)" in b.proto.label for b in app.get("download_button")) == n_csv
    assert len(charts(app)) == n_charts
    for chart in charts(app):
        layout = chart["layout"]
        assert layout["title"]["text"]
        x_titles = [v["title"]["text"] for k, v in layout.items()
                    if k.startswith("xaxis") and "title" in v]
        assert x_titles and all("Time since the first dose" in t for t in x_titles)
        for t in chart["data"]:
            assert len(values(t["x"])) <= MAX_POINTS, t["name"]


def test_growth_says_all_ideas_are_proposed_and_bdnf_is_measured_in_blood():
    text = "\n".join(m.value for m in page(GROWTH).markdown)
    assert "All three triggers shown here are *proposed*" in text
    assert "only ever been measured in the blood" in text and "Haile 2014" in text


@pytest.mark.parametrize(("path", "key", "n_charts"), [(GROWTH, "stress", 2),
                                                       (STORY, "a_stress", 3),
                                                       (STORY, "b_stress", 3)])
def test_every_slider_at_its_extremes_and_at_random_values(path, key, n_charts):
    app = page(path)
    for value in slider_picks(app.slider(key=key), key):
        app.slider(key=key).set_value(value).run()
        assert not app.exception, (key, value, app.exception)
        assert len(charts(app)) == n_charts and app.caption


def options(path: str, key: str) -> list[str]:
    return list(page(path).selectbox(key=key).options)


@pytest.mark.parametrize("key", ["preset", "hypothesis", "span", "compare"])
def test_growth_every_select_option(key):
    app = page(GROWTH)
    for option in options(GROWTH, key):
        app.selectbox(key=key).set_value(option).run()
        assert not app.exception, (key, option, app.exception)
        assert len(charts(app)) == 2, (key, option)


@pytest.mark.parametrize("key", ["compare", "view", "span", "axis", "a_preset", "a_hyp",
                                 "b_preset", "b_hyp", "diff"])
def test_story_every_select_option(key):
    app = page(STORY)
    for option in options(STORY, key):
        app.selectbox(key=key).set_value(option).run()
        assert not app.exception, (key, option, app.exception)
        assert charts(app) and readouts(app), (key, option)


@pytest.mark.parametrize("bad", GARBAGE)
def test_growth_garbage_in_the_url_gives_a_notice_and_the_defaults(bad):
    app = page(GROWTH, **{k: bad for k in ("preset", "hypothesis", "stress", "span", "compare")})
    assert not app.exception, app.exception
    notice = app.info[0].value
    assert "could not be used" in notice
    assert "**Published dose**" in notice and "**Chronic stress**" in notice
    assert app.selectbox(key="preset").value == PRESET_LABELS["standard-iv"]
    assert app.slider(key="stress").value == pytest.approx(0.0)
    assert "<script>" not in "".join(m.value for m in app.markdown)


@pytest.mark.parametrize("bad", GARBAGE)
def test_story_garbage_in_the_url_gives_a_notice_and_the_defaults(bad):
    keys = ("compare", "view", "span", "axis", "a_preset", "a_hyp", "a_stress", "b_preset",
            "b_hyp", "b_stress", "diff")
    app = page(STORY, **{k: bad for k in keys})
    assert not app.exception, app.exception
    notice = app.info[0].value
    assert "could not be used" in notice and "**Scenario B: published dose**" in notice
    assert app.selectbox(key="a_preset").value == PRESET_LABELS["standard-iv"]
    assert app.selectbox(key="b_preset").value == PRESET_LABELS["iv-course"]
    assert app.slider(key="b_stress").value == pytest.approx(0.0)
    assert "<script>" not in "".join(m.value for m in app.markdown)


def test_an_unknown_preset_alone_is_named_in_the_notice():
    app = page(STORY, b_preset="ketamine-megadose")
    assert not app.exception
    assert "'ketamine-megadose' is not one of the choices" in app.info[0].value


# --- growth: numbers match sim ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "hypothesis", "stress"),
                         [("standard-iv", "disinhibition", 0.0), ("oral", "metabolite", 0.5),
                          ("iv-course", "direct-block", 1.0),
                          ("anesthetic-infusion", "disinhibition", 0.25)])
def test_growth_chart_is_the_simulation(name, hypothesis, stress):
    app = page(GROWTH, preset=PRESET_LABELS[name], hypothesis=words.HYPOTHESIS_NAMES[hypothesis],
               stress=str(stress))
    assert not app.exception and not app.info
    result = model(name, hypothesis, stress)
    chart = charts(app)[0]
    for column, label in growth.GROWTH_NAMES.items():
        assert_drawn_from(trace(chart, label), result.time_h, result[column], 1 / 24, SINGLE)
    assert growth.describe_growth(result) in captions(app)
    assert metric(app, "Highest spine density (×)") == f"{result['synapse_rel'].max():.2f}"
    assert metric(app, "Spine density before (×)") == f"{1 - 0.3 * stress:.2f}"


def test_growth_hypotheses_chart_draws_each_idea_from_sim():
    app = page(GROWTH, preset=PRESET_LABELS["oral"], compare="BDNF")
    chart = charts(app)[1]
    styles = set()
    for h in HYPOTHESES:
        line = trace(chart, words.HYPOTHESIS_NAMES[h])
        run = model("oral", h)
        assert_drawn_from(line, run.time_h, run["bdnf_rel"], 1 / 24, SINGLE)
        styles.add((line["line"]["color"], line["line"]["dash"]))
    assert len(styles) == 3, "each idea has its own colour AND line style"
    assert len({c for c, _ in styles}) == 3 and len({d for _, d in styles}) == 3
    assert trace(chart, "Disinhibition")["name"].endswith("(chosen)")
    # by mouth the ideas disagree: the liver makes HNK, so the metabolite idea's BDNF rise
    # is several times the others'
    rises = {h: values(trace(chart, words.HYPOTHESIS_NAMES[h])["y"]).max() - 1 for h in HYPOTHESES}
    assert rises["metabolite"] > 3 * max(rises["disinhibition"], rises["direct-block"])


def test_an_anaesthetic_preset_is_marked_outside_the_models_range():
    """Under anaesthesia, glutamate, growth and relief leave the awake range the model was
    built for: the growth and glutamate pages say so above the chart and shade it grey, and
    the research infusion shows neither."""
    for path in (GROWTH, GLUTAMATE):
        app = page(path, preset=PRESET_LABELS["anesthetic-infusion"])
        assert not app.exception
        assert any("outside what the model was built for" in w.value for w in app.warning)
        shapes = [s.get("label", {}).get("text") for c in charts(app)
                  for s in c["layout"].get("shapes", [])]
        assert "outside what the model was built for" in shapes
        calm = page(path, preset="standard-iv")
        assert not [w for w in calm.warning if "outside what" in w.value]


def test_growth_time_span_sets_the_simulated_hours():
    app = page(GROWTH, span="1 day")
    x = values(trace(charts(app)[0], "BDNF")["x"])
    assert x[-1] == pytest.approx(24.0), "one day is drawn in hours"
    run = model("standard-iv", hours=24.0)
    assert_drawn_from(trace(charts(app)[0], "BDNF"), run.time_h, run["bdnf_rel"], rtol=SINGLE)


def test_growth_table_toggle_shows_the_chart_data():
    app = page(GROWTH)
    app.toggle(key="growth_table").set_value(True).run()
    frame = app.table[0].value  # every 10 min to 2 h, hourly to a day, then daily
    run = model("standard-iv")
    days = [int(t.split()[0]) for t in frame["Time since the first dose"] if t.endswith("days")]
    assert len(frame) <= 60 and days and days == list(range(2, days[-1] + 1))
    at_days = np.interp(24.0 * np.array(days), run.time_h, run["synapse_rel"])
    np.testing.assert_allclose(frame["Spine density (× an unstressed brain)"][-len(days):],
                               at_days, rtol=5e-3)


# --- story: numbers match sim ----------------------------------------------------------------

def story_runs(name: str, hypothesis: str = "disinhibition", stress: float = 0.0,
               hours: float = 42 * 24.0):
    return model(name, hypothesis, stress, story.FINE_HOURS), model(name, hypothesis, stress, hours)


def test_story_panels_are_the_simulation_at_the_steps_computed():
    app = page(STORY)  # A = standard-iv, B = iv-course: six weeks, log time axis
    assert not app.exception
    chart = story_chart(app)
    assert chart["layout"]["xaxis"]["type"] == "log"
    for side, name in (("A", "standard-iv"), ("B", "iv-course")):
        fine, whole = story_runs(name)
        for row, column in ((1, "plasma_ng_per_ml"), (4, "bdnf_rel"), (5, "synapse_rel"),
                            (6, "symptom_relief_index"), (7, "dissociation")):
            line = trace(chart, f"{side} ({PRESET_LABELS[name]}", row)
            x, y = values(line["x"]), values(line["y"])
            assert len(x) <= MAX_POINTS and x.min() > 0, "log axis: no time 0"
            assert x[0] == pytest.approx(1 / 60) and x[-1] == pytest.approx(42 * 24)
            assert_single(y, at_times(x, fine, whole, column))
        block = trace(chart, f"{side}: pyramidal-cell block", 2)
        x = values(block["x"])
        assert_single(values(block["y"]), 100 * at_times(x, fine, whole, "nmda_block_pyramidal"))


def test_story_draws_the_first_hours_from_the_one_minute_run():
    """On the log axis the first half hour is wide: every minute of it is drawn. Up to
    DENSE_HOURS every drawn time is a whole minute (the 1-minute run), thinned where minutes
    are closer than a pixel."""
    x = values(trace(story_chart(page(STORY)), "A (", 1)["x"]).astype(float)
    np.testing.assert_allclose(x[x <= 0.5], np.arange(1, 31) / 60, rtol=1e-5)
    minutes = x[x <= story.DENSE_HOURS] * 60
    np.testing.assert_allclose(minutes, np.round(minutes), atol=1e-3)
    assert np.all(np.diff(x) > 0)


def test_story_difference_is_b_minus_a():
    app = page(STORY, diff="Spine density")
    chart = chart_titled(app, "Difference B − A")
    line = trace(chart, "B − A")
    x = values(line["x"])
    a_fine, a_whole = story_runs("standard-iv")
    b_fine, b_whole = story_runs("iv-course")
    expected = (at_times(x, b_fine, b_whole, "synapse_rel")
                - at_times(x, a_fine, a_whole, "synapse_rel"))
    np.testing.assert_allclose(values(line["y"]), expected, atol=1e-6)
    assert expected.max() > 0.2, "a course keeps more spines than one infusion"
    k = int(np.argmax(np.abs(expected)))
    assert f"largest {when(x[k])} after the first dose: +{expected[k]:.2f}" in captions(app)


def test_story_population_shares_are_the_population_model():
    app = page(STORY)
    for side, name in (("A", "standard-iv"), ("B", "iv-course")):
        fine, whole = story_runs(name)
        day = response_fraction(fine["symptom_relief_index"][-1])  # the fine run ends at 24 h
        week = response_fraction(whole["symptom_relief_index"][int(WEEK * 60 / 40)])  # 40 min
        assert metric(app, f"{side}: drug's share at 1 day") == f"{100 * day:.0f} %"
        assert metric(app, f"{side}: drug's share at 7 days") == f"{100 * week:.0f} %"
        # the trials' placebo arm (midazolam 18 %, Wilkinson 2019) on top of the drug's share
        assert metric(app, f"{side}: with placebo at 1 day") == (
            f"{100 * (1 - 0.82 * (1 - day)):.0f} %")
    note = readouts_note(app)
    assert "18 %" in note and "midazolam" in note and "Wilkinson 2019" in note
    # could fail: after a week a course keeps more of the virtual population responding
    a = int(metric(app, "A: drug's share at 7 days").rstrip(" %"))
    b = int(metric(app, "B: drug's share at 7 days").rstrip(" %"))
    assert b > a + 20


def test_story_days_axis_and_scenario_a_only():
    app = page(STORY, axis="Even scale: days", view="Scenario A only", span="2 weeks")
    assert not app.exception
    assert len(charts(app)) == 2, "the synapse picture and the story; no difference without B"
    assert len(readouts(app)) == 4 and len(app.get("download_button")) == 1
    chart = story_chart(app)
    assert not [t for t in chart["data"] if t["name"].startswith("B")]
    line = trace(chart, "A (", 5)
    x = values(line["x"])
    assert x[0] == 0 and x[-1] == pytest.approx(14)
    fine, whole = story_runs("standard-iv", hours=14 * 24.0)
    assert_single(values(line["y"]), at_times(x * 24, fine, whole, "synapse_rel"))


def test_a_suggested_comparison_sets_a_and_b():
    app = page(STORY)
    app.selectbox(key="compare").set_value("IV vs nasal spray").run()
    assert not app.exception
    assert app.selectbox(key="a_preset").value == PRESET_LABELS["standard-iv"]
    assert app.selectbox(key="b_preset").value == PRESET_LABELS["esketamine-nasal-84"]
    assert app.selectbox(key="diff").value == "Plasma level"
    app.selectbox(key="compare").set_value("Research drip vs anaesthesia").run()
    assert not app.exception
    assert app.selectbox(key="a_preset").value == PRESET_LABELS["standard-iv"]
    assert app.selectbox(key="b_preset").value == PRESET_LABELS["anesthetic-infusion"]
    # a bigger dose is not a better antidepressant, and B is marked outside the model's range
    a = int(metric(app, "A: drug's share at 1 day").rstrip(" %"))
    b = int(metric(app, "B: drug's share at 1 day").rstrip(" %"))
    assert b < a
    assert any(w.value.startswith("Scenario B:") for w in app.warning)
    assert not any(w.value.startswith("Scenario A:") for w in app.warning)
    labels = [s.get("label", {}).get("text") for s in story_chart(app)["layout"]["shapes"]]
    assert "B: outside what the model was built for" in labels
    app.selectbox(key="compare").set_value("Disinhibition vs the metabolite idea, by mouth").run()
    assert app.selectbox(key="b_hyp").value == words.HYPOTHESIS_NAMES["metabolite"]
    chart = story_chart(app)
    a, b = (values(trace(chart, f"{s} ({PRESET_LABELS['oral']}", 4)["y"]) for s in "AB")
    assert b.max() - 1 > 3 * (a.max() - 1), "the metabolite idea predicts far more BDNF by mouth"
    app.selectbox(key="b_preset").set_value(PRESET_LABELS["standard-iv"]).run()
    assert "You have changed A or B" in captions(app)


def test_a_shared_link_keeps_its_own_a_and_b():
    app = page(STORY, compare="IV vs nasal spray", b_preset=PRESET_LABELS["oral"],
               a_stress="0.5")
    assert not app.exception and not app.info
    assert app.selectbox(key="b_preset").value == PRESET_LABELS["oral"], \
        "the link wins over the suggestion"
    assert app.slider(key="a_stress").value == pytest.approx(0.5)


def test_story_reset_restores_the_defaults():
    app = page(STORY, a_preset=PRESET_LABELS["oral"], b_stress="0.7", axis="Even scale: days")
    app.button(key="reset").click().run()
    assert app.selectbox(key="a_preset").value == PRESET_LABELS["standard-iv"]
    assert app.slider(key="b_stress").value == pytest.approx(0.0)
    assert story_chart(app)["layout"]["xaxis"]["type"] == "log"


def test_the_relief_index_is_always_labelled_illustrative():
    app = page(STORY)
    titles = [a["text"] for a in story_chart(app)["layout"]["annotations"]]
    assert "Illustrative relief index (not a clinical measure)" in titles
    assert "How many people might respond? (illustrative)" in [h.value for h in app.header]
    assert all("drug's share" in label or "with placebo" in label for label in readouts(app))


# --- the figure functions on their own -------------------------------------------------------

def test_describe_growth_uses_the_numbers():
    result = model("standard-iv", stress=0.5)
    text = growth.describe_growth(result)
    t, b, s = result.time_h, result["bdnf_rel"], result["synapse_rel"]
    i, j = int(np.argmax(b)), int(np.argmax(s))
    # peak times between the samples, so they do not depend on the time step drawn
    assert text.startswith(f"BDNF peaks {100 * (b[i] - 1):.0f} % above baseline after "
                           f"{when(peak_time(t, b))}")
    assert (f"spine density peaks {100 * (s[j] / s[0] - 1):.0f} % above its starting level "
            f"after {when(peak_time(t, s))}") in text
    course = model("iv-course")
    s, t = course["synapse_rel"], course.time_h
    j = int(np.argmax(s))
    back = j + int(np.argmax(s[j:] - s[0] <= (s[j] - s[0]) / 2))
    assert growth.describe_growth(course).endswith(f"is halfway back {when(t[back] - t[j])} later.")
    assert growth.describe_growth(model("no-treatment")) == (
        "BDNF, synaptic proteins and spine density all stay at their starting levels.")


def test_describe_hypotheses_names_each_peak_and_where_they_part():
    runs = {h: model("anesthetic-infusion", h) for h in HYPOTHESES}
    text = growth.describe_hypotheses(runs, "bdnf_rel")
    for h in HYPOTHESES:
        assert f"{runs[h]['bdnf_rel'].max():.2f} with {words.HYPOTHESIS_WORDS[h]}" in text
    stack = np.vstack([runs[h]["bdnf_rel"] for h in HYPOTHESES])
    k = int(np.argmax(stack.max(0) - stack.min(0)))
    assert f"furthest apart {when(runs['disinhibition'].time_h[k])} after" in text
    same = {h: runs["disinhibition"] for h in HYPOTHESES}
    assert growth.describe_hypotheses(same, "bdnf_rel").endswith("the three ideas agree here.")


def test_describe_difference_uses_the_numbers():
    t = np.array([0.0, 1.0, 2.0, 3.0])
    a = {"time_h": t, "synapse_rel": np.ones(4)}
    b = {"time_h": t, "synapse_rel": np.array([1.0, 1.2, 1.1, 1.05])}
    assert story.describe_difference(a, b, "synapse_rel") == (
        "B − A for spine density is largest 60 minutes after the first dose: +0.20 "
        "(× an unstressed brain), so B is higher there; at the end of the view it is +0.05.")
    swapped = story.describe_difference(b, a, "synapse_rel")
    assert "−0.20" in swapped and "B is lower there" in swapped
    assert story.describe_difference(a, a, "synapse_rel") == (
        "A and B give the same spine density at every time shown.")
    blocks = {"time_h": t, "nmda_block_pyramidal": np.array([0, 0.1, 0.3, 0])}
    none = {"time_h": t, "nmda_block_pyramidal": np.zeros(4)}
    assert "+30 (% blocked)" in story.describe_difference(none, blocks, "nmda_block_pyramidal")


def test_describe_story_uses_the_numbers():
    fine, whole = story_runs("iv-course")
    table = story.stitch(fine, whole)
    text = story.describe_story(table, "iv-course")
    plasma = table["plasma_ng_per_ml"]
    assert text.startswith(f"In A (iv-course) plasma peaks at {plasma.max():.0f} ng/mL "
                           "40 minutes after the first dose"), "the first session's peak"
    relief_day = fine["symptom_relief_index"][-1]
    assert f"relief index is {relief_day:.2f} at 1 day" in text
    none = story.stitch(*story_runs("no-treatment"))
    assert story.describe_story(none, "no-treatment") == (
        "In A (no-treatment) there is no ketamine, so every level stays at its baseline.")


def test_stitch_keeps_computed_points_and_has_no_visible_seam():
    fine, whole = story_runs("iv-course")
    table = story.stitch(fine, whole)
    t = table["time_h"]
    assert np.all(np.diff(t) > 0) and len(t) <= MAX_POINTS
    assert t[-1] == whole.time_h[-1] and story.FINE_HOURS in t
    mid = t[(t > story.DENSE_HOURS) & (t <= story.FINE_HOURS)]
    np.testing.assert_allclose(np.diff(mid), story.EARLY_STRIDE / 60)
    # after a day the coarse whole run agrees with the fine run: the seam is invisible
    i = int(np.searchsorted(whole.time_h, story.FINE_HOURS))
    for column in ("synapse_rel", "symptom_relief_index", "bdnf_rel", "plasma_ng_per_ml"):
        scale = max(1.0, float(table[column].max()))
        assert abs(whole[column][i] - fine[column][-1]) < 0.01 * scale, column


def test_span_hours():
    assert style.span_hours("auto", 24.0) == WEEK
    assert style.span_hours("auto", 168.0, 1008.0) == 1008.0
    assert style.span_hours("3") == 72.0


def test_figures_use_okabe_ito_and_distinct_line_styles():
    fig = growth.growth_figure(model("standard-iv"), "t")[0].checked()
    styles = [(t.line.color, t.line.dash) for t in fig.data]
    assert len(set(styles)) == 3 and all(c in OKABE_ITO for c, _ in styles)
    assert "(days)" in fig.layout.xaxis.title.text and "baseline" in fig.layout.yaxis.title.text
    a = story.stitch(*story_runs("standard-iv"))
    b = story.stitch(*story_runs("oral"))
    fig = story.story_figure(a, "a", b, "b")[0].checked()  # Plotly checks the plain dict
    for row in range(1, len(story.PANELS) + 1):
        axis = "y" if row == 1 else f"y{row}"
        panel = [(t.line.color, t.line.dash) for t in fig.data if t.yaxis == axis]
        assert len(panel) == len(set(panel)) >= 2, f"panel {row}: each line looks different"
        assert all(c in OKABE_ITO for c, _ in panel)
    assert fig.layout.yaxis.title.text == "ng/mL"
    assert fig.layout[f"xaxis{len(story.PANELS)}"].title.text.startswith("Time since the first")
