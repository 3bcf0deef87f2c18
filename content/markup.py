"""The content's light markup: ``[[term]]`` and ``[[words|term]]`` glossary links and ``[@id]``
citations (drawn by :mod:`content.citations`), turned into Markdown for the pages."""

from __future__ import annotations

import re
import urllib.parse

from content import citations
from content.loading import load_sources

GLOSSARY_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def linked_terms(text: str) -> list[str]:
    return [match.group(2 if match.group(2) else 1).strip()
            for match in GLOSSARY_LINK.finditer(text)]


def render(markdown: str, glossary_page: str = "glossary") -> str:
    """Markdown for ``st.markdown``: citations become short cites that link to their source,
    glossary terms links to the glossary."""
    sources = load_sources()

    def term(match: re.Match[str]) -> str:
        shown, target = match.group(1), (match.group(2) or match.group(1)).strip()
        return f"[{shown}]({glossary_page}?q={urllib.parse.quote(target)})"

    return GLOSSARY_LINK.sub(term, citations.markdown_cites(markdown, sources))
