"""Which computed points a chart draws: a few per column of pixels, never a peak lost.

A chart about 700 pixels wide cannot show more than a few points per pixel column, but every
point sent is parsed and drawn by the browser on every slider move. :func:`kept` splits the x
axis, as it is drawn (even or log scale), into :data:`COLUMNS` equal slices and keeps, in each
slice, its first point and the lowest and highest point of every line, plus the last point of
all. Every point kept is a point the model computed, and every peak and trough is still drawn
at its true height and time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

COLUMNS = 250  # slices of the x axis: under 3 pixels each on a chart 700-800 pixels wide


def kept(x: np.ndarray, ys: Sequence[np.ndarray], log: bool = False,
         columns: int = COLUMNS) -> np.ndarray:
    """Indices (ascending) of the points to draw of lines ``ys`` over increasing ``x``.

    With ``log=True`` the slices are equal on a log axis (x must then be > 0)."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    if n <= 2 * columns:
        return np.arange(n)
    position = np.log(x) if log else x
    span = position[-1] - position[0]
    if not np.isfinite(span) or span <= 0:
        return np.arange(n)
    slice_of = np.minimum(((position - position[0]) / span * columns).astype(int), columns - 1)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    keep[np.flatnonzero(np.diff(slice_of)) + 1] = True  # the first point of each slice
    starts = np.flatnonzero(np.r_[True, np.diff(slice_of) != 0])
    ends = np.r_[starts[1:], n] - 1
    for y in ys:
        order = np.lexsort((np.asarray(y, dtype=float), slice_of))  # by slice, then by value
        keep[order[starts]] = True  # lowest in each slice
        keep[order[ends]] = True  # highest in each slice
    return np.flatnonzero(keep)
