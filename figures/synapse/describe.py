"""The synapse picture in words: its text alternative, and the numbers in its title."""

from __future__ import annotations

from figures.style import HOURS_PER_DAY, when
from figures.synapse.geometry import BASELINE_COUNT, RECEPTORS_PER_CELL
from figures.synapse.state import SynapseState, counts, state_at


def time_label(hours: float) -> str:
    """A short, readable time: '5 min', '2.5 h', '1 day', '3.5 days'."""
    minutes = hours * 60.0
    if minutes < 59.5:
        return f"{minutes:.0f} min"
    if hours < HOURS_PER_DAY - 0.05:
        return f"{hours:.3g} h"
    days = hours / HOURS_PER_DAY
    return f"{days:.3g} day" + ("" if abs(days - 1) < 1e-9 else "s")


def _ratio(value: float, what: str, of: str = "baseline") -> str:
    if abs(value - 1.0) < 0.005:
        return f"{what} is at {of}"
    return f"{what} is {value:.2f} times {of}"


def describe_state(state: SynapseState) -> str:
    """Two sentences: the model's numbers, then what the picture draws for them."""
    at = "At the first dose" if state.time_h <= 0 else f"At {when(state.time_h)}"
    inter, pyr = (f"{100 * f:.0f} %" for f in (state.block_interneuron, state.block_pyramidal))
    if inter == "0 %" and pyr == "0 %":
        blocked = "no NMDA receptors are blocked"
    else:
        blocked = (f"{inter} of interneuron receptors and {pyr} of pyramidal-cell receptors "
                   "are blocked")
    spines = ("spine density is that of an unstressed brain" if abs(state.spines - 1) < 0.005
              else f"spine density is {state.spines:.2f} times that of an unstressed brain")
    c = counts(state)
    n = RECEPTORS_PER_CELL
    return (f"{at}: {blocked}; {_ratio(state.glutamate, 'glutamate')}; "
            f"{_ratio(state.bdnf, 'BDNF')}; {spines}. "
            f"The picture shows {c.blocked_interneuron} of {n} interneuron receptors and "
            f"{c.blocked_pyramidal} of {n} pyramidal-cell receptors plugged (filled squares; "
            f"open ones are rings), {c.glutamate} glutamate dots, {c.bdnf} BDNF diamonds and "
            f"{c.spines} spines ({BASELINE_COUNT} of each at baseline).")


def describe_synapse(result, time_h: float) -> str:
    """The picture at ``time_h`` hours in words, for screen readers and the caption."""
    return describe_state(state_at(result, time_h))


def readout(state: SynapseState, heading: str = "Inside the synapse") -> str:
    """The figure's title at a time: the key numbers, as Plotly draws text (HTML)."""
    return (f"<b>{heading}</b><br><b>{time_label(state.time_h)} after the first dose</b><br>"
            f"NMDA receptors blocked: interneuron {100 * state.block_interneuron:.0f} %, "
            f"pyramidal cell {100 * state.block_pyramidal:.0f} %<br>glutamate "
            f"{state.glutamate:.2f} ×, BDNF {state.bdnf:.2f} ×, spines {state.spines:.2f} × "
            "baseline")
