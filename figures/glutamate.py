"""Figures for "Glutamate surge": the inverted U against a constant brain level, and the
surge over time.

Each figure function takes data in and returns ``(PlainFigure, description)``: the figure as a
plain dict (the tests check each with Plotly), and one plain sentence generated from the same
numbers the chart shows.
"""

from __future__ import annotations

import numpy as np

from figures.levels import level_layout, plateau, titled_16
from figures.style import (
    PlainFigure,
    layout,
    line,
    number,
    outside_range_shapes,
    time_unit,
    when,
)
from figures.thinning import kept
from figures.words import times
from sim.cascade import Result

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
