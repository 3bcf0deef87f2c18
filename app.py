"""Ketamine Mechanisms Explorer: page config and routing only."""

import streamlit as st

from ui import controls
from ui.live_chart import preload_plotly
from ui.runtime import keep_freed_memory

keep_freed_memory()  # simulations reuse memory instead of page-faulting it back each run
# Icons are Material symbols, not emoji: an emoji makes Streamlit load its emoji catalogue,
# a quarter of a second of a new server's first page.
st.set_page_config(page_title="Ketamine Mechanisms Explorer", page_icon=":material/neurology:",
                   layout="wide")
navigation = st.navigation([
    st.Page("ui/pages/home.py", title="Home", default=True),
    st.Page("ui/pages/dose.py", title="The dose", url_path="dose"),
    st.Page("ui/pages/receptor.py", title="NMDA blockade", url_path="receptor"),
    st.Page("ui/pages/glutamate.py", title="Glutamate surge", url_path="glutamate"),
    st.Page("ui/pages/growth.py", title="BDNF & synaptic growth", url_path="growth"),
    st.Page("ui/pages/story.py", title="The whole story", url_path="story"),
    st.Page("ui/pages/claims.py", title="Claims & evidence", url_path="claims"),
    st.Page("ui/pages/read.py", title="Read: topics", url_path="read"),
    st.Page("ui/pages/tour.py", title="Guided tour", url_path="tour"),
    st.Page("ui/pages/teachers.py", title="For teachers", url_path="teachers"),
    st.Page("ui/pages/about.py", title="About the models", url_path="about"),
    st.Page("ui/pages/glossary.py", title="Glossary", url_path="glossary"),
])
with st.sidebar:
    preload_plotly()  # before the page runs, so plotly.js loads while the page computes
navigation.run()
controls.footer()
