"""The whole mechanism chain, from dose schedule to an illustrative relief index.

Model card
----------
    schedule -> pk (plasma, brain level) -> receptor (NMDA block, two cell types)
             -> circuit (glutamate surge) -> plasticity (BDNF -> proteins -> spines, fast term)
             -> relief index;       brain level -> acute (dissociation, blood pressure, sedation)

Each stage is solved on one uniform time grid (hours since the first dose), fast stages as
steady states of slower ones, linear stages exactly (see each module's model card).

The relief index (0-1) is **illustrative, not a validated clinical measure**. It is the *drug's
share* of relief: what ketamine adds beyond the placebo response that people in trials also have
(``sim.population`` turns it into the share of people who respond because of the drug; the app
shows the trials' placebo arm beside it):

    X = a_F F + a_S S,    relief = 1 - exp(-X)

F is the fast, spine-independent term (trapped block, felt from about 2 h) and S the new-spine
gain: new spines sustain the effect but do not start it (Moda-Sava 2019). a_F and a_S are fitted
so that, with the virtual population, one standard infusion gives the drug's share of response
that pooled trials report at 24 h (ketamine 45-46 % against midazolam 18 %, Wilkinson 2019), and
felt relief at 2 h about half of that at 24 h (Zarate 2006: onset within 2 h, largest at
24 h).

Range the model was built for. The circuit, growth and relief models describe an awake brain at
research doses. Once a schedule makes a person unresponsive (sedation 0.5 or more) their outputs
are outside that range from then on; so is esketamine used beyond its label (more than two nasal
sessions in a week, or another route). Such rows are flagged in ``outside_model_range`` (1) and
the reasons are in :attr:`Result.notes`, which the CSV/JSON and the charts show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim import acute, circuit, outputs, pk, plasticity, receptor
from sim.params import FITTED, Params, param
from sim.schedule import Schedule

MAX_HOURS = 400 * 24.0
MIN_STEP_MIN, MAX_STEP_MIN = 0.1, 60.0
MAX_POINTS = 600_001

# The public column contract (design.md): names, order and units never change (each
# column's unit and meaning: sim/outputs.py).
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
    "sedation",
    "metabolite_um",
    "pyramidal_activity_rel",
    "interneuron_activity_rel",
    "adaptation",
    "synaptic_protein_rel",
    "fast_component",
    "outside_model_range",
)
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS

UNITS = outputs.units(COLUMNS)  # names, units and meanings: sim/outputs.py
# outputs that stand on the awake-brain models and lose their footing under anaesthesia
RANGE_LIMITED = tuple(c for c in COLUMNS if outputs.output(c).range_limited)
ESKETAMINE_LABEL_SESSIONS_PER_WEEK = 2  # SPRAVATO label: twice weekly at most


@dataclass(frozen=True)
class ReliefParams(Params):
    fast_weight: float = param(
        0.9, unit="-", label="Weight of the fast term a_F", min=0.0, max=10.0, step=0.1,
        source="relief at 2 h about half of that at 24 h (Zarate 2006)", basis=FITTED,
        fitted_to=("T11c",),
    )
    spine_weight: float = param(
        4.6, unit="-", label="Weight of the spine term a_S", min=0.0, max=20.0, step=0.1,
        source="drug's share of response at 24 h: 45-46 % on ketamine vs 18 % on midazolam "
        "(Wilkinson 2019)", basis=FITTED, fitted_to=("T11a",),
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
class RangeNote:
    """Where and why some outputs leave the range the model was built for."""

    from_h: float  # hours since the first dose
    reason: str  # one plain sentence
    columns: tuple[str, ...] = RANGE_LIMITED


@dataclass(frozen=True)
class Result:
    """Time (hours) plus named arrays and their units, in :data:`COLUMNS` order, and notes on
    where outputs leave the range the model was built for."""

    time_h: np.ndarray
    arrays: dict[str, np.ndarray]
    units: dict[str, str]
    notes: tuple[RangeNote, ...] = ()

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


def range_notes(schedule: Schedule, time_h: np.ndarray, sedation: np.ndarray
                ) -> tuple[RangeNote, ...]:
    """Where the outputs of a run leave the range the model was built for, and why."""
    notes = []
    unresponsive = np.flatnonzero(sedation >= acute.UNRESPONSIVE)
    if unresponsive.size:
        notes.append(RangeNote(
            float(time_h[unresponsive[0]]),
            "the brain level reaches anaesthesia (the person is unresponsive): glutamate, "
            "growth and relief were built for an awake brain at research doses"))
    esketamine = [e for e in schedule.events if e.drug == "esketamine"]
    other_route = [e for e in esketamine if e.route != "intranasal"]
    if other_route:
        notes.append(RangeNote(
            other_route[0].time_h,
            "esketamine is approved only as a nasal spray (SPRAVATO label): other routes are "
            "beyond what relief was compared with"))
    starts = sorted(e.time_h for e in esketamine)
    week_h = 7 * 24.0
    for i in range(ESKETAMINE_LABEL_SESSIONS_PER_WEEK, len(starts)):
        if starts[i] - starts[i - ESKETAMINE_LABEL_SESSIONS_PER_WEEK] < week_h:
            notes.append(RangeNote(
                starts[i],
                "more than two esketamine sessions in a week is beyond the label's schedule "
                "(SPRAVATO label), which the relief model was compared with"))
            break
    return tuple(notes)


def outside_range_flag(time_h: np.ndarray, notes: tuple[RangeNote, ...]) -> np.ndarray:
    """1 from the earliest note's time on, else 0."""
    if not notes:
        return np.zeros_like(time_h)
    return (time_h >= min(n.from_h for n in notes) - 1e-9).astype(float)


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
    effects = acute.simulate(brain, s.acute)
    growth = plasticity.simulate(s.hypothesis, step_h, net.glutamate_rel, block_i, block_p,
                                 levels.metabolite_um, effects.sedation, s.plasticity)
    notes = range_notes(s.schedule, t, effects.sedation)
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
        "sedation": effects.sedation,
        "metabolite_um": levels.metabolite_um,
        "pyramidal_activity_rel": net.pyramidal_rel,
        "interneuron_activity_rel": net.interneuron_rel,
        "adaptation": net.adaptation,
        "synaptic_protein_rel": growth.protein_rel,
        "fast_component": growth.fast_component,
        "outside_model_range": outside_range_flag(t, notes),
    }
    return Result(time_h=t, arrays=arrays, units=dict(UNITS), notes=notes)
