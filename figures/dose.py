"""Figures for "The dose": blood and brain levels and the acute effects over time.

Each figure function takes a :class:`~sim.cascade.Result` and returns ``(PlainFigure,
description)``: the figure as a plain dict and one plain sentence generated from the same
numbers the chart shows.
"""

from __future__ import annotations

import numpy as np

from figures.style import (
    PlainFigure,
    inked,
    layout,
    line,
    number,
    shaded,
    time_unit,
    when,
)
from figures.thinning import kept
from sim.acute import UNRESPONSIVE, consciousness_state
from sim.cascade import Result
from sim.pk import NG_PER_ML_PER_UM

DISSOCIATION_SHADE = "rgba(204, 121, 167, 0.15)"  # Okabe-Ito reddish purple, faint
UNRESPONSIVE_SHADE = "rgba(0, 114, 178, 0.12)"  # Okabe-Ito blue, faint


def dissociation_shapes(result: Result, hours_scale: float) -> list[dict]:
    """Shaded spans when dissociation is noticeable (> 0.2), and when the person is
    unresponsive (sedation 0.5 or more: anaesthetised)."""
    return (shaded(result, result["dissociation"] > 0.2, hours_scale, DISSOCIATION_SHADE,
                   "noticeable dissociation")
            + shaded(result, result["sedation"] >= UNRESPONSIVE, hours_scale,
                     UNRESPONSIVE_SHADE, "unresponsive (anaesthetised)", "bottom left"))


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


def panel_tops(result: Result) -> tuple[float, ...]:
    """The top of each panel's y axis that fits ``result``: the page gives the tops of its
    largest dose to every dose, so the axes stay put while the dose is dragged and a bigger
    dose draws a taller curve (every panel grows with the dose)."""
    return tuple(max(float(np.max(factor * result[column])) for column, _, factor in lines)
                 for _, _, lines, _ in DOSE_PANELS)


def dose_panels(result: Result, tops: tuple[float, ...] | None = None
                ) -> tuple[PlainFigure, str]:
    """Levels, dissociation and blood pressure on three panels sharing one time axis: one
    chart for the browser to redraw on each change instead of three. ``tops``: each panel's
    highest value to make room for (:func:`panel_tops`), instead of fitting the axes to
    this run."""
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
        axis = {"title": {"text": title, **({"font": {"size": 11}} if row > 1 else {})},
                "domain": [max(top - share, 0.0), top]}  # small panels: small titles
        if fixed:
            axis["range"] = fixed
        elif tops:
            axis["range"] = [0, 1.05 * max(tops[row - 1], 1e-9)]
        spec[name] = {**spec.get(name, {}), **axis, "anchor": "x"}
        top -= share + PANEL_GAP
    spec["xaxis"]["anchor"] = f"y{len(DOSE_PANELS)}"
    spec["height"] += 250  # beside the controls: the whole chart on one screen (issue 21)
    spec["margin"] = {**spec["margin"], "l": 76}  # room for the two-line titles
    spec["legend"] = {**spec["legend"], "y": -0.14}
    # on a phone (ui/assets/live_chart.js): taller, so the small panels' ticks stay apart
    spec["meta"] = {"narrow": {"height": spec["height"] + 260}}
    return PlainFigure({"data": data, "layout": inked(spec)}), describe_dose(result)
