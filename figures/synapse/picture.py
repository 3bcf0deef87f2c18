"""The synapse picture at one time: the cells, their receptors, glutamate, BDNF and spines,
and two small panels of the same outputs over time with a dotted cursor at the time drawn."""

from __future__ import annotations

import numpy as np

from figures.story import CURSOR_COLOUR, FIRST_MINUTE_H, drawn
from figures.style import HOURS_PER_DAY, HOURS_PER_WEEK, OKABE_ITO, PlainFigure, inked, typed
from figures.synapse.describe import readout
from figures.synapse.geometry import (
    BDNF_BOX,
    BDNF_DRAWN,
    BRAKE_X,
    BRAKE_Y,
    CLEFT,
    DENDRITE,
    GLUTAMATE_DRAWN,
    HEADS_DRAWN,
    HEIGHT,
    INTERNEURON,
    NECKS_DRAWN,
    OPEN,
    PLUGGED,
    RING,
    SOMA,
    SPINE_X,
    TERMINAL,
    WIDTH,
)
from figures.synapse.state import Counts, SynapseState, counts, state_at

BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, BLACK = OKABE_ITO

BRAKE_WIDTH_PX = 7.0  # the GABA brake's line width at baseline interneuron firing

DYNAMIC = ("interneuron_open", "interneuron_blocked", "pyramidal_open", "pyramidal_blocked",
           "glutamate", "bdnf", "spine_necks", "spine_heads", "brake", "cursor_block",
           "cursor_levels")
OPEN_MARKER = {"symbol": "circle-open", "size": 10, "color": BLACK, "line": {"width": 2.5}}
BLOCKED_MARKER = {"symbol": "square", "size": 10, "color": VERMILLION,
           "line": {"width": 1, "color": BLACK}}


def _marker_trace(role: str, name: str, xy: tuple[list, list], marker: dict, legend: bool,
                  hover: str) -> dict:
    return {"type": "scatter", "mode": "markers", "x": xy[0], "y": xy[1], "name": name,
            "meta": role, "legendgroup": name, "showlegend": legend, "marker": marker,
            "hovertemplate": f"{hover}<extra></extra>", "xaxis": "x", "yaxis": "y"}


def drawn_positions(c: Counts) -> list[tuple[list, list]]:
    """(x, y) of every marker trace of :data:`DYNAMIC`, up to the spine heads, for counts c."""
    return [OPEN["interneuron"][c.blocked_interneuron],
            PLUGGED["interneuron"][c.blocked_interneuron],
            OPEN["pyramidal"][c.blocked_pyramidal], PLUGGED["pyramidal"][c.blocked_pyramidal],
            GLUTAMATE_DRAWN[c.glutamate], BDNF_DRAWN[c.bdnf], NECKS_DRAWN[c.spines],
            HEADS_DRAWN[c.spines]]


def _cursors(hours: float, levels_range: tuple[float, float]) -> tuple[dict, dict]:
    x = round(max(hours, FIRST_MINUTE_H), 6)  # a log axis cannot show time 0
    return ({"x": [x, x], "y": [0, 100]}, {"x": [x, x], "y": list(levels_range)})


def brake_width(state: SynapseState) -> float:
    """The GABA brake's line width (px): thinner as the interneuron fires less."""
    return round(BRAKE_WIDTH_PX * state.interneuron_activity, 2)


def dynamic_traces(state: SynapseState, levels_range: tuple[float, float]) -> list[dict]:
    """Everything that changes with time, in :data:`DYNAMIC` order, as full trace dicts."""
    i_open, i_blocked, p_open, p_blocked, glutamate, bdnf, necks, heads = drawn_positions(
        counts(state))
    block_cursor, level_cursor = _cursors(state.time_h, levels_range)
    open_name, blocked_name = OPEN_NAME, BLOCKED_NAME
    return [
        _marker_trace("interneuron_open", open_name, i_open, OPEN_MARKER, False,
                      "Interneuron NMDA receptor: open"),
        _marker_trace("interneuron_blocked", blocked_name, i_blocked, BLOCKED_MARKER, False,
                      "Interneuron NMDA receptor: blocked by ketamine"),
        _marker_trace("pyramidal_open", open_name, p_open, OPEN_MARKER, False,
                      "Pyramidal-cell NMDA receptor: open"),
        _marker_trace("pyramidal_blocked", blocked_name, p_blocked, BLOCKED_MARKER, False,
                      "Pyramidal-cell NMDA receptor: blocked by ketamine"),
        _marker_trace("glutamate", "Glutamate (dots)", glutamate,
                      {"symbol": "circle", "size": 7, "color": BLUE}, True,
                      "Glutamate released into the cleft"),
        _marker_trace("bdnf", "BDNF (diamonds)", bdnf,
                      {"symbol": "diamond", "size": 9, "color": PURPLE,
                       "line": {"width": 1, "color": BLACK}}, True,
                      "BDNF, a growth signal"),
        {"type": "scatter", "mode": "lines", "x": necks[0], "y": necks[1], "meta": "spine_necks",
         "name": "Spine necks", "showlegend": False, "hoverinfo": "skip",
         "line": {"color": GREEN, "width": 3}, "xaxis": "x", "yaxis": "y"},
        _marker_trace("spine_heads", "Dendritic spine", heads,
                      {"symbol": "circle", "size": 12, "color": GREEN,
                       "line": {"width": 1.5, "color": BLACK}}, True,
                      "Dendritic spine (a synapse's receiving side)"),
        {"type": "scatter", "mode": "lines+markers", "x": list(BRAKE_X), "y": list(BRAKE_Y),
         "meta": "brake", "name": "GABA brake", "showlegend": False,
         "line": {"color": ORANGE, "width": brake_width(state)},
         "marker": {"symbol": "line-ew", "size": [0, 0, 18], "line": {"width": 3,
                                                                     "color": ORANGE}},
         "hovertemplate": "GABA brake from the interneuron (thinner: weaker)<extra></extra>",
         "xaxis": "x", "yaxis": "y"},
        {"type": "scatter", "mode": "lines", **block_cursor, "meta": "cursor_block",
         "name": "Time drawn above", "showlegend": False, "hoverinfo": "skip",
         "line": {"color": CURSOR_COLOUR, "width": 1.5, "dash": "dot"}, "xaxis": "x2",
         "yaxis": "y2"},
        {"type": "scatter", "mode": "lines", **level_cursor, "meta": "cursor_levels",
         "name": "Time drawn above", "showlegend": False, "hoverinfo": "skip",
         "line": {"color": CURSOR_COLOUR, "width": 1.5, "dash": "dot"}, "xaxis": "x3",
         "yaxis": "y3"},
    ]


def frame_traces(state: SynapseState, levels_range: tuple[float, float]) -> list[dict]:
    """What :func:`dynamic_traces` changes, in the same order (for animation frames)."""
    block_cursor, level_cursor = _cursors(state.time_h, levels_range)
    return ([{"x": x, "y": y} for x, y in drawn_positions(counts(state))]
            + [{"line": {"width": brake_width(state)}},
               block_cursor, level_cursor])


PANEL_COLUMNS = 120  # the small panels are under half the picture's width: points they draw
CURVES = (  # the small panels: column, name, colour, dash, panel axes, scale, unit
    ("nmda_block_interneuron", "Interneurons", ORANGE, "solid", 2, 100.0, "% blocked"),
    ("nmda_block_pyramidal", "Pyramidal cells", SKY, "dash", 2, 100.0, "% blocked"),
    ("glutamate_rel", "Glutamate", BLUE, "solid", 3, 1.0, "× baseline"),
    ("bdnf_rel", "BDNF", PURPLE, "dash", 3, 1.0, "× baseline"),
    ("synapse_rel", "Spine density", GREEN, "dot", 3, 1.0, "× baseline"),
)


def levels_range(result) -> tuple[float, float]:
    """A fixed y range for the '× baseline' panel (so it does not jump while playing)."""
    values = np.concatenate([result[c] for c in ("glutamate_rel", "bdnf_rel", "synapse_rel")])
    low, high = min(1.0, float(values.min())), max(1.0, float(values.max()))
    pad = 0.08 * max(high - low, 0.2)
    return round(low - pad, 3), round(high + pad, 3)


OPEN_NAME, BLOCKED_NAME = "NMDA receptor, open (ring)", "NMDA receptor, blocked (plugged)"
FAR_AWAY = -10_000  # off the picture: a point there shows in the legend only


def key_traces() -> list[dict]:
    """The legend's receptor entries, always present: the receptor traces themselves can be
    empty (nothing blocked before the dose), and Plotly drops empty traces from the legend."""
    return [{"type": "scatter", "mode": "markers", "x": [FAR_AWAY], "y": [FAR_AWAY],
             "name": name, "meta": f"key_{role}", "legendgroup": name, "legendrank": rank,
             "marker": marker, "hoverinfo": "skip", "xaxis": "x", "yaxis": "y"}
            for rank, (role, name, marker) in enumerate(
                (("open", OPEN_NAME, OPEN_MARKER), ("blocked", BLOCKED_NAME, BLOCKED_MARKER)),
                start=1)]


def static_traces(result) -> list[dict]:
    """The two small panels' lines, and the legend's receptor key (nothing here moves)."""
    keep = drawn(result, "log", [c for c, *_ in CURVES], PANEL_COLUMNS)
    x = typed(result["time_h"][keep])
    return [{"type": "scatter", "mode": "lines", "x": x, "y": typed(scale * result[c][keep]),
             "name": name, "legend": f"legend{panel}", "meta": c,
             "line": {"color": colour, "dash": dash, "width": 2},
             "hovertemplate": f"{name}: %{{y:.3g}} {unit}<extra></extra>",
             "xaxis": f"x{panel}", "yaxis": f"y{panel}"}
            for c, name, colour, dash, panel, scale, unit in CURVES] + key_traces()


def _log_time_axis(hours: float, domain: list[float]) -> dict:
    ticks = [(v, s) for v, s in ((FIRST_MINUTE_H, "1 min"), (1.0, "1 h"), (HOURS_PER_DAY,
             "1 day"), (HOURS_PER_WEEK, "1 week")) if v <= hours]
    return {"type": "log", "domain": domain, "range": [np.log10(FIRST_MINUTE_H),
                                                       np.log10(hours)],
            "tickvals": [v for v, _ in ticks], "ticktext": [s for _, s in ticks],
            "title": {"text": "Time since the first dose (log scale)", "font": {"size": 12}},
            "tickfont": {"size": 10}}


def static_shapes() -> list[dict]:
    """The cells, drawn once: they do not change with time."""
    ix, iy, r = INTERNEURON
    x0, x1, y0, y1 = DENDRITE
    tx0, tx1, ty0, ty1 = TERMINAL
    pyramidal = {"fillcolor": "rgba(86, 180, 233, 0.35)", "line": {"color": "#1F5F8B",
                                                                    "width": 2}}
    return [
        {"type": "circle", "x0": ix - r, "x1": ix + r, "y0": iy - r, "y1": iy + r,
         "fillcolor": "rgba(230, 159, 0, 0.35)", "line": {"color": "#8A5A00", "width": 2}},
        {"type": "rect", "x0": x0, "x1": x1, "y0": y0, "y1": y1, **pyramidal},
        {"type": "path", "path": SOMA, **pyramidal},
        {"type": "line", "x0": 152, "x1": 159, "y0": 30, "y1": 30,
         "line": {"color": "#1F5F8B", "width": 3}},
        {"type": "path", "path": (f"M {tx0 + 4},{ty0} L {tx1 - 4},{ty0} Q {tx1},{ty0} "
                                  f"{tx1},{ty0 + 4} L {tx1},{ty1} L {tx0},{ty1} "
                                  f"L {tx0},{ty0 + 4} Q {tx0},{ty0} {tx0 + 4},{ty0} Z"),
         "fillcolor": "rgba(0, 114, 178, 0.12)", "line": {"color": BLUE, "width": 2}},
        {"type": "line", "x0": (tx0 + tx1) / 2, "x1": (tx0 + tx1) / 2, "y0": ty1,
         "y1": HEIGHT - 3, "line": {"color": BLUE, "width": 3}},
    ]


def _label(x: float, y: float, text: str, anchor: str = "center") -> dict:
    return {"x": x, "y": y, "xref": "x", "yref": "y", "text": text, "showarrow": False,
            "xanchor": anchor, "font": {"size": 12, "color": BLACK}}


def static_annotations() -> list[dict]:
    ix, iy, _ = INTERNEURON
    return [
        _label(ix, iy + RING + 4.5, "<b>Inhibitory interneuron</b>"),
        _label(ix - 3, 34.5, "GABA brake<br>(thinner = weaker)"),
        _label(140, 8.5, "<b>Pyramidal cell</b>"),
        _label(TERMINAL[1] + 2, 61, "Axon terminal:<br>releases glutamate", "left"),
        _label(CLEFT[1] + 2, 42, "cleft", "left"),
        _label(SPINE_X[0] - 2.5, 18, "spines", "right"),
        _label(BDNF_BOX[0] - 2.5, 7.5, "BDNF", "right"),
        {"x": 0.22, "y": 0.38, "xref": "paper", "yref": "paper", "showarrow": False,
         "text": "<b>NMDA receptors blocked</b>", "xanchor": "center", "yanchor": "bottom",
         "font": {"size": 13}},
        {"x": 0.78, "y": 0.38, "xref": "paper", "yref": "paper", "showarrow": False,
         "text": "<b>Glutamate, BDNF and spines</b>", "xanchor": "center",
         "yanchor": "bottom", "font": {"size": 13}},
    ]


def picture_layout(result, title: str) -> dict:
    hours = float(result["time_h"][-1])
    low, high = levels_range(result)
    return inked({
        "title": {"text": title, "x": 0.5, "xanchor": "center", "y": 0.985, "yanchor": "top",
                  "font": {"size": 14}},
        "height": 920, "margin": {"l": 60, "r": 20, "t": 115, "b": 150},
        "hovermode": "closest", "dragmode": False,
        "xaxis": {"domain": [0, 1], "range": [0, WIDTH], "visible": False, "fixedrange": True},
        "yaxis": {"domain": [0.5, 1], "range": [0, HEIGHT], "visible": False,
                  "fixedrange": True, "scaleanchor": "x", "scaleratio": 1},
        "xaxis2": {**_log_time_axis(hours, [0, 0.44]), "anchor": "y2"},
        "yaxis2": {"domain": [0.0, 0.32], "range": [0, 100], "anchor": "x2",
                   "title": {"text": "% blocked", "font": {"size": 12}}},
        "xaxis3": {**_log_time_axis(hours, [0.56, 1]), "anchor": "y3"},
        "yaxis3": {"domain": [0.0, 0.32], "range": [low, high], "anchor": "x3",
                   "title": {"text": "× baseline", "font": {"size": 12}}},
        "shapes": static_shapes(),
        "annotations": static_annotations(),
        "legend": {"orientation": "h", "x": 0, "y": 0.49, "yanchor": "top",
                   "font": {"size": 12}},
        # each small panel has its own key, above it, so the keys never run into each other
        "legend2": {"orientation": "h", "x": 0, "y": 0.375, "yanchor": "top",
                    "font": {"size": 12}},
        "legend3": {"orientation": "h", "x": 0.56, "y": 0.375, "yanchor": "top",
                    "font": {"size": 12}},
        "meta": {"narrow": {**NARROW, "annotations": narrow_annotations()}},
    })


# On a phone (ui/assets/live_chart.js applies layout.meta.narrow under 600 px): the two small
# panels one above the other, each with its key above it, under the picture and its key.
NARROW = {
    "height": 1000, "title": {"font": {"size": 10}}, "margin": {"t": 80},
    "yaxis": {"domain": [0.74, 1]},
    "legend": {"y": 0.73, "font": {"size": 11}},
    "xaxis2": {"domain": [0, 1]}, "yaxis2": {"domain": [0.33, 0.47]},
    "legend2": {"x": 0, "y": 0.53, "font": {"size": 11}},
    "xaxis3": {"domain": [0, 1]}, "yaxis3": {"domain": [0, 0.16]},
    "legend3": {"x": 0, "y": 0.215, "font": {"size": 11}},
}
NARROW_PANEL_TITLES = ((0.535, "<b>NMDA receptors blocked</b>"),
                       (0.225, "<b>Glutamate, BDNF and spines</b>"))


def small_labels(labels) -> list[dict]:
    """The picture's labels at 9 px: at a phone's width they ran into each other."""
    return [{**a, "font": {**a.get("font", {}), "size": 9}} for a in labels]


def narrow_annotations() -> list[dict]:
    """The picture's labels, smaller, and the small panels' titles above their keys."""
    labels = small_labels(a for a in static_annotations() if a.get("xref") == "x")
    return labels + [{"x": 0, "y": y, "xref": "paper", "yref": "paper", "showarrow": False,
                      "text": text, "xanchor": "left", "yanchor": "bottom",
                      "font": {"size": 12}} for y, text in NARROW_PANEL_TITLES]


def synapse_spec(result, time_h: float, heading: str = "Inside the synapse") -> dict:
    """The picture at one time as a plain figure dict (no frames)."""
    state = state_at(result, time_h)
    data = dynamic_traces(state, levels_range(result)) + static_traces(result)
    return {"data": data, "layout": picture_layout(result, readout(state, heading))}


def synapse_figure(result, time_h: float, heading: str = "Inside the synapse") -> PlainFigure:
    """The schematic drawn from the model's state at ``time_h`` hours, with the two small
    panels and their cursor at that time; the title gives the key numbers. ``result``: a
    Result or a table with ``time_h`` and :data:`COLUMNS`."""
    return PlainFigure(synapse_spec(result, time_h, heading))


def picture_alone(state: SynapseState, x_domain: tuple[float, float] = (0.0, 1.0),
                  y_domain: tuple[float, float] = (0.0, 1.0)) -> dict:
    """The schematic only, without the small panels over time, for a state that is not a
    time (the Glutamate surge page's steady brain level): its traces, shapes and
    annotations on axes x/y, and those axes placed at the domains given."""
    traces = [t for t in dynamic_traces(state, (0.0, 1.0)) if t.get("xaxis") == "x"
              and not t["meta"].startswith("cursor")]
    return {
        "data": traces + key_traces(),
        "shapes": static_shapes(),
        "annotations": [a for a in static_annotations() if a.get("xref") == "x"],
        "xaxis": {"domain": list(x_domain), "range": [0, WIDTH], "visible": False,
                  "fixedrange": True},
        "yaxis": {"domain": list(y_domain), "range": [0, HEIGHT], "visible": False,
                  "fixedrange": True, "scaleanchor": "x", "scaleratio": 1},
    }
