"""A control's help, read out by screen readers (WCAG 4.1.2).

Streamlit shows a control's ``help`` only while the pointer is on its "?" and ties it to
nothing, so a screen reader never reads it (and it holds the source notes). :func:`help_for`
writes it into the page, hidden; ui/assets/widget_access.js makes it the description of the
control with that key and of its "?" (ui/assets/controls.css takes away its room).
"""

from __future__ import annotations

from html import escape

import streamlit as st


def help_for(key: str, text: str | None) -> None:
    """Describe the control with Streamlit key ``key`` by ``text`` (nothing if no text)."""
    if text:
        st.html(f'<span class="kme-help" id="kme-help-{escape(key)}" data-for="{escape(key)}" '
                f'hidden>{escape(text)}</span>')
