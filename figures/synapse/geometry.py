"""Where everything sits on the synapse picture, and how many of each thing it can draw.

A schematic, not anatomy: sizes and places carry no meaning. Positions are fixed (the same
picture for the same numbers) and made once: every frame shares these lists.
"""

from __future__ import annotations

import numpy as np

RECEPTORS_PER_CELL = 20  # one receptor drawn = 5 % of a cell's NMDA receptors
BASELINE_COUNT = 12  # glutamate dots, BDNF diamonds and spines drawn at baseline (level 1)
GLUTAMATE_POOL = 48  # at most 4 x baseline drawn
BDNF_POOL = 40  # at most 3.3 x baseline drawn
SPINE_POOL = 24  # at most 2 x an unstressed brain drawn

# Schematic units on a 160 x 90 grid; positions sent to the browser are whole numbers, which
# are quicker to write into every frame than decimals.
WIDTH, HEIGHT = 160, 90
INTERNEURON = (24, 54, 10)  # centre x, centre y, radius
RING = 13  # radius of the interneuron's receptor ring
DENDRITE = (46, 126, 26, 34)  # x0, x1, y0, y1 of the pyramidal cell's dendrite
SOMA = "M 124,30 L 152,13 L 152,47 Z"  # the pyramidal cell body, a triangle
TERMINAL = (52, 122, 51, 65)  # the axon terminal above the dendrite
CLEFT = (54, 120, 38, 48)  # where released glutamate is drawn
SPINE_X = (50, 122)
SPINE_BASE_Y, SPINE_HEADS_Y = DENDRITE[2], (20, 16)  # short and long spines alternate
BDNF_BOX = (49, 123, 3, 12)
BRAKE_X, BRAKE_Y = (33, 42, 50), (47, 40, 35)
GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0


def _ring() -> tuple[np.ndarray, np.ndarray]:
    angle = np.linspace(0.0, 2.0 * np.pi, RECEPTORS_PER_CELL, endpoint=False) + np.pi / 2
    x, y, _ = INTERNEURON
    return x + RING * np.cos(angle), y + RING * np.sin(angle)


def _rounded(values: np.ndarray) -> list[int]:
    return [round(float(v)) for v in values]


def _points(x: np.ndarray, y: np.ndarray, order: np.ndarray) -> tuple[list, list]:
    """Positions as lists in the order items appear (the first k are drawn for a count k)."""
    return _rounded(x[order]), _rounded(y[order])


_rng = np.random.default_rng(2)  # fixed positions: the same picture for the same numbers
_order = np.argsort((np.arange(RECEPTORS_PER_CELL) * GOLDEN) % 1.0, kind="stable")
INTERNEURON_RECEPTORS = _points(*_ring(), _order)
PYRAMIDAL_RECEPTORS = _points(np.linspace(CLEFT[0], CLEFT[1], RECEPTORS_PER_CELL),
                              np.full(RECEPTORS_PER_CELL, DENDRITE[3] + 1.5), _order)
GLUTAMATE_DOTS = (_rounded(_rng.uniform(CLEFT[0], CLEFT[1], GLUTAMATE_POOL)),
                  _rounded(_rng.uniform(CLEFT[2], CLEFT[3], GLUTAMATE_POOL)))
BDNF_DOTS = (_rounded(_rng.uniform(BDNF_BOX[0], BDNF_BOX[1], BDNF_POOL)),
             _rounded(_rng.uniform(BDNF_BOX[2], BDNF_BOX[3], BDNF_POOL)))
_spine_order = np.argsort((np.arange(SPINE_POOL) * GOLDEN) % 1.0, kind="stable")
SPINE_XS = _rounded(np.linspace(*SPINE_X, SPINE_POOL)[_spine_order])
SPINE_HEAD_YS = [SPINE_HEADS_Y[j % 2] for j in _spine_order]
# spine necks as one line with gaps: three entries per spine, so n spines are the first 3n
NECKS = ([v for x in SPINE_XS for v in (x, x, None)],
         [v for y in SPINE_HEAD_YS for v in (SPINE_BASE_Y, y, None)])


def _firsts(points: tuple[list, list], most: int, per_item: int = 1) -> list[tuple[list, list]]:
    """The positions of the first k items, for every k from 0 to ``most``, made once: frames
    share these lists (and never change them), so building 50 frames allocates little, which
    keeps Python's garbage collector out of the page's rerun."""
    x, y = points
    return [(x[:per_item * k], y[:per_item * k]) for k in range(most + 1)]


def _lasts(points: tuple[list, list], most: int) -> list[tuple[list, list]]:
    """The positions after the first k items, for every k (the receptors left open)."""
    x, y = points
    return [(x[k:], y[k:]) for k in range(most + 1)]


PLUGGED = {"interneuron": _firsts(INTERNEURON_RECEPTORS, RECEPTORS_PER_CELL),
           "pyramidal": _firsts(PYRAMIDAL_RECEPTORS, RECEPTORS_PER_CELL)}
OPEN = {"interneuron": _lasts(INTERNEURON_RECEPTORS, RECEPTORS_PER_CELL),
        "pyramidal": _lasts(PYRAMIDAL_RECEPTORS, RECEPTORS_PER_CELL)}
GLUTAMATE_DRAWN = _firsts(GLUTAMATE_DOTS, GLUTAMATE_POOL)
BDNF_DRAWN = _firsts(BDNF_DOTS, BDNF_POOL)
NECKS_DRAWN = _firsts(NECKS, SPINE_POOL, per_item=3)
HEADS_DRAWN = _firsts((SPINE_XS, SPINE_HEAD_YS), SPINE_POOL)
