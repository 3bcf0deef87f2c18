"""Keyboard access on every page: the focus and scrolling CSS (ui/assets/access.css) and a
short keyboard-help panel, as PhET's simulations have.

app.py calls :func:`setup` once per run, before the page: the CSS applies to the whole app
and the panel heads the sidebar. Presenter mode hides the sidebar, so the presenter's row of
buttons offers the same help (ui/presenter.py).
"""

from __future__ import annotations

import streamlit as st

from ui.assets import asset

STYLE = f"<style>\n{asset('access.css')}</style>"
TITLE = "Keyboard help"
ICON = ":material/keyboard:"

# What each key does, as Streamlit 1.67's controls answer it (checked in a browser).
HELP = """\
- **Tab** and **Shift+Tab** go to the next and the previous control. The first **Tab** on a
  page shows **Skip to main content**: press **Enter** to jump past the menu to the page.
- **Sliders**: **←** **→** (or **↑** **↓**) move one step, **Page Up** and **Page Down** a
  tenth of the range, **Home** and **End** to the lowest and highest value. The chart and the
  sentence under it follow each step.
- **Select boxes**: **Enter** or **↓** opens the list (type to narrow it), **↑** **↓** choose,
  **Enter** picks, **Esc** closes.
- **Switches, check boxes, buttons** and folded panels such as this one: **Space** or
  **Enter**. Tabs such as those on *Claims & evidence*: **←** **→**.
- **The sidebar** holds the page menu and some controls. On a narrow screen, or once closed,
  it is hidden and **Tab** skips it: **Tab** to **Expand sidebar** at the top left and press
  **Enter** to open it; **Collapse sidebar** at its top closes it.
- **Charts**: the sentence under each chart says what it shows, and each chart can show its
  numbers as a table (the switch under it). **Tab** also reaches the chart's tools, among
  them **Download a picture** and **Full screen** (**Esc** to leave).
- **Screen readers** hear, a moment after a control settles, what the change changed, and
  each control's help with its name.
- **Presenter mode**: **All pages**, **Link and QR code** and this help sit in the row at the
  top; **Leave presenter mode** is its first button.
"""


def setup() -> None:
    """The page-wide CSS, and the help folded at the top of the sidebar (under the page
    menu, before the page's own controls)."""
    st.html(STYLE)
    with st.sidebar.expander(TITLE, icon=ICON):
        st.markdown(HELP)
