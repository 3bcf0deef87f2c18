"""Shared by the browser tests and benchmarks/browser_latency.py: start a Streamlit server,
find Debian's Chromium, and wait for Streamlit to finish drawing.

No browser is ever downloaded: Playwright drives the Chromium that the system package manager
installed (``sudo apt-get install -y chromium``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from content import pages

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
INSTALL_CHROMIUM = "sudo apt-get install -y chromium"

# url path -> what the page is; "" is the home page.
PAGES = tuple(p.url_path for p in pages.PAGES)
CHART_PAGES = pages.SIMULATION_PAGES
# pages with at least one slider, and the accessible name of the slider to move first
SLIDER_PAGES = {
    "dose": "Dose (mg/kg)",
    "receptor": "Brain level (µM)",
    "glutamate": "Time shown (h)",
    "growth": "Chronic stress (0 = none, 1 = severe)",
    "story": "Scenario A: chronic stress (0 = none, 1 = severe)",
}
CONCEPTUAL_LABEL = "Conceptual teaching model"
CHART = ".kme-chart"  # a chart drawn by ui/live_chart.py
BEING_WRITTEN = "This page is being written."


def free_port() -> int:
    """A TCP port on the loopback interface that nobody is listening on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """``streamlit run <script>`` on a free loopback port, in its own process group."""

    def __init__(self, script: str | Path, port: int | None = None, cwd: Path = REPO):
        self.script = str(script)
        self.port = port or free_port()
        self.cwd = cwd
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0
        self._log = tempfile.TemporaryFile(mode="w+b")

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            # Other people edit the pages while tests run: a file watcher would put a
            # "source file changed" prompt in the status area and make runs nondeterministic.
            "--server.fileWatcherType", "none",
        ]

    def start(self) -> StreamlitServer:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            self.command(), cwd=self.cwd, stdout=self._log, stderr=subprocess.STDOUT,
            env=env, start_new_session=True,
        )
        return self

    def output(self) -> str:
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def wait_healthy(self, timeout: float = 60.0) -> float:
        """Poll /_stcore/health until it answers "ok"; seconds since start()."""
        assert self.process is not None, "start() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with code {self.process.returncode} before it was "
                    f"healthy.\ncommand: {' '.join(self.command())}\noutput:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b"ok":
                        return time.perf_counter() - self.started_at
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit was not healthy at {self.url}/_stcore/health after "
                           f"{timeout:.0f} s.\noutput:\n{self.output()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # only our own process, by its id
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


_TRACEBACK = "Traceback (most recent call last)"


def logged_exceptions(output: str, context: int = 12) -> list[str]:
    """Each traceback a server printed, with the lines before and after it (a page that raised
    is shown to the user as an error box and logged here; none may happen in the tests)."""
    lines = output.splitlines()
    return ["\n".join(lines[max(i - 2, 0):i + context])
            for i, line in enumerate(lines) if _TRACEBACK in line]


def chromium_missing_message() -> str:
    return (f"Chromium is not installed at {CHROMIUM}. Install Debian's package with: "
            f"{INSTALL_CHROMIUM}  (never `playwright install`).")


# --- waiting for Streamlit -------------------------------------------------------------------

_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  const state = app.dataset.testScriptState;
  if (state !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]'))
    return false;  // a lazily loaded element (Plotly) is still coming
  // every chart (ui/live_chart.py) on screen has been drawn by plotly.js; a chart out of
  // sight waits until a test scrolls to it (scroll_into_view_if_needed)
  for (const c of document.querySelectorAll('.kme-chart')) {
    const state = c.dataset.state, r = c.getBoundingClientRect();
    const unseen = r.top >= innerHeight || r.bottom <= 0;
    if (!(state === 'drawn' || state === 'failed' || (state === 'waiting' && unseen)))
      return false;
  }
  return !!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]');
}"""

_BUSY = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && (app.dataset.testScriptState !== 'notRunning'
                   || !!document.querySelector('[data-stale="true"]'));
}"""


_QUIET = """([quietMs, maxMs]) => new Promise(resolve => {
  const root = document.querySelector('[data-testid="stApp"]') || document.body;
  let timer;
  const done = () => { observer.disconnect(); clearTimeout(cap); resolve(true); };
  const observer = new MutationObserver(() => { clearTimeout(timer);
                                                timer = setTimeout(done, quietMs); });
  observer.observe(root, {subtree: true, childList: true, attributes: true,
                          characterData: true});
  timer = setTimeout(done, quietMs);
  const cap = setTimeout(done, maxMs);
})"""


def wait_idle(page, timeout: float = 60_000, quiet_ms: int = 300) -> None:
    """Wait until the script has finished, nothing is stale or loading, every chart is drawn,
    and the page has stopped changing for ``quiet_ms``."""
    for _ in range(20):
        page.wait_for_function(_IDLE, timeout=timeout, polling=100)
        page.evaluate(_QUIET, [quiet_ms, 10_000])
        if page.evaluate(_IDLE):
            return
    raise AssertionError("the page never settled")


def wait_rerun(page, timeout: float = 60_000, start_within: float = 2_000) -> None:
    """After an interaction: wait for the rerun to begin (if it does), then for idle."""
    try:
        page.wait_for_function(_BUSY, timeout=start_within, polling=50)
    except Exception:  # noqa: BLE001 - a rerun that started and ended between polls
        pass
    wait_idle(page, timeout)


def open_page(page, base_url: str, path: str = "", query: str = "") -> None:
    url = f"{base_url}/{path}" + (f"?{query}" if query else "")
    page.goto(url, wait_until="domcontentloaded")
    wait_idle(page)


def full_page_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main block, not the document: grow the viewport to the
    height of the content, take the picture, then put the viewport back."""
    size = page.viewport_size
    height = page.evaluate("""() => Math.max(
        document.querySelector('[data-testid="stMain"]').scrollHeight,
        document.querySelector('[data-testid="stSidebarContent"]')?.scrollHeight || 0)""")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    wait_idle(page)
    page.wait_for_timeout(300)  # Plotly redraws on resize
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


# --- reading and using the page --------------------------------------------------------------

def slider(page, name: str):
    """A Streamlit slider's thumb (an ``input type=range``, role slider) by its label.

    By aria-label, not by accessible name: Streamlit's slider input is also labelled by its
    group, so its computed name is the label twice ("Dose (mg/kg) Dose (mg/kg)").
    """
    return page.locator(f'input[type="range"][aria-label="{name}"]')


def select(page, label: str, option: str) -> None:
    """Pick ``option`` in the select box labelled ``label`` and wait for the rerun."""
    box = page.get_by_role("combobox", name=label, exact=True)
    item = page.get_by_role("option", name=option, exact=True)
    # The list closes when the page scrolls under it: scroll first, then open it.
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    for _ in range(3):
        box.click()
        try:
            item.wait_for(state="visible", timeout=2_000)
            break
        except Exception:  # noqa: BLE001 - opened and closed again by a late scroll
            page.keyboard.press("Escape")
    item.click()
    wait_rerun(page)


def chart_descriptions(page) -> list[str]:
    """Each chart's text alternative (its accessible name), top to bottom."""
    charts = page.locator(CHART)
    return [charts.nth(i).get_attribute("aria-label") or "" for i in range(charts.count())]


def metrics(page) -> dict[str, str]:
    """The numbers the page shows beside its charts (ui/readouts.py), label -> value."""
    labels = page.locator(".kme-readouts dt").all_inner_texts()
    values = page.locator(".kme-readouts dd").all_inner_texts()
    return {label.strip(): value.strip() for label, value in zip(labels, values, strict=True)}


def query_params(page) -> dict[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(page.url).query)


def description(page, starts_with: str) -> str:
    """The one chart description that starts with these words."""
    found = [d for d in chart_descriptions(page) if d.startswith(starts_with)]
    assert len(found) == 1, f"{len(found)} charts start with {starts_with!r}: {found}"
    return found[0]


# --- what a reader cannot see ----------------------------------------------------------------

NO_HORIZONTAL_SCROLL = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const doc = document.scrollingElement || document.documentElement;
  return {main: main.scrollWidth - main.clientWidth, page: doc.scrollWidth - innerWidth};
}"""

# Text cut off with an ellipsis, and chart text drawn outside its chart.
CUT_OFF_TEXT = """() => {
  const problems = [];
  const main = document.querySelector('[data-testid="stMain"]');
  for (const el of main.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1
        && el.textContent.trim())
      problems.push(`cut off with "…": "${el.textContent.trim().slice(0, 60)}"`);
  }
  for (const chart of main.querySelectorAll('.kme-chart')) {
    const box = chart.getBoundingClientRect();
    for (const t of chart.querySelectorAll('svg text')) {
      const s = getComputedStyle(t);
      if (!t.textContent.trim() || s.display === 'none' || s.visibility === 'hidden'
          || parseFloat(s.opacity) === 0 || parseFloat(s.fillOpacity) === 0) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < box.left - 2 || r.right > box.right + 2)
        problems.push(`chart text outside its chart: "${t.textContent.trim().slice(0, 60)}"`);
    }
  }
  return [...new Set(problems)];
}"""

# WCAG contrast of the text Plotly draws (axe does not check SVG text).
CHART_TEXT_CONTRAST = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const found = {};
  for (const svg of document.querySelectorAll('.js-plotly-plot svg.main-svg:first-of-type')) {
    const bg = rgb(getComputedStyle(svg).backgroundColor || 'rgb(255,255,255)');
    const plot = svg.closest('.js-plotly-plot');
    for (const t of plot.querySelectorAll('svg text')) {
      const s = getComputedStyle(t);
      if (!t.textContent.trim() || parseFloat(s.fillOpacity) === 0 || parseFloat(s.opacity) === 0
          || s.visibility === 'hidden' || t.closest('.hoverlayer')) continue;
      const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const c = ratio(rgb(s.fill), bg.length >= 3 ? bg : [255, 255, 255]);
      if (c < (large ? 3 : 4.5)) {
        const key = `${s.fill} on rgb(${bg.slice(0, 3).join(', ')}) = ${c.toFixed(2)}:1`;
        (found[key] = found[key] || []).push(t.textContent.trim().slice(0, 30));
      }
    }
  }
  return found;
}"""


def check_known_bugs(problems: dict, page_path: str) -> None:
    """Fail on any of ``problems`` ({check: findings}). The app bugs these checks found
    (grey chart text, clipped titles and metrics, squeezed controls) are fixed; none is
    excused."""
    problems = {check: found for check, found in problems.items() if found}
    if problems:
        raise AssertionError(f"/{page_path}: {problems}")



def open_panel(page, title: str) -> None:
    """Open the folded panel (an expander) called ``title``: its summary, not the same words
    elsewhere on the page (the keyboard help names the presenter's panels)."""
    page.locator('[data-testid="stExpander"] summary').filter(has_text=title).first.click()


def accessibility_tree(page) -> list[dict]:
    """Chromium's accessibility tree (CDP): each node's role, name, description and whether
    it is ignored (hidden from assistive technology)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return [{key: node.get(key, {}).get("value", "") for key in ("role", "name", "description")}
            | {"ignored": bool(node.get("ignored"))} for node in nodes]
