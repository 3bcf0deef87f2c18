"""The synapse picture as one figure with a frame per time, played in the browser.

It never plays by itself, and frames replace each other without tweening (reduced motion).
"""

from __future__ import annotations

from dataclasses import dataclass

from figures.style import INK, PlainFigure
from figures.synapse.describe import readout, time_label
from figures.synapse.picture import (
    BLACK,
    DYNAMIC,
    dynamic_traces,
    frame_traces,
    levels_range,
    picture_layout,
    static_traces,
)
from figures.synapse.state import SynapseState, states_at

PLAY_FRAME_MS = 700  # Play shows each time for 0.7 s; no tweening between times


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

    def still(self, step: int) -> PlainFigure:
        """The picture at time ``step`` alone: no frames, no Play or slider of its own (the
        page's time control and Play drive it, with every chart on the same clock)."""
        state = self.states[step]
        layout = {k: v for k, v in self.layout.items() if k not in ("sliders", "updatemenus")}
        layout["title"] = {**layout["title"], "text": readout(state, self.heading)}
        layout["margin"] = {**layout["margin"], "b": 50}
        layout["height"] = layout["height"] - 100
        return PlainFigure({"data": dynamic_traces(state, self.levels_range) + self.static,
                            "layout": layout})


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
    layout = picture_layout(result, readout(states[0], heading))
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
