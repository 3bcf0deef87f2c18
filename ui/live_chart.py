"""Charts that update in place: a Plotly figure drawn by a small Streamlit component.

``st.plotly_chart`` gives a chart a new identity whenever its figure changes (Streamlit hashes
the figure into the element id), so the browser throws the chart away and draws it again from
scratch on every slider move: its axes, legend and toolbar as well as its lines. This
component keeps one chart per key and hands each new figure to ``Plotly.react``, which
redraws only what changed.

plotly.js comes from the installed ``plotly`` package, copied into ``static/`` (served by
Streamlit's static file serving, see .streamlit/config.toml) the first time it is needed.
The look (fonts, grey grid, title at the left) follows Streamlit's own chart theme, with the
text in :data:`ui.figures.INK` for contrast.
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import plotly
import plotly.io
import streamlit as st

REPO = Path(__file__).resolve().parents[1]
STATIC_DIR = REPO / "static"  # Streamlit serves <folder of app.py>/static at /app/static/
PLOTLY_JS = "plotly.min.js"
BUNDLED_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / PLOTLY_JS

FONT = '"Source Sans", sans-serif'
GRID = "#e6eaf1"
# Streamlit's chart theme, as it applies it to st.plotly_chart (fonts, sizes, grid, margins).
LOOK = {
    "font": {"family": FONT, "size": 12, "color": "#4A4A4A"},
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
CONFIG = {"displaylogo": False, "responsive": True, "toImageButtonOptions": {"format": "png"},
          "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud"]}

# Runs in the page. Streamlit calls the default export on mount and again with each new
# ``data``; the chart's div stays, so Plotly.react only redraws what changed.
_JS = r"""
const SCRIPT = "app/static/PLOTLY_JS";

function plotlyLoaded() {
  if (!window.__kmePlotly) {
    window.__kmePlotly = new Promise((resolve, reject) => {
      if (window.Plotly) { resolve(window.Plotly); return; }
      const tag = document.createElement("script");
      tag.src = new URL(SCRIPT, document.baseURI).href;
      tag.async = true;
      tag.onload = () => resolve(window.Plotly);
      tag.onerror = () => { window.__kmePlotly = null; reject(new Error(tag.src)); };
      document.head.appendChild(tag);
    });
  }
  return window.__kmePlotly;
}

export default function ({ parentElement, data }) {
  const box = parentElement.querySelector(".kme-chart");
  const plot = box.querySelector(".kme-plot");
  const figure = JSON.parse(data.figure);
  box.setAttribute("aria-label", data.alt);
  box.style.minHeight = (figure.layout.height || 450) + "px";  // no jump while plotly loads
  plot.__latest = figure;
  plot.__drawing = (plot.__drawing || Promise.resolve()).then(() => plotlyLoaded()).then(P => {
    if (plot.__latest !== figure) return;  // a newer figure has arrived: draw that one
    const problem = box.querySelector(".kme-problem");
    if (problem) problem.remove();
    return P.react(plot, {data: figure.data, layout: figure.layout, frames: figure.frames,
                          config: data.config});
  }).catch(error => {
    if (!box.querySelector(".kme-problem")) {
      const note = document.createElement("p");
      note.className = "kme-problem";
      note.textContent = "The chart could not be drawn (" + error.message + "). " +
        "The description under it says what it shows; reloading the page may help.";
      box.prepend(note);
    }
  });
  if (!plot.__watch) {  // the column can change width without the window resizing
    plot.__watch = new ResizeObserver(() => { if (window.Plotly && plot.data)
      window.Plotly.Plots.resize(plot); });
    plot.__watch.observe(box);
  }
  return () => { plot.__watch.disconnect(); plot.__watch = null;
                 if (window.Plotly) window.Plotly.purge(plot); };
}
""".replace("PLOTLY_JS", PLOTLY_JS)

_HTML = '<div class="kme-chart" role="figure"><div class="kme-plot"></div></div>'

CHART_COMPONENT = "kme_live_chart"


@functools.cache
def _component():
    # registered on first use, inside a script run (at import it would warn outside one)
    return st.components.v2.component(CHART_COMPONENT, html=_HTML, js=_JS,
                                      isolate_styles=False)


def ensure_plotly_js() -> Path:
    """Put plotly.js where Streamlit serves static files (again if plotly was upgraded)."""
    target = STATIC_DIR / PLOTLY_JS
    if not target.exists() or target.stat().st_size != BUNDLED_PLOTLY_JS.stat().st_size:
        STATIC_DIR.mkdir(exist_ok=True)
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


def live_chart(fig, alt: str, key: str) -> None:
    """Draw a Plotly figure that updates in place when it changes."""
    figure = plotly.io.to_json(styled(fig.to_dict()), validate=False)
    _component()(key=f"chart_{key}", data={"figure": figure, "alt": alt, "config": CONFIG})


ensure_plotly_js()
