"""The synapse picture: cells, NMDA receptors, glutamate, BDNF and spines drawn from the model.

Pure functions, no Streamlit. :func:`synapse_figure` draws the model's state at one time and
:func:`describe_synapse` says the same in words (the picture's text alternative).
:func:`animation` builds one figure whose frames step through a log-spaced grid of times
(:func:`time_grid`) in the browser, with play/pause buttons and a slider inside the figure, so
moving through time does not wait for the server; :meth:`Animation.at` shows it at one step
(:func:`synapse_animation` does both). The title of every frame carries the key numbers.
It never plays by itself and frames replace each other without tweening (reduced motion).

What is drawn (a schematic, not anatomy; sizes and places carry no meaning):

- an inhibitory interneuron (left, orange) ringed by :data:`RECEPTORS_PER_CELL` NMDA receptors,
  and its GABA "brake" on the pyramidal cell, drawn thinner as the interneuron fires less
  (``interneuron_activity_rel``);
- a pyramidal cell (right, sky blue) whose dendrite carries :data:`RECEPTORS_PER_CELL` NMDA
  receptors facing an axon terminal that releases glutamate into the cleft;
- a receptor is drawn open (a black ring) or blocked by ketamine (a filled vermillion square:
  a plug); ``round(block fraction x RECEPTORS_PER_CELL)`` of each cell's receptors are blocked,
  from ``nmda_block_interneuron`` and ``nmda_block_pyramidal``;
- glutamate dots in the cleft, BDNF diamonds around the spines and the spines on the dendrite:
  ``round(BASELINE_COUNT x level)`` of each, where the level is ``glutamate_rel``, ``bdnf_rel``
  and ``synapse_rel`` (1 = untreated, unstressed baseline), up to each pool's size.

Below the picture two small panels show the same outputs over time with a dotted cursor at the
time drawn. Colours are Okabe-Ito, and every element also differs in shape or line style, so
colour is never the only cue. Figures are plain dicts wrapped in
:class:`ui.figures_story.PlainFigure` (no per-property checks on every rerun); the tests check
each one with Plotly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ui.figures import OKABE_ITO, when
from ui.figures_story import (
    CURSOR_COLOUR,
    FIRST_MINUTE_H,
    HOURS_PER_DAY,
    HOURS_PER_WEEK,
    INK,
    PlainFigure,
    drawn,
    inked,
    typed,
)

BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, BLACK = OKABE_ITO

RECEPTORS_PER_CELL = 20  # one receptor drawn = 5 % of a cell's NMDA receptors
BASELINE_COUNT = 12  # glutamate dots, BDNF diamonds and spines drawn at baseline (level 1)
GLUTAMATE_POOL = 48  # at most 4 x baseline drawn
BDNF_POOL = 40  # at most 3.3 x baseline drawn
SPINE_POOL = 24  # at most 2 x an unstressed brain drawn
BRAKE_WIDTH_PX = 7.0  # the GABA brake's line width at baseline interneuron firing
FRAMES = 60  # points of the log-spaced time grid before rounding to readable times
PLAY_FRAME_MS = 700  # Play shows each time for 0.7 s; no tweening between times
START_H = 40 / 60  # the time a page opens at: the end of the standard 40-minute infusion

COLUMNS = ("nmda_block_interneuron", "nmda_block_pyramidal", "glutamate_rel", "bdnf_rel",
           "synapse_rel", "interneuron_activity_rel")

# --- geometry ---------------------------------------------------------------------------------
# Schematic units on a 160 x 90 grid; positions sent to the browser are whole numbers, which
# are quicker to write into every frame than decimals.
WIDTH, HEIGHT = 160, 90
INTERNEURON = (24, 54, 10)  # centre x, centre y, radius
RING = 13  # radius of the interneuron's receptor ring
DENDRITE = (46, 126, 26, 34)  # x0, x1, y0, y1 of the pyramidal cell's dendrite
SOMA = "M 124,30 L 152,13 L 152,47 Z"  # the pyramidal cell body, a triangle
TERMINAL = (52, 122, 51, 65)  # the axon terminal above the dendrite
CLEFT = (54, 120, 38, 48)  # where released glutamate is drawn
SPINE_X = (50, 122)
SPINE_BASE_Y, SPINE_HEADS_Y = DENDRITE[2], (20, 16)  # short and long spines alternate
BDNF_BOX = (49, 123, 3, 12)
BRAKE_X, BRAKE_Y = (33, 42, 50), (47, 40, 35)
GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0


def _ring() -> tuple[np.ndarray, np.ndarray]:
    angle = np.linspace(0.0, 2.0 * np.pi, RECEPTORS_PER_CELL, endpoint=False) + np.pi / 2
    x, y, _ = INTERNEURON
    return x + RING * np.cos(angle), y + RING * np.sin(angle)


def _rounded(values: np.ndarray) -> list[int]:
    return [round(float(v)) for v in values]


def _points(x: np.ndarray, y: np.ndarray, order: np.ndarray) -> tuple[list, list]:
    """Positions as lists in the order items appear (the first k are drawn for a count k)."""
    return _rounded(x[order]), _rounded(y[order])


_rng = np.random.default_rng(2)  # fixed positions: the same picture for the same numbers
_order = np.argsort((np.arange(RECEPTORS_PER_CELL) * GOLDEN) % 1.0, kind="stable")
INTERNEURON_RECEPTORS = _points(*_ring(), _order)
PYRAMIDAL_RECEPTORS = _points(np.linspace(CLEFT[0], CLEFT[1], RECEPTORS_PER_CELL),
                              np.full(RECEPTORS_PER_CELL, DENDRITE[3] + 1.5), _order)
GLUTAMATE_DOTS = (_rounded(_rng.uniform(CLEFT[0], CLEFT[1], GLUTAMATE_POOL)),
                  _rounded(_rng.uniform(CLEFT[2], CLEFT[3], GLUTAMATE_POOL)))
BDNF_DOTS = (_rounded(_rng.uniform(BDNF_BOX[0], BDNF_BOX[1], BDNF_POOL)),
             _rounded(_rng.uniform(BDNF_BOX[2], BDNF_BOX[3], BDNF_POOL)))
_spine_order = np.argsort((np.arange(SPINE_POOL) * GOLDEN) % 1.0, kind="stable")
SPINE_XS = _rounded(np.linspace(*SPINE_X, SPINE_POOL)[_spine_order])
SPINE_HEAD_YS = [SPINE_HEADS_Y[j % 2] for j in _spine_order]
# spine necks as one line with gaps: three entries per spine, so n spines are the first 3n
NECKS = ([v for x in SPINE_XS for v in (x, x, None)],
         [v for y in SPINE_HEAD_YS for v in (SPINE_BASE_Y, y, None)])


def _firsts(points: tuple[list, list], most: int, per_item: int = 1) -> list[tuple[list, list]]:
    """The positions of the first k items, for every k from 0 to ``most``, made once: frames
    share these lists (and never change them), so building 50 frames allocates little, which
    keeps Python's garbage collector out of the page's rerun."""
    x, y = points
    return [(x[:per_item * k], y[:per_item * k]) for k in range(most + 1)]


def _lasts(points: tuple[list, list], most: int) -> list[tuple[list, list]]:
    """The positions after the first k items, for every k (the receptors left open)."""
    x, y = points
    return [(x[k:], y[k:]) for k in range(most + 1)]


PLUGGED = {"interneuron": _firsts(INTERNEURON_RECEPTORS, RECEPTORS_PER_CELL),
           "pyramidal": _firsts(PYRAMIDAL_RECEPTORS, RECEPTORS_PER_CELL)}
OPEN = {"interneuron": _lasts(INTERNEURON_RECEPTORS, RECEPTORS_PER_CELL),
        "pyramidal": _lasts(PYRAMIDAL_RECEPTORS, RECEPTORS_PER_CELL)}
GLUTAMATE_DRAWN = _firsts(GLUTAMATE_DOTS, GLUTAMATE_POOL)
BDNF_DRAWN = _firsts(BDNF_DOTS, BDNF_POOL)
NECKS_DRAWN = _firsts(NECKS, SPINE_POOL, per_item=3)
HEADS_DRAWN = _firsts((SPINE_XS, SPINE_HEAD_YS), SPINE_POOL)


# --- the model's state at a time ----------------------------------------------------------------

@dataclass(frozen=True)
class SynapseState:
    """The outputs the picture draws, at one time (hours since the first dose)."""

    time_h: float
    block_interneuron: float  # fraction 0-1
    block_pyramidal: float  # fraction 0-1
    glutamate: float  # x untreated baseline
    bdnf: float  # x untreated baseline
    spines: float  # spine density, x an unstressed, untreated brain
    interneuron_activity: float  # x baseline firing


def states_at(result, times_h) -> list[SynapseState]:
    """The state at each time (h), interpolated between the computed points of ``result``
    (a :class:`~sim.cascade.Result` or any table with ``time_h`` and :data:`COLUMNS`)."""
    times = np.atleast_1d(np.asarray(times_h, dtype=float))
    t = result["time_h"]
    values = [np.interp(times, t, result[c]) for c in COLUMNS]
    return [SynapseState(float(h), *(float(v[k]) for v in values))
            for k, h in enumerate(times)]


def state_at(result, time_h: float) -> SynapseState:
    return states_at(result, [time_h])[0]


@dataclass(frozen=True)
class Counts:
    """How many of each thing the picture draws."""

    blocked_interneuron: int
    blocked_pyramidal: int
    glutamate: int
    bdnf: int
    spines: int


def counts(state: SynapseState) -> Counts:
    n = RECEPTORS_PER_CELL
    return Counts(
        blocked_interneuron=min(n, max(0, round(state.block_interneuron * n))),
        blocked_pyramidal=min(n, max(0, round(state.block_pyramidal * n))),
        glutamate=min(GLUTAMATE_POOL, max(0, round(BASELINE_COUNT * state.glutamate))),
        bdnf=min(BDNF_POOL, max(0, round(BASELINE_COUNT * state.bdnf))),
        spines=min(SPINE_POOL, max(0, round(BASELINE_COUNT * state.spines))))


# --- words -----------------------------------------------------------------------------------

def time_label(hours: float) -> str:
    """A short, readable time: '5 min', '2.5 h', '1 day', '3.5 days'."""
    minutes = hours * 60.0
    if minutes < 59.5:
        return f"{minutes:.0f} min"
    if hours < HOURS_PER_DAY - 0.05:
        return f"{hours:.3g} h"
    days = hours / HOURS_PER_DAY
    return f"{days:.3g} day" + ("" if abs(days - 1) < 1e-9 else "s")


def _ratio(value: float, what: str, of: str = "baseline") -> str:
    if abs(value - 1.0) < 0.005:
        return f"{what} is at {of}"
    return f"{what} is {value:.2f} times {of}"


def describe_state(state: SynapseState) -> str:
    """Two sentences: the model's numbers, then what the picture draws for them."""
    at = "At the first dose" if state.time_h <= 0 else f"At {when(state.time_h)}"
    inter, pyr = (f"{100 * f:.0f} %" for f in (state.block_interneuron, state.block_pyramidal))
    if inter == "0 %" and pyr == "0 %":
        blocked = "no NMDA receptors are blocked"
    else:
        blocked = (f"{inter} of interneuron receptors and {pyr} of pyramidal-cell receptors "
                   "are blocked")
    spines = ("spine density is that of an unstressed brain" if abs(state.spines - 1) < 0.005
              else f"spine density is {state.spines:.2f} times that of an unstressed brain")
    c = counts(state)
    n = RECEPTORS_PER_CELL
    return (f"{at}: {blocked}; {_ratio(state.glutamate, 'glutamate')}; "
            f"{_ratio(state.bdnf, 'BDNF')}; {spines}. "
            f"The picture shows {c.blocked_interneuron} of {n} interneuron receptors and "
            f"{c.blocked_pyramidal} of {n} pyramidal-cell receptors plugged (filled squares; "
            f"open ones are rings), {c.glutamate} glutamate dots, {c.bdnf} BDNF diamonds and "
            f"{c.spines} spines ({BASELINE_COUNT} of each at baseline).")


def describe_synapse(result, time_h: float) -> str:
    """The picture at ``time_h`` hours in words, for screen readers and the caption."""
    return describe_state(state_at(result, time_h))


def readout(state: SynapseState, heading: str = "Inside the synapse") -> str:
    """The figure's title at a time: the key numbers, as Plotly draws text (HTML)."""
    return (f"<b>{heading}</b><br><b>{time_label(state.time_h)} after the first dose</b>: "
            f"NMDA receptors blocked: interneuron {100 * state.block_interneuron:.0f} %, "
            f"pyramidal cell {100 * state.block_pyramidal:.0f} %<br>glutamate "
            f"{state.glutamate:.2f} ×, BDNF {state.bdnf:.2f} ×, spines {state.spines:.2f} × "
            "baseline")


# --- the time grid ---------------------------------------------------------------------------

def readable(hours: float) -> float:
    """A time rounded to what people say: whole minutes, 5 minutes, half hours, hours, half
    days, days."""
    minutes = hours * 60.0
    if minutes < 10:
        return max(1.0, round(minutes)) / 60.0
    if minutes < 60:
        return 5 * round(minutes / 5) / 60.0
    if hours < 6:
        return round(hours * 2) / 2
    if hours < HOURS_PER_DAY:
        return float(round(hours))
    if hours < HOURS_PER_WEEK:
        return round(hours / 12) * 12.0
    return round(hours / HOURS_PER_DAY) * HOURS_PER_DAY


def time_grid(hours: float, points: int = FRAMES) -> tuple[float, ...]:
    """Log-spaced times (h) from the first minute to ``hours``, rounded to readable values,
    without repeats (45-50 times for one to six weeks). Always holds :data:`START_H`."""
    raw = np.geomspace(FIRST_MINUTE_H, hours, points)
    grid = sorted({readable(h) for h in raw if readable(h) <= hours} | {float(hours)}
                  | ({START_H} if START_H <= hours else set()))
    labels = [time_label(h) for h in grid]
    return tuple(h for k, h in enumerate(grid) if k == 0 or labels[k] != labels[k - 1])


def nearest(grid, hours: float) -> int:
    """Index of the grid time closest to ``hours`` on a log scale."""
    return int(np.argmin(np.abs(np.log(np.asarray(grid)) - np.log(max(hours, 1e-9)))))


# --- traces ----------------------------------------------------------------------------------

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


def _layout(result, title: str) -> dict:
    hours = float(result["time_h"][-1])
    low, high = levels_range(result)
    return inked({
        "title": {"text": title, "x": 0.5, "xanchor": "center", "y": 0.985, "yanchor": "top",
                  "font": {"size": 14}},
        "height": 900, "margin": {"l": 60, "r": 20, "t": 95, "b": 150},
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
    })


def synapse_spec(result, time_h: float, heading: str = "Inside the synapse") -> dict:
    """The picture at one time as a plain figure dict (no frames)."""
    state = state_at(result, time_h)
    data = dynamic_traces(state, levels_range(result)) + static_traces(result)
    return {"data": data, "layout": _layout(result, readout(state, heading))}


def synapse_figure(result, time_h: float, heading: str = "Inside the synapse") -> PlainFigure:
    """The schematic drawn from the model's state at ``time_h`` hours, with the two small
    panels and their cursor at that time; the title gives the key numbers. ``result``: a
    Result or a table with ``time_h`` and :data:`COLUMNS`."""
    return PlainFigure(synapse_spec(result, time_h, heading))


# --- the animation ---------------------------------------------------------------------------

def _step_args(names: list) -> list:
    """Plotly.animate arguments: jump straight to a time (no tweening, no easing)."""
    return [names, {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
                    "transition": {"duration": 0}}]


@dataclass(frozen=True)
class Animation:
    """The picture with a frame per time: everything a page keeps between reruns.

    Built once per scenario (:func:`animation`); :meth:`at` shows it at one step without
    copying the frames."""

    layout: dict
    static: list[dict]  # the small panels' lines and the legend key: never move
    frames: list[dict]
    states: tuple[SynapseState, ...]
    levels_range: tuple[float, float]
    heading: str

    @property
    def labels(self) -> list[str]:
        return [frame["name"] for frame in self.frames]

    def at(self, step: int) -> PlainFigure:
        """The figure showing time ``step`` (and its slider there); Play goes on from it."""
        state = self.states[step]
        layout = {**self.layout, "title": {**self.layout["title"],
                                           "text": readout(state, self.heading)},
                  "sliders": [{**self.layout["sliders"][0], "active": step}]}
        data = dynamic_traces(state, self.levels_range) + self.static
        return PlainFigure({"data": data, "layout": layout, "frames": self.frames})


def animation(result, times_h, heading: str = "Inside the synapse") -> Animation:
    """One figure with a frame per time in ``times_h`` (h): the picture, the title's numbers
    and both cursors move; play/pause buttons and a slider run it in the browser. It never
    plays by itself, and frames change without tweening (transition duration 0)."""
    low_high = levels_range(result)
    states = tuple(states_at(result, times_h))
    labels = [time_label(s.time_h) for s in states]
    indices = list(range(len(DYNAMIC)))
    frames = [{"name": label, "data": frame_traces(s, low_high), "traces": indices,
               "layout": {"title": {"text": readout(s, heading)}}}
              for label, s in zip(labels, states, strict=True)]
    layout = _layout(result, readout(states[0], heading))
    layout["sliders"] = [{
        "active": 0, "x": 0.25, "len": 0.75, "y": 0, "yanchor": "top", "pad": {"t": 70},
        "currentvalue": {"prefix": "Time since the first dose: ",
                         "font": {"size": 14, "color": BLACK}},
        "font": {"color": "rgba(0, 0, 0, 0)"},  # 40-odd step labels would overlap
        "transition": {"duration": 0},
        "steps": [{"label": label, "method": "animate", "args": _step_args([label])}
                  for label in labels]}]
    layout["updatemenus"] = [{
        "type": "buttons", "direction": "left", "showactive": False, "x": 0, "y": 0,
        "xanchor": "left", "yanchor": "top", "pad": {"t": 80, "r": 10},
        "font": {"color": INK},
        "buttons": [
            {"label": "▶ Play", "method": "animate",
             "args": [None, {"mode": "immediate", "fromcurrent": True,
                             "frame": {"duration": PLAY_FRAME_MS, "redraw": True},
                             "transition": {"duration": 0}}]},
            {"label": "❚❚ Pause", "method": "animate", "args": _step_args([None])}]}]
    return Animation(layout, static_traces(result), frames, states, low_high, heading)


def synapse_animation(result, times_h, step: int = 0,
                      heading: str = "Inside the synapse") -> PlainFigure:
    """:func:`animation` shown at ``step``."""
    return animation(result, times_h, heading).at(step)


def grid_table(states) -> dict:
    """The picture's numbers at every time of the grid, for the 'show data' toggle."""
    return {
        "Time since the first dose": [time_label(s.time_h) for s in states],
        "Time since the first dose (h)": [s.time_h for s in states],
        "Interneuron NMDA receptors blocked (%)": [100 * s.block_interneuron for s in states],
        "Pyramidal-cell NMDA receptors blocked (%)": [100 * s.block_pyramidal for s in states],
        "Glutamate (× baseline)": [s.glutamate for s in states],
        "BDNF (× baseline)": [s.bdnf for s in states],
        "Spine density (× an unstressed brain)": [s.spines for s in states],
    }
