"""Numbers read off a chart (peak level, time to peak, ...), shown as one element.

They look like ``st.metric`` (a small label over a large value, side by side where there is
room), but a group is one Markdown element instead of a metric and a column each. The
browser redraws every element of a fragment after each slider move: on BDNF & growth, four
metrics in two rows of columns added about 25 ms to each move, one element about 10 ms."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import streamlit as st

# As many columns as fit at 11 rem each: two beside an explainer, four on a projector.
GRID = ("display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); "
        "gap: 0.5rem 1rem; margin: 0 0 0.5rem")
LABEL = "font-size: 0.875rem; font-weight: 400; margin: 0"
VALUE = "font-size: 2.25rem; line-height: 1.2; margin: 0"  # st.metric's sizes
NOTE = "font-size: 0.875rem; margin: 0.25rem 0 0"


def readouts_html(items: Sequence[tuple[str, str]], note: str = "") -> str:
    """A definition list: each label a <dt>, its value the <dd> after it."""
    pairs = "".join(f'<div><dt style="{LABEL}">{escape(label)}</dt>'
                    f'<dd style="{VALUE}">{escape(value)}</dd></div>' for label, value in items)
    after = f'<p style="{NOTE}">{escape(note)}</p>' if note else ""
    return f'<dl class="kme-readouts" style="{GRID}">{pairs}</dl>{after}'


def readouts(items: Sequence[tuple[str, str]], note: str = "") -> None:
    """Show label-value pairs, with an optional sentence under them saying what they mean."""
    st.markdown(readouts_html(items, note), unsafe_allow_html=True)
