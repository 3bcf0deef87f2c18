"""Presenter mode (``?present=1``): for a projector in a classroom.

Larger type, the sidebar hidden, key numbers large, high-contrast colours, and one row of
controls in its place: leave, the list of pages, the link to the current view with its QR code
(students scan the screen), and the keyboard help. Pages ask ``active()`` to show one chart at
a time. Focus returns to the control that switched the mode, on the page it redraws.
"""

from __future__ import annotations

import functools
import urllib.parse
from html import escape

import segno
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from content import pages
from ui import keyboard, links
from ui.assets import asset
from ui.help_text import help_for

KEY = "present"
ON = "1"

# High contrast for projectors: black on white, thicker focus rings, bigger everything.
STYLE = f"<style>\n{asset('presenter.css')}</style>"
# The control to focus once the mode has switched: the way back out, or the switch that went
# in (Streamlit redraws the page and focus fell to its body, WCAG 2.4.3).
FOCUS_KEY = "presenter_focus"
EXIT, TOGGLE = "presenter_exit", "presenter_toggle"
TOGGLE_HELP = ("Large type, no sidebar and high contrast, for a projector. The link keeps "
               "?present=1.")
_FOCUS_JS, _FOCUS_CSS = asset("focus_return.js"), asset("focus_return.css")


def active() -> bool:
    return st.query_params.get(KEY) == ON


def _set(on: bool) -> None:
    if on:
        st.query_params[KEY] = ON
    else:
        st.query_params.pop(KEY, None)
    switches = st.session_state.get(FOCUS_KEY, {}).get("switch", 0) + 1
    st.session_state[FOCUS_KEY] = {"key": EXIT if on else TOGGLE, "switch": switches}


@functools.cache
def _focus_component():
    return st.components.v2.component(
        "kme_focus_return", html='<span class="kme-focus-return" hidden></span>',
        css=_FOCUS_CSS, js=_FOCUS_JS, isolate_styles=False)


def _return_focus() -> None:
    """Focus the control named by the last switch, once it is drawn. Sent with every run
    after a switch (a switch can take two runs, the second after the address changes); the
    browser acts once per switch."""
    request = st.session_state.get(FOCUS_KEY)
    if request:
        _focus_component()(key="focus_return", data=request)


def link_to_view() -> str:
    """The address of what is on screen now, controls included (they live in the URL), on
    the address a reader can open (links.reader_base: the public address, else the one the
    browser used, never the server's own localhost for a student's device)."""
    url = st.context.url or ""
    page = urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]
    query = {key: st.query_params.get_all(key)[-1] for key in st.query_params}
    return links.view_link(links.reader_base(url, st.context.headers), page, query)


def qr_code(link: str) -> str:
    """The QR code of ``link`` as an image (an SVG data URI: Streamlit's HTML sanitiser drops
    inline SVG), named for screen readers: black on white with the standard quiet zone,
    scaled by its box."""
    uri = segno.make(link, error="m").svg_data_uri(dark="#000000", light="#FFFFFF", border=4,
                                                  omitsize=True)
    return (f'<img class="kme-qr" src="{uri}" '
            f'alt="QR code of the link to this view: {escape(link)}">')


def current_page(url: str) -> pages.Page | None:
    """The registry's page at this address (home: the one with no url path), or None."""
    path = urllib.parse.urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    found = [p for p in pages.PAGES if p.url_path == path] or [
        p for p in pages.PAGES if p.default]
    return found[0] if found else None


def neighbours(page: pages.Page | None) -> tuple[pages.Page | None, pages.Page | None]:
    """The pages before and after ``page`` in the registry's order (the sidebar's)."""
    if page is None:
        return None, None
    i = pages.PAGES.index(page)
    return (pages.PAGES[i - 1] if i > 0 else None,
            pages.PAGES[i + 1] if i + 1 < len(pages.PAGES) else None)


def page_steps() -> None:
    """Previous and next page at the foot of a page in presenter mode (the sidebar, with the
    page list, is hidden); at the foot, so the chart keeps the projector's screen."""
    if not active():
        return
    before, after = neighbours(current_page(st.context.url or ""))
    back_column, next_column = st.columns(2)
    for column, page, label, icon in ((back_column, before, "Previous page", "arrow_back"),
                                      (next_column, after, "Next page", "arrow_forward")):
        if page is not None:
            column.page_link(page.file, label=page.title, help=f"{label}: {page.title}",
                             icon=f":material/{icon}:", query_params={KEY: ON})


def page_list(current: pages.Page | None) -> None:
    """Every page, in the sidebar's order, each opening in presenter mode (the sidebar with
    its list is hidden here)."""
    for page in pages.PAGES:
        shown_now = page is current
        try:
            st.page_link(page.file, label=page.title + (" (here)" if shown_now else ""),
                         query_params={KEY: ON}, disabled=shown_now)
        except StreamlitPageNotFoundError:  # a page run on its own (AppTest): no navigation
            return


def controls() -> None:
    """The switch in the sidebar, or, when presenting, the way out, the pages, the link to
    this view with its QR code and the keyboard help."""
    if not active():
        with st.sidebar:
            st.toggle("Presenter mode", value=False, key=TOGGLE, on_change=_set, args=(True,),
                      help=TOGGLE_HELP)
            help_for(TOGGLE, TOGGLE_HELP)
        _return_focus()
        return
    st.html(STYLE)
    exit_column, pages_column, link_column, help_column = st.columns(4)
    exit_column.button("Leave presenter mode", on_click=_set, args=(False,),
                       key=EXIT, icon=":material/close_fullscreen:")
    # Expanders, not popovers: Streamlit 1.67 draws a popover's content at the end of the page
    # and leaves focus on its button, so Tab went on through the page instead of into it.
    with pages_column.expander("All pages", icon=":material/list:"):
        page_list(current_page(st.context.url or ""))
    with link_column.expander("Link and QR code", icon=":material/qr_code_2:"):
        link = link_to_view()
        st.html(qr_code(link))
        st.code(link, language=None, wrap_lines=True)
        st.caption("Students scan the code, or type the address. To copy it: Tab to the copy "
                   "button at the top right of the address, then Enter.")
    with help_column.expander(keyboard.TITLE, icon=keyboard.ICON):  # the sidebar is hidden
        st.markdown(keyboard.HELP)
    _return_focus()
