"""Glutamate surge: disinhibition at low levels, less firing at anaesthetic ones (inverted U)."""

import numpy as np
import streamlit as st

from content import pages
from figures import glutamate, levels, style
from sim.export import commented_csv
from sim.scenarios import PRESETS
from sim.steady import dose_response_table
from ui import controls, explain
from ui.readouts import readouts
from ui.simulate import run_preset

HYPOTHESIS = "disinhibition"  # the glutamate surge is the disinhibition idea's first step
PRESET_NAMES = pages.page("glutamate").presets
LEVEL_POINTS = 200

SPECS = {
    "preset": controls.ChoiceSpec(
        "preset", "Published dose", PRESET_NAMES, "standard-iv",
        "Research, label and anaesthesia protocols; each one's source is shown under the box."),
    "hours": controls.NumberSpec(
        "hours", "Time shown", 1.0, 24.0, 1.0, 6.0, "h",
        "How many hours after the first dose to draw. The surge fades within hours "
        "(Milak 2016)."),
}

controls.page_start("Glutamate surge: more signalling at low doses, less at high ones",
                    list(SPECS.values()))
with st.sidebar:
    controls.reset_button(list(SPECS.values()))


@st.cache_data(show_spinner=False)
def inverted_u() -> dict:
    columns, values = dose_response_table(levels.log_levels(LEVEL_POINTS), HYPOTHESIS)
    return glutamate.as_columns(columns, values)


@st.cache_resource(show_spinner=False)
def inverted_u_chart():
    """The same for every visitor and every rerun: build it once (figures are not mutated)."""
    return glutamate.inverted_u_figure(inverted_u())


def steady_section() -> None:
    st.header("At a steady brain level: the inverted U")
    table = inverted_u()
    fig, description = inverted_u_chart()
    controls.show_chart(fig, description, "inverted_u",
                        {"Brain level (µM)": table["brain_um"],
                         **{f"{name} (× baseline)": table[col]
                            for col, name in glutamate.DOSE_RESPONSE_TRACES.items()}})
    st.download_button(
        "Download the steady states (CSV)",
        lambda: style.table_csv(table, "steady state at fixed brain levels (uM); *_rel are "
                                "relative to the untreated baseline"),
        file_name="ketamine-glutamate-dose-response.csv", mime="text/csv", key="inverted_u_csv")
    st.caption(
        "Each level is held constant until everything settles. The fast response is what happens "
        "in the first minutes; a slow negative feedback (like mGluR2/3 receptors) then pulls "
        "glutamate part of the way back. In rats, glutamate rose at low doses, did not change at a "
        "middle dose and fell at anaesthetic doses (Moghaddam 1997). Sizes are illustrative; only "
        "the shape is meant.")


@st.fragment
def over_time() -> None:
    """Controls above the chart, not beside it (nothing squeezed at 768 px); a fragment, so
    moving them redraws only this part."""
    st.header("Over time, after a published dose")
    name = controls.choice(SPECS["preset"])
    hours = controls.number(SPECS["hours"])
    preset = PRESETS[name]
    st.caption(f"**{preset.name}**: {preset.description}. Source: {preset.source}.")
    scenario, result = run_preset(name, HYPOTHESIS, 0.0, hours)
    peak = float(np.max(result["brain_um"]))
    readouts([("Peak brain level", f"{peak:.2f} µM"),
              ("Highest glutamate (× baseline)", f"{np.max(result['glutamate_rel']):.2f}")],
             f"The peak brain level is {levels.range_name(peak)}.")
    if result.notes:
        st.warning(style.outside_range_sentence(result), icon=":material/block:")
    fig, description = glutamate.surge_figure(
        result, f"Glutamate and firing over time after {name}")
    controls.show_chart(fig, description, "surge", glutamate.surge_table(result))
    st.caption(glutamate.GABA_NOTE)
    st.download_button(
        "Download this scenario (CSV)", lambda: commented_csv(result, scenario, name),
        file_name=f"ketamine-{name}.csv", mime="text/csv", key="surge_csv")


with explain.layout("glutamate"):
    steady_section()
    over_time()
