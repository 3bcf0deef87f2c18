"""NMDA receptor block by ketamine, on two kinds of neuron, and the Mg2+ voltage dependence.

Model card
----------
Block is a Hill function of the brain (effect-site) level C (uM, racemic-equivalent):

    B_I = C^n / (C^n + IC50_I^n)     interneuron-like receptors: tonically active, depolarised,
                                      often open, so the open-channel blocker finds them [1, 2]
    B_P = C^n / (C^n + IC50_P^n)     pyramidal-like receptors at rest: held shut by Mg2+ and
                                      rarely open, so fewer are blocked at the same level [3]

IC50_I = 1 uM ("1 uM blocks ~50 %" of NMDA currents, Gerhard 2020 [1]). IC50_P = 6 uM is chosen
for illustration: it makes the anaesthetic plateau of 9.3 uM [4] block about 60 % of pyramidal
receptors. The best published support for the difference is subunit pharmacology: in
physiological Mg2+, ketamine keeps more of its potency at GluN2C/2D-containing receptors
(common on interneurons) than at GluN2A/2B ones (pyramidal cells) [7]. n = 1 (one blocker per
channel; Gerhard's two points would fit n = 0.6).

Enantiomers: esketamine (S) binds NMDA receptors about 4.7 times more tightly than arketamine
(R) (Ki 0.30 vs 1.4 uM [5]; "3-4x" in other assays). The NMDA-equivalent level of racemic drug
(half S, half R) is C (0.5 + 0.5/4.7) = 0.61 C, so one uM of esketamine acts like
1/0.61 = 1.64 uM of racemic ketamine. All block curves here take racemic-equivalent uM.

Mg2+ block (Jahr & Stevens 1990 [6]), the fraction of NMDA conductance not blocked by Mg2+:

    g(V) = 1 / (1 + exp(-0.062 V) [Mg2+] / 3.57)      V in mV, [Mg2+] in mM

(constants as used in widely shared model code; not checked against the paper's text).

Left out: use-dependence and trapping kinetics (the fast relief term in ``plasticity`` stands
for trapping), subunit-specific potencies as separate receptor types (one IC50 per cell type
stands for its mix), pH, the
nanomolar membrane site (2025, unreplicated), and the opioid, HCN1 and other targets.

References
----------
1. Gerhard DM et al. 2020, J Clin Invest 130:1336.
2. Homayoun H, Moghaddam B 2007, J Neurosci 27:11496; PMC6858497 (GluN1/2B/2D triheteromers).
3. Orser BA, Pennefather PS, MacDonald JF 1997, Anesthesiology (multiple mechanisms of block).
4. Idvall J et al. 1979, Br J Anaesth 51:1167.
5. Ebert B et al. 1997, Eur J Pharmacol.
6. Jahr CE, Stevens CF 1990, J Neurosci 10:3178.
7. Kotermanski SE, Johnson JW 2009, J Neurosci 29:2774.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.params import ILLUSTRATIVE, PUBLISHED, Params, param

RACEMIC_S_SHARE = 0.5  # a racemate is half S, half R


@dataclass(frozen=True)
class ReceptorParams(Params):
    ic50_interneuron: float = param(
        1.0, unit="uM", label="Half-block level, interneuron-like receptors", min=0.1, max=5.0,
        step=0.1, source="Gerhard 2020 (1 µM blocks about 50 % of NMDA currents)",
        basis=PUBLISHED,
    )
    ic50_pyramidal: float = param(
        6.0, unit="uM", label="Half-block level, pyramidal-like receptors", min=1.0, max=20.0,
        step=0.5, source="about 60 % block at the 9.3 µM anaesthetic plateau (Idvall 1979); "
        "in physiological Mg2+ ketamine blocks GluN2A/2B receptors less than GluN2C/2D ones "
        "(Kotermanski & Johnson 2009)", basis=ILLUSTRATIVE,
    )
    hill: float = param(
        1.0, unit="-", label="Hill coefficient", min=0.5, max=2.0, step=0.1,
        source="one blocker per channel; Gerhard 2020's two points (50 % at 1 µM, 80 % at "
        "10 µM) would fit 0.6", basis=ILLUSTRATIVE,
    )
    s_over_r_potency: float = param(
        4.7, unit="ratio", label="Esketamine / arketamine potency", min=1.0, max=8.0, step=0.1,
        source="Ebert 1997 (Ki 0.30 vs 1.4 µM)", basis=PUBLISHED,
    )


def hill_block(level_um: np.ndarray, ic50_um: float, hill: float) -> np.ndarray:
    """Fraction of receptors blocked (0-1) at a brain level (uM)."""
    c = np.maximum(np.asarray(level_um, dtype=float), 0.0)
    ratio = (c / ic50_um) ** hill
    return ratio / (1.0 + ratio)


def block_interneuron(level_um, p: ReceptorParams = ReceptorParams()) -> np.ndarray:
    return hill_block(level_um, p.ic50_interneuron, p.hill)


def block_pyramidal(level_um, p: ReceptorParams = ReceptorParams()) -> np.ndarray:
    return hill_block(level_um, p.ic50_pyramidal, p.hill)


def racemic_equivalent_factor(drug: str, p: ReceptorParams = ReceptorParams()) -> float:
    """uM of racemic ketamine that block like one uM of ``drug``."""
    if drug == "racemic":
        return 1.0
    if drug == "esketamine":
        racemic_potency = RACEMIC_S_SHARE + (1 - RACEMIC_S_SHARE) / p.s_over_r_potency
        return 1.0 / racemic_potency
    raise ValueError(f"drug must be 'racemic' or 'esketamine', got {drug!r}")


MG_VOLTAGE_SLOPE = 0.062  # 1/mV, Jahr & Stevens 1990 (as used in model code)
MG_HALF_BLOCK_MM = 3.57  # mM, Jahr & Stevens 1990 (as used in model code)


def mg_unblocked_fraction(voltage_mv, mg_mm: float = 1.0) -> np.ndarray:
    """Fraction of NMDA conductance free of Mg2+ block at a membrane voltage (Jahr & Stevens).

    Parameters
    ----------
    voltage_mv : array_like
        Membrane voltage, mV.
    mg_mm : float
        Extracellular Mg2+ concentration, mM (about 1 mM in cerebrospinal fluid).
    """
    if mg_mm < 0:
        raise ValueError(f"Mg2+ concentration cannot be negative, got {mg_mm:g} mM")
    v = np.asarray(voltage_mv, dtype=float)
    return 1.0 / (1.0 + np.exp(-MG_VOLTAGE_SLOPE * v) * mg_mm / MG_HALF_BLOCK_MM)
