"""Numbers read off a chart (peak level, time to peak, ...), shown as one element.

They look like ``st.metric`` (a small label over a large value, side by side where there is
room), but a group is one Markdown element instead of a metric and a column each. The
browser redraws every element of a fragment after each slider move: on BDNF & growth, four
metrics in two rows of columns added about 25 ms to each move, one element about 10 ms.

The page's live region (ui/announce.py) reads the numbers as shown, drag or rerun, and says
those a settled control changed: label and value read as words ("Peak brain level", "1.54 µM"
-> "peak brain level 1.54 µM"), so a label should name its number and a unit in brackets
("Highest BDNF (× baseline)") is said after the value."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import streamlit as st

# As many columns as fit at 11 rem each: two beside an explainer, four on a projector.
GRID = ("display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); "
        "gap: 0.5rem 1rem; margin: 0 0 0.5rem")
LABEL = "font-size: 0.875rem; font-weight: 400; margin: 0"
VALUE = "font-size: 2.25rem; line-height: 1.2; margin: 0"  # st.metric's sizes
# Beside the controls, above the chart: one row of smaller numbers, so the chart keeps the screen.
COMPACT_GRID = GRID.replace("11rem", "5.5rem").replace("0.5rem 1rem", "0.5rem 0.75rem")
COMPACT_LABEL = "font-size: 0.8rem; line-height: 1.2; font-weight: 400; margin: 0"
COMPACT_VALUE = ("font-size: 1.2rem; line-height: 1.2; margin: 0; font-weight: 600; "
                 "white-space: nowrap")
NOTE = "font-size: 0.875rem; margin: 0.25rem 0 0"


def readouts_html(items: Sequence[tuple[str, str]], note: str = "", live: str = "",
                  compact: bool = False) -> str:
    """A definition list: each label a <dt>, its value the <dd> after it; with ``live``, the
    key of the chart whose family updates the values while its control moves."""
    pairs = "".join(f'<div><dt style="{COMPACT_LABEL if compact else LABEL}">'
                    f'{escape(label)}</dt>'
                    f'<dd style="{COMPACT_VALUE if compact else VALUE}">{escape(value)}</dd>'
                    '</div>' for label, value in items)
    after = f'<p style="{NOTE}">{escape(note)}</p>' if note else ""
    tag = f' data-kme-live="{escape(live)}"' if live else ""
    grid = COMPACT_GRID if compact else GRID
    return f'<dl class="kme-readouts"{tag} style="{grid}">{pairs}</dl>{after}'


def readouts(items: Sequence[tuple[str, str]], note: str = "", live: str = "",
             compact: bool = False) -> None:
    """Show label-value pairs, with an optional sentence under them saying what they mean."""
    st.markdown(readouts_html(items, note, live, compact), unsafe_allow_html=True)
