"""Claims & evidence: what clinic advertising says vs what research shows (ledger coming)."""

import streamlit as st

from ui import controls

controls.page_start("Claims & evidence", [])

st.info(
    "**The claims ledger is coming in a later update.** This page is a placeholder: it does "
    "not yet list any claims, so that nothing here can be mistaken for a real assessment.",
    icon=":material/construction:",
)

st.markdown(
    "Clinics that offer ketamine often describe what it does on their websites and in "
    "advertising. Some of those statements match what careful studies have found, some go "
    "further than the studies do, and some have not been studied at all. This page will put "
    "them side by side."
)

st.subheader("What the ledger will contain")
st.markdown(
    "For each claim:\n"
    "- **The claim**, quoted as a clinic or article makes it.\n"
    "- **Where it comes from**: the source article or web page, with its date.\n"
    "- **An evidence grade**: how strongly published research supports the claim, with the "
    "studies that the grade rests on, so you can check it yourself.\n"
)

st.subheader("Until then")
st.markdown(
    "The **About the models** page lists the published measurements this teaching model is "
    "checked against, with their sources. Those are facts about average results in research "
    "studies, not predictions for any one person, and nothing on this site is advice about "
    "treatment."
)
