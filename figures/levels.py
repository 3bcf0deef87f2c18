"""Charts against brain level (NMDA blockade, the glutamate inverted U): the log axis, the
sub-anaesthetic and anaesthetic ranges shaded and named, reference lines and markers.

Brain levels are in uM (racemic-equivalent), as in ``sim``; the charts write "µM".
"""

from __future__ import annotations

import numpy as np

from figures.style import OKABE_ITO, inked, layout, wrapped

# Ranges of brain level marked on the charts (uM, racemic-equivalent).
# Ranges of brain level marked on the charts (uM, racemic-equivalent).
SUB_ANAESTHETIC_UM = (0.3, 2.0)  # around the peak of a 0.5 mg/kg, 40 min infusion (Zarate 2006)
ANAESTHETIC_FROM_UM = 5.0  # anaesthesia needs several uM
IDVALL_PLATEAU_UM = 9.3  # steady level during ketamine anaesthesia (Idvall 1979)
LEVEL_RANGE_UM = (0.01, 100.0)  # the x axis of the level charts

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
