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
[5]). Beyond :data:`MAX_DOSE_MG_PER_KG` for a dose given at once, or an infusion faster than
:data:`MAX_INFUSION_MG_PER_KG_MIN`, it would extrapolate past any data, so it refuses. These
are limits of a teaching model, not safety statements about people.

References
----------
1. Murrough JW et al. 2013, Biol Psychiatry 74:250 (6 infusions over 12 days).
2. Shiroma PR et al. 2014, Int J Neuropsychopharmacol 17:1805 (Mon-Wed-Fri over 12 days).
3. SPRAVATO (esketamine) US prescribing information: 28 mg devices; 56 or 84 mg.
4. Idvall J et al. 1979, Br J Anaesth 51:1167.
5. Zanos P et al. 2018, Pharmacol Rev 70:621, Table 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ROUTES = ("iv-infusion", "iv-bolus", "im", "intranasal", "oral")
DRUGS = ("racemic", "esketamine")
DOSE_UNITS = ("mg/kg", "mg")

MAX_DOSE_MG_PER_KG = 11.0  # top of the IM anaesthetic range in Zanos 2018 Table 1 [5]
MAX_INFUSION_MG_PER_KG_MIN = 0.1  # Idvall 1979 maintenance was 41 +/- 21 ug/kg/min [4]
ESKETAMINE_DEVICE_MG = 28.0  # one SPRAVATO nasal device [3]
ESKETAMINE_MAX_MG = 84.0  # highest labelled session dose [3]
MIN_WEIGHT_KG, MAX_WEIGHT_KG = 30.0, 200.0  # adult range the PK scaling is meant for
MAX_INFUSION_MIN = 24 * 60.0
_ROUNDING = 1e-9  # a dose exactly at a ceiling, after mg/kg -> mg -> mg/kg, is still allowed
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
        rate = amount / weight_kg / duration
        if rate > MAX_INFUSION_MG_PER_KG_MIN * (1 + _ROUNDING):
            raise ValueError(
                f"an infusion of {amount:g} mg over {duration:g} min ({rate * 1000:.0f} "
                f"ug/kg/min) is faster than this teaching model's ceiling of "
                f"{MAX_INFUSION_MG_PER_KG_MIN * 1000:.0f} ug/kg/min, beyond the anaesthetic "
                "infusions it was calibrated on"
            )
        return
    if amount / weight_kg > MAX_DOSE_MG_PER_KG * (1 + _ROUNDING):
        raise ValueError(
            f"dose of {amount:g} mg ({amount / weight_kg:.1f} mg/kg) is above this teaching "
            f"model's ceiling of {MAX_DOSE_MG_PER_KG:g} mg/kg given at once, beyond the "
            "anaesthetic doses it was calibrated on"
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
    for event in events:
        validate_event(event, weight_kg)
    return Schedule(weight_kg=weight_kg, events=events)


def combine(*schedules: Schedule) -> Schedule:
    """Merge schedules for the same body (e.g. an anaesthetic bolus plus a maintenance drip)."""
    weights = {s.weight_kg for s in schedules}
    if len(weights) != 1:
        raise ValueError("schedules to combine must be for the same body weight")
    events = tuple(sorted((e for s in schedules for e in s.events), key=lambda e: e.time_h))
    return Schedule(weight_kg=weights.pop(), events=events)


NO_DOSE = Schedule(weight_kg=70.0, events=())
