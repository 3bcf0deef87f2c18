"""Small screens and zoom: a 768 px wide tablet, and 200 % zoom of a 1280 x 800 window
(the same CSS layout as a 640 x 400 window, drawn at twice the pixels)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .e2e_helpers import (
    CONCEPTUAL_LABEL,
    CUT_OFF_TEXT,
    NO_HORIZONTAL_SCROLL,
    PAGES,
    check_known_bugs,
    open_page,
    wait_idle,
)

TABLET = {"width": 768, "height": 1024}
ZOOM_200 = {"width": 640, "height": 400}  # 1280 x 800 at 200 %


def fully_in_window(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (box is not None and box["x"] >= 0 and box["y"] >= 0
            and box["x"] + box["width"] <= size["width"] + 1
            and box["y"] + box["height"] <= size["height"] + 1)


def check_readable(page, where: str, first_screen: bool) -> list[str]:
    """Title and conceptual label visible, no sideways scrolling; returns cut-off text."""
    title = page.locator('[data-testid="stMain"] h1').first
    label = page.get_by_text(CONCEPTUAL_LABEL).first
    for name, item in (("title", title), ("conceptual label", label)):
        expect(item).to_be_visible()
        if not first_screen:
            item.scroll_into_view_if_needed()
        assert fully_in_window(page, item), f"{where}: the {name} is not fully in the window"
    overflow = page.evaluate(NO_HORIZONTAL_SCROLL)
    assert overflow["main"] <= 0, f"{where}: the main block scrolls sideways by {overflow} px"
    assert overflow["page"] <= 0, f"{where}: the page scrolls sideways by {overflow} px"
    return page.evaluate(CUT_OFF_TEXT)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_readable_at_768_px_and_at_200_percent_zoom(new_page, app_url, screenshots, path):
    page = new_page(viewport=TABLET, device_scale_factor=2)
    open_page(page, app_url, path)
    name = path or "home"
    cut = {"768 px": check_readable(page, f"/{path} at 768 px", first_screen=True)}
    (screenshots / "768px").mkdir(exist_ok=True)
    page.screenshot(path=str(screenshots / "768px" / f"{name}.png"))

    page.set_viewport_size(ZOOM_200)
    wait_idle(page)
    page.wait_for_timeout(300)  # Plotly relayouts on resize
    cut["200 %"] = check_readable(page, f"/{path} at 200 %", first_screen=True)
    (screenshots / "zoom200").mkdir(exist_ok=True)
    page.screenshot(path=str(screenshots / "zoom200" / f"{name}.png"))

    check_known_bugs({"cut off": [f"{where}: {text}" for where, found in cut.items()
                                  for text in found]}, path)


def test_the_dose_controls_sit_beside_their_chart_in_reading_order(page, app_url):
    """One grid block (ui/controls.py grid) in the column left of the chart (issue 21: cause
    and effect on one screen): Drug, Route, Dose, Infusion time, Body weight, Time shown, top
    to bottom, in that order for the keyboard too."""
    open_page(page, app_url, "dose")
    labels = ["Drug", "Route", "Dose (mg/kg)", "Infusion time (min)", "Body weight (kg)",
              "Time shown (h)"]
    boxes = [page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
             .bounding_box() for label in labels]
    rows = [box["y"] for box in boxes]
    assert rows == sorted(rows) and len(set(rows)) == len(labels), rows
    chart = page.locator(".st-key-chart_levels .kme-chart").bounding_box()
    assert all(box["x"] + box["width"] < chart["x"] for box in boxes), "left of the chart"
    in_tab_order = page.evaluate("""(labels) => [...document.querySelectorAll(
        '[data-testid="stMain"] [data-testid="stWidgetLabel"]')].map(l => l.innerText.trim())
        .filter(t => labels.includes(t))""", labels)
    assert in_tab_order == labels
