"""The model's state at a time, as the synapse picture draws it, and the counts drawn for it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from figures.synapse.geometry import (
    BASELINE_COUNT,
    BDNF_POOL,
    GLUTAMATE_POOL,
    RECEPTORS_PER_CELL,
    SPINE_POOL,
)

COLUMNS = ("nmda_block_interneuron", "nmda_block_pyramidal", "glutamate_rel", "bdnf_rel",
           "synapse_rel", "interneuron_activity_rel")


@dataclass(frozen=True)
class SynapseState:
    """The outputs the picture draws, at one time (hours since the first dose)."""

    time_h: float
    block_interneuron: float  # fraction 0-1
    block_pyramidal: float  # fraction 0-1
    glutamate: float  # x untreated baseline
    bdnf: float  # x untreated baseline
    spines: float  # spine density, x an unstressed, untreated brain
    interneuron_activity: float  # x baseline firing


def states_at(result, times_h) -> list[SynapseState]:
    """The state at each time (h), interpolated between the computed points of ``result``
    (a :class:`~sim.cascade.Result` or any table with ``time_h`` and :data:`COLUMNS`)."""
    times = np.atleast_1d(np.asarray(times_h, dtype=float))
    t = result["time_h"]
    values = [np.interp(times, t, result[c]) for c in COLUMNS]
    return [SynapseState(float(h), *(float(v[k]) for v in values))
            for k, h in enumerate(times)]


def state_at(result, time_h: float) -> SynapseState:
    return states_at(result, [time_h])[0]


@dataclass(frozen=True)
class Counts:
    """How many of each thing the picture draws."""

    blocked_interneuron: int
    blocked_pyramidal: int
    glutamate: int
    bdnf: int
    spines: int


def counts(state: SynapseState) -> Counts:
    n = RECEPTORS_PER_CELL
    return Counts(
        blocked_interneuron=min(n, max(0, round(state.block_interneuron * n))),
        blocked_pyramidal=min(n, max(0, round(state.block_pyramidal * n))),
        glutamate=min(GLUTAMATE_POOL, max(0, round(BASELINE_COUNT * state.glutamate))),
        bdnf=min(BDNF_POOL, max(0, round(BASELINE_COUNT * state.bdnf))),
        spines=min(SPINE_POOL, max(0, round(BASELINE_COUNT * state.spines))))
