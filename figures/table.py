"""A chart's data as a table people read: the steps that matter, plain headers, numbers to
three significant digits, and a sentence saying which steps are shown.

A chart draws hundreds of points (one a minute for six hours: 361 rows); a reader of the
table wants the values at steps they would pick themselves. Over time: every 10 minutes for
the first 2 hours, then every hour to a day, every day to two weeks, then every week. Against
a level on a log axis: the round levels 1, 2 and 5 times each power of ten. Against a linear
axis: round steps, at most :data:`MAX_STEPS` rows. Between two points the value is read off
the straight line joining them, as the chart draws it. A table of at most :data:`KEEP_ROWS`
rows is already readable and keeps its own rows.

Two sources, one result (:class:`DataTable`):

- :func:`readable`: the table of columns a page hands to the chart ("Time since the first
  dose (h)", or the models' column codes such as ``plasma_ng_per_ml``, whose names and units
  come from :mod:`sim.outputs`);
- :func:`from_figure`: the figure's own lines, named by their traces and axes (the trace
  names and axis titles carry the units), for a chart whose page passes no table.

Pure functions: no Streamlit.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from sim import outputs

SIGNIFICANT = 3  # digits: what a chart's hover shows (ui/live_chart.py, ".3~g")
KEEP_ROWS = 25  # a table this short is shown with all its rows
MAX_STEPS = 15  # rows of a linear, non-time axis
MINUTE_H = 1 / 60
DAY_H = 24.0
WEEK_H = 7 * DAY_H
# Over time: (every, until, in words), in hours.
TIME_STEPS = ((10 * MINUTE_H, 2.0, "every 10 minutes"), (1.0, DAY_H, "every hour"),
              (DAY_H, 2 * WEEK_H, "every day"), (WEEK_H, math.inf, "every week"))
TIME = outputs.output("time_h").name  # "Time since the first dose"
# A time axis's unit, as axis titles and headers write it, in hours.
TIME_UNITS = {"min": MINUTE_H, "minutes": MINUTE_H, "h": 1.0, "hours": 1.0, "days": DAY_H,
              "weeks": WEEK_H}
_UNIT = re.compile(r"^(?P<name>.*?)\s*\((?P<unit>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


@dataclass(frozen=True)
class DataTable:
    """Columns of cells (header -> values; times as words, other numbers rounded to
    :data:`SIGNIFICANT` digits, NaN where a line has no value) and the sentence that says
    which rows are shown."""

    columns: dict[str, tuple]
    caption: str

    @property
    def rows(self) -> int:
        return len(next(iter(self.columns.values()), ()))

    def text(self) -> dict[str, tuple[str, ...]]:
        """Every cell as shown: times as words, numbers as :func:`shown` writes them."""
        return {h: tuple(v if isinstance(v, str) else shown(v) for v in cells)
                for h, cells in self.columns.items()}


# --- numbers and times in words --------------------------------------------------------------

def display_unit(unit: str) -> str:
    """Units as people write them (the models use ASCII: uM, ug)."""
    return unit.replace("uM", "µM").replace("ug", "µg")


def significant(value: float, digits: int = SIGNIFICANT) -> float:
    """``value`` rounded to ``digits`` significant digits (NaN stays NaN)."""
    if not math.isfinite(value) or value == 0:
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def shown(value: float) -> str:
    """A number as the table writes it: 3 significant digits, never in e-notation, thousands
    separated ("1,230", "0.5", "0.000123"); "–" for no value."""
    if value is None or not math.isfinite(value):
        return "–"
    value = significant(float(value))
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return np.format_float_positional(value, precision=SIGNIFICANT, fractional=False,
                                      trim="-")


def time_words(hours: float) -> str:
    """A time since the first dose as a table writes it: minutes for the first 2 hours,
    hours to 2 days, then days ("40 min", "6 h", "3 days")."""
    if hours < 2 - 1e-9:
        return f"{shown(hours * 60)} min"
    if hours < 2 * DAY_H - 1e-9:
        return f"{shown(hours)} h"
    return f"{shown(hours / DAY_H)} days"


def span_words(hours: float) -> str:
    """A stretch of time in a sentence: "1 week", "3 days", "6 hours", "90 minutes"."""
    for size, unit in ((WEEK_H, "week"), (DAY_H, "day"), (1.0, "hour")):
        count = hours / size
        if count >= 1 - 1e-9 and abs(count - round(count)) < 1e-6:
            return f"{round(count)} {unit}" + ("" if round(count) == 1 else "s")
    return f"{shown(hours)} hours" if hours >= 2 else f"{shown(hours * 60)} minutes"


# --- which rows ------------------------------------------------------------------------------

def time_steps(start_h: float, end_h: float) -> tuple[np.ndarray, str]:
    """The times to show between ``start_h`` and ``end_h`` (both included), and in words
    which steps they are."""
    times, parts, since = [0.0], [], 0.0
    for every, until, words in TIME_STEPS:
        if end_h <= since + 1e-9:
            break
        stop = min(until, end_h)
        times.extend(np.arange(since + every, stop + 1e-9, every))
        parts.append(f"{words} to {span_words(stop)}")
        since = until
    steps = np.asarray([t for t in times if start_h - 1e-9 <= t <= end_h + 1e-9])
    if not steps.size or steps[0] > start_h + 1e-9:
        steps = np.concatenate(([start_h], steps))
    if steps[-1] < end_h - 1e-6:
        steps = np.append(steps, end_h)
    return steps, ", then ".join(parts)


def round_levels(low: float, high: float) -> np.ndarray:
    """1, 2 and 5 times each power of ten from ``low`` to ``high`` (both > 0)."""
    levels = [m * 10.0 ** k for k in range(math.floor(math.log10(low)),
                                           math.ceil(math.log10(high)) + 1) for m in (1, 2, 5)]
    return np.asarray([significant(v) for v in levels
                       if low * (1 - 1e-9) <= v <= high * (1 + 1e-9)])


def round_steps(low: float, high: float, most: int = MAX_STEPS) -> tuple[np.ndarray, float]:
    """Multiples of a round step (1, 2 or 5 times a power of ten) from ``low`` to ``high``,
    at most ``most`` of them, and the step."""
    span = high - low
    if span <= 0:
        return np.asarray([low]), 0.0
    power = 10.0 ** math.floor(math.log10(span / most))
    step = next(m * power for m in (1, 2, 5, 10)
                if math.floor(high / (m * power) + 1e-9) - math.ceil(low / (m * power) - 1e-9)
                < most)
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return np.asarray([significant(k * step, 6) for k in range(first, last + 1)]), step


# --- building the table ----------------------------------------------------------------------

@dataclass(frozen=True)
class _Series:
    header: str
    x: np.ndarray
    y: np.ndarray


@dataclass(frozen=True)
class _Axis:
    header: str  # the x column's header
    unit: str  # its unit, for the caption ("" for time)
    hours: float | None  # hours per x unit when x is time, else None
    log: bool


def _sorted(series: _Series) -> _Series:
    keep = np.isfinite(series.x)
    order = np.argsort(series.x[keep], kind="stable")
    return _Series(series.header, series.x[keep][order], series.y[keep][order])


def _at(series: _Series, x: np.ndarray, log: bool) -> np.ndarray:
    """The series read at ``x`` along the straight lines between its points (NaN outside
    its range)."""
    first, last = float(series.x[0]), float(series.x[-1])
    if first == last:
        return np.where(np.isclose(x, first), series.y[0], np.nan)
    scale = np.log if log else np.asarray
    y = np.interp(scale(x), scale(series.x), series.y)
    slack = 1e-9 * (last - first)  # a step computed as 1.9999999999 h is still in a 2 h run
    return np.where((x < first - slack) | (x > last + slack), np.nan, y)


def _cleaned(values: np.ndarray) -> tuple:
    """Rounded cells; a value a millionth of the column's largest is a 0 (rounding noise of
    the solver, e.g. 1e-17 mmHg before the dose)."""
    finite = values[np.isfinite(values)]
    top = float(np.max(np.abs(finite))) if finite.size else 0.0
    return tuple(0.0 if math.isfinite(v) and abs(v) <= 1e-6 * top else significant(float(v))
                 for v in values)


def _table(axis: _Axis, series: Sequence[_Series]) -> DataTable | None:
    series = [s for s in (_sorted(s) for s in series) if len(s.x)]
    if not series:
        return None
    low = min(float(s.x[0]) for s in series)
    high = max(float(s.x[-1]) for s in series)
    points = max(len(s.x) for s in series)
    longest = max(series, key=lambda s: len(s.x)).x
    unit = f" {axis.unit}" if axis.unit else ""
    if points <= KEEP_ROWS:
        x, which = longest, f"all {points} points of the chart"
    elif axis.hours is not None:
        hours, steps = time_steps(low * axis.hours, high * axis.hours)
        x = hours / axis.hours
        which = f"{steps} ({len(x)} of the chart's {points} points)"
    elif axis.log and low > 0 and len(round_levels(low, high)) >= 4:
        x = round_levels(low, high)
        which = (f"round levels (1, 2 and 5 times each power of ten) from {shown(x[0])} to "
                 f"{shown(x[-1])}{unit} ({len(x)} of the chart's {points} points)")
    else:
        x, step = round_steps(low, high)
        which = (f"every {shown(step)}{unit} from {shown(x[0])} to {shown(x[-1])}{unit} "
                 f"({len(x)} of the chart's {points} points)")
    if axis.hours is not None:
        first = (TIME, tuple(time_words(float(v) * axis.hours) for v in x))
    else:
        first = (axis.header, tuple(significant(float(v), 6) for v in x))
    columns = dict([first])
    for s in series:
        header = s.header if s.header not in columns else f"{s.header} ({len(columns)})"
        columns[header] = _cleaned(_at(s, np.asarray(x, dtype=float), axis.log))
    return DataTable(columns, f"The table shows {which}, numbers rounded to {SIGNIFICANT} "
                              "significant digits.")


# --- from a page's table ---------------------------------------------------------------------

def plain_header(header: str) -> str:
    """A column's header as people read it: a model output's code ("plasma_ng_per_ml", or
    "plasma_ng_per_ml (ng/mL (parent drug in plasma))") becomes its name and short unit from
    :mod:`sim.outputs` ("Plasma level (ng/mL)"); other headers are kept."""
    code = header.split(" (", 1)[0].strip()
    if code in outputs.BY_COLUMN:
        o = outputs.output(code)
        return f"{o.name} ({display_unit(o.short_unit)})"
    return header


def name_and_unit(header: str) -> tuple[str, str]:
    """("Brain level", "µM") from "Brain level (µM)"; (header, "") without a unit."""
    found = _UNIT.match(header)
    return (found["name"], found["unit"]) if found else (header, "")


def time_hours(header: str) -> float | None:
    """Hours per unit of a time column or axis ("Time since the first dose (h)": 1.0,
    "time (days)": 24.0), else None."""
    if header.strip().lower() == "time_h":
        return 1.0
    name, unit = name_and_unit(header)
    unit = unit.split(",")[0].strip().lower()
    return TIME_UNITS.get(unit) if name.strip().lower().startswith("time") else None


def _numbers(cells) -> np.ndarray | None:
    try:
        values = np.asarray(cells, dtype=float)
    except (TypeError, ValueError):
        return None
    return values if values.ndim == 1 else None


def _geometric(x: np.ndarray) -> bool:
    """Points spread evenly on a log axis (levels.log_levels), not a linear one."""
    x = np.sort(x[np.isfinite(x)])
    if len(x) < 3 or x[0] <= 0 or x[-1] / x[0] < 100:
        return False
    return float(np.ptp(np.diff(np.log(x)))) < float(np.ptp(np.diff(x))) / x[-1]


def readable(table: Mapping[str, Sequence]) -> DataTable | None:
    """A page's chart table, readable: the time column (or the first column of numbers) is
    the axis, sampled as the module says; every other column of numbers is read at those
    rows under its plain header. Columns of text (a time already in words) give way to the
    table's own. None when no column holds numbers."""
    numeric = {plain_header(h): v for h, c in table.items() if (v := _numbers(c)) is not None}
    if not numeric:
        return None
    x_header = next((h for h in numeric if time_hours(h) is not None), next(iter(numeric)))
    x, hours = numeric[x_header], time_hours(x_header)
    unit = name_and_unit(x_header)[1]
    axis = _Axis(x_header, unit, hours, hours is None and _geometric(x))
    return _table(axis, [_Series(h, x, y) for h, y in numeric.items() if h != x_header])


# --- from a figure ---------------------------------------------------------------------------

def _as_dict(figure) -> dict:
    return figure if isinstance(figure, dict) else figure.to_dict()


def _values(data) -> np.ndarray | None:
    """A Plotly array: a list, a numpy array, or a base64 typed array ({"dtype", "bdata"})."""
    if data is None:
        return None
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).astype(float)
    return _numbers(data)


def words(text) -> str:
    """A Plotly title as plain text: line breaks as spaces, no tags."""
    if isinstance(text, dict):
        text = text.get("text", "")
    text = re.sub(r"<br\s*/?>", " ", str(text or ""))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


def title(figure) -> str:
    """The chart's title in words ("" when it has none)."""
    return words(_as_dict(figure).get("layout", {}).get("title", ""))


def _is_line(trace: dict) -> bool:
    """A line of data: drawn as a line, hovered, with a name and at least 3 distinct x (not a
    marker, a shaded band, a vertical reference line or a picture's shape)."""
    if trace.get("type", "scatter") not in ("scatter", "scattergl") or not trace.get("name"):
        return False
    if "lines" not in trace.get("mode", "lines") or trace.get("hoverinfo") == "skip":
        return False
    if trace.get("visible", True) is not True or trace.get("fill") not in (None, "none"):
        return False
    x, y = _values(trace.get("x")), _values(trace.get("y"))
    return (x is not None and y is not None and len(x) == len(y)
            and len(np.unique(x[np.isfinite(x)])) >= 3)


def _axis(layout: dict, ref: str, letter: str) -> dict:
    return layout.get(f"{letter}axis{ref[1:]}", {})  # "x2" -> layout["xaxis2"]


def _column_name(name: str, y_title: str) -> str:
    """The trace's name, with what its axis measures when the name does not say it:
    "Glutamate, relative to baseline (1 = no drug)"; "Blood plasma (ng/mL)" is kept."""
    what, unit = name_and_unit(y_title)
    if not y_title or (unit and unit in name):
        return name
    if name.endswith(")") and name.lower().startswith(what.lower()):
        return name  # the panel's own line, with its own unit: "Sedation (0 awake, ...)"
    lowered = y_title if y_title[1:2].isupper() else y_title[:1].lower() + y_title[1:]
    return f"{name}, {lowered}"


def has_lines(figure) -> bool:
    """Whether the figure draws a line of data (:func:`from_figure` has a table for it)."""
    return any(_is_line(t) for t in _as_dict(figure).get("data", ()))


def from_figure(figure) -> DataTable | None:
    """The figure's lines as a table: the x axis of its first line (time, a level or a
    voltage, from the axis title), and every line drawn against that axis under its name
    (with what its y axis measures, when the name does not say). None for a figure with no
    line of data (a picture)."""
    spec = _as_dict(figure)
    layout = spec.get("layout", {})
    lines = [t for t in spec.get("data", ()) if _is_line(t)]
    if not lines:
        return None
    x_ref = lines[0].get("xaxis", "x")
    x_axis = _axis(layout, x_ref, "x")
    x_title = words(x_axis.get("title", "")).replace(", log scale", "")
    unit = name_and_unit(x_title)[1]
    hours = time_hours(x_title)
    axis = _Axis(TIME if hours is not None else (x_title or "x"), unit, hours,
                 x_axis.get("type") == "log")
    series = [_Series(_column_name(words(t["name"]),
                                   words(_axis(layout, t.get("yaxis", "y"), "y").get("title", ""))),
                      _values(t["x"]), _values(t["y"]))
              for t in lines if t.get("xaxis", "x") == x_ref]
    return _table(axis, series)
