"""BDNF -> synaptic proteins -> dendritic spines, under three proposed triggers.

Model card
----------
Time in hours. What drives BDNF depends on the hypothesis chosen (all three are *proposed*;
reviews call them "not mutually exclusive" [1]):

* ``disinhibition`` [2-4]: the glutamate surge activates AMPA receptors, which releases BDNF:
  drive = max(G - 1, 0). Rises with dose up to the peak of the inverted U, then falls: at
  anaesthetic levels there is no surge and so no BDNF signal.
* ``direct-block`` [5, 6]: blocking the pyramidal cells' NMDA receptors at rest (spontaneous
  transmission) switches off eEF2 kinase and de-suppresses BDNF translation:
  drive = k_R B_P. Keeps rising with dose, so on its own it predicts *more* BDNF at
  anaesthetic doses; the sedation gate below turns that off, as the evidence requires.
* ``metabolite`` [7]: the (2R,6R)-hydroxynorketamine (HNK) metabolite acts on AMPA receptors
  without blocking NMDA receptors: drive = k_M HNK / (1 + HNK / HNK_half), a response that
  levels off, so an anaesthetic dose's large amount of HNK does not act without limit. It is
  made from the R half of the drug, so esketamine (pure S) gives none of it. It lags the
  parent drug by hours and is largest after oral dosing, where first-pass metabolism makes most
  HNK. Contested: HNK was inactive in some rat tests, does block NMDA receptors at higher
  levels, and higher HNK went with *less* improvement in one human study [8].

The gains k_R and k_M are chosen so that one standard infusion (0.5 mg/kg over 40 min) gives
the same BDNF peak under each hypothesis; the hypotheses then differ only in how the drive
depends on dose, route and time, which is what they disagree about.

Then, for every hypothesis (all time constants chosen for illustration):

    tau_B dB/dt = drive - B                        BDNF above baseline (bdnf_rel = 1 + B)
    tau_P dP/dt = B - P                            mTOR / synaptic-protein readiness [9]
    dS/dt = k_S P (S_max - S) / tau_P - S / tau_S  spines above the starting density
    synapse_rel = 1 - L + S,   L = stress x stress_loss,   S_max = S_max,0 + L

Chronic stress removes spines (L, a fraction of the unstressed density) and ketamine-driven
growth preferentially restores stress-lost spines [10], so the room for growth grows with L.
New spines appear within a day and stay raised for up to two weeks after one dose [11, 12].
BDNF evidence in people is small and peripheral (plasma BDNF up at 240 min in responders [13]);
spine numbers cannot be measured in living people at all.

Fast, spine-independent term (stands for trapped NMDA block, e.g. in the lateral habenula,
which outlasts the drug by up to a day [14]):

    U = lag_(tau_on/2)(lag_(tau_on/2)(g B_I));   F_k = max(U_k, F_(k-1) exp(-step/tau_off))

F follows the block with a delay (two stages, so it starts slowly: a person feels better from
about 2 h after the start of an infusion, not during it [15]) and then decays slowly. Spines are
needed to sustain the effect, not to start it [10], hence this separate term in the relief index
(``cascade``).

Anaesthesia gate g (every hypothesis): ketamine given while a person is under surgical
anaesthesia did not beat placebo on mood [16], and an anaesthetic dose lowered, not raised, BDNF
a day later in rodents, where subanaesthetic doses raised it [17, 18]. So time spent unconscious
turns the plasticity signal down, fully once a person stops responding, and it comes back over
about a day:

    K = clip(sedation / 0.5, 0, 1)              0 awake, 1 from unresponsive on
    H_k = max(K_k, H_(k-1) exp(-step/tau_H)),   g = 1 - H

Both the BDNF drive and the fast term are multiplied by g. The gate and its time are chosen for
illustration; without it, the level falling back through the low range after an anaesthetic dose
would credit an anaesthetic with more relief than the research infusion, which the evidence above
contradicts. Because drowsiness turns the signal down in part, relief levels off above the
research dose, as in the dose-ranging trial (0.5 and 1.0 mg/kg alike, Fava 2020 [19]).

Left out: BDNF release vs synthesis, TrkB signalling, spine elimination by stress over time, any
dose-dependence of spine loss, human variability.

References
----------
1. Zanos P, Gould TD 2018, Mol Psychiatry 23:801.
2. Moghaddam B et al. 1997, J Neurosci 17:2921.
3. Li N et al. 2010, Science 329:959.
4. Duman RS, Li N 2012, Phil Trans R Soc B 367:2475.
5. Autry AE et al. 2011, Nature 475:91.
6. Nosyreva E et al. 2013, J Neurosci 33:6990; Miller OH et al. 2014, eLife 3:e03581.
7. Zanos P et al. 2016, Nature 533:481.
8. Suzuki K et al. 2017, Nature 546:E1; Int J Neuropsychopharmacol 2018;21:84; PMC6746183.
9. Li N et al. 2010 (mTOR activation and synaptic proteins within hours).
10. Moda-Sava RN et al. 2019, Science 364:eaat8078.
11. Phoumthipphavong V et al. 2016, eNeuro (spines raised up to 2 weeks).
12. Pryazhnikov E et al. 2018, Sci Rep 8:6464.
13. Haile CN et al. 2014, Int J Neuropsychopharmacol (plasma BDNF, n = 22).
14. Ma S et al. 2023, Nature 622:802.
15. Zarate CA et al. 2006, Arch Gen Psychiatry 63:856 (onset within 2 h).
16. Lii TR et al. 2023, Nature Mental Health (ketamine during surgical anaesthesia vs placebo).
17. Wu et al. 2019, Neurobiol Learn Mem (BDNF at 24 h: up after subanaesthetic, down after
    anaesthetic doses).
18. PMC7136035 (hippocampal BDNF raised by 5 mg/kg, not by 20 or 50 mg/kg).
19. Fava M et al. 2020, Mol Psychiatry 25:1592.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim import filters
from sim.acute import UNRESPONSIVE
from sim.params import FITTED, ILLUSTRATIVE, Params, param

HYPOTHESES = ("disinhibition", "direct-block", "metabolite")
HOURS_PER_DAY = 24.0

HYPOTHESIS_SOURCES = {
    "disinhibition": "Moghaddam 1997; Li 2010; Duman & Li 2012",
    "direct-block": "Autry 2011; Nosyreva 2013; Miller 2014",
    "metabolite": "Zanos 2016 (contested: Suzuki 2017; PMC6746183)",
}


@dataclass(frozen=True)
class PlasticityParams(Params):
    bdnf_time: float = param(
        2.0, unit="h", label="BDNF time constant", min=0.25, max=12.0, step=0.25,
        source="plasma BDNF up at 4 h in responders (Haile 2014)", basis=ILLUSTRATIVE,
    )
    protein_time: float = param(
        6.0, unit="h", label="Synaptic-protein time constant", min=1.0, max=24.0, step=0.5,
        source="synaptic proteins rise within hours (Li 2010)", basis=ILLUSTRATIVE,
    )
    spine_growth: float = param(
        1.0, unit="-", label="Spine growth gain k_S", min=0.1, max=5.0, step=0.1,
        source="chosen so new spines peak within about a day (Li 2010)", basis=FITTED,
        fitted_to=("T14a",),
    )
    spine_room: float = param(
        1.0, unit="fraction", label="Room for new spines S_max (unstressed)", min=0.1,
        max=2.0, step=0.05, source="a round number (Moda-Sava 2019 restores lost spines)",
        basis=ILLUSTRATIVE,
    )
    spine_lifetime: float = param(
        10.0, unit="days", label="Lifetime of new spines tau_S", min=3.0, max=30.0, step=0.5,
        source="chosen so extra spines last up to 2 weeks (Phoumthipphavong 2016)",
        basis=FITTED, fitted_to=("T14b",),
    )
    stress: float = param(
        0.0, unit="0-1", label="Chronic stress", min=0.0, max=1.0, step=0.05,
        source="stress removes spines (Moda-Sava 2019)", basis=ILLUSTRATIVE,
    )
    stress_loss: float = param(
        0.3, unit="fraction", label="Spines lost at full stress", min=0.0, max=0.6, step=0.05,
        source="a round number (Moda-Sava 2019)", basis=ILLUSTRATIVE,
    )
    block_gain: float = param(
        3.42, unit="-", label="BDNF drive per pyramidal block (direct-block)", min=0.0,
        max=10.0, step=0.01,
        source="same BDNF peak as disinhibition after one standard infusion (Autry 2011)",
        basis=ILLUSTRATIVE,
    )
    metabolite_gain: float = param(
        2.549, unit="1/uM", label="BDNF drive per uM (2R,6R)-HNK (metabolite)", min=0.0,
        max=10.0, step=0.001,
        source="same BDNF peak as disinhibition after one standard infusion (Zanos 2016)",
        basis=ILLUSTRATIVE,
    )
    metabolite_half_level: float = param(
        0.1, unit="uM", label="HNK level for half the largest drive (metabolite)", min=0.01,
        max=10.0, step=0.01, source="about the peak after one research infusion: the "
        "response levels off above it (an assumption; Zanos 2016)", basis=ILLUSTRATIVE,
    )
    onset_time: float = param(
        1.0, unit="h", label="Delay before the fast relief is felt", min=0.25, max=6.0,
        step=0.05, source="relief from about 2 h after the start, not during the infusion "
        "(Zarate 2006)", basis=FITTED, fitted_to=("T11c", "T11d"),
    )
    trap_off_time: float = param(
        12.0, unit="h", label="Trapped-block decay time", min=1.0, max=48.0, step=1.0,
        source="block outlasts the drug up to 24 h (Ma 2023)", basis=ILLUSTRATIVE,
    )
    anaesthesia_after_effect: float = param(
        24.0, unit="h", label="Time for plasticity to recover after sedation", min=1.0,
        max=72.0, step=1.0, source="BDNF lowered a day after an anaesthetic dose (Wu 2019); "
        "no gain over placebo when given under anaesthesia (Lii 2023)", basis=ILLUSTRATIVE,
    )


@dataclass(frozen=True)
class PlasticityResult:
    bdnf_drive: np.ndarray  # per hour
    bdnf_rel: np.ndarray  # 1 = baseline
    protein_rel: np.ndarray  # 1 = baseline
    synapse_rel: np.ndarray  # spine density, 1 = unstressed untreated
    spine_gain: np.ndarray  # S, new spines as a fraction of the unstressed density
    fast_component: np.ndarray  # F, 0-1


def bdnf_drive(
    hypothesis: str,
    glutamate_rel: np.ndarray,
    block_pyramidal: np.ndarray,
    metabolite_um: np.ndarray,
    p: PlasticityParams,
) -> np.ndarray:
    """What pushes BDNF up (per hour, dimensionless rate) under each hypothesis."""
    if hypothesis == "disinhibition":
        return np.maximum(glutamate_rel - 1.0, 0.0)
    if hypothesis == "direct-block":
        return p.block_gain * block_pyramidal
    if hypothesis == "metabolite":
        hnk = np.maximum(metabolite_um, 0.0)
        return p.metabolite_gain * hnk / (1.0 + hnk / p.metabolite_half_level)
    raise ValueError(f"hypothesis must be one of {', '.join(HYPOTHESES)}, got {hypothesis!r}")


def sedation_share(sedation) -> np.ndarray:
    """K: how far toward unresponsiveness a person is (0 awake, 1 from unresponsive on)."""
    return np.clip(np.asarray(sedation, dtype=float) / UNRESPONSIVE, 0.0, 1.0)


def anaesthesia_after_effect(sedation: np.ndarray, step_h: float,
                             p: PlasticityParams) -> np.ndarray:
    """H (0-1): follows sedation up at once, fades over ``anaesthesia_after_effect`` hours."""
    return filters.peak_hold(sedation_share(sedation), step_h, p.anaesthesia_after_effect)


def baseline_synapse(p: PlasticityParams) -> float:
    """Spine density without treatment, relative to an unstressed brain."""
    return 1.0 - p.stress * p.stress_loss


def simulate(
    hypothesis: str,
    step_h: float,
    glutamate_rel: np.ndarray,
    block_interneuron: np.ndarray,
    block_pyramidal: np.ndarray,
    metabolite_um: np.ndarray,
    sedation: np.ndarray,
    p: PlasticityParams = PlasticityParams(),
) -> PlasticityResult:
    """BDNF, proteins, spines and the fast term, sampled every ``step_h`` hours."""
    gate = 1.0 - anaesthesia_after_effect(sedation, step_h, p)
    drive = gate * bdnf_drive(hypothesis, glutamate_rel, block_pyramidal, metabolite_um, p)
    bdnf = filters.first_order_lag(drive, step_h, p.bdnf_time)
    protein = filters.first_order_lag(bdnf, step_h, p.protein_time)
    lost = p.stress * p.stress_loss
    spines = filters.saturating_growth(
        drive=p.spine_growth * protein / p.protein_time,
        ceiling=p.spine_room + lost,
        decay_rate=1.0 / (p.spine_lifetime * HOURS_PER_DAY),
        step=step_h,
    )
    stage = p.onset_time / 2.0
    felt = filters.first_order_lag(
        filters.first_order_lag(gate * block_interneuron, step_h, stage), step_h, stage)
    fast = filters.peak_hold(felt, step_h, p.trap_off_time)
    return PlasticityResult(
        bdnf_drive=drive,
        bdnf_rel=1.0 + bdnf,
        protein_rel=1.0 + protein,
        synapse_rel=baseline_synapse(p) + spines,
        spine_gain=spines,
        fast_component=fast,
    )
