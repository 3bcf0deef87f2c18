"""The synapse picture: cells, NMDA receptors, glutamate, BDNF and spines drawn from the model.

Pure functions, no Streamlit. :func:`synapse_figure` draws the model's state at one time and
:func:`describe_synapse` says the same in words (the picture's text alternative).
:func:`animation` builds one figure whose frames step through a log-spaced grid of times
(:func:`time_grid`) in the browser, with play/pause buttons and a slider inside the figure, so
moving through time does not wait for the server; :meth:`Animation.at` shows it at one step
(:func:`synapse_animation` does both). The title of every frame carries the key numbers.
It never plays by itself and frames replace each other without tweening (reduced motion).

What is drawn (a schematic, not anatomy; sizes and places carry no meaning):

- an inhibitory interneuron (left, orange) ringed by :data:`RECEPTORS_PER_CELL` NMDA receptors,
  and its GABA "brake" on the pyramidal cell, drawn thinner as the interneuron fires less
  (``interneuron_activity_rel``);
- a pyramidal cell (right, sky blue) whose dendrite carries :data:`RECEPTORS_PER_CELL` NMDA
  receptors facing an axon terminal that releases glutamate into the cleft;
- a receptor is drawn open (a black ring) or blocked by ketamine (a filled vermillion square:
  a plug); ``round(block fraction x RECEPTORS_PER_CELL)`` of each cell's receptors are blocked,
  from ``nmda_block_interneuron`` and ``nmda_block_pyramidal``;
- glutamate dots in the cleft, BDNF diamonds around the spines and the spines on the dendrite:
  ``round(BASELINE_COUNT x level)`` of each, where the level is ``glutamate_rel``, ``bdnf_rel``
  and ``synapse_rel`` (1 = untreated, unstressed baseline), up to each pool's size.

Below the picture two small panels show the same outputs over time with a dotted cursor at the
time drawn. Colours are Okabe-Ito, and every element also differs in shape or line style, so
colour is never the only cue. Figures are plain dicts wrapped in
:class:`figures.style.PlainFigure` (no per-property checks on every rerun); the tests check
each one with Plotly.

The package, one module per part: :mod:`.geometry` (where everything sits), :mod:`.state`
(the model's numbers at a time and what they become on the picture), :mod:`.describe` (the
same in words), :mod:`.timegrid` (the times a page can show), :mod:`.picture` (the figure at
one time) and :mod:`.animation` (one figure with a frame per time).
"""

from figures.synapse.animation import Animation, animation, grid_table, synapse_animation
from figures.synapse.describe import describe_state, describe_synapse, readout, time_label
from figures.synapse.geometry import (
    BASELINE_COUNT,
    BDNF_POOL,
    GLUTAMATE_POOL,
    RECEPTORS_PER_CELL,
    SPINE_POOL,
)
from figures.synapse.picture import (
    BRAKE_WIDTH_PX,
    DYNAMIC,
    brake_width,
    levels_range,
    picture_alone,
    small_labels,
    synapse_figure,
    synapse_spec,
)
from figures.synapse.state import COLUMNS, Counts, SynapseState, counts, state_at, states_at
from figures.synapse.timegrid import FRAMES, START_H, nearest, time_grid

__all__ = [
    "BASELINE_COUNT", "BDNF_POOL", "BRAKE_WIDTH_PX", "COLUMNS", "DYNAMIC", "FRAMES",
    "GLUTAMATE_POOL", "RECEPTORS_PER_CELL", "SPINE_POOL", "START_H", "Animation", "Counts",
    "SynapseState", "animation", "brake_width", "counts", "describe_state", "describe_synapse",
    "grid_table", "levels_range", "nearest", "picture_alone", "readout", "small_labels",
    "state_at", "states_at",
    "synapse_animation", "synapse_figure", "synapse_spec", "time_grid", "time_label",
]
