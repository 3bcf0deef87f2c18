"""Charts that update in place: a Plotly figure drawn by a small Streamlit component.

``st.plotly_chart`` gives a chart a new identity whenever its figure changes (Streamlit hashes
the figure into the element id), so the browser throws the chart away and draws it again from
scratch on every slider move: its axes, legend and toolbar as well as its lines. This
component keeps one chart per key and hands each new figure to ``Plotly.react``, which
redraws only what changed.

plotly.js is the copy Streamlit's own frontend ships for ``st.plotly_chart`` (a chunk of its
bundle that sets ``window.Plotly``): Streamlit serves it uncompressed (quick from a busy
server: gzipping 4.7 MB took it 0.13 s of CPU per request) and lets browsers keep it for a
year, even across server restarts. If that chunk is missing or does not define Plotly
(another Streamlit version), the page loads the copy from the installed ``plotly`` package
instead, which is put into ``static/`` (served by Streamlit's static file serving, see
.streamlit/config.toml) when the app starts.
The look (fonts, grey grid, title at the left) follows Streamlit's own chart theme, with the
text in :data:`figures.style.INK` for contrast.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import shutil
import zlib
from pathlib import Path

import plotly
import plotly.io
import streamlit as st

from figures.style import INK

REPO = Path(__file__).resolve().parents[1]
STATIC_DIR = REPO / "static"  # Streamlit serves <folder of app.py>/static at /app/static/
PLOTLY_JS = "plotly.min.js"
BUNDLED_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / PLOTLY_JS
STREAMLIT_JS_DIR = Path(st.__file__).parent / "static" / "static" / "js"  # at static/js/

FONT = '"Source Sans", sans-serif'
GRID = "#e6eaf1"
# Streamlit's chart theme, as it applies it to st.plotly_chart (fonts, sizes, grid, margins).
LOOK = {
    "font": {"family": FONT, "size": 12, "color": INK},
    "title": {"font": {"family": FONT, "size": 16, "color": "#1A1A1A"}, "pad": {"l": 4},
              "xanchor": "left", "x": 0},
    "legend": {"valign": "top", "borderwidth": 0, "font": {"size": 12}},
    "paper_bgcolor": "#FFFFFF", "plot_bgcolor": "#FFFFFF",
    "xaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "tickcolor": GRID, "showgrid": False,
              "zeroline": False, "automargin": True,
              "title": {"font": {"size": 14}, "standoff": 20}},
    "yaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "tickcolor": GRID,
              "ticklabelposition": "outside", "automargin": True,
              "title": {"font": {"size": 14}, "standoff": 24}},
    "margin": {"pad": 8},
    "hoverlabel": {"bgcolor": "#FFFFFF", "bordercolor": "rgba(26, 26, 26, 0.2)",
                   "font": {"family": FONT, "size": 12, "color": "#1A1A1A"}},
}
DEFAULT_HEIGHT = 450  # pixels: Plotly's, for a figure that does not set its own
# Every byte a slider move sends costs the browser time to take in, even for a chart out of
# sight that it does not redraw. The whole story's two big figures (88 and 99 KB of JSON)
# deflate to a fifth: in three A/B runs of 48-60 presses each, median 9-19 ms and p90 12-23 ms
# less per press. On The dose (20 KB, on screen) unpacking cost as much as it saved or more
# (median 113 -> 114 and 116 -> 121 ms), so smaller figures go as plain JSON.
PACK_OVER = 50_000  # characters of JSON
PACK_LEVEL = 1  # zlib's fastest: 0.4-0.5 ms for each of those figures, and a fifth of the size
CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png"},
          "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud"]}


def streamlit_plotly_chunk(js_dir: Path = STREAMLIT_JS_DIR) -> str:
    """The file name of the chunk of Streamlit's frontend that holds plotly.js, or "" if
    there is not exactly one (the page then loads the plotly package's copy)."""
    found = list(js_dir.glob("PlotlyChart.*.js"))
    return found[0].name if len(found) == 1 else ""


# Runs in the page; shared by both components: plotly.js is fetched once per browser tab.
_LOADER_JS = r"""
const CHUNK = "STREAMLIT_CHUNK", SCRIPT = "app/static/PLOTLY_JS";

// Streamlit's own copy: evaluating its chunk sets window.Plotly.
function fromStreamlit() {
  if (!CHUNK) return Promise.resolve(null);
  return import(new URL("static/js/" + CHUNK, document.baseURI).href)
    .then(() => window.Plotly || null, () => null);
}

function fromPlotlyPackage() {
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = new URL(SCRIPT, document.baseURI).href;
    tag.async = true;
    tag.onload = () => resolve(window.Plotly);
    tag.onerror = () => {
      tag.remove();
      reject(new Error("plotly.js did not load from " + tag.src));
    };
    document.head.appendChild(tag);
  });
}

function plotlyLoaded() {
  if (!window.__kmePlotly) {
    window.__kmePlotly = window.Plotly ? Promise.resolve(window.Plotly) : fromStreamlit()
      .then(Plotly => Plotly || fromPlotlyPackage())
      .catch(error => { window.__kmePlotly = null; throw error; });  // the next draw tries again
  }
  return window.__kmePlotly;
}
""".replace("STREAMLIT_CHUNK", streamlit_plotly_chunk()).replace("PLOTLY_JS", PLOTLY_JS)

# Streamlit calls the default export on mount and again with each new ``data`` (not when a
# rerun sent the same); the chart's div stays, so Plotly.react only redraws what changed.
# Redrawing a chart costs the browser 20-70 ms even when only one line moved (Plotly.react
# replots every trace when any data changed; measured on The dose and the synapse picture),
# so a chart is drawn only when it is or may soon be seen:
# - its first drawing when it comes near the screen (or before printing);
# - a new figure at once if some of the chart is on screen; for a chart out of sight, when the
#   reader scrolls (or it comes into sight, or the page is printed).
# Its text alternative is updated at once in every case.
# ``data-state`` says where a chart is: new, waiting (out of sight), drawing, drawn or failed.
_CHART_JS = _LOADER_JS + r"""
const NEAR = "300px 0px";
// four corner brackets: the usual "full screen" sign
const FULL_SCREEN_ICON = {width: 512, height: 512, path: "M0 0H192V64H64V192H0Z" +
  "M320 0H512V192H448V64H320ZM0 320H64V448H192V512H0ZM448 320H512V512H320V448H448Z"};

// One button per chart, the same object on every draw (a new one would make Plotly.react
// treat the config as changed and draw the chart from scratch).
function fullScreenButton(box, plot) {
  if (!plot.__fullScreen) plot.__fullScreen = {
    name: "fullscreen", title: "Full screen (Esc to leave)", icon: FULL_SCREEN_ICON,
    click: () => document.fullscreenElement ? document.exitFullscreen()
                                            : box.requestFullscreen(),
  };
  return plot.__fullScreen;
}

// In full screen the chart takes the screen's width at its own height, its legend at the
// bottom (the figures place it for their column's width); back on the page, as drawn.
function fitScreen(box, plot) {
  if (!window.Plotly || !plot.data || !plot.__drawn) return;
  const {data, layout, frames, config} = plot.__drawn;
  const full = document.fullscreenElement === box;
  const legend = {...layout.legend, yref: "container", y: 0, yanchor: "bottom"};
  window.Plotly.react(plot, {data, frames, config, layout: full ?
    {...layout, width: window.innerWidth, legend} : layout});
}

// Streamlit scrolls its main block, not the page; a margin only widens the observer's root.
function scroller(el) {
  for (let up = el.parentElement; up; up = up.parentElement)
    if (/(auto|scroll)/.test(getComputedStyle(up).overflowY)) return up;
  return null;
}

// The figure in the component's data: parsed now, or unpacked in the background (started
// now, so that it is ready long before a print). A browser too old to unpack it (before 2023)
// gets the chart's "could not be drawn" note when the chart is drawn.
function figureIn(data) {
  if (!data.packed) return Promise.resolve(JSON.parse(data.figure));
  if (!window.DecompressionStream) return Promise.reject(new Error(
    "this browser cannot unpack a chart this big; a browser from 2023 or later can"));
  // native decoding where there is one: 0.02 ms instead of 1.8 ms for 25 KB in Chromium
  const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(data.packed)
    : Uint8Array.from(atob(data.packed), c => c.charCodeAt(0));
  const json = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Response(json).json();
}

function draw(box, plot) {
  if (plot.__queued) return;  // the queued draw will take the newest figure
  plot.__queued = true;
  box.dataset.state = "drawing";
  plot.__drawing = (plot.__drawing || Promise.resolve()).then(plotlyLoaded).then(P => {
    plot.__queued = false;
    const next = plot.__pending;
    plot.__pending = null;
    return next && next.then(figure => {
      box.querySelector(".kme-problem")?.remove();
      const config = {...figure.config, modeBarButtonsToAdd: [fullScreenButton(box, plot)]};
      plot.__drawn = {data: figure.data, layout: figure.layout, frames: figure.frames, config};
      return P.react(plot, plot.__drawn);
    });
  }).then(() => { if (!plot.__queued) box.dataset.state = "drawn"; }).catch(error => {
    plot.__queued = false;
    box.dataset.state = "failed";
    if (box.querySelector(".kme-problem")) return;
    const note = document.createElement("p");
    note.className = "kme-problem";
    note.setAttribute("role", "alert");
    note.textContent = "The chart could not be drawn (" + error.message + "). The " +
      "description under it says what it shows; reloading the page may help.";
    box.prepend(note);
  });
}

export default function ({ parentElement, data }) {
  const box = parentElement.querySelector(".kme-chart");
  const plot = box.querySelector(".kme-plot");
  box.setAttribute("aria-label", data.alt);
  box.style.minHeight = data.height + "px";  // no jump while it is drawn
  plot.__pending = figureIn(data);  // its data, layout, frames and config
  plot.__pending.catch(() => {});  // a failure is shown when the chart is drawn, not before
  if (!plot.__near) {  // first call: watch where the chart is and how wide its column is
    box.dataset.state = "new";
    const root = scroller(box);
    const whenNear = entries => {
      plot.__isNear = entries[entries.length - 1].isIntersecting;
      if (plot.__isNear && plot.__pending) draw(box, plot);
      else if (box.dataset.state === "new") box.dataset.state = "waiting";
    };
    const whenSeen = entries => {
      plot.__isSeen = entries[entries.length - 1].isIntersecting;
      if (plot.__isSeen && plot.__pending) draw(box, plot);
    };
    const scrolled = () => { if (plot.__isNear && plot.__pending) draw(box, plot); };
    const beforePrint = () => { if (plot.__pending) draw(box, plot); };
    const resize = () => { if (plot.data && window.Plotly) window.Plotly.Plots.resize(plot); };
    plot.__near = new IntersectionObserver(whenNear, {root, rootMargin: NEAR});
    plot.__near.observe(box);
    plot.__seen = new IntersectionObserver(whenSeen, {root});
    plot.__seen.observe(box);
    plot.__width = new ResizeObserver(resize);
    plot.__width.observe(box);
    const fullScreen = () => fitScreen(box, plot);
    const scrolling = root || window;
    scrolling.addEventListener("scroll", scrolled, {passive: true});
    window.addEventListener("beforeprint", beforePrint);
    document.addEventListener("fullscreenchange", fullScreen);
    plot.__stop = () => { plot.__near.disconnect(); plot.__seen.disconnect();
                          plot.__width.disconnect();
                          scrolling.removeEventListener("scroll", scrolled);
                          window.removeEventListener("beforeprint", beforePrint);
                          document.removeEventListener("fullscreenchange", fullScreen); };
  } else if (plot.__isSeen || (plot.__isNear && !plot.data)) {  // in sight, or never drawn
    draw(box, plot);
  } else if (box.dataset.state !== "new") {
    box.dataset.state = "waiting";  // drawn when the reader scrolls to it
  }
  return () => { plot.__stop(); plot.__near = null; if (window.Plotly) window.Plotly.purge(plot); };
}
"""

# Starts fetching plotly.js while the page's script still runs (see preload_plotly). It shows
# nothing, and its element takes no room in the sidebar.
_PRELOAD_HTML = '<span class="kme-preload" hidden></span>'
# (on two lines: Streamlit takes a one-line string with "[" or "/" in it for a file name)
_PRELOAD_CSS = '[data-testid="stElementContainer"]:has(.kme-preload) {\n  display: none; }'
_PRELOAD_JS = _LOADER_JS + r"""
export default function () { plotlyLoaded().catch(() => {}); }
"""

_HTML = '<div class="kme-chart" role="figure"><div class="kme-plot"></div></div>'
# In full screen: the page's white behind the chart, not the browser's black, and a scroll bar
# for a chart taller than the screen.
_CSS = ".kme-chart:fullscreen {\n  background: #FFFFFF; overflow-y: auto; }"

CHART_COMPONENT = "kme_live_chart"
PRELOAD_COMPONENT = "kme_plotly_preload"


# Registered on first use, inside a script run (at import time Streamlit warns outside one).
@functools.cache
def _chart_component():
    return st.components.v2.component(CHART_COMPONENT, html=_HTML, css=_CSS, js=_CHART_JS,
                                      isolate_styles=False)


@functools.cache
def _preload_component():
    return st.components.v2.component(PRELOAD_COMPONENT, html=_PRELOAD_HTML, css=_PRELOAD_CSS,
                                      js=_PRELOAD_JS, isolate_styles=False)


def preload_plotly() -> None:
    """Start loading plotly.js in the browser now, before any chart is ready to draw.

    app.py calls it before the page runs, so on a first visit plotly.js (4.7 MB) downloads
    and compiles while the page's simulations run."""
    _preload_component()(key="plotly_preload", height=0)


def ensure_plotly_js(static_dir: Path = STATIC_DIR) -> Path:
    """Put plotly.js where Streamlit serves static files (again if plotly was upgraded)."""
    target = static_dir / PLOTLY_JS
    if not target.exists() or target.stat().st_size != BUNDLED_PLOTLY_JS.stat().st_size:
        static_dir.mkdir(exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")  # a server may be reading it
        shutil.copyfile(BUNDLED_PLOTLY_JS, partial)
        os.replace(partial, target)
    return target


def styled(spec: dict) -> dict:
    """The figure with Streamlit's chart look as its template and its title in bold."""
    layout = dict(spec.get("layout", {}))
    layout["template"] = {"layout": LOOK}
    title = layout.get("title")
    if isinstance(title, dict) and title.get("text") and not title["text"].startswith("<b>"):
        layout["title"] = {**title, "text": f"<b>{title['text']}</b>"}
    return {**spec, "layout": layout}


def figure_json(fig) -> str:
    """The styled figure with its config, as the JSON the component draws.

    orjson writes it 5-6 times faster than the standard library (1.8 -> 0.3 ms for the synapse
    picture with its 50 frames) and gives the same JSON values (NaN as null, tested)."""
    return plotly.io.to_json({**styled(fig.to_dict()), "config": CONFIG}, validate=False,
                             engine="orjson")


def chart_data(fig, alt: str) -> dict[str, str]:
    """What the component gets for a figure: its JSON (``figure``), or for a figure over
    :data:`PACK_OVER` characters that JSON deflated and in base64 (``packed``); the chart's
    height in pixels, to keep its room while it is drawn; and its text alternative (``alt``).

    Only strings: Streamlit checks any other value for being a dataframe, and that check
    imports pandas (half a second on a new server's first chart)."""
    text = figure_json(fig)
    height = str(fig.to_dict().get("layout", {}).get("height") or DEFAULT_HEIGHT)
    if len(text) <= PACK_OVER:
        return {"figure": text, "height": height, "alt": alt}
    packed = base64.b64encode(zlib.compress(text.encode(), PACK_LEVEL)).decode("ascii")
    return {"packed": packed, "height": height, "alt": alt}


def sent_figure(data: dict[str, str]) -> dict:
    """The figure in what :func:`chart_data` gave, as the component reads it."""
    if "packed" in data:
        return json.loads(zlib.decompress(base64.b64decode(data["packed"])))
    return json.loads(data["figure"])


def live_chart(fig, alt: str, key: str) -> None:
    """Draw a Plotly figure that updates in place when it changes."""
    _chart_component()(key=f"chart_{key}", data=chart_data(fig, alt))


ensure_plotly_js()
