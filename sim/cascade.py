"""The whole mechanism chain, from dose schedule to an illustrative relief index.

Model card
----------
    schedule -> pk (plasma, brain level) -> receptor (NMDA block, two cell types)
             -> circuit (glutamate surge) -> plasticity (BDNF -> proteins -> spines, fast term)
             -> relief index;       brain level -> acute (dissociation, blood pressure)

Each stage is solved on one uniform time grid (hours since the first dose), fast stages as
steady states of slower ones, linear stages exactly (see each module's model card).

The relief index (0-1) is **illustrative, not a validated clinical measure** (reference.md §9.4):

    X = a_F F + a_S S,    relief = 1 - exp(-X)

F is the fast, spine-independent term (trapped block) and S the new-spine gain: new spines
sustain the effect but do not start it (Moda-Sava 2019). a_F and a_S are chosen so that, with
the virtual population of ``sim.population``, one standard infusion gives about half of people
a response at 24 h, as pooled trials report (Wilkinson 2019; Han 2016).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim import acute, circuit, pk, plasticity, receptor
from sim.params import ILLUSTRATIVE, Params, param
from sim.schedule import Schedule

MAX_HOURS = 400 * 24.0
MIN_STEP_MIN, MAX_STEP_MIN = 0.1, 60.0
MAX_POINTS = 600_001

# The public column contract (design.md): names, order and units never change.
CONTRACT_COLUMNS = (
    "time_h",
    "plasma_ng_per_ml",
    "brain_um",
    "nmda_block_interneuron",
    "nmda_block_pyramidal",
    "glutamate_rel",
    "bdnf_rel",
    "synapse_rel",
    "dissociation",
    "systolic_bp_change_mmhg",
    "symptom_relief_index",
)
EXTRA_COLUMNS = (
    "metabolite_um",
    "pyramidal_activity_rel",
    "interneuron_activity_rel",
    "adaptation",
    "synaptic_protein_rel",
    "fast_component",
)
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS

UNITS = {
    "time_h": "h since first dose",
    "plasma_ng_per_ml": "ng/mL (parent drug in plasma)",
    "brain_um": "uM (effect-site level; racemic-equivalent for esketamine)",
    "nmda_block_interneuron": "fraction 0-1",
    "nmda_block_pyramidal": "fraction 0-1",
    "glutamate_rel": "relative to untreated baseline (1 = baseline)",
    "bdnf_rel": "relative to untreated baseline (1 = baseline)",
    "synapse_rel": "spine density relative to an unstressed, untreated brain (1 = baseline)",
    "dissociation": "0-1 (conceptual scale)",
    "systolic_bp_change_mmhg": "mmHg change from baseline",
    "symptom_relief_index": "0-1 (illustrative, not a clinical measure)",
    "metabolite_um": "uM (hydroxynorketamine, ketamine-equivalent)",
    "pyramidal_activity_rel": "relative to baseline firing",
    "interneuron_activity_rel": "relative to baseline firing",
    "adaptation": "dimensionless (slow negative feedback)",
    "synaptic_protein_rel": "relative to untreated baseline (1 = baseline)",
    "fast_component": "0-1 (trapped block, illustrative)",
}


@dataclass(frozen=True)
class ReliefParams(Params):
    fast_weight: float = param(
        1.5, unit="-", label="Weight of the fast term a_F", min=0.0, max=10.0, step=0.1,
        source=f"{ILLUSTRATIVE} (reference.md §9.4)",
    )
    spine_weight: float = param(
        5.8, unit="-", label="Weight of the spine term a_S", min=0.0, max=20.0, step=0.1,
        source=f"{ILLUSTRATIVE}: about half respond 24 h after one infusion "
        "(Wilkinson 2019; Han 2016)",
    )


@dataclass(frozen=True)
class Scenario:
    """Everything one simulation needs: the schedule, the hypothesis, and every parameter."""

    schedule: Schedule
    hypothesis: str = "disinhibition"
    hours: float = 48.0
    step_min: float = 1.0
    racemic_pk: pk.RacemicPK = field(default_factory=pk.RacemicPK)
    esketamine_pk: pk.EsketaminePK = field(default_factory=pk.EsketaminePK)
    receptor: receptor.ReceptorParams = field(default_factory=receptor.ReceptorParams)
    circuit: circuit.CircuitParams = field(default_factory=circuit.CircuitParams)
    plasticity: plasticity.PlasticityParams = field(default_factory=plasticity.PlasticityParams)
    acute: acute.AcuteParams = field(default_factory=acute.AcuteParams)
    relief: ReliefParams = field(default_factory=ReliefParams)

    def __post_init__(self) -> None:
        if self.hypothesis not in plasticity.HYPOTHESES:
            raise ValueError(
                f"hypothesis must be one of {', '.join(plasticity.HYPOTHESES)}, "
                f"got {self.hypothesis!r}"
            )
        if not (0 < self.hours <= MAX_HOURS):
            raise ValueError(f"hours must be above 0 and at most {MAX_HOURS:g}, got {self.hours:g}")
        if not (MIN_STEP_MIN <= self.step_min <= MAX_STEP_MIN):
            raise ValueError(
                f"time step must be between {MIN_STEP_MIN:g} and {MAX_STEP_MIN:g} min, "
                f"got {self.step_min:g}"
            )
        if self.hours * 60.0 / self.step_min + 1 > MAX_POINTS:
            raise ValueError(
                f"{self.hours:g} h at {self.step_min:g} min steps is more than "
                f"{MAX_POINTS - 1:,} points: choose a larger time step"
            )
        pk.drug_of(self.schedule)  # one drug per schedule


@dataclass(frozen=True)
class Result:
    """Time (hours) plus named arrays and their units, in :data:`COLUMNS` order."""

    time_h: np.ndarray
    arrays: dict[str, np.ndarray]
    units: dict[str, str]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.time_h if name == "time_h" else self.arrays[name]

    @property
    def columns(self) -> tuple[str, ...]:
        return ("time_h", *self.arrays)


def time_grid(hours: float, step_min: float) -> np.ndarray:
    n_steps = int(round(hours * 60.0 / step_min))
    return np.arange(n_steps + 1) * (step_min / 60.0)


def relief_index(fast: np.ndarray, spine_gain: np.ndarray, p: ReliefParams) -> np.ndarray:
    return -np.expm1(-(p.fast_weight * fast + p.spine_weight * spine_gain))


def simulate(scenario: Scenario) -> Result:
    """Run the whole chain for a scenario; a pure function of its argument."""
    s = scenario
    t = time_grid(s.hours, s.step_min)
    step_h = s.step_min / 60.0
    levels = pk.simulate(s.schedule, t, s.racemic_pk, s.esketamine_pk)
    brain = levels.brain_um * receptor.racemic_equivalent_factor(pk.drug_of(s.schedule),
                                                                 s.receptor)
    block_i = receptor.block_interneuron(brain, s.receptor)
    block_p = receptor.block_pyramidal(brain, s.receptor)
    net = circuit.simulate(brain, step_h, s.circuit, s.receptor)
    growth = plasticity.simulate(s.hypothesis, step_h, net.glutamate_rel, block_i, block_p,
                                 levels.metabolite_um, s.plasticity)
    effects = acute.simulate(brain, s.acute)
    arrays = {
        "plasma_ng_per_ml": levels.plasma_ng_per_ml,
        "brain_um": brain,
        "nmda_block_interneuron": block_i,
        "nmda_block_pyramidal": block_p,
        "glutamate_rel": net.glutamate_rel,
        "bdnf_rel": growth.bdnf_rel,
        "synapse_rel": growth.synapse_rel,
        "dissociation": effects.dissociation,
        "systolic_bp_change_mmhg": effects.systolic_bp_change_mmhg,
        "symptom_relief_index": relief_index(growth.fast_component, growth.spine_gain, s.relief),
        "metabolite_um": levels.metabolite_um,
        "pyramidal_activity_rel": net.pyramidal_rel,
        "interneuron_activity_rel": net.interneuron_rel,
        "adaptation": net.adaptation,
        "synaptic_protein_rel": growth.protein_rel,
        "fast_component": growth.fast_component,
    }
    return Result(time_h=t, arrays=arrays, units=dict(UNITS))
