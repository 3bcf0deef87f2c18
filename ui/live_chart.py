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
from importlib.metadata import version
from pathlib import Path

import plotly
import plotly.io
import streamlit as st

from figures.style import INK
from sim.export import DISCLAIMER
from ui.assets import asset

REPO = Path(__file__).resolve().parents[1]
STATIC_DIR = REPO / "static"  # Streamlit serves <folder of app.py>/static at /app/static/
PLOTLY_JS = "plotly.min.js"
BUNDLED_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / PLOTLY_JS
STREAMLIT_JS_DIR = Path(st.__file__).parent / "static" / "static" / "js"  # at static/js/


FONT = '"Source Sans", sans-serif'
CREDIT = f"Ketamine Mechanisms Explorer {version('ketamine-explorer')}. {DISCLAIMER}"
GRID = "#e6eaf1"
# Streamlit's chart theme, as it applies it to st.plotly_chart (fonts, sizes, grid, margins).
LOOK = {
    "font": {"family": FONT, "size": 12, "color": INK},
    "title": {"font": {"family": FONT, "size": 16, "color": "#1A1A1A"}, "pad": {"l": 4},
              "xanchor": "left", "x": 0},
    "legend": {"valign": "top", "borderwidth": 0, "font": {"size": 12}},
    "paper_bgcolor": "#FFFFFF", "plot_bgcolor": "#FFFFFF",
    # hover values to 3 significant digits ("1.97", not "1.972092"), every x and y axis
    "xaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "tickcolor": GRID, "showgrid": False,
              "zeroline": False, "automargin": True, "hoverformat": ".3~g",
              "title": {"font": {"size": 14}, "standoff": 20}},
    "yaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "tickcolor": GRID,
              "ticklabelposition": "outside", "automargin": True, "hoverformat": ".3~g",
              "title": {"font": {"size": 14}, "standoff": 24}},
    "margin": {"pad": 8},
    "hoverlabel": {"bgcolor": "#FFFFFF", "bordercolor": "rgba(26, 26, 26, 0.2)",
                   "namelength": -1,  # full trace names (with their units), never "Interneur..."
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
# Plotly's own camera button gives way to one whose picture carries the label, the settings
# and the day (ui/assets/picture_download.js).
CONFIG = {"displaylogo": False,
          "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud", "toImage"]}


def streamlit_plotly_chunk(js_dir: Path = STREAMLIT_JS_DIR) -> str:
    """The file name of the chunk of Streamlit's frontend that holds plotly.js, or "" if
    there is not exactly one (the page then loads the plotly package's copy)."""
    found = list(js_dir.glob("PlotlyChart.*.js"))
    return found[0].name if len(found) == 1 else ""


# Runs in the page; shared by both components: plotly.js is fetched once per browser tab.
_LOADER_JS = (asset("plotly_loader.js").replace("STREAMLIT_CHUNK", streamlit_plotly_chunk())
              .replace("PLOTLY_JS", PLOTLY_JS))

# The chart's drawing rules are in its script (ui/assets/live_chart.js).
_CHART_JS = (_LOADER_JS + asset("unpack.js") + asset("picture_download.js")
             + asset("live_chart.js"))
# A chart's family of frames, drawn while its control moves (ui/assets/live_family.js).
_FAMILY_JS = asset("unpack.js") + asset("live_family.js")
_FAMILY_HTML = '<div class="kme-family"></div>'
_FAMILY_CSS = asset("live_family.css")

# Starts fetching plotly.js while the page's script still runs (see preload_plotly). It shows
# nothing, and its element takes no room in the sidebar.
_PRELOAD_HTML = '<span class="kme-preload" hidden></span>'
_PRELOAD_CSS = asset("plotly_preload.css")
_PRELOAD_JS = _LOADER_JS + asset("history.js") + asset("plotly_preload.js")

_HTML = '<div class="kme-chart" role="figure"><div class="kme-plot"></div></div>'
_CSS = asset("live_chart.css")

CHART_COMPONENT = "kme_live_chart"
PRELOAD_COMPONENT = "kme_plotly_preload"
FAMILY_COMPONENT = "kme_live_family"


# Registered on first use, inside a script run (at import time Streamlit warns outside one).
@functools.cache
def _chart_component():
    return st.components.v2.component(CHART_COMPONENT, html=_HTML, css=_CSS, js=_CHART_JS,
                                      isolate_styles=False)


@functools.cache
def _preload_component():
    return st.components.v2.component(PRELOAD_COMPONENT, html=_PRELOAD_HTML, css=_PRELOAD_CSS,
                                      js=_PRELOAD_JS, isolate_styles=False)


@functools.cache
def _family_component():
    return st.components.v2.component(FAMILY_COMPONENT, html=_FAMILY_HTML, css=_FAMILY_CSS,
                                      js=_FAMILY_JS, isolate_styles=False)


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


def packed(text: str, level: int = PACK_LEVEL) -> dict[str, str]:
    """JSON as the components take it: as it is up to :data:`PACK_OVER` characters
    (``figure``), else deflated and in base64 (``packed``)."""
    if len(text) <= PACK_OVER:
        return {"figure": text}
    return {"packed": base64.b64encode(zlib.compress(text.encode(), level)).decode("ascii")}


def chart_data(fig, alt: str) -> dict[str, str]:
    """What the component gets for a figure: its JSON (``figure``), or for a figure over
    :data:`PACK_OVER` characters that JSON deflated and in base64 (``packed``); the chart's
    height in pixels, to keep its room while it is drawn; and its text alternative (``alt``).

    Only strings: Streamlit checks any other value for being a dataframe, and that check
    imports pandas (half a second on a new server's first chart)."""
    layout = fig.to_dict().get("layout", {})
    height = str(layout.get("height") or DEFAULT_HEIGHT)
    # its room on a phone, where its layout.meta.narrow may make it taller (live_chart.js):
    # kept from the start, so nothing under it moves when it is drawn
    narrow = (layout.get("meta") or {}).get("narrow", {}).get("height")
    return {**packed(figure_json(fig)), "height": height, "alt": alt, "credit": CREDIT,
            **({"narrow_height": str(narrow)} if narrow else {})}


def sent_figure(data: dict[str, str]) -> dict:
    """The figure in what :func:`chart_data` gave, as the component reads it."""
    if "packed" in data:
        return json.loads(zlib.decompress(base64.b64decode(data["packed"])))
    return json.loads(data["figure"])


def live_chart(fig, alt: str, key: str, live: bool = False) -> None:
    """Draw a Plotly figure that updates in place when it changes; with ``live``, also from
    the family of frames sent for ``key`` (:func:`live_family`) while its control moves."""
    data = {**chart_data(fig, alt), "key": key}
    if live:
        data["live"] = key
    _chart_component()(key=f"chart_{key}", data=data)


FAMILY_PACK_LEVEL = 6  # a family is packed once and kept: a third smaller than level 1


def family_payload(family: dict) -> dict[str, str]:
    """A family of frames (figures/family.py) as the family component takes it; pages keep
    it (st.cache_resource) for each setting of the other controls."""
    return packed(json.dumps(family, separators=(",", ":")), FAMILY_PACK_LEVEL)


def live_family(payload: dict[str, str], key: str, on_pause=None) -> None:
    """Send the family of frames of chart ``key`` (:func:`family_payload`). Sent after the
    chart, so the chart is drawn first; the same family on every rerun is sent once (the
    browser keeps it). With ``on_pause``, a Play button steps through the frames, and
    ``on_pause(value)`` is called with the value shown when it stops."""
    kwargs = {}
    if on_pause is not None:
        def paused() -> None:
            state = st.session_state.get(f"family_{key}")
            value = getattr(state, "paused", None) if state is not None else None
            if value:
                on_pause(value)
        kwargs = {"on_paused_change": paused}
    data = {"chart": key, **payload, **({"player": "1"} if on_pause is not None else {})}
    _family_component()(key=f"family_{key}", data=data, **kwargs)


ensure_plotly_js()
