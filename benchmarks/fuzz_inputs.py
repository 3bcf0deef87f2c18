"""Fuzz every way input comes in: command-line arguments, page links and scenario files.

Run from the repository root (about 10 000 cases; a few minutes):

    .venv/bin/python benchmarks/fuzz_inputs.py
    .venv/bin/python benchmarks/fuzz_inputs.py --count 2000 --seed 7 --app-count 50

Not part of the default test run (tests/test_ceilings.py runs 50 cases so it cannot rot).
Cases are random but repeatable (a fixed seed unless --seed is given), spread over:

* ``cli``: argument lists for ``python -m sim run`` and ``dose-response`` (routes, doses
  including negative, huge, NaN and text, units, weights, durations, days lists with
  duplicates, sessions, every-h, hours, step-min, drug, hypothesis, stress, format, --out),
  passed to ``sim.__main__.main`` in-process;
* ``url``: query values for each simulation page, checked as the page checks them
  (``ui.controls._problem``, which ``check_url`` applies), then simulated through the page's
  own cached functions (``ui.simulate``); each page's SPECS are read by running it once in
  Streamlit's bare mode;
* ``app``: a smaller sample of such links (--app-count, 200 by default) opened on the real
  page under ``streamlit.testing.v1.AppTest``;
* ``file``: scenario JSON files, saved from the presets and then mutated (wrong types, missing
  and unknown keys, NaN, duplicated and random doses, broken text), read with
  ``sim.scenario_file.scenario_from_json`` and run as the dose page runs a loaded file.

What must hold: no unhandled exception (bad input ends in its documented clear error: exit
status 2 and one line on stderr with nothing written; a ``ValueError`` of one line; a
``ScenarioFileError``; a notice on the page), no NaN or infinity in any output of an accepted
run, and no accepted schedule whose totals exceed a ceiling of ``sim.schedule``, recomputed here
independently (:func:`breaches`). Prints a summary; exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import io
import json
import logging
import math
import random
import re
import sys
import tempfile
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# a standalone script: make ``sim`` and ``ui`` importable from the repository root
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import sim.__main__ as cli  # noqa: E402
from sim import cascade, export, scenarios  # noqa: E402
from sim.plasticity import HYPOTHESES  # noqa: E402
from sim.scenario_file import ScenarioFileError, scenario_from_json  # noqa: E402
from sim.schedule import (  # noqa: E402
    DOSE_UNITS,
    DRUGS,
    ESKETAMINE_MAX_MG,
    MAX_DAILY_MG_PER_KG,
    MAX_DOSE_MG_PER_KG,
    MAX_INFUSION_MG_PER_KG_MIN,
    MAX_IV_BOLUS_MG_PER_KG,
    ROUTES,
    Schedule,
)

SEED = 20240611
COUNT = 10_000
APP_COUNT = 200
SHARES = {"cli": 0.4, "url": 0.3, "file": 0.3}  # of --count; the app sample comes on top
PAGES = ("dose", "receptor", "glutamate", "growth", "story")
POINT_BUDGET = 3000  # time points per accepted CLI run, so 10 000 cases take minutes
ROUNDING = 1e-6  # relative: a total this close to a ceiling is at it (mg -> mg/kg rounding)
MOMENT_H = 2e-9  # windows are shortened by this, so i * every_h rounding is not a breach
DAY_H, AT_ONCE_H, SESSION_GAP_H = 24.0, 1 / 60, 2.0

CEILING_WORDS = ("teaching model's ceiling", "highest labelled session dose")
NUMBER_JUNK = ("nan", "NaN", "inf", "-inf", "1e309", "-1e309", "abc", "", " ", "1,5", "0x10",
               "1e-320", "5e-324", "1e308", "--", "½", "1_000", "+3", "٣")


@dataclass
class Summary:
    cases: Counter = field(default_factory=Counter)
    accepted: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    by_ceiling: Counter = field(default_factory=Counter)  # refusals that name a dose ceiling
    failures: list[str] = field(default_factory=list)

    def refuse(self, channel: str, message: str) -> None:
        self.refused[channel] += 1
        if any(words in message for words in CEILING_WORDS):
            self.by_ceiling[channel] += 1

    def fail(self, channel: str, case, why: str) -> None:
        self.failures.append(f"[{channel}] {why} :: {str(case)[:300]}")


# --- the ceilings, recomputed without sim.schedule's code ------------------------------------

def breaches(schedule: Schedule) -> list[str]:
    """Ceilings the schedule's doses exceed, from the model card of sim/schedule.py alone.

    Amounts are summed with a cumulative "mg given by time x" function; infusions running
    together are found between consecutive starts and ends (at the midpoint of each piece)."""
    w = schedule.weight_kg
    over = 1 + ROUNDING
    found = []
    shots = [(e.time_h, e.amount_mg) for e in schedule.events if e.route != "iv-infusion"]
    boluses = [(e.time_h, e.amount_mg) for e in schedule.events if e.route == "iv-bolus"]
    drips = [(e.time_h, e.time_h + e.duration_min / 60, e.amount_mg / e.duration_min)
             for e in schedule.events if e.route == "iv-infusion"]  # (start h, end h, mg/min)
    for t, _ in shots:
        together = sum(m for u, m in shots if t <= u < t + AT_ONCE_H - MOMENT_H)
        if together / w > MAX_DOSE_MG_PER_KG * over:
            found.append(f"{together / w:g} mg/kg at once at {t:g} h")
    for t, _ in boluses:  # straight into the blood: the label's IV induction range
        together = sum(m for u, m in boluses if t <= u < t + AT_ONCE_H - MOMENT_H)
        if together / w > MAX_IV_BOLUS_MG_PER_KG * over:
            found.append(f"{together / w:g} mg/kg of IV boluses at once at {t:g} h")
    edges = sorted({x for s, e, _ in drips for x in (s, e)})
    for a, b in zip(edges, edges[1:], strict=False):
        if b - a > MOMENT_H:
            rate = sum(r for s, e, r in drips if s < (a + b) / 2 < e) / w
            if rate > MAX_INFUSION_MG_PER_KG_MIN * over:
                found.append(f"{rate:g} mg/kg/min running at {a:g}-{b:g} h")

    def given_by(x: float, counting_x: bool) -> float:
        by = sum(mg for t, mg in shots if (t <= x if counting_x else t < x))
        return by + sum(r * 60 * min(max(x - s, 0.0), e - s) for s, e, r in drips)

    moments = {t for t, _ in shots} | set(edges)
    for c in moments | {m - DAY_H for m in moments}:
        for closed_left in (True, False):  # [c, c + 24 h) and (c, c + 24 h]
            start, end = (c, c + DAY_H - MOMENT_H) if closed_left else (c + MOMENT_H, c + DAY_H)
            mg = given_by(end, not closed_left) - given_by(start, not closed_left)
            if mg / w > MAX_DAILY_MG_PER_KG * over:
                found.append(f"{mg / w:g} mg/kg in the 24 h from {c:g} h")
    sprays = sorted((e.time_h, e.amount_mg) for e in schedule.events
                    if e.drug == "esketamine" and e.route == "intranasal")
    session_mg, last = 0.0, -math.inf
    for t, mg in sprays:
        session_mg = mg + (session_mg if t - last < SESSION_GAP_H else 0.0)
        last = t
        if session_mg > ESKETAMINE_MAX_MG * over:
            found.append(f"{session_mg:g} mg esketamine in one session")
    return found


def nonfinite_columns(result: cascade.Result) -> list[str]:
    return [name for name in result.columns if not np.all(np.isfinite(result[name]))]


# --- random input ----------------------------------------------------------------------------

def number_text(rng: random.Random, lo: float, hi: float) -> str:
    """A number as someone might type it: mostly in [lo, hi], sometimes anything at all."""
    pick = rng.random()
    if pick < 0.75:
        return f"{rng.uniform(lo, hi):.{rng.randint(0, 4)}f}"
    if pick < 0.85:
        return str(rng.choice([lo, hi, 0, 1]))
    if pick < 0.9:
        return f"{-rng.uniform(0, max(hi, 1)):.3g}"
    if pick < 0.95:
        return f"{rng.uniform(hi, hi * 1000 + 1):.4g}"
    return rng.choice(NUMBER_JUNK)


def days_text(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.3:  # duplicates, the finding's bypass
        return ",".join(["0"] * rng.randint(1, 8) + [str(rng.randint(0, 5))
                                                      for _ in range(rng.randint(0, 3))])
    if pick < 0.6:
        days = sorted({0, *(rng.randint(0, 30) for _ in range(rng.randint(0, 8)))})
        return ",".join(str(d) for d in days)
    if pick < 0.8:
        return ",".join(f"{rng.uniform(-1, 400):.2f}" for _ in range(rng.randint(1, 70)))
    return rng.choice(["", ",", "0,,1", "0,x", "nan", "0,1e309", "0;1", "0,0.5,0.5,1"])


def choice_or_junk(rng: random.Random, options) -> str:
    return rng.choice(options) if rng.random() < 0.95 else rng.choice(
        ["", "x", "IV", "rectal", "esk", "<b>", "racemic ", "mg/kg/min"])


def budget(args: list[str]) -> list[str]:
    """Keep an accepted run within POINT_BUDGET time points: a larger --step-min (or fewer
    --hours) when both parse; junk is left for the program to refuse."""
    values = dict(zip(args[1::2], args[2::2], strict=False)) if args[0] == "run" else {}
    if args[0] != "run":
        return args
    try:
        hours = float(values.get("--hours", "nan"))
        step = float(values.get("--step-min", "1"))
    except ValueError:
        return args
    if not math.isfinite(hours):
        preset = scenarios.PRESETS.get(values.get("--preset", ""))
        hours = preset.hours if preset else 168.0
    if not (math.isfinite(step) and step > 0 and hours > 0):
        return args
    if hours * 60 / step + 1 > POINT_BUDGET and hours * 60 / step <= cascade.MAX_POINTS:
        wider = hours * 60 / (POINT_BUDGET - 1)
        if wider <= cascade.MAX_STEP_MIN:
            return [*args, "--step-min", f"{math.ceil(wider * 100) / 100:g}"]
        return [*args, "--hours", f"{(POINT_BUDGET - 1) * step / 60:g}"]
    return args


def cli_args(rng: random.Random) -> list[str]:
    if rng.random() < 0.12:
        args = ["dose-response", "--brain-um",
                ",".join(number_text(rng, 0, 20) for _ in range(rng.randint(1, 8)))]
    else:
        args = ["run"]
        if rng.random() < 0.15:
            args += ["--preset", choice_or_junk(rng, list(scenarios.PRESETS))]
        else:
            if rng.random() < 0.97:
                args += ["--route", choice_or_junk(rng, ROUTES)]
            if rng.random() < 0.97:
                args += ["--dose", number_text(rng, 0, rng.choice([2, 11, 20, 84, 150]))]
            for flag, make in (
                ("--dose-unit", lambda: choice_or_junk(rng, DOSE_UNITS)),
                ("--drug", lambda: choice_or_junk(rng, DRUGS)),
                ("--weight-kg", lambda: number_text(rng, 30, 200)),
                ("--duration-min", lambda: number_text(rng, 1, 1440)),
                ("--sessions", lambda: str(rng.randint(1, 70)) if rng.random() < 0.8
                 else number_text(rng, 1, 60)),
                ("--every-h", lambda: number_text(rng, 0.5, 168)),
                ("--days", lambda: days_text(rng)),
            ):
                if rng.random() < 0.35:
                    args += [flag, make()]
        if rng.random() < 0.8:
            args += ["--hours", number_text(rng, 0.5, 72 if rng.random() < 0.9 else 9600)]
        if rng.random() < 0.3:
            args += ["--step-min", number_text(rng, 0.1, 60)]
    if rng.random() < 0.3:
        args += ["--hypothesis", choice_or_junk(rng, HYPOTHESES)]
    if rng.random() < 0.3:
        args += ["--stress", number_text(rng, 0, 1)]
    if rng.random() < 0.4:
        args += ["--format", choice_or_junk(rng, ("csv", "json"))]
    if rng.random() < 0.03:
        args += [rng.choice(["--bogus", "extra", "--dose"])]
    return budget(args)


# --- the command line ------------------------------------------------------------------------

def numbers_in(text: str, form: str) -> list[float]:
    """Every number a CSV or JSON output holds (JSON's NaN and Infinity parse as floats)."""
    if form == "json":
        return [v for row in json.loads(text)["rows"] for v in row]
    rows = list(csv.reader(io.StringIO(text)))[1:]
    return [float(v) for row in rows for v in row]


def check_cli(rng: random.Random, summary: Summary, folder: Path) -> None:
    args = cli_args(rng)
    out_file = folder / f"out-{rng.randrange(10**9)}.txt" if rng.random() < 0.05 else None
    if out_file:
        args += ["--out", str(out_file)]
    ran: list[cascade.Scenario] = []

    def recording(scenario):
        ran.append(scenario)
        return cascade.simulate(scenario)

    stdout, stderr = io.StringIO(), io.StringIO()
    cli.simulate = recording
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = cli.main(args)
    except BaseException as e:  # noqa: BLE001 - the fuzz reports every escape as a failure
        summary.fail("cli", args, f"{type(e).__name__} escaped main(): {e}")
        return
    finally:
        cli.simulate = cascade.simulate
    out, err = stdout.getvalue(), stderr.getvalue()
    if status == 2:
        summary.refuse("cli", err)
        lines = err.splitlines()
        if len(lines) != 1 or not lines[0].startswith("error: ") or "Traceback" in err:
            summary.fail("cli", args, f"refusal is not one 'error:' line: {err!r}")
        if out or (out_file and out_file.exists()):
            summary.fail("cli", args, "output written although the input was refused")
        return
    if status != 0 or err:
        summary.fail("cli", args, f"status {status}, stderr {err!r}")
        return
    summary.accepted["cli"] += 1
    text = out_file.read_text() if out_file else out
    form = args[args.index("--format") + 1] if "--format" in args else "csv"
    try:
        bad = [v for v in numbers_in(text, form) if not math.isfinite(v)]
    except (ValueError, KeyError, IndexError) as e:
        summary.fail("cli", args, f"output does not parse as {form}: {e}")
        return
    if bad:
        summary.fail("cli", args, f"{len(bad)} values not finite in the output")
    for scenario in ran:
        if breaches(scenario.schedule):
            summary.fail("cli", args, f"accepted beyond a ceiling: {breaches(scenario.schedule)}")


# --- page links ------------------------------------------------------------------------------

def page_specs() -> dict[str, dict]:
    """Each simulation page's SPECS, read by running the page once without a browser."""
    logging.disable(logging.WARNING)  # bare mode warns that no browser session is attached
    try:
        found = {}
        for name in PAGES:
            spec = importlib.util.spec_from_file_location(f"fuzz_page_{name}",
                                                          ROOT / "ui" / "pages" / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            found[name] = module.SPECS
        return found
    finally:
        logging.disable(logging.NOTSET)


def url_value(rng: random.Random, spec) -> str:
    from ui.controls import ChoiceSpec

    if isinstance(spec, ChoiceSpec):
        pick = rng.random()
        if pick < 0.75:
            return rng.choice(spec.shown())
        if pick < 0.85:
            return rng.choice(spec.options)
        return rng.choice(["", "x", "%3Cscript%3E", "standard-iv ", "1", "None"])
    pick = rng.random()
    if pick < 0.5:
        steps = round((spec.max - spec.min) / spec.step)
        return f"{spec.min + rng.randint(0, steps) * spec.step:.6g}"
    if pick < 0.7:
        return f"{rng.uniform(spec.min, spec.max):.{rng.randint(0, 4)}f}"
    return number_text(rng, spec.min - (spec.max - spec.min), spec.max * 3 + 1)


def url_query(rng: random.Random, specs: dict) -> dict[str, str | list[str]]:
    query: dict[str, str | list[str]] = {}
    for key, spec in specs.items():
        if rng.random() < 0.5:
            query[key] = ([url_value(rng, spec) for _ in range(2)] if rng.random() < 0.05
                          else url_value(rng, spec))
    if "minutes" in specs and rng.random() < 0.2:  # the dose page's corner above a ceiling
        route = specs["route"]
        query.pop("drug", None)
        query["route"] = route.shown()[route.options.index("iv-infusion")]
        query["minutes"] = rng.choice(["10", "15", "20"])
        query["dose"] = f"{rng.uniform(1.0, 2.0):.2f}"
    if rng.random() < 0.05:
        query[rng.choice(["evil", "__class__", "dose ", "preset[]"])] = "1"
    return query


def effective(specs: dict, query: dict) -> dict:
    """The value each control takes for this link: the link's, if the page's check accepts
    it (ui.controls._problem, what check_url applies), else the default; as codes."""
    from ui.controls import ChoiceSpec, _problem

    values = {}
    for key, spec in specs.items():
        raw = query.get(key)
        usable = isinstance(raw, str) and _problem(spec, raw) is None
        if isinstance(spec, ChoiceSpec):
            values[key] = spec.code_of(raw) if usable else spec.default
        else:
            values[key] = float(raw) if usable else spec.default
    return values


def page_runs(page: str, v: dict) -> list[tuple[cascade.Scenario, cascade.Result]]:
    """What the page simulates for these control values, through ui.simulate as the page does."""
    from figures import style
    from ui.simulate import run_preset, run_schedule

    if page == "dose":
        if v["drug"] == "esketamine":
            route, dose, unit = "intranasal", float(v["esk_dose"]), "mg"
        else:
            route, dose, unit = v["route"], v["dose"], "mg/kg"
        minutes = v["minutes"] if route == "iv-infusion" else 40.0
        return [run_schedule(route, dose, unit, v["weight"], minutes, v["drug"], 1, 0.0,
                             "disinhibition", 0.0, v["hours"])]
    if page == "receptor":
        if v["level_from"] == "slider":
            return []
        return [run_preset(v["level_from"], "disinhibition", 0.0,
                           min(scenarios.PRESETS[v["level_from"]].hours, 24.0))]
    if page == "glutamate":
        return [run_preset(v["preset"], "disinhibition", 0.0, v["hours"])]
    if page == "growth":
        hours = style.span_hours(v["span"], scenarios.PRESETS[v["preset"]].hours)
        return [run_preset(v["preset"], v["hypothesis"], v["stress"], hours)]
    sides = [(v["a_preset"], v["a_hyp"], v["a_stress"]), (v["b_preset"], v["b_hyp"], v["b_stress"])]
    hours = style.span_hours(v["span"], *(scenarios.PRESETS[s[0]].hours for s in sides))
    return [run_preset(*side, hours) for side in sides]


def check_url(rng: random.Random, summary: Summary, specs: dict) -> None:
    page = rng.choice(PAGES)
    query = url_query(rng, specs[page])
    case = (page, query)
    try:
        values = effective(specs[page], query)
        if page == "receptor":
            from sim.receptor import ReceptorParams, block_interneuron, block_pyramidal

            params = ReceptorParams(**{k: values[k] for k in
                                       ("ic50_interneuron", "ic50_pyramidal", "hill")})
            blocks = [f(values["level"], params) for f in (block_interneuron, block_pyramidal)]
            if not all(0 <= b <= 1 for b in blocks):
                summary.fail("url", case, f"block outside 0-1: {blocks}")
        runs = page_runs(page, values)
    except ValueError as problem:  # the page shows it with st.error
        summary.refuse("url", str(problem))
        if "\n" in str(problem) or not str(problem):
            summary.fail("url", case, f"refusal is not one line: {problem!r}")
        return
    except Exception as e:  # noqa: BLE001
        summary.fail("url", case, f"{type(e).__name__}: {e}")
        return
    summary.accepted["url"] += 1
    for scenario, result in runs:
        if nonfinite_columns(result):
            summary.fail("url", case, f"not finite: {nonfinite_columns(result)}")
        if breaches(scenario.schedule):
            summary.fail("url", case, f"accepted beyond a ceiling: {breaches(scenario.schedule)}")


def check_app(rng: random.Random, summary: Summary, specs: dict) -> None:
    """The real page under AppTest: no exception; the link's unusable values named in a
    notice; numbers shown only for a schedule within the ceilings, and finite."""
    from streamlit.testing.v1 import AppTest

    from ui.controls import ChoiceSpec, _problem

    page = rng.choice(PAGES + ("dose",) * 3)  # the page that builds schedules from the link
    query = url_query(rng, specs[page])
    case = (page, query)
    app = AppTest.from_file(str(ROOT / "ui" / "pages" / f"{page}.py"), default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    try:
        app.run()
    except Exception as e:  # noqa: BLE001
        summary.fail("app", case, f"{type(e).__name__} running the page: {e}")
        return
    if app.exception:
        summary.fail("app", case, f"exception on the page: {app.exception[0].value[:200]}")
        return
    notices = " ".join(i.value for i in app.info)
    for key, spec in specs[page].items():
        raw = query.get(key)
        bad = raw is not None and (not isinstance(raw, str) or _problem(spec, raw) is not None)
        if bad and spec.label not in notices:
            summary.fail("app", case, f"the link's {key}={raw!r} was not reported")
    shown = " ".join(m.value for m in app.markdown if "<dt" in m.value)  # the readouts
    if re.search(r"\b(nan|inf)\b", shown, re.IGNORECASE):
        summary.fail("app", case, f"a number on the page is not finite: {shown[:200]}")
    if page != "dose":
        summary.accepted["app"] += 1
        return
    used = {}
    for key, spec in specs["dose"].items():
        widgets = [w for w in (*app.slider, *app.selectbox) if w.key == key]
        if widgets:
            value = widgets[0].value
            used[key] = spec.code_of(value) if isinstance(spec, ChoiceSpec) else float(value)
        else:
            used[key] = spec.default
    try:
        (scenario, _), = page_runs("dose", used)
        within = not breaches(scenario.schedule)
    except ValueError:
        within = False
    errors = [e.value for e in app.error]
    showing = "Peak plasma level" in shown
    if within and (errors or not showing):
        summary.fail("app", case, f"allowed settings not shown: {errors}")
    elif not within:
        summary.refuse("app", " ".join(errors))
        if showing or not any("outside what the model covers" in e for e in errors):
            summary.fail("app", case, "settings beyond a ceiling were simulated")
        return
    summary.accepted["app"] += 1


# --- scenario files --------------------------------------------------------------------------

def junk_value(rng: random.Random):
    return rng.choice([
        -rng.uniform(0, 1e4), rng.uniform(0, 1e6), 1e308, 0, 1, True, None, "12", "",
        [], {}, [1, 2], {"a": 1}, float("nan"), float("inf"), -0.0, 2**70, "NaN",
    ])


def random_event(rng: random.Random, weight: float) -> dict:
    route = rng.choice(ROUTES)
    event = {"time_h": rng.choice([0.0, 0.0, rng.uniform(0, 48), rng.uniform(0, 9000),
                                   rng.randint(0, 20) * 12.0]),
             "route": route,
             "amount_mg": rng.choice([rng.uniform(0, 16) * weight, 28.0, 56.0, 84.0,
                                      rng.uniform(0, 2) * weight])}
    if route == "iv-infusion" or rng.random() < 0.1:
        event["duration_min"] = rng.choice([40.0, rng.uniform(1, 1440), 1440.0, 0.0, 150.0])
    if rng.random() < 0.3:
        event["drug"] = rng.choice(DRUGS)
    return event


def paths(data, prefix=()):
    """Every key path in a nested JSON value."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield (*prefix, i)
            yield from paths(value, (*prefix, i))


def at(data, path):
    for key in path[:-1]:
        data = data[key]
    return data


def scenario_file_text(rng: random.Random) -> str:
    name = rng.choice(list(scenarios.PRESETS))
    base = scenarios.preset_scenario(name, hours=rng.choice([1.0, 6.0, 48.0,
                                                             scenarios.PRESETS[name].hours]))
    data = json.loads(export.scenario_json(base, name))
    weight = data["schedule"]["weight_kg"]
    doses_only = rng.random() < 0.5  # else junk too: half the files stay well-formed
    for _ in range(rng.randint(1, 4)):
        kind = rng.random() * (0.55 if doses_only else 1.0)
        events = data.get("schedule", {}).get("events") if isinstance(
            data.get("schedule"), dict) else None
        if kind < 0.25 and isinstance(events, list) and events:  # the finding's bypasses
            event = rng.choice(events)
            if isinstance(event, dict):
                events.extend([dict(event) for _ in range(rng.randint(1, 6))])
                if rng.random() < 0.5:
                    for i, e in enumerate(events):
                        if isinstance(e, dict):
                            e["time_h"] = 24.0 * i * rng.choice([0, 0.5, 1])
        elif kind < 0.45 and isinstance(events, list):
            events[:] = [random_event(rng, weight) for _ in range(rng.randint(0, 8))]
        elif kind < 0.55 and isinstance(events, list) and events:
            event = rng.choice(events)
            if isinstance(event, dict) and isinstance(event.get("amount_mg"), (int, float)):
                event["amount_mg"] *= rng.choice([1.01, 2, 5, 10, 100, -1])
        elif kind < 0.8:
            path = rng.choice(list(paths(data)))
            at(data, path)[path[-1]] = junk_value(rng)
        elif kind < 0.9:
            path = rng.choice(list(paths(data)))
            target = at(data, path)
            if isinstance(target, dict):
                del target[path[-1]]
            else:
                target.pop(path[-1])
        else:
            path = rng.choice([(), *(p for p in paths(data) if isinstance(at(data, p)[p[-1]],
                                                                        dict))])
            target = at(data, path)[path[-1]] if path else data
            target[rng.choice(["extra", "__proto__", "amount"])] = junk_value(rng)
    text = json.dumps(data, allow_nan=True)
    pick = rng.random()
    if pick < 0.03:
        return text[: rng.randrange(len(text))]
    if pick < 0.05:
        return "[" + text + "]"
    if pick < 0.06:
        return text.replace('"', "'")
    return text


def check_file(rng: random.Random, summary: Summary) -> None:
    from ui.simulate import run_file

    raw = scenario_file_text(rng)
    try:
        scenario_from_json(raw)
    except ScenarioFileError as problem:
        summary.refuse("file", str(problem))
        if "\n" in str(problem) or not str(problem):
            summary.fail("file", raw, f"refusal is not one line: {problem!r}")
        return
    except Exception as e:  # noqa: BLE001
        summary.fail("file", raw, f"{type(e).__name__} escaped the loader: {e}")
        return
    try:
        scenario, result = run_file(raw)  # as the dose page runs a loaded file
    except Exception as e:  # noqa: BLE001
        summary.fail("file", raw, f"{type(e).__name__} running an accepted file: {e}")
        return
    summary.accepted["file"] += 1
    if nonfinite_columns(result):
        summary.fail("file", raw, f"not finite: {nonfinite_columns(result)}")
    if breaches(scenario.schedule):
        summary.fail("file", raw, f"accepted beyond a ceiling: {breaches(scenario.schedule)}")


# --- running ---------------------------------------------------------------------------------

def run(count: int = COUNT, seed: int = SEED, app_count: int = APP_COUNT,
        progress: bool = False) -> Summary:
    """Fuzz ``count`` cases over the cli, url and file channels, plus ``app_count`` pages."""
    rng = random.Random(seed)
    summary = Summary()
    specs = page_specs()
    channels = rng.choices(list(SHARES), weights=list(SHARES.values()), k=count)
    with warnings.catch_warnings(), tempfile.TemporaryDirectory() as folder:
        warnings.simplefilter("error", RuntimeWarning)  # an overflow is a bug, as in pytest
        for i, channel in enumerate(channels):
            summary.cases[channel] += 1
            if channel == "cli":
                check_cli(rng, summary, Path(folder))
            elif channel == "url":
                check_url(rng, summary, specs)
            else:
                check_file(rng, summary)
            if progress and (i + 1) % 1000 == 0:
                print(f"  {i + 1} cases, {len(summary.failures)} failures", flush=True)
        logging.disable(logging.WARNING)
        try:
            for _ in range(app_count):
                summary.cases["app"] += 1
                try:
                    check_app(rng, summary, specs)
                except Exception:  # noqa: BLE001
                    summary.fail("app", "", traceback.format_exc(limit=3))
        finally:
            logging.disable(logging.NOTSET)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=COUNT,
                        help="cases over the cli, url and file channels")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--app-count", type=int, default=APP_COUNT,
                        help="links opened on the real page under AppTest (on top of --count)")
    args = parser.parse_args(argv)
    print(f"Fuzzing {args.count} inputs + {args.app_count} pages (seed {args.seed})")
    summary = run(args.count, args.seed, args.app_count, progress=True)
    for channel in (*SHARES, "app"):
        print(f"{channel:>5}: {summary.cases[channel]:>6} cases, "
              f"{summary.accepted[channel]:>6} accepted, {summary.refused[channel]:>6} refused "
              f"({summary.by_ceiling[channel]} of them at a dose ceiling)")
    print(f"total: {sum(summary.cases.values())} cases, {len(summary.failures)} failures")
    for failure in summary.failures[:30]:
        print("  FAIL", failure)
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
