"""The figures' shared base: colours, layouts, traces, shaded spans, times and numbers in words.

Every figure module (figures/dose.py, receptor.py, glutamate.py, growth.py, story.py,
synapse/) builds on these. Colours are Okabe-Ito's hues (safe for colour-blind readers),
dark enough for 3:1 on white, and every trace also has its own line style, so colour is never
the only cue. Every figure has a title in words and axes with units. Pure functions: no
Streamlit.
"""

from __future__ import annotations

import base64
import textwrap

import numpy as np
import plotly.graph_objects as go

from figures.table import plain_header
from sim.cascade import Result
from sim.export import DISCLAIMER, to_csv

# Okabe-Ito's hues (blue, vermillion, green, purple, orange, sky blue, black), three of them
# darker so that every line is at least 3:1 on the charts' white (WCAG 1.4.11): orange
# #E69F00 (2.25:1) -> #C58700 (3.07:1) and sky blue #56B4E9 (2.31:1) -> #1D9DD5 (3.07:1), same
# CIELAB hue; vermillion #D55E00 -> #B25008 (3.87 -> 5.19:1, same hue) keeps it apart from
# the darker orange for deuteranopes, who see the two side by side on the receptor and story
# charts. tests/test_colours.py checks the contrast, and the CIEDE2000 distance of lines drawn
# together under simulated protan, deutan and tritan vision (orange-vermillion 13.2, was 12.5;
# no pair closer than Okabe-Ito's own 12.2; docs/implementation-notes.md has the figures).
OKABE_ITO = ("#0072B2", "#B25008", "#009E73", "#CC79A7", "#C58700", "#1D9DD5", "#000000")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
OUTSIDE_RANGE_SHADE = "rgba(120, 120, 120, 0.14)"  # grey: the model's footing is gone there
OUTSIDE_RANGE_LABEL = "outside what the model was built for"
FLAT = 1e-3  # changes smaller than this (relative units) count as "no change"

TITLE_CHARS = 48  # a chart beside the explainer, at 768 px, is about 50 bold characters wide


def wrapped(title: str) -> tuple[str, int]:
    """The title broken into lines that fit the chart (Plotly clips, never wraps), and the
    number of lines."""
    lines = textwrap.wrap(title, TITLE_CHARS, break_on_hyphens=False) or [""]  # keep names whole
    return "<br>".join(lines), len(lines)


def layout(title: str, x_title: str, y_title: str, **extra) -> dict:
    """A plain layout as a dict: building it once is ~10x faster than update_layout, and no
    template (Streamlit applies its own theme; a Plotly template costs ~15 ms per figure).
    Text is inked for contrast and long titles wrap."""
    text, lines = wrapped(title)
    return inked({
        "title": {"text": text}, "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}}, "height": 360 + 22 * lines,
        "margin": {"l": 60, "r": 20, "t": 38 + 22 * lines, "b": 50},
        "legend": {"orientation": "h", "y": -0.25}, "hovermode": "x unified", **extra,
    })


INK = "#4A4A4A"  # chart text: 8.9:1 on white (Streamlit's own chart grey is 3.7:1, below AA)


def inked(layout: dict) -> dict:
    """The layout with every axis, legend, title and annotation written in :data:`INK`.

    Streamlit's chart theme draws ticks, axis titles and legends in a grey that fails WCAG AA
    contrast (4.5:1); a colour set on the figure itself wins over the theme."""
    out = dict(layout)
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            axis = {**value, "tickfont": {**value.get("tickfont", {}), "color": INK}}
            if "title" in value:
                title = value["title"]
                axis["title"] = {**title, "font": {**title.get("font", {}), "color": INK}}
            out[key] = axis
        elif key.startswith("legend"):
            out[key] = {**value, "font": {**value.get("font", {}), "color": INK}}
    out["annotations"] = [{**a, "font": {**a.get("font", {}), "color": a.get("font", {}).get(
        "color", INK)}} for a in layout.get("annotations", ())]
    if "shapes" in layout:  # band labels drawn on shapes
        out["shapes"] = [{**shape, "label": {**shape["label"], "font": {
            **shape["label"].get("font", {}), "color": INK}}} if "label" in shape else shape
            for shape in layout["shapes"]]
    if "title" in layout:
        out["title"] = {**layout["title"], "font": {**layout["title"].get("font", {}),
                                                    "color": INK}}
    return out


class PlainFigure(go.Figure):
    """A Plotly figure held as its plain, JSON-ready dict.

    A ``go.Figure`` checks every property as it is built: about 20 ms for the story's 16
    traces, and far more for an animation's frames (Plotly checks frames even when told not
    to), on every rerun. This one skips that: :meth:`to_dict`, which the chart component
    (ui/live_chart.py) serialises, hands the dict over as it is. It is a ``go.Figure`` only so
    that it goes wherever a figure does; Plotly's own machinery is not set up, so build the
    dict and do not use Plotly's API on it (``fig.data`` raises AttributeError).
    :meth:`checked` gives the same figure as an ordinary, fully checked ``go.Figure``: the
    tests check every such figure that way.
    """

    def __init__(self, spec: dict):  # no super().__init__(): it costs ~0.7 ms and is not used
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec

    def to_plotly_json(self) -> dict:
        return self._spec

    def checked(self) -> go.Figure:
        """The same figure, built and checked by Plotly (raises ValueError if invalid)."""
        return go.Figure(self._spec)


def typed(values, dtype: str = "f4") -> dict:
    """Numbers as Plotly's base64 typed-array spec, the form Plotly itself sends. By default in
    single precision: 7 significant digits (a chart shows 3), and half the bytes of double
    precision ("f8") to encode, send and draw on every rerun."""
    array = np.ascontiguousarray(values, dtype=f"<{dtype}")
    return {"dtype": dtype, "bdata": base64.b64encode(array.tobytes()).decode("ascii")}


def line(x, y, name: str, i: int, dtype: str = "f8") -> dict:
    """Trace i in Okabe-Ito colour i and line style i, so colour is never the only cue (a
    plain dict, like the figures built from it: see PlainFigure; numbers by default in full
    precision, as a go.Figure would send them)."""
    return {"type": "scatter", "mode": "lines", "x": typed(x, dtype), "y": typed(y, dtype),
            "name": name,
            "line": {"color": OKABE_ITO[i % 7], "dash": DASHES[i % 7], "width": 2.5}}


def baseline_line(y: float, text: str, position: str = "end") -> dict:
    """A dotted horizontal reference line across the plot, named on the plot."""
    return {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y,
            "layer": "below", "line": {"color": "#555555", "width": 1.5, "dash": "dot"},
            "label": {"text": text, "textposition": position, "yanchor": "bottom",
                      "font": {"size": 11, "color": INK}}}


# --- time ------------------------------------------------------------------------------------

HOURS_PER_DAY = 24.0
HOURS_PER_WEEK = 7 * HOURS_PER_DAY

# Time spans a page can show: code -> days ("auto": the whole protocol, at least a week).
SPAN_LABELS = {"auto": "Whole protocol (at least a week)", "1": "1 day", "3": "3 days",
               "7": "1 week", "14": "2 weeks", "28": "4 weeks", "42": "6 weeks"}


def span_hours(span: str, *protocol_hours: float) -> float:
    """Hours to simulate for a span code: a number of days, or the longest protocol (>= 1 week)."""
    if span == "auto":
        return max(HOURS_PER_WEEK, *protocol_hours)
    return float(span) * HOURS_PER_DAY


def time_unit(hours: float) -> tuple[str, float]:
    """Minutes for short views, hours for a few days, days beyond."""
    if hours <= 3:
        return "minutes", 60.0
    if hours <= 72:
        return "hours", 1.0
    return "days", 1 / 24.0


def _spans(on: np.ndarray) -> list[tuple[int, int]]:
    """(first, last + 1) index of each run of True."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(int), [0]))))
    return list(zip(edges[::2], edges[1::2], strict=True))


def shaded(result: Result, on: np.ndarray, hours_scale: float, colour: str, text: str,
           position: str = "top left") -> list[dict]:
    """A labelled, shaded span (layout shape) over each stretch of time where ``on`` holds."""
    return [
        {"type": "rect", "xref": "x", "yref": "paper", "y0": 0, "y1": 1, "layer": "below",
         "x0": result.time_h[start] * hours_scale, "x1": result.time_h[stop - 1] * hours_scale,
         "fillcolor": colour, "line": {"width": 0},
         "label": {"text": text, "textposition": position, "font": {"size": 11}}}
        for start, stop in _spans(on)
    ]


def outside_range_shapes(result: Result, hours_scale: float) -> list[dict]:
    """A grey span, labelled, from where the model's outputs leave the range it was built
    for (``Result.notes``) to the end of the chart."""
    return shaded(result, result["outside_model_range"] > 0, hours_scale, OUTSIDE_RANGE_SHADE,
                  OUTSIDE_RANGE_LABEL, "top right")


def outside_range_sentence(result: Result) -> str:
    """What the grey span means, in words ("" when the whole run is inside the range)."""
    if not result.notes:
        return ""
    first = min(result.notes, key=lambda n: n.from_h)
    reasons = "; ".join(dict.fromkeys(n.reason for n in result.notes))
    return (f"From {when(first.from_h)} after the first dose these outputs are outside what "
            f"the model was built for: {reasons}.")


def peak_time(t: np.ndarray, y: np.ndarray, i: int | None = None) -> float:
    """When ``y`` peaks, between the samples: the vertex of the parabola through the highest
    sample and its neighbours. A readout must not depend on the time step a chart's window
    chose (29.3 h on one page and 29.5 h on another, for the same spine peak)."""
    i = int(np.argmax(y)) if i is None else i
    if i == 0 or i == len(y) - 1:
        return float(t[i])
    left, mid, right = (float(v) for v in y[i - 1:i + 2])
    curvature = left - 2 * mid + right
    if curvature >= 0:  # flat top: no vertex to find
        return float(t[i])
    shift = 0.5 * (left - right) / curvature  # in samples, within (-0.5, 0.5)
    return float(t[i] + shift * (t[i + 1] - t[i - 1]) / 2)


def when(hours: float) -> str:
    """A duration in words, in the unit a reader would use."""
    if hours < 2:
        minutes = f"{hours * 60:.0f}"
        return f"{minutes} minute" + ("" if minutes == "1" else "s")
    if hours < 72:
        return f"{hours:.1f} hours"
    return f"{hours / 24:.1f} days"


def after_first_dose(hours: float) -> str:
    return "right at the first dose" if hours < 1 / 60 else f"{when(hours)} after the first dose"


def number(value: float) -> str:
    """A number as people write it: 2,326 / 188 / 4.9 / 0.77."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.0f}"
    if abs(value) >= 1:
        return f"{value:.1f}"
    return f"{value:.2g}"


# --- tables ----------------------------------------------------------------------------------

def table_of(result: Result, columns: list[str], max_rows: int = 2000) -> dict:
    """The chart's data as columns (for the 'show data' toggle), thinned to max_rows, each
    headed by its name and short unit from sim/outputs.py ("Plasma level (ng/mL)"; the
    toggle picks the rows a reader wants, figures/table.py)."""
    stride = max(1, int(np.ceil(len(result.time_h) / max_rows)))
    return {plain_header(c): result[c][::stride] for c in ["time_h", *columns]}


def readable(table: dict, names: dict, percent_columns: tuple[str, ...] = ()) -> dict:
    """A data table with the names people read (fractions shown as % where asked)."""
    return {names[k]: (100 * v if k in percent_columns else v) for k, v in table.items()
            if k in names}


def table_csv(table: dict, what: str) -> str:
    """A CSV of a table of columns, preceded by '#' lines saying what it is."""
    columns = list(table)
    values = np.column_stack([np.asarray(table[c], dtype=float) for c in columns])
    return f"# Ketamine Mechanisms Explorer: {what}\n# {DISCLAIMER}\n" + to_csv(columns, values)
