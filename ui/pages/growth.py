"""BDNF & synaptic growth: hours to weeks, chronic stress, and three proposed triggers."""

import numpy as np
import streamlit as st

from content import pages
from content.labels import PRESET_LABELS, preset_labels
from figures import growth, style, words
from figures.family import Member, family
from sim.export import commented_csv
from sim.params import describe
from sim.plasticity import HYPOTHESES, HYPOTHESIS_SOURCES, PlasticityParams
from sim.scenarios import PRESETS
from ui import controls, explain, scenario_io
from ui.copy_numbers import copy_numbers
from ui.live_chart import family_payload, live_family
from ui.readouts import readouts
from ui.simulate import run_preset

PRESET_NAMES = pages.page("growth").presets
STRESS = next(info for info in describe(PlasticityParams) if info.name == "stress")

SPECS = {
    "preset": controls.ChoiceSpec(
        "preset", "Published dose", PRESET_NAMES, "standard-iv",
        "One session or a course: research and label protocols (each one's source is shown "
        "under the box).", labels=preset_labels(PRESET_NAMES)),
    "hypothesis": controls.ChoiceSpec(
        "hypothesis", "What starts BDNF (proposed idea)", HYPOTHESES, "disinhibition",
        "Three proposed triggers: disinhibition (Moghaddam 1997; Li 2010), direct block at rest "
        "(Autry 2011; Nosyreva 2013) and the HNK metabolite (Zanos 2016, contested).",
        labels=tuple(words.HYPOTHESIS_NAMES[h] for h in HYPOTHESES)),
    "stress": controls.NumberSpec(
        "stress", "Chronic stress", STRESS.min, STRESS.max, STRESS.step, STRESS.default,
        "0 = none, 1 = severe",
        "Long-lasting stress removes spines; ketamine-driven growth mostly restores the lost "
        f"ones. Source: {STRESS.source}."),
    "span": controls.ChoiceSpec(
        "span", "Time shown", tuple(style.SPAN_LABELS), "auto",
        "How long after the first dose to draw. New spines stay raised for up to two weeks "
        "after one dose (Phoumthipphavong 2016).", labels=tuple(style.SPAN_LABELS.values())),
    "compare": controls.ChoiceSpec(
        "compare", "Compare the three ideas on", ("synapse_rel", "bdnf_rel"), "synapse_rel",
        "Which output to draw for all three proposed triggers at once.",
        labels=("Spine density", "BDNF")),
}

controls.page_start("BDNF & synaptic growth: from hours to weeks", list(SPECS.values()))

with st.sidebar:
    controls.reset_button(list(SPECS.values()))


# Figures and their tables depend only on these primitive values: build each once.
@st.cache_resource(max_entries=32, show_spinner=False)
def growth_chart(name: str, hypothesis: str, stress: float, hours: float):
    _, result = run_preset(name, hypothesis, stress, hours)
    fig, description = growth.growth_figure(
        result,
        f"BDNF comes first, then synaptic proteins, then new spines ({PRESET_LABELS[name]})")
    return fig, description, words.columns_table(growth.result_table(result), growth.GROWTH_TRACES)


@st.cache_resource(max_entries=32, show_spinner=False)
def hypotheses_chart(name: str, hypothesis: str, stress: float, hours: float, column: str):
    runs = {h: run_preset(name, h, stress, hours)[1] for h in HYPOTHESES}
    what = words.OUTPUTS[column].name
    fig, description = growth.hypotheses_figure(
        runs, column, hypothesis, f"{what} under each proposed idea ({PRESET_LABELS[name]})")
    table = {"Time since the first dose (h)": runs[hypothesis].time_h,
             **{f"{what}, {words.HYPOTHESIS_NAMES[h]} ({words.OUTPUTS[column].unit})":
                runs[h][column] for h in HYPOTHESES}}
    return fig, description, table


def growth_numbers(result, hours: float) -> list[tuple[str, str]]:
    spines = result["synapse_rel"]
    return [("Highest BDNF (× baseline)", f"{result['bdnf_rel'].max():.2f}"),
            ("Spine density before (×)", f"{spines[0]:.2f}"),
            ("Highest spine density (×)", f"{spines.max():.2f}"),
            (f"Spines after {style.when(hours)} (×)", f"{spines[-1]:.2f}")]


def stress_values() -> np.ndarray:
    spec = SPECS["stress"]
    return np.round(np.arange(spec.min, spec.max + spec.step / 2, spec.step), 6)


@st.cache_resource(max_entries=16, show_spinner=False)
def growth_family(name: str, hypothesis: str, hours: float) -> dict[str, str]:
    """The growth chart at every value of the stress slider (drawn while it is dragged)."""
    members = []
    for stress in stress_values():
        fig, description, _ = growth_chart(name, hypothesis, float(stress), hours)
        result = run_preset(name, hypothesis, float(stress), hours)[1]
        members.append(Member(fig, description,
                              tuple(v for _, v in growth_numbers(result, hours))))
    values = stress_values()
    return family_payload(family("stress", [f"{v:.2f}" for v in values], values, members))


@st.cache_resource(max_entries=16, show_spinner=False)
def hypotheses_family(name: str, hypothesis: str, hours: float, column: str) -> dict[str, str]:
    """The three ideas' chart at every value of the stress slider."""
    values = stress_values()
    members = [Member(*hypotheses_chart(name, hypothesis, float(v), hours, column)[:2])
               for v in values]
    return family_payload(family("stress", [f"{v:.2f}" for v in values], values, members))


def settings() -> tuple[str, str, str]:
    """The dose, the idea and the time shown."""
    name, hypothesis = controls.choice(SPECS["preset"]), controls.choice(SPECS["hypothesis"])
    return name, hypothesis, controls.choice(SPECS["span"])


def sources(name: str, hypothesis: str) -> str:
    preset = PRESETS[name]
    return (f"**{PRESET_LABELS[name]}**: {preset.description}. Source: {preset.source}. "
            f"**Idea**: {words.HYPOTHESIS_NAMES[hypothesis]}. Source: "
            f"{HYPOTHESIS_SOURCES[hypothesis]}.")


@st.fragment
def simulation(name: str, hypothesis: str, span: str) -> None:
    """The stress slider over the numbers and the chart it drives, then the three ideas (a
    fragment: a stress move redraws only this part, not the choices beside it; while stress
    is dragged both charts and the numbers follow it)."""
    hours = style.span_hours(span, PRESETS[name].hours)
    stress = controls.number(SPECS["stress"])
    scenario, result = run_preset(name, hypothesis, stress, hours)
    spines = result["synapse_rel"]
    peak = int(np.argmax(spines))
    readouts(growth_numbers(result, hours), live="growth", compact=True)
    if result.notes:
        st.warning(style.outside_range_sentence(result), icon=":material/block:")
    fig, description, table = growth_chart(name, hypothesis, stress, hours)
    controls.show_chart(fig, description, "growth", table, live=True)
    live_family(growth_family(name, hypothesis, hours), "growth")
    st.caption("The numbers above are relative to an unstressed, untreated brain (1 = the "
               "same as that brain). Spine density is highest "
               f"{style.after_first_dose(style.peak_time(result.time_h, spines, peak))}. "
               + sources(name, hypothesis))
    copy_numbers("Ketamine Mechanisms Explorer: BDNF & synaptic growth", [
        ("Published dose", PRESET_LABELS[name]),
        ("What starts BDNF", words.HYPOTHESIS_NAMES[hypothesis]),
        ("Chronic stress", f"{stress:g} (0 = none, 1 = severe)"),
        ("Time shown", style.SPAN_LABELS[span])],
        growth_numbers(result, hours), "growth", live="growth")
    st.download_button(
        "Download this scenario (CSV)", lambda: commented_csv(result, scenario, name),
        file_name=f"ketamine-growth-{name}-{hypothesis}.csv", mime="text/csv",
        key="growth_csv")
    scenario_io.download_bundle(result, scenario, name,
                                f"ketamine-growth-{name}-{hypothesis}")

    st.header("Where the three proposed ideas disagree")
    st.markdown(
        "The three ideas were tuned to give the same BDNF peak after one standard infusion, so "
        "they differ only in how BDNF depends on dose, route and time. Try "
        f"**{PRESET_LABELS['oral']}** (little ketamine reaches the brain, but the liver makes a "
        "lot of the HNK metabolite) or "
        f"**{PRESET_LABELS['im-injection']}** (a higher, shorter peak). Under anaesthesia all "
        "three go quiet: the model turns the growth signal down while a person is sedated, as a "
        "trial of ketamine given during surgery (Lii 2023) and rodent BDNF after anaesthetic "
        "doses (Wu 2019) suggest.")
    column = controls.choice(SPECS["compare"])
    fig, description, table = hypotheses_chart(name, hypothesis, stress, hours, column)
    controls.show_chart(fig, description, "hypotheses", table, live=True)
    live_family(hypotheses_family(name, hypothesis, hours, column), "hypotheses")


with explain.layout("growth"):
    left, right = st.columns([1, 2], gap="medium")
    with left:  # outside the fragment: they change less often than stress
        chosen = settings()
        st.markdown(
            "**All three triggers shown here are *proposed* ideas, none is proven, and in "
            "people BDNF has only ever been measured in the blood, not in the brain (Haile "
            "2014).**")
        explain.try_cards("growth")
    with right:
        simulation(*chosen)
