""""Copy my numbers": the page's settings in words, its key numbers and the link to this view,
put on the clipboard with one button (issue 21: for homework). The browser adds the link (the
address the reader sees holds the settings) and reads the numbers as they are shown."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import streamlit as st

from sim.export import DISCLAIMER
from ui.assets import asset

COMPONENT = "kme_copy_numbers"
_JS, _CSS = asset("copy_numbers.js"), asset("copy_numbers.css")
_HTML = ('<button type="button" class="kme-copy">Copy my numbers</button>'
         '<span class="kme-copy-status" role="status" aria-live="polite"></span>')


@functools.cache
def _component():
    return st.components.v2.component(COMPONENT, html=_HTML, css=_CSS, js=_JS,
                                      isolate_styles=False)


def lines(pairs: Sequence[tuple[str, str]]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in pairs)


def copy_numbers(title: str, settings: Sequence[tuple[str, str]],
                 numbers: Sequence[tuple[str, str]], key: str, live: str = "") -> None:
    """The button. ``live``: the key of the numbers a drag updates (ui/readouts.py), read as
    shown when the button is pressed."""
    _component()(key=f"copy_{key}", data={
        "title": title, "settings": lines(settings), "numbers": lines(numbers),
        "live": live, "label": DISCLAIMER})
