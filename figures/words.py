"""Shared vocabulary of the figures: the model's outputs as people read them (name and unit
from sim/outputs.py, display scale), the three hypotheses' names, and shares and ratios in words."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from figures.style import number
from sim import outputs

HYPOTHESIS_NAMES = {
    "disinhibition": "Disinhibition (glutamate surge)",
    "direct-block": "Direct block at rest",
    "metabolite": "Metabolite (HNK)",
}
HYPOTHESIS_WORDS = {
    "disinhibition": "disinhibition",
    "direct-block": "direct block",
    "metabolite": "the metabolite idea",
}


@dataclass(frozen=True)
class Output:
    """A model output as people read it: column, name, unit on the chart, display scale."""

    column: str
    name: str
    unit: str
    scale: float = 1.0
    words: str = ""  # the name in the middle of a sentence

    @property
    def in_words(self) -> str:
        return self.words or self.name.lower()

    def format(self, value: float) -> str:
        """Ratios to baseline with two decimals (1.13), other values as people write them."""
        return f"{value:.2f}" if self.unit.startswith("×") else number(value)


def _shown(column: str, unit: str = "", scale: float = 1.0, words: str = "") -> Output:
    """An output as the figures show it: name and unit from the registry (sim/outputs.py),
    unless the chart shows it otherwise (``unit`` and ``scale``: blocks as percentages)."""
    declared = outputs.output(column)
    return Output(column, declared.name, unit or declared.short_unit, scale, words)


OUTPUTS = {
    o.column: o
    for o in (
        _shown("plasma_ng_per_ml"),
        _shown("nmda_block_interneuron", "% blocked", 100.0, words="interneuron NMDA block"),
        _shown("nmda_block_pyramidal", "% blocked", 100.0, words="pyramidal-cell NMDA block"),
        _shown("glutamate_rel"),
        _shown("bdnf_rel", words="BDNF"),
        _shown("synaptic_protein_rel"),
        _shown("synapse_rel"),
        _shown("symptom_relief_index", words="the illustrative relief index"),
        _shown("dissociation"),
    )
}


def percent(fraction: float) -> str:
    return f"{100 * fraction:.0f} %"


def times(value: float) -> str:
    """A ratio to baseline in words: '1.9 times baseline'."""
    return f"{value:.2f} times baseline" if value < 1 else f"{value:.1f} times baseline"


def columns_table(table: dict, columns, prefix: str = "", max_rows: int = 2000) -> dict:
    """A chart's data for the 'show data' toggle: readable names with units, <= max_rows."""
    stride = max(1, int(np.ceil(len(table["time_h"]) / max_rows)))
    time = outputs.output("time_h")
    out = {f"{time.name} ({time.short_unit})": table["time_h"][::stride]}
    for c in columns:
        o = OUTPUTS[c]
        out[f"{prefix}{o.name} ({o.unit})"] = o.scale * table[c][::stride]
    return out
