"""Helpers shared by the app tests: open a page through the real entry point, read charts."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

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


def charts(app: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in app.get("plotly_chart")]


def values(data) -> np.ndarray:
    """A Plotly array: a plain list, or base64 typed-array data ({'dtype', 'bdata'})."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
    return np.asarray(data, dtype=float)


def captions(app: AppTest) -> str:
    return "\n".join(c.value for c in app.caption)


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)
