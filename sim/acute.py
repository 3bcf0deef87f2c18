"""Acute effects that come and go with the brain level: dissociation, blood pressure, sedation.

Model card
----------
All follow the brain (effect-site) level C, racemic-equivalent, in ng/mL or uM:

    dissociation = C_ng^n_D / (C_ng^n_D + D50^n_D)                0 = none, 1 = strongest
    dSBP         = E_max C / (C + EC50)                          mmHg above baseline
    sedation     = C^n_S / (C^n_S + C_wake^n_S)                  0 = awake, 1 = surgical anaesthesia

Dissociation: subjective psychedelic-like effects rise steadily with steady plasma levels between
50 and 200 ng/mL [1] and dissociation is reported at 100-250 ng/mL [2]; a Hill curve with its
half-way point at 200 ng/mL keeps that rise and goes on growing toward anaesthetic levels instead
of stopping at a cap, so the research drip (about half-way) and surgery (near 1) look different.
The 0-1 scale is conceptual, not a CADSS score. Dissociation peaks around the end of a 40 min
infusion and is largely gone by 1.5-2 h [3, 4].

Blood pressure rises modestly during a 0.5 mg/kg, 40 min infusion: mean maximum +3 to +7 mmHg
systolic at 30-40 min, back to baseline after the infusion [5, 6]; anaesthetic doses raise
arterial pressure by 15-30 % [7], about +20 to +35 mmHg from a systolic 120 mmHg. E_max and
EC50 are fitted to both: about +5 mmHg at the end of the research infusion, about +25 mmHg at
the surgical level of 9.3 uM [7].

Sedation (the level of consciousness): people woke from ketamine anaesthesia near 2.7 uM [7],
so 2.7 uM is half-way (0.5: the border between drowsy and unresponsive); the steepness is
chosen so the surgical plateau of 9.3 uM [7] reads 0.9. The states named in the app:
awake (below 0.2), drowsy (0.2-0.5), unresponsive (0.5-0.9), surgical anaesthesia (0.9 and up).
The research infusion peaks near 0.1: awake, as people in those trials are [3].

Left out: tolerance to dissociation over repeated sessions (it lessens [8]), heart rate,
nausea, breathing, emergence reactions, people's very different sensitivities; age and
hypertension raise the blood-pressure response [6].

References
----------
1. Bowdle TA et al. 1998, Anesthesiology 88:82.
2. Krystal JH et al. 1994, via Zanos P et al. 2018, Pharmacol Rev 70:621, Table 1.
3. Luckenbaugh DA et al. 2014 (CADSS peak at 40 min; PMC4065787).
4. Popova V et al. 2019, Am J Psychiatry (TRANSFORM-2: effects resolved by 1.5 h).
5. Riva-Posse P et al. 2018, J Affect Disord (PMID 29525051): +3.3 mmHg max mean at 30 min.
6. Vankawala J et al. 2021, Front Psychiatry 12:549080 (modest rises over 2,252 treatments).
7. Idvall J et al. 1979, Br J Anaesth 51:1167.
8. Singh JB et al. 2016, Am J Psychiatry (dissociation attenuated with repeated dosing).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.params import FITTED, ILLUSTRATIVE, PUBLISHED, Params, param

NG_PER_ML_PER_UM = 237.7  # ketamine MW, g/mol

# (upper bound, name) of each level of consciousness on the sedation scale
UNRESPONSIVE = 0.5  # sedation at which people stop responding (Idvall's waking level)
SURGICAL = 0.9  # sedation at the surgical plateau
CONSCIOUSNESS_STATES = (
    (0.2, "awake"),
    (UNRESPONSIVE, "drowsy"),
    (SURGICAL, "unresponsive"),
    (float("inf"), "surgical anaesthesia"),
)


@dataclass(frozen=True)
class AcuteParams(Params):
    dissociation_half_level: float = param(
        200.0, unit="ng/mL", label="Level for half the strongest dissociation", min=50.0,
        max=1000.0, step=10.0,
        source="effects rise steadily from 50 to 200 ng/mL (Bowdle 1998); dissociation at "
        "100-250 ng/mL (Krystal 1994)", basis=ILLUSTRATIVE,
    )
    dissociation_steepness: float = param(
        2.0, unit="-", label="Steepness of the dissociation curve", min=1.0, max=4.0, step=0.1,
        source="gives a rise from about 50 ng/mL (Bowdle 1998)", basis=ILLUSTRATIVE,
    )
    bp_max: float = param(
        39.5, unit="mmHg", label="Largest possible systolic rise", min=0.0, max=60.0, step=0.5,
        source="+5 mmHg at the end of 0.5 mg/kg over 40 min (PMID 29525051) and +15-30 % "
        "during anaesthesia (Idvall 1979)", basis=FITTED, fitted_to=("T10a", "T3c"),
    )
    bp_half_level: float = param(
        5.5, unit="uM", label="Level for half the largest rise", min=0.1, max=20.0, step=0.1,
        source="+5 mmHg at the end of 0.5 mg/kg over 40 min (PMID 29525051) and +15-30 % "
        "during anaesthesia (Idvall 1979)", basis=FITTED, fitted_to=("T10a", "T3c"),
    )
    waking_level: float = param(
        2.7, unit="uM", label="Level where people wake up (sedation 0.5)", min=0.5, max=10.0,
        step=0.1, source="Idvall 1979 (recovery at 2.7 ± 0.9 µmol/L)", basis=PUBLISHED,
    )
    sedation_steepness: float = param(
        1.8, unit="-", label="Steepness of the sedation curve", min=0.5, max=5.0, step=0.1,
        source="makes the surgical plateau of 9.3 µmol/L (Idvall 1979) read 0.9",
        basis=ILLUSTRATIVE,
    )


@dataclass(frozen=True)
class AcuteResult:
    dissociation: np.ndarray  # 0-1
    systolic_bp_change_mmhg: np.ndarray
    sedation: np.ndarray  # 0 awake - 1 surgical anaesthesia


def _hill(level, half: float, steepness: float) -> np.ndarray:
    ratio = (np.maximum(np.asarray(level, dtype=float), 0.0) / half) ** steepness
    return ratio / (1.0 + ratio)


def dissociation(level_um: np.ndarray, p: AcuteParams = AcuteParams()) -> np.ndarray:
    level_ng = np.asarray(level_um, dtype=float) * NG_PER_ML_PER_UM
    return _hill(level_ng, p.dissociation_half_level, p.dissociation_steepness)


def systolic_bp_change(level_um: np.ndarray, p: AcuteParams = AcuteParams()) -> np.ndarray:
    c = np.maximum(np.asarray(level_um, dtype=float), 0.0)
    return p.bp_max * c / (c + p.bp_half_level)


def sedation(level_um: np.ndarray, p: AcuteParams = AcuteParams()) -> np.ndarray:
    """Level of consciousness, 0 = awake to 1 = surgical anaesthesia (conceptual scale)."""
    return _hill(level_um, p.waking_level, p.sedation_steepness)


def consciousness_state(value: float) -> str:
    """The named state of a sedation value ("awake", "drowsy", ...)."""
    return next(name for upper, name in CONSCIOUSNESS_STATES if value < upper)


def simulate(level_um: np.ndarray, p: AcuteParams = AcuteParams()) -> AcuteResult:
    return AcuteResult(dissociation(level_um, p), systolic_bp_change(level_um, p),
                       sedation(level_um, p))
