"""Challenges: predict-then-check tasks, as data (``explainers/challenges.yaml``), each answered
by running the model (no Streamlit here).

A challenge's ``kind`` names the model question behind it. :func:`derive` runs the model for
it and says which choices are right, with the numbers its feedback shows and the setting that
shows it in the app. No answer is stored anywhere: a change to the model changes the answer,
and ``tests/test_challenges.py`` checks each derived answer against the published direction
of effect. :func:`challenge_problems` checks the file's meaning (choices, settings, sources,
reading level), as :mod:`content.checks` does for the explainers.

Kinds (settings in brackets):

- ``block`` (preset, margin): at the preset's peak brain level, are interneurons' or
  pyramidal cells' NMDA receptors blocked more (or within ``margin`` of each other)?
- ``glutamate-peak`` (levels, top_share): at which steady brain level is glutamate highest in
  the first minutes? Every level whose rise is at least ``top_share`` of the highest rise is
  right (near the top counts).
- ``fade`` (preset, output, share, hours, within): how soon after the start does the output
  fall below ``share`` of its peak? Each choice is a time (h) it happens within, in order;
  null for "later".
- ``lasting`` (preset, day, margin): on that day, is spine density above, back at or below
  where it started (more than ``margin`` of the start counts as a change)?
- ``course`` (day, threshold, single, repeated): which schedules keep spine density above the
  threshold on that day: only the repeated ones, only the single ones, all, or none?
- ``most-spines`` (days, presets): which preset gives the highest spine density within the
  days?
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from content import citations, loading, pages
from content.loading import CONTENT, ContentError
from content.readability import MAX_GRADE_LEVEL, grade_level
from sim import cascade, scenarios
from sim.steady import MAX_BRAIN_UM, dose_response_table

CHALLENGES = CONTENT / "challenges.yaml"
MIN_CHALLENGES, MAX_CHALLENGES = 5, 6  # a short set, as a PhET game screen has
KEYS = ("id", "kind", "title", "question", "label", "settings", "result", "why", "see")
URL_KEY = "challenge"  # /challenges?challenge=3 opens challenge 3
HOURS_PER_DAY = 24.0
GROWTH_STEP_MIN = 10.0  # fine enough for spines, which change over hours to days
FADE_STEP_MIN = 1.0  # side effects change within minutes
NEAR_ZERO_UM = 0.001  # brain levels below this are written "less than 0.001"

# Each kind's choice codes (None: its choices come from its settings) and its settings.
KINDS: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...]]] = {
    "block": (("interneurons", "pyramidal", "same"), ("preset", "margin")),
    "glutamate-peak": (None, ("levels", "top_share")),
    "fade": (None, ("preset", "output", "share", "hours", "within")),
    "lasting": (("above", "back", "below"), ("preset", "day", "margin")),
    "course": (("courses", "single", "all", "none"), ("day", "threshold", "single", "repeated")),
    "most-spines": (None, ("days", "presets")),
}


@dataclass(frozen=True)
class Challenge:
    number: int  # from 1, as shown and in ``?challenge=``
    id: str
    kind: str
    title: str
    question: str  # may hold {name} for a number in settings (see :func:`question_text`)
    label: str
    options: tuple[tuple[str, str], ...]  # (code, words), in order; () for glutamate-peak
    settings: Mapping[str, Any]
    result: str
    why: str
    see_page: str
    see_label: str
    see_preset: str | None = None
    see_query: Mapping[str, str] = field(default_factory=dict)

    def choices(self) -> tuple[tuple[str, str], ...]:
        """(code, words) of every choice: the options, or the brain levels of a
        glutamate-peak challenge ("1.5" shown as "1.5 µM")."""
        if self.kind == "glutamate-peak":
            return tuple((level_code(v), level_words(v)) for v in self.settings["levels"])
        return self.options

    def words(self, code: str) -> str:
        return dict(self.choices())[code]


@dataclass(frozen=True)
class Answer:
    """What the model says: the right choices, the numbers for the feedback, and the
    settings of the page that shows it."""

    right: frozenset[str]  # choice codes; more than one where several are right
    facts: Mapping[str, str]  # the numbers the result sentence names, as shown
    values: Mapping[str, str] = field(default_factory=dict)  # the model's number per choice
    query: Mapping[str, str] = field(default_factory=dict)  # address values for "See it"


@dataclass(frozen=True)
class Feedback:
    right: bool
    picked: str  # the words of the student's choice
    answer: str  # the words of the right choice(s)
    result: str  # the model's numbers, in a sentence


def level_code(level_um: float) -> str:
    return f"{level_um:g}"


def level_words(level_um: float) -> str:
    return f"{level_um:g} µM"  # as the Glutamate surge page writes a level


# --------------------------------------------------------------------------- reading

def _text(item: dict, key: str, where: str) -> str:
    value = item.get(key)
    if not (isinstance(value, str) and value.strip()):
        raise ContentError(f"{where}: '{key}' should be text")
    return " ".join(value.split())


def _challenge(item: object, number: int) -> Challenge:
    where = f"challenge {number}"
    if not isinstance(item, dict):
        raise ContentError(f"{where} should be a set of 'key: value' lines")
    missing = [key for key in KEYS if key not in item]
    if missing:
        raise ContentError(f"{where} is missing: {', '.join(missing)}")
    texts = {key: _text(item, key, where)
             for key in ("id", "kind", "title", "question", "label", "result", "why")}
    options = item.get("options") or {}
    if not (isinstance(options, dict) and all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in options.items())):
        raise ContentError(f"{where}: 'options' should map choice codes to words")
    settings, see = item["settings"], item["see"]
    if not isinstance(settings, dict):
        raise ContentError(f"{where}: 'settings' should be a set of 'key: value' lines")
    if not (isinstance(see, dict) and isinstance(see.get("page"), str)
            and isinstance(see.get("label"), str) and see["label"].strip()):
        raise ContentError(f"{where}: 'see' needs a 'page' and a 'label'")
    query = see.get("query") or {}
    if not (isinstance(query, dict) and all(isinstance(v, str) for v in query.values())):
        raise ContentError(f"{where}: 'see: query' should map address keys to text")
    return Challenge(
        number=number, id=texts["id"], kind=texts["kind"], title=texts["title"],
        question=texts["question"], label=texts["label"],
        options=tuple((str(k), " ".join(v.split())) for k, v in options.items()),
        settings=settings, result=texts["result"], why=texts["why"], see_page=see["page"],
        see_label=" ".join(see["label"].split()), see_preset=see.get("preset"),
        see_query={str(k): v for k, v in query.items()})


def load_challenges(path: Path = CHALLENGES) -> tuple[Challenge, ...]:
    """Every challenge in the file, in order, its shape checked (its meaning:
    :func:`challenge_problems`)."""
    data = loading.read_yaml(path)
    if not isinstance(data, list) or not data:
        raise ContentError(f"{path.name} should be a list of challenges")
    return tuple(_challenge(item, number) for number, item in enumerate(data, start=1))


def number_from_url(raw: str | None, total: int) -> tuple[int, str | None]:
    """(challenge number, notice) from a ``?challenge=`` value: anything but 1..total falls
    back to 1, with a notice saying so."""
    if raw is None:
        return 1, None
    text = raw.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= total:
        return int(text), None
    return 1, (f"The link asked for challenge {raw[:20]!r}, but there are challenges 1 to "
               f"{total}; here is challenge 1.")


def question_text(challenge: Challenge) -> str:
    """The question with the numbers of its settings filled in ("above {threshold} times")."""
    return challenge.question.format_map(_scalars(challenge.settings))


def _scalars(settings: Mapping[str, Any]) -> dict[str, str]:
    return {k: f"{v:g}" for k, v in settings.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool)}


# --------------------------------------------------------------------------- the model

def _run(preset: str, hours: float, step_min: float, model: Mapping[str, Any]):
    """The preset through the whole model for ``hours`` (``model``: Scenario fields to
    replace, e.g. another ReceptorParams; tests use it to show the answer follows the
    model)."""
    return cascade.simulate(scenarios.preset_scenario(preset, hours=hours, step_min=step_min,
                                                      **model))


def _at_day(result, column: str, day: float) -> float:
    return float(np.interp(day * HOURS_PER_DAY, result.time_h, result[column]))


def _percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def _times(value: float) -> str:
    return f"{value:.2f}"


def _after(hours: float) -> str:
    return f"{hours * 60:.0f} minutes" if hours < 1 else f"{hours:.1f} hours"


def _block(s: Mapping[str, Any], model: Mapping[str, Any]) -> Answer:
    result = _run(s["preset"], HOURS_PER_DAY, FADE_STEP_MIN, model)
    peak = int(np.argmax(result["brain_um"]))
    inter = float(result["nmda_block_interneuron"][peak])
    pyramidal = float(result["nmda_block_pyramidal"][peak])
    right = ("same" if abs(inter - pyramidal) <= s["margin"]
             else "interneurons" if inter > pyramidal else "pyramidal")
    return Answer(frozenset({right}), {"level": f"{result['brain_um'][peak]:.2f}",
                                       "interneuron": _percent(inter),
                                       "pyramidal": _percent(pyramidal)})


def _glutamate_peak(s: Mapping[str, Any], model: Mapping[str, Any]) -> Answer:
    del model  # the steady states use the published defaults, as the Glutamate surge page does
    levels = [float(v) for v in s["levels"]]
    columns, table = dose_response_table(levels, "disinhibition")
    # the first-minutes value, before slow feedback: the number the page's screen shows
    glutamate = table[:, columns.index("glutamate_rel_unadapted")]
    rise = glutamate - 1.0
    best = int(np.argmax(glutamate))
    near = [i for i, r in enumerate(rise) if r >= s["top_share"] * rise[best]] \
        if rise[best] > 0 else [best]
    return Answer(
        frozenset(level_code(levels[i]) for i in near),
        {"best": level_code(levels[best]), "best_value": _times(glutamate[best]),
         "top_low": level_code(levels[min(near)]), "top_high": level_code(levels[max(near)])},
        {level_code(v): _times(g) for v, g in zip(levels, glutamate, strict=True)},
        {"level": level_words(levels[best])})


def _fade(s: Mapping[str, Any], model: Mapping[str, Any]) -> Answer:
    result = _run(s["preset"], float(s["hours"]), FADE_STEP_MIN, model)
    t, y = result.time_h, result[s["output"]]
    peak = int(np.argmax(y))
    below = np.nonzero(y[peak:] < s["share"] * y[peak])[0]
    fade = float(t[peak + below[0]]) if below.size else math.inf
    right = next(code for code, within in s["within"].items()
                 if within is None or fade <= within)
    relief = result["symptom_relief_index"]
    shown_fade = f"{fade:.1f}" if math.isfinite(fade) else f"more than {s['hours']:g}"
    return Answer(
        frozenset({right}),
        {"peak": _times(y[peak]), "peak_time": _after(float(t[peak])), "fade": shown_fade,
         "relief_fade": _times(float(np.interp(min(fade, t[-1]), t, relief))),
         "relief_day": _times(float(np.interp(HOURS_PER_DAY, t, relief)))},
        query={"hours": f"{min(24, max(1, math.ceil(2 * min(fade, t[-1]))))}"})


def _lasting(s: Mapping[str, Any], model: Mapping[str, Any]) -> Answer:
    day = float(s["day"])
    result = _run(s["preset"], day * HOURS_PER_DAY, GROWTH_STEP_MIN, model)
    spines, start = _at_day(result, "synapse_rel", day), float(result["synapse_rel"][0])
    right = ("above" if spines > start * (1 + s["margin"])
             else "below" if spines < start * (1 - s["margin"]) else "back")
    brain = _at_day(result, "brain_um", day)
    return Answer(frozenset({right}), {
        "day": f"{day:g}", "spines_day": _times(spines), "spines_start": _times(start),
        "brain_day": f"less than {NEAR_ZERO_UM:g}" if brain < NEAR_ZERO_UM else f"{brain:.3f}",
        "brain_peak": f"{float(np.max(result['brain_um'])):.2f}"})


def _course(s: Mapping[str, Any], model: Mapping[str, Any]) -> Answer:
    day = float(s["day"])
    runs = {**s["single"], **s["repeated"]}
    spines = {name: _at_day(_run(preset, day * HOURS_PER_DAY, GROWTH_STEP_MIN, model),
                            "synapse_rel", day) for name, preset in runs.items()}
    above = {name for name, value in spines.items() if value > s["threshold"]}
    groups = {"courses": set(s["repeated"]), "single": set(s["single"]), "all": set(runs),
              "none": set()}
    right = frozenset(code for code, names in groups.items() if names == above)
    return Answer(right, {"day": f"{day:g}", "threshold": f"{s['threshold']:g}",
                          **{name: _times(v) for name, v in spines.items()}})


def _most_spines(s: Mapping[str, Any], model: Mapping[str, Any]) -> Answer:
    hours = float(s["days"]) * HOURS_PER_DAY
    runs = {code: _run(preset, hours, GROWTH_STEP_MIN, model)
            for code, preset in s["presets"].items()}
    highest = {code: float(np.max(r["synapse_rel"])) for code, r in runs.items()}
    best = max(highest.values())
    # ties at the shown precision are all right
    right = frozenset(code for code, v in highest.items() if _times(v) == _times(best))
    outside = [code for code, r in runs.items() if r.notes]
    note = (" The model marks the runs with anaesthesia as outside what it was built for, so "
            "read their growth as a sketch." if outside else "")
    return Answer(right, {"days": f"{s['days']:g}", "range_note": note,
                          **{code: _times(v) for code, v in highest.items()}},
                  {code: _times(v) for code, v in highest.items()})


DERIVE = {"block": _block, "glutamate-peak": _glutamate_peak, "fade": _fade,
          "lasting": _lasting, "course": _course, "most-spines": _most_spines}


def derive(challenge: Challenge, **model: Any) -> Answer:
    """Run the model for this challenge: the right choices and the numbers behind them.
    ``model`` replaces Scenario fields (``receptor=ReceptorParams(...)``, ...)."""
    return DERIVE[challenge.kind](challenge.settings, model)


def check(challenge: Challenge, answer: Answer, picked: str) -> Feedback:
    """The feedback for the student's choice ``picked`` (a choice code)."""
    facts = {**answer.facts, "picked": challenge.words(picked),
             "picked_value": answer.values.get(picked, "")}
    right_words = [words for code, words in challenge.choices() if code in answer.right]
    return Feedback(right=picked in answer.right, picked=challenge.words(picked),
                    answer=" or ".join(right_words) or "none of the choices",
                    result=challenge.result.format_map(facts))


# --------------------------------------------------------------------------- checks

def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _settings_problems(c: Challenge) -> list[str]:
    s, problems = c.settings, []
    presets = []
    if c.kind in ("block", "fade", "lasting"):
        presets.append(s.get("preset"))
    if c.kind == "course":
        for group in ("single", "repeated"):
            if not (isinstance(s.get(group), dict) and s[group]):
                problems.append(f"'{group}' should map names to published doses")
        if not problems:
            presets += [*s["single"].values(), *s["repeated"].values()]
            if set(s["single"]) & set(s["repeated"]):
                problems.append("a name is both single and repeated")
    if c.kind == "most-spines":
        if not (isinstance(s.get("presets"), dict) and len(s["presets"]) >= 2):
            problems.append("'presets' should map choice codes to two or more published doses")
        else:
            presets += list(s["presets"].values())
            if set(s["presets"]) != {code for code, _ in c.options}:
                problems.append("the choices should be the codes under 'presets'")
    problems += [f"{p!r} is not a published dose" for p in presets if p not in scenarios.PRESETS]
    for key in ("margin", "top_share", "share", "threshold", "day", "days", "hours"):
        if key in s and (isinstance(s[key], bool) or not isinstance(s[key], (int, float))
                         or not s[key] >= 0):
            problems.append(f"'{key}' should be a number of at least 0")
    if c.kind == "glutamate-peak":
        levels = s.get("levels")
        if not (isinstance(levels, list) and len(levels) >= 3 and all(
                isinstance(v, (int, float)) and 0 < v <= MAX_BRAIN_UM for v in levels)
                and levels == sorted(set(levels))):
            problems.append(f"'levels' should be three or more rising brain levels from above 0 "
                            f"to {MAX_BRAIN_UM:g} µM")
        if not 0 < s.get("top_share", 0) <= 1:
            problems.append("'top_share' should be above 0 and at most 1")
    if c.kind == "fade":
        within = s.get("within")
        if not (isinstance(within, dict) and within
                and set(within) == {code for code, _ in c.options}):
            problems.append("'within' should give a time for each choice code")
        else:
            times = list(within.values())
            if times[-1] is not None or not all(
                    isinstance(v, (int, float)) for v in times[:-1]) or times[:-1] != sorted(
                    times[:-1]):
                problems.append("'within' should give rising times (h), the last one null")
        if s.get("output") not in cascade.COLUMNS:
            problems.append(f"output {s.get('output')!r} is not a column of the model")
        if not 0 < s.get("hours", 0) <= cascade.MAX_HOURS:
            problems.append("'hours' is outside what the model runs")
    return problems


def challenge_problems(challenges: tuple[Challenge, ...], source_ids: set[str]) -> list[str]:
    """What is wrong with the challenges' meaning; an empty list means they are ready."""
    problems = []
    if not MIN_CHALLENGES <= len(challenges) <= MAX_CHALLENGES:
        problems.append(f"there are {len(challenges)} challenges; {MIN_CHALLENGES} to "
                        f"{MAX_CHALLENGES} expected")
    ids = [c.id for c in challenges]
    problems += [f"challenge id {i!r} appears twice" for i in sorted(set(ids))
                 if ids.count(i) > 1]
    for c in challenges:
        where = f"challenge {c.number} ({c.id})"
        if c.kind not in KINDS:
            problems.append(f"{where}: kind {c.kind!r} is not one of {', '.join(KINDS)}")
            continue
        codes, needed = KINDS[c.kind]
        missing = [key for key in needed if key not in c.settings]
        if missing:
            problems.append(f"{where}: settings miss {', '.join(missing)}")
            continue
        if codes is not None and tuple(code for code, _ in c.options) != codes:
            problems.append(f"{where}: the choices should be {', '.join(codes)}, in order")
        if c.kind == "glutamate-peak" and c.options:
            problems.append(f"{where}: its choices are the levels in settings, not options")
        if c.kind != "glutamate-peak" and len(c.options) < 2:
            problems.append(f"{where}: needs at least two choices")
        problems += [f"{where}: {p}" for p in _settings_problems(c)]
        unknown = _fields(c.question) - set(_scalars(c.settings))
        if unknown:
            problems.append(f"{where}: the question names {', '.join(sorted(unknown))}, not "
                            "numbers in its settings")
        if c.see_page not in pages.NAMES:
            problems.append(f"{where}: see page {c.see_page!r} is not a page of the app")
        if c.see_preset is not None and c.see_preset not in scenarios.PRESETS:
            problems.append(f"{where}: see preset {c.see_preset!r} is not a published dose")
        if not citations.CITATION.search(c.why):
            problems.append(f"{where}: the why cites no source")
        problems += [f"{where}: source {key!r} is not in sources.yaml"
                     for key in citations.cited_ids(c.why) if key not in source_ids]
        shown = [c.title, c.question, c.label, c.result, c.why, c.see_label,
                 *(words for _, words in c.options)]
        codes_shown = sorted({code for code in scenarios.PRESETS for text in shown
                              if re.search(rf"\b{re.escape(code)}\b", text)})
        if codes_shown:
            problems.append(f"{where}: shows the code {', '.join(codes_shown)}; name the dose "
                            "in words")
        level = grade_level(" ".join((c.question, c.why)))
        if level > MAX_GRADE_LEVEL:
            problems.append(f"{where}: reads at grade {level:.1f}")
    return problems
