"""For teachers (being built in this session)."""

import streamlit as st

from ui import controls

controls.page_start("For teachers", [])
st.info("This page is being written.", icon=":material/construction:")
