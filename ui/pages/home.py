"""Home: what this is, the conceptual label, and the presets the model already runs."""

import streamlit as st

from sim.export import DISCLAIMER
from sim.scenarios import PRESETS

st.title("Ketamine Mechanisms Explorer")
st.warning(DISCLAIMER, icon="⚠️")
st.markdown(
    "This is an interactive simulation of the *proposed* ways ketamine acts on the brain: "
    "how a dose becomes a level in the blood and brain, how it blocks NMDA receptors, why "
    "glutamate surges at low doses but not at anaesthetic ones, and how BDNF may drive new "
    "synapses over days. Every model is simplified on purpose, and every number in it names "
    "its source. The interactive pages are being built; the models behind them already run."
)
st.subheader("Published protocols the models reproduce")
st.table(
    {
        "Preset": [p.name for p in PRESETS.values()],
        "What it is": [p.description for p in PRESETS.values()],
        "Source": [p.source for p in PRESETS.values()],
    }
)
