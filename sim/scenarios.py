"""Presets: published protocols as ready-made scenarios, each with its source.

Doses here are research and label protocols reproduced for teaching, never advice for a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.cascade import Scenario
from sim.schedule import Schedule, combine, make_schedule

HOURS_PER_DAY = 24.0
SIX_INFUSION_DAYS = (0, 2, 4, 7, 9, 11)  # Mon-Wed-Fri for two weeks (Murrough 2013; Shiroma 2014)
IDVALL_INDUCTION_MG_PER_KG = 2.0
IDVALL_MAINTENANCE_UG_PER_KG_MIN = 41.0
IDVALL_MAINTENANCE_MIN = 240.0  # a long operation (illustration): levels near the plateau


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    source: str
    schedule: Schedule
    hours: float


def _idvall_anaesthesia() -> Schedule:
    induction = make_schedule("iv-bolus", IDVALL_INDUCTION_MG_PER_KG)
    maintenance_mg_per_kg = IDVALL_MAINTENANCE_UG_PER_KG_MIN / 1000.0 * IDVALL_MAINTENANCE_MIN
    drip = make_schedule("iv-infusion", maintenance_mg_per_kg, duration_min=IDVALL_MAINTENANCE_MIN)
    return combine(induction, drip)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "standard-iv",
            "One 0.5 mg/kg IV infusion over 40 minutes, the research antidepressant protocol",
            "Zarate 2006; Zanos 2018 Table 1",
            make_schedule("iv-infusion", 0.5, duration_min=40.0),
            7 * HOURS_PER_DAY,
        ),
        Preset(
            "iv-course",
            "Six 0.5 mg/kg, 40-minute infusions over 12 days (Mon-Wed-Fri)",
            "Murrough 2013 Biol Psychiatry; Shiroma 2014",
            make_schedule("iv-infusion", 0.5, duration_min=40.0, days=SIX_INFUSION_DAYS),
            42 * HOURS_PER_DAY,
        ),
        Preset(
            "esketamine-nasal-56",
            "Esketamine nasal spray, 56 mg (two 28 mg devices 5 minutes apart)",
            "SPRAVATO label; Perez-Ruixo 2021",
            make_schedule("intranasal", 56.0, "mg", drug="esketamine"),
            7 * HOURS_PER_DAY,
        ),
        Preset(
            "esketamine-nasal-84",
            "Esketamine nasal spray, 84 mg (three 28 mg devices 5 minutes apart)",
            "SPRAVATO label; Perez-Ruixo 2021",
            make_schedule("intranasal", 84.0, "mg", drug="esketamine"),
            7 * HOURS_PER_DAY,
        ),
        Preset(
            "esketamine-induction",
            "Esketamine nasal spray 84 mg twice a week for four weeks (label induction phase)",
            "SPRAVATO label",
            make_schedule("intranasal", 84.0, "mg", drug="esketamine", sessions=8,
                          every_h=3.5 * HOURS_PER_DAY),
            42 * HOURS_PER_DAY,
        ),
        Preset(
            "im-injection",
            "One 0.5 mg/kg intramuscular injection",
            "Zanos 2018 Table 1 (IM 0.5-1 mg/kg, analgesic range)",
            make_schedule("im", 0.5),
            7 * HOURS_PER_DAY,
        ),
        Preset(
            "oral",
            "One 0.5 mg/kg oral dose",
            "Grant 1981 via Zanos 2018 Table 1; Chong 2006",
            make_schedule("oral", 0.5),
            7 * HOURS_PER_DAY,
        ),
        Preset(
            "anesthetic-bolus",
            "A 2 mg/kg IV bolus, an anaesthetic induction dose",
            "Zanos 2018 Table 1 (IV anaesthesia 1-2 mg/kg)",
            make_schedule("iv-bolus", 2.0),
            24.0,
        ),
        Preset(
            "anesthetic-infusion",
            "Anaesthesia: 2 mg/kg IV bolus, then 41 ug/kg/min for 4 hours",
            "Idvall 1979",
            _idvall_anaesthesia(),
            24.0,
        ),
        Preset(
            "no-treatment",
            "No ketamine: every level stays at its untreated baseline",
            "baseline of every model",
            Schedule(weight_kg=70.0, events=()),
            7 * HOURS_PER_DAY,
        ),
    )
}


def preset_scenario(name: str, **overrides) -> Scenario:
    """The preset's scenario, with optional overrides (``hours``, ``hypothesis``, ...)."""
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of: {', '.join(PRESETS)}")
    preset = PRESETS[name]
    overrides.setdefault("hours", preset.hours)
    return Scenario(schedule=preset.schedule, **overrides)
