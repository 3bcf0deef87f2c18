"""An independent reference for ``sim.cascade.simulate``: the *same equations* integrated as
one ODE system with ``scipy.integrate.solve_ivp`` (LSODA, tight tolerances), written from the
model cards in ``sim/`` rather than by calling sim's fast solvers. Only the algebraic parts of
the model are reused: the PK rate matrix, the tabulated circuit fixed point, Hill blocks and
acute effects. ``tests/test_ode_reference.py`` compares the two.

Units inside the reference: time in minutes (the PK's unit), amounts in mg, volumes in L. The
plasticity time constants are given in hours and days, so they are converted to minutes here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp

from sim import acute, cascade, circuit, pk, receptor

MIN_PER_H = 60.0
MIN_PER_DAY = 24.0 * MIN_PER_H

# Reference solver settings. rtol/atol are far below the test's 0.5 % tolerance so that any
# difference seen is the fast model's. max_step keeps LSODA from striding across a whole quiet
# day in one go, where the only features are kinks (G crossing 1, table cell edges) it could
# step over.
RTOL = 1e-8
ATOL = 1e-12
MAX_STEP_MIN = 10.0


# --------------------------------------------------------------------------- reference model


@dataclass(frozen=True)
class Layout:
    """Where each quantity sits in the reference state vector (PK states first)."""

    n_pk: int
    brain: int

    @property
    def adaptation(self) -> int:  # A, circuit feedback
        return self.n_pk

    @property
    def glutamate(self) -> int:  # G, 1 = baseline
        return self.n_pk + 1

    @property
    def bdnf(self) -> int:  # B, above baseline
        return self.n_pk + 2

    @property
    def protein(self) -> int:  # P, above baseline
        return self.n_pk + 3

    @property
    def spines(self) -> int:  # S, new-spine gain
        return self.n_pk + 4

    @property
    def felt(self) -> int:  # U1, first stage of the felt (delayed) interneuron block
        return self.n_pk + 5

    @property
    def trapped(self) -> int:  # U2 = U, second stage: what the fast term holds
        return self.n_pk + 6

    @property
    def size(self) -> int:
        return self.n_pk + 7


def check_supported(scenario: cascade.Scenario) -> None:
    """The reference covers what the test needs: racemic IV infusions, disinhibition."""
    events = scenario.schedule.events
    if any(e.route != "iv-infusion" or e.drug != "racemic" for e in events):
        raise ValueError("the reference covers racemic IV infusions only")
    if scenario.hypothesis != "disinhibition":
        raise ValueError("the reference covers the disinhibition hypothesis only")


def infusion_segments(scenario: cascade.Scenario, end_min: float) -> list[tuple]:
    """(start, end, rate mg/min) pieces on which the infusion input is constant.

    The input jumps at every infusion start and stop; solving each piece separately keeps the
    integrator from stepping across a discontinuity.
    """
    infusions = [
        (e.time_h * MIN_PER_H, e.time_h * MIN_PER_H + e.duration_min, e.amount_mg / e.duration_min)
        for e in scenario.schedule.events
    ]
    cuts = {0.0, end_min} | {t for start, stop, _ in infusions for t in (start, stop)}
    cuts = sorted(t for t in cuts if 0.0 <= t <= end_min)
    segments = []
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        middle = 0.5 * (a + b)
        rate = sum(r for start, stop, r in infusions if start <= middle < stop)
        segments.append((a, b, rate))
    return segments


def make_rhs(scenario: cascade.Scenario, layout: Layout, matrix: np.ndarray, gate=None):
    """Right-hand side of the whole chain, per minute, for a given infusion rate (mg/min).
    ``gate(t)`` is the sedation gate g = 1 - H on the plasticity signal (1 if not given)."""
    table = circuit.circuit_table(scenario.circuit, scenario.receptor)
    c_p, pl, r_p = scenario.circuit, scenario.plasticity, scenario.receptor
    tau_b = pl.bdnf_time * MIN_PER_H
    tau_p = pl.protein_time * MIN_PER_H
    tau_s = pl.spine_lifetime * MIN_PER_DAY
    ceiling = pl.spine_room + pl.stress * pl.stress_loss  # S_max + L
    stage = pl.onset_time * MIN_PER_H / 2.0  # two stages of the felt delay
    n_pk = layout.n_pk

    def rhs(_t: float, y: np.ndarray, rate: float) -> np.ndarray:
        dy = np.empty_like(y)
        dy[:n_pk] = matrix @ y[:n_pk]
        dy[pk._CENTRAL] += rate
        level = y[layout.brain]  # uM; racemic, so already racemic-equivalent
        adapt, glut, bdnf, protein, spines, felt, trapped = y[n_pk:]
        g = 1.0 if gate is None else gate(_t)
        # circuit: slow feedback toward its balancing level; glutamate toward the fixed point
        balanced = table.lookup_balanced_adaptation(level)  # A*(C)
        surge = table.lookup(level, adapt)[0]  # E*(C, A) / E0
        dy[layout.adaptation] = (balanced - adapt) / c_p.adaptation_time
        dy[layout.glutamate] = (surge - glut) / c_p.glutamate_time
        # plasticity, disinhibition hypothesis (time constants converted to minutes)
        drive = g * max(glut - 1.0, 0.0)
        dy[layout.bdnf] = (drive - bdnf) / tau_b
        dy[layout.protein] = (bdnf - protein) / tau_p
        dy[layout.spines] = (pl.spine_growth * protein * (ceiling - spines) / tau_p
                             - spines / tau_s)
        block_i = receptor.block_interneuron(level, r_p)
        dy[layout.felt] = (g * block_i - felt) / stage
        dy[layout.trapped] = (felt - trapped) / stage
        return dy

    return rhs


def initial_state(layout: Layout) -> np.ndarray:
    """No drug anywhere; glutamate at its baseline of 1, every other stage at rest."""
    y0 = np.zeros(layout.size)
    y0[layout.glutamate] = 1.0
    return y0


def integrate(scenario: cascade.Scenario, t_min: np.ndarray, gate=None
              ) -> tuple[np.ndarray, Layout]:
    """All states on the grid ``t_min`` (minutes), shape (len(t_min), n_states)."""
    system = pk.racemic_system(scenario.racemic_pk, scenario.schedule.weight_kg)
    matrix = system.solver.matrix
    layout = Layout(n_pk=matrix.shape[0], brain=system.brain)
    rhs = make_rhs(scenario, layout, matrix, gate)
    states = np.empty((len(t_min), layout.size))
    y = initial_state(layout)
    for start, stop, rate in infusion_segments(scenario, t_min[-1]):
        inside = np.flatnonzero((t_min >= start) & (t_min <= stop))
        # always evaluate at the segment's end too: it is the next segment's initial state
        t_eval = np.unique(np.append(t_min[inside], stop))
        sol = solve_ivp(rhs, (start, stop), y, method="LSODA", t_eval=t_eval, args=(rate,),
                        rtol=RTOL, atol=ATOL, max_step=MAX_STEP_MIN)
        if not sol.success:
            raise RuntimeError(f"reference failed on [{start}, {stop}] min: {sol.message}")
        on_grid = np.isin(sol.t, t_min[inside])
        states[inside] = sol.y[:, on_grid].T
        y = sol.y[:, -1]
    return states, layout


def peak_hold(signal: np.ndarray, step: float, tau: float) -> np.ndarray:
    """F_k = max(U_k, F_(k-1) exp(-step/tau)), written out (the model card's definition)."""
    decay = math.exp(-step / tau)
    held = np.empty_like(signal)
    previous = 0.0
    for k, value in enumerate(signal):
        previous = max(value, previous * decay)
        held[k] = previous
    return held


def sedation_gate(scenario: cascade.Scenario, t_min: np.ndarray, brain: np.ndarray):
    """g(t) = 1 - H: H follows K = min(sedation / 0.5, 1) up at once and fades with the
    after-effect time, held on the grid as the model card defines it, linear in between. The
    brain level does not depend on the gate, so a first pass gives it."""
    sedated = np.clip(acute.sedation(brain, scenario.acute) / acute.UNRESPONSIVE, 0.0, 1.0)
    held = peak_hold(sedated, t_min[1] - t_min[0],
                     scenario.plasticity.anaesthesia_after_effect * MIN_PER_H)
    return lambda t: 1.0 - float(np.interp(t, t_min, held))


def reference_outputs(scenario: cascade.Scenario, t_min: np.ndarray) -> dict[str, np.ndarray]:
    """The contract columns computed from the integrated states (two passes: the brain level,
    then the whole chain with the sedation gate it sets)."""
    first, layout = integrate(scenario, t_min)
    gate = sedation_gate(scenario, t_min, first[:, layout.brain])
    states, layout = integrate(scenario, t_min, gate)
    p = scenario.racemic_pk
    central_volume_l = p.central_volume * scenario.schedule.weight_kg
    brain = states[:, layout.brain]
    pl = scenario.plasticity
    spines = states[:, layout.spines]
    fast = peak_hold(states[:, layout.trapped], t_min[1] - t_min[0], pl.trap_off_time * MIN_PER_H)
    relief = scenario.relief
    return {
        "plasma_ng_per_ml": 1000.0 * states[:, pk._CENTRAL] / central_volume_l,
        "brain_um": brain,
        "nmda_block_interneuron": receptor.block_interneuron(brain, scenario.receptor),
        "nmda_block_pyramidal": receptor.block_pyramidal(brain, scenario.receptor),
        "glutamate_rel": states[:, layout.glutamate],
        "bdnf_rel": 1.0 + states[:, layout.bdnf],
        "synapse_rel": 1.0 - pl.stress * pl.stress_loss + spines,
        "dissociation": acute.dissociation(brain, scenario.acute),
        "systolic_bp_change_mmhg": acute.systolic_bp_change(brain, scenario.acute),
        "symptom_relief_index": 1.0 - np.exp(-(relief.fast_weight * fast
                                               + relief.spine_weight * spines)),
    }


# --------------------------------------------------------------------------- comparison


def compare(fast: cascade.Result, reference: dict[str, np.ndarray]) -> list[tuple]:
    """(column, error %, hour of the largest difference) per contract column with a swing."""
    rows = []
    for name in cascade.CONTRACT_COLUMNS[1:]:
        ref = reference[name]
        swing = np.max(np.abs(ref - ref[0]))
        if swing == 0.0:
            continue  # output never leaves its baseline: no scale to judge an error against
        diff = np.abs(fast[name] - ref)
        worst = int(np.argmax(diff))
        rows.append((name, 100.0 * diff[worst] / swing, fast.time_h[worst]))
    return rows
