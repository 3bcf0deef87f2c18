"""Ketamine Mechanisms Explorer: page config and routing only."""

import streamlit as st

from ui.runtime import keep_freed_memory

keep_freed_memory()  # simulations reuse memory instead of page-faulting it back each run
st.set_page_config(page_title="Ketamine Mechanisms Explorer", page_icon="🧠", layout="wide")
navigation = st.navigation([
    st.Page("ui/pages/home.py", title="Home", default=True),
    st.Page("ui/pages/dose.py", title="The dose", url_path="dose"),
])
navigation.run()
