"""Home: what this is, the conceptual label, and three ways in."""

import streamlit as st

from content import pages
from content.labels import PRESET_LABELS
from sim.scenarios import PRESETS
from ui import controls

controls.page_start("Ketamine Mechanisms Explorer", [])
st.markdown(
    "Ketamine started as an anaesthetic and is now studied as a fast-acting treatment for "
    "depression. This simulation shows the ways scientists *think* it may work: how a dose "
    "becomes a level in the blood and brain, how it blocks NMDA receptors, why glutamate "
    "surges at low doses but not at anaesthetic ones, and how BDNF may help new synapses grow "
    "over days. Every model here is simplified on purpose, and every number names its source."
)

explore, present, read = st.columns(3)
with explore:
    st.header("Explore")
    st.markdown("Move the sliders on each page and watch the models respond.")
    st.page_link(pages.file("dose"), label="Start with the dose", icon=":material/vaccines:")
with present:
    st.header("Present")
    st.markdown("Presenter mode gives large type, one chart at a time and high contrast for "
                "a projector. Turn it on in the sidebar of any page, or start with the tour.")
    st.page_link(pages.file("tour"), label="Present the guided tour", icon=":material/co_present:",
                 query_params={"present": "1"})
    st.page_link(pages.file("teachers"), label="Lesson plans and worksheets",
                 icon=":material/school:")
with read:
    st.header("Read")
    st.markdown("Follow a story in eleven steps, from a treatment session to what the "
                "evidence says, or read a topic and check clinic claims against research.")
    st.page_link(pages.file("tour"), label="Take the guided tour", icon=":material/explore:")
    st.page_link(pages.file("read"), label="Read a topic", icon=":material/menu_book:")
    st.page_link(pages.file("claims"), label="Claims & evidence", icon=":material/balance:")

st.header("Published protocols the models reproduce")
st.table(
    {
        "Published dose": [PRESET_LABELS[p.name] for p in PRESETS.values()],
        "What it is": [p.description for p in PRESETS.values()],
        "Source": [p.source for p in PRESETS.values()],
    }
)
