"""How fast the explorer answers a slider in a real browser, against a minimal Streamlit app.

A script, not a test:  .venv/bin/python benchmarks/browser_latency.py [--presses 20]

1. Cold start: time from starting ``streamlit run`` to the first chart painted in Chromium
   (the app's /dose page, and the reference app; median of --cold-runs), goal <= 3 s, with
   the times the title showed and the browser asked for plotly.js on the way. And
   a first visit as students make it: the home page, then a click on The dose, to its
   chart painted (plotly.js is fetched while the home page is read: ui/live_chart.py).
2. Slider latency: on every page with a slider, focus the slider and press ArrowRight; the
   time from the key press to the last change in the main block (a MutationObserver; "done"
   when the main block has been quiet for 400 ms and the script has finished; the 400 ms are
   not counted). Median and p90 over >= 16 presses, and the same for
   benchmarks/reference_app.py (one slider, one 600-point Plotly line) in the same run.
   Goal: a page's p90 <= 1.3 x the reference's p90. Every page stays open and they take
   turns (--rounds, 4 by default: 5 presses each per turn), so that a load that comes and
   goes on the machine falls on the reference and the pages alike. A turn's first press,
   just after the switch, is not counted (see SliderPage.press). A slider goes to its end and
   back: once presses come back over values already shown, the page's caches answer them and
   Streamlit sends unchanged charts as references (The whole story: 10 KB a press instead of
   85 KB). The default, 20 presses, keeps most presses on new values on every page; 40 do
   not. For more presses on new values, the whole measurement is repeated on newly started
   servers (--repeats, 3 by default) and the presses are pooled: the p90 of one set of 20
   presses moved by up to 0.4 x between runs of the same code.
   Both apps run from the project folder, so both read .streamlit/config.toml. The
   reference draws its line with st.plotly_chart (a fresh chart on every change); the
   explorer's charts update in place (ui/live_chart.py), and a chart out of sight is
   redrawn only when the reader scrolls (so it is not counted here: nobody sees it change).
3. For every page that misses, where the time goes: the bytes Streamlit sent over the
   websocket per press, the time until the last websocket message (as Playwright hears of
   it: late while the browser's main thread is busy), how long the browser's main thread was
   busy, and a profile of the page's rerun in-process (AppTest + cProfile):
   simulation (sim/), figure building (figures/), the chart component (ui/live_chart.py:
   figure to JSON and protobuf) and everything else.

Uses Debian's Chromium (/usr/bin/chromium); never downloads a browser.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from e2e.e2e_helpers import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SLIDER_PAGES,
    StreamlitServer,
    chromium_missing_message,
    open_page,
    slider,
    wait_idle,
)

QUIET_MS = 400
GOAL_RATIO = 1.3
COLD_START_GOAL_S = 3.0
HOME_READING_MS = 3000  # a first visit reads the home page before opening a chart page
REFERENCE = "benchmarks/reference_app.py"
REFERENCE_SLIDER = "Frequency"
# page -> (page file, slider key) for the in-process profile
PAGE_SLIDER_KEYS = {"dose": "dose", "receptor": "level", "glutamate": "hours",
                    "growth": "stress", "story": "a_stress"}

# Resolves with the time from the key press to the last mutation of the main block, once the
# block has been quiet for QUIET_MS and the script has finished.
MEASURE = """([quietMs, maxMs]) => new Promise(resolve => {
  const main = document.querySelector('[data-testid="stMain"]');
  const app = document.querySelector('[data-testid="stApp"]');
  let t0 = null, last = null, count = 0, timer = null;
  const onKey = () => { if (t0 === null) t0 = performance.now(); };
  const finish = () => {
    observer.disconnect(); clearTimeout(timer); clearTimeout(cap);
    document.removeEventListener('keydown', onKey, true);
    resolve({latency: last === null ? null : last - t0, mutations: count});
  };
  const settle = () => { clearTimeout(timer); timer = setTimeout(() => {
    if (last !== null && app.dataset.testScriptState === 'notRunning') finish(); else settle();
  }, quietMs); };
  const observer = new MutationObserver(() => {
    if (t0 === null) return;
    last = performance.now(); count += 1; settle();
  });
  document.addEventListener('keydown', onKey, true);
  observer.observe(main, {subtree: true, childList: true, attributes: true,
                          characterData: true});
  const cap = setTimeout(finish, maxMs);
})"""


def p90(values: list[float]) -> float:
    return float(np.percentile(values, 90))


class SliderPage:
    """One page kept open on its slider, pressed one step at a time (to an end, then back) a
    few presses at a time, so that the pages and the reference can take turns."""

    def __init__(self, browser, url: str, path: str, slider_name: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.frames: list[tuple[float, int]] = []
        self.page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda payload: self.frames.append((time.perf_counter(),
                                                                 len(payload)))))
        self.path = path
        open_page(self.page, url, path)
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")
        self.thumb = slider(self.page, slider_name)
        self.key = "ArrowRight"
        self.results: dict[str, list[float]] = {
            k: [] for k in ("latencies", "server_ms", "first_ms", "bytes", "browser_task",
                            "browser_script", "browser_layout")}

    def _busy(self) -> dict:
        m = {x["name"]: x["value"] for x in self.cdp.send("Performance.getMetrics")["metrics"]}
        return {"task": m["TaskDuration"], "script": m["ScriptDuration"],
                "layout": m["LayoutDuration"] + m["RecalcStyleDuration"]}

    def press(self, presses: int) -> None:
        """Latency of ``presses`` key presses, added to :attr:`results`, after one press that
        is not counted: the first after a switch of tab was the slowest of a turn's presses,
        for the reference and the pages alike (reference: 159 and 125 ms, median 78 ms)."""
        self.page.bring_to_front()
        self.thumb.focus()
        for counted in [False] + [True] * presses:
            value = float(self.thumb.input_value())
            # at an end, turn back (those values may be cached); a long run meets both ends
            if value >= float(self.thumb.get_attribute("max")) - 1e-9:
                self.key = "ArrowLeft"
            elif value <= float(self.thumb.get_attribute("min")) + 1e-9:
                self.key = "ArrowRight"
            self.page.evaluate("(args) => { window.__e2eMeasure = (" + MEASURE + ")(args); }",
                               [QUIET_MS, 30_000])
            before = self._busy()
            start, first_frame = time.perf_counter(), len(self.frames)
            self.thumb.press(self.key)
            result = self.page.evaluate("() => window.__e2eMeasure")
            after_busy = self._busy()
            if not counted:
                wait_idle(self.page)
                continue
            for k in ("task", "script", "layout"):
                self.results[f"browser_{k}"].append((after_busy[k] - before[k]) * 1000)
            if result["latency"] is None:
                raise RuntimeError(f"/{self.path}: nothing changed after a key press")
            self.results["latencies"].append(result["latency"])
            after = self.frames[first_frame:]
            self.results["server_ms"].append((after[-1][0] - start) * 1000 if after
                                             else float("nan"))
            self.results["first_ms"].append((after[0][0] - start) * 1000 if after
                                            else float("nan"))
            self.results["bytes"].append(sum(size for _, size in after))
            wait_idle(self.page)

    def close(self) -> None:
        self.context.close()


def measure_in_turns(sessions: list[SliderPage], presses: int, rounds: int) -> None:
    """``presses`` per page, in ``rounds`` turns: each turn, every page in order. A load that
    comes and goes on a shared machine then falls on the reference and the pages alike
    (measured one after the other, a page could meet a busy minute the reference missed)."""
    done = 0
    for turn in range(rounds):
        now = presses * (turn + 1) // rounds - done
        for session in sessions:
            session.press(now)
        done += now


# When the page asked for plotly.js (Streamlit's chunk or the plotly package's copy), in ms
# on the page's clock, or null.
PLOTLY_REQUESTED = """() => {
  const entry = performance.getEntriesByType("resource")
    .find(r => /PlotlyChart\\.|plotly\\.min\\.js/.test(r.name));
  return entry ? entry.startTime : null;
}"""


def cold_start(browser, script: str, path: str) -> dict:
    """Seconds from process start to healthy, to the title shown, to the browser asking for
    plotly.js, and to the first chart painted on ``path``. Drawing the page's elements and
    evaluating plotly.js (about 0.6 s) share the browser's main thread, so the time from
    asking for plotly.js to the chart painted grows with what else the page draws."""
    server = StreamlitServer(script).start()
    try:
        healthy = server.wait_healthy(timeout=60)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{server.url}/{path}", wait_until="commit")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        title = time.perf_counter() - server.started_at
        title_on_page_ms = page.evaluate("performance.now()")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        painted = time.perf_counter() - server.started_at
        requested_ms = page.evaluate(PLOTLY_REQUESTED)
        page.close()
    finally:
        server.stop()
    plotly = (float("nan") if requested_ms is None
              else title + (requested_ms - title_on_page_ms) / 1000)
    return {"healthy": healthy, "title": title, "plotly": plotly, "painted": painted}


def first_chart_from_home(browser, url: str) -> float:
    """Seconds from clicking "The dose" in the sidebar of a first visit's home page to its
    chart painted (a fresh browser context: nothing cached, plotly.js not loaded yet)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_page(page, url, "")
    page.wait_for_timeout(HOME_READING_MS)
    start = time.perf_counter()
    page.get_by_test_id("stSidebarNavItems").get_by_role(
        "link", name="The dose", exact=True).click()
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


# --- where the time goes, in-process ---------------------------------------------------------

def _entered_from_outside(stats: pstats.Stats, inside) -> float:
    """Seconds spent in functions matching ``inside`` when called from code that does not."""
    total = 0.0
    for func, (_, _, _, _, callers) in stats.stats.items():
        if not inside(func[0]):
            continue
        for caller, (_, _, _, cumulative) in callers.items():
            if not inside(caller[0]):
                total += cumulative
    return total


def profile_rerun(page: str, key: str, runs: int = 5) -> dict:
    """Median split of a rerun after the slider moves to a new (uncached) value."""
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    profiler = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread

    def profiled(self):
        profiler.enable()
        try:
            original(self)
        finally:
            profiler.disable()

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.switch_page(f"ui/pages/{page}.py")
    app.run()
    widget = app.slider(key=key)
    values = [widget.value + widget.step * (i + 1) for i in range(runs)]
    if values[-1] > widget.max:
        values = [widget.value - widget.step * (i + 1) for i in range(runs)]
    splits = []
    LocalScriptRunner._run_script_thread = profiled
    try:
        for value in values:
            profiler = cProfile.Profile()  # read by profiled() when the script thread runs
            started = time.perf_counter()
            app.slider(key=key).set_value(value).run()
            wall = time.perf_counter() - started
            stats = pstats.Stats(profiler)
            sim = _entered_from_outside(stats, lambda f: f"{REPO}/sim/" in f)
            figures = _entered_from_outside(stats, lambda f: f"{REPO}/figures/" in f)
            chart = _entered_from_outside(stats, lambda f: f"{REPO}/ui/live_chart" in f)
            spec_bytes = sum(len(c.proto.json) for c in app.get("bidi_component"))
            splits.append({"wall": wall, "sim": sim, "figures": figures, "chart": chart,
                           "spec_bytes": spec_bytes})
    finally:
        LocalScriptRunner._run_script_thread = original
    return {k: statistics.median(s[k] for s in splits) for k in splits[0]}


def first_visits(browser, runs: int) -> list[float]:
    """:func:`first_chart_from_home` ``runs`` times, on one app server."""
    server = StreamlitServer("app.py").start()
    try:
        server.wait_healthy()
        return [first_chart_from_home(browser, server.url) for _ in range(runs)]
    finally:
        server.stop()


def slider_latency(browser, pages: list[str], presses: int,
                   rounds: int) -> dict[str, dict[str, list[float]]]:
    """Each page's press results ("" for the reference), on newly started servers: their
    caches are empty, so the presses meet values not shown before."""
    app_server = StreamlitServer("app.py").start()
    reference_server = StreamlitServer(REFERENCE).start()
    sessions: list[SliderPage] = []
    try:
        app_server.wait_healthy()
        reference_server.wait_healthy()
        sessions = [SliderPage(browser, reference_server.url, "", REFERENCE_SLIDER)] + [
            SliderPage(browser, app_server.url, path, SLIDER_PAGES[path]) for path in pages]
        measure_in_turns(sessions, presses, rounds)
        return {session.path: session.results for session in sessions}
    finally:
        for session in sessions:
            session.close()
        app_server.stop()
        reference_server.stop()


# --- report ----------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=20, help="presses per page (>= 16)")
    parser.add_argument("--profile-all", action="store_true",
                        help="profile every page, not only those that miss the goal")
    parser.add_argument("--pages", nargs="+", choices=list(SLIDER_PAGES), metavar="PAGE",
                        default=list(SLIDER_PAGES),
                        help="measure only these pages (default: every page with a slider)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="times the presses are measured on newly started servers, pooled")
    parser.add_argument("--rounds", type=int, default=4,
                        help="turns in which the reference and the pages take their presses")
    parser.add_argument("--cold-runs", type=int, default=3,
                        help="cold starts of each app (median reported)")
    parser.add_argument("--no-cold-start", action="store_true",
                        help="skip the cold-start measurement (for quick comparisons)")
    args = parser.parse_args()
    if args.presses < 16:
        parser.error("use at least 16 presses")
    if args.repeats < 1:
        parser.error("use at least 1 repeat")
    if not Path(CHROMIUM).exists():
        print(chromium_missing_message(), file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if not args.no_cold_start:
            print("Cold start (process start -> healthy -> first chart painted)...", flush=True)
        cold = {"app (/dose)": [], "reference app": []}
        for _ in range(0 if args.no_cold_start else args.cold_runs):  # alternate: drift
            cold["app (/dose)"].append(cold_start(browser, "app.py", "dose"))
            cold["reference app"].append(cold_start(browser, REFERENCE, ""))

        from_home = [] if args.no_cold_start else first_visits(browser, args.cold_runs)
        pooled: dict[str, dict[str, list[float]]] = {}
        for repeat in range(args.repeats):
            print(f"Slider latency, fresh servers {repeat + 1} of {args.repeats}...", flush=True)
            for path, results in slider_latency(browser, args.pages, args.presses,
                                                args.rounds).items():
                for key, values in results.items():
                    pooled.setdefault(path, {}).setdefault(key, []).extend(values)
        browser.close()
    ref = pooled.pop("")
    rows = pooled

    ref_p90 = p90(ref["latencies"])
    print("\n| page | median ms | p90 ms | p90 / reference p90 | goal ≤1.3× |")
    print("|---|---:|---:|---:|---|")
    print(f"| reference app (1 slider, 600-point line) | {statistics.median(ref['latencies']):.0f}"
          f" | {ref_p90:.0f} | 1.00 | — |")
    misses = []
    for path, row in rows.items():
        ratio = p90(row["latencies"]) / ref_p90
        verdict = "pass" if ratio <= GOAL_RATIO else "miss"
        if verdict == "miss":
            misses.append(path)
        print(f"| /{path} | {statistics.median(row['latencies']):.0f} | "
              f"{p90(row['latencies']):.0f} | {ratio:.2f} | {verdict} |")
    pairs = "one pair" if args.repeats == 1 else f"each of {args.repeats} pairs"
    print(f"\n(n = {args.presses} presses per page on {pairs} of newly started servers, "
          f"pooled: {len(ref['latencies'])} on the reference; quiet period {QUIET_MS} ms "
          "not counted)")

    if not args.no_cold_start:
        print(f"\n| cold start (from process start; median of {args.cold_runs}) | healthy s | "
              "title shown s | plotly.js asked for s | first chart painted s (range) | "
              "goal ≤3 s |")
        print("|---|---:|---:|---:|---:|---|")
    for name, runs in cold.items():
        if not runs:
            continue
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        painted = [r["painted"] for r in runs]
        verdict = "pass" if med["painted"] <= COLD_START_GOAL_S else "miss"
        print(f"| {name} | {med['healthy']:.2f} | {med['title']:.2f} | {med['plotly']:.2f} | "
              f"{med['painted']:.2f} "
              f"({min(painted):.2f}-{max(painted):.2f}) | {verdict} |")

    if from_home:
        print(f"\nFirst visit, home page then The dose (fresh browser, {HOME_READING_MS} ms "
              f"on the home page): first chart {statistics.median(from_home):.2f} s after the "
              f"click (range {min(from_home):.2f}-{max(from_home):.2f}).")

    print("\n| page | KB sent per press | first ws message ms | last ws message ms | "
          "browser main thread busy ms (JS / style+layout) |")
    print("|---|---:|---:|---:|---:|")
    for path, row in {"reference": ref, **rows}.items():
        med = {k: statistics.median(v) for k, v in row.items()}
        print(f"| {path} | {med['bytes'] / 1024:.0f} | {med['first_ms']:.0f} | "
              f"{med['server_ms']:.0f} | {med['browser_task']:.0f} ({med['browser_script']:.0f}"
              f" / {med['browser_layout']:.0f}) |")
    print("(medians per press; ws times from the key press; the browser main thread was "
          "busy for the last column in total during the press)")

    to_profile = list(PAGE_SLIDER_KEYS) if args.profile_all else misses
    if to_profile:
        print("\nWhere a rerun's server time goes (in-process, AppTest + cProfile, median of 5 "
              "new slider values; whole-script reruns, so fragments count in full):\n")
        print("| page | rerun ms | simulation ms | figure building ms | chart component ms "
              "(JSON + protobuf) | other ms | figure JSON KB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for path in to_profile:
            s = profile_rerun(path, PAGE_SLIDER_KEYS[path])
            other = s["wall"] - s["sim"] - s["figures"] - s["chart"]
            print(f"| /{path} | {s['wall'] * 1000:.0f} | {s['sim'] * 1000:.0f} | "
                  f"{s['figures'] * 1000:.0f} | {s['chart'] * 1000:.0f} | {other * 1000:.0f} | "
                  f"{s['spec_bytes'] / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
