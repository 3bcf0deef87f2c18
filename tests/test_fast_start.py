"""The app computes what scipy would, without importing the slow parts of scipy when it starts:
sim.filters.recurrence is scipy.signal.lfilter for a first-order filter (0.6 s to import), and
the circuit's sigmoid is scipy.special.expit."""

import subprocess
import sys

import numpy as np
import pytest
from scipy.signal import lfilter

from sim.filters import first_order_lag, recurrence


@pytest.mark.parametrize("keep", [0.0, 1e-30, 1e-6, 0.01, 0.5, 0.9, 0.999, 1 - 1e-9, 1.0, 1.001])
def test_recurrence_matches_lfilter(keep):
    rng = np.random.default_rng(int(keep * 1000))
    forcing = rng.normal(size=5000) * rng.choice([1e-3, 1.0, 1e3], size=5000)
    expected = lfilter([1.0], [1.0, -keep], forcing)
    np.testing.assert_allclose(recurrence(forcing, keep), expected, rtol=1e-9,
                               atol=1e-12 * np.max(np.abs(expected)))


def test_recurrence_across_block_edges_of_a_fast_decay():
    """A single pulse decays as keep^k through many closed-form blocks."""
    keep = np.exp(-0.3)  # blocks of 1,666 steps
    forcing = np.zeros(10_000)
    forcing[0] = 1.0
    np.testing.assert_allclose(recurrence(forcing, keep), keep ** np.arange(10_000), rtol=1e-12,
                               atol=1e-300)


@pytest.mark.parametrize(("step", "tau"), [(1.0, 0.01), (1.0, 30.0), (20.0, 1e4)])
def test_first_order_lag_matches_the_lfilter_form(step, tau):
    signal = np.abs(np.sin(np.linspace(0, 20, 3000))) * 5 + 1
    a = np.exp(-step / tau)
    b0 = 1.0 - tau / step * (1.0 - a)
    b1 = tau / step * (1.0 - a) - a
    expected = lfilter([b0, b1], [1.0, -a], signal - signal[0]) + signal[0]
    np.testing.assert_allclose(first_order_lag(signal, step, tau), expected, rtol=1e-9)


def test_the_dose_page_starts_without_the_slow_parts_of_scipy():
    """scipy.signal, .stats, .linalg and .special take ~1 s together to import, all before the
    first chart could be sent. The modules the dose page needs load none of them (the story's
    population numbers and a rare solver fallback import theirs when first used)."""
    code = ("import sys, sim.cascade, sim.export, sim.population, content.explainers, "
            "figures.dose, ui.simulate; print(sorted(m for m in sys.modules if m.split('.')[:2] in "
            "(['scipy', 'signal'], ['scipy', 'stats'], ['scipy', 'linalg'], "
            "['scipy', 'special'])))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_circuit_sigmoid_is_scipys_expit():
    from scipy.special import expit

    from sim.circuit import _sigmoid, _sigmoid_of_float

    x = np.linspace(-700, 700, 200_001)
    np.testing.assert_allclose(_sigmoid(x), expit(x), rtol=1e-15)
    assert _sigmoid(0.3) == pytest.approx(expit(0.3), rel=1e-15)
    one_at_a_time = np.array([_sigmoid_of_float(float(v)) for v in x[::97]])
    np.testing.assert_allclose(one_at_a_time, expit(x[::97]), rtol=1e-15)
