"""Exact solution of linear compartment models under bolus and constant-rate inputs.

Model card
----------
Solves dx/dt = A x + u(t) on a uniform time grid, where u is a sum of instantaneous doses
(boluses) and constant-rate inputs over intervals (infusions). With A = V diag(lambda) V^-1,
each mode z = V^-1 x obeys z_k = exp(lambda h) z_(k-1) + g_k, where g_k collects the inputs
that fell inside the step (t_(k-1), t_k], integrated exactly:

* bolus a at t0:            g_k += c exp(lambda (t_k - t0))
* rate r over [s_a, s_b]:   g_k += c (exp(lambda (t_k - s_a)) - exp(lambda (t_k - s_b))) / -lambda

with c = V^-1 e_j (a or r). The recurrence is a first-order linear filter per mode
(:func:`sim.filters.recurrence`), so the whole solution is a sum of exponentials evaluated
exactly at the grid points: no step-size error, whatever the step. If A is not diagonalisable
(repeated rates), the solver falls back to stepping with the matrix exponential, which is
also exact.

Units are the caller's: time in minutes here, amounts in whatever the caller doses in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.filters import recurrence

_MAX_CONDITION = 1e8  # above this the eigenvectors are too ill-conditioned to trust


@dataclass(frozen=True)
class Bolus:
    time: float
    state: int
    amount: float


@dataclass(frozen=True)
class ConstantRate:
    start: float
    end: float
    state: int
    rate: float  # amount per unit time


class LinearSystem:
    """dx/dt = A x + inputs, with A's eigen-decomposition computed once."""

    def __init__(self, matrix: np.ndarray):
        self.matrix = matrix
        eigenvalues, vectors = np.linalg.eig(matrix)
        self.diagonalisable = bool(
            np.max(np.abs(eigenvalues.imag)) <= 1e-12
            and np.linalg.cond(vectors) <= _MAX_CONDITION
        )
        if self.diagonalisable:
            self.rates = eigenvalues.real
            self.vectors = vectors.real
            self.inverse = np.linalg.inv(self.vectors)

    def solve(
        self,
        times: np.ndarray,
        boluses: list[Bolus],
        rates: list[ConstantRate],
        observe: np.ndarray | None = None,
    ) -> np.ndarray:
        """Observed combinations of states at ``times`` (uniform grid starting at 0).

        ``observe`` (m x n_states) picks what to return, shape (m, len(times)); by default
        every state (the identity). Asking only for what is needed saves most of the work.
        """
        if observe is None:
            observe = np.eye(self.matrix.shape[0])
        if not self.diagonalisable:
            return observe @ _solve_by_stepping(self.matrix, times, boluses, rates).T
        forced, modes = _modes(self.rates, self.inverse, times, boluses, rates)
        # einsum, not @: a BLAS call here wakes its thread pool, which costs more than the product
        return np.einsum("ij,jk->ik", (observe @ self.vectors)[:, forced], modes)


def _modes(lam, inverse, times, boluses, rates) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the modes the inputs excite, and their coordinates z = V^-1 x at ``times``.

    Modes no input reaches stay at zero and are never allocated (most depots, for IV dosing).
    """
    step = times[1] - times[0] if len(times) > 1 else 1.0
    states = {b.state for b in boluses} | {r.state for r in rates}
    forced = np.flatnonzero(np.any(inverse[:, sorted(states)] != 0, axis=1)) if states else []
    lam = lam[forced]
    inverse = inverse[forced]
    forcing = np.zeros((len(forced), len(times)))

    for bolus in boluses:
        k = _first_index_at_or_after(times, step, bolus.time)
        if k < len(times):
            c = inverse[:, bolus.state] * bolus.amount
            forcing[:, k] += c * np.exp(lam * (times[k] - bolus.time))

    for rate in rates:
        k0 = max(_first_index_at_or_after(times, step, rate.start), 1)
        k1 = min(_first_index_at_or_after(times, step, rate.end), len(times) - 1)
        if k1 < k0:
            continue
        ks = np.arange(k0, k1 + 1)
        t_k = times[ks]
        s_a = np.maximum(rate.start, times[ks - 1])
        s_b = np.minimum(rate.end, t_k)
        c = inverse[:, rate.state] * rate.rate
        forcing[:, ks] += c[:, None] * _integrated_decay(lam[:, None], t_k - s_a, t_k - s_b)

    decay = np.exp(lam * step)
    for i in range(len(forced)):
        forcing[i] = recurrence(forcing[i], float(decay[i]))
    return forced, forcing


def _integrated_decay(lam: np.ndarray, since_start: np.ndarray, since_end: np.ndarray):
    """Integral of exp(lam * (t - s)) ds over the input interval, safe at lam = 0."""
    safe = np.where(lam == 0.0, 1.0, lam)
    exact = (np.exp(lam * since_start) - np.exp(lam * since_end)) / safe
    return np.where(lam == 0.0, since_start - since_end, exact)


def _first_index_at_or_after(times: np.ndarray, step: float, t: float) -> int:
    """Index of the first grid point at or after ``t`` (tolerant to rounding)."""
    k = int(np.ceil(t / step - 1e-9))
    return max(k, 0) if len(times) > 1 else (0 if t <= times[0] else 1)


def _solve_by_stepping(matrix, times, boluses, rates) -> np.ndarray:
    """Fallback: exact stepping with the matrix exponential between input breakpoints."""
    n = matrix.shape[0]
    breaks = sorted(
        {0.0, *(b.time for b in boluses), *(r.start for r in rates), *(r.end for r in rates)}
        | set(times.tolist())
    )
    x = np.zeros(n)
    out = np.zeros((len(times), n))
    index = {t: i for i, t in enumerate(times.tolist())}
    previous = 0.0
    for t in breaks:
        if t > previous:
            u = np.zeros(n)
            for r in rates:
                if r.start <= previous and t <= r.end:
                    u[r.state] += r.rate
            x = _step_exactly(matrix, x, u, t - previous)
            previous = t
        for b in boluses:
            if b.time == t:
                x[b.state] += b.amount
        if t in index:
            out[index[t]] = x
    return out


def _step_exactly(matrix, x, u, h):
    """x(h) for dx/dt = A x + u with constant u, via the augmented matrix exponential."""
    from scipy.linalg import expm  # only this rare fallback needs it (slow to import)

    n = matrix.shape[0]
    augmented = np.zeros((n + 1, n + 1))
    augmented[:n, :n] = matrix
    augmented[:n, n] = u
    return (expm(augmented * h) @ np.append(x, 1.0))[:n]
