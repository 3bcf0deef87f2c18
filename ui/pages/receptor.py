"""NMDA blockade: how much of each kind of NMDA receptor ketamine blocks, and why Mg2+ matters."""

import numpy as np
import streamlit as st

from content import pages
from content.labels import PRESET_LABELS, preset_labels
from figures import levels, receptor, style, words
from figures.family import Member, family
from figures.style import when
from sim.params import describe
from sim.receptor import (
    ReceptorParams,
    block_interneuron,
    block_pyramidal,
    mg_unblocked_fraction,
)
from sim.scenarios import PRESETS
from ui import controls, explain
from ui.copy_numbers import copy_numbers
from ui.live_chart import family_payload, live_family
from ui.readouts import readouts
from ui.simulate import run_preset

FROM_SLIDER = "slider"
PRESET_NAMES = pages.page("receptor").presets
PEAK_WITHIN_H = 24.0  # every preset here peaks well within a day

SPECS = {
    "level_from": controls.ChoiceSpec(
        "level_from", "Brain level from", (FROM_SLIDER, *PRESET_NAMES), FROM_SLIDER,
        "Set the level yourself, or take the peak brain level of a published dose "
        "(sources under the box).", labels=("the slider below", *preset_labels(PRESET_NAMES))),
    "level": controls.NumberSpec(
        "level", "Brain level", 0.05, 20.0, 0.05, 0.8, "µM",
        "Ketamine in the brain, racemic-equivalent. A 0.5 mg/kg, 40 min infusion peaks near "
        "0.8 µM in this model (Zarate 2006); anaesthesia holds about 9.3 µM (Idvall 1979)."),
    "mg": controls.NumberSpec(
        "mg", "Mg²⁺ outside the cell", 0.0, 2.0, 0.1, 1.0, "mM",
        "About 1 mM in the fluid around brain cells; 0 mM shows the receptor with no Mg²⁺ plug "
        "(Jahr & Stevens 1990)."),
    "voltage": controls.NumberSpec(
        "voltage", "Membrane voltage", -100.0, 40.0, 5.0, -70.0, "mV",
        "About -70 mV at rest; a busy, depolarised cell sits higher (Jahr & Stevens 1990)."),
}

# The model's own constants, as sliders built from their Params metadata (unit, range, source).
CONSTANTS = {info.name: controls.from_param(info) for info in describe(ReceptorParams)
             if info.name in ("ic50_interneuron", "ic50_pyramidal", "hill")}
SPECS.update(CONSTANTS)

controls.page_start("NMDA blockade: which receptors ketamine plugs", list(SPECS.values()))
with st.sidebar:
    controls.reset_button(list(SPECS.values()))


@st.cache_data(show_spinner=False)
def preset_peak(name: str) -> tuple[float, float]:
    """Peak brain level (uM) of a preset and when it happens (h)."""
    _, result = run_preset(name, "disinhibition", 0.0, min(PRESETS[name].hours, PEAK_WITHIN_H))
    i = int(np.argmax(result["brain_um"]))
    return float(result["brain_um"][i]), float(result.time_h[i])


# Figures depend only on the slider values: build each once (they are never mutated).
@st.cache_resource(max_entries=64, show_spinner=False)
def block_chart(level: float, constants: tuple[tuple[str, float], ...]):
    """(figure, description, the block table it draws)."""
    params = ReceptorParams(**dict(constants))
    table = receptor.block_table(levels.log_levels(), params)
    return (*receptor.block_figure(table, level, params), table)


def block_numbers(level: float, params: ReceptorParams) -> list[tuple[str, str]]:
    return [("Brain level", f"{level:.2f} µM"),
            ("Interneuron-like receptors blocked",
             words.percent(block_interneuron(level, params))),
            ("Pyramidal-like receptors blocked", words.percent(block_pyramidal(level, params)))]


@st.cache_resource(max_entries=16, show_spinner=False)
def block_family(constants: tuple[tuple[str, float], ...]) -> dict[str, str]:
    """The block chart at every value of the brain-level slider (drawn while it is dragged)."""
    spec, params = SPECS["level"], ReceptorParams(**dict(constants))
    table = receptor.block_table(levels.log_levels(), params)
    values = np.round(np.arange(spec.min, spec.max + spec.step / 2, spec.step), 6)
    members = [Member(*receptor.block_figure(table, float(v), params),
                      tuple(value for _, value in block_numbers(float(v), params)))
               for v in values]
    return family_payload(family(spec.key, [f"{v:.2f}" for v in values], values, members))


@st.cache_resource(max_entries=64, show_spinner=False)
def mg_chart(mg: float, voltage: float):
    return receptor.mg_figure(mg, voltage)


# Each section is a fragment with its controls above its chart, not beside it (nothing
# squeezed at 768 px): moving a control redraws only that section.
@st.fragment
def block_section() -> None:
    """The brain level beside the block chart it drives (a fragment: moving a control redraws
    only this section); while the level is dragged the chart follows it."""
    st.header("How much is blocked at each brain level")
    left, right = st.columns([1, 2], gap="medium")
    with left:
        source = controls.choice(SPECS["level_from"])
        if source == FROM_SLIDER:
            level = controls.number(SPECS["level"])
        else:
            preset = PRESETS[source]
            level, at_h = preset_peak(source)
            st.caption(f"**{PRESET_LABELS[source]}**: {preset.description}. "
                       f"Source: {preset.source}. "
                       f"In this model the brain level peaks at {level:.2f} µM, "
                       f"{when(at_h)} after the first dose.")
        with st.expander("Change the model's constants"):
            constants = {name: controls.number(spec) for name, spec in CONSTANTS.items()}
        explain.try_cards("receptor")
    params = ReceptorParams(**constants)
    live = source == FROM_SLIDER
    with right:
        readouts(block_numbers(level, params), live="block" if live else "", compact=True)
        fig, description, table = block_chart(level, tuple(constants.items()))
        controls.show_chart(fig, description, "block",
                            style.readable(table, receptor.BLOCK_COLUMNS,
                                           ("nmda_block_interneuron", "nmda_block_pyramidal")),
                            live=live)
        if live:
            live_family(block_family(tuple(constants.items())), "block")
        copy_numbers("Ketamine Mechanisms Explorer: NMDA blockade", [
            ("Brain level from", "the slider" if live else PRESET_LABELS[source]),
            *((CONSTANTS[name].label, f"{value:g} {CONSTANTS[name].unit}")
              for name, value in constants.items())],
            block_numbers(level, params), "block", live="block" if live else "")
        st.download_button(
            "Download the block curves (CSV)",
            lambda: style.table_csv(table,
                                    "NMDA receptor block (fractions 0-1) vs brain level (uM)"),
            file_name="ketamine-nmda-block.csv", mime="text/csv", key="block_csv")
        st.caption(
            "Shaded: the sub-anaesthetic range (about 0.3-2 µM, antidepressant research doses) "
            f"and the anaesthetic range (above about 5 µM). Half-block levels: "
            f"{params.ic50_interneuron:g} µM for interneuron-like receptors and "
            f"{params.ic50_pyramidal:g} µM for pyramidal-like ones (defaults: 1 µM from Gerhard "
            "2020, 6 µM chosen for illustration).")


@st.fragment
def mg_section() -> None:
    st.header("Why resting pyramidal receptors are mostly shut: the Mg²⁺ plug")
    mg = controls.number(SPECS["mg"])
    voltage = controls.number(SPECS["voltage"])
    free = words.percent(float(mg_unblocked_fraction(voltage, mg)))
    readouts([(f"Current free of Mg²⁺ block at {voltage:.0f} mV", free)])
    fig, description = mg_chart(mg, voltage)
    controls.show_chart(fig, description, "mg_plug",
                        style.readable(receptor.mg_table(mg), receptor.MG_COLUMNS,
                                       ("mg_unblocked_fraction",)))


with explain.layout("receptor"):
    block_section()
    mg_section()
