"""Play first (issue 21), in Chromium: each simulation page's main control redraws its chart
and key numbers while it is dragged, before the mouse is released; the control and its chart
share the first screen; the story's picture, sentence and cursor keep one clock; Back
restores a page's settings."""

from __future__ import annotations

import re

import pytest

from .e2e_helpers import open_page, wait_idle, wait_rerun

# page -> (the main control's key, the chart it drives)
LIVE = {"dose": ("dose", "levels"), "receptor": ("level", "block"),
        "glutamate": ("level", "surge_screen"), "growth": ("stress", "growth"),
        "story": ("time", "synapse")}
VIEW = {"width": 1280, "height": 800}


def chart(page, key: str):
    """The chart component drawn for chart ``key`` (ui/live_chart.py: its element key)."""
    return page.locator(f".st-key-chart_{key} .kme-chart")


def thumb(page, control: str):
    return page.locator(f".st-key-{control} [data-testid=stSliderThumbValue]").locator("..")


def family_ready(page, key: str) -> None:
    page.wait_for_function(f"() => !!window.__kmeLive?.families?.['{key}']", timeout=30_000)


def numbers(page, key: str) -> list[str]:
    return page.locator(f'[data-kme-live="{key}"] dd').all_inner_texts()


@pytest.mark.parametrize("path", list(LIVE))
def test_dragging_the_main_control_redraws_before_release(page, app_url, path):
    control, key = LIVE[path]
    open_page(page, app_url, path)
    wait_idle(page)
    chart(page, key).scroll_into_view_if_needed()
    thumb(page, control).scroll_into_view_if_needed()  # the story's picture is tall
    wait_idle(page)
    family_ready(page, key)
    before_text = chart(page, key).get_attribute("aria-label")
    before_numbers = numbers(page, key)
    box = thumb(page, control).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 6):
        page.mouse.move(x + 18 * step, y, steps=2)
    page.wait_for_function(
        """(key) => document.querySelector(`.st-key-chart_${key} .kme-chart`)
                   ?.dataset.frame !== undefined""", arg=key, timeout=5_000)
    during_text = chart(page, key).get_attribute("aria-label")
    during_numbers = numbers(page, key)
    script_state = page.evaluate(
        "document.querySelector('[data-testid=stApp]').dataset.testScriptState")
    page.mouse.up()
    assert during_text != before_text, "the chart's description moved with the drag"
    if before_numbers:
        assert during_numbers != before_numbers, "the key numbers moved with the drag"
    assert script_state == "notRunning", "nothing waited for the server during the drag"
    wait_rerun(page)
    assert page.errors == []


@pytest.mark.parametrize("path", ["dose", "receptor", "glutamate", "growth"])
def test_the_control_and_its_chart_share_the_first_screen(page, app_url, path):
    """At 1280 x 800, without scrolling: the whole control and most of its chart (its plot
    area, if not its key below)."""
    control, key = LIVE[path]
    open_page(page, app_url, path)
    wait_idle(page)
    slider = page.locator(f".st-key-{control} [data-testid]").first.bounding_box()
    plot = chart(page, key).locator(".main-svg").first.bounding_box()
    assert slider["y"] >= 0 and slider["y"] + slider["height"] <= VIEW["height"], slider
    visible = min(plot["y"] + plot["height"], VIEW["height"]) - max(plot["y"], 0)
    assert visible >= 0.75 * plot["height"], f"{path}: {visible:.0f} of {plot['height']:.0f}"


def picture_time(page) -> str:
    title = page.locator(".st-key-chart_synapse .gtitle").first.text_content()
    return re.search(r"(\d[\d.]* (?:min|h|days?|weeks?)) after", title).group(1)


def test_the_story_keeps_one_clock_through_play_pause_and_a_drag(page, app_url):
    open_page(page, app_url, "story")
    wait_idle(page)
    play = page.locator(".kme-play")
    play.scroll_into_view_if_needed()
    wait_idle(page)
    family_ready(page, "synapse")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "() => +document.querySelector('.st-key-chart_synapse .kme-chart').dataset.frame > 3")
    play.click()  # Pause: the time goes to the slider and the link
    wait_rerun(page)
    shown = page.locator(".st-key-time input[type=range]").get_attribute("aria-valuetext")
    assert picture_time(page) == shown
    sentence = page.locator('[data-kme-caption="synapse"]').text_content()
    assert sentence.startswith(f"At {shown}") or shown in sentence.split(":")[0], sentence
    assert "time=" in page.url
    # a drag of the time slider moves the picture and its sentence with it
    box = thumb(page, "time").bounding_box()
    page.mouse.move(box["x"] + 6, box["y"] + 6)
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 6, steps=4)
    dragged = page.locator(".st-key-time input[type=range]").get_attribute("aria-valuetext")
    page.wait_for_function(
        "(t) => document.querySelector('.st-key-chart_synapse .gtitle')?.textContent"
        ".includes(t + ' after')", arg=dragged, timeout=5_000)
    page.mouse.up()
    wait_rerun(page)
    assert picture_time(page) == page.locator(
        ".st-key-time input[type=range]").get_attribute("aria-valuetext")
    assert page.errors == []


def test_back_restores_a_pages_settings(page, app_url):
    open_page(page, app_url, "dose")
    wait_idle(page)
    page.locator(".st-key-dose input[type=range]").focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
        wait_rerun(page)
    assert "dose=0.7" in page.url
    page.get_by_role("link", name="NMDA blockade").click()
    page.wait_for_url(re.compile(r"/receptor"))
    wait_idle(page)
    page.go_back()
    page.wait_for_url(re.compile(r"/dose\?dose=0\.7"))
    wait_idle(page)
    assert page.locator(".st-key-dose input[type=range]").get_attribute(
        "aria-valuetext") == "0.70 mg/kg"
    page.go_forward()
    page.wait_for_url(re.compile(r"/receptor"))


def test_a_tour_step_is_a_history_entry_and_explore_comes_back_to_it(page, app_url):
    open_page(page, app_url, "tour")
    wait_idle(page)
    for _ in range(2):
        page.get_by_role("button", name="Next →").click()
        wait_rerun(page)
    page.wait_for_url(re.compile(r"tour=3"))
    page.get_by_role("link", name="Explore this").first.click()
    page.wait_for_url(re.compile(r"/(dose|receptor|glutamate|growth|story)"))
    wait_idle(page)
    page.go_back()
    page.wait_for_url(re.compile(r"/tour\?tour=3"))
    wait_idle(page)
    assert page.get_by_role("heading", level=2).first.text_content().startswith("3.")
    page.go_back()
    page.wait_for_url(re.compile(r"/tour\?tour=2"))


def test_copy_my_numbers_puts_settings_numbers_and_link_on_the_clipboard(new_page, app_url):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_page(page, app_url, "dose", "dose=1.5")
    wait_idle(page)
    page.get_by_role("button", name="Copy my numbers").click()
    expect_status = page.locator(".kme-copy-status")
    page.wait_for_function("() => document.querySelector('.kme-copy-status').textContent")
    assert expect_status.text_content().startswith("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = dict(zip(page.locator('[data-kme-live="levels"] dt').all_inner_texts(),
                     page.locator('[data-kme-live="levels"] dd').all_inner_texts(),
                     strict=True))
    assert "Dose: 1.5 mg/kg" in copied and "Route: IV infusion (drip)" in copied
    assert f"Peak plasma level: {shown['Peak plasma level']}" in copied
    assert f"Link: {app_url}/dose?dose=1.5" in copied
    assert "not dosing guidance" in copied


@pytest.mark.parametrize("path", ["dose", "growth"])
def test_slider_thumbs_are_at_least_24_px(page, app_url, path):
    open_page(page, app_url, path)
    wait_idle(page)
    thumbs = page.locator("[data-testid=stMain] div:has(> div > input[type=range])").all()
    assert thumbs
    for thumb_element in thumbs:
        box = thumb_element.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box


PHONE = {"width": 390, "height": 844}
# Every piece of text a chart draws, as boxes; pairs of boxes that overlap by more than a
# sliver (4 px²) are text running into text.
OVERLAPPING_TEXT = """(chart) => {
  const boxes = [...chart.querySelectorAll('svg text')]
    .filter(t => t.textContent.trim() && t.getBBox().width > 0)
    .map(t => ({text: t.textContent.trim(), r: t.getBoundingClientRect()}));
  const found = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 0 && h > 0 && w * h > 4) found.push(`${boxes[i].text} | ${boxes[j].text}`);
  }
  return found;
}"""


@pytest.mark.parametrize(("path", "key"), [("story", "synapse"), ("story", "story"),
                                           ("glutamate", "surge_screen"), ("dose", "levels")])
def test_on_a_phone_no_chart_text_runs_into_other_text(new_page, app_url, path, key):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_page(page, app_url, path)
    wait_idle(page)
    box = chart(page, key)
    box.scroll_into_view_if_needed()
    page.wait_for_function(
        "(k) => document.querySelector(`.st-key-chart_${k} .kme-chart`)?.dataset.state "
        "=== 'drawn'", arg=key)
    assert box.evaluate(OVERLAPPING_TEXT) == []
    assert page.evaluate(NO_SIDEWAYS) <= 0, "no sideways scroll"


NO_SIDEWAYS = """() => { const m = document.querySelector('[data-testid="stMain"]');
  return m.scrollWidth - m.clientWidth; }"""


def test_a_downloaded_picture_carries_its_label_under_the_chart(page, app_url, tmp_path):
    """Issue 22: the camera button's PNG has the chart and, under it, the conceptual label,
    what the chart shows now, the page's main sources with their links, the settings link
    and the day (so a picture on a worksheet says what it is), each line within the picture."""
    open_page(page, app_url, "dose", "dose=1")
    wait_idle(page)
    page.evaluate("""() => {  // the words drawn on the picture, and whether each fits
      window.__drawn = [];
      const fill = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
        window.__drawn.push({text, fits: x + this.measureText(text).width <= this.canvas.width});
        return fill.call(this, text, x, y, ...rest);
      };
    }""")
    box = chart(page, "levels")
    box.hover()
    with page.expect_download() as download:
        box.locator('[data-title^="Download a picture"]').click()
    path = tmp_path / "picture.png"
    download.value.save_as(path)
    assert download.value.suggested_filename == "ketamine-explorer-levels.png"
    width, height = (int.from_bytes(path.read_bytes()[16 + 4 * i:20 + 4 * i], "big")
                     for i in range(2))  # the PNG header's IHDR
    plot = box.locator(".js-plotly-plot").bounding_box()
    assert width == pytest.approx(2 * plot["width"], abs=4)
    assert height > 2 * plot["height"] + 100, "room for the lines under the chart"
    drawn = page.evaluate("window.__drawn")
    assert all(line["fits"] for line in drawn), drawn
    words = " ".join(line["text"] for line in drawn)
    caption = page.locator('[data-kme-caption="levels"]').inner_text()
    for expected in ("Conceptual teaching model", f"Shown: {caption}",
                     "Main sources: Zarate 2006 https://doi.org/", "dose=1"):
        assert expected in words, (expected, words)
