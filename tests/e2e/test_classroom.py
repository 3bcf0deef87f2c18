"""The classroom features in a real browser: the tour walked by keyboard, presenter mode on a
1280 x 720 projector, the synapse picture scrubbed, a "try this" answer revealed, and a
scenario bundle downloaded and loaded back (issue 6)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from content.pages import PAGES
from content.tour import load_tour
from sim import cascade, export, scenarios
from sim.scenario_file import scenario_from_json

from .e2e_helpers import (
    CHART,
    metrics,
    open_page,
    open_panel,
    query_params,
    wait_idle,
    wait_rerun,
)

STEPS = load_tour()


def heading(page, text: str):
    return page.get_by_role("heading", name=text, exact=True)


def test_walk_the_tour_by_keyboard(page, app_url):
    open_page(page, app_url, "tour")
    expect(heading(page, f"1. {STEPS[0].title}")).to_be_visible()
    for step in STEPS[1:]:
        page.get_by_role("button", name="Next →").focus()
        page.keyboard.press("Enter")
        wait_rerun(page)
        expect(heading(page, f"{step.number}. {step.title}")).to_be_visible()
        assert query_params(page)["tour"] == [str(step.number)]
        expect(page.get_by_test_id("stProgress").get_by_text(
            f"Step {step.number} of {len(STEPS)}")).to_be_visible()  # not the live region
    expect(page.get_by_role("button", name="Next →")).to_be_disabled()
    page.get_by_role("button", name="← Back").focus()
    page.keyboard.press("Enter")
    wait_rerun(page)
    expect(heading(page, f"{len(STEPS) - 1}. {STEPS[-2].title}")).to_be_visible()


def test_a_tour_answer_is_revealed_on_click_only(page, app_url):
    open_page(page, app_url, "tour", "tour=6")
    answer = STEPS[5].answer[:45]
    expect(page.get_by_text(answer)).to_be_hidden()
    page.get_by_text("Show the answer", exact=True).click()
    expect(page.get_by_text(answer)).to_be_visible()


def test_a_bad_tour_link_falls_back_to_step_one(page, app_url):
    open_page(page, app_url, "tour", "tour=42")
    expect(heading(page, f"1. {STEPS[0].title}")).to_be_visible()
    expect(page.get_by_text("it starts at step 1")).to_be_visible()


def test_expand_a_try_this_answer_on_a_page(page, app_url):
    open_page(page, app_url, "dose")
    page.get_by_text("Show the answer to 1", exact=True).click()
    expanded = page.locator('[data-testid="stExpander"]').filter(has_text="Show the answer to 1")
    expect(expanded.locator('[data-testid="stExpanderDetails"]')).to_be_visible()


@pytest.mark.parametrize("path", ["dose", "receptor", "glutamate", "growth", "tour"])
def test_presenter_mode_fits_a_projector(new_page, app_url, screenshots, path):
    page = new_page(viewport={"width": 1280, "height": 720})
    open_page(page, app_url, path, "present=1")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.get_by_text("Conceptual teaching model").first).to_be_in_viewport()
    chart = page.locator(CHART).first
    box = chart.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 720, box  # no scrolling needed
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.stApp p')).fontSize)")
    assert size >= 20, "presenter type is large"
    # every text in the chart at projector size, laid out by Plotly for it (no clipped legend)
    sizes = page.evaluate("""() => Object.fromEntries(Object.entries({
        tick: '.xtick text, .ytick text', legend: '.legendtext', title: '.gtitle',
        band: 'g.shape-label text, text.shape-label'}).map(([kind, css]) => [kind,
        Math.min(...[...document.querySelectorAll(css)].map(
          e => parseFloat(getComputedStyle(e).fontSize)))]))""")
    assert sizes["tick"] >= 15 and sizes["legend"] >= 16 and sizes["title"] >= 20, sizes
    assert sizes["band"] >= 15 or sizes["band"] == float("inf"), sizes  # a band, if any
    legend, plot = (page.locator(f"{CHART} {css}").first.bounding_box()
                    for css in (".legend", ".main-svg"))
    assert legend["x"] + legend["width"] <= plot["x"] + plot["width"] + 1, (legend, plot)
    page.screenshot(path=str(screenshots / f"presenter-{path}.png"))
    open_panel(page, "Link and QR code")
    expect(page.locator("code").filter(has_text="present=1")).to_be_visible()


def test_play_runs_the_picture_in_the_browser(page, app_url):
    """Play steps the picture through time from frames the page already has: the title
    moves while the server is not asked and the link stays as it was (issue 21: Play beside
    the time control, one clock for the picture and the charts)."""
    open_page(page, app_url, "story")
    play = page.locator(".kme-play")
    play.scroll_into_view_if_needed()
    page.wait_for_function("() => !!window.__kmeLive?.families?.synapse")
    title = page.locator(".st-key-chart_synapse .gtitle").first
    before, url = title.text_content(), page.url
    play.click()
    expect(title).not_to_have_text(before)
    assert page.url == url, "playing does not wait for (or even ask) the server"
    assert page.evaluate(
        "document.querySelector('[data-testid=stApp]').dataset.testScriptState") == "notRunning"
    play.click()  # Pause


def test_the_page_time_control_moves_the_description(page, app_url):
    open_page(page, app_url, "story")
    expect(page.get_by_text("At 40 minutes:").first).to_be_visible()
    time_slider = page.get_by_role(
        "slider", name="Time shown in the picture, its description and the dotted line on the "
        "charts").first
    time_slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_rerun(page)
    assert "time" in query_params(page)
    expect(page.get_by_text("At 40 minutes:")).to_have_count(0)


def test_download_the_bundle_and_load_it_back(page, app_url, tmp_path):
    open_page(page, app_url, "dose")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download this scenario (zip: CSV, JSON, README)").click()
    path = tmp_path / "bundle.zip"
    download.value.save_as(path)
    model = cascade.simulate(scenarios.preset_scenario("standard-iv", hours=6.0))
    with zipfile.ZipFile(path) as bundle:
        rows = [line for line in bundle.read("scenario.csv").decode().splitlines()
                if not line.startswith("#")]
        reloaded = scenario_from_json(bundle.read("scenario.json"))
        readme = bundle.read("README.md").decode()
    plasma = [float(r["plasma_ng_per_ml"]) for r in csv.DictReader(io.StringIO("\n".join(rows)))]
    assert max(plasma) == pytest.approx(model["plasma_ng_per_ml"].max(), rel=1e-6)
    assert reloaded.schedule.events[0].amount_mg == pytest.approx(35.0)
    assert export.DISCLAIMER in readme

    # Load another scenario (a muscle injection) and see its numbers replace the controls'.
    other = scenarios.preset_scenario("im-injection")
    upload = tmp_path / "im.json"
    upload.write_text(export.scenario_json(other, "im-injection"))
    page.get_by_text("Load a scenario file").click()
    page.locator('input[type="file"]').set_input_files(str(upload))
    wait_rerun(page)
    wait_idle(page)
    expect(page.get_by_text("Showing the scenario from")).to_be_visible()
    expected = cascade.simulate(cascade.Scenario(schedule=other.schedule,
                                                 hours=other.hours, step_min=other.step_min))
    assert metrics(page)["Peak plasma level"] == (
        f"{expected['plasma_ng_per_ml'].max():.0f} ng/mL")


@pytest.mark.parametrize("content, says", [
    (b"\x00\x01 not json at all", "not JSON"),
    (json.dumps({"schedule": {"weight_kg": 70, "events": [
        {"time_h": 0, "route": "iv-bolus", "amount_mg": 5000}]}}).encode(), "ceiling"),
    (json.dumps({"pickle": "cos\nsystem\n"}).encode(), "does not know"),
])
def test_a_bad_scenario_file_is_refused_in_words(page, app_url, tmp_path, content, says):
    open_page(page, app_url, "dose")
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    page.get_by_text("Load a scenario file").click()
    page.locator('input[type="file"]').set_input_files(str(bad))
    wait_rerun(page)
    expect(page.get_by_text("That file was not loaded.")).to_be_visible()
    expect(page.get_by_text(says).first).to_be_visible()
    assert metrics(page)["Peak plasma level"] == "188 ng/mL"  # nothing lost
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_presenter_mode_steps_to_the_next_page_and_stays_presenting(new_page, app_url):
    page = new_page(viewport={"width": 1280, "height": 720})
    open_page(page, app_url, "dose", "present=1")
    wait_idle(page)
    page.get_by_role("link", name="NMDA blockade").click()
    page.wait_for_url("**/receptor?present=1")
    wait_idle(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    page.get_by_role("link", name="The dose").click()
    page.wait_for_url("**/dose?present=1")


def test_presenter_mode_lists_every_page_and_stays_presenting(new_page, app_url):
    """The sidebar and its page list are hidden on a projector: the row of presenter controls
    lists the pages, the one shown can not be opened again, and another opens presenting."""
    page = new_page(viewport={"width": 1280, "height": 720})
    open_page(page, app_url, "receptor", "present=1")
    open_panel(page, "All pages")
    listed = page.locator('[data-testid="stExpanderDetails"] [data-testid="stPageLink"]')
    expect(listed).to_have_count(len(PAGES))
    assert [t.removesuffix(" (here)") for t in listed.all_inner_texts()] == [
        p.title for p in PAGES]
    here = listed.filter(has_text="(here)")
    expect(here).to_have_count(1)
    expect(here).to_contain_text("NMDA blockade")
    listed.filter(has_text="Glutamate surge").click()
    page.wait_for_url("**/glutamate?present=1")
    wait_idle(page)
    expect(page.get_by_role("button", name="Leave presenter mode")).to_be_visible()


def test_the_qr_code_opens_the_view_shown(new_page, app_url, screenshots):
    """A phone scanning the projected code gets the link to this view, settings included:
    the code's picture is decoded (zxing-cpp) and compared with the address written under it."""
    page = new_page(viewport={"width": 1280, "height": 720})
    open_page(page, app_url, "receptor", "present=1&level=2.5")
    open_panel(page, "Link and QR code")
    code = page.get_by_role("img", name="QR code of the link to this view")
    expect(code).to_be_visible()
    picture = screenshots / "presenter-qr.png"
    code.screenshot(path=str(picture))
    found = zxingcpp.read_barcodes(Image.open(picture))
    assert [b.format.name for b in found] == ["QRCode"], found
    written = page.locator('[data-testid="stExpanderDetails"] code').inner_text()
    assert found[0].text == written.strip()
    assert "/receptor?" in found[0].text and "level=2.5" in found[0].text
    assert "present=1" in found[0].text


def test_switching_presenter_mode_keeps_the_keyboard_in_place(page, app_url):
    """Focus is not dropped to the page's body when presenter mode is switched (WCAG 2.4.3):
    it lands on the way back out, and then back on the switch."""
    open_page(page, app_url, "receptor")
    page.get_by_role("switch", name="Presenter mode").focus()
    page.keyboard.press("Space")
    page.wait_for_url("**/receptor?present=1")
    leave = page.get_by_role("button", name="Leave presenter mode")
    expect(leave).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/receptor")
    expect(page.get_by_role("switch", name="Presenter mode")).to_be_focused()
