"""What changed, said to a screen reader: one polite live region per page (WCAG 4.1.3, PhET's
"context responses").

The region is a ``role="status"`` element that ui/assets/announce.js puts on the page's
``<body>`` once, outside Streamlit's React tree, so no rerun re-creates it (a live region made
anew is often not read). It says one short sentence once a control has settled (a held arrow
key or a drag is said once, at its final value):

- on pages with key numbers (ui/readouts.py), the browser composes the sentence itself from the
  control that changed and the key numbers that changed with it ("Dose 0.70 mg/kg: peak plasma
  level 264 ng/mL; peak brain level 1.54 µM."), during a drag as well as after a rerun;
- a page says its own sentence with :func:`say` (the glossary's "Showing 4 of 73 terms", a
  tour step), said when it changes, not when a page opens or a rerun repeats it.

app.py calls :func:`setup` once per run, before the page.
"""

from __future__ import annotations

import functools

import streamlit as st

from ui.assets import asset

COMPONENT = "kme_announce"
REGION_ID = "kme-announce"  # the live region's id in the page (announce.js)
_HTML = '<span class="kme-say" hidden></span>'
# The component shows nothing, and its element takes no room (no gap in its column). Two
# lines: Streamlit takes one line with "/" or "[" in it for a file's name.
_CSS = '[data-testid="stElementContainer"]:has(.kme-say) {\n  display: none; }\n'
_JS = asset("announce.js")
_PAGE = "_kme_announce_page"  # session state: the page setup() was given, sent with each say()


@functools.cache
def _component():
    return st.components.v2.component(COMPONENT, html=_HTML, css=_CSS, js=_JS,
                                      isolate_styles=False)


def setup(page: str) -> None:
    """Put the live region on the page, and let the browser say what each settled control
    changed. ``page``: the page's url path (a new page begins anew: nothing it opens with is
    said)."""
    st.session_state[_PAGE] = page
    _component()(key="announce", data={"page": page})


def say(text: str, key: str = "page") -> None:
    """Hand one sentence to the page's live region; it is said when it differs from what this
    ``key`` said before on this page (not when the page opens, nor when a rerun repeats it).

    With a control's change, the control comes first: "Evidence grade Mixed evidence: 19 of 45
    claims.\""""
    _component()(key=f"announce_{key}", data={"key": key, "text": sentence(text),
                                               "page": st.session_state.get(_PAGE, "")})


def sentence(text: str) -> str:
    """``text`` as one sentence: single spaces, and a full stop at the end unless it ends
    with one already (or with "?" or "!")."""
    words = " ".join(text.split())
    if not words or words[-1] in ".?!":
        return words
    if words[-1] in "”\"" and len(words) > 1 and words[-2] in ".?!":
        return words
    return words + "."


def step(number: int, total: int, title: str) -> str:
    """Where a tour is: "Step 3 of 8: Receptors plugged"."""
    return f"Step {number} of {total}: {title}"
