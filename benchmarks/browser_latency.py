"""How fast the explorer answers a slider in a real browser, against a minimal Streamlit app.

A script, not a test:  .venv/bin/python benchmarks/browser_latency.py [--presses 20]
                       .venv/bin/python benchmarks/browser_latency.py --drag-only  (part 4 alone)

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
4. Drag (issue 21): the live pages redraw their chart from its family of frames while the
   slider is dragged, before release (ui/assets/live_family.js, live_chart.js). On each page
   (LIVE_CONTROLS) the mouse presses the slider's thumb and moves it back and forth in
   --drag-steps moves of at least MOVE_PX px, each changing the value; after each, the time
   from the pointermove (performance.now() in a capture-phase listener) to the first chart's
   `__framePainted` (set in the animation frame after its Plotly.react). Goal: p90 <= 50 ms a
   move. Also where a move's time goes (Plotly.react's synchronous part, timed in the page).
   In the same run, the release: mouse up to the settled page (the MEASURE of part 2, started
   by pointerup) on /dose and on the reference app, the floor Streamlit itself sets.

Uses Debian's Chromium (/usr/bin/chromium); never downloads a browser.
"""

from __future__ import annotations

import argparse
import collections
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
    CHART,
    CHROMIUM,
    CHROMIUM_ARGS,
    SLIDER_PAGES,
    StreamlitServer,
    chromium_missing_message,
    open_page,
    slider,
    wait_idle,
    wait_rerun,
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

# Resolves with the time from the key press (or the event ``startOn``, e.g. 'pointerup') to
# the last mutation of the main block, once the block has been quiet for QUIET_MS and the
# script has finished.
MEASURE = """([quietMs, maxMs, startOn = 'keydown']) => new Promise(resolve => {
  const main = document.querySelector('[data-testid="stMain"]');
  const app = document.querySelector('[data-testid="stApp"]');
  let t0 = null, last = null, count = 0, timer = null;
  const onKey = () => { if (t0 === null) t0 = performance.now(); };
  const finish = () => {
    observer.disconnect(); clearTimeout(timer); clearTimeout(cap);
    document.removeEventListener(startOn, onKey, true);
    resolve({latency: last === null ? null : last - t0, mutations: count});
  };
  const settle = () => { clearTimeout(timer); timer = setTimeout(() => {
    if (last !== null && app.dataset.testScriptState === 'notRunning') finish(); else settle();
  }, quietMs); };
  const observer = new MutationObserver(() => {
    if (t0 === null) return;
    last = performance.now(); count += 1; settle();
  });
  document.addEventListener(startOn, onKey, true);
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


# --- dragging: the chart drawn from its family while the slider moves (issue 21) -------------

DRAG_GOAL_MS = 50.0
MOVE_PX = 8  # a move goes at least this far, and a whole number of the slider's steps
RELEASE_PAGE = "dose"  # the page whose release is timed against the reference app's
# A page's first moves after it opened are often slower (its first frames: up to 170-320 ms
# where later moves took 40-60 ms): timed apart, not counted in the figures.
WARMUP_MOVES = 4
# Once a reader has scrolled through a page, each of its live charts has been drawn, and each
# is redrawn on every move, in sight or not (live_chart.js, drawFrame): timed apart.
SCROLLED_MOVES = 16
# page -> (key of its live control, keys of the charts drawn while it is dragged)
LIVE_CONTROLS = {"dose": ("dose", ("levels",)), "receptor": ("level", ("block",)),
                 "glutamate": ("level", ("surge_screen",)),
                 "growth": ("stress", ("growth", "hypotheses")),
                 "story": ("time", ("synapse", "story"))}

# Installed once per page: the time of every pointer move (capture phase, before anything
# else hears of it), and when each Plotly.react call started and how long it ran
# synchronously (the reference app draws with its own copy of Plotly: not timed).
DRAG_LOG = """() => {
  if (window.__kmeDrag) return;
  const log = window.__kmeDrag = {moves: [], reacts: []};
  document.addEventListener('pointermove',
                            e => log.moves.push([performance.now(), e.timeStamp]), true);
  if (window.Plotly && !window.Plotly.__kmeTimed) {
    const react = window.Plotly.react;
    window.Plotly.react = function (...args) {
      const call = {start: performance.now(), sync: null};
      log.reacts.push(call);
      const result = react.apply(this, args);
      call.sync = performance.now() - call.start;
      return result;
    };
    window.Plotly.__kmeTimed = true;
  }
}"""

# After the pointer move number ``count`` + 1: resolves when the charts drawn from a family
# (live_chart.js: a `.kme-plot` with a `__live` listener and a first drawing) have painted a
# frame after it (box.__framePainted, set in the animation frame after Plotly.react). Times
# from that move: `first` chart painted, `all` painted (null if one had not within `graceMs`
# of the first), the move's wait in the input queue (`queued`: event.timeStamp to dispatch),
# the first Plotly.react after the move (start, synchronous part) and how many ran.
# `first` is null if nothing painted within `maxMs`.
STEP_PAINTED = """([count, maxMs, graceMs]) => new Promise(resolve => {
  const log = window.__kmeDrag, begun = performance.now();
  let firstSeen = null;
  const check = () => {
    const now = performance.now();
    if (log.moves.length <= count) {
      if (now - begun > maxMs) return resolve({first: null});
      return requestAnimationFrame(check);
    }
    const [moved, stamp] = log.moves[log.moves.length - 1];
    const live = [...document.querySelectorAll('.kme-chart')].filter(box => {
      const plot = box.querySelector('.kme-plot');
      return plot && plot.__live && plot.__drawn;
    });
    const painted = live.map(box => box.__framePainted).filter(t => t > moved);
    if (painted.length && firstSeen === null) firstSeen = now;
    const allDone = painted.length && painted.length === live.length;
    if (!allDone && !(firstSeen !== null && now - firstSeen > graceMs)
        && !(firstSeen === null && now - begun > maxMs))
      return requestAnimationFrame(check);
    if (!painted.length) return resolve({first: null});
    const reacts = log.reacts.filter(c => c.start > moved), react = reacts[0];
    resolve({first: Math.min(...painted) - moved,
             all: allDone ? Math.max(...painted) - moved : null,
             charts: live.length, reacts: reacts.length, queued: moved - stamp,
             reactStart: react ? react.start - moved : null,
             reactSync: react ? react.sync : null});
  };
  check();
})"""


class PointerPage:
    """One page kept open at 1280x800, its slider thumb pressed with the mouse: dragged a few
    moves at a time (:meth:`drag`, a page with a live control) or moved one step and released
    (:meth:`release`), so that pages take turns as in :func:`measure_in_turns`."""

    def __init__(self, browser, url: str, path: str, scope: str, charts: tuple[str, ...] = ()):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.path = path
        self.scope = scope  # CSS selector of the slider's container
        open_page(self.page, url, path)
        if charts:  # the chart drawn, and its family arrived
            self.page.wait_for_function(
                "(keys) => window.__kmeLive && keys.every(k => k in window.__kmeLive.families)",
                arg=list(charts), timeout=60_000)
        self.input = self.page.locator(f"{scope} input[type=range]")
        self.thumb = self.page.locator(f"{scope} [data-testid=stSliderThumbValue]").locator("..")
        self.thumb.scroll_into_view_if_needed()
        wait_idle(self.page)  # charts that came into sight are drawn
        self.page.evaluate(DRAG_LOG)
        self.direction = 0
        self.results: dict[str, list[float]] = collections.defaultdict(list)
        self.unchanged = 0  # moves after which nothing was painted

    def _geometry(self) -> tuple[float, float, int, int, float]:
        """Thumb centre, the value's index, the number of values, and pixels per value."""
        box = self.thumb.bounding_box()
        track = self.thumb.locator("..").bounding_box()
        low, high = float(self.input.get_attribute("min")), float(self.input.get_attribute("max"))
        step = float(self.input.get_attribute("step"))
        count = round((high - low) / step) + 1
        index = round((float(self.input.input_value()) - low) / step)
        return (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, index, count,
                track["width"] / (count - 1))

    def _press(self):
        """Press the thumb; a generator of the x of each next move (back and forth between
        the slider's ends, starting towards the farther end)."""
        x, y, index, count, per_value = self._geometry()
        values_per_move = max(1, -(-MOVE_PX // per_value))
        if self.direction == 0:
            self.direction = 1 if count - 1 - index >= index else -1
        self.page.mouse.move(x, y)
        self.page.mouse.down()
        position = index

        def moves():
            nonlocal position
            while True:
                if not 0 <= position + self.direction * values_per_move <= count - 1:
                    self.direction = -self.direction
                position += self.direction * values_per_move
                yield x + (position - index) * per_value, y
        return moves()

    def _move(self, to: tuple[float, float]) -> dict:
        count = self.page.evaluate("window.__kmeDrag.moves.length")
        self.page.mouse.move(*to)
        return self.page.evaluate(STEP_PAINTED, [count, 2000, 1000])

    def drag(self, steps: int, into: str = "") -> None:
        """Press the thumb, make ``steps`` moves (each waited for until painted), release.
        With ``into`` ("warmup", "scrolled"), only the first chart's times, kept apart."""
        self.page.bring_to_front()
        moves = self._press()
        for _ in range(steps):
            step = self._move(next(moves))
            if step["first"] is None:
                self.unchanged += 1
                continue
            self.results[f"{into or 'drag'}_charts"].append(step["charts"])
            self.results[f"{into or 'drag'}_reacts"].append(step["reacts"])
            if into:
                self.results[into].append(step["first"])
                continue
            for key, name in (("first", "first"), ("all", "all"), ("queued", "queued")):
                if step[name] is not None:
                    self.results[key].append(step[name])
            if step["reactStart"] is not None:
                self.results["to_react"].append(step["reactStart"])
                self.results["react_sync"].append(step["reactSync"])
                self.results["after_react"].append(
                    step["first"] - step["reactStart"] - step["reactSync"])
        self.page.mouse.up()
        wait_rerun(self.page)

    def scroll_through(self) -> None:
        """Scroll to every chart, as a reader does (each is drawn once it is near), then back
        to the slider."""
        charts = self.page.locator(CHART)
        for i in range(charts.count()):
            charts.nth(i).scroll_into_view_if_needed()
            wait_idle(self.page)
        self.thumb.scroll_into_view_if_needed()
        wait_idle(self.page)

    def release(self, releases: int, live: bool) -> None:
        """Time from the mouse button's release to the settled page (:data:`MEASURE`), after
        one move of the pressed thumb (on a page with a live control, once its chart has
        painted that move), ``releases`` times after one that is not counted (as
        :meth:`SliderPage.press`)."""
        self.page.bring_to_front()
        for counted in [False] + [True] * releases:
            moves = self._press()
            before = self.input.get_attribute("aria-valuetext")
            if live:
                self._move(next(moves))
            else:
                self.page.mouse.move(*next(moves))
                self.page.wait_for_function(
                    "([selector, before]) => document.querySelector(selector)"
                    ".getAttribute('aria-valuetext') !== before",
                    arg=[f"{self.scope} input[type=range]", before], timeout=5_000)
            self.page.evaluate("(args) => { window.__e2eMeasure = (" + MEASURE + ")(args); }",
                               [QUIET_MS, 30_000, "pointerup"])
            self.page.mouse.up()
            result = self.page.evaluate("() => window.__e2eMeasure")
            wait_idle(self.page, quiet_ms=100)  # MEASURE waited for 400 ms of quiet
            if not counted:
                continue
            if result["latency"] is None:
                raise RuntimeError(f"/{self.path}: nothing changed after a release")
            self.results["release"].append(result["latency"])

    def close(self) -> None:
        self.context.close()


def pointer_latency(browser, pages: list[str], steps: int, releases: int,
                    rounds: int) -> dict[str, PointerPage]:
    """Drags on every live page of ``pages`` (after one of :data:`WARMUP_MOVES` moves, not
    counted), and releases on /dose (when measured) and on the reference app (key ""), in
    ``rounds`` turns, on newly started servers. Then, on each page with more than one live
    chart, :data:`SCROLLED_MOVES` moves after the reader scrolled through the page."""
    app_server = StreamlitServer("app.py").start()
    reference_server = StreamlitServer(REFERENCE).start()
    sessions: dict[str, PointerPage] = {}
    try:
        app_server.wait_healthy()
        reference_server.wait_healthy()
        sessions[""] = PointerPage(browser, reference_server.url, "",
                                   '[data-testid="stSlider"]')
        for path in pages:
            key, charts = LIVE_CONTROLS[path]
            sessions[path] = PointerPage(browser, app_server.url, path, f".st-key-{key}",
                                         charts)
            sessions[path].drag(WARMUP_MOVES, into="warmup")
        drags = releases_done = 0
        for turn in range(rounds):
            now_steps = steps * (turn + 1) // rounds - drags
            now_releases = releases * (turn + 1) // rounds - releases_done
            for path, session in sessions.items():
                if path:
                    session.drag(now_steps)
                if path in ("", RELEASE_PAGE):
                    session.release(now_releases, live=bool(path))
            drags += now_steps
            releases_done += now_releases
        for path, session in sessions.items():
            if path and len(LIVE_CONTROLS[path][1]) > 1:
                session.scroll_through()
                session.drag(SCROLLED_MOVES, into="scrolled")
        return sessions
    finally:
        for session in sessions.values():
            session.close()
        app_server.stop()
        reference_server.stop()


def print_pointer_report(sessions: dict[str, PointerPage], steps: int, releases: int,
                         rounds: int) -> None:
    def figures(values: list[float]) -> str:
        return f"{statistics.median(values):.0f} | {p90(values):.0f}" if values else "— | —"

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.1f}" if values else "—"

    def verdict(values: list[float]) -> str:
        return "pass" if values and p90(values) <= DRAG_GOAL_MS else "miss"

    floor = sessions[""].results["release"]
    pages = {path: s.results for path, s in sessions.items() if path}

    def of_floor(values: list[float]) -> str:
        return f"{p90(values) / p90(floor):.2f}" if values and floor else "—"

    print(f"\nDrag: pointer move to the repainted chart (goal p90 ≤ {DRAG_GOAL_MS:.0f} ms; "
          f"{steps} moves of ≥ {MOVE_PX} px per page in {rounds} drags, each move waited "
          "for until painted; times from the pointermove's dispatch)\n")
    print("| page | moves | median ms | p90 ms | goal | p90 / floor's release p90 | live "
          f"charts drawn (family keys) | first {WARMUP_MOVES} moves after opening (not "
          "counted) median ms |")
    print("|---|---:|---:|---:|---|---:|---|---:|")
    for path, r in pages.items():
        missing = f" ({sessions[path].unchanged} unpainted)" if sessions[path].unchanged else ""
        print(f"| /{path} | {len(r['first'])}{missing} | {figures(r['first'])} | "
              f"{verdict(r['first'])} | {of_floor(r['first'])} | "
              f"{max(r['drag_charts'], default=0)} ({', '.join(LIVE_CONTROLS[path][1])}) | "
              f"{median(r['warmup'])} |")
    scrolled = {path: r for path, r in pages.items() if r.get("scrolled")}
    if scrolled:
        print(f"\nThe same after the reader scrolled through the page and back to the slider "
              f"({SCROLLED_MOVES} moves): every live chart drawn once is redrawn on each move, "
              "in the same task, so the chart in sight is painted after all of them\n")
        print("| page | median ms | p90 ms | goal | live charts drawn | Plotly.react calls "
              "a move |")
        print("|---|---:|---:|---|---:|---:|")
        for path, r in scrolled.items():
            print(f"| /{path} | {figures(r['scrolled'])} | {verdict(r['scrolled'])} | "
                  f"{max(r['scrolled_charts'])} | {median(r['scrolled_reacts'])} |")
    print("\nWhere a move's time goes (medians, ms; the first Plotly.react after the move)\n")
    print("| page | input queued before the pointermove (not counted) | pointermove to "
          "Plotly.react (slider, attribute observer, readouts, kme-frame) | Plotly.react "
          "(synchronous) | its end to painted (next animation frame) |")
    print("|---|---:|---:|---:|---:|")
    for path, r in pages.items():
        print(f"| /{path} | {median(r['queued'])} | {median(r['to_react'])} | "
              f"{median(r['react_sync'])} | {median(r['after_react'])} |")
    print(f"\nRelease: mouse button up to the settled page ({releases} releases each, "
          f"quiet period {QUIET_MS} ms not counted), against drag, in the same run\n")
    print("| | median ms | p90 ms | p90 / floor's p90 |")
    print("|---|---:|---:|---:|")
    print(f"| reference app (floor), release | {figures(floor)} | 1.00 |")
    if RELEASE_PAGE in pages:
        release = pages[RELEASE_PAGE]["release"]
        print(f"| /{RELEASE_PAGE}, release | {figures(release)} | {of_floor(release)} |")
    for path, r in pages.items():
        print(f"| /{path}, drag (a move) | {figures(r['first'])} | {of_floor(r['first'])} |")


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
    parser.add_argument("--drag-only", action="store_true",
                        help="only the mouse: drags on the live pages, releases on /dose and "
                             "the reference app (about 2 min here, at a load of 6 on 2 cores)")
    parser.add_argument("--drag-steps", type=int, default=24,
                        help="pointer moves per live page (>= 16)")
    parser.add_argument("--drag-rounds", type=int, default=2,
                        help="turns in which the live pages take their drags and the reference "
                             "and /dose their releases")
    parser.add_argument("--releases", type=int, default=16,
                        help="mouse releases on /dose and on the reference app (>= 16)")
    args = parser.parse_args()
    if args.presses < 16:
        parser.error("use at least 16 presses")
    if args.repeats < 1:
        parser.error("use at least 1 repeat")
    if args.drag_steps < 16 or args.releases < 16:
        parser.error("use at least 16 drag steps and 16 releases")
    if not Path(CHROMIUM).exists():
        print(chromium_missing_message(), file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        live_pages = [path for path in args.pages if path in LIVE_CONTROLS]
        if args.drag_only:
            print("Drag and release, fresh servers...", flush=True)
            pointer = pointer_latency(browser, live_pages, args.drag_steps, args.releases,
                                      args.drag_rounds)
            browser.close()
            print_pointer_report(pointer, args.drag_steps, args.releases, args.drag_rounds)
            return 0
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
        print("Drag and release, fresh servers...", flush=True)
        pointer = pointer_latency(browser, live_pages, args.drag_steps, args.releases,
                                  args.drag_rounds)
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

    print_pointer_report(pointer, args.drag_steps, args.releases, args.drag_rounds)

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
