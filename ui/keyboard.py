"""Keyboard access on every page: the focus and scrolling CSS (ui/assets/access.css).

app.py calls :func:`setup` once per run, before the page: the CSS applies to the whole app.
"""

from __future__ import annotations

import streamlit as st

from ui.assets import asset

STYLE = f"<style>\n{asset('access.css')}</style>"


def setup() -> None:
    """The page-wide CSS."""
    st.html(STYLE)
