"""Pure functions from results to Plotly figures, each with a plain-language description.

Colours are Okabe-Ito (safe for colour-blind readers) and every trace also has its own line
style, so colour is never the only cue. Every figure has a title in words and axes with units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from sim.cascade import Result

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
SHADE = {"dissociation": "rgba(204, 121, 167, 0.15)", "bp": "rgba(230, 159, 0, 0.15)"}


@dataclass(frozen=True)
class Series:
    column: str
    label: str


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    fig.update_layout(
        title={"text": title}, xaxis_title=x_title, yaxis_title=y_title,
        template="simple_white", height=380, margin={"l": 60, "r": 20, "t": 60, "b": 50},
        legend={"orientation": "h", "y": -0.25}, hovermode="x unified",
    )
    return fig


def time_unit(hours: float) -> tuple[str, float]:
    """Minutes for short views, hours for a few days, days beyond."""
    if hours <= 3:
        return "minutes", 60.0
    if hours <= 72:
        return "hours", 1.0
    return "days", 1 / 24.0


def time_series(result: Result, series: list[Series], title: str, y_title: str) -> go.Figure:
    unit, scale = time_unit(float(result.time_h[-1]))
    fig = go.Figure()
    for i, s in enumerate(series):
        fig.add_trace(go.Scatter(
            x=result.time_h * scale, y=result[s.column], name=s.label, mode="lines",
            line={"color": OKABE_ITO[i % 7], "dash": DASHES[i % 7], "width": 2.5},
        ))
    return _layout(fig, title, f"Time since the first dose ({unit})", y_title)


def shade_windows(fig: go.Figure, result: Result, hours_scale: float) -> go.Figure:
    """Shade when dissociation is noticeable (> 0.2) on the same time axis."""
    on = result["dissociation"] > 0.2
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(int), [0]))))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        fig.add_vrect(x0=result.time_h[start] * hours_scale,
                      x1=result.time_h[stop - 1] * hours_scale,
                      fillcolor=SHADE["dissociation"], line_width=0,
                      annotation_text="noticeable dissociation", annotation_position="top left")
    return fig


def _when(hours: float) -> str:
    if hours < 2:
        return f"{hours * 60:.0f} minutes"
    if hours < 72:
        return f"{hours:.1f} hours"
    return f"{hours / 24:.1f} days"


def describe_level(result: Result, column: str, what: str, unit: str) -> str:
    """One sentence from the numbers: peak, when, and how fast it halves."""
    y, t = result[column], result.time_h
    if y.max() <= 0:
        return f"{what} stays at zero: no drug is given."
    i = int(np.argmax(y))
    after = np.flatnonzero(y[i:] <= y[i] / 2)
    halves = f" and halves about {_when(t[i + after[0]] - t[i])} later" if after.size else ""
    return f"{what} peaks at {y[i]:.3g} {unit} {_when(t[i])} after the first dose{halves}."


def plasma_and_brain(result: Result) -> tuple[go.Figure, str]:
    unit, scale = time_unit(float(result.time_h[-1]))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=result.time_h * scale, y=result["plasma_ng_per_ml"],
                             name="Blood plasma (ng/mL)", mode="lines",
                             line={"color": OKABE_ITO[0], "width": 2.5}))
    fig.add_trace(go.Scatter(x=result.time_h * scale, y=result["brain_um"] * 237.7,
                             name="Brain, effect site (ng/mL equivalent)", mode="lines",
                             line={"color": OKABE_ITO[1], "dash": "dash", "width": 2.5}))
    shade_windows(fig, result, scale)
    _layout(fig, "Ketamine in the blood and the brain over time",
            f"Time since the first dose ({unit})", "Level (ng/mL)")
    return fig, describe_level(result, "plasma_ng_per_ml", "Plasma level", "ng/mL")


def table_of(result: Result, columns: list[str], max_rows: int = 2000) -> dict:
    """The chart's data as columns (for the 'show data' toggle), thinned to max_rows."""
    stride = max(1, int(np.ceil(len(result.time_h) / max_rows)))
    return {f"{c} ({result.units[c]})" if c != "time_h" else "time (h)": result[c][::stride]
            for c in ["time_h", *columns]}
