"""The cortical E/I circuit: NMDA block -> disinhibition -> glutamate (the inverted U).

Model card
----------
A Wilson-Cowan rate model [1] of a pyramidal (excitatory, E) and an interneuron (inhibitory, I)
population, with NMDA receptors carrying part of each population's excitatory drive:

    tau_E dE/dt = -E + sig(beta [g_E (w_EE E + h_E) - w_EI I - theta_E - k_A A])
    tau_I dI/dt = -I + sig(beta [g_I (w_IE E + h_I) - w_II I - theta_I])
    g_E = (1 - f_NE) + f_NE (1 - B_P),   g_I = (1 - f_NI) + f_NI (1 - B_I),   sig(x) = 1/(1+e^-x)

Interneurons rely more on NMDA receptors (f_NI > f_NE) and theirs are blocked more (B_I > B_P),
so a low level of ketamine silences inhibition first and pyramidal firing rises: disinhibition
[2, 3]. At anaesthetic levels the pyramidal cells' own NMDA drive is lost too and firing falls
below baseline: the inverted U seen in rat prefrontal cortex (glutamate up at 10-30 mg/kg, no
change at 50, down at 200 mg/kg [4]).

Firing settles within milliseconds, far faster than the drug level changes, so E and I are
taken at their fixed point E*(C, A), tabulated once over brain level C and adaptation A and
interpolated (separation of timescales). Two slower stages follow (time in min here):

    A* (C): the feedback level that balances the surge, A* = max(E*(C, A*)/E0 - 1, 0)
    tau_A dA/dt = A*(C) - A                 mGluR2/3-like negative feedback
    tau_G dG/dt = E*(C, A)/E0 - G           extracellular glutamate, baseline G = 1

The feedback relaxes toward the level at which it would exactly balance the surge at the
current brain level. This is a simplification of autoreceptors that sense released glutamate
step by step: it has the same steady states and the same decay once the
surge is over, it keeps every stage exact and fast (A* is tabulated too), and it gives the
measured shape: a surge that peaks during the infusion and fades within hours [5].

Every number here was tuned together to the surge's size and timing in people [5] and the
inverted U in rats [4]: those facts are calibration targets, not evidence; only the shape is
meant, not the size of the surge in any brain region.

GABA: the same MRS study [5] found GABA up as much as Glx (+38 %) while the model's interneuron
activity falls. MRS measures the whole pool of GABA and glutamate in a brain region, not their
release or the firing of cells, and the glutamate-glutamine-GABA cycle can raise both pools
when excitation rises; the model follows firing only, so it cannot show that rise (a known
miss on the validation page).

Left out: spiking, gamma oscillations, layers and regions, dopamine, GABA release itself,
glial glutamate uptake, and any NMDA dependence of the feedback.

References
----------
1. Wilson HR, Cowan JD 1972, Biophys J 12:1.
2. Homayoun H, Moghaddam B 2007, J Neurosci 27:11496.
3. Gerhard DM et al. 2020, J Clin Invest 130:1336.
4. Moghaddam B et al. 1997, J Neurosci 17:2921.
5. Milak MS et al. 2016, Mol Psychiatry 21:320 (Glx +38 % and GABA +38 % at ~26 min of a 40 min
   infusion).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from sim import filters
from sim.params import FITTED, Params, param
from sim.receptor import ReceptorParams, block_interneuron, block_pyramidal

# Every circuit number was tuned together to give the surge's size and timing in people and the
# inverted U in rats (the validation facts named): calibration, not evidence.
_TUNED = dict(source="tuned with the others to Milak 2016 (+38 % at about 26 min) and the "
              "inverted U of Moghaddam 1997", basis=FITTED,
              fitted_to=("T3b", "T7a", "T7b", "T7c", "T8a", "T8b", "T8c", "T8d"))


@dataclass(frozen=True)
class CircuitParams(Params):
    w_ee: float = param(2.1, unit="-", label="Pyramidal -> pyramidal weight", min=0.0, max=4.0,
                        step=0.1, **_TUNED)
    w_ei: float = param(2.2, unit="-", label="Interneuron -> pyramidal weight", min=0.0,
                        max=4.0, step=0.1, **_TUNED)
    w_ie: float = param(2.0, unit="-", label="Pyramidal -> interneuron weight", min=0.0,
                        max=4.0, step=0.1, **_TUNED)
    w_ii: float = param(0.3, unit="-", label="Interneuron -> interneuron weight", min=0.0,
                        max=2.0, step=0.1, **_TUNED)
    h_e: float = param(1.5, unit="-", label="Outside input to pyramidal cells", min=0.0,
                       max=3.0, step=0.1, **_TUNED)
    h_i: float = param(0.4, unit="-", label="Outside input to interneurons", min=0.0, max=3.0,
                       step=0.1, **_TUNED)
    theta_e: float = param(1.7, unit="-", label="Pyramidal threshold", min=0.0, max=4.0,
                           step=0.05, **_TUNED)
    theta_i: float = param(0.55, unit="-", label="Interneuron threshold", min=0.0, max=4.0,
                           step=0.05, **_TUNED)
    gain: float = param(4.3, unit="-", label="Gain (slope) of the rate curves", min=1.0,
                        max=10.0, step=0.1, **_TUNED)
    nmda_share_pyramidal: float = param(
        0.5, unit="fraction", label="NMDA share of pyramidal drive", min=0.0, max=1.0, step=0.05,
        **_TUNED,
    )
    nmda_share_interneuron: float = param(
        0.8, unit="fraction", label="NMDA share of interneuron drive", min=0.0, max=1.0,
        step=0.05, source="interneurons lean on NMDA receptors (Homayoun & Moghaddam 2007; "
        "Gerhard 2020), size tuned with the rest to Milak 2016 and Moghaddam 1997",
        basis=FITTED, fitted_to=_TUNED["fitted_to"],
    )
    adaptation_strength: float = param(
        0.6, unit="-", label="Negative-feedback strength", min=0.0, max=2.0, step=0.05,
        **_TUNED,
    )
    adaptation_time: float = param(
        30.0, unit="min", label="Negative-feedback time constant", min=5.0, max=120.0, step=5.0,
        **_TUNED,
    )
    glutamate_time: float = param(
        5.0, unit="min", label="Glutamate time constant", min=1.0, max=30.0, step=1.0,
        **_TUNED,
    )


def _sigmoid(x):
    """1 / (1 + e^-x), within 1e-15 of scipy.special.expit for |x| <= 700 (tested), without
    importing scipy.special (0.2 s) before the first chart. Below x = -709, where e^-x
    overflows, it gives 0 (expit: under 1e-308)."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def _sigmoid_of_float(x: float) -> float:
    """:func:`_sigmoid` of one number with the math module (a tenth of the time per call),
    for the scalar loop in :func:`drug_free_state`; no overflow for any x."""
    small = math.exp(-abs(x))
    return 1.0 / (1.0 + small) if x >= 0 else small / (1.0 + small)


def fixed_point(
    block_i: np.ndarray, block_p: np.ndarray, adaptation: np.ndarray, p: CircuitParams
) -> tuple[np.ndarray, np.ndarray]:
    """Steady firing (E, I) for given block fractions and adaptation (arrays broadcast).

    Relaxes the rate equations from the drug-free state (as when a drug is applied), then
    polishes with Newton steps, vectorised over all inputs.
    """
    block_i, block_p, adaptation = np.broadcast_arrays(
        *(np.asarray(x, dtype=float) for x in (block_i, block_p, adaptation))
    )
    g_e = 1.0 - p.nmda_share_pyramidal * block_p
    g_i = 1.0 - p.nmda_share_interneuron * block_i

    def rhs(e, i):
        drive_e = p.gain * (g_e * (p.w_ee * e + p.h_e) - p.w_ei * i - p.theta_e
                            - p.adaptation_strength * adaptation)
        drive_i = p.gain * (g_i * (p.w_ie * e + p.h_i) - p.w_ii * i - p.theta_i)
        return _sigmoid(drive_e) - e, _sigmoid(drive_i) - i, drive_e, drive_i

    e0, i0 = drug_free_state(p)
    e = np.full(block_i.shape, e0)
    i = np.full(block_i.shape, i0)
    for _ in range(400):  # pseudo-time relaxation, step 0.2 tau
        de, di, _, _ = rhs(e, i)
        e, i = e + 0.2 * de, i + 0.2 * di
    for _ in range(8):  # Newton on (E, I)
        fe, fi, drive_e, drive_i = rhs(e, i)
        se = _sigmoid(drive_e) * (1 - _sigmoid(drive_e)) * p.gain
        si = _sigmoid(drive_i) * (1 - _sigmoid(drive_i)) * p.gain
        j11, j12 = se * g_e * p.w_ee - 1.0, -se * p.w_ei
        j21, j22 = si * g_i * p.w_ie, -si * p.w_ii - 1.0
        det = j11 * j22 - j12 * j21
        e = e - (j22 * fe - j12 * fi) / det
        i = i - (-j21 * fe + j11 * fi) / det
    return e, i


@lru_cache(maxsize=32)
def drug_free_state(p: CircuitParams) -> tuple[float, float]:
    """Baseline (E0, I0): relax the unperturbed rate equations from rest."""
    e, i = 0.1, 0.1
    for _ in range(5000):
        de = _sigmoid_of_float(p.gain * (p.w_ee * e + p.h_e - p.w_ei * i - p.theta_e)) - e
        di = _sigmoid_of_float(p.gain * (p.w_ie * e + p.h_i - p.w_ii * i - p.theta_i)) - i
        e, i = e + 0.1 * de, i + 0.1 * di
    return e, i


# Table axes. Brain level on a grid uniform in u = log(1 + C/C_SCALE), so that index lookup
# is arithmetic (no search) and low levels, where the curve bends most, get most points.
C_SCALE_UM = 0.05
C_MAX_UM = 300.0  # above any level the dose ceilings allow
N_LEVELS = 400
A_MAX = 2.0
N_ADAPT = 41


@dataclass(frozen=True)
class CircuitTable:
    """E*/E0 and I*/I0 over (brain level, adaptation), for fast bilinear lookup."""

    u_step: float
    a_step: float
    pyramidal: np.ndarray  # E*/E0, shape (N_LEVELS, N_ADAPT)
    interneuron: np.ndarray  # I*/I0
    balanced_adaptation: np.ndarray  # A*(C), shape (N_LEVELS,)

    @cached_property
    def _cells(self) -> np.ndarray:
        """Per cell, bilinear coefficients k of v = k0 + k1 fa + fu (k2 + k3 fa), for both
        tables side by side: one gather of 8 numbers serves a whole lookup."""
        coefficients = []
        for t in (self.pyramidal, self.interneuron):
            c00, c01, c10, c11 = t[:-1, :-1], t[:-1, 1:], t[1:, :-1], t[1:, 1:]
            coefficients += [c00, c01 - c00, c10 - c00, c11 - c10 - c01 + c00]
        return np.stack([k.ravel() for k in coefficients], axis=1)

    def level_index(self, level_um) -> tuple[np.ndarray, np.ndarray]:
        """Cell index and fraction along the level axis (compute once, look up many times)."""
        u = np.log1p(np.clip(level_um, 0.0, C_MAX_UM) / C_SCALE_UM) / self.u_step
        iu = np.minimum(u.astype(np.intp), N_LEVELS - 2)
        return iu, u - iu

    def lookup_balanced_adaptation(self, level_um, at=None) -> np.ndarray:
        """A*(C) by linear interpolation over the brain-level grid (``at``: a level_index)."""
        iu, fu = at if at is not None else self.level_index(level_um)
        return self.balanced_adaptation[iu] * (1 - fu) + self.balanced_adaptation[iu + 1] * fu

    def lookup(self, level_um, adaptation: np.ndarray | float = 0.0, at=None):
        """Bilinear interpolation of (E*/E0, I*/I0) at the given levels and adaptation."""
        iu, fu = at if at is not None else self.level_index(np.asarray(level_um, dtype=float))
        a = np.clip(np.asarray(adaptation, dtype=float), 0.0, A_MAX) / self.a_step
        ia = np.minimum(a.astype(np.intp), N_ADAPT - 2)
        fa = a - ia
        k = self._cells[iu * (N_ADAPT - 1) + ia].T  # 8 rows of gathered coefficients
        pyramidal = k[0] + fa * k[1] + fu * (k[2] + fa * k[3])
        interneuron = k[4] + fa * k[5] + fu * (k[6] + fa * k[7])
        return pyramidal, interneuron


def table_levels() -> np.ndarray:
    u = np.linspace(0.0, np.log1p(C_MAX_UM / C_SCALE_UM), N_LEVELS)
    return C_SCALE_UM * np.expm1(u)


@lru_cache(maxsize=32)
def circuit_table(p: CircuitParams, r: ReceptorParams) -> CircuitTable:
    levels = table_levels()
    adapt = np.linspace(0.0, A_MAX, N_ADAPT)
    c, a = np.meshgrid(levels, adapt, indexing="ij")
    e, i = fixed_point(block_interneuron(c, r), block_pyramidal(c, r), a, p)
    e0, i0 = drug_free_state(p)
    pyramidal, interneuron = e / e0, i / i0
    # no drug, no feedback is the baseline by definition (drops a 1e-15 round-off)
    pyramidal[0, 0] = interneuron[0, 0] = 1.0
    return CircuitTable(
        u_step=np.log1p(C_MAX_UM / C_SCALE_UM) / (N_LEVELS - 1),
        a_step=A_MAX / (N_ADAPT - 1),
        pyramidal=pyramidal,
        interneuron=interneuron,
        balanced_adaptation=_balanced_adaptation(pyramidal, adapt),
    )


def _balanced_adaptation(pyramidal: np.ndarray, adapt: np.ndarray) -> np.ndarray:
    """Solve A = max(E*(C, A)/E0 - 1, 0) for each tabulated level (bisection over A).

    The surge E*/E0 falls as A rises, so A - surge(A) rises with A and the root is unique.
    """
    low = np.zeros(pyramidal.shape[0])
    high = np.full(pyramidal.shape[0], adapt[-1])
    rows = np.arange(pyramidal.shape[0])
    step = adapt[1] - adapt[0]
    for _ in range(50):
        mid = 0.5 * (low + high)
        j = np.minimum((mid / step).astype(int), len(adapt) - 2)
        f = mid / step - j
        surge = pyramidal[rows, j] * (1 - f) + pyramidal[rows, j + 1] * f - 1.0
        above = np.maximum(surge, 0.0) > mid
        low, high = np.where(above, mid, low), np.where(above, high, mid)
    no_surge = pyramidal[:, 0] - 1.0 <= 1e-12  # no drug, or anaesthetic levels: no feedback
    return np.where(no_surge, 0.0, 0.5 * (low + high))


def steady_state(
    level_um, p: CircuitParams = CircuitParams(), r: ReceptorParams = ReceptorParams()
):
    """Exact (not tabulated) E*/E0 and I*/I0 at fixed brain levels, without adaptation."""
    c = np.asarray(level_um, dtype=float)
    e, i = fixed_point(block_interneuron(c, r), block_pyramidal(c, r), np.zeros_like(c), p)
    e0, i0 = drug_free_state(p)
    return e / e0, i / i0


@dataclass(frozen=True)
class CircuitResult:
    glutamate_rel: np.ndarray  # G, 1 = baseline
    pyramidal_rel: np.ndarray  # E*/E0 with adaptation
    interneuron_rel: np.ndarray  # I*/I0 with adaptation
    adaptation: np.ndarray  # A, dimensionless


def simulate(
    level_um: np.ndarray,
    step_h: float,
    p: CircuitParams = CircuitParams(),
    r: ReceptorParams = ReceptorParams(),
) -> CircuitResult:
    """Glutamate and firing over time from the brain level sampled every ``step_h`` hours."""
    table = circuit_table(p, r)
    step_min = step_h * 60.0
    at = table.level_index(level_um)
    adaptation = filters.first_order_lag(
        table.lookup_balanced_adaptation(level_um, at), step_min, p.adaptation_time
    )
    pyramidal, interneuron = table.lookup(level_um, adaptation, at)
    glutamate = filters.first_order_lag(pyramidal, step_min, p.glutamate_time)
    return CircuitResult(glutamate, pyramidal, interneuron, adaptation)
