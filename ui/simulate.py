"""Cached simulation for the pages: keyed on primitive, step-snapped values only."""

from __future__ import annotations

import dataclasses

import streamlit as st

from sim import cascade, scenarios
from sim.plasticity import PlasticityParams
from sim.scenario_file import scenario_from_json
from sim.schedule import make_schedule

MAX_POINTS = 2000  # per trace, so charts stay light
NICE_STEPS_MIN = (1.0, 2.0, 4.0, 5.0, 8.0, 10.0, 20.0, 40.0, 60.0)  # divide a 40 min infusion


def step_for(hours: float) -> float:
    """The finest step (min) that keeps a run of ``hours`` within MAX_POINTS points."""
    for step in NICE_STEPS_MIN:
        if hours * 60.0 / step + 1 <= MAX_POINTS:
            return step
    return NICE_STEPS_MIN[-1]


@st.cache_data(max_entries=64, show_spinner=False)
def run_schedule(
    route: str, dose: float, dose_unit: str, weight_kg: float, duration_min: float, drug: str,
    sessions: int, every_h: float, hypothesis: str, stress: float, hours: float,
) -> tuple[cascade.Scenario, cascade.Result]:
    schedule = make_schedule(route, dose, dose_unit, weight_kg=weight_kg,
                             duration_min=duration_min, drug=drug, sessions=sessions,
                             every_h=every_h)
    scenario = cascade.Scenario(
        schedule=schedule, hypothesis=hypothesis, hours=hours, step_min=step_for(hours),
        plasticity=PlasticityParams(stress=stress))
    return scenario, cascade.simulate(scenario)


@st.cache_data(max_entries=64, show_spinner=False)
def run_preset(
    name: str, hypothesis: str, stress: float, hours: float
) -> tuple[cascade.Scenario, cascade.Result]:
    scenario = scenarios.preset_scenario(name, hypothesis=hypothesis, hours=hours,
                                         step_min=step_for(hours),
                                         plasticity=PlasticityParams(stress=stress))
    return scenario, cascade.simulate(scenario)


@st.cache_data(max_entries=8, show_spinner=False)
def run_file(text: str) -> tuple[cascade.Scenario, cascade.Result]:
    """A loaded scenario file, drawn with at most MAX_POINTS points per trace."""
    scenario = scenario_from_json(text)
    scenario = dataclasses.replace(scenario, step_min=step_for(scenario.hours))
    return scenario, cascade.simulate(scenario)
