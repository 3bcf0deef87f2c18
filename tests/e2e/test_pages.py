"""Every page opens in a real browser as a visitor first sees it, and is photographed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .e2e_helpers import (
    BEING_WRITTEN,
    CHART,
    CHART_PAGES,
    CHART_TEXT_CONTRAST,
    CONCEPTUAL_LABEL,
    CUT_OFF_TEXT,
    PAGES,
    check_known_bugs,
    full_page_screenshot,
    open_page,
)


def in_first_viewport(page, locator) -> bool:
    """Fully inside the window without scrolling (the main block is still at the top)."""
    box = locator.bounding_box()
    size = page.viewport_size
    scrolled = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop")
    return (box is not None and scrolled == 0 and box["y"] >= 0 and box["x"] >= 0
            and box["y"] + box["height"] <= size["height"]
            and box["x"] + box["width"] <= size["width"])


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_opens_as_a_visitor_sees_it(page, app_url, screenshots, path):
    """Title and conceptual label in the first screen, no error box, no script errors; every
    chart drawn with its text description shown under it; a full-page screenshot; nothing cut
    off and chart text readable."""
    open_page(page, app_url, path)

    assert page.locator('[data-testid="stException"]').count() == 0, (
        page.locator('[data-testid="stException"]').first.inner_text())
    title = page.locator('[data-testid="stMain"] h1').first
    expect(title).to_be_visible()
    assert title.inner_text().strip(), "the page has an empty title"
    assert in_first_viewport(page, title), "the title is not in the first screen"
    label = page.get_by_text(CONCEPTUAL_LABEL).first
    expect(label).to_be_visible()
    assert in_first_viewport(page, label), (
        f"'{CONCEPTUAL_LABEL}' must be visible at 1280x800 without scrolling")
    assert page.errors == [], f"JavaScript errors: {page.errors}"

    being_written = page.get_by_text(BEING_WRITTEN).count() > 0
    if path in CHART_PAGES and not being_written:
        check_charts(page, path)
    readability = {"cut off": page.evaluate(CUT_OFF_TEXT),
                   "low contrast chart text": page.evaluate(CHART_TEXT_CONTRAST)}

    full_page_screenshot(page, screenshots / f"{path or 'home'}.png")
    check_known_bugs(readability, path)


def check_charts(page, path: str) -> None:
    charts = page.locator(CHART)
    assert charts.count() >= 1, f"/{path} has no chart"
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()  # charts far off screen are drawn when near
        expect(chart.locator(".js-plotly-plot .main-svg").first).to_be_visible()
        # something is drawn: traces or shapes, not an empty frame
        assert chart.locator(".trace, .shapelayer path").count() > 0, (
            f"chart {i} on /{path} is empty")
        expect(chart).to_have_attribute("role", "figure")
        description = chart.get_attribute("aria-label") or ""
        assert len(description) > 20, f"chart {i} on /{path} has no text description"
        assert description in captions, (
            f"chart {i} on /{path}: its description is not shown as a caption: {description!r}")
