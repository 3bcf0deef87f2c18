"""Steady states at fixed brain levels: the dose-response view of every stage.

With the brain level held constant, every stage settles: the receptor blocks, the circuit's
fixed point with its slow feedback balanced (A = A*(C)), (2R,6R)-HNK at its steady ratio to the
parent (the IV exposure ratio, per enantiomer, since AUC ratios equal steady-state ratios in a
linear model), the sedation, and the BDNF drive of the chosen hypothesis, turned down by the
sedation as in ``sim.plasticity`` (held long enough, the after-effect equals the sedation's
share). Racemic ketamine throughout. ``python -m sim dose-response`` prints this table.
"""

from __future__ import annotations

import numpy as np

from sim import circuit, outputs, plasticity, receptor
from sim.acute import AcuteParams, dissociation, sedation, systolic_bp_change
from sim.pk import R_SHARE, RacemicPK
from sim.plasticity import PlasticityParams

DOSE_RESPONSE_COLUMNS = (
    "brain_um",
    "nmda_block_interneuron",
    "nmda_block_pyramidal",
    "glutamate_rel",
    "glutamate_rel_unadapted",
    "pyramidal_activity_rel",
    "interneuron_activity_rel",
    "bdnf_rel",
    "dissociation",
    "systolic_bp_change_mmhg",
    "sedation",
)
DOSE_RESPONSE_UNITS = outputs.units(DOSE_RESPONSE_COLUMNS, steady=True)  # sim/outputs.py
MAX_BRAIN_UM = circuit.C_MAX_UM


def dose_response_table(levels, hypothesis: str, stress: float = 0.0):
    """Steady state of every fast and slow stage with the brain level held constant."""
    c = np.asarray(levels, dtype=float)
    if np.any(c < 0) or np.any(c > MAX_BRAIN_UM):
        raise ValueError(f"brain levels must be between 0 and {MAX_BRAIN_UM:g} uM")
    plast = PlasticityParams(stress=stress)
    r, p = receptor.ReceptorParams(), circuit.CircuitParams()
    table = circuit.circuit_table(p, r)
    unadapted, _ = circuit.steady_state(c, p, r)
    balanced = table.lookup_balanced_adaptation(c)
    e, i = circuit.fixed_point(receptor.block_interneuron(c, r), receptor.block_pyramidal(c, r),
                               balanced, p)
    e0, i0 = circuit.drug_free_state(p)
    block_i, block_p = receptor.block_interneuron(c, r), receptor.block_pyramidal(c, r)
    # At a constant level (2R,6R)-HNK settles at (exposure ratio) x the R-ketamine level.
    hnk = RacemicPK().metabolite_exposure_ratio_iv * R_SHARE["racemic"] * c
    acute_params = AcuteParams()
    sedated = sedation(c, acute_params)
    gate = 1.0 - plasticity.sedation_share(sedated)
    drive = gate * plasticity.bdnf_drive(hypothesis, e / e0, block_p, hnk, plast)
    columns = {
        "brain_um": c,
        "nmda_block_interneuron": block_i,
        "nmda_block_pyramidal": block_p,
        "glutamate_rel": e / e0,
        "glutamate_rel_unadapted": unadapted,
        "pyramidal_activity_rel": e / e0,
        "interneuron_activity_rel": i / i0,
        "bdnf_rel": 1.0 + drive,
        "dissociation": dissociation(c, acute_params),
        "systolic_bp_change_mmhg": systolic_bp_change(c, acute_params),
        "sedation": sedated,
    }
    return list(DOSE_RESPONSE_COLUMNS), np.column_stack([columns[k] for k in DOSE_RESPONSE_COLUMNS])
