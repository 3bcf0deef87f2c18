"""Cached simulation for the pages: keyed on primitive, step-snapped values only."""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable

import streamlit as st

from sim import cascade, scenarios
from sim.plasticity import PlasticityParams
from sim.scenario_file import scenario_from_json
from sim.schedule import make_schedule

MAX_POINTS = 2000  # per trace, so charts stay light
NICE_STEPS_MIN = (1.0, 2.0, 4.0, 5.0, 8.0, 10.0, 20.0, 40.0, 60.0)  # divide a 40 min infusion


class _Shared:
    """A bounded cache of a pure function's results, shared by every session in the process."""

    def __init__(self, func: Callable, max_entries: int):
        self.func, self.max_entries = func, max_entries
        self.values: OrderedDict = OrderedDict()
        self.pending: dict[tuple, threading.Lock] = {}
        self.lock = threading.Lock()

    def __call__(self, *args):
        key = args
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
            computing = self.pending.get(key)
            if computing is None:  # this caller computes it; callers for the same key wait
                computing = self.pending[key] = threading.Lock()
                computing.acquire()
                mine = True
            else:
                mine = False
        if not mine:
            with computing:  # until the first caller is done (if it raised, try again here)
                pass
            return self(*args)
        try:
            value = self.func(*args)
            with self.lock:
                self.values[key] = value
                while len(self.values) > self.max_entries:
                    self.values.popitem(last=False)
            return value
        finally:
            with self.lock:
                del self.pending[key]
            computing.release()

    def clear(self) -> None:
        with self.lock:
            self.values.clear()


_SHARED: dict[tuple[str, str], tuple[object, _Shared]] = {}
_SHARED_LOCK = threading.Lock()


def shared(max_entries: int) -> Callable[[Callable], _Shared]:
    """Keep up to ``max_entries`` results of a pure function of hashable positional arguments
    (least recently used dropped first), shared by every session, and hand out the kept
    object itself: callers must not change it. Exceptions are not kept.

    For a page script's functions too: Streamlit runs a page's code afresh on each full run,
    so its functions are new objects every time; the cache belongs to the function's compiled
    code (equal as long as its source is), so each run finds the last run's results. Cheaper
    on a hit than ``st.cache_data``, which hashes the arguments and unpickles a copy each time
    (measured in docs/implementation-notes.md, "Serving a class"). The first caller for a key
    computes it; others asking for the same key meanwhile wait for its result instead of
    computing it again (a class changing a setting together)."""

    def decorate(func: Callable) -> _Shared:
        code = func.__code__
        name = (code.co_filename, code.co_qualname)
        with _SHARED_LOCK:
            kept = _SHARED.get(name)
            if kept is None or not (kept[0] is code or kept[0] == code):
                kept = _SHARED[name] = (code, _Shared(func, max_entries))
            cache = kept[1]
            cache.func = func  # this run's globals, for the next value computed
        return cache

    return decorate


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
