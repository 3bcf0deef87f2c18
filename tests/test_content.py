"""The app's words: every explainer, claim, source and glossary term checked (issue 4)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from content import explainers
from sim.params import describe

SOURCES = explainers.load_sources()
TERMS = {e["term"].casefold() for e in explainers.load_glossary()}


def test_all_content_is_valid():
    assert explainers.validate_all() == []


def test_every_page_and_topic_has_its_explainer():
    loaded = explainers.load_explainers()
    for page in explainers.SIMULATION_PAGES:
        assert explainers.page_explainer(page) is not None, page
        assert loaded[f"page-{page}"].page == page
    for topic in explainers.REQUIRED_TOPICS:
        assert topic in loaded, topic


def test_the_ledger_has_enough_claims_from_every_article():
    claims = explainers.load_claims()
    assert len(claims) >= explainers.MIN_CLAIMS
    for article in explainers.ARTICLES:
        assert sum(article in c.made_by for c in claims) >= 3, article
    assert {c.grade for c in claims} <= set(explainers.GRADES)
    # an honest ledger uses the lower grades too, not only "established"
    assert {"not-supported", "animal-only"} <= {c.grade for c in claims}


def test_every_cited_model_source_is_in_the_sources_list():
    """sim parameter sources use the same references as the explainers (issue 4)."""
    cites = [s.cite for s in SOURCES.values() if not s.clinic]
    for cls in explainers.PARAMS_CLASSES:
        for info in describe(cls):
            if not info.illustrative:
                assert any(cite in info.source for cite in cites), (cls.__name__, info.source)


def test_every_literature_source_has_a_title_and_a_way_to_find_it():
    for source in SOURCES.values():
        assert source.title.strip()
        if not source.clinic and source.id != "reference-md":
            assert source.detail.strip(), source.id


def test_the_checklist_is_there_for_the_claims_page():
    checklist = explainers.load_explainers()["reading-clinic-claims"].extra["checklist"]
    assert len(checklist) >= 6
    assert all(item["question"].strip() and item["why"].strip() for item in checklist)


def test_render_turns_citations_into_short_cites_and_terms_into_glossary_links():
    text = explainers.render("Block is shown [@zarate2006; @S3]. The [[NMDA receptor]] opens.")
    assert "([Zarate 2006](https://doi.org/10.1001/archpsyc.63.8.856); S3)" in text
    assert "[NMDA receptor](glossary?q=NMDA%20receptor)" in text
    assert explainers.render("[[receptors|NMDA receptor]]") == (
        "[receptors](glossary?q=NMDA%20receptor)")


def test_plain_text_is_what_a_reader_reads():
    assert explainers.plain_text("## Head\n- A [[spine|Dendritic spine]] grows [@li2010].") == (
        "Head\nA spine grows .")


# --------------------------------------------------------------------------- bad content

GOOD_BODY = "Ketamine blocks a receptor [@orser1997].\n\n- It is short [@S1].\n"


def explainer_file(tmp_path: Path, meta: str | None = None, body: str = GOOD_BODY) -> Path:
    meta = meta if meta is not None else textwrap.dedent("""\
        title: A test
        summary: One line.
        page: dose
        params: [RacemicPK.im_absorption_rate]
        objectives: [One thing, Another thing]
        try_this: [{prompt: Move it, answer: It moves}]
        not_modelled: [Nothing]
        sources: [orser1997, S1]
        reading_minutes: 2
        reviewed: 2026-12-06
        """)
    path = tmp_path / "a-test.md"
    path.write_text(f"---\n{meta}---\n{body}", encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    return explainers.explainer_problems(explainers.parse_explainer(path), SOURCES, TERMS)


def test_a_good_explainer_has_no_problems(tmp_path):
    assert problems_of(explainer_file(tmp_path)) == []


@pytest.mark.parametrize("body, expected", [
    ("A sentence with no source.\n", "no source for"),
    ("- A list item with no source.\n", "no source for"),
    ("Cites a ghost [@nobody2099].\n", "'nobody2099' is not in sources.yaml"),
    ("Cites one not listed [@zarate2006].\n", "does not list it under 'sources'"),
    ("The [[flux capacitor]] hums [@S1].\n", "glossary has no term 'flux capacitor'"),
    ("Some people think about suicide [@S1].\n", "without pointing to help"),
    ("Notwithstanding pharmacokinetic heterogeneity, interindividual variability "
     "substantially complicates extrapolation of neuropsychopharmacological "
     "characterisations [@S1].\n", "reading grade"),
])
def test_a_broken_explainer_is_reported_in_words(tmp_path, body, expected):
    problems = problems_of(explainer_file(tmp_path, body=body))
    assert any(expected in p for p in problems), problems


def test_suicide_mentioned_with_help_is_fine(tmp_path):
    body = "Some people think of suicide. If that is you, get help from a doctor [@S1].\n"
    assert problems_of(explainer_file(tmp_path, body=body)) == []


@pytest.mark.parametrize("change, expected", [
    (("page: dose", "page: nowhere"), "page 'nowhere'"),
    (("[RacemicPK.im_absorption_rate]", "[RacemicPK.warp_speed]"),
     "unknown params RacemicPK.warp_speed"),
    (("[One thing, Another thing]", "[Only one]"), "needs 2 to 4 objectives"),
])
def test_bad_front_matter_values_are_reported(tmp_path, change, expected):
    meta = (explainer_file(tmp_path).read_text().split("---")[1]).replace(*change)
    problems = problems_of(explainer_file(tmp_path, meta=meta.lstrip("\n")))
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("text, expected", [
    ("no front matter at all", "should open with front matter"),
    ("---\ntitle: [unclosed\n---\nbody", "not valid YAML"),
    ("---\ntitle: x\n---\nbody", "missing front-matter keys"),
    ("---\n- a list\n---\nbody", "'key: value' lines"),
])
def test_malformed_explainer_files_raise_a_readable_error(tmp_path, text, expected):
    path = tmp_path / "broken.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(explainers.ContentError, match=expected):
        explainers.parse_explainer(path)


def test_wrong_types_in_front_matter_raise_a_readable_error(tmp_path):
    meta = explainer_file(tmp_path).read_text().split("---")[1].replace(
        "reading_minutes: 2", "reading_minutes: soon")
    with pytest.raises(explainers.ContentError, match="reading_minutes"):
        explainers.parse_explainer(explainer_file(tmp_path, meta=meta.lstrip("\n")))


def claim(**changes) -> explainers.Claim:
    base = dict(id="c", claim="It works.", made_by=("S1",), topics=("mechanism",),
                grade="mixed", research_says="Small trials found a short effect.",
                evidence=("zarate2006",), illustrated_by={"page": "dose"})
    return explainers.Claim(**{**base, **changes})


@pytest.mark.parametrize("changes, expected", [
    ({"grade": "probably"}, "grade 'probably'"),
    ({"made_by": ("S9",)}, "'S9' is not a clinic article"),
    ({"evidence": ("S2",)}, "is a clinic article, not research"),
    ({"evidence": ("ghost2020",)}, "'ghost2020' is not in sources.yaml"),
    ({"topics": ("astrology",)}, "topic 'astrology'"),
    ({"illustrated_by": {"page": "about"}}, "not a simulation page"),
    ({"illustrated_by": {"page": "dose", "preset": "mega-dose"}}, "'mega-dose' does not exist"),
])
def test_bad_claims_are_reported(changes, expected):
    problems = explainers.claim_problems((claim(**changes),), SOURCES)
    assert any(expected in p for p in problems), problems


def test_too_few_claims_per_article_is_reported():
    problems = explainers.claim_problems((claim(),), SOURCES)
    assert any("S2 makes 0 claims" in p for p in problems)
    assert any("at least 25" in p for p in problems)


def test_malformed_claims_file_raises(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("- id: x\n  claim: only this\n", encoding="utf-8")
    with pytest.raises(explainers.ContentError, match="missing"):
        explainers.load_claims(path)


def test_the_content_check_covers_the_challenges(tmp_path):
    """`python -m content` (validate_all) finds a challenge that cites a source not listed."""
    import shutil

    root = tmp_path / "explainers"
    shutil.copytree(Path(explainers.validate_all.__globals__["CONTENT"]), root)
    text = (root / "challenges.yaml").read_text(encoding="utf-8")
    at = text.index("[@", text.index("\n  why:"))  # the first challenge's why line
    (root / "challenges.yaml").write_text(text[:at] + "[@no-such-paper; @" + text[at + 2:],
                                          encoding="utf-8")
    problems = explainers.validate_all(root)
    assert problems and all("no-such-paper" in p for p in problems), problems
