"""What is wrong with the content's meaning, as sentences: every explainer, claim, source and
glossary term checked against the rules a reader relies on (each cited id resolves, each
``params`` name exists on a model's ``Params``, readability, help where suicide is
mentioned, no file of this project cited as a source). ``python -m content`` runs it.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from content.challenges import challenge_problems, load_challenges
from content.citations import CITATION, cited_ids
from content.loading import (
    ARTICLES,
    CONTENT,
    GRADES,
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
    report_an_error,
)
from content.markup import linked_terms
from content.readability import MAX_GRADE_LEVEL, blocks, grade_level
from sim import cascade, scenarios, validation

MIN_CLAIMS, MIN_CLAIMS_PER_ARTICLE = 25, 3
PARAMS_CLASSES = validation.PARAMS_CLASSES  # every Params class of the models, declared once
SUICIDE = re.compile(r"suicid|self-harm", re.IGNORECASE)
HELP = re.compile(r"professional help|crisis line|emergency|doctor", re.IGNORECASE)
# A reader-facing text that names a file of this project instead of a paper (issue 19):
# the project's own science notes or a Python module (sim/population.py, ...).
OWN_FILE = re.compile(r"reference[-.]md|\b[\w/]+\.py\b", re.IGNORECASE)


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
    problems += challenge_problems(
        attempt(load_challenges, root / "challenges.yaml") or (), set(sources))
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
