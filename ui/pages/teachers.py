"""For teachers: the teacher's guide with its lesson plans, and printable worksheets."""

from __future__ import annotations

import functools
import urllib.parse

import streamlit as st

from content import explainers, pages, worksheets
from ui import controls, explain

FIRST_PLAN = "A 20-minute lesson"  # the guide section shown open, so a lesson can start at once


def app_base() -> str:
    """The app's address (scheme, host, port and any prefix), for full links on paper."""
    url = st.context.url or ""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    prefix = parts.path.rsplit("/", 1)[0]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, prefix, "", ""))


def show_guide() -> None:
    try:
        guide = worksheets.load_guide()
        guide_sections = [(heading, explainers.render(text)) for heading, text in guide.sections()]
    except explainers.ContentError as problem:
        st.error(f"The teacher's guide cannot be shown: {problem}.", icon=":material/error:")
        return
    st.markdown(explainers.render(guide.summary))
    st.caption(f"About {guide.reading_minutes} minutes to read. The links open each page with "
               "its settings already made.")
    for heading, text in guide_sections:
        if not heading:
            st.markdown(text)
        elif heading == "Learning goals":
            st.header(heading)
            st.markdown(text)
        else:
            with st.expander(heading, expanded=heading == FIRST_PLAN):
                st.markdown(text)
    with st.expander("Sources for this guide"):
        st.markdown("\n".join(explain.source_line(key) for key in guide.sources))
        st.caption("S1 to S5 are clinic articles: they tell us what is claimed. The research "
                   "papers tell us what has been shown.")
    st.download_button(
        "Download this guide to print (HTML)",
        functools.partial(worksheets.render_guide_html, guide),
        file_name="ketamine-explorer-teacher-guide.html", mime="text/html", key="guide_html",
        icon=":material/print:")


def show_worksheet(sheet: worksheets.Worksheet, base: str) -> None:
    with st.container(border=True):
        st.subheader(sheet.title)
        st.caption(f"{sheet.level} · about {sheet.minutes} minutes · "
                   f"{len(sheet.questions)} questions")
        st.markdown(explainers.render(sheet.summary))
        st.markdown("**Pages used:** " + " · ".join(
            f"[{pages.page(page).title}]({page})" for page in sheet.pages))
        left, right = st.columns(2)
        left.download_button(
            "Student sheet (HTML)", functools.partial(worksheets.render_html, sheet, False, base),
            file_name=f"{sheet.id}-student.html", mime="text/html",
            key=f"{sheet.id}_student", icon=":material/download:",
            help="Questions with space to write; no answers.")
        right.download_button(
            "Teacher key (HTML)", functools.partial(worksheets.render_html, sheet, True, base),
            file_name=f"{sheet.id}-teacher-key.html", mime="text/html",
            key=f"{sheet.id}_key", icon=":material/key:",
            help="The same questions with the answers, worked out from the app's model.")
        with st.expander("Preview the questions and answers"):
            for number, q in enumerate(sheet.questions, start=1):
                kind = worksheets.KINDS[q.kind][0]
                st.markdown(f"**{number}. {explainers.render(q.question)}** *({kind})*")
                st.caption(f"How: {explainers.render(q.how)}")
                st.markdown(f"> **Answer:** {explainers.render(q.answer)}")


def show_worksheets() -> None:
    paths = worksheets.worksheet_paths()
    if not paths:
        st.error("No worksheets were found in explainers/worksheets/.", icon=":material/error:")
        return
    sheets = []
    for path in paths:
        try:
            sheets.append(worksheets.parse_worksheet(path))
            explainers.load_sources()  # the sheets' citations and source lists need it
        except explainers.ContentError as problem:
            st.error(f"This worksheet cannot be shown: {problem}.", icon=":material/error:")
    base = app_base()
    for sheet in sorted(sheets, key=worksheets.chain_order):
        show_worksheet(sheet, base)


controls.page_start("For teachers", [])
show_guide()

st.header("Worksheets to print")
st.info(
    "**How to print.** Download a sheet, open the file in any web browser, then press "
    "Ctrl+P (Cmd+P on a Mac). Choose A4 or Letter and turn off the browser's headers and "
    "footers for a clean page; \"Save as PDF\" makes a file to share. The sheets need no "
    "internet connection once downloaded.", icon=":material/print:")
show_worksheets()

st.caption(explain.HELP_NOTE)
