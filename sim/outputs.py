"""The models' outputs, declared once: each column's name, unit and meaning.

Every table of results reads this registry: the time course of :mod:`sim.cascade`, the
steady-state table of :mod:`sim.steady`, the CSV and JSON of :mod:`sim.export`, the command
line (``python -m sim outputs`` lists it) and the figures' vocabulary (``figures/words.py``).
Which columns a table holds, and in what order, stays with the code that computes it.

``unit`` is the text the CSV and JSON give for the column (part of the public contract:
it never changes); ``short_unit`` is the same unit as a chart axis writes it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """One output column: what people call it, its unit, and what it means."""

    column: str  # the name in CSV headers, JSON and code
    name: str  # as people read it, on charts and in tables
    unit: str  # as the CSV and JSON state it
    description: str  # one sentence: what the number is
    short_unit: str  # as a chart axis writes it
    steady_unit: str = ""  # in the steady-state table (sim.steady), where it says more
    range_limited: bool = False  # stands on the awake-brain models (see sim.cascade)

    @property
    def unit_at_steady_state(self) -> str:
        return self.steady_unit or self.unit


OUTPUTS = (
    Output("time_h", "Time since the first dose", "h since first dose",
           "Hours since the first dose of the schedule.", "h"),
    Output("plasma_ng_per_ml", "Plasma level", "ng/mL (parent drug in plasma)",
           "Concentration of the parent drug in blood plasma.", "ng/mL"),
    Output("brain_um", "Brain level",
           "uM (effect-site level; racemic-equivalent for esketamine)",
           "Drug level where it acts in the brain, as racemic ketamine would reach it.", "uM",
           steady_unit="uM (held constant; racemic-equivalent)"),
    Output("nmda_block_interneuron", "Interneuron NMDA block", "fraction 0-1",
           "Share of interneurons' NMDA receptors blocked by the drug.", "fraction 0-1"),
    Output("nmda_block_pyramidal", "Pyramidal-cell NMDA block", "fraction 0-1",
           "Share of pyramidal cells' NMDA receptors blocked by the drug.", "fraction 0-1"),
    Output("glutamate_rel", "Glutamate", "relative to untreated baseline (1 = baseline)",
           "Glutamate released by pyramidal cells, against the untreated level.", "× baseline",
           steady_unit="steady state with slow feedback, relative to baseline",
           range_limited=True),
    Output("bdnf_rel", "BDNF", "relative to untreated baseline (1 = baseline)",
           "BDNF, the growth signal, against the untreated level.", "× baseline",
           steady_unit="steady state under the chosen hypothesis, relative to baseline",
           range_limited=True),
    Output("synapse_rel", "Spine density",
           "spine density relative to an unstressed, untreated brain (1 = baseline)",
           "Density of dendritic spines (synapses) against an unstressed, untreated brain.",
           "× an unstressed brain", range_limited=True),
    Output("dissociation", "Dissociation", "0-1 (conceptual scale)",
           "How detached from the body and surroundings a person feels, on a conceptual scale.",
           "0-1, conceptual scale"),
    Output("systolic_bp_change_mmhg", "Rise in systolic blood pressure",
           "mmHg change from baseline", "Change in systolic blood pressure from before the dose.",
           "mmHg"),
    Output("symptom_relief_index", "Illustrative relief index (not a clinical measure)",
           "0-1 (illustrative drug's share beyond placebo, not a clinical measure)",
           "The drug's share of relief beyond placebo; illustrative, not a clinical measure.",
           "0-1, illustrative", range_limited=True),
    Output("sedation", "Sedation", "0 awake to 1 surgical anaesthesia (conceptual scale)",
           "Depth of sedation, from awake (0) to surgical anaesthesia (1); conceptual.",
           "0-1, conceptual scale"),
    Output("metabolite_um", "(2R,6R)-HNK level",
           "uM ((2R,6R)-hydroxynorketamine, ketamine-equivalent)",
           "Level of the metabolite (2R,6R)-hydroxynorketamine, in ketamine-equivalent uM.",
           "uM"),
    Output("pyramidal_activity_rel", "Pyramidal-cell activity", "relative to baseline firing",
           "Firing of pyramidal (excitatory) cells against their untreated rate.", "× baseline",
           steady_unit="steady state, relative to baseline firing", range_limited=True),
    Output("interneuron_activity_rel", "Interneuron activity", "relative to baseline firing",
           "Firing of inhibitory interneurons against their untreated rate.", "× baseline",
           steady_unit="steady state, relative to baseline firing", range_limited=True),
    Output("adaptation", "Slow feedback", "dimensionless (slow negative feedback)",
           "The slow negative feedback that brings the glutamate surge back down.",
           "dimensionless", range_limited=True),
    Output("synaptic_protein_rel", "Synaptic proteins",
           "relative to untreated baseline (1 = baseline)",
           "Synaptic proteins made in response to BDNF, against the untreated level.",
           "× baseline", range_limited=True),
    Output("fast_component", "Fast term", "0-1 (trapped block, illustrative)",
           "The fast, spine-independent part of relief (trapped block); illustrative.",
           "0-1, illustrative", range_limited=True),
    Output("outside_model_range", "Outside the model's range",
           "1 where circuit, growth and relief leave the range the model was built for "
           "(see notes), else 0",
           "1 from where glutamate, growth and relief leave the awake, research-dose range.",
           "0 or 1"),
    Output("glutamate_rel_unadapted", "Glutamate, fast response (before the slow feedback)",
           "before the slow feedback acts, relative to baseline",
           "Glutamate at a held brain level before the slow feedback acts (steady-state table "
           "only).", "× baseline"),
)
BY_COLUMN = {o.column: o for o in OUTPUTS}


def output(column: str) -> Output:
    """The output called ``column`` (KeyError for an unknown one)."""
    return BY_COLUMN[column]


def units(columns, steady: bool = False) -> dict[str, str]:
    """Each column's unit as the CSV and JSON state it (``steady``: in the steady-state
    table)."""
    return {c: output(c).unit_at_steady_state if steady else output(c).unit for c in columns}
