"""The one place citations are drawn: ``[@id]`` and ``[@a; @b]`` in the content become short
cites, linked for the app (Markdown) or plain for paper (worksheets), and a source becomes a
reference-list line.

Every function takes the sources (:func:`content.explainers.load_sources`) as an argument.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from content.explainers import Source

CITATION = re.compile(r"\[@([^\]]+)\]")


def cited_ids(text: str) -> list[str]:
    """Every id cited as ``[@id]`` or ``[@a; @b]``, in order."""
    ids = []
    for group in CITATION.findall(text):
        ids += [part.strip().lstrip("@").strip() for part in group.split(";") if part.strip()]
    return ids


def short_cite(key: str, sources: dict[str, Source]) -> str:
    """One short cite as Markdown: a link to the source's DOI/PubMed/URL where it has one."""
    source = sources.get(key)
    if source is None:
        return key
    name = key if source.clinic else source.cite
    name = name.replace("[", "(").replace("]", ")")
    return f"[{name}]({source.link})" if source.link else name


def markdown_cites(markdown: str, sources: dict[str, Source]) -> str:
    """Markdown with every citation as ``(short cite; short cite)``, each linked to its source."""
    def cite(match: re.Match[str]) -> str:
        return "(" + "; ".join(short_cite(key, sources) for key in cited_ids(match.group(0))) + ")"

    return CITATION.sub(cite, markdown)


def plain_cites(text: str, sources: dict[str, Source]) -> str:
    """Text with every citation as ``(name; name)`` in plain words, for paper."""
    def cite(match: re.Match[str]) -> str:
        names = []
        for key in cited_ids(match.group(0)):
            source = sources.get(key)
            names.append(key if source is None or source.clinic else source.cite)
        return "(" + "; ".join(names) + ")"

    return CITATION.sub(cite, text)


def evidence_cites(keys, sources: dict[str, Source]) -> str:
    """A claim's evidence as Markdown: each known source's cite, linked where it has a link."""
    return "; ".join(f"[{sources[e].cite}]({sources[e].link})" if sources[e].link
                     else sources[e].cite for e in keys if e in sources)


def source_line(key: str, sources: dict[str, Source]) -> str:
    """One source as a Markdown line: short cite, title, where it was published, link."""
    source = sources.get(key)
    if source is None:
        return f"- {key}"
    title = source.title if not source.clinic else f"*{source.title}*"
    lead = source.id if source.clinic else source.cite
    link = f" [link]({source.link})" if source.link else ""
    dated = f" {source.version}." if source.version else ""
    dated += f" Read {source.accessed}." if source.accessed else ""
    return f"- **{lead}**: {title}. {source.detail}.{dated}{link}"
