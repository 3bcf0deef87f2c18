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


CARDS = 2  # "Try this" cards beside the play area; the rest are in "Read more"


def show_try_this(explainer: explainers.Explainer, first: int = 1) -> None:
    """The explainer's "try this" prompts from number ``first`` on, answers behind a click."""
    if len(explainer.try_this) < first:
        return
    st.markdown("**Try this**" if first == 1 else "**More to try**")
    for number, (prompt, answer) in enumerate(explainer.try_this[first - 1:], start=first):
        st.markdown(f"{number}. {explainers.render(prompt)}")
        with st.expander(f"Show the answer to {number}"):
            st.markdown(explainers.render(answer))


def _explainer(page: str) -> explainers.Explainer | None:
    """The page's own explainer, or None with a notice if its file is missing or broken."""
    try:
        explainer = explainers.page_explainer(page)
    except explainers.ContentError as problem:
        st.error(f"The explainer for this page cannot be shown: {problem}.",
                 icon=":material/error:")
        return None
    if explainer is None:
        st.info("The explainer for this page is not written yet.", icon=":material/info:")
    return explainer


def try_cards(page: str) -> None:
    """The first :data:`CARDS` "try this" prompts as cards beside the play area, each
    answer behind a click (PhET's "things to try" next to the sim). Not on a projector: there
    the chart keeps the screen (the teacher's guide holds the questions for the room)."""
    if presenter.active():
        return
    try:
        explainer = explainers.page_explainer(page)
    except explainers.ContentError:
        return  # "Read more" says what is wrong with the file
    if explainer is None:
        return
    for number, (prompt, answer) in enumerate(explainer.try_this[:CARDS], start=1):
        with st.container(border=True, key=f"try_card_{number}"):
            st.markdown(f"**Try this {number}.** {explainers.render(prompt)}")
            with st.expander(f"Show the answer to {number}"):
                st.markdown(explainers.render(answer))


def show(explainer: explainers.Explainer, heading: bool = True, first_try: int = 1) -> None:
    """The whole explainer, in reading order (its "try this" prompts from ``first_try``)."""
    if heading:
        st.header(explainer.title)
    st.caption(f"{explainer.summary} About {explainer.reading_minutes} min to read.")
    st.markdown("**You will be able to**\n" + "\n".join(
        f"- {explainers.render(objective)}" for objective in explainer.objectives))
    # Its own headings sit under its title (h2): h3, whatever level the file gives them.
    st.markdown(re.sub(r"^#{1,3} ", "### ", explainers.render(explainer.body), flags=re.M))
    show_try_this(explainer, first_try)
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
    explainer = _explainer(page)
    if explainer is not None:
        show(explainer)


def read_more(page: str, first_try: int = CARDS + 1) -> None:
    """The page's explainer in a "Read more" drawer under the play area, closed: the play
    area keeps the screen (issue 21); its first "try this" prompts are the cards."""
    try:
        explainer = explainers.page_explainer(page)
    except explainers.ContentError:
        explainer = None  # the drawer says what is wrong
    title = (f"Read more: {explainer.title} (about {explainer.reading_minutes} min)"
             if explainer else "Read more")
    with st.expander(title, icon=":material/menu_book:"):
        if explainer is None:
            _explainer(page)  # says what is wrong
        else:
            show(explainer, first_try=first_try)


@contextmanager
def layout(page: str):
    """The play area (the ``with`` block), then the page's explainer in a "Read more" drawer
    under it. Written after the block, so the charts reach the browser first."""
    with st.container():
        yield
    if not presenter.active():  # one chart at a time on a projector: the text stays on the laptop
        read_more(page)


PICTURE_SOURCES = 3  # how many of a page's sources a downloaded chart picture names


def picture_sources(page: str) -> str:
    """The line a downloaded chart picture carries about its evidence: the first primary
    sources the page's explainer lists (not the clinic articles), each with its link, so a
    reader holding a printed picture can open them."""
    try:
        explainer = explainers.page_explainer(page)
        sources = explainers.load_sources()
    except explainers.ContentError:
        return ""
    if explainer is None:
        return ""
    found = [sources[k] for k in explainer.sources if k in sources and not sources[k].clinic]
    return "Main sources: " + "; ".join(
        f"{s.cite} {s.link}".strip() for s in found[:PICTURE_SOURCES]) if found else ""
