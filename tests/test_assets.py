"""The web assets are files (ui/assets/), loaded by name: each one used, each one whole."""

import re
from pathlib import Path

import pytest

from ui import announce, controls, copy_numbers, keyboard, live_chart, presenter
from ui.assets import ASSETS, asset

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p.name for p in ASSETS.iterdir() if p.suffix in (".js", ".css"))


def test_the_assets_are_there():
    assert {"live_chart.js", "plotly_loader.js", "plotly_preload.js", "live_chart.css",
            "plotly_preload.css", "presenter.css", "controls.css"} <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_asset_is_loaded_whole(name):
    """Each file reaches the page as it is written (Streamlit takes a one-line string with "/"
    or "[" in it for a file's name, so each is more than one line)."""
    text = asset(name)
    assert text.strip().count("\n") >= 1
    sent = {"live_chart.js": live_chart._CHART_JS, "plotly_preload.js": live_chart._PRELOAD_JS,
            "plotly_loader.js": live_chart._LOADER_JS, "live_chart.css": live_chart._CSS,
            "plotly_preload.css": live_chart._PRELOAD_CSS, "presenter.css": presenter.STYLE,
            "controls.css": controls.GRID_CSS, "unpack.js": live_chart._FAMILY_JS,
            "live_family.js": live_chart._FAMILY_JS, "history.js": live_chart._PRELOAD_JS,
            "live_family.css": live_chart._FAMILY_CSS,
            "copy_numbers.js": copy_numbers._JS, "copy_numbers.css": copy_numbers._CSS,
            "picture_download.js": live_chart._CHART_JS,
            "access.css": keyboard.STYLE, "widget_access.js": controls._WIDGET_ACCESS_JS,
            "announce.js": announce._JS,
            "focus_return.js": presenter._FOCUS_JS, "focus_return.css": presenter._FOCUS_CSS,
            }.get(name)
    assert sent is not None, f"{name}: say here which component loads it"
    if name == "plotly_loader.js":  # the file names filled in
        text = text.replace("STREAMLIT_CHUNK", live_chart.streamlit_plotly_chunk()).replace(
            "PLOTLY_JS", live_chart.PLOTLY_JS)
    assert text in sent
    if name == "unpack.js":
        assert text in live_chart._CHART_JS


def test_the_controls_grid_css_names_the_grid_key():
    assert f'[class*="st-key-{controls.GRID}_"]' in controls.GRID_CSS


def test_no_presenter_css_for_elements_no_page_draws():
    """st.metric is not used (ui/readouts.py draws the numbers), so no rule for it."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "ui").rglob("*.py"))
    assert not re.search(r"\bst\.metric\(", code)
    assert "stMetric" not in presenter.STYLE
