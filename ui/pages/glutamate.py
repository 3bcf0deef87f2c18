"""Glutamate surge: disinhibition at low levels, less firing at anaesthetic ones (inverted U)."""

import numpy as np
import streamlit as st

from content import pages
from content.labels import PRESET_LABELS, preset_labels
from figures import glutamate, levels, style
from figures.family import Member, family
from sim.export import commented_csv
from sim.scenarios import PRESETS
from sim.steady import dose_response_table
from ui import controls, explain
from ui.copy_numbers import copy_numbers
from ui.live_chart import family_payload, live_family
from ui.readouts import readouts
from ui.simulate import run_preset

HYPOTHESIS = "disinhibition"  # the glutamate surge is the disinhibition idea's first step
PRESET_NAMES = pages.page("glutamate").presets
LEVEL_POINTS = 200

SPECS = {
    "level": controls.ChoiceSpec(
        "level", "Ketamine in the brain (µM)",
        tuple(f"{v:g}" for v in glutamate.SCREEN_LEVELS), f"{glutamate.SCREEN_DEFAULT_UM:g}",
        "Held steady. The research infusion (0.5 mg/kg over 40 min) peaks near 0.8 µM in this "
        "model (Zarate 2006); anaesthesia holds about 9.3 µM (Idvall 1979).",
        labels=tuple(glutamate.level_label(v) for v in glutamate.SCREEN_LEVELS)),
    "preset": controls.ChoiceSpec(
        "preset", "Published dose", PRESET_NAMES, "standard-iv",
        "Research, label and anaesthesia protocols; each one's source is shown under the box.",
        labels=preset_labels(PRESET_NAMES)),
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


@st.cache_data(show_spinner=False)
def screen_rows() -> dict[str, dict]:
    """The steady state at each level of the screen's slider, by its code."""
    columns, values = dose_response_table(glutamate.SCREEN_LEVELS, HYPOTHESIS)
    return {f"{level:g}": dict(zip(columns, row, strict=True))
            for level, row in zip(glutamate.SCREEN_LEVELS, values, strict=True)}


@st.cache_resource(show_spinner=False)
def screen_family() -> dict[str, str]:
    """The screen at every level of its slider, drawn while the slider is dragged."""
    table, spec = inverted_u(), SPECS["level"]
    members = [Member(*glutamate.surge_screen(table, row),
                      tuple(value for _, value in glutamate.screen_numbers(row)))
               for row in screen_rows().values()]
    return family_payload(family(spec.key, list(spec.shown()), glutamate.SCREEN_LEVELS,
                                 members))


@st.fragment
def screen() -> None:
    """One brain level beside the synapse and the inverted U it drives (a fragment: moving
    the level redraws only this part; while it is dragged the picture follows it)."""
    left, right = st.columns([1, 2.3], gap="medium")
    with left:
        row = screen_rows()[controls.steps(SPECS["level"])]
        readouts(glutamate.screen_numbers(row), live="surge_screen", compact=True)
        explain.try_cards("glutamate")
    with right:
        table = inverted_u()
        fig, description = glutamate.surge_screen(table, row)
        controls.show_chart(fig, description, "surge_screen",
                            {"Brain level (µM)": table["brain_um"],
                             **{f"{name} (× baseline)": table[col]
                                for col, name in glutamate.DOSE_RESPONSE_TRACES.items()}},
                            live=True)
        live_family(screen_family(), "surge_screen")
        copy_numbers("Ketamine Mechanisms Explorer: Glutamate surge",
                     [("Brain level, held steady", glutamate.level_label(row["brain_um"]))],
                     glutamate.screen_numbers(row), "surge_screen", live="surge_screen")
        st.download_button(
            "Download the steady states (CSV)",
            lambda: style.table_csv(table, "steady state at fixed brain levels (uM); *_rel "
                                    "are relative to the untreated baseline"),
            file_name="ketamine-glutamate-dose-response.csv", mime="text/csv",
            key="inverted_u_csv")
    st.caption(
        "**Push the level up: the surge rises, then falls.** Drag the level and watch the "
        "interneuron's brake thin, receptors plug and glutamate climb the U, then fall at "
        "anaesthetic levels. Each level is held constant. The first-minutes response is what "
        "happens before a slow negative feedback (like mGluR2/3 receptors) pulls glutamate part "
        "of the way back. "
        "In rats, glutamate rose at low doses, did not change at a middle dose and fell at "
        "anaesthetic doses (Moghaddam 1997). Sizes are illustrative; only the shape is meant. "
        "The picture is a schematic: a plugged square is a blocked receptor, and the brake "
        "from the interneuron thins as it fires less.")


@st.fragment
def over_time() -> None:
    """Controls above the chart, not beside it (nothing squeezed at 768 px); a fragment, so
    moving them redraws only this part."""
    st.header("Over time, after a published dose")
    name = controls.choice(SPECS["preset"])
    hours = controls.number(SPECS["hours"])
    preset = PRESETS[name]
    st.caption(f"**{PRESET_LABELS[name]}**: {preset.description}. Source: {preset.source}.")
    scenario, result = run_preset(name, HYPOTHESIS, 0.0, hours)
    peak = float(np.max(result["brain_um"]))
    readouts([("Peak brain level", f"{peak:.2f} µM"),
              ("Highest glutamate (× baseline)", f"{np.max(result['glutamate_rel']):.2f}")],
             f"The peak brain level is {levels.range_name(peak)}.")
    if result.notes:
        st.warning(style.outside_range_sentence(result), icon=":material/block:")
    fig, description = glutamate.surge_figure(
        result, f"Glutamate and firing over time: {PRESET_LABELS[name]}")
    controls.show_chart(fig, description, "surge", glutamate.surge_table(result))
    st.caption(glutamate.GABA_NOTE)
    st.download_button(
        "Download this scenario (CSV)", lambda: commented_csv(result, scenario, name),
        file_name=f"ketamine-{name}.csv", mime="text/csv", key="surge_csv")


with explain.layout("glutamate"):
    screen()
    over_time()
