"""Figures for "NMDA blockade": receptor block against brain level, and the Mg²⁺ block
against membrane voltage.

Each figure function takes data in and returns ``(PlainFigure, description)``: the figure as a
plain dict (the tests check each with Plotly), and one plain sentence generated from the same
numbers the chart shows. Colours are Okabe-Ito and every trace also has its own line style or
marker, so colour is never the only cue.
"""

from __future__ import annotations

import numpy as np

from figures.levels import level_layout, marker, plateau, range_name, titled_16, vertical
from figures.style import PlainFigure, layout, line, number
from figures.words import percent
from sim import receptor

RESTING_MV = -70.0  # a typical resting membrane voltage
VOLTAGE_RANGE_MV = (-100.0, 40.0)
MG_IN_BRAIN_MM = 1.0  # about 1 mM Mg2+ in cerebrospinal fluid

BLOCK_COLUMNS = {
    "brain_um": "Brain level (µM)",
    "nmda_block_interneuron": "Interneuron-like receptors blocked (%)",
    "nmda_block_pyramidal": "Pyramidal-like receptors blocked (%)",
}


def block_table(levels_um, params: receptor.ReceptorParams = receptor.ReceptorParams()) -> dict:
    """Block of each kind of receptor (fractions 0-1) at each brain level (uM)."""
    c = np.asarray(levels_um, dtype=float)
    return {"brain_um": c,
            "nmda_block_interneuron": receptor.block_interneuron(c, params),
            "nmda_block_pyramidal": receptor.block_pyramidal(c, params)}


def describe_block(level_um: float, block_interneuron: float, block_pyramidal: float) -> str:
    """'At 0.8 µM, 44 % of interneuron-like receptors are blocked but only 12 % of ...'."""
    joined = "but only" if block_pyramidal < block_interneuron / 2 else "and"
    return (f"At {number(level_um)} µM ({range_name(level_um)}), "
            f"{percent(block_interneuron)} of interneuron-like receptors are blocked "
            f"{joined} {percent(block_pyramidal)} of pyramidal-like ones.")


def block_figure(
    table: dict, level_um: float, params: receptor.ReceptorParams = receptor.ReceptorParams()
) -> tuple[PlainFigure, str]:
    """Block vs brain level for both kinds of receptor, with the chosen level marked."""
    c = table["brain_um"]
    at = block_table([level_um], params)
    bi, bp = float(at["nmda_block_interneuron"][0]), float(at["nmda_block_pyramidal"][0])
    traces = [
        line(c, 100 * table["nmda_block_interneuron"], "Interneuron-like receptors", 0),
        line(c, 100 * table["nmda_block_pyramidal"], "Pyramidal-like receptors", 1),
        vertical(level_um, 0, 100, f"Chosen level, {number(level_um)} µM", 6, "solid"),
        plateau(0, 100),
        marker(level_um, 100 * bi, f"Interneuron-like at {number(level_um)} µM", 0),
        marker(level_um, 100 * bp, f"Pyramidal-like at {number(level_um)} µM", 1),
    ]
    fig = PlainFigure({"data": traces, "layout": level_layout(
        "Low levels block interneurons' NMDA receptors first", "Brain level (µM, log scale)",
        "Receptors blocked (%)", yaxis={"title": {"text": "Receptors blocked (%)"},
                                        "range": [0, 102]})})
    return fig, describe_block(level_um, bi, bp)


def mg_table(mg_mm: float, points: int = 281) -> dict:
    """Share of NMDA receptor current free of Mg2+ block (0-1) at each voltage (mV)."""
    v = np.linspace(*VOLTAGE_RANGE_MV, points)
    return {"voltage_mv": v, "mg_unblocked_fraction": receptor.mg_unblocked_fraction(v, mg_mm)}


MG_COLUMNS = {"voltage_mv": "Membrane voltage (mV)",
              "mg_unblocked_fraction": "Current free of Mg²⁺ block (%)"}


def describe_mg(mg_mm: float, voltage_mv: float) -> str:
    """One sentence comparing rest (-70 mV) with the chosen voltage."""
    if mg_mm == 0:
        return ("With no Mg²⁺, NMDA receptors are not plugged at any voltage: 100 % of their "
                "current can flow, even at rest.")
    rest = float(receptor.mg_unblocked_fraction(RESTING_MV, mg_mm))
    here = float(receptor.mg_unblocked_fraction(voltage_mv, mg_mm))
    start = (f"With {mg_mm:.1f} mM Mg²⁺, only {percent(rest)} of NMDA receptor current can "
             f"flow at rest ({RESTING_MV:.0f} mV)")
    if voltage_mv == RESTING_MV:
        return start + "."
    compare = "rising to" if here > rest else "falling to"
    return f"{start}, {compare} {percent(here)} at {voltage_mv:.0f} mV."


MG_TITLE = "Mg²⁺ plugs NMDA receptors at rest and lets go when a cell is depolarised"


def mg_figure(mg_mm: float, voltage_mv: float) -> tuple[PlainFigure, str]:
    """Share of NMDA current free of Mg2+ block vs voltage, rest and chosen voltage marked."""
    data = mg_table(mg_mm)
    v = data["voltage_mv"]
    rest = float(receptor.mg_unblocked_fraction(RESTING_MV, mg_mm))
    here = float(receptor.mg_unblocked_fraction(voltage_mv, mg_mm))
    traces = [
        line(v, 100 * data["mg_unblocked_fraction"], f"With {mg_mm:.1f} mM Mg²⁺", 0),
        line(v, np.full_like(v, 100.0), "With no Mg²⁺ (for comparison)", 1),
        vertical(voltage_mv, 0, 100, f"Chosen voltage, {voltage_mv:.0f} mV", 6, "solid"),
        vertical(RESTING_MV, 0, 100, f"At rest, {RESTING_MV:.0f} mV", 4, "dash", width=3.5),
        marker(RESTING_MV, 100 * rest, f"At rest, {RESTING_MV:.0f} mV", 4),
        marker(voltage_mv, 100 * here, f"At {voltage_mv:.0f} mV", 6),
    ]
    title, y_title = MG_TITLE, "Current free of Mg²⁺ block (%)"
    spec = layout(
        title, "Membrane voltage (mV)", y_title, height=440,
        xaxis={"title": {"text": "Membrane voltage (mV)"}, "range": list(VOLTAGE_RANGE_MV),
               "dtick": 20},
        yaxis={"title": {"text": y_title}, "range": [0, 105]},
        legend={"orientation": "h", "y": -0.22})
    return PlainFigure({"data": traces, "layout": titled_16(spec)}), describe_mg(mg_mm, voltage_mv)
