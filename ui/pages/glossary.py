"""Glossary: the words the app uses, in plain language, alphabetically, with a search box."""

from __future__ import annotations

from html import escape

import streamlit as st

from content.explainers import ContentError, load_glossary
from ui import announce, controls
from ui.help_text import help_for


def definition_list(entries: list[dict]) -> str:
    """The terms as one HTML definition list, a screen reader's "list of N items", each term
    and its definition as written (escaped, so never read as Markdown or HTML). One line per
    term: a blank line would end Markdown's HTML block."""
    items = "".join(f"<dt>{escape(e['term'])}</dt><dd>{escape(e['definition'])}</dd>\n"
                    for e in entries)
    return f'<dl class="kme-glossary">\n{items}</dl>'


controls.page_start("Glossary", [])
st.markdown("The words this explorer uses, each in one plain sentence.")

try:
    entries = load_glossary()
except ContentError as problem:
    st.error(f"The glossary cannot be shown: {problem}.", icon=":material/error:")
    st.stop()

SEARCH_HELP = "Matches words in the terms and definitions."
query = st.text_input(
    "Search the glossary", key="q", type="search", bind="query-params",
    placeholder="for example: receptor", help=SEARCH_HELP,
)
help_for("q", SEARCH_HELP)
needle = (query or "").strip().casefold()
shown = [e for e in entries
         if needle in e["term"].casefold() or needle in e["definition"].casefold()]

if needle:
    count = f"Showing {len(shown)} of {len(entries)} terms matching “{query.strip()}”."
else:
    count = f"All {len(entries)} terms, A to Z."
st.caption(count)
announce.say(count)  # a screen reader hears the new count once the search settles
if not shown:
    st.info("No term matches that search. Try a shorter word.", icon=":material/search:")
if shown:
    st.markdown(definition_list(shown), unsafe_allow_html=True)
