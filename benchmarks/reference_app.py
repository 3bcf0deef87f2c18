"""The smallest interactive Streamlit app with a chart: the yardstick for browser latency.

One slider and one Plotly line of 600 points. benchmarks/browser_latency.py measures how long
a key press on this slider takes to show, and compares each page of the explorer with it.
Run it alone with ``streamlit run benchmarks/reference_app.py``.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

POINTS = 600

st.title("Reference: one slider, one line")
k = st.slider("Frequency", min_value=1.0, max_value=20.0, value=5.0, step=0.5)
x = np.linspace(0.0, 1.0, POINTS)
fig = go.Figure(go.Scatter(x=x, y=np.sin(2 * np.pi * k * x), mode="lines", name="sine"))
fig.update_layout(title=f"sin(2π · {k:g} · x)", height=380, xaxis_title="x", yaxis_title="y")
st.plotly_chart(fig, width="stretch", key="line")
st.caption(f"A sine wave with frequency {k:g}, drawn with {POINTS} points.")
