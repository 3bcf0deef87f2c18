"""Guided tour: a story in steps, each setting the simulation and asking before it tells."""

import numpy as np
import streamlit as st

from content import explainers, pages
from content.labels import PRESET_LABELS
from content.tour import Step, load_tour, step_from_url
from figures import dose, glutamate, growth, levels, receptor, words
from sim.scenarios import PRESETS
from sim.steady import dose_response_table
from ui import announce, controls, links, presenter
from ui.simulate import run_preset

GROWTH_HOURS = {"iv-course": 24.0 * 21}  # a course needs three weeks to show its fading


def load() -> tuple[tuple[Step, ...], dict[str, explainers.Claim]]:
    try:
        return load_tour(), {c.id: c for c in explainers.load_claims()}
    except explainers.ContentError as problem:
        st.error(f"The tour cannot be played: {problem}.", icon=":material/error:")
        st.stop()


@st.cache_resource(max_entries=32, show_spinner=False)
def chart(kind: str, preset: str | None, hypothesis: str, stress: float):
    """The step's figure and its description (figures are built once and never mutated)."""
    if kind == "inverted-u":
        columns, values = dose_response_table(levels.log_levels(200), hypothesis)
        return glutamate.inverted_u_figure(glutamate.as_columns(columns, values))
    hours = GROWTH_HOURS.get(preset, PRESETS[preset].hours) if kind in ("growth", "hypotheses") \
        else min(PRESETS[preset].hours, 6.0)
    _, result = run_preset(preset, hypothesis, stress, hours)
    name = PRESET_LABELS[preset]
    if kind == "levels":
        return dose.plasma_and_brain(result)
    if kind == "block":
        level = float(np.max(result["brain_um"]))
        return receptor.block_figure(receptor.block_table(levels.log_levels()), level)
    if kind == "surge":
        return glutamate.surge_figure(result, f"Glutamate and firing over time: {name}")
    if kind == "growth":
        return growth.growth_figure(result, f"BDNF and spines: {name}")
    runs = {h: run_preset(preset, h, stress, hours)[1] for h in words.HYPOTHESIS_NAMES}
    return growth.hypotheses_figure(runs, "synapse_rel", hypothesis,
                                f"Spine density under each proposed idea ({name})")


def go_to(number: int) -> None:
    st.query_params["tour"] = str(number)


controls.page_start("Guided tour", [])
steps, claims = load()
number, notice = step_from_url(st.query_params.get("tour"), len(steps))
step = steps[number - 1]
if notice:
    st.info(notice, icon=":material/info:")

if presenter.active():  # one row of controls, so the chart fits a 1280 x 720 projector
    back, middle, forward = st.columns([1, 4, 1], vertical_alignment="center")
    middle.progress(number / len(steps), text=f"Step {number} of {len(steps)}")
else:
    st.progress(number / len(steps), text=f"Step {number} of {len(steps)}")
    back, forward = st.columns(2)
back.button("← Back", on_click=go_to, args=(number - 1,), disabled=number == 1,
            key="tour_back", width="stretch")
forward.button("Next →", on_click=go_to, args=(number + 1,), disabled=number == len(steps),
               key="tour_next", width="stretch", type="primary")

st.header(f"{number}. {step.title}")
announce.say(announce.step(number, len(steps), step.title))  # Back and Next move no focus
if not presenter.active():  # on a projector the chart comes first, the words under it
    st.markdown(explainers.render(step.text))
if step.chart != "none":
    figure, description = chart(step.chart, step.preset, step.hypothesis, step.stress)
    controls.show_chart(figure, description, f"tour_chart_{number}")
    page = {"levels": "dose", "block": "receptor", "surge": "glutamate",
            "inverted-u": "glutamate", "growth": "growth", "hypotheses": "growth"}[step.chart]
    query = links.preset_query(page, step.preset)
    if step.stress and page == "growth":
        query["stress"] = f"{step.stress:g}"
    st.page_link(pages.file(page), label=f"Explore this on {pages.page(page).title}",
                 icon=":material/science:", query_params=query)
if presenter.active():
    st.markdown(explainers.render(step.text))
st.markdown(f"**Look at:** {explainers.render(step.look_at)}")
st.markdown(f"**{step.question}**")
with st.expander("Show the answer"):
    st.markdown(explainers.render(step.answer))
related = [claims[c] for c in step.claims if c in claims]
if related:
    st.markdown("**Related claims from clinic articles**")
for claim in related:
    st.page_link(pages.file("claims"), label=f"“{claim.claim}” (graded: {claim.grade})",
                 icon=":material/fact_check:", query_params={"claim": claim.id})
