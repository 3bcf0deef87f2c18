"""Evidence that is current, traceable and safe to cite (issue 19): every source a reader
sees opens, no text cites a file of this project, short cites link to their paper, every
explainer and the claims page carry a review date, every page shows the "Need help now?"
line, and the technical words of each explainer are in the glossary."""

from __future__ import annotations

import datetime
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from helpers import open_page

from content import citations, explainers, pages
from sim import scenarios

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui" / "pages").glob("*.py")
               if p.name != "__init__.py")
SOURCES = explainers.load_sources()
EXPLAINERS = explainers.load_explainers()
CLAIMS = explainers.load_claims()
GLOSSARY = [e["term"].casefold() for e in explainers.load_glossary()]


def cited_anywhere() -> set[str]:
    """Every source id a reader can meet: explainers, claims, tour, teachers' pages."""
    ids = {key for e in EXPLAINERS.values() for key in e.sources}
    ids |= {key for c in CLAIMS for key in c.evidence} | {a for c in CLAIMS for a in c.made_by}
    for path in reader_files():
        ids |= set(citations.cited_ids(path.read_text(encoding="utf-8")))
        meta = re.match(r"\A---\s*\n(.*?)\n---", path.read_text(encoding="utf-8"), re.S)
        if meta:
            ids |= set((yaml.safe_load(meta.group(1)) or {}).get("sources") or [])
    return ids


def reader_files() -> list[Path]:
    """Every content file whose words reach a reader (sources.yaml's notes do not)."""
    found = [*(explainers.CONTENT / "pages").glob("*.md"),
             *(explainers.CONTENT / "topics").glob("*.md"),
             *(explainers.CONTENT / "worksheets").glob("*.md"),
             explainers.CONTENT / "teacher-guide.md",
             explainers.CONTENT / "tour.yaml", explainers.CONTENT / "claims.yaml",
             explainers.CONTENT / "glossary.yaml", explainers.CONTENT / "report-an-error.md"]
    return sorted(found)


def without_yaml_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


# --------------------------------------------------------------------------- traceable

def test_every_source_a_reader_sees_can_be_opened():
    """A DOI, PMID, PMC id or a stable web address for every non-clinic source (the five
    clinic articles are quoted as texts, named by title and publisher)."""
    seen = cited_anywhere()
    assert {"zarate2006", "spravato-label", "kan-prices"} <= seen
    missing = sorted(key for key in seen if key in SOURCES and not SOURCES[key].clinic
                     and not SOURCES[key].link.startswith(("https://", "http://")))
    assert missing == []


def test_every_non_clinic_source_has_a_link():
    missing = sorted(s.id for s in SOURCES.values() if not s.clinic and not s.link)
    assert missing == []


def test_the_label_has_a_version_and_web_pages_a_date_read():
    label = SOURCES["spravato-label"]
    assert label.version and re.search(r"\d{4}-\d\d-\d\d", label.version)
    assert label.link.startswith("https://")
    for key in ("kan-prices", "crains-prices", "healingmaps-prices", "nice-ta854",
                "fda-compounded-2022", "fda-compounded-2023", "jnj2025-monotherapy",
                "ketalar-label"):
        assert SOURCES[key].link.startswith(("https://", "http://")), key
        datetime.date.fromisoformat(SOURCES[key].accessed)


def test_clinic_articles_name_their_publisher_as_the_article_does():
    """Each publisher comes from the article's own text, or says that it names none."""
    articles = ROOT.parents[0] / "shared" / "sources"
    for key in explainers.ARTICLES:
        detail = SOURCES[key].detail
        if detail == "no publisher named in the article":
            continue
        name = detail.split(" (")[0]
        if articles.is_dir():
            text = " ".join(p.read_text(encoding="utf-8") for p in articles.glob("*.txt"))
            assert name.casefold() in text.casefold(), (key, name)


def test_no_reader_text_cites_a_file_of_ours():
    assert "reference-md" not in SOURCES
    for path in reader_files():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yaml":
            text = without_yaml_comments(text)
        hits = explainers.OWN_FILE.findall(text)
        assert not hits, (path.name, hits)


@pytest.mark.parametrize("text", ["As shown in reference.md, it rises [@S1].",
                                  "The model (sim/population.py) says so [@S1].",
                                  "Numbers from the notes [@reference-md]."])
def test_citing_a_file_of_ours_is_reported(tmp_path, text):
    path = tmp_path / "a.md"
    path.write_text(f"---\n{GOOD_META}---\n{text}\n", encoding="utf-8")
    problems = explainers.explainer_problems(explainers.parse_explainer(path), SOURCES,
                                          set(GLOSSARY))
    assert any("cites a file of this project" in p for p in problems), problems


def test_a_short_cite_links_to_its_source():
    text = explainers.render("Shown [@wilkinson2018; @S2; @nobody2099].")
    assert ("([Wilkinson 2018](https://doi.org/10.1176/appi.ajp.2017.17040472); S2; "
            "nobody2099)") in text
    text = explainers.render("Priced [@kan-prices].")
    assert "(http://www.ketamineadvocacynetwork.org/cost/)" in text


def test_every_rendered_explainer_cite_is_a_link():
    for explainer in EXPLAINERS.values():
        rendered = explainers.render(explainer.body)
        for key in set(citations.cited_ids(explainer.body)) - set(explainers.ARTICLES):
            assert f"[{SOURCES[key].cite}](" in rendered, (explainer.id, key)


# --------------------------------------------------------------------------- current

GOOD_META = textwrap.dedent("""\
    title: A test
    summary: One line.
    page: dose
    params: []
    objectives: [One thing, Another thing]
    try_this: []
    not_modelled: [Nothing]
    sources: [S1]
    reading_minutes: 2
    reviewed: 2026-12-06
    """)


def test_every_explainer_and_the_claims_page_have_a_review_date():
    for explainer in EXPLAINERS.values():
        assert isinstance(explainer.reviewed, datetime.date), explainer.id
    assert isinstance(explainers.claims_reviewed(), datetime.date)
    assert explainers.reviewed_line(datetime.date(2026, 12, 6)) == (
        "Content last reviewed: 6 December 2026.")


@pytest.mark.parametrize("value, expected", [
    ("soon", "'reviewed' should be a date"), ("", "'reviewed' should be a date"),
    ("[2026]", "'reviewed' should be a date"), ("2026-12-06 10:00:00", "'reviewed' should be"),
    ("2026-13-01", "not valid YAML")])
def test_a_bad_review_date_is_refused(tmp_path, value, expected):
    path = tmp_path / "a.md"
    meta = GOOD_META.replace("reviewed: 2026-12-06", f"reviewed: {value}")
    path.write_text(f"---\n{meta}---\nText [@S1].\n", encoding="utf-8")
    with pytest.raises(explainers.ContentError, match=expected):
        explainers.parse_explainer(path)


def test_a_missing_review_date_is_refused(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"---\n{GOOD_META.replace('reviewed: 2026-12-06', '')}---\nText [@S1].\n",
                    encoding="utf-8")
    with pytest.raises(explainers.ContentError, match="reviewed"):
        explainers.parse_explainer(path)


def test_the_changelog_lists_the_content_corrections():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    section = text.split("## Content corrections", 1)[1]
    for word in ("monotherapy", "open-label", "Nature Mental Health", "pregnan", "Cochrane",
                 "not-assessed", "NICE", "compounded", "reference.md"):
        assert word.casefold() in section.casefold(), word


def test_the_corrected_facts_are_in_the_content():
    ledger = {c.id: c for c in CLAIMS}
    assert "2025" in ledger["esketamine-nasal-spray"].research_says
    assert "cochrane2021" in ledger["relief-within-hours"].evidence
    assert ledger["relief-within-hours"].grade != "established"
    assert "wilkinson2018" in ledger["helps-people-at-risk-of-suicide"].evidence
    for key in ("cost-per-session", "insurance-cover", "chronic-pain", "bipolar-depression"):
        assert ledger[key].grade == "not-assessed", key
    assert {"fda-compounded-2022", "fda-compounded-2023"} <= set(
        ledger["nasal-spray-at-home"].evidence)
    story = EXPLAINERS["page-story"].body
    assert "open-label" in story and "comparison group, 59 %" not in story
    assert "pregnancy" in EXPLAINERS["who-may-not-suit"].body.casefold()
    assert "nice-ta854" in EXPLAINERS["cost-and-access"].sources
    assert SOURCES["lii2023"].detail.endswith("Nat Ment Health 1:876")
    for path in reader_files():
        text = path.read_text(encoding="utf-8").casefold()
        assert "not yet checked by other scientists" not in text, path.name
        assert "during a course of six drips" not in text, path.name


# --------------------------------------------------------------------------- safe


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_need_help_line(page):
    app = open_page(page)
    assert not app.exception, app.exception
    shown = [c.value for c in app.caption]
    line = [v for v in shown if v.startswith("**Need help now?**")]
    assert len(line) == 1, shown
    for number in ("988", "116 123", "findahelpline.com"):
        assert number in line[0]


def test_the_claims_page_shows_its_review_date_and_how_to_report_an_error():
    app = open_page(pages.file("claims"))
    assert any(c.value.startswith("Content last reviewed:") for c in app.caption)
    assert any("Report an error" in m.value for m in app.markdown)


def test_an_explainer_page_shows_its_review_date():
    app = open_page(pages.file("read"))
    assert any(c.value.startswith("Content last reviewed:") for c in app.caption)


# --------------------------------------------------------------------------- words

# Units, symbols and jargon a 15-year-old meets: each must be a glossary term (or part of
# one), or be listed here with where it is explained.
TECHNICAL = ("steady state", "log scale", "baseline", "systolic", "diastolic", "bolus",
             "induction", "half-life", "metabolite", "plasma", "bioavailability", "mtor",
             "trkb", "ampa", "cortex", "hippocampus", "enantiomer", "titration", "mmhg")
ALLOWED = {
    "140/90": "a blood-pressure reading, named as one in the same sentence",
    "s1": "clinic article ids", "s2": "", "s3": "", "s4": "", "s5": "",
    "1960s": "a decade",
}


def technical_words(text: str) -> set[str]:
    words = set()
    for token in re.findall(r"[^\s()\[\],;:!?\"“”]+", text):
        token = token.strip(".'’*").removesuffix("'s").removesuffix("’s")
        if re.fullmatch(r"[\d.,]+(-[a-z]+)*|\d+-\d+|[\d.,]+%", token, re.I):
            continue  # plain numbers, "40-minute", "2-3"
        if ("/" in token and re.search(r"[A-Za-zµ]", token)) or re.search(r"[α-ωΑ-Ωµ]", token) \
                or (re.search(r"\d", token) and re.search(r"[A-Za-z]", token)) \
                or re.fullmatch(r"\d+/\d+", token):
            words.add(token.casefold())
    low = text.casefold()
    words |= {w for w in TECHNICAL if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", low)}
    return words


def in_glossary(word: str) -> bool:
    pattern = re.compile(rf"(?<![\w]){re.escape(word)}(?![\w])")
    return any(word == term or pattern.search(term) for term in GLOSSARY)


def visible_text(explainer: explainers.Explainer) -> str:
    parts = [explainer.title, explainer.summary, explainer.body, *explainer.objectives,
             *(f"{p} {a}" for p, a in explainer.try_this), *explainer.not_modelled]
    return explainers.plain_text("\n".join(parts))


@pytest.mark.parametrize("key", sorted(EXPLAINERS))
def test_every_technical_word_is_in_the_glossary(key):
    words = technical_words(visible_text(EXPLAINERS[key]))
    unexplained = sorted(w for w in words if not in_glossary(w) and w not in ALLOWED
                         and w not in scenarios.PRESETS)  # preset names, listed on Home
    assert unexplained == [], f"{key}: add to glossary.yaml or explain: {unexplained}"


def test_the_word_check_finds_what_it_should():
    found = technical_words("At steady state the level is 190 ng/mL, or 0.8 µM, on a log "
                            "scale; mGluR2/3 and Mg2+ too, over 40-minute drips.")
    assert {"steady state", "ng/ml", "µM".casefold(), "log scale", "mglur2/3", "mg2+"} <= found
    assert "40-minute" not in found and "190" not in found
    assert not in_glossary("flux/capacitor")


@pytest.mark.parametrize("term", ["mGluR2/3", "Steady state", "Log scale", "Baseline",
                                  "Systolic blood pressure", "mmHg", "ng/mL", "µg/kg/min",
                                  "Bolus", "Induction phase"])
def test_the_words_students_asked_about_are_in_the_glossary(term):
    assert term.casefold() in GLOSSARY
