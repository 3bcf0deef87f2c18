"""Glossary: the words the app uses, in plain language, alphabetically, with a search box."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st
import yaml

from ui import controls

GLOSSARY = Path(__file__).resolve().parents[2] / "explainers" / "glossary.yaml"


class GlossaryError(ValueError):
    """The glossary file is missing or not in the expected shape."""


def load_glossary(path: Path = GLOSSARY) -> list[dict[str, str]]:
    """The glossary as a list of {term, definition}, sorted by term; ``GlossaryError`` if the
    file is missing or malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as problem:
        raise GlossaryError(f"the glossary file {path.name} could not be read "
                            f"({problem.strerror or problem})") from problem
    except yaml.YAMLError as problem:
        raise GlossaryError(f"the glossary file {path.name} is not valid YAML") from problem
    if not isinstance(data, list) or not data:
        raise GlossaryError(f"the glossary file {path.name} should be a list of terms")
    entries = []
    for number, item in enumerate(data, start=1):
        if not (isinstance(item, dict) and isinstance(item.get("term"), str)
                and isinstance(item.get("definition"), str)
                and item["term"].strip() and item["definition"].strip()):
            raise GlossaryError(f"entry {number} of {path.name} needs a 'term' and a "
                                "'definition', both text")
        entries.append({"term": item["term"].strip(), "definition": item["definition"].strip()})
    return sorted(entries, key=lambda e: e["term"].casefold())


def _plain(text: str) -> str:
    """Show text as written, not as Markdown."""
    return re.sub(r"([\\*_~$<>#|\[\]`])", r"\\\1", text)


controls.page_start("Glossary", [])
st.markdown("The words this explorer uses, each in one plain sentence.")

try:
    entries = load_glossary()
except GlossaryError as problem:
    st.error(f"The glossary cannot be shown: {problem}.", icon=":material/error:")
    st.stop()

query = st.text_input(
    "Search the glossary", key="q", type="search", bind="query-params",
    placeholder="for example: receptor", help="Matches words in the terms and definitions.",
)
needle = (query or "").strip().casefold()
shown = [e for e in entries
         if needle in e["term"].casefold() or needle in e["definition"].casefold()]

if needle:
    st.caption(f"Showing {len(shown)} of {len(entries)} terms matching “{query.strip()}”.")
else:
    st.caption(f"All {len(entries)} terms, A to Z.")
if not shown:
    st.info("No term matches that search. Try a shorter word.", icon=":material/search:")
for entry in shown:
    st.markdown(f"**{_plain(entry['term'])}**  \n{_plain(entry['definition'])}")
