"""The app's words as data, Streamlit-free: explainers, claims, sources and the glossary
(:mod:`.explainers` gathers :mod:`.loading`, :mod:`.markup`, :mod:`.readability` and
:mod:`.checks`), citations (:mod:`.citations`), the teacher's guide and worksheets
(:mod:`.worksheets`, printed from ``templates/``), the guided tour (:mod:`.tour`), the page
registry (:mod:`.pages`) and links to pages (:mod:`.urls`, :mod:`.labels`).
``python -m content`` validates them.
"""
