"""Exact discrete forms of the slow linear stages shared by several models.

All functions take signals sampled on a uniform grid (step ``step``, same time unit as the time
constants) and treat them as piecewise linear between samples (first-order hold), which is how
the exact solution is computed. Signals start at rest: the first sample's deviation is zero.
"""

from __future__ import annotations

import numpy as np


def recurrence(forcing: np.ndarray, keep: float) -> np.ndarray:
    """y_k = keep * y_(k-1) + forcing_k, starting from y_(-1) = 0, for keep >= 0.

    The same as ``scipy.signal.lfilter([1], [1, -keep], forcing)``, which the app does not
    import: scipy.signal takes ~0.6 s to import, and the first chart waited for it. Solved in
    closed form, y_k = keep^k * sum_(i<=k) forcing_i keep^-i, in blocks short enough that
    keep^-i stays below exp(_MAX_LOG_GROWTH).
    """
    forcing = np.asarray(forcing, dtype=float)
    if keep <= 0.0:
        return forcing.copy()
    rate = -np.log(keep)  # >= 0
    block = len(forcing) if rate == 0.0 else max(1, int(_MAX_LOG_GROWTH / rate))
    if block < _SHORTEST_BLOCK:  # keeps almost nothing from step to step: a plain loop
        out, level = [], 0.0
        for value in forcing.tolist():
            level = keep * level + value
            out.append(level)
        return np.array(out)
    out = np.empty_like(forcing)
    level = 0.0  # y just before the block
    for start in range(0, len(forcing), block):
        chunk = forcing[start:start + block]
        grow = np.exp(rate * np.arange(len(chunk)))  # keep^-i
        out[start:start + len(chunk)] = (keep * level + np.cumsum(chunk * grow)) / grow
        level = out[start + len(chunk) - 1]
    return out


def first_order_lag(signal: np.ndarray, step: float, tau: float) -> np.ndarray:
    """y with tau dy/dt = u - y, y(0) = u(0), for u linear between samples (exact)."""
    a = np.exp(-step / tau)
    # y_k = a y_(k-1) + b0 u_k + b1 u_(k-1): the exact first-order-hold recurrence
    b0 = 1.0 - tau / step * (1.0 - a)
    b1 = tau / step * (1.0 - a) - a
    start = signal[0]
    u = signal - start
    forcing = b0 * u
    forcing[1:] += b1 * u[:-1]
    return recurrence(forcing, a) + start


def saturating_growth(drive: np.ndarray, ceiling: float, decay_rate: float, step: float):
    """S with dS/dt = drive (ceiling - S) - decay_rate S, S(0) = 0.

    ``drive`` (per time unit) is averaged over each step, so the per-step update is exact for a
    drive that is constant within the step; the result stays in [0, ceiling).
    """
    mean_drive = 0.5 * (drive[1:] + drive[:-1])
    total_rate = mean_drive + decay_rate  # > 0
    gain = mean_drive * ceiling / total_rate * -np.expm1(-total_rate * step)  # beta_k
    # S_(k+1) = alpha_k S_k + beta_k with alpha_k = exp(-total_rate step), solved in closed
    # form with a running log-product L; exp(-L) grows without bound, so the closed form
    # restarts in blocks before it could overflow. A step that keeps less than exp(-250) of S
    # keeps nothing in floating point anyway, so capping the decay there changes nothing.
    log_keep = np.cumsum(np.maximum(-total_rate * step, -0.5 * _MAX_LOG_GROWTH))
    out = np.zeros(len(drive))
    start, level = 0, 0.0
    while start < len(gain):
        base = log_keep[start - 1] if start else 0.0
        end = max(int(np.searchsorted(base - log_keep, _MAX_LOG_GROWTH)), start + 1)
        decayed = log_keep[start:end] - base
        weighted = np.cumsum(gain[start:end] * np.exp(-decayed))
        out[start + 1 : end + 1] = np.exp(decayed) * (level + weighted)
        start, level = end, out[end]
    return out


_MAX_LOG_GROWTH = 500.0  # exp(500) ~ 1e217: far from overflow, even after the sums
_SHORTEST_BLOCK = 16  # below this many steps per block, a Python loop is as quick


def peak_hold(signal: np.ndarray, step: float, tau: float) -> np.ndarray:
    """F_k = max(u_k, F_(k-1) exp(-step/tau)): follows rises at once, decays with tau."""
    ramp = np.arange(len(signal)) * (step / tau)
    with np.errstate(divide="ignore"):
        log_u = np.log(np.maximum(signal, 0.0))
    return np.exp(np.maximum.accumulate(log_u + ramp) - ramp)
