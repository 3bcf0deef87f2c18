"""Presenter mode (``?present=1``): for a projector in a classroom.

Larger type, the sidebar hidden, key numbers large, high-contrast colours, a link to the
current view to copy and the keyboard help (the sidebar that holds it is hidden). Pages ask
``active()`` to show one chart at a time.
"""

from __future__ import annotations

import urllib.parse

import streamlit as st

from content import pages
from ui import keyboard, links
from ui.assets import asset

KEY = "present"
ON = "1"

# High contrast for projectors: black on white, thicker focus rings, bigger everything.
STYLE = f"<style>\n{asset('presenter.css')}</style>"


def active() -> bool:
    return st.query_params.get(KEY) == ON


def _set(on: bool) -> None:
    if on:
        st.query_params[KEY] = ON
    else:
        st.query_params.pop(KEY, None)


def link_to_view() -> str:
    """The address of what is on screen now, controls included (they live in the URL), on
    the address a reader can open (links.reader_base: the public address, else the one the
    browser used, never the server's own localhost for a student's device)."""
    url = st.context.url or ""
    page = urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]
    query = {key: st.query_params.get_all(key)[-1] for key in st.query_params}
    return links.view_link(links.reader_base(url, st.context.headers), page, query)


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


def controls() -> None:
    """The switch in the sidebar, or, when presenting, the way out and the link to copy."""
    if not active():
        st.sidebar.toggle("Presenter mode", value=False, key="presenter_toggle",
                          on_change=_set, args=(True,),
                          help="Large type, no sidebar and high contrast, for a projector. "
                               "The link keeps ?present=1.")
        return
    st.html(STYLE)
    exit_column, link_column, help_column = st.columns([1, 1, 1])
    exit_column.button("Leave presenter mode", on_click=_set, args=(False,),
                       key="presenter_exit", icon=":material/close_fullscreen:")
    # An expander, not a popover: Streamlit 1.67 draws a popover's content at the end of the page
    # and leaves focus on its button, so Tab went on through the page instead of into it.
    with link_column.expander("Copy a link to this view", icon=":material/link:"):
        st.code(link_to_view(), language=None, wrap_lines=True)
        st.caption("Press Tab to reach the copy button at the top right of the box, then "
                   "Enter; or select the address and copy it.")
    with help_column.expander(keyboard.TITLE, icon=keyboard.ICON):  # the sidebar is hidden
        st.markdown(keyboard.HELP)
