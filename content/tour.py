"""The guided tour as data: load and check ``explainers/tour.yaml`` (no Streamlit here).

Each step sets a scenario (a chart kind plus a preset, hypothesis and stress), asks a question
before its answer is shown, and links to claims in the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from content import citations, explainers, loading
from sim import scenarios
from sim.plasticity import HYPOTHESES

TOUR = explainers.CONTENT / "tour.yaml"
CHARTS = ("levels", "block", "surge", "inverted-u", "growth", "hypotheses", "none")
MIN_STEPS, MAX_STEPS = 8, 12
STEP_KEYS = ("title", "text", "chart", "look_at", "question", "answer", "claims")


@dataclass(frozen=True)
class Step:
    number: int  # from 1, as shown to readers and in ``?tour=``
    title: str
    text: str
    chart: str
    preset: str | None
    hypothesis: str
    stress: float
    look_at: str
    question: str
    answer: str
    claims: tuple[str, ...]


def _step(item: object, number: int) -> Step:
    if not isinstance(item, dict):
        raise explainers.ContentError(f"tour step {number} should be a set of 'key: value' lines")
    missing = [key for key in STEP_KEYS if key not in item]
    if missing:
        raise explainers.ContentError(f"tour step {number} is missing: {', '.join(missing)}")
    for key in ("title", "text", "chart", "look_at", "question", "answer"):
        if not (isinstance(item[key], str) and item[key].strip()):
            raise explainers.ContentError(f"tour step {number}: '{key}' should be text")
    stress = item.get("stress", 0.0)
    if isinstance(stress, bool) or not isinstance(stress, (int, float)):
        raise explainers.ContentError(f"tour step {number}: 'stress' should be a number")
    claims = item["claims"] or []
    if not isinstance(claims, list) or not all(isinstance(c, str) for c in claims):
        raise explainers.ContentError(f"tour step {number}: 'claims' should be a list of ids")
    return Step(number=number, title=item["title"].strip(), text=item["text"].strip(),
                chart=item["chart"].strip(), preset=item.get("preset"),
                hypothesis=str(item.get("hypothesis", "disinhibition")), stress=float(stress),
                look_at=item["look_at"].strip(), question=item["question"].strip(),
                answer=item["answer"].strip(), claims=tuple(claims))


def load_tour(path: Path = TOUR) -> tuple[Step, ...]:
    data = loading.read_yaml(path)
    if not isinstance(data, list) or not data:
        raise explainers.ContentError(f"{path.name} should be a list of steps")
    return tuple(_step(item, number) for number, item in enumerate(data, start=1))


def tour_problems(steps: tuple[Step, ...], claim_ids: set[str],
                  source_ids: set[str]) -> list[str]:
    """What is wrong with the tour's meaning; an empty list means it is ready to play."""
    problems = []
    if not MIN_STEPS <= len(steps) <= MAX_STEPS:
        problems.append(f"the tour has {len(steps)} steps; {MIN_STEPS} to {MAX_STEPS} expected")
    for step in steps:
        where = f"tour step {step.number}"
        if step.chart not in CHARTS:
            problems.append(f"{where}: chart {step.chart!r} is not one of {', '.join(CHARTS)}")
        if step.chart not in ("none", "inverted-u") and step.preset not in scenarios.PRESETS:
            problems.append(f"{where}: preset {step.preset!r} does not exist")
        if step.hypothesis not in HYPOTHESES:
            problems.append(f"{where}: hypothesis {step.hypothesis!r} does not exist")
        if not 0.0 <= step.stress <= 1.0:
            problems.append(f"{where}: stress {step.stress:g} is outside 0 to 1")
        problems += [f"{where}: claim {c!r} is not in claims.yaml"
                     for c in step.claims if c not in claim_ids]
        for field in ("text", "answer"):
            text = getattr(step, field)
            if not citations.CITATION.search(text):
                problems.append(f"{where}: the {field} cites no source")
            problems += [f"{where}: source {s!r} is not in sources.yaml"
                         for s in citations.cited_ids(text) if s not in source_ids]
        level = explainers.grade_level(" ".join((step.text, step.question, step.answer)))
        if level > explainers.MAX_GRADE_LEVEL:
            problems.append(f"{where}: reads at grade {level:.1f}")
    return problems


def step_from_url(raw: str | None, total: int) -> tuple[int, str | None]:
    """(step number, notice) from a ``?tour=`` value: anything but 1..total falls back to 1."""
    if raw is None:
        return 1, None
    text = raw.strip()
    if text.isdigit() and 1 <= int(text) <= total:
        return int(text), None
    return 1, (f"The link asked for tour step {raw[:20]!r}, but the tour has steps 1 to "
               f"{total}; it starts at step 1.")
