"""A new server's first page stays quick: it must not load what it does not show.

Measured on a 2-CPU machine: pandas costs half a second on import (Streamlit imports it to
check whether a component's data holds a dataframe), and Streamlit's emoji catalogue a quarter
of a second (it loads it to check an emoji icon). Chart pages need neither; a fresh Python
process runs each page once and reports what got imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from content import pages

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "streamlit.emojis")


@pytest.mark.parametrize("page", pages.SIMULATION_PAGES)
def test_a_chart_pages_first_run_loads_neither_pandas_nor_the_emoji_catalogue(page):
    script = f"""
import sys
from streamlit.testing.v1 import AppTest
app = AppTest.from_file({pages.file(page)!r}, default_timeout=60)
app.run()
assert not app.exception, app.exception
assert app.get("bidi_component"), "the page drew no chart"
print(",".join(name for name in {HEAVY!r} if name in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", f"imported on the first run: {done.stdout.strip()}"
