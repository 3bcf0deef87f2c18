"""The fast cascade against an independent ODE integration of the same equations
(tests/ode_reference.py: solve_ivp, LSODA, tight tolerances) on the two-week, six-infusion IV
course at 1-minute resolution. Each contract column is compared as max|fast - ref| divided by
max|ref - ref[0]|, that is relative to how far the output moves from its baseline."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from ode_reference import MIN_PER_H, check_supported, compare, reference_outputs

from sim import cascade, scenarios

TOLERANCE_PCT = 0.5  # of each column's swing; the reference's own error is far below it


@pytest.fixture(scope="module")
def course() -> tuple[cascade.Result, dict[str, np.ndarray]]:
    scenario = scenarios.preset_scenario("iv-course", hours=14 * 24, step_min=1.0)
    check_supported(scenario)
    fast = cascade.simulate(scenario)
    return fast, reference_outputs(scenario, fast.time_h * MIN_PER_H)


def test_every_column_matches_the_ode_reference(course):
    fast, reference = course
    rows = compare(fast, reference)
    assert {name for name, _, _ in rows} == set(cascade.CONTRACT_COLUMNS[1:])
    off = [(name, f"{error:.2g} % at {hour:.2f} h") for name, error, hour in rows
           if error > TOLERANCE_PCT]
    assert not off, off


def test_the_comparison_catches_a_two_percent_error(course):
    """Negative control: glutamate 2 % too high at its peak fails the check."""
    fast, reference = course
    wrong = dataclasses.replace(fast, arrays={
        **fast.arrays, "glutamate_rel": 1 + 1.02 * (fast["glutamate_rel"] - 1)})
    errors = {name: error for name, error, _ in compare(wrong, reference)}
    assert errors["glutamate_rel"] > TOLERANCE_PCT
