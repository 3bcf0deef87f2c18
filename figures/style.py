"""Pure functions from results to Plotly figures, each with a plain-language description.

Colours are Okabe-Ito (safe for colour-blind readers) and every trace also has its own line
style, so colour is never the only cue. Every figure has a title in words and axes with units.
"""

from __future__ import annotations

import base64
import textwrap

import numpy as np
import plotly.graph_objects as go

from sim.acute import UNRESPONSIVE, consciousness_state
from sim.cascade import Result
from sim.pk import NG_PER_ML_PER_UM
from ui.thinning import kept

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
DISSOCIATION_SHADE = "rgba(204, 121, 167, 0.15)"  # Okabe-Ito reddish purple, faint
UNRESPONSIVE_SHADE = "rgba(0, 114, 178, 0.12)"  # Okabe-Ito blue, faint
OUTSIDE_RANGE_SHADE = "rgba(120, 120, 120, 0.14)"  # grey: the model's footing is gone there
OUTSIDE_RANGE_LABEL = "outside what the model was built for"

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


def dissociation_shapes(result: Result, hours_scale: float) -> list[dict]:
    """Shaded spans when dissociation is noticeable (> 0.2), and when the person is
    unresponsive (sedation 0.5 or more: anaesthetised)."""
    return (shaded(result, result["dissociation"] > 0.2, hours_scale, DISSOCIATION_SHADE,
                   "noticeable dissociation")
            + shaded(result, result["sedation"] >= UNRESPONSIVE, hours_scale,
                     UNRESPONSIVE_SHADE, "unresponsive (anaesthetised)", "bottom left"))


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


def number(value: float) -> str:
    """A number as people write it: 2,326 / 188 / 4.9 / 0.77."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.0f}"
    if abs(value) >= 1:
        return f"{value:.1f}"
    return f"{value:.2g}"


def describe_level(result: Result, column: str, what: str, unit: str) -> str:
    """One sentence from the numbers: peak, when, and how fast it halves."""
    y, t = result[column], result.time_h
    if y.max() <= 0:
        return f"{what} stays at zero."
    i = int(np.argmax(y))
    at = "right at the first dose" if t[i] < 1 / 60 else f"{when(t[i])} after the first dose"
    after = np.flatnonzero(y[i:] <= y[i] / 2)
    halves = f" and halves about {when(t[i + after[0]] - t[i])} later" if after.size else ""
    return f"{what} peaks at {number(y[i])} {unit} {at}{halves}."


def plasma_and_brain(result: Result) -> tuple[PlainFigure, str]:
    unit, scale = time_unit(float(result.time_h[-1]))
    keep = kept(result.time_h, [result["plasma_ng_per_ml"], result["brain_um"]])
    t = result.time_h[keep] * scale
    traces = [
        line(t, result["plasma_ng_per_ml"][keep], "Blood plasma (ng/mL)", 0),
        line(t, result["brain_um"][keep] * NG_PER_ML_PER_UM,
             "Brain, effect site (ng/mL equivalent)", 1),
    ]
    fig = PlainFigure({"data": traces, "layout": layout(
        "Ketamine in the blood and the brain over time", f"Time since the first dose ({unit})",
        "Level (ng/mL)", shapes=dissociation_shapes(result, scale))})
    return fig, describe_level(result, "plasma_ng_per_ml", "Plasma level", "ng/mL")


# The dose page's panels, top to bottom: (y-axis title, share of the height, lines, fixed y
# range or None), each line (column, legend name, factor to the unit drawn). The small panels'
# titles take two lines: one would be longer than the panel is high.
DOSE_PANELS = (
    ("Level (ng/mL)", 0.4, (("plasma_ng_per_ml", "Blood plasma (ng/mL)", 1.0),
                            ("brain_um", "Brain, effect site (ng/mL equivalent)",
                             NG_PER_ML_PER_UM)), None),
    ("Dissociation<br>(0-1)", 0.16, (("dissociation", "Dissociation (0-1, conceptual scale)",
                                      1.0),), [0, 1.05]),  # its whole scale, even when flat
    ("Blood pressure<br>rise (mmHg)", 0.16, (("systolic_bp_change_mmhg",
                                             "Systolic blood pressure change (mmHg)", 1.0),),
     None),
    ("Sedation<br>(0-1)", 0.16, (("sedation", "Sedation (0 awake, 0.5 unresponsive, 1 surgical "
                                  "anaesthesia)", 1.0),), [0, 1.05]),
)
PANEL_GAP = 0.03  # of the height, between panels


def describe_consciousness(result: Result) -> str:
    """One sentence: the deepest state reached, and for how long a person is unresponsive."""
    deepest = float(result["sedation"].max())
    state = consciousness_state(deepest)
    under = np.flatnonzero(result["sedation"] >= UNRESPONSIVE)
    if under.size == 0:
        return f"The person stays {state} (sedation up to {number(deepest)} on the 0-1 scale)."
    start, stop = result.time_h[under[0]], result.time_h[under[-1]]
    return (f"The person is unresponsive (anaesthetised) from {when(start)} to {when(stop)} "
            f"after the first dose, at deepest {state} (sedation {number(deepest)}).")


def describe_dose(result: Result) -> str:
    """Four sentences, one per panel: the level, dissociation, blood pressure and sedation."""
    return " ".join((
        describe_level(result, "plasma_ng_per_ml", "Plasma level", "ng/mL"),
        describe_level(result, "dissociation", "Dissociation", "on the 0-1 scale"),
        describe_level(result, "systolic_bp_change_mmhg", "The rise in systolic blood pressure",
                       "mmHg"),
        describe_consciousness(result),
    ))


def dose_panels(result: Result) -> tuple[PlainFigure, str]:
    """Levels, dissociation and blood pressure on three panels sharing one time axis: one
    chart for the browser to redraw on each change instead of three."""
    unit, scale = time_unit(float(result.time_h[-1]))
    lines = [(row, *line) for row, (_, _, panel_lines, _) in enumerate(DOSE_PANELS, start=1)
             for line in panel_lines]
    rows = kept(result.time_h, [result[column] for _, column, _, _ in lines])
    t = result.time_h[rows] * scale
    data = [{**line(t, factor * result[column][rows], name, i, "f4"),
             "xaxis": "x", "yaxis": "y" if row == 1 else f"y{row}"}
            for i, (row, column, name, factor) in enumerate(lines)]
    spec = layout("Blood and brain levels, and the acute effects",
                  f"Time since the first dose ({unit})", DOSE_PANELS[0][0],
                  shapes=dissociation_shapes(result, scale))
    top = 1.0
    for row, (title, share, _, fixed) in enumerate(DOSE_PANELS, start=1):
        name = "yaxis" if row == 1 else f"yaxis{row}"
        axis = {"title": {"text": title}, "domain": [max(top - share, 0.0), top]}
        if fixed:
            axis["range"] = fixed
        spec[name] = {**spec.get(name, {}), **axis, "anchor": "x"}
        top -= share + PANEL_GAP
    spec["xaxis"]["anchor"] = f"y{len(DOSE_PANELS)}"
    spec["height"] += 420
    spec["margin"] = {**spec["margin"], "l": 76}  # room for the two-line titles
    spec["legend"] = {**spec["legend"], "y": -0.14}
    return PlainFigure({"data": data, "layout": inked(spec)}), describe_dose(result)


def table_of(result: Result, columns: list[str], max_rows: int = 2000) -> dict:
    """The chart's data as columns (for the 'show data' toggle), thinned to max_rows."""
    stride = max(1, int(np.ceil(len(result.time_h) / max_rows)))
    return {f"{c} ({result.units[c]})" if c != "time_h" else "time (h)": result[c][::stride]
            for c in ["time_h", *columns]}
