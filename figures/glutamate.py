"""Figures for "Glutamate surge": the inverted U against a constant brain level, and the
surge over time.

Each figure function takes data in and returns ``(PlainFigure, description)``: the figure as a
plain dict (the tests check each with Plotly), and one plain sentence generated from the same
numbers the chart shows.
"""

from __future__ import annotations

import numpy as np

from figures import synapse
from figures.levels import (
    ANAESTHETIC_FROM_UM,
    SUB_ANAESTHETIC_UM,
    level_layout,
    marker,
    plateau,
    range_name,
    titled_16,
    vertical,
)
from figures.style import (
    PlainFigure,
    inked,
    layout,
    line,
    number,
    outside_range_shapes,
    time_unit,
    when,
)
from figures.thinning import kept
from figures.words import percent, times
from sim.acute import consciousness_state
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


# --- the "dose -> glutamate" screen: one brain level, the synapse and the inverted U ----------

# The brain levels the screen's slider steps through (uM): even steps on a log scale, so the
# research range and anaesthesia get the same room.
SCREEN_LEVELS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0,
                 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0)
SCREEN_DEFAULT_UM = 0.8  # the peak of the research infusion in this model


def level_label(level_um: float) -> str:
    return f"{level_um:g} µM"


def screen_state(row: dict) -> synapse.SynapseState:
    """The synapse at a steady brain level (one row of ``dose_response_table``): receptors,
    the brake and glutamate in the first minutes; BDNF and spines at baseline (they take
    hours to days: BDNF & synaptic growth)."""
    return synapse.SynapseState(
        0.0, float(row["nmda_block_interneuron"]), float(row["nmda_block_pyramidal"]),
        float(row["glutamate_rel_unadapted"]), 1.0, 1.0, float(row["interneuron_activity_rel"]))


def screen_numbers(row: dict) -> list[tuple[str, str]]:
    """The screen's key numbers at one level."""
    return [("Brain level", level_label(float(row["brain_um"]))),
            ("Glutamate, first minutes", f"{float(row['glutamate_rel_unadapted']):.2f} ×"),
            ("Interneuron receptors blocked", percent(float(row["nmda_block_interneuron"]))),
            ("Pyramidal receptors blocked", percent(float(row["nmda_block_pyramidal"]))),
            ("State of the person", consciousness_state(float(row["sedation"])))]


def describe_screen(row: dict) -> str:
    level, fast = float(row["brain_um"]), float(row["glutamate_rel_unadapted"])
    brake = times(float(row["interneuron_activity_rel"]))
    trend = ("more than" if fast > 1.02 else "less than" if fast < 0.98 else "about the same as")
    return (f"At {level:g} µM ({range_name(level)}) ketamine blocks "
            f"{percent(float(row['nmda_block_interneuron']))} of the interneurons' NMDA "
            f"receptors and {percent(float(row['nmda_block_pyramidal']))} of the pyramidal "
            f"cells'. The interneurons' brake is at {brake}, so in the first minutes the "
            f"pyramidal cells release glutamate at {times(fast)} ({trend} without the drug). "
            f"A person at this "
            f"level would be {consciousness_state(float(row['sedation']))}.")


ZONES_NOTE = {"x": 0, "y": 0.31, "xref": "paper", "yref": "paper", "xanchor": "left",
              "yanchor": "bottom", "showarrow": False, "font": {"size": 11},
              "text": "Shaded: research range (green), anaesthesia (blue)"}


def surge_screen(table: dict, row: dict) -> tuple[PlainFigure, str]:
    """The synapse at one steady brain level (left) beside the inverted U with that level
    marked (right): moving the level thins the brake, plugs receptors and moves the marker
    up the U, then down."""
    picture = synapse.picture_alone(screen_state(row), (0.12, 0.88), (0.43, 0.93))
    for trace in picture["data"]:  # BDNF and spines stay at baseline here: no key for them
        if trace["meta"] in ("bdnf", "spine_heads"):
            trace["showlegend"] = False
    c, level = table["brain_um"], float(row["brain_um"])
    fast, steady = float(row["glutamate_rel_unadapted"]), float(row["glutamate_rel"])
    top = 1.1 * max(float(np.max(table["glutamate_rel_unadapted"])), 1.0)
    curves = [{**line(c, table[col], name, i, "f4"), "xaxis": "x2", "yaxis": "y2",
               "legend": "legend2"}
              for i, (col, name) in enumerate((
                  ("glutamate_rel_unadapted", "Glutamate, first minutes"),
                  ("glutamate_rel", "Glutamate, after the slow feedback")))]
    here = [{**vertical(level, 0, top, f"This level, {level_label(level)}", 6, "solid"),
             "xaxis": "x2", "yaxis": "y2", "showlegend": False},
            {**marker(level, fast, f"First minutes at {level_label(level)}", 0),
             "xaxis": "x2", "yaxis": "y2",
             "hovertemplate": f"{times(fast)}<extra></extra>"},
            {**marker(level, steady, f"After the feedback at {level_label(level)}", 1),
             "xaxis": "x2", "yaxis": "y2",
             "hovertemplate": f"{times(steady)}<extra></extra>"}]
    bands = [{"type": "rect", "xref": "x2", "yref": "y2 domain", "x0": x0, "x1": x1, "y0": 0,
              "y1": 1, "fillcolor": colour, "line": {"width": 0}, "layer": "below"}
             for x0, x1, colour in ((*SUB_ANAESTHETIC_UM, "rgba(0, 158, 115, 0.10)"),
                                    (ANAESTHETIC_FROM_UM, float(c[-1]),
                                     "rgba(0, 114, 178, 0.10)"))]
    baseline = {**baseline_shape(), "xref": "x2 domain", "yref": "y2"}
    # one title for every level: a title that changed redrew the chart's margins on every
    # step of a drag (the numbers are beside it, and in the description)
    spec = layout("The synapse at a steady brain level, and where it sits on the U", "", "")
    spec.update({
        "height": 560, "margin": {"l": 60, "r": 20, "t": 40, "b": 45},
        "hovermode": "closest", "dragmode": False,
        "xaxis": picture["xaxis"], "yaxis": picture["yaxis"],
        "xaxis2": {"type": "log", "domain": [0, 1], "anchor": "y2",
                   "range": [np.log10(float(c[0])), np.log10(float(c[-1]))],
                   "title": {"text": "Brain level, held constant (µM, log scale)"},
                   "fixedrange": True},
        "yaxis2": {"domain": [0, 0.3], "range": [0, top], "anchor": "x2", "fixedrange": True,
                   "title": {"text": "Glutamate<br>(1 = no drug)"}},
        "shapes": [*picture["shapes"], *bands, baseline],
        "annotations": [*picture["annotations"], ZONES_NOTE],
        "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": 1.0,
                   "yanchor": "top"},
        # on a phone: the picture's labels smaller (ui/assets/live_chart.js)
        "meta": {"narrow": {"annotations": [*synapse.small_labels(picture["annotations"]),
                                            ZONES_NOTE],
                            "title": {"font": {"size": 12}}}},
        "legend2": {"x": 0.01, "xanchor": "left", "y": 0.01, "yanchor": "bottom",
                    "bgcolor": "rgba(255, 255, 255, 0.85)"},
    })
    fig = PlainFigure({"data": [*picture["data"], *curves, *here], "layout": inked(spec)})
    return fig, describe_screen(row)
