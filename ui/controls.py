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

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import streamlit as st

from content.explainers import NEED_HELP
from sim.export import DISCLAIMER
from sim.params import ParamInfo
from ui import presenter
from ui.assets import asset
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


def page_start(title: str, specs: Sequence[Spec]) -> None:
    """What every page opens with: its title, the conceptual label, then the link check
    (before any widget reads the URL)."""
    st.html(GRID_CSS)
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
        return None if raw in spec.shown() else f"{raw[:40]!r} is not one of the choices"
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


def display_unit(unit: str) -> str:
    """Units as people write them (the models use ASCII: uM, ug)."""
    return unit.replace("uM", "µM").replace("ug", "µg")


def _label(spec: NumberSpec) -> str:
    if not spec.unit or spec.unit == "-":
        return spec.label
    return f"{spec.label} ({display_unit(spec.unit)})"


def number(spec: NumberSpec) -> float:
    """A slider for a number spec, bound to the URL."""
    return st.slider(
        _label(spec), min_value=float(spec.min), max_value=float(spec.max),
        value=float(spec.default), step=float(spec.step), key=spec.key,
        help=spec.help or None, bind="query-params",
    )


def choice(spec: ChoiceSpec) -> str:
    """A select box for a choice spec, bound to the URL; returns the chosen code."""
    shown = spec.shown()
    picked = st.selectbox(
        spec.label, shown, index=spec.options.index(spec.default), key=spec.key,
        help=spec.help or None, bind="query-params",
    )
    return spec.code_of(picked)


def steps(spec: ChoiceSpec) -> str:
    """A slider over a choice spec's values (in order), bound to the URL; returns the code."""
    shown = spec.shown()
    picked = st.select_slider(spec.label, shown, value=shown[spec.options.index(spec.default)],
                              key=spec.key, help=spec.help or None, bind="query-params")
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


def show_chart(fig, description: str, key: str, table: dict | None = None,
               live: bool = False) -> None:
    """A chart with its text alternative: the description is the chart's accessible name and
    the caption under it, and the data can be shown as a table. With ``live`` the chart and
    its caption also follow the family of frames sent for ``key`` (ui/live_chart.py)."""
    live_chart(fig, description, key, live)
    if live:
        st.caption(f'<span data-kme-caption="{key}">{escape(description, quote=False)}</span>',
                   unsafe_allow_html=True)
    else:
        st.caption(description)
    if table is not None and st.toggle("Show the data as a table", key=f"{key}_table"):
        st.dataframe(table, hide_index=True)
