"""Acute effects that come and go with the brain level: dissociation and blood pressure.

Model card
----------
Both follow the brain (effect-site) level C, in racemic-equivalent ng/mL or uM:

    dissociation = clip((C_ng - C_onset) / C_span, 0, 1)        0 = none, 1 = strong
    dSBP         = E_max C / (C + EC50)                          mmHg above baseline

Subjective psychedelic-like effects rise roughly linearly with steady plasma levels between
50 and 200 ng/mL [1], hence the onset of 50 ng/mL and span of 150 ng/mL; the 0-1 scale itself is
conceptual, not a CADSS score. Dissociation is reported at 100-250 ng/mL [2], peaks around the
end of a 40 min infusion and is largely gone by 1.5-2 h [3, 4].

Blood pressure rises modestly during a 0.5 mg/kg, 40 min infusion: mean maximum +3 to +7 mmHg
systolic at 30-40 min, back to baseline after the infusion [5, 6]. E_max and EC50 are chosen
for illustration so the end of that infusion gives about +5 mmHg; anaesthetic doses give larger
rises (Idvall 1979: +15-30 % arterial pressure [7]).

Left out: tolerance to dissociation over repeated sessions (it lessens [8]), heart rate, sedation,
nausea, people's very different sensitivities; age and hypertension raise the blood-pressure
response [6].

References
----------
1. Bowdle TA et al. 1998, Anesthesiology 88:82.
2. Krystal JH et al. 1994, via Zanos P et al. 2018, Pharmacol Rev 70:621, Table 1.
3. Luckenbaugh DA et al. 2014 (CADSS peak at 40 min; PMC4065787).
4. Popova V et al. 2019, Am J Psychiatry (TRANSFORM-2: effects resolved by 1.5 h).
5. Riva-Posse P et al. 2018, J Affect Disord (PMID 29525051): +3.3 mmHg max mean at 30 min.
6. 741-infusion cohort (reference.md §6): +7.4 mmHg max at 30-40 min.
7. Idvall J et al. 1979, Br J Anaesth 51:1167.
8. Singh JB et al. 2016, Am J Psychiatry (dissociation attenuated with repeated dosing).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.params import ILLUSTRATIVE, Params, param

NG_PER_ML_PER_UM = 237.7  # ketamine MW, g/mol


@dataclass(frozen=True)
class AcuteParams(Params):
    dissociation_onset: float = param(
        50.0, unit="ng/mL", label="Level where dissociation starts", min=0.0, max=200.0,
        step=5.0, source="Bowdle 1998 (effects rise linearly from 50 ng/mL)",
    )
    dissociation_span: float = param(
        150.0, unit="ng/mL", label="Rise from no to full dissociation", min=20.0, max=500.0,
        step=5.0, source="Bowdle 1998 (linear from 50 to 200 ng/mL)",
    )
    bp_max: float = param(
        12.0, unit="mmHg", label="Largest possible systolic rise", min=0.0, max=40.0, step=0.5,
        source=f"{ILLUSTRATIVE} (reference.md §9.4: 10-15 mmHg)",
    )
    bp_half_level: float = param(
        1.1, unit="uM", label="Level for half the largest rise", min=0.1, max=10.0, step=0.1,
        source=f"{ILLUSTRATIVE}: about +5 mmHg at the end of 0.5 mg/kg over 40 min "
        "(PMID 29525051; 741-infusion cohort)",
    )


@dataclass(frozen=True)
class AcuteResult:
    dissociation: np.ndarray  # 0-1
    systolic_bp_change_mmhg: np.ndarray


def dissociation(level_um: np.ndarray, p: AcuteParams = AcuteParams()) -> np.ndarray:
    level_ng = np.asarray(level_um, dtype=float) * NG_PER_ML_PER_UM
    return np.clip((level_ng - p.dissociation_onset) / p.dissociation_span, 0.0, 1.0)


def systolic_bp_change(level_um: np.ndarray, p: AcuteParams = AcuteParams()) -> np.ndarray:
    c = np.maximum(np.asarray(level_um, dtype=float), 0.0)
    return p.bp_max * c / (c + p.bp_half_level)


def simulate(level_um: np.ndarray, p: AcuteParams = AcuteParams()) -> AcuteResult:
    return AcuteResult(dissociation(level_um, p), systolic_bp_change(level_um, p))
