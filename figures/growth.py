"""Figures for "BDNF & synaptic growth": BDNF, synaptic proteins and spine density over time,
and one output under each of the three hypotheses.

Each figure function takes data in and returns ``(PlainFigure, description)``: the figure as a
plain dict (the tests check each with Plotly), and one plain sentence generated from the same
numbers the chart shows.
"""

from __future__ import annotations

import numpy as np

from figures.style import (
    FLAT,
    PlainFigure,
    baseline_line,
    layout,
    line,
    outside_range_shapes,
    peak_time,
    time_unit,
    when,
)
from figures.thinning import kept
from figures.words import HYPOTHESIS_NAMES, HYPOTHESIS_WORDS, OUTPUTS, percent
from sim.cascade import Result

GROWTH_TRACES = ("bdnf_rel", "synaptic_protein_rel", "synapse_rel")
GROWTH_NAMES = {"bdnf_rel": "BDNF", "synaptic_protein_rel": "Synaptic proteins",
                "synapse_rel": "Spine density"}
PLURAL = {"synaptic_protein_rel"}


def result_table(result: Result) -> dict:
    return {c: result[c] for c in result.columns}


def rise(t: np.ndarray, y: np.ndarray) -> tuple[float, float, int] | None:
    """(start value, peak value, peak index) when y rises above its start, else None."""
    i = int(np.argmax(y))
    if y[i] - y[0] < FLAT:
        return None
    return float(y[0]), float(y[i]), i


def describe_growth(result: Result) -> str:
    """'BDNF peaks 13 % above baseline after 1.2 hours, synaptic proteins ... and spine density
    ... after 1.2 days, and is halfway back 6.4 days later.'"""
    t = result.time_h
    parts = []
    for column in GROWTH_TRACES:
        y = result[column]
        found = rise(t, y)
        name = OUTPUTS[column].name if not parts else OUTPUTS[column].in_words
        plural = column in PLURAL
        if found is None:
            parts.append(f"{name} {'stay' if plural else 'stays'} at "
                         f"{'their' if plural else 'its'} starting level")
            continue
        start, peak, i = found
        where = "above baseline" if column != "synapse_rel" else "above its starting level"
        phrase = (f"{name} {'peak' if plural else 'peaks'} {percent(peak / start - 1)} {where} "
                  f"after {when(peak_time(t, y, i))}")
        if column == "synapse_rel":
            back = np.flatnonzero(y[i:] - start <= (peak - start) / 2)
            phrase += (f" and is halfway back {when(t[i + back[0]] - t[i])} later" if back.size
                       else f" and is still more than halfway up at the end ({when(t[-1])})")
        parts.append(phrase)
    if all(p.endswith("starting level") for p in parts):
        return "BDNF, synaptic proteins and spine density all stay at their starting levels."
    return f"{parts[0]}, {parts[1]}, and {parts[2]}."


def growth_figure(result: Result, title: str) -> tuple[PlainFigure, str]:
    """BDNF, synaptic proteins and spine density over time, relative to baseline."""
    unit, scale = time_unit(float(result.time_h[-1]))
    keep = kept(result.time_h, [result[c] for c in GROWTH_TRACES])
    t = result.time_h[keep] * scale
    traces = [line(t, result[c][keep], GROWTH_NAMES[c], i, "f4")  # half the bytes of f8
              for i, c in enumerate(GROWTH_TRACES)]
    shapes = [baseline_line(1.0, "baseline = 1")]
    start = float(result["synapse_rel"][0])
    if start < 1 - FLAT:
        shapes.append(baseline_line(start, "spines before treatment (lowered by stress)",
                                    "start"))
    shapes += outside_range_shapes(result, scale)
    y_title = "Relative to baseline<br>(1 = untreated, unstressed)"  # too long for one line
    fig = PlainFigure({"data": traces, "layout": layout(
        title, f"Time since the first dose ({unit})", y_title, shapes=shapes)})
    return fig, describe_growth(result)


def describe_hypotheses(results: dict[str, Result], column: str) -> str:
    """Each hypothesis' peak, and when the three predictions are furthest apart."""
    o = OUTPUTS[column]
    t = next(iter(results.values())).time_h
    stack = o.scale * np.vstack([results[h][column] for h in results])
    spread = stack.max(axis=0) - stack.min(axis=0)
    peaks = [f"{o.format(o.scale * float(results[h][column].max()))} with {HYPOTHESIS_WORDS[h]}"
             for h in results]
    listed = ", ".join(peaks[:-1]) + f" and {peaks[-1]}"
    if spread.max() < FLAT:
        return f"{o.name} peaks at {listed} ({o.unit}): the three ideas agree here."
    k = int(np.argmax(spread))
    return (f"{o.name} peaks at {listed} ({o.unit}); the three predictions are furthest apart "
            f"{when(t[k])} after the first dose, where they differ by {o.format(spread[k])}.")


def hypotheses_figure(
    results: dict[str, Result], column: str, chosen: str, title: str
) -> tuple[PlainFigure, str]:
    """One output of the same scenario under each hypothesis, drawn together."""
    o = OUTPUTS[column]
    t0 = next(iter(results.values())).time_h
    unit, scale = time_unit(float(t0[-1]))
    keep = kept(t0, [result[column] for result in results.values()])  # one time grid
    traces = []
    for i, (h, result) in enumerate(results.items()):
        trace = line(result.time_h[keep] * scale, o.scale * result[column][keep],
                     HYPOTHESIS_NAMES[h], i, "f4")
        if h == chosen:
            trace["name"] = f"{HYPOTHESIS_NAMES[h]} (chosen)"
            trace["line"]["width"] = 4
        traces.append(trace)
    y_title = f"{o.name} ({o.unit})"
    fig = PlainFigure({"data": traces, "layout": layout(
        title, f"Time since the first dose ({unit})", y_title,
        shapes=[baseline_line(1.0, "baseline = 1")])})
    return fig, describe_hypotheses(results, column)
