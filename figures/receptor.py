"""Figures for the mechanism pages (NMDA blockade, glutamate surge): pure functions.

Each figure function takes data in and returns ``(PlainFigure, description)``: the figure as a
plain dict (the tests check each with Plotly), and one plain sentence generated from the same
numbers the chart shows. Colours are Okabe-Ito and every trace also has its own line style or
marker, so colour is never the only cue. Brain levels are in uM (racemic-equivalent), as in
``sim``; the UI writes "µM".
"""

from __future__ import annotations

import numpy as np

from sim import receptor
from sim.cascade import Result
from sim.export import DISCLAIMER, to_csv
from ui.figures import (
    OKABE_ITO,
    PlainFigure,
    inked,
    layout,
    line,
    number,
    outside_range_shapes,
    time_unit,
    when,
    wrapped,
)
from ui.thinning import kept

# Ranges of brain level marked on the charts (uM, racemic-equivalent).
SUB_ANAESTHETIC_UM = (0.3, 2.0)  # around the peak of a 0.5 mg/kg, 40 min infusion (Zarate 2006)
ANAESTHETIC_FROM_UM = 5.0  # anaesthesia needs several uM
IDVALL_PLATEAU_UM = 9.3  # steady level during ketamine anaesthesia (Idvall 1979)
LEVEL_RANGE_UM = (0.01, 100.0)  # the x axis of the level charts
RESTING_MV = -70.0  # a typical resting membrane voltage
VOLTAGE_RANGE_MV = (-100.0, 40.0)
MG_IN_BRAIN_MM = 1.0  # about 1 mM Mg2+ in cerebrospinal fluid

BANDS = {"sub": "rgba(0, 158, 115, 0.13)", "anaesthetic": "rgba(230, 159, 0, 0.18)"}
MARKERS = ("circle", "square", "diamond", "triangle-up")


def log_levels(points: int = 400) -> np.ndarray:
    """Brain levels spread evenly on a log scale over the charts' x range (uM)."""
    return np.geomspace(*LEVEL_RANGE_UM, points)


def range_name(level_um: float) -> str:
    """Where a brain level sits relative to the marked ranges, in words."""
    if level_um < SUB_ANAESTHETIC_UM[0]:
        return "below the sub-anaesthetic range"
    if level_um <= SUB_ANAESTHETIC_UM[1]:
        return "in the sub-anaesthetic range"
    if level_um < ANAESTHETIC_FROM_UM:
        return "between the sub-anaesthetic and anaesthetic ranges"
    return "in the anaesthetic range"


def percent(fraction: float) -> str:
    return f"{100 * fraction:.0f} %"


def times(value: float) -> str:
    """A ratio to baseline in words: '1.9 times baseline'."""
    return f"{value:.2f} times baseline" if value < 1 else f"{value:.1f} times baseline"


def _log_axis(title: str) -> dict:
    ticks = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100]
    return {"title": {"text": title}, "type": "log", "range": list(np.log10(LEVEL_RANGE_UM)),
            "tickvals": ticks, "ticktext": [f"{t:g}" for t in ticks]}


def range_shapes() -> list[dict]:
    """Shaded bands for the sub-anaesthetic and anaesthetic ranges (named above the plot)."""
    def band(x0, x1, colour):
        return {"type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1, "y0": 0,
                "y1": 1, "layer": "below", "fillcolor": colour, "line": {"width": 0}}

    return [band(*SUB_ANAESTHETIC_UM, BANDS["sub"]),
            band(ANAESTHETIC_FROM_UM, LEVEL_RANGE_UM[1], BANDS["anaesthetic"])]


def range_annotations() -> list[dict]:
    """The bands' names, just above the plot so no curve covers them (log axis: log10 x)."""
    def name(x0, x1, text):
        return {"text": text, "xref": "x", "yref": "paper", "y": 1.0, "yanchor": "bottom",
                "x": float(np.log10(np.sqrt(x0 * x1))), "showarrow": False,
                "font": {"size": 12}}

    return [name(*SUB_ANAESTHETIC_UM, "sub-anaesthetic"),
            name(ANAESTHETIC_FROM_UM, LEVEL_RANGE_UM[1], "anaesthetic")]


def vertical(
    x: float, y0: float, y1: float, name: str, i: int, dash: str, width: float = 2.0
) -> dict:
    """A vertical line as a trace, so it is named in the legend (not only by colour)."""
    return {"type": "scatter", "x": [x, x], "y": [y0, y1], "name": name, "mode": "lines",
            "hoverinfo": "skip", "line": {"color": OKABE_ITO[i % 7], "dash": dash,
                                          "width": width}}


def plateau(y0: float, y1: float) -> dict:
    return vertical(IDVALL_PLATEAU_UM, y0, y1,
                    f"Level held in anaesthesia, {IDVALL_PLATEAU_UM:g} µM (Idvall 1979)", 3, "dot")


def level_layout(title: str, x_title: str, y_title: str, **extra) -> dict:
    """The layout of a chart against brain level: log x axis, the ranges shaded and named."""
    base = layout(title, x_title, y_title, **extra)
    text, lines = wrapped(title)
    base.update(
        xaxis=_log_axis(x_title), shapes=[*range_shapes(), *extra.get("shapes", [])],
        annotations=range_annotations(), height=420 + 22 * lines,
        margin={"l": 60, "r": 20, "t": 53 + 22 * lines, "b": 50},
        legend={"orientation": "h", "y": -0.22},
        title={"text": text, "y": 0.97, "yanchor": "top", "font": {"size": 16}})
    return inked(base)


def titled_16(spec: dict) -> dict:
    """The layout with its title (wrapped by layout()) at 16 px."""
    title = spec["title"]
    return {**spec, "title": {**title, "font": {**title.get("font", {}), "size": 16}}}


def marker(x: float, y: float, name: str, i: int) -> dict:
    """A single point in colour i with its own symbol (shape is a second cue)."""
    return {"type": "scatter", "x": [x], "y": [y], "name": name, "mode": "markers",
            "showlegend": False,
            "marker": {"color": OKABE_ITO[i % 7], "symbol": MARKERS[i % 4], "size": 12,
                       "line": {"color": "white", "width": 1.5}}}


# --- NMDA blockade ---------------------------------------------------------------------------

BLOCK_COLUMNS = {
    "brain_um": "Brain level (µM)",
    "nmda_block_interneuron": "Interneuron-like receptors blocked (%)",
    "nmda_block_pyramidal": "Pyramidal-like receptors blocked (%)",
}


def block_table(levels_um, params: receptor.ReceptorParams = receptor.ReceptorParams()) -> dict:
    """Block of each kind of receptor (fractions 0-1) at each brain level (uM)."""
    c = np.asarray(levels_um, dtype=float)
    return {"brain_um": c,
            "nmda_block_interneuron": receptor.block_interneuron(c, params),
            "nmda_block_pyramidal": receptor.block_pyramidal(c, params)}


def describe_block(level_um: float, block_interneuron: float, block_pyramidal: float) -> str:
    """'At 0.8 µM, 44 % of interneuron-like receptors are blocked but only 12 % of ...'."""
    joined = "but only" if block_pyramidal < block_interneuron / 2 else "and"
    return (f"At {number(level_um)} µM ({range_name(level_um)}), "
            f"{percent(block_interneuron)} of interneuron-like receptors are blocked "
            f"{joined} {percent(block_pyramidal)} of pyramidal-like ones.")


def block_figure(
    table: dict, level_um: float, params: receptor.ReceptorParams = receptor.ReceptorParams()
) -> tuple[PlainFigure, str]:
    """Block vs brain level for both kinds of receptor, with the chosen level marked."""
    c = table["brain_um"]
    at = block_table([level_um], params)
    bi, bp = float(at["nmda_block_interneuron"][0]), float(at["nmda_block_pyramidal"][0])
    traces = [
        line(c, 100 * table["nmda_block_interneuron"], "Interneuron-like receptors", 0),
        line(c, 100 * table["nmda_block_pyramidal"], "Pyramidal-like receptors", 1),
        vertical(level_um, 0, 100, f"Chosen level, {number(level_um)} µM", 6, "solid"),
        plateau(0, 100),
        marker(level_um, 100 * bi, f"Interneuron-like at {number(level_um)} µM", 0),
        marker(level_um, 100 * bp, f"Pyramidal-like at {number(level_um)} µM", 1),
    ]
    fig = PlainFigure({"data": traces, "layout": level_layout(
        "Low levels block interneurons' NMDA receptors first", "Brain level (µM, log scale)",
        "Receptors blocked (%)", yaxis={"title": {"text": "Receptors blocked (%)"},
                                        "range": [0, 102]})})
    return fig, describe_block(level_um, bi, bp)


def mg_table(mg_mm: float, points: int = 281) -> dict:
    """Share of NMDA receptor current free of Mg2+ block (0-1) at each voltage (mV)."""
    v = np.linspace(*VOLTAGE_RANGE_MV, points)
    return {"voltage_mv": v, "mg_unblocked_fraction": receptor.mg_unblocked_fraction(v, mg_mm)}


MG_COLUMNS = {"voltage_mv": "Membrane voltage (mV)",
              "mg_unblocked_fraction": "Current free of Mg²⁺ block (%)"}


def describe_mg(mg_mm: float, voltage_mv: float) -> str:
    """One sentence comparing rest (-70 mV) with the chosen voltage."""
    if mg_mm == 0:
        return ("With no Mg²⁺, NMDA receptors are not plugged at any voltage: 100 % of their "
                "current can flow, even at rest.")
    rest = float(receptor.mg_unblocked_fraction(RESTING_MV, mg_mm))
    here = float(receptor.mg_unblocked_fraction(voltage_mv, mg_mm))
    start = (f"With {mg_mm:.1f} mM Mg²⁺, only {percent(rest)} of NMDA receptor current can "
             f"flow at rest ({RESTING_MV:.0f} mV)")
    if voltage_mv == RESTING_MV:
        return start + "."
    compare = "rising to" if here > rest else "falling to"
    return f"{start}, {compare} {percent(here)} at {voltage_mv:.0f} mV."


MG_TITLE = "Mg²⁺ plugs NMDA receptors at rest and lets go when a cell is depolarised"


def mg_figure(mg_mm: float, voltage_mv: float) -> tuple[PlainFigure, str]:
    """Share of NMDA current free of Mg2+ block vs voltage, rest and chosen voltage marked."""
    data = mg_table(mg_mm)
    v = data["voltage_mv"]
    rest = float(receptor.mg_unblocked_fraction(RESTING_MV, mg_mm))
    here = float(receptor.mg_unblocked_fraction(voltage_mv, mg_mm))
    traces = [
        line(v, 100 * data["mg_unblocked_fraction"], f"With {mg_mm:.1f} mM Mg²⁺", 0),
        line(v, np.full_like(v, 100.0), "With no Mg²⁺ (for comparison)", 1),
        vertical(voltage_mv, 0, 100, f"Chosen voltage, {voltage_mv:.0f} mV", 6, "solid"),
        vertical(RESTING_MV, 0, 100, f"At rest, {RESTING_MV:.0f} mV", 4, "dash", width=3.5),
        marker(RESTING_MV, 100 * rest, f"At rest, {RESTING_MV:.0f} mV", 4),
        marker(voltage_mv, 100 * here, f"At {voltage_mv:.0f} mV", 6),
    ]
    title, y_title = MG_TITLE, "Current free of Mg²⁺ block (%)"
    spec = layout(
        title, "Membrane voltage (mV)", y_title, height=440,
        xaxis={"title": {"text": "Membrane voltage (mV)"}, "range": list(VOLTAGE_RANGE_MV),
               "dtick": 20},
        yaxis={"title": {"text": y_title}, "range": [0, 105]},
        legend={"orientation": "h", "y": -0.22})
    return PlainFigure({"data": traces, "layout": titled_16(spec)}), describe_mg(mg_mm, voltage_mv)


# --- Glutamate surge -------------------------------------------------------------------------

DOSE_RESPONSE_TRACES = {
    "glutamate_rel_unadapted": "Glutamate, fast response (before the slow feedback)",
    "glutamate_rel": "Glutamate and pyramidal activity, steady state (with slow feedback)",
    "interneuron_activity_rel": "Interneuron activity, steady state",
}


def as_columns(columns: list[str], values: np.ndarray) -> dict:
    """``dose_response_table`` output (names, rows x columns) as a dict of columns."""
    return {name: values[:, i] for i, name in enumerate(columns)}


def describe_inverted_u(table: dict) -> str:
    """Peak of the fast and steady glutamate response, return to baseline, and the far end."""
    c, fast, steady = table["brain_um"], table["glutamate_rel_unadapted"], table["glutamate_rel"]
    inter = table["interneuron_activity_rel"]
    peak = int(np.argmax(fast))
    below = np.flatnonzero((c > c[peak]) & (steady < 1.0))
    back = f", is back to baseline near {number(c[below[0]])} µM" if below.size else ""
    return (f"Glutamate rises to {times(fast[peak])} at about {number(c[peak])} µM before the "
            f"slow feedback acts ({times(steady.max())} once it has){back} and falls to "
            f"{times(steady[-1])} at {number(c[-1])} µM, while interneuron activity falls "
            f"steadily to {times(inter[-1])}.")


def inverted_u_figure(table: dict) -> tuple[PlainFigure, str]:
    """Glutamate and firing vs a constant brain level (log x): the inverted U."""
    c = table["brain_um"]
    traces = [line(c, table[col], name, i) for i, (col, name) in
              enumerate(DOSE_RESPONSE_TRACES.items())]
    top = 1.1 * max(float(np.max(table[col])) for col in DOSE_RESPONSE_TRACES)
    traces.append(plateau(0, top))
    y_title = "Relative to baseline (1 = no drug)"
    fig = PlainFigure({"data": traces, "layout": level_layout(
        "Glutamate rises at low levels and falls at anaesthetic ones",
        "Brain level, held constant (µM, log scale)", y_title,
        yaxis={"title": {"text": y_title}, "range": [0, top]}, shapes=[baseline_shape()])})
    return fig, describe_inverted_u(table)


def baseline_shape(labelled: bool = True) -> dict:
    """A dotted line at 1 (no drug); labelled where no curve runs along it at the right."""
    shape = {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": 1, "y1": 1,
             "layer": "below", "line": {"color": "#555555", "width": 1.5, "dash": "dot"}}
    if labelled:
        shape["label"] = {"text": "baseline (no drug) = 1", "textposition": "end",
                          "yanchor": "bottom", "font": {"size": 11}}
    return shape


SURGE_TRACES = {
    "glutamate_rel": "Glutamate",
    "pyramidal_activity_rel": "Pyramidal cell activity",
    "interneuron_activity_rel": "Interneuron activity",
}


def describe_surge(result: Result) -> str:
    """Glutamate's peak and what follows, in time order, and the interneurons' low point."""
    t, g = result.time_h, result["glutamate_rel"]
    inter = result["interneuron_activity_rel"]
    if np.all(np.abs(g - 1) < 0.01) and np.all(np.abs(inter - 1) < 0.01):
        return "Glutamate and both kinds of cell stay at their baseline."
    i, low = int(np.argmax(g)), int(np.argmin(inter))
    events = []
    settled = np.flatnonzero(np.abs(g[i:] - 1) <= 0.1)
    if settled.size:
        k = i + int(settled[0])
        events.append((k, f"is back within 10 % of baseline by {when(t[k])}"))
        again = k + int(np.argmax(g[k:]))
        if g[again] > 1.1:
            events.append((again, f"rises again to {times(g[again])} at {when(t[again])}"))
    dip = i + int(np.argmin(g[i:]))
    if g[dip] < 0.97:
        events.append((dip, f"dips to {times(g[dip])} at {when(t[dip])}"))
    story = "".join(f", then {phrase}" for _, phrase in sorted(events))
    return (f"Glutamate peaks at {times(g[i])} {when(t[i])} after the first dose{story}; "
            f"interneuron activity is lowest ({times(inter[low])}) at {when(t[low])}.")


def surge_figure(result: Result, title: str) -> tuple[PlainFigure, str]:
    """Glutamate, pyramidal and interneuron activity over time, with the baseline marked."""
    unit, scale = time_unit(float(result.time_h[-1]))
    keep = kept(result.time_h, [result[col] for col in SURGE_TRACES])
    t = result.time_h[keep] * scale
    traces = [line(t, result[col][keep], name, i)
              for i, (col, name) in enumerate(SURGE_TRACES.items())]
    spec = layout(title, f"Time since the first dose ({unit})",
                  "Relative to baseline (1 = no drug)",
                  shapes=[baseline_shape(labelled=False), *outside_range_shapes(result, scale)])
    return PlainFigure({"data": traces, "layout": titled_16(spec)}), describe_surge(result)


GABA_NOTE = (
    "In people, the only brain scan of this (Milak 2016) found GABA rising by about as much as "
    "glutamate (+38 % each, about 26 minutes into the research infusion), while the model's "
    "interneuron activity falls. The scan measures the whole store of GABA in a region, not "
    "how much is released or how fast cells fire, and more excitation can fill both stores; "
    "the model follows firing only, so it cannot show that rise.")


def surge_table(result: Result, max_rows: int = 2000) -> dict:
    """The time-course chart's data, thinned to max_rows, with readable column names."""
    stride = max(1, int(np.ceil(len(result.time_h) / max_rows)))
    table = {"Time (h)": result.time_h[::stride],
             "Brain level (µM)": result["brain_um"][::stride]}
    for col, name in SURGE_TRACES.items():
        table[f"{name} (× baseline)"] = result[col][::stride]
    return table


# --- Tables ----------------------------------------------------------------------------------

def readable(table: dict, names: dict, percent_columns: tuple[str, ...] = ()) -> dict:
    """A data table with the names people read (fractions shown as % where asked)."""
    return {names[k]: (100 * v if k in percent_columns else v) for k, v in table.items()
            if k in names}


def table_csv(table: dict, what: str) -> str:
    """A CSV of a table of columns, preceded by '#' lines saying what it is."""
    columns = list(table)
    values = np.column_stack([np.asarray(table[c], dtype=float) for c in columns])
    return f"# Ketamine Mechanisms Explorer: {what}\n# {DISCLAIMER}\n" + to_csv(columns, values)
