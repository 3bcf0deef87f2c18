"""The times the synapse picture can show: log-spaced, rounded to what people say."""

from __future__ import annotations

import numpy as np

from figures.story import FIRST_MINUTE_H
from figures.style import HOURS_PER_DAY, HOURS_PER_WEEK
from figures.synapse.describe import time_label

FRAMES = 60  # points of the log-spaced time grid before rounding to readable times
START_H = 40 / 60  # the time a page opens at: the end of the standard 40-minute infusion


def readable_time(hours: float) -> float:
    """A time rounded to what people say: whole minutes, 5 minutes, half hours, hours, half
    days, days."""
    minutes = hours * 60.0
    if minutes < 10:
        return max(1.0, round(minutes)) / 60.0
    if minutes < 60:
        return 5 * round(minutes / 5) / 60.0
    if hours < 6:
        return round(hours * 2) / 2
    if hours < HOURS_PER_DAY:
        return float(round(hours))
    if hours < HOURS_PER_WEEK:
        return round(hours / 12) * 12.0
    return round(hours / HOURS_PER_DAY) * HOURS_PER_DAY


def time_grid(hours: float, points: int = FRAMES) -> tuple[float, ...]:
    """Log-spaced times (h) from the first minute to ``hours``, rounded to readable values,
    without repeats (45-50 times for one to six weeks). Always holds :data:`START_H`."""
    raw = np.geomspace(FIRST_MINUTE_H, hours, points)
    grid = sorted({readable_time(h) for h in raw if readable_time(h) <= hours} | {float(hours)}
                  | ({START_H} if START_H <= hours else set()))
    labels = [time_label(h) for h in grid]
    return tuple(h for k, h in enumerate(grid) if k == 0 or labels[k] != labels[k - 1])


def nearest(grid, hours: float) -> int:
    """Index of the grid time closest to ``hours`` on a log scale."""
    return int(np.argmin(np.abs(np.log(np.asarray(grid)) - np.log(max(hours, 1e-9)))))
