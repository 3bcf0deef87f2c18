"""Dose schedules: what is given, how, and when. Data only, no pharmacology.

Model card
----------
A schedule is a body weight plus a tuple of :class:`DoseEvent` s. Each event is one
administration: a drug (racemic ketamine or esketamine), a route, an amount in mg, a start
time in hours after the first dose, and (for an IV infusion) a duration in minutes. Sessions
are built from published protocols:

* single session: one event (an intranasal esketamine session of 56 or 84 mg is one event;
  ``pk`` splits it into 28 mg devices given 5 minutes apart, as on the label [3]);
* course: N sessions every H hours (e.g. twice weekly), or on explicit days, e.g. the
  six-infusion, 12-day research protocol, Monday-Wednesday-Friday [1, 2].

Units: time in hours (start) and minutes (infusion duration), amounts in mg, weight in kg.

Ceilings. The model is calibrated between sub-anaesthetic and anaesthetic doses (up to the
2 mg/kg induction plus maintenance infusions of Idvall 1979 [4]; IM anaesthesia uses 4-11 mg/kg
[5]). Beyond them it would extrapolate past any data, so it refuses. These are limits of a
teaching model, not safety statements about people. They hold on each dose
(:func:`validate_event`) and on what the whole schedule adds up to (:func:`validate_schedule`):

* at once: doses given within :data:`AT_ONCE_MIN` of each other (every route but an infusion)
  add up, to at most :data:`MAX_DOSE_MG_PER_KG`, and IV boluses among them to at most
  :data:`MAX_IV_BOLUS_MG_PER_KG` (straight into the blood, the label's induction range [6]);
* infusions: one infusion, or several running at the same time, at most
  :data:`MAX_INFUSION_MG_PER_KG_MIN` in all;
* over a day: at most :data:`MAX_DAILY_MG_PER_KG` in any 24 hours, about the most a long
  ketamine anaesthetic gives in a day: Idvall 1979, a 2 mg/kg induction then
  41 +/- 21 ug/kg/min [4] (the 4-hour anaesthetic preset gives 11.84 mg/kg). An infusion counts
  pro rata, by the part of it that runs inside the 24 hours; other doses count whole, at their
  start; esketamine counts mg for mg like racemic ketamine;
* esketamine nasal spray: at most :data:`ESKETAMINE_MAX_MG` in one session, where sprays that
  start less than :data:`ESKETAMINE_SESSION_GAP_H` after the one before belong to the same
  session (the label's session is three devices 5 minutes apart [3]).

References
----------
1. Murrough JW et al. 2013, Biol Psychiatry 74:250 (6 infusions over 12 days).
2. Shiroma PR et al. 2014, Int J Neuropsychopharmacol 17:1805 (Mon-Wed-Fri over 12 days).
3. SPRAVATO (esketamine) US prescribing information: 28 mg devices; 56 or 84 mg.
4. Idvall J et al. 1979, Br J Anaesth 51:1167.
5. Zanos P et al. 2018, Pharmacol Rev 70:621, Table 1.
6. KETALAR (ketamine) US prescribing information: IV induction 1-4.5 mg/kg.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ROUTES = ("iv-infusion", "iv-bolus", "im", "intranasal", "oral")
DRUGS = ("racemic", "esketamine")
DOSE_UNITS = ("mg/kg", "mg")

MAX_DOSE_MG_PER_KG = 11.0  # top of the IM anaesthetic range in Zanos 2018 Table 1 [5]
MAX_IV_BOLUS_MG_PER_KG = 4.5  # top of the IV induction range on the Ketalar label [6]
MAX_INFUSION_MG_PER_KG_MIN = 0.1  # Idvall 1979 maintenance was 41 +/- 21 ug/kg/min [4]
ESKETAMINE_DEVICE_MG = 28.0  # one SPRAVATO nasal device [3]
ESKETAMINE_MAX_MG = 84.0  # highest labelled session dose [3]
ESKETAMINE_SESSION_GAP_H = 2.0  # sprays closer than this are one session (label: 5 min apart)
MAX_DAILY_MG_PER_KG = 15.0  # about a long anaesthetic's day: 2 mg/kg + 41 ug/kg/min [4]
DAY_H = 24.0
AT_ONCE_MIN = 1.0  # doses this close together reach the blood as one dose
MIN_WEIGHT_KG, MAX_WEIGHT_KG = 30.0, 200.0  # adult range the PK scaling is meant for
MAX_INFUSION_MIN = 24 * 60.0
_ROUNDING = 1e-9  # a dose exactly at a ceiling, after mg/kg -> mg -> mg/kg, is still allowed
_SAME_H = 1e-9  # times this close are one moment (i * every_h may miss 24 h by a rounding)
MAX_SESSIONS = 60
MAX_SCHEDULE_DAYS = 366.0


@dataclass(frozen=True)
class DoseEvent:
    """One administration.

    Parameters
    ----------
    time_h : float
        Start, hours after the first dose of the schedule.
    route : str
        One of :data:`ROUTES`.
    amount_mg : float
        Amount of drug given, mg (ketamine base; for esketamine, esketamine base).
    duration_min : float
        Infusion duration, min (``iv-infusion`` only; 0 for other routes).
    drug : str
        ``"racemic"`` or ``"esketamine"``.
    """

    time_h: float
    route: str
    amount_mg: float
    duration_min: float = 0.0
    drug: str = "racemic"


@dataclass(frozen=True)
class Schedule:
    """A body weight and the dose events given to that body, sorted by time."""

    weight_kg: float
    events: tuple[DoseEvent, ...]

    @property
    def end_of_dosing_h(self) -> float:
        """Hours from the first dose until the last dose has been fully given."""
        return max((e.time_h + e.duration_min / 60.0 for e in self.events), default=0.0)

    @property
    def total_mg(self) -> float:
        return sum(e.amount_mg for e in self.events)


def _number(value, what: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(x):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return x


def dose_in_mg(dose: float, dose_unit: str, weight_kg: float) -> float:
    """Convert a dose to mg (``mg/kg`` doses scale with body weight)."""
    if dose_unit not in DOSE_UNITS:
        raise ValueError(f"dose unit must be one of {', '.join(DOSE_UNITS)}, got {dose_unit!r}")
    return dose * weight_kg if dose_unit == "mg/kg" else dose


def validate_event(event: DoseEvent, weight_kg: float) -> None:
    """Raise ``ValueError`` with a plain message if an event is outside what the model covers."""
    if event.route not in ROUTES:
        raise ValueError(f"route must be one of {', '.join(ROUTES)}, got {event.route!r}")
    if event.drug not in DRUGS:
        raise ValueError(f"drug must be one of {', '.join(DRUGS)}, got {event.drug!r}")
    amount = _number(event.amount_mg, "dose")
    if amount < 0:
        raise ValueError(f"dose cannot be negative, got {amount:g} mg")
    if _number(event.time_h, "dose time") < 0:
        raise ValueError("dose times are counted from the first dose and cannot be negative")
    duration = _number(event.duration_min, "infusion duration")
    if event.route == "iv-infusion":
        if not (1.0 <= duration <= MAX_INFUSION_MIN):
            raise ValueError(
                f"infusion duration must be between 1 and {MAX_INFUSION_MIN:g} min, "
                f"got {duration:g}"
            )
        per_kg = amount / weight_kg
        rate = per_kg / duration
        if rate > MAX_INFUSION_MG_PER_KG_MIN * (1 + _ROUNDING):
            raise ValueError(
                f"an infusion of {amount:g} mg ({per_kg:g} mg/kg) over {duration:g} min "
                f"({rate * 1000:.0f} ug/kg/min) is faster than this teaching model's ceiling "
                f"of {MAX_INFUSION_MG_PER_KG_MIN * 1000:.0f} ug/kg/min, beyond the anaesthetic "
                f"infusions it was calibrated on: {_slower(per_kg)}"
            )
        return
    ceiling = at_once_ceiling(event.route)
    if amount / weight_kg > ceiling * (1 + _ROUNDING):
        raise ValueError(
            f"dose of {amount:g} mg ({amount / weight_kg:.1f} mg/kg) is above this teaching "
            f"model's ceiling of {ceiling:g} mg/kg given at once by {event.route}, beyond the "
            f"anaesthetic doses it was calibrated on: give at most {ceiling:g} mg/kg"
        )
    if duration != 0:
        raise ValueError(f"only an iv-infusion has a duration; {event.route} is given at once")
    if event.drug == "esketamine" and event.route == "intranasal":
        if amount > ESKETAMINE_MAX_MG:
            raise ValueError(
                f"esketamine nasal spray sessions go up to {ESKETAMINE_MAX_MG:g} mg "
                f"(three 28 mg devices); got {amount:g} mg"
            )
        devices = amount / ESKETAMINE_DEVICE_MG
        if abs(devices - round(devices)) > 1e-9:
            raise ValueError(
                "esketamine nasal spray comes in 28 mg devices: choose 28, 56 or 84 mg, "
                f"got {amount:g} mg"
            )


def at_once_ceiling(route: str) -> float:
    """The most (mg/kg) this model accepts given at once by ``route`` (not an infusion)."""
    return MAX_IV_BOLUS_MG_PER_KG if route == "iv-bolus" else MAX_DOSE_MG_PER_KG


def _slower(per_kg: float) -> str:
    """What to change for an infusion that runs too fast: the shortest allowed duration."""
    if per_kg > MAX_DAILY_MG_PER_KG * (1 + _ROUNDING):
        longest = MAX_DAILY_MG_PER_KG / MAX_INFUSION_MG_PER_KG_MIN
        return (f"lower the dose to at most {MAX_DAILY_MG_PER_KG:g} mg/kg (the ceiling in any "
                f"24 hours), given over at least {longest:g} minutes")
    # rounded up to a tenth of a minute, so the duration it names is itself allowed
    shortest = math.ceil(per_kg / MAX_INFUSION_MG_PER_KG_MIN * 10 - 1e-6) / 10
    return f"at {per_kg:g} mg/kg, use at least {shortest:g} minutes"


def _duration_text(duration_min: float) -> str:
    return f"{duration_min / 60:.3g} h" if duration_min >= 120 else f"{duration_min:.3g} min"


def _infused(event: DoseEvent, start_h: float, end_h: float) -> float:
    """mg of an infusion that runs within [start_h, end_h] (it runs at a constant rate)."""
    begin, finish = event.time_h, event.time_h + event.duration_min / 60.0
    overlap = min(finish, end_h) - max(begin, start_h)
    return event.amount_mg * max(overlap, 0.0) / (finish - begin)


def _window_mg(events: tuple[DoseEvent, ...], start_h: float, closed_left: bool) -> float:
    """mg given within the 24 hours after ``start_h``: [start, start + 24 h) if
    ``closed_left``, else (start, start + 24 h]; infusions pro rata."""
    end_h = start_h + DAY_H
    total = 0.0
    for e in events:
        if e.route == "iv-infusion":
            total += _infused(e, start_h, end_h)
        elif closed_left and start_h - _SAME_H <= e.time_h < end_h - _SAME_H:
            total += e.amount_mg
        elif not closed_left and start_h + _SAME_H < e.time_h <= end_h + _SAME_H:
            total += e.amount_mg
    return total


def _heaviest_day(events: tuple[DoseEvent, ...]) -> tuple[float, float]:
    """(mg, start h) of the 24 hours in which the most is given.

    The amount in a window sliding along the schedule is linear between the moments where its
    start or end meets a dose's start or an infusion's end, so the largest one starts at such
    a moment (taking both one-sided limits there, for the doses that jump in and out)."""
    edges = set()
    for e in events:
        end = e.time_h + (e.duration_min / 60.0 if e.route == "iv-infusion" else 0.0)
        edges.update((e.time_h, end, e.time_h - DAY_H, end - DAY_H))
    # the earliest of equally heavy days, which is the one a reader looks for first
    mg, start = max(((_window_mg(events, t, closed), -t) for t in sorted(edges)
                     for closed in (True, False)), default=(0.0, -0.0))
    return mg, -start


def _too_much_in_a_day(schedule: Schedule) -> str | None:
    """What is wrong with the schedule's heaviest 24 hours, or None if it is within the
    ceiling. A single infusion is named as such, since shortening it is then the fix."""
    weight = schedule.weight_kg
    ceiling = (f"above this teaching model's ceiling of {MAX_DAILY_MG_PER_KG:g} mg/kg in any "
               "24 hours")
    for e in schedule.events:
        per_kg = e.amount_mg / weight
        if e.route == "iv-infusion" and per_kg > MAX_DAILY_MG_PER_KG * (1 + _ROUNDING):
            return (f"an infusion of {per_kg / e.duration_min:.3g} mg/kg/min for "
                    f"{_duration_text(e.duration_min)} gives {per_kg:.3g} mg/kg in a day, "
                    f"{ceiling}: shorten the infusion or lower the rate")
    total_mg, start_h = _heaviest_day(schedule.events)
    if total_mg / weight <= MAX_DAILY_MG_PER_KG * (1 + _ROUNDING):
        return None
    start_h = max(start_h, 0.0)  # a window reaching before the first dose: its first day
    return (f"the doses from hour {start_h:.3g} to hour {start_h + DAY_H:.3g} add up to "
            f"{total_mg / weight:.3g} mg/kg, {ceiling}: lower the dose, or give the doses "
            "further apart")


def validate_schedule(schedule: Schedule) -> None:
    """Raise ``ValueError`` if what the schedule adds up to is beyond a ceiling.

    Checks each event (:func:`validate_event`), then the totals of the model card: doses at
    once, infusions running together, any 24 hours, and one esketamine nasal session. The
    message says which ceiling, by how much, and what to change.
    """
    weight = _number(schedule.weight_kg, "body weight")
    if not (MIN_WEIGHT_KG <= weight <= MAX_WEIGHT_KG):
        raise ValueError(f"body weight must be between {MIN_WEIGHT_KG:g} and "
                         f"{MAX_WEIGHT_KG:g} kg, got {weight:g}")
    if len(schedule.events) > MAX_SESSIONS:
        raise ValueError(f"at most {MAX_SESSIONS} doses, got {len(schedule.events)}")
    for event in schedule.events:
        validate_event(event, weight)
        if event.time_h > MAX_SCHEDULE_DAYS * DAY_H:
            raise ValueError(f"the schedule must fit within {MAX_SCHEDULE_DAYS:g} days")
    events = tuple(sorted(schedule.events, key=lambda e: e.time_h))
    limit = 1 + _ROUNDING
    given = [e for e in events if e.route != "iv-infusion"]
    for i, first in enumerate(given):
        together = [e for e in given[i:] if e.time_h - first.time_h < AT_ONCE_MIN / 60.0]
        for what, doses, ceiling in (
                ("doses", together, MAX_DOSE_MG_PER_KG),
                ("IV boluses", [e for e in together if e.route == "iv-bolus"],
                 MAX_IV_BOLUS_MG_PER_KG)):
            per_kg = sum(e.amount_mg for e in doses) / weight
            if len(doses) > 1 and per_kg > ceiling * limit:
                raise ValueError(
                    f"{len(doses)} {what} given together at hour {first.time_h:.3g} add up to "
                    f"{per_kg:.3g} mg/kg, above this teaching model's ceiling of "
                    f"{ceiling:g} mg/kg given at once: give each session once, at its own "
                    "time, or lower the dose"
                )
    drips = [e for e in events if e.route == "iv-infusion"]
    for first in drips:
        running = [e for e in drips if e.time_h - _SAME_H <= first.time_h
                   < e.time_h + e.duration_min / 60.0 - _SAME_H]
        rate = sum(e.amount_mg / e.duration_min for e in running) / weight
        if len(running) > 1 and rate > MAX_INFUSION_MG_PER_KG_MIN * limit:
            raise ValueError(
                f"{len(running)} infusions running together at hour {first.time_h:.3g} add up "
                f"to {rate * 1000:.0f} ug/kg/min, above this teaching model's ceiling of "
                f"{MAX_INFUSION_MG_PER_KG_MIN * 1000:.0f} ug/kg/min: start each infusion after "
                "the one before has ended, or lower the rate"
            )
    sprays = [e for e in events if e.drug == "esketamine" and e.route == "intranasal"]
    session: list[DoseEvent] = []
    for spray in sprays:
        if session and spray.time_h - session[-1].time_h >= ESKETAMINE_SESSION_GAP_H:
            session = []
        session.append(spray)
        mg = sum(e.amount_mg for e in session)
        if mg > ESKETAMINE_MAX_MG * limit:
            raise ValueError(
                f"esketamine nasal sprays less than {ESKETAMINE_SESSION_GAP_H:g} hours apart "
                f"are one session, and the session from hour {session[0].time_h:.3g} adds up "
                f"to {mg:g} mg, above the highest labelled session dose of "
                f"{ESKETAMINE_MAX_MG:g} mg: start sessions at least "
                f"{ESKETAMINE_SESSION_GAP_H:g} hours apart, or use fewer devices"
            )
    problem = _too_much_in_a_day(schedule)
    if problem:
        raise ValueError(problem)


def make_schedule(
    route: str,
    dose: float,
    dose_unit: str = "mg/kg",
    *,
    weight_kg: float = 70.0,
    duration_min: float = 40.0,
    drug: str = "racemic",
    sessions: int = 1,
    every_h: float = 0.0,
    days: tuple[float, ...] | None = None,
) -> Schedule:
    """Build a validated schedule of identical sessions.

    Parameters
    ----------
    route, drug : str
        See :class:`DoseEvent`.
    dose : float
        Dose per session, in ``dose_unit``.
    dose_unit : str
        ``"mg/kg"`` or ``"mg"``.
    weight_kg : float
        Body weight, kg.
    duration_min : float
        Infusion duration, min (ignored for routes other than ``iv-infusion``).
    sessions : int
        Number of sessions, ``every_h`` hours apart (ignored when ``days`` is given).
    every_h : float
        Interval between sessions, h.
    days : tuple of float, optional
        Explicit session days (day 0 = first session), e.g. ``(0, 2, 4, 7, 9, 11)``.
    """
    weight_kg = _number(weight_kg, "body weight")
    if not (MIN_WEIGHT_KG <= weight_kg <= MAX_WEIGHT_KG):
        raise ValueError(
            f"body weight must be between {MIN_WEIGHT_KG:g} and {MAX_WEIGHT_KG:g} kg, "
            f"got {weight_kg:g}"
        )
    dose = _number(dose, "dose")
    if dose < 0:
        raise ValueError(f"dose cannot be negative, got {dose:g}")
    amount = dose_in_mg(dose, dose_unit, weight_kg)
    if days is not None:
        starts = sorted(_number(d, "session day") * 24.0 for d in days)
        if not starts:
            raise ValueError("give at least one session day")
        if starts[0] != 0:
            raise ValueError("session days count from the first session, which is day 0")
    else:
        sessions = int(_number(sessions, "number of sessions"))
        every_h = _number(every_h, "interval between sessions")
        if sessions < 1:
            raise ValueError(f"number of sessions must be at least 1, got {sessions}")
        if sessions > MAX_SESSIONS:  # before listing them: a huge count would fill memory
            raise ValueError(f"at most {MAX_SESSIONS} sessions, got {sessions}")
        if sessions > 1 and every_h <= 0:
            raise ValueError("for more than one session, give the interval in hours (> 0)")
        starts = [i * every_h for i in range(sessions)]
    if len(starts) > MAX_SESSIONS:
        raise ValueError(f"at most {MAX_SESSIONS} sessions, got {len(starts)}")
    if starts[-1] > MAX_SCHEDULE_DAYS * 24:
        raise ValueError(f"the schedule must fit within {MAX_SCHEDULE_DAYS:g} days")
    duration = _number(duration_min, "infusion duration") if route == "iv-infusion" else 0.0
    events = tuple(
        DoseEvent(time_h=t, route=route, amount_mg=amount, duration_min=duration, drug=drug)
        for t in starts
    )
    schedule = Schedule(weight_kg=weight_kg, events=events)
    validate_schedule(schedule)
    return schedule


def combine(*schedules: Schedule) -> Schedule:
    """Merge schedules for the same body (e.g. an anaesthetic bolus plus a maintenance drip)."""
    weights = {s.weight_kg for s in schedules}
    if len(weights) != 1:
        raise ValueError("schedules to combine must be for the same body weight")
    events = tuple(sorted((e for s in schedules for e in s.events), key=lambda e: e.time_h))
    schedule = Schedule(weight_kg=weights.pop(), events=events)
    validate_schedule(schedule)
    return schedule


NO_DOSE = Schedule(weight_kg=70.0, events=())
