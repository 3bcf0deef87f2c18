"""The synapse picture (figures/synapse/) against the simulation, its animation, its text
alternative, and the time control on The whole story page."""

import json
from pathlib import Path

import numpy as np
import pytest
from helpers import charts
from streamlit.testing.v1 import AppTest

from content import pages
from figures import story, synapse
from figures.style import OKABE_ITO, when
from sim import cascade, scenarios
from sim.plasticity import PlasticityParams
from ui.simulate import step_for

ROOT = Path(__file__).resolve().parents[1]
STORY = pages.file("story")
INFUSION_END_H = 40 / 60  # the standard infusion runs for 40 minutes
N = synapse.RECEPTORS_PER_CELL


def model(name: str = "standard-iv", hours: float = 168.0, stress: float = 0.0,
          step_min: float | None = None, hypothesis: str = "disinhibition") -> cascade.Result:
    scenario = scenarios.preset_scenario(name, hypothesis=hypothesis, hours=hours,
                                         step_min=step_min or step_for(hours),
                                         plasticity=PlasticityParams(stress=stress))
    return cascade.simulate(scenario)


def traces(spec: dict) -> dict[str, dict]:
    """The picture's traces by role (their ``meta``)."""
    return {t["meta"]: t for t in spec["data"] if "meta" in t}


def drawn_counts(spec: dict) -> dict[str, int]:
    """How many markers of each kind a figure draws."""
    t = traces(spec)
    return {role: len(t[role]["x"]) for role in ("interneuron_open", "interneuron_blocked",
                                                 "pyramidal_open", "pyramidal_blocked",
                                                 "glutamate", "bdnf", "spine_heads")}


def index_at(result: cascade.Result, hours: float) -> int:
    i = int(np.argmin(np.abs(result.time_h - hours)))
    assert abs(result.time_h[i] - hours) < 1e-9, "a computed time"
    return i


# --- the picture at one time ------------------------------------------------------------------

def test_before_the_dose_nothing_is_blocked_and_everything_is_at_baseline():
    spec = synapse.synapse_figure(model(), 0.0).to_dict()
    assert drawn_counts(spec) == {
        "interneuron_open": N, "interneuron_blocked": 0, "pyramidal_open": N,
        "pyramidal_blocked": 0, "glutamate": synapse.BASELINE_COUNT, "bdnf": synapse.BASELINE_COUNT,
        "spine_heads": synapse.BASELINE_COUNT}
    necks = traces(spec)["spine_necks"]
    assert len(necks["x"]) == 3 * synapse.BASELINE_COUNT, "one neck (with a gap) per spine"


@pytest.mark.parametrize("name", ["standard-iv", "esketamine-nasal-84", "anesthetic-infusion"])
def test_at_the_end_of_the_infusion_the_markers_are_the_model_numbers(name):
    result = model(name, step_min=1.0)
    i = index_at(result, INFUSION_END_H)
    counts = drawn_counts(synapse.synapse_figure(result, INFUSION_END_H).to_dict())
    inter, pyr = result["nmda_block_interneuron"][i], result["nmda_block_pyramidal"][i]
    assert counts["interneuron_blocked"] == round(inter * N)
    assert counts["pyramidal_blocked"] == round(pyr * N)
    assert counts["interneuron_open"] + counts["interneuron_blocked"] == N
    assert counts["pyramidal_open"] + counts["pyramidal_blocked"] == N
    assert counts["glutamate"] == round(synapse.BASELINE_COUNT * result["glutamate_rel"][i])
    assert counts["bdnf"] == round(synapse.BASELINE_COUNT * result["bdnf_rel"][i])
    assert counts["spine_heads"] == round(synapse.BASELINE_COUNT * result["synapse_rel"][i])


def test_interneurons_are_blocked_more_than_pyramidal_cells():
    """Could fail: the picture would show the two cells swapped if the columns were mixed up
    (at the end of a standard infusion about 9 of 20 against 2 of 20)."""
    counts = drawn_counts(synapse.synapse_figure(model(step_min=1.0), INFUSION_END_H).to_dict())
    assert counts["interneuron_blocked"] >= counts["pyramidal_blocked"] + 5
    assert counts["glutamate"] > synapse.BASELINE_COUNT, "the surge: more glutamate than at rest"


def test_stress_removes_spines_and_counts_stay_within_their_pools():
    counts = drawn_counts(synapse.synapse_figure(model(stress=1.0), 0.0).to_dict())
    assert counts["spine_heads"] == round(synapse.BASELINE_COUNT * 0.7)  # 30 % fewer at stress 1
    huge = synapse.SynapseState(1.0, 2.0, -1.0, 99.0, 99.0, 99.0, 1.0)
    c = synapse.counts(huge)
    assert (c.blocked_interneuron, c.blocked_pyramidal) == (N, 0)
    assert (c.glutamate, c.bdnf, c.spines) == (synapse.GLUTAMATE_POOL, synapse.BDNF_POOL,
                                               synapse.SPINE_POOL)


def test_blocked_receptors_differ_in_shape_fill_and_colour():
    spec = synapse.synapse_figure(model(step_min=1.0), INFUSION_END_H).to_dict()
    t = traces(spec)
    open_, blocked = t["interneuron_open"]["marker"], t["interneuron_blocked"]["marker"]
    assert open_["symbol"].endswith("-open") and not blocked["symbol"].endswith("-open")
    assert open_["symbol"].split("-")[0] != blocked["symbol"].split("-")[0], "another shape"
    assert open_["color"] != blocked["color"]
    colours = [m["color"] for m in (open_, blocked, t["glutamate"]["marker"],
                                    t["bdnf"]["marker"], t["spine_heads"]["marker"])]
    assert all(c in OKABE_ITO for c in colours)
    symbols = {t[r]["marker"]["symbol"] for r in ("interneuron_blocked", "glutamate", "bdnf")}
    assert len(symbols) == 3, "blocked receptors, glutamate and BDNF have their own shapes"


def test_the_gaba_brake_thins_as_interneurons_fire_less():
    result = model(step_min=1.0)
    i = index_at(result, INFUSION_END_H)
    width = traces(synapse.synapse_figure(result, INFUSION_END_H).to_dict())["brake"]["line"]
    assert width["width"] == pytest.approx(
        synapse.BRAKE_WIDTH_PX * result["interneuron_activity_rel"][i], abs=0.01)
    assert width["width"] < synapse.BRAKE_WIDTH_PX


def test_every_figure_is_valid_plotly():
    """The figures skip Plotly's checks when the page draws them; Plotly checks them here."""
    result = model()
    synapse.synapse_figure(result, 2.0).checked()
    animation = synapse.animation(result, synapse.time_grid(168.0))
    checked = animation.at(5).checked()
    assert len(checked.frames) == len(animation.frames)
    table = story.stitch(model(hours=story.FINE_HOURS, step_min=1.0), result)
    story.story_figure(table, "a", table, "b", cursor_h=1.0)[0].checked()
    story.difference_figure(table, table, "bdnf_rel", cursor_h=1.0)[0].checked()


# --- the text alternative ---------------------------------------------------------------------

@pytest.mark.parametrize("hours", [INFUSION_END_H, 2.0, 24.0, 72.0])
def test_the_description_says_the_model_values_at_that_time(hours):
    result = model(step_min=1.0 if hours < 24 else 8.0)
    i = index_at(result, hours)
    text = synapse.describe_synapse(result, hours)
    inter, pyr = result["nmda_block_interneuron"][i], result["nmda_block_pyramidal"][i]
    assert text.startswith(f"At {when(hours)}: ")
    if round(100 * inter) or round(100 * pyr):
        assert (f"{100 * inter:.0f} % of interneuron receptors and {100 * pyr:.0f} % of "
                "pyramidal-cell receptors are blocked") in text
    for column, name in (("glutamate_rel", "glutamate"), ("bdnf_rel", "BDNF")):
        value = result[column][i]
        assert (f"{name} is {value:.2f} times baseline" in text if abs(value - 1) >= 0.005
                else f"{name} is at baseline" in text)
    spines = result["synapse_rel"][i]
    if abs(spines - 1) >= 0.005:
        assert f"spine density is {spines:.2f} times that of an unstressed brain" in text
    c = synapse.counts(synapse.state_at(result, hours))
    assert (f"The picture shows {c.blocked_interneuron} of {N} interneuron receptors and "
            f"{c.blocked_pyramidal} of {N} pyramidal-cell receptors plugged") in text


def test_the_description_at_the_start_and_without_ketamine():
    assert synapse.describe_synapse(model(), 0.0).startswith(
        "At the first dose: no NMDA receptors are blocked; glutamate is at baseline; BDNF is "
        "at baseline; spine density is that of an unstressed brain.")
    text = synapse.describe_synapse(model("no-treatment"), 100.0)
    assert "no NMDA receptors are blocked" in text and "0 of 20 interneuron" in text
    assert "spine density is 0.70 times" in synapse.describe_synapse(model(stress=1.0), 0.0)


# --- the animation ----------------------------------------------------------------------------

@pytest.mark.parametrize("hours", [168.0, 336.0, 672.0, 1008.0])
def test_the_time_grid_is_log_spaced_readable_and_holds_the_infusion_end(hours):
    grid = np.array(synapse.time_grid(hours))
    assert 40 <= len(grid) <= 60
    assert grid[0] == pytest.approx(1 / 60) and grid[-1] == hours
    assert np.all(np.diff(grid) > 0) and INFUSION_END_H in grid
    labels = [synapse.time_label(h) for h in grid]
    assert len(set(labels)) == len(labels), "every step has its own name"
    ratios = grid[1:] / grid[:-1]
    assert ratios.max() < 2.01, "no big jumps: log-spaced, minutes to weeks"


def test_frames_move_the_picture_and_the_cursor_to_their_time():
    result = model("iv-course", hours=1008.0)
    grid = synapse.time_grid(1008.0)
    animation = synapse.animation(result, grid)
    spec = animation.at(0).to_dict()
    frames = spec["frames"]
    assert [f["name"] for f in frames] == [synapse.time_label(h) for h in grid]
    slider = spec["layout"]["sliders"][0]
    assert [s["args"][0] for s in slider["steps"]] == [[f["name"]] for f in frames]
    roles = list(synapse.DYNAMIC)
    for frame, hours in zip(frames, grid, strict=True):
        assert frame["traces"] == list(range(len(roles)))
        for cursor in ("cursor_block", "cursor_levels"):
            assert frame["data"][roles.index(cursor)]["x"] == [pytest.approx(hours, abs=1e-6)] * 2
        state = synapse.state_at(result, hours)
        c = synapse.counts(state)
        blocked = frame["data"][roles.index("interneuron_blocked")]
        assert len(blocked["x"]) == c.blocked_interneuron
        assert len(frame["data"][roles.index("spine_heads")]["x"]) == c.spines
        assert f"interneuron {100 * state.block_interneuron:.0f} %" in (
            frame["layout"]["title"]["text"])
    # the course's later infusions block receptors again: the frames are not all alike
    blocked_counts = [len(f["data"][roles.index("interneuron_blocked")]["x"]) for f in frames]
    assert max(blocked_counts) >= 8 and blocked_counts[-1] == 0


def test_the_figure_shown_at_a_step_is_that_frame():
    result = model()
    animation = synapse.animation(result, synapse.time_grid(168.0))
    for step in (0, 10, len(animation.frames) - 1):
        spec = animation.at(step).to_dict()
        assert spec["layout"]["sliders"][0]["active"] == step
        frame = animation.frames[step]
        for k, role in enumerate(synapse.DYNAMIC):
            if role != "brake":
                assert spec["data"][k]["x"] == frame["data"][k]["x"], role
        assert spec["layout"]["title"]["text"] == frame["layout"]["title"]["text"]


def test_no_motion_unless_asked_and_no_tweening():
    spec = synapse.animation(model(), synapse.time_grid(168.0)).at(0).to_dict()
    slider, menu = spec["layout"]["sliders"][0], spec["layout"]["updatemenus"][0]
    assert slider["transition"]["duration"] == 0
    for step in slider["steps"]:
        assert step["args"][1]["transition"]["duration"] == 0
        assert step["args"][1]["frame"]["duration"] == 0
    play, pause = menu["buttons"]
    assert play["args"][1]["transition"]["duration"] == 0
    assert play["args"][1]["frame"]["duration"] >= 500, "calm steps, no flicker"
    assert pause["args"][0] == [None]
    assert "autoplay" not in json.dumps(spec["layout"]).lower()


def test_without_ketamine_no_frame_draws_a_blocked_receptor():
    result = model("no-treatment")
    spec = synapse.animation(result, synapse.time_grid(168.0)).at(0).to_dict()
    roles = list(synapse.DYNAMIC)
    for frame in spec["frames"]:
        for role in ("interneuron_blocked", "pyramidal_blocked"):
            assert frame["data"][roles.index(role)]["x"] == [], (frame["name"], role)
        for role in ("glutamate", "bdnf", "spine_heads"):
            assert len(frame["data"][roles.index(role)]["x"]) == synapse.BASELINE_COUNT
    assert drawn_counts(spec)["interneuron_blocked"] == 0
    # the legend still explains both kinds of receptor (empty traces leave Plotly's legend)
    key = traces(spec)
    assert key["key_open"]["marker"] == key["interneuron_open"]["marker"]
    assert key["key_blocked"]["marker"] == key["interneuron_blocked"]["marker"]
    assert not any(key[r].get("showlegend", True) for r in ("interneuron_open",
                                                            "interneuron_blocked"))


# --- the page ---------------------------------------------------------------------------------

def story_page(**query) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.switch_page(STORY)
    return app.run()


def synapse_chart(app: AppTest) -> dict:
    return next(chart for chart in charts(app)
                if chart["layout"]["title"]["text"].startswith("<b>Inside the synapse"))


def story_cursor(app: AppTest) -> float:
    chart = next(chart for chart in charts(app)
                 if "from minutes to weeks" in chart["layout"]["title"]["text"])
    (shape,) = chart["layout"]["shapes"]
    return shape["x0"]


def captions(app: AppTest) -> str:
    return "\n".join(c.value for c in app.caption)


def test_the_page_opens_at_the_end_of_the_infusion():
    app = story_page()
    assert not app.exception, app.exception
    time = app.select_slider(key="time")
    assert time.value == "40 min"
    text = synapse.describe_synapse(model("standard-iv", hours=1008.0, step_min=1.0),
                                 INFUSION_END_H)
    assert text.split(". The picture")[0] in captions(app)
    assert story_cursor(app) == pytest.approx(INFUSION_END_H)
    assert "nothing moves until you press it" in captions(app)
    picture = synapse_chart(app)
    # one clock (issue 21): the page's time control and Play drive the picture, which has no
    # play buttons or slider of its own to disagree with it
    assert "sliders" not in picture["layout"] and "updatemenus" not in picture["layout"]


@pytest.mark.parametrize("end", ["first", "last"])
def test_the_time_control_at_its_ends_moves_text_picture_and_cursor_together(end):
    app = story_page()
    time = app.select_slider(key="time")
    label = time.options[0] if end == "first" else time.options[-1]
    time.set_value(label).run()
    assert not app.exception, app.exception
    grid = synapse.time_grid(1008.0)  # A = standard-iv, B = iv-course: six weeks
    step = [synapse.time_label(h) for h in grid].index(label)
    hours = grid[step]
    chart = synapse_chart(app)
    assert f"{label} after the first dose" in chart["layout"]["title"]["text"]
    assert story_cursor(app) == pytest.approx(hours)
    cursor = next(t for t in chart["data"] if t.get("meta") == "cursor_block")
    assert cursor["x"] == [pytest.approx(hours, abs=1e-6)] * 2
    fine = model("standard-iv", hours=story.FINE_HOURS, step_min=1.0)
    whole = model("standard-iv", hours=1008.0)
    table = story.stitch(fine, whole, story.STORY_COLUMNS + ("interneuron_activity_rel",))
    assert synapse.describe_synapse(table, hours) in captions(app)


def test_a_link_sets_the_time_and_a_bad_one_says_so():
    app = story_page(time="3 days")
    assert not app.exception and not app.info
    assert app.select_slider(key="time").value == "3 days"
    assert story_cursor(app) == pytest.approx(72.0)
    bad = story_page(time="<script>")
    assert not bad.exception
    assert "could not be used" in bad.info[0].value and "Time shown" in bad.info[0].value
    assert bad.select_slider(key="time").value == "40 min"


def test_a_shorter_span_keeps_a_time_it_still_has():
    app = story_page(time="2 days")
    app.selectbox(key="view").set_value("Scenario A only").run()
    app.selectbox(key="span").set_value("1 week").run()
    assert not app.exception
    assert app.select_slider(key="time").value == "2 days"
    assert app.select_slider(key="time").options[-1] == "7 days"
    assert synapse_chart(app)["layout"]["xaxis2"]["range"][1] == pytest.approx(np.log10(168))


def test_reset_puts_the_time_back():
    app = story_page(time="3 days")
    app.button(key="reset").click().run()
    assert app.select_slider(key="time").value == "40 min"


def test_a_picture_with_the_cells_mixed_up_would_fail_these_checks(monkeypatch):
    """The count check above can fail: with the two block columns swapped, the picture no
    longer matches the model."""
    swapped = ("nmda_block_pyramidal", "nmda_block_interneuron", *synapse.COLUMNS[2:])
    monkeypatch.setattr(synapse.state, "COLUMNS", swapped)
    result = model(step_min=1.0)
    i = index_at(result, INFUSION_END_H)
    counts = drawn_counts(synapse.synapse_figure(result, INFUSION_END_H).to_dict())
    assert counts["interneuron_blocked"] != round(result["nmda_block_interneuron"][i] * N)
