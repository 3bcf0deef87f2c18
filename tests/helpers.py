"""Helpers shared by the app tests (``from helpers import ...``): open a page through the real
entry point or on its own, read charts and readouts, and the bad URL values every page must
survive."""

from __future__ import annotations

import base64
import json
import re
from html import unescape
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from ui.live_chart import CHART_COMPONENT, FAMILY_COMPONENT, sent_figure

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def open_page(page: str, session: dict | None = None, **query: str) -> AppTest:
    """Run ``app.py`` on ``page`` (e.g. "ui/pages/tour.py") with URL query values set."""
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    for key, value in (session or {}).items():
        app.session_state[key] = value
    app.switch_page(page)
    return app.run()


def page(path: str, timeout: float = 30, **query: str) -> AppTest:
    """Run one page script on its own (not through ``app.py``) with URL query values set."""
    app = AppTest.from_file(path, default_timeout=timeout)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


# What a hand-edited or broken link may hold: each must give a notice and the defaults.
BAD_URL_VALUES = ("abc", "nan", "1e309", "-1e9", "<script>alert(1)</script>", "%00")


def sent_charts(app: AppTest) -> list[dict]:
    """What the chart component got for each chart of the page, in order
    (ui/live_chart.chart_data: the figure, plain or packed, its height and description)."""
    return [json.loads(c.proto.json) for c in app.get("bidi_component")
            if c.proto.component_name == CHART_COMPONENT]


def charts(app: AppTest) -> list[dict]:
    """The figures the page drew (ui/live_chart.py), in order, as Plotly dicts."""
    return [sent_figure(data) for data in sent_charts(app)]


def families(app: AppTest) -> dict[str, dict]:
    """The families of frames the page sent (ui/live_chart.live_family), by chart key."""
    sent = [json.loads(c.proto.json) for c in app.get("bidi_component")
            if c.proto.component_name == FAMILY_COMPONENT]
    return {data["chart"]: sent_figure(data) for data in sent}


def values(data) -> np.ndarray:
    """A Plotly array: a plain list, or base64 typed-array data ({'dtype', 'bdata'})."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
    return np.asarray(data, dtype=float)


def captions(app: AppTest) -> str:
    return "\n".join(c.value for c in app.caption)


READOUT = re.compile(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>")


def readouts(app: AppTest) -> dict[str, str]:
    """The numbers the page shows (ui/readouts.py): label -> value, as the reader sees them."""
    return {unescape(label): unescape(value) for block in app.markdown
            for label, value in READOUT.findall(block.value)}


def readouts_note(app: AppTest) -> str:
    """The sentence under a group of readouts (ui/readouts.py), as the reader sees it."""
    notes = [unescape(n) for block in app.markdown
             for n in re.findall(r'<p style="[^"]*">(.*?)</p>', block.value)
             if "kme-readouts" in block.value]
    return " ".join(notes)


def metric(app: AppTest, label: str) -> str:
    return readouts(app)[label]


def computed_points(x, times) -> np.ndarray:
    """Where a chart's x values sit in the model's ``times`` (same unit): their indices.

    Charts draw a thinned set of the computed points (figures/thinning.py); this checks that every
    drawn x is one of the model's own times (to single precision) and says which."""
    x, times = np.asarray(x, dtype=float), np.asarray(times, dtype=float)
    right = np.clip(np.searchsorted(times, x), 1, len(times) - 1)
    left = right - 1
    nearest = np.where(np.abs(times[left] - x) <= np.abs(times[right] - x), left, right)
    np.testing.assert_allclose(times[nearest], x, rtol=1e-6, atol=1e-9,
                               err_msg="a drawn point is not one the model computed")
    return nearest


def assert_drawn_from(trace: dict, times, y, x_factor: float = 1.0, rtol: float = 1e-12) -> None:
    """A line draws the model's own points (x = time × x_factor) and keeps its highest and
    lowest values."""
    drawn_y = values(trace["y"])
    at = computed_points(values(trace["x"]), np.asarray(times) * x_factor)
    np.testing.assert_allclose(drawn_y, np.asarray(y)[at], rtol=rtol)
    assert drawn_y.max() == pytest.approx(np.max(y), rel=rtol, abs=1e-12)
    assert drawn_y.min() == pytest.approx(np.min(y), rel=rtol, abs=1e-12)
