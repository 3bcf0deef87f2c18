"""Read: topics (being built in this session)."""

import streamlit as st

from ui import controls

controls.page_start("Read: topics", [])
st.info("This page is being written.", icon=":material/construction:")
