"""Scenario files: a scenario saved as JSON, and read back with every value checked.

A file comes from a stranger's computer, so nothing in it is trusted: it is parsed with
``json`` only (never unpickled or evaluated), it must be small, every key must be one we know,
every number must be finite and inside the range the model documents, every dose must
pass the same checks as the app's own controls (:func:`sim.schedule.validate_event`), and so
must what the doses add up to (:func:`sim.schedule.validate_schedule`: at once, infusions
running together, any 24 hours, one esketamine session).
Problems raise :class:`ScenarioFileError` with one plain sentence.
"""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

from sim import cascade
from sim.schedule import (
    MAX_SESSIONS,
    MAX_WEIGHT_KG,
    MIN_WEIGHT_KG,
    DoseEvent,
    Schedule,
    validate_event,
    validate_schedule,
)

FORMAT = "ketamine-explorer-scenario/1"
MAX_FILE_BYTES = 100_000  # a scenario with 60 sessions is about 10 kB
PARAMS_FIELDS = ("racemic_pk", "esketamine_pk", "receptor", "circuit", "plasticity", "acute",
                 "relief")
# Written by sim.export for people to read; ignored on reading (they follow from the rest).
INFORMATIONAL = ("format", "app_version", "disclaimer", "drug", "preset", "hypothesis_source")
KNOWN = ("schedule", "hypothesis", "hours", "step_min", *PARAMS_FIELDS, *INFORMATIONAL)
EVENT_KEYS = ("time_h", "route", "amount_mg", "duration_min", "drug")


class ScenarioFileError(ValueError):
    """The file is not a scenario this app can load; the message says why, in words."""


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScenarioFileError(f"{what} should be a number, not {json.dumps(value)[:40]}")
    if not math.isfinite(value):
        raise ScenarioFileError(f"{what} should be a finite number")
    return float(value)


def _mapping(value: Any, what: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ScenarioFileError(f"{what} should be a set of named values ({{...}} in JSON)")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        shown = ", ".join(repr(k)[:40] for k in unknown[:5])
        raise ScenarioFileError(f"{what} has names this app does not know: {shown}")
    return value


def _event(item: Any, number: int, weight_kg: float) -> DoseEvent:
    where = f"dose {number}"
    data = _mapping(item, where, EVENT_KEYS)
    for key in ("time_h", "route", "amount_mg"):
        if key not in data:
            raise ScenarioFileError(f"{where} is missing '{key}'")
    route, drug = data["route"], data.get("drug", "racemic")
    if not isinstance(route, str) or not isinstance(drug, str):
        raise ScenarioFileError(f"{where}: 'route' and 'drug' should be text")
    event = DoseEvent(time_h=_number(data["time_h"], f"{where}: time"), route=route,
                      amount_mg=_number(data["amount_mg"], f"{where}: amount"),
                      duration_min=_number(data.get("duration_min", 0.0), f"{where}: duration"),
                      drug=drug)
    try:
        validate_event(event, weight_kg)
    except ValueError as problem:
        raise ScenarioFileError(f"{where}: {problem}") from None
    return event


def _schedule(value: Any) -> Schedule:
    data = _mapping(value, "'schedule'", ("weight_kg", "events"))
    weight = _number(data.get("weight_kg"), "body weight (schedule.weight_kg)")
    if not MIN_WEIGHT_KG <= weight <= MAX_WEIGHT_KG:
        raise ScenarioFileError(f"body weight should be between {MIN_WEIGHT_KG:g} and "
                                f"{MAX_WEIGHT_KG:g} kg, got {weight:g}")
    events = data.get("events")
    if not isinstance(events, list):
        raise ScenarioFileError("the schedule should list its doses under 'events'")
    if len(events) > MAX_SESSIONS:
        raise ScenarioFileError(f"the schedule has {len(events)} doses; at most "
                                f"{MAX_SESSIONS} are allowed")
    parsed = sorted((_event(item, i, weight) for i, item in enumerate(events, start=1)),
                    key=lambda e: e.time_h)
    schedule = Schedule(weight_kg=weight, events=tuple(parsed))
    try:
        validate_schedule(schedule)
    except ValueError as problem:
        raise ScenarioFileError(f"the doses together: {problem}") from None
    return schedule


def _params(name: str, value: Any) -> Any:
    cls = {f.name: f for f in dataclasses.fields(cascade.Scenario)}[name].default_factory
    allowed = tuple(f.name for f in dataclasses.fields(cls))
    data = _mapping(value, f"'{name}'", allowed)
    numbers = {key: _number(v, f"{name}.{key}") for key, v in data.items()}
    try:
        return cls(**numbers)
    except ValueError as problem:
        raise ScenarioFileError(f"{name}: {problem}") from None


def scenario_from_json(raw: bytes | str) -> cascade.Scenario:
    """The scenario in a JSON file written by :func:`sim.export.scenario_json`."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_FILE_BYTES:
        raise ScenarioFileError(f"the file is {size / 1000:.0f} kB; a scenario file is at "
                                f"most {MAX_FILE_BYTES / 1000:.0f} kB")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ScenarioFileError("the file is not JSON text (was it saved by this app?)") from None
    data = _mapping(data, "the file", KNOWN)
    if "format" in data and data["format"] != FORMAT:
        raise ScenarioFileError(f"the file says it is {str(data['format'])[:40]!r}, not a "
                                "scenario of this app")
    if "schedule" not in data:
        raise ScenarioFileError("the file has no 'schedule' (the doses to simulate)")
    hypothesis = data.get("hypothesis", "disinhibition")
    if not isinstance(hypothesis, str):
        raise ScenarioFileError("'hypothesis' should be text")
    settings: dict[str, Any] = {
        "schedule": _schedule(data["schedule"]), "hypothesis": hypothesis,
        **{name: _params(name, data[name]) for name in PARAMS_FIELDS if name in data},
    }
    for key in ("hours", "step_min"):
        if key in data:
            settings[key] = _number(data[key], f"'{key}'")
    try:
        return cascade.Scenario(**settings)
    except ValueError as problem:
        raise ScenarioFileError(str(problem)) from None
