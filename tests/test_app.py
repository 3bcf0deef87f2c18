"""The app starts: the home page runs with no exception and shows the conceptual label."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_home_page_runs_and_shows_the_label():
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.exception
    assert "Conceptual teaching model" in app.warning[0].value
    assert "standard-iv" in str(app.table[0].value)
