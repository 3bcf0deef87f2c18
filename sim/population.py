"""An illustrative virtual population: from the relief index to "how many respond".

Model card
----------
People differ in how much a given brain change helps them. Each virtual person has a
sensitivity s drawn from a log-normal distribution (median 1, spread sigma); a person "responds"
at time t when s x relief(t) >= 0.5, half of the way to full relief (reference.md §9.4):

    fraction responding(t) = P(s >= 0.5 / relief(t)) = 1 - Phi(ln(0.5 / relief(t)) / sigma)

After the last session relief fades, and a responder with sensitivity s relapses when
s x relief falls back below 0.5. Because relief falls steadily, the median time to relapse among
responders is when relief reaches 0.5 / s_med, where s_med is the median sensitivity of those
who responded.

This is not a clinical prediction: it is how the teaching model is compared with trial
response rates (Wilkinson 2019; Han 2016; Murrough 2013). It leaves out placebo and
expectancy responses (midazolam 18 %, saline 1 % at 24 h in Wilkinson 2019), the natural course
of depression, and everything else that differs between people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.params import ILLUSTRATIVE, Params, param


@dataclass(frozen=True)
class PopulationParams(Params):
    spread: float = param(
        0.8, unit="-", label="Spread of sensitivity (log-normal sigma)", min=0.1, max=2.0,
        step=0.05, source=f"{ILLUSTRATIVE} (reference.md §9.4)",
    )
    threshold: float = param(
        0.5, unit="0-1", label="Relief that counts as a response", min=0.1, max=0.9, step=0.05,
        source=f"{ILLUSTRATIVE}: half of full relief, like a 50 % symptom drop in trials",
    )


def response_fraction(relief, p: PopulationParams = PopulationParams()) -> np.ndarray:
    """Fraction of the virtual population responding at each relief value."""
    from scipy.special import ndtr  # the normal cdf; imported when first needed (0.2 s)

    r = np.asarray(relief, dtype=float)
    with np.errstate(divide="ignore"):
        z = np.log(p.threshold / np.maximum(r, 0.0)) / p.spread
    return ndtr(-z)  # the normal upper tail


def median_days_to_relapse(
    time_h: np.ndarray, relief: np.ndarray, after_h: float,
    p: PopulationParams = PopulationParams(),
) -> float:
    """Median days from ``after_h`` (e.g. the last session) until responders relapse.

    Responders are those responding at ``after_h``. Returns ``inf`` if the median responder
    has not relapsed by the end of the simulation, ``nan`` if nobody responds.
    """
    i0 = int(np.searchsorted(time_h, after_h))
    start = relief[i0]
    responding = float(response_fraction(start, p))
    if responding <= 0:
        return float("nan")
    from scipy.special import ndtri  # the inverse normal cdf

    # median sensitivity among responders: P(s >= s_med) = responding / 2
    s_med = np.exp(p.spread * -ndtri(responding / 2.0))
    below = np.flatnonzero(relief[i0:] * s_med < p.threshold)
    if below.size == 0:
        return float("inf")
    return (time_h[i0 + below[0]] - after_h) / 24.0
