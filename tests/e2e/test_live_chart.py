"""The chart component (ui/live_chart.py) as a reader meets it: a chart that changes in place
when a control moves, charts far down the page drawn when the reader gets there, and a plain
message, not a blank box, when plotly.js cannot be loaded."""

from __future__ import annotations

from playwright.sync_api import expect

from .e2e_helpers import CHART, SLIDER_PAGES, description, open_page, slider, wait_rerun

# the drawn line of the first trace, and a mark that only survives if the node is kept
FIRST_LINE = "(chart) => chart.querySelector('.scatterlayer .trace path.js-line').getAttribute('d')"
# (on the drawing itself: a purged or new chart would not have it)
MARK = "(chart) => { chart.querySelector('.main-svg').__kept = true; }"
STILL_MARKED = "(chart) => chart.querySelector('.main-svg').__kept === true"


def test_a_slider_move_redraws_the_same_chart(page, app_url):
    open_page(page, app_url, "dose")
    chart = page.locator(CHART).first
    before_line = chart.evaluate(FIRST_LINE)
    before_text = description(page, "Plasma level")
    chart.evaluate(MARK)
    minutes = slider(page, "Infusion time (min)")  # a longer drip: a lower, later peak
    minutes.focus()
    minutes.press("ArrowRight")
    wait_rerun(page)
    assert chart.evaluate(FIRST_LINE) != before_line, "the line did not change"
    assert description(page, "Plasma level") != before_text, "the description did not change"
    # the same drawing: Plotly.react updated it instead of a new chart being drawn
    assert chart.evaluate(STILL_MARKED)
    assert not page.errors


def test_charts_far_down_the_page_are_drawn_when_reached(page, app_url):
    open_page(page, app_url, "story")
    last = page.locator(CHART).last  # "Difference B - A", far below the first screen
    expect(last).to_have_attribute("data-state", "waiting")
    assert last.locator(".main-svg").count() == 0
    assert len(last.get_attribute("aria-label") or "") > 20, "its description is there already"
    last.scroll_into_view_if_needed()
    expect(last).to_have_attribute("data-state", "drawn")
    expect(last.locator(".main-svg").first).to_be_visible()
    drawn_line = last.evaluate(FIRST_LINE)

    # back at the top, a change reaches the far chart's description at once, its drawing
    # when the reader comes back to it
    stress = slider(page, SLIDER_PAGES["story"])
    stress.focus()  # scrolls back up to the control
    before = last.get_attribute("aria-label")
    stress.press("ArrowRight")
    wait_rerun(page)
    expect(last).not_to_have_attribute("aria-label", before)
    expect(last).to_have_attribute("data-state", "waiting")
    assert last.evaluate(FIRST_LINE) == drawn_line, "not redrawn while out of sight"
    last.scroll_into_view_if_needed()
    expect(last).to_have_attribute("data-state", "drawn")
    assert last.evaluate(FIRST_LINE) != drawn_line


# Scrolls Streamlit's main block so that the chart's top is ``below`` px under the screen.
PUT_BELOW_SCREEN = """([chart, below]) => {
  let main = chart.parentElement;
  while (!/(auto|scroll)/.test(getComputedStyle(main).overflowY)) main = main.parentElement;
  main.scrollBy(0, chart.getBoundingClientRect().top - (innerHeight + below));
}"""
TITLE = "(chart) => chart.querySelector('.gtitle').textContent"


def test_a_chart_just_out_of_sight_is_redrawn_when_the_reader_scrolls(page, app_url):
    open_page(page, app_url, "story")
    picture = page.locator(CHART).first  # the synapse picture, under scenario A's controls
    expect(picture).to_have_attribute("data-state", "drawn")
    page.evaluate(PUT_BELOW_SCREEN, [picture.element_handle(), 100])
    wait_rerun(page)
    drawn_title = picture.evaluate(TITLE)
    before = picture.get_attribute("aria-label")
    stress = slider(page, SLIDER_PAGES["story"])
    stress.focus()
    stress.press("End")  # severe stress: fewer spines in the picture's numbers
    wait_rerun(page)
    expect(picture).not_to_have_attribute("aria-label", before)  # its text: at once
    expect(picture).to_have_attribute("data-state", "waiting")
    assert picture.evaluate(TITLE) == drawn_title, "not redrawn while out of sight"
    page.mouse.move(640, 400)
    page.mouse.wheel(0, 40)  # the reader scrolls towards it, before it is in sight
    expect(picture).to_have_attribute("data-state", "drawn")
    assert picture.evaluate(TITLE) != drawn_title
    assert not page.errors


def test_before_printing_every_chart_is_drawn_with_its_newest_figure(page, app_url):
    open_page(page, app_url, "story")
    charts = page.locator(CHART)
    stress = slider(page, SLIDER_PAGES["story"])
    stress.focus()
    stress.press("End")  # every chart gets a new figure; those out of sight wait
    wait_rerun(page)
    waiting = [i for i in range(charts.count())
               if charts.nth(i).get_attribute("data-state") == "waiting"]
    assert waiting, "some charts are out of sight"
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    for i in range(charts.count()):
        expect(charts.nth(i)).to_have_attribute("data-state", "drawn")
    picture = charts.first  # drawn with scenario A's severe stress
    assert "stress 1" in picture.evaluate(TITLE)


def test_a_packed_figure_is_drawn_in_a_browser_without_native_base64_decoding(page, app_url):
    page.add_init_script("delete Uint8Array.fromBase64")  # as in older browsers
    open_page(page, app_url, "story")
    picture = page.locator(CHART).first  # the synapse picture: over 50 KB, so sent packed
    expect(picture).to_have_attribute("data-state", "drawn")
    assert picture.evaluate(TITLE).startswith("Inside the synapse")
    assert page.evaluate("() => Uint8Array.fromBase64 === undefined")
    assert not page.errors


def test_a_browser_that_cannot_unpack_a_big_figure_says_so_under_the_chart(page, app_url):
    page.add_init_script("delete window.DecompressionStream")  # as in browsers before 2023
    open_page(page, app_url, "story")
    picture = page.locator(f".st-key-chart_story {CHART}")  # the cascade, packed: over 50 KB
    picture.scroll_into_view_if_needed()
    expect(picture).to_have_attribute("data-state", "failed")
    expect(picture.get_by_role("alert")).to_contain_text("cannot unpack a chart this big")
    assert len(picture.get_attribute("aria-label") or "") > 20, "its description is still there"
    assert page.locator('[data-testid="stException"]').count() == 0
    diff = page.locator(CHART).last  # small, sent as plain JSON: drawn as usual
    diff.scroll_into_view_if_needed()
    expect(diff).to_have_attribute("data-state", "drawn")
    assert not page.errors


STREAMLITS_PLOTLY = "**/static/js/PlotlyChart.*.js"
PACKAGES_PLOTLY = "**/app/static/plotly.min.js"


def test_plotly_js_comes_from_streamlits_own_bundle(page, app_url):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    open_page(page, app_url, "receptor")
    expect(page.locator(CHART).first).to_have_attribute("data-state", "drawn")
    assert any("/static/js/PlotlyChart." in url for url in asked)
    assert not any(url.endswith("/plotly.min.js") for url in asked), "not the fallback copy"


def test_without_streamlits_plotly_the_chart_uses_the_plotly_packages_copy(page, app_url):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.route(STREAMLITS_PLOTLY, lambda route: route.abort())
    open_page(page, app_url, "receptor")
    chart = page.locator(CHART).first
    expect(chart).to_have_attribute("data-state", "drawn")
    expect(chart.locator(".main-svg").first).to_be_visible()
    assert any(url.endswith("/app/static/plotly.min.js") for url in asked)


def test_a_chart_that_cannot_load_plotly_says_so(page, app_url):
    page.route(STREAMLITS_PLOTLY, lambda route: route.abort())
    page.route(PACKAGES_PLOTLY, lambda route: route.abort())
    open_page(page, app_url, "receptor")
    chart = page.locator(CHART).first
    expect(chart).to_have_attribute("data-state", "failed")
    expect(chart.get_by_role("alert")).to_contain_text("The chart could not be drawn")
    # the text alternative still says what the chart shows
    expect(page.get_by_text(chart.get_attribute("aria-label"), exact=True)).to_be_visible()


def test_plotly_js_is_fetched_before_a_chart_needs_it(page, app_url):
    open_page(page, app_url, "glossary")  # a page with no chart
    page.wait_for_function("() => typeof window.Plotly === 'object'")
    # the element that fetches it takes no room in the sidebar
    assert page.evaluate("""() => getComputedStyle(document.querySelector('.kme-preload')
        .closest('[data-testid="stElementContainer"]')).display""") == "none"


def test_a_chart_goes_full_screen_and_back(page, app_url):
    open_page(page, app_url, "dose")
    chart = page.locator(CHART).first
    before = chart.locator(".main-svg").first.bounding_box()
    chart.hover()  # the toolbar shows on hover
    chart.get_by_role("button", name="Full screen (Esc to leave)").click()
    page.wait_for_function("() => document.fullscreenElement?.classList.contains('kme-chart')")
    page.wait_for_function(f"""() => document.querySelector('{CHART} .main-svg')
        .getBoundingClientRect().width > innerWidth - 40""")  # the screen's width
    assert page.evaluate("() => getComputedStyle(document.fullscreenElement).backgroundColor"
                         ) == "rgb(255, 255, 255)"
    # the legend moves to the bottom, clear of the time axis and its title
    legend, title = (page.locator(f"{CHART} {part}").first.bounding_box()
                     for part in (".legend", ".xtitle"))
    assert legend["y"] >= title["y"] + title["height"]
    page.evaluate("() => document.exitFullscreen()")
    page.wait_for_function("() => document.fullscreenElement === null")
    page.wait_for_function(f"""([w, h]) => {{
        const r = document.querySelector('{CHART} .main-svg').getBoundingClientRect();
        return Math.abs(r.width - w) < 2 && Math.abs(r.height - h) < 2; }}""",
                           arg=[before["width"], before["height"]])
    assert not page.errors
