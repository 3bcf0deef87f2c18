"""The app's words as data, Streamlit-free: explainers, claims, sources and the glossary
(:mod:`.explainers`), citations (:mod:`.citations`), the teacher's guide and worksheets
(:mod:`.worksheets`) and the guided tour (:mod:`.tour`). ``python -m content`` validates them.
"""
