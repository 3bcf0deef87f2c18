"""Ketamine Mechanisms Explorer: page config and routing (from content/pages.py) only."""

import streamlit as st

from content import pages, urls
from ui import announce, controls, keyboard
from ui.live_chart import preload_plotly
from ui.runtime import keep_freed_memory

keep_freed_memory()  # simulations reuse memory instead of page-faulting it back each run
# Icons are Material symbols, not emoji: an emoji makes Streamlit load its emoji catalogue,
# a quarter of a second of a new server's first page.
st.set_page_config(page_title="Ketamine Mechanisms Explorer", page_icon=":material/neurology:",
                   layout="wide")
# The page registry in its order (home, then Simulate, Read, Teach, Reference). One list, not a
# dict of sections: Streamlit 1.67 draws section headings as <div>s inside the sidebar's <ul>,
# which axe reports as broken list markup for screen readers (tests/e2e/test_accessibility.py).
navigation = st.navigation([
    st.Page(p.file, title=p.title, default=True) if p.default
    else st.Page(p.file, title=p.title, url_path=p.url_path) for p in pages.PAGES
], expanded=True)  # every page listed: Streamlit folds all past the tenth under "View more"
# Each page its own browser-tab title (WCAG 2.4.2), the page's name first.
st.set_page_config(page_title=f"{navigation.title} · Ketamine Mechanisms Explorer")
with st.sidebar:
    preload_plotly()  # before the page runs, so plotly.js loads while the page computes
# Old links name a preset by its code: the box takes the name it shows instead (Streamlit
# seeds a bound widget from the address as first loaded, so the address cannot be rewritten).
for key, name in urls.upgraded_query(st.query_params.to_dict()).items():
    st.session_state[key] = name
keyboard.setup()  # focus rings, room under the header, a closed sidebar out of Tab, key help
announce.setup(navigation.url_path)  # the page's live region: what a change changed
navigation.run()
controls.footer()
