"""The whole app: every page runs from the real entry point, every control survives its
extremes, and garbage in the URL never produces a traceback."""

from pathlib import Path

import pytest
import streamlit as st
from helpers import BAD_URL_VALUES, open_page
from streamlit.testing.v1 import AppTest

from content import pages

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui" / "pages").glob("*.py")
               if p.name != "__init__.py")
GARBAGE = (*BAD_URL_VALUES, "")  # an empty value is ignored without a notice


def test_every_page_is_in_the_navigation(monkeypatch):
    """app.py routes every page script in ui/pages, once, with the registry's title and
    address, in the registry's order (content/pages.py)."""
    routed = []
    real = st.navigation

    def spy(listed, **options):
        routed.extend((str(Path(p._page).resolve().relative_to(ROOT)), p.title, p.url_path)
                      for p in listed)
        return real(listed, **options)

    monkeypatch.setattr(st, "navigation", spy)
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception, app.exception
    files = [file for file, _, _ in routed]
    missing = [p for p in PAGES if p not in files]
    assert not missing, f"pages not routed in app.py: {missing}"
    assert sorted(files) == PAGES, "each page routed once, and nothing else"
    assert routed == [(p.file, p.title, p.url_path) for p in pages.PAGES]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_and_shows_the_conceptual_label(page):
    app = open_page(page)
    assert not app.exception, app.exception
    assert any("Conceptual teaching model" in w.value for w in app.warning)
    assert app.title, "every page has a title"


@pytest.mark.parametrize("page", PAGES)
def test_every_slider_at_its_min_and_max(page):
    app = open_page(page)
    for key in [s.key for s in app.slider if s.key]:
        slider = app.slider(key=key)
        for value in (slider.min, slider.max):
            app.slider(key=key).set_value(value).run()
            assert not app.exception, (page, key, value, app.exception)


@pytest.mark.parametrize("page", PAGES)
def test_garbage_in_the_url_never_breaks_a_page(page):
    keys = [w.key for w in (*open_page(page).slider, *open_page(page).selectbox) if w.key]
    for bad in GARBAGE:
        app = open_page(page, **{key: bad for key in keys}, unknown_setting=bad)
        assert not app.exception, (page, bad, app.exception)
        if keys and bad:
            assert app.info, f"{page}: no notice for {bad!r}"
