"""Real-browser tests: one Streamlit server and one Chromium for the whole session, a fresh
browser context (cookies, storage, viewport) for every test.

Run them alone with ``pytest tests/e2e`` or select them anywhere with ``-m e2e`` (and leave
them out with ``-m "not e2e"``).
Screenshots and axe reports go to tests/e2e/screenshots/ (git-ignored).
Chromium comes from Debian (``sudo apt-get install -y chromium``); Playwright never downloads
a browser here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .e2e_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    StreamlitServer,
    chromium_missing_message,
    logged_exceptions,
)

HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: real-browser test (Streamlit server + Debian Chromium via Playwright)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def app_url():
    """The app served by ``streamlit run app.py`` on a free loopback port."""
    server = StreamlitServer("app.py").start()
    try:
        server.wait_healthy(timeout=60)
    except RuntimeError as problem:
        server.stop()
        pytest.fail(str(problem), pytrace=False)
    yield server.url
    server.stop()
    logged = logged_exceptions(server.output())
    if logged:  # issue 22: no server exception on any path the browser tests take
        pytest.fail(f"the app's server logged {len(logged)} exception(s) during the browser "
                    "tests:\n\n" + "\n\n".join(logged[:3]), pytrace=False)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(chromium_missing_message(), pytrace=False)
        pytest.skip(chromium_missing_message())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh context; every context is closed after the test."""
    contexts = []

    def make(viewport: dict | None = None, **options):
        context = browser.new_context(viewport=viewport or VIEWPORT, accept_downloads=True,
                                      reduced_motion="reduce", **options)
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []  # uncaught JavaScript errors, for tests that want none
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A 1280 x 800 page in its own browser context."""
    return new_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
