"""Widgets generated from ``Params`` metadata, bound to the URL so a link reproduces the view.

Every control has a key; with ``bind="query-params"`` Streamlit writes the value into the URL
and reads it back on load. Streamlit silently drops URL values it cannot use, so
:func:`check_url` validates them first and tells the user what was ignored. Nothing from the
URL is ever evaluated or unpickled: values are parsed as numbers or matched against options.

Why binding and not ``st.query_params`` written from Python: binding makes the browser redraw
the app for the new URL before it sends a slider move (about 9 ms a press), but Streamlit
1.67's frontend adds a browser history entry for every URL written from Python, so every
slider step would become a step of the Back button. Binding replaces the URL instead.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import streamlit as st

from content import urls
from content.explainers import NEED_HELP
from figures import table as tables
from sim.export import DISCLAIMER
from sim.params import ParamInfo
from ui import explain, presenter
from ui.assets import asset
from ui.help_text import help_for
from ui.live_chart import live_chart


@dataclass(frozen=True)
class NumberSpec:
    key: str
    label: str
    min: float
    max: float
    step: float
    default: float
    unit: str = ""
    help: str = ""


@dataclass(frozen=True)
class ChoiceSpec:
    """A choice among codes (what the code uses), shown as labels (what people read).

    Streamlit writes the shown label into the URL, so links carry the labels.
    """

    key: str
    label: str
    options: tuple[str, ...]
    default: str
    help: str = ""
    labels: tuple[str, ...] = ()

    def shown(self) -> tuple[str, ...]:
        return self.labels or self.options

    def code_of(self, shown: str) -> str:
        return self.options[self.shown().index(shown)]


Spec = NumberSpec | ChoiceSpec


def from_param(info: ParamInfo, key: str | None = None) -> NumberSpec:
    """A slider spec from a model parameter: label with unit, range, step, source in help."""
    help_text = f"{info.help} Source: {info.source}.".strip()
    return NumberSpec(key or info.name, info.label, info.min, info.max, info.step, info.default,
                      info.unit, help_text)


GRID = "controls_grid"
# Controls in a grid: columns of at least 12rem, filled a row at a time, all in one block.
# (st.columns makes a block per row and per column, and a slider's fragment sends and
# redraws every one of them on each move: on The dose, 9 blocks for 6 controls.)
GRID_CSS = f"<style>\n{asset('controls.css')}</style>"
# The second rule: Streamlit draws captions at 60 % opacity, which fades a link's blue to
# #66A0CB on white (2.6:1, below WCAG AA's 4.5:1); a caption with links is drawn solid, its
# text in the charts' grey (8.9:1) and its links in the theme's blue (6.5:1).


def grid(name: str):
    """A container whose controls are laid out in columns (see GRID_CSS)."""
    return st.container(key=f"{GRID}_{name}")


# Repairs to Streamlit 1.67's own markup, in the page (ui/assets/widget_access.js):
# - a slider's thumb (an input type=range) has its label twice: as its own aria-label and,
#   through aria-labelledby, the thumb's label followed by the slider group's, which Streamlit
#   labels with the same text. React Aria's useSliderThumb joins the two for multi-thumb
#   sliders ("Minimum, Price"); Streamlit passes its one label to both, so browsers name the
#   thumb "Dose (mg/kg) Dose (mg/kg)". The script drops the repeat.
# - st.table scrolls a table wider than its column in a box no key can reach; the script
#   makes that box a named Tab stop while it scrolls.
WIDGET_ACCESS = "kme_widget_access"
_WIDGET_ACCESS_HTML = '<span class="kme-widget-access" hidden></span>'
_WIDGET_ACCESS_JS = asset("widget_access.js")


@functools.cache
def _widget_access_component():
    return st.components.v2.component(WIDGET_ACCESS, html=_WIDGET_ACCESS_HTML,
                                      js=_WIDGET_ACCESS_JS, isolate_styles=False)


def page_start(title: str, specs: Sequence[Spec]) -> None:
    """What every page opens with: its title, the conceptual label, then the link check
    (before any widget reads the URL). With the CSS, the page's main sources, for the chart
    pictures it downloads (ui/assets/picture_download.js)."""
    page = presenter.current_page(st.context.url or "")
    sources = explain.picture_sources(page.name) if page else ""
    st.html(GRID_CSS + f'<span data-kme-sources hidden>{escape(sources)}</span>')
    _widget_access_component()(key="widget_access", height=0)
    presenter.controls()
    st.title(title)
    conceptual_label()
    check_url(specs)


def conceptual_label() -> None:
    """The label every page carries, visible without scrolling."""
    st.warning(DISCLAIMER, icon=":material/warning:")


def footer() -> None:
    """Under every page (app.py draws it after the page): one discreet "Need help now?" line
    with crisis lines (issue 19). At the foot, not under the label, so the controls and the
    chart they drive keep the first screen. In presenter mode, the previous and next pages
    above it."""
    presenter.page_steps()
    st.caption(NEED_HELP)


def _problem(spec: Spec, raw: str) -> str | None:
    if isinstance(spec, ChoiceSpec):
        # an old link's preset code: app.py gives its box the name instead
        named = urls.upgraded_query({spec.key: raw}).get(spec.key, raw)
        return None if named in spec.shown() else f"{raw[:40]!r} is not one of the choices"
    try:
        value = float(raw)
    except ValueError:
        return f"{raw[:40]!r} is not a number"
    if not math.isfinite(value):
        return f"{raw[:40]!r} is not a finite number"
    if not (spec.min <= value <= spec.max):
        return f"{value:g} is outside {spec.min:g} to {spec.max:g}"
    return None


def check_url(specs: Sequence[Spec]) -> list[str]:
    """Problems with the URL's values for these controls; shown once as a notice.

    Streamlit itself ignores such values when it builds the widgets, so the defaults apply.
    """
    problems = []
    for spec in specs:
        if spec.key not in st.query_params:
            continue
        values = st.query_params.get_all(spec.key)
        bad = _problem(spec, values[-1]) if len(values) == 1 else "given more than once"
        if bad:
            problems.append(f"**{spec.label}**: {bad}")
    if problems:
        st.info("Some settings in the link could not be used and were reset to their defaults: "
                + "; ".join(problems) + ".", icon=":material/info:")
    return problems


display_unit = tables.display_unit
NOT_UNITS = ("", "-", "ratio")  # no unit to write after a value


def _label(spec: NumberSpec) -> str:
    if not spec.unit or spec.unit == "-":
        return spec.label
    return f"{spec.label} ({display_unit(spec.unit)})"


def decimals(step: float) -> int:
    """The decimals a value on this step needs (0.05: 2, 0.1: 1, 5: 0)."""
    return next((d for d in range(7) if abs(step * 10 ** d - round(step * 10 ** d)) < 1e-9), 6)


def value_format(spec: NumberSpec) -> str:
    """The slider's printf format: its step's decimals and its unit ("%.2f mg/kg"), so the
    value people see and screen readers say (aria-valuetext) carries the unit. A scale
    written in words ("0 = none, 1 = severe") stays in the label only."""
    unit = display_unit(spec.unit)
    written = unit not in NOT_UNITS and not re.search(r"\s|=", unit)
    return f"%.{decimals(spec.step)}f" + (f" {unit.replace('%', '%%')}" if written else "")


def number(spec: NumberSpec) -> float:
    """A slider for a number spec, bound to the URL (which keeps bare numbers: the format
    only changes the text shown)."""
    value = st.slider(
        _label(spec), min_value=float(spec.min), max_value=float(spec.max),
        value=float(spec.default), step=float(spec.step), format=value_format(spec),
        key=spec.key, help=spec.help or None, bind="query-params",
    )
    help_for(spec.key, spec.help)
    return value


def choice(spec: ChoiceSpec) -> str:
    """A select box for a choice spec, bound to the URL; returns the chosen code."""
    shown = spec.shown()
    picked = st.selectbox(
        spec.label, shown, index=spec.options.index(spec.default), key=spec.key,
        help=spec.help or None, bind="query-params",
    )
    help_for(spec.key, spec.help)
    return spec.code_of(picked)


def steps(spec: ChoiceSpec) -> str:
    """A slider over a choice spec's values (in order), bound to the URL; returns the code."""
    shown = spec.shown()
    picked = st.select_slider(spec.label, shown, value=shown[spec.options.index(spec.default)],
                              key=spec.key, help=spec.help or None, bind="query-params")
    help_for(spec.key, spec.help)
    return spec.code_of(picked)


def reset_button(specs: Sequence[Spec]) -> None:
    """Put every control back to its default (and so out of the URL)."""

    def reset() -> None:
        for spec in specs:
            default = spec.default
            if isinstance(spec, ChoiceSpec):
                default = spec.shown()[spec.options.index(default)]
            st.session_state[spec.key] = default

    st.button("Reset to defaults", on_click=reset, key="reset",
              help="Set every control on this page back to its published default")


TABLE_TOGGLE = "Show the data as a table"


def _markdown_text(text: str) -> str:
    """Text as a widget label shows it, not as Markdown (a title's "*" or "$" stays itself)."""
    return re.sub(r"([\\`*_\[\]<>#~|$])", r"\\\1", text)


def table_toggle_label(fig) -> str:
    """The toggle's label, the chart's title after it: a screen reader's list of controls
    tells the charts of a page apart ("Show the data as a table: Glutamate rises ...")."""
    title = tables.title(fig)
    return f"{TABLE_TOGGLE}: {_markdown_text(title)}" if title else TABLE_TOGGLE


def data_table(fig, table: dict | None) -> tables.DataTable | None:
    """The chart's data as people read it: the page's table made readable, else the
    figure's own lines (figures/table.py)."""
    readable = tables.readable(table) if table is not None else None
    return readable or tables.from_figure(fig)


def show_table(data: tables.DataTable, name: str) -> None:
    """The table as HTML (st.table: a real <table> with column headers, which screen readers
    walk cell by cell; st.dataframe draws on a canvas), under a sentence on its rows."""
    import pandas as pd  # only when a table is shown: a page's first run loads no pandas

    st.caption(data.caption)
    frame = pd.DataFrame(data.columns)
    numbers = [h for h, cells in data.columns.items() if not isinstance(cells[0], str)]
    st.table(frame.style.format(tables.shown, subset=numbers), hide_index=True,
             alt=f"The data of the chart: {name}")


def show_chart(fig, description: str, key: str, table: dict | None = None,
               live: bool = False) -> None:
    """A chart with its text alternative: the description is the chart's accessible name and
    the caption under it, and the data can be shown as a readable table (``table``, the
    page's columns, else the figure's lines; figures/table.py). With ``live`` the chart and
    its caption also follow the family of frames sent for ``key`` (ui/live_chart.py)."""
    live_chart(fig, description, key, live)
    if live:
        st.caption(f'<span data-kme-caption="{key}">{escape(description, quote=False)}</span>',
                   unsafe_allow_html=True)
    else:
        st.caption(description)
    if table is None and not tables.has_lines(fig):
        return  # a picture with no line of data: nothing to put in a table
    # wrap: in a column Streamlit cuts a long label off with "…" (at 320 px, the title)
    if st.toggle(table_toggle_label(fig), key=f"{key}_table", wrap=True):
        data = data_table(fig, table)
        if data is not None:
            show_table(data, tables.title(fig) or description)
