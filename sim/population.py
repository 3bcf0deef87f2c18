"""An illustrative virtual population: from the relief index to "how many respond".

Model card
----------
People differ in how much a given brain change helps them. Each virtual person has a
sensitivity s drawn from a log-normal distribution (median 1, spread sigma); a person responds
*because of the drug* at time t when s x relief(t) >= 0.5, half of the way to full relief:

    drug's share responding(t) = P(s >= 0.5 / relief(t)) = 1 - Phi(ln(0.5 / relief(t)) / sigma)

Trials also see a placebo response: people in the comparison arm improve too (midazolam 18 %,
saline 1 % at 24 h after one infusion [1]; placebo spray with a new oral antidepressant 9.4 %
at day 2 and 45.2 % at day 28 [2]). The model does not simulate it. Where the app shows response
rates it puts the trials' placebo arm beside the model's drug share, and the two together as a
trial's drug arm would see them, assuming a person responds if either would make them respond:

    drug arm = 1 - (1 - placebo arm) (1 - drug's share)

After the last session relief fades, and a responder with sensitivity s relapses when
s x relief falls back below 0.5. Because relief falls steadily, the median time to relapse among
responders is when relief reaches 0.5 / s_med, where s_med is the median sensitivity of those
who responded.

This is not a clinical prediction: it is how the teaching model is compared with trial
response rates [1, 3, 4]. It leaves out the natural course of depression, how placebo
responses last, and everything else that differs between people.

References
----------
1. Wilkinson ST et al. 2019, Neuropsychopharmacology 44:1233 (pooled, model-estimated rates).
2. Turkoz I et al. 2021 (pooled TRANSFORM-1 and -2 esketamine trials).
3. Han Y et al. 2016, Neuropsychiatr Dis Treat 12:2859.
4. Murrough JW et al. 2013, Biol Psychiatry 74:250.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.params import ILLUSTRATIVE, Params, param


@dataclass(frozen=True)
class PopulationParams(Params):
    spread: float = param(
        0.8, unit="-", label="Spread of sensitivity (log-normal sigma)", min=0.1, max=2.0,
        step=0.05, source="a wide spread: people respond very differently (Wilkinson 2019)",
        basis=ILLUSTRATIVE,
    )
    threshold: float = param(
        0.5, unit="0-1", label="Relief that counts as a response", min=0.1, max=0.9, step=0.05,
        source="half of full relief, like the 50 % symptom drop trials count (Han 2016)",
        basis=ILLUSTRATIVE,
    )


@dataclass(frozen=True)
class PlaceboArm:
    """A trial's comparison arm: the share of people who responded without the drug."""

    share: float  # 0-1
    what: str  # what the comparison arm received, and when it was measured
    source: str  # short cite in explainers/sources.yaml


# The comparison arms the app shows beside the model's drug share, by drug and time.
PLACEBO_ARMS = {
    "racemic": PlaceboArm(0.18, "midazolam, 24 h after one infusion", "Wilkinson 2019"),
    "esketamine": PlaceboArm(0.094, "placebo spray with a new oral antidepressant, day 2",
                             "Turkoz 2021"),
}
ESKETAMINE_DAY_28_PLACEBO = PlaceboArm(
    0.452, "placebo spray with a new oral antidepressant, day 28", "Turkoz 2021")


def response_fraction(relief, p: PopulationParams = PopulationParams()) -> np.ndarray:
    """Drug's share: fraction of the virtual population responding because of the drug."""
    from scipy.special import ndtr  # the normal cdf; imported when first needed (slow import)

    r = np.asarray(relief, dtype=float)
    with np.errstate(divide="ignore"):
        z = np.log(p.threshold / np.maximum(r, 0.0)) / p.spread
    return ndtr(-z)  # the normal upper tail


def with_placebo(drug_share, placebo_share: float):
    """What a trial's drug arm would see: the drug's share on top of the placebo response."""
    return 1.0 - (1.0 - placebo_share) * (1.0 - np.asarray(drug_share, dtype=float))


def drug_share_of(drug_arm: float, placebo_share: float) -> float:
    """The inverse of :func:`with_placebo`: the drug's share in a trial's published rates."""
    return 1.0 - (1.0 - drug_arm) / (1.0 - placebo_share)


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
