"""Read: the topic explainers, one at a time, each with its sources."""

import streamlit as st

from content import explainers
from ui import controls, explain


def load() -> list[explainers.Explainer]:
    try:
        return explainers.topic_explainers()
    except explainers.ContentError as problem:
        st.error(f"The topics cannot be shown: {problem}.", icon=":material/error:")
        st.stop()


topics = load()
ids = tuple(t.id for t in topics) or ("none",)
SPECS = {
    "topic": controls.ChoiceSpec(
        "topic", "Topic", ids, ids[0], "Each topic takes a few minutes to read.",
        labels=tuple(t.title for t in topics) or ("No topics yet",)),
}

controls.page_start("Read: topics", list(SPECS.values()))

if not topics:
    st.info("No topics have been written yet.", icon=":material/info:")
    st.stop()

with st.sidebar:
    chosen = controls.choice(SPECS["topic"])

with st.expander("All topics", expanded=False):
    st.markdown("\n".join(f"- **{t.title}**: {t.summary} ({t.reading_minutes} min)"
                          for t in topics))
explain.show(next(t for t in topics if t.id == chosen))
