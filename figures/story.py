"""Figures for "The whole story": pure functions, no Streamlit.

Each figure function takes data in and returns ``(PlainFigure, description)``: the figure as a
plain dict (the tests check each with Plotly), and one plain sentence generated from the same
numbers the chart shows. Colours are Okabe-Ito and every trace also has its own line style, so
colour is never the only cue.

"The whole story" runs from minutes to weeks. One run at a step fine enough for the first
minutes would need far more than 2,000 points for weeks, so the story is drawn from two runs of
the same scenario: a fine one for the first :data:`FINE_HOURS` (every point of the first
:data:`DENSE_HOURS`, then every :data:`EARLY_STRIDE`-th) and the whole span at its own, coarser
step after that (:func:`stitch`). Every point drawn is a point the model computed; after a day
the coarse run agrees with the fine one to well under 1 % of each axis, so there is no visible
seam.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from plotly.subplots import make_subplots

from figures.style import (
    DASHES,
    FLAT,
    HOURS_PER_DAY,
    HOURS_PER_WEEK,
    OKABE_ITO,
    OUTSIDE_RANGE_LABEL,
    OUTSIDE_RANGE_SHADE,
    PlainFigure,
    after_first_dose,
    baseline_line,
    inked,
    layout,
    number,
    peak_time,
    typed,
)
from figures.thinning import COLUMNS, kept
from figures.words import OUTPUTS, Output
from sim.cascade import Result
from sim.population import PopulationParams, response_fraction

FINE_HOURS = 24.0  # runs at a coarser step agree with the 1-min run to < 1 % after a day
DENSE_HOURS = 3.0  # every computed point of the first hours (infusion, spray, dissociation)
EARLY_STRIDE = 5  # then every 5th point up to FINE_HOURS, so a trace stays <= 2,000 points

DIFFERENCE_OUTPUTS = ("synapse_rel", "bdnf_rel", "symptom_relief_index", "plasma_ng_per_ml",
                      "nmda_block_interneuron", "nmda_block_pyramidal", "glutamate_rel",
                      "dissociation")

# The story's panels, top to bottom: (title, y-axis title, columns drawn in it).
PANELS = (
    ("Ketamine in the blood", "ng/mL", ("plasma_ng_per_ml",)),
    ("NMDA receptors blocked: interneurons and pyramidal cells", "% blocked",
     ("nmda_block_interneuron", "nmda_block_pyramidal")),
    ("Glutamate released", "× baseline", ("glutamate_rel",)),
    ("BDNF (a growth signal)", "× baseline", ("bdnf_rel",)),
    ("Spine density (synapses)", "× unstressed", ("synapse_rel",)),
    ("Illustrative relief index (not a clinical measure)", "0-1", ("symptom_relief_index",)),
    ("Dissociation (feeling detached)", "0-1", ("dissociation",)),
)
STORY_COLUMNS = tuple(c for _, _, columns in PANELS for c in columns)
FIXED_RANGES = {"% blocked": [0, 100], "0-1": [0, 1.02]}

# Scenario A and B: colour + line style; the pyramidal-cell block gets a second pair.
STYLE = {("A", False): (0, "solid"), ("B", False): (1, "dash"),
         ("A", True): (5, "dot"), ("B", True): (4, "dashdot")}

LOG_TICKS_H = (1 / 60, 10 / 60, 1.0, 6.0, 24.0, 72.0, 168.0, 336.0, 672.0, 1008.0)
LOG_TICK_TEXT = ("1 min", "10 min", "1 h", "6 h", "1 day", "3 days", "1 week", "2 weeks",
                 "4 weeks", "6 weeks")
FIRST_MINUTE_H = 1 / 60

CURSOR_COLOUR = "#000000"  # Okabe-Ito black: the chosen time, dotted


# --- data ------------------------------------------------------------------------------------

def stitch(
    early: Result, whole: Result, columns=STORY_COLUMNS, dense_h: float = DENSE_HOURS,
    stride: int = EARLY_STRIDE,
) -> dict[str, np.ndarray]:
    """One table from a fine early run and a coarser run of the whole span, same scenario:
    every early point up to ``dense_h``, every ``stride``-th early point after that up to the
    early run's end, then the whole run's points after it."""
    t = early.time_h
    keep = (t <= dense_h + 1e-9) | (np.arange(len(t)) % stride == 0)
    keep[-1] = True
    later = whole.time_h > t[-1] + 1e-9
    return {c: np.concatenate((early[c][keep], whole[c][later])) for c in ("time_h", *columns)}


def value_at(table: dict, column: str, hours: float) -> float:
    """A column's value at a time (h), interpolated between computed points."""
    return float(np.interp(hours, table["time_h"], table[column]))


def responding_at(table: dict, hours: float, p: PopulationParams = PopulationParams()) -> float:
    """The drug's share (0-1): the virtual population responding because of the drug at a
    time (h), placebo left out (illustrative)."""
    return float(response_fraction(value_at(table, "symptom_relief_index", hours), p))


# --- the whole story -------------------------------------------------------------------------

def time_axis(hours: float, scale: str) -> tuple[dict, float, str]:
    """(axis settings, factor from hours, axis title) for a log (minutes to weeks) or an even
    (days) time axis."""
    if scale == "log":
        ticks = [(v, s) for v, s in zip(LOG_TICKS_H, LOG_TICK_TEXT, strict=True) if v <= hours
                 and not (s == "4 weeks" and hours > 5 * HOURS_PER_WEEK)]  # would touch 6
        axis = {"type": "log", "range": [np.log10(FIRST_MINUTE_H), np.log10(hours)],
                "tickvals": [v for v, _ in ticks], "ticktext": [s for _, s in ticks],
                "hoverformat": ".3g"}
        return axis, 1.0, "Time since the first dose (log scale; hover shows hours)"
    days = hours / HOURS_PER_DAY
    axis = {"type": "linear", "range": [0, days], "dtick": 7 if days > 14 else 1,
            "hoverformat": ".2f"}
    return axis, 1 / HOURS_PER_DAY, "Time since the first dose (days)"


def drawn(table: dict, scale: str, columns=STORY_COLUMNS, slices: int = COLUMNS) -> np.ndarray:
    """Indices of the points drawn of these columns: on a log axis time 0 cannot be shown, and
    a chart gets a few points per column of pixels, every peak kept (figures/thinning.py)."""
    t = table["time_h"]
    shown = np.flatnonzero(t > 0) if scale == "log" else np.arange(len(t))
    return shown[kept(t[shown], [table[c][shown] for c in columns], log=scale == "log",
                      columns=slices)]


def first_peak(t: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(highest value, first time within 0.5 % of it): a course's first session, not its
    last, whose peak is a hair higher."""
    top = float(np.max(y))
    return top, float(t[int(np.argmax(y >= top * 0.995))])


def describe_scenario(table: dict, name: str) -> str:
    """One clause: plasma peak, spine peak, and the illustrative relief at 1 and 7 days."""
    t = table["time_h"]
    if table["plasma_ng_per_ml"].max() <= 0:
        return f"in {name} there is no ketamine, so every level stays at its baseline"
    plasma, plasma_at = first_peak(t, table["plasma_ng_per_ml"])
    spines = table["synapse_rel"]
    if spines.max() - spines[0] < FLAT:
        spine_text = "spine density does not rise"
    else:
        i = int(np.argmax(spines))
        spine_text = (f"spine density is highest ({spines[i]:.2f} × an unstressed brain) "
                      f"{after_first_dose(peak_time(t, spines, i))}")
    relief = [value_at(table, "symptom_relief_index", h) for h in (HOURS_PER_DAY,
                                                                    HOURS_PER_WEEK)]
    return (f"in {name} plasma peaks at {number(plasma)} ng/mL {after_first_dose(plasma_at)}, "
            f"{spine_text}, and the illustrative relief index is {relief[0]:.2f} at 1 day "
            f"and {relief[1]:.2f} at 7 days")


def describe_story(a: dict, name_a: str, b: dict | None = None, name_b: str = "") -> str:
    """One sentence for scenario A (and B): names are shown as 'A (name)'."""
    text = describe_scenario(a, f"A ({name_a})")
    if b is not None:
        text += "; " + describe_scenario(b, f"B ({name_b})")
    return text[0].upper() + text[1:] + "."


@lru_cache(maxsize=1)
def _story_skeleton() -> dict:
    """The panels' axes and titles (the same for every story figure), built once as a dict."""
    skeleton = make_subplots(rows=len(PANELS), cols=1, shared_xaxes=True,
                             vertical_spacing=0.045,
                             subplot_titles=[title for title, _, _ in PANELS])
    skeleton.update_annotations(font={"size": 13})
    return skeleton.layout.to_plotly_json()


def panel_axes(row: int) -> tuple[str, str]:
    """The x and y axes of panel ``row`` (1 = top) as traces name them: ("x", "y"), ("x2",
    "y2"), ..."""
    suffix = "" if row == 1 else str(row)
    return f"x{suffix}", f"y{suffix}"


def scenario_traces(table: dict, label: str, name: str, scale: str = "log") -> list[list[dict]]:
    """One scenario's lines for the story, panel by panel (top first), as plain trace dicts.

    Depends only on this scenario, so a page can keep them while the other scenario changes.
    """
    keep = drawn(table, scale)
    _, factor, _ = time_axis(float(table["time_h"][-1]), scale)
    x = typed(table["time_h"][keep] * factor)
    panels = []
    for row, (_, _, columns) in enumerate(PANELS, start=1):
        xaxis, yaxis = panel_axes(row)
        traces = []
        for column in columns:
            pyramidal = column == "nmda_block_pyramidal"
            colour, dash = STYLE[(label, pyramidal)]
            o = OUTPUTS[column]
            traces.append({
                "type": "scatter", "mode": "lines", "x": x,
                "y": typed(o.scale * table[column][keep]),
                "name": f"{label} ({name})" if not pyramidal else f"{label}: pyramidal-cell block",
                "legendgroup": f"{label}{pyramidal}", "showlegend": row == 1 or pyramidal,
                "line": {"color": OKABE_ITO[colour], "dash": dash, "width": 2.2},
                "hovertemplate": f"{label} {o.name}: %{{y:.3g}} {o.unit}<extra></extra>",
                "xaxis": xaxis, "yaxis": yaxis})
        panels.append(traces)
    return panels


def cursor_line(hours: float, scale: str) -> dict:
    """A dotted vertical line through every panel at a time (h): the page's chosen time."""
    x = max(hours, FIRST_MINUTE_H) if scale == "log" else hours / HOURS_PER_DAY
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": {"color": CURSOR_COLOUR, "width": 1.5, "dash": "dot"}}


def story_layout(hours: float, scale: str, both: bool) -> dict:
    """The story's layout: shared time axis (log or days), unit on each panel, fixed ranges."""
    axis, _, x_title = time_axis(hours, scale)
    skeleton = _story_skeleton()
    layout = dict(skeleton)
    for row, (_, y_title, _) in enumerate(PANELS, start=1):
        suffix = "" if row == 1 else str(row)
        xaxis, yaxis = f"xaxis{suffix}", f"yaxis{suffix}"
        y = {**skeleton.get(yaxis, {}), "title": {"text": y_title, "font": {"size": 12}}}
        if y_title in FIXED_RANGES:
            y["range"] = FIXED_RANGES[y_title]
        layout[yaxis] = y
        layout[xaxis] = {**skeleton.get(xaxis, {}), **axis, "showticklabels": True,
                         "tickangle": 0, "tickfont": {"size": 10}}
    layout[f"xaxis{len(PANELS)}"]["title"] = {"text": x_title}
    # On a phone: every other time tick ("1 day3 days1 week" ran together), smaller panel
    # titles, a shorter title.
    narrow = {"title": {"text": "A and B, minutes to weeks" if both else "Minutes to weeks",
                        "font": {"size": 13}},
              "annotations": [{**a, "font": {**a.get("font", {}), "size": 10}}
                              for a in layout.get("annotations", [])]}
    if scale == "log":
        ticks = {"tickvals": axis["tickvals"][::2], "ticktext": axis["ticktext"][::2]}
        narrow |= {f"xaxis{'' if row == 1 else row}": ticks for row in range(1, len(PANELS) + 1)}
    layout["meta"] = {"narrow": narrow}
    title = ("Scenario A and B from minutes to weeks" if both
             else "One scenario from minutes to weeks")
    layout.update(
        title={"text": title + ": each panel is one step of the chain", "y": 0.995,
               "yanchor": "top"},
        height=1250, margin={"l": 70, "r": 20, "t": 110, "b": 60}, hovermode="x unified",
        legend={"orientation": "h", "x": 0, "y": 1.025, "yanchor": "bottom"})
    return inked(layout)


def outside_range_span(side: str, from_h: float, hours: float, scale: str) -> dict:
    """A grey span through every panel from ``from_h`` to the end: from there scenario
    ``side``'s glutamate, growth and relief are outside what the model was built for."""
    def x(h: float) -> float:
        return max(h, FIRST_MINUTE_H) if scale == "log" else h / HOURS_PER_DAY

    return {"type": "rect", "xref": "x", "yref": "paper", "y0": 0, "y1": 1, "layer": "below",
            "x0": x(from_h), "x1": x(hours), "fillcolor": OUTSIDE_RANGE_SHADE,
            "line": {"width": 0},
            "label": {"text": f"{side}: {OUTSIDE_RANGE_LABEL}", "textposition": "top right",
                      "font": {"size": 11}}}


def story_spec(
    panels_a: list[list[dict]], panels_b: list[list[dict]] | None, hours: float,
    scale: str = "log", cursor_h: float | None = None,
    outside: tuple[tuple[str, float], ...] = (),
) -> PlainFigure:
    """The story figure from each scenario's panel traces (:func:`scenario_traces`), with a
    grey span for each (side, hour) in ``outside`` where a scenario leaves the model's range."""
    data = []
    for row, traces in enumerate(panels_a):
        data += traces + (panels_b[row] if panels_b is not None else [])
    layout = story_layout(hours, scale, panels_b is not None)
    shapes = [outside_range_span(side, from_h, hours, scale) for side, from_h in outside]
    if cursor_h is not None:
        # unlabelled: a label at its top ran into the first panel's title on a phone; the
        # picture's title and the caption under the chart say which time it marks
        shapes.append(cursor_line(cursor_h, scale))
    if shapes:
        layout["shapes"] = inked({"shapes": shapes})["shapes"]
    return PlainFigure({"data": data, "layout": layout})


def story_figure(
    a: dict, name_a: str, b: dict | None = None, name_b: str = "", scale: str = "log",
    cursor_h: float | None = None,
) -> tuple[PlainFigure, str]:
    """The chain from dose to relief on linked panels sharing one time axis (and a dotted
    cursor at ``cursor_h`` hours when given)."""
    panels_b = scenario_traces(b, "B", name_b, scale) if b is not None else None
    fig = story_spec(scenario_traces(a, "A", name_a, scale), panels_b,
                     float(a["time_h"][-1]), scale, cursor_h)
    return fig, describe_story(a, name_a, b, name_b)


def signed(value: float, o: Output) -> str:
    """A difference with its sign: '+0.23', '−12', '0'."""
    if abs(value) < 5e-4:
        return "0"
    return ("+" if value > 0 else "−") + o.format(abs(value))


def describe_difference(a: dict, b: dict, column: str) -> str:
    """Where B is furthest from A, which way, and how far apart they end."""
    o = OUTPUTS[column]
    t = a["time_h"]
    diff = o.scale * (b[column] - a[column])
    if np.max(np.abs(diff)) < 1e-6 * max(1.0, float(np.max(np.abs(o.scale * a[column])))):
        return f"A and B give the same {o.in_words} at every time shown."
    k = int(np.argmax(np.abs(diff)))
    side = "higher" if diff[k] > 0 else "lower"
    return (f"B − A for {o.in_words} is largest {after_first_dose(t[k])}: "
            f"{signed(diff[k], o)} ({o.unit}), so B is {side} there; at the end of the view it "
            f"is {signed(diff[-1], o)}.")


def difference_figure(
    a: dict, b: dict, column: str, scale: str = "log", cursor_h: float | None = None,
) -> tuple[PlainFigure, str]:
    """B minus A for one output over the same time axis, with zero marked (and a dotted
    cursor at ``cursor_h`` hours when given)."""
    o = OUTPUTS[column]
    hours = float(a["time_h"][-1])
    axis, factor, x_title = time_axis(hours, scale)
    diff = o.scale * (b[column] - a[column])
    keep = drawn({"time_h": a["time_h"], "diff": diff}, scale, ["diff"])
    trace = {"type": "scatter", "x": typed(a["time_h"][keep] * factor), "y": typed(diff[keep]),
             "name": "B − A", "mode": "lines", "fill": "tozeroy",
             "fillcolor": "rgba(204, 121, 167, 0.18)",
             "line": {"color": OKABE_ITO[3], "dash": DASHES[0], "width": 2.5}}
    shapes = [baseline_line(0.0, "no difference")]
    if cursor_h is not None:
        shapes.append(cursor_line(cursor_h, scale))
    y_title = f"B − A ({o.unit})"
    spec_layout = layout(
        f"Difference B − A: {o.in_words} (above zero: B is higher)", x_title, y_title,
        shapes=shapes, showlegend=True, height=360)
    spec_layout["xaxis"] = {**axis, "title": {"text": x_title}, "tickangle": 0}
    return (PlainFigure({"data": [trace], "layout": inked(spec_layout)}),
            describe_difference(a, b, column))
