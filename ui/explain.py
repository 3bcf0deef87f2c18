"""Show explainers in the app: objectives first, then the text, "try this" prompts with their
answers behind a click, what the model leaves out, and the sources."""

from __future__ import annotations

import re
from contextlib import contextmanager

import streamlit as st

from content import citations, explainers
from ui import presenter

HELP_NOTE = (
    "This explorer teaches how ketamine is thought to act; it cannot tell anyone whether a "
    "treatment suits them. If you are struggling with low mood or thoughts of suicide, please "
    "talk to a doctor or another professional, or contact a local crisis line in an emergency."
)


def source_line(key: str) -> str:
    """One source as a Markdown line: short cite, title, where it was published, link."""
    return citations.source_line(key, explainers.load_sources())


def show_try_this(explainer: explainers.Explainer) -> None:
    if not explainer.try_this:
        return
    st.markdown("**Try this**")
    for number, (prompt, answer) in enumerate(explainer.try_this, start=1):
        st.markdown(f"{number}. {explainers.render(prompt)}")
        with st.expander(f"Show the answer to {number}"):
            st.markdown(explainers.render(answer))


def show(explainer: explainers.Explainer, heading: bool = True) -> None:
    """The whole explainer, in reading order."""
    if heading:
        st.header(explainer.title)
    st.caption(f"{explainer.summary} About {explainer.reading_minutes} min to read.")
    st.markdown("**You will be able to**\n" + "\n".join(
        f"- {explainers.render(objective)}" for objective in explainer.objectives))
    # Its own headings sit under its title (h2): h3, whatever level the file gives them.
    st.markdown(re.sub(r"^#{1,3} ", "### ", explainers.render(explainer.body), flags=re.M))
    show_try_this(explainer)
    if explainer.not_modelled:
        with st.expander("What this model leaves out"):
            st.markdown("\n".join(f"- {explainers.render(item)}"
                                  for item in explainer.not_modelled))
    with st.expander("Sources for this text"):
        st.markdown("\n".join(source_line(key) for key in explainer.sources))
        st.caption("S1 to S5 are clinic articles: they tell us what is claimed. The research "
                   "papers tell us what has been shown.")
    st.caption(HELP_NOTE)
    st.caption(explainers.reviewed_line(explainer.reviewed))
    with st.expander("Report an error"):
        st.markdown(explainers.report_an_error())


def beside(page: str) -> None:
    """The page's own explainer, or a notice if its file is missing or broken."""
    try:
        explainer = explainers.page_explainer(page)
    except explainers.ContentError as problem:
        st.error(f"The explainer for this page cannot be shown: {problem}.",
                 icon=":material/error:")
        return
    if explainer is None:
        st.info("The explainer for this page is not written yet.", icon=":material/info:")
        return
    show(explainer)


@contextmanager
def layout(page: str):
    """Split the page: the simulation on the left (the ``with`` block), its explainer beside
    it on the right; on narrow screens the explainer follows it.

    The explainer is written after the block, so the charts reach the browser first."""
    if presenter.active():  # one chart at a time on a projector: the text stays on the laptop
        with st.container():
            yield
        return
    simulation, text = st.columns([3, 2], gap="large")
    with simulation:
        yield
    with text:
        beside(page)
