"""A family of figures over a control's values: what a chart needs to redraw while the control
is dragged, before the server has answered.

The page builds the figure for every value the control can take (:func:`family`); only the
parts that differ between them are kept, per value (a trace's ``y``, a shape, the title). The
browser (ui/assets/live_family.js) picks the frame for the value the slider shows and draws it
at once; the server's figure for the chosen value arrives after the control is released.
Pure data: no Streamlit.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.io

DIGITS = 3  # significant digits of a frame's numbers: what a chart shows; short text packs well


@dataclass(frozen=True)
class Member:
    """The figure for one value of the control, its text alternative, and the page's key
    numbers for that value (in the order the page shows them). A value the model does not
    cover has no figure: its ``alt`` says what to change, and the chart keeps the last one."""

    figure: object | None  # a figure, or its dict
    alt: str
    readouts: tuple[str, ...] = ()


def _plain(figure) -> dict:
    spec = figure if isinstance(figure, dict) else figure.to_dict()
    return json.loads(plotly.io.to_json(spec, validate=False, engine="orjson"))


def _rounded(value):
    """A frame's value with its numbers to :data:`DIGITS` digits, typed arrays as short
    decimal lists (they deflate to a quarter of the base64 of the same numbers)."""
    if isinstance(value, dict) and set(value) == {"dtype", "bdata"}:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return [float(f"{v:.{DIGITS}g}") for v in array.tolist()]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, float):
        return float(f"{value:.{DIGITS}g}")
    return value


def _varying(items: Sequence[dict]) -> list[str]:
    """The keys whose value is not the same in every one of ``items``."""
    keys = sorted({k for item in items for k in item})
    return [k for k in keys if any(item.get(k) != items[0].get(k) for item in items[1:])]


def family(control: str, labels: Sequence[str], values: Sequence[float],
           members: Sequence[Member]) -> dict:
    """The frames of a control's family, as JSON-ready data.

    ``control``: the control's key (its element has the class ``st-key-<control>``);
    ``labels``: each value as the slider writes it (its ``aria-valuetext``); ``values``: the
    same as numbers, for a value between two labels. Each frame holds the varying keys of
    every trace that varies (``data``: trace index -> keys) and of the layout, or the whole
    ``data`` list when the number of traces changes.
    """
    if not (len(labels) == len(values) == len(members)) or not members:
        raise ValueError("a family needs one label, value and member per frame")
    drawn = [m for m in members if m.figure is not None]
    if not drawn:
        raise ValueError("a family needs at least one figure")
    specs = {id(m): _plain(m.figure) for m in drawn}
    datas = [spec.get("data", []) for spec in specs.values()]
    layouts = [spec.get("layout", {}) for spec in specs.values()]
    same_count = len({len(d) for d in datas}) == 1
    trace_keys = ({i: _varying([d[i] for d in datas]) for i in range(len(datas[0]))}
                  if same_count else {})
    layout_keys = _varying(layouts)
    frames = []
    for member in members:
        frame = {"alt": member.alt, "readouts": list(member.readouts)}
        if member.figure is None:
            frames.append({**frame, "problem": True})
            continue
        data, layout = specs[id(member)].get("data", []), specs[id(member)].get("layout", {})
        frame["layout"] = {k: _rounded(layout.get(k)) for k in layout_keys}
        if same_count:
            frame["data"] = {str(i): {k: _rounded(data[i].get(k)) for k in keys}
                             for i, keys in trace_keys.items() if keys}
        else:
            frame["traces"] = _rounded(data)
        frames.append(frame)
    return {"control": control, "labels": list(labels), "values": [float(v) for v in values],
            "frames": frames}


def layout_family(control: str, labels: Sequence[str], values: Sequence[float],
                  layouts: Sequence[dict], alts: Sequence[str]) -> dict:
    """A family whose frames change only the layout keys given (a cursor among the shapes):
    made without building the whole figure for every value."""
    if not (len(labels) == len(values) == len(layouts) == len(alts)) or not layouts:
        raise ValueError("a family needs one label, value, layout and text per frame")
    frames = [{"alt": alt, "readouts": [], "data": {}, "layout": _rounded(_plain_layout(lay))}
              for lay, alt in zip(layouts, alts, strict=True)]
    return {"control": control, "labels": list(labels), "values": [float(v) for v in values],
            "frames": frames}


def _plain_layout(layout: dict) -> dict:
    return json.loads(plotly.io.to_json(layout, validate=False, engine="orjson"))
