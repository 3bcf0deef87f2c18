"""Pharmacokinetics: dose schedule -> plasma level -> brain (effect-site) level.

Model card
----------
Racemic ketamine [1-4] (amounts A in mg, volumes V in L, time t in min):

    dD_r/dt = -ka_r D_r                              absorption depot per route r (IM, IN, oral)
    dA1/dt  = R_inf(t) + sum_r F_r ka_r D_r - (CL + Q)/V1 A1 + Q/V2 A2
    dA2/dt  = Q/V1 A1 - Q/V2 A2
    C_p     = A1 / V1                                 (mg/L = ug/mL; x1000 -> ng/mL; /237.7 -> uM)
    dC_e/dt = ke0 (C_p[uM] - C_e)                     brain (effect-site) level, uM

The whole dose enters the depot; a fraction F_r reaches the circulation, the rest is lost before
it (first-pass metabolism, swallowed drug). Volumes and clearances scale with body weight.

Esketamine [5, 6]: the Perez-Ruixo 2021 population model: three compartments (Vc, Vp1, Vp2, CL,
Q1, Q2 in L and L/h for a typical adult, not scaled by weight). A nasal session is split into
28 mg devices 5 min apart; of device i a fraction FRn_i is absorbed through the nose (ka_nasal;
FRn for later devices multiplied by 0.62), the rest is swallowed: it enters a gut depot at a
constant rate over 0.53 h and is absorbed with ka 1.45 /h and bioavailability 18.6 %. This gives
F = 54 % for 56 mg and 51 % for 84 mg, as the paper reports. Other esketamine routes reuse the
racemic route constants (F, ka) with the esketamine disposition.

Metabolite (for the ``metabolite`` hypothesis): the proposed active metabolite is
(2R,6R)-hydroxynorketamine (HNK), made from the R half of the drug [9]. A fraction f_m of the
parent's clearance becomes 2,6-HNK, of which the R share (one half for racemic ketamine, none for
esketamine, which makes (2S,6S)-HNK) is the (2R,6R)-HNK modelled here; it has its own clearance
and half-life. By the oral route a further fraction f_fp of the first-pass loss becomes HNK. f_m
and the HNK half-life are chosen for illustration; the HNK clearance is derived from the
HNK/ketamine exposure ratio after IV dosing (taken per enantiomer), and f_fp from the much
higher ratio after oral dosing, both from [7]. Concentrations in uM of ketamine-equivalent (one
mole of HNK per mole of ketamine metabolised).

The system is linear, so it is solved exactly as a sum of exponentials (``sim.linear``).

Known miss (shown on the validation page): with F = 20 % the model's oral peak after 0.5 mg/kg
(about 18 ng/mL) is 60 % below the 45 +/- 10 ng/mL tabulated from Grant 1981 [2]. Even instant
absorption of 20 % of the dose spreads to about 28 ng/mL once distributed, so the gap is not an
absorption-rate choice: oral studies disagree with each other on F, and a venous
two-compartment model cannot match them all.

Brain equilibration uses the EEG-measured rate [4], so a 2 mg/kg bolus brings the brain close to
the surgical level (about 8 uM against 9.3 uM during anaesthesia [10]) within two minutes, as an
induction does.

Assumptions and what is left out: venous-sampling model (arterial levels peak higher and sooner
[1], so the first minutes after a bolus are underestimated); norketamine is not modelled as
active; S- and R-ketamine share one racemic PK (S clearance is 20-35 % higher [8]); absorption
is first order; no ethnic or age covariates (Perez-Ruixo's Asian-subject factor is left out);
no inter-individual variability.

References
----------
1. Kamp J et al. 2020, Anesthesiology 133:1192 (CL 79 L/h, Vss 252 L per 70 kg).
2. Zanos P et al. 2018, Pharmacol Rev 70:621, Table 1 (185 ng/mL after 0.5 mg/kg over 40 min).
3. Yanagihara Y et al. 2003, Biopharm Drug Dispos 24:37 (IN F 45 % in 3 people, oral F 20 %);
   Pharmacotherapy 2022;42:298 (IN F 11-17 %).
4. Sleigh J et al. 2019, Br J Anaesth 123:592 (EEG effect-site equilibration 23-47 s).
5. Perez-Ruixo C et al. 2021, Clin Pharmacokinet 60:501 (esketamine population PK).
6. SPRAVATO US prescribing information (28 mg devices, 5 min apart).
7. Anesthesiology 2021;135:326 (2,6-HNK/ketamine AUC ratio 1.7-3.1 IV, 18-30 oral).
8. Eur J Clin Pharmacol 2002;57:869; Henthorn 2018, Anesthesiology 129:260.
9. Zanos P et al. 2016, Nature 533:481 ((2R,6R)-HNK; esketamine gives (2S,6S)-HNK).
10. Idvall J et al. 1979, Br J Anaesth 51:1167.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from sim import linear
from sim.params import FITTED, ILLUSTRATIVE, PUBLISHED, Params, param
from sim.schedule import ESKETAMINE_DEVICE_MG, Schedule

R_SHARE = {"racemic": 0.5, "esketamine": 0.0}  # share of the drug that is R-ketamine
MW_KETAMINE = 237.7  # g/mol, ketamine base C13H16ClNO (esketamine has the same formula)
NG_PER_ML_PER_UM = MW_KETAMINE  # 1 uM = 237.7 ng/mL
MIN_PER_H = 60.0
ML_PER_L = 1000.0
ESKETAMINE_DEVICE_GAP_MIN = 5.0  # SPRAVATO label: 5 min between devices


@dataclass(frozen=True)
class RacemicPK(Params):
    """Racemic ketamine disposition and absorption (adult, venous)."""

    central_volume: float = param(
        0.86, unit="L/kg", label="Central volume V1", min=0.3, max=2.0, step=0.01,
        source="Kamp 2020 Vss split so 0.5 mg/kg over 40 min gives 185 ng/mL (Zanos 2018 "
        "Table 1)", basis=FITTED, fitted_to=("T1",),
    )
    peripheral_volume: float = param(
        2.74, unit="L/kg", label="Peripheral volume V2", min=0.5, max=6.0, step=0.01,
        source="Kamp 2020 (Vss 252 L per 70 kg = V1 + V2, after the V1 split)", basis=FITTED,
        fitted_to=("T1",),
    )
    clearance: float = param(
        18.9, unit="mL/min/kg", label="Clearance CL", min=5.0, max=40.0, step=0.1,
        source="Kamp 2020 (79 L/h at 70 kg)", basis=PUBLISHED,
    )
    intercompartmental_clearance: float = param(
        71.0, unit="mL/min/kg", label="Distribution clearance Q", min=10.0, max=150.0, step=1.0,
        source="chosen so 0.5 mg/kg over 40 min gives 185 ng/mL (Zanos 2018 Table 1) with a "
        "2-3 h half-life (Yanagihara 2003)", basis=FITTED, fitted_to=("T1", "T4"),
    )
    brain_equilibration_rate: float = param(
        1.8, unit="1/min", label="Brain equilibration rate ke0", min=0.05, max=3.0, step=0.05,
        source="Sleigh 2019 (EEG equilibration half-time 23 s, so ke0 = ln 2 / 0.38 min; "
        "measured against arterial levels, used here with venous ones)", basis=PUBLISHED,
    )
    im_bioavailability: float = param(
        0.93, unit="fraction", label="IM bioavailability", min=0.5, max=1.0, step=0.01,
        source="Clements 1982 (93 %, as reported by later reviews)", basis=PUBLISHED,
    )
    im_absorption_rate: float = param(
        0.15, unit="1/min", label="IM absorption rate", min=0.01, max=1.0, step=0.01,
        source="gives a blood peak about 9 min after injection (IM peaks are reported at "
        "5-15 min; Clements 1982)",
        basis=ILLUSTRATIVE,
    )
    intranasal_bioavailability: float = param(
        0.15, unit="fraction", label="Nasal bioavailability (racemic)", min=0.1, max=0.6,
        step=0.01, source="Pharmacotherapy 2022 (11-17 %); Yanagihara 2003 found 45 % in "
        "3 people", basis=PUBLISHED,
    )
    intranasal_absorption_rate: float = param(
        0.07, unit="1/min", label="Nasal absorption rate", min=0.01, max=0.5, step=0.01,
        source="peak at about 14 min (Pharmacotherapy 2022: 14-23 min)", basis=ILLUSTRATIVE,
    )
    oral_bioavailability: float = param(
        0.20, unit="fraction", label="Oral bioavailability", min=0.1, max=0.4, step=0.01,
        source="Yanagihara 2003 (20 %); Chong 2006 (23 %)", basis=PUBLISHED,
    )
    oral_absorption_rate: float = param(
        0.02, unit="1/min", label="Oral absorption rate", min=0.005, max=0.2, step=0.005,
        source="peak at about 40 min (Chong 2006: 0.96 h)", basis=ILLUSTRATIVE,
    )
    metabolite_fraction: float = param(
        0.3, unit="fraction", label="Share of clearance that becomes HNK", min=0.05, max=0.6,
        step=0.01, source="a round number: N-demethylation is the main route (Zanos 2018)",
        basis=ILLUSTRATIVE,
    )
    metabolite_exposure_ratio_iv: float = param(
        2.4, unit="ratio", label="HNK/ketamine exposure after IV", min=1.0, max=5.0, step=0.1,
        source="Anesthesiology 2021;135:326 (AUC ratio 1.7-3.1 after IV)", basis=PUBLISHED,
    )
    metabolite_half_life: float = param(
        8.0, unit="h", label="HNK half-life", min=2.0, max=24.0, step=0.5,
        source="of the order of noresketamine's 8 h (SPRAVATO label)", basis=ILLUSTRATIVE,
    )
    first_pass_metabolite_fraction: float = param(
        0.6, unit="fraction", label="Share of swallowed first-pass loss that becomes HNK",
        min=0.0, max=1.0, step=0.05,
        source="makes the oral/IV HNK exposure ratio about 10 (Anesthesiology 2021;135:326)",
        basis=ILLUSTRATIVE,
    )


@dataclass(frozen=True)
class EsketaminePK(Params):
    """Esketamine disposition (Perez-Ruixo 2021, typical adult) and nasal absorption."""

    central_volume: float = param(
        192.0, unit="L", label="Central volume Vc", min=50.0, max=500.0, step=1.0,
        source="Perez-Ruixo 2021", basis=PUBLISHED,
    )
    peripheral_volume_1: float = param(
        143.0, unit="L", label="Peripheral volume Vp1", min=20.0, max=500.0, step=1.0,
        source="Perez-Ruixo 2021", basis=PUBLISHED,
    )
    peripheral_volume_2: float = param(
        417.0, unit="L", label="Peripheral volume Vp2", min=50.0, max=1000.0, step=1.0,
        source="Perez-Ruixo 2021", basis=PUBLISHED,
    )
    clearance: float = param(
        114.0, unit="L/h", label="Clearance CL", min=30.0, max=250.0, step=1.0,
        source="Perez-Ruixo 2021", basis=PUBLISHED,
    )
    distribution_clearance_1: float = param(
        84.3, unit="L/h", label="Distribution clearance Q1", min=10.0, max=300.0, step=0.1,
        source="Perez-Ruixo 2021", basis=PUBLISHED,
    )
    distribution_clearance_2: float = param(
        37.6, unit="L/h", label="Distribution clearance Q2", min=5.0, max=200.0, step=0.1,
        source="Perez-Ruixo 2021", basis=PUBLISHED,
    )
    nasal_absorption_rate: float = param(
        2.93, unit="1/h", label="Nasal absorption rate", min=0.5, max=10.0, step=0.01,
        source="Perez-Ruixo 2021", basis=PUBLISHED,
    )
    nasal_fraction_first_device: float = param(
        0.54, unit="fraction", label="Fraction absorbed nasally (first device)", min=0.2,
        max=0.9, step=0.01, source="Perez-Ruixo 2021 (FRn)", basis=PUBLISHED,
    )
    later_device_factor: float = param(
        0.62, unit="fraction", label="Nasal fraction of later devices vs first", min=0.3,
        max=1.0, step=0.01, source="Perez-Ruixo 2021", basis=PUBLISHED,
    )
    swallowed_bioavailability: float = param(
        0.186, unit="fraction", label="Bioavailability of the swallowed part", min=0.05,
        max=0.5, step=0.001, source="Perez-Ruixo 2021", basis=PUBLISHED,
    )
    swallowed_input_duration: float = param(
        0.53, unit="h", label="Swallowed-dose input duration", min=0.1, max=2.0, step=0.01,
        source="Perez-Ruixo 2021 (zero-order input)", basis=PUBLISHED,
    )
    swallowed_absorption_rate: float = param(
        1.45, unit="1/h", label="Swallowed-dose absorption rate", min=0.2, max=5.0, step=0.05,
        source="Perez-Ruixo 2021", basis=PUBLISHED,
    )


@dataclass(frozen=True)
class PKResult:
    """Parent drug in plasma (ng/mL) and brain (uM), (2R,6R)-HNK (uM), and amounts (mg)."""

    time_h: np.ndarray
    plasma_ng_per_ml: np.ndarray
    brain_um: np.ndarray
    metabolite_um: np.ndarray
    amount_in_body_mg: np.ndarray  # parent in depots and compartments
    amount_eliminated_mg: np.ndarray  # parent cleared, metabolised or lost before absorption


# State layout shared by both drugs: depots, then disposition, then outputs.
_DEPOTS = ("im", "intranasal", "oral", "gut")
_IM, _IN, _ORAL, _GUT = range(4)
_CENTRAL = 4


@dataclass(frozen=True)
class _System:
    solver: linear.LinearSystem
    brain: int
    metabolite: int
    sink: int
    central_volume_l: float
    metabolite_volume_l: float


def _build_system(
    ka: tuple[float, float, float, float],
    bioavailability: tuple[float, float, float, float],
    first_pass_to_metabolite: tuple[float, float, float, float],
    central_volume_l: float,
    peripheral: list[tuple[float, float]],  # (volume L, distribution clearance L/min)
    clearance_l_min: float,
    ke0: float,
    metabolite_fraction: float,  # of the parent's clearance, to the modelled (2R,6R)-HNK
    metabolite_clearance_l_min: float,
    metabolite_volume_l: float,
) -> _System:
    """The rate matrix (per min) of depots -> central <-> peripherals -> brain, HNK, sink."""
    n_periph = len(peripheral)
    brain = _CENTRAL + n_periph + 1
    metabolite, sink = brain + 1, brain + 2
    n = sink + 1
    a = np.zeros((n, n))
    for depot in range(len(_DEPOTS)):
        a[depot, depot] = -ka[depot]
        a[_CENTRAL, depot] = bioavailability[depot] * ka[depot]
        lost = 1.0 - bioavailability[depot]
        a[metabolite, depot] = lost * first_pass_to_metabolite[depot] * ka[depot]
        a[sink, depot] = lost * ka[depot]  # parent lost before absorption (counted as gone)
    k10 = clearance_l_min / central_volume_l
    a[_CENTRAL, _CENTRAL] = -k10
    a[sink, _CENTRAL] = k10
    a[metabolite, _CENTRAL] = metabolite_fraction * k10
    for i, (volume, q) in enumerate(peripheral):
        p = _CENTRAL + 1 + i
        a[_CENTRAL, _CENTRAL] -= q / central_volume_l
        a[p, _CENTRAL] = q / central_volume_l
        a[_CENTRAL, p] = q / volume
        a[p, p] = -q / volume
    a[brain, _CENTRAL] = ke0 * ML_PER_L / NG_PER_ML_PER_UM / central_volume_l
    a[brain, brain] = -ke0
    a[metabolite, metabolite] = -metabolite_clearance_l_min / metabolite_volume_l
    return _System(
        linear.LinearSystem(a), brain, metabolite, sink, central_volume_l, metabolite_volume_l
    )


def _metabolite_disposition(p: RacemicPK, parent_clearance_l_min: float) -> tuple[float, float]:
    """HNK clearance (L/min) and volume (L), from the IV exposure ratio and the half-life."""
    hnk_clearance = p.metabolite_fraction * parent_clearance_l_min / p.metabolite_exposure_ratio_iv
    hnk_volume = hnk_clearance * p.metabolite_half_life * MIN_PER_H / math.log(2)
    return hnk_clearance, hnk_volume


@lru_cache(maxsize=64)
def racemic_system(p: RacemicPK, weight_kg: float) -> _System:
    per_kg = weight_kg / ML_PER_L  # mL/min/kg -> L/min
    hnk_clearance, hnk_volume = _metabolite_disposition(p, p.clearance * per_kg)
    r_share = R_SHARE["racemic"]
    return _build_system(
        ka=(p.im_absorption_rate, p.intranasal_absorption_rate, p.oral_absorption_rate, 1.0),
        bioavailability=(p.im_bioavailability, p.intranasal_bioavailability,
                         p.oral_bioavailability, 1.0),
        first_pass_to_metabolite=(0.0, 0.0, r_share * p.first_pass_metabolite_fraction, 0.0),
        central_volume_l=p.central_volume * weight_kg,
        peripheral=[(p.peripheral_volume * weight_kg, p.intercompartmental_clearance * per_kg)],
        clearance_l_min=p.clearance * per_kg,
        ke0=p.brain_equilibration_rate,
        metabolite_fraction=r_share * p.metabolite_fraction,
        metabolite_clearance_l_min=hnk_clearance,
        metabolite_volume_l=hnk_volume,
    )


@lru_cache(maxsize=64)
def esketamine_system(e: EsketaminePK, r: RacemicPK) -> _System:
    """Esketamine's system: a typical adult, not scaled by weight (Perez-Ruixo 2021)."""
    hnk_clearance, hnk_volume = _metabolite_disposition(r, e.clearance / MIN_PER_H)
    r_share = R_SHARE["esketamine"]  # (2S,6S)-HNK only: none of the modelled (2R,6R)-HNK
    return _build_system(
        ka=(r.im_absorption_rate, e.nasal_absorption_rate / MIN_PER_H, r.oral_absorption_rate,
            e.swallowed_absorption_rate / MIN_PER_H),
        # the nasal depot holds only the nasally absorbed part (F = 1 from there)
        bioavailability=(r.im_bioavailability, 1.0, r.oral_bioavailability,
                         e.swallowed_bioavailability),
        first_pass_to_metabolite=(0.0, 0.0, r_share * r.first_pass_metabolite_fraction,
                                  r_share * r.first_pass_metabolite_fraction),
        central_volume_l=e.central_volume,
        peripheral=[(e.peripheral_volume_1, e.distribution_clearance_1 / MIN_PER_H),
                    (e.peripheral_volume_2, e.distribution_clearance_2 / MIN_PER_H)],
        clearance_l_min=e.clearance / MIN_PER_H,
        ke0=r.brain_equilibration_rate,
        metabolite_fraction=r_share * r.metabolite_fraction,
        metabolite_clearance_l_min=hnk_clearance,
        metabolite_volume_l=hnk_volume,
    )


def nasal_device_fractions(amount_mg: float, e: EsketaminePK) -> list[float]:
    """Fraction of each 28 mg device absorbed through the nose (the rest is swallowed)."""
    n_devices = round(amount_mg / ESKETAMINE_DEVICE_MG)
    later = e.nasal_fraction_first_device * e.later_device_factor
    return [e.nasal_fraction_first_device] + [later] * (n_devices - 1)


def _inputs(schedule: Schedule, e: EsketaminePK):
    """Translate dose events into boluses and constant-rate inputs (time in min)."""
    boluses: list[linear.Bolus] = []
    rates: list[linear.ConstantRate] = []
    depot_of = {"im": _IM, "intranasal": _IN, "oral": _ORAL}
    for ev in schedule.events:
        t0 = ev.time_h * MIN_PER_H
        if ev.amount_mg == 0:
            continue
        if ev.route == "iv-infusion":
            rate = ev.amount_mg / ev.duration_min
            rates.append(linear.ConstantRate(t0, t0 + ev.duration_min, _CENTRAL, rate))
        elif ev.route == "iv-bolus":
            boluses.append(linear.Bolus(t0, _CENTRAL, ev.amount_mg))
        elif ev.drug == "esketamine" and ev.route == "intranasal":
            duration = e.swallowed_input_duration * MIN_PER_H
            for i, nasal in enumerate(nasal_device_fractions(ev.amount_mg, e)):
                t_dev = t0 + i * ESKETAMINE_DEVICE_GAP_MIN
                boluses.append(linear.Bolus(t_dev, _IN, ESKETAMINE_DEVICE_MG * nasal))
                swallowed = ESKETAMINE_DEVICE_MG * (1.0 - nasal)
                rates.append(linear.ConstantRate(t_dev, t_dev + duration, _GUT,
                                                 swallowed / duration))
        else:
            boluses.append(linear.Bolus(t0, depot_of[ev.route], ev.amount_mg))
    return boluses, rates


def drug_of(schedule: Schedule) -> str:
    """The single drug a schedule uses (``racemic`` for an empty schedule)."""
    drugs = {e.drug for e in schedule.events}
    if len(drugs) > 1:
        raise ValueError("a schedule uses one drug: racemic ketamine or esketamine, not both")
    return drugs.pop() if drugs else "racemic"


def simulate(
    schedule: Schedule,
    time_h: np.ndarray,
    racemic: RacemicPK = RacemicPK(),
    esketamine: EsketaminePK = EsketaminePK(),
) -> PKResult:
    """Plasma, brain and HNK levels at ``time_h`` (uniform grid from 0, hours)."""
    if drug_of(schedule) == "esketamine":
        system = esketamine_system(esketamine, racemic)
    else:
        system = racemic_system(racemic, schedule.weight_kg)
    boluses, rates = _inputs(schedule, esketamine)
    n = system.solver.matrix.shape[0]
    observe = np.zeros((5, n))
    observe[0, _CENTRAL] = 1.0 / system.central_volume_l  # plasma, mg/L
    observe[1, system.brain] = 1.0
    observe[2, system.metabolite] = 1.0 / system.metabolite_volume_l  # mg/L
    observe[3, : system.brain] = 1.0  # parent in depots, central and peripherals
    observe[4, system.sink] = 1.0
    observed = system.solver.solve(time_h * MIN_PER_H, boluses, rates, observe)
    np.maximum(observed, 0.0, out=observed)  # round-off leaves -1e-17 where a level is zero
    plasma, brain, metabolite, body, eliminated = observed
    plasma *= ML_PER_L
    metabolite *= ML_PER_L / NG_PER_ML_PER_UM
    return PKResult(
        time_h=time_h,
        plasma_ng_per_ml=plasma,
        brain_um=brain,
        metabolite_um=metabolite,
        amount_in_body_mg=body,
        amount_eliminated_mg=eliminated,
    )
