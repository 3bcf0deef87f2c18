"""The calibrated chain against published facts (reference.md §10), as a table for people.

Model card
----------
Each :class:`Fact` is one published number or shape: what it says in plain words, where it was
published, the published value, the tolerance we accept (from reference.md §10) and a function
that measures the same thing in the model. A target with several numbers (peak size *and* peak
time, say) is split into several facts that share its target id (``T7a``, ``T7b``, ...).

The measurements are the ones ``tests/test_published_facts.py`` makes: the published protocols
from ``sim.scenarios``, the virtual population of ``sim.population`` and the steady states of
``sim.steady.dose_response_table``. Passing is decided on the unrounded model value; the text
shown is rounded for reading. The few simulations are run once and cached, so the whole table
takes well under a second after the first call.

These check the model's *outputs*, never its inputs: a fact passes only if the chain of models,
run as a whole, lands inside the published range.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from sim import cascade, pk, population, scenarios
from sim.schedule import Schedule, make_schedule
from sim.steady import dose_response_table

MW = pk.MW_KETAMINE  # g/mol: ng/mL per uM
HOURS_PER_DAY = 24.0
MIN_PER_H = 60.0
BODY_WEIGHT_KG = 70.0  # the default adult of every preset; Kamp 2020 reports per 70 kg
STANDARD_INFUSION_MIN = 40.0  # Zarate 2006: 0.5 mg/kg over 40 min
IDVALL_RATE_MG_PER_KG_MIN = 0.041  # Idvall 1979 maintenance, 41 ug/kg/min
ANAESTHETIC_PLATEAU_UM = 9.3  # Idvall 1979
RECOVERY_UM = 2.7  # Idvall 1979

Check = Callable[[], tuple[str, bool]]


@dataclass(frozen=True)
class Fact:
    """One published fact and how to measure it in the model."""

    id: str  # e.g. "T7b": target T7 of reference.md §10, second number
    statement: str  # plain words
    citation: str
    published: str  # the published value, as text
    tolerance: str  # what the model must land in, as text
    check: Check  # () -> (model value as text, passed)

    @property
    def target(self) -> str:
        """The reference.md §10 target this fact belongs to ("T7" for "T7b")."""
        return re.match(r"T\d+", self.id).group(0)


@dataclass(frozen=True)
class Row:
    """A fact with the model's value: one line of the validation table."""

    id: str
    target: str
    statement: str
    citation: str
    published: str
    tolerance: str
    model: str
    passed: bool


# --- the simulations, each run once -------------------------------------------------------

def _at(result: cascade.Result, hours: float, name: str) -> float:
    return float(result[name][int(np.searchsorted(result.time_h, hours - 1e-9))])


def _respond(relief: float) -> float:
    return float(population.response_fraction(relief))


@lru_cache(maxsize=1)
def _standard() -> cascade.Result:
    """One 0.5 mg/kg infusion over 40 min, followed for a week."""
    return cascade.simulate(scenarios.preset_scenario("standard-iv"))


@lru_cache(maxsize=1)
def _standard_month() -> cascade.Result:
    return cascade.simulate(scenarios.preset_scenario("standard-iv", hours=30 * HOURS_PER_DAY))


@lru_cache(maxsize=1)
def _course() -> cascade.Result:
    return cascade.simulate(scenarios.preset_scenario("iv-course"))


@lru_cache(maxsize=1)
def _anaesthetic_preset() -> cascade.Result:
    return cascade.simulate(scenarios.preset_scenario("anesthetic-infusion"))


@lru_cache(maxsize=1)
def _plateau_um() -> float:
    """Plasma level after 24 h of Idvall's maintenance rate: the model's plateau (uM)."""
    day_min = HOURS_PER_DAY * MIN_PER_H
    schedule = make_schedule("iv-infusion", IDVALL_RATE_MG_PER_KG_MIN * day_min,
                             duration_min=day_min)
    long = cascade.simulate(cascade.Scenario(schedule, hours=HOURS_PER_DAY))
    return float(long["plasma_ng_per_ml"][-1] / MW)


@lru_cache(maxsize=8)
def _steady(levels_um: tuple[float, ...], column: str) -> tuple[float, ...]:
    columns, values = dose_response_table(list(levels_um), "disinhibition")
    return tuple(float(v) for v in values[:, columns.index(column)])


@lru_cache(maxsize=1)
def _bolus_pk() -> tuple[float, float, float]:
    """Clearance (L/h), Vss (L) and terminal half-life (h) of a simulated 1 mg/kg IV bolus,
    measured as a PK study would: CL = dose/AUC, Vss = CL x AUMC/AUC, slope from 8 to 24 h."""
    t = np.arange(0, 72 * MIN_PER_H + 1) / MIN_PER_H
    c = pk.simulate(make_schedule("iv-bolus", 1.0), t).plasma_ng_per_ml / 1000  # mg/L
    auc, aumc = np.trapezoid(c, t), np.trapezoid(c * t, t)
    clearance = BODY_WEIGHT_KG * 1.0 / auc
    late = (t >= 8) & (t <= 24)
    slope = np.polyfit(t[late], np.log(c[late]), 1)[0]
    return float(clearance), float(clearance * aumc / auc), float(np.log(2) / -slope)


@lru_cache(maxsize=4)
def _bioavailability(route: str) -> float:
    """AUC after a 0.5 mg/kg dose by ``route`` over AUC after the same dose as an IV bolus."""
    t = np.arange(0, 72 * MIN_PER_H + 1) / MIN_PER_H

    def auc(r: str) -> float:
        return float(np.trapezoid(pk.simulate(make_schedule(r, 0.5), t).plasma_ng_per_ml, t))

    return auc(route) / auc("iv-bolus")


@lru_cache(maxsize=1)
def _dose_responses() -> dict[float, float]:
    """Fraction responding 24 h after one 40 min infusion of 0.1, 0.2, 0.5 and 1.0 mg/kg."""
    out = {}
    for dose in (0.1, 0.2, 0.5, 1.0):
        r = cascade.simulate(cascade.Scenario(make_schedule("iv-infusion", dose), hours=25))
        out[dose] = _respond(_at(r, 24, "symptom_relief_index"))
    return out


@lru_cache(maxsize=1)
def _maintenance_relapse() -> dict[str, float]:
    """Share of responders at the end of the four-week esketamine induction who no longer
    respond four weeks later, with sessions stopped or continued weekly (SUSTAIN-1 design)."""
    induction = scenarios.PRESETS["esketamine-induction"].schedule
    weekly = make_schedule("intranasal", 84.0, "mg", drug="esketamine", sessions=4,
                           every_h=7 * HOURS_PER_DAY)
    shift = 28 * HOURS_PER_DAY
    maintained = Schedule(BODY_WEIGHT_KG, induction.events + tuple(
        e.__class__(e.time_h + shift, e.route, e.amount_mg, e.duration_min, e.drug)
        for e in weekly.events))
    relapsed = {}
    for name, schedule in (("stopped", induction), ("maintained", maintained)):
        r = cascade.simulate(cascade.Scenario(schedule, hours=57 * HOURS_PER_DAY, step_min=5))
        relief, t = r["symptom_relief_index"], r.time_h
        before = _respond(relief[np.searchsorted(t, shift)])
        after = _respond(relief[np.searchsorted(t, shift + 27 * HOURS_PER_DAY)])
        relapsed[name] = 1 - min(after, before) / before
    return relapsed


# --- the checks ---------------------------------------------------------------------------

def _within(value: float, low: float, high: float) -> bool:
    return bool(low <= value <= high)


def _t1() -> tuple[str, bool]:
    c = _at(_standard(), STANDARD_INFUSION_MIN / MIN_PER_H, "plasma_ng_per_ml")
    return f"{c:.0f} ng/mL", _within(c, 150, 220)


def _t3_plateau() -> tuple[str, bool]:
    c = _plateau_um()
    return f"{c:.1f} µM", _within(c, 0.75 * ANAESTHETIC_PLATEAU_UM, 1.25 * ANAESTHETIC_PLATEAU_UM)


def _t3_recovery() -> tuple[str, bool]:
    g_recovery, g_plateau = _steady((RECOVERY_UM, ANAESTHETIC_PLATEAU_UM), "glutamate_rel")
    text = (f"glutamate {g_recovery:.2f}× baseline at {RECOVERY_UM} µM, "
            f"{g_plateau:.2f}× at {ANAESTHETIC_PLATEAU_UM} µM")
    return text, g_recovery > 1.0 > g_plateau


def _t4_clearance() -> tuple[str, bool]:
    cl = _bolus_pk()[0]
    return f"{cl:.0f} L/h", _within(cl, 0.75 * 79, 1.25 * 79)


def _t4_volume() -> tuple[str, bool]:
    vss = _bolus_pk()[1]
    return f"{vss:.0f} L", _within(vss, 0.75 * 252, 1.25 * 252)


def _t4_half_life() -> tuple[str, bool]:
    half = _bolus_pk()[2]
    return f"{half:.1f} h", _within(half, 1.5, 3.5)


def _t6_oral() -> tuple[str, bool]:
    f = _bioavailability("oral")
    return f"{f:.2f}", _within(f, 0.15, 0.25)


def _t6_nasal() -> tuple[str, bool]:
    f = _bioavailability("intranasal")
    return f"{f:.2f}", _within(f, 0.10, 0.50)


def _peak_minutes(column: str) -> float:
    """When the standard infusion's ``column`` peaks, in minutes after the start."""
    r = _standard()
    return float(r.time_h[np.argmax(r[column])] * MIN_PER_H)


def _share_of_peak(column: str, hours: float) -> float:
    """``column`` at ``hours`` after the standard infusion's start, as a share of its peak."""
    r = _standard()
    return _at(r, hours, column) / float(r[column].max())


def _t7_peak() -> tuple[str, bool]:
    g = _standard()["glutamate_rel"].max()
    return f"+{(g - 1) * 100:.0f} %", _within(g, 1.15, 1.60)


def _t7_time() -> tuple[str, bool]:
    minutes = _peak_minutes("glutamate_rel")
    return f"{minutes:.0f} min", _within(minutes, 15, 45)


def _t7_three_hours() -> tuple[str, bool]:
    g = _at(_standard(), 3.0, "glutamate_rel")
    return f"{(g - 1) * 100:+.0f} %", g < 1.15


def _t8_up() -> tuple[str, bool]:
    g = _steady((0.5, 1.0, 2.0), "glutamate_rel_unadapted")
    return " / ".join(f"{v:.2f}×" for v in g), min(g) > 1.3


def _t8_middle() -> tuple[str, bool]:
    (g,) = _steady((6.0,), "glutamate_rel_unadapted")
    return f"{g:.2f}×", _within(g, 0.85, 1.15)


def _t8_down() -> tuple[str, bool]:
    (g,) = _steady((ANAESTHETIC_PLATEAU_UM,), "glutamate_rel_unadapted")
    return f"{g:.2f}×", g < 1.0


def _t8_anaesthesia() -> tuple[str, bool]:
    g = _at(_anaesthetic_preset(), 4.0, "glutamate_rel")
    return f"{g:.2f}×", g < 1.0


def _t9_peak() -> tuple[str, bool]:
    minutes = _peak_minutes("dissociation")
    return f"{minutes:.0f} min", _within(minutes, 30, 50)


def _t9_resolved() -> tuple[str, bool]:
    share = _share_of_peak("dissociation", 2.0)
    return f"{share * 100:.0f} % of peak", share < 0.25


def _t10_size() -> tuple[str, bool]:
    bp = _standard()["systolic_bp_change_mmhg"].max()
    return f"+{bp:.1f} mmHg", _within(bp, 2, 10)


def _t10_time() -> tuple[str, bool]:
    minutes = _peak_minutes("systolic_bp_change_mmhg")
    return f"{minutes:.0f} min", _within(minutes, 30, 45)


def _t10_after() -> tuple[str, bool]:
    share = _share_of_peak("systolic_bp_change_mmhg", 2.0)
    return f"{share * 100:.0f} % of peak", share < 0.5


def _response_at(hours: float) -> float:
    return _respond(_at(_standard(), hours, "symptom_relief_index"))


def _t11_day1() -> tuple[str, bool]:
    f = _response_at(24)
    return f"{f * 100:.0f} %", _within(f, 0.40, 0.60)


def _t11_week() -> tuple[str, bool]:
    f = _response_at(7 * HOURS_PER_DAY)
    return f"{f * 100:.0f} %", _within(f, 0.20, 0.45)


def _t11_onset() -> tuple[str, bool]:
    f = _response_at(2)
    return f"{f * 100:.0f} %", f >= 0.25


def _last_infusion_h() -> float:
    return scenarios.SIX_INFUSION_DAYS[-1] * HOURS_PER_DAY + 1


def _t12_response() -> tuple[str, bool]:
    r = _course()
    f = _respond(r["symptom_relief_index"][np.searchsorted(r.time_h, _last_infusion_h())])
    return f"{f * 100:.0f} %", _within(f, 0.55, 0.80)


def _t12_relapse() -> tuple[str, bool]:
    r = _course()
    days = population.median_days_to_relapse(r.time_h, r["symptom_relief_index"],
                                             _last_infusion_h())
    return f"{days:.0f} days", _within(days, 10, 30)


def _t13_order() -> tuple[str, bool]:
    f = _dose_responses()
    text = ", ".join(f"{dose:g} mg/kg: {value * 100:.0f} %" for dose, value in f.items())
    ordered = f[0.1] < f[0.2] < f[0.5] <= f[1.0]
    return text, bool(ordered and f[0.2] < f[0.5] - 0.15)


def _spine_peak_and_half() -> tuple[float, float]:
    r = _standard_month()
    s, t = r["synapse_rel"] - 1.0, r.time_h
    peak = int(np.argmax(s))
    half = t[peak + int(np.argmax(s[peak:] < s[peak] / 2))] - t[peak]
    return float(t[peak]), float(half / HOURS_PER_DAY)


def _t14_peak() -> tuple[str, bool]:
    peak_h, _ = _spine_peak_and_half()
    return f"{peak_h:.0f} h", _within(peak_h, 12, 48)


def _t14_lasting() -> tuple[str, bool]:
    _, half_days = _spine_peak_and_half()
    return f"{half_days:.1f} days", _within(half_days, 5, 14)


def _t14_maintenance() -> tuple[str, bool]:
    r, p = _standard(), cascade.ReliefParams()

    def spine_share(hours: float) -> float:
        fast = _at(r, hours, "fast_component") * p.fast_weight
        spines = (_at(r, hours, "synapse_rel") - 1.0) * p.spine_weight
        return spines / (fast + spines)

    early, late = spine_share(2.0), spine_share(72.0)
    relief = _at(r, 2.0, "symptom_relief_index")
    text = f"spines carry {early * 100:.0f} % of relief at 2 h, {late * 100:.0f} % at day 3"
    return text, relief > 0.3 and early < 0.1 and late > 0.8


def _t15() -> tuple[str, bool]:
    r = _maintenance_relapse()
    ratio = r["maintained"] / r["stopped"]
    text = (f"{r['maintained'] * 100:.0f} % relapsed if continued vs "
            f"{r['stopped'] * 100:.0f} % if stopped (ratio {ratio:.2f})")
    return text, ratio < 0.5


_STANDARD = "one 0.5 mg/kg infusion over 40 minutes"

FACTS: tuple[Fact, ...] = (
    Fact("T1", f"Blood (plasma) level at the end of {_STANDARD}",
         "Zanos 2018 Pharmacol Rev, Table 1 (Zarate 2006)", "~185 ng/mL (0.78 µM)",
         "150–220 ng/mL", _t1),
    Fact("T3a", "Steady blood level during anaesthesia at about 41 µg/kg/min",
         "Idvall 1979 Br J Anaesth", "~9.3 µM", "7.0–11.6 µM (±25 %)", _t3_plateau),
    Fact("T3b", "Patients woke up near 2.7 µM: the circuit has left its anaesthetic state "
         "(glutamate below baseline) by then",
         "Idvall 1979 Br J Anaesth", "recovery near 2.7 µM",
         "glutamate above baseline at 2.7 µM, below at 9.3 µM", _t3_recovery),
    Fact("T4a", "How fast the body clears ketamine from the blood (clearance, 70 kg adult)",
         "Kamp 2020 Anesthesiology", "79 L/h", "59–99 L/h (±25 %)", _t4_clearance),
    Fact("T4b", "How widely ketamine spreads through the body (volume at steady state, 70 kg)",
         "Kamp 2020 Anesthesiology", "252 L", "189–315 L (±25 %)", _t4_volume),
    Fact("T4c", "Time for the blood level to halve, hours after a dose (terminal half-life)",
         "Yanagihara 2003; Clements 1982 via Yang 2018", "2–3 h", "1.5–3.5 h", _t4_half_life),
    Fact("T6a", "Share of a swallowed dose that reaches the blood (oral bioavailability)",
         "Yanagihara 2003; Chong 2006", "~0.20", "0.15–0.25", _t6_oral),
    Fact("T6b", "Share of a nasal dose of racemic ketamine that reaches the blood",
         "Yanagihara 2003 (0.45); Pharmacotherapy 2022 (0.11–0.17)", "0.1–0.5 (uncertain)",
         "0.10–0.50", _t6_nasal),
    Fact("T7a", f"Size of the glutamate rise in the front of the brain during {_STANDARD}",
         "Milak 2016 Mol Psychiatry", "+38 %", "+15 to +60 %", _t7_peak),
    Fact("T7b", "When the glutamate rise peaks, after the start of the infusion",
         "Milak 2016 Mol Psychiatry", "~26 min", "15–45 min", _t7_time),
    Fact("T7c", "Glutamate 3 hours after the start: the rise has mostly gone",
         "Milak 2016; PMC8024494 (no change at ~3 h)", "back near baseline", "below +15 %",
         _t7_three_hours),
    Fact("T8a", "Inverted U: glutamate goes up at low, sub-anaesthetic brain levels "
         "(0.5, 1 and 2 µM)", "Moghaddam 1997 J Neurosci (rat)", "raised",
         "above 1.3× baseline at each level", _t8_up),
    Fact("T8b", "Inverted U: glutamate is back near baseline at an in-between level (6 µM)",
         "Moghaddam 1997 J Neurosci (rat)", "about unchanged", "0.85–1.15× baseline", _t8_middle),
    Fact("T8c", "Inverted U: glutamate falls below baseline at the anaesthetic level (9.3 µM)",
         "Moghaddam 1997 J Neurosci (rat); Idvall 1979", "lowered", "below 1.0× baseline",
         _t8_down),
    Fact("T8d", "Glutamate during a simulated anaesthetic (4 h into the Idvall protocol)",
         "Moghaddam 1997 J Neurosci; Idvall 1979", "lowered", "below 1.0× baseline",
         _t8_anaesthesia),
    Fact("T9a", f"When dissociation (feeling detached) is strongest during {_STANDARD}",
         "Luckenbaugh 2014 (CADSS at 40 min)", "near the end of the infusion (~40 min)",
         "30–50 min", _t9_peak),
    Fact("T9b", "Dissociation 2 hours after the start: largely gone",
         "Popova 2019 (TRANSFORM-2); SPRAVATO label", "resolved by 1.5–2 h",
         "below 25 % of its peak", _t9_resolved),
    Fact("T10a", f"Largest rise in systolic blood pressure during {_STANDARD}",
         "Riva-Posse 2018 (PMID 29525051); 741-infusion cohort", "+3 to +7 mmHg",
         "+2 to +10 mmHg", _t10_size),
    Fact("T10b", "When the blood-pressure rise is largest", "PMID 29525051; 741-infusion cohort",
         "30–40 min", "30–45 min", _t10_time),
    Fact("T10c", "Blood pressure 2 hours after the start: back toward baseline",
         "PMID 29525051; 741-infusion cohort", "back to baseline after the infusion",
         "below 50 % of its peak", _t10_after),
    Fact("T11a", "Share of people who respond 24 hours after one standard infusion",
         "Wilkinson 2019; Han 2016", "45–52 %", "40–60 %", _t11_day1),
    Fact("T11b", "Share of people still responding 7 days after one standard infusion",
         "Han 2016 (meta-analysis)", "~40 %", "20–45 %", _t11_week),
    Fact("T11c", "Fast onset: share responding 2 hours after the start", "Zarate 2006",
         "onset within 2 h", "at least 25 %", _t11_onset),
    Fact("T12a", "Share responding a day after a course of six infusions over 12 days",
         "Murrough 2013 Biol Psychiatry (71 %); Phillips 2019 (59 %)", "~60–71 %", "55–80 %",
         _t12_response),
    Fact("T12b", "Median time until responders relapse after the last of six infusions",
         "Murrough 2013 Biol Psychiatry", "~18 days", "10–30 days", _t12_relapse),
    Fact("T13", "Bigger doses help more: 0.5 and 1.0 mg/kg clearly effective at 24 h, "
         "0.1 and 0.2 mg/kg weak", "Fava 2020 Mol Psychiatry",
         "0.1, 0.2 < 0.5 ≈ 1.0 mg/kg",
         "ordered 0.1 < 0.2 < 0.5 ≤ 1.0, with 0.2 at least 15 points below 0.5", _t13_order),
    Fact("T14a", "New dendritic spines: when their number peaks after one dose",
         "Li 2010 Science (within ~1 day)", "within ~1 day", "12–48 h", _t14_peak),
    Fact("T14b", "New dendritic spines: how long the extra spines last (time to halve)",
         "Phoumthipphavong 2016 eNeuro (raised up to ~2 weeks)", "up to ~2 weeks",
         "halves in 5–14 days", _t14_lasting),
    Fact("T14c", "Spines keep the effect going but do not start it: little of the early "
         "relief comes from spines, most of the later relief does",
         "Moda-Sava 2019 Science", "needed for maintenance, not onset",
         "spines < 10 % of relief at 2 h, > 80 % at day 3", _t14_maintenance),
    Fact("T15", "Continuing esketamine sessions roughly halves the risk of relapse",
         "Daly 2019 JAMA Psychiatry (SUSTAIN-1)", "hazard ratio 0.49",
         "relapse ratio continued / stopped below 0.5", _t15),
)

TARGETS = ("T1", "T3", "T4", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "T13", "T14", "T15")


def evaluate(fact: Fact) -> Row:
    """Run one fact's check."""
    model, passed = fact.check()
    return Row(fact.id, fact.target, fact.statement, fact.citation, fact.published,
               fact.tolerance, model, bool(passed))


@lru_cache(maxsize=1)
def _all_rows() -> tuple[Row, ...]:
    return tuple(evaluate(f) for f in FACTS)


def run_all() -> list[Row]:
    """Every fact against the model, in reference.md §10 order (cached after the first call)."""
    return list(_all_rows())


def summary(rows: list[Row]) -> str:
    """One line: how many published facts (targets) pass, and how many individual checks."""
    targets = list(dict.fromkeys(r.target for r in rows))
    targets_passed = sum(all(r.passed for r in rows if r.target == t) for t in targets)
    checks_passed = sum(r.passed for r in rows)
    return (f"{targets_passed} of {len(targets)} published facts pass "
            f"({checks_passed} of {len(rows)} individual checks).")
