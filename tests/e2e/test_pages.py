"""Every page opens in a real browser as a visitor first sees it, and is photographed."""

from __future__ import annotations

import pytest
from .e2e_helpers import (
    BEING_WRITTEN,
    CHART_PAGES,
    CONCEPTUAL_LABEL,
    PAGES,
    full_page_screenshot,
    open_page,
)
from playwright.sync_api import expect


def in_first_viewport(page, locator) -> bool:
    """Fully inside the window without scrolling (the main block is still at the top)."""
    box = locator.bounding_box()
    size = page.viewport_size
    scrolled = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop")
    return (box is not None and scrolled == 0 and box["y"] >= 0 and box["x"] >= 0
            and box["y"] + box["height"] <= size["height"]
            and box["x"] + box["width"] <= size["width"])


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_opens_with_title_and_conceptual_label(page, app_url, screenshots, path):
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

    full_page_screenshot(page, screenshots / f"{path or 'home'}.png")


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_pages_draw_charts_with_their_descriptions(page, app_url, path):
    open_page(page, app_url, path)
    if page.get_by_text(BEING_WRITTEN).count():
        pytest.skip(f"/{path} is being written")

    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() >= 1, f"/{path} has no chart"
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    for i in range(charts.count()):
        chart = charts.nth(i)
        expect(chart.locator(".js-plotly-plot .main-svg").first).to_be_visible()
        # a drawn chart has axes with tick labels, not an empty frame
        assert chart.locator(".xtick, .ytick").count() > 0, f"chart {i} on /{path} has no ticks"
        expect(chart).to_have_attribute("role", "figure")
        description = chart.get_attribute("aria-label") or ""
        assert len(description) > 20, f"chart {i} on /{path} has no text description"
        assert description in captions, (
            f"chart {i} on /{path}: its description is not shown as a caption: {description!r}")
