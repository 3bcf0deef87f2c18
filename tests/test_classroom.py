"""The classroom features: guided tour, presenter mode, loading a saved scenario, and the
links that claims and tour steps use to open a page with a published dose (issue 6)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import captions, charts, metric, open_page, readouts, values

from content import explainers, pages, tour
from content.labels import PRESET_LABELS
from sim import cascade, export, scenarios
from ui import links, presenter
from ui.scenario_io import FILE_KEY

TOUR = pages.file("tour")
STEPS = tour.load_tour()


def test_the_tour_is_valid():
    claim_ids = {c.id for c in explainers.load_claims()}
    assert tour.tour_problems(STEPS, claim_ids, set(explainers.load_sources())) == []
    assert any(step.claims for step in STEPS), "steps link to the claims ledger"


def test_tour_problems_are_found():
    broken = tour.Step(number=1, title="x", text="No source here.", chart="pie",
                       preset="mega-dose", hypothesis="magic", stress=2.0, look_at="x",
                       question="?", answer="Yes [@nobody].", claims=("no-such-claim",))
    problems = " ".join(tour.tour_problems((broken,), set(), set()))
    for expected in ("8 to 12 expected", "chart 'pie'", "preset 'mega-dose'",
                     "hypothesis 'magic'", "stress 2", "claim 'no-such-claim'",
                     "text cites no source", "source 'nobody'"):
        assert expected in problems


@pytest.mark.parametrize("step", STEPS, ids=lambda s: str(s.number))
def test_every_step_sets_its_scenario(step):
    app = open_page(TOUR, tour=str(step.number))
    assert not app.exception and not app.info, (app.exception, app.info)
    assert app.header[0].value == f"{step.number}. {step.title}"
    assert f"Step {step.number} of {len(STEPS)}" in app.get("progress")[0].proto.text
    drawn = charts(app)
    if step.chart == "none":
        assert not drawn
        return
    assert len(drawn) == 1
    if step.chart == "levels":  # the chart is the model's run of the step's preset
        run = cascade.simulate(scenarios.preset_scenario(step.preset, hours=6.0))
        plasma = next(t for t in drawn[0]["data"] if "lasma" in t["name"])
        assert values(plasma["y"]).max() == pytest.approx(run["plasma_ng_per_ml"].max(),
                                                          rel=1e-3)
    claim_links = [p.proto.query_string for p in app.get("page_link")
                   if p.proto.page == "claims"]
    assert claim_links == [f"claim={c}" for c in step.claims]
    if step.chart == "growth" and step.stress:
        assert f"stress={step.stress:g}" in app.get("page_link")[0].proto.query_string


@pytest.mark.parametrize("bad", ["0", "99", "-1", "abc", "1e309", "<script>", "2.5", ""])
def test_a_bad_step_number_falls_back_to_step_one_with_a_notice(bad):
    app = open_page(TOUR, tour=bad)
    assert not app.exception
    assert app.header[0].value.startswith("1. ")
    assert app.info and "starts at step 1" in app.info[0].value


def test_next_and_back_move_through_the_tour():
    app = open_page(TOUR)
    assert app.button(key="tour_back").disabled
    app.button(key="tour_next").click().run()
    assert app.header[0].value.startswith("2. ")
    app.button(key="tour_back").click().run()
    assert app.header[0].value.startswith("1. ")
    last = open_page(TOUR, tour=str(len(STEPS)))
    assert last.button(key="tour_next").disabled


def test_the_answer_is_behind_a_click():
    app = open_page(TOUR, tour="6")
    answer = next(e for e in app.expander if e.label == "Show the answer")
    assert not answer.proto.expanded


@pytest.mark.parametrize("page", [pages.file("dose"), pages.file("tour"),
                                  pages.file("glutamate"), pages.file("claims")])
def test_presenter_mode_hides_the_sidebar_and_offers_a_link(page):
    app = open_page(page, present="1")
    assert not app.exception
    assert any(h.proto.body == presenter.STYLE for h in app.get("html"))
    assert app.button(key="presenter_exit")
    normal = open_page(page, present="yes please")
    assert not normal.exception
    assert not any(h.proto.body == presenter.STYLE for h in normal.get("html")), (
        "no presenter style")
    assert normal.sidebar.toggle(key="presenter_toggle")


def test_presenter_mode_shows_only_the_levels_on_the_dose_page():
    """Normally one chart with four panels (levels, dissociation, blood pressure, sedation);
    on a projector the levels alone, large."""
    normal = charts(open_page(pages.file("dose")))
    assert len(normal) == 1 and len(normal[0]["data"]) == 5
    assert {t["yaxis"] for t in normal[0]["data"]} == {"y", "y2", "y3", "y4"}
    presenting = charts(open_page(pages.file("dose"), present="1"))
    assert len(presenting) == 1
    assert [t["name"] for t in presenting[0]["data"]] == [
        "Blood plasma (ng/mL)", "Brain, effect site (ng/mL equivalent)"]


@pytest.mark.parametrize(("part", "heading", "drawn"), [
    ("Inside the synapse", "Inside the synapse (scenario A)", 1),
    ("The chain over time", None, 1),
    ("The difference, B − A", "The difference, B − A", 1),
    ("How many might respond", "How many people might respond? (illustrative)", 0),
])
def test_presenter_mode_shows_one_part_of_the_story(part, heading, drawn):
    """The story is seven screens tall; on a projector one part at a time (one chart, or the
    numbers of who might respond), and the sidebar's settings fold above it, reachable."""
    app = open_page(pages.file("story"), present="1", part=part)
    assert not app.exception, app.exception
    assert len(charts(app)) == drawn
    parts = {"Inside the synapse (scenario A)", "The difference, B − A",
             "How many people might respond? (illustrative)"}
    assert [h.value for h in app.header if h.value in parts] == ([heading] if heading else [])
    folds = [e.label for e in app.expander]
    assert {"Comparison, time shown and axis", "Scenarios A and B: doses and ideas",
            "Chronic stress of A and B"} <= set(folds), folds
    for key in ("compare", "view", "span", "axis", "a_preset", "b_preset"):
        app.selectbox(key=key)  # each setting is on the page (folded), not in a hidden sidebar
    assert not app.sidebar.selectbox


def test_leaving_presenter_mode():
    app = open_page(pages.file("dose"), present="1")
    app.button(key="presenter_exit").click().run()
    assert "present" not in app.query_params


def test_a_loaded_scenario_file_replaces_the_controls():
    scenario = scenarios.preset_scenario("im-injection")
    text = export.scenario_json(scenario, "im-injection")
    app = open_page(pages.file("dose"), session={FILE_KEY: ("mine.json", text)})
    assert not app.exception
    assert any("mine.json" in i.value for i in app.info)
    run = cascade.simulate(scenario)
    assert metric(app, "Peak plasma level") == f"{run['plasma_ng_per_ml'].max():.0f} ng/mL"
    app.button(key="forget_scenario").click().run()
    assert metric(app, "Peak plasma level") == "188 ng/mL"


@pytest.mark.parametrize("page, preset", [
    ("dose", "esketamine-nasal-84"), ("dose", "im-injection"), ("dose", "anesthetic-bolus"),
    ("receptor", "anesthetic-infusion"), ("glutamate", "im-injection"),
    ("growth", "iv-course"), ("story", "oral"),
])
def test_preset_links_open_the_page_with_that_dose_and_no_notice(page, preset):
    app = open_page(links.PAGE_FILES[page], **links.preset_query(page, preset))
    assert not app.exception
    assert not [i for i in app.info if "could not be used" in i.value]
    shown = captions(app) + " ".join(readouts(app).values())
    if page == "dose":
        run = cascade.simulate(scenarios.preset_scenario(preset, hours=6.0))
        assert metric(app, "Peak plasma level") == f"{run['plasma_ng_per_ml'].max():.0f} ng/mL"
    else:
        assert PRESET_LABELS[preset] in shown


def test_claims_page_filters_and_links():
    claims = explainers.load_claims()
    app = open_page(pages.file("claims"))
    assert not app.exception
    assert app.header[0].value == f"{len(claims)} of {len(claims)} claims"
    graded = open_page(pages.file("claims"), grade="Not supported as stated")
    expected = sum(c.grade == "not-supported" for c in claims)
    assert graded.header[0].value == f"{expected} of {len(claims)} claims"
    for article in explainers.ARTICLES:
        app = open_page(pages.file("claims"),
                        article=next(o for o in app.sidebar.selectbox(key="article").options
                                     if o.startswith(article)))
        made = sum(article in c.made_by for c in claims)
        assert app.header[0].value == f"{made} of {len(claims)} claims"
    one = open_page(pages.file("claims"), claim=claims[0].id)
    assert one.header[0].value == f"1 of {len(claims)} claims"
    unknown = open_page(pages.file("claims"), claim="<script>")
    assert "not in the ledger" in unknown.info[0].value
    bad = open_page(pages.file("claims"), grade="<script>", topic="nan")
    assert not bad.exception and "could not be used" in bad.info[0].value


def test_read_page_shows_each_topic():
    for explainer in explainers.topic_explainers():
        app = open_page(pages.file("read"), topic=explainer.title)
        assert not app.exception and not app.info
        assert app.header[0].value == explainer.title


def test_every_simulation_page_shows_its_explainer_with_answers_behind_a_click():
    for page in explainers.SIMULATION_PAGES:
        explainer = explainers.page_explainer(page)
        app = open_page(links.PAGE_FILES[page])
        assert explainer.title in [s.value for s in app.header], page
        answers = [e for e in app.expander if e.label.startswith("Show the answer")]
        assert len(answers) == len(explainer.try_this)
        assert any(e.label == "What this model leaves out" for e in app.expander)


def test_figures_have_no_nan():
    for step in STEPS:
        if step.chart in ("levels", "growth"):
            app = open_page(TOUR, tour=str(step.number))
            for trace in charts(app)[0]["data"]:
                if "y" in trace:
                    assert np.isfinite(values(trace["y"])).all()


def test_presenter_steps_through_the_pages_in_the_sidebars_order():
    """Issue 22: on a projector the sidebar is hidden, so each page links to its neighbours."""
    names = [p.name for p in pages.PAGES]
    dose = presenter.current_page("http://class.example:8080/dose?dose=1&present=1")
    assert dose.name == "dose"
    before, after = presenter.neighbours(dose)
    assert (before.name, after.name) == (names[names.index("dose") - 1],
                                         names[names.index("dose") + 1])
    home = presenter.current_page("http://class.example:8080/")
    assert home.default and presenter.neighbours(home)[0] is None
    assert presenter.neighbours(pages.PAGES[-1])[1] is None
    assert presenter.current_page("http://x/kme/receptor").name == "receptor", "behind a path"


@pytest.mark.parametrize("name", pages.SIMULATION_PAGES)
def test_a_chart_picture_names_the_pages_main_sources_with_links(name):
    """A downloaded chart picture carries the page's first primary sources, each with its
    link (ui/assets/picture_download.js prints the line the page hands it; the browser test
    in tests/e2e/test_play.py reads it on the picture)."""
    from ui import explain

    line = explain.picture_sources(name)
    sources = explainers.load_sources()
    primary = [k for k in explainers.page_explainer(name).sources if not sources[k].clinic]
    expected = primary[:explain.PICTURE_SOURCES]
    assert line == "Main sources: " + "; ".join(
        f"{sources[k].cite} {sources[k].link}" for k in expected)
    assert all(sources[k].link.startswith("https://") for k in expected)


def test_presenter_mode_says_what_the_dose_chart_shows():
    """On a projector the settings fold away: the room reads the drug, route and dose."""
    app = open_page(pages.file("dose"), present="1", route="Nasal spray", dose="0.7")
    shown = [m.value for m in app.markdown if m.value.startswith("**Shown:**")]
    assert shown == ["**Shown:** Ketamine (racemic); Nasal spray; 0.7 mg/kg; 70 kg; 6 h"]


@pytest.mark.parametrize("name", ["dose", "receptor", "glutamate", "growth"])
def test_try_this_cards_leave_the_projectors_screen_to_the_chart(name):
    normal = open_page(pages.file(name))
    assert any(m.value.startswith("**Try this 1.**") for m in normal.markdown)
    presenting = open_page(pages.file(name), present="1")
    assert not any(m.value.startswith("**Try this") for m in presenting.markdown)
