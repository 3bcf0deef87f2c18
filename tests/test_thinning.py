"""Charts draw a thinned set of the model's points: fewer bytes, the same picture."""

import numpy as np
import pytest

from figures.thinning import COLUMNS, kept


def test_short_series_are_drawn_whole():
    x = np.linspace(0, 1, 2 * COLUMNS)
    np.testing.assert_array_equal(kept(x, [np.sin(x)]), np.arange(2 * COLUMNS))


def test_a_one_point_spike_and_dip_survive_with_the_ends():
    x = np.linspace(0, 100, 20_001)
    y = np.zeros_like(x)
    y[7_777], y[12_345] = 5.0, -3.0
    keep = kept(x, [y])
    assert {0, 7_777, 12_345, len(x) - 1} <= set(keep)
    assert np.all(np.diff(keep) > 0), "ascending, each point once"
    assert len(keep) <= COLUMNS * 3 + 1


def test_every_line_keeps_its_own_extremes():
    x = np.linspace(0, 10, 5_000)
    lines = [np.sin(3 * x), np.cos(7 * x), np.exp(-x)]
    keep = kept(x, lines)
    for y in lines:
        assert y[keep].max() == y.max() and y[keep].min() == y.min()


@pytest.mark.parametrize("log", [False, True])
def test_the_thinned_line_looks_the_same(log):
    """A curve whose bends are wider than a few pixels, drawn back by straight lines between
    the kept points, is within 0.5 % of its range everywhere (on an even or a log axis).
    (Bends narrower than a pixel column keep their full height: the next test.)"""
    if log:
        x = np.geomspace(1 / 60, 24 * 14, 10_000)
        y = np.exp(-x / 200) / (1 + (x / 2) ** -1.5)  # rises over hours, fades over weeks
    else:
        x = np.linspace(0, 24 * 14, 10_000)
        y = (1 - np.exp(-x / 10)) * np.exp(-x / 100) + 0.1 * np.sin(2 * np.pi * x / 72)
    keep = kept(x, [y], log=log)
    assert len(keep) < len(x) / 5
    along = np.log(x) if log else x
    redrawn = np.interp(along, along[keep], y[keep])
    assert np.max(np.abs(redrawn - y)) < 0.005 * np.ptp(y)


def test_each_pixel_column_spans_the_same_values():
    """What a column of pixels shows is the range of the line within it: the kept points span
    exactly the same range in every slice, however jagged the line."""
    rng = np.random.default_rng(1)
    x = np.linspace(0, 1, 30_000)
    y = np.cumsum(rng.normal(size=x.size))
    keep = kept(x, [y])
    slice_of = np.minimum((x * COLUMNS).astype(int), COLUMNS - 1)
    for k in range(COLUMNS):
        every, some = y[slice_of == k], y[keep][slice_of[keep] == k]
        assert (some.min(), some.max()) == (every.min(), every.max())


def test_log_slices_keep_the_first_minutes():
    """On a log axis the first minutes take much of the width: every one of them is kept."""
    x = np.arange(1, 24 * 60 * 14 + 1) / 60  # one point a minute for two weeks (h)
    keep = kept(x, [np.exp(-x)], log=True)
    np.testing.assert_array_equal(keep[:30], np.arange(30))
