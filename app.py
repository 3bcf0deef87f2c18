"""Ketamine Mechanisms Explorer: page config and routing (from content/pages.py) only."""

import streamlit as st

from content import pages
from ui import controls
from ui.live_chart import preload_plotly
from ui.runtime import keep_freed_memory

keep_freed_memory()  # simulations reuse memory instead of page-faulting it back each run
# Icons are Material symbols, not emoji: an emoji makes Streamlit load its emoji catalogue,
# a quarter of a second of a new server's first page.
st.set_page_config(page_title="Ketamine Mechanisms Explorer", page_icon=":material/neurology:",
                   layout="wide")
navigation = st.navigation({  # the page registry, by section (home first, without a heading)
    section: [st.Page(p.file, title=p.title, default=True) if p.default
              else st.Page(p.file, title=p.title, url_path=p.url_path) for p in section_pages]
    for section, section_pages in pages.sections().items()
})
with st.sidebar:
    preload_plotly()  # before the page runs, so plotly.js loads while the page computes
navigation.run()
controls.footer()
