"""Figures: model results in, Plotly figure dicts and plain-language descriptions out.

Pure view-model, no Streamlit. One module per concept, named after its page: :mod:`.dose`,
:mod:`.receptor`, :mod:`.glutamate`, :mod:`.growth`, :mod:`.story` and the :mod:`.synapse`
picture; :mod:`.levels` holds what the receptor and glutamate charts against brain level share,
:mod:`.style` the shared base (colours, layouts, traces, times and numbers in words, tables),
:mod:`.words` the shared vocabulary (outputs' names and units, the hypotheses' names) and
:mod:`.thinning` which computed points a chart draws.
"""
