"""AppTest rerun time per page: median over 20 slider changes (goal: <= 30 ms each).

Run from the repository root:  .venv/bin/python benchmarks/app_rerun.py

Each page is loaded once (warm-up, which also fills the simulation cache for the defaults),
then one slider is moved through 20 values on its step grid; each ``run()`` is timed. This is
Streamlit's script rerun as the server does it (without the browser), including simulation,
figure building and serialisation. AppTest's own overhead is part of the figure; the
benchmark of an empty page shows that floor.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from ui.runtime import keep_freed_memory  # noqa: E402

CHANGES = 20
GOAL_MS = 30.0
FLOOR_PAGE = "import streamlit as st\nx = st.slider('x', 0, 100, 50, key='x')\nst.write(x)\n"


def slider_keys(app: AppTest) -> list[str]:
    return [s.key for s in app.slider if s.key]


def time_page(app: AppTest, key: str) -> list[float]:
    slider = app.slider(key=key)
    lo, hi, step = slider.min, slider.max, slider.step
    n_steps = max(1, int(round((hi - lo) / step)))
    times = []
    for i in range(CHANGES):
        value = lo + step * ((i * 7919) % (n_steps + 1))  # spread over the range, no repeats
        app.slider(key=key).set_value(min(value, hi))
        start = time.perf_counter()
        app.run()
        times.append((time.perf_counter() - start) * 1e3)
        if app.exception:
            raise SystemExit(f"{key}: {app.exception[0].message}")
    return times


def main() -> int:
    keep_freed_memory()  # as in the app process
    rows = []
    floor = AppTest.from_string(FLOOR_PAGE, default_timeout=60).run()
    rows.append(("(one slider, nothing else)", "x", time_page(floor, "x")))
    for page in sorted((ROOT / "ui" / "pages").glob("*.py")):
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        app.switch_page(str(page.relative_to(ROOT)))
        app.run()
        keys = slider_keys(app)
        if not keys:
            continue
        rows.append((page.stem, keys[0], time_page(app, keys[0])))
    print(f"{'page':28} {'slider':14} {'median ms':>10} {'p90 ms':>8}  goal <= {GOAL_MS:g} ms")
    for name, key, times in rows:
        median = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        verdict = "PASS" if median <= GOAL_MS else "MISS"
        print(f"{name:28} {key:14} {median:10.1f} {p90:8.1f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
