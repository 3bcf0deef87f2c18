"""The calibrated chain against published facts, each test naming its paper and band.

Where the fact is only an ordering or a shape, the test says so. These test the model's
outputs. Response rates: the model gives the drug's share beyond placebo, so a trial's drug arm
is compared with that share plus the trial's placebo arm (``population.with_placebo``).
Which facts are calibration targets and which independent checks is tested in
``test_validation_and_about.py``; known misses are listed there.
"""

import numpy as np
import pytest

from sim import cascade, pk, population, scenarios
from sim.schedule import make_schedule
from sim.steady import dose_response_table

MIN_PER_H = 60
MW = pk.MW_KETAMINE


def run(preset, **overrides):
    return cascade.simulate(scenarios.preset_scenario(preset, **overrides))


def at(result, hours, name):
    return result[name][int(np.searchsorted(result.time_h, hours - 1e-9))]


@pytest.fixture(scope="module")
def standard():
    return run("standard-iv")


def test_T1_plasma_at_end_of_standard_infusion(standard):
    """T1, Zanos 2018 Table 1 (Zarate 2006): ~185 ng/mL at the end of 0.5 mg/kg over 40 min.
    Tolerance +-20 % (150-220 ng/mL), the spread between venous PK studies."""
    assert 150 <= at(standard, 40 / 60, "plasma_ng_per_ml") <= 220


def test_T3_anaesthetic_plateau():
    """T3, Idvall 1979: a 2 mg/kg induction, then ~41 ug/kg/min, gave a stable ~9.3 uM during
    surgery. Tolerance +-25 %, on the brain level 4 h into the anaesthetic preset."""
    preset = run("anesthetic-infusion", hours=6)
    assert 9.3 * 0.75 <= at(preset, 4.0, "brain_um") <= 9.3 * 1.25


def test_T3_anaesthesia_makes_a_person_unresponsive_and_a_research_drip_does_not():
    """Idvall 1979: surgical anaesthesia at 9.3 uM, waking near 2.7 uM. The anaesthetic
    presets reach 'unresponsive' (sedation >= 0.5) within two minutes; the research infusion
    never leaves 'awake' (below 0.2)."""
    for name in ("anesthetic-bolus", "anesthetic-infusion"):
        r = run(name, hours=1, step_min=0.1)
        first = r.time_h[np.argmax(r["sedation"] >= 0.5)] * MIN_PER_H
        assert r["sedation"].max() >= 0.85 and first <= 2.0, name
    assert run("standard-iv", hours=3)["sedation"].max() < 0.2


def test_T3_blood_pressure_during_anaesthesia():
    """Idvall 1979: arterial pressure +15-30 % during anaesthesia; from a systolic 120 mmHg
    that is +18 to +36 mmHg at the 9.3 uM plateau (was capped at +12 mmHg)."""
    _, values = dose_response_table([9.3], "disinhibition")
    assert 18 <= values[0, 9] <= 36


def test_T3_recovery_level_is_outside_the_anaesthetic_regime():
    """T3, Idvall 1979: patients recovered near 2.7 uM. In the model the circuit is in its
    anaesthetic regime (glutamate below baseline) at the 9.3 uM plateau and has left it at
    2.7 uM, so recovery happens on the way down, between the two."""
    _, values = dose_response_table([2.7, 9.3], "disinhibition")
    glutamate = values[:, 3]
    assert glutamate[0] > 1.0 > glutamate[1]


def test_T4_clearance_volume_and_half_life():
    """T4, Kamp 2020 (CL 79 L/h, Vss 252 L per 70 kg, +-25 %); terminal half-life 2-3 h
    (Yanagihara 2003; Clements 1982 via Yang 2018), accepted 1.5-3.5 h. Measured from a
    simulated IV bolus, as a PK study would: CL = dose/AUC, Vss = CL x AUMC/AUC, and the
    log-linear slope from 8 to 24 h."""
    t = np.arange(0, 72 * 60 + 1) / 60
    c = pk.simulate(make_schedule("iv-bolus", 1.0), t).plasma_ng_per_ml / 1000  # mg/L
    auc, aumc = np.trapezoid(c, t), np.trapezoid(c * t, t)
    clearance = 70.0 / auc  # L/h
    assert 79 * 0.75 <= clearance <= 79 * 1.25
    assert 252 * 0.75 <= clearance * aumc / auc <= 252 * 1.25
    late = (t >= 8) & (t <= 24)
    slope = np.polyfit(t[late], np.log(c[late]), 1)[0]
    assert 1.5 <= np.log(2) / -slope <= 3.5


def bioavailability(route, dose=0.5, hours=72):
    t = np.arange(0, hours * 60 + 1) / 60
    auc = lambda r: np.trapezoid(pk.simulate(make_schedule(r, dose), t).plasma_ng_per_ml, t)  # noqa: E731
    return auc(route) / auc("iv-bolus")


def test_T6_oral_and_nasal_bioavailability():
    """T6: oral F ~0.2 (0.15-0.25; Yanagihara 2003, Chong 2006); racemic nasal F uncertain,
    0.1-0.5 (Yanagihara 2003: 45 %; Pharmacotherapy 2022: 11-17 %). Measured as AUC ratios."""
    assert 0.15 <= bioavailability("oral") <= 0.25
    assert 0.10 <= bioavailability("intranasal") <= 0.50


def test_esketamine_nasal_bioavailability():
    """Perez-Ruixo 2021: absolute F 54 % for 56 mg and 51 % for 84 mg (label: ~48 %).
    Measured as AUC x CL / dose over 10 days; +-3 percentage points."""
    e = pk.EsketaminePK()
    t = np.arange(0, 240 * 60 + 1, 5) / 60
    for dose, expected in ((56.0, 0.54), (84.0, 0.51)):
        c = pk.simulate(make_schedule("intranasal", dose, "mg", drug="esketamine"), t)
        f = np.trapezoid(c.plasma_ng_per_ml / 1000, t) * e.clearance / dose
        assert f == pytest.approx(expected, abs=0.03)


def test_esketamine_nasal_peak_time():
    """SPRAVATO label: peak plasma 20-40 min after the last device (Perez-Ruixo 2021 model)."""
    r = run("esketamine-nasal-84", hours=6)
    peak_min = r.time_h[np.argmax(r["plasma_ng_per_ml"])] * 60
    assert 20 <= peak_min - 10 <= 40


def test_T7_glutamate_surge_during_infusion(standard):
    """T7, Milak 2016: prefrontal Glx peaked +38 % at ~26 min of a 0.5 mg/kg infusion and
    mostly resolved within hours (PMC8024494: no change at ~3 h). Tolerance: peak +15-60 %,
    at 15-45 min; below +15 % at 3 h."""
    g, t = standard["glutamate_rel"], standard.time_h
    assert 1.15 <= g.max() <= 1.60
    assert 15 <= t[np.argmax(g)] * 60 <= 45
    assert at(standard, 3.0, "glutamate_rel") < 1.15


def test_T8_inverted_u():
    """T8, Moghaddam 1997 (rat: glutamate up at 10-30 mg/kg, unchanged at 50, down at 200):
    up at sub-anaesthetic levels, near baseline in between, below baseline at the anaesthetic
    plateau (9.3 uM, Idvall 1979). Qualitative."""
    _, values = dose_response_table([0.5, 1.0, 2.0, 6.0, 9.3], "disinhibition")
    unadapted = values[:, 4]
    assert unadapted[0] > 1.3 and unadapted[1] > 1.3 and unadapted[2] > 1.3
    assert 0.85 < unadapted[3] < 1.15
    assert unadapted[4] < 1.0
    preset = run("anesthetic-infusion")
    assert at(preset, 4.0, "glutamate_rel") < 1.0


def test_T9_dissociation_timing(standard):
    """T9: dissociation peaks near the end of the 40 min infusion (CADSS rated at 40 min,
    Luckenbaugh 2014) and is largely gone by 1.5-2 h (TRANSFORM-2). Tolerance: peak at
    30-50 min, below 25 % of the peak by 120 min."""
    d, t = standard["dissociation"], standard.time_h
    assert 30 <= t[np.argmax(d)] * 60 <= 50
    assert at(standard, 2.0, "dissociation") < 0.25 * d.max()


def test_dissociation_at_published_levels():
    """Zanos 2018 Table 1 (Krystal 1994): dissociation at 100-250 ng/mL; Bowdle 1998: little
    below ~50 ng/mL, rising to 200 ng/mL. So 40 ng/mL barely registers, the analgesic 70 ng/mL
    is mild, 185 ng/mL clearly dissociative, and it keeps rising to anaesthesia (2,200 ng/mL)
    instead of stopping at a cap from 200 ng/mL, so a research drip and surgery differ."""
    _, values = dose_response_table([40 / MW, 70 / MW, 185 / MW, 250 / MW, 2200 / MW],
                                    "disinhibition")
    d = values[:, 8]
    assert d[0] < 0.05 and d[1] < 0.2 and 0.3 < d[2] < d[3] < d[4]
    assert d[4] - d[2] > 0.4


def test_T10_blood_pressure(standard):
    """T10: a modest systolic rise, max mean +3.3 to +7.4 mmHg at 30-40 min (PMID 29525051;
    741-infusion cohort), back toward baseline after the infusion. Tolerance: +2 to +10 mmHg,
    peak at 30-45 min, less than half the peak 2 h after the start."""
    bp, t = standard["systolic_bp_change_mmhg"], standard.time_h
    assert 2 <= bp.max() <= 10
    assert 30 <= t[np.argmax(bp)] * 60 <= 45
    assert at(standard, 2.0, "systolic_bp_change_mmhg") < 0.5 * bp.max()


def drug_arm(relief, placebo=0.18):
    """A trial's drug arm: the model's drug share plus midazolam's 18 % (Wilkinson 2019)."""
    return float(population.with_placebo(population.response_fraction(relief), placebo))


def test_T11_single_infusion_response(standard):
    """T11: drug arm ~45-52 % at 24 h (Wilkinson 2019: 45-46 % vs midazolam 18 %; Han 2016:
    52 %) and ~40 % at day 7 (Han 2016), with onset within 2 h, largest at 24 h (Zarate 2006).
    Tolerance: 24 h 40-60 %, day 7 20-45 %; relief at 2 h 0.3-0.8 of that at 24 h."""
    assert 0.40 <= drug_arm(at(standard, 24, "symptom_relief_index")) <= 0.60
    assert 0.20 <= drug_arm(at(standard, 24 * 7, "symptom_relief_index")) <= 0.45
    ratio = at(standard, 2, "symptom_relief_index") / at(standard, 24, "symptom_relief_index")
    assert 0.3 <= ratio <= 0.8


def test_relief_is_the_drugs_share_not_the_placebo_response(standard):
    """Wilkinson 2019: ketamine 45-46 %, midazolam 18 % at 24 h. The model's own rate is the
    drug's share, 1 - 0.545/0.82 = 33.5 % (+-5 points); it used to be 50 %, placebo included,
    while the population card said placebo was left out."""
    share = float(population.response_fraction(at(standard, 24, "symptom_relief_index")))
    assert abs(share - population.drug_share_of(0.455, 0.18)) <= 0.05


def test_no_relief_during_the_infusion(standard):
    """Zarate 2006: the effect is seen from about 2 h after the start, not during the drip.
    The model had 42 % 'responding' at 30 min; the drug's share now stays below 5 % until
    the infusion ends and is clearly there by 2 h."""
    during = [at(standard, h, "symptom_relief_index") for h in (10 / 60, 0.5, 40 / 60)]
    assert max(float(population.response_fraction(r)) for r in during) < 0.05
    assert float(population.response_fraction(at(standard, 2, "symptom_relief_index"))) > 0.05


def test_T12_six_infusion_course():
    """T12: six infusions over ~12 days: response ~60-71 % (Murrough 2013: 70.8 %; Phillips
    2019: 59 %; both open-label, so compared as a drug arm), median relapse ~18 days after the
    last infusion (Murrough 2013). Tolerance: response 55-80 % a day after the last infusion,
    relapse 10-30 days."""
    course = run("iv-course")
    relief, t = course["symptom_relief_index"], course.time_h
    last = scenarios.SIX_INFUSION_DAYS[-1] * 24 + 1
    assert 0.55 <= drug_arm(relief[np.searchsorted(t, last)]) <= 0.80
    assert 10 <= population.median_days_to_relapse(t, relief, last) <= 30


def test_T13_dose_response_ordering():
    """T13, Fava 2020: 0.5 and 1.0 mg/kg clearly and about equally effective at day 1;
    0.1-0.2 mg/kg weak. Ordering: 0.1 < 0.2 < 0.5, both low doses well below 0.5 mg/kg, and
    1.0 within 10 points of 0.5 (the model gave 1.0 mg/kg 12 points more before sedation
    turned plasticity down)."""
    response = {}
    for dose in (0.1, 0.2, 0.5, 1.0):
        result = cascade.simulate(cascade.Scenario(make_schedule("iv-infusion", dose), hours=25))
        response[dose] = float(population.response_fraction(at(result, 24, "symptom_relief_index")))
    assert response[0.1] < response[0.2] < response[0.5]
    assert response[0.2] < response[0.5] - 0.15
    assert abs(response[1.0] - response[0.5]) <= 0.10


def test_T14_spines_rise_within_a_day_and_last_about_two_weeks():
    """T14: new spines within ~1 day (Li 2010), raised up to ~2 weeks after one dose
    (Phoumthipphavong 2016). Tolerance: peak at 12-48 h, excess halves in 5-14 days."""
    r = run("standard-iv", hours=24 * 30)
    s, t = r["synapse_rel"] - 1.0, r.time_h
    peak = np.argmax(s)
    assert 12 <= t[peak] <= 48
    half = t[peak + np.argmax(s[peak:] < s[peak] / 2)] - t[peak]
    assert 5 <= half / 24 <= 14


def test_T14_spines_sustain_but_do_not_start_the_effect(standard):
    """T14, Moda-Sava 2019: spinogenesis is needed to maintain, not to start, the effect.
    At 2 h relief is already felt while the spine term is a small part of it; by day 3,
    spines carry most of it."""
    p = cascade.ReliefParams()

    def spine_share(hours):
        fast = at(standard, hours, "fast_component") * p.fast_weight
        spines = (at(standard, hours, "synapse_rel") - 1.0) * p.spine_weight
        return spines / (fast + spines)

    assert at(standard, 2.0, "symptom_relief_index") > 0.15
    assert spine_share(2.0) < 0.1
    assert spine_share(72.0) > 0.8


def test_anaesthetic_doses_never_credit_more_relief_than_the_research_infusion(standard):
    """Lii 2023: ketamine given during surgical anaesthesia did not beat placebo; Wu 2019: an
    anaesthetic dose lowered BDNF a day later. Under every idea, the anaesthetic presets (they
    gave 69 % and 73 % against 50 % before) and every dose that makes a person unresponsive
    give a smaller drug share at 24 h than the research infusion."""
    from sim.plasticity import HYPOTHESES

    for hypothesis in HYPOTHESES:
        research = at(run("standard-iv", hours=25, hypothesis=hypothesis), 24,
                      "symptom_relief_index")
        for name in ("anesthetic-bolus", "anesthetic-infusion"):
            relief = at(run(name, hours=25, hypothesis=hypothesis), 24, "symptom_relief_index")
            assert relief < research, (hypothesis, name)
        for route, dose, minutes in (("iv-bolus", 1.0, 0), ("iv-bolus", 1.5, 0),
                                     ("iv-infusion", 2.0, 40), ("im", 4.0, 0)):
            r = cascade.simulate(cascade.Scenario(
                make_schedule(route, dose, duration_min=minutes or 40), hours=25,
                hypothesis=hypothesis))
            assert r["sedation"].max() >= 0.5
            assert at(r, 24, "symptom_relief_index") < research, (hypothesis, route, dose)


def test_relief_is_small_while_the_person_is_unconscious():
    """Relief was 0.70 at 15 min after a 2 mg/kg bolus, while the person would be under."""
    r = run("anesthetic-bolus", hours=1, step_min=0.5)
    assert r["symptom_relief_index"][r["sedation"] >= 0.5].max() < 0.05


def test_T15_maintenance_halves_relapse():
    """T15 (optional), Daly 2019 (SUSTAIN-1): continuing esketamine halves relapse (HR 0.49)
    vs stopping. Qualitative: among people responding after the four-week induction, far
    fewer have relapsed four weeks later if weekly sessions continue."""
    induction = scenarios.PRESETS["esketamine-induction"].schedule
    weekly = make_schedule("intranasal", 84.0, "mg", drug="esketamine", sessions=4,
                           every_h=7 * 24)
    from sim.schedule import Schedule

    shift = 28 * 24
    maintained = Schedule(70.0, induction.events + tuple(
        e.__class__(e.time_h + shift, e.route, e.amount_mg, e.duration_min, e.drug)
        for e in weekly.events))
    relapsed = {}
    for name, schedule in (("stopped", induction), ("maintained", maintained)):
        r = cascade.simulate(cascade.Scenario(schedule, hours=57 * 24, step_min=5))
        relief, t = r["symptom_relief_index"], r.time_h
        before = population.response_fraction(relief[np.searchsorted(t, shift)])
        after = population.response_fraction(relief[np.searchsorted(t, shift + 27 * 24)])
        relapsed[name] = 1 - min(after, before) / before
    assert relapsed["maintained"] < 0.5 * relapsed["stopped"]
