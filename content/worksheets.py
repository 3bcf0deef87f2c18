"""The teacher's guide and the worksheets: load, check, and render as printable HTML.

Content is data (``explainers/teacher-guide.md`` and ``explainers/worksheets/*.md``, format in
``explainers/README.md``): Markdown with YAML front matter. This module reads it, checks every
rule a teacher relies on (required keys and their types, question kinds, app pages, cited
sources, glossary terms, links between pages) and turns a worksheet into one self-contained
HTML page to print: a student sheet without answers, or a teacher key with them, from the
templates in ``content/templates/`` (Jinja2, ``worksheet.css``).

All text from the files is data: markdown-it renders it with raw HTML escaped, the templates
escape every other value (autoescape), and Markdown links become plain words, never live
``href`` targets. No Streamlit import,
so the tests and the command line use it as is: ``python -m content.worksheets`` checks
everything.
"""

from __future__ import annotations

import re
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markupsafe import Markup

from content import citations, explainers, pages, urls
from content.pages import WORKSHEET_PAGES  # where a question can send students
from sim.export import DISCLAIMER, app_version
from sim.scenarios import PRESETS

GUIDE = explainers.CONTENT / "teacher-guide.md"
WORKSHEETS = explainers.CONTENT / "worksheets"

KINDS = {  # kind -> (what the sheet calls it, how many answer lines a student gets)
    "read-off": ("Read it off the app", 2),
    "predict": ("Predict, then check", 4),
    "explain": ("Explain", 5),
}
GUIDE_KEYS = ("title", "summary", "sources", "reading_minutes")
WORKSHEET_KEYS = ("title", "summary", "level", "minutes", "pages", "sources", "questions")
QUESTION_KEYS = ("id", "question", "how", "answer", "kind")
MIN_QUESTIONS = 4
HELP_NOTE = (
    "This worksheet is about how a medicine is thought to act in the brain; it cannot tell "
    "anyone whether a treatment suits them. If you are struggling with low mood, thoughts of "
    "suicide or drug use, please talk to a doctor, a school counsellor or another professional, "
    "or contact a local crisis line in an emergency."
)
# A relative Markdown link into the app: [words](page?query), e.g. (dose?route=By%20mouth).
PAGE_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")


class WorksheetError(explainers.ContentError):
    """The teacher's guide or a worksheet is missing, unreadable or not in the documented
    shape. The message names the file and what to fix."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    how: str  # which page, preset and control to use
    answer: str  # for the teacher key only
    kind: str  # one of KINDS
    page: str | None = None  # optional: the page to open (one of the worksheet's pages)
    preset: str | None = None  # optional: a preset that page should open with


@dataclass(frozen=True)
class Worksheet:
    id: str
    path: Path
    title: str
    summary: str
    level: str
    minutes: int
    pages: tuple[str, ...]
    sources: tuple[str, ...]
    questions: tuple[Question, ...]
    body: str  # instructions for students, Markdown


@dataclass(frozen=True)
class Guide:
    path: Path
    title: str
    summary: str
    sources: tuple[str, ...]
    reading_minutes: int
    body: str

    def sections(self) -> list[tuple[str, str]]:
        """The body as (heading, Markdown) pairs, split at its ``## `` headings."""
        return sections(self.body)


# --------------------------------------------------------------------------- loading

def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as problem:
        raise WorksheetError(f"{path.name} could not be read ({problem.strerror or problem})"
                             ) from problem
    except UnicodeDecodeError as problem:
        raise WorksheetError(f"{path.name} is not UTF-8 text; save it as UTF-8") from problem
    try:
        return explainers.split_front_matter(text, path.name)
    except explainers.ContentError as problem:
        where = getattr(problem.__cause__, "problem_mark", None)
        line = f" (near line {where.line + 2} of the file)" if where is not None else ""
        raise WorksheetError(f"{problem}{line}") from problem


def _missing(meta: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [key for key in keys if key not in meta or meta[key] is None]
    if missing:
        raise WorksheetError(f"{where} is missing: {', '.join(missing)}")


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise WorksheetError(f"{where} should be text, not {_kind_of(value)}")
    return value.strip()


def _whole(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise WorksheetError(f"{where} should be a whole number of at least 1, not "
                             f"{_kind_of(value)}")
    return value


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise WorksheetError(f"{where} should be a list, like [a, b], not {_kind_of(value)}")
    return tuple(_text(item, f"{where}, item {n}") for n, item in enumerate(value, start=1))


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"yes/no ({value})"
    if isinstance(value, str):
        return f"the text {value[:30]!r}" if value.strip() else "blank text"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    return type(value).__name__


def parse_guide(path: Path = GUIDE) -> Guide:
    """The teacher's guide, with its front matter checked for shape."""
    meta, body = _read(path)
    _missing(meta, GUIDE_KEYS, path.name)
    if not body.strip():
        raise WorksheetError(f"{path.name} has front matter but no text")
    return Guide(path=path, title=_text(meta["title"], f"{path.name}: 'title'"),
                 summary=_text(meta["summary"], f"{path.name}: 'summary'"),
                 sources=_texts(meta["sources"], f"{path.name}: 'sources'"),
                 reading_minutes=_whole(meta["reading_minutes"],
                                        f"{path.name}: 'reading_minutes'"),
                 body=body.strip())


def _question(item: Any, number: int, name: str, pages: tuple[str, ...]) -> Question:
    where = f"{name}, question {number}"
    if not isinstance(item, dict):
        raise WorksheetError(f"{where} should be a set of 'key: value' lines "
                             f"({', '.join(QUESTION_KEYS)}), not {_kind_of(item)}")
    _missing(item, QUESTION_KEYS, where)
    key = item["id"]
    if isinstance(key, bool) or not isinstance(key, (str, int)):
        raise WorksheetError(f"{where}: 'id' should be a short name like q1")
    where = f"{name}, question {key!s}"
    kind = _text(item["kind"], f"{where}: 'kind'")
    if kind not in KINDS:
        raise WorksheetError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    page = item.get("page")
    if page is not None and page not in pages:
        raise WorksheetError(f"{where}: page {page!r} is not one of this worksheet's pages "
                             f"({', '.join(pages)})")
    preset = item.get("preset")
    if preset is not None and preset not in PRESETS:
        raise WorksheetError(f"{where}: preset {preset!r} does not exist; choose one of "
                             f"{', '.join(PRESETS)}")
    return Question(id=str(key).strip(), question=_text(item["question"], f"{where}: 'question'"),
                    how=_text(item["how"], f"{where}: 'how'"),
                    answer=_text(item["answer"], f"{where}: 'answer'"), kind=kind,
                    page=page, preset=preset)


def parse_worksheet(path: Path) -> Worksheet:
    """One worksheet, with its front matter and every question checked for shape."""
    meta, body = _read(path)
    name = path.name
    _missing(meta, WORKSHEET_KEYS, name)
    pages = _texts(meta["pages"], f"{name}: 'pages'")
    unknown = [p for p in pages if p not in WORKSHEET_PAGES]
    if unknown:
        raise WorksheetError(f"{name}: pages {', '.join(map(repr, unknown))} are not app pages; "
                             f"use {', '.join(WORKSHEET_PAGES)}")
    questions = meta["questions"]
    if not isinstance(questions, list):
        raise WorksheetError(f"{name}: 'questions' should be a list, not {_kind_of(questions)}")
    parsed = tuple(_question(item, n, name, pages) for n, item in enumerate(questions, start=1))
    if len(parsed) < MIN_QUESTIONS:
        raise WorksheetError(f"{name} has {len(parsed)} questions; at least {MIN_QUESTIONS} "
                             "are needed")
    seen: set[str] = set()
    for q in parsed:
        if q.id in seen:
            raise WorksheetError(f"{name}: question id {q.id!r} is used twice")
        seen.add(q.id)
    return Worksheet(id=path.stem, path=path, title=_text(meta["title"], f"{name}: 'title'"),
                     summary=_text(meta["summary"], f"{name}: 'summary'"),
                     level=_text(meta["level"], f"{name}: 'level'"),
                     minutes=_whole(meta["minutes"], f"{name}: 'minutes'"), pages=pages,
                     sources=_texts(meta["sources"], f"{name}: 'sources'"), questions=parsed,
                     body=body.strip())


def load_guide(path: Path = GUIDE) -> Guide:
    return parse_guide(path)


def worksheet_paths(folder: Path = WORKSHEETS) -> list[Path]:
    return sorted(folder.glob("*.md"))


def chain_order(sheet: Worksheet) -> tuple[int, str]:
    """Sort key: worksheets follow the mechanism chain (dose first, claims last)."""
    return (min(WORKSHEET_PAGES.index(p) for p in sheet.pages), sheet.title)


def load_worksheets(folder: Path = WORKSHEETS) -> tuple[Worksheet, ...]:
    """Every worksheet in the folder, in the order of the chain; the first bad one raises."""
    paths = worksheet_paths(folder)
    if not paths:
        raise WorksheetError(f"there are no worksheets (*.md) in {folder.name}/")
    return tuple(sorted((parse_worksheet(path) for path in paths), key=chain_order))


# --------------------------------------------------------------------------- meaning

def _texts_of(item: Guide | Worksheet) -> list[str]:
    if isinstance(item, Guide):
        return [item.summary, item.body]
    return [item.summary, item.body] + [t for q in item.questions
                                        for t in (q.question, q.how, q.answer)]


def problems(item: Guide | Worksheet, sources: dict[str, explainers.Source] | None = None,
             terms: set[str] | None = None) -> list[str]:
    """What is wrong with the meaning of the guide or a worksheet (shape was checked on
    loading): unknown or unlisted sources, unknown glossary terms, links to no page."""
    sources = explainers.load_sources() if sources is None else sources
    if terms is None:
        terms = {e["term"].casefold() for e in explainers.load_glossary()}
    name = item.path.name
    found = []
    text = "\n".join(_texts_of(item))
    cited = citations.cited_ids(text)
    for key in sorted((set(cited) | set(item.sources)) - set(sources)):
        found.append(f"{name}: source id {key!r} is not in sources.yaml")
    for key in sorted(set(cited) - set(item.sources)):
        found.append(f"{name}: cites {key!r} but does not list it under 'sources'")
    for term in sorted({t.casefold() for t in explainers.linked_terms(text)} - terms):
        found.append(f"{name}: glossary has no term {term!r}")
    for _words, target in PAGE_LINK.findall(explainers.GLOSSARY_LINK.sub("", text)):
        if target.startswith(("http://", "https://")):
            continue
        parts = urllib.parse.urlsplit(target)
        if parts.path not in explainers.PAGES:
            found.append(f"{name}: link to {target!r} is not an app page")
        preset = urllib.parse.parse_qs(parts.query).get("preset", [None])[-1]
        if preset is not None and preset not in urls.PAGE_PRESETS.get(parts.path, ()):
            found.append(f"{name}: link to {target!r}: page {parts.path!r} offers no preset "
                         f"{preset!r}")
    return found


def validate_all(guide_path: Path = GUIDE, folder: Path = WORKSHEETS) -> list[str]:
    """Every problem in the guide and the worksheets, as sentences; empty means all is well."""
    found: list[str] = []
    items: list[Guide | Worksheet] = []
    try:
        items.append(parse_guide(guide_path))
    except explainers.ContentError as problem:
        found.append(str(problem))
    paths = worksheet_paths(folder)
    if len(paths) < 2:
        found.append(f"{folder.name}/ holds {len(paths)} worksheet(s); at least 2 are needed")
    for path in paths:
        try:
            items.append(parse_worksheet(path))
        except explainers.ContentError as problem:
            found.append(str(problem))
    for item in items:
        found += problems(item)
    return found


# --------------------------------------------------------------------------- markup

def sections(body: str) -> list[tuple[str, str]]:
    """(heading, Markdown) pairs split at ``## `` headings; text before the first heading
    gets the heading ""."""
    parts: list[tuple[str, str]] = []
    heading, lines = "", []
    for line in body.splitlines():
        match = re.match(r"##\s+(.+?)\s*#*\s*$", line)
        if match:
            if heading or "\n".join(lines).strip():
                parts.append((heading, "\n".join(lines).strip()))
            heading, lines = match.group(1), []
        else:
            lines.append(line)
    if heading or "\n".join(lines).strip():
        parts.append((heading, "\n".join(lines).strip()))
    return parts


def _link_words(match: re.Match[str], targets: bool) -> str:
    words, target = match.group(1), match.group(2)
    if not targets or target.startswith(("http://", "https://")) or not target:
        return words
    return f"{words} (app: /{urllib.parse.unquote(target)})"


def plain(text: str, sources: dict[str, explainers.Source] | None = None,
          targets: bool = False) -> str:
    """Text as a reader reads it on paper: citations as short cites, glossary links as their
    words, page links as their words (with the app address when ``targets``). Not escaped."""
    sources = explainers.load_sources() if sources is None else sources
    text = citations.plain_cites(text, sources)
    text = explainers.GLOSSARY_LINK.sub(lambda m: m.group(1), text)
    return PAGE_LINK.sub(lambda m: _link_words(m, targets), text)


class _PrintedHTML(RendererHTML):
    """markdown-it's HTML one level down (the page's title is the only ``h1``, ``h4`` at
    most), each block on one line, as the sheets have always been printed."""

    def renderToken(self, tokens, idx, options, env) -> str:  # noqa: N802 - markdown-it's name
        token = tokens[idx]
        if token.type in ("heading_open", "heading_close"):
            token = token.copy(tag=f"h{min(int(token.tag[1]) + 1, 4)}")
            tokens = [*tokens[:idx], token, *tokens[idx + 1:]]
        out = super().renderToken(tokens, idx, options, env).replace("\n", "")
        return out + "\n" if token.block and token.level == 0 and token.nesting <= 0 else out


# CommonMark plus tables; text is escaped (no raw HTML) and nothing becomes a live link.
_MARKDOWN = (MarkdownIt("commonmark", {"html": False}, renderer_cls=_PrintedHTML)
             .enable("table").disable(["link", "image", "autolink"]))
_MARKDOWN.add_render_rule("softbreak", lambda *_: " ")


def inline_html(text: str, sources: dict[str, explainers.Source] | None = None,
                targets: bool = False) -> Markup:
    """One line of worksheet text as safe HTML: escaped, with **bold**, *italic* and `code`."""
    return Markup(_MARKDOWN.renderInline(plain(text, sources, targets)))


def blocks_html(markdown: str, sources: dict[str, explainers.Source] | None = None,
                targets: bool = False) -> Markup:
    """Worksheet Markdown as safe HTML (CommonMark and tables, headings one level down)."""
    return Markup(_MARKDOWN.render(plain(markdown.strip(), sources, targets)).strip())


# --------------------------------------------------------------------------- printable HTML

def page_address(page: str, preset: str | None = None, base_url: str = "") -> str:
    """Where a page is in the app: its path (``/dose``), or a full link when the app's base
    address is known, with the preset's settings in the query."""
    return urls.view_link(urls.http_base(base_url), page, urls.preset_query(page, preset))


# The printable pages: templates/*.html.j2 with templates/worksheet.css, every value escaped.
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    undefined=jinja2.StrictUndefined)


def _title(page: str) -> str:
    return pages.BY_NAME[page].title if page in pages.BY_NAME else page


def _source_list(keys: tuple[str, ...], sources: dict[str, explainers.Source]) -> list[dict]:
    found = []
    for key in keys:
        source = sources.get(key)
        found.append({"key": key, "title": None} if source is None else {
            "key": key, "lead": source.id if source.clinic else source.cite,
            "title": source.title, "detail": source.detail, "link": source.link})
    return found


def _question_view(q: Question, answers: bool, base_url: str, sources: dict[str, explainers.Source],
              show_page: bool = True) -> dict[str, Any]:
    kind, n_lines = KINDS[q.kind]
    where = ""
    if q.page and show_page:
        where = f"{_title(q.page)}: {page_address(q.page, q.preset, base_url)}"
    lines: list[str | None] = [None] * n_lines  # a blank line to write on, or a prompt
    if q.kind == "predict":
        half = n_lines // 2
        lines = ["My prediction:", *lines[:half], "What the app shows:", *lines[half:]]
    return {"id": q.id, "kind": kind, "where": where, "lines": lines,
            "question": inline_html(q.question, sources), "how": inline_html(q.how, sources),
            "answer": inline_html(q.answer, sources) if answers else ""}


def render_html(sheet: Worksheet, answers: bool = False, base_url: str = "",
                sources: dict[str, explainers.Source] | None = None,
                app_version_text: str | None = None) -> str:
    """One worksheet as a self-contained, printable HTML page.

    ``answers=False`` is the student sheet (name line, space to write, no answers);
    ``answers=True`` is the teacher key. ``base_url`` (the app's address) turns page paths
    into full links; ``urls.share_base`` corrects it to the configured public address or
    the one the reader's browser used. Every piece of text from the file is escaped.
    """
    sources = explainers.load_sources() if sources is None else sources
    # the address students can open: configured, or the one the reader's browser used (never
    # localhost unless the reader used it and the server's network address is unknown)
    base_url = urls.share_base(base_url)
    questions, page = [], None
    for q in sheet.questions:  # a page's address only where it changes or sets a preset
        questions.append(_question_view(q, answers, base_url, sources,
                                        show_page=q.page != page or q.preset is not None))
        page = q.page or page
    return _TEMPLATES.get_template("worksheet.html.j2").render(
        sheet=sheet, answers=answers, which="Teacher key" if answers else "Student sheet",
        release=app_version() if app_version_text is None else app_version_text,
        disclaimer=DISCLAIMER, help_note=HELP_NOTE,
        summary=inline_html(sheet.summary, sources),
        pages_used=", ".join(f"{_title(p)} ({page_address(p, None, base_url)})"
                             for p in sheet.pages),
        body=blocks_html(sheet.body, sources) if sheet.body else "", questions=questions,
        source_list=_source_list(sheet.sources, sources))


def render_guide_html(guide: Guide, sources: dict[str, explainers.Source] | None = None,
                      app_version_text: str | None = None) -> str:
    """The teacher's guide as a printable, self-contained HTML page (all text escaped)."""
    sources = explainers.load_sources() if sources is None else sources
    return _TEMPLATES.get_template("guide.html.j2").render(
        guide=guide, release=app_version() if app_version_text is None else app_version_text,
        disclaimer=DISCLAIMER, help_note=HELP_NOTE, summary=inline_html(guide.summary, sources),
        body=blocks_html(guide.body, sources, targets=True),
        source_list=_source_list(guide.sources, sources))


def main(argv: list[str]) -> int:
    found = validate_all()
    for problem in found:
        print(f"- {problem}")
    if found:
        print(f"{len(found)} problem(s).", file=sys.stderr)
        return 1
    sheets = load_worksheets()
    print(f"Teacher's guide and {len(sheets)} worksheets valid "
          f"({sum(len(s.questions) for s in sheets)} questions).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
