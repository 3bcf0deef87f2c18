"""The app's words as data: explainers, claims, sources and glossary, read from
``explainers/`` (format in ``explainers/README.md``) and checked for shape as they load.

Their meaning (each claim and cited id resolves, readability, ...) is checked by
:mod:`content.checks`; :mod:`content.explainers` gathers the public names.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from content import pages

CONTENT = Path(__file__).resolve().parents[1] / "explainers"

PAGES = pages.NAMES
SIMULATION_PAGES = pages.SIMULATION_PAGES
REQUIRED_TOPICS = ("what-is-ketamine", "treatment-session", "conditions", "risks",
                   "who-may-not-suit", "comparisons", "cost-and-access", "psychotherapy",
                   "reading-clinic-claims", "other-brain-systems")
GRADES = {  # grade -> what it means, in plain words (shown as the badge's meaning)
    "established": "Consistent evidence from human trials.",
    "mixed": "Some human evidence, but small or conflicting.",
    "animal-only": "Shown in animals; not shown in people.",
    "proposed": "An idea that has not been tested, or is disputed.",
    "not-supported": "The evidence points against the claim as stated.",
    "not-assessed": "Not assessed here: not a research question, or no trials reviewed.",
}
TOPICS = ("mechanism", "onset-and-duration", "effectiveness", "conditions", "safety",
          "routes-and-dosing", "cost-and-access", "comparisons")
ARTICLES = ("S1", "S2", "S3", "S4", "S5")
EXPLAINER_KEYS = ("title", "summary", "page", "params", "objectives", "try_this",
                  "not_modelled", "sources", "reading_minutes", "reviewed")
CLAIM_KEYS = ("id", "claim", "made_by", "topics", "grade", "research_says", "evidence",
              "illustrated_by")
# One discreet line, the same on every page (issue 19); the numbers are the services' own.
NEED_HELP = ("**Need help now?** In the US call or text [988](https://988lifeline.org/); in the UK "
             "and Ireland call Samaritans on [116 123](https://www.samaritans.org/); elsewhere, "
             "see [findahelpline.com](https://findahelpline.com/).")


class ContentError(ValueError):
    """A content file is missing, unreadable or not in the documented shape."""


@dataclass(frozen=True)
class Source:
    id: str
    cite: str  # short form shown in the app: "Zarate 2006", or the article's title
    title: str
    detail: str  # publisher, or authors + journal
    link: str  # DOI/PubMed/PMC address, else a stable URL, or "" (clinic articles)
    clinic: bool
    accessed: str = ""  # the date a web page was read, ISO format
    version: str = ""  # a label's version and date


@dataclass(frozen=True)
class Explainer:
    id: str
    path: Path
    title: str
    summary: str
    page: str
    params: tuple[str, ...]
    objectives: tuple[str, ...]
    try_this: tuple[tuple[str, str], ...]  # (prompt, answer)
    not_modelled: tuple[str, ...]
    sources: tuple[str, ...]
    reading_minutes: int
    body: str
    extra: dict[str, Any]  # any further front-matter keys (e.g. the claims checklist)
    reviewed: datetime.date | None = None  # "Content last reviewed" (front matter)


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    made_by: tuple[str, ...]
    topics: tuple[str, ...]
    grade: str
    research_says: str
    evidence: tuple[str, ...]
    illustrated_by: dict[str, str] | None


# --------------------------------------------------------------------------- reading files

# libyaml's parser where PyYAML was built with it: the same safe loading, much faster (the
# pure-Python parser was a large share of a page's first run).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


def read_yaml(path: Path) -> Any:
    """A YAML file's data; a ContentError names the file (and the line) when it cannot be read."""
    try:
        return _yaml(path.read_text(encoding="utf-8"))
    except OSError as problem:
        raise ContentError(f"{path.name} could not be read ({problem.strerror or problem})"
                           ) from problem
    except yaml.YAMLError as problem:
        where = getattr(problem, "problem_mark", None)
        line = f" near line {where.line + 1}" if where is not None else ""
        raise ContentError(f"{path.name} is not valid YAML{line}") from problem


def _text_list(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(f"{what} should be a list of text")
    return tuple(v.strip() for v in value)


def _link(entry: dict[str, Any]) -> str:
    if entry.get("doi"):
        return f"https://doi.org/{entry['doi']}"
    if entry.get("pmcid"):
        return f"https://pmc.ncbi.nlm.nih.gov/articles/{entry['pmcid']}/"
    if entry.get("pmid"):
        return f"https://pubmed.ncbi.nlm.nih.gov/{entry['pmid']}/"
    url = str(entry.get("url") or "")
    return url if url.startswith("https://") or url.startswith("http://") else ""


@functools.cache
def load_sources(path: Path = CONTENT / "sources.yaml") -> dict[str, Source]:
    """Every source by id: the clinic articles first, then literature, then other pages."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path.name} should map sections to lists of sources")
    sources: dict[str, Source] = {}
    for section, entries in data.items():
        if not isinstance(entries, list):
            raise ContentError(f"section {section!r} of {path.name} should be a list")
        for entry in entries:
            if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)
                    and isinstance(entry.get("title"), str)):
                raise ContentError(f"every source in {path.name} needs an 'id' and a 'title'")
            if entry["id"] in sources:
                raise ContentError(f"source id {entry['id']!r} appears twice in {path.name}")
            clinic = section == "clinic_articles"
            if clinic:
                cite, detail = f"{entry['id']}: {entry['title']}", str(entry.get("publisher"))
            else:
                cite = str(entry.get("cite") or entry["id"])
                parts = (entry.get("authors"), entry.get("journal") or entry.get("publisher"))
                detail = ", ".join(str(p) for p in parts if p)
            sources[entry["id"]] = Source(entry["id"], cite, entry["title"], detail,
                                          _link(entry), clinic, str(entry.get("accessed") or ""),
                                          str(entry.get("version") or ""))
    return sources


@functools.cache
def load_glossary(path: Path | str = CONTENT / "glossary.yaml") -> tuple[dict[str, str], ...]:
    """The glossary as {term, definition} entries, sorted by term."""
    path = Path(path)
    data = read_yaml(path)
    if not isinstance(data, list) or not data:
        raise ContentError(f"{path.name} should be a list of terms")
    entries = []
    for number, item in enumerate(data, start=1):
        if not (isinstance(item, dict) and isinstance(item.get("term"), str)
                and isinstance(item.get("definition"), str)
                and item["term"].strip() and item["definition"].strip()):
            raise ContentError(f"entry {number} of {path.name} needs a 'term' and a "
                               "'definition', both text")
        entries.append({"term": item["term"].strip(), "definition": item["definition"].strip()})
    return tuple(sorted(entries, key=lambda e: e["term"].casefold()))


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a Markdown file that opens with a ``---`` YAML block."""
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", text, re.DOTALL)
    if not match:
        raise ContentError(f"{name} should open with front matter between '---' lines")
    try:
        meta = _yaml(match.group(1))
    except (yaml.YAMLError, ValueError) as problem:  # ValueError: a date like 2026-13-01
        raise ContentError(f"the front matter of {name} is not valid YAML") from problem
    if not isinstance(meta, dict):
        raise ContentError(f"the front matter of {name} should be a set of 'key: value' lines")
    return meta, match.group(2)


def review_date(value: Any, what: str) -> datetime.date:
    """A "Content last reviewed" date from YAML (``reviewed: 2026-12-06``), checked."""
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise ContentError(f"{what}: 'reviewed' should be a date written as YYYY-MM-DD")
    return value


def parse_explainer(path: Path) -> Explainer:
    """One explainer file, with its front matter checked for shape (not yet for meaning)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as problem:
        raise ContentError(f"{path.name} could not be read ({problem.strerror or problem})"
                           ) from problem
    meta, body = split_front_matter(text, path.name)
    missing = [key for key in EXPLAINER_KEYS if key not in meta]
    if missing:
        raise ContentError(f"{path.name} is missing front-matter keys: {', '.join(missing)}")
    for key in ("title", "summary", "page"):
        if not (isinstance(meta[key], str) and meta[key].strip()):
            raise ContentError(f"{path.name}: '{key}' should be text")
    try_this = meta["try_this"]
    if not (isinstance(try_this, list) and all(
            isinstance(t, dict) and isinstance(t.get("prompt"), str)
            and isinstance(t.get("answer"), str) for t in try_this)):
        raise ContentError(f"{path.name}: 'try_this' should be a list of prompt/answer pairs")
    minutes = meta["reading_minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 1:
        raise ContentError(f"{path.name}: 'reading_minutes' should be a whole number ≥ 1")
    reviewed = review_date(meta["reviewed"], path.name)
    extra = {k: v for k, v in meta.items() if k not in EXPLAINER_KEYS}
    return Explainer(
        id=path.stem, path=path, title=meta["title"].strip(), summary=meta["summary"].strip(),
        page=meta["page"].strip(),
        params=_text_list(meta["params"] or [], f"{path.name}: 'params'"),
        objectives=_text_list(meta["objectives"], f"{path.name}: 'objectives'"),
        try_this=tuple((t["prompt"].strip(), t["answer"].strip()) for t in try_this),
        not_modelled=_text_list(meta["not_modelled"], f"{path.name}: 'not_modelled'"),
        sources=_text_list(meta["sources"], f"{path.name}: 'sources'"),
        reading_minutes=minutes, body=body.strip(), extra=extra, reviewed=reviewed)


@functools.cache
def load_explainers(root: Path = CONTENT) -> dict[str, Explainer]:
    """Every explainer under ``pages/`` and ``topics/``, by id (the file name)."""
    explainers: dict[str, Explainer] = {}
    for folder in ("pages", "topics"):
        for path in sorted((root / folder).glob("*.md")):
            key = path.stem if folder == "topics" else f"page-{path.stem}"
            explainers[key] = parse_explainer(path)
    return explainers


def page_explainer(page: str) -> Explainer | None:
    """The explainer shown beside a simulation page, if it has one."""
    return load_explainers().get(f"page-{page}")


def topic_explainers() -> list[Explainer]:
    """The explainers for the Read page, in the order of REQUIRED_TOPICS, then the rest."""
    found = [e for key, e in load_explainers().items()
             if not key.startswith("page-") and e.page == "read"]
    order = {name: i for i, name in enumerate(REQUIRED_TOPICS)}
    return sorted(found, key=lambda e: (order.get(e.id, len(order)), e.title))


def _claim(item: Any, number: int) -> Claim:
    if not isinstance(item, dict):
        raise ContentError(f"claim {number} should be a set of 'key: value' lines")
    missing = [key for key in CLAIM_KEYS if key not in item]
    if missing:
        raise ContentError(f"claim {item.get('id', number)!r} is missing: {', '.join(missing)}")
    for key in ("id", "claim", "grade", "research_says"):
        if not (isinstance(item[key], str) and item[key].strip()):
            raise ContentError(f"claim {number}: '{key}' should be text")
    shown = item["illustrated_by"]
    if shown is not None and not (isinstance(shown, dict) and isinstance(shown.get("page"), str)
                                  and all(isinstance(v, str) for v in shown.values())):
        raise ContentError(f"claim {item['id']!r}: 'illustrated_by' should name a page, or be "
                           "null")
    where = f"claim {item['id']!r}"
    return Claim(id=item["id"].strip(), claim=item["claim"].strip(),
                 made_by=_text_list(item["made_by"], f"{where}: 'made_by'"),
                 topics=_text_list(item["topics"], f"{where}: 'topics'"),
                 grade=item["grade"].strip(), research_says=item["research_says"].strip(),
                 evidence=_text_list(item["evidence"], f"{where}: 'evidence'"),
                 illustrated_by=dict(shown) if shown else None)


@functools.cache
def _claims_file(path: Path) -> tuple[datetime.date | None, list[Any]]:
    """(review date, claim entries): the file is ``{reviewed: date, claims: [...]}`` or, as
    before, a bare list of claims (no date)."""
    data = read_yaml(path)
    if isinstance(data, dict):
        reviewed = review_date(data.get("reviewed"), path.name)
        data = data.get("claims")
    else:
        reviewed = None
    if not isinstance(data, list):
        raise ContentError(f"{path.name} should be a list of claims")
    return reviewed, data


@functools.cache
def load_claims(path: Path = CONTENT / "claims.yaml") -> tuple[Claim, ...]:
    return tuple(_claim(item, number)
                 for number, item in enumerate(_claims_file(path)[1], start=1))


def claims_reviewed(path: Path = CONTENT / "claims.yaml") -> datetime.date | None:
    """When the claims ledger was last reviewed as a whole (shown on the claims page)."""
    return _claims_file(path)[0]


def reviewed_line(date: datetime.date | None) -> str:
    """The "Content last reviewed" caption, e.g. 'Content last reviewed: 6 December 2026.'"""
    if date is None:
        return ""
    return f"Content last reviewed: {date.day} {date:%B %Y}."


@functools.cache
def report_an_error(path: Path = CONTENT / "report-an-error.md") -> str:
    """How a reader reports a mistake (Markdown, shown with the review dates)."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as problem:
        raise ContentError(f"{path.name} could not be read ({problem.strerror or problem})"
                           ) from problem
