"""The app's words: explainers, claims, sources and glossary, under one name.

Content is data (``explainers/``, format in ``explainers/README.md``). Each concern has its
module, and this one gathers their public names, which the pages and tests use:

- :mod:`content.loading`: read the files into :class:`Explainer`, :class:`Claim`,
  :class:`Source` and glossary entries, checking their shape;
- :mod:`content.markup`: ``[@id]`` citations and ``[[term]]`` glossary links to Markdown
  (:func:`render`; citations are drawn by :mod:`content.citations`);
- :mod:`content.readability`: the Flesch-Kincaid grade of what a reader reads;
- :mod:`content.checks`: every rule a reader relies on (``python -m content``).

No Streamlit import, so tests and the command line use it as is.
"""

from __future__ import annotations

from content.checks import (
    HELP,
    MIN_CLAIMS,
    MIN_CLAIMS_PER_ARTICLE,
    OWN_FILE,
    PARAMS_CLASSES,
    SUICIDE,
    claim_problems,
    explainer_problems,
    explainer_texts,
    main,
    param_names,
    validate_all,
)
from content.loading import (
    ARTICLES,
    CLAIM_KEYS,
    CONTENT,
    EXPLAINER_KEYS,
    GRADES,
    NEED_HELP,
    PAGES,
    REQUIRED_TOPICS,
    SIMULATION_PAGES,
    TOPICS,
    Claim,
    ContentError,
    Explainer,
    Source,
    claims_reviewed,
    load_claims,
    load_explainers,
    load_glossary,
    load_sources,
    page_explainer,
    parse_explainer,
    report_an_error,
    review_date,
    reviewed_line,
    split_front_matter,
    topic_explainers,
)
from content.markup import GLOSSARY_LINK, linked_terms, render
from content.readability import MAX_GRADE_LEVEL, blocks, grade_level, plain_text

__all__ = [
    "ARTICLES", "CLAIM_KEYS", "CONTENT", "EXPLAINER_KEYS", "GLOSSARY_LINK", "GRADES", "HELP",
    "MAX_GRADE_LEVEL", "MIN_CLAIMS", "MIN_CLAIMS_PER_ARTICLE", "NEED_HELP", "OWN_FILE", "PAGES",
    "PARAMS_CLASSES", "REQUIRED_TOPICS", "SIMULATION_PAGES", "SUICIDE", "TOPICS", "Claim",
    "ContentError", "Explainer", "Source", "blocks", "claim_problems", "claims_reviewed",
    "explainer_problems", "explainer_texts", "grade_level", "linked_terms", "load_claims",
    "load_explainers", "load_glossary", "load_sources", "main", "page_explainer",
    "param_names", "parse_explainer", "plain_text", "render", "report_an_error",
    "review_date", "reviewed_line", "split_front_matter", "topic_explainers", "validate_all",
]

if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
